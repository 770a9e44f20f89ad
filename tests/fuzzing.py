"""What the fuzz tests (tests/test_fuzz_*.py, tests/test_api_fuzz.py) and bench/fuzz.py share: the
hypothesis strategies of hostile JSON, every socket event with a valid payload to mutate, what a
well-formed ack is, and a fingerprint of a database's rows."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import strategies as st

#: Odd text: control characters, bidi overrides, lone surrogates, emoji, long runs, numbers as text.
ODD_TEXT = st.text(max_size=40) | st.sampled_from(
    ["\x00", "a\x00b", "\u202eevil", "\u2066x\u2069", "\x85", "\ud800", "🙂" * 3, " ", "\r\n", "x" * 3000, "1", "true",
     "no", "1.5", "<b>&amp;</b>", "=HYPERLINK(\"x\")", "١٢٣"])
#: Integers a frame may carry: up to 20 digits (longer ones close the connection: test_fuzz_json.py).
INTS = st.integers(min_value=-10**20 + 1, max_value=10**20 - 1)
#: Any JSON value, within the decoder's bounds (depth, integer size).
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**31, max_value=2**31) | INTS
    | st.floats(allow_nan=False, allow_infinity=False) | ODD_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(ODD_TEXT, children, max_size=4),
    max_leaves=10,
)
#: Every event a client may send, with a valid payload to mutate ({name} stands for an id, see helpers.fill).
EVENTS = {
    "vote": {"round_id": "{round}", "value": "approve", "client_vote_id": "c-1"},
    "comment": {"body": "Hola", "item_id": "{item}"},
    "upvote": {"comment_id": "{comment}"},
    "propose": {"kind": "action_line", "title": "Riego", "description": "Tecnificado"},
    "start_session": {},
    "end_session": {},
    "open_round": {"item_ids": ["{item2}"], "method": "score", "quorum": 1, "seconds": 60},
    "close_round": {"round_id": "{round}"},
    "reveal": {"round_id": "{round}", "revealed": True},
    "timer": {"round_id": "{round}", "seconds": 30},
    "set_item": {"item_id": "{item}"},
    "moderate": {"comment_id": "{comment}", "hidden": False, "pinned": True},
    "handle_proposal": {"proposal_id": "{proposal}", "accept": False},
    "decide": {"item_id": "{item}", "outcome": "deferred", "reason": "Falta presupuesto"},
    "remove_participant": {"participant_id": "{twin}", "reason": "Duplicado"},
    "admit_participant": {"participant_id": "{participant}"},
    "correct_sector": {"participant_id": "{participant}", "sector": "academic", "reason": "Corrección"},
    "merge_participants": {"keep_id": "{participant}", "duplicate_id": "{twin}", "reason": "Misma persona"},
    "set_admission": {"required": False},
    "projector_view": {"join": True, "theme": "dark"},
    "set_anonymous_comments": {"allowed": True},
    "advance": {"step": "discuss"},
    "projector_mode": {"mode": "join"},
    # the join form's socket only; every socket of the stage is refused it (`forbidden`)
    "join": {"code": "ABC123", "name": "Ana Quispe", "organisation": "Cooperativa", "sector": "public"},
}
#: Values a vote may carry for each method, valid or nearly so.
VOTE_VALUES = st.one_of(
    JSON, st.sampled_from(["approve", "neutral", "reject"]), st.integers(min_value=-2, max_value=7),
    st.dictionaries(st.sampled_from(["impact", "feasibility", "x"]), JSON, max_size=3),
    st.dictionaries(st.text("0123456789-", max_size=25), INTS, max_size=3),
    st.lists(INTS | st.text("0123456789", max_size=25), max_size=4),
)


def payloads(event: str, valid: dict):
    """Random JSON, the valid payload, and the valid payload with a field replaced or added."""
    fields = sorted(valid)
    shapes = [JSON, st.just(valid)]
    if fields:
        shapes.append(st.builds(lambda k, v: {**valid, k: v}, st.sampled_from(fields), JSON))
        shapes.append(st.builds(lambda extra: {**valid, **extra}, st.dictionaries(ODD_TEXT, JSON, max_size=2)))
    if event == "vote":
        shapes.append(st.builds(lambda v, cid: {**valid, "value": v, "client_vote_id": cid}, VOTE_VALUES,
                                st.text(min_size=1, max_size=12)))
    return st.one_of(shapes)


def well_formed(reply) -> bool:
    """Whether an ack is `{"ok": true, ...}` or `{"ok": false, "error": {"code", "message"}}`."""
    if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
        return False
    if reply["ok"]:
        return True
    error = reply.get("error")
    return isinstance(error, dict) and isinstance(error.get("code"), str) and isinstance(error.get("message"), str)


def sqlite_fingerprint(path: Path) -> dict:
    """Every row of every table of an SQLite file, as committed (read-only; the server may be running)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"').fetchall())) for table in tables}
    finally:
        conn.close()


def differences(before: dict, after: dict) -> dict:
    """The tables whose rows changed, with what was added and removed (a few of each)."""
    changed = {}
    for table in sorted(set(before) | set(after)):
        old, new = set(before.get(table, ())), set(after.get(table, ()))
        if old != new:
            changed[table] = {"added": sorted(new - old)[:3], "removed": sorted(old - new)[:3]}
    return changed
