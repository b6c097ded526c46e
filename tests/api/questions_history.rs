//! The questions of issue 4, one request each, asked of the whole imported history (1930-2026)
//! rather than of the 2022 data alone: more people share names, more groups need tie-breakers,
//! and the records span every edition. (Champions, back-to-back titles, head-to-head and a
//! nation's record are asked in `import.rs`.)

use std::collections::BTreeMap;

use goalline::person::search_key;
use serde_json::{json, Value};

use crate::helpers::{strings_at, Backend, TestApp};
use crate::import::spawn_with_history;

async fn search_finds_names_in_the_whole_history(app: &TestApp) {
    let search = r#"query($q: String!) { search(query: $q, first: 10) { node {
        __typename ... on Person { name } ... on Team { name } ... on Venue { name } } } }"#;
    let hits = |q: &'static str| async move {
        let body = app.post(search, json!({ "q": q })).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["search"].as_array().unwrap().clone()
    };
    let first = |hits: &[Value]| {
        let node = &hits[0]["node"];
        (
            node["__typename"].as_str().unwrap().to_owned(),
            node["name"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        first(&hits("mbape").await),
        ("Person".into(), "Kylian Mbappé".into())
    );
    assert_eq!(
        first(&hits("benzma").await),
        ("Person".into(), "Karim Benzema".into())
    );
    assert_eq!(
        first(&hits("lusail").await),
        ("Venue".into(), "Lusail Stadium".into())
    );
    // The team first, and no person above any team.
    let argentina = hits("argentina").await;
    assert_eq!(first(&argentina), ("Team".into(), "Argentina".into()));
    let kinds: Vec<String> = strings_at(&Value::Array(argentina.clone()), &["node", "__typename"]);
    if let Some(person) = kinds.iter().position(|k| k == "Person") {
        assert!(!kinds[person..].contains(&"Team".to_owned()), "{kinds:?}");
    }
}

/// Each group's table as (team code, points, tied).
fn tables(tournament: &Value) -> BTreeMap<String, Vec<(String, i64, bool)>> {
    tournament["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let rows = g["standings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["team"]["code"].as_str().unwrap().to_owned(),
                        r["points"].as_i64().unwrap(),
                        r["tied"].as_bool().unwrap(),
                    )
                })
                .collect();
            (g["name"].as_str().unwrap().to_owned(), rows)
        })
        .collect()
}

async fn group_tables_use_each_editions_tie_breakers(app: &TestApp) {
    let data = app
        .data(
            r#"fragment Tables on Tournament { groups { name standings { team { code } points tied } } }
            { y1990: tournament(slug: "world-cup-1990") { ...Tables }
              y1994: tournament(slug: "world-cup-1994") { ...Tables }
              y2018: tournament(slug: "world-cup-2018") { ...Tables }
              y2022: tournament(slug: "world-cup-2022") { ...Tables } }"#,
        )
        .await;
    let row = |code: &str, points: i64, tied: bool| (code.to_owned(), points, tied);
    // 2022 Group C: Argentina first with 6 points despite losing to Saudi Arabia.
    assert_eq!(tables(&data["y2022"])["Group C"][0], row("ARG", 6, false));
    // 1994 Group E, all four on 4 points and level on goal difference: Mexico on goals
    // scored, then Ireland above Italy for beating them 1-0.
    assert_eq!(
        tables(&data["y1994"])["Group E"],
        [
            row("MEX", 4, false),
            row("IRL", 4, false),
            row("ITA", 4, false),
            row("NOR", 4, false)
        ]
    );
    // 1990 Group F, two points a win: Ireland and the Netherlands level on everything,
    // drawn 1-1 with each other; lots decided their places.
    let f = &tables(&data["y1990"])["Group F"];
    assert_eq!(f[0], row("ENG", 4, false));
    let level: Vec<&(String, i64, bool)> = f[1..3].iter().collect();
    assert!(
        level.iter().all(|r| r.1 == 3 && r.2)
            && level.iter().any(|r| r.0 == "IRL")
            && level.iter().any(|r| r.0 == "NED"),
        "{f:?}"
    );
    assert_eq!(f[3], row("EGY", 2, false));
    // 2018 Group H: Japan and Senegal level on everything, drawn 2-2; fair play put Japan
    // through.
    let h = &tables(&data["y2018"])["Group H"];
    assert_eq!(h[0], row("COL", 6, false));
    let mut level: Vec<&str> = h[1..3].iter().map(|r| r.0.as_str()).collect();
    level.sort();
    assert_eq!(level, ["JPN", "SEN"]);
    assert!(h[1..3].iter().all(|r| r.1 == 4 && r.2), "{h:?}");
}

async fn bracket_podium_and_scorers(app: &TestApp) {
    let data = app
        .data(
            r#"{ y2014: tournament(slug: "world-cup-2014") {
                   winner { code } runnerUp { code } thirdPlace { code } fourthPlace { code }
                   bracket { match { winner { code } }
                     homeFrom { match { homeTeam { code } winner { code } } }
                     awayFrom { match { decidedBy winner { code } } } } }
                 y2022: tournament(slug: "world-cup-2022") {
                   topScorers(first: 2) { person { name } goals penalties } } }"#,
        )
        .await;
    let t = &data["y2014"];
    let podium: Vec<&Value> = ["winner", "runnerUp", "thirdPlace", "fourthPlace"]
        .iter()
        .map(|k| &t[*k]["code"])
        .collect();
    assert_eq!(podium, ["GER", "ARG", "NED", "BRA"]);
    // Germany reached the final through Brazil 1-7, Argentina through a shootout.
    let b = &t["bracket"];
    assert_eq!(b["match"]["winner"]["code"], "GER");
    assert_eq!(b["homeFrom"]["match"]["homeTeam"]["code"], "BRA");
    assert_eq!(b["homeFrom"]["match"]["winner"]["code"], "GER");
    assert_eq!(b["awayFrom"]["match"]["decidedBy"], "PENALTY_SHOOTOUT");
    assert_eq!(b["awayFrom"]["match"]["winner"]["code"], "ARG");
    // Mbappé 8 (2 penalties), Messi 7 (4): other editions do not leak into 2022's list.
    let top = &data["y2022"]["topScorers"];
    let line = |i: usize| {
        (
            top[i]["person"]["name"].as_str().unwrap().to_owned(),
            top[i]["goals"].as_i64().unwrap(),
            top[i]["penalties"].as_i64().unwrap(),
        )
    };
    assert_eq!(line(0), ("Kylian Mbappé".to_owned(), 8, 2));
    assert_eq!(line(1), ("Lionel Messi".to_owned(), 7, 4));
}

/// The years of the tournaments of a list of items with `match { tournament { year } }`.
fn years(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["match"]["tournament"]["year"].as_i64().unwrap())
        .collect()
}

async fn a_players_page_spans_his_world_cups(app: &TestApp) {
    let data = app
        .data(
            r#"{ player(name: "lionel messi") { birthDate
                appearances { starter minutesPlayed ageAtKickoff match { tournament { year } } }
                goals { ownGoal match { tournament { year } } }
                cards { kind match { tournament { year } } }
                shootoutKicks { outcome match { tournament { year } } }
                squads { shirtNumber status tournament { year } } } }"#,
        )
        .await;
    let p = &data["player"];
    let through_2022 = |list: &Value| -> Vec<Value> {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|i| i["match"]["tournament"]["year"].as_i64().unwrap() <= 2022)
            .cloned()
            .collect()
    };
    // 26 matches through 2022, the record: 24 started, 2 off the bench in 2006.
    let apps = through_2022(&p["appearances"]);
    assert_eq!(apps.len(), 26);
    let benched: Vec<i64> = years(&Value::Array(
        apps.iter()
            .filter(|a| a["starter"] == false)
            .cloned()
            .collect(),
    ));
    assert_eq!(benched, [2006, 2006]);
    // Every minute of 2022: five matches of 90 minutes and two of 120.
    let minutes_2022: i64 = apps
        .iter()
        .filter(|a| a["match"]["tournament"]["year"] == 2022)
        .map(|a| a["minutesPlayed"].as_i64().unwrap())
        .sum();
    assert_eq!(minutes_2022, 5 * 90 + 2 * 120);
    // 18 at his first World Cup match (June 2006), 35 at his 26th.
    assert_eq!(apps[0]["ageAtKickoff"], 18);
    assert_eq!(apps[25]["ageAtKickoff"], 35);
    // Goals by tournament: 1 in 2006, 4 in 2014, 1 in 2018, 7 in 2022.
    let mut by_year: BTreeMap<i64, usize> = BTreeMap::new();
    for year in years(&Value::Array(through_2022(&p["goals"]))) {
        *by_year.entry(year).or_default() += 1;
    }
    assert_eq!(
        by_year.into_iter().collect::<Vec<_>>(),
        [(2006, 1), (2014, 4), (2018, 1), (2022, 7)]
    );
    // Booked against Nigeria in 2018 and the Netherlands in 2022.
    let cards = through_2022(&p["cards"]);
    assert_eq!(years(&Value::Array(cards.clone())), [2018, 2022]);
    assert!(cards.iter().all(|c| c["kind"] == "YELLOW"), "{cards:?}");
    // Shootouts: scored against the Netherlands in 2014 and 2022, and France in the final.
    let kicks = through_2022(&p["shootoutKicks"]);
    assert_eq!(years(&Value::Array(kicks.clone())), [2014, 2022, 2022]);
    assert!(kicks.iter().all(|k| k["outcome"] == "SCORED"));
    // Five squads through 2022, shirt 19 at the first and 10 at the last.
    let squads: Vec<(i64, i64)> = p["squads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["tournament"]["year"].as_i64().unwrap(),
                s["shirtNumber"].as_i64().unwrap(),
            )
        })
        .filter(|(year, _)| *year <= 2022)
        .collect();
    assert_eq!(
        squads,
        [(2006, 19), (2010, 10), (2014, 10), (2018, 10), (2022, 10)]
    );
}

async fn a_final_timeline_and_trivia(app: &TestApp) {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2014") { final { timeline { __typename
                   ... on Goal { minute scorer { name } } ... on ShootoutKick { order } } } }
                 records(first: 50) {
                   mostGoalsInAMatch { homeTeam { code } awayTeam { code } tournament { year } }
                   fastestGoals { minute scorer { name } match { tournament { year } } }
                   mostShootouts { team { code } count }
                   highestAttendances { attendance tournament { year } } } }"#,
        )
        .await;
    // Germany 1-0 Argentina after extra time: one goal, Götze's, and no shootout.
    let timeline = data["tournament"]["final"]["timeline"].as_array().unwrap();
    let goals: Vec<&Value> = timeline
        .iter()
        .filter(|e| e["__typename"] == "Goal")
        .collect();
    assert_eq!(goals.len(), 1);
    assert!(goals[0]["minute"].as_i64().unwrap() > 90);
    // The report writes "Mario GOETZE", football.json "Mario Götze": shown with its umlaut.
    assert_eq!(goals[0]["scorer"]["name"], "Mario Götze");
    assert!(timeline.iter().all(|e| e["__typename"] != "ShootoutKick"));
    assert!(timeline.len() > 1, "cards and substitutions are there too");

    let r = &data["records"];
    // Austria 7-5 Switzerland, 1954: twelve goals, the most in one World Cup match.
    let most = &r["mostGoalsInAMatch"][0];
    assert_eq!(
        (
            most["homeTeam"]["code"].as_str(),
            most["awayTeam"]["code"].as_str(),
            most["tournament"]["year"].as_i64()
        ),
        (Some("AUT"), Some("SUI"), Some(1954))
    );
    // The sources give minutes only, so the fastest goals are all in the first minute;
    // Hakan Şükür's (11 seconds, 2002) is among them.
    let fastest = r["fastestGoals"].as_array().unwrap();
    assert_eq!(fastest[0]["minute"], 1);
    assert!(
        fastest.iter().any(|g| g["minute"] == 1
            && g["match"]["tournament"]["year"] == 2002
            && search_key(g["scorer"]["name"].as_str().unwrap()) == "hakan sukur"),
        "{fastest:?}"
    );
    // Argentina: seven shootouts (1990 twice, 1998, 2006, 2014, 2022 twice).
    assert_eq!(r["mostShootouts"][0]["team"]["code"], "ARG");
    assert_eq!(r["mostShootouts"][0]["count"], 7);
    // The files record attendances from 2018 on; goalline's corrections add every final's and
    // the 1950 decider's, the largest crowd of all.
    let crowd = &r["highestAttendances"][0];
    assert_eq!(crowd["attendance"], 173850);
    assert_eq!(crowd["tournament"]["year"], 1950);
}

async fn the_questions_over_the_whole_history(backend: Backend) {
    let Some(app) = spawn_with_history(backend).await else {
        return;
    };
    search_finds_names_in_the_whole_history(&app).await;
    group_tables_use_each_editions_tie_breakers(&app).await;
    bracket_podium_and_scorers(&app).await;
    a_players_page_spans_his_world_cups(&app).await;
    a_final_timeline_and_trivia(&app).await;
}

#[actix_web::test]
async fn the_questions_over_the_whole_history_on_sqlite() {
    the_questions_over_the_whole_history(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn the_questions_over_the_whole_history_on_postgres() {
    the_questions_over_the_whole_history(Backend::Postgres).await;
}
