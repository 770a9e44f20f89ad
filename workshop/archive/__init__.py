"""Backup and restore of the whole database, and a whole programme exported and imported as JSON.

It reads every slice, so it sits at the top of the import graph with the documents: nothing
imports it but the app factory, which registers its commands (`cli.py`) and its API (`api.py`).
"""
from __future__ import annotations

from flask import Flask


def init_archive(app: Flask) -> None:
    """Register the `flask backup`, `restore`, `export-programme` and `import-programme` commands."""
    from .cli import COMMANDS

    for command in COMMANDS:
        app.cli.add_command(command)
