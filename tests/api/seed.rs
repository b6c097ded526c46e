//! The built-in data is loaded once: restarting never duplicates anything.

use goalline::startup::Application;

use crate::helpers::{settings_for, Backend, TestDb};

async fn counts(app: &crate::helpers::TestApp) -> (usize, usize, usize) {
    let data = app
        .data(r#"{ tournaments { slug teams { code } matches { goals { minute } } } venues { name } }"#)
        .await;
    let tournaments = data["tournaments"].as_array().unwrap();
    let goals = tournaments
        .iter()
        .flat_map(|t| t["matches"].as_array().unwrap())
        .map(|m| m["goals"].as_array().unwrap().len())
        .sum();
    (
        tournaments.len(),
        tournaments
            .iter()
            .map(|t| t["teams"].as_array().unwrap().len())
            .sum(),
        goals,
    )
}

async fn restart_keeps_one_copy(backend: Backend) {
    let Some(db) = TestDb::create(backend) else {
        return;
    };
    let settings = settings_for(&db);
    for _ in 0..2 {
        // Each start migrates and seeds the same database again.
        let app = Application::build(&settings).await.expect("start");
        drop(app);
    }
    let app = Application::build(&settings).await.expect("third start");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.into_server());
    let test_app = crate::helpers::TestApp {
        address,
        client: crate::helpers::client(),
        _db: db,
    };
    assert_eq!(counts(&test_app).await, (1, 32, 172));
    let curated = test_app
        .data(
            r#"{ player(name: "Karim Benzema") { awards { name } clubSpells { from }
                   internationalCareers { caps: curatedTotals { caps } }
                   squads { statusChanges { on } } } }"#,
        )
        .await;
    let p = &curated["player"];
    assert_eq!(p["awards"].as_array().unwrap().len(), 1);
    assert_eq!(p["clubSpells"].as_array().unwrap().len(), 4);
    assert_eq!(p["internationalCareers"].as_array().unwrap().len(), 1);
    assert_eq!(p["squads"][0]["statusChanges"].as_array().unwrap().len(), 1);
    let venues = test_app.data("{ venues { name capacity } }").await;
    assert_eq!(venues["venues"].as_array().unwrap().len(), 8);
}

#[actix_web::test]
async fn restart_keeps_one_copy_on_sqlite() {
    restart_keeps_one_copy(Backend::Sqlite).await;
}

#[actix_web::test]
async fn restart_keeps_one_copy_on_postgres() {
    restart_keeps_one_copy(Backend::Postgres).await;
}
