//! Squads, coaches and people of the 2022 World Cup.

use crate::helpers::TestApp;
use crate::on_both_backends;

async fn every_squad_has_its_players_and_a_coach(app: TestApp) {
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { squads { team { code } coach { name } players { shirtNumber } } } }"#)
        .await;
    let squads = data["tournament"]["squads"].as_array().unwrap();
    assert_eq!(squads.len(), 32);
    for squad in squads {
        let players = squad["players"].as_array().unwrap();
        // Teams could register 26 players; Iran named 25.
        let registered = if squad["team"]["code"] == "IRN" {
            25
        } else {
            26
        };
        assert_eq!(players.len(), registered, "{}", squad["team"]["code"]);
        assert!(
            squad["coach"]["name"].is_string(),
            "{}",
            squad["team"]["code"]
        );
    }
    let france = squads.iter().find(|s| s["team"]["code"] == "FRA").unwrap();
    assert_eq!(france["coach"]["name"], "Didier Deschamps");
    let argentina = squads.iter().find(|s| s["team"]["code"] == "ARG").unwrap();
    assert_eq!(argentina["coach"]["name"], "Lionel Scaloni");
}

async fn benzema_stayed_on_the_list_ruled_out_injured(app: TestApp) {
    let data = app
        .data(
            r#"{ team(code: "FRA") { name coach(tournament: "world-cup-2022") { name birthDate }
                 squad(tournament: "world-cup-2022") { shirtNumber position status statusNote person { name birthDate } } } }"#,
        )
        .await;
    let team = &data["team"];
    assert_eq!(team["coach"]["birthDate"], "1968-10-15");
    let squad = team["squad"].as_array().unwrap();
    assert_eq!(squad.len(), 26);
    let benzema = squad
        .iter()
        .find(|m| m["person"]["name"] == "Karim Benzema")
        .expect("Benzema is on France's list");
    assert_eq!(benzema["shirtNumber"], 19);
    assert_eq!(benzema["position"], "FORWARD");
    assert_eq!(benzema["status"], "RULED_OUT_INJURED");
    assert_eq!(benzema["person"]["birthDate"], "1987-12-19");
    assert!(benzema["statusNote"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("thigh injury"));
    let others_selected = squad
        .iter()
        .filter(|m| m["person"]["name"] != "Karim Benzema")
        .all(|m| m["status"] == "SELECTED");
    assert!(others_selected);
}

async fn a_player_page_lists_goals_appearances_and_kicks(app: TestApp) {
    let data = app
        .data(
            r#"{ player(name: "kylian mbappe") { name birthDate
                 goals { minute penalty match { number } }
                 appearances { starter match { number } }
                 shootoutKicks { outcome }
                 squads { shirtNumber tournament { slug } team { code } } } }"#,
        )
        .await;
    let p = &data["player"];
    assert_eq!(p["name"], "Kylian Mbappé");
    assert_eq!(p["birthDate"], "1998-12-20");
    // Eight goals in 2022: the Golden Boot.
    assert_eq!(p["goals"].as_array().unwrap().len(), 8);
    // France played seven matches; he came on from the bench against Tunisia.
    let apps = p["appearances"].as_array().unwrap();
    assert_eq!(apps.len(), 7);
    assert_eq!(apps.iter().filter(|a| a["starter"] == true).count(), 6);
    assert_eq!(p["shootoutKicks"][0]["outcome"], "SCORED");
    assert_eq!(p["squads"][0]["shirtNumber"], 10);
    assert_eq!(p["squads"][0]["team"]["code"], "FRA");

    let messi = app
        .data(r#"{ player(name: "Lionel Messi") { goals { penalty } appearances { captain } } }"#)
        .await;
    let goals = messi["player"]["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 7);
    assert_eq!(goals.iter().filter(|g| g["penalty"] == true).count(), 4);
    let apps = messi["player"]["appearances"].as_array().unwrap();
    assert_eq!(apps.len(), 7);
    assert!(apps.iter().all(|a| a["captain"] == true));
}

async fn people_are_found_ignoring_case_and_accents(app: TestApp) {
    let data = app
        .data(r#"{ people(filter: { name: "TCHOUAMENI" }) { nodes { name } } }"#)
        .await;
    assert_eq!(data["people"]["nodes"][0]["name"], "Aurélien Tchouaméni");
    let data = app
        .data(r#"{ people(filter: { name: "di maría" }) { nodes { name } } }"#)
        .await;
    assert_eq!(data["people"]["nodes"][0]["name"], "Ángel Di María");
}

on_both_backends!(
    every_squad_has_its_players_and_a_coach,
    benzema_stayed_on_the_list_ruled_out_injured,
    a_player_page_lists_goals_appearances_and_kicks,
    people_are_found_ignoring_case_and_accents
);
