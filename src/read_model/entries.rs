//! The entries of one relation, in shards: a patch copies the few shards holding the keys it
//! changes, not a map of every key (up to 50,000 per relation with the whole history), and the
//! values are shared between the snapshots that hold them.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::Relation;

/// Shards per relation: a patch of one match copies a few of them, a read hashes the key once.
const SHARDS: usize = 64;

type Shard<K> = HashMap<K, Arc<<K as Relation>::Value>>;

/// Every entry of relation `K` in one snapshot.
pub struct Entries<K: Relation> {
    shards: Vec<Arc<Shard<K>>>,
}

impl<K: Relation> Clone for Entries<K> {
    fn clone(&self) -> Self {
        Self {
            shards: self.shards.clone(),
        }
    }
}

impl<K: Relation> FromIterator<(K, K::Value)> for Entries<K> {
    fn from_iter<I: IntoIterator<Item = (K, K::Value)>>(entries: I) -> Self {
        let mut shards: Vec<Shard<K>> = (0..SHARDS).map(|_| HashMap::new()).collect();
        for (key, value) in entries {
            shards[shard_of(&key)].insert(key, Arc::new(value));
        }
        Self {
            shards: shards.into_iter().map(Arc::new).collect(),
        }
    }
}

fn shard_of<K: Hash>(key: &K) -> usize {
    let mut hasher = DefaultHasher::new();
    key.hash(&mut hasher);
    (hasher.finish() % SHARDS as u64) as usize
}

impl<K: Relation> Entries<K> {
    pub fn get(&self, key: &K) -> Option<&K::Value> {
        self.shards[shard_of(key)].get(key).map(|v| v.as_ref())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &K::Value)> {
        self.shards
            .iter()
            .flat_map(|shard| shard.iter().map(|(k, v)| (k, v.as_ref())))
    }

    pub fn values(&self) -> impl Iterator<Item = &K::Value> {
        self.iter().map(|(_, v)| v)
    }

    /// These entries with the `touched` keys' replaced by `fresh` (a touched key not in
    /// `fresh` has no entry any more); the shards no key falls in are shared, not copied.
    pub fn patched(&self, touched: &[K], fresh: Vec<(K, K::Value)>) -> Self {
        let mut shards = self.shards.clone();
        for key in touched {
            Arc::make_mut(&mut shards[shard_of(key)]).remove(key);
        }
        for (key, value) in fresh {
            let shard = shard_of(&key);
            Arc::make_mut(&mut shards[shard]).insert(key, Arc::new(value));
        }
        Self { shards }
    }
}
