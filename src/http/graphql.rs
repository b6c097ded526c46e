//! `/graphql`: reads the request itself, so that an oversized body answers 413 before it is
//! buffered and a body that is not a GraphQL request answers 400 with a JSON error, not text.
//!
//! POST bodies are JSON (`{"query", "operationName", "variables", "extensions"}`) whatever their
//! `Content-Type` says, as before (`curl -d` says `application/x-www-form-urlencoded`), but one
//! without a `Content-Type` answers 415; batches (a JSON array) and multipart uploads are refused.
//! GET takes the same fields as URL parameters, `variables` and `extensions` JSON-encoded.
//! `extensions.persistedQuery` is Apollo's automatic persisted queries (see `persisted`).
//! What the document itself may ask is checked by `graphql::limits`. The media type and the
//! status of an answer follow `Accept` (see `media`); answers carry caching headers (see
//! `caching`); each request is counted in `/metrics` by its operation's name and
//! outcome.

use std::sync::Arc;
use std::time::Instant;

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use async_graphql::{Request, Variables};
use serde::Deserialize;

use super::caching::{Freshness, MaxAges};
use super::metrics::Metrics;
use super::observe::GraphqlSummary;
use super::persisted::{PersistedQueries, Resolved};
use super::{caching, media};
use super::{HttpOptions, Refusal};
use crate::auth::Credentials;
use crate::graphql::Gateway;
use crate::response_cache::{CacheKey, Dependencies, Entry, Reads, ResponseCache};

/// A JSON error body in the shape of a GraphQL response:
/// `{"errors":[{"message":...,"extensions":{"code":...}}]}`.
pub fn error_response(status: StatusCode, code: &str, message: impl Into<String>) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, caching::NO_STORE))
        .insert_header((header::VARY, caching::VARY))
        .json(serde_json::json!({
            "errors": [{ "message": message.into(), "extensions": { "code": code } }]
        }))
}

fn too_large(limit: usize) -> Refusal {
    Refusal::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        format!("the request body is larger than the limit of {limit} bytes"),
    )
}

/// The fields of a request, from a POST body or GET parameters.
#[derive(Debug, Default, Deserialize)]
struct Fields {
    query: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<serde_json::Value>,
    /// `persistedQuery` is read (see `persisted`); other extensions are ignored.
    extensions: Option<serde_json::Value>,
}

/// The fields of a request, as sent in GET parameters.
#[derive(Deserialize)]
struct Params {
    query: Option<String>,
    // `operation_name` is what goalline read before (async-graphql's spelling).
    #[serde(rename = "operationName", alias = "operation_name")]
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

fn parse_body(body: &[u8]) -> Result<Fields, String> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => return Err("the request body is empty; send a JSON object with a `query`".into()),
        Some(b'[') => return Err("batched requests (a JSON array) are not supported".into()),
        Some(b'{') => {}
        Some(_) => return Err("the request body must be a JSON object with a `query`".into()),
    }
    serde_json::from_slice(body)
        .map_err(|e| format!("the request body is not a valid GraphQL request: {e}"))
}

fn parse_params(query_string: &str) -> Result<Fields, String> {
    let params = web::Query::<Params>::from_query(query_string)
        .map_err(|e| format!("invalid URL parameters: {e}"))?
        .into_inner();
    let json = |name: &str, value: Option<String>| {
        value
            .map(|v| serde_json::from_str(&v))
            .transpose()
            .map_err(|e| format!("`{name}` is not valid JSON: {e}"))
    };
    Ok(Fields {
        query: params.query,
        operation_name: params.operation_name,
        variables: json("variables", params.variables)?,
        extensions: json("extensions", params.extensions)?,
    })
}

/// The request to run: the query text decided by `persisted`, with the operation's name and
/// the variables; and what `persisted` says of its document (see `Resolved`).
fn graphql_request(
    fields: Fields,
    persisted: &PersistedQueries,
) -> Result<(Request, Resolved), Refusal> {
    let variables = match fields.variables {
        None | Some(serde_json::Value::Null) => None,
        Some(value @ serde_json::Value::Object(_)) => Some(Variables::from_json(value)),
        Some(_) => return Err(Refusal::bad_request("`variables` must be a JSON object")),
    };
    let mut resolved = persisted.resolve(fields.query, fields.extensions.as_ref())?;
    let mut request = Request::new(std::mem::take(&mut resolved.query));
    if let Some(name) = fields.operation_name {
        request = request.operation_name(name);
    }
    if let Some(variables) = variables {
        request = request.variables(variables);
    }
    Ok((request, resolved))
}

/// What a request came to: refused before running, answered from the response cache, or run.
enum Outcome {
    Refused(Refusal),
    Cached(Arc<Entry>),
    Ran(Box<Ran>),
}

struct Ran {
    response: async_graphql::Response,
    /// What the answer was made from (see `response_cache`).
    depends: Dependencies,
    /// Where to keep the answer if it may be kept: its key, and the clock when it started.
    keep: Option<(CacheKey, u64)>,
}

/// Runs the request (registering its document when APQ asks to and it ran), and returns what
/// it came to with the name of its operation when known.
async fn run(
    state: &Shared,
    fields: Result<Fields, Refusal>,
    credentials: Credentials,
    get: bool,
) -> (Option<String>, Outcome) {
    let (gateway, persisted, cache) = (&state.gateway, &state.persisted, &state.cache);
    let timeout_ms = state.options.query_timeout_ms;
    let fields = match fields {
        Ok(fields) => fields,
        Err(refusal) => return (None, Outcome::Refused(refusal)),
    };
    let requested_name = fields.operation_name.clone();
    let (
        request,
        Resolved {
            register, digest, ..
        },
    ) = match graphql_request(fields, persisted) {
        Ok(ready) => ready,
        Err(refusal) => return (requested_name, Outcome::Refused(refusal)),
    };
    // Read once per distinct text (see `graphql::gateway`); a document that does not read is
    // answered like any other request, by the gateway's refusal.
    let read = gateway.read(&request.query);
    let operation = read
        .as_ref()
        .as_ref()
        .ok()
        .and_then(|document| document.operation(request.operation_name.as_deref()));
    // The operation's name as the document gives it (clients need not send `operationName`).
    let name = operation
        .and_then(|op| op.name.map(str::to_owned))
        .or(requested_name);
    let mutation = operation.is_some_and(|op| op.is_mutation());
    if get && mutation {
        let refusal = Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "mutations are sent with POST",
        );
        return (name, Outcome::Refused(refusal));
    }
    let key = (!mutation && cache.enabled()).then(|| {
        let operation = request.operation_name.as_deref();
        match &digest {
            // Named by its hash, the document need not be read to be told apart.
            Some(digest) => cache.key_of_digest(digest, operation, &request.variables),
            None => cache.key(&request.query, operation, &request.variables),
        }
    });
    if let Some(entry) = key.as_ref().and_then(|key| cache.get(key)) {
        if let Some(hash) = register {
            persisted.register(hash, &request.query);
        }
        return (entry.operation.clone(), Outcome::Cached(entry));
    }
    let stamp = cache.now();
    let reads = Reads::default();
    let request = request.data(credentials).data(reads.clone());
    let query = register.as_ref().map(|_| request.query.clone());
    let limited = timeout_ms > 0 && !mutation;
    let execution = gateway.run(read, request);
    let response = if limited {
        let limit = std::time::Duration::from_millis(timeout_ms);
        match actix_web::rt::time::timeout(limit, execution).await {
            Ok(response) => response,
            Err(_) => {
                let refusal = Refusal::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "QUERY_TIMEOUT",
                    format!("the query ran longer than {timeout_ms} ms and was stopped"),
                );
                return (name, Outcome::Refused(refusal));
            }
        }
    } else {
        execution.await
    };
    // Only documents that ran are remembered: a request-level error (parse, validation,
    // limits) comes without data.
    if let (Some(hash), Some(query)) = (register, query) {
        if response.is_ok() || response.data != async_graphql::Value::Null {
            persisted.register(hash, &query);
        }
    }
    let ran = Ran {
        response,
        depends: reads.take(),
        keep: key.map(|key| (key, stamp)),
    };
    (name, Outcome::Ran(Box::new(ran)))
}

/// The HTTP answer to what a request came to, with its caching headers (see `caching`); keeps
/// it in the response cache when it may be kept.
fn respond(
    http: &HttpRequest,
    outcome: &Outcome,
    operation: Option<&str>,
    state: &Shared,
) -> HttpResponse {
    let max_ages = MaxAges {
        default: state.options.cache_max_age,
        live: state.options.live_cache_max_age,
    };
    let media_type = media::media_type(http.headers().get(header::ACCEPT));
    let ran = match outcome {
        Outcome::Refused(r) => return error_response(r.status, r.code, r.message.clone()),
        Outcome::Cached(entry) => {
            let freshness = Freshness {
                hint: async_graphql::CacheControl {
                    public: true,
                    max_age: entry.max_age,
                },
                live: state.cache.shows_live(entry.depends()),
            };
            let cache_control = caching::cache_control(
                http.method() == Method::GET,
                false,
                freshness,
                http.headers().contains_key(header::AUTHORIZATION),
                max_ages,
            );
            let status = media::status(media_type, false);
            let (mut builder, not_modified) =
                answer_body(http, status, media_type, cache_control, Some(&entry.etag));
            return if not_modified {
                builder.finish()
            } else {
                builder.body(entry.body.clone())
            };
        }
        Outcome::Ran(ran) => ran,
    };
    let response = &ran.response;
    let request_error = media::is_request_error(response);
    let body = match body_of(response, request_error) {
        Ok(body) => Bytes::from(body),
        Err(e) => {
            tracing::error!(error = %e, "a GraphQL response could not be serialised");
            return error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL_SERVER_ERROR",
                "the response could not be written",
            );
        }
    };
    let get = http.method() == Method::GET;
    let freshness = Freshness {
        hint: response.cache_control,
        live: state.cache.shows_live(&ran.depends),
    };
    let cache_control = caching::cache_control(
        get,
        response.is_err(),
        freshness,
        http.headers().contains_key(header::AUTHORIZATION),
        max_ages,
    );
    let keepable =
        response.is_ok() && response.cache_control.public && response.cache_control.max_age != -1;
    let keep = ran.keep.filter(|_| keepable);
    let etag = (get || keep.is_some()).then(|| caching::etag(&body));
    if let (Some((key, stamp)), Some(etag)) = (keep, &etag) {
        state.cache.put(
            key,
            stamp,
            body.clone(),
            etag.clone(),
            response.cache_control.max_age,
            operation.map(str::to_owned),
            ran.depends.clone(),
        );
    }
    let status = media::status(media_type, request_error);
    let (mut builder, not_modified) =
        answer_body(http, status, media_type, cache_control, etag.as_deref());
    if not_modified {
        return builder.finish();
    }
    // Headers a resolver asked for (none does today).
    for (name, value) in response.http_headers.iter() {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            builder.append_header((name, value));
        }
    }
    builder.body(body)
}

/// The headers of an answer; its `etag` is shown on a GET that caches may keep, and then
/// `304 Not Modified` (and `true`: send no body) answers an `If-None-Match` that names it.
fn answer_body(
    http: &HttpRequest,
    status: StatusCode,
    media_type: &'static str,
    cache_control: String,
    etag: Option<&str>,
) -> (actix_web::HttpResponseBuilder, bool) {
    let etag = etag.filter(|_| http.method() == Method::GET && caching::storable(&cache_control));
    let mut builder = HttpResponse::build(status);
    builder.insert_header((header::VARY, caching::VARY));
    builder.insert_header((header::CACHE_CONTROL, cache_control));
    let Some(etag) = etag else {
        builder.content_type(media_type);
        return (builder, false);
    };
    builder.insert_header((header::ETAG, etag.to_owned()));
    let not_modified = http
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tags| caching::none_match(tags, etag));
    if not_modified {
        builder.status(StatusCode::NOT_MODIFIED);
    } else {
        builder.content_type(media_type);
    }
    (builder, not_modified)
}

/// The JSON of a response: without `data` for a request error, as GraphQL requires when
/// nothing was executed (async-graphql would write `"data": null`).
fn body_of(response: &async_graphql::Response, request_error: bool) -> serde_json::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct RequestError<'a> {
        errors: &'a [async_graphql::ServerError],
        #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
        extensions: &'a std::collections::BTreeMap<String, async_graphql::Value>,
    }
    if request_error {
        serde_json::to_vec(&RequestError {
            errors: &response.errors,
            extensions: &response.extensions,
        })
    } else {
        serde_json::to_vec(response)
    }
}

/// The first error's code, `ERROR` when it has none, `ok` without errors.
fn outcome_label(outcome: &Outcome) -> String {
    let response = match outcome {
        Outcome::Refused(refusal) => return refusal.code.to_owned(),
        Outcome::Cached(_) => return "ok".to_owned(),
        Outcome::Ran(ran) => &ran.response,
    };
    let Some(error) = response.errors.first() else {
        return "ok".to_owned();
    };
    let code = error
        .extensions
        .as_ref()
        .and_then(|e| e.get("code"))
        .and_then(|code| match code {
            async_graphql::Value::String(code) => Some(code.as_str()),
            _ => None,
        })
        .filter(|code| {
            code.len() <= 64
                && code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        });
    code.unwrap_or("ERROR").to_owned()
}

/// Everything after reading the request: run it, answer, count it, and note it for the log.
async fn answer(
    http: &HttpRequest,
    started: Instant,
    fields: Result<Fields, Refusal>,
    state: &Shared,
) -> HttpResponse {
    let credentials = Credentials::from_headers(http.headers());
    let get = http.method() == Method::GET;
    let fields = match fields {
        Ok(fields) if state.options.reads_require_key => check_reader(app_pool(http), &credentials)
            .await
            .map(|()| fields),
        other => other,
    };
    let (operation, outcome) = run(state, fields, credentials, get).await;
    let response = respond(http, &outcome, operation.as_deref(), state);
    let outcome = outcome_label(&outcome);
    state
        .metrics
        .record_graphql(operation.as_deref(), &outcome, started.elapsed());
    http.extensions_mut()
        .insert(GraphqlSummary { operation, outcome });
    response
}

pub fn app_pool(http: &HttpRequest) -> Option<crate::db::Pool> {
    http.app_data::<web::Data<crate::db::Pool>>()
        .map(|p| p.get_ref().clone())
}

/// With `GOALLINE_READS_REQUIRE_KEY`: the request must carry a live API key (any role).
pub async fn check_reader(
    pool: Option<crate::db::Pool>,
    credentials: &Credentials,
) -> Result<(), Refusal> {
    let Some(pool) = pool else {
        return Err(Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            "the server has no database",
        ));
    };
    let credentials = credentials.clone();
    let checked = crate::db::run(&pool, move |conn| {
        crate::auth::check(conn, &credentials, crate::auth::Role::Reader)
    })
    .await;
    match checked {
        Ok(_) => Ok(()),
        Err(e @ crate::error::AppError::DatabaseUnavailable(_)) => Err(Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            e.code(),
            "the database is unavailable; try again shortly",
        )),
        Err(e) => Err(Refusal::new(
            StatusCode::UNAUTHORIZED,
            e.code(),
            e.message(),
        )),
    }
}

/// What the handlers take from the app's data.
struct Shared {
    gateway: web::Data<Gateway>,
    persisted: web::Data<PersistedQueries>,
    cache: web::Data<ResponseCache>,
    metrics: web::Data<Metrics>,
    options: web::Data<HttpOptions>,
}

pub async fn post(
    http: HttpRequest,
    payload: web::Payload,
    gateway: web::Data<Gateway>,
    persisted: web::Data<PersistedQueries>,
    cache: web::Data<ResponseCache>,
    metrics: web::Data<Metrics>,
    options: web::Data<HttpOptions>,
) -> HttpResponse {
    let started = Instant::now();
    let state = Shared {
        gateway,
        persisted,
        cache,
        metrics,
        options,
    };
    let limit = state.options.max_body_bytes;
    // Refuse early when the client says how much it is sending.
    let declared = http
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let fields = if !http.headers().contains_key(header::CONTENT_TYPE) {
        // GraphQL over HTTP: a POST without a media type SHOULD get a 4xx. Any stated type is
        // read as JSON (see the module documentation).
        Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "the request has no Content-Type: send the body as application/json",
        ))
    } else if declared.is_some_and(|n| n > limit as u64) {
        Err(too_large(limit))
    } else {
        match payload.to_bytes_limited(limit).await {
            Ok(Ok(body)) => parse_body(&body).map_err(Refusal::bad_request),
            Ok(Err(_)) => Err(Refusal::bad_request("the request body could not be read")),
            Err(_) => Err(too_large(limit)),
        }
    };
    answer(&http, started, fields, &state).await
}

pub async fn get(
    http: HttpRequest,
    gateway: web::Data<Gateway>,
    persisted: web::Data<PersistedQueries>,
    cache: web::Data<ResponseCache>,
    metrics: web::Data<Metrics>,
    options: web::Data<HttpOptions>,
) -> HttpResponse {
    let started = Instant::now();
    let state = Shared {
        gateway,
        persisted,
        cache,
        metrics,
        options,
    };
    let fields = parse_params(http.query_string()).map_err(Refusal::bad_request);
    answer(&http, started, fields, &state).await
}

pub async fn method_not_allowed() -> HttpResponse {
    let mut response = error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        "use GET or POST",
    );
    response
        .headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static("GET, POST"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::TrustedDocuments;

    /// A request from a POST body, as the handler makes it.
    fn request_of(body: &str) -> Result<Request, String> {
        let persisted = PersistedQueries::new(10, TrustedDocuments::default(), false);
        let fields = parse_body(body.as_bytes())?;
        graphql_request(fields, &persisted)
            .map(|(request, _)| request)
            .map_err(|refusal| refusal.message)
    }

    #[test]
    fn bodies_that_are_not_one_request_are_refused_with_a_reason() {
        for (body, reason) in [
            ("", "empty"),
            ("  \n", "empty"),
            ("[{\"query\":\"{a}\"}]", "batched"),
            ("\"{ a }\"", "JSON object"),
            ("query { a }", "JSON object"),
            ("{\"query\": ", "not a valid GraphQL request"),
            ("{\"query\": 42}", "not a valid GraphQL request"),
            ("{}", "no `query`"),
            (
                "{\"query\": \"{a}\", \"variables\": [1]}",
                "must be a JSON object",
            ),
            (
                "{\"query\": \"{a}\", \"variables\": \"{}\"}",
                "must be a JSON object",
            ),
            (
                "{\"query\": \"{a}\", \"extensions\": 1}",
                "must be a JSON object",
            ),
        ] {
            let err = request_of(body).err().unwrap_or_default();
            assert!(err.contains(reason), "{body:?}: {err:?}");
        }
    }

    #[test]
    fn a_request_body_and_its_parameters_carry_the_same_fields() {
        let r = request_of(
            r#"{"query":"query Q($s: String!) { tournament(slug: $s) { name } }",
                 "operationName":"Q","variables":{"s":"world-cup-2022"},"extensions":{}}"#,
        )
        .unwrap();
        assert_eq!(r.operation_name.as_deref(), Some("Q"));
        assert_eq!(
            r.variables.into_value().to_string(),
            r#"{s: "world-cup-2022"}"#
        );

        let f = parse_params("query=%7Ba%7D&operationName=Q&variables=%7B%22s%22%3A1%7D").unwrap();
        assert_eq!(f.query.as_deref(), Some("{a}"));
        assert_eq!(f.operation_name.as_deref(), Some("Q"));
        let f = parse_params("query=%7Ba%7D&operation_name=Q&variables=null").unwrap();
        assert_eq!(f.operation_name.as_deref(), Some("Q"));
        let f = parse_params("extensions=%7B%22persistedQuery%22%3A%7B%7D%7D").unwrap();
        assert_eq!(
            f.extensions.unwrap()["persistedQuery"],
            serde_json::json!({})
        );
        assert!(parse_params("query=%7Ba%7D&variables=%7B").is_err());
        assert!(parse_params("query=%7Ba%7D&extensions=%7B").is_err());
    }
}
