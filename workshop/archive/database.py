"""Backing up and restoring the whole database: `backup(app, path)` and `restore(app, path)`.

SQLite: the online backup API copies the database page by page in one read transaction, so a
backup taken while the server writes (write-ahead log) is the state of one moment; the copy is
checked (`PRAGMA quick_check`) and left as one self-contained file (rollback journal, no -wal).
A restore checks the file first (an SQLite database, whole, with Mesa's tables at a migration
revision this Mesa knows), refuses to replace a database another process has open (a running
server) unless forced, copies the file in through the same backup API, and migrates it forward.

PostgreSQL: `pg_dump --format=custom` and, to restore, `pg_restore` turned into one SQL script
played by `psql` in a single transaction after dropping Mesa's tables, then the migrations. The
client tools must be of the server's major version or newer (Debian: postgresql-client).
"""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from flask import Flask, has_app_context
from sqlalchemy.engine import URL, make_url

from ..extensions import db
from ..refusals import Conflict, Refusal

#: Tables a file must hold to be taken for a Mesa database.
MESA_TABLES = ("alembic_version", "programmes", "staff_users", "sessions")


@dataclass
class Restored:
    revision_before: str
    revision_after: str


def _url(app: Flask) -> URL:
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"])


def _is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise Refusal("no_database_file", "The database is in memory: there is no file to back up or restore.")
    return Path(url.database).resolve()


def known_revisions(app: Flask) -> tuple[list[str], str]:
    """The migration revisions of this Mesa, oldest first, and the head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(app.extensions["migrate"].directory)
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    return revisions, script.get_current_head()


def _check_revision(app: Flask, revision: Optional[str]) -> None:
    revisions, head = known_revisions(app)
    if revision not in revisions:
        raise Refusal("unknown_revision",
                      "The backup's schema revision (%(revision)s) is not one this Mesa knows (it knows %(known)s): "
                      "it was made by another version of Mesa.", revision=str(revision), known=", ".join(revisions))


def _migrate(app: Flask) -> str:
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        revision = db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalar_one()
        db.session.remove()
        db.engine.dispose()
    return revision


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise Conflict("file_exists", "%(path)s exists already; choose another file or force the overwrite.",
                       path=str(path))


# --- Backup ---------------------------------------------------------------------------------------


def backup(app: Flask, target: str | Path, *, force: bool = False) -> Path:
    """Write a consistent copy of the app's database to `target` (SQLite file or pg_dump archive)."""
    url, target = _url(app), Path(target).resolve()
    _refuse_existing(target, force)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    try:
        if _is_sqlite(url):
            _backup_sqlite(_sqlite_path(url), Path(partial), target)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
                  f"--dbname={_libpq(url)}"], url)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return target


def _backup_sqlite(source_path: Path, partial: Path, target: Path) -> None:
    if source_path == target:
        raise Refusal("backup_onto_database", "A backup cannot overwrite the database it copies.")
    if not source_path.exists():
        raise Refusal("no_database_file", "There is no database at %(path)s.", path=str(source_path))
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # all pages in one step: one read transaction, one moment of the database
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise Refusal("backup_damaged", "The copy of the database does not pass SQLite's check.")
    finally:
        copy.close()
        source.close()


# --- Restore --------------------------------------------------------------------------------------


def restore(app: Flask, source: str | Path, *, force: bool = False) -> Restored:
    """Replace the app's database by the backup at `source`, then migrate it to this Mesa's schema.

    Refuses (changing nothing) a file that is not a whole Mesa backup at a known revision, and a
    database another process holds open, unless `force`."""
    url, source = _url(app), Path(source).resolve()
    if not source.is_file():
        raise Refusal("no_backup_file", "There is no file at %(path)s.", path=str(source))
    if has_app_context():
        db.session.remove()
    with app.app_context():
        db.engine.dispose()  # this process's own connections would look like a server's
    if _is_sqlite(url):
        revision = _restore_sqlite(app, source, _sqlite_path(url), force)
    else:
        revision = _restore_postgres(app, source, url, force)
    return Restored(revision, _migrate(app))


def sqlite_revision(path: Path) -> str:
    """The migration revision of the Mesa database at `path`; refuses any other file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        raise _not_mesa(path) from None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise _not_mesa(path)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not set(MESA_TABLES) <= tables:
            raise _not_mesa(path)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        raise _not_mesa(path) from None
    finally:
        conn.close()


def _not_mesa(path: Path) -> Refusal:
    return Refusal("not_a_backup", "%(path)s is not a Mesa backup: not a whole database with Mesa's tables.",
                   path=str(path))


def in_use(path: Path) -> bool:
    """Whether another connection has the SQLite database at `path` open.

    In write-ahead-log mode every open connection holds a shared lock on the shared-memory index;
    taking the database in exclusive locking mode needs them all gone, so it fails while any other
    connection (a server's idle pool included) is open."""
    if not path.exists():
        return False
    probe = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        probe.execute("PRAGMA locking_mode=EXCLUSIVE")
        probe.execute("BEGIN EXCLUSIVE")
        probe.execute("SELECT count(*) FROM sqlite_master").fetchall()
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def _restore_sqlite(app: Flask, source: Path, target: Path, force: bool) -> str:
    if source == target:
        raise Refusal("restore_onto_itself", "A database cannot be restored from itself.")
    revision = sqlite_revision(source)
    _check_revision(app, revision)
    if not force and in_use(target):
        raise Conflict("database_in_use",
                       "The database %(path)s is open in another process (a running server?): stop it first, "
                       "or force the restore.", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    backup_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = sqlite3.connect(target, timeout=30)
    try:
        backup_conn.backup(live)  # written through the target's own journal: all of it or none
    except sqlite3.Error as exc:
        raise Refusal("restore_failed", "The restore failed and left the database as it was: %(detail)s.",
                      detail=str(exc)) from None
    finally:
        live.close()
        backup_conn.close()
    return revision


# --- PostgreSQL -----------------------------------------------------------------------------------


def _libpq(url: URL) -> str:
    """The URL in libpq's form (no driver, no password: that goes in PGPASSWORD)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _run(command: list[str], url: URL, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    # A restore forced past a running server waits for its open transactions, but not forever.
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout=30s".strip()
    try:
        result = subprocess.run(command, env=env, capture_output=True, check=False, **kwargs)
    except FileNotFoundError:
        raise Refusal("tool_missing", "%(tool)s is not installed (Debian: postgresql-client).",
                      tool=command[0]) from None
    if result.returncode != 0:
        detail = (result.stderr or b"").decode(errors="replace").strip().splitlines()
        raise Refusal("tool_failed", "%(tool)s failed: %(detail)s", tool=command[0],
                      detail=detail[-1] if detail else f"exit status {result.returncode}")
    return result


def dump_revision(app: Flask, source: Path, url: URL) -> str:
    """The migration revision inside a pg_dump archive; refuses a file that is not Mesa's archive."""
    try:
        listing = _run(["pg_restore", "--list", str(source)], url).stdout.decode(errors="replace")
    except Refusal:
        raise _not_mesa(source) from None
    tables = set(re.findall(r" TABLE (?:DATA )?\S+ (\w+) ", listing))
    if not set(MESA_TABLES) <= tables:
        raise _not_mesa(source)
    data = _run(["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(source)], url)
    rows = re.search(r"COPY \S*alembic_version \(version_num\) FROM stdin;\n(.*?)\n\\\.", data.stdout.decode())
    return rows.group(1).strip() if rows else None


def _others_connected(url: URL) -> int:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                     "AND pid <> pg_backend_pid()")).scalar_one()
    except OperationalError as exc:
        raise Refusal("restore_failed", "The restore failed and left the database as it was: %(detail)s.",
                      detail=str(exc.orig).strip().splitlines()[0]) from None
    finally:
        engine.dispose()


def _restore_postgres(app: Flask, source: Path, url: URL, force: bool) -> str:
    revision = dump_revision(app, source, url)
    _check_revision(app, revision)
    if not force and _others_connected(url):
        raise Conflict("database_in_use",
                       "The database %(path)s is open in another process (a running server?): stop it first, "
                       "or force the restore.", path=url.database)
    script = _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-",
                   str(source)], url).stdout
    with app.app_context():
        tables = [t.name for t in db.metadata.sorted_tables]
    drops = "".join(f'DROP TABLE IF EXISTS "{name}" CASCADE;\n' for name in ["alembic_version", *tables])
    _run(["psql", "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
          f"--dbname={_libpq(url)}"], url, input=drops.encode() + script)
    return revision
