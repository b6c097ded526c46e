//! Demos and live fixtures never touch recorded history: `goalline replay` plays into its own
//! competition (`playbacks`) and the README's answers stay the same; a recorded tournament
//! takes no second final and no new fixture once its final is played; an editor deletes a match
//! they created, and only such a match.

use std::time::Duration;

use goalline::auth::Role;
use goalline::db;
use goalline::graphql::id;
use goalline::live::replay::{find_match, replay, Pace, Summary};
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::live::{token, write};

/// Every query (not mutation or subscription) the README and docs/ show.
fn readme_queries() -> Vec<String> {
    let queries: Vec<String> = crate::helpers::documented_examples()
        .into_iter()
        .filter(|q| q.starts_with('{') || q.starts_with("query"))
        .collect();
    assert!(
        queries.len() >= 5,
        "the documentation's queries were not found"
    );
    queries
}

/// The answer to each README query, which must answer without errors.
async fn readme_answers(app: &TestApp) -> Vec<Value> {
    let mut answers = Vec::new();
    for query in readme_queries() {
        let body = app.post(&query, json!({})).await;
        assert!(body.get("errors").is_none(), "{query}\n{body:#}");
        answers.push(body["data"].clone());
    }
    answers
}

/// An app whose answers are never cached, so that an unchanged answer is one worked out again.
async fn uncached(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |s| s.response_cache_bytes = 0).await
}

/// Plays the 2022 final back from another connection, as `goalline replay` does, with no rule
/// refusing any of its changes.
pub(crate) async fn play_back_the_final(app: &TestApp) -> Summary {
    let pool = db::pool(&app._db.url(), 1);
    let summary = db::run(&pool, |c| {
        let source = find_match(c, "2022-final")?;
        replay(c, source, Pace { speed: 0.0 }, |_| {}, |_| {})
    })
    .await
    .unwrap_or_else(|e| panic!("replay: {}", e.message()));
    assert!(summary.refused.is_empty(), "{:#?}", summary.refused);
    summary
}

/// Asks `query` until `done` holds of its data (another process's writes reach the server
/// within a second), or five seconds have passed; the last data.
pub(crate) async fn eventually(app: &TestApp, query: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let body = app.post(query, json!({})).await;
        if (body.get("errors").is_none() && done(&body["data"]))
            || std::time::Instant::now() > deadline
        {
            return body["data"].clone();
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn the_readme_demo_leaves_history_unchanged(backend: Backend) {
    let Some(app) = uncached(backend).await else {
        return;
    };
    let before = readme_answers(&app).await;
    for round in 1..=2 {
        let playback = id::encode("Match", play_back_the_final(&app).await.match_id).0;
        let query = format!(
            r#"{{ node(id: "{playback}") {{ ... on Match {{ status playbackOf {{ id }}
                   competition {{ slug kind }} tournament {{ slug }} stage {{ kind name }}
                   score {{ penalties {{ home away }} }} }} }}
                 tournament(slug: "world-cup-2022") {{ final {{ id }} }} }}"#
        );
        let data = eventually(&app, &query, |d| d["node"]["status"] == "FINISHED").await;
        let copy = &data["node"];
        assert_eq!(copy["status"], "FINISHED", "{data:#}");
        assert_eq!(copy["playbackOf"]["id"], data["tournament"]["final"]["id"]);
        assert_eq!(
            copy["competition"],
            json!({ "slug": "playbacks", "kind": "PLAYBACK" })
        );
        assert_eq!(copy["tournament"]["slug"], "playbacks");
        // A stage of its own, of the original's kind: the same rules (extra time, a shootout).
        assert_eq!(copy["stage"]["kind"], "FINAL");
        assert_eq!(
            copy["stage"]["name"],
            format!("FIFA World Cup Qatar 2022: Final, playback {round}")
        );
        assert_eq!(copy["score"]["penalties"], json!({ "home": 4, "away": 2 }));
    }
    assert_eq!(readme_answers(&app).await, before);
    // Listed where a filter names their edition, and only there.
    let listed = app
        .data(
            r#"{ mine: matches(filter: { tournament: "playbacks" }) { totalCount }
                   shootouts: matches(filter: { decidedBy: PENALTY_SHOOTOUT }) { totalCount } }"#,
        )
        .await;
    assert_eq!(listed["mine"]["totalCount"], 2);
    assert_eq!(
        listed["shootouts"]["totalCount"], 5,
        "2022 had five shootouts"
    );
}

const CREATE: &str = "mutation($stage: ID!, $home: ID!, $away: ID!) {
    createMatch(input: { stageId: $stage, homeTeamId: $home, awayTeamId: $away }) { id status } }";

/// The IDs of a stage of 2022 of this kind and of two teams.
async fn stage_and_teams(app: &TestApp, kind: &str) -> (String, String, String) {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") { stages { id kind } }
                   a: team(code: "ARG") { id } b: team(code: "FRA") { id } }"#,
        )
        .await;
    let stage = data["tournament"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} stage in {data:#}"))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = |k: &str| data[k]["id"].as_str().unwrap().to_owned();
    (stage, id("a"), id("b"))
}

async fn recorded_tournaments_take_no_new_matches(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    for (kind, rule) in [
        ("FINAL", "STAGE_HAS_ITS_MATCH"),
        ("THIRD_PLACE", "STAGE_HAS_ITS_MATCH"),
        ("GROUP", "TOURNAMENT_DECIDED"),
        ("ROUND_OF_16", "TOURNAMENT_DECIDED"),
    ] {
        let (stage, home, away) = stage_and_teams(&app, kind).await;
        let body = app
            .post_as(
                Some(&editor),
                CREATE,
                json!({ "stage": stage, "home": home, "away": away }),
            )
            .await;
        let error = &body["errors"][0]["extensions"];
        assert_eq!(error["code"], "RULE_VIOLATION", "{kind}: {body:#}");
        assert_eq!(error["rule"], rule, "{kind}: {body:#}");
    }
    let answer = app
        .data(r#"{ tournament(slug: "world-cup-2022") { matches { id } winner { name } } }"#)
        .await;
    assert_eq!(
        answer["tournament"]["matches"].as_array().unwrap().len(),
        64
    );
    assert_eq!(answer["tournament"]["winner"]["name"], "Argentina");
}

async fn an_editor_deletes_a_match_they_created(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    let t = write(
        &app,
        &editor,
        r#"mutation { createTournament(input: { name: "Test Cup 2030", slug: "test-cup-2030",
             year: 2030, competition: "Test Cup", host: "Nowhere" }) { id } }"#,
        json!({}),
    )
    .await;
    let s = write(
        &app,
        &editor,
        "mutation($t: ID!) { addStage(input: { tournamentId: $t, kind: FINAL, name: \"Final\" }) { id } }",
        json!({ "t": t["createTournament"]["id"] }),
    )
    .await;
    let (_, home, away) = stage_and_teams(&app, "FINAL").await;
    let stage = s["addStage"]["id"].clone();
    let made = write(
        &app,
        &editor,
        CREATE,
        json!({ "stage": stage, "home": home, "away": away }),
    )
    .await;
    let m = made["createMatch"]["id"].as_str().unwrap().to_owned();
    // A stage of one match takes no second while the first stands.
    let second = app
        .post_as(
            Some(&editor),
            CREATE,
            json!({ "stage": stage, "home": away, "away": home }),
        )
        .await;
    assert_eq!(
        second["errors"][0]["extensions"]["rule"], "STAGE_HAS_ITS_MATCH",
        "{second:#}"
    );

    const DELETE: &str =
        "mutation($m: ID!) { deleteMatch(input: { matchId: $m, idempotencyKey: \"d1\" }) {
        kind sequence } }";
    let deleted = write(&app, &editor, DELETE, json!({ "m": m })).await;
    assert_eq!(deleted["deleteMatch"]["kind"], "MATCH_DELETED");
    // Retried with its key: the same answer, nothing written again.
    let again = write(&app, &editor, DELETE, json!({ "m": m })).await;
    assert_eq!(again, deleted);

    let gone = app
        .post(
            &format!(
                r#"{{ m: match(id: "{m}") {{ id }} t: tournament(slug: "test-cup-2030") {{ matches {{ id }} }}
                     all: matches(filter: {{ tournament: "test-cup-2030" }}) {{ totalCount }} }}"#
            ),
            json!({}),
        )
        .await;
    assert_eq!(gone["data"]["m"], Value::Null, "{gone:#}");
    assert_eq!(gone["errors"][0]["extensions"]["code"], "NOT_FOUND");
    assert_eq!(gone["data"]["t"]["matches"], json!([]));
    assert_eq!(gone["data"]["all"]["totalCount"], 0);
    // Nothing more is written to it.
    let late = app
        .post_as(
            Some(&editor),
            "mutation($m: ID!) { changePhase(input: { matchId: $m, phase: FIRST_HALF }) { sequence } }",
            json!({ "m": m }),
        )
        .await;
    assert_eq!(
        late["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{late:#}"
    );
    // Its stage takes a match again.
    write(
        &app,
        &editor,
        CREATE,
        json!({ "stage": stage, "home": home, "away": away }),
    )
    .await;

    // A match played live and then deleted takes its events with it.
    let f = crate::live::the_final(&app).await;
    let played = crate::live::live_fixture(&app, &editor, &f).await;
    let messi = f.player("Lionel Messi");
    let goals_of = format!(r#"{{ node(id: "{messi}") {{ ... on Person {{ goals {{ id }} }} }} }}"#);
    let before = app.data(&goals_of).await;
    let vars = json!({ "m": played, "t": f.argentina, "s": messi, "min": 10 });
    let goal = write(&app, &editor, crate::live::GOAL, vars).await["recordGoal"]["event"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(
        app.data(&goals_of).await,
        before,
        "the live goal counts while the match stands"
    );
    write(
        &app,
        &editor,
        DELETE.replace("d1", "d3").as_str(),
        json!({ "m": played }),
    )
    .await;
    assert_eq!(app.data(&goals_of).await, before);
    let node = app
        .post(&format!(r#"{{ node(id: "{goal}") {{ id }} }}"#), json!({}))
        .await;
    assert_eq!(node["data"]["node"], Value::Null, "{node:#}");

    // A recorded match is corrected, never deleted.
    let recorded = app
        .data(r#"{ tournament(slug: "world-cup-2022") { final { id } } }"#)
        .await;
    let refused = app
        .post_as(
            Some(&editor),
            DELETE.replace("d1", "d2").as_str(),
            json!({ "m": recorded["tournament"]["final"]["id"] }),
        )
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["rule"], "RECORDED_MATCH",
        "{refused:#}"
    );
}

crate::per_backend!(the_readme_demo_leaves_history_unchanged);

crate::on_both_backends!(
    recorded_tournaments_take_no_new_matches,
    an_editor_deletes_a_match_they_created,
);
