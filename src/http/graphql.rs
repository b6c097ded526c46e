//! `/graphql`: reads the request itself, so that an oversized body answers 413 before it is
//! buffered and a body that is not a GraphQL request answers 400 with a JSON error, not text.
//!
//! POST bodies are JSON (`{"query", "operationName", "variables", "extensions"}`) whatever their
//! `Content-Type` says, as before; batches (a JSON array) and multipart uploads are refused.
//! GET takes the same fields as URL parameters, `variables` and `extensions` JSON-encoded.
//! What the document itself may ask is checked by `graphql::limits`.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse, Responder};
use async_graphql::{Request, Variables};
use async_graphql_actix_web::GraphQLResponse;
use serde::Deserialize;

use super::HttpOptions;
use crate::graphql::GoallineSchema;

/// A JSON error body in the shape of a GraphQL response:
/// `{"errors":[{"message":...,"extensions":{"code":...}}]}`.
pub fn error_response(status: StatusCode, code: &str, message: impl Into<String>) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({
        "errors": [{ "message": message.into(), "extensions": { "code": code } }]
    }))
}

fn bad_request(message: impl Into<String>) -> HttpResponse {
    error_response(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
}

fn too_large(limit: usize) -> HttpResponse {
    error_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        format!("the request body is larger than the limit of {limit} bytes"),
    )
}

async fn execute(schema: &GoallineSchema, request: Request, http: &HttpRequest) -> HttpResponse {
    GraphQLResponse::from(schema.execute(request).await).respond_to(http)
}

/// The fields of a request, as sent in a POST body.
#[derive(Deserialize)]
struct Body {
    query: Option<String>,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<serde_json::Value>,
    // Accepted and ignored: goalline implements no request extensions.
    #[allow(dead_code)]
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
    #[allow(dead_code)]
    extensions: Option<String>,
}

fn graphql_request(
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<serde_json::Value>,
) -> Result<Request, String> {
    let Some(query) = query else {
        return Err("the request has no `query`".into());
    };
    let mut request = Request::new(query);
    if let Some(name) = operation_name {
        request = request.operation_name(name);
    }
    match variables {
        None | Some(serde_json::Value::Null) => {}
        Some(value @ serde_json::Value::Object(_)) => {
            request = request.variables(Variables::from_json(value));
        }
        Some(_) => return Err("`variables` must be a JSON object".into()),
    }
    Ok(request)
}

fn parse_body(body: &[u8]) -> Result<Request, String> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => return Err("the request body is empty; send a JSON object with a `query`".into()),
        Some(b'[') => return Err("batched requests (a JSON array) are not supported".into()),
        Some(b'{') => {}
        Some(_) => return Err("the request body must be a JSON object with a `query`".into()),
    }
    let body: Body = serde_json::from_slice(body)
        .map_err(|e| format!("the request body is not a valid GraphQL request: {e}"))?;
    graphql_request(body.query, body.operation_name, body.variables)
}

fn parse_params(query_string: &str) -> Result<Request, String> {
    let params = web::Query::<Params>::from_query(query_string)
        .map_err(|e| format!("invalid URL parameters: {e}"))?
        .into_inner();
    let variables = params
        .variables
        .map(|v| serde_json::from_str(&v))
        .transpose()
        .map_err(|e| format!("`variables` is not valid JSON: {e}"))?;
    graphql_request(params.query, params.operation_name, variables)
}

pub async fn post(
    http: HttpRequest,
    payload: web::Payload,
    schema: web::Data<GoallineSchema>,
    options: web::Data<HttpOptions>,
) -> HttpResponse {
    let limit = options.max_body_bytes;
    // Refuse early when the client says how much it is sending.
    let declared = http
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(limit);
    }
    let body = match payload.to_bytes_limited(limit).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => return bad_request("the request body could not be read"),
        Err(_) => return too_large(limit),
    };
    match parse_body(&body) {
        Ok(request) => execute(&schema, request, &http).await,
        Err(message) => bad_request(message),
    }
}

pub async fn get(http: HttpRequest, schema: web::Data<GoallineSchema>) -> HttpResponse {
    // No mutation exists yet; when one does, refuse it here with 405 (GraphQL over HTTP).
    match parse_params(http.query_string()) {
        Ok(request) => execute(&schema, request, &http).await,
        Err(message) => bad_request(message),
    }
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
        ] {
            let err = parse_body(body.as_bytes()).err().unwrap_or_default();
            assert!(err.contains(reason), "{body:?}: {err:?}");
        }
    }

    #[test]
    fn a_request_body_and_its_parameters_carry_the_same_fields() {
        let r = parse_body(
            br#"{"query":"query Q($s: String!) { tournament(slug: $s) { name } }",
                 "operationName":"Q","variables":{"s":"world-cup-2022"},"extensions":{}}"#,
        )
        .unwrap();
        assert_eq!(r.operation_name.as_deref(), Some("Q"));
        assert_eq!(
            r.variables.into_value().to_string(),
            r#"{s: "world-cup-2022"}"#
        );

        let r = parse_params("query=%7Ba%7D&operationName=Q&variables=%7B%22s%22%3A1%7D").unwrap();
        assert_eq!(r.query, "{a}");
        assert_eq!(r.operation_name.as_deref(), Some("Q"));
        let r = parse_params("query=%7Ba%7D&operation_name=Q&variables=null").unwrap();
        assert_eq!(r.operation_name.as_deref(), Some("Q"));
        assert!(parse_params("query=%7Ba%7D&variables=%7B").is_err());
        assert!(parse_params("operationName=Q").is_err());
    }
}
