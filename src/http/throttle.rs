//! Rate limiting of `/graphql` (see `rate_limit` for the algorithm and `client_id` for who a
//! client is): the middleware that lets a request through or answers 429, and the headers that
//! tell clients where they stand.
//!
//! The headers are those of the IETF draft `draft-ietf-httpapi-ratelimit-headers` (-10, the
//! structured-field form), not the older `RateLimit-Limit/-Remaining/-Reset` trio:
//!
//! * `RateLimit-Policy: "default";q=50;w=5`: the bucket holds `q` requests and refills in `w`
//!   seconds (so `q / w` is the sustained rate);
//! * `RateLimit: "default";r=49;t=1`: `r` requests may still be made at once, and the bucket is
//!   full again in `t` seconds;
//! * on a 429, `Retry-After`: seconds until the next request will be let through.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use std::sync::Arc;

use actix_web::{web, Error};

use super::client_id::{client_id, ClientId};
use super::graphql::error_response;
use super::known_keys::{Known, KnownKeys};
use super::rate_limit::{ceil_seconds, Decision, RateLimit, RateLimiter};
use super::Metrics;
use crate::auth::ApiKey;
use crate::db::{self, Pool};

pub const RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");
pub const RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

/// The policy's name in the headers: goalline has one.
const POLICY: &str = "default";

/// The rate limit of one server (shared by its workers): `None` when it is off.
pub struct Throttle {
    limiter: Option<RateLimiter<ClientId>>,
    proxy_hops: u8,
    keys: Arc<KnownKeys>,
}

impl Throttle {
    pub fn new(limit: Option<RateLimit>, proxy_hops: u8) -> Self {
        Self {
            limiter: limit.map(RateLimiter::new),
            proxy_hops,
            keys: Arc::default(),
        }
    }
}

/// Whether a token is a live key, as far as is known now; an unknown one counts as not, and
/// is checked in the background (see `known_keys`).
fn is_live(keys: &Arc<KnownKeys>, pool: Option<&Pool>, id: &[u8; 16], token: &str) -> bool {
    match keys.lookup(id) {
        Known::Live => true,
        Known::NotLive => false,
        Known::Unknown => {
            if let Some(pool) = pool.cloned() {
                let (keys, id, token) = (Arc::clone(keys), *id, token.to_owned());
                actix_web::rt::spawn(async move {
                    let found = db::run(&pool, move |c| ApiKey::by_token(c, &token)).await;
                    keys.record(id, found.ok().map(|key| key.is_some()));
                });
            }
            false
        }
    }
}

/// The middleware (`middleware::from_fn(throttle)` on the `/graphql` resource).
pub async fn throttle(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let throttle = req.app_data::<web::Data<Throttle>>().cloned();
    let Some((throttle, limiter)) = throttle
        .as_ref()
        .and_then(|t| Some((t, t.limiter.as_ref()?)))
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let pool = req.app_data::<web::Data<Pool>>();
    let peer = req.peer_addr().map(|a| a.ip());
    let client = client_id(req.headers(), peer, throttle.proxy_hops, |id, token| {
        is_live(&throttle.keys, pool.map(|p| p.get_ref()), id, token)
    });
    let decision = limiter.check(client);
    if !decision.allowed {
        if let Some(metrics) = req.app_data::<web::Data<Metrics>>() {
            metrics.record_rate_limited(client.kind());
        }
        let wait = ceil_seconds(decision.retry_after).max(1);
        let mut refusal = error_response(
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            format!(
                "too many requests: the limit is {}; try again in {wait} s",
                limiter.limit()
            ),
        );
        let headers = refusal.headers_mut();
        headers.insert(RETRY_AFTER, HeaderValue::from(wait));
        set_headers(headers, limiter.limit(), &decision);
        return Ok(req.into_response(refusal));
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    set_headers(res.headers_mut(), limiter.limit(), &decision);
    Ok(res)
}

/// `RateLimit-Policy` and `RateLimit` for a decision.
fn set_headers(headers: &mut HeaderMap, limit: RateLimit, decision: &Decision) {
    let policy = format!(
        "\"{POLICY}\";q={};w={}",
        limit.burst,
        limit.window_seconds()
    );
    let state = format!(
        "\"{POLICY}\";r={};t={}",
        decision.remaining,
        ceil_seconds(decision.reset)
    );
    for (name, value) in [(RATELIMIT_POLICY, policy), (RATELIMIT, state)] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}
