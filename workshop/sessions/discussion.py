"""The conversation in a live session: comments, up-votes, moderation, proposals, current item."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from .. import signals
from ..accounts.models import StaffUser
from ..eventlog import log_event
from ..extensions import db
from ..programmes.models import Item
from ..refusals import Conflict, Forbidden, NotFound, Refusal
from ..util import utcnow
from .models import Comment, CommentUpvote, Participant, Proposal, Session
from .services import add_to_agenda

COMMENT_MAX = 500


def _live(session_id: int) -> Session:
    session = db.session.get(Session, session_id)
    if session is None or not session.is_live:
        raise Conflict("session_not_live", "The session is not live.")
    return session


def _item_of(session: Session, item_id: Optional[int]) -> Optional[int]:
    if item_id is None:
        return session.current_item_id
    item = db.session.get(Item, item_id)
    if item is None or item.initiative_id != session.initiative_id:
        raise NotFound("unknown_item", "No such item in this session.")
    return item.id


def add_comment(participant: Participant, body: str, item_id: Optional[int] = None,
                anonymous: bool = False) -> Comment:
    """A participant's comment on an item (the current one by default). `anonymous` only where the
    facilitator allows it: the comment then shows no name, organisation or sector anywhere."""
    session = _live(participant.session_id)
    if not body or len(body) > COMMENT_MAX:
        raise Refusal("invalid_comment", "A comment has 1 to %(limit)s characters.", limit=COMMENT_MAX)
    if anonymous and not session.allow_anonymous_comments:
        raise Forbidden("anonymous_not_allowed", "The facilitator does not allow anonymous comments in this "
                                                 "session; your comment was not sent.")
    comment = Comment(session_id=session.id, item_id=_item_of(session, item_id), participant_id=participant.id,
                      body=body, is_anonymous=bool(anonymous))
    db.session.add(comment)
    db.session.flush()
    log_event(session.id, "comment", participant=participant, comment_id=comment.id, item_id=comment.item_id,
              **({"anonymous": True} if anonymous else {}))
    db.session.commit()
    signals.comment_changed.send(session.id, comment_id=comment.id)
    return comment


def apply_anonymous_comments(session: Session, allowed: bool, staff: Optional[StaffUser] = None) -> None:
    """Set whether phones may comment anonymously, in the caller's transaction. Comments already sent
    anonymously stay anonymous when it is turned off."""
    if not isinstance(allowed, bool):
        raise Refusal("invalid_payload", "allowed must be true or false.")
    if session.allow_anonymous_comments == allowed:
        return
    session.allow_anonymous_comments = allowed
    log_event(session.id, "anonymous_comments_on" if allowed else "anonymous_comments_off", staff=staff)


def set_anonymous_comments(session: Session, allowed: bool, staff: Optional[StaffUser] = None) -> Session:
    """The console's switch: whether phones may comment anonymously (every audience gets a fresh state)."""
    apply_anonymous_comments(session, allowed, staff)
    db.session.commit()
    signals.session_changed.send(session.id)
    return session


def upvote(participant: Participant, comment_id: int) -> tuple[Comment, bool]:
    """Up-vote a visible comment once; returns (comment, whether this call added a vote)."""
    _live(participant.session_id)
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.session_id != participant.session_id or comment.is_hidden:
        raise NotFound("unknown_comment", "No such comment.")
    if comment.participant_id == participant.id:
        raise Refusal("own_comment", "You cannot up-vote your own comment.")
    db.session.add(CommentUpvote(comment_id=comment.id, participant_id=participant.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return db.session.get(Comment, comment_id), False
    db.session.execute(update(Comment).where(Comment.id == comment.id).values(upvotes=Comment.upvotes + 1))
    log_event(comment.session_id, "upvote", participant=participant, comment_id=comment.id)
    db.session.commit()
    db.session.refresh(comment)
    signals.comment_changed.send(comment.session_id, comment_id=comment.id)
    return comment, True


def moderate(session_id: int, comment_id: int, hidden: Optional[bool], pinned: Optional[bool],
             staff: Optional[StaffUser] = None) -> Comment:
    """Hide or show, pin or unpin a comment."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.session_id != session_id:
        raise NotFound("unknown_comment", "No such comment.")
    if hidden is not None:
        comment.is_hidden = hidden
    if pinned is not None:
        comment.is_pinned = pinned
    log_event(session_id, "moderation", staff=staff, comment_id=comment.id, hidden=comment.is_hidden,
              pinned=comment.is_pinned)
    db.session.commit()
    signals.comment_changed.send(session_id, comment_id=comment.id)
    return comment


def propose(participant: Participant, kind: str, title: str, description: str = "") -> Proposal:
    """A participant proposes a new item; it waits for a facilitator."""
    session = _live(participant.session_id)
    proposal = Proposal(session_id=session.id, participant_id=participant.id, kind=kind, title=title,
                        description=description)
    db.session.add(proposal)
    db.session.flush()
    log_event(session.id, "proposal", participant=participant, proposal_id=proposal.id, title=title)
    db.session.commit()
    signals.proposal_changed.send(session.id, proposal_id=proposal.id)
    return proposal


def handle_proposal(session: Session, proposal_id: int, accept: bool,
                    staff: Optional[StaffUser] = None) -> Optional[Item]:
    """Accept a pending proposal (it becomes a candidate item at the end of the agenda) or reject it."""
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.session_id != session.id:
        raise NotFound("unknown_proposal", "No such proposal.")
    if proposal.state != "pending":
        raise Conflict("proposal_handled", "This proposal was %(state)s already.", state=proposal.state)
    item = None
    if accept:
        item = Item(initiative_id=session.initiative_id, kind=proposal.kind, title=proposal.title,
                    description=proposal.description, status="candidate")
        db.session.add(item)
        db.session.flush()
        add_to_agenda(session, item)
        proposal.item_id = item.id
    proposal.state = "accepted" if accept else "rejected"
    log_event(session.id, "proposal_accepted" if accept else "proposal_rejected", staff=staff,
              proposal_id=proposal.id, item_id=item.id if item else None)
    db.session.commit()
    signals.proposal_changed.send(session.id, proposal_id=proposal.id)
    if item is not None:
        signals.agenda_changed.send(session.id)
    return item


def set_current_item(session: Session, item_id: Optional[int], staff: Optional[StaffUser] = None) -> None:
    """Put an item of the initiative under discussion (None clears it)."""
    if item_id is not None:
        _item_of(session, item_id)
    if item_id != session.current_item_id:
        session.current_item_since = utcnow() if item_id is not None else None
    session.current_item_id = item_id
    log_event(session.id, "current_item", staff=staff, item_id=item_id)
    db.session.commit()
    signals.current_item_changed.send(session.id, item_id=item_id)
