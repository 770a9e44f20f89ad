"""The bench harness itself (bench/suite.py): a tiny run against both servers, in seconds."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import ROOT

pytestmark = pytest.mark.server


def test_the_suite_measures_mesa_and_the_bare_server_side_by_side():
    run = subprocess.run([sys.executable, "bench/suite.py", "--phones", "20", "--seconds", "1", "--sustain-phones",
                          "10", "--storm", "20", "--storm-voters", "4", "--connect-concurrency", "10"],
                         cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert re.search(r"load average [\d.]+ [\d.]+ [\d.]+ at the start", out), out
    for label in ("sustained acked votes/s", "server CPU per acked vote", "burst: 20 phones vote within 1 s, ack p99",
                  "projector: final tally after last ack", "memory per connected phone",
                  "reconnect storm: 20 phones, until all have state", "connect: all 20 phones have their state"):
        row = next((line for line in out.splitlines() if line.startswith(label)), None)
        assert row is not None, (label, out)
        # both servers measured, and their ratio
        assert re.search(r"\s[\d,.]+\s+[\d,.]+\s+[\d.]+×", row), (label, row)
    assert "bare: sustained" in out and "Mesa: sustained" in out
    assert any(line.startswith("votes during the storm: ack p99") for line in out.splitlines()), out
    assert "burst 20/20 acked" in out and "storm failures 0" in out
