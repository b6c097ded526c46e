//! Batching: every relation is fetched through one `DbLoader`, which turns the keys asked for
//! by all resolvers in the same tick into one SQL statement per relation. Each domain module
//! implements `Loader<ItsKey>` for it next to its queries.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, ErrorExtensions};

use crate::db::{self, DbConnection, Pool};
use crate::error::AppError;
use crate::response_cache::reads::{self, ReadScope, Scope};

pub struct DbLoader {
    pool: Pool,
}

pub type Loaders = DataLoader<DbLoader>;

/// One loader for the whole server. It has no cache, so sharing it across requests never
/// serves stale rows; it only merges concurrent look-ups into batches.
pub fn loaders(pool: Pool) -> Loaders {
    DataLoader::new(DbLoader { pool }, actix_web::rt::spawn)
}

impl DbLoader {
    /// Runs a batch query on the blocking pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, Arc<AppError>>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        db::run(&self.pool, work).await.map_err(Arc::new)
    }
}

/// Groups rows under their key, keeping their order; every asked key gets an entry, empty when
/// nothing matched, so loaders of lists never report a key as missing.
pub fn group_rows<K, V>(keys: &[K], rows: Vec<V>, key_of: impl Fn(&V) -> K) -> HashMap<K, Vec<V>>
where
    K: Hash + Eq + Clone,
{
    let mut map: HashMap<K, Vec<V>> = keys.iter().map(|k| (k.clone(), Vec::new())).collect();
    for row in rows {
        map.entry(key_of(&row)).or_default().push(row);
    }
    map
}

/// Indexes rows by their key.
pub fn index_rows<K, V>(rows: Vec<V>, key_of: impl Fn(&V) -> K) -> HashMap<K, V>
where
    K: Hash + Eq,
{
    rows.into_iter().map(|row| (key_of(&row), row)).collect()
}

/// Loads one value of a relation for a resolver, noting what it read for the response cache.
pub async fn load_one<K>(
    ctx: &Context<'_>,
    key: K,
) -> async_graphql::Result<Option<<DbLoader as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + ReadScope + 'static,
    DbLoader: Loader<K, Error = Arc<AppError>>,
{
    reads::note(ctx, key.read_scope());
    ctx.data_unchecked::<Loaders>()
        .load_one(key)
        .await
        .map_err(|e| e.extend())
}

/// Loads a relation that must exist (a foreign key guarantees it).
pub async fn load_required<K>(
    ctx: &Context<'_>,
    key: K,
) -> async_graphql::Result<<DbLoader as Loader<K>>::Value>
where
    K: Send + Sync + Hash + Eq + Clone + std::fmt::Debug + ReadScope + 'static,
    DbLoader: Loader<K, Error = Arc<AppError>>,
{
    let debug = format!("{key:?}");
    load_one(ctx, key)
        .await?
        .ok_or_else(|| AppError::Internal(format!("missing row for {debug}")).extend())
}

/// Loads a list relation; an absent key is an empty list.
pub async fn load_list<K, V>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Vec<V>>
where
    K: Send + Sync + Hash + Eq + Clone + ReadScope + 'static,
    V: Send + Sync + Clone + 'static,
    DbLoader: Loader<K, Value = Vec<V>, Error = Arc<AppError>>,
{
    Ok(load_one(ctx, key).await?.unwrap_or_default())
}

/// Runs a root query's database work, with errors carrying their code. What it reads is not
/// known here: the response cache takes it to depend on every match.
pub async fn query<T, F>(ctx: &Context<'_>, work: F) -> async_graphql::Result<T>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    reads::note(ctx, Scope::EveryMatch);
    db::run(ctx.data_unchecked::<Pool>(), work)
        .await
        .map_err(|e| e.extend())
}

/// Implements `Loader<Key>` for rows fetched by id: `row_loader!(TeamId => Team, Team::by_ids)`.
/// The key is a one-field tuple struct holding the row id; the row has an `id` field.
#[macro_export]
macro_rules! row_loader {
    ($key:ident => $row:ty, $query:path) => {
        impl async_graphql::dataloader::Loader<$key> for $crate::graphql::loader::DbLoader {
            type Value = $row;
            type Error = std::sync::Arc<$crate::error::AppError>;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, $row>, Self::Error> {
                let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
                let rows = self.run(move |c| Ok($query(c, &ids)?)).await?;
                Ok($crate::graphql::loader::index_rows(rows, |r| $key(r.id)))
            }
        }
    };
}

/// Implements `Loader<Key>` for a list of rows per parent id:
/// `list_loader!(MatchGoals => Goal, Goal::of_matches, |g| g.match_id)`.
#[macro_export]
macro_rules! list_loader {
    ($key:ident => $row:ty, $query:path, |$r:ident| $parent:expr) => {
        impl async_graphql::dataloader::Loader<$key> for $crate::graphql::loader::DbLoader {
            type Value = Vec<$row>;
            type Error = std::sync::Arc<$crate::error::AppError>;

            async fn load(
                &self,
                keys: &[$key],
            ) -> Result<std::collections::HashMap<$key, Vec<$row>>, Self::Error> {
                let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
                let rows = self.run(move |c| Ok($query(c, &ids)?)).await?;
                Ok($crate::graphql::loader::group_rows(keys, rows, |$r| {
                    $key($parent)
                }))
            }
        }
    };
}

/// Loads several rows by key, keeping the keys' order and skipping missing ones.
pub async fn load_many<K>(
    ctx: &Context<'_>,
    keys: Vec<K>,
) -> async_graphql::Result<Vec<<DbLoader as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + ReadScope + 'static,
    DbLoader: Loader<K, Error = Arc<AppError>>,
{
    for key in &keys {
        reads::note(ctx, key.read_scope());
    }
    let mut found = ctx
        .data_unchecked::<Loaders>()
        .load_many(keys.iter().cloned())
        .await
        .map_err(|e| e.extend())?;
    Ok(keys.iter().filter_map(|k| found.remove(k)).collect())
}
