//! Building a whole snapshot on two PostgreSQL connections at once. The relations are read one
//! after another, and with one reading connection a 2-core machine leaves a core idle: the
//! whole history's 51 relations took 2.0 s on one. Here two threads take the next relation not
//! yet read until none is left, each on its own connection, and the second transaction adopts
//! the first's snapshot (`pg_export_snapshot`, `SET TRANSACTION SNAPSHOT`), so the relations
//! agree with each other as when one transaction reads them all; no writer waits.
//!
//! SQLite has no such adoption through its SQL: two connections see the same state only if
//! nothing commits between their first reads, which takes holding the write lock meanwhile.
//! Held for the whole build, it made live writes fail with "database is locked" (a writer that
//! has read cannot wait for the lock); so SQLite builds on one connection.

use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::connection::Connection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::{Part, Snapshot};
use crate::db::DbConnection;

/// A transaction that sees the database as it was when it began.
const READ_ONLY_SNAPSHOT: &str = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

#[derive(QueryableByName)]
struct Exported {
    #[diesel(sql_type = Text)]
    id: String,
}

/// Every relation of `parts`, read on two PostgreSQL connections together; `None` on SQLite.
pub(super) fn in_two(
    first: &mut DbConnection,
    second: &mut DbConnection,
    parts: &[Part],
) -> QueryResult<Option<Snapshot>> {
    if !matches!(first, DbConnection::Postgres(_)) {
        return Ok(None);
    }
    first.transaction(|a| {
        execute(a, READ_ONLY_SNAPSHOT)?;
        let exported: Exported =
            diesel::sql_query("SELECT pg_export_snapshot() AS id").get_result(a)?;
        second.transaction(|b| {
            execute(b, READ_ONLY_SNAPSHOT)?;
            // The id is PostgreSQL's own (hex digits and dashes), never input.
            execute(b, &format!("SET TRANSACTION SNAPSHOT '{}'", exported.id))?;
            together(a, b, parts).map(Some)
        })
    })
}

/// Two threads, each taking the next part not yet built until none is left.
fn together(a: &mut DbConnection, b: &mut DbConnection, parts: &[Part]) -> QueryResult<Snapshot> {
    let next = AtomicUsize::new(0);
    let work = |conn: &mut DbConnection| -> QueryResult<Snapshot> {
        let mut built = Snapshot::default();
        while let Some(part) = parts.get(next.fetch_add(1, Ordering::Relaxed)) {
            part.build_into(conn, &mut built)?;
        }
        Ok(built)
    };
    let (here, there) = std::thread::scope(|s| {
        let other = s.spawn(|| work(b));
        let here = work(a);
        (here, other.join())
    });
    let there = there.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let mut snapshot = here?;
    snapshot.parts.extend(there?.parts);
    Ok(snapshot)
}

fn execute(conn: &mut DbConnection, statement: &str) -> QueryResult<()> {
    diesel::sql_query(statement).execute(conn).map(|_| ())
}
