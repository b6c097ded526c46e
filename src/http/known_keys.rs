//! Which bearer tokens are live API keys, as the rate limiter must know before it lets a token
//! name a client: a made-up token per request would otherwise get a fresh allowance each time.
//!
//! A token not seen before counts against its address while one look-up in the database checks
//! it (made-up tokens are thus limited by address, look-ups included); once found live, its
//! requests count against the key. Answers are kept for a minute, so a revoked key loses its
//! own allowance within one.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lru::LruCache;

/// How long a token's status is trusted.
const TRUSTED_FOR: Duration = Duration::from_secs(60);
/// Tokens remembered at most.
const REMEMBERED: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Checking,
    Live,
    NotAKey,
}

/// What is known of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Live,
    /// Not a live key, or being checked.
    NotLive,
    /// Not known: the caller must check it and `record` the answer.
    Unknown,
}

pub struct KnownKeys {
    tokens: Mutex<LruCache<[u8; 16], (Status, Instant)>>,
    trusted_for: Duration,
}

impl Default for KnownKeys {
    fn default() -> Self {
        Self::new(TRUSTED_FOR)
    }
}

impl KnownKeys {
    pub fn new(trusted_for: Duration) -> Self {
        let capacity = NonZeroUsize::new(REMEMBERED).unwrap_or(NonZeroUsize::MIN);
        Self {
            tokens: Mutex::new(LruCache::new(capacity)),
            trusted_for,
        }
    }

    /// What is known of the token with this id; an unknown one is marked as being checked.
    pub fn lookup(&self, id: &[u8; 16]) -> Known {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        match tokens.get(id) {
            Some((Status::Live, at)) if at.elapsed() < self.trusted_for => Known::Live,
            Some((Status::NotAKey, at)) if at.elapsed() < self.trusted_for => Known::NotLive,
            // A check that never reported (a lost database) is tried again.
            Some((Status::Checking, at)) if at.elapsed() < self.trusted_for => Known::NotLive,
            _ => {
                tokens.put(*id, (Status::Checking, Instant::now()));
                Known::Unknown
            }
        }
    }

    /// The answer of a check: `None` when it could not be made (it is tried again later).
    pub fn record(&self, id: [u8; 16], live: Option<bool>) {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        match live {
            Some(true) => tokens.put(id, (Status::Live, Instant::now())),
            Some(false) => tokens.put(id, (Status::NotAKey, Instant::now())),
            None => tokens.pop(&id),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_checked_once_then_trusted_for_a_while() {
        let known = KnownKeys::default();
        let (a, b) = ([1; 16], [2; 16]);
        assert_eq!(known.lookup(&a), Known::Unknown);
        assert_eq!(known.lookup(&a), Known::NotLive, "being checked");
        known.record(a, Some(true));
        assert_eq!(known.lookup(&a), Known::Live);
        assert_eq!(known.lookup(&b), Known::Unknown);
        known.record(b, Some(false));
        assert_eq!(known.lookup(&b), Known::NotLive);
        known.record(b, None);
        assert_eq!(
            known.lookup(&b),
            Known::Unknown,
            "a failed check is retried"
        );

        let brief = KnownKeys::new(Duration::ZERO);
        assert_eq!(brief.lookup(&a), Known::Unknown);
        brief.record(a, Some(true));
        assert_eq!(
            brief.lookup(&a),
            Known::Unknown,
            "checked again once too old"
        );
    }
}
