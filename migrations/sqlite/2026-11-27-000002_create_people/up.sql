-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Players, coaches and referees are all people; their roles come from the rows that point here.
CREATE TABLE people (
    id          integer PRIMARY KEY NOT NULL,
    full_name   text    NOT NULL CHECK (length(full_name) > 0),
    known_as    text    CHECK (known_as IS NULL OR length(known_as) > 0),
    birth_date  date,
    nationality text    CHECK (nationality IS NULL OR length(nationality) = 3),
    -- Lower-case ASCII folding of the names, for accent-insensitive lookups.
    search_name text    NOT NULL
);
CREATE INDEX people_search_name_idx ON people (search_name);
CREATE INDEX people_birth_date_idx ON people (birth_date);
