"""Domain signals: services announce what changed, after the commit; listeners decide what follows.

The sender is always the session id; keyword arguments say what changed. Services send them
*after* committing, so a listener (the live layer, pushing to the sockets) reads the committed
state and never runs inside an open transaction. One exception is `session_closing`, sent
inside the transaction that ends a session so that the voting slice closes its open rounds in
the same commit.

Listeners connect once at start-up (`workshop.live.init_live`, `workshop.voting.init_voting`).
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: The session's lifecycle or details changed (started, ended, edited).
session_changed = _signals.signal("session-changed")
#: Inside the transaction that ends a session (before commit): close what must close with it.
session_closing = _signals.signal("session-closing")
#: The agenda changed (items added, removed, moved, accepted from a proposal).
agenda_changed = _signals.signal("agenda-changed")
#: The item under discussion changed. kwargs: item_id.
current_item_changed = _signals.signal("current-item-changed")
#: A round was opened, closed, revealed or hidden, or its timer changed. kwargs: round_id, change.
round_changed = _signals.signal("round-changed")
#: A vote was stored (not a resent duplicate). kwargs: round_id.
vote_counted = _signals.signal("vote-counted")
#: A decision was recorded on an item. kwargs: item_id, decision_id.
decision_recorded = _signals.signal("decision-recorded")
#: Someone joined, was removed, merged, admitted or had their sector corrected. kwargs: participant_id, change.
participants_changed = _signals.signal("participants-changed")
#: Inside the transaction that removes, merges or re-sectors a participant (before commit): the
#: voting slice moves or re-sectors their votes and recounts closed rounds in the same commit.
#: kwargs: participant_id, change ("removed", "merged", "sector"), into?, sector?, staff.
participant_amended = _signals.signal("participant-amended")
#: A comment was added, up-voted or moderated. kwargs: comment_id.
comment_changed = _signals.signal("comment-changed")
#: A proposal arrived or was handled. kwargs: proposal_id.
proposal_changed = _signals.signal("proposal-changed")

#: A staff account's access changed (password, role or enabled): its tokens, cookies and sockets
#: given before end now. The sender is the staff user's id (not a session). kwargs: auth_version.
#: Not in ALL, the signals about sessions (the demo loader mutes those while it plays history).
staff_access_changed = _signals.signal("staff-access-changed")

ALL = (session_changed, session_closing, agenda_changed, current_item_changed, round_changed, vote_counted,
       decision_recorded, participants_changed, participant_amended, comment_changed, proposal_changed)
