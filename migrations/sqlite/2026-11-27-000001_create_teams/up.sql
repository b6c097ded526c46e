-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- National teams and clubs. A national team carries its FIFA code; clubs may have none.
CREATE TABLE teams (
    id          integer PRIMARY KEY NOT NULL,
    name        text    NOT NULL CHECK (length(name) > 0),
    kind        text    NOT NULL CHECK (kind IN ('NATIONAL', 'CLUB')),
    fifa_code   text    UNIQUE CHECK (fifa_code IS NULL OR (length(fifa_code) = 3 AND fifa_code = upper(fifa_code))),
    country     text,
    search_name text    NOT NULL,
    UNIQUE (kind, name)
);
CREATE INDEX teams_search_name_idx ON teams (search_name);
