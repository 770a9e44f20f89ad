"""py-spy profiles of a running server, and what they say in a few lines.

`Sampler(pid, out)` records one phase of the bench (`with sampler.phase("votes"): ...`) into
`<out>/<server>-<phase>.txt` (py-spy's collapsed-stack format: one `frame;frame;… count` line per
stack; idle threads and the hub's waits are not sampled, so shares are of CPU time), and
`summary(path)` reads it back: the share of samples spent in each of the vote path's stages, the
functions with the most samples of their own and Mesa's functions with the most samples below them.

    .venv/bin/python bench/suite.py --only mesa --profile /tmp/prof   # every phase of Mesa, profiled
    .venv/bin/python bench/pyspy.py /tmp/prof/Mesa-votes.txt        # summarise one again

py-spy comes with requirements-dev.txt; attaching to a process needs ptrace (root, or
`kernel.yama.ptrace_scope=0`).
"""
from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

#: Where a sample's time goes, by the first frame of its stack that matches (checked in this order).
STAGES = (
    ("the vote's database work (cast_votes: checks, statements, commit)", r"cast_votes|votequeue\.py.*_store"),
    ("the in-memory tally", r"tallies\.py"),
    ("the vote handler's checks (live wrapper, rate limit, validation)",
     r"live/(events|handlers|sockets)\.py|ratelimit\.py"),
    ("snapshots (state on connect)", r"snapshot"),
    ("sending and acking (python-socketio, engine.io, websocket)",
     r"socketio/|engineio/|simple_websocket|eventlet/websocket"),
    ("the event loop (eventlet hub: polling, timers, switching)", r"hubs/|greenlet|epolls|poll\b"),
)


def summary(path: Path, top: int = 12) -> str:
    """The profile's samples by stage and its busiest functions (self samples), as text."""
    stacks: Counter[str] = Counter()
    for line in Path(path).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[stack] += int(count)
    total = sum(stacks.values())
    if not total:
        return f"{path}: no samples"
    stages: Counter[str] = Counter()
    own: Counter[str] = Counter()
    mesa: Counter[str] = Counter()
    for stack, count in stacks.items():
        frames = stack.split(";")
        own[_short(frames[-1])] += count
        for name in {_short(f) for f in frames if "workshop/" in f}:
            mesa[name] += count
        for name, pattern in STAGES:
            if any(re.search(pattern, f) for f in frames):
                stages[name] += count
                break
        else:
            stages["other"] += count
    lines = [f"{path.name}: {total} samples"]
    lines += [f"  {100 * n / total:5.1f} %  {name}" for name, n in stages.most_common()]
    lines.append("  busiest functions (own samples):")
    lines += [f"  {100 * n / total:5.1f} %  {name}" for name, n in own.most_common(top)]
    lines.append("  Mesa's functions (samples in them or below them):")
    lines += [f"  {100 * n / total:5.1f} %  {name}" for name, n in mesa.most_common(top)]
    return "\n".join(lines)


def _short(frame: str) -> str:
    """`cast_votes (workshop/voting/services.py:412)` → `cast_votes (voting/services.py)`."""
    match = re.match(r"(.*?) \((.*?)(?::\d+)?\)$", frame)
    if not match:
        return frame
    name, file = match.groups()
    parts = Path(file).parts
    return f"{name} ({'/'.join(parts[-2:])})"


class Sampler:
    """Attaches py-spy to a server's processes, one recording per phase."""

    def __init__(self, name: str, pids: list[int], out: Path, rate: int = 250):
        self.name, self.pids, self.out, self.rate = name, pids, Path(out), rate
        self.out.mkdir(parents=True, exist_ok=True)
        self.files: list[Path] = []
        if shutil.which("py-spy") is None and not (Path(sys.executable).parent / "py-spy").exists():
            raise SystemExit("--profile needs py-spy: make install (requirements-dev.txt)")
        self.exe = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")

    @contextlib.contextmanager
    def phase(self, phase: str):
        procs = []
        for n, pid in enumerate(self.pids):
            suffix = f"-{n + 1}" if len(self.pids) > 1 else ""
            path = self.out / f"{self.name}-{phase}{suffix}.txt"
            procs.append((path, subprocess.Popen(
                [self.exe, "record", "--pid", str(pid), "--rate", str(self.rate), "--format", "raw",
                 "--output", str(path), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        time.sleep(0.5)  # let py-spy attach
        try:
            yield
        finally:
            for path, proc in procs:
                proc.send_signal(2)  # SIGINT: py-spy writes what it has and exits
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                if path.exists():
                    self.files.append(path)

    def report(self) -> str:
        return "\n".join(summary(path) for path in self.files)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(summary(Path(arg)))
