//! The entries of one relation, in shards: a patch copies the few shards holding the keys it
//! changes, not a map of every key (up to 50,000 per relation with the whole history), and the
//! values are shared between the snapshots that hold them.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::sync::Arc;

use foldhash::fast::FixedState;

use super::Relation;

/// Shards per relation: a patch of one match copies a few of them, a read hashes the key once.
const SHARDS: usize = 64;

/// Keys are ids and names from our own database, not chosen by clients: a fast hasher
/// (foldhash), with another seed than the one that picks the shard, so that the keys of one
/// shard spread over its buckets.
type Shard<K> = HashMap<K, Arc<<K as Relation>::Value>, FixedState>;

const SHARD_SEED: u64 = 0x676f_616c_6c69_6e65;
const MAP_SEED: u64 = 0x7368_6172_6473_2121;

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
        let mut shards: Vec<Shard<K>> = (0..SHARDS)
            .map(|_| HashMap::with_hasher(FixedState::with_seed(MAP_SEED)))
            .collect();
        for (key, value) in entries {
            shards[shard_of(&key)].insert(key, Arc::new(value));
        }
        Self {
            shards: shards.into_iter().map(Arc::new).collect(),
        }
    }
}

fn shard_of<K: Hash>(key: &K) -> usize {
    (FixedState::with_seed(SHARD_SEED).hash_one(key) % SHARDS as u64) as usize
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
