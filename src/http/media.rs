//! GraphQL over HTTP's media types: which one an answer uses, and the status code that goes
//! with it.
//!
//! `application/graphql-response+json` when the client names it (and does not prefer
//! `application/json`), `application/json` otherwise: for clients that state no preference
//! (no `Accept`, `*/*`) too. The spec's text since its 2025 watershed would rather have those get
//! the new type, but graphql-http (the reference server and its audit) still answers them with
//! `application/json`, and so do the common servers: under it every well-formed request gets 200,
//! which is what curl, `fetch` and older clients have always had from goalline.
//!
//! The two differ only for *request errors* (the document did not parse or validate, the
//! operation or the variables could not be resolved, a limit refused it): nothing ran, so the
//! answer has no `data` entry, and it is 400 under `application/graphql-response+json`, 200
//! under `application/json`.

use actix_web::http::header::HeaderValue;
use actix_web::http::StatusCode;

/// GraphQL over HTTP's media type.
pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
/// The legacy media type, for clients that ask for it or say nothing.
pub const JSON: &str = "application/json";

/// The media type of an answer, from the request's `Accept`: GraphQL over HTTP's own when the
/// client names it with a weight at least that of `application/json`; `application/json`
/// otherwise (wildcards, nothing acceptable, no header).
pub fn media_type(accept: Option<&HeaderValue>) -> &'static str {
    let Some(accept) = accept.and_then(|v| v.to_str().ok()) else {
        return JSON;
    };
    let mut graphql: Option<f32> = None;
    let mut json: Option<f32> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim();
        let weight = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if media.eq_ignore_ascii_case(GRAPHQL_RESPONSE_JSON) {
            graphql = Some(graphql.map_or(weight, |w| w.max(weight)));
        } else if media.eq_ignore_ascii_case(JSON) {
            json = Some(json.map_or(weight, |w| w.max(weight)));
        }
    }
    match graphql {
        Some(g) if g > 0.0 && g >= json.unwrap_or(0.0) => GRAPHQL_RESPONSE_JSON,
        _ => JSON,
    }
}

/// Whether a response is a request error: nothing was executed (GraphQL's "request error"), so
/// there is no `data` and no error has a `path`. A field error always has a path, even when it
/// made the whole `data` null.
pub fn is_request_error(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// The status of an answer that ran through GraphQL (refusals before it carry their own).
pub fn status(media_type: &str, request_error: bool) -> StatusCode {
    if request_error && media_type == GRAPHQL_RESPONSE_JSON {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::{PathSegment, Response, ServerError, Value};

    #[test]
    fn the_media_type_follows_accept() {
        let accept = |s: &str| media_type(Some(&HeaderValue::from_str(s).unwrap()));
        assert_eq!(media_type(None), JSON);
        assert_eq!(accept("*/*"), JSON);
        assert_eq!(accept("text/html"), JSON);
        assert_eq!(accept("application/json"), JSON);
        assert_eq!(accept("application/json;q=0.9, */*"), JSON);
        assert_eq!(accept(GRAPHQL_RESPONSE_JSON), GRAPHQL_RESPONSE_JSON);
        assert_eq!(
            accept("application/graphql-response+json, application/json;q=0.9"),
            GRAPHQL_RESPONSE_JSON
        );
        assert_eq!(
            accept("application/graphql-response+json;q=0.5, application/json"),
            JSON
        );
        assert_eq!(accept("application/graphql-response+json;q=0"), JSON);
        assert_eq!(
            accept("Application/GraphQL-Response+JSON; charset=utf-8"),
            GRAPHQL_RESPONSE_JSON
        );
    }

    #[test]
    fn only_errors_before_execution_are_request_errors() {
        let refused = Response::from_errors(vec![ServerError::new("no", None)]);
        assert!(is_request_error(&refused));
        assert_eq!(status(GRAPHQL_RESPONSE_JSON, true), StatusCode::BAD_REQUEST);
        assert_eq!(status(JSON, true), StatusCode::OK);

        let mut field_error = ServerError::new("not found", None);
        field_error.path = vec![PathSegment::Field("team".into())];
        assert!(!is_request_error(&Response::from_errors(vec![field_error])));
        assert!(!is_request_error(&Response::new(Value::Null)));
        assert_eq!(status(GRAPHQL_RESPONSE_JSON, false), StatusCode::OK);
    }
}
