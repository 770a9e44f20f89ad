"""Per-participant limits of the live events, shared by every process (workshop.ratelimit: Redis
when a message queue is set, memory otherwise). The sizes are settings: VOTE_LIMIT,
COMMENT_LIMIT, UPVOTE_LIMIT and PROPOSAL_LIMIT, each (count, seconds)."""
from __future__ import annotations

from typing import Optional

from flask import current_app

from ..ratelimit import limiter


class SharedLimit:
    """At most the setting's `count` events per `seconds` per key, counted where every worker sees."""

    def __init__(self, bucket: str, setting: str):
        self.bucket, self.setting = bucket, setting

    def allow(self, key: object, now: Optional[float] = None) -> bool:
        """Record an event for `key` and say whether it is within the limit."""
        count, seconds = current_app.config[self.setting]
        return bool(limiter().hit(self.bucket, key, count, seconds, now=now))


class Limits:
    """The live layer's limits."""

    #: A phone can change its vote a few times a second, not flood.
    votes = SharedLimit("vote", "VOTE_LIMIT")
    #: Comments, up-votes and proposals: a lively participant, not a script.
    comments = SharedLimit("comment", "COMMENT_LIMIT")
    upvotes = SharedLimit("upvote", "UPVOTE_LIMIT")
    proposals = SharedLimit("proposal", "PROPOSAL_LIMIT")


_LIMITS = Limits()


def limits() -> Limits:
    """The live limits (their counters are the app's limiter's)."""
    return _LIMITS
