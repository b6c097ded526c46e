//! What the server reads from memory follows the database: on SQLite, a change written by
//! another process (which announces nothing) shows within the read model's lifetime, and
//! answers go on meanwhile from the snapshot the server has.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use goalline::db;
use goalline::schema::teams;

use crate::helpers::{spawn_app_with, Backend};

const NAME: &str = r#"{ team(code: "ARG") { name } }"#;

#[actix_web::test]
async fn another_process_s_change_shows_within_the_lifetime_on_sqlite() {
    let Some(app) = spawn_app_with(Backend::Sqlite, |s| {
        s.response_cache_ttl = Duration::from_secs(1);
    })
    .await
    else {
        return;
    };
    assert_eq!(app.data(NAME).await["team"]["name"], "Argentina");

    // Another process: its own connection to the file, no notification.
    let other = db::pool(&app._db.url(), 1);
    db::run(&other, |c| {
        diesel::update(teams::table.filter(teams::fifa_code.eq("ARG")))
            .set(teams::name.eq("Argentina (written elsewhere)"))
            .execute(c)?;
        Ok(())
    })
    .await
    .unwrap_or_else(|e| panic!("write: {}", e.message()));

    let started = Instant::now();
    loop {
        let name = app.data(NAME).await["team"]["name"].clone();
        if name == "Argentina (written elsewhere)" {
            break;
        }
        assert_eq!(name, "Argentina", "the old name until the new one");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "not seen within 10 s (lifetime 1 s)"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}
