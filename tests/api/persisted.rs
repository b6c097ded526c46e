//! Automatic persisted queries (Apollo's protocol) and trusted documents, through the real
//! server, over GET and POST.

use goalline::digest::sha256_hex;
use goalline::http::TrustedDocuments;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, Backend, Reply, TestApp};

const WINNER: &str = r#"query Winner { tournament(slug: "world-cup-2022") { winner { name } } }"#;

/// `extensions` with a persisted-query hash.
pub fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

/// Sends a built request (with a JSON body when given) and reads the whole answer.
pub async fn send(request: awc::ClientRequest, body: Option<&Value>) -> Reply {
    let mut response = match body {
        Some(body) => request.send_json(body).await,
        None => request.send().await,
    }
    .expect("request");
    let body = response.body().limit(16 << 20).await.expect("body");
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// `GET /graphql` with these parameters (`extensions` and `variables` JSON-encoded).
pub async fn get_graphql(app: &TestApp, params: &[(&str, String)]) -> Reply {
    let request = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&params)
        .expect("URL parameters");
    send(request, None).await
}

/// `POST /graphql` with this body.
pub async fn post_graphql(app: &TestApp, body: Value) -> Reply {
    send(
        app.client.post(format!("{}/graphql", app.address)),
        Some(&body),
    )
    .await
}

fn code(reply: &Reply) -> Value {
    reply.json()["errors"][0]["extensions"]["code"].clone()
}

fn header<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

#[actix_web::test]
async fn an_unknown_hash_is_not_found_then_registered_then_served_over_get() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let hash = sha256_hex(WINNER);
    let ext = persisted(&hash).to_string();

    // Apollo Client's first try: the hash alone. A miss is a GraphQL error with HTTP 200 (a 400
    // would make Apollo Client give up on persisted queries) and must not be cached.
    let miss = get_graphql(&app, &[("extensions", ext.clone())]).await;
    assert_eq!(miss.status, 200, "{}", miss.body);
    assert_eq!(code(&miss), "PERSISTED_QUERY_NOT_FOUND");
    assert_eq!(
        miss.json()["errors"][0]["message"],
        "PersistedQueryNotFound"
    );
    assert_eq!(header(&miss, "cache-control"), "no-store");

    // Its second: the text with the hash, which registers it.
    let registered = get_graphql(
        &app,
        &[
            ("query", WINNER.to_owned()),
            ("operationName", "Winner".to_owned()),
            ("extensions", ext.clone()),
        ],
    )
    .await;
    assert_eq!(registered.status, 200, "{}", registered.body);
    assert_eq!(
        registered.json()["data"]["tournament"]["winner"]["name"],
        "Argentina"
    );

    // From then on the hash alone is enough, over GET (cacheable) and POST.
    let hit = get_graphql(&app, &[("extensions", ext.clone())]).await;
    assert_eq!(hit.status, 200);
    assert_eq!(hit.json()["data"], registered.json()["data"]);
    assert!(header(&hit, "cache-control").contains("max-age="));
    let hit = post_graphql(&app, json!({ "extensions": persisted(&hash) })).await;
    assert_eq!(hit.json()["data"], registered.json()["data"]);
    // Apollo Client sends `query` empty rather than absent in some set-ups.
    let hit = post_graphql(&app, json!({ "query": "", "extensions": persisted(&hash) })).await;
    assert_eq!(hit.json()["data"], registered.json()["data"]);

    // Variables and the operation's name travel beside the hash.
    let query = "query Team($code: String!) { team(code: $code) { name } }";
    let ext = persisted(&sha256_hex(query)).to_string();
    let vars = json!({ "code": "FRA" }).to_string();
    let register = get_graphql(
        &app,
        &[
            ("query", query.to_owned()),
            ("variables", vars.clone()),
            ("extensions", ext.clone()),
        ],
    )
    .await;
    assert_eq!(register.json()["data"]["team"]["name"], "France");
    let hit = get_graphql(
        &app,
        &[
            ("variables", json!({ "code": "ARG" }).to_string()),
            ("extensions", ext),
        ],
    )
    .await;
    assert_eq!(hit.json()["data"]["team"]["name"], "Argentina");
}

#[actix_web::test]
async fn a_hash_that_is_not_the_text_s_is_refused() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let wrong = persisted(&sha256_hex("{ something { else } }"));
    let reply = post_graphql(&app, json!({ "query": WINNER, "extensions": wrong })).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(code(&reply), "PERSISTED_QUERY_HASH_MISMATCH");
    assert_eq!(header(&reply, "cache-control"), "no-store");
    let reply = get_graphql(
        &app,
        &[
            ("query", WINNER.to_owned()),
            ("extensions", wrong.to_string()),
        ],
    )
    .await;
    assert_eq!(reply.status, 400);
    assert_eq!(code(&reply), "PERSISTED_QUERY_HASH_MISMATCH");

    // Nor was anything registered under the wrong hash.
    let reply = post_graphql(&app, json!({ "extensions": wrong })).await;
    assert_eq!(code(&reply), "PERSISTED_QUERY_NOT_FOUND");

    // Malformed extensions are a bad request.
    for bad in [
        json!({ "persistedQuery": { "version": 2, "sha256Hash": sha256_hex(WINNER) } }),
        json!({ "persistedQuery": { "version": 1, "sha256Hash": "xyz" } }),
        json!("persistedQuery"),
    ] {
        let reply = post_graphql(&app, json!({ "query": WINNER, "extensions": bad })).await;
        assert_eq!(reply.status, 400, "{bad}: {}", reply.body);
        assert_eq!(code(&reply), "BAD_REQUEST");
    }
}

#[actix_web::test]
async fn a_document_that_is_refused_is_not_remembered() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.limits.max_depth = 2)
        .await
        .unwrap();
    let deep = r#"{ tournament(slug: "world-cup-2022") { winner { name } } }"#;
    let ext = persisted(&sha256_hex(deep));
    let reply = post_graphql(&app, json!({ "query": deep, "extensions": ext })).await;
    assert_eq!(code(&reply), "QUERY_TOO_DEEP");
    let reply = post_graphql(&app, json!({ "extensions": ext })).await;
    assert_eq!(code(&reply), "PERSISTED_QUERY_NOT_FOUND");
}

fn trusted() -> TrustedDocuments {
    TrustedDocuments::from_json(&json!({ sha256_hex(WINNER): WINNER }).to_string()).unwrap()
}

#[actix_web::test]
async fn trusted_documents_are_known_from_the_start() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.trusted_documents = trusted())
        .await
        .unwrap();
    let reply = get_graphql(
        &app,
        &[("extensions", persisted(&sha256_hex(WINNER)).to_string())],
    )
    .await;
    assert_eq!(
        reply.json()["data"]["tournament"]["winner"]["name"],
        "Argentina"
    );
    // Other documents still run.
    let data = app.data(r#"{ team(code: "FRA") { name } }"#).await;
    assert_eq!(data["team"]["name"], "France");
}

#[actix_web::test]
async fn with_trusted_documents_only_nothing_else_runs() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.trusted_documents = trusted();
        s.trusted_documents_only = true;
    })
    .await
    .unwrap();

    // An ad-hoc query, with or without its hash.
    let ad_hoc = r#"{ team(code: "FRA") { name } }"#;
    let reply = post_graphql(&app, json!({ "query": ad_hoc })).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(code(&reply), "PERSISTED_QUERY_REQUIRED");
    assert!(reply.json()["data"].is_null());
    let reply = post_graphql(
        &app,
        json!({ "query": ad_hoc, "extensions": persisted(&sha256_hex(ad_hoc)) }),
    )
    .await;
    assert_eq!(code(&reply), "PERSISTED_QUERY_REQUIRED");
    let reply = get_graphql(&app, &[("query", ad_hoc.to_owned())]).await;
    assert_eq!(code(&reply), "PERSISTED_QUERY_REQUIRED");
    // Nor was it learned.
    let reply = post_graphql(
        &app,
        json!({ "extensions": persisted(&sha256_hex(ad_hoc)) }),
    )
    .await;
    assert_eq!(reply.status, 400);
    assert_eq!(code(&reply), "PERSISTED_QUERY_NOT_IN_LIST");

    // A listed one, by its hash over GET, or in full.
    let reply = get_graphql(
        &app,
        &[("extensions", persisted(&sha256_hex(WINNER)).to_string())],
    )
    .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json()["data"]["tournament"]["winner"]["name"],
        "Argentina"
    );
    let reply = post_graphql(&app, json!({ "query": WINNER })).await;
    assert_eq!(
        reply.json()["data"]["tournament"]["winner"]["name"],
        "Argentina"
    );
}
