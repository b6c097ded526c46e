//! Editing the reference data: editors create teams, people, a tournament with its stages and
//! groups, and squads; readers then find them through the read API, and `createMatch` works
//! on the new tournament. Facts: UEFA Euro 2024 (Germany, 14 June - 14 July 2024), Georgia's
//! squad and its group (F, with Portugal, Türkiye and Czechia), uefa.com.

use goalline::auth::Role;
use goalline::graphql::id;
use serde_json::{json, Value};

use crate::helpers::{strings_at, TestApp};
use crate::live::{token, write};

/// Runs a write that must be refused; its first error.
async fn refused(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> Value {
    let body = app.post_as(token, query, variables).await;
    assert!(body["errors"][0].is_object(), "not refused: {body:#}");
    assert_eq!(body["data"], Value::Null, "{body:#}");
    body["errors"][0].clone()
}

fn id_of(data: &Value, field: &str) -> String {
    data[field]["id"].as_str().unwrap().to_owned()
}

const CREATE_TEAM: &str = "mutation($name: String!, $code: String, $kind: TeamKind) {
    createTeam(input: { name: $name, code: $code, kind: $kind }) { id name code kind } }";
const UPDATE_TEAM: &str = "mutation($team: ID!, $name: String, $code: String) {
    updateTeam(input: { teamId: $team, name: $name, code: $code }) { id name code } }";
const CREATE_PERSON: &str = "mutation($name: String!, $knownAs: String, $born: Date, $nat: String) {
    createPerson(input: { fullName: $name, knownAs: $knownAs, birthDate: $born, nationality: $nat }) {
        id name fullName birthDate nationality } }";
const UPDATE_PERSON: &str = "mutation($input: UpdatePersonInput!) {
    updatePerson(input: $input) { id name fullName knownAs aliases } }";
const CREATE_TOURNAMENT: &str = "mutation($input: CreateTournamentInput!) {
    createTournament(input: $input) { id slug name year host startDate endDate stages { id } } }";
const ADD_STAGE: &str = "mutation($t: ID!, $kind: StageKind!, $name: String!) {
    addStage(input: { tournamentId: $t, kind: $kind, name: $name }) { id name kind order } }";
const ADD_GROUP: &str = "mutation($stage: ID!, $name: String!, $teams: [ID!]) {
    addGroup(input: { stageId: $stage, name: $name, teamIds: $teams }) { id name teams { code } } }";
const ADD_MEMBER: &str = "mutation($t: ID!, $team: ID!, $p: ID!, $shirt: Int, $pos: Position) {
    addSquadMember(input: { tournamentId: $t, teamId: $team, personId: $p, shirtNumber: $shirt, position: $pos }) {
        shirtNumber position status person { name } team { code } tournament { slug } } }";
const CHANGE_STATUS: &str = "mutation($input: ChangeSquadStatusInput!) {
    changeSquadStatus(input: $input) { status statusChanges { status on reason source } } }";
const CREATE_MATCH: &str = "mutation($stage: ID!, $group: ID, $home: ID!, $away: ID!) {
    createMatch(input: { stageId: $stage, groupId: $group, homeTeamId: $home, awayTeamId: $away,
                         kickoff: \"2024-06-26T21:00:00+02:00\" }) { id status } }";

fn euro_2024() -> Value {
    json!({ "name": "UEFA Euro 2024", "slug": "euro-2024", "competition": "UEFA European Championship",
            "year": 2024, "host": "Germany", "startDate": "2024-06-14", "endDate": "2024-07-14" })
}

/// What `setup` made: Euro 2024 with a group stage and Group F, Georgia, and Khvicha
/// Kvaratskhelia (born 12 February 2001) in Georgia's squad as number 7.
struct Made {
    tournament: String,
    stage: String,
    group: String,
    georgia: String,
    portugal: String,
    kvaratskhelia: String,
}

async fn setup(app: &TestApp, editor: &str) -> Made {
    let portugal = app.data(r#"{ team(code: "POR") { id } }"#).await["team"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Created with a typo, then corrected.
    let team = write(
        app,
        editor,
        CREATE_TEAM,
        json!({ "name": "Gerogia", "code": "geo" }),
    )
    .await;
    assert_eq!(team["createTeam"]["code"], "GEO");
    assert_eq!(team["createTeam"]["kind"], "NATIONAL");
    let georgia = id_of(&team, "createTeam");
    let renamed = write(
        app,
        editor,
        UPDATE_TEAM,
        json!({ "team": georgia, "name": "Georgia" }),
    )
    .await;
    assert_eq!(
        renamed["updateTeam"],
        json!({ "id": georgia, "name": "Georgia", "code": "GEO" })
    );

    let person = write(
        app,
        editor,
        CREATE_PERSON,
        json!({ "name": "Khvicha  Kvaratskhelia ", "born": "2001-02-12", "nat": "GEO" }),
    )
    .await;
    assert_eq!(person["createPerson"]["fullName"], "Khvicha Kvaratskhelia");
    assert_eq!(person["createPerson"]["birthDate"], "2001-02-12");
    let kvaratskhelia = id_of(&person, "createPerson");

    let t = write(
        app,
        editor,
        CREATE_TOURNAMENT,
        json!({ "input": euro_2024() }),
    )
    .await;
    assert_eq!(t["createTournament"]["slug"], "euro-2024");
    assert_eq!(t["createTournament"]["stages"], json!([]));
    let tournament = id_of(&t, "createTournament");
    let stage = write(
        app,
        editor,
        ADD_STAGE,
        json!({ "t": tournament, "kind": "GROUP", "name": "Group stage" }),
    )
    .await;
    assert_eq!(stage["addStage"]["order"], 1);
    let stage = id_of(&stage, "addStage");
    let group = write(
        app,
        editor,
        ADD_GROUP,
        json!({ "stage": stage, "name": "Group F", "teams": [georgia, portugal] }),
    )
    .await;
    assert_eq!(
        strings_at(&group["addGroup"]["teams"], &["code"]),
        ["GEO", "POR"]
    );
    let group = id_of(&group, "addGroup");
    let member = write(
        app,
        editor,
        ADD_MEMBER,
        json!({ "t": tournament, "team": georgia, "p": kvaratskhelia, "shirt": 7, "pos": "FORWARD" }),
    )
    .await;
    assert_eq!(
        member["addSquadMember"],
        json!({ "shirtNumber": 7, "position": "FORWARD", "status": "SELECTED",
                "person": { "name": "Khvicha Kvaratskhelia" }, "team": { "code": "GEO" },
                "tournament": { "slug": "euro-2024" } })
    );
    Made {
        tournament,
        stage,
        group,
        georgia,
        portugal,
        kvaratskhelia,
    }
}

async fn what_editors_create_is_read_back(app: TestApp) {
    let editor = token(&app, Role::Editor).await.1;
    let made = setup(&app, &editor).await;

    let data = app
        .data(
            r#"{ team(code: "geo") { name kind squad(tournament: "euro-2024") { shirtNumber person { name } } }
                 people(filter: { name: "kvaratskhelia" }) { nodes { id fullName birthDate nationality } }
                 search(query: "kvaratskelia", first: 1) { node { ... on Person { id } } }
                 georgia: search(query: "georgia", first: 1) { node { __typename ... on Team { name } } }
                 tournament(slug: "euro-2024") { name competition { slug name } year host startDate endDate
                   stages { name kind order groups { name teams { code } } } } }"#,
        )
        .await;
    assert_eq!(
        data["team"],
        json!({ "name": "Georgia", "kind": "NATIONAL",
                "squad": [{ "shirtNumber": 7, "person": { "name": "Khvicha Kvaratskhelia" } }] })
    );
    assert_eq!(
        data["people"]["nodes"],
        json!([{ "id": made.kvaratskhelia, "fullName": "Khvicha Kvaratskhelia",
                 "birthDate": "2001-02-12", "nationality": "GEO" }])
    );
    assert_eq!(data["search"][0]["node"]["id"], made.kvaratskhelia);
    assert_eq!(
        data["georgia"][0]["node"],
        json!({ "__typename": "Team", "name": "Georgia" })
    );
    assert_eq!(
        data["tournament"],
        json!({ "name": "UEFA Euro 2024",
                "competition": { "slug": "euro", "name": "UEFA European Championship" },
                "year": 2024, "host": "Germany", "startDate": "2024-06-14", "endDate": "2024-07-14",
                "stages": [{ "name": "Group stage", "kind": "GROUP", "order": 1,
                             "groups": [{ "name": "Group F", "teams": [{ "code": "GEO" }, { "code": "POR" }] }] }] })
    );

    // Georgia 2-0 Portugal, Gelsenkirchen, 26 June 2024, scheduled through the live API.
    let created = write(
        &app,
        &editor,
        CREATE_MATCH,
        json!({ "stage": made.stage, "group": made.group, "home": made.georgia, "away": made.portugal }),
    )
    .await;
    assert_eq!(created["createMatch"]["status"], "SCHEDULED");
    let data = app
        .data(
            r#"{ tournament(slug: "euro-2024") { matches { number kickoff homeTeam { name } awayTeam { name } group { name } } } }"#,
        )
        .await;
    assert_eq!(
        data["tournament"]["matches"],
        json!([{ "number": 1, "kickoff": "2024-06-26T21:00:00+02:00", "homeTeam": { "name": "Georgia" },
                 "awayTeam": { "name": "Portugal" }, "group": { "name": "Group F" } }])
    );

    // A status change shows on the member, with its reason and source.
    let changed = write(
        &app,
        &editor,
        CHANGE_STATUS,
        json!({ "input": { "tournamentId": made.tournament, "teamId": made.georgia,
                           "personId": made.kvaratskhelia, "status": "WITHDRAWN", "on": "2024-06-20",
                           "reason": "Recorded by this test, not a fact", "source": "this test" } }),
    )
    .await;
    assert_eq!(changed["changeSquadStatus"]["status"], "WITHDRAWN");
    assert_eq!(
        changed["changeSquadStatus"]["statusChanges"],
        json!([{ "status": "WITHDRAWN", "on": "2024-06-20", "reason": "Recorded by this test, not a fact", "source": "this test" }])
    );
}

async fn a_known_as_name_finds_the_person_until_it_is_cleared(app: TestApp) {
    let editor = token(&app, Role::Editor).await.1;
    // Joselu: José Luis Mato Sanmartín, born in Stuttgart on 27 March 1990.
    let find = r#"query($q: String!) { people(filter: { name: $q }) { nodes { id name } }
                  search(query: $q, first: 1) { node { ... on Person { id } } } }"#;
    // Asked before the person exists: the search index and the response cache hold the
    // answer, and the edit must reach both.
    let before = app.post(find, json!({ "q": "mato sanmartin" })).await;
    assert_eq!(before["data"]["search"], json!([]), "{before:#}");
    let created = write(
        &app,
        &editor,
        CREATE_PERSON,
        json!({ "name": "José Luis Mato Sanmartín", "born": "1990-03-27", "nat": "ESP" }),
    )
    .await;
    let joselu = id_of(&created, "createPerson");
    let found = app.post(find, json!({ "q": "mato sanmartin" })).await;
    assert_eq!(
        found["data"]["people"]["nodes"][0]["id"], joselu,
        "{found:#}"
    );
    assert_eq!(found["data"]["search"][0]["node"]["id"], joselu);
    let found = app.post(find, json!({ "q": "joselu" })).await;
    assert_eq!(found["data"]["people"]["nodes"], json!([]));

    let input = json!({ "input": { "personId": joselu, "knownAs": "Joselu" } });
    let updated = write(&app, &editor, UPDATE_PERSON, input).await;
    assert_eq!(
        updated["updatePerson"],
        json!({ "id": joselu, "name": "Joselu", "fullName": "José Luis Mato Sanmartín", "knownAs": "Joselu",
                "aliases": ["Joselu", "José Luis Mato Sanmartín"] })
    );
    let found = app.post(find, json!({ "q": "joselu" })).await;
    assert_eq!(
        found["data"]["people"]["nodes"],
        json!([{ "id": joselu, "name": "Joselu" }])
    );
    assert_eq!(found["data"]["search"][0]["node"]["id"], joselu);

    // Null clears a field; the name an editor gave stops matching.
    let input = json!({ "input": { "personId": joselu, "knownAs": null } });
    let updated = write(&app, &editor, UPDATE_PERSON, input).await;
    assert_eq!(updated["updatePerson"]["name"], "José Luis Mato Sanmartín");
    assert_eq!(
        updated["updatePerson"]["aliases"],
        json!(["José Luis Mato Sanmartín"])
    );
    let found = app.post(find, json!({ "q": "joselu" })).await;
    assert_eq!(found["data"]["people"]["nodes"], json!([]));
}

async fn invalid_edits_are_refused_with_the_field_named(app: TestApp) {
    let editor = token(&app, Role::Editor).await.1;
    let made = setup(&app, &editor).await;
    let mamardashvili = write(
        &app,
        &editor,
        CREATE_PERSON,
        json!({ "name": "Giorgi Mamardashvili", "born": "2000-09-29" }),
    )
    .await;
    let mamardashvili = id_of(&mamardashvili, "createPerson");
    let nowhere = id::encode("Tournament", 999_999).0;
    let next_year = (chrono::Utc::now().date_naive() + chrono::Days::new(366)).to_string();
    let tournament = |field: &str, value: Value| {
        let mut input = euro_2024();
        input["slug"] = json!("euro-2028");
        input[field] = value;
        json!({ "input": input })
    };
    let bad_input = [
        (CREATE_TEAM, json!({ "name": "  ", "code": "TUR" }), "name"),
        (
            CREATE_TEAM,
            json!({ "name": "Türkiye", "code": "TR" }),
            "code",
        ),
        (
            CREATE_TEAM,
            json!({ "name": "Türkiye", "code": "T1R" }),
            "code",
        ),
        (CREATE_TEAM, json!({ "name": "Türkiye" }), "code"),
        (
            CREATE_TEAM,
            json!({ "name": "Portugal B", "code": "por" }),
            "code",
        ),
        (
            CREATE_TEAM,
            json!({ "name": "Portugal", "code": "PRT" }),
            "name",
        ),
        (
            UPDATE_TEAM,
            json!({ "team": made.georgia, "code": "POR" }),
            "code",
        ),
        (
            UPDATE_TEAM,
            json!({ "team": made.portugal, "name": "" }),
            "name",
        ),
        (UPDATE_TEAM, json!({ "team": made.kvaratskhelia }), "teamId"),
        (CREATE_PERSON, json!({ "name": "" }), "fullName"),
        (
            CREATE_PERSON,
            json!({ "name": "Arda Güler", "born": next_year }),
            "birthDate",
        ),
        (
            CREATE_PERSON,
            json!({ "name": "Arda Güler", "nat": "Turkey" }),
            "nationality",
        ),
        (
            CREATE_TOURNAMENT,
            tournament("slug", json!("Euro 2028")),
            "slug",
        ),
        (
            CREATE_TOURNAMENT,
            tournament("slug", json!("euro-2024")),
            "slug",
        ),
        (
            CREATE_TOURNAMENT,
            tournament("slug", json!("world-cup-2022")),
            "slug",
        ),
        (CREATE_TOURNAMENT, tournament("name", json!(" ")), "name"),
        (CREATE_TOURNAMENT, tournament("year", json!(1849)), "year"),
        (
            CREATE_TOURNAMENT,
            tournament("endDate", json!("2024-06-01")),
            "endDate",
        ),
        (
            ADD_STAGE,
            json!({ "t": made.tournament, "kind": "FINAL", "name": "Group stage" }),
            "name",
        ),
        (
            ADD_STAGE,
            json!({ "t": made.stage, "kind": "FINAL", "name": "Final" }),
            "tournamentId",
        ),
        (
            ADD_GROUP,
            json!({ "stage": made.stage, "name": "Group F" }),
            "name",
        ),
        (
            ADD_GROUP,
            json!({ "stage": made.stage, "name": "Group A", "teams": [made.georgia] }),
            "teamIds",
        ),
        (
            ADD_MEMBER,
            json!({ "t": made.tournament, "team": made.georgia, "p": mamardashvili, "shirt": 7 }),
            "shirtNumber",
        ),
        (
            ADD_MEMBER,
            json!({ "t": made.tournament, "team": made.georgia, "p": mamardashvili, "shirt": 100 }),
            "shirtNumber",
        ),
        (
            ADD_MEMBER,
            json!({ "t": made.tournament, "team": made.portugal, "p": made.kvaratskhelia }),
            "personId",
        ),
    ];
    for (mutation, variables, field) in bad_input {
        let e = refused(&app, Some(&editor), mutation, variables.clone()).await;
        assert_eq!(
            (
                e["extensions"]["code"].as_str(),
                e["extensions"]["argument"].as_str()
            ),
            (Some("BAD_USER_INPUT"), Some(field)),
            "{variables}: {e:#}"
        );
    }
    let knockout = write(
        &app,
        &editor,
        ADD_STAGE,
        json!({ "t": made.tournament, "kind": "ROUND_OF_16", "name": "Round of 16" }),
    )
    .await;
    assert_eq!(knockout["addStage"]["order"], 2);
    let e = refused(
        &app,
        Some(&editor),
        ADD_GROUP,
        json!({ "stage": id_of(&knockout, "addStage"), "name": "Group A" }),
    )
    .await;
    assert_eq!(e["extensions"]["argument"], "stageId");

    let not_found = [
        (
            ADD_STAGE,
            json!({ "t": nowhere, "kind": "FINAL", "name": "Final" }),
        ),
        (
            ADD_MEMBER,
            json!({ "t": nowhere, "team": made.georgia, "p": mamardashvili }),
        ),
        (
            UPDATE_TEAM,
            json!({ "team": id::encode("Team", 999_999).0, "name": "Türkiye" }),
        ),
    ];
    for (mutation, variables) in not_found {
        let e = refused(&app, Some(&editor), mutation, variables.clone()).await;
        assert_eq!(e["extensions"]["code"], "NOT_FOUND", "{variables}: {e:#}");
    }

    // None of the refused writes left anything behind.
    let data = app
        .data(
            r#"{ tournaments { slug } team(code: "GEO") { name squad(tournament: "euro-2024") { shirtNumber } }
                 people(filter: { name: "guler" }) { totalCount } tournament(slug: "euro-2024") { stages { name } } }"#,
        )
        .await;
    assert_eq!(
        strings_at(&data["tournaments"], &["slug"]),
        ["world-cup-2022", "euro-2024"]
    );
    assert_eq!(
        data["team"],
        json!({ "name": "Georgia", "squad": [{ "shirtNumber": 7 }] })
    );
    assert_eq!(data["people"]["totalCount"], 0);
    assert_eq!(
        strings_at(&data["tournament"]["stages"], &["name"]),
        ["Group stage", "Round of 16"]
    );
}

async fn edits_need_an_editor_key_and_write_nothing_otherwise(app: TestApp) {
    let count = "{ teams { code } people(filter: { name: \"kvaratskhelia\" }) { totalCount } }";
    let before = app.data(count).await;
    let team = json!({ "name": "Georgia", "code": "GEO" });
    let e = refused(&app, None, CREATE_TEAM, team.clone()).await;
    assert_eq!(e["extensions"]["code"], "UNAUTHENTICATED");
    // The key is checked before the input is read.
    let e = refused(&app, None, UPDATE_TEAM, json!({ "team": "not an ID" })).await;
    assert_eq!(e["extensions"]["code"], "UNAUTHENTICATED");
    let reader = token(&app, Role::Reader).await.1;
    let e = refused(&app, Some(&reader), CREATE_TEAM, team).await;
    assert_eq!(e["extensions"]["code"], "FORBIDDEN");
    let person = json!({ "name": "Khvicha Kvaratskhelia" });
    let e = refused(&app, Some(&reader), CREATE_PERSON, person).await;
    assert_eq!(e["extensions"]["code"], "FORBIDDEN");
    let e = refused(
        &app,
        Some(&reader),
        CREATE_TOURNAMENT,
        json!({ "input": euro_2024() }),
    )
    .await;
    assert_eq!(e["extensions"]["code"], "FORBIDDEN");
    assert_eq!(app.data(count).await, before);
    let e = app
        .first_error(r#"{ tournament(slug: "euro-2024") { name } }"#)
        .await;
    assert_eq!(e["extensions"]["code"], "NOT_FOUND");
}

crate::on_both_backends!(
    what_editors_create_is_read_back,
    a_known_as_name_finds_the_person_until_it_is_cleared,
    invalid_edits_are_refused_with_the_field_named,
    edits_need_an_editor_key_and_write_nothing_otherwise,
);
