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
        # Flask-SocketIO's run() listens with eventlet's backlog of 50: a room reconnecting at once
        # overflows it and the kernel drops the rest, whose phones retry after 1, 2, 4… s. Listening
        # here with LISTEN_BACKLOG (the kernel caps it at net.core.somaxconn) lets them all queue.
        import eventlet.wsgi

        listener = eventlet.listen((host, port), backlog=LISTEN_BACKLOG)
        eventlet.wsgi.server(listener, app, log_output=False, **eventlet_options(app.config))
        return
    if app.config["ASYNC_MODE"] == "threading":
        options["allow_unsafe_werkzeug"] = True
    socketio.run(app, **options)


#: Connections the kernel queues for eventlet to accept (a reconnect storm after a Wi-Fi drop).
LISTEN_BACKLOG = 2048


def eventlet_options(config) -> dict:
    """eventlet.wsgi.server's limits: read and idle timeouts, and connections per client address."""
    silence = config["PING_INTERVAL"] + config["PING_TIMEOUT"]
    if config["READ_TIMEOUT"] <= silence:
        raise SystemExit(f"WORKSHOP_READ_TIMEOUT ({config['READ_TIMEOUT']:g} s) must exceed the ping interval "
                         f"plus the ping timeout ({silence:g} s), or healthy WebSockets would be cut")
    if config["CONNECTIONS_PER_ADDRESS"] >= config["MAX_CONNECTIONS"]:
        raise SystemExit(f"WORKSHOP_CONNECTIONS_PER_ADDRESS ({config['CONNECTIONS_PER_ADDRESS']}) must be below "
                         f"WORKSHOP_MAX_CONNECTIONS ({config['MAX_CONNECTIONS']}), or one address could take them all")
    return {
        "socket_timeout": config["READ_TIMEOUT"],  # every read and write on a client's socket
        "keepalive": config["IDLE_TIMEOUT"],  # waiting for the next request on a kept-alive connection
        # eventlet's default of 1,024 connections is too few for a big room
        "custom_pool": AddressCappedPool(config["MAX_CONNECTIONS"], config["CONNECTIONS_PER_ADDRESS"]),
    }


class AddressCappedPool:
    """eventlet's GreenPool of connection handlers, with at most `per_address` connections from one client
    address (0: no cap). eventlet.wsgi.server hands each accepted connection to `spawn`: one over its
    address's cap is closed there, before any byte is read, so one address cannot take every slot."""

    def __init__(self, size: int, per_address: int):
        self.pool = eventlet.GreenPool(size)
        self.per_address = per_address
        self.open: dict[str, int] = {}

    def spawn(self, handler, connection):
        # connection: eventlet's [address, socket, state]; the server closes the socket when the
        # returned green thread ends.
        address = connection[0][0]
        if self.per_address and self.open.get(address, 0) >= self.per_address:
            return eventlet.spawn(_refused)
        self.open[address] = self.open.get(address, 0) + 1
        thread = self.pool.spawn(handler, connection)
        thread.link(self._release, address)
        return thread

    def _release(self, _thread, address: str) -> None:
        left = self.open.get(address, 0) - 1
        if left > 0:
            self.open[address] = left
        else:
            self.open.pop(address, None)

    def waitall(self) -> None:
        self.pool.waitall()


def _refused() -> None:
    """A connection over its address's cap: nothing to do; the server closes it."""


if __name__ == "__main__":
    main()
