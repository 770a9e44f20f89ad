// @ts-check
/* The shapes of the live protocol (docs/realtime.md) as JSDoc types, for `// @ts-check`.
 * Types only: modules refer to them with `import("./types.js").State`; no page loads this file. */

/**
 * @typedef {object} Session
 * @property {number} id
 * @property {string} title
 * @property {string} status        draft | scheduled | live | closed
 * @property {string} [join_code]
 */

/**
 * @typedef {object} Item
 * @property {number} id
 * @property {string} kind
 * @property {string} title
 * @property {string} [title_en]
 * @property {string} [description]
 * @property {string} [description_en]
 * @property {string} [status]
 * @property {string} [computed_outcome]                               staff agenda only
 * @property {{outcome: string, computed?: string, reason?: string}|null} [decision]  staff agenda only
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
 * @property {string|null} [timer_ends_at]
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
 * @property {string} [author]
 * @property {string} [organisation]
 * @property {string} [sector]
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
 * @property {{tally: Tally, outcome?: Outcome}|null} results
 * @property {Turnout} turnout
 * @property {Comment[]} comments
 * @property {Person} [me]                 participant only
 * @property {Vote|null} [my_vote]         participant only
 * @property {number[]} [my_upvotes]       participant only
 * @property {Item[]} [agenda]             staff only
 * @property {Proposal[]} [proposals]      staff only
 * @property {Person[]} [participants]     staff only
 */

/**
 * A `tally` event.
 * @typedef {object} TallyEvent
 * @property {number} round_id
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
