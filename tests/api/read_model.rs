//! What the server reads from memory follows the database: on SQLite, a change written by
//! another process (which announces nothing) shows within the read model's lifetime, and
//! answers go on meanwhile from the snapshot the server has; after live writes and edits, the
//! patched model answers as one built afresh.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use goalline::db;
use goalline::schema::teams;
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, Backend, Dice, TestApp};

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

const CARD: &str = "mutation($m: ID!, $t: ID!, $p: ID!, $min: Int!) {
    recordCard(input: { matchId: $m, teamId: $t, personId: $p, kind: YELLOW, at: { minute: $min } }) {
        event { ... on Card { id } } } }";
const DELETE: &str =
    "mutation($m: ID!, $e: ID!) { deleteEvent(input: { matchId: $m, eventId: $e }) { sequence } }";
const RENAME: &str =
    "mutation($p: ID!, $n: String!) { updatePerson(input: { personId: $p, fullName: $n }) { id } }";

/// What is compared after each step: the match written to, what is computed across matches
/// (a tournament's matches, head-to-head, the all-time scorers) and the people it names.
fn questions(m: &str, people: &[&str]) -> Vec<String> {
    let mut asked = vec![
        format!(
            r#"{{ match(id: "{m}") {{ status phase currentScore {{ home away }}
                goals {{ id minute ownGoal scorer {{ name }} team {{ name }} }}
                cards {{ id minute kind person {{ name }} }} }} }}"#
        ),
        include_str!("../../bench/queries/tournament.graphql").to_owned(),
        include_str!("../../bench/queries/head-to-head.graphql").to_owned(),
        "{ allTimeTopScorers(first: 50) { person { name } goals penalties } }".to_owned(),
    ];
    asked.extend(people.iter().map(|p| {
        format!(r#"{{ node(id: "{p}") {{ ... on Person {{ name goals {{ minute match {{ id }} }} }} }} }}"#)
    }));
    asked
}

/// The answers of a server started afresh on the database: a read model built, not patched.
async fn fresh_answers(app: &TestApp, questions: &[String]) -> Vec<Value> {
    let settings = crate::helpers::settings_for(&app._db);
    let fresh = goalline::startup::Application::build(&settings)
        .await
        .expect("a second server on the same database");
    let address = format!("http://127.0.0.1:{}", fresh.port());
    let stopper = fresh.stopper();
    let server = actix_web::rt::spawn(fresh.into_server());
    let mut answers = Vec::new();
    for q in questions {
        let mut response = crate::helpers::client()
            .post(format!("{address}/graphql"))
            .send_json(&json!({ "query": q }))
            .await
            .expect("request");
        let body: Value = response.json().limit(16 << 20).await.expect("JSON");
        answers.push(body);
    }
    stopper.stop().await;
    let _ = server.await;
    answers
}

/// Live writes patch the read model and edits rebuild it: after every step of a random
/// sequence of goals, cards, deletions and renamings, the server written to answers as a
/// server that builds its model from the database afresh.
async fn patched_answers_are_those_of_a_fresh_model(app: TestApp) {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64)
        | 1;
    let mut dice = Dice(seed);
    let (_, editor) = crate::live::token(&app, goalline::auth::Role::Editor).await;
    let f = crate::live::the_final(&app).await;
    let m = crate::live::live_fixture(&app, &editor, &f).await;
    let starters = |side: &[(String, String, bool)]| -> Vec<String> {
        side.iter().filter(|p| p.2).map(|p| p.0.clone()).collect()
    };
    let sides = [
        (f.argentina.clone(), starters(&f.home)),
        (f.france.clone(), starters(&f.away)),
    ];
    let (mut events, mut booked, mut minute) = (Vec::<String>::new(), Vec::new(), 0);
    for step in 0..8 {
        let (team, players) = &sides[dice.below(2)];
        let player = players[dice.below(players.len())].clone();
        minute += 1 + dice.below(4);
        let what = match dice.below(4) {
            0 | 1 => {
                let vars = json!({ "m": m, "t": team, "s": player, "min": minute });
                let goal = crate::live::write(&app, &editor, crate::live::GOAL, vars).await;
                events.push(
                    goal["recordGoal"]["event"]["id"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                );
                format!("goal by {player} at {minute}'")
            }
            2 if !booked.contains(&player) => {
                let vars = json!({ "m": m, "t": team, "p": player, "min": minute });
                let card = crate::live::write(&app, &editor, CARD, vars).await;
                events.push(
                    card["recordCard"]["event"]["id"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                );
                booked.push(player.clone());
                format!("yellow card for {player} at {minute}'")
            }
            2 if !events.is_empty() => {
                let event = events.remove(dice.below(events.len()));
                crate::live::write(&app, &editor, DELETE, json!({ "m": m, "e": event })).await;
                format!("deletion of {event}")
            }
            _ => {
                let name = format!("Renamed {step}");
                let vars = json!({ "p": player, "n": name });
                crate::live::write(&app, &editor, RENAME, vars).await;
                format!("{player} renamed")
            }
        };
        let people: Vec<&str> = sides
            .iter()
            .flat_map(|(_, p)| p.iter().take(3))
            .map(String::as_str)
            .collect();
        let asked = questions(&m, &people);
        let mut patched = Vec::new();
        for q in &asked {
            patched.push(app.post(q, json!({})).await);
        }
        let fresh = fresh_answers(&app, &asked).await;
        for ((q, p), f) in asked.iter().zip(&patched).zip(&fresh) {
            assert_eq!(p, f, "seed {seed}, step {step} ({what}): {q}");
        }
    }
}

crate::on_both_backends!(patched_answers_are_those_of_a_fresh_model);
