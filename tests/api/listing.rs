//! `matches`: filters, order and Relay pagination.

use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::on_both_backends;

const MATCHES: &str = r#"query($filter: MatchFilter, $order: MatchOrder, $first: Int, $after: String, $last: Int) {
    matches(filter: $filter, orderBy: $order, first: $first, after: $after, last: $last) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { number attendance homeTeam { code } awayTeam { code } } }
      nodes { number } } }"#;

async fn list(app: &TestApp, variables: Value) -> Value {
    let body = app.post(MATCHES, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["matches"].clone()
}

fn numbers(page: &Value) -> Vec<i64> {
    page["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["number"].as_i64().unwrap())
        .collect()
}

async fn pages_follow_cursors(app: TestApp) {
    let first = list(&app, json!({ "filter": { "team": "ARG" }, "first": 3 })).await;
    assert_eq!(first["totalCount"], 7);
    assert_eq!(numbers(&first).len(), 3);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    let mut seen = numbers(&first);
    let mut cursor = first["pageInfo"]["endCursor"].clone();
    loop {
        let next = list(
            &app,
            json!({ "filter": { "team": "ARG" }, "first": 3, "after": cursor }),
        )
        .await;
        seen.extend(numbers(&next));
        assert_eq!(next["pageInfo"]["hasPreviousPage"], true);
        if next["pageInfo"]["hasNextPage"] == false {
            break;
        }
        cursor = next["pageInfo"]["endCursor"].clone();
    }
    // Argentina's seven matches, in order of kick-off, each once; the last is the final.
    assert_eq!(seen.len(), 7);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert_eq!(*seen.last().unwrap(), 64);
    let last = list(&app, json!({ "filter": { "team": "ARG" }, "last": 1 })).await;
    assert_eq!(numbers(&last), [64]);
}

async fn filters_and_order(app: TestApp) {
    let shootouts = list(
        &app,
        json!({ "filter": { "decidedBy": "PENALTY_SHOOTOUT" }, "first": 10 }),
    )
    .await;
    assert_eq!(shootouts["totalCount"], 5);
    let final_ = list(
        &app,
        json!({ "filter": { "tournament": "world-cup-2022", "stage": "FINAL" } }),
    )
    .await;
    assert_eq!(numbers(&final_), [64]);
    let meeting = list(
        &app,
        json!({ "filter": { "team": "ARG", "opponent": "FRA" } }),
    )
    .await;
    assert_eq!(numbers(&meeting), [64]);
    let that_day = list(
        &app,
        json!({ "filter": { "from": "2022-12-18", "to": "2022-12-18" } }),
    )
    .await;
    assert_eq!(numbers(&that_day), [64]);
    let group_c = list(&app, json!({ "filter": { "group": "Group C" } })).await;
    assert_eq!(group_c["totalCount"], 6);
    let crowd = list(&app, json!({ "order": "ATTENDANCE_DESC", "first": 1 })).await;
    assert_eq!(crowd["edges"][0]["node"]["attendance"], 88966);
    let all = list(&app, json!({})).await;
    assert_eq!(all["totalCount"], 64);
    assert_eq!(numbers(&all).len(), 20, "20 per page unless asked");
}

async fn bad_page_arguments_are_named(app: TestApp) {
    for (variables, argument) in [
        (json!({ "first": 101 }), "first"),
        (json!({ "first": 0 }), "first"),
        (json!({ "after": "not-a-cursor" }), "after"),
        (json!({ "filter": { "team": "XYZ" } }), "filter.team"),
    ] {
        let body = app.post(MATCHES, variables.clone()).await;
        let err = &body["errors"][0];
        assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{variables}");
        assert_eq!(err["extensions"]["argument"], argument, "{variables}");
    }
}

on_both_backends!(
    pages_follow_cursors,
    filters_and_order,
    bad_page_arguments_are_named
);
