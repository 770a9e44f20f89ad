"""Serve Mesa with Flask-SocketIO: `python run.py` (see config.py for the environment)."""
import os

_mode = os.environ.get("WORKSHOP_ASYNC_MODE") or "eventlet"
if _mode == "eventlet":  # must patch the standard library before anything else imports it
    import eventlet

    eventlet.monkey_patch()
    from psycogreen.eventlet import patch_psycopg  # PostgreSQL queries yield instead of blocking

    patch_psycopg()
elif _mode == "gevent":
    from gevent import monkey

    monkey.patch_all()
    from psycogreen.gevent import patch_psycopg

    patch_psycopg()

from workshop import create_app  # noqa: E402
from workshop.bootstrap import prepare  # noqa: E402
from workshop.extensions import socketio  # noqa: E402
from workshop.live.broadcast import start_clock  # noqa: E402


def main() -> None:
    app = create_app()
    prepare(app)
    start_clock(app)  # rounds counting down when the server stopped close on time
    host, port = app.config["HOST"], app.config["PORT"]
    print(f"  Mesa is serving on http://{host}:{port}/  ({app.config['ASYNC_MODE']})", flush=True)
    options = {"host": host, "port": port, "use_reloader": False, "log_output": False}
    if app.config["ASYNC_MODE"] == "eventlet":
        options["max_size"] = 4096  # eventlet's default of 1,024 connections is too few for a big room
    if app.config["ASYNC_MODE"] == "threading":
        options["allow_unsafe_werkzeug"] = True
    socketio.run(app, **options)


if __name__ == "__main__":
    main()
