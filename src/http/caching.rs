//! HTTP caching of `/graphql` answers, for browsers, mobile HTTP stacks and CDNs.
//!
//! The policy, in one place:
//!
//! * POST answers, and every answer that carries an error (a refusal, a `NOT_FOUND`, a
//!   `PersistedQueryNotFound`...), are `no-store`: POST is not cacheable by URL, and an error may
//!   be gone on the next try.
//! * A successful GET answer is `public, max-age=N`, N being `GOALLINE_CACHE_MAX_AGE` (300 s by
//!   default): goalline's data is mostly history that does not change once imported. An answer
//!   that shows a match being played now (as the response cache's records tell) gets at most
//!   `GOALLINE_LIVE_CACHE_MAX_AGE` (5 s by default; 0: revalidate every time).
//! * It carries a weak `ETag` (a hash of the body), and a GET whose `If-None-Match` names it gets
//!   `304 Not Modified` without the body. The query still runs: the 304 saves the transfer, and a
//!   CDN revalidating a stale entry gets a cheap answer.
//! * `Vary: Accept, Accept-Encoding, Origin`: the media type follows `Accept` (see `media`), the
//!   compression `Accept-Encoding`, and CORS headers `Origin` (when an origin list is configured).
//!
//! **The hook for per-type hints.** A type or field whose data can change sooner (live scores,
//! one day) says so where it is defined, with async-graphql's attribute:
//! `#[graphql(cache_control(max_age = 30))]` on the object or the field, `cache_control(private)`
//! for data that depends on the caller, `cache_control(no_cache)` for data that must be
//! revalidated each time. async-graphql merges the hints of everything a query selects
//! (the smallest `max_age`, `private` if any is) into `Response::cache_control`, and
//! [`cache_control`] applies it here. A hint only ever shortens the default: raise
//! `GOALLINE_CACHE_MAX_AGE` to cache longer. A request carrying `Authorization` is answered
//! `private`, so that a shared cache never serves it to someone else.

use actix_web::http::header::{self, HeaderMap, HeaderValue};
use async_graphql::CacheControl;
use sha2::{Digest, Sha256};

/// The `Vary` of every `/graphql` answer.
pub const VARY: &str = "Accept, Accept-Encoding, Origin";

/// `Cache-Control` for answers that must not be kept.
pub const NO_STORE: &str = "no-store";

/// How long an answer may be kept, as decided by what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// The merged cache hints of everything the query selected.
    pub hint: CacheControl,
    /// The answer shows a match being played now (see `response_cache`).
    pub live: bool,
}

/// `max-age` limits from the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxAges {
    /// `GOALLINE_CACHE_MAX_AGE`: every successful GET answer.
    pub default: u32,
    /// `GOALLINE_LIVE_CACHE_MAX_AGE`: answers showing a match being played.
    pub live: u32,
}

/// The `Cache-Control` of an answer (see the module documentation). `failed`: it carries an
/// error.
pub fn cache_control(
    get: bool,
    failed: bool,
    freshness: Freshness,
    authorization: bool,
    limits: MaxAges,
) -> String {
    if !get || failed {
        return NO_STORE.to_owned();
    }
    let hint = freshness.hint;
    let private = !hint.public || authorization;
    let ceiling = if freshness.live {
        limits.live.min(limits.default)
    } else {
        limits.default
    };
    // async-graphql: 0 means no hint, -1 `no_cache`, more a max-age in seconds.
    let max_age = match hint.max_age {
        -1 => 0,
        n if n > 0 => u32::try_from(n).unwrap_or(0).min(ceiling),
        _ => ceiling,
    };
    let scope = if private { "private" } else { "public" };
    if max_age == 0 {
        format!("{scope}, no-cache")
    } else {
        format!("{scope}, max-age={max_age}")
    }
}

/// Whether a `Cache-Control` value lets the answer be kept (and so gets an `ETag`).
pub fn storable(cache_control: &str) -> bool {
    cache_control != NO_STORE
}

/// A weak entity tag for a body: weak, because compression changes the bytes but not what they
/// mean, and a strong tag would have to differ per encoding.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 13.1.2), or is `*`.
pub fn none_match(if_none_match: &HeaderValue, etag: &str) -> bool {
    let Ok(value) = if_none_match.to_str() else {
        return false;
    };
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let ours = opaque(etag);
    value
        .split(',')
        .any(|tag| tag.trim() == "*" || opaque(tag) == ours)
}

/// Merges every `Vary` of an answer into one, each name once: the compression and CORS
/// middlewares add theirs to what the handler set. The CORS middleware names the preflight's
/// request headers on every answer; only a preflight (`preflight`) varies on them, so they are
/// dropped elsewhere.
pub fn tidy_vary(headers: &mut HeaderMap, preflight: bool) {
    let mut names: Vec<String> = Vec::new();
    for value in headers.get_all(header::VARY) {
        for name in value.to_str().unwrap_or("").split(',') {
            let name = name.trim();
            let preflight_only = name.eq_ignore_ascii_case("access-control-request-method")
                || name.eq_ignore_ascii_case("access-control-request-headers");
            if !name.is_empty()
                && (preflight || !preflight_only)
                && !names.iter().any(|n| n.eq_ignore_ascii_case(name))
            {
                names.push(name.to_owned());
            }
        }
    }
    if names.is_empty() {
        return;
    }
    if let Ok(value) = HeaderValue::from_str(&names.join(", ")) {
        headers.insert(header::VARY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: MaxAges = MaxAges {
        default: 300,
        live: 5,
    };

    fn ok(max_age: i32, public: bool) -> Freshness {
        Freshness {
            hint: CacheControl { public, max_age },
            live: false,
        }
    }

    fn get(freshness: Freshness, authorization: bool, default: u32) -> String {
        let limits = MaxAges { default, ..LIMITS };
        cache_control(true, false, freshness, authorization, limits)
    }

    #[test]
    fn get_answers_cache_for_the_default_unless_hints_say_less() {
        assert_eq!(get(ok(0, true), false, 300), "public, max-age=300");
        assert_eq!(get(ok(60, true), false, 300), "public, max-age=60");
        assert_eq!(get(ok(900, true), false, 300), "public, max-age=300");
        assert_eq!(get(ok(60, false), false, 300), "private, max-age=60");
        assert_eq!(get(ok(0, true), true, 300), "private, max-age=300");
        assert_eq!(get(ok(-1, true), false, 300), "public, no-cache");
        assert_eq!(get(ok(0, true), false, 0), "public, no-cache");
    }

    #[test]
    fn answers_showing_a_match_in_play_are_kept_briefly() {
        let live = Freshness {
            live: true,
            ..ok(0, true)
        };
        assert_eq!(get(live, false, 300), "public, max-age=5");
        assert_eq!(get(live, false, 2), "public, max-age=2");
        let never = MaxAges { live: 0, ..LIMITS };
        assert_eq!(
            cache_control(true, false, live, false, never),
            "public, no-cache"
        );
    }

    #[test]
    fn posts_and_errors_are_not_stored() {
        assert_eq!(
            cache_control(false, false, ok(0, true), false, LIMITS),
            NO_STORE
        );
        assert_eq!(
            cache_control(true, true, ok(0, true), false, LIMITS),
            NO_STORE
        );
        assert!(!storable(NO_STORE));
        assert!(storable("public, no-cache"));
    }

    #[test]
    fn etags_compare_weakly_and_in_lists() {
        let tag = etag(b"{}");
        assert!(tag.starts_with("W/\"") && tag.len() == 32 + 4, "{tag}");
        assert_ne!(tag, etag(b"{ }"));
        let header = |s: &str| HeaderValue::from_str(s).unwrap();
        let bare = tag.trim_start_matches("W/");
        assert!(none_match(&header(&tag), &tag));
        assert!(none_match(&header(bare), &tag));
        assert!(none_match(&header(&format!("\"x\", {tag}")), &tag));
        assert!(none_match(&header("*"), &tag));
        assert!(!none_match(&header("\"x\""), &tag));
    }

    #[test]
    fn vary_headers_are_merged() {
        let mut headers = HeaderMap::new();
        headers.append(header::VARY, HeaderValue::from_static(VARY));
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.append(header::VARY, HeaderValue::from_static("Origin, X-Other"));
        let cors = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
        headers.append(header::VARY, HeaderValue::from_static(cors));
        let mut preflight = headers.clone();
        tidy_vary(&mut headers, false);
        let all: Vec<_> = headers.get_all(header::VARY).collect();
        assert_eq!(all, ["Accept, Accept-Encoding, Origin, X-Other"]);
        tidy_vary(&mut preflight, true);
        assert_eq!(
            preflight.get(header::VARY).unwrap(),
            "Accept, Accept-Encoding, Origin, X-Other, Access-Control-Request-Method, \
             Access-Control-Request-Headers"
        );
    }
}
