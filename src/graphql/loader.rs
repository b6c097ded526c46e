//! Look-ups in the read model (`crate::read_model`): every relation a resolver follows (a
//! match's goals, a person's squads, ...) is an entry of the current snapshot, found without
//! waiting for the database. Each look-up notes what it read for the response cache.

use async_graphql::{Context, ErrorExtensions};

use crate::db::{self, DbConnection, Pool};
use crate::error::AppError;
use crate::read_model::{Listed, Listing, Part, ReadModel, Relation, Snapshot};
use crate::response_cache::reads::{self, ReadScope, Scope};

/// Every relation a resolver may look up, by domain.
pub fn relations() -> Vec<Part> {
    [
        crate::competition::RELATIONS,
        crate::tournament::RELATIONS,
        crate::matches::RELATIONS,
        crate::team::RELATIONS,
        crate::person::RELATIONS,
        crate::squad::RELATIONS,
        crate::career::RELATIONS,
        crate::venue::RELATIONS,
        crate::source::RELATIONS,
    ]
    .concat()
}

/// The snapshot a query reads from its first field to its last (put in the request's data by
/// the gateway), so that its answer is of one moment.
pub struct Pinned(pub std::sync::Arc<Snapshot>);

/// The snapshot a request reads: a query's pinned one, else the current one with every change
/// this instance was told of (a mutation reads what it wrote; a subscription's events, each
/// the snapshot of their moment).
pub async fn snapshot(ctx: &Context<'_>) -> async_graphql::Result<std::sync::Arc<Snapshot>> {
    if let Some(Pinned(pinned)) = ctx.data_opt::<Pinned>() {
        return Ok(std::sync::Arc::clone(pinned));
    }
    ctx.data_unchecked::<std::sync::Arc<ReadModel>>()
        .current()
        .await
        .map_err(|e| e.extend())
}

/// Looks one entry of a relation up, noting what it read for the response cache.
pub async fn load_one<K>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Option<K::Value>>
where
    K: Relation + ReadScope,
{
    reads::note(ctx, key.read_scope());
    let snapshot = snapshot(ctx).await?;
    let found = snapshot.get(&key).map_err(|e| e.extend())?;
    Ok(found.cloned())
}

/// Looks up a relation that must exist (a foreign key guarantees it).
pub async fn load_required<K>(ctx: &Context<'_>, key: K) -> async_graphql::Result<K::Value>
where
    K: Relation + ReadScope + std::fmt::Debug,
{
    load_one(ctx, key.clone())
        .await?
        .ok_or_else(|| AppError::Internal(format!("missing row for {key:?}")).extend())
}

/// Looks a list relation up; an absent key is an empty list.
pub async fn load_list<K, V>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Vec<V>>
where
    K: Relation<Value = Vec<V>> + ReadScope,
{
    Ok(load_one(ctx, key).await?.unwrap_or_default())
}

/// Looks up a relation that keeps keys of another (a tournament's matches as `MatchId`s), then
/// each of those, in order, in the same snapshot.
pub async fn load_each<K, R>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Vec<R::Value>>
where
    K: Relation<Value = Vec<R>> + ReadScope,
    R: Relation,
{
    reads::note(ctx, key.read_scope());
    let snapshot = snapshot(ctx).await?;
    let Some(keys) = snapshot.get(&key).map_err(|e| e.extend())? else {
        return Ok(Vec::new());
    };
    let mut found = Vec::with_capacity(keys.len());
    for k in keys {
        if let Some(value) = snapshot.get(k).map_err(|e| e.extend())? {
            found.push(value.clone());
        }
    }
    Ok(found)
}

/// Looks several entries up, keeping the keys' order and skipping missing ones.
pub async fn load_many<K>(ctx: &Context<'_>, keys: Vec<K>) -> async_graphql::Result<Vec<K::Value>>
where
    K: Relation + ReadScope,
{
    for key in &keys {
        reads::note(ctx, key.read_scope());
    }
    let snapshot = snapshot(ctx).await?;
    let mut found = Vec::with_capacity(keys.len());
    for key in &keys {
        if let Some(value) = snapshot.get(key).map_err(|e| e.extend())? {
            found.push(value.clone());
        }
    }
    Ok(found)
}

/// Every value of a relation, in its listing order (a root list: `teams`, `venues`, ...). Rows
/// that only editing or importing change: nothing to note for the response cache, which
/// either empties.
pub async fn load_all<K>(ctx: &Context<'_>) -> async_graphql::Result<Vec<K::Value>>
where
    K: Relation,
    K::Value: Listed,
{
    let snapshot = snapshot(ctx).await?;
    let listing = snapshot.derived::<Listing<K>>().map_err(|e| e.extend())?;
    Ok(listing.0.clone())
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
