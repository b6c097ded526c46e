//! The built-in data is loaded once per version of it and of the importer: restarting never
//! duplicates anything.

use goalline::startup::Application;
use serde_json::Value;

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
    for start in 0..2 {
        // Each start migrates and seeds the same database again.
        let app = Application::build(&settings).await.expect("start");
        drop(app);
        if start == 0 {
            loaded_by_an_older_goalline(&db.url()).await;
        }
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

/// Makes the database look loaded by an older importer: the next start loads the built-in
/// files again (over what is there, nothing twice).
async fn loaded_by_an_older_goalline(url: &goalline::config::DatabaseUrl) {
    use diesel::prelude::*;
    use goalline::schema::sources;
    let pool = goalline::db::pool(url, 1);
    let changed = goalline::db::run(&pool, |c| {
        Ok(diesel::update(sources::table)
            .filter(sources::name.eq(goalline::seed::WORLD_CUP_2022_SOURCE))
            .set(sources::version.eq("older"))
            .execute(c)?)
    })
    .await
    .unwrap();
    assert_eq!(changed, 1, "the built-in data is recorded as loaded once");
}

#[actix_web::test]
async fn restart_keeps_one_copy_on_sqlite() {
    restart_keeps_one_copy(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn restart_keeps_one_copy_on_postgres() {
    restart_keeps_one_copy(Backend::Postgres).await;
}

/// The rows of the built-in international results between two teams, read from the bundle
/// the binary carries (not from `../shared`: a clone has only the bundle).
fn meetings_in_bundle(a: &str, b: &str) -> usize {
    let files = goalline::seed::bundle::unpack(goalline::seed::HISTORY).expect("the bundle reads");
    let (_, results) = files
        .iter()
        .find(|(path, _)| path == "international-results/results.csv")
        .expect("results.csv is built in");
    String::from_utf8_lossy(results)
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f.len() > 2 && ((f[1] == a && f[2] == b) || (f[1] == b && f[2] == a))
        })
        .count()
}

/// A first start with the default settings loads the whole history from the binary; a
/// restart finds it there and loads nothing again.
async fn the_whole_history_is_built_in(backend: Backend) {
    let Some(db) = TestDb::create(backend) else {
        return;
    };
    let mut settings = settings_for(&db);
    settings.seed = goalline::seed::BuiltIn::History;
    // The first query waits for the read model of the whole history, which an unoptimised
    // test build takes longer than the default query timeout to make (a release build about
    // a second, see BENCHMARKS.md).
    settings.query_timeout_ms = 120_000;
    let url = db.url();
    let first = Application::build(&settings).await.expect("first start");
    drop(first);
    let app = Application::build(&settings).await.expect("restart");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.into_server());
    let app = crate::helpers::TestApp {
        address,
        client: crate::helpers::client(),
        _db: db,
    };
    // Until the model is built, a load balancer is told to wait.
    let building = app.get("/health/ready").await;
    assert_eq!(building.status, 503);
    assert_eq!(building.json()["code"], "MODEL_BUILDING");
    let data = app
        .data(
            r#"{ euro: competition(slug: "euro") { editions { year } }
                 friendly: competition(slug: "friendly") { kind }
                 wc1954: tournament(slug: "world-cup-1954") { winner { name } }
                 euro2020: tournament(slug: "euro-2020") { final { winner { name } score { penalties { home away } } } }
                 h2h: matches(filter: { team: "ARG", opponent: "FRA" }, first: 1) { totalCount }
                 finals: matches(filter: { team: "ARG", opponent: "FRA", from: "2022-12-18", to: "2022-12-18" }) {
                   nodes { score { penalties { home away } } penaltyShootout { kicks { order } } } } }"#,
        )
        .await;
    assert_eq!(app.get("/health/ready").await.status, 200);
    let years: Vec<i64> = data["euro"]["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, (1960..=2024).step_by(4).collect::<Vec<_>>());
    assert_eq!(data["friendly"]["kind"], "FRIENDLY");
    assert_eq!(data["wc1954"]["winner"]["name"], "West Germany");
    assert_eq!(data["euro2020"]["final"]["winner"]["name"], "Italy");
    assert_eq!(
        data["h2h"]["totalCount"],
        meetings_in_bundle("Argentina", "France"),
        "every international between them, each once"
    );
    let finals = data["finals"]["nodes"].as_array().unwrap();
    assert_eq!(finals.len(), 1, "the 2022 final is one match");
    assert_eq!(finals[0]["score"]["penalties"]["home"], 4);
    assert_eq!(
        finals[0]["penaltyShootout"]["kicks"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
    the_finals_and_facts_of_issue_12(&app).await;
    screens_pass_the_cost_limit_and_dumps_do_not(&app).await;
    every_correction_applies(&url).await;
}

/// A group page, a match page in full, a bracket and a person page.
const SCREENS: [&str; 4] = [
    r#"{ tournament(slug: "world-cup-2022") { name groups { name
         standings { team { name code } played won drawn lost goalsFor goalsAgainst points }
         matches { kickoff venue { name } homeTeam { name } awayTeam { name }
           score { halfTime { home away } fullTime { home away } }
           goals { minute offset penalty ownGoal scorer { name } team { code } } } } } }"#,
    r#"{ tournament(slug: "world-cup-2022") { final { kickoff attendance venue { name city }
         homeTeam { name } awayTeam { name } decidedBy winner { name }
         score { halfTime { home away } fullTime { home away } extraTime { home away } penalties { home away } }
         goals { minute offset penalty ownGoal scorer { name } team { name } }
         cards { minute kind person { name } team { code } }
         substitutions { minute playerOn { name } playerOff { name } team { code } }
         lineups { home { shirtNumber starter person { name } } away { shirtNumber starter person { name } } }
         officials { role person { name } }
         penaltyShootout { kicks { order team { name } taker { name } outcome homeScore awayScore } } } } }"#,
    r#"{ tournament(slug: "world-cup-2022") { bracket { ...Node
         homeFrom { ...Node homeFrom { ...Node homeFrom { ...Node } awayFrom { ...Node } }
                            awayFrom { ...Node homeFrom { ...Node } awayFrom { ...Node } } }
         awayFrom { ...Node homeFrom { ...Node homeFrom { ...Node } awayFrom { ...Node } }
                            awayFrom { ...Node homeFrom { ...Node } awayFrom { ...Node } } } } } }
       fragment Node on BracketNode { match { homeTeam { name } awayTeam { name } winner { name }
         score { fullTime { home away } extraTime { home away } penalties { home away } } } }"#,
    r#"{ player(name: "Karim Benzema") { name birthDate nationality aliases
         squads { status shirtNumber tournament { name } team { name } }
         leftOutOf { tournament { name } team { name } reason }
         goals { minute penalty match { kickoff homeTeam { name } awayTeam { name } } }
         appearances { starter match { kickoff homeTeam { name } awayTeam { name } } }
         awards { name season } clubSpells { club { name } from until }
         internationalCareers { team { name } debutOn retiredOn } } }"#,
];

/// What a client shows people passes the default cost limit, counted with the real sizes of
/// the whole history's lists; every tournament's every match and goal does not.
async fn screens_pass_the_cost_limit_and_dumps_do_not(app: &crate::helpers::TestApp) {
    for screen in SCREENS {
        let body = app.post(screen, Value::Null).await;
        assert!(body.get("errors").is_none(), "{screen}\n{body:#}");
        let cost = &body["extensions"]["cost"];
        assert!(
            cost["estimated"].as_u64().unwrap() <= cost["limit"].as_u64().unwrap(),
            "{cost}"
        );
    }
    let dump = app
        .post(
            "{ tournaments { name matches { homeTeam { name } awayTeam { name } \
               goals { minute scorer { name } } } } }",
            Value::Null,
        )
        .await;
    assert_eq!(
        dump["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX",
        "{dump:#}"
    );
}

/// The facts issue 12 names, over the whole built-in history.
async fn the_finals_and_facts_of_issue_12(app: &crate::helpers::TestApp) {
    let data = app
        .data(
            r#"{ e2020: tournament(slug: "euro-2020") { final { ...F }
                   groups { name standings { team { code } } } }
                 e2016: tournament(slug: "euro-2016") { final { ...F } }
                 copa: tournament(slug: "copa-america-2024") { final { ...F } }
                 wc2014: tournament(slug: "world-cup-2014") { final { goals { minute scorer { name } } } }
                 wc1970: tournament(slug: "world-cup-1970") { final { officials { role person { name } } } }
                 wc1954: tournament(slug: "world-cup-1954") { groups { name standings { team { code } } } }
                 kane: player(name: "Harry Kane") { goals { penalty match { tournament { slug } } } }
                 muller: player(name: "Gerd Müller") { name } }
               fragment F on Match { homeTeam { code } awayTeam { code } winner { code } decidedBy
                 score { fullTime { home away } extraTime { home away } penalties { home away } } }"#,
        )
        .await;
    let line = |m: &Value| {
        let s = &m["score"];
        format!(
            "{} {}-{} {} aet {}-{} pen {}-{} {} {}",
            m["homeTeam"]["code"].as_str().unwrap_or("?"),
            s["fullTime"]["home"],
            s["fullTime"]["away"],
            m["awayTeam"]["code"].as_str().unwrap_or("?"),
            s["extraTime"]["home"],
            s["extraTime"]["away"],
            s["penalties"]["home"],
            s["penalties"]["away"],
            m["winner"]["code"].as_str().unwrap_or("?"),
            m["decidedBy"].as_str().unwrap_or("?"),
        )
    };
    assert_eq!(
        line(&data["e2020"]["final"]),
        "ITA 1-1 ENG aet 1-1 pen 3-2 ITA PENALTY_SHOOTOUT"
    );
    assert_eq!(
        line(&data["e2016"]["final"]),
        "POR 0-0 FRA aet 1-0 pen null-null POR EXTRA_TIME"
    );
    assert_eq!(
        line(&data["copa"]["final"]),
        "ARG 0-0 COL aet 1-0 pen null-null ARG EXTRA_TIME"
    );
    let gotze = &data["wc2014"]["final"]["goals"][0];
    assert_eq!(
        (gotze["scorer"]["name"].as_str(), gotze["minute"].as_i64()),
        (Some("Mario Götze"), Some(113))
    );
    let referee: Vec<&Value> = data["wc1970"]["final"]["officials"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["role"] == "REFEREE")
        .collect();
    assert_eq!(referee.len(), 1);
    assert_eq!(referee[0]["person"]["name"], "Rudi Glöckner");
    let first_of = |t: &Value, group: &str| -> Vec<String> {
        t["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == group)
            .map(|g| {
                g["standings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["team"]["code"].as_str().unwrap_or("?").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(first_of(&data["wc1954"], "Group 4")[0], "ENG");
    assert_eq!(
        first_of(&data["e2020"], "Group F"),
        ["FRA", "GER", "POR", "HUN"]
    );
    let kane_2018: Vec<&Value> = data["kane"]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["match"]["tournament"]["slug"] == "world-cup-2018")
        .collect();
    assert_eq!(kane_2018.len(), 6);
    assert_eq!(kane_2018.iter().filter(|g| g["penalty"] == true).count(), 3);
    assert_eq!(data["muller"]["name"], "Gerd Müller");
}

/// Every reviewed correction finds its match, player or goal in the whole history.
async fn every_correction_applies(url: &goalline::config::DatabaseUrl) {
    use diesel::prelude::*;
    let file: Value = serde_json::from_str(goalline::seed::CORRECTIONS).unwrap();
    let expected = file["corrections"].as_array().unwrap().len() as i64;
    let pool = goalline::db::pool(url, 1);
    let applied = goalline::db::run(&pool, |c| {
        Ok(goalline::schema::match_corrections::table
            .count()
            .get_result::<i64>(c)?)
    })
    .await
    .unwrap();
    assert_eq!(applied, expected);
}

crate::per_backend!(the_whole_history_is_built_in);
