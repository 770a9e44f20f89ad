"""Run a CPU-bound function in a real OS thread, so that the event loop keeps serving meanwhile.

A password hash (scrypt: 0.1–0.2 s of CPU) run on the event loop under eventlet or gevent stops
every other green thread of the process: votes wait while someone logs in. `run()` hands the
function to the server's native thread pool instead — `eventlet.tpool` when eventlet has patched
the process, gevent's hub thread pool under gevent — and the calling green thread waits for the
result while the others run (hashlib's scrypt and PBKDF2 release the GIL). Under plain threads
(`WORKSHOP_ASYNC_MODE=threading`, the test suite) the call is already in a thread of its own and
runs directly. A leaf: no Flask, nothing of Mesa.
"""
from __future__ import annotations

import sys
from typing import Callable, TypeVar

T = TypeVar("T")


def mode() -> str:
    """"eventlet", "gevent" or "threading": how this process is patched (never imports a loop)."""
    if "eventlet" in sys.modules:
        from eventlet import patcher

        if patcher.is_monkey_patched("thread"):
            return "eventlet"
    if "gevent" in sys.modules:
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            return "gevent"
    return "threading"


def run(fn: Callable[..., T], *args, **kwargs) -> T:
    """`fn(*args, **kwargs)` in an OS thread (under eventlet or gevent); its result or its exception."""
    current = mode()
    if current == "eventlet":
        from eventlet import tpool

        return tpool.execute(fn, *args, **kwargs)
    if current == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args, kwargs)
    return fn(*args, **kwargs)


#: Python's GIL hand-over interval while long CPU work runs in a thread (the default is 5 ms): the
#: event loop's thread must win the GIL back at each socket or database wait, and with 5 ms turns a
#: vote ack (a few dozen such waits) took hundreds of ms while a spreadsheet was read.
BUSY_SWITCH_INTERVAL = 0.0005

_busy = {"count": 0, "previous": None}


def run_long(fn: Callable[..., T], *args, **kwargs) -> T:
    """`run()` for CPU work of seconds (reading a 60,000-row spreadsheet): also shortens the GIL's
    turns while it runs, so the event loop keeps answering within milliseconds."""
    if mode() == "threading":
        return fn(*args, **kwargs)
    if _busy["count"] == 0:
        _busy["previous"] = sys.getswitchinterval()
        sys.setswitchinterval(min(_busy["previous"], BUSY_SWITCH_INTERVAL))
    _busy["count"] += 1  # only the event loop's thread counts (it runs one green thread at a time)
    try:
        return run(fn, *args, **kwargs)
    finally:
        _busy["count"] -= 1
        if _busy["count"] == 0:
            sys.setswitchinterval(_busy["previous"])
