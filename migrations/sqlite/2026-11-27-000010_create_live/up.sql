-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Live matches: where a match being played stands, the log of every change made to it (what
-- subscribers receive, in order), the keys that may write, and the retried writes already applied.

-- `phase` is set while a match is played live; `version` counts the changes made to a match and
-- numbers its entries in `match_updates`.
ALTER TABLE matches ADD COLUMN phase text CHECK (phase IN (
    'FIRST_HALF', 'HALF_TIME', 'SECOND_HALF', 'BEFORE_EXTRA_TIME', 'EXTRA_TIME_FIRST_HALF',
    'EXTRA_TIME_HALF_TIME', 'EXTRA_TIME_SECOND_HALF', 'PENALTY_SHOOTOUT', 'FULL_TIME'));
ALTER TABLE matches ADD COLUMN version integer NOT NULL DEFAULT 0 CHECK (version >= 0);

-- An additional permanent concussion substitute (IFAB protocol) is not counted in the limit.
ALTER TABLE substitutions ADD COLUMN concussion boolean NOT NULL DEFAULT false CHECK (concussion IN (0, 1));

CREATE TABLE match_updates (
    id          integer   PRIMARY KEY NOT NULL,
    match_id    integer   NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    -- The match's `version` after this change: 1, 2, 3, ... with no gaps.
    sequence    integer   NOT NULL CHECK (sequence > 0),
    kind        text      NOT NULL CHECK (kind IN ('PHASE', 'LINEUP', 'GOAL', 'CARD', 'SUBSTITUTION',
                                                   'SHOOTOUT_KICK', 'GOAL_DELETED', 'CARD_DELETED',
                                                   'SUBSTITUTION_DELETED', 'SHOOTOUT_KICK_DELETED')),
    -- The row in goals, cards, substitutions or shootout_kicks that the change is about.
    event_id    integer,
    phase       text,
    home_score  integer   NOT NULL CHECK (home_score >= 0),
    away_score  integer   NOT NULL CHECK (away_score >= 0),
    home_kicks  integer   CHECK (home_kicks >= 0),
    away_kicks  integer   CHECK (away_kicks >= 0),
    recorded_at timestamp NOT NULL,
    UNIQUE (match_id, sequence)
);

CREATE TABLE api_keys (
    id          integer   PRIMARY KEY NOT NULL,
    name        text      NOT NULL CHECK (length(name) > 0),
    role        text      NOT NULL CHECK (role IN ('READER', 'EDITOR', 'ADMIN')),
    -- SHA-256 of the token, hex: the token itself is shown once and never stored.
    token_hash  text      NOT NULL UNIQUE,
    created_at  timestamp NOT NULL,
    revoked_at  timestamp
);

-- A write retried with the same key is answered with the change it made the first time.
CREATE TABLE idempotency_keys (
    api_key_id  integer   NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    key         text      NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    -- What was asked, so that the same key with another request is refused, not misanswered.
    fingerprint text      NOT NULL,
    match_id    integer   NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    sequence    integer   NOT NULL,
    created_at  timestamp NOT NULL,
    PRIMARY KEY (api_key_id, key)
);
