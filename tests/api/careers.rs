//! Curated knowledge with its sources: Karim Benzema's story, told apart from match data.

use crate::helpers::TestApp;
use crate::on_both_backends;

const BENZEMA: &str = r#"{ player(name: "Karim Benzema") { name birthDate
    awards { name season awardedOn source }
    clubSpells { club { name kind } from until source }
    internationalCareers { team { code } debutOn debutOpponent { name } retiredOn
      curatedTotals { caps goals asOf source }
      matchDataTotals { appearances goals } }
    squads { tournament { slug } status statusNote
      statusChanges { status on reason source } } } }"#;

async fn benzemas_story_is_queryable_with_sources(app: TestApp) {
    let data = app.data(BENZEMA).await;
    let p = &data["player"];
    assert_eq!(p["birthDate"], "1987-12-19");

    let award = &p["awards"][0];
    assert_eq!(award["name"], "Ballon d'Or");
    assert_eq!(award["season"], "2022");
    assert_eq!(award["awardedOn"], "2022-10-17");
    assert!(award["source"]
        .as_str()
        .unwrap()
        .contains("France Football"));

    let clubs: Vec<&str> = p["clubSpells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["club"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        clubs,
        [
            "Olympique Lyonnais",
            "Real Madrid",
            "Al-Ittihad",
            "Al-Hilal"
        ]
    );
    assert!(p["clubSpells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["club"]["kind"] == "CLUB"));

    let career = &p["internationalCareers"][0];
    assert_eq!(career["team"]["code"], "FRA");
    assert_eq!(career["debutOn"], "2007-03-28");
    assert_eq!(career["debutOpponent"]["name"], "Austria");
    // Retired on his 35th birthday.
    assert_eq!(career["retiredOn"], "2022-12-19");
    assert_eq!(career["curatedTotals"]["caps"], 97);
    assert_eq!(career["curatedTotals"]["goals"], 37);
    assert!(career["curatedTotals"]["source"]
        .as_str()
        .unwrap()
        .contains("Fédération Française"));
    // Match data (the built-in 2022 World Cup) has him in no line-up: told apart, not mixed.
    assert_eq!(career["matchDataTotals"]["appearances"], 0);
    assert_eq!(career["matchDataTotals"]["goals"], 0);

    let squad = &p["squads"][0];
    assert_eq!(squad["tournament"]["slug"], "world-cup-2022");
    assert_eq!(squad["status"], "RULED_OUT_INJURED");
    let change = &squad["statusChanges"][0];
    assert_eq!(change["status"], "RULED_OUT_INJURED");
    assert_eq!(change["on"], "2022-11-19");
    assert!(change["reason"]
        .as_str()
        .unwrap()
        .contains("never formally removed"));
}

async fn deschamps_coached_france(app: TestApp) {
    let data = app
        .data(r#"{ player(name: "Didier Deschamps") { coaching { role team { code } tournament { year } } } }"#)
        .await;
    let coaching = &data["player"]["coaching"][0];
    assert_eq!(coaching["role"], "HEAD_COACH");
    assert_eq!(coaching["team"]["code"], "FRA");
    assert_eq!(coaching["tournament"]["year"], 2022);
}

async fn built_in_data_says_where_it_comes_from(app: TestApp) {
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { provenance { source kind version } }
                   team(code: "FRA") { squad(tournament: "world-cup-2022") { provenance { kind } } } }"#)
        .await;
    let p = &data["tournament"]["provenance"];
    assert_eq!(p["kind"], "BUILT_IN");
    assert!(p["source"].as_str().unwrap().contains("2022_full.txt"));
    assert_eq!(p["version"].as_str().unwrap().len(), 16);
    let squad = data["team"]["squad"].as_array().unwrap();
    assert!(squad.iter().all(|m| m["provenance"]["kind"] == "BUILT_IN"));
}

on_both_backends!(
    benzemas_story_is_queryable_with_sources,
    deschamps_coached_france,
    built_in_data_says_where_it_comes_from
);
