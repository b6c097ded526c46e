//! The response cache: a question asked again is answered from memory without touching the
//! database, and a write shows at once in every answer it changes (on another instance too,
//! on PostgreSQL), while answers it does not change stay cached.

use goalline::auth::Role;
use serde_json::{json, Value};

use crate::helpers::{Backend, OtherInstance, TestApp};
use crate::live::{live_fixture, the_final, token, write, GOAL, PHASE};
use crate::persisted::{get_graphql, persisted, post_graphql};

/// The value of the sample named exactly `series` in `/metrics`.
async fn sample(address: &str, series: &str) -> f64 {
    let mut response = crate::helpers::client()
        .get(format!("{address}/metrics"))
        .send()
        .await
        .expect("scrape");
    let body = response.body().await.expect("metrics body");
    let text = String::from_utf8_lossy(&body);
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {series} in /metrics"))
}

const STATEMENTS: &str = "goalline_db_statements_total";
const HITS: &str = "goalline_response_cache_total{result=\"hit\"}";

/// A query's `data`, and the SQL statements and cache hits it cost, read from `/metrics`.
async fn ask(app: &TestApp, query: &str, variables: Value) -> (Value, f64, f64) {
    let (statements, hits) = (
        sample(&app.address, STATEMENTS).await,
        sample(&app.address, HITS).await,
    );
    let body = app.post(query, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    (
        body["data"].clone(),
        sample(&app.address, STATEMENTS).await - statements,
        sample(&app.address, HITS).await - hits,
    )
}

const FINAL: &str = r#"{ tournament(slug: "world-cup-2022") { final { homeTeam { name } awayTeam { name }
    score { fullTime { home away } penalties { home away } } goals { minute scorer { name } } } } }"#;

async fn repeated_questions_are_answered_from_memory(app: TestApp) {
    let (first, statements, hits) = ask(&app, FINAL, Value::Null).await;
    assert!(statements > 0.0 && hits == 0.0, "{statements} {hits}");
    assert_eq!(first["tournament"]["final"]["goals"][0]["minute"], 23);

    // The same question, formatted otherwise and sent as GET: no SQL at all.
    let reformatted = FINAL.replace(' ', "\n  ").replace("{\n", "{ # comment\n");
    let statements = sample(&app.address, STATEMENTS).await;
    let reply = get_graphql(&app, &[("query", reformatted)]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["data"], first);
    assert_eq!(sample(&app.address, STATEMENTS).await, statements);
    assert_eq!(sample(&app.address, HITS).await, 1.0);
    assert_eq!(
        reply.headers.get("cache-control").unwrap(),
        "public, max-age=300"
    );

    // A persisted query: registered with its text, then asked by hash alone (as a CDN or a
    // mobile app does), answered from memory from the second time on.
    let hash = goalline::digest::sha256_hex(FINAL);
    let registered = post_graphql(
        &app,
        json!({ "query": FINAL, "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(registered.json()["data"], first);
    let params = [("extensions", persisted(&hash).to_string())];
    let by_hash = || get_graphql(&app, &params);
    assert_eq!(by_hash().await.json()["data"], first);
    let (statements, hits) = (
        sample(&app.address, STATEMENTS).await,
        sample(&app.address, HITS).await,
    );
    assert_eq!(by_hash().await.json()["data"], first);
    assert_eq!(sample(&app.address, STATEMENTS).await, statements);
    assert_eq!(sample(&app.address, HITS).await, hits + 1.0);

    // Other variables are another question; errors are never kept.
    let by_slug = "query($s: String!) { tournament(slug: $s) { name } }";
    let (a, _, _) = ask(&app, by_slug, json!({ "s": "world-cup-2022" })).await;
    assert_eq!(a["tournament"]["name"], "FIFA World Cup Qatar 2022");
    let missing = app.post(by_slug, json!({ "s": "world-cup-1900" })).await;
    assert!(missing["errors"][0].is_object(), "{missing:#}");
    let again = post_graphql(
        &app,
        json!({ "query": by_slug, "variables": { "s": "world-cup-1900" } }),
    )
    .await;
    assert_eq!(again.json()["errors"][0]["extensions"]["code"], "NOT_FOUND");
    assert_eq!(sample(&app.address, HITS).await, hits + 1.0);
}

fn match_query(id: &str) -> String {
    format!(
        r#"{{ match(id: "{id}") {{ phase currentScore {{ home away }} goals {{ minute scorer {{ name }} }} }} }}"#
    )
}

/// A goal in a live match: the match's answers show it at once; the final's answer, which does
/// not depend on it, stays cached; answers computed across matches are recomputed.
async fn a_live_write_refreshes_what_it_changes_and_nothing_else(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    // Before the new fixture, which is played in the final's stage.
    let final_id = app
        .data(r#"{ tournament(slug: "world-cup-2022") { final { id } } }"#)
        .await["tournament"]["final"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let m = live_fixture(&app, &editor, &f).await;
    let listing = r#"{ matches(filter: { team: "ARG", opponent: "FRA" }, first: 10) {
        nodes { currentScore { home away } } } }"#;
    let live = match_query(&m);
    let done = match_query(&final_id);
    for q in [&live, &done, &listing.to_owned()] {
        ask(&app, q, Value::Null).await;
        let (_, statements, hits) = ask(&app, q, Value::Null).await;
        assert_eq!((statements, hits), (0.0, 1.0), "{q}: cached");
    }

    let scorer = f.player("Lionel Messi");
    let vars = json!({ "m": m, "t": f.argentina, "s": scorer, "min": 23 });
    write(&app, &editor, GOAL, vars).await;

    let (now, _, hits) = ask(&app, &live, Value::Null).await;
    assert_eq!(hits, 0.0, "answered anew, not from the cache");
    assert_eq!(
        now["match"]["currentScore"],
        json!({ "home": 1, "away": 0 })
    );
    assert_eq!(now["match"]["goals"][0]["scorer"]["name"], "Lionel Messi");
    let (_, statements, hits) = ask(&app, &done, Value::Null).await;
    assert_eq!(
        (statements, hits),
        (0.0, 1.0),
        "the final's answer is still good"
    );
    let (all, statements, _) = ask(&app, listing, Value::Null).await;
    assert!(statements > 0.0, "a listing reads across matches");
    let scores: Vec<&Value> = all["matches"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["currentScore"])
        .collect();
    assert!(
        scores.contains(&&json!({ "home": 1, "away": 0 })),
        "{scores:?}"
    );

    // HTTP caches may keep the live match's answer only briefly.
    let cache_control = |query: String| async {
        let reply = get_graphql(&app, &[("query", query)]).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply
            .headers
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(cache_control(live.clone()).await, "public, max-age=5");
    assert_eq!(cache_control(done.clone()).await, "public, max-age=300");
    for phase in ["HALF_TIME", "SECOND_HALF", "FULL_TIME"] {
        write(&app, &editor, PHASE, json!({ "m": m, "p": phase })).await;
    }
    assert_eq!(cache_control(live).await, "public, max-age=300");
}

/// An edit (here a team's name) shows in the next answer.
async fn an_edit_shows_at_once(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    let names = r#"{ tournament(slug: "world-cup-2022") { final { homeTeam { name } } } }"#;
    for _ in 0..2 {
        let (data, _, _) = ask(&app, names, Value::Null).await;
        assert_eq!(data["tournament"]["final"]["homeTeam"]["name"], "Argentina");
    }
    let rename = "mutation($t: ID!) { updateTeam(input: { teamId: $t, name: \"La Albiceleste\" }) { name } }";
    write(&app, &editor, rename, json!({ "t": f.argentina })).await;
    let (data, _, hits) = ask(&app, names, Value::Null).await;
    assert_eq!(hits, 0.0, "answered anew, not from the cache");
    assert_eq!(
        data["tournament"]["final"]["homeTeam"]["name"],
        "La Albiceleste"
    );
}

crate::on_both_backends!(
    repeated_questions_are_answered_from_memory,
    a_live_write_refreshes_what_it_changes_and_nothing_else,
    an_edit_shows_at_once
);

/// Two goalline processes on one PostgreSQL database: what one writes shows in the other's
/// cached answers as soon as the notification arrives.
#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn postgres_tells_other_instances_to_drop_what_changed() {
    let Some(app) = crate::helpers::spawn_app(Backend::Postgres).await else {
        return;
    };
    let other = OtherInstance::start(&app).await;
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    let m = live_fixture(&app, &editor, &f).await;
    let live = match_query(&m);
    let name = r#"{ team(code: "ARG") { name } }"#;
    // The notifications of the fixture's own writes may still be arriving: ask until both
    // answers come from the other instance's memory.
    let mut cached = false;
    for _ in 0..50 {
        let hits = sample(&other.address, HITS).await;
        assert_eq!(other.data(&live).await["match"]["goals"], json!([]));
        assert_eq!(other.data(name).await["team"]["name"], "Argentina");
        if sample(&other.address, HITS).await - hits == 2.0 {
            cached = true;
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(cached, "the other instance never answered from its cache");

    let vars = json!({ "m": m, "t": f.argentina, "s": f.player("Lionel Messi"), "min": 23 });
    write(&app, &editor, GOAL, vars).await;
    let rename = "mutation($t: ID!) { updateTeam(input: { teamId: $t, name: \"Argentina (renamed)\" }) { name } }";
    write(&app, &editor, rename, json!({ "t": f.argentina })).await;

    let seen = other
        .eventually(&live, |d| d["match"]["goals"][0]["minute"] == 23)
        .await;
    assert_eq!(
        seen["match"]["currentScore"],
        json!({ "home": 1, "away": 0 })
    );
    other
        .eventually(name, |d| d["team"]["name"] == "Argentina (renamed)")
        .await;
}
