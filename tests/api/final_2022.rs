//! The headline case: the 2022 World Cup final, Argentina 3-3 France, 4-2 on penalties.

use crate::helpers::{strings_at, TestApp};
use crate::on_both_backends;
use serde_json::json;

const FINAL_QUERY: &str = r#"{ tournament(slug: "world-cup-2022") { winner { name } runnerUp { name } final {
    homeTeam { name } awayTeam { name } decidedBy winner { name } kickoff attendance
    venue { name city }
    score { halfTime { home away } fullTime { home away } extraTime { home away } penalties { home away } }
    goals { minute offset penalty ownGoal period scorer { name } team { name } }
    penaltyShootout { score { home away } winner { name }
      kicks { order team { name } taker { name } outcome homeScore awayScore } }
    corrections { fact value reference } } } }"#;

async fn the_final_answers_with_the_facts(app: TestApp) {
    let data = app.data(FINAL_QUERY).await;
    let t = &data["tournament"];
    assert_eq!(t["winner"]["name"], "Argentina");
    assert_eq!(t["runnerUp"]["name"], "France");
    let f = &t["final"];
    assert_eq!(f["homeTeam"]["name"], "Argentina");
    assert_eq!(f["awayTeam"]["name"], "France");
    assert_eq!(f["decidedBy"], "PENALTY_SHOOTOUT");
    assert_eq!(f["winner"]["name"], "Argentina");
    assert_eq!(f["kickoff"], "2022-12-18T18:00:00+03:00");
    assert_eq!(f["attendance"], 88966);
    assert_eq!(f["venue"]["name"], "Lusail Stadium");
    assert_eq!(
        f["score"],
        json!({
            "halfTime": { "home": 2, "away": 0 },
            "fullTime": { "home": 2, "away": 2 },
            "extraTime": { "home": 3, "away": 3 },
            "penalties": { "home": 4, "away": 2 },
        })
    );

    let goals = f["goals"].as_array().unwrap();
    let told: Vec<(String, i64, bool, &str)> = goals
        .iter()
        .map(|g| {
            (
                g["scorer"]["name"].as_str().unwrap().to_owned(),
                g["minute"].as_i64().unwrap(),
                g["penalty"].as_bool().unwrap(),
                g["team"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        told,
        vec![
            ("Lionel Messi".to_owned(), 23, true, "Argentina"),
            ("Ángel Di María".to_owned(), 36, false, "Argentina"),
            ("Kylian Mbappé".to_owned(), 80, true, "France"),
            ("Kylian Mbappé".to_owned(), 81, false, "France"),
            ("Lionel Messi".to_owned(), 108, false, "Argentina"),
            ("Kylian Mbappé".to_owned(), 118, true, "France"),
        ]
    );
    assert!(goals
        .iter()
        .all(|g| g["ownGoal"] == false && g["offset"] == 0));
    assert_eq!(goals[4]["period"], "EXTRA_TIME_SECOND_HALF");

    let shootout = &f["penaltyShootout"];
    assert_eq!(shootout["score"], json!({ "home": 4, "away": 2 }));
    assert_eq!(shootout["winner"]["name"], "Argentina");
    let kicks = &shootout["kicks"];
    let takers = strings_at(kicks, &["taker", "name"]);
    let surnames: Vec<&str> = takers
        .iter()
        .map(|n| n.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(
        surnames,
        [
            "Mbappé",
            "Messi",
            "Coman",
            "Dybala",
            "Tchouaméni",
            "Paredes",
            "Muani",
            "Montiel"
        ]
    );
    assert_eq!(takers[6], "Randal Kolo Muani");
    let outcomes = strings_at(kicks, &["outcome"]);
    assert_eq!(
        outcomes,
        ["SCORED", "SCORED", "SAVED", "SCORED", "MISSED", "SCORED", "SCORED", "SCORED"]
    );
    // The report writes "missed" for both; how each failed is a reviewed correction.
    let corrected: Vec<(&str, &str)> = f["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["fact"] == "KICK_OUTCOME")
        .map(|c| {
            (
                c["value"].as_str().unwrap(),
                c["reference"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        corrected.iter().map(|c| c.0).collect::<Vec<_>>(),
        ["Kingsley Coman saved", "Aurélien Tchouaméni missed"]
    );
    assert!(corrected.iter().all(|c| c.1.contains("match report")));
    let teams = strings_at(kicks, &["team", "name"]);
    assert_eq!(
        teams,
        [
            "France",
            "Argentina",
            "France",
            "Argentina",
            "France",
            "Argentina",
            "France",
            "Argentina"
        ]
    );
    let running: Vec<(i64, i64)> = kicks
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["homeScore"].as_i64().unwrap(),
                k["awayScore"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        running,
        [
            (0, 1),
            (1, 1),
            (1, 1),
            (2, 1),
            (2, 1),
            (3, 1),
            (3, 2),
            (4, 2)
        ]
    );
    let orders: Vec<i64> = kicks
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["order"].as_i64().unwrap())
        .collect();
    assert_eq!(orders, (1..=8).collect::<Vec<_>>());
}

async fn the_final_has_line_ups_substitutions_cards_and_referee(app: TestApp) {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") { final {
                referee { name nationality }
                lineups { home { starter captain shirtNumber person { name } } away { starter captain person { name } } }
                substitutions { minute offset team { code } playerOn { name } playerOff { name } }
                cards { minute offset kind person { name } team { code } } } } }"#,
        )
        .await;
    let f = &data["tournament"]["final"];
    assert_eq!(f["referee"]["name"], "Szymon Marciniak");
    assert_eq!(f["referee"]["nationality"], "POL");

    let home = f["lineups"]["home"].as_array().unwrap();
    assert_eq!(home.iter().filter(|p| p["starter"] == true).count(), 11);
    let captain: Vec<_> = home.iter().filter(|p| p["captain"] == true).collect();
    assert_eq!(captain.len(), 1);
    assert_eq!(captain[0]["person"]["name"], "Lionel Messi");
    assert_eq!(captain[0]["shirtNumber"], 10);
    let away = f["lineups"]["away"].as_array().unwrap();
    assert_eq!(away.iter().filter(|p| p["starter"] == true).count(), 11);
    // Argentina used six substitutes, France seven (two before half time).
    assert_eq!(home.iter().filter(|p| p["starter"] == false).count(), 6);
    assert_eq!(away.iter().filter(|p| p["starter"] == false).count(), 7);

    let subs = f["substitutions"].as_array().unwrap();
    let first = &subs[0];
    assert_eq!(first["minute"], 41);
    assert_eq!(first["team"]["code"], "FRA");
    let dybala = subs
        .iter()
        .find(|s| s["playerOn"]["name"] == "Paulo Dybala")
        .expect("Dybala came on");
    assert_eq!(
        (dybala["minute"].as_i64(), dybala["offset"].as_i64()),
        (Some(120), Some(1))
    );

    let cards = f["cards"].as_array().unwrap();
    assert!(cards.iter().all(|c| c["kind"] == "YELLOW"));
    let martinez = cards
        .iter()
        .find(|c| c["person"]["name"] == "Emiliano Martínez")
        .expect("Emiliano Martínez was booked in the shootout");
    assert_eq!(martinez["minute"], 125);
    // Fernández, Acuña, Paredes, Montiel, E. Martínez; Rabiot, Thuram, Giroud.
    assert_eq!(cards.len(), 8, "{cards:#?}");
}

async fn minutes_played_and_ages_come_from_the_line_ups(app: TestApp) {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") { final { lineups {
                home { minutesPlayed ageAtKickoff person { name } }
                away { minutesPlayed ageAtKickoff person { name } } } } } }"#,
        )
        .await;
    let lineups = &data["tournament"]["final"]["lineups"];
    let all: Vec<&serde_json::Value> = lineups["home"]
        .as_array()
        .unwrap()
        .iter()
        .chain(lineups["away"].as_array().unwrap())
        .collect();
    let player = |name: &str| *all.iter().find(|p| p["person"]["name"] == name).unwrap();
    assert_eq!(player("Lionel Messi")["minutesPlayed"], 120);
    assert_eq!(player("Lionel Messi")["ageAtKickoff"], 35);
    // Two days before his 24th birthday.
    assert_eq!(player("Kylian Mbappé")["ageAtKickoff"], 23);
    assert_eq!(player("Ángel Di María")["minutesPlayed"], 64);
    // On at 64 for Di María, to the end of extra time.
    assert_eq!(player("Marcos Acuña")["minutesPlayed"], 56);
    // Replaced Giroud at 41.
    assert_eq!(player("Marcus Thuram")["minutesPlayed"], 79);
}

on_both_backends!(
    the_final_answers_with_the_facts,
    the_final_has_line_ups_substitutions_cards_and_referee,
    minutes_played_and_ages_come_from_the_line_ups
);
