//! Sources reconciled, corrections applied, tables over what counts, on both backends: read
//! from the history built into goalline (`src/seed/history.bundle`), so these tests need no
//! `../shared`. The World Cup reports and football.json of a few editions are imported with
//! the international results of the same years (the CSV files cut to those years), in one
//! order and in another: the goals come out the same.

use std::path::{Path, PathBuf};

use goalline::db;
use goalline::import;
use goalline::seed::bundle;
use goalline::startup::prepare_database;
use serde_json::{json, Value};

use crate::helpers::{Backend, TestApp, TestDb};
use crate::import::{import_all, serve};

/// The World Cups imported, with the international results of their years.
const YEARS: [i32; 5] = [1954, 1970, 2002, 2014, 2018];
/// A year of results without a World Cup: France's return of Benzema (EURO 2020, 2021).
const OTHER_RESULTS: i32 = 2021;

/// The built-in files for `YEARS`: each World Cup's report (with its squads) and
/// football.json, and the international results of those years, under `dir`.
fn unpack_subset(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>, PathBuf) {
    let files = bundle::unpack(goalline::seed::HISTORY).expect("the built-in bundle reads");
    let mut reports = Vec::new();
    let mut jsons = Vec::new();
    let results = dir.join("international-results");
    std::fs::create_dir_all(&results).unwrap();
    for (name, bytes) in files {
        let year_of = |n: &str| YEARS.iter().any(|y| n.contains(&y.to_string()));
        let keep = if name.starts_with("international-results/") {
            let text = String::from_utf8(bytes.clone()).unwrap();
            let mut lines = text.lines();
            let mut out = String::from(lines.next().unwrap_or_default());
            out.push('\n');
            for line in lines {
                // Every row but former_names.csv's starts with its date.
                let year = &line[..4.min(line.len())];
                if name.ends_with("former_names.csv")
                    || year_of(year)
                    || year == OTHER_RESULTS.to_string()
                {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Some(out.into_bytes())
        } else if (name.starts_with("openfootball/worldcup/more/")
            || name.starts_with("openfootball/worldcup.json/"))
            && year_of(&name)
        {
            Some(bytes.clone())
        } else {
            None
        };
        let Some(content) = keep else { continue };
        let path = dir.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        if name.contains("worldcup/more/") && name.ends_with("_full.txt") {
            reports.push(path);
        } else if name.contains("worldcup.json/") && name.ends_with(".json") {
            jsons.push(path);
        }
    }
    reports.sort();
    jsons.sort();
    (reports, jsons, results)
}

/// A database with the built-in 2022 data and `batches` imported one after the other.
async fn imported(backend: Backend, batches: Vec<Vec<PathBuf>>) -> Option<(TestDb, db::Pool)> {
    let test_db = TestDb::create(backend)?;
    let pool = db::pool(&test_db.url(), 2);
    prepare_database(&pool, goalline::seed::BuiltIn::WorldCup2022)
        .await
        .expect("migrate and seed");
    for paths in batches {
        import_all(&pool, paths).await;
    }
    Some((test_db, pool))
}

/// Every goal of the World Cups of `YEARS`, as facts that do not depend on row ids.
async fn goals_of(app: &TestApp) -> Vec<String> {
    let q = r#"query($slug: String!) { tournament(slug: $slug) { matches { number
        goals { minute offset penalty ownGoal seconds team { code } scorer { name } } } } }"#;
    let mut out = Vec::new();
    for year in YEARS {
        let slug = format!("world-cup-{year}");
        let body = app.post(q, json!({ "slug": slug })).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        for m in body["data"]["tournament"]["matches"].as_array().unwrap() {
            for g in m["goals"].as_array().unwrap() {
                out.push(format!("{slug} {} {g}", m["number"]));
            }
        }
    }
    out
}

async fn person_goals(app: &TestApp, name: &str, slug: &str) -> Vec<Value> {
    let q = r#"query($name: String!) { player(name: $name) { name
        goals { minute offset penalty ownGoal match { tournament { slug } } } } }"#;
    let body = app.post(q, json!({ "name": name })).await;
    assert!(body.get("errors").is_none(), "{name}: {body:#}");
    body["data"]["player"]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["match"]["tournament"]["slug"] == slug)
        .cloned()
        .collect()
}

async fn final_of(app: &TestApp, year: i32) -> Value {
    let q = r#"query($slug: String!) { tournament(slug: $slug) { final {
        attendance officials { role person { name } }
        corrections { fact value reference }
        goals { minute offset scorer { name } disputed
          claims { witness minute offset scorerName provenance { source } } } } } }"#;
    let body = app
        .post(q, json!({ "slug": format!("world-cup-{year}") }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["tournament"]["final"].clone()
}

async fn the_sources_agree_on_what_most_say(app: &TestApp) {
    // The 2014 report writes minutes elapsed (112'); football.json and the results say 113'.
    let f2014 = final_of(app, 2014).await;
    let gotze = &f2014["goals"][0];
    assert_eq!(gotze["scorer"]["name"], "Mario Götze");
    assert_eq!(gotze["minute"], 113);
    let witnesses: Vec<&str> = gotze["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["witness"].as_str().unwrap())
        .collect();
    assert_eq!(witnesses.len(), 3, "{gotze:#}");
    // 2018: the report has no penalty flags; the other sources give Kane's three.
    let kane = person_goals(app, "Harry Kane", "world-cup-2018").await;
    assert_eq!(kane.len(), 6);
    assert_eq!(kane.iter().filter(|g| g["penalty"] == true).count(), 3);
    // The report credits Behich's own goal to Pogba; the others outvote it, and say so.
    let q = r#"{ tournament(slug: "world-cup-2018") { matches { homeTeam { code } awayTeam { code }
        goals { ownGoal minute scorer { name } disputed claims { witness scorerName ownGoal } } } } }"#;
    let body = app.post(q, json!({})).await;
    let fra_aus = body["data"]["tournament"]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["homeTeam"]["code"] == "FRA" && m["awayTeam"]["code"] == "AUS")
        .cloned()
        .expect("France v Australia");
    let own: Vec<&Value> = fra_aus["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["ownGoal"] == true)
        .collect();
    assert_eq!(own.len(), 1, "{fra_aus:#}");
    assert_eq!(own[0]["scorer"]["name"], "Aziz Behich");
    assert_eq!(own[0]["disputed"], true);
    let report = own[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["witness"] == "REPORT")
        .expect("the report's claim is kept");
    assert_eq!(report["ownGoal"], false);
    let named = report["scorerName"].as_str().unwrap().to_lowercase();
    assert!(named.contains("pogba"), "{report:#}");
}

async fn corrections_beat_the_files(app: &TestApp) {
    let f1970 = final_of(app, 1970).await;
    let referee: Vec<&Value> = f1970["officials"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["role"] == "REFEREE")
        .collect();
    assert_eq!(referee.len(), 1, "{f1970:#}");
    assert_eq!(referee[0]["person"]["name"], "Rudi Glöckner");
    let corrections = f1970["corrections"].as_array().unwrap();
    assert!(corrections
        .iter()
        .any(|c| c["fact"] == "REFEREE" && c["reference"].as_str().unwrap().contains("FIFA")));
    // Attendance of a final before 2018, which the files lack.
    assert!(f1970["attendance"].as_i64().unwrap() > 100_000, "{f1970:#}");

    // Hakan Şükür's goal after 11 seconds is the fastest, ahead of other first-minute goals.
    let q = r#"{ records(first: 3) { matchesConsidered attendanceKnown
        fastestGoals { minute seconds scorer { name } } } }"#;
    let body = app.post(q, json!({})).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let r = &body["data"]["records"];
    assert_eq!(r["fastestGoals"][0]["seconds"], 11, "{r:#}");
    assert_eq!(r["fastestGoals"][0]["scorer"]["name"], "Hakan Şükür");
    assert!(r["attendanceKnown"].as_i64().unwrap() < r["matchesConsidered"].as_i64().unwrap());
}

async fn tables_leave_play_offs_out(app: &TestApp) {
    let q = r#"{ tournament(slug: "world-cup-1954") { groups { name
        standings { team { code } played points }
        playOffs { homeTeam { code } awayTeam { code } } } } }"#;
    let body = app.post(q, json!({})).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let group4 = body["data"]["tournament"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Group 4")
        .cloned()
        .unwrap();
    let order: Vec<&str> = group4["standings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["team"]["code"].as_str().unwrap())
        .collect();
    // England won the group; Switzerland beat Italy in the play-off for second place.
    assert_eq!(order, ["ENG", "SUI", "ITA", "BEL"], "{group4:#}");
    assert!(group4["standings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["played"] == 2));
    assert_eq!(group4["playOffs"].as_array().unwrap().len(), 1);
}

async fn names_keep_their_diacritics(app: &TestApp) {
    for name in ["Gerd Müller", "Gerd Mueller", "gerd muller"] {
        let body = app
            .post(
                r#"query($n: String!) { player(name: $n) { name } }"#,
                json!({ "n": name }),
            )
            .await;
        assert_eq!(
            body["data"]["player"]["name"], "Gerd Müller",
            "{name}: {body:#}"
        );
    }
}

async fn a_career_from_the_match_data(app: &TestApp) {
    let q = r#"{ player(name: "Karim Benzema") { internationalCareers {
        curatedTotals { caps goals } matchDataTotals { goals scoringMatches goalCoverage } } } }"#;
    let body = app.post(q, json!({})).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let career = &body["data"]["player"]["internationalCareers"][0];
    assert_eq!(career["curatedTotals"]["goals"], 37);
    // Only the years imported here: his World Cup 2014 goals (the report's squad) and his
    // 2021 goals (the results file), all under one person.
    let recorded = career["matchDataTotals"]["goals"].as_i64().unwrap();
    assert!((4..37).contains(&recorded), "{career:#}");
    let coverage = career["matchDataTotals"]["goalCoverage"].as_f64().unwrap();
    assert!(
        (coverage - recorded as f64 / 37.0).abs() < 1e-9,
        "{career:#}"
    );
}

async fn former_names_have_their_dates(app: &TestApp) {
    let q = r#"{ team(code: "NIR") { names { name from until source } } }"#;
    let body = app.post(q, json!({})).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let names = body["data"]["team"]["names"].as_array().unwrap();
    let ireland = names
        .iter()
        .find(|n| n["name"] == "Ireland")
        .unwrap_or_else(|| panic!("{names:#?}"));
    assert_eq!(ireland["from"], "1882-02-18");
    assert_eq!(ireland["until"], "1956-04-11");
}

async fn reconciled(backend: Backend) {
    let dir = crate::helpers::tempdir::Dir::new("goalline-reconciliation");
    let (reports, jsons, results) = unpack_subset(dir.path());
    assert_eq!(reports.len(), YEARS.len(), "{reports:?}");
    // Reports, then football.json, then the results.
    let mut first = reports.clone();
    first.extend(jsons.clone());
    let Some((db_a, pool_a)) = imported(backend, vec![first, vec![results.clone()]]).await else {
        return;
    };
    // Reports, then the results, then football.json.
    let Some((db_b, pool_b)) = imported(
        backend,
        vec![reports.clone(), vec![results.clone()], jsons.clone()],
    )
    .await
    else {
        return;
    };
    drop((pool_a, pool_b));
    let app = serve(db_a).await;
    let other = serve(db_b).await;
    let goals = goals_of(&app).await;
    assert!(goals.len() > 500, "{}", goals.len());
    assert_eq!(
        goals,
        goals_of(&other).await,
        "import order changed the goals"
    );

    the_sources_agree_on_what_most_say(&app).await;
    corrections_beat_the_files(&app).await;
    tables_leave_play_offs_out(&app).await;
    names_keep_their_diacritics(&app).await;
    a_career_from_the_match_data(&app).await;
    former_names_have_their_dates(&app).await;
}

crate::per_backend!(reconciled);

/// Writes the built-in files whose bundle path starts with `prefix` under `dir`, the results
/// CSV files cut to rows of `year`; returns where each top folder went.
fn unpack_matching(dir: &Path, prefix: &str, year: &str) -> PathBuf {
    for (name, bytes) in bundle::unpack(goalline::seed::HISTORY).unwrap() {
        if !name.starts_with(prefix) {
            continue;
        }
        let content = if name.ends_with(".csv") && !name.ends_with("former_names.csv") {
            let text = String::from_utf8(bytes).unwrap();
            let mut lines = text.lines();
            let mut out = format!("{}\n", lines.next().unwrap_or_default());
            for line in lines.filter(|l| l.starts_with(year)) {
                out.push_str(line);
                out.push('\n');
            }
            out.into_bytes()
        } else {
            bytes
        };
        let path = dir.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
    }
    dir.join(prefix.split('/').next().unwrap())
}

/// The quarter-final; `alias` names the answer, so that each asking is a new document (not a
/// cached answer).
async fn quarter_final(app: &TestApp, alias: &str) -> Value {
    let q = format!(
        r#"{{ {alias}: matches(filter: {{ competition: "copa-america", team: "ARG", opponent: "ECU" }}, first: 5) {{
        nodes {{ incomplete decidedBy winner {{ code }} }} }} }}"#
    );
    let body = app.post(&q, json!({})).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"][alias]["nodes"][0].clone()
}

/// Copa América 2024's football.json gives Argentina v Ecuador 1-1 and no shootout: until the
/// results say who won it, the quarter-final is incomplete, not a draw.
async fn a_knockout_without_its_shootout_is_incomplete(backend: Backend) {
    let dir = crate::helpers::tempdir::Dir::new("goalline-incomplete");
    let copa = unpack_matching(
        dir.path(),
        "openfootball-continental/copa-america.json/",
        "",
    );
    let Some((test_db, pool)) = imported(backend, vec![vec![copa]]).await else {
        return;
    };
    let results = unpack_matching(dir.path(), "international-results/", "2024");
    let app = serve(test_db).await;
    let before = quarter_final(&app, "before").await;
    assert_eq!(before["incomplete"], true, "{before:#}");
    assert_eq!(before["decidedBy"], Value::Null);
    assert_eq!(before["winner"], Value::Null);
    db::run(&pool, move |c| import::import(c, &[results], |_| {}))
        .await
        .unwrap();
    let after = quarter_final(&app, "after").await;
    assert_eq!(after["incomplete"], false, "{after:#}");
    assert_eq!(after["decidedBy"], "PENALTY_SHOOTOUT");
    assert_eq!(after["winner"]["code"], "ARG");
}

crate::per_backend!(a_knockout_without_its_shootout_is_incomplete);
