"""The live layer: Socket.IO namespace /live (events.py) and the one way out to it (broadcast.py)."""
from . import events  # noqa: F401
