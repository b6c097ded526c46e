//! Row ids handed out before their rows are written, so that a bulk writer (the import of
//! the international results: about 48,000 matches and 11,000 people on a first start) can
//! insert its rows many to a statement instead of one `INSERT ... RETURNING` each.
//!
//! On PostgreSQL the ids come from the table's own sequence, so they never meet an id another
//! writer is given. On SQLite they count on from the largest id: only one connection writes
//! at a time, and a writer takes its ids inside the transaction that writes the rows, after
//! its first write has taken the database's write lock. Until its rows are written, that
//! transaction must not insert into the table another way (SQLite would give the same ids).

use std::collections::VecDeque;

use diesel::prelude::*;
use diesel::sql_types::Integer;

use crate::db::DbConnection;

/// How many ids PostgreSQL is asked for at first, and at most: the block doubles each time
/// it runs out. Each takes one `nextval` per id (about 5 µs), and ids a writer does not use are
/// lost, so a file of 64 matches should not take 1,000 (a first start read 90 files that way).
const FIRST_BLOCK: i32 = 32;
const LARGEST_BLOCK: i32 = 4096;

/// A pool of ids for one table whose primary key is an integer `id`.
pub struct IdPool {
    table: &'static str,
    free: VecDeque<i32>,
    /// How many ids PostgreSQL is asked for next.
    block: i32,
    /// The largest id handed out (SQLite).
    high: Option<i32>,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

impl IdPool {
    /// A pool for `table`, a name from `schema.rs` (never input).
    pub fn new(table: &'static str) -> Self {
        Self {
            table,
            free: VecDeque::new(),
            block: FIRST_BLOCK,
            high: None,
        }
    }

    /// One id for one row about to be written on its own.
    pub fn one(conn: &mut DbConnection, table: &'static str) -> QueryResult<i32> {
        let mut pool = Self::new(table);
        pool.block = 1;
        pool.take(conn)
    }

    /// An id no row of the table has, nor will be given by anyone else.
    pub fn take(&mut self, conn: &mut DbConnection) -> QueryResult<i32> {
        if let Some(id) = self.free.pop_front() {
            return Ok(id);
        }
        match conn {
            DbConnection::Postgres(c) => {
                let ids: Vec<Id> = diesel::sql_query(format!(
                    "SELECT nextval(pg_get_serial_sequence('{}', 'id'))::integer AS id \
                     FROM generate_series(1, {})",
                    self.table, self.block
                ))
                .load(c)?;
                self.block = (self.block * 2).min(LARGEST_BLOCK);
                self.free.extend(ids.into_iter().map(|i| i.id));
                self.free.pop_front().ok_or(diesel::result::Error::NotFound)
            }
            DbConnection::Sqlite(c) => {
                let high = match self.high {
                    Some(high) => high,
                    None => {
                        diesel::sql_query(format!(
                            "SELECT coalesce(max(id), 0) AS id FROM {}",
                            self.table
                        ))
                        .get_result::<Id>(c)?
                        .id
                    }
                };
                self.high = Some(high + 1);
                Ok(high + 1)
            }
        }
    }
}
