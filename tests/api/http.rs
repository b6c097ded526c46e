//! HTTP surface: GraphiQL, GET queries, health, and errors with stable codes.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::on_both_backends;

async fn app() -> TestApp {
    spawn_app(Backend::Sqlite).await.unwrap()
}

#[actix_web::test]
async fn graphiql_opens_with_the_final_query() {
    let app = app().await;
    let page = app.get("/").await;
    assert_eq!(page.status, 200);
    assert!(page
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(page.body.contains("GraphiQL"));
    assert!(
        page.body.contains("world-cup-2022"),
        "default query names the tournament"
    );
    let redirect = app.get("/graphiql").await;
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.headers.get("location").unwrap(), "/");
}

/// The `src` and `href` values in a page, in order.
fn linked_urls(page: &str) -> Vec<&str> {
    ["src=\"", "href=\""]
        .iter()
        .flat_map(|attribute| page.match_indices(attribute).map(|(i, a)| i + a.len()))
        .filter_map(|start| page[start..].split('"').next())
        .collect()
}

/// Built with cargo alone (the page's files are committed), the page loads only files
/// goalline serves; tools/e2e's browser test shows it works with every other host blocked.
#[actix_web::test]
async fn graphiql_page_loads_only_what_goalline_serves() {
    let app = app().await;
    let page = app.get("/").await.body;
    let urls = linked_urls(&page);

    assert_eq!(urls.len(), 2, "a script and a stylesheet: {page}");
    for url in urls {
        assert!(url.starts_with("/graphiql/assets/graphiql-"), "{url}");
        let file = app.get(url).await;
        assert_eq!(file.status, 200, "{url}");
        let content_type = file.headers.get("content-type").unwrap().to_str().unwrap();
        let expected = if url.ends_with(".js") {
            "text/javascript"
        } else {
            "text/css"
        };
        assert!(content_type.starts_with(expected), "{url}: {content_type}");
        assert_eq!(
            file.headers.get("cache-control").unwrap(),
            "public, max-age=31536000, immutable",
            "{url}"
        );
        assert!(file.body.len() > 10_000, "{url}: {} bytes", file.body.len());
    }
    // The page hands the script its endpoint and the opening document as JSON.
    let config = page
        .split(r#"<script type="application/json" id="graphiql-config">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the page's configuration");
    let config: Value = serde_json::from_str(config).unwrap();
    assert_eq!(config["endpoint"], "/graphql");
    assert_eq!(config["defaultQuery"], goalline::http::EXAMPLE_QUERY);
    assert_eq!(
        app.get("/graphiql/assets/graphiql-NOPE.js").await.status,
        404
    );
}

#[actix_web::test]
async fn get_requests_answer_queries() {
    let app = app().await;
    let reply = app
        .get("/graphql?query=%7Btournament(slug%3A%22world-cup-2022%22)%7Bwinner%7Bname%7D%7D%7D")
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json()["data"]["tournament"]["winner"]["name"],
        "Argentina"
    );
}

#[actix_web::test]
async fn health_is_ok_while_the_database_answers() {
    let app = app().await;
    let reply = app.get("/health").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["status"], "ok");
}

async fn unknown_things_are_not_found_and_bad_arguments_named(app: TestApp) {
    let err = app
        .first_error(r#"{ tournament(slug: "world-cup-1899") { name } }"#)
        .await;
    assert_eq!(err["extensions"]["code"], "NOT_FOUND");
    assert!(err["message"].as_str().unwrap().contains("world-cup-1899"));

    let err = app
        .first_error(r#"{ match(id: "not-an-id") { number } }"#)
        .await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(err["extensions"]["argument"], "id");

    // A valid ID of another type is still not a match ID.
    let team = app.data(r#"{ team(code: "ARG") { id } }"#).await;
    let body = app
        .post(
            "query($id: ID!) { match(id: $id) { number } }",
            json!({ "id": team["team"]["id"] }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");

    let err = app.first_error(r#"{ team { name } }"#).await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");

    let err = app
        .first_error(r#"{ people(filter: { name: "a" }) { nodes { name } } }"#)
        .await;
    assert_eq!(err["extensions"]["argument"], "filter.name");

    let err = app
        .first_error(r#"{ people(filter: { name: "messi" }, first: 1000) { nodes { name } } }"#)
        .await;
    assert_eq!(err["extensions"]["argument"], "first");
}

/// A look-up that finds nothing is null with its error; its siblings keep their data, and
/// `data` is kept for a single failed look-up too (GraphQL's handling of field errors).
async fn a_failed_look_up_keeps_the_rest_of_the_answer(app: TestApp) {
    let body = app
        .post(
            r#"{ a: tournament(slug: "nope") { name } b: team(code: "ARG") { name }
                 c: player(name: "Nobody Atall") { name } d: competition(slug: "nope") { name }
                 e: node(id: "VGVhbTo5OTk5OTk") { id } f: match(id: "bm9wZQ") { number } }"#,
            json!({}),
        )
        .await;
    let data = body["data"].as_object().expect("data is kept");
    let keys: Vec<&str> = data.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 6, "every field keeps its key: {body:#}");
    assert_eq!(body["data"]["b"]["name"], "Argentina");
    for alias in ["a", "c", "d", "e", "f"] {
        assert!(body["data"][alias].is_null(), "{alias}: {body:#}");
        let error = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == json!([alias]))
            .unwrap_or_else(|| panic!("{alias} has its error: {body:#}"));
        assert!(error["extensions"]["code"].is_string(), "{error}");
    }
    let single = app
        .post(r#"{ tournament(slug: "nope") { name } }"#, json!({}))
        .await;
    assert_eq!(single["data"], json!({ "tournament": null }), "{single:#}");
    assert_eq!(single["errors"][0]["extensions"]["code"], "NOT_FOUND");
}

async fn ids_round_trip(app: TestApp) {
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { final { id number } } }"#)
        .await;
    let id = data["tournament"]["final"]["id"].clone();
    assert_eq!(data["tournament"]["final"]["number"], 64);
    let body = app
        .post(
            "query($id: ID!) { match(id: $id) { number homeTeam { name } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(body["data"]["match"]["number"], 64);
    assert_eq!(body["data"]["match"]["homeTeam"]["name"], "Argentina");

    // Every object with an id is a Node: the final's events come back by theirs.
    let events = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") { final { goals { id } cards { id }
                substitutions { id } penaltyShootout { kicks { id } } } } }"#,
        )
        .await;
    let f = &events["tournament"]["final"];
    let firsts = [
        ("Goal", &f["goals"][0]["id"]),
        ("Card", &f["cards"][0]["id"]),
        ("Substitution", &f["substitutions"][0]["id"]),
        ("ShootoutKick", &f["penaltyShootout"]["kicks"][0]["id"]),
    ];
    for (kind, id) in firsts {
        let body = app
            .post(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(body["data"]["node"]["__typename"], kind, "{body:#}");
        assert_eq!(&body["data"]["node"]["id"], id);
    }
}

on_both_backends!(
    unknown_things_are_not_found_and_bad_arguments_named,
    a_failed_look_up_keeps_the_rest_of_the_answer,
    ids_round_trip
);

#[actix_web::test]
async fn malformed_and_invalid_documents_get_stable_codes() {
    let app = app().await;
    let body = app.post("{ tournament(slug: ", json!({})).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "GRAPHQL_PARSE_FAILED"
    );
    assert!(body["data"].is_null());
    // Documents are read once and kept: asked again, the same refusals; a valid document
    // asked again (no longer validated) still answers.
    for _ in 0..2 {
        let body = app
            .post("{ tournament(slug: 2022) { nope } }", json!({}))
            .await;
        let errors = body["errors"].as_array().unwrap();
        assert!(!errors.is_empty());
        assert!(errors
            .iter()
            .all(|e| e["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"));
        let data = app
            .data(r#"{ tournament(slug: "world-cup-2022") { year } }"#)
            .await;
        assert_eq!(data["tournament"]["year"], 2022);
    }
}

/// POSTs `body` with these headers; returns status, content type and the JSON body.
async fn post_raw(app: &TestApp, headers: &[(&str, &str)], body: &str) -> (u16, String, Value) {
    let mut request = app.client.post(format!("{}/graphql", app.address));
    for &(name, value) in headers {
        request = request.insert_header((name, value));
    }
    let mut response = request.send_body(body.to_owned()).await.expect("request");
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.body().await.expect("body");
    let json = serde_json::from_slice(&body).expect("a JSON body");
    (response.status().as_u16(), content_type, json)
}

#[actix_web::test]
async fn request_errors_are_400_without_data_for_graphql_response_json_and_200_for_json() {
    let app = app().await;
    let json = [("content-type", "application/json")];
    let graphql = [
        ("content-type", "application/json"),
        (
            "accept",
            "application/graphql-response+json, application/json;q=0.9",
        ),
    ];
    for body in [
        r#"{"query": "{"}"#,
        r#"{"query": "{ noSuchField }"}"#,
        r#"{"query": "query($id: ID!) { __typename }", "variables": {"id": null}}"#,
        r#"{"query": "query A { __typename }", "operationName": "B"}"#,
    ] {
        let (status, media, reply) = post_raw(&app, &graphql, body).await;
        assert_eq!(
            (status, media.as_str()),
            (400, "application/graphql-response+json"),
            "{body}"
        );
        assert!(reply.get("data").is_none(), "{body}: {reply}");
        assert!(
            reply["errors"][0]["extensions"]["code"].is_string(),
            "{body}"
        );

        // The legacy media type (also for clients that do not say): 200, same body.
        for headers in [&json[..], &[json[0], ("accept", "*/*")]] {
            let (status, media, legacy) = post_raw(&app, headers, body).await;
            assert_eq!(
                (status, media.as_str()),
                (200, "application/json"),
                "{body}"
            );
            assert_eq!(legacy, reply);
        }
    }

    // A field error is no request error: it ran, so 200 with `data`, whatever the media type.
    let missing = r#"{"query": "{ tournament(slug: \"world-cup-1899\") { name } }"}"#;
    let (status, _, reply) = post_raw(&app, &graphql, missing).await;
    assert_eq!(status, 200);
    assert_eq!(reply["data"]["tournament"], Value::Null);
    assert_eq!(reply["errors"][0]["extensions"]["code"], "NOT_FOUND");
}

#[actix_web::test]
async fn a_post_without_content_type_is_refused() {
    let app = app().await;
    let (status, _, reply) = post_raw(&app, &[], r#"{"query": "{ __typename }"}"#).await;
    assert_eq!(status, 415);
    assert_eq!(
        reply["errors"][0]["extensions"]["code"],
        "UNSUPPORTED_MEDIA_TYPE"
    );
    // Any stated type is read as JSON, as `curl -d` sends it.
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let (status, _, reply) = post_raw(&app, &form, r#"{"query": "{ __typename }"}"#).await;
    assert_eq!(status, 200);
    assert_eq!(reply["data"]["__typename"], "Query");
}

/// A query that runs past `GOALLINE_QUERY_TIMEOUT_MS` is stopped with a stable code, and the
/// server goes on answering.
#[actix_web::test]
async fn slow_queries_are_stopped_at_the_timeout() {
    let app = crate::helpers::spawn_app_with(Backend::Sqlite, |s| {
        s.query_timeout_ms = 1;
        s.limits.max_cost = 1_000_000; // long, not expensive by the cost model's reckoning
    })
    .await
    .expect("SQLite");
    let heavy = json!({ "query": "{ matches(filter: { tournament: \"world-cup-2022\" }, first: 64) {
        nodes { lineups { home { person { name } } away { person { name } } } goals { scorer { name } } } } }" })
    .to_string();
    let (status, _, body) = post_raw(&app, &[("content-type", "application/json")], &heavy).await;
    assert_eq!(status, 503, "{body:#}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TIMEOUT");
    assert!(body.get("data").is_none());
    let health = app.get("/health").await;
    assert_eq!(health.status, 200);
}

/// The keys of every object in a JSON text, in the order written (depth first).
fn keys_in_order(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    // Keys are the strings followed by a colon; the answers here hold no colon in a value.
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let tail = &after[end + 1..];
        if tail.starts_with(':') {
            out.push(after[..end].to_owned());
        }
        rest = tail;
    }
    out
}

#[actix_web::test]
async fn answers_follow_the_order_of_the_selection() {
    let app = app().await;
    let query = r#"{ tournament(slug: "world-cup-2022") { ...Named final {
        homeTeam { name } awayTeam { name } decidedBy winner { name }
        score { penalties { away home } fullTime { home away } } } }
      later: team(code: "FRA") { code name } }
      fragment Named on Tournament { year name }"#;
    let body = serde_json::to_string(&json!({ "query": query })).unwrap();
    let mut response = app
        .client
        .post(format!("{}/graphql", app.address))
        .insert_header(("content-type", "application/json"))
        .send_body(body)
        .await
        .expect("request");
    let text = String::from_utf8(response.body().await.unwrap().to_vec()).unwrap();
    assert_eq!(
        keys_in_order(&text),
        [
            "data",
            "tournament",
            "year",
            "name",
            "final",
            "homeTeam",
            "name",
            "awayTeam",
            "name",
            "decidedBy",
            "winner",
            "name",
            "score",
            "penalties",
            "away",
            "home",
            "fullTime",
            "home",
            "away",
            "later",
            "code",
            "name",
            "extensions",
            "cost",
            "estimated",
            "limit"
        ],
        "{text}"
    );
}

#[actix_web::test]
async fn an_address_in_use_is_named_at_once() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let db = crate::helpers::TestDb::create(crate::helpers::Backend::Sqlite).unwrap();
    let mut settings = crate::helpers::settings_for(&db);
    settings.port = port;
    let error = match goalline::startup::Application::build(&settings).await {
        Ok(_) => panic!("a second server on a port in use"),
        Err(e) => e.to_string(),
    };
    assert!(error.contains(&format!("127.0.0.1:{port}")), "{error}");
    assert!(
        error.contains("in use") && error.contains("PORT"),
        "{error}"
    );
    // Refused before the database is touched (a first start would import first): no file.
    assert!(!matches!(&db, crate::helpers::TestDb::Sqlite(path) if path.exists()));
}

#[actix_web::test]
async fn an_unwritable_database_path_is_named_at_once() {
    let db = crate::helpers::TestDb::create(crate::helpers::Backend::Sqlite).unwrap();
    let mut settings = crate::helpers::settings_for(&db);
    let path = std::env::temp_dir()
        .join(format!("goalline-no-such-folder-{}", uuid::Uuid::new_v4()))
        .join("goalline.db");
    settings.database_url = goalline::config::DatabaseUrl::Sqlite(path.clone());
    let error = match goalline::startup::Application::build(&settings).await {
        Ok(_) => panic!("a database in a folder that does not exist"),
        Err(e) => e.to_string(),
    };
    assert!(error.contains(&path.display().to_string()), "{error}");
    assert!(error.contains("DATABASE_URL"), "{error}");
}
