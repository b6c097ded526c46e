//! Relations are looked up in the read model: once it is built, a wide nested query costs no
//! SQL statement, however many matches it covers; a root field that lists (a page of people)
//! costs its own few.

use goalline::db::Pool;
use goalline::startup::Application;
use serde_json::{json, Value};

use crate::helpers::{client, settings_for, Backend, TestApp, TestDb};

const FRAGMENT: &str =
    "fragment Wide on Match { number homeTeam { name } awayTeam { name } venue { name }
    goals { minute scorer { name } team { name } }
    lineups { home { person { name } } away { person { name } } } }";

/// All 64 matches of 2022.
const TOURNAMENT: &str = r#"{ tournament(slug: "world-cup-2022") { matches { ...Wide } } }"#;
/// Argentina's 7.
const TEAM: &str = r#"{ team(code: "ARG") { matches(tournament: "world-cup-2022") { ...Wide } } }"#;

/// Starts goalline and returns it with its pool, whose statement counter the tests read.
async fn spawn_counting(backend: Backend) -> Option<(TestApp, Pool)> {
    let db = TestDb::create(backend)?;
    // Every run must execute: the response cache would answer the second from memory.
    let mut settings = settings_for(&db);
    settings.response_cache_bytes = 0;
    let app = Application::build(&settings).await.expect("start");
    let pool = app.pool().clone();
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.into_server());
    let app = TestApp {
        address,
        client: client(),
        _db: db,
    };
    Some((app, pool))
}

/// Runs a query that must succeed three times; returns the fewest statements a run cost, and
/// the body. The counter also sees the server's own background reads (the live update log,
/// every 250 ms on SQLite), which the fewest leaves out.
async fn measure(app: &TestApp, pool: &Pool, query: &str, variables: Value) -> (u64, Value) {
    let mut fewest = u64::MAX;
    let mut body = Value::Null;
    for _ in 0..3 {
        let before = pool.statements_executed();
        body = app.post(query, variables.clone()).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        fewest = fewest.min(pool.statements_executed() - before);
    }
    (fewest, body)
}

async fn statements_do_not_grow_with_matches(backend: Backend) {
    let Some((app, pool)) = spawn_counting(backend).await else {
        return;
    };
    let measure = |query: &'static str| {
        let (app, pool) = (&app, &pool);
        async move { measure(app, pool, &format!("{query} {FRAGMENT}"), json!({})).await }
    };
    let (for_64, body) = measure(TOURNAMENT).await;
    assert_eq!(
        body["data"]["tournament"]["matches"]
            .as_array()
            .unwrap()
            .len(),
        64
    );
    let (for_7, body) = measure(TEAM).await;
    assert_eq!(body["data"]["team"]["matches"].as_array().unwrap().len(), 7);
    // Every relation (teams of matches, goals, scorers, line-ups) from memory; the team's
    // own look-up by code is a statement (with the pool's check on taking a connection).
    assert_eq!(for_64, 0, "statements for 64 matches");
    assert!(for_7 <= 2, "{for_7} statements for 7 matches");
    // The root lists too, in their order.
    let lists = r#"{ teams { name } venues { name } tournaments { year slug }
        competitions { name } competition(slug: "world-cup") { name } }"#;
    let (for_lists, body) = self::measure(&app, &pool, lists, json!({})).await;
    assert_eq!(for_lists, 0, "statements for the root lists");
    let data = &body["data"];
    let names = |list: &str| -> Vec<String> {
        let items = data[list].as_array().unwrap().iter();
        items
            .map(|i| i["name"].as_str().unwrap().to_owned())
            .collect()
    };
    for list in ["teams", "venues", "competitions"] {
        let (shown, mut sorted) = (names(list), names(list));
        sorted.sort();
        assert!(
            !shown.is_empty() && shown == sorted,
            "{list} by name: {shown:?}"
        );
    }
    assert_eq!(data["competition"]["name"], "FIFA World Cup");
}

#[actix_web::test]
async fn statements_do_not_grow_with_matches_on_sqlite() {
    statements_do_not_grow_with_matches(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn statements_do_not_grow_with_matches_on_postgres() {
    statements_do_not_grow_with_matches(Backend::Postgres).await;
}

/// A page of people with their goals, the matches and the teams of those.
const PEOPLE: &str = r#"query($first: Int) { people(filter: { tournament: "world-cup-2022" },
    orderBy: NAME_ASC, first: $first) { totalCount nodes { name
      goals { minute match { number homeTeam { code } awayTeam { code } } }
      squads { team { code } } } } }"#;

async fn a_page_of_people_costs_a_few_statements(backend: Backend) {
    let Some((app, pool)) = spawn_counting(backend).await else {
        return;
    };
    let page = |first: i64| {
        let (app, pool) = (&app, &pool);
        async move { measure(app, pool, PEOPLE, json!({ "first": first })).await }
    };
    // 40 is the largest page of this shape the default cost limit lets through.
    let (for_40, body) = page(40).await;
    let nodes = body["data"]["people"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 40);
    assert!(nodes
        .iter()
        .any(|n| !n["goals"].as_array().unwrap().is_empty()));
    let (for_5, _) = page(5).await;
    // The page itself (look-up, count and rows, with the pool's check on taking a
    // connection); the people's goals, matches and squads from memory.
    assert!(for_40 <= 6, "{for_40} statements for 40 people");
    assert_eq!(
        for_40, for_5,
        "40 people and 5 cost different numbers of statements"
    );
}

#[actix_web::test]
async fn a_page_of_people_costs_a_few_statements_on_sqlite() {
    a_page_of_people_costs_a_few_statements(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn a_page_of_people_costs_a_few_statements_on_postgres() {
    a_page_of_people_costs_a_few_statements(Backend::Postgres).await;
}
