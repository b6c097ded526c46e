//! The response cache: answers to queries kept in memory and served again without running
//! them, until the data they were made from changes.
//!
//! * **Key**: the document with its insignificant whitespace, commas and comments taken out
//!   (`key::normalise`), the operation's name and the variables, hashed with a per-process
//!   random key, so that nobody can aim two requests at one entry.
//! * **What is kept**: successful, public answers to queries (no errors, no `private` hint,
//!   no mutation), as the bytes sent, with their `ETag`.
//! * **What an answer depends on**: recorded while it runs (`reads`): the matches whose own
//!   rows and events it read, or "every match" when it read anything computed across matches
//!   (standings, totals, listings). Teams, people, tournaments and the rest change only by
//!   editing or importing, which empties the cache.
//! * **Invalidation**: every live change (a goal, a card, a phase...) reaches the live hub,
//!   written here or relayed from another instance by PostgreSQL's LISTEN/NOTIFY (the channel
//!   of live events); each invalidates the answers that read that match, and those computed
//!   across matches. Edits and imports on PostgreSQL notify the same channel. Nothing is
//!   scanned: a logical clock ticks on each change, every entry carries the clock at which
//!   its query started, and an entry older than a change to what it read is a miss.
//! * **Bounds**: a byte budget (`GOALLINE_RESPONSE_CACHE_MB`, least recently used out first)
//!   and a lifetime (`GOALLINE_RESPONSE_CACHE_TTL`): on SQLite another process (a `goalline
//!   import` against the server's file) sends no notification, and its changes show after the
//!   lifetime at worst.
//!
//! The same records decide how long HTTP caches may keep an answer (`live_hint`): one that
//! read a match being played now is not cached long, whatever the default.

pub mod key;
pub mod reads;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use actix_web::web::Bytes;
use lru::LruCache;

pub use reads::{Dependencies, Reads};

use crate::live::{HubChange, MatchPhase};

/// What a request asks, as the cache tells requests apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheKey(u64);

/// One kept answer.
pub struct Entry {
    pub body: Bytes,
    pub etag: String,
    /// `max_age` of the query's merged cache hints (async-graphql's: 0 none, -1 `no_cache`).
    pub max_age: i32,
    pub operation: Option<String>,
    depends: Dependencies,
    /// The clock when the query started: changes after it may not be in `body`.
    stamp: u64,
    stored: Instant,
}

impl Entry {
    pub fn depends(&self) -> &Dependencies {
        &self.depends
    }
}

struct Store {
    entries: LruCache<u64, Arc<Entry>>,
    bytes: usize,
}

/// Counters for `/metrics`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub stored: u64,
    pub entries: usize,
    pub bytes: usize,
}

/// The cache of one server: shared by its workers, cheap to clone.
#[derive(Clone)]
pub struct ResponseCache {
    inner: Arc<Inner>,
}

struct Inner {
    store: Mutex<Store>,
    budget: usize,
    ttl: Duration,
    hasher: RandomState,
    clock: AtomicU64,
    /// The clock at the last change that empties everything (an edit, an import).
    everything_changed: AtomicU64,
    /// The clock at the last change to any match.
    any_match_changed: AtomicU64,
    match_changed: RwLock<HashMap<i32, u64>>,
    /// Matches being played now (kicked off, not finished).
    live: RwLock<HashSet<i32>>,
    hits: AtomicU64,
    misses: AtomicU64,
    stored: AtomicU64,
}

/// Answers larger than this share of the budget are not kept: one would push out many.
const LARGEST_SHARE: usize = 8;

impl ResponseCache {
    /// A cache of at most `budget_bytes` of answers (0 keeps nothing), each kept at most `ttl`.
    pub fn new(budget_bytes: usize, ttl: Duration) -> Self {
        Self {
            inner: Arc::new(Inner {
                store: Mutex::new(Store {
                    entries: LruCache::unbounded(),
                    bytes: 0,
                }),
                budget: budget_bytes,
                ttl,
                hasher: RandomState::new(),
                clock: AtomicU64::new(0),
                everything_changed: AtomicU64::new(0),
                any_match_changed: AtomicU64::new(0),
                match_changed: RwLock::new(HashMap::new()),
                live: RwLock::new(HashSet::new()),
                hits: AtomicU64::new(0),
                misses: AtomicU64::new(0),
                stored: AtomicU64::new(0),
            }),
        }
    }

    /// Whether answers are kept at all.
    pub fn enabled(&self) -> bool {
        self.inner.budget > 0
    }

    /// The key of a request: its document (normalised), operation name and variables.
    pub fn key(
        &self,
        document: &str,
        operation: Option<&str>,
        variables: &async_graphql::Variables,
    ) -> CacheKey {
        thread_local! {
            static NORMALISED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let mut hasher = self.inner.hasher.build_hasher();
        hasher.write_u8(b'd');
        // One write of the whole normalised text: many small ones cost more than the hashing.
        NORMALISED.with(|buffer| {
            let mut buffer = buffer.borrow_mut();
            buffer.clear();
            key::normalise_into(document, |chunk| buffer.push_str(chunk));
            hasher.write(buffer.as_bytes());
        });
        Self::finish(hasher, operation, variables)
    }

    /// The key of a request naming its document by SHA-256 (a persisted query): the same
    /// document sent as text has another key, and its answer is kept twice at worst.
    pub fn key_of_digest(
        &self,
        digest: &str,
        operation: Option<&str>,
        variables: &async_graphql::Variables,
    ) -> CacheKey {
        let mut hasher = self.inner.hasher.build_hasher();
        hasher.write_u8(b'h');
        hasher.write(digest.as_bytes());
        Self::finish(hasher, operation, variables)
    }

    fn finish(
        mut hasher: impl Hasher,
        operation: Option<&str>,
        variables: &async_graphql::Variables,
    ) -> CacheKey {
        // Separators that cannot occur in a normalised document keep the parts apart.
        hasher.write_u8(0xff);
        if let Some(name) = operation {
            hasher.write(name.as_bytes());
        }
        hasher.write_u8(0xff);
        if !variables.is_empty() {
            // `Variables` is an ordered map: equal variables write equal text.
            hasher.write(variables.to_string().as_bytes());
        }
        CacheKey(hasher.finish())
    }

    /// The clock to stamp a query with, read before it starts.
    pub fn now(&self) -> u64 {
        self.inner.clock.load(Ordering::Acquire)
    }

    /// The kept answer for `key`, if it is still valid.
    pub fn get(&self, key: &CacheKey) -> Option<Arc<Entry>> {
        if !self.enabled() {
            return None;
        }
        let found = {
            let mut store = self.inner.store.lock().unwrap_or_else(|e| e.into_inner());
            store.entries.get(&key.0).cloned()
        };
        match found {
            Some(entry) if self.valid(&entry) => {
                self.inner.hits.fetch_add(1, Ordering::Relaxed);
                Some(entry)
            }
            Some(_) => {
                let mut store = self.inner.store.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(stale) = store.entries.pop(&key.0) {
                    store.bytes -= stale.body.len();
                }
                self.inner.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
            None => {
                self.inner.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Keeps an answer that a query started at `stamp` made. Returns whether it was kept.
    #[allow(clippy::too_many_arguments)]
    pub fn put(
        &self,
        key: CacheKey,
        stamp: u64,
        body: Bytes,
        etag: String,
        max_age: i32,
        operation: Option<String>,
        depends: Dependencies,
    ) -> bool {
        let size = body.len();
        if !self.enabled() || size > self.inner.budget / LARGEST_SHARE {
            return false;
        }
        let entry = Arc::new(Entry {
            body,
            etag,
            max_age,
            operation,
            depends,
            stamp,
            stored: Instant::now(),
        });
        // A change during the query makes the answer stale already.
        if !self.valid(&entry) {
            return false;
        }
        let mut store = self.inner.store.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = store.entries.put(key.0, entry) {
            store.bytes -= old.body.len();
        }
        store.bytes += size;
        while store.bytes > self.inner.budget {
            match store.entries.pop_lru() {
                Some((_, old)) => store.bytes -= old.body.len(),
                None => break,
            }
        }
        self.inner.stored.fetch_add(1, Ordering::Relaxed);
        true
    }

    fn valid(&self, entry: &Entry) -> bool {
        let inner = &self.inner;
        if entry.stored.elapsed() > inner.ttl
            || inner.everything_changed.load(Ordering::Acquire) > entry.stamp
        {
            return false;
        }
        if entry.depends.every_match() {
            return inner.any_match_changed.load(Ordering::Acquire) <= entry.stamp;
        }
        if entry.depends.matches().is_empty() {
            return true;
        }
        let changed = inner
            .match_changed
            .read()
            .unwrap_or_else(|e| e.into_inner());
        entry
            .depends
            .matches()
            .iter()
            .all(|m| changed.get(m).is_none_or(|&at| at <= entry.stamp))
    }

    fn tick(&self) -> u64 {
        self.inner.clock.fetch_add(1, Ordering::AcqRel) + 1
    }

    /// A match changed (any live write): answers that read it, or read across matches, are
    /// stale from now on.
    pub fn match_changed(&self, match_id: i32, phase: Option<MatchPhase>) {
        let at = self.tick();
        let inner = &self.inner;
        inner
            .match_changed
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(match_id, at);
        inner.any_match_changed.fetch_max(at, Ordering::AcqRel);
        let mut live = inner.live.write().unwrap_or_else(|e| e.into_inner());
        match phase {
            Some(phase) if phase.in_play() => live.insert(match_id),
            _ => live.remove(&match_id),
        };
    }

    /// Anything may have changed (an edit, an import): every answer is stale from now on.
    pub fn everything_changed(&self) {
        let at = self.tick();
        self.inner
            .everything_changed
            .fetch_max(at, Ordering::AcqRel);
        let mut store = self.inner.store.lock().unwrap_or_else(|e| e.into_inner());
        store.entries.clear();
        store.bytes = 0;
    }

    /// What the hub reports, applied: the cache listens to every change this instance hears of.
    pub fn observe(&self, change: &HubChange<'_>) {
        match *change {
            HubChange::Match(update) => self.match_changed(update.match_id, update.match_phase()),
            HubChange::Everything => self.everything_changed(),
        }
    }

    /// Matches being played at start-up, read from the database.
    pub fn set_live(&self, matches: impl IntoIterator<Item = i32>) {
        let mut live = self.inner.live.write().unwrap_or_else(|e| e.into_inner());
        live.clear();
        live.extend(matches);
    }

    /// Whether an answer with these dependencies shows a match being played now: then HTTP
    /// caches may not keep it long.
    pub fn shows_live(&self, depends: &Dependencies) -> bool {
        let live = self.inner.live.read().unwrap_or_else(|e| e.into_inner());
        if live.is_empty() {
            return false;
        }
        depends.every_match() || depends.matches().iter().any(|m| live.contains(m))
    }

    pub fn stats(&self) -> CacheStats {
        let store = self.inner.store.lock().unwrap_or_else(|e| e.into_inner());
        CacheStats {
            hits: self.inner.hits.load(Ordering::Relaxed),
            misses: self.inner.misses.load(Ordering::Relaxed),
            stored: self.inner.stored.load(Ordering::Relaxed),
            entries: store.entries.len(),
            bytes: store.bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::Variables;

    fn deps(matches: &[i32], every: bool) -> Dependencies {
        let reads = Reads::default();
        for &m in matches {
            reads.note_match(m);
        }
        if every {
            reads.note_every_match();
        }
        reads.take()
    }

    fn keep(cache: &ResponseCache, doc: &str, stamp: u64, d: Dependencies) -> bool {
        let key = cache.key(doc, None, &Variables::default());
        cache.put(
            key,
            stamp,
            Bytes::from(doc.to_owned()),
            "W/\"t\"".into(),
            0,
            None,
            d,
        )
    }

    fn has(cache: &ResponseCache, doc: &str) -> bool {
        cache
            .get(&cache.key(doc, None, &Variables::default()))
            .is_some()
    }

    #[test]
    fn the_same_question_written_differently_is_one_entry() {
        let cache = ResponseCache::new(1 << 20, Duration::from_secs(60));
        let v = Variables::default();
        let a = cache.key("{ match(id: \"x\") { id } }", None, &v);
        let b = cache.key("# a comment\n{match(id:\"x\"){id}}", None, &v);
        let c = cache.key("{ match(id: \"x \") { id } }", None, &v);
        let d = cache.key("{ match(id: \"x\") { id } }", Some("Q"), &v);
        let vars = Variables::from_json(serde_json::json!({"id": 1}));
        let e = cache.key("{ match(id: \"x\") { id } }", None, &vars);
        let digest = "ab".repeat(32);
        let f = cache.key_of_digest(&digest, None, &v);
        assert_eq!(f.0, cache.key_of_digest(&digest, None, &v).0);
        assert_ne!(
            f.0,
            cache.key(&digest, None, &v).0,
            "a digest is not a document"
        );
        assert_eq!(a.0, b.0);
        assert_ne!(a.0, c.0, "text inside strings is significant");
        assert_ne!(a.0, d.0);
        assert_ne!(a.0, e.0);
    }

    #[test]
    fn a_change_to_a_match_drops_what_read_it_and_what_read_every_match() {
        let cache = ResponseCache::new(1 << 20, Duration::from_secs(60));
        let stamp = cache.now();
        assert!(keep(&cache, "{final}", stamp, deps(&[64], false)));
        assert!(keep(&cache, "{opener}", stamp, deps(&[1], false)));
        assert!(keep(&cache, "{standings}", stamp, deps(&[], true)));
        assert!(keep(&cache, "{team}", stamp, deps(&[], false)));
        cache.match_changed(1, Some(MatchPhase::FirstHalf));
        assert!(has(&cache, "{final}"));
        assert!(!has(&cache, "{opener}"));
        assert!(!has(&cache, "{standings}"));
        assert!(has(&cache, "{team}"));
        cache.everything_changed();
        assert!(!has(&cache, "{final}") && !has(&cache, "{team}"));
        assert_eq!(cache.stats().entries, 0);
    }

    #[test]
    fn an_answer_begun_before_a_change_is_not_kept() {
        let cache = ResponseCache::new(1 << 20, Duration::from_secs(60));
        let stamp = cache.now();
        cache.match_changed(7, None);
        assert!(!keep(&cache, "{m7}", stamp, deps(&[7], false)));
        assert!(keep(&cache, "{m8}", stamp, deps(&[8], false)));
        assert!(keep(&cache, "{m7}", cache.now(), deps(&[7], false)));
    }

    #[test]
    fn the_budget_and_the_lifetime_bound_what_is_kept() {
        let cache = ResponseCache::new(8 * 100, Duration::from_secs(60));
        let doc = |i: usize| format!("{{q{i:097}}}");
        for i in 0..20 {
            keep(&cache, &doc(i), cache.now(), deps(&[], false));
        }
        let stats = cache.stats();
        assert!(stats.bytes <= 800 && stats.entries == 8, "{stats:?}");
        assert!(has(&cache, &doc(19)) && !has(&cache, &doc(0)));
        // Larger than an eighth of the budget: not kept.
        assert!(!keep(
            &cache,
            &"x".repeat(101),
            cache.now(),
            deps(&[], false)
        ));

        let brief = ResponseCache::new(1 << 20, Duration::ZERO);
        keep(&brief, "{a}", brief.now(), deps(&[], false));
        std::thread::sleep(Duration::from_millis(2));
        assert!(!has(&brief, "{a}"));
        assert!(!ResponseCache::new(0, Duration::from_secs(1)).enabled());
    }

    #[test]
    fn answers_that_show_a_match_in_play_are_live() {
        let cache = ResponseCache::new(1 << 20, Duration::from_secs(60));
        assert!(!cache.shows_live(&deps(&[], true)));
        cache.match_changed(5, Some(MatchPhase::SecondHalf));
        assert!(cache.shows_live(&deps(&[5], false)));
        assert!(cache.shows_live(&deps(&[], true)));
        assert!(!cache.shows_live(&deps(&[6], false)));
        cache.match_changed(5, Some(MatchPhase::FullTime));
        assert!(!cache.shows_live(&deps(&[5], false)));
    }
}
