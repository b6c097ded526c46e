//! HTTP caching (`Cache-Control`, `ETag`, `304`, `Vary`), compression and CORS, as browsers,
//! mobile HTTP stacks and CDNs see them.

use goalline::config::CorsOrigins;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with, Backend, Reply, TestApp};
use crate::persisted::{get_graphql, post_graphql, send};

const FINAL: &str = r#"{ tournament(slug: "world-cup-2022") { final { number homeTeam { name } awayTeam { name } } } }"#;

fn header<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
    reply.headers.get(name).map(|v| v.to_str().unwrap())
}

/// The names in a `Vary`, lowercase.
fn vary(reply: &Reply) -> Vec<String> {
    reply
        .headers
        .get_all("vary")
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect()
}

async fn get_with(app: &TestApp, query: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", query)])
        .unwrap();
    for &(name, value) in headers {
        request = request.insert_header((name, value));
    }
    send(request, None).await
}

#[actix_web::test]
async fn get_answers_are_cacheable_with_an_etag_and_revalidate_with_304() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let reply = get_with(&app, FINAL, &[]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["data"]["tournament"]["final"]["number"], 64);
    assert_eq!(header(&reply, "cache-control"), Some("public, max-age=300"));
    assert_eq!(header(&reply, "content-type"), Some("application/json"));
    assert_eq!(vary(&reply), ["accept", "accept-encoding", "origin"]);
    let etag = header(&reply, "etag").expect("an ETag").to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");

    // The same query gives the same tag; If-None-Match with it gives 304 and no body.
    let again = get_with(&app, FINAL, &[]).await;
    assert_eq!(header(&again, "etag"), Some(etag.as_str()));
    let not_modified = get_with(&app, FINAL, &[("if-none-match", &etag)]).await;
    assert_eq!(not_modified.status, 304);
    assert_eq!(not_modified.body, "");
    assert_eq!(header(&not_modified, "etag"), Some(etag.as_str()));
    assert_eq!(
        header(&not_modified, "cache-control"),
        Some("public, max-age=300")
    );
    // A tag from another answer does not match.
    let other = get_with(&app, FINAL, &[("if-none-match", "W/\"0123\"")]).await;
    assert_eq!(other.status, 200);
    assert_eq!(other.body, reply.body);

    // GraphQL over HTTP's own media type for clients that ask for it.
    let accept = [("accept", "application/graphql-response+json")];
    let graphql = get_with(&app, FINAL, &accept).await;
    assert_eq!(
        header(&graphql, "content-type"),
        Some("application/graphql-response+json")
    );
    assert_eq!(graphql.body, reply.body);
    // A request with credentials is only for the browser that made it.
    let private = get_with(&app, FINAL, &[("authorization", "Bearer x")]).await;
    assert_eq!(
        header(&private, "cache-control"),
        Some("private, max-age=300")
    );
}

#[actix_web::test]
async fn errors_and_posts_are_not_stored() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let not_found = get_with(&app, r#"{ tournament(slug: "nope") { name } }"#, &[]).await;
    assert_eq!(
        not_found.json()["errors"][0]["extensions"]["code"],
        "NOT_FOUND"
    );
    assert_eq!(header(&not_found, "cache-control"), Some("no-store"));
    assert_eq!(header(&not_found, "etag"), None);

    let invalid = get_with(&app, "{ nope }", &[]).await;
    assert_eq!(header(&invalid, "cache-control"), Some("no-store"));
    let bad = send(app.client.get(format!("{}/graphql", app.address)), None).await;
    assert_eq!(bad.status, 400);
    assert_eq!(header(&bad, "cache-control"), Some("no-store"));

    let post = post_graphql(&app, json!({ "query": FINAL })).await;
    assert_eq!(post.status, 200);
    assert!(post.json()["errors"].is_null());
    assert_eq!(header(&post, "cache-control"), Some("no-store"));
    assert_eq!(header(&post, "etag"), None);
}

#[actix_web::test]
async fn the_max_age_is_configurable() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.cache_max_age = 60)
        .await
        .unwrap();
    let reply = get_graphql(&app, &[("query", FINAL.to_owned())]).await;
    assert_eq!(header(&reply, "cache-control"), Some("public, max-age=60"));
    let app = spawn_app_with(Backend::Sqlite, |s| s.cache_max_age = 0)
        .await
        .unwrap();
    let reply = get_graphql(&app, &[("query", FINAL.to_owned())]).await;
    assert_eq!(header(&reply, "cache-control"), Some("public, no-cache"));
    assert!(header(&reply, "etag").is_some());
}

#[actix_web::test]
async fn answers_are_compressed_as_the_client_accepts() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    for (accept, expected) in [
        ("br", Some("br")),
        ("zstd", Some("zstd")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        let reply = get_with(&app, FINAL, &[("accept-encoding", accept)]).await;
        assert_eq!(reply.status, 200, "{accept}");
        assert_eq!(header(&reply, "content-encoding"), expected, "{accept}");
        assert!(vary(&reply).contains(&"accept-encoding".to_owned()));
        // One tag for every encoding: it names the content, not the bytes.
        let plain = get_with(&app, FINAL, &[]).await;
        assert_eq!(header(&reply, "etag"), header(&plain, "etag"));
    }
}

async fn preflight(app: &TestApp, origin: &str) -> Reply {
    let request = app
        .client
        .request(
            awc::http::Method::OPTIONS,
            format!("{}/graphql", app.address),
        )
        .insert_header(("origin", origin))
        .insert_header(("access-control-request-method", "POST"))
        .insert_header(("access-control-request-headers", "content-type"));
    send(request, None).await
}

#[actix_web::test]
async fn any_origin_may_read_by_default_without_credentials() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let reply = preflight(&app, "https://anywhere.example").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(header(&reply, "access-control-allow-origin"), Some("*"));
    let methods = header(&reply, "access-control-allow-methods").unwrap();
    assert!(
        methods.contains("POST") && methods.contains("GET"),
        "{methods}"
    );
    assert!(header(&reply, "access-control-allow-headers")
        .unwrap()
        .contains("content-type"));
    assert!(header(&reply, "access-control-max-age").is_some());
    assert_eq!(header(&reply, "access-control-allow-credentials"), None);

    let simple = get_with(&app, FINAL, &[("origin", "https://anywhere.example")]).await;
    assert_eq!(simple.status, 200);
    assert_eq!(header(&simple, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&simple, "access-control-allow-credentials"), None);
    let exposed = header(&simple, "access-control-expose-headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        exposed.contains("etag") && exposed.contains("x-request-id"),
        "{exposed}"
    );
}

#[actix_web::test]
async fn an_origin_list_lets_only_its_origins_read() {
    let allowed = "https://app.example";
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.cors_origins = CorsOrigins::List(vec![allowed.into(), "http://localhost:3000".into()])
    })
    .await
    .unwrap();

    let reply = preflight(&app, allowed).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(header(&reply, "access-control-allow-origin"), Some(allowed));
    assert!(vary(&reply).contains(&"origin".to_owned()));
    assert_eq!(header(&reply, "access-control-allow-credentials"), None);
    let simple = get_with(&app, FINAL, &[("origin", allowed)]).await;
    assert_eq!(
        header(&simple, "access-control-allow-origin"),
        Some(allowed)
    );
    assert!(vary(&simple).contains(&"origin".to_owned()));

    // A refused origin: the preflight fails, and a simple request is answered (CORS binds
    // browsers, not other clients) without the header that would let a page read it.
    let refused = "https://evil.example";
    let reply = preflight(&app, refused).await;
    assert_eq!(reply.status, 400);
    assert_eq!(header(&reply, "access-control-allow-origin"), None);
    let simple = get_with(&app, FINAL, &[("origin", refused)]).await;
    assert_eq!(simple.status, 200);
    assert_eq!(header(&simple, "access-control-allow-origin"), None);
    assert!(vary(&simple).contains(&"origin".to_owned()));
}
