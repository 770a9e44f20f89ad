"""The operator's commands: `flask --app workshop backup|restore|export-programme|import-programme`.

A refusal is printed as one line on standard error with exit status 1, and changed nothing.
"""
from __future__ import annotations

import json
from functools import wraps
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from ..refusals import NotFound, Refusal
from . import database, programme


def _refusals(command):
    """Turn a refusal into `Error: <message>` and exit status 1."""

    @wraps(command)
    def wrapped(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except Refusal as refusal:
            raise click.ClickException(refusal.message) from None
        except OSError as exc:  # a folder that does not exist, a disk full, no permission
            raise click.ClickException(str(exc)) from None

    return wrapped


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite TARGET if it exists.")
@with_appcontext
@_refusals
def backup_command(target: Path, force: bool) -> None:
    """Copy the whole database to TARGET, consistently, while the server runs (SQLite file or pg_dump archive)."""
    written = database.backup(current_app._get_current_object(), target, force=force)
    click.echo(f"Backed up to {written} ({written.stat().st_size:,} bytes).")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Restore even though another process (a running server) has the "
                                            "database open.")
@with_appcontext
@_refusals
def restore_command(source: Path, force: bool) -> None:
    """Replace the whole database by the backup SOURCE, then migrate it to this Mesa's schema."""
    restored = database.restore(current_app._get_current_object(), source, force=force)
    moved = (f", migrated from {restored.revision_before} to {restored.revision_after}"
             if restored.revision_before != restored.revision_after else "")
    click.echo(f"Restored from {source} (schema revision {restored.revision_before}{moved}).")


@click.command("export-programme")
@click.argument("programme_id", type=int)
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite TARGET if it exists.")
@with_appcontext
@_refusals
def export_command(programme_id: int, target: Path, force: bool) -> None:
    """Write programme PROGRAMME_ID, its whole record, to TARGET as JSON."""
    from ..programmes.models import Programme

    found = db.session.get(Programme, programme_id)
    if found is None:
        raise NotFound("not_found", "There is no programme %(id)s.", id=programme_id)
    database._refuse_existing(target.resolve(), force)
    document = programme.export_programme(found)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(target)
    counts = ", ".join(f"{len(document[p.key])} {p.key.replace('_', ' ')}" for p in programme.PARTS)
    click.echo(f"Exported programme {programme_id} ({found.name}) to {target}: {counts}.")


@click.command("import-programme")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--map-staff", "staff_map", multiple=True, metavar="OLD=NEW",
              help="Record what the file's staff OLD did as done by this database's account NEW (emails).")
@with_appcontext
@_refusals
def import_command(source: Path, staff_map: tuple[str, ...]) -> None:
    """Import the programme exported in SOURCE as a new programme (all of it, or nothing)."""
    mapping = {}
    for pair in staff_map:
        old, sep, new = pair.partition("=")
        if not sep or not old or not new:
            raise click.BadParameter(f"{pair!r} is not OLD=NEW", param_hint="--map-staff")
        mapping[old] = new
    document = read_document(source)
    imported = programme.import_programme(document, staff_map=mapping)
    click.echo(f"Imported {imported.programme.name!r} as programme {imported.programme.id}.")
    for email in imported.created_staff:
        click.echo(f"  created the disabled staff account {email} (enable it and set a password to use it)")


def read_document(source: Path):
    """The JSON in `source`; refuses a file that is not JSON text."""
    try:
        return json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise Refusal("not_an_export", "This file is not a Mesa programme export.") from exc


COMMANDS = (backup_command, restore_command, export_command, import_command)
