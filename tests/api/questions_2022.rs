//! The questions people ask, one request each, answered from the 2022 World Cup.

use crate::helpers::{strings_at, TestApp};
use crate::on_both_backends;

async fn group_tables_and_the_podium(app: TestApp) {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") {
                winner { code } runnerUp { code } thirdPlace { code } fourthPlace { code }
                groups { name standings { team { code } played won drawn lost goalsFor goalsAgainst goalDifference points tied } } } }"#,
        )
        .await;
    let t = &data["tournament"];
    assert_eq!(
        [
            &t["winner"]["code"],
            &t["runnerUp"]["code"],
            &t["thirdPlace"]["code"],
            &t["fourthPlace"]["code"]
        ],
        ["ARG", "FRA", "CRO", "MAR"]
    );
    let group = |name: &str| {
        t["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == name)
            .unwrap()
            .clone()
    };
    let c = group("Group C");
    assert_eq!(
        strings_at(&c["standings"], &["team", "code"]),
        ["ARG", "POL", "MEX", "KSA"]
    );
    let argentina = &c["standings"][0];
    assert_eq!(argentina["points"], 6);
    assert_eq!(
        (argentina["won"].as_i64(), argentina["lost"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        (
            argentina["goalsFor"].as_i64(),
            argentina["goalsAgainst"].as_i64()
        ),
        (Some(5), Some(2))
    );
    // Poland and Mexico: 4 points each, goal difference 0 and -1.
    assert_eq!(c["standings"][1]["points"], 4);
    assert_eq!(c["standings"][2]["points"], 4);
    // Group E: Japan won it; Spain second on goal difference over Germany.
    assert_eq!(
        strings_at(&group("Group E")["standings"], &["team", "code"]),
        ["JPN", "ESP", "GER", "CRC"]
    );
    assert!(t["groups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["standings"].as_array().unwrap().len() == 4));
}

async fn the_knockout_bracket_is_a_tree(app: TestApp) {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") { bracket {
                match { stage { kind } winner { code } }
                homeFrom { match { awayTeam { code } winner { code } decidedBy }
                  homeFrom { match { homeTeam { code } awayTeam { code } winner { code } }
                    homeFrom { match { stage { kind } homeTeam { code } awayTeam { code } } homeFrom { match { number } } } } }
                awayFrom { match { homeTeam { code } awayTeam { code } } } } } }"#,
        )
        .await;
    let b = &data["tournament"]["bracket"];
    assert_eq!(b["match"]["stage"]["kind"], "FINAL");
    assert_eq!(b["match"]["winner"]["code"], "ARG");
    // Argentina's semi-final against Croatia, who had beaten Brazil on penalties.
    let semi = &b["homeFrom"];
    assert_eq!(semi["match"]["awayTeam"]["code"], "CRO");
    let quarter = &semi["homeFrom"];
    assert_eq!(
        (
            quarter["match"]["homeTeam"]["code"].as_str(),
            quarter["match"]["awayTeam"]["code"].as_str()
        ),
        (Some("NED"), Some("ARG"))
    );
    assert_eq!(quarter["match"]["winner"]["code"], "ARG");
    let round_of_16 = &quarter["homeFrom"];
    assert_eq!(round_of_16["match"]["stage"]["kind"], "ROUND_OF_16");
    assert_eq!(round_of_16["match"]["awayTeam"]["code"], "USA");
    assert!(
        round_of_16["homeFrom"].is_null(),
        "the tree starts at the round of 16"
    );
    assert_eq!(b["awayFrom"]["match"]["homeTeam"]["code"], "FRA");
    assert_eq!(b["awayFrom"]["match"]["awayTeam"]["code"], "MAR");
}

async fn top_scorers_count_penalties_apart(app: TestApp) {
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { topScorers(first: 3) { person { name } team { code } goals penalties } } }"#)
        .await;
    let top = &data["tournament"]["topScorers"];
    assert_eq!(top[0]["person"]["name"], "Kylian Mbappé");
    assert_eq!(
        (top[0]["goals"].as_i64(), top[0]["penalties"].as_i64()),
        (Some(8), Some(2))
    );
    assert_eq!(top[1]["person"]["name"], "Lionel Messi");
    assert_eq!(
        (top[1]["goals"].as_i64(), top[1]["penalties"].as_i64()),
        (Some(7), Some(4))
    );
    assert_eq!(top.as_array().unwrap().len(), 3);
    let err = app
        .first_error(
            r#"{ tournament(slug: "world-cup-2022") { topScorers(first: 500) { goals } } }"#,
        )
        .await;
    assert_eq!(err["extensions"]["code"], "BAD_USER_INPUT");
}

async fn the_final_as_a_timeline(app: TestApp) {
    let data = app
        .data(
            r#"{ tournament(slug: "world-cup-2022") { final { timeline {
                __typename
                ... on Goal { minute scorer { name } }
                ... on Card { minute kind }
                ... on Substitution { minute offset playerOn { name } }
                ... on ShootoutKick { order outcome } } } } }"#,
        )
        .await;
    let events = data["tournament"]["final"]["timeline"].as_array().unwrap();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["__typename"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "Goal").count(), 6);
    assert_eq!(kinds.iter().filter(|k| **k == "Card").count(), 8);
    assert_eq!(kinds.iter().filter(|k| **k == "Substitution").count(), 13);
    assert_eq!(kinds.iter().filter(|k| **k == "ShootoutKick").count(), 8);
    assert_eq!(events[0]["__typename"], "Goal");
    assert_eq!(events[0]["minute"], 23);
    // The shootout closes the timeline, in order.
    let orders: Vec<i64> = events[events.len() - 8..]
        .iter()
        .map(|e| e["order"].as_i64().unwrap())
        .collect();
    assert_eq!(orders, (1..=8).collect::<Vec<_>>());
    let minutes: Vec<i64> = events[..events.len() - 8]
        .iter()
        .map(|e| e["minute"].as_i64().unwrap())
        .collect();
    assert!(minutes.windows(2).all(|w| w[0] <= w[1]), "{minutes:?}");
}

async fn a_nations_record_head_to_head_and_trivia(app: TestApp) {
    let data = app
        .data(
            r#"{ team(code: "ARG") { record { tournaments played won drawn lost goalsFor goalsAgainst titles bestFinish } }
                 headToHead(teamA: "ARG", teamB: "FRA") { played winsA winsB draws shootoutWinsA shootoutWinsB goalsA goalsB matches { number } }
                 records(first: 3) { mostGoalsInAMatch { homeTeam { code } awayTeam { code } }
                   highestAttendances { attendance } fastestGoals { minute scorer { name } } mostShootouts { team { code } count } } }"#,
        )
        .await;
    let r = &data["team"]["record"];
    assert_eq!(
        [
            r["tournaments"].as_i64(),
            r["played"].as_i64(),
            r["won"].as_i64(),
            r["drawn"].as_i64(),
            r["lost"].as_i64()
        ],
        [Some(1), Some(7), Some(4), Some(2), Some(1)]
    );
    assert_eq!(
        (r["goalsFor"].as_i64(), r["goalsAgainst"].as_i64()),
        (Some(15), Some(8))
    );
    assert_eq!(r["titles"], 1);
    assert_eq!(r["bestFinish"], "CHAMPION");

    let h = &data["headToHead"];
    assert_eq!(
        (h["played"].as_i64(), h["draws"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(
        (h["shootoutWinsA"].as_i64(), h["shootoutWinsB"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(
        (h["goalsA"].as_i64(), h["goalsB"].as_i64()),
        (Some(3), Some(3))
    );
    assert_eq!(h["matches"][0]["number"], 64);

    let rec = &data["records"];
    assert_eq!(rec["mostGoalsInAMatch"][0]["homeTeam"]["code"], "ENG");
    assert_eq!(rec["mostGoalsInAMatch"][0]["awayTeam"]["code"], "IRN");
    assert_eq!(rec["highestAttendances"][0]["attendance"], 88966);
    // Argentina and Croatia went to penalties twice each.
    let twice: Vec<&str> = rec["mostShootouts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["count"] == 2)
        .map(|t| t["team"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(twice.len(), 2);
    assert!(
        twice.contains(&"ARG") && twice.contains(&"CRO"),
        "{twice:?}"
    );
    let err = app
        .first_error(r#"{ headToHead(teamA: "ARG", teamB: "XYZ") { played } }"#)
        .await;
    assert_eq!(err["extensions"]["argument"], "teamB");
}

on_both_backends!(
    group_tables_and_the_podium,
    the_knockout_bracket_is_a_tree,
    top_scorers_count_penalties_apart,
    the_final_as_a_timeline,
    a_nations_record_head_to_head_and_trivia
);
