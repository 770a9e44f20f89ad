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
