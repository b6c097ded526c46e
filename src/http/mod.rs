//! HTTP routes: `/graphql` (POST, GET, and WebSocket for subscriptions), GraphiQL at `/`,
//! health checks and `/metrics`; and
//! what wraps them: request IDs and access logs (`observe`), CORS (`cors`), compression (in
//! `startup`), and the per-client rate limit of `/graphql` (`throttle`).
//!
//! `/graphql` understands Apollo's automatic persisted queries and trusted documents
//! (`persisted`) and answers GET queries with `Cache-Control`, `ETag` and `304 Not Modified`
//! (`caching`).

mod caching;
mod client_id;
mod graphiql;
mod graphql;
mod health;
mod known_keys;
mod media;
pub mod metrics;
pub mod observe;
pub mod persisted;
pub mod rate_limit;
pub mod shutdown;
mod throttle;
mod websocket;

use actix_cors::Cors;
use actix_web::http::{header, StatusCode};
use actix_web::{guard, middleware, web};

pub use graphiql::EXAMPLE_QUERY;
pub use metrics::Metrics;
pub use persisted::{PersistedQueries, TrustedDocuments};
pub use rate_limit::RateLimit;
pub use shutdown::Shutdown;
pub use throttle::Throttle;

use crate::config::CorsOrigins;
use crate::response_cache::ResponseCache;

/// What the HTTP layer needs from the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Largest `POST /graphql` body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Serve GraphiQL at `/` (and `/graphiql`); without it both answer 404.
    pub graphiql: bool,
    /// `max-age` of a successful `GET /graphql` answer, in seconds, unless a type or field asks
    /// for less (see `caching`); 0 lets caches keep answers but revalidate them every time.
    pub cache_max_age: u32,
    /// The most `max-age` of an answer that shows a match being played now.
    pub live_cache_max_age: u32,
    /// Serve `/metrics`.
    pub metrics: bool,
    /// Reads (queries, subscriptions) need an API key of any role.
    pub reads_require_key: bool,
    /// Longest a query may run, in milliseconds (0: no limit). Mutations are never cut short:
    /// their transaction would finish anyway, and the client must learn its outcome.
    pub query_timeout_ms: u64,
}

/// State the routes share across the server's workers: made once per server.
#[derive(Clone)]
pub struct HttpState {
    pub persisted: web::Data<PersistedQueries>,
    pub cache: web::Data<ResponseCache>,
    pub shutdown: web::Data<Shutdown>,
    pub metrics: web::Data<Metrics>,
    pub throttle: web::Data<Throttle>,
}

impl HttpState {
    pub fn new(persisted: PersistedQueries, cache: ResponseCache, throttle: Throttle) -> Self {
        Self {
            persisted: web::Data::new(persisted),
            cache: web::Data::new(cache),
            shutdown: web::Data::new(Shutdown::default()),
            metrics: web::Data::new(Metrics::default()),
            throttle: web::Data::new(throttle),
        }
    }
}

/// A request refused at the HTTP level, before or instead of running it: its status, its stable
/// `extensions.code` and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400 `BAD_REQUEST`: the request is not one goalline can read.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
    }
}

/// The routes, for `App::configure`.
pub fn routes(options: HttpOptions, state: HttpState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.app_data(web::Data::new(options))
            .app_data(state.persisted)
            .app_data(state.cache)
            .app_data(state.shutdown)
            .app_data(state.metrics)
            .app_data(state.throttle)
            .service(
                // Only `/graphql` is limited: probes and scrapes must get through.
                web::resource("/graphql")
                    .wrap(middleware::from_fn(throttle::throttle))
                    .route(
                        web::get()
                            .guard(guard::fn_guard(|ctx| {
                                ctx.head().headers().get(header::UPGRADE).is_some_and(|v| {
                                    v.as_bytes().eq_ignore_ascii_case(b"websocket")
                                })
                            }))
                            .to(websocket::subscribe),
                    )
                    .route(web::post().to(graphql::post))
                    .route(web::get().to(graphql::get))
                    .default_service(web::to(graphql::method_not_allowed)),
            )
            .service(web::resource("/health").to(health::check))
            .service(web::resource("/health/live").to(health::live))
            .service(web::resource("/health/ready").to(health::ready));
        if options.metrics {
            cfg.service(
                web::resource("/metrics")
                    .guard(guard::Get())
                    .to(metrics::export),
            );
        }
        if options.graphiql {
            cfg.service(web::resource("/").guard(guard::Get()).to(graphiql::page))
                .service(web::resource("/graphiql").to(graphiql::redirect))
                .service(
                    web::resource("/graphiql/assets/{name}")
                        .guard(guard::Get())
                        .to(graphiql::asset),
                );
        }
    }
}

/// How long a browser may reuse the answer to a preflight request (browsers cap it lower:
/// Chromium at 2 hours, Firefox at 24).
const PREFLIGHT_MAX_AGE_SECONDS: usize = 86_400;

/// CORS for `origins`: any origin (`Access-Control-Allow-Origin: *`) or a list. Only GET and
/// POST; any request header; the response headers a client may want to read (`ETag`,
/// `X-Request-Id`, the rate limit's) exposed. Credentials are never allowed: the API is public and reads no
/// cookies, and browsers refuse credentials with `*` anyway. A request from an origin not in
/// the list is still answered (CORS binds browsers, not curl), only without the
/// `Access-Control-Allow-*` headers, so a browser will not let the page read it; a preflight
/// from such an origin answers 400.
pub fn cors(origins: &CorsOrigins) -> Cors {
    let cors = Cors::default()
        .allowed_methods(["GET", "POST"])
        .allow_any_header()
        .expose_headers([
            header::ETAG,
            observe::REQUEST_ID,
            header::RETRY_AFTER,
            throttle::RATELIMIT,
            throttle::RATELIMIT_POLICY,
        ])
        .max_age(PREFLIGHT_MAX_AGE_SECONDS);
    match origins {
        CorsOrigins::Any => cors.allow_any_origin().send_wildcard(),
        CorsOrigins::List(list) => list
            .iter()
            .fold(cors, |cors, origin| cors.allowed_origin(origin)),
    }
}
