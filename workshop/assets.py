"""Front-end files: npm packages served by Mesa itself (the venue may have no internet), and the
list of ES modules each live screen needs, so that the page can ask for all of them at once."""
from __future__ import annotations

import posixpath
import re
from functools import cache

from flask import Blueprint, abort, send_file, url_for

from config import ROOT

bp = Blueprint("assets", __name__)

#: The only files of node_modules the pages may load.
VENDOR = {
    "socket.io.esm.min.js": ROOT / "node_modules/socket.io-client/dist/socket.io.esm.min.js",
    "axe.min.js": ROOT / "node_modules/axe-core/axe.min.js",
}

STATIC = ROOT / "static"
#: `import … from "…"` at the start of a line (static imports; JSDoc `import("…")` types are not).
_IMPORT = re.compile(r"""^import\b[^;]*?\bfrom\s*["']([^"']+)["']""", re.MULTILINE | re.DOTALL)
#: `const x = import("./x.js")` (or `await`/`return import(…)`): a module loaded after the entry has
#: run, preloaded after the static ones. JSDoc's `{import("./types.js").T}` is no import.
_DYNAMIC_IMPORT = re.compile(r"""(?:=|\bawait|\breturn)\s*import\(\s*["'](\.[^"']+)["']\s*\)""")


@bp.get("/vendor/<name>")
def vendor(name: str):
    path = VENDOR.get(name)
    if path is None or not path.exists():
        abort(404)
    return send_file(path, mimetype="text/javascript", max_age=86400)


@cache
def _imports(entry: str) -> tuple[str, ...]:
    """Every module `entry` (a path under static/) imports, directly or not, as paths from static/
    (`../vendor/<name>` for the vendored ones). Read once per process, like the templates."""
    seen: dict[str, None] = {}
    todo, later = [entry], []
    while todo or later:
        if todo:
            current = todo.pop()
        else:  # the static graph is complete: now a module it imports dynamically, and its graph
            current = later.pop(0)
            if current in seen:
                continue
            seen[current] = None
        source = STATIC / current
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8")
        for spec in _IMPORT.findall(text):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(current), spec))
            if path not in seen:
                seen[path] = None
                todo.append(path)
        later += [posixpath.normpath(posixpath.join(posixpath.dirname(current), spec))
                  for spec in _DYNAMIC_IMPORT.findall(text)]
    return tuple(seen)


@bp.app_template_global()
def module_preloads(screen: str) -> list[str]:
    """URLs for `<link rel="modulepreload">`: the modules of static/js/live/<screen>.js, fetched
    in parallel instead of one level of imports after another (which a slow phone would feel)."""
    urls = []
    for path in _imports(f"js/live/{screen}.js"):
        if path.startswith("../vendor/"):
            urls.append(url_for("assets.vendor", name=path.removeprefix("../vendor/")))
        else:
            urls.append(url_for("static", filename=path))
    return urls
