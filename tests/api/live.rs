//! Live matches: editors' writes checked against the Laws of the Game, API keys, concurrent
//! writers, retries, and subscribers on WebSocket (both protocols), on one or two instances.

use std::time::Duration;

use async_graphql::futures_util::{future, SinkExt, StreamExt};
use awc::ws::{Frame, Message};
use goalline::auth::{self, Role};
use goalline::db;
use serde_json::{json, Value};

use crate::helpers::{Backend, TestApp};

pub(crate) async fn token(app: &TestApp, role: Role) -> (i32, String) {
    let pool = db::pool(&app._db.url(), 1);
    let made = db::run(&pool, move |c| auth::create_key(c, "tests", role))
        .await
        .unwrap_or_else(|e| panic!("create key: {}", e.message()));
    (made.key.id, made.token)
}

/// Runs a write that must succeed; its `data`.
pub(crate) async fn write(app: &TestApp, token: &str, query: &str, variables: Value) -> Value {
    let body = app.post_as(Some(token), query, variables).await;
    assert!(body.get("errors").is_none(), "errors: {body:#}");
    body["data"].clone()
}

/// Runs a write that must be refused; its first error.
async fn refused(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> Value {
    let body = app.post_as(token, query, variables).await;
    assert!(body["errors"][0].is_object(), "not refused: {body:#}");
    body["errors"][0].clone()
}

/// The 2022 final's IDs: stage, teams, and line-ups (starters first, then the bench).
pub(crate) struct Final {
    stage: String,
    pub(crate) argentina: String,
    pub(crate) france: String,
    pub(crate) home: Vec<(String, String, bool)>,
    pub(crate) away: Vec<(String, String, bool)>,
}

impl Final {
    pub(crate) fn player(&self, name: &str) -> String {
        self.home
            .iter()
            .chain(&self.away)
            .find(|(_, n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} is not in the final's line-ups"))
            .0
            .clone()
    }
}

pub(crate) async fn the_final(app: &TestApp) -> Final {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") { final { stage { id } homeTeam { id name } awayTeam { id }
                lineups { home { starter person { id name } } away { starter person { id name } } } } } }"#,
        )
        .await;
    let f = &data["tournament"]["final"];
    assert_eq!(f["homeTeam"]["name"], "Argentina");
    let side = |side: &str| {
        f["lineups"][side]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["person"]["id"].as_str().unwrap().to_owned(),
                    e["person"]["name"].as_str().unwrap().to_owned(),
                    e["starter"].as_bool().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    Final {
        stage: f["stage"]["id"].as_str().unwrap().to_owned(),
        argentina: f["homeTeam"]["id"].as_str().unwrap().to_owned(),
        france: f["awayTeam"]["id"].as_str().unwrap().to_owned(),
        home: side("home"),
        away: side("away"),
    }
}

const CREATE: &str = "mutation($stage: ID!, $home: ID!, $away: ID!) {
    createMatch(input: { stageId: $stage, homeTeamId: $home, awayTeamId: $away,
                         kickoff: \"2026-07-19T15:00:00-04:00\" }) { id status phase } }";
const LINEUP: &str = "mutation($m: ID!, $t: ID!, $p: [LineupPlayerInput!]!) {
    setLineup(input: { matchId: $m, teamId: $t, players: $p }) { sequence kind } }";
pub(crate) const PHASE: &str = "mutation($m: ID!, $p: MatchPhase!) {
    changePhase(input: { matchId: $m, phase: $p }) { sequence kind phase score { home away } } }";
pub(crate) const GOAL: &str = "mutation($m: ID!, $t: ID!, $s: ID!, $min: Int!, $off: Int, $pen: Boolean, $og: Boolean, $key: String) {
    recordGoal(input: { matchId: $m, teamId: $t, scorerId: $s, at: { minute: $min, offset: $off },
                        penalty: $pen, ownGoal: $og, idempotencyKey: $key }) {
        sequence kind score { home away } event { ... on Goal { id minute scorer { name } } } } }";
const CARD: &str = "mutation($m: ID!, $t: ID!, $p: ID!, $k: CardKind!, $min: Int!) {
    recordCard(input: { matchId: $m, teamId: $t, personId: $p, kind: $k, at: { minute: $min } }) {
        sequence event { ... on Card { kind } } } }";

/// A knockout stage for new fixtures, outside recorded history (2022 takes no new matches):
/// the semi-finals of an exhibition tournament, made the first time.
pub(crate) async fn exhibition_stage(app: &TestApp, token: &str) -> String {
    let found = app
        .post(
            r#"{ tournament(slug: "exhibition-2026") { stages { id } } }"#,
            json!({}),
        )
        .await;
    if let Some(stage) = found["data"]["tournament"]["stages"][0]["id"].as_str() {
        return stage.to_owned();
    }
    let t = write(
        app,
        token,
        r#"mutation { createTournament(input: { name: "Exhibition 2026", slug: "exhibition-2026",
             year: 2026, competition: "Exhibition", host: "Nowhere" }) { id } }"#,
        json!({}),
    )
    .await;
    let stage = write(
        app,
        token,
        "mutation($t: ID!) { addStage(input: { tournamentId: $t, kind: SEMI_FINAL, name: \"Semi-finals\" }) { id } }",
        json!({ "t": t["createTournament"]["id"] }),
    )
    .await;
    stage["addStage"]["id"].as_str().unwrap().to_owned()
}

/// A new Argentina-France knockout fixture (`exhibition_stage`), with the final's line-ups,
/// kicked off.
pub(crate) async fn live_fixture(app: &TestApp, token: &str, f: &Final) -> String {
    let stage = exhibition_stage(app, token).await;
    let created = write(
        app,
        token,
        CREATE,
        json!({ "stage": stage, "home": f.argentina, "away": f.france }),
    )
    .await;
    assert_eq!(created["createMatch"]["status"], "SCHEDULED");
    let m = created["createMatch"]["id"].as_str().unwrap().to_owned();
    for (team, players) in [(&f.argentina, &f.home), (&f.france, &f.away)] {
        let players: Vec<Value> = players
            .iter()
            .map(|(id, _, starter)| json!({ "personId": id, "starter": starter }))
            .collect();
        write(
            app,
            token,
            LINEUP,
            json!({ "m": m, "t": team, "p": players }),
        )
        .await;
    }
    write(app, token, PHASE, json!({ "m": m, "p": "FIRST_HALF" })).await;
    m
}

fn rule(error: &Value) -> &str {
    assert_eq!(error["extensions"]["code"], "RULE_VIOLATION", "{error:#}");
    error["extensions"]["rule"].as_str().unwrap()
}

async fn writes_follow_the_laws_of_the_game(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    let stage = exhibition_stage(&app, &editor).await;
    let created = write(
        &app,
        &editor,
        CREATE,
        json!({ "stage": stage, "home": f.argentina, "away": f.france }),
    )
    .await;
    let m = created["createMatch"]["id"].as_str().unwrap().to_owned();
    let messi = f.player("Lionel Messi");
    let goal = |team: &str, scorer: &str, minute: i32| json!({ "m": m, "t": team, "s": scorer, "min": minute });
    let e = refused(&app, Some(&editor), GOAL, goal(&f.argentina, &messi, 10)).await;
    assert_eq!(rule(&e), "MATCH_NOT_STARTED");
    let e = refused(
        &app,
        Some(&editor),
        PHASE,
        json!({ "m": m, "p": "FIRST_HALF" }),
    )
    .await;
    assert_eq!(rule(&e), "LINEUP_INCOMPLETE");
    let m = live_fixture(&app, &editor, &f).await;
    let goal = |team: &str, scorer: &str, minute: i32| json!({ "m": m, "t": team, "s": scorer, "min": minute });

    // Paulo Dybala started the final on the bench; Mbappé plays for the other side.
    let e = refused(
        &app,
        Some(&editor),
        GOAL,
        goal(&f.argentina, &f.player("Paulo Dybala"), 10),
    )
    .await;
    assert_eq!(rule(&e), "NOT_ON_PITCH");
    let e = refused(
        &app,
        Some(&editor),
        GOAL,
        goal(&f.argentina, &f.player("Kylian Mbappé"), 10),
    )
    .await;
    assert_eq!(rule(&e), "NOT_ON_PITCH");
    let e = refused(&app, Some(&editor), GOAL, goal(&f.argentina, &messi, 50)).await;
    assert_eq!(rule(&e), "MINUTE_OUTSIDE_PERIOD");

    let mut v = goal(&f.argentina, &messi, 23);
    v["pen"] = json!(true);
    let scored = write(&app, &editor, GOAL, v).await;
    assert_eq!(
        scored["recordGoal"]["score"],
        json!({ "home": 1, "away": 0 })
    );
    assert_eq!(
        scored["recordGoal"]["event"]["scorer"]["name"],
        "Lionel Messi"
    );
    // An own goal by an Argentine counts for France.
    let mut v = goal(&f.france, &f.player("Nicolás Otamendi"), 30);
    v["og"] = json!(true);
    let og = write(&app, &editor, GOAL, v).await;
    assert_eq!(og["recordGoal"]["score"], json!({ "home": 1, "away": 1 }));

    // A second yellow is recorded as such and sends off: nothing more for that player.
    let card = |k: &str, minute: i32| json!({ "m": m, "t": f.france, "p": f.player("Adrien Rabiot"), "k": k, "min": minute });
    let c = write(&app, &editor, CARD, card("YELLOW", 20)).await;
    assert_eq!(c["recordCard"]["event"]["kind"], "YELLOW");
    let c = write(&app, &editor, CARD, card("YELLOW", 40)).await;
    assert_eq!(c["recordCard"]["event"]["kind"], "SECOND_YELLOW");
    let e = refused(&app, Some(&editor), CARD, card("RED", 44)).await;
    assert_eq!(rule(&e), "ALREADY_SENT_OFF");
    let e = refused(
        &app,
        Some(&editor),
        GOAL,
        goal(&f.france, &f.player("Adrien Rabiot"), 44),
    )
    .await;
    assert_eq!(rule(&e), "NOT_ON_PITCH");

    let e = refused(
        &app,
        Some(&editor),
        PHASE,
        json!({ "m": m, "p": "SECOND_HALF" }),
    )
    .await;
    assert_eq!(rule(&e), "PHASE_ORDER");
    for p in ["HALF_TIME", "SECOND_HALF"] {
        write(&app, &editor, PHASE, json!({ "m": m, "p": p })).await;
    }
    // Level after 90 minutes of a final: no full time, extra time.
    let e = refused(
        &app,
        Some(&editor),
        PHASE,
        json!({ "m": m, "p": "FULL_TIME" }),
    )
    .await;
    assert_eq!(rule(&e), "DRAW_NEEDS_EXTRA_TIME");
    // No shootout kick outside a shootout.
    let e = refused(
        &app,
        Some(&editor),
        "mutation($m: ID!, $t: ID!, $p: ID!) { recordShootoutKick(input: {
            matchId: $m, teamId: $t, takerId: $p, outcome: SCORED }) { sequence } }",
        json!({ "m": m, "t": f.argentina, "p": messi }),
    )
    .await;
    assert_eq!(rule(&e), "NOT_IN_SHOOTOUT");

    // Deleting the own goal (a correction) derives the score again; then Argentina lead.
    let og_id = og["recordGoal"]["event"]["id"].as_str().unwrap();
    let deleted = write(
        &app,
        &editor,
        "mutation($m: ID!, $e: ID!) { deleteEvent(input: { matchId: $m, eventId: $e }) {
            kind deletedEventId score { home away } } }",
        json!({ "m": m, "e": og_id }),
    )
    .await;
    assert_eq!(deleted["deleteEvent"]["kind"], "GOAL_DELETED");
    assert_eq!(deleted["deleteEvent"]["deletedEventId"], og_id);
    assert_eq!(
        deleted["deleteEvent"]["score"],
        json!({ "home": 1, "away": 0 })
    );
    let done = write(&app, &editor, PHASE, json!({ "m": m, "p": "FULL_TIME" })).await;
    assert_eq!(done["changePhase"]["phase"], "FULL_TIME");

    let data = app
        .data(&format!(
            r#"{{ node(id: "{m}") {{ ... on Match {{ status phase decidedBy winner {{ name }} currentScore {{ home away }}
                score {{ halfTime {{ home away }} fullTime {{ home away }} extraTime {{ home away }} }} }} }} }}"#
        ))
        .await;
    let played = &data["node"];
    assert_eq!(played["status"], "FINISHED");
    assert_eq!(played["winner"]["name"], "Argentina");
    // The half-time score was 1-1 when it was recorded; the deletion corrected it to 1-0.
    assert_eq!(played["score"]["halfTime"], json!({ "home": 1, "away": 0 }));
    assert_eq!(played["score"]["fullTime"], json!({ "home": 1, "away": 0 }));
    assert_eq!(played["score"]["extraTime"], Value::Null);
    assert_eq!(played["currentScore"], json!({ "home": 1, "away": 0 }));
    let e = refused(&app, Some(&editor), GOAL, goal(&f.argentina, &messi, 80)).await;
    assert_eq!(rule(&e), "MATCH_FINISHED");
}

async fn writes_need_an_editor_key_and_write_nothing_otherwise(app: TestApp) {
    let f = the_final(&app).await;
    let count = "{ matches(filter: { tournament: \"world-cup-2022\" }, first: 1) { totalCount } }";
    let before = app.data(count).await;
    let vars = json!({ "stage": f.stage, "home": f.argentina, "away": f.france });
    let e = refused(&app, None, CREATE, vars.clone()).await;
    assert_eq!(e["extensions"]["code"], "UNAUTHENTICATED");
    let e = refused(&app, Some("gl_not-a-key"), CREATE, vars.clone()).await;
    assert_eq!(e["extensions"]["code"], "UNAUTHENTICATED");
    let (_, reader) = token(&app, Role::Reader).await;
    let e = refused(&app, Some(&reader), CREATE, vars.clone()).await;
    assert_eq!(e["extensions"]["code"], "FORBIDDEN");
    let (id, editor) = token(&app, Role::Editor).await;
    let pool = db::pool(&app._db.url(), 1);
    db::run(&pool, move |c| auth::revoke_key(c, id))
        .await
        .ok()
        .unwrap();
    let e = refused(&app, Some(&editor), CREATE, vars.clone()).await;
    assert_eq!(e["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(app.data(count).await, before);

    // A mutation is never run from a GET.
    let reply = app
        .get("/graphql?query=mutation%7BchangePhase(input%3A%7BmatchId%3A%22x%22%2Cphase%3AFIRST_HALF%7D)%7Bsequence%7D%7D")
        .await;
    assert_eq!(reply.status, 405, "{}", reply.body);
}

async fn concurrent_writers_lose_nothing(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    let m = live_fixture(&app, &editor, &f).await;
    let starters: Vec<(String, String)> = f
        .home
        .iter()
        .filter(|p| p.2)
        .map(|p| (f.argentina.clone(), p.0.clone()))
        .chain(
            f.away
                .iter()
                .filter(|p| p.2)
                .map(|p| (f.france.clone(), p.0.clone())),
        )
        .collect();
    // 22 writers at once, one goal each, every starter scoring once.
    let writes = starters.iter().enumerate().map(|(i, (team, scorer))| {
        let vars = json!({ "m": m, "t": team, "s": scorer, "min": 1 + i as i32 });
        app.post_as(Some(&editor), GOAL, vars)
    });
    let results = future::join_all(writes).await;
    let mut sequences: Vec<i64> = results
        .iter()
        .map(|r| {
            assert!(r.get("errors").is_none(), "{r:#}");
            r["data"]["recordGoal"]["sequence"].as_i64().unwrap()
        })
        .collect();
    sequences.sort_unstable();
    // Two line-ups and the kick-off came first: 4 to 25, each once.
    assert_eq!(sequences, (4..=25).collect::<Vec<_>>());
    let data = app
        .data(&format!(
            r#"{{ node(id: "{m}") {{ ... on Match {{ currentScore {{ home away }} goals {{ minute }} }} }} }}"#
        ))
        .await;
    assert_eq!(
        data["node"]["currentScore"],
        json!({ "home": 11, "away": 11 })
    );
    assert_eq!(data["node"]["goals"].as_array().unwrap().len(), 22);
}

async fn a_retried_write_is_applied_once(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    let m = live_fixture(&app, &editor, &f).await;
    let vars = json!({ "m": m, "t": f.argentina, "s": f.player("Lionel Messi"), "min": 23, "pen": true, "key": "goal-23" });
    let first = write(&app, &editor, GOAL, vars.clone()).await;
    let again = write(&app, &editor, GOAL, vars.clone()).await;
    assert_eq!(first, again);
    let mut other = vars.clone();
    other["min"] = json!(24);
    let e = refused(&app, Some(&editor), GOAL, other).await;
    assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(e["extensions"]["argument"], "idempotencyKey");
    let data = app
        .data(&format!(
            r#"{{ node(id: "{m}") {{ ... on Match {{ goals {{ minute }} }} }} }}"#
        ))
        .await;
    assert_eq!(data["node"]["goals"], json!([{ "minute": 23 }]));
}

async fn the_2022_final_replays_through_the_rules(app: TestApp) {
    let summary = crate::playback::play_back_the_final(&app).await;
    // France made seven substitutions (41' twice, 71' twice, 96', 113', 120+1'): one more than
    // five and one in extra time, so the last is taken for a concussion substitute.
    assert_eq!(
        summary.notes,
        ["substitution at 120'+1: beyond the limit, recorded as a concussion substitute"]
    );
    let shape = "status decidedBy winner { name }
        score { halfTime { home away } fullTime { home away } extraTime { home away } penalties { home away } }
        goals { minute offset penalty scorer { name } }
        cards { minute kind person { name } }
        substitutions { minute offset playerOn { name } playerOff { name } }
        penaltyShootout { kicks { taker { name } outcome homeScore awayScore } }";
    let id = goalline::graphql::id::encode("Match", summary.match_id).0;
    let query = format!(
        r#"{{ tournament(slug: "world-cup-2022") {{ final {{ {shape} }} }} copy: node(id: "{id}") {{ ... on Match {{ {shape} }} }} }}"#
    );
    // Written by another connection, as another process would: the server learns of it from
    // the update log (SQLite) or a notification (PostgreSQL), within a second.
    // The replay's last change is the final whistle.
    let data =
        crate::playback::eventually(&app, &query, |d| d["copy"]["status"] == "FINISHED").await;
    assert_eq!(
        data["copy"]["score"]["penalties"],
        json!({ "home": 4, "away": 2 }),
        "{data:#}"
    );
    // Live, a card shown after play (Martínez's, during the shootout: 125' in the report) is
    // timed at the last minute played; everything else is as recorded.
    let mut expected = data["tournament"]["final"].clone();
    for card in expected["cards"].as_array_mut().unwrap() {
        let minute = card["minute"].as_i64().unwrap().min(120);
        card["minute"] = json!(minute);
    }
    assert_eq!(data["copy"], expected);
}

crate::on_both_backends!(
    writes_follow_the_laws_of_the_game,
    writes_need_an_editor_key_and_write_nothing_otherwise,
    concurrent_writers_lose_nothing,
    a_retried_write_is_applied_once,
    the_2022_final_replays_through_the_rules,
);

/// A WebSocket client speaking one of the two protocols.
struct Subscriber {
    ws: actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>,
    legacy: bool,
}

impl Subscriber {
    async fn connect(address: &str, legacy: bool) -> Subscriber {
        Self::connect_with(address, legacy, json!({})).await
    }

    async fn connect_with(address: &str, legacy: bool, init: Value) -> Subscriber {
        let protocol = if legacy {
            "graphql-ws"
        } else {
            "graphql-transport-ws"
        };
        let url = format!("{}/graphql", address.replacen("http", "ws", 1));
        let (response, ws) = crate::helpers::client()
            .ws(url)
            .protocols([protocol])
            .connect()
            .await
            .expect("WebSocket");
        assert_eq!(response.status().as_u16(), 101);
        let mut s = Subscriber { ws, legacy };
        s.send(json!({ "type": "connection_init", "payload": init }))
            .await;
        assert_eq!(s.next().await["type"], "connection_ack");
        s
    }

    async fn send(&mut self, message: Value) {
        self.ws
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("send");
    }

    async fn subscribe(&mut self, id: &str, query: &str) {
        let kind = if self.legacy { "start" } else { "subscribe" };
        self.send(json!({ "id": id, "type": kind, "payload": { "query": query } }))
            .await;
    }

    /// The next protocol message (pings answered, legacy keep-alives skipped).
    async fn next(&mut self) -> Value {
        loop {
            let frame = actix_web::rt::time::timeout(Duration::from_secs(15), self.ws.next())
                .await
                .expect("a message within 15 s")
                .expect("open")
                .expect("frame");
            match frame {
                Frame::Text(text) => {
                    let message: Value = serde_json::from_slice(&text).unwrap();
                    match message["type"].as_str() {
                        Some("ka") => continue,
                        Some("ping") => {
                            self.send(json!({ "type": "pong" })).await;
                            continue;
                        }
                        _ => return message,
                    }
                }
                Frame::Ping(p) => self.ws.send(Message::Pong(p)).await.unwrap(),
                _ => {}
            }
        }
    }

    /// The next update's payload data.
    async fn update(&mut self) -> Value {
        let message = self.next().await;
        let expected = if self.legacy { "data" } else { "next" };
        assert_eq!(message["type"], expected, "{message:#}");
        message["payload"]["data"]["matchEvents"].clone()
    }
}

const FOLLOW: &str = "sequence kind score { home away } event { ... on Goal { scorer { name } } }";

async fn subscribers_join_late_without_gaps_on_both_protocols(app: TestApp) {
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    let m = live_fixture(&app, &editor, &f).await;
    let goal = |scorer: &str, minute: i32| json!({ "m": m, "t": f.argentina, "s": f.player(scorer), "min": minute });
    write(&app, &editor, GOAL, goal("Lionel Messi", 23)).await;

    // Late: everything so far (two line-ups, kick-off, Messi's goal), then live.
    let mut late = Subscriber::connect(&app.address, false).await;
    late.subscribe(
        "1",
        &format!(r#"subscription {{ matchEvents(matchId: "{m}", after: 0) {{ {FOLLOW} }} }}"#),
    )
    .await;
    // Legacy Apollo clients: from now on only.
    let mut legacy = Subscriber::connect(&app.address, true).await;
    legacy
        .subscribe(
            "1",
            &format!(r#"subscription {{ matchEvents(matchId: "{m}") {{ {FOLLOW} }} }}"#),
        )
        .await;
    let backlog: Vec<Value> = [
        late.update().await,
        late.update().await,
        late.update().await,
        late.update().await,
    ]
    .into();
    let kinds: Vec<&str> = backlog
        .iter()
        .map(|u| u["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["LINEUP", "LINEUP", "PHASE", "GOAL"]);
    assert_eq!(backlog[3]["sequence"], 4);
    assert_eq!(backlog[3]["event"]["scorer"]["name"], "Lionel Messi");

    // The legacy subscription is registered once a write after it reaches it; keep writing
    // until it does (the server acknowledges nothing for `start`).
    let mut minute = 35;
    let first_live = loop {
        write(&app, &editor, GOAL, goal("Ángel Di María", minute)).await;
        let got = actix_web::rt::time::timeout(Duration::from_millis(500), legacy.update()).await;
        if let Ok(update) = got {
            break update;
        }
        minute += 1;
    };
    assert_eq!(first_live["kind"], "GOAL");
    assert_eq!(first_live["event"]["scorer"]["name"], "Ángel Di María");
    // Both subscriptions are counted while they are open.
    let metrics = app.get("/metrics").await;
    assert!(
        metrics.body.contains("\ngoalline_subscriptions_open 2\n"),
        "{}",
        metrics.body
    );
    // The late subscriber saw every goal, in order, with no gap and no repeat.
    let last = first_live["sequence"].as_i64().unwrap();
    for sequence in 5..=last {
        let u = late.update().await;
        assert_eq!(u["sequence"], sequence);
        assert_eq!(u["score"]["home"], sequence - 3);
    }
}

crate::on_both_backends!(subscribers_join_late_without_gaps_on_both_protocols);

/// Two goalline processes on one PostgreSQL database: a change written through one reaches a
/// subscriber of the other (LISTEN/NOTIFY).
#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn postgres_fans_events_out_to_another_instance() {
    let Some(app) = crate::helpers::spawn_app(Backend::Postgres).await else {
        return;
    };
    let other = crate::helpers::OtherInstance::start(&app).await;
    let (_, editor) = token(&app, Role::Editor).await;
    let f = the_final(&app).await;
    let m = live_fixture(&app, &editor, &f).await;
    let mut subscriber = Subscriber::connect(&other.address, false).await;
    subscriber
        .subscribe(
            "1",
            &format!(r#"subscription {{ matchEvents(matchId: "{m}", after: 3) {{ {FOLLOW} }} }}"#),
        )
        .await;
    let vars = json!({ "m": m, "t": f.argentina, "s": f.player("Lionel Messi"), "min": 23 });
    write(&app, &editor, GOAL, vars).await;
    let result = subscriber.update().await;
    assert_eq!(result["sequence"], 4);
    assert_eq!(result["event"]["scorer"]["name"], "Lionel Messi");
}

/// With `GOALLINE_READS_REQUIRE_KEY`, reads need a key too: over HTTP and to subscribe.
async fn reads_can_require_a_key(backend: Backend) {
    let Some(app) = crate::helpers::spawn_app_with(backend, |s| s.reads_require_key = true).await
    else {
        return;
    };
    let query = json!({ "query": "{ tournament(slug: \"world-cup-2022\") { name } }" });
    let mut refused = app
        .client
        .post(format!("{}/graphql", app.address))
        .send_json(&query)
        .await
        .expect("request");
    assert_eq!(refused.status().as_u16(), 401);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");

    let (_, reader) = token(&app, Role::Reader).await;
    let body = app
        .post_as(Some(&reader), query["query"].as_str().unwrap(), json!({}))
        .await;
    assert_eq!(
        body["data"]["tournament"]["name"],
        "FIFA World Cup Qatar 2022"
    );

    // A WebSocket without a key is closed at `connection_init`; with one it is acknowledged.
    let url = format!("{}/graphql", app.address.replacen("http", "ws", 1));
    let (_, mut ws) = crate::helpers::client()
        .ws(url)
        .protocols(["graphql-transport-ws"])
        .connect()
        .await
        .expect("WebSocket");
    ws.send(Message::Text(
        json!({ "type": "connection_init" }).to_string().into(),
    ))
    .await
    .unwrap();
    let closed = actix_web::rt::time::timeout(Duration::from_secs(10), ws.next())
        .await
        .expect("an answer");
    match closed {
        // async-graphql closes with 1002 (protocol error), where the protocol's text names 4403.
        Some(Ok(Frame::Close(Some(reason)))) => assert_eq!(u16::from(reason.code), 1002),
        other => panic!("expected the connection to close, got {other:?}"),
    }
    let mut ok = Subscriber::connect_with(
        &app.address,
        false,
        json!({ "authorization": format!("Bearer {reader}") }),
    )
    .await;
    ok.subscribe("1", "subscription { liveScores { sequence } }")
        .await;
}

/// What travels over WebSocket meets the rules of HTTP: the limits, writes only with an
/// editor's key, and stable codes for documents that do not parse or validate.
#[actix_web::test]
async fn websocket_operations_meet_the_rules_of_http() {
    let app = crate::helpers::spawn_app(Backend::Sqlite)
        .await
        .expect("SQLite");
    let mut s = Subscriber::connect(&app.address, false).await;
    let deep = format!(
        "subscription {{ liveScores {{ match {{ {} }} }} }}",
        "homeTeam { matches(first: 1) { nodes { ".repeat(4) + "id" + &" } } }".repeat(4)
    );
    let mutation = r#"mutation { recordGoal(input: { matchId: "TWF0Y2g6MQ==", teamId: "VGVhbTox", scorerId: "UGVyc29uOjE=", at: { minute: 1 } }) { sequence } }"#;
    let cases = [
        (
            "subscription { liveScores { sequence }",
            "GRAPHQL_PARSE_FAILED",
        ),
        (
            "subscription { liveScores { nope } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (deep.as_str(), "QUERY_TOO_DEEP"),
        (mutation, "UNAUTHENTICATED"),
    ];
    for (i, (query, code)) in cases.into_iter().enumerate() {
        let id = i.to_string();
        s.subscribe(&id, query).await;
        let message = s.next().await;
        assert_eq!(message["id"], id.as_str(), "{message:#}");
        let errors = match message["type"].as_str() {
            Some("error") => message["payload"].clone(),
            _ => message["payload"]["errors"].clone(),
        };
        assert_eq!(
            errors[0]["extensions"]["code"], code,
            "{query}: {message:#}"
        );
        assert_eq!(s.next().await["type"], "complete", "{query}");
    }
}

#[actix_web::test]
async fn reads_can_require_a_key_on_sqlite() {
    reads_can_require_a_key(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn reads_can_require_a_key_on_postgres() {
    reads_can_require_a_key(Backend::Postgres).await;
}

/// Stopping the server (what SIGTERM does) closes open subscriptions with 1001 "going away",
/// so that clients reconnect elsewhere at once, and the server then stops without waiting out
/// its 10-second drain for them.
#[actix_web::test]
async fn stopping_the_server_closes_subscriptions_with_going_away() {
    let db = crate::helpers::TestDb::create(Backend::Sqlite).expect("SQLite");
    let app = goalline::startup::Application::build(&crate::helpers::settings_for(&db))
        .await
        .expect("start");
    let stopper = app.stopper();
    let address = format!("http://127.0.0.1:{}", app.port());
    let server = actix_web::rt::spawn(app.into_server());
    let mut subscriber = Subscriber::connect(&address, false).await;
    subscriber
        .subscribe("1", "subscription { liveScores { sequence } }")
        .await;

    let started = std::time::Instant::now();
    let stopping = actix_web::rt::spawn(async move { stopper.stop().await });
    let close = loop {
        let frame = actix_web::rt::time::timeout(Duration::from_secs(5), subscriber.ws.next())
            .await
            .expect("a frame within 5 s");
        match frame {
            Some(Ok(Frame::Close(reason))) => break reason,
            Some(Ok(_)) => continue,
            other => panic!("the connection ended without a close frame: {other:?}"),
        }
    };
    let reason = close.expect("a close code");
    assert_eq!(u16::from(reason.code), 1001, "{reason:?}");
    stopping.await.unwrap();
    server.await.unwrap().expect("the server ended cleanly");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
