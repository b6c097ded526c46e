-- SQLite twin of the PostgreSQL migration of the same name: keep the two in step.
CREATE TABLE venues (
    id       integer PRIMARY KEY NOT NULL,
    name     text    NOT NULL CHECK (length(name) > 0),
    city     text    NOT NULL,
    country  text    NOT NULL,
    capacity integer CHECK (capacity IS NULL OR capacity > 0),
    UNIQUE (name, city)
);
