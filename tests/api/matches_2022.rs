//! Every 2022 knockout match, and a sample of group matches, checked by value.

use std::collections::HashMap;

use crate::helpers::TestApp;
use crate::on_both_backends;
use serde_json::Value;

const ALL_MATCHES: &str = r#"{ tournament(slug: "world-cup-2022") { matches {
    number stage { kind } group { name } homeTeam { code } awayTeam { code } decidedBy winner { code }
    score { halfTime { home away } fullTime { home away } extraTime { home away } penalties { home away } }
    goals { team { code } } } } }"#;

type Goals = (i64, i64);

/// (home, away, after 90, after 120, shootout, stage kind). Source: the official results.
type Knockout = (
    &'static str,
    &'static str,
    Goals,
    Option<Goals>,
    Option<Goals>,
    &'static str,
);

const KNOCKOUT: &[Knockout] = &[
    ("NED", "USA", (3, 1), None, None, "ROUND_OF_16"),
    ("ARG", "AUS", (2, 1), None, None, "ROUND_OF_16"),
    ("FRA", "POL", (3, 1), None, None, "ROUND_OF_16"),
    ("ENG", "SEN", (3, 0), None, None, "ROUND_OF_16"),
    (
        "JPN",
        "CRO",
        (1, 1),
        Some((1, 1)),
        Some((1, 3)),
        "ROUND_OF_16",
    ),
    ("BRA", "KOR", (4, 1), None, None, "ROUND_OF_16"),
    (
        "MAR",
        "ESP",
        (0, 0),
        Some((0, 0)),
        Some((3, 0)),
        "ROUND_OF_16",
    ),
    ("POR", "SUI", (6, 1), None, None, "ROUND_OF_16"),
    (
        "CRO",
        "BRA",
        (0, 0),
        Some((1, 1)),
        Some((4, 2)),
        "QUARTER_FINAL",
    ),
    (
        "NED",
        "ARG",
        (2, 2),
        Some((2, 2)),
        Some((3, 4)),
        "QUARTER_FINAL",
    ),
    ("MAR", "POR", (1, 0), None, None, "QUARTER_FINAL"),
    ("ENG", "FRA", (1, 2), None, None, "QUARTER_FINAL"),
    ("ARG", "CRO", (3, 0), None, None, "SEMI_FINAL"),
    ("FRA", "MAR", (2, 0), None, None, "SEMI_FINAL"),
    ("CRO", "MAR", (2, 1), None, None, "THIRD_PLACE"),
    ("ARG", "FRA", (2, 2), Some((3, 3)), Some((4, 2)), "FINAL"),
];

/// (home, away, half time, full time, group).
type GroupResult = (&'static str, &'static str, Goals, Goals, &'static str);

const GROUP_SAMPLE: &[GroupResult] = &[
    ("QAT", "ECU", (0, 2), (0, 2), "Group A"),
    ("ENG", "IRN", (3, 0), (6, 2), "Group B"),
    ("ARG", "KSA", (1, 0), (1, 2), "Group C"),
    ("GER", "JPN", (1, 0), (1, 2), "Group E"),
    ("ESP", "CRC", (3, 0), (7, 0), "Group E"),
    ("CMR", "BRA", (0, 0), (1, 0), "Group G"),
    ("KOR", "POR", (1, 1), (2, 1), "Group H"),
    ("TUN", "FRA", (0, 0), (1, 0), "Group D"),
    ("CMR", "SRB", (1, 2), (3, 3), "Group G"),
];

fn pair(v: &Value) -> Option<(i64, i64)> {
    Some((v["home"].as_i64()?, v["away"].as_i64()?))
}

async fn every_match_has_the_right_score(app: TestApp) {
    let data = app.data(ALL_MATCHES).await;
    let matches = data["tournament"]["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 64);
    let numbers: Vec<i64> = matches
        .iter()
        .map(|m| m["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, (1..=64).collect::<Vec<_>>());

    let by_teams: HashMap<(String, String), &Value> = matches
        .iter()
        .map(|m| {
            let key = (
                m["homeTeam"]["code"].as_str().unwrap().to_owned(),
                m["awayTeam"]["code"].as_str().unwrap().to_owned(),
            );
            (key, m)
        })
        .collect();
    let find = |home: &str, away: &str| {
        *by_teams
            .get(&(home.to_owned(), away.to_owned()))
            .unwrap_or_else(|| panic!("no match {home} v {away}"))
    };

    for &(home, away, ft, et, pen, stage) in KNOCKOUT {
        let m = find(home, away);
        let label = format!("{home} v {away}");
        assert_eq!(m["stage"]["kind"], stage, "{label}");
        assert_eq!(pair(&m["score"]["fullTime"]), Some(ft), "{label}");
        assert_eq!(pair(&m["score"]["extraTime"]), et, "{label}");
        assert_eq!(pair(&m["score"]["penalties"]), pen, "{label}");
        let (decided, deciding) = match (et, pen) {
            (_, Some(p)) => ("PENALTY_SHOOTOUT", p),
            (Some(e), None) => ("EXTRA_TIME", e),
            (None, None) => ("REGULAR_TIME", ft),
        };
        assert_eq!(m["decidedBy"], decided, "{label}");
        let winner = if deciding.0 > deciding.1 { home } else { away };
        assert_eq!(m["winner"]["code"], winner, "{label}");
        assert!(m["group"].is_null(), "{label}");
    }
    let knockouts = matches
        .iter()
        .filter(|m| m["stage"]["kind"] != "GROUP")
        .count();
    assert_eq!(knockouts, KNOCKOUT.len());

    for &(home, away, ht, ft, group) in GROUP_SAMPLE {
        let m = find(home, away);
        let label = format!("{home} v {away}");
        assert_eq!(pair(&m["score"]["halfTime"]), Some(ht), "{label}");
        assert_eq!(pair(&m["score"]["fullTime"]), Some(ft), "{label}");
        assert!(m["score"]["extraTime"].is_null(), "{label}");
        assert_eq!(m["group"]["name"], group, "{label}");
        assert_eq!(m["decidedBy"], "REGULAR_TIME", "{label}");
    }
    let draw = find("CMR", "SRB");
    assert!(draw["winner"].is_null(), "a draw has no winner");
}

async fn goals_add_up_to_172_and_to_each_score(app: TestApp) {
    let data = app.data(ALL_MATCHES).await;
    let matches = data["tournament"]["matches"].as_array().unwrap();
    let mut total = 0;
    for m in matches {
        let goals = m["goals"].as_array().unwrap();
        total += goals.len();
        let final_score = pair(&m["score"]["extraTime"])
            .or(pair(&m["score"]["fullTime"]))
            .unwrap();
        let home = m["homeTeam"]["code"].as_str().unwrap();
        let home_goals = goals.iter().filter(|g| g["team"]["code"] == home).count() as i64;
        assert_eq!(
            (home_goals, goals.len() as i64 - home_goals),
            final_score,
            "match {}",
            m["number"]
        );
    }
    // 172 goals: the most scored at any World Cup.
    assert_eq!(total, 172);
}

async fn groups_hold_their_four_teams(app: TestApp) {
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { groups { name teams { code } matches { number } } stages { name kind order } } }"#)
        .await;
    let groups = data["tournament"]["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 8);
    let c = groups.iter().find(|g| g["name"] == "Group C").unwrap();
    let mut codes: Vec<&str> = c["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, ["ARG", "KSA", "MEX", "POL"]);
    assert!(groups
        .iter()
        .all(|g| g["matches"].as_array().unwrap().len() == 6));
    let kinds: Vec<&str> = data["tournament"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "GROUP",
            "ROUND_OF_16",
            "QUARTER_FINAL",
            "SEMI_FINAL",
            "THIRD_PLACE",
            "FINAL"
        ]
    );
}

on_both_backends!(
    every_match_has_the_right_score,
    goals_add_up_to_172_and_to_each_score,
    groups_hold_their_four_teams
);
