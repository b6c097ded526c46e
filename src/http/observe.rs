//! What every request leaves behind: a request ID (taken from `X-Request-Id` when the client
//! sends a usable one, made up otherwise, and echoed in the answer's `X-Request-Id`), one log
//! line (method, path without its query string, status, duration, and for `/graphql` the
//! operation's name and outcome; never variables, query text or headers), and a count in
//! `/metrics`. Every log line written while the request is served carries its ID too.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage};
use tracing::Instrument;

use super::Metrics;

/// The request ID's header.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Longest request ID accepted from a client.
const MAX_REQUEST_ID: usize = 128;

/// The ID of the request being served (in the request's extensions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// What `/graphql` ran, for the log line (in the request's extensions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphqlSummary {
    pub operation: Option<String>,
    pub outcome: String,
}

/// A client's request ID, when it is one we can echo and log safely: 1 to 128 characters among
/// letters, digits and `-_.:/+=@` (UUIDs, hex, base64, W3C trace IDs, ...).
fn acceptable(value: &HeaderValue) -> Option<String> {
    let value = value.to_str().ok()?.trim();
    let ok = !value.is_empty()
        && value.len() <= MAX_REQUEST_ID
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=@".contains(&b));
    ok.then(|| value.to_owned())
}

/// The middleware (`middleware::from_fn(observe)`), outermost, so that it sees every answer,
/// CORS refusals included.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(acceptable)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id);

    // Handlers answer errors themselves; an `Err` here is actix's own and rare.
    let mut res = match next.call(req).instrument(span).await {
        Ok(res) => res,
        Err(err) => {
            tracing::warn!(request_id = %id, error = %err, "request failed");
            return Err(err);
        }
    };
    let elapsed = started.elapsed();
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    let preflight = res.request().method() == actix_web::http::Method::OPTIONS;
    super::caching::tidy_vary(res.headers_mut(), preflight);

    let request = res.request();
    let status = res.status().as_u16();
    let route = request.match_pattern();
    if let Some(metrics) = request.app_data::<web::Data<Metrics>>() {
        metrics.record_response(route.as_deref(), status);
    }
    let method = request.method().as_str();
    let path = request.path();
    let duration_ms = (elapsed.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    let summary = request.extensions().get::<GraphqlSummary>().cloned();
    match summary {
        Some(GraphqlSummary { operation, outcome }) => tracing::info!(
            request_id = %id,
            method,
            path,
            status,
            duration_ms,
            operation = operation.as_deref().unwrap_or("(anonymous)"),
            outcome,
            "request"
        ),
        // Probes and scrapes come often and say little.
        None if path.starts_with("/health") || path == "/metrics" => tracing::debug!(
            request_id = %id,
            method,
            path,
            status,
            duration_ms,
            "request"
        ),
        None => tracing::info!(
            request_id = %id,
            method,
            path,
            status,
            duration_ms,
            "request"
        ),
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_request_ids_are_accepted() {
        let id = |s: &str| acceptable(&HeaderValue::from_str(s).unwrap());
        assert_eq!(id(" abc-123 ").as_deref(), Some("abc-123"));
        assert!(id("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").is_some());
        assert!(id("").is_none());
        assert!(id("a b").is_none());
        assert!(id("a\"b").is_none());
        assert!(id(&"x".repeat(129)).is_none());
    }
}
