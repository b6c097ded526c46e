//! The read model: every relation the API reads, held in memory as one immutable snapshot, so
//! that resolvers look rows up instead of queuing for the database.
//!
//! * **What is held**: one map per relation key (`MatchGoals`, `PersonId`, `TeamSquad`, ...;
//!   each implements [`Relation`] beside its query, through `row_relation!`/`list_relation!`), from
//!   the key to its value as the relation's own query orders it.
//! * **Built** from the database when first read, on both backends, by the relations' own
//!   queries over every key; **replaced** whole, never changed in place: a reader keeps the
//!   snapshot it took for as long as it holds it.
//! * **Fresh**: every change this instance hears of reaches it through the live hub, before
//!   the write that made it answers (a live write, an edit, another instance's notification).
//!   A change to one match patches the snapshot: only the relations made of the kinds of rows
//!   the change wrote ([`Touched`]; a goal: the match, goals and their claims), in them only the
//!   entries that held or now hold that match's rows are read again, and only the shards they
//!   are in are copied (`entries.rs`; the rest, and every value, is shared with the old
//!   snapshot). A change to a match the snapshot does not hold yet patches everything of that
//!   match, and reads the small relations it may come with (editions, stages, competitions)
//!   again whole.
//!   Anything else (an edit, an import) rebuilds it. Either happens on the next read, once for
//!   every reader waiting, so that a reader never sees a snapshot older than a change it was
//!   told of. On SQLite another process's import is not announced: the snapshot is rebuilt
//!   in the background every lifetime, readers keeping the old one meanwhile.
//! * **Derived**: what is computed across relations (every match of every tournament for the
//!   records, every goal for the all-time scorers) is a [`Derived`] value, computed from a
//!   snapshot the first time it is asked of it and kept with it.

use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap, HashSet};

use foldhash::fast::FixedState;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::QueryResult;

use crate::db::{self, DbConnection, Pool};
use crate::error::AppError;

/// Keys read in one statement when every entry is loaded: well under both backends' limits on
/// bound parameters.
pub const KEYS_PER_STATEMENT: usize = 10_000;

mod build;
mod entries;

pub use entries::Entries;

/// A relation of the model: a key and what it leads to.
pub trait Relation: Sized + Hash + Eq + Clone + Send + Sync + 'static {
    type Value: Clone + Send + Sync + 'static;

    /// Every entry, read from the database.
    fn load_all(conn: &mut DbConnection) -> QueryResult<Vec<(Self, Self::Value)>>;

    /// The entries of these keys; a key with none is absent.
    fn load_keys(conn: &mut DbConnection, keys: &[Self]) -> QueryResult<Vec<(Self, Self::Value)>>;

    /// The kind of a match's rows its entries are made of (`Goal` for a match's or a person's
    /// goals): a change to a match that wrote no row of that kind leaves it as it is. None:
    /// any change to a match may touch it.
    fn match_rows() -> Option<TypeId> {
        None
    }

    /// The keys whose entries a change to match `id` may have changed: those that held its
    /// rows (in `old`) and those that hold them now. None for relations no match write changes.
    fn touched_by_match(
        _conn: &mut DbConnection,
        _old: &Entries<Self>,
        _id: i32,
    ) -> QueryResult<Vec<Self>> {
        Ok(Vec::new())
    }
}

/// One relation's place in the model: how to build it and how to patch it.
#[derive(Clone, Copy)]
pub struct Part {
    /// Read again whole when a new match comes (see [`reread_for_new_matches`]).
    whole_for_new_matches: bool,
    name: fn() -> &'static str,
    build: fn(&mut DbConnection, &mut Snapshot) -> QueryResult<()>,
    patch: fn(&mut DbConnection, &Snapshot, &mut Snapshot, &[MatchChange]) -> QueryResult<()>,
}

impl Part {
    fn build_into(&self, conn: &mut DbConnection, snapshot: &mut Snapshot) -> QueryResult<()> {
        let started = Instant::now();
        (self.build)(conn, snapshot)?;
        tracing::trace!(relation = (self.name)(), took = ?started.elapsed(), "read model part");
        Ok(())
    }
}

/// A match that changed, and what the change wrote.
pub type MatchChange = (i32, Touched);

/// What a change to a match wrote: rows of these kinds (`Match`, `Goal`, ...); anything of
/// the match; or, for a match the model does not hold yet, anything of it and the rows made
/// for it (an edition and a stage: see [`reread_for_new_matches`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    Rows(Vec<TypeId>),
    Anything,
    New,
}

impl Touched {
    /// Both changes together.
    fn and(self, other: Touched) -> Touched {
        match (self, other) {
            (Touched::Rows(mut a), Touched::Rows(b)) => {
                a.extend(b.into_iter().filter(|t| !a.contains(t)).collect::<Vec<_>>());
                Touched::Rows(a)
            }
            (Touched::New, _) | (_, Touched::New) => Touched::New,
            _ => Touched::Anything,
        }
    }

    /// Whether relation `K` may have changed.
    fn reaches<K: Relation>(&self) -> bool {
        match (self, K::match_rows()) {
            (Touched::Rows(rows), Some(kind)) => rows.contains(&kind),
            _ => true,
        }
    }
}

/// The part of relation `K`.
pub const fn part<K: Relation>() -> Part {
    Part {
        whole_for_new_matches: false,
        name: std::any::type_name::<K>,
        build: build_part::<K>,
        patch: patch_part::<K>,
    }
}

/// The part of relation `K`, a small one (editions, stages, competitions) that a new match
/// may come with rows of: a fixture made in a new stage, a playback in its own edition. It is
/// read again whole when a match the model does not hold changes, instead of rebuilding all.
pub const fn reread_for_new_matches<K: Relation>() -> Part {
    Part {
        whole_for_new_matches: true,
        ..part::<K>()
    }
}

fn build_part<K: Relation>(conn: &mut DbConnection, into: &mut Snapshot) -> QueryResult<()> {
    let entries: Entries<K> = K::load_all(conn)?.into_iter().collect();
    into.parts.insert(TypeId::of::<K>(), Arc::new(entries));
    Ok(())
}

fn patch_part<K: Relation>(
    conn: &mut DbConnection,
    old: &Snapshot,
    into: &mut Snapshot,
    matches: &[MatchChange],
) -> QueryResult<()> {
    let Some(entries) = old.entries::<K>() else {
        return build_part::<K>(conn, into);
    };
    let mut touched = Vec::new();
    for (id, wrote) in matches {
        if wrote.reaches::<K>() {
            touched.extend(K::touched_by_match(conn, entries, *id)?);
        }
    }
    if touched.is_empty() {
        return Ok(());
    }
    let touched: Vec<K> = touched
        .into_iter()
        .collect::<HashSet<K>>()
        .into_iter()
        .collect();
    let patched = entries.patched(&touched, K::load_keys(conn, &touched)?);
    into.parts.insert(TypeId::of::<K>(), Arc::new(patched));
    Ok(())
}

/// A value computed from a whole snapshot (totals across every match, ...), once per snapshot.
pub trait Derived: Send + Sync + 'static {
    fn derive(snapshot: &Snapshot) -> Result<Self, AppError>
    where
        Self: Sized;
}

/// Rows listed whole (`teams`, `venues`, ...): the order of the list.
pub trait Listed {
    fn listing_order(&self, other: &Self) -> std::cmp::Ordering;
}

/// Every value of relation `K`, in their listing order: sorted once per snapshot.
pub struct Listing<K: Relation>(pub Vec<K::Value>);

impl<K: Relation> Derived for Listing<K>
where
    K::Value: Listed,
{
    fn derive(snapshot: &Snapshot) -> Result<Self, AppError> {
        let mut values: Vec<K::Value> = snapshot.every::<K>()?.values().cloned().collect();
        values.sort_by(Listed::listing_order);
        Ok(Self(values))
    }
}

type Shared = Arc<dyn Any + Send + Sync>;

/// Every relation at one moment.
#[derive(Default)]
pub struct Snapshot {
    parts: HashMap<TypeId, Shared, FixedState>,
    /// Derived values computed so far; a patched snapshot starts without them.
    derived: Mutex<HashMap<TypeId, Shared, FixedState>>,
}

impl Clone for Snapshot {
    fn clone(&self) -> Self {
        Self {
            parts: self.parts.clone(),
            derived: Mutex::default(),
        }
    }
}

impl Snapshot {
    /// Reads every relation of `parts`.
    pub fn build(conn: &mut DbConnection, parts: &[Part]) -> QueryResult<Self> {
        let mut snapshot = Self::default();
        for part in parts {
            part.build_into(conn, &mut snapshot)?;
        }
        Ok(snapshot)
    }

    /// This snapshot with the changes to `matches` read again.
    pub fn patched(
        &self,
        conn: &mut DbConnection,
        parts: &[Part],
        matches: &[MatchChange],
    ) -> QueryResult<Self> {
        let mut next = self.clone();
        let new_match = matches.iter().any(|(_, wrote)| *wrote == Touched::New);
        for part in parts {
            if new_match && part.whole_for_new_matches {
                (part.build)(conn, &mut next)?;
            } else {
                (part.patch)(conn, self, &mut next, matches)?;
            }
        }
        Ok(next)
    }

    /// The entries of relation `K`; none if `K` is not a part of the model.
    pub fn entries<K: Relation>(&self) -> Option<&Entries<K>> {
        self.parts.get(&TypeId::of::<K>())?.downcast_ref()
    }

    /// The value `D` of this snapshot, computed the first time it is asked for (two readers
    /// asking at once may both compute it; one result is kept).
    pub fn derived<D: Derived>(&self) -> Result<Arc<D>, AppError> {
        let kept = |snapshot: &Self| {
            let derived = snapshot.derived.lock().unwrap_or_else(|e| e.into_inner());
            derived
                .get(&TypeId::of::<D>())
                .and_then(|d| Arc::clone(d).downcast::<D>().ok())
        };
        if let Some(found) = kept(self) {
            return Ok(found);
        }
        let made = Arc::new(D::derive(self)?);
        let mut derived = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        let entry = derived
            .entry(TypeId::of::<D>())
            .or_insert_with(|| made.clone() as Shared);
        Ok(Arc::clone(entry).downcast::<D>().unwrap_or(made))
    }

    /// Every entry of relation `K`; an error if it is not a part of the model.
    pub fn every<K: Relation>(&self) -> Result<&Entries<K>, AppError> {
        self.entries::<K>().ok_or_else(|| missing::<K>())
    }

    /// What `key` leads to; an error if its relation is not a part of the model (a key type
    /// left out of the list of parts).
    pub fn get<K: Relation>(&self, key: &K) -> Result<Option<&K::Value>, AppError> {
        Ok(self.every::<K>()?.get(key))
    }
}

fn missing<K>() -> AppError {
    AppError::Internal(format!(
        "{} is not a part of the read model",
        std::any::type_name::<K>()
    ))
}

/// What happened since the snapshot was taken.
#[derive(Default)]
struct Changes {
    everything: bool,
    matches: BTreeMap<i32, Touched>,
}

struct State {
    snapshot: Option<Arc<Snapshot>>,
    changes: Changes,
    /// Changes told so far, and how many of them the snapshot has: a snapshot being made
    /// with changes already taken from `changes` is not fresh until it is stored.
    told: u64,
    applied: u64,
}

/// The current snapshot, kept fresh (see the module's header). One per server.
pub struct ReadModel {
    pool: Pool,
    parts: Arc<[Part]>,
    lifetime: Duration,
    state: Mutex<State>,
    /// Held while a snapshot is made, so that readers waiting for it wait for one, not many.
    refreshing: tokio::sync::Mutex<()>,
}

impl ReadModel {
    pub fn new(pool: Pool, parts: Vec<Part>, lifetime: Duration) -> Self {
        Self {
            pool,
            parts: parts.into(),
            lifetime,
            state: Mutex::new(State {
                snapshot: None,
                changes: Changes::default(),
                told: 0,
                applied: 0,
            }),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Anything may have changed: the next read rebuilds.
    pub fn everything_changed(&self) {
        let mut state = self.lock();
        state.changes.everything = true;
        state.told += 1;
    }

    /// Match `id` changed, writing `wrote`: the next read patches the relations that holds.
    pub fn match_changed(&self, id: i32, wrote: Touched) {
        let mut state = self.lock();
        let before = state.changes.matches.remove(&id);
        let now = match before {
            Some(earlier) => earlier.and(wrote),
            None => wrote,
        };
        state.changes.matches.insert(id, now);
        state.told += 1;
    }

    /// The last snapshot made, without waiting for changes told since (none before the first).
    pub fn latest(&self) -> Option<Arc<Snapshot>> {
        self.lock().snapshot.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The snapshot as it is now, with every change this instance was told of.
    pub async fn current(&self) -> Result<Arc<Snapshot>, AppError> {
        if let Some(fresh) = self.fresh() {
            return Ok(fresh);
        }
        let _one_at_a_time = self.refreshing.lock().await;
        if let Some(fresh) = self.fresh() {
            return Ok(fresh);
        }
        self.refresh(false).await
    }

    /// Rebuilds the snapshot from the database every `lifetime`, for changes nobody announces
    /// (another process importing into a SQLite file). Readers keep the snapshot they have
    /// meanwhile: such a change shows within a lifetime and a build. Runs until the process ends.
    pub async fn renew_every_lifetime(self: Arc<Self>) {
        loop {
            actix_web::rt::time::sleep(self.lifetime).await;
            let _one_at_a_time = self.refreshing.lock().await;
            if let Err(e) = self.refresh(true).await {
                tracing::warn!(error = %e.message(), "the read model could not be renewed");
            }
        }
    }

    /// Makes the next snapshot: the changes told so far applied (patches, or a rebuild when
    /// anything may have changed or `rebuild` is asked). The caller holds `refreshing`.
    async fn refresh(&self, rebuild: bool) -> Result<Arc<Snapshot>, AppError> {
        let (old, changes, told) = {
            let mut state = self.lock();
            let mut changes = std::mem::take(&mut state.changes);
            changes.everything |= rebuild || state.snapshot.is_none();
            (state.snapshot.clone(), changes, state.told)
        };
        let parts = Arc::clone(&self.parts);
        let pool = self.pool.clone();
        let made = db::run(&self.pool, move |c| {
            let started = Instant::now();
            let next = match (&old, changes.everything) {
                (Some(old), false) => {
                    let matches: Vec<MatchChange> = changes.matches.clone().into_iter().collect();
                    consistently(c, |c| old.patched(c, &parts, &matches))?
                }
                _ => build_whole(c, &pool, &parts)?,
            };
            tracing::debug!(
                rebuilt = changes.everything,
                matches = changes.matches.len(),
                took = ?started.elapsed(),
                "read model refreshed"
            );
            Ok(next)
        })
        .await;
        let mut state = self.lock();
        match made {
            Ok(next) => {
                let next = Arc::new(next);
                state.snapshot = Some(Arc::clone(&next));
                state.applied = told;
                Ok(next)
            }
            Err(e) => {
                // Told again next time: nothing that changed is forgotten.
                state.changes.everything = true;
                Err(e)
            }
        }
    }

    /// The snapshot, if nothing changed since it was made.
    fn fresh(&self) -> Option<Arc<Snapshot>> {
        let state = self.lock();
        match (&state.snapshot, state.applied == state.told) {
            (Some(snapshot), true) => Some(Arc::clone(snapshot)),
            _ => None,
        }
    }
}

/// How long a build waits for a second connection (opened if the pool has room) before it
/// reads on one alone.
const SECOND_CONNECTION_WAIT: Duration = Duration::from_millis(100);

/// Every relation read anew: on two PostgreSQL connections at once where a second is to be
/// had (`build.rs`), else on `conn` alone.
fn build_whole(conn: &mut DbConnection, pool: &Pool, parts: &[Part]) -> QueryResult<Snapshot> {
    let second = match conn {
        DbConnection::Postgres(_) => pool.get_timeout(SECOND_CONNECTION_WAIT).ok(),
        DbConnection::Sqlite(_) => None,
    };
    if let Some(mut second) = second {
        if let Some(snapshot) = build::in_two(conn, &mut second, parts)? {
            return Ok(snapshot);
        }
    }
    consistently(conn, |c| Snapshot::build(c, parts))
}

/// Runs `read` in one read-only transaction that sees the database as it was when it began,
/// so that the relations of a snapshot agree with each other while writers go on (SQLite's
/// transactions do; PostgreSQL's need REPEATABLE READ for it).
fn consistently<T>(
    conn: &mut DbConnection,
    read: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
) -> QueryResult<T> {
    use diesel::connection::Connection;
    use diesel::RunQueryDsl;
    conn.transaction(|c| {
        if matches!(c, DbConnection::Postgres(_)) {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(c)?;
        }
        read(c)
    })
}

/// Reads every key of a relation, `KEYS_PER_STATEMENT` to a statement, with the relation's
/// own query by keys.
pub fn load_in_chunks<T>(
    conn: &mut DbConnection,
    ids: &[i32],
    mut query: impl FnMut(&mut DbConnection, &[i32]) -> QueryResult<Vec<T>>,
) -> QueryResult<Vec<T>> {
    let mut rows = Vec::new();
    for chunk in ids.chunks(KEYS_PER_STATEMENT) {
        rows.extend(query(conn, chunk)?);
    }
    Ok(rows)
}

/// The keys of `old` whose value passes `holds` (holds a row of some match, say).
pub fn keys_where<K: Relation>(old: &Entries<K>, holds: impl Fn(&K::Value) -> bool) -> Vec<K> {
    old.iter()
        .filter(|(_, value)| holds(value))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Groups rows under their key, keeping their order.
pub fn group<K: Hash + Eq, V>(rows: Vec<V>, key_of: impl Fn(&V) -> K) -> Vec<(K, Vec<V>)> {
    let mut order = Vec::new();
    let mut groups: HashMap<K, Vec<V>> = HashMap::new();
    for row in rows {
        let key = key_of(&row);
        if !groups.contains_key(&key) {
            order.push(key_of(&row));
        }
        groups.entry(key).or_default().push(row);
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove_entry(&k))
        .collect()
}

/// Makes a key type a relation to the row of that id:
/// `row_relation!(TeamId => Team, Team::by_ids, teams)`, where `Team::by_ids` reads rows by
/// id and `teams` is the table. A relation whose rows belong to matches says how (`match
/// |goal| goal.match_id, Goal::of_matches`: the match of a row, and the rows of matches).
#[macro_export]
macro_rules! row_relation {
    ($key:ident => $row:ty, $query:path, $table:ident $(, match |$m:ident| $match_of:expr, $of_matches:path)?) => {
        impl $crate::read_model::Relation for $key {
            type Value = $row;

            fn load_all(
                conn: &mut $crate::db::DbConnection,
            ) -> diesel::QueryResult<Vec<(Self, $row)>> {
                use diesel::prelude::*;
                let ids: Vec<i32> = $crate::schema::$table::table
                    .select($crate::schema::$table::id)
                    .load(conn)?;
                let rows = $crate::read_model::load_in_chunks(conn, &ids, |c, ids| $query(c, ids))?;
                Ok(rows.into_iter().map(|r| ($key(r.id), r)).collect())
            }

            fn load_keys(
                conn: &mut $crate::db::DbConnection,
                keys: &[Self],
            ) -> diesel::QueryResult<Vec<(Self, $row)>> {
                let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
                Ok($query(conn, &ids)?.into_iter().map(|r| ($key(r.id), r)).collect())
            }

            $(
            fn match_rows() -> Option<std::any::TypeId> {
                Some(std::any::TypeId::of::<$row>())
            }

            fn touched_by_match(
                conn: &mut $crate::db::DbConnection,
                old: &$crate::read_model::Entries<Self>,
                id: i32,
            ) -> diesel::QueryResult<Vec<Self>> {
                let mut keys = $crate::read_model::keys_where(old, |$m: &$row| $match_of == id);
                keys.extend($of_matches(conn, &[id])?.iter().map(|r| $key(r.id)));
                Ok(keys)
            }
            )?
        }
    };
}

/// Makes a key type a relation to a list of rows under a parent id:
/// `list_relation!(MatchGoals => Goal, Goal::of_matches, |g| g.match_id, matches)`, where
/// `Goal::of_matches` reads the rows of parent ids, in order, and `matches` is the parents'
/// table. Rows that belong to matches say how, as for `row_relation!`. A list may keep only
/// the keys of its rows in another relation (`Match as MatchId`: the rows are the matches'
/// own entries, not copies), and the match test then applies to what it keeps.
#[macro_export]
macro_rules! list_relation {
    ($key:ident => $row:ty as $kept:ty, $query:path, |$r:ident| $parent:expr, $table:ident $(, match |$m:ident| $match_of:expr, $of_matches:path)?) => {
        // Its lists hold keys: what they hold changes only with the matches themselves (new or
        // deleted, which rebuild the model), not with what is written to a match.
        $crate::list_relation!(@impl $key => $row, $kept, $key, |row| <$kept>::from(&row), $query, |$r| $parent, $table $(, match |$m| $match_of, $of_matches)?);
    };
    ($key:ident => $row:ty, $query:path, |$r:ident| $parent:expr, $table:ident $(, match |$m:ident| $match_of:expr, $of_matches:path)?) => {
        $crate::list_relation!(@impl $key => $row, $row, $row, |row| row, $query, |$r| $parent, $table $(, match |$m| $match_of, $of_matches)?);
    };
    (@impl $key:ident => $row:ty, $kept:ty, $rows:ty, |$k:ident| $keep:expr, $query:path, |$r:ident| $parent:expr, $table:ident $(, match |$m:ident| $match_of:expr, $of_matches:path)?) => {
        impl $crate::read_model::Relation for $key {
            type Value = Vec<$kept>;

            fn load_all(
                conn: &mut $crate::db::DbConnection,
            ) -> diesel::QueryResult<Vec<(Self, Vec<$kept>)>> {
                use diesel::prelude::*;
                let ids: Vec<i32> = $crate::schema::$table::table
                    .select($crate::schema::$table::id)
                    .load(conn)?;
                let rows = $crate::read_model::load_in_chunks(conn, &ids, |c, ids| $query(c, ids))?;
                Ok(Self::grouped(rows))
            }

            fn load_keys(
                conn: &mut $crate::db::DbConnection,
                keys: &[Self],
            ) -> diesel::QueryResult<Vec<(Self, Vec<$kept>)>> {
                let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
                Ok(Self::grouped($query(conn, &ids)?))
            }

            $(
            fn match_rows() -> Option<std::any::TypeId> {
                Some(std::any::TypeId::of::<$rows>())
            }

            fn touched_by_match(
                conn: &mut $crate::db::DbConnection,
                old: &$crate::read_model::Entries<Self>,
                id: i32,
            ) -> diesel::QueryResult<Vec<Self>> {
                let belongs = |$m: &$kept| $match_of == id;
                let mut keys =
                    $crate::read_model::keys_where(old, |kept: &Vec<$kept>| kept.iter().any(belongs));
                keys.extend($of_matches(conn, &[id])?.iter().map(|$r: &$row| $key($parent)));
                Ok(keys)
            }
            )?
        }

        impl $key {
            /// Rows under their parent's key, as kept.
            fn grouped(rows: Vec<$row>) -> Vec<($key, Vec<$kept>)> {
                $crate::read_model::group(rows, |$r: &$row| $key($parent))
                    .into_iter()
                    .map(|(key, rows)| (key, rows.into_iter().map(|$k| $keep).collect()))
                    .collect()
            }
        }
    };
}
