//! Rate limiting of `/graphql` per client: a burst, then 429 with `Retry-After` and the IETF
//! RateLimit headers. The limits are one request an hour, so nothing refills while a test runs.

use std::time::Duration;

use goalline::http::RateLimit;
use serde_json::json;

use goalline::auth::Role;

use crate::helpers::{spawn_app_with, Backend, Reply, TestApp};
use crate::live::token;

const QUERY: &str = r#"{ tournament(slug: "world-cup-2022") { winner { name } } }"#;

/// A server allowing `burst` requests at once and then one an hour.
async fn app(burst: u32) -> TestApp {
    spawn_app_with(Backend::Sqlite, |s| {
        s.rate_limit = Some(RateLimit {
            requests: 1,
            per: Duration::from_secs(3600),
            burst,
        });
    })
    .await
    .unwrap()
}

/// POSTs the query, with `Authorization: Bearer <key>` when a key is given.
async fn post(app: &TestApp, key: Option<&str>) -> Reply {
    let mut request = app.client.post(format!("{}/graphql", app.address));
    if let Some(key) = key {
        request = request.insert_header(("authorization", format!("Bearer {key}")));
    }
    let mut response = request
        .send_json(&json!({ "query": QUERY }))
        .await
        .expect("request");
    let body = response.body().await.expect("body");
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn header<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
    reply.headers.get(name).map(|v| v.to_str().unwrap())
}

#[actix_web::test]
async fn the_burst_is_served_then_the_client_gets_429_with_when_to_retry() {
    let app = app(3).await;
    for remaining in [2, 1] {
        let reply = post(&app, None).await;
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.json()["data"]["tournament"]["winner"]["name"],
            "Argentina"
        );
        assert_eq!(
            header(&reply, "ratelimit-policy"),
            Some("\"default\";q=3;w=10800")
        );
        assert_eq!(
            header(&reply, "ratelimit"),
            Some(format!("\"default\";r={remaining};t={}", (3 - remaining) * 3600).as_str())
        );
    }
    // GET counts as much as POST.
    let last = app.get("/graphql?query=%7Btournaments%7Bname%7D%7D").await;
    assert_eq!(last.status, 200);
    assert_eq!(header(&last, "ratelimit"), Some("\"default\";r=0;t=10800"));

    let refused = post(&app, None).await;
    assert_eq!(refused.status, 429);
    assert_eq!(header(&refused, "retry-after"), Some("3600"));
    assert_eq!(
        header(&refused, "ratelimit-policy"),
        Some("\"default\";q=3;w=10800")
    );
    assert_eq!(
        header(&refused, "ratelimit"),
        Some("\"default\";r=0;t=10800")
    );
    assert_eq!(header(&refused, "cache-control"), Some("no-store"));
    let body = refused.json();
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    assert!(body.get("data").is_none(), "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("3600 s"), "{message}");

    // Refusals use up nothing: the next one is told to wait just as long.
    let again = post(&app, None).await;
    assert_eq!(again.status, 429);
    assert_eq!(header(&again, "retry-after"), Some("3600"));
    assert_metric(&app, "goalline_rate_limited_total{client=\"ip\"} 2").await;
}

/// `/metrics` has this line, and no line naming a key.
async fn assert_metric(app: &TestApp, line: &str) {
    let metrics = app.get("/metrics").await;
    assert!(
        metrics.body.lines().any(|l| l == line),
        "{line} in {}",
        metrics.body
    );
    assert!(!metrics.body.contains("key-"), "keys are never shown");
}

/// What the `RateLimit` header says remains.
fn remaining(reply: &Reply) -> u32 {
    let value = header(reply, "ratelimit").expect("a RateLimit header");
    value
        .split(';')
        .find_map(|p| p.strip_prefix("r="))
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("{value}"))
}

#[actix_web::test]
async fn each_api_key_has_its_own_allowance() {
    let app = app(50).await;
    let (a, b) = (
        token(&app, Role::Reader).await.1,
        token(&app, Role::Reader).await.1,
    );
    // The address spends 10 of its 50 first, so that what remains tells the buckets apart.
    for _ in 0..10 {
        assert_eq!(post(&app, None).await.status, 200);
    }
    // A new key's first request counts against the address while the key is checked; then
    // the key has its own 50.
    let first = post(&app, Some(&a)).await;
    assert_eq!(remaining(&first), 39);
    let mut keyed = None;
    for sent in 2..=20 {
        let reply = post(&app, Some(&a)).await;
        if remaining(&reply) == 49 {
            keyed = Some(sent);
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(keyed.is_some(), "the key never got its own allowance");
    for _ in 0..49 {
        assert_eq!(post(&app, Some(&a)).await.status, 200);
    }
    assert_eq!(post(&app, Some(&a)).await.status, 429);
    let other = post(&app, Some(&b)).await;
    assert_eq!(other.status, 200, "another key, another allowance");
    assert_metric(&app, "goalline_rate_limited_total{client=\"key\"} 1").await;
}

/// A made-up token per request does not buy a fresh allowance: it counts against the address.
#[actix_web::test]
async fn made_up_tokens_count_against_the_address() {
    let app = app(3).await;
    for i in 0..3 {
        let reply = post(&app, Some(&format!("gl_made_up_{i}"))).await;
        assert_eq!(reply.status, 200);
    }
    let refused = post(&app, Some("gl_made_up_3")).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert_eq!(
        post(&app, None).await.status,
        429,
        "the address's allowance is spent"
    );
    assert_metric(&app, "goalline_rate_limited_total{client=\"ip\"} 2").await;
}

#[actix_web::test]
async fn health_and_metrics_are_never_limited() {
    let app = app(1).await;
    assert_eq!(post(&app, None).await.status, 200);
    assert_eq!(post(&app, None).await.status, 429);
    for path in ["/health", "/health/live", "/health/ready", "/metrics"] {
        for _ in 0..3 {
            let reply = app.get(path).await;
            assert_eq!(reply.status, 200, "{path}");
            assert!(header(&reply, "ratelimit").is_none(), "{path}");
        }
    }
}

#[actix_web::test]
async fn without_a_limit_nothing_is_refused_and_no_header_is_sent() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.rate_limit = None)
        .await
        .unwrap();
    for _ in 0..20 {
        let reply = post(&app, None).await;
        assert_eq!(reply.status, 200);
        assert!(header(&reply, "ratelimit").is_none());
        assert!(header(&reply, "ratelimit-policy").is_none());
    }
    let metrics = app.get("/metrics").await;
    assert!(!metrics.body.contains("goalline_rate_limited_total{"));
}
