//! Importing the public openfootball World Cup history (1930-2026) on top of the built-in
//! 2022 data, on both backends: counts, one record per person, idempotence, bad files.
//!
//! The data is the openfootball files built into goalline (`tests/api/data.rs`), or
//! `GOALLINE_OPENFOOTBALL_DIR` when set.

use std::collections::BTreeSet;
use std::path::PathBuf;

use goalline::config::Settings;
use goalline::db;
use goalline::import::{self, FileOutcome};
use goalline::startup::{prepare_database, Application};
use serde_json::Value;

use crate::helpers::{client, settings_for, Backend, TestApp, TestDb};

/// The openfootball World Cup files: `GOALLINE_OPENFOOTBALL_DIR` when set, else those built
/// into goalline.
pub(crate) fn openfootball_dir() -> PathBuf {
    std::env::var("GOALLINE_OPENFOOTBALL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| crate::data::bundled("openfootball"))
}

/// Starts goalline on a database holding the built-in 2022 data plus the whole history.
pub(crate) async fn spawn_with_history(backend: Backend) -> Option<TestApp> {
    let data = openfootball_dir();
    let test_db = TestDb::create(backend)?;
    let pool = db::pool(&test_db.url(), 2);
    prepare_database(&pool, goalline::seed::BuiltIn::WorldCup2022)
        .await
        .expect("migrate and seed");
    let first = db::run(&pool, move |c| {
        let summary = import::import(c, &[data], |_| {})?;
        // As `goalline import` does: curated facts about the teams and people just loaded.
        goalline::seed::apply_curated(c)?;
        Ok(summary)
    })
    .await
    .expect("import runs");
    let failed: Vec<_> = first
        .files
        .iter()
        .filter(|f| matches!(f.outcome, FileOutcome::Failed(_)))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    // 1930-2026 less 2022, which the built-in data already holds; football.json and the
    // stadium lists merge into what the reports created.
    let totals = first.totals();
    assert_eq!(totals.tournaments.created, 22);
    assert!(totals.tournaments.updated > 0, "{totals}");
    assert!(
        totals.venues.updated > 0,
        "capacities from cup_stadiums.csv: {totals}"
    );
    // Warnings name their file and line.
    assert!(
        totals
            .warnings
            .iter()
            .any(|w| w.contains("worldcup.json/2022/worldcup.json:") && w.contains("NED v ARG")),
        "{:#?}",
        totals.warnings
    );

    // A second run finds everything there and changes nothing.
    let data = openfootball_dir();
    let again = db::run(&pool, move |c| import::import(c, &[data], |_| {}))
        .await
        .unwrap();
    let totals = again.totals();
    for (kind, tally) in totals.kinds() {
        assert_eq!(
            (kind, tally.created, tally.updated),
            (kind, 0, 0),
            "{totals}"
        );
    }
    assert_eq!(totals.tournaments.unchanged, first.files.len());
    drop(pool);
    // The tests on it read every World Cup's every match at once to check the data: a dump the
    // default cost limit rightly refuses (estimated at 64,676 with the lists' real sizes).
    Some(serve_with(test_db, |s| s.limits.max_cost = 1_000_000).await)
}

/// Starts goalline on the built-in data plus what `paths` hold, imported as `goalline import`
/// does; every file must import.
pub(crate) async fn spawn_with_imported(backend: Backend, paths: Vec<PathBuf>) -> Option<TestApp> {
    let test_db = TestDb::create(backend)?;
    let pool = db::pool(&test_db.url(), 2);
    prepare_database(&pool, goalline::seed::BuiltIn::WorldCup2022)
        .await
        .expect("migrate and seed");
    import_all(&pool, paths).await;
    drop(pool);
    Some(serve(test_db).await)
}

/// Imports `paths` as `goalline import` does (curated facts applied after); every file must
/// import.
pub(crate) async fn import_all(pool: &db::Pool, paths: Vec<PathBuf>) {
    let summary = db::run(pool, move |c| {
        let summary = import::import(c, &paths, |_| {})?;
        goalline::seed::apply_curated(c)?;
        Ok(summary)
    })
    .await
    .expect("import runs");
    let failed: Vec<_> = summary
        .files
        .iter()
        .filter(|f| matches!(f.outcome, FileOutcome::Failed(_)))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

/// Starts goalline on a prepared database.
pub(crate) async fn serve(test_db: TestDb) -> TestApp {
    serve_with(test_db, |_| {}).await
}

/// `serve`, with settings changed first.
pub(crate) async fn serve_with(test_db: TestDb, change: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = settings_for(&test_db);
    change(&mut settings);
    let app = Application::build(&settings).await.expect("start");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.into_server());
    TestApp {
        address,
        client: client(),
        _db: test_db,
    }
}

fn goal_years(player: &Value) -> Vec<i64> {
    player["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["ownGoal"] == false)
        .map(|g| g["match"]["tournament"]["year"].as_i64().unwrap())
        .collect()
}

async fn the_history_holds_the_facts(backend: Backend) {
    let Some(app) = spawn_with_history(backend).await else {
        return;
    };
    let data = app
        .data("{ tournaments { year winner { name } matches { status penaltyShootout { kicks { order } } } } }")
        .await;
    let tournaments = data["tournaments"].as_array().unwrap();
    let years: Vec<i64> = tournaments
        .iter()
        .map(|t| t["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years.len(), 23);
    assert_eq!((years[0], years[21], years[22]), (1930, 2022, 2026));
    let played = |t: &&Value| t["year"].as_i64().unwrap() <= 2022;
    let matches: usize = tournaments
        .iter()
        .filter(played)
        .map(|t| t["matches"].as_array().unwrap().len())
        .sum();
    assert_eq!(matches, 964);
    // 2026's full reports stop before the semi-finals; football.json has every match, and
    // the merge adds those missing without doubling any.
    let data = openfootball_dir();
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("worldcup.json/2026/worldcup.json")).unwrap(),
    )
    .unwrap();
    let in_2026 = tournaments.iter().find(|t| t["year"] == 2026).unwrap();
    assert_eq!(
        in_2026["matches"].as_array().unwrap().len(),
        json["matches"].as_array().unwrap().len()
    );
    let shootouts: Vec<&Value> = tournaments
        .iter()
        .filter(played)
        .flat_map(|t| t["matches"].as_array().unwrap())
        .filter(|m| !m["penaltyShootout"].is_null())
        .collect();
    assert_eq!(shootouts.len(), 35);
    assert!(shootouts
        .iter()
        .all(|s| !s["penaltyShootout"]["kicks"].as_array().unwrap().is_empty()));
    let winner = |year: i64| {
        tournaments.iter().find(|t| t["year"] == year).unwrap()["winner"]["name"].clone()
    };
    assert_eq!(winner(2014), "Germany");
    assert_eq!(winner(1954), "West Germany");
    assert_eq!(winner(1934), "Italy");
    assert_eq!(winner(1938), "Italy");
    assert_eq!(winner(1958), "Brazil");
    assert_eq!(winner(1962), "Brazil");

    let query = r#"query($name: String!) { player(name: $name) { name birthDate
        goals { ownGoal match { tournament { year } } }
        appearances { match { tournament { year } } } } }"#;
    for (name, goals, tournaments) in [
        ("Miroslav Klose", 16, 4),
        ("Lionel Messi", 13, 5),
        ("Kylian Mbappé", 12, 2),
    ] {
        let body = app.post(query, serde_json::json!({ "name": name })).await;
        assert!(body.get("errors").is_none(), "{name}: {body:#}");
        let years: Vec<i64> = goal_years(&body["data"]["player"])
            .into_iter()
            .filter(|y| *y <= 2022)
            .collect();
        assert_eq!(years.len(), goals, "{name}'s World Cup goals through 2022");
        let played: BTreeSet<i64> = body["data"]["player"]["appearances"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["match"]["tournament"]["year"].as_i64().unwrap())
            .filter(|y| *y <= 2022)
            .collect();
        assert_eq!(
            played.len(),
            tournaments,
            "{name}'s World Cups through 2022: {played:?}"
        );
        assert!(years.iter().all(|y| played.contains(y)));
    }

    // All-time scorers: Klose's 16 lead (with 2026 in the data, Messi's total passes them).
    let scorers = app
        .data("{ allTimeTopScorers(first: 20) { person { name } goals penalties } }")
        .await;
    let klose = scorers["allTimeTopScorers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["person"]["name"] == "Miroslav Klose")
        .expect("Klose among the all-time scorers");
    assert_eq!(
        (klose["goals"].as_i64(), klose["penalties"].as_i64()),
        (Some(16), Some(0))
    );

    // History, one request each.
    let history = app
        .data(r#"{ champions { tournament { year } team { code } }
                   backToBackChampions { team { code } tournaments { year } }
                   headToHead(teamA: "ARG", teamB: "FRA") { played winsA winsB draws shootoutWinsA shootoutWinsB }
                   brazil: team(code: "BRA") { record { titles bestFinish played } }
                   germany: team(code: "GER") { record { titles } }
                   westGermany: team(code: "FRG") { record { titles } } }"#)
        .await;
    let champion = |year: i64| {
        history["champions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["tournament"]["year"] == year)
            .map(|c| c["team"]["code"].as_str().unwrap().to_owned())
    };
    assert_eq!(champion(1930).as_deref(), Some("URU"));
    // 1950 had no final: Uruguay topped the final round.
    assert_eq!(champion(1950).as_deref(), Some("URU"));
    assert_eq!(champion(2022).as_deref(), Some("ARG"));
    let runs: Vec<(String, Vec<i64>)> = history["backToBackChampions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["team"]["code"].as_str().unwrap().to_owned(),
                r["tournaments"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t["year"].as_i64().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        runs,
        [
            ("ITA".to_owned(), vec![1934, 1938]),
            ("BRA".to_owned(), vec![1958, 1962])
        ]
    );
    let h = &history["headToHead"];
    // 1930 and 1978 to Argentina, 2018 to France, 2022 to Argentina on penalties.
    assert_eq!(
        [
            h["played"].as_i64(),
            h["winsA"].as_i64(),
            h["winsB"].as_i64(),
            h["draws"].as_i64(),
            h["shootoutWinsA"].as_i64()
        ],
        [Some(4), Some(2), Some(1), Some(0), Some(1)]
    );
    assert_eq!(history["brazil"]["record"]["titles"], 5);
    assert_eq!(history["brazil"]["record"]["bestFinish"], "CHAMPION");
    assert_eq!(history["germany"]["record"]["titles"], 1);
    assert_eq!(history["westGermany"]["record"]["titles"], 3);

    // Predecessors are linked, not merged.
    let germany = app
        .data(r#"{ team(code: "GER") { predecessors { team { code name } sinceYear } } }"#)
        .await;
    let mut codes: Vec<&str> = germany["team"]["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["team"]["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, ["FRG", "GDR"]);
    let ussr = app
        .data(r#"{ team(code: "URS") { name successors { team { code } sinceYear } } }"#)
        .await;
    assert_eq!(ussr["team"]["name"], "Soviet Union");
    assert_eq!(ussr["team"]["successors"][0]["team"]["code"], "RUS");

    // Benzema's World Cup record from match data (2014) beside his curated totals.
    let benzema = app
        .data(
            r#"{ player(name: "Karim Benzema") { internationalCareers {
            curatedTotals { caps goals } matchDataTotals { appearances goals } } } }"#,
        )
        .await;
    let career = &benzema["player"]["internationalCareers"][0];
    assert_eq!(career["curatedTotals"]["caps"], 97);
    assert_eq!(career["matchDataTotals"]["appearances"], 5);
    assert_eq!(career["matchDataTotals"]["goals"], 3);

    // Left out of the 2018 squad that won the World Cup: not a member, an omission with its
    // reason and source, on the person and on the squad.
    let left_out = app
        .data(
            r#"{ player(name: "Karim Benzema") { leftOutOf { tournament { slug } team { code }
                announcedOn reason source } }
                tournament(slug: "world-cup-2018") { winner { code } squads { team { code }
                players { person { name } } leftOut { person { name } } } } }"#,
        )
        .await;
    // Left out in 2010 too (Domenech's preliminary list), and in 2018.
    let omissions = left_out["player"]["leftOutOf"].as_array().unwrap();
    let slugs: Vec<&str> = omissions
        .iter()
        .map(|o| o["tournament"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["world-cup-2010", "world-cup-2018"]);
    let omission = &omissions[1];
    assert_eq!(omission["tournament"]["slug"], "world-cup-2018");
    assert_eq!(omission["team"]["code"], "FRA");
    assert_eq!(omission["announcedOn"], "2018-05-17");
    assert!(omission["reason"].as_str().unwrap().contains("Deschamps"));
    assert!(omission["source"]
        .as_str()
        .unwrap()
        .contains("Fédération Française"));
    assert_eq!(left_out["tournament"]["winner"]["code"], "FRA");
    let france = left_out["tournament"]["squads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["team"]["code"] == "FRA")
        .expect("France's 2018 squad");
    let players = crate::helpers::strings_at(&france["players"], &["person", "name"]);
    assert_eq!(players.len(), 23);
    assert!(
        !players.iter().any(|p| p.contains("Benzema")),
        "{players:?}"
    );
    assert_eq!(france["leftOut"][0]["person"]["name"], "Karim Benzema");

    // Provenance on the main types, and every spelling kept as an alias.
    let origin = app
        .data(
            r#"{ tournament(slug: "world-cup-2014") { provenance { source kind version importedAt }
            final { provenance { source } } }
            player(name: "Kylian MBAPPE") { name aliases provenance { kind } } }"#,
        )
        .await;
    let provenance = &origin["tournament"]["provenance"];
    assert!(provenance["source"]
        .as_str()
        .unwrap()
        .ends_with("2014_full.txt"));
    assert_eq!(provenance["kind"], "FILE");
    assert_eq!(provenance["version"].as_str().unwrap().len(), 16);
    assert!(provenance["importedAt"].is_string());
    assert_eq!(
        origin["tournament"]["final"]["provenance"],
        provenance
            .get("source")
            .map(|s| serde_json::json!({ "source": s }))
            .unwrap()
    );
    // football.json writes his name with its accent: the name shown; the others are aliases.
    assert_eq!(origin["player"]["name"], "Kylian Mbappé");
    let aliases: Vec<&str> = origin["player"]["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(
        aliases.contains(&"Kylian Mbappe") && aliases.contains(&"Kylian MBAPPE"),
        "{aliases:?}"
    );
    // First recorded by the built-in data.
    assert_eq!(origin["player"]["provenance"]["kind"], "BUILT_IN");

    // The 2022 built-in record and the 2018 import are one person.
    let body = app
        .data(r#"{ player(name: "kylian mbappe") { squads { tournament { year } shirtNumber } } }"#)
        .await;
    let squads: Vec<i64> = body["player"]["squads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["tournament"]["year"].as_i64().unwrap())
        .collect();
    assert!(
        squads.contains(&2018) && squads.contains(&2022),
        "{squads:?}"
    );
}

/// An empty database and a new scratch folder for files to import.
fn scratch(backend: Backend, name: &str) -> Option<(TestDb, PathBuf)> {
    let test_db = TestDb::create(backend)?;
    let dir = std::env::temp_dir().join(format!(
        "goalline-import-{name}-{}-{backend:?}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    Some((test_db, dir))
}

/// Imports a scratch folder into an empty database, then removes the folder.
async fn import_scratch(test_db: &TestDb, dir: PathBuf) -> (db::Pool, import::ImportSummary) {
    let pool = db::pool(&test_db.url(), 2);
    prepare_database(&pool, goalline::seed::BuiltIn::Nothing)
        .await
        .unwrap();
    let paths = vec![dir.clone()];
    let summary = db::run(&pool, move |c| import::import(c, &paths, |_| {}))
        .await
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (pool, summary)
}

/// Why the file whose path contains `part` was refused.
fn failure(summary: &import::ImportSummary, part: &str) -> String {
    match outcome_of(summary, part) {
        FileOutcome::Failed(reason) => reason,
        other => panic!("{part} was not refused: {other:?}"),
    }
}

/// What became of the file whose path contains `part`.
fn outcome_of(summary: &import::ImportSummary, part: &str) -> FileOutcome {
    summary
        .files
        .iter()
        .find(|f| f.path.to_string_lossy().contains(part))
        .map(|f| f.outcome.clone())
        .unwrap_or_else(|| panic!("no file {part} in {summary:#?}"))
}

const SMALL_REPORT: &str = "= World Cup 2030\n\n▪ Final\nSun Jul 21 18:00 UTC+1 @ Estadio Centenario, Montevideo, Att: 60000\n  Uruguay v Spain  1-0\n     (Luis SUAREZ 10')\n\nUruguay: Fernando MUSLERA - Luis SUAREZ [c]\nSpain: Unai SIMON [Y 30']\n\nRefs: Jean LANGENUS (BEL)\n";

async fn a_bad_file_is_refused_whole_and_others_still_load(backend: Backend) {
    let Some((test_db, dir)) = scratch(backend, "txt") else {
        return;
    };
    std::fs::write(dir.join("2030_full.txt"), SMALL_REPORT).unwrap();
    let broken = SMALL_REPORT
        .replace("2030", "2034")
        .replace("  Uruguay v Spain  1-0", "  Uruguay v Spain  one-nil");
    std::fs::write(dir.join("2034_full.txt"), broken).unwrap();
    let wrong_total = SMALL_REPORT
        .replace("2030", "2038")
        .replace("Luis SUAREZ 10'", "Luis SUAREZ 10', 20'");
    std::fs::write(dir.join("2038_full.txt"), wrong_total).unwrap();

    let (pool, summary) = import_scratch(&test_db, dir).await;

    let outcome = |year: &str| outcome_of(&summary, year);
    assert!(matches!(outcome("2030"), FileOutcome::Done(c) if c.tournaments.created == 1));
    let reason = failure(&summary, "2034");
    assert!(reason.contains("2034_full.txt:5:"), "{reason}");
    assert!(reason.contains("expected a score line"), "{reason}");
    let reason = failure(&summary, "2038");
    assert!(reason.contains("the goals listed make 2-0"), "{reason}");
    let slugs = db::run(&pool, |c| Ok(goalline::tournament::Tournament::all(c)?))
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.slug)
        .collect::<Vec<_>>();
    assert_eq!(
        slugs,
        ["world-cup-2030"],
        "nothing of the refused files was written"
    );
}

/// Imports `paths` into a fresh database (with or without the built-in 2022 data) and starts
/// goalline on it.
pub(crate) async fn spawn_after_import(
    backend: Backend,
    seed: bool,
    paths: Vec<PathBuf>,
) -> Option<(TestApp, import::ImportSummary)> {
    let test_db = TestDb::create(backend)?;
    let pool = db::pool(&test_db.url(), 2);
    let seed = match seed {
        true => goalline::seed::BuiltIn::WorldCup2022,
        false => goalline::seed::BuiltIn::Nothing,
    };
    prepare_database(&pool, seed).await.expect("migrate");
    let summary = db::run(&pool, move |c| import::import(c, &paths, |_| {}))
        .await
        .expect("import runs");
    drop(pool);
    Some((serve(test_db).await, summary))
}

pub(crate) const FINAL_2014: &str = r#"{ tournament(slug: "world-cup-2014") { name final {
    homeTeam { code } awayTeam { code }
    score { fullTime { home away } extraTime { home away } }
    goals { minute offset penalty ownGoal scorer { name } } } } }"#;

/// football.json alone (no report, no squads) beside the built-in 2022 data: the tournament,
/// its final and its scorers, who are the people the 2022 squads already know.
async fn football_json_alone_creates_the_tournament(backend: Backend) {
    let data = openfootball_dir();
    // The folder as openfootball publishes it: the match list beside a groups file.
    let folder = crate::helpers::tempdir::Dir::new("goalline-json-2014");
    std::fs::copy(
        data.join("worldcup.json/2014/worldcup.json"),
        folder.path().join("worldcup.json"),
    )
    .unwrap();
    std::fs::write(
        folder.path().join("worldcup.groups.json"),
        r#"{ "name": "World Cup 2014", "groups": [] }"#,
    )
    .unwrap();
    let Some((app, summary)) =
        spawn_after_import(backend, true, vec![folder.path().to_path_buf()]).await
    else {
        return;
    };
    let totals = summary.totals();
    assert_eq!(summary.failed(), 0, "{:#?}", summary.files);
    assert_eq!(totals.tournaments.created, 1);
    // The groups file beside it is not a match list.
    assert_eq!(summary.skipped.len(), 1, "{:#?}", summary.skipped);
    let body = app.data(FINAL_2014).await;
    let fin = &body["tournament"]["final"];
    assert_eq!(body["tournament"]["name"], "FIFA World Cup Brazil 2014");
    assert_eq!(
        (
            fin["homeTeam"]["code"].as_str(),
            fin["awayTeam"]["code"].as_str()
        ),
        (Some("GER"), Some("ARG"))
    );
    assert_eq!(
        fin["score"]["fullTime"],
        serde_json::json!({ "home": 0, "away": 0 })
    );
    assert_eq!(
        fin["score"]["extraTime"],
        serde_json::json!({ "home": 1, "away": 0 })
    );
    assert_eq!(
        fin["goals"],
        serde_json::json!([{ "minute": 113, "offset": 0, "penalty": false, "ownGoal": false,
                             "scorer": { "name": "Mario Götze" } }])
    );
    // One person per scorer across the file: Müller's five goals are one record's.
    let muller = app
        .data(r#"{ player(name: "Thomas Müller") { goals { minute } } }"#)
        .await;
    assert_eq!(muller["player"]["goals"].as_array().unwrap().len(), 5);
    // Messi's four goals of 2014 join his seven of 2022 on the one record.
    let messi = app
        .data(
            r#"{ search(query: "Lionel Messi") { score node { __typename } }
                 player(name: "Lionel Messi") { goals { match { tournament { year } } } } }"#,
        )
        .await;
    let exact_people = messi["search"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["score"] == 1.0 && h["node"]["__typename"] == "Person")
        .count();
    assert_eq!(exact_people, 1, "{messi:#}");
    let years: Vec<i64> = messi["player"]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["match"]["tournament"]["year"].as_i64().unwrap())
        .collect();
    assert_eq!(
        (years.iter().filter(|y| **y == 2014).count(), years.len()),
        (4, 11)
    );
}

/// football.json for 2022 on top of the built-in 2022 data: nothing doubled, disagreements
/// kept as recorded and reported with file and line, a second run unchanged.
async fn football_json_merges_into_the_built_in_data(backend: Backend) {
    let data = openfootball_dir();
    let file = data.join("worldcup.json/2022/worldcup.json");
    let Some((app, summary)) = spawn_after_import(backend, true, vec![file.clone()]).await else {
        return;
    };
    let totals = summary.totals();
    assert_eq!(
        (
            totals.tournaments.created,
            totals.matches.created,
            totals.goals.created
        ),
        (0, 0, 0),
        "{totals}"
    );
    assert_eq!(totals.matches.unchanged, 64);
    // The file puts the Netherlands ahead at half time of the quarter-final; Molina scored
    // first for Argentina (35'), as the built-in data records.
    let warning = totals
        .warnings
        .iter()
        .find(|w| w.contains("NED v ARG: half-time score"))
        .expect("a warning about the quarter-final's half-time score");
    assert!(
        warning.starts_with(&format!("{}:", file.display())),
        "{warning}"
    );
    let line: usize = warning[file.display().to_string().len() + 1..]
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let written = text.lines().nth(line - 1).unwrap();
    assert!(written.contains("Netherlands"), "line {line}: {written}");
    let body = app
        .data(r#"{ tournament(slug: "world-cup-2022") { matches { number } } }"#)
        .await;
    assert_eq!(body["tournament"]["matches"].as_array().unwrap().len(), 64);
    // Spellings of the file become aliases of the people the built-in data knows.
    let messi = app
        .data(r#"{ player(name: "Lionel Messi") { goals { minute } } }"#)
        .await;
    assert_eq!(messi["player"]["goals"].as_array().unwrap().len(), 7);
}

/// Malformed football.json and stadium lists are refused with file and line; nothing of them
/// is written, and the good files beside them still load.
async fn malformed_json_and_csv_are_refused(backend: Backend) {
    let Some((test_db, dir)) = scratch(backend, "json") else {
        return;
    };
    let good = "{\"name\": \"World Cup 2030\",\n \"matches\": [\n  {\"round\": \"Final\", \"date\": \"2030-07-21\", \"time\": \"18:00 UTC-3\",\n   \"team1\": \"Uruguay\", \"team2\": \"Spain\", \"score\": {\"ft\": [1, 0]},\n   \"goals1\": [{\"name\": \"Luis Suárez\", \"minute\": 10}], \"goals2\": [],\n   \"ground\": \"Estadio Centenario, Montevideo\"}]}\n";
    std::fs::create_dir_all(dir.join("2030")).unwrap();
    std::fs::create_dir_all(dir.join("2034")).unwrap();
    std::fs::create_dir_all(dir.join("2030--uruguay")).unwrap();
    std::fs::write(dir.join("2030/worldcup.json"), good).unwrap();
    // A missing comma on line 4.
    let broken = good
        .replace("2030", "2034")
        .replace("\"Uruguay\",", "\"Uruguay\"");
    std::fs::write(dir.join("2034/worldcup.json"), broken).unwrap();
    // Well-formed, but the goals listed do not make the score: the match loads without them.
    std::fs::create_dir_all(dir.join("2038")).unwrap();
    let wrong = good.replace("2030", "2038").replace("[1, 0]", "[2, 0]");
    std::fs::write(dir.join("2038/worldcup.json"), wrong).unwrap();
    std::fs::write(
        dir.join("2030--uruguay/cup_stadiums.csv"),
        "city, timezone, name, capacity\nMontevideo, UTC-3, Estadio Centenario, many\n",
    )
    .unwrap();

    let (pool, summary) = import_scratch(&test_db, dir).await;
    let created = outcome_of(&summary, "2030/worldcup.json");
    assert!(matches!(created, FileOutcome::Done(c) if c.tournaments.created == 1));
    let r = failure(&summary, "2034");
    assert!(
        r.contains("2034/worldcup.json:4: expected football.json"),
        "{r}"
    );
    assert!(r.contains("expected `,`"), "{r}");
    let FileOutcome::Done(kept) = outcome_of(&summary, "2038") else {
        panic!("2038 was refused: {summary:?}");
    };
    assert_eq!(
        (kept.matches.created, kept.goals.created),
        (1, 0),
        "{kept:?}"
    );
    assert!(
        kept.warnings
            .iter()
            .any(|w| w.contains("2038/worldcup.json")
                && w.contains("match 1 (URU v ESP)")
                && w.contains("do not add up")),
        "{kept:?}"
    );
    let r = failure(&summary, "cup_stadiums.csv");
    assert!(r.contains("cup_stadiums.csv:2: expected a capacity"), "{r}");
    let venues = db::run(&pool, |c| {
        use diesel::prelude::*;
        use goalline::schema::venues;
        Ok(venues::table
            .select((venues::name, venues::capacity))
            .load::<(String, Option<i32>)>(c)?)
    })
    .await
    .unwrap();
    assert_eq!(venues, [("Estadio Centenario".to_owned(), None)]);
}

/// A full report imported after football.json has created its tournament is not merged: the
/// summary says what that leaves out, and how to have it, instead of saying nothing.
async fn a_report_after_football_json_says_what_it_left_out(backend: Backend) {
    let data = openfootball_dir();
    let Some(test_db) = TestDb::create(backend) else {
        return;
    };
    let pool = db::pool(&test_db.url(), 2);
    prepare_database(&pool, goalline::seed::BuiltIn::Nothing)
        .await
        .expect("migrate");
    let run = |paths: Vec<PathBuf>| {
        let pool = pool.clone();
        async move {
            db::run(&pool, move |c| import::import(c, &paths, |_| {}))
                .await
                .expect("import runs")
        }
    };
    run(vec![data.join("worldcup.json/2014/worldcup.json")]).await;
    let report = run(vec![data.join("worldcup/more/2014_full.txt")]).await;
    let totals = report.totals();
    assert_eq!(totals.tournaments.unchanged, 1, "{totals:#?}");
    assert!(
        totals
            .warnings
            .iter()
            .any(|w| w.contains("world-cup-2014") && w.contains("line-ups") && w.contains("first")),
        "{:#?}",
        totals.warnings
    );
    // A report met again after it was written (line-ups and all) says nothing of the kind.
    run(vec![data.join("worldcup/more/2018_full.txt")]).await;
    let again = run(vec![data.join("worldcup/more/2018_full.txt")]).await;
    assert_eq!(again.totals().tournaments.unchanged, 1);
    assert!(
        !again
            .totals()
            .warnings
            .iter()
            .any(|w| w.contains("line-ups")),
        "{:#?}",
        again.totals().warnings
    );
}

crate::per_backend!(
    a_report_after_football_json_says_what_it_left_out,
    the_history_holds_the_facts,
    a_bad_file_is_refused_whole_and_others_still_load,
    football_json_alone_creates_the_tournament,
    football_json_merges_into_the_built_in_data,
    malformed_json_and_csv_are_refused,
);
