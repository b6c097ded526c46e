//! Every relation goes through a batching loader: a wide nested query costs a few SQL
//! statements, however many matches it covers.

use goalline::startup::Application;
use serde_json::json;

use crate::helpers::{client, settings_for, Backend, TestApp, TestDb};

const FRAGMENT: &str =
    "fragment Wide on Match { number homeTeam { name } awayTeam { name } venue { name }
    goals { minute scorer { name } team { name } }
    lineups { home { person { name } } away { person { name } } } }";

/// All 64 matches of 2022.
const TOURNAMENT: &str = r#"{ tournament(slug: "world-cup-2022") { matches { ...Wide } } }"#;
/// Argentina's 7.
const TEAM: &str = r#"{ team(code: "ARG") { matches(tournament: "world-cup-2022") { ...Wide } } }"#;

async fn statements_do_not_grow_with_matches(backend: Backend) {
    let Some(db) = TestDb::create(backend) else {
        return;
    };
    let app = Application::build(&settings_for(&db)).await.expect("start");
    let pool = app.pool().clone();
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.into_server());
    let app = TestApp {
        address,
        client: client(),
        _db: db,
    };
    let measure = |query: &'static str| {
        let pool = pool.clone();
        let app = &app;
        async move {
            let before = pool.statements_executed();
            let body = app.post(&format!("{query} {FRAGMENT}"), json!({})).await;
            assert!(body.get("errors").is_none(), "{body:#}");
            (pool.statements_executed() - before, body)
        }
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
    // One statement per relation and level (teams of matches, teams of goals, ...), a few
    // more where a level's keys arrive in two batches; one per row would be thousands.
    assert!(for_64 <= 30, "{for_64} statements for 64 matches");
    assert!(
        for_64 <= for_7 + 4,
        "64 matches took {for_64} statements, 7 took {for_7}"
    );
}

#[actix_web::test]
async fn statements_do_not_grow_with_matches_on_sqlite() {
    statements_do_not_grow_with_matches(Backend::Sqlite).await;
}

#[actix_web::test]
async fn statements_do_not_grow_with_matches_on_postgres() {
    statements_do_not_grow_with_matches(Backend::Postgres).await;
}
