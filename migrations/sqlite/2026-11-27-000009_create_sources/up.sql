-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
-- Provenance: every file or dataset that was loaded, with its version (a hash of its content)
-- and when; the main rows point at the source they came from. People also keep every
-- spelling of their name the sources used.
CREATE TABLE sources (
    id          integer   PRIMARY KEY NOT NULL,
    name        text      NOT NULL CHECK (length(name) > 0),
    kind        text      NOT NULL CHECK (kind IN ('BUILT_IN', 'FILE')),
    version     text      NOT NULL,
    imported_at timestamp NOT NULL,
    UNIQUE (name, version)
);

ALTER TABLE tournaments ADD COLUMN source_id integer REFERENCES sources (id);
ALTER TABLE matches ADD COLUMN source_id integer REFERENCES sources (id);
ALTER TABLE people ADD COLUMN source_id integer REFERENCES sources (id);
ALTER TABLE squad_members ADD COLUMN source_id integer REFERENCES sources (id);

CREATE TABLE person_aliases (
    person_id   integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    alias       text    NOT NULL CHECK (length(alias) > 0),
    search_name text    NOT NULL,
    source_id   integer REFERENCES sources (id),
    PRIMARY KEY (person_id, alias)
);
CREATE INDEX person_aliases_search_idx ON person_aliases (search_name);
