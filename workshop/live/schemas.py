"""What each Socket.IO event of /live accepts: one schema per event, checked by the `live_event`
wrapper before its handler does anything (`workshop.live.events`).

The fields are the API's strict ones (`workshop.api.core`): booleans are JSON booleans, integers
JSON integers within range, text trimmed, bounded and free of control characters. A refused
payload is acked `{"ok": false, "error": {"code", "message", "fields"}}`; the code is the first
failing field's `metadata["code"]` when it has one (the codes the events had before), `too_long`
for text over its length, else `invalid_payload`. A vote's `value` is checked by the voting rules.
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from ..api.core import Bool, Choice, Id, Int, LongText, Name, Schema, Token
from ..sessions.discussion import COMMENT_MAX
from ..sessions.models import SECTORS
from ..sessions.participants import REASON_MAX
from ..voting.schemas import RoundInSchema

_ROUND = {"code": "unknown_round"}
_OUTCOMES = ("agreed", "rejected", "deferred", "merged")


class Empty(Schema):
    """An event that takes no data (anything sent is ignored)."""


class VoteIn(Schema):
    client_vote_id = Token(64, required=True, metadata={"code": "invalid_client_vote_id"})
    round_id = Id(required=True, metadata=_ROUND)
    #: Any JSON: the voting rules check it against the round's method (`rules.normalise_value`).
    value = fields.Raw(load_default=None, allow_none=True)


class CommentIn(Schema):
    body = LongText(COMMENT_MAX, required=True)
    item_id = Id(load_default=None, allow_none=True)
    #: Only where the session allows anonymous comments (refused `anonymous_not_allowed` otherwise).
    anonymous = Bool(load_default=False)


class UpvoteIn(Schema):
    comment_id = Id(required=True, metadata={"code": "unknown_comment"})


class ProposeIn(Schema):
    kind = Choice(("action_line", "policy_reform"), load_default="action_line")
    title = Name(200, required=True)
    description = LongText(1000, load_default="")


class OpenRoundIn(RoundInSchema):
    seconds = Int(load_default=None, allow_none=True, validate=validate.Range(min=5, max=3600))


class RoundRef(Schema):
    round_id = Id(required=True, metadata=_ROUND)


class RevealIn(RoundRef):
    revealed = Bool(load_default=True)


class TimerIn(RoundRef):
    seconds = Int(required=True, validate=validate.Range(min=0, max=3600))


class SetItemIn(Schema):
    item_id = Id(load_default=None, allow_none=True, metadata={"code": "unknown_item"})


class ProjectorViewIn(Schema):
    """What the console asks of the room's screen: its full-screen join screen on or off, and
    its theme. At least one of the two."""
    join = Bool(load_default=None, allow_none=True)
    theme = Choice(("light", "dark"), load_default=None, allow_none=True)

    @validates_schema
    def _something(self, data, **_kwargs):
        if data.get("join") is None and data.get("theme") is None:
            raise ValidationError("Send join, theme or both.", "join")


class ModerateIn(Schema):
    comment_id = Id(required=True, metadata={"code": "unknown_comment"})
    hidden = Bool(load_default=None, allow_none=True)
    pinned = Bool(load_default=None, allow_none=True)


class HandleProposalIn(Schema):
    proposal_id = Id(required=True, metadata={"code": "unknown_proposal"})
    accept = Bool(required=True)


class DecideIn(Schema):
    item_id = Id(required=True, metadata={"code": "unknown_item"})
    outcome = Choice(_OUTCOMES, required=True, metadata={"code": "invalid_outcome"})
    reason = LongText(2000, load_default="")
    round_id = Id(load_default=None, allow_none=True)
    #: With outcome "merged": the item it is merged into.
    into = Id(load_default=None, allow_none=True, metadata={"code": "unknown_into"})


class ParticipantRef(Schema):
    participant_id = Id(required=True, metadata={"code": "unknown_participant"})


class RemoveIn(ParticipantRef):
    reason = LongText(REASON_MAX, load_default="")


class CorrectSectorIn(ParticipantRef):
    sector = Choice(SECTORS, required=True, metadata={"code": "invalid_sector"})
    reason = LongText(REASON_MAX, load_default="")


class MergeIn(Schema):
    keep_id = Id(required=True, metadata={"code": "unknown_participant"})
    duplicate_id = Id(required=True, metadata={"code": "unknown_participant"})
    reason = LongText(REASON_MAX, load_default="")


class AdvanceIn(Schema):
    step = Choice(("start", "discuss", "open", "close", "next", "end"), required=True,
                  metadata={"code": "invalid_step"})


class ProjectorModeIn(Schema):
    mode = Choice(("auto", "join"), required=True, metadata={"code": "invalid_mode"})


class AdmissionIn(Schema):
    required = Bool(required=True)


class AnonymousCommentsIn(Schema):
    allowed = Bool(required=True)


def refusal_code(schema: Schema, error: ValidationError) -> str:
    """The code of a refused payload: the first failing field's own, else a generic one."""
    messages = error.messages if isinstance(error.messages, dict) else {}
    for name, field in schema.load_fields.items():
        if name in messages:
            if field.metadata.get("code"):
                return field.metadata["code"]
            texts = messages[name] if isinstance(messages[name], list) else []
            if any(isinstance(t, str) and t.startswith("Longer than maximum length") for t in texts):
                return "too_long"
            return "invalid_payload"
    return "invalid_payload"
