// @ts-check
/* The shapes of the live protocol (docs/realtime.md) as JSDoc types, for `// @ts-check`.
 * Types only: modules refer to them with `import("./types.js").State`; no page loads this file. */

/**
 * @typedef {object} Session
 * @property {number} id
 * @property {string} title
 * @property {string} status        draft | scheduled | live | closed
 * @property {string} [join_code]
 * @property {boolean} [invited_only]  only people on the programme's registry vote
 * @property {boolean} [allow_anonymous_comments]  phones may comment anonymously
 */

/**
 * @typedef {object} Item
 * @property {number} id
 * @property {string|null} [code]   stable item code (LA-3, RP-2), shown before the title
 * @property {string} kind
 * @property {string} title
 * @property {string} [title_en]
 * @property {string} [description]
 * @property {string} [description_en]
 * @property {string} [status]
 * @property {string} [computed_outcome]   staff agenda only
 * @property {Decision|null} [decision]     staff agenda only: the latest decision
 * @property {Decision[]} [decisions]       staff agenda only: every decision, oldest first
 * @property {string|null} [outcome]        phone agenda only: the table's latest decision
 * @property {string} [lead_institution]    roadmap fields (state.item and the agenda)
 * @property {string} [partners]
 * @property {string} [indicator]
 * @property {string} [indicator_en]
 * @property {number|null} [budget_pen]     soles
 * @property {string|null} [horizon]        short, medium, long
 */

/**
 * The table's decision on an item.
 * @typedef {object} Decision
 * @property {number} [id]
 * @property {number} [item_id]
 * @property {string} outcome        agreed | rejected | deferred | merged
 * @property {string|null} [computed]  what the vote gave (null without a closed vote)
 * @property {{id: number, code: string|null, title: string, title_en: string}|null} [merged_into]
 *   a merge: the item this one went into
 * @property {string|null} [reason]
 * @property {number|null} [round_id]
 * @property {boolean} [is_override]  the table decided otherwise than the vote
 * @property {string|null} [at]       when (ISO)
 */

/**
 * @typedef {object} Round
 * @property {number} id
 * @property {"open"|"closed"} state
 * @property {string} method        approve | score | impact_feasibility | dots | ranking
 * @property {Item[]} items
 * @property {number} quorum
 * @property {number} threshold     a share in [0, 1]
 * @property {boolean} cross_sector
 * @property {boolean} anonymous
 * @property {"live"|"hidden"} results
 * @property {boolean} is_revealed
 * @property {boolean} results_visible
 * @property {number} [dots]
 * @property {string|null} [opened_at]
 * @property {string|null} [closed_at]
 * @property {string|null} [timer_ends_at]
 * @property {number} [attempt]   1 for the first vote on these items, 2 for a re-vote…
 */

/**
 * The figures of a round, overall or for one sector (fields depend on the method).
 * @typedef {object} Tally
 * @property {number} total
 * @property {Record<string, number>} [counts]
 * @property {any} [support]        a share, or a share per item id (dots, ranking)
 * @property {number} [mean]
 * @property {number} [impact_mean]
 * @property {number} [feasibility_mean]
 * @property {string} [quadrant]
 * @property {Record<string, number>} [dots]
 * @property {Record<string, number>} [voters]
 * @property {Record<string, number>} [borda]
 * @property {Record<string, Tally>} [by_sector]
 * @property {boolean} [suppressed]  an anonymous round's sector too small to show (no figures)
 */

/**
 * @typedef {object} Outcome
 * @property {string} result        agreed | rejected | no_quorum
 * @property {string} [reason]
 * @property {Record<string, string>} [items]
 * @property {string|Record<string, string>} [explanation]
 */

/**
 * The results a screen keeps for the round on screen.
 * @typedef {object} Results
 * @property {number} round_id
 * @property {Tally} tally
 * @property {Outcome} [outcome]
 */

/**
 * @typedef {object} Comment
 * @property {number} id
 * @property {number|null} item_id
 * @property {string} body
 * @property {number} upvotes
 * @property {boolean} is_pinned
 * @property {boolean} [anonymous]     sent anonymously: author, organisation and sector are null for every audience
 * @property {string|null} [author]
 * @property {string|null} [organisation]
 * @property {string|null} [sector]
 * @property {boolean} [is_hidden]  staff only
 */

/**
 * @typedef {object} Turnout
 * @property {number} joined
 * @property {number} voted
 */

/**
 * @typedef {object} Person
 * @property {number} [id]
 * @property {number} [participant_id]
 * @property {string} name
 * @property {string} organisation
 * @property {string} sector
 * @property {boolean} [admitted]        false while waiting for the facilitator
 * @property {boolean} [registered]      on the programme's registry (votes in invited-only sessions)
 * @property {string} [personal_code]   to continue on another phone (the phone's own `me`; staff)
 * @property {boolean} [online]          staff: a socket of this person is connected now
 */

/**
 * @typedef {object} Proposal
 * @property {number} id
 * @property {string} kind
 * @property {string} title
 * @property {string} [description]
 * @property {string} [author]
 */

/**
 * @typedef {object} Vote
 * @property {number} round_id
 * @property {any} value
 * @property {string} client_vote_id
 */

/**
 * The `state` snapshot sent on every (re)connect and after big changes.
 * @typedef {object} State
 * @property {string} audience
 * @property {string} server_time
 * @property {Session} session
 * @property {Item|null} item
 * @property {Round|null} round
 * @property {{tally: Tally, outcome?: Outcome, version?: number}|null} results
 * @property {Decision|null} [decision]    the table's latest decision on the item under discussion
 * @property {Turnout} turnout
 * @property {Comment[]} comments
 * @property {Person} [me]                 participant only
 * @property {Vote|null} [my_vote]         participant only
 * @property {number[]} [my_upvotes]       participant only
 * @property {number[]} [my_comments]      participant only: ids of their comments (anonymous ones too)
 * @property {Item[]} [agenda]             staff and participants (theirs with `outcome`)
 * @property {{id: number, title: string, kind: string, state: string}[]} [my_proposals]  participant only:
 *   pending, accepted, merged or rejected
 * @property {{id: number, item_id: number|null, body: string, at: string}[]} [my_hidden_comments]
 *   participant only: their comments a facilitator hid
 * @property {Proposal[]} [proposals]      staff only
 * @property {Person[]} [participants]     staff only (present ones)
 * @property {number[][]} [possible_duplicates]  staff only: pairs of participant ids
 * @property {boolean} [requires_admission]      staff only
 * @property {Record<string, number>} [sector_counts]  staff only: present people per sector
 * @property {number} [min_cell]                staff only: the smallest sector shown in an anonymous round
 * @property {RunOfShow} [run_of_show]          staff and projector: the plan, the next step, the clocks
 */

/**
 * An agenda item's planned round, resolved (workshop/sessions/plan.py).
 * @typedef {object} Plan
 * @property {string} method
 * @property {number[]} item_ids          the items voted together (a vote group), in order
 * @property {number|null} group
 * @property {number|null} quorum         votes, when the plan gives them
 * @property {number} quorum_share        else this share of those present
 * @property {number} [quorum_now]        the quorum if the round opened now
 * @property {number} threshold
 * @property {boolean} cross_sector
 * @property {boolean} anonymous
 * @property {string} results             live | hidden
 * @property {number|null} dots
 * @property {number|null} seconds        the countdown (null: none)
 * @property {number|null} minutes        the item's time budget
 */

/**
 * @typedef {object} RunOfShowItem
 * @property {number} id
 * @property {string} [code]
 * @property {string} kind
 * @property {string} title
 * @property {string} [title_en]
 * @property {Plan} plan
 * @property {string|null} decision       the table's latest decision in this session
 */

/**
 * @typedef {object} Step
 * @property {string} action             start | discuss | open | close | decide | next | end | none
 * @property {number[]} item_ids
 * @property {number} [round_id]
 */

/**
 * The run-of-show in the staff and projector snapshots (workshop/voting/runshow.py).
 * @typedef {object} RunOfShow
 * @property {RunOfShowItem[]} items
 * @property {Step} step
 * @property {number|null} next_item_id  the next agenda item still to decide, after the current one
 * @property {number} planned_minutes
 * @property {number} decided
 * @property {number} present
 * @property {string|null} started_at
 * @property {string|null} item_since
 * @property {string} projector_mode     auto | join
 */

/**
 * A `participant` event (staff): one person joined or was admitted (`participant` set), or left the
 * room (`participant` null), with the pairs of possible duplicates that person is in.
 * @typedef {object} ParticipantEvent
 * @property {number} id
 * @property {Person|null} participant
 * @property {number[][]} duplicates
 */

/**
 * A `tally` event.
 * @typedef {object} TallyEvent
 * @property {number} round_id
 * @property {number} [version]     the round's tally version: a screen drops a tally older than the one it shows
 * @property {Turnout} [turnout]
 * @property {Tally} [tally]
 * @property {Outcome} [outcome]
 * @property {boolean} [hidden]
 */

/**
 * @typedef {object} AckError
 * @property {string} code
 * @property {string} [message]
 */

/**
 * The answer to an event: `{ok: true, ...}` or `{ok: false, error}`.
 * @typedef {{ok: boolean, error?: AckError, [key: string]: any}} Ack
 */

export {};
