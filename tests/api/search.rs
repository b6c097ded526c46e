//! Search and global object identification.

use serde_json::json;

use crate::helpers::TestApp;
use crate::on_both_backends;

const SEARCH: &str = r#"query($q: String!) { search(query: $q, first: 5) { score node {
    __typename ... on Person { name } ... on Team { name } ... on Venue { name } ... on Tournament { slug } } } }"#;

async fn first_hit(app: &TestApp, q: &str) -> serde_json::Value {
    let body = app.post(SEARCH, json!({ "q": q })).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["search"][0]["node"].clone()
}

async fn search_forgives_case_accents_and_typos(app: TestApp) {
    assert_eq!(first_hit(&app, "mbape").await["name"], "Kylian Mbappé");
    assert_eq!(first_hit(&app, "benzma").await["name"], "Karim Benzema");
    assert_eq!(first_hit(&app, "MESSI").await["name"], "Lionel Messi");
    let team = first_hit(&app, "argentina").await;
    assert_eq!(
        (team["__typename"].as_str(), team["name"].as_str()),
        (Some("Team"), Some("Argentina"))
    );
    let venue = first_hit(&app, "lusail").await;
    assert_eq!(
        (venue["__typename"].as_str(), venue["name"].as_str()),
        (Some("Venue"), Some("Lusail Stadium"))
    );
    let body = app.post(SEARCH, json!({ "q": "qwxzv" })).await;
    assert_eq!(body["data"]["search"], json!([]));
    let err = app.first_error(r#"{ search(query: "a") { score } }"#).await;
    assert_eq!(err["extensions"]["argument"], "query");
}

async fn any_object_comes_back_by_its_id(app: TestApp) {
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { id final { id goals { id } venue { id } } } team(code: "FRA") { id } }"#)
        .await;
    let t = &data["tournament"];
    let ids = json!([
        t["id"],
        t["final"]["id"],
        t["final"]["goals"][0]["id"],
        t["final"]["venue"]["id"],
        data["team"]["id"]
    ]);
    let body = app
        .post(
            r#"query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
                ... on Tournament { slug } ... on Match { number } ... on Goal { minute } ... on Venue { name } ... on Team { code } } }"#,
            json!({ "ids": ids }),
        )
        .await;
    let nodes = &body["data"]["nodes"];
    assert_eq!(nodes[0]["slug"], "world-cup-2022");
    assert_eq!(nodes[1]["number"], 64);
    assert_eq!(nodes[2]["minute"], 23);
    assert_eq!(nodes[3]["name"], "Lusail Stadium");
    assert_eq!(nodes[4]["code"], "FRA");
    for (i, id) in ids.as_array().unwrap().iter().enumerate() {
        assert_eq!(&nodes[i]["id"], id);
    }
    let body = app
        .post(
            "query($id: ID!) { node(id: $id) { ... on Match { number } } }",
            json!({ "id": t["final"]["id"] }),
        )
        .await;
    assert_eq!(body["data"]["node"]["number"], 64);
    let err = app
        .first_error(r#"{ node(id: "bm90aGluZw") { id } }"#)
        .await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");
}

on_both_backends!(
    search_forgives_case_accents_and_typos,
    any_object_comes_back_by_its_id
);
