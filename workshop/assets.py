"""Front-end packages from npm, served by Mesa itself (the venue may have no internet)."""
from __future__ import annotations

from flask import Blueprint, abort, send_file

from config import ROOT

bp = Blueprint("assets", __name__)

#: The only files of node_modules the pages may load.
VENDOR = {
    "socket.io.min.js": ROOT / "node_modules/socket.io-client/dist/socket.io.min.js",
    "axe.min.js": ROOT / "node_modules/axe-core/axe.min.js",
}


@bp.get("/vendor/<name>")
def vendor(name: str):
    path = VENDOR.get(name)
    if path is None or not path.exists():
        abort(404)
    return send_file(path, mimetype="text/javascript", max_age=86400)
