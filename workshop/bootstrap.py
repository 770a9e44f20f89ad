"""Bring a database to the current schema and give it its first admin (and the demo)."""
from __future__ import annotations

import sys

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select

from .accounts.services import ensure_first_admin
from .extensions import db


def prepare(app: Flask, *, out=sys.stdout) -> None:
    """Migrate to head, create the first admin, load the demo into an empty database if asked."""
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        created = ensure_first_admin(app.config.get("ADMIN_EMAIL"), app.config.get("ADMIN_PASSWORD"))
        if created:
            email, password = created
            print(f"\n  Mesa: first admin created — email: {email}  password: {password}\n"
                  f"  (shown only this once; set WORKSHOP_ADMIN_EMAIL/WORKSHOP_ADMIN_PASSWORD to choose)\n",
                  file=out, flush=True)
        if app.config.get("DEMO"):
            from .demo.loader import load_demo
            from .programmes.models import Programme

            if not db.session.scalar(select(func.count(Programme.id))):
                print("  Mesa: loading the demo (IVAI 2021–2022 and the rehearsal \"Ensayo — cadena de la quinua\")…",
                      file=out, flush=True)
                load_demo()
