//! How many requests a client may make: a sustained rate and a burst, kept per client with the
//! generic cell rate algorithm (GCRA, a token bucket that stores one instant per client instead
//! of a count and a time).
//!
//! Each client has a *theoretical arrival time* (TAT): when its bucket would be full again if it
//! stopped now. A request is let through when doing so keeps the TAT within `burst` intervals of
//! now, and moves it one interval (`1 / rate`) on. A client whose TAT has passed has a full
//! bucket, exactly like one never seen, so it is forgotten: memory holds only clients active
//! within the last `burst / rate`, and never more than [`MAX_CLIENTS`] of them.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Clients tracked at once, at most. Beyond it (after forgetting the idle), new clients share
/// one bucket, so that a flood of addresses costs bounded memory and still gets limited.
pub const MAX_CLIENTS: usize = 100_000;

/// A sustained rate and a burst: `rate` requests per `per`, up to `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub requests: u32,
    pub per: Duration,
    pub burst: u32,
}

impl RateLimit {
    /// `10/s`, `600/min`, `1000/h` (also `/second`, `/minute`, `/hour`, `/day`, `/d`); `0` or
    /// `off` gives `None` (no limit).
    pub fn parse_rate(value: &str) -> Result<Option<(u32, Duration)>, String> {
        let value = value.trim().to_ascii_lowercase();
        if value == "0" || value == "off" {
            return Ok(None);
        }
        let expected = || {
            "expected requests per unit such as 10/s, 600/min or 1000/h (0 or off: no limit)"
                .to_owned()
        };
        let (count, unit) = value.split_once('/').ok_or_else(expected)?;
        let count = count
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|&n| (1..=1_000_000).contains(&n))
            .ok_or_else(expected)?;
        let seconds = match unit.trim() {
            "s" | "sec" | "second" => 1,
            "m" | "min" | "minute" => 60,
            "h" | "hour" => 3_600,
            "d" | "day" => 86_400,
            _ => return Err(expected()),
        };
        Ok(Some((count, Duration::from_secs(seconds))))
    }

    /// Time between two requests at the sustained rate.
    fn interval(&self) -> Duration {
        self.per / self.requests.max(1)
    }

    /// Time for an empty bucket to fill up again, in whole seconds (the policy's window).
    pub fn window_seconds(&self) -> u64 {
        ceil_seconds(self.interval() * self.burst.max(1))
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.per.as_secs() {
            1 => "s".to_owned(),
            60 => "min".to_owned(),
            3_600 => "h".to_owned(),
            86_400 => "d".to_owned(),
            n => format!("{n}s"),
        };
        write!(f, "{}/{unit}, burst {}", self.requests, self.burst)
    }
}

/// Whole seconds, rounded up: a client told to wait must not come back a moment too early.
pub fn ceil_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// What the limiter decided for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// Requests the client may still make at once.
    pub remaining: u32,
    /// Until the bucket is full again.
    pub reset: Duration,
    /// Until the next request would be let through (zero when one would be now).
    pub retry_after: Duration,
}

/// The clients' buckets.
pub struct RateLimiter<K> {
    limit: RateLimit,
    /// Where time starts: TATs are nanoseconds after it.
    epoch: Instant,
    state: Mutex<Clients<K>>,
}

/// Idle clients are swept this often (nanoseconds), and at most this often when the table is full,
/// so that a full table does not cost a sweep per request.
const SWEEP_EVERY: u64 = 60_000_000_000;
const SWEEP_FULL_EVERY: u64 = 1_000_000_000;

struct Clients<K> {
    tats: HashMap<K, u64>,
    /// The bucket shared by clients that come when [`MAX_CLIENTS`] are tracked.
    overflow: u64,
    /// When the idle were last swept.
    swept: u64,
}

impl<K: Hash + Eq> Clients<K> {
    /// Forgets clients whose bucket is full again, when it is time to.
    fn sweep(&mut self, now: u64, newcomer: bool) {
        let since = now.saturating_sub(self.swept);
        let full = newcomer && self.tats.len() >= MAX_CLIENTS;
        if since >= SWEEP_EVERY || (full && since >= SWEEP_FULL_EVERY) {
            self.tats.retain(|_, tat| *tat > now);
            self.swept = now;
        }
    }
}

impl<K: Hash + Eq> RateLimiter<K> {
    pub fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            epoch: Instant::now(),
            state: Mutex::new(Clients {
                tats: HashMap::new(),
                overflow: 0,
                swept: 0,
            }),
        }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Decides on a request from `client` now.
    pub fn check(&self, client: K) -> Decision {
        self.check_at(client, Instant::now())
    }

    fn check_at(&self, client: K, now: Instant) -> Decision {
        let now = nanos(now.saturating_duration_since(self.epoch));
        let interval = nanos(self.limit.interval()).max(1);
        let capacity = interval.saturating_mul(u64::from(self.limit.burst.max(1)));
        let mut clients = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let newcomer = !clients.tats.contains_key(&client);
        clients.sweep(now, newcomer);
        let tracked = clients.tats.len() < MAX_CLIENTS || clients.tats.contains_key(&client);
        let stored = if tracked {
            clients.tats.get(&client).copied().unwrap_or(0)
        } else {
            clients.overflow
        };
        let tat = stored.max(now);
        let next = tat.saturating_add(interval);
        // The request fits when the bucket, once it is counted, is not over capacity.
        let horizon = now.saturating_add(capacity);
        if next > horizon {
            return Decision {
                allowed: false,
                remaining: 0,
                reset: Duration::from_nanos(tat - now),
                retry_after: Duration::from_nanos(next - horizon),
            };
        }
        if tracked {
            clients.tats.insert(client, next);
        } else {
            clients.overflow = next;
        }
        Decision {
            allowed: true,
            remaining: u32::try_from((horizon - next) / interval).unwrap_or(u32::MAX),
            reset: Duration::from_nanos(next - now),
            retry_after: Duration::ZERO,
        }
    }

    /// Clients tracked now (idle ones included until they are swept).
    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.state.lock().unwrap().tats.len()
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(requests: u32, per_seconds: u64, burst: u32) -> RateLimiter<u32> {
        RateLimiter::new(RateLimit {
            requests,
            per: Duration::from_secs(per_seconds),
            burst,
        })
    }

    #[test]
    fn a_burst_is_served_then_the_sustained_rate() {
        let l = limiter(1, 1, 3);
        let t0 = l.epoch;
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let remaining: Vec<_> = (0..3).map(|_| l.check_at(7, at(0)).remaining).collect();
        assert_eq!(remaining, [2, 1, 0]);
        let refused = l.check_at(7, at(0));
        assert!(!refused.allowed);
        assert_eq!(refused.retry_after, Duration::from_secs(1));
        assert_eq!(refused.reset, Duration::from_secs(3));
        // Half a second later: still refused, half a second to go.
        assert_eq!(
            l.check_at(7, at(500)).retry_after,
            Duration::from_millis(500)
        );
        // One interval later: one more request, and no more.
        assert!(l.check_at(7, at(1000)).allowed);
        assert!(!l.check_at(7, at(1000)).allowed);
        // Another client has its own bucket.
        assert_eq!(l.check_at(8, at(1000)).remaining, 2);
        // After a long pause the bucket is full again, not fuller.
        assert_eq!(l.check_at(7, at(60_000)).remaining, 2);
    }

    #[test]
    fn idle_clients_are_forgotten_and_memory_is_bounded() {
        let l = limiter(1, 1, 1);
        let t0 = l.epoch;
        for client in 0..MAX_CLIENTS as u32 {
            assert!(l.check_at(client, t0).allowed);
        }
        assert_eq!(l.tracked(), MAX_CLIENTS);
        // Still within their interval: nobody can be forgotten, so newcomers share one bucket.
        assert!(l.check_at(u32::MAX, t0).allowed);
        assert!(!l.check_at(u32::MAX - 1, t0).allowed);
        assert_eq!(l.tracked(), MAX_CLIENTS);
        // Two seconds on, every bucket is full again: the idle are swept for the newcomer.
        let later = t0 + Duration::from_secs(2);
        assert!(l.check_at(u32::MAX - 1, later).allowed);
        assert_eq!(l.tracked(), 1);
    }

    #[test]
    fn rates_are_read_with_their_unit() {
        let rate = |s: &str| RateLimit::parse_rate(s);
        assert_eq!(rate("10/s").unwrap(), Some((10, Duration::from_secs(1))));
        assert_eq!(
            rate(" 600/Min ").unwrap(),
            Some((600, Duration::from_secs(60)))
        );
        assert_eq!(rate("1/h").unwrap(), Some((1, Duration::from_secs(3600))));
        assert_eq!(
            rate("5/day").unwrap(),
            Some((5, Duration::from_secs(86_400)))
        );
        assert_eq!(rate("0").unwrap(), None);
        assert_eq!(rate("off").unwrap(), None);
        for bad in [
            "", "10", "0/s", "-1/s", "1.5/s", "10/week", "s/10", "10/s/s",
        ] {
            assert!(rate(bad).is_err(), "{bad:?}");
        }
        let limit = RateLimit {
            requests: 10,
            per: Duration::from_secs(1),
            burst: 25,
        };
        assert_eq!(limit.window_seconds(), 3);
        assert_eq!(limit.to_string(), "10/s, burst 25");
    }
}
