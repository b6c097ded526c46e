//! `people`: filters, order and Relay pagination, checked against the squads of 2022.

use goalline::person::search_key;
use serde_json::{json, Value};

use crate::helpers::{strings_at, TestApp};
use crate::on_both_backends;

const PEOPLE: &str = r#"query($filter: PersonFilter, $order: PersonOrder, $first: Int, $after: String,
    $last: Int, $before: String) {
    people(filter: $filter, orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { name fullName birthDate } }
      nodes { name } } }"#;

async fn list(app: &TestApp, variables: Value) -> Value {
    let body = app.post(PEOPLE, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["people"].clone()
}

fn names(page: &Value) -> Vec<String> {
    strings_at(&page["nodes"], &["name"])
}

fn france_2022() -> Value {
    json!({ "team": "FRA", "tournament": "world-cup-2022" })
}

/// France's 2022 squad list as `team.squad` gives it: (name, position, birth date).
async fn french_squad(app: &TestApp) -> Vec<(String, String, String)> {
    let data = app
        .data(
            r#"{ team(code: "FRA") { squad(tournament: "world-cup-2022") {
                position person { name birthDate } } } }"#,
        )
        .await;
    data["team"]["squad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let text = |v: &Value| v.as_str().unwrap().to_owned();
            (
                text(&m["person"]["name"]),
                text(&m["position"]),
                text(&m["person"]["birthDate"]),
            )
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

async fn a_team_at_a_tournament_is_its_squad(app: TestApp) {
    let squad = french_squad(&app).await;
    let page = list(&app, json!({ "filter": france_2022(), "first": 100 })).await;
    // 26 registered, Benzema among them though ruled out injured before the first match.
    assert_eq!(page["totalCount"], 26);
    let found = names(&page);
    assert!(found.contains(&"Karim Benzema".to_owned()), "{found:?}");
    assert_eq!(
        sorted(found.clone()),
        sorted(squad.iter().map(|m| m.0.clone()).collect())
    );
    assert!(!found.contains(&"Lionel Messi".to_owned()));

    // The tournament alone: every squad of 2022.
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { squads { players { shirtNumber } } } }"#)
        .await;
    let registered: usize = data["tournament"]["squads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["players"].as_array().unwrap().len())
        .sum();
    let all = list(
        &app,
        json!({ "filter": { "tournament": "world-cup-2022" } }),
    )
    .await;
    assert_eq!(all["totalCount"], registered);
}

async fn position_and_birth_dates_narrow_the_squad(app: TestApp) {
    let squad = french_squad(&app).await;
    let forwards = list(
        &app,
        json!({ "filter": { "team": "FRA", "tournament": "world-cup-2022", "position": "FORWARD" } }),
    )
    .await;
    let expected: Vec<String> = squad
        .iter()
        .filter(|m| m.1 == "FORWARD")
        .map(|m| m.0.clone())
        .collect();
    assert!(expected.contains(&"Kylian Mbappé".to_owned()));
    assert_eq!(sorted(names(&forwards)), sorted(expected));

    // Born in 1998 or later: the list's own birth dates say who.
    let young = list(
        &app,
        json!({ "filter": { "team": "FRA", "tournament": "world-cup-2022", "bornFrom": "1998-01-01" } }),
    )
    .await;
    let expected: Vec<String> = squad
        .iter()
        .filter(|m| m.2.as_str() >= "1998-01-01")
        .map(|m| m.0.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(sorted(names(&young)), sorted(expected));

    // One day: Mbappé was born on 20 December 1998.
    let day = list(
        &app,
        json!({ "filter": { "team": "FRA", "bornFrom": "1998-12-20", "bornTo": "1998-12-20" } }),
    )
    .await;
    assert_eq!(names(&day), ["Kylian Mbappé"]);
}

async fn names_are_found_ignoring_case_and_accents(app: TestApp) {
    for text in ["mbappe", "MBAPPÉ", "kylian mbap"] {
        let page = list(&app, json!({ "filter": { "name": text } })).await;
        assert!(
            names(&page).contains(&"Kylian Mbappé".to_owned()),
            "{text}: {page}"
        );
    }
    // Conditions combine: the name within France's 2022 squad.
    let page = list(
        &app,
        json!({ "filter": { "name": "hernandez", "team": "FRA", "tournament": "world-cup-2022" } }),
    )
    .await;
    assert_eq!(sorted(names(&page)), ["Lucas Hernandez", "Théo Hernandez"]);
}

/// football.json names scorers its own way; each is the squad member the squad list names
/// ("Timothy Weah" is "Tim Weah", "Mitchell Duke" is "Mitch Duke"), never a second person.
/// A misspelt surname is the scorer the report gives for the same goal ("Hakim Zyiech" and
/// "Wout Werghost"; "Bamba Dieng" is the report's "Cheikh Dieng", Senegal's squad has two
/// Diengs).
async fn scorers_named_another_way_are_the_squad_member(app: TestApp) {
    for (written, listed, goals) in [
        ("Timothy Weah", "Tim Weah", 1),
        ("Mitchell Duke", "Mitch Duke", 1),
        ("Jean-Eric Choupo-Moting", "Eric Maxim Choupo-Moting", 1),
        ("Hakim Zyiech", "Hakim Ziyech", 1),
        ("Wout Werghost", "Wout Weghorst", 2),
        ("Bamba Dieng", "Cheikh Dieng", 1),
    ] {
        let page = list(&app, json!({ "filter": { "name": written } })).await;
        assert_eq!(names(&page), [listed], "{written}");
        let data = app
            .data(&format!(
                r#"{{ player(name: "{listed}") {{ aliases goals {{ minute }} }} }}"#
            ))
            .await;
        let aliases = &data["player"]["aliases"];
        assert!(
            aliases.as_array().unwrap().iter().any(|a| a == written),
            "{written}: {aliases}"
        );
        assert_eq!(data["player"]["goals"].as_array().unwrap().len(), goals);
    }
}

async fn orders_are_total_and_reverse_each_other(app: TestApp) {
    let page = |order: &'static str| {
        let app = &app;
        async move {
            list(
                app,
                json!({ "filter": france_2022(), "order": order, "first": 100 }),
            )
            .await
        }
    };
    let by_name = page("NAME_ASC").await;
    let full: Vec<String> = strings_at(&by_name["edges"], &["node", "fullName"]);
    let keys: Vec<String> = full.iter().map(|n| search_key(n)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{full:?}");
    let mut reversed = names(&page("NAME_DESC").await);
    reversed.reverse();
    assert_eq!(reversed, names(&by_name));

    let oldest_first = page("BIRTH_DATE_ASC").await;
    let born = strings_at(&oldest_first["edges"], &["node", "birthDate"]);
    assert!(born.windows(2).all(|w| w[0] <= w[1]), "{born:?}");
    // Steve Mandanda, born 28 March 1985, was France's oldest; Eduardo Camavinga (10 November
    // 2002) the youngest.
    assert_eq!(names(&oldest_first)[0], "Steve Mandanda");
    assert_eq!(names(&oldest_first)[25], "Eduardo Camavinga");
    let mut reversed = names(&page("BIRTH_DATE_DESC").await);
    reversed.reverse();
    assert_eq!(reversed, names(&oldest_first));
}

async fn pages_follow_cursors_both_ways(app: TestApp) {
    let whole = names(&list(&app, json!({ "filter": france_2022(), "first": 100 })).await);
    assert_eq!(whole.len(), 26);

    // Forwards by tens: 10, 10, 6.
    let mut seen = Vec::new();
    let mut after = Value::Null;
    for (i, size) in [10, 10, 6].into_iter().enumerate() {
        let page = list(
            &app,
            json!({ "filter": france_2022(), "first": 10, "after": after }),
        )
        .await;
        assert_eq!(names(&page).len(), size);
        assert_eq!(page["totalCount"], 26);
        assert_eq!(page["pageInfo"]["hasPreviousPage"], i > 0);
        assert_eq!(page["pageInfo"]["hasNextPage"], i < 2);
        seen.extend(names(&page));
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen, whole);

    // Backwards by tens from the end: the same people, the last page first.
    let mut pages = Vec::new();
    let mut before = Value::Null;
    loop {
        let page = list(
            &app,
            json!({ "filter": france_2022(), "last": 10, "before": before }),
        )
        .await;
        pages.push(names(&page));
        if page["pageInfo"]["hasPreviousPage"] == false {
            break;
        }
        before = page["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(pages.len(), 3);
    pages.reverse();
    assert_eq!(pages.concat(), whole);

    // A cursor is opaque: not the position it stands for.
    let page = list(&app, json!({ "filter": france_2022(), "first": 1 })).await;
    let cursor = page["edges"][0]["cursor"].as_str().unwrap();
    assert!(cursor.parse::<i64>().is_err(), "{cursor}");
    assert_eq!(page["pageInfo"]["startCursor"], cursor);
}

async fn bad_arguments_are_named(app: TestApp) {
    for (variables, argument) in [
        (json!({ "first": 101 }), "first"),
        (json!({ "first": 0 }), "first"),
        (json!({ "last": 101 }), "last"),
        (json!({ "after": "not-a-cursor" }), "after"),
        (json!({ "before": "not-a-cursor" }), "before"),
        (json!({ "filter": { "team": "XYZ" } }), "filter.team"),
        (
            json!({ "filter": { "tournament": "world-cup-1900" } }),
            "filter.tournament",
        ),
        (json!({ "filter": { "name": "a" } }), "filter.name"),
    ] {
        let body = app.post(PEOPLE, variables.clone()).await;
        let err = &body["errors"][0];
        assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT", "{variables}");
        assert_eq!(err["extensions"]["argument"], argument, "{variables}");
    }
    // Unfiltered, a default page of 20.
    let all = list(&app, json!({})).await;
    assert_eq!(names(&all).len(), 20);
    assert_eq!(all["pageInfo"]["hasNextPage"], true);
}

on_both_backends!(
    a_team_at_a_tournament_is_its_squad,
    position_and_birth_dates_narrow_the_squad,
    names_are_found_ignoring_case_and_accents,
    scorers_named_another_way_are_the_squad_member,
    orders_are_total_and_reverse_each_other,
    pages_follow_cursors_both_ways,
    bad_arguments_are_named
);
