//! `/metrics` (Prometheus' text format) and request IDs.

use goalline::digest::sha256_hex;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with, Backend, TestApp};
use crate::persisted::{get_graphql, persisted, post_graphql, send};

/// The value of the sample named exactly `series` (name and labels), if present.
fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics.lines().find_map(|line| {
        let value = line.strip_prefix(series)?.strip_prefix(' ')?;
        value.parse().ok()
    })
}

async fn scrape(app: &TestApp) -> String {
    let reply = app.get("/metrics").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.headers.get("content-type").unwrap(),
        "text/plain; version=0.0.4; charset=utf-8"
    );
    reply.body
}

#[actix_web::test]
async fn metrics_count_operations_outcomes_statements_and_persisted_queries() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let before = scrape(&app).await;
    let statements_before = sample(&before, "goalline_db_statements_total").unwrap();

    let named = r#"query Final { tournament(slug: "world-cup-2022") { final { number } } }"#;
    app.data(named).await;
    app.data(named).await;
    app.first_error(r#"{ tournament(slug: "nope") { name } }"#)
        .await;
    let hash = sha256_hex(named);
    post_graphql(&app, json!({ "extensions": persisted(&hash) })).await;
    post_graphql(
        &app,
        json!({ "query": named, "extensions": persisted(&hash) }),
    )
    .await;
    get_graphql(&app, &[("extensions", persisted(&hash).to_string())]).await;
    post_graphql(&app, json!({ "query": "{ tournament(" })).await;

    let metrics = scrape(&app).await;
    let requests = |operation: &str, outcome: &str| {
        sample(
            &metrics,
            &format!(
                "goalline_graphql_requests_total{{operation=\"{operation}\",outcome=\"{outcome}\"}}"
            ),
        )
    };
    // Named by the document, even when the request does not say `operationName`.
    assert_eq!(requests("Final", "ok"), Some(4.0), "{metrics}");
    assert_eq!(requests("(anonymous)", "NOT_FOUND"), Some(1.0), "{metrics}");
    assert_eq!(
        requests("(anonymous)", "PERSISTED_QUERY_NOT_FOUND"),
        Some(1.0)
    );
    assert_eq!(requests("(anonymous)", "GRAPHQL_PARSE_FAILED"), Some(1.0));

    let histogram = "goalline_graphql_request_duration_seconds";
    assert!(metrics.contains(&format!("# TYPE {histogram} histogram")));
    assert_eq!(
        sample(
            &metrics,
            &format!("{histogram}_bucket{{operation=\"Final\",le=\"+Inf\"}}")
        ),
        Some(4.0)
    );
    assert_eq!(
        sample(
            &metrics,
            &format!("{histogram}_count{{operation=\"Final\"}}")
        ),
        Some(4.0)
    );
    assert!(sample(&metrics, &format!("{histogram}_sum{{operation=\"Final\"}}")).unwrap() > 0.0);
    assert!(metrics.contains(&format!(
        "{histogram}_bucket{{operation=\"Final\",le=\"0.005\"}}"
    )));

    let statements = sample(&metrics, "goalline_db_statements_total").unwrap();
    assert!(
        statements > statements_before && statements_before > 0.0,
        "{statements_before} -> {statements}"
    );
    for (result, n) in [("hit", 1.0), ("miss", 1.0), ("registered", 1.0)] {
        assert_eq!(
            sample(
                &metrics,
                &format!("goalline_persisted_queries_total{{result=\"{result}\"}}")
            ),
            Some(n),
            "{result}"
        );
    }
    assert_eq!(
        sample(&metrics, "goalline_persisted_queries_cached"),
        Some(1.0)
    );
    assert_eq!(
        sample(&metrics, "goalline_db_pool_max_connections"),
        Some(4.0)
    );
    let idle = sample(&metrics, "goalline_db_pool_connections{state=\"idle\"}").unwrap();
    let in_use = sample(&metrics, "goalline_db_pool_connections{state=\"in_use\"}").unwrap();
    assert!(idle + in_use >= 1.0, "{idle} + {in_use}");
    assert!(
        sample(
            &metrics,
            "goalline_http_responses_total{route=\"/graphql\",status=\"200\"}"
        )
        .unwrap()
            >= 6.0
    );
    assert!(
        sample(
            &metrics,
            "goalline_http_responses_total{route=\"/metrics\",status=\"200\"}"
        )
        .unwrap()
            >= 1.0
    );

    // Counts move.
    app.data(named).await;
    let after = scrape(&app).await;
    assert_eq!(
        sample(
            &after,
            "goalline_graphql_requests_total{operation=\"Final\",outcome=\"ok\"}"
        ),
        Some(5.0)
    );
    // No variable values or query text in the exposition.
    assert!(!after.contains("world-cup-2022"));
}

#[actix_web::test]
async fn metrics_can_be_turned_off() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.metrics = false)
        .await
        .unwrap();
    assert_eq!(app.get("/metrics").await.status, 404);
}

#[actix_web::test]
async fn every_answer_carries_a_request_id() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let with_id = |id: &'static str| {
        app.client
            .get(format!("{}/health/live", app.address))
            .insert_header(("x-request-id", id))
    };
    let reply = send(with_id("client-id-42"), None).await;
    assert_eq!(reply.headers.get("x-request-id").unwrap(), "client-id-42");

    // Made up when absent, or when not one we would echo.
    let first = app.get("/health/live").await;
    let second = app.get("/graphql?query=%7B__typename%7D").await;
    let id = |reply: &crate::helpers::Reply| {
        reply
            .headers
            .get("x-request-id")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(id(&first).len(), 36, "a UUID: {}", id(&first));
    assert_ne!(id(&first), id(&second));
    let reply = send(with_id("<script>"), None).await;
    assert_ne!(id(&reply), "<script>");
    assert_eq!(id(&reply).len(), 36);
    // Refusals and unknown paths too.
    assert!(app
        .get("/nowhere")
        .await
        .headers
        .contains_key("x-request-id"));
}
