//! Persisted queries: Apollo's automatic persisted queries (APQ) and trusted documents.
//!
//! A client sends `extensions.persistedQuery = {"version": 1, "sha256Hash": H}` (in a POST body,
//! or JSON-encoded in the `extensions` URL parameter of a GET), where `H` is the lowercase hex
//! SHA-256 of the query text, with or without the text itself:
//!
//! * without the text, the server runs the document it knows under `H`; when it knows none it
//!   answers the GraphQL error `PersistedQueryNotFound` (code `PERSISTED_QUERY_NOT_FOUND`, HTTP
//!   200, as Apollo Client expects: a 400 would make it give up on persisted queries);
//! * with the text, the server checks that `H` is the text's hash (`PERSISTED_QUERY_HASH_MISMATCH`,
//!   400, when not), runs it, and remembers it under `H` for next time, in a bounded in-memory
//!   LRU. Only documents that ran (that parsed, validated and passed the limits) are remembered,
//!   so junk cannot push useful entries out.
//!
//! Each server instance learns hashes on its own; a client whose hash an instance does not know
//! (after a restart, or behind a load balancer) just sends the text again, as Apollo Client does
//! by itself.
//!
//! Trusted documents (`GOALLINE_TRUSTED_DOCUMENTS`) are known from the start and never evicted.
//! With `GOALLINE_TRUSTED_DOCUMENTS_ONLY` the server runs nothing else: a document that is not
//! in the list is refused with `PERSISTED_QUERY_REQUIRED` (400), an unknown hash with
//! `PERSISTED_QUERY_NOT_IN_LIST` (400), and nothing is learned.

use std::collections::HashMap;
use std::fmt;
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::http::StatusCode;
use lru::LruCache;
use serde_json::Value;

use super::Refusal;

/// The stable codes of persisted-query errors.
pub mod codes {
    pub const NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";
    pub const NOT_SUPPORTED: &str = "PERSISTED_QUERY_NOT_SUPPORTED";
    pub const HASH_MISMATCH: &str = "PERSISTED_QUERY_HASH_MISMATCH";
    pub const REQUIRED: &str = "PERSISTED_QUERY_REQUIRED";
    pub const NOT_IN_LIST: &str = "PERSISTED_QUERY_NOT_IN_LIST";
}

use crate::digest::sha256_hex;

fn is_sha256_hex(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Documents known from the start, by the SHA-256 of their text.
#[derive(Clone, Default)]
pub struct TrustedDocuments {
    by_hash: Arc<HashMap<String, Arc<str>>>,
}

impl fmt::Debug for TrustedDocuments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrustedDocuments({} documents)", self.len())
    }
}

impl TrustedDocuments {
    /// Reads a JSON file: see [`TrustedDocuments::from_json`].
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads either a JSON object mapping each document's SHA-256 (lowercase hex) to its text,
    /// `{"<sha256>": "query Q { ... }", ...}`, or an Apollo persisted query manifest,
    /// `{"format": "apollo-persisted-query-manifest", "operations": [{"id", "body", ...}]}`.
    /// Every hash must be its document's, and every document must parse.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        let Value::Object(object) = value else {
            return Err("expected a JSON object mapping SHA-256 hashes to documents".into());
        };
        let pairs: Vec<(String, Value)> = match object.get("operations") {
            Some(Value::Array(operations)) if object.contains_key("format") => operations
                .iter()
                .map(|op| {
                    (
                        op["id"].as_str().unwrap_or_default().to_owned(),
                        op["body"].clone(),
                    )
                })
                .collect(),
            _ => object.into_iter().collect(),
        };
        let mut by_hash = HashMap::with_capacity(pairs.len());
        for (hash, document) in pairs {
            let Value::String(document) = document else {
                return Err(format!("the document of {hash:?} is not a string"));
            };
            let hash = hash.to_ascii_lowercase();
            if !is_sha256_hex(&hash) {
                return Err(format!("{hash:?} is not a SHA-256 hash (64 hex digits)"));
            }
            let actual = sha256_hex(&document);
            if actual != hash {
                return Err(format!(
                    "{hash} is not the SHA-256 of its document (which is {actual})"
                ));
            }
            if let Err(e) = async_graphql::parser::parse_query(&document) {
                return Err(format!("the document {hash} does not parse: {e}"));
            }
            by_hash.insert(hash, Arc::from(document));
        }
        Ok(Self {
            by_hash: Arc::new(by_hash),
        })
    }

    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    fn get(&self, hash: &str) -> Option<&Arc<str>> {
        self.by_hash.get(hash)
    }
}

/// What a request asks to run, once its persisted-query extension is read.
#[derive(Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The query text to run.
    pub query: String,
    /// The hash to remember the text under once it has run (APQ registration).
    pub register: Option<String>,
    /// The SHA-256 of the text, when the request named the document by it (the response
    /// cache keys on it without reading the text).
    pub digest: Option<String>,
}

/// How often persisted queries were found, not found, and learned.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PersistedCounts {
    pub hits: u64,
    pub misses: u64,
    pub registered: u64,
    /// Documents held in the LRU now.
    pub cached: u64,
}

/// The persisted queries of one server: the trusted documents and the learned ones.
pub struct PersistedQueries {
    trusted: TrustedDocuments,
    trusted_only: bool,
    /// `None` when automatic persisted queries are off (a cache size of 0).
    learned: Option<Mutex<LruCache<String, Arc<str>>>>,
    hits: AtomicU64,
    misses: AtomicU64,
    registered: AtomicU64,
}

impl PersistedQueries {
    /// `capacity` documents learned at most (0: APQ off); `trusted` known from the start;
    /// `trusted_only`: run nothing else.
    pub fn new(capacity: usize, trusted: TrustedDocuments, trusted_only: bool) -> Self {
        let learned = match NonZeroUsize::new(capacity) {
            Some(capacity) if !trusted_only => Some(Mutex::new(LruCache::new(capacity))),
            _ => None,
        };
        Self {
            trusted,
            trusted_only,
            learned,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            registered: AtomicU64::new(0),
        }
    }

    pub fn counts(&self) -> PersistedCounts {
        PersistedCounts {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            registered: self.registered.load(Ordering::Relaxed),
            cached: self
                .learned
                .as_ref()
                .map_or(0, |lru| lock(lru).len() as u64),
        }
    }

    /// Decides what to run from the request's `query` (absent or empty when the client sends
    /// only a hash) and its `extensions`.
    pub fn resolve(
        &self,
        query: Option<String>,
        extensions: Option<&Value>,
    ) -> Result<Resolved, Refusal> {
        let hash = persisted_hash(extensions)?;
        // Apollo Client may send `query: ""` beside a hash; without one, an empty document is
        // left to GraphQL, which says it does not parse.
        let query = query.filter(|q| hash.is_none() || !q.is_empty());
        match (query, hash) {
            (None, None) => Err(Refusal::bad_request("the request has no `query`")),
            (Some(query), None) => {
                if self.trusted_only && self.trusted.get(&sha256_hex(&query)).is_none() {
                    return Err(not_listed());
                }
                Ok(Resolved {
                    query,
                    register: None,
                    digest: None,
                })
            }
            (None, Some(hash)) => self.look_up(hash),
            (Some(query), Some(hash)) => {
                if sha256_hex(&query) != hash {
                    return Err(Refusal::new(
                        StatusCode::BAD_REQUEST,
                        codes::HASH_MISMATCH,
                        "provided sha does not match query: `sha256Hash` must be the SHA-256 \
                         (lowercase hex) of the query text",
                    ));
                }
                let trusted = self.trusted.get(&hash).is_some();
                if self.trusted_only && !trusted {
                    return Err(not_listed());
                }
                let register = (!trusted && self.learned.is_some()).then(|| hash.clone());
                Ok(Resolved {
                    query,
                    register,
                    digest: Some(hash),
                })
            }
        }
    }

    fn look_up(&self, hash: String) -> Result<Resolved, Refusal> {
        let found = match self.trusted.get(&hash) {
            Some(text) => Some(text.to_string()),
            None => self
                .learned
                .as_ref()
                .and_then(|lru| lock(lru).get(&hash).map(|text| text.to_string())),
        };
        if let Some(query) = found {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(Resolved {
                query,
                register: None,
                digest: Some(hash),
            });
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        if self.trusted_only {
            Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                codes::NOT_IN_LIST,
                format!("no trusted document has the hash {hash}; this server runs only its trusted documents"),
            ))
        } else if self.learned.is_none() && self.trusted.is_empty() {
            // Apollo Client stops sending hashes when it reads this message.
            Err(Refusal::new(
                StatusCode::OK,
                codes::NOT_SUPPORTED,
                "PersistedQueryNotSupported",
            ))
        } else {
            // The exact message Apollo Client looks for before sending the text.
            Err(Refusal::new(
                StatusCode::OK,
                codes::NOT_FOUND,
                "PersistedQueryNotFound",
            ))
        }
    }

    /// Remembers a document that has run under its (checked) hash.
    pub fn register(&self, hash: String, query: &str) {
        if let Some(lru) = &self.learned {
            lock(lru).put(hash, Arc::from(query));
            self.registered.fetch_add(1, Ordering::Relaxed);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves a cache that is still a valid cache.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn not_listed() -> Refusal {
    Refusal::new(
        StatusCode::BAD_REQUEST,
        codes::REQUIRED,
        "this server runs only its trusted documents, and this document is not one of them: \
         send the `sha256Hash` of a trusted document in `extensions.persistedQuery`",
    )
}

/// The hash of `extensions.persistedQuery`, when there is one; lowercase.
fn persisted_hash(extensions: Option<&Value>) -> Result<Option<String>, Refusal> {
    let persisted = match extensions {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(map)) => match map.get("persistedQuery") {
            None | Some(Value::Null) => return Ok(None),
            Some(persisted) => persisted,
        },
        Some(_) => return Err(Refusal::bad_request("`extensions` must be a JSON object")),
    };
    let version = persisted.get("version").and_then(Value::as_i64);
    if version != Some(1) {
        return Err(Refusal::bad_request(
            "`extensions.persistedQuery.version` must be 1 (the only version there is)",
        ));
    }
    match persisted.get("sha256Hash").and_then(Value::as_str) {
        Some(hash) if is_sha256_hex(hash) => Ok(Some(hash.to_ascii_lowercase())),
        _ => Err(Refusal::bad_request(
            "`extensions.persistedQuery.sha256Hash` must be a SHA-256 hash (64 hex digits)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const Q: &str = "{ __typename }";

    fn ext(hash: &str) -> Value {
        json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
    }

    fn apq() -> PersistedQueries {
        PersistedQueries::new(2, TrustedDocuments::default(), false)
    }

    #[test]
    fn the_hash_is_lowercase_hex_sha256() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn unknown_hashes_are_not_found_until_registered() {
        let store = apq();
        let hash = sha256_hex(Q);
        let miss = store.resolve(None, Some(&ext(&hash))).unwrap_err();
        assert_eq!((miss.status, miss.code), (StatusCode::OK, codes::NOT_FOUND));
        assert_eq!(miss.message, "PersistedQueryNotFound");

        let resolved = store.resolve(Some(Q.into()), Some(&ext(&hash))).unwrap();
        assert_eq!(resolved.register.as_deref(), Some(hash.as_str()));
        store.register(hash.clone(), &resolved.query);

        let hit = store
            .resolve(Some(String::new()), Some(&ext(&hash.to_uppercase())))
            .unwrap();
        assert_eq!(hit.query, Q);
        assert_eq!(
            store.counts(),
            PersistedCounts {
                hits: 1,
                misses: 1,
                registered: 1,
                cached: 1
            }
        );
    }

    #[test]
    fn the_lru_is_bounded() {
        let store = apq();
        for q in ["{ a }", "{ b }", "{ c }"] {
            store.register(sha256_hex(q), q);
        }
        assert_eq!(store.counts().cached, 2);
        assert!(store
            .resolve(None, Some(&ext(&sha256_hex("{ a }"))))
            .is_err());
        assert!(store
            .resolve(None, Some(&ext(&sha256_hex("{ c }"))))
            .is_ok());
    }

    #[test]
    fn bad_extensions_and_mismatched_hashes_are_refused() {
        let store = apq();
        let other = sha256_hex("{ other }");
        let err = store
            .resolve(Some(Q.into()), Some(&ext(&other)))
            .unwrap_err();
        assert_eq!(
            (err.status, err.code),
            (StatusCode::BAD_REQUEST, codes::HASH_MISMATCH)
        );
        for bad in [
            json!([]),
            json!({ "persistedQuery": { "version": 2, "sha256Hash": other } }),
            json!({ "persistedQuery": { "version": 1 } }),
            json!({ "persistedQuery": { "version": 1, "sha256Hash": "abc" } }),
        ] {
            let err = store.resolve(Some(Q.into()), Some(&bad)).unwrap_err();
            assert_eq!(err.code, "BAD_REQUEST", "{bad}");
        }
        assert_eq!(
            store.resolve(None, Some(&json!({}))).unwrap_err().message,
            "the request has no `query`"
        );
        // An empty document is GraphQL's to refuse (it does not parse).
        assert_eq!(store.resolve(Some(String::new()), None).unwrap().query, "");
        // Other extensions are ignored.
        assert!(store
            .resolve(Some(Q.into()), Some(&json!({"tracing": true})))
            .is_ok());
    }

    #[test]
    fn without_a_cache_hashes_are_not_supported() {
        let store = PersistedQueries::new(0, TrustedDocuments::default(), false);
        let err = store.resolve(None, Some(&ext(&sha256_hex(Q)))).unwrap_err();
        assert_eq!(err.code, codes::NOT_SUPPORTED);
        let resolved = store.resolve(Some(Q.into()), Some(&ext(&sha256_hex(Q))));
        assert_eq!(resolved.unwrap().register, None);
    }

    #[test]
    fn trusted_documents_are_checked_and_may_be_the_only_ones() {
        let hash = sha256_hex(Q);
        let trusted = TrustedDocuments::from_json(&json!({ hash.clone(): Q }).to_string()).unwrap();
        let manifest = json!({
            "format": "apollo-persisted-query-manifest", "version": 1,
            "operations": [{ "id": hash, "name": "T", "type": "query", "body": Q }]
        });
        assert_eq!(
            TrustedDocuments::from_json(&manifest.to_string())
                .unwrap()
                .len(),
            1
        );
        for (bad, reason) in [
            ("[]".to_owned(), "JSON object"),
            ("{".to_owned(), "not valid JSON"),
            (json!({ "abc": Q }).to_string(), "not a SHA-256"),
            (
                json!({ sha256_hex("{ x }"): Q }).to_string(),
                "not the SHA-256",
            ),
            (json!({ hash.clone(): 1 }).to_string(), "not a string"),
            (
                json!({ sha256_hex("{ x"): "{ x" }).to_string(),
                "does not parse",
            ),
        ] {
            let err = TrustedDocuments::from_json(&bad).unwrap_err();
            assert!(err.contains(reason), "{bad}: {err}");
        }

        let store = PersistedQueries::new(10, trusted, true);
        assert_eq!(store.resolve(None, Some(&ext(&hash))).unwrap().query, Q);
        assert_eq!(store.resolve(Some(Q.into()), None).unwrap().register, None);
        let other = "{ other }";
        let err = store.resolve(Some(other.into()), None).unwrap_err();
        assert_eq!(
            (err.status, err.code),
            (StatusCode::BAD_REQUEST, codes::REQUIRED)
        );
        let err = store
            .resolve(Some(other.into()), Some(&ext(&sha256_hex(other))))
            .unwrap_err();
        assert_eq!(err.code, codes::REQUIRED);
        let err = store
            .resolve(None, Some(&ext(&sha256_hex(other))))
            .unwrap_err();
        assert_eq!(err.code, codes::NOT_IN_LIST);
    }
}
