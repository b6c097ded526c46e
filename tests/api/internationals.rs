//! Beyond the World Cups, on both backends: the EUROs (plain Football.TXT with squads, and
//! football.json), Copa América 2024, and the international results since 1872 with their
//! competitions and editions; a match two sources describe is written once.
//!
//! The data is the files built into goalline (`tests/api/data.rs`).

use serde_json::{json, Value};

use crate::helpers::{Backend, TestApp};
use crate::import::spawn_with_imported;

const FINAL: &str = r#"query($slug: String!) { tournament(slug: $slug) {
    name year competition { slug name kind }
    final { homeTeam { name } awayTeam { name } winner { name } decidedBy
      score { fullTime { home away } extraTime { home away } penalties { home away } result { home away } } } } }"#;

/// A folder holding these files of the bundled World Cup reports (`worldcup/more/`).
fn world_cup_reports(files: &[&str]) -> crate::helpers::tempdir::Dir {
    let dir = crate::helpers::tempdir::Dir::new("goalline-reports");
    let more = dir.path().join("worldcup/more");
    std::fs::create_dir_all(&more).unwrap();
    let source = crate::data::bundled("openfootball").join("worldcup/more");
    for file in files {
        std::fs::copy(source.join(file), more.join(file)).unwrap();
    }
    dir
}

async fn final_of(app: &TestApp, slug: &str) -> Value {
    let body = app.post(FINAL, json!({ "slug": slug })).await;
    assert!(body.get("errors").is_none(), "{slug}: {body:#}");
    body["data"]["tournament"].clone()
}

fn line(score: &Value) -> (i64, i64) {
    (
        score["home"].as_i64().unwrap(),
        score["away"].as_i64().unwrap(),
    )
}

async fn continental_finals(backend: Backend) {
    let dir = crate::data::bundled("openfootball-continental");
    let Some(app) = spawn_with_imported(backend, vec![dir]).await else {
        return;
    };
    let euro_2020 = final_of(&app, "euro-2020").await;
    assert_eq!(euro_2020["year"], 2020, "named for 2020, played in 2021");
    assert_eq!(euro_2020["competition"]["slug"], "euro");
    assert_eq!(euro_2020["competition"]["kind"], "TOURNAMENT");
    let f = &euro_2020["final"];
    assert_eq!(
        (
            f["homeTeam"]["name"].as_str(),
            f["awayTeam"]["name"].as_str()
        ),
        (Some("Italy"), Some("England"))
    );
    assert_eq!(line(&f["score"]["fullTime"]), (1, 1));
    assert_eq!(line(&f["score"]["extraTime"]), (1, 1));
    assert_eq!(line(&f["score"]["penalties"]), (3, 2));
    assert_eq!(f["winner"]["name"], "Italy");
    assert_eq!(f["decidedBy"], "PENALTY_SHOOTOUT");

    let f = &final_of(&app, "euro-2016").await["final"];
    assert_eq!(f["homeTeam"]["name"], "Portugal");
    assert_eq!(line(&f["score"]["fullTime"]), (0, 0));
    assert_eq!(line(&f["score"]["extraTime"]), (1, 0));
    assert_eq!(f["winner"]["name"], "Portugal");
    assert_eq!(f["decidedBy"], "EXTRA_TIME");

    let f = &final_of(&app, "copa-america-2024").await["final"];
    assert_eq!(
        (
            f["homeTeam"]["name"].as_str(),
            f["awayTeam"]["name"].as_str()
        ),
        (Some("Argentina"), Some("Colombia"))
    );
    assert_eq!(line(&f["score"]["extraTime"]), (1, 0));
    assert_eq!(f["winner"]["name"], "Argentina");

    // Every EURO from 1960 to 2024 is an edition of one competition; 2028 is not played yet.
    let data = app
        .data(r#"{ competition(slug: "euro") { name editions { year slug } } }"#)
        .await;
    let years: Vec<i64> = data["competition"]["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, (1960..=2024).step_by(4).collect::<Vec<_>>());
}

crate::per_backend!(continental_finals);

/// A folder holding the international results between two teams only, with their goals,
/// shootouts and the former names: small enough to import in a test, real rows.
fn meetings_of(a: &str, b: &str) -> Option<(crate::helpers::tempdir::Dir, usize)> {
    let source = crate::data::bundled("international-results");
    let dir = crate::helpers::tempdir::Dir::new("goalline-internationals");
    let between = |l: &str| {
        let f: Vec<&str> = l.split(',').collect();
        f.len() > 2 && ((f[1] == a && f[2] == b) || (f[1] == b && f[2] == a))
    };
    let mut rows = 0;
    for name in [
        "results.csv",
        "goalscorers.csv",
        "shootouts.csv",
        "former_names.csv",
    ] {
        let text = std::fs::read_to_string(source.join(name)).unwrap();
        let mut lines = text.lines();
        let mut out = vec![lines.next().unwrap().to_owned()];
        for l in lines.filter(|l| name == "former_names.csv" || between(l)) {
            out.push(l.to_owned());
        }
        if name == "results.csv" {
            rows = out.len() - 1;
        }
        std::fs::write(dir.path().join(name), out.join("\n") + "\n").unwrap();
    }
    Some((dir, rows))
}

/// An app holding every meeting of two teams the results list (with their goals and
/// shootouts); `None` where the backend is not available.
async fn spawn_with_meetings(backend: Backend, a: &str, b: &str) -> Option<TestApp> {
    let (dir, _) = meetings_of(a, b)?;
    spawn_with_imported(backend, vec![dir.path().to_path_buf()]).await
}

async fn argentina_v_france(backend: Backend) {
    let Some((dir, meetings)) = meetings_of("Argentina", "France") else {
        return;
    };
    let Some(app) = spawn_with_imported(backend, vec![dir.path().to_path_buf()]).await else {
        return;
    };
    let data = app
        .data(
            r#"{ matches(filter: { team: "ARG", opponent: "FRA" }, first: 100) { totalCount
                 nodes { date city number competition { slug kind } tournament { slug }
                   score { result { home away } fullTime { home away } penalties { home away } }
                   homeTeam { name } winner { name } goals { minute } } } }"#,
        )
        .await;
    let found = &data["matches"];
    assert!(meetings > 10, "the file lists {meetings} meetings");
    assert_eq!(
        found["totalCount"], meetings,
        "every meeting, the 2022 final once"
    );
    let nodes = found["nodes"].as_array().unwrap();
    let finals: Vec<&Value> = nodes.iter().filter(|m| m["date"] == "2022-12-18").collect();
    assert_eq!(
        finals.len(),
        1,
        "the built-in final and the file's row are one match"
    );
    let final_2022 = finals[0];
    assert_eq!(
        line(&final_2022["score"]["penalties"]),
        (4, 2),
        "kept from the richer source"
    );
    assert_eq!(final_2022["city"], "Lusail");
    assert_eq!(final_2022["tournament"]["slug"], "world-cup-2022");

    // A friendly has a competition but no edition, and only its result is known.
    let friendly = nodes
        .iter()
        .find(|m| m["competition"]["slug"] == "friendly")
        .expect("a friendly between them");
    assert_eq!(friendly["competition"]["kind"], "FRIENDLY");
    assert!(friendly["tournament"].is_null() && friendly["number"].is_null());
    assert!(friendly["score"]["result"].is_object());
    assert!(
        friendly["score"]["fullTime"].is_null(),
        "the 90-minute score is not known"
    );

    // The 1930 World Cup match: an edition of the World Cup created from the results, with
    // its goal (Monti's free kick) from goalscorers.csv.
    let first = &nodes[0];
    assert_eq!(first["date"], "1930-07-15");
    assert_eq!(first["tournament"]["slug"], "world-cup-1930");
    assert_eq!(first["winner"]["name"], "Argentina");
    assert_eq!(first["goals"].as_array().unwrap().len(), 1);

    let data = app
        .data(r#"{ competitions { slug } competition(slug: "world-cup") { editions { slug } } }"#)
        .await;
    let slugs: Vec<&str> = data["competitions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["slug"].as_str())
        .collect();
    assert!(
        slugs.contains(&"world-cup") && slugs.contains(&"friendly"),
        "{slugs:?}"
    );
}

crate::per_backend!(argentina_v_france);

/// goalscorers.csv writes `NA` for the minute of 254 older goals: they count, untimed.
async fn goals_without_a_minute(backend: Backend) {
    let Some(app) = spawn_with_meetings(backend, "Ethiopia", "Tunisia").await else {
        return;
    };
    let data = app
        .data(
            r#"{ matches(filter: { team: "Ethiopia", opponent: "Tunisia" }, first: 100) {
                 nodes { date score { result { home away } }
                   goals { minute period team { name } scorer { name } claims { minute } }
                   timeline { __typename ... on Goal { minute } } } } }"#,
        )
        .await;
    let nodes = data["matches"]["nodes"].as_array().unwrap();
    // 1963 African Cup of Nations: Ethiopia 4-2 Tunisia; Tunisia's goals at 15' and 67',
    // Ethiopia's four untimed.
    let m = nodes
        .iter()
        .find(|m| m["date"] == "1963-11-28")
        .expect("the 1963 match");
    assert_eq!(line(&m["score"]["result"]), (4, 2));
    let goals = m["goals"].as_array().unwrap();
    let shown: Vec<(Option<i64>, &str, Option<&str>)> = goals
        .iter()
        .map(|g| {
            (
                g["minute"].as_i64(),
                g["team"]["name"].as_str().unwrap(),
                g["scorer"]["name"].as_str(),
            )
        })
        .collect();
    assert_eq!(goals.len(), 6, "every goal counts: {shown:?}");
    assert_eq!(
        shown[..2].iter().map(|g| (g.0, g.1)).collect::<Vec<_>>(),
        vec![(Some(15), "Tunisia"), (Some(67), "Tunisia")],
        "timed goals first, by minute"
    );
    for (g, raw) in shown[2..].iter().zip(&goals[2..]) {
        assert_eq!((g.0, g.1), (None, "Ethiopia"));
        assert!(raw["period"].is_null() && raw["claims"][0]["minute"].is_null());
    }
    let worku = shown
        .iter()
        .filter(|g| g.2.is_some_and(|n| n.contains("Worku")))
        .count();
    assert_eq!(worku, 2, "{shown:?}");
    let timeline: Vec<Option<i64>> = m["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["minute"].as_i64())
        .collect();
    assert_eq!(timeline, vec![Some(15), Some(67), None, None, None, None]);
}

crate::per_backend!(goals_without_a_minute);

/// EURO 1984's group matches have no date in Football.TXT; the results give it. Either file
/// read first, each match is there once, dated, with its goal from goalscorers.csv.
async fn an_undated_match_is_paired_with_its_results_row(backend: Backend) {
    let continental = crate::data::bundled("openfootball-continental");
    let Some((results, _)) = meetings_of("France", "Denmark") else {
        return;
    };
    let results = results.path().to_path_buf();
    for order in [
        vec![continental.clone(), results.clone()],
        vec![results.clone(), continental.clone()],
    ] {
        let Some(app) = spawn_with_imported(backend, order).await else {
            return;
        };
        let data = app
            .data(
                r#"{ tournament(slug: "euro-1984") { matches { date city neutral homeTeam { name } awayTeam { name }
                     score { result { home away } } goals { scorer { name } } } } }"#,
            )
            .await;
        let meetings: Vec<&Value> = data["tournament"]["matches"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| {
                let teams = [&m["homeTeam"]["name"], &m["awayTeam"]["name"]];
                teams.contains(&&json!("France")) && teams.contains(&&json!("Denmark"))
            })
            .collect();
        assert_eq!(meetings.len(), 1, "one match, not two: {meetings:#?}");
        let m = meetings[0];
        assert_eq!(m["date"], "1984-06-12");
        // Where it was played comes from the results file alone (Football.TXT names no city).
        assert_eq!(
            (&m["city"], &m["neutral"]),
            (&json!("Paris"), &json!(false))
        );
        assert_eq!(line(&m["score"]["result"]), (1, 0));
        let scorers: Vec<&str> = m["goals"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|g| g["scorer"]["name"].as_str())
            .collect();
        assert_eq!(scorers.len(), 1, "{scorers:?}");
        assert!(scorers[0].contains("Platini"), "{scorers:?}");
    }
}

crate::per_backend!(an_undated_match_is_paired_with_its_results_row);

/// Two Javier Hernándezes played for Mexico (World Cup squads of 1986 and 2010, born 1961 and
/// 1988): a goal of 2011 given by name alone in goalscorers.csv is the younger's.
async fn a_scorer_is_the_namesake_of_an_age_to_play(backend: Backend) {
    let reports = world_cup_reports(&[
        "1986_full.txt",
        "1986_squads.txt",
        "2010_full.txt",
        "2010_squads.txt",
    ]);
    let Some((results, _)) = meetings_of("Cuba", "Mexico") else {
        return;
    };
    let paths = vec![reports.path().to_path_buf(), results.path().to_path_buf()];
    let Some(app) = spawn_with_imported(backend, paths).await else {
        return;
    };
    let data = app
        .data(
            r#"{ matches(filter: { team: "Mexico", opponent: "Cuba", from: "2011-06-09", to: "2011-06-09" }) {
                 nodes { goals { scorer { name birthDate } } } } }"#,
        )
        .await;
    let scorers: Vec<(&str, &str)> = data["matches"]["nodes"][0]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let s = &g["scorer"];
            (
                s["name"].as_str().unwrap(),
                s["birthDate"].as_str().unwrap_or("?"),
            )
        })
        .filter(|(name, _)| name.contains("Hern"))
        .collect();
    assert_eq!(scorers.len(), 2, "{data:#}");
    assert!(
        scorers.iter().all(|(_, born)| *born == "1988-06-01"),
        "{scorers:?}"
    );
}

crate::per_backend!(a_scorer_is_the_namesake_of_an_age_to_play);

/// The EURO squad lists give no birth date: their players are the people the World Cup squads
/// already hold, and of two namesakes (Spain's Rodris, born 1934 and 1996) the one of an age to
/// play. (Spellings that differ, the report's "Niclas FUELLKRUG": `import::identity` tests.)
async fn a_euro_squad_names_the_people_already_known(backend: Backend) {
    let files = world_cup_reports(&["1962_full.txt", "1962_squads.txt"]);
    let euro = crate::data::bundled("openfootball-continental").join("euro/2024--germany");
    let Some(app) = spawn_with_imported(backend, vec![files.path().to_path_buf(), euro]).await
    else {
        return;
    };
    let data = app
        .data(
            r#"{ ger: team(code: "GER") { squad(tournament: "euro-2024") { person { name birthDate } } }
                 esp: team(code: "ESP") { squad(tournament: "euro-2024") { person { name birthDate } } } }"#,
        )
        .await;
    let born = |team: &str, name: &str| -> Option<String> {
        let squad = data[team]["squad"].as_array().unwrap();
        let member = squad
            .iter()
            .find(|m| {
                m["person"]["name"]
                    .as_str()
                    .is_some_and(|n| n.contains(name))
            })
            .unwrap_or_else(|| panic!("{name} in {team}'s squad: {data:#}"));
        member["person"]["birthDate"].as_str().map(str::to_owned)
    };
    assert_eq!(born("ger", "llkrug").as_deref(), Some("1993-02-09"));
    assert_eq!(born("esp", "Rodri").as_deref(), Some("1996-06-22"));
}

crate::per_backend!(a_euro_squad_names_the_people_already_known);

/// A team the results bring in (Mali: no World Cup) has its FIFA code from the start, and its
/// scorers have it as their nationality: one record per player, whoever shares the name.
async fn scorers_of_a_team_new_to_goalline_have_its_nationality(backend: Backend) {
    let Some(app) = spawn_with_meetings(backend, "Mali", "Sudan").await else {
        return;
    };
    let data = app
        .data(
            r#"{ matches(filter: { team: "MLI", opponent: "Sudan" }, first: 100) {
                 nodes { goals { team { code } scorer { id name nationality } } } } }"#,
        )
        .await;
    let kanoute: Vec<&Value> = data["matches"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["goals"].as_array().unwrap())
        .map(|g| &g["scorer"])
        .filter(|s| s["name"].as_str().is_some_and(|n| n.contains("Kanout")))
        .collect();
    assert!(kanoute.len() >= 2, "{data:#}");
    assert!(
        kanoute.iter().all(|s| s["id"] == kanoute[0]["id"]),
        "{kanoute:?}"
    );
    assert!(
        kanoute.iter().all(|s| s["nationality"] == "MLI"),
        "{kanoute:?}"
    );
}

crate::per_backend!(scorers_of_a_team_new_to_goalline_have_its_nationality);

/// West Germany and Germany are two teams with their own records but one nation: Rudi Völler
/// of West Germany's 1990 squad (spelt "Rudi VOELLER" there) is the scorer the results name
/// for West Germany in 1989 and for Germany in 1991, one person, shown as the results spell him.
async fn a_player_of_west_germany_scores_for_germany_as_one_person(backend: Backend) {
    let reports = world_cup_reports(&["1990_full.txt", "1990_squads.txt"]);
    let Some((results, _)) = meetings_of("Germany", "Wales") else {
        return;
    };
    let paths = vec![reports.path().to_path_buf(), results.path().to_path_buf()];
    let Some(app) = spawn_with_imported(backend, paths).await else {
        return;
    };
    let data = app
        .data(
            r#"{ people(filter: { name: "Voller" }, first: 10) { nodes { name birthDate
                   goals { team { code } match { date } } } } }"#,
        )
        .await;
    let people = data["people"]["nodes"].as_array().unwrap();
    assert_eq!(people.len(), 1, "one Rudi Völler: {data:#}");
    assert_eq!(people[0]["birthDate"], "1960-04-13");
    let goals: Vec<(&str, &str)> = people[0]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["match"]["date"].as_str().unwrap(),
                g["team"]["code"].as_str().unwrap(),
            )
        })
        .collect();
    // In the order they were scored: the results give no kick-off time, the report does.
    assert_eq!(
        goals,
        [
            ("1989-11-15", "FRG"),
            ("1990-06-10", "FRG"),
            ("1990-06-15", "FRG"),
            ("1990-06-15", "FRG"),
            ("1991-10-16", "GER"),
        ],
        "{data:#}"
    );
    assert_eq!(
        people[0]["name"], "Rudi Völler",
        "the spelling with its umlaut"
    );
}

crate::per_backend!(a_player_of_west_germany_scores_for_germany_as_one_person);
