//! Loading a lot at once into PostgreSQL (the built-in history on a first start): in one
//! transaction, the foreign keys of goalline's tables and the indexes only readers use are
//! dropped, the data is written, and they are made again, which checks every row before
//! anything commits, as `pg_restore` does. Measured on the whole history, each row's checks cost about three times its insert
//! (one trigger per key per row); added back at the end, each key is checked by one join.
//! A failure anywhere rolls everything back, keys included: the database is never left
//! without them. Only into a database without matches: dropping a key locks its tables
//! whole, and loading again over data other instances are reading (the first start of a newer
//! importer) would make them wait, or deadlock with a reader that holds one table and wants
//! the next; there the keys stay and check row by row. SQLite checks its foreign keys without
//! triggers: there the load is only made one transaction.

use diesel::connection::Connection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::DbConnection;
use crate::error::AppError;

#[derive(QueryableByName)]
struct ForeignKey {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    definition: String,
}

/// Runs `load` in one transaction, with the foreign keys added back at its end on a
/// PostgreSQL database without matches (see the top of this module).
pub fn with_keys_checked_at_the_end<T>(
    conn: &mut DbConnection,
    load: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    if !matches!(conn, DbConnection::Postgres(_)) {
        return conn.transaction(load);
    }
    conn.transaction(|c| {
        if holds_matches(c)? {
            return load(c);
        }
        let keys = foreign_keys(c)?;
        for key in &keys {
            execute(
                c,
                &format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}",
                    key.table_name,
                    quoted(&key.name)
                ),
            )?;
        }
        let indexes = deferred_indexes(c)?;
        for index in &indexes {
            execute(c, &format!("DROP INDEX {}", quoted(&index.name)))?;
        }
        let loaded = load(c)?;
        for index in &indexes {
            execute(c, &index.definition)?;
        }
        for key in &keys {
            execute(
                c,
                &format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} {}",
                    key.table_name,
                    quoted(&key.name),
                    key.definition
                ),
            )?;
        }
        Ok(loaded)
    })
}

/// Indexes for readers that the import never looks rows up by, on the tables it fills by
/// the ten thousand: built once at the end instead of row by row (the `COPY` of the
/// results' 48,000 matches took 0.65 s with their eleven indexes, 0.13 s with none; each of
/// these is built again in about 25 ms). The indexes the import reads by (a match by its
/// date or edition, a goal by its match, a person by name or birth date) stay.
const DEFERRED_INDEXES: &[&str] = &[
    "matches_stage_idx",
    "matches_group_idx",
    "matches_home_team_idx",
    "matches_away_team_idx",
    "matches_venue_idx",
    "matches_kickoff_idx",
    "matches_competition_idx",
    "matches_tournament_idx",
    "goals_scorer_idx",
    "goal_claims_goal_idx",
    "lineups_person_idx",
    "cards_match_idx",
    "cards_person_idx",
    "substitutions_match_idx",
    "substitutions_on_idx",
    "substitutions_off_idx",
];

#[derive(QueryableByName)]
struct Index {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    definition: String,
}

/// Those of `DEFERRED_INDEXES` the schema has, with the statement that makes each again.
fn deferred_indexes(conn: &mut DbConnection) -> QueryResult<Vec<Index>> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(Vec::new());
    };
    diesel::sql_query(
        "SELECT indexname::text AS name, indexdef AS definition FROM pg_indexes \
         WHERE schemaname = current_schema() AND indexname = ANY($1) ORDER BY indexname",
    )
    .bind::<diesel::sql_types::Array<Text>, _>(DEFERRED_INDEXES)
    .load(pg)
}

fn holds_matches(conn: &mut DbConnection) -> QueryResult<bool> {
    use crate::schema::matches;
    diesel::select(diesel::dsl::exists(matches::table.select(matches::id))).get_result(conn)
}

/// The foreign keys of the tables in the schema goalline uses.
fn foreign_keys(conn: &mut DbConnection) -> QueryResult<Vec<ForeignKey>> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(Vec::new());
    };
    diesel::sql_query(
        "SELECT conrelid::regclass::text AS table_name, conname::text AS name, \
                pg_get_constraintdef(oid) AS definition \
         FROM pg_constraint \
         WHERE contype = 'f' AND connamespace = current_schema()::regnamespace \
         ORDER BY conrelid::regclass::text, conname",
    )
    .load(pg)
}

fn execute(conn: &mut DbConnection, statement: &str) -> QueryResult<()> {
    diesel::sql_query(statement).execute(conn).map(|_| ())
}

/// An identifier as PostgreSQL reads it back exactly.
fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}
