"""The live layer: Socket.IO namespace /live (`events.py`), the snapshots each audience gets
(`state.py`) and the one way out to the sockets (`broadcast.py`).

It listens to the domain signals (`workshop.signals`) that services send after each commit and
decides who gets what; no other slice knows it exists.
"""
from __future__ import annotations

from flask import Flask, abort

from . import broadcast, events  # noqa: F401  (events registers the namespace's handlers)


def init_live(app: Flask) -> None:
    """Subscribe the live layer to the domain signals and give the live pages their strings."""
    broadcast.subscribe()
    # Flask-SocketIO pushes a request context for every live event, and Flask matches its path
    # (/socket.io/) against the routes: with no route of its own, each event raised and dropped a
    # NotFound (5 % of the server's CPU while a room voted). Engine.IO answers that path before
    # Flask, so this view is never reached by a request; it answers 404 if it ever is.
    app.add_url_rule("/socket.io/", "live_transport", _transport)

    from .rehearsal import rehearse_command

    app.cli.add_command(rehearse_command)  # `flask rehearse <session> --phones 40`

    from .strings import client_labels, client_strings

    @app.context_processor
    def _client_strings():
        return {"client_strings": client_strings, "client_labels": client_labels}


def _transport():
    """The Socket.IO path as a route (see init_live); Engine.IO serves it, never this view."""
    abort(404)
