//! One connection type for both backends, its pool, migrations, and the helper that keeps
//! Diesel's blocking calls off the async executor.

use std::time::Duration;

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use diesel::connection::{InstrumentationEvent, SimpleConnection};
use diesel::migration::MigrationSource;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::sql_types::Text;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::DatabaseUrl;
use crate::error::AppError;

/// A connection to either backend; queries written once run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// The connection pool, and a count of the SQL statements its connections have run (exported
/// in metrics, and used by tests to check that batching keeps queries few).
#[derive(Clone)]
pub struct Pool {
    inner: r2d2::Pool<ConnectionManager>,
    statements: Arc<AtomicU64>,
}

impl std::ops::Deref for Pool {
    type Target = r2d2::Pool<ConnectionManager>;

    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl Pool {
    /// SQL statements executed through this pool since it was made.
    pub fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }
}

pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Opens connections of the configured backend. Diesel's own manager would try each backend in
/// turn, and a SQLite file named like a PostgreSQL URL is not a fallback anyone wants.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    statements: Arc<AtomicU64>,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl, statements: Arc<AtomicU64>) -> Self {
        Self { url, statements }
    }

    /// Counts each statement a connection finishes, but those of background polls.
    fn count_statements(&self, conn: &mut impl Connection) {
        let statements = Arc::clone(&self.statements);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            let polling = POLLING.with(std::cell::Cell::get);
            if matches!(event, InstrumentationEvent::FinishQuery { .. }) && !polling {
                statements.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn =
                    diesel::PgConnection::establish(url).map_err(r2d2::Error::ConnectionError)?;
                self.count_statements(&mut conn);
                Ok(DbConnection::Postgres(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(r2d2::Error::ConnectionError)?;
                // Foreign keys are off by default in SQLite; WAL lets readers run beside a writer.
                conn.batch_execute(
                    "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                     PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                )
                .map_err(r2d2::Error::QueryError)?;
                self.count_statements(&mut conn);
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// Refuses at once a SQLite database that cannot be created or written (a missing folder, no
/// permission), naming the file, instead of failing after the pool's connection timeout.
/// PostgreSQL is checked by connecting, as the server may still be coming up.
pub fn check_writable(url: &DatabaseUrl) -> Result<(), String> {
    let DatabaseUrl::Sqlite(path) = url else {
        return Ok(());
    };
    if path.as_os_str() == ":memory:" {
        return Ok(());
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(drop)
        .map_err(|e| {
            format!(
                "cannot create or write the SQLite database {}: {e}; set DATABASE_URL to a file in a folder goalline may write",
                path.display()
            )
        })
}

/// Builds the pool without opening a connection, so a server can start while the database is
/// still coming up; `connection_timeout` bounds how long a request waits for one.
pub fn pool(url: &DatabaseUrl, size: u32) -> Pool {
    let statements = Arc::new(AtomicU64::new(0));
    let inner = r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(5))
        .build_unchecked(ConnectionManager::new(url.clone(), Arc::clone(&statements)));
    Pool { inner, statements }
}

/// Applies the pending migrations of the connection's backend; returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, AppError> {
    let applied = match conn {
        DbConnection::Postgres(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map_err(|e| AppError::Migration(e.to_string()))?
            .len(),
        DbConnection::Sqlite(c) => run_sqlite_migrations(c)?,
    };
    Ok(applied)
}

/// SQLite changes a column by rebuilding its table, and dropping the old table would cascade
/// to every row that refers to it: migrations run with foreign keys off (SQLite's documented
/// procedure), then, if any ran, every reference is checked before they are turned on again.
fn run_sqlite_migrations(c: &mut diesel::SqliteConnection) -> Result<usize, AppError> {
    let failed = |e: &dyn std::fmt::Display| AppError::Migration(e.to_string());
    c.batch_execute("PRAGMA foreign_keys = OFF")
        .map_err(|e| failed(&e))?;
    let applied = c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len());
    // The check reads every reference of the database: only after a migration ran (a restart
    // with nothing to migrate would spend most of its time here).
    let broken: Result<i64, _> = match applied {
        Ok(0) => Ok(0),
        _ => diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(*) FROM pragma_foreign_key_check)",
        ))
        .get_result(c),
    };
    c.batch_execute("PRAGMA foreign_keys = ON")
        .map_err(|e| failed(&e))?;
    let applied = applied.map_err(|e| failed(&e))?;
    match broken.map_err(|e| failed(&e))? {
        0 => Ok(applied),
        n => Err(AppError::Migration(format!(
            "{n} rows refer to rows that are not there after migrating"
        ))),
    }
}

#[derive(QueryableByName)]
struct AppliedVersion {
    #[diesel(sql_type = Text)]
    version: String,
}

/// Versions of this build's migrations that the database has not recorded as applied (all of
/// them when it has no migration table yet), in order.
pub fn pending_migrations(conn: &mut DbConnection) -> Vec<String> {
    const APPLIED: &str = "SELECT version FROM __diesel_schema_migrations";
    let (applied, known) = match conn {
        DbConnection::Sqlite(c) => (
            diesel::sql_query(APPLIED).load::<AppliedVersion>(c),
            MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS).map(|ms| {
                ms.iter()
                    .map(|m| m.name().version().to_string())
                    .collect::<Vec<_>>()
            }),
        ),
        DbConnection::Postgres(c) => (
            diesel::sql_query(APPLIED).load::<AppliedVersion>(c),
            MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES_MIGRATIONS).map(|ms| {
                ms.iter()
                    .map(|m| m.name().version().to_string())
                    .collect::<Vec<_>>()
            }),
        ),
    };
    let applied: HashSet<String> = applied
        .unwrap_or_default()
        .into_iter()
        .map(|a| a.version)
        .collect();
    let mut pending: Vec<String> = known
        .unwrap_or_default()
        .into_iter()
        .filter(|v: &String| !applied.contains(v))
        .collect();
    pending.sort();
    pending
}

/// Runs blocking database work on actix's blocking thread pool with a pooled connection.
pub async fn run<T, F>(pool: &Pool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    run_counted(pool, true, work).await
}

async fn run_counted<T, F>(pool: &Pool, counted: bool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    struct Polling;
    impl Drop for Polling {
        fn drop(&mut self) {
            POLLING.with(|p| p.set(false));
        }
    }
    let pool = pool.clone();
    actix_web::web::block(move || {
        // From the checkout on: the pool checks a connection with a statement of its own.
        POLLING.with(|p| p.set(!counted));
        let _until_done = Polling;
        let mut conn = pool.get().map_err(AppError::from)?;
        work(&mut conn)
    })
    .await
    .map_err(|_| AppError::Internal("blocking task was cancelled".into()))?
}

thread_local! {
    /// Set while a background poll runs on this thread (see `run_poll`).
    static POLLING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Like `run`, for a poll that runs every few hundred milliseconds whatever the traffic (on
/// SQLite, reading the update log for other processes' writes): its statements are left out of
/// `goalline_db_statements_total`, which then says what the requests cost.
pub async fn run_poll<T, F>(pool: &Pool, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    run_counted(pool, false, work).await
}

/// Rows written to one statement by `insert_batch!` on SQLite: well under its limit on bound
/// parameters (32,766) for the widest table.
pub const BATCH_ROWS: usize = 500;

/// Inserts many rows; how many were written. PostgreSQL takes them in one `COPY`, which skips
/// parsing and planning a statement per batch (most of a first start's server time went to
/// them); SQLite, `BATCH_ROWS` to a statement. Diesel's multi-backend connection has neither
/// (the backends disagree on DEFAULT), so this runs on the concrete connection. `COPY` writes
/// NULL for a field that is `None`, never the column's default: every row struct given here
/// says so (`treat_none_as_default_value = false`), so both backends write the same rows.
#[macro_export]
macro_rules! insert_batch {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        let conn: &mut $crate::db::DbConnection = $conn;
        let rows = $rows;
        match &mut *conn {
            $crate::db::DbConnection::Postgres(c) => {
                if rows.is_empty() {
                    Ok(0)
                } else {
                    diesel::copy_from($table).from_insertable(rows).execute(c)
                }
            }
            $crate::db::DbConnection::Sqlite(c) => {
                let mut written = 0;
                let mut failed = None;
                for chunk in rows.chunks($crate::db::BATCH_ROWS) {
                    match diesel::insert_into($table).values(chunk).execute(c) {
                        Ok(n) => written += n,
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
                failed.map_or(Ok(written), Err)
            }
        }
    }};
}

/// Brings the query planner's statistics up to date after bulk writes, inside or outside a
/// transaction. PostgreSQL plans from statistics that autovacuum gathers a minute or more
/// after a change and that never see rows an open transaction wrote: while the first import
/// fills the database, every table looks nearly empty to the planner, which then reads
/// `people` whole for each look-up of 500 names (150 ms instead of 1 ms). `ANALYZE` samples
/// the rows the transaction sees, its own included. SQLite plans these look-ups by index
/// without statistics, so this does nothing there.
/// The tables an import reads by something other than a row id (names, dates, team pairs, a
/// match's goals and claims); the others it only writes. Leaving out `goal_claims` made each
/// read of 500 matches' claims a scan of the whole table (100 ms instead of 2).
const LOOKED_UP: [&str; 9] = [
    "goal_claims",
    "goals",
    "people",
    "person_aliases",
    "teams",
    "team_names",
    "matches",
    "tournaments",
    "squad_members",
];

pub fn refresh_statistics(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Postgres(c) = conn {
        // The import's look-ups need row counts and distinct values, not fine histograms: a
        // sample of 3,000 rows (statistics target 10) instead of the default 30,000 makes
        // each `ANALYZE` about five times quicker (0.74 s of a first start's 4.3 s on the
        // server before). The setting lasts for this statement only.
        diesel::sql_query("SET default_statistics_target = 10").execute(c)?;
        let analysed = diesel::sql_query(format!("ANALYZE {}", LOOKED_UP.join(", "))).execute(c);
        let reset = diesel::sql_query("RESET default_statistics_target").execute(c);
        analysed?;
        reset?;
    }
    Ok(())
}

/// Keeps the planner's statistics within a factor of two of the data while an import grows
/// it: statistics are refreshed each time the rows created since the start have doubled
/// since the last refresh, so a whole-history import refreshes them about eight times and a
/// small update not at all.
#[derive(Debug, Default)]
pub struct GrowingTables {
    written: usize,
    analysed_at: usize,
}

impl GrowingTables {
    /// Rows created below which statistics are left to autovacuum.
    const FIRST_REFRESH: usize = 2_000;

    pub fn grew(&mut self, conn: &mut DbConnection, rows: usize) -> QueryResult<()> {
        self.written += rows;
        if self.written >= Self::FIRST_REFRESH.max(2 * self.analysed_at) {
            refresh_statistics(conn)?;
            self.analysed_at = self.written;
        }
        Ok(())
    }
}
