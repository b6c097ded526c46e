//! HTTP surface: GraphiQL, GET queries, health, and errors with stable codes.

use serde_json::json;

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
}

on_both_backends!(
    unknown_things_are_not_found_and_bad_arguments_named,
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
    let body = app
        .post("{ tournament(slug: 2022) { nope } }", json!({}))
        .await;
    let errors = body["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    assert!(errors
        .iter()
        .all(|e| e["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"));
}
