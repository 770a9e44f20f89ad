"""Start and stop Mesa as a cluster on this machine: N processes of `run.py` behind one nginx,
on Redis (the Socket.IO message queue, shared rate limits) and PostgreSQL (the data).

    deploy/cluster up [--processes N] [--port 8080] [--database-url URL] [--message-queue URL]
    deploy/cluster status
    deploy/cluster down

Everything it starts listens on loopback only and lives under one state directory
(`instance/cluster/` by default, `--dir` to choose): the rendered nginx.conf, nginx's pid file,
logs and temporary files, each process's log, and `cluster.json` (what runs, with pids). It
needs no root. deploy/README.md explains the set-up; this file is stdlib only, so it runs with
any Python 3 (deploy/cluster runs it with the project's virtualenv).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
DEFAULT_DIR = ROOT / "instance" / "cluster"
DEFAULT_DATABASE = "postgresql+psycopg2://postgres@127.0.0.1:5432/mesa"
DEFAULT_QUEUE = "redis://127.0.0.1:6379/0"
STATE_FILE = "cluster.json"
HOST = "127.0.0.1"


class ClusterError(Exception):
    """Something the person running the command must fix; printed without a traceback."""


# --- Small helpers ----------------------------------------------------------------------------


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx and eventlet bind
        try:
            s.bind((HOST, port))
        except OSError:
            return False
        return True


def _health(url: str, timeout: float = 2.0) -> tuple[int, dict]:
    """(status, body) of GET url/healthz; (0, {}) when nothing answers."""
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"{}")
        except ValueError:
            return error.code, {}
    except (OSError, ValueError):
        return 0, {}


def _alive(pid: int, marker: str) -> bool:
    """Whether `pid` still runs and is ours (its command line holds `marker`): a pid the system
    gave to another program since is never signalled."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return marker in cmdline


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _raise_fd_limit() -> int:
    """Raise this process's soft descriptor limit to the hard one (children inherit it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1 << 20
    if soft == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def _ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in `url` if it does not exist yet (first start)."""
    if not url.startswith("postgresql"):
        return
    code = (
        "import sys\n"
        "from sqlalchemy import create_engine, text\n"
        "from sqlalchemy.engine import make_url\n"
        "url = make_url(sys.argv[1])\n"
        "admin = create_engine(url.set(database='postgres'), isolation_level='AUTOCOMMIT')\n"
        "with admin.connect() as c:\n"
        "    if not c.scalar(text('SELECT 1 FROM pg_database WHERE datname = :n'), {'n': url.database}):\n"
        "        c.execute(text('CREATE DATABASE \"%s\"' % url.database.replace('\"', '')))\n"
        "        print('created database', url.database)\n"
    )
    done = subprocess.run([_python(), "-c", code, url], cwd=ROOT, capture_output=True, text=True, timeout=30)
    if done.returncode:
        raise ClusterError(f"PostgreSQL at {url.split('@')[-1]} is not usable:\n{done.stderr.strip()[-800:]}")
    if done.stdout.strip():
        print(f"  {done.stdout.strip()}")


def _secret_key() -> str:
    """The one secret every process must share (tokens signed by one are read by another)."""
    given = os.environ.get("WORKSHOP_SECRET_KEY")
    if given:
        return given
    sys.path.insert(0, str(ROOT))
    from config import _instance_secret  # instance/secret_key, made once, as a one-process install does

    return _instance_secret()


# --- nginx -----------------------------------------------------------------------------------


def render_nginx(state: Path, listen_port: int, ports: list[int], conn_per_address: int,
                 rlimit_nofile: int) -> str:
    """nginx.conf for these ports, from deploy/nginx.conf.template."""
    names = [f"p{n}" for n in range(1, len(ports) + 1)]
    indent = " " * 8
    servers = "\n".join(f"{indent}server {HOST}:{p} max_fails=1 fail_timeout=5s;" for p in ports)
    route_map = "\n".join(f'{indent}"~^{name}\\." mesa_{name};' for name in names)
    groups = []
    for name, port in zip(names, ports):
        backups = "".join(f"\n{indent}server {HOST}:{other} backup;" for other in ports if other != port)
        groups.append(f"    upstream mesa_{name} {{\n{indent}server {HOST}:{port} max_fails=1 fail_timeout=5s;"
                      f"{backups}\n{indent}keepalive 16;\n    }}")
    # nginx's workers start as `nobody` when the master is root; keep them as the user who runs
    # this command instead, so they can write the temporary files under the state directory.
    user = "user root root;" if os.geteuid() == 0 else ""
    values = {
        "user": user, "state": str(state), "listen": f"{HOST}:{listen_port}",
        "rlimit_nofile": str(rlimit_nofile), "worker_connections": str(max(1024, min(rlimit_nofile // 2, 16384))),
        "route_map": route_map, "servers": servers,
        "process_upstreams": "\n".join(groups), "conn_per_address": str(conn_per_address),
    }
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        raise ClusterError("deploy/nginx.conf.template has a placeholder deploy/cluster does not fill")
    return text


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise ClusterError("nginx is not installed: `apt-get install nginx` (make test's system-deps does it)")
    return found


# --- up / down / status ----------------------------------------------------------------------


def _load(state: Path) -> dict | None:
    try:
        return json.loads((state / STATE_FILE).read_text())
    except (OSError, ValueError):
        return None


def _running(record: dict) -> list[dict]:
    return [p for p in record.get("processes", []) if _alive(p["pid"], p["marker"])]


def _start(command: list[str], log: Path, env: dict) -> subprocess.Popen:
    with open(log, "ab") as out:
        # A session of its own: the cluster outlives this command and ^C in this terminal.
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def _wait_healthy(url: str, process: subprocess.Popen | None, log: Path | None, deadline: float,
                  what: str) -> dict:
    while True:
        status, body = _health(url)
        if status == 200:
            return body
        if process is not None and process.poll() is not None:
            raise ClusterError(f"{what} exited with status {process.returncode}:\n{_tail(log) if log else ''}")
        if time.monotonic() > deadline:
            detail = f"last answer {status}: {json.dumps(body)}" if status else "no answer"
            raise ClusterError(f"{what} did not become healthy at {url}/healthz ({detail})"
                               + (f":\n{_tail(log)}" if log else ""))
        time.sleep(0.2)


def up(args) -> int:
    state = Path(args.dir).resolve()
    record = _load(state)
    if record and _running(record):
        raise ClusterError(f"a cluster is already up from {state} (deploy/cluster down --dir {state})")
    if not 1 <= args.processes <= 64:
        raise ClusterError("--processes must be between 1 and 64")
    if not args.database_url.startswith("postgresql"):
        raise ClusterError("the cluster keeps its data in PostgreSQL: --database-url postgresql://…")
    if not args.message_queue.startswith(("redis://", "rediss://")):
        raise ClusterError("the cluster's processes meet in Redis: --message-queue redis://…")
    nginx = _nginx()
    if not _port_is_free(args.port):
        raise ClusterError(f"port {args.port} is taken; choose another with --port")
    for sub in ("logs", "tmp/client_body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (state / sub).mkdir(parents=True, exist_ok=True)
    limit = _raise_fd_limit()
    _ensure_database(args.database_url)
    ports = [args.first_port + n for n in range(args.processes)] if args.first_port else []
    if ports and not all(_port_is_free(p) for p in ports):
        raise ClusterError(f"one of the ports {ports[0]}–{ports[-1]} is taken; choose --first-port")
    env = {**os.environ, "WORKSHOP_HOST": HOST, "WORKSHOP_DATABASE_URL": args.database_url,
           "WORKSHOP_MESSAGE_QUEUE": args.message_queue, "WORKSHOP_PROXY_COUNT": "1",
           "WORKSHOP_SECRET_KEY": _secret_key(), "PYTHONUNBUFFERED": "1"}
    if args.channel:
        env["WORKSHOP_MESSAGE_QUEUE_CHANNEL"] = args.channel
    record = {"dir": str(state), "port": args.port, "url": f"http://{HOST}:{args.port}", "processes": []}
    started: list[subprocess.Popen] = []

    def save() -> None:
        (state / STATE_FILE).write_text(json.dumps(record, indent=2))

    try:
        deadline = time.monotonic() + args.timeout
        waiting = []
        for n in range(1, args.processes + 1):
            port = ports[n - 1] if ports else _free_port()
            log = state / "logs" / f"mesa-{n}.log"
            process = _start([_python(), str(ROOT / "run.py")], log,
                             {**env, "WORKSHOP_PORT": str(port), "WORKSHOP_ROUTE": f"p{n}"})
            started.append(process)
            record["processes"].append({"name": f"mesa-{n}", "pid": process.pid, "port": port,
                                        "marker": "run.py", "log": str(log)})
            save()
            waiting.append((process, port, log))
            if n == 1:  # the first one migrates the database: the others start on the result
                _wait_healthy(f"http://{HOST}:{port}", process, log, deadline, "mesa-1")
        for process, port, log in waiting[1:]:
            _wait_healthy(f"http://{HOST}:{port}", process, log, deadline, f"the process on port {port}")
        ports = [p["port"] for p in record["processes"]]
        conf = state / "nginx.conf"
        conf.write_text(render_nginx(state, args.port, ports, args.conn_per_address, limit))
        check = subprocess.run([nginx, "-t", "-q", "-p", str(state), "-c", str(conf), "-e",
                                str(state / "logs" / "nginx-error.log")], capture_output=True, text=True)
        if check.returncode:
            raise ClusterError(f"nginx refused {conf}:\n{check.stderr.strip()}")
        log = state / "logs" / "nginx.log"
        process = _start([nginx, "-p", str(state), "-c", str(conf), "-e", str(state / "logs" / "nginx-error.log")],
                         log, dict(os.environ))
        started.append(process)
        record["processes"].insert(0, {"name": "nginx", "pid": process.pid, "port": args.port,
                                       "marker": "nginx", "log": str(state / "logs" / "nginx-error.log")})
        save()
        body = _wait_healthy(record["url"], process, state / "logs" / "nginx-error.log", deadline,
                             "nginx")
    except BaseException:
        for process in reversed(started):
            _stop(process.pid, "", grace=5, check=False)
        (state / STATE_FILE).unlink(missing_ok=True)
        raise
    print(f"  Mesa cluster up: {record['url']}/  (nginx → {len(ports)} processes on ports "
          f"{', '.join(map(str, ports))})")
    print(f"  checks through nginx: {json.dumps(body.get('checks', {}))}")
    print(f"  logs: {state / 'logs'}    stop: deploy/cluster down"
          + ("" if state == DEFAULT_DIR else f" --dir {state}"))
    return 0


def _stop(pid: int, marker: str, grace: float, check: bool = True) -> bool:
    """SIGTERM, then SIGKILL after `grace` seconds. Only a live pid whose command line holds
    `marker` (when `check`) is signalled."""
    if check and not _alive(pid, marker):
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            waited, _status = os.waitpid(pid, os.WNOHANG)  # our child (up failed half-way)
            if waited == pid:
                return True
        except ChildProcessError:
            pass  # started by an earlier `up`: not our child, poll /proc instead
        if not Path(f"/proc/{pid}").exists() or _zombie(pid):
            return True
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return True


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


def down(args) -> int:
    state = Path(args.dir).resolve()
    record = _load(state)
    if record is None:
        print(f"  no cluster recorded in {state}: nothing to stop")
        return 0
    stopped = 0
    for entry in record["processes"]:  # nginx first: no new requests reach a stopping process
        if _stop(entry["pid"], entry["marker"], grace=args.timeout):
            stopped += 1
    (state / STATE_FILE).unlink(missing_ok=True)
    print(f"  Mesa cluster down: stopped {stopped} of {len(record['processes'])} processes")
    return 0


def status(args) -> int:
    state = Path(args.dir).resolve()
    record = _load(state)
    if record is None:
        print(f"  no cluster recorded in {state}")
        return 1
    for entry in record["processes"]:
        alive = _alive(entry["pid"], entry["marker"])
        print(f"  {entry['name']:<8} pid {entry['pid']:<8} port {entry['port']:<6} {'up' if alive else 'DOWN'}")
    code, body = _health(record["url"])
    print(f"  {record['url']}/healthz → {code or 'no answer'} {json.dumps(body.get('checks', body))}")
    return 0 if code == 200 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="deploy/cluster", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("up", "down", "status"):
        sub = commands.add_parser(name)
        sub.add_argument("--dir", default=str(DEFAULT_DIR), help="state directory (default instance/cluster)")
        if name == "up":
            sub.add_argument("--processes", "-n", type=int, default=2, help="Mesa processes (default 2)")
            sub.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1 (default 8080)")
            sub.add_argument("--first-port", type=int, default=0,
                             help="the processes' ports are this and the next ones (default: free ports)")
            sub.add_argument("--database-url", default=os.environ.get("WORKSHOP_DATABASE_URL") or DEFAULT_DATABASE)
            sub.add_argument("--message-queue", default=os.environ.get("WORKSHOP_MESSAGE_QUEUE") or DEFAULT_QUEUE)
            sub.add_argument("--channel", default=os.environ.get("WORKSHOP_MESSAGE_QUEUE_CHANNEL"),
                             help="Socket.IO channel on the queue (two clusters on one Redis need two)")
            sub.add_argument("--conn-per-address", type=int, default=512,
                             help="open connections per client address at nginx (default 512)")
            sub.add_argument("--timeout", type=float, default=90, help="seconds to wait for the cluster")
        else:
            sub.add_argument("--timeout", type=float, default=10, help="seconds before SIGKILL")
    args = parser.parse_args(argv)
    try:
        return {"up": up, "down": down, "status": status}[args.command](args)
    except ClusterError as error:
        print(f"deploy/cluster: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
