"""The bare baseline for bench/suite.py: plain Flask-SocketIO that counts votes in memory.

    .venv/bin/python bench/bare_server.py --port 5001 [--async-mode eventlet|gevent|threading]

What a real-time vote needs and nothing more, with Mesa's event shapes so the same swarm drives
both: `POST /api/v1/join` hands out a token; `POST /bench/rounds` opens a round (the last one
opened is the current one); a socket on `/live` connects with `auth = {"token", "session_id"}`
(`"view": "projector"` joins the projector room) and gets a small `state`; `vote`
`{"round_id", "value", "client_vote_id"}` is counted per round and participant (the last counts)
and acked `{"ok": true, "round_id", "client_vote_id", "duplicate": false}`; a background task
sends `tally` `{"round_id", "turnout": {"joined", "voted"}, "tally": {"total", "counts"}}` to the
projector room at most 4 times a second, only for rounds that changed. No database, no
authentication, no rate limits, no validation beyond the shapes: the floor under Mesa's figures.
"""
from __future__ import annotations

import argparse
import os
import sys

if __name__ == "__main__":
    _mode = next((sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == "--async-mode"), "eventlet")
    if _mode == "eventlet":
        import eventlet

        eventlet.monkey_patch()
    elif _mode == "gevent":
        from gevent import monkey

        monkey.patch_all()

import secrets  # noqa: E402

from flask import Flask, jsonify, request  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

VALUES = ("approve", "neutral", "reject")
SERVING = "bare server serving on"


def create(async_mode: str) -> tuple[Flask, SocketIO]:
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode=async_mode, cors_allowed_origins=[], ping_interval=20, ping_timeout=20)
    tokens: set[str] = set()
    rounds: dict[int, dict[str, str]] = {}  # round id -> token -> value
    changed: set[int] = set()
    current = {"round_id": 0}
    participants: dict[str, str] = {}  # socket sid -> token

    @app.get("/healthz")
    def healthz():
        return jsonify({"status": "ok"})

    @app.post("/api/v1/join")
    def join():
        token = secrets.token_urlsafe(16)
        tokens.add(token)
        return jsonify({"participant_token": token, "session_id": 1})

    @app.post("/bench/rounds")
    def open_round():
        current["round_id"] += 1
        rounds[current["round_id"]] = {}
        return jsonify({"id": current["round_id"]})

    @socketio.on("connect", namespace="/live")
    def connect(auth):
        auth = auth if isinstance(auth, dict) else {}
        if auth.get("view") == "projector":
            join_room("projector")
        elif auth.get("token") in tokens:
            participants[request.sid] = auth["token"]
        else:
            return False
        emit("state", {"audience": "projector" if auth.get("view") == "projector" else "participant",
                       "round": {"id": current["round_id"], "state": "open"} if current["round_id"] else None})
        return None

    @socketio.on("disconnect", namespace="/live")
    def disconnect(*_reason):
        participants.pop(request.sid, None)

    @socketio.on("vote", namespace="/live")
    def vote(data):
        token = participants.get(request.sid)
        if token is None:
            return {"ok": False, "error": {"code": "forbidden", "message": "not a participant"}}
        if not isinstance(data, dict) or data.get("value") not in VALUES or data.get("round_id") not in rounds:
            return {"ok": False, "error": {"code": "invalid_payload", "message": "bad vote"}}
        rounds[data["round_id"]][token] = data["value"]
        changed.add(data["round_id"])
        return {"ok": True, "round_id": data["round_id"], "client_vote_id": data.get("client_vote_id"),
                "duplicate": False}

    def tallies():
        while True:
            socketio.sleep(0.25)
            while changed:
                round_id = changed.pop()
                votes = list(rounds[round_id].values())
                counts = {v: votes.count(v) for v in VALUES}
                socketio.emit("tally", {"round_id": round_id, "turnout": {"joined": len(tokens), "voted": len(votes)},
                                        "tally": {"total": len(votes), "counts": counts}},
                              namespace="/live", to="projector")

    socketio.start_background_task(tallies)
    return app, socketio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", choices=("eventlet", "gevent", "threading"), default="eventlet")
    args = parser.parse_args()
    app, socketio = create(args.async_mode)
    print(f"{SERVING} http://{args.host}:{args.port}/ ({args.async_mode}, pid {os.getpid()})", flush=True)
    options = {"host": args.host, "port": args.port, "use_reloader": False, "log_output": False}
    if args.async_mode == "threading":
        options["allow_unsafe_werkzeug"] = True
    if args.async_mode == "eventlet":
        # As run.py: a listen backlog for a reconnect storm (eventlet's default of 50 makes the
        # kernel drop connects, retried after 1, 2, 4… s), and eventlet.wsgi's pool above its
        # default of 1,024 connections.
        import eventlet.wsgi

        eventlet.wsgi.server(eventlet.listen((args.host, args.port), backlog=2048), app, log_output=False,
                             max_size=20000)
        return
    socketio.run(app, **options)


if __name__ == "__main__":
    main()
