// @generated automatically by Diesel CLI.

diesel::table! {
    cards (id) {
        id -> Integer,
        match_id -> Integer,
        team_id -> Integer,
        person_id -> Integer,
        minute -> Integer,
        offset -> Integer,
        kind -> Text,
    }
}

diesel::table! {
    goals (id) {
        id -> Integer,
        match_id -> Integer,
        team_id -> Integer,
        scorer_id -> Nullable<Integer>,
        minute -> Integer,
        offset -> Integer,
        penalty -> Bool,
        own_goal -> Bool,
    }
}

diesel::table! {
    group_teams (group_id, team_id) {
        group_id -> Integer,
        team_id -> Integer,
    }
}

diesel::table! {
    lineups (id) {
        id -> Integer,
        match_id -> Integer,
        team_id -> Integer,
        person_id -> Integer,
        shirt_number -> Nullable<Integer>,
        starter -> Bool,
        captain -> Bool,
        ordinal -> Integer,
    }
}

diesel::table! {
    match_officials (id) {
        id -> Integer,
        match_id -> Integer,
        person_id -> Integer,
        role -> Text,
    }
}

diesel::table! {
    matches (id) {
        id -> Integer,
        tournament_id -> Integer,
        stage_id -> Integer,
        group_id -> Nullable<Integer>,
        number -> Integer,
        home_team_id -> Integer,
        away_team_id -> Integer,
        kickoff_utc -> Nullable<Timestamp>,
        utc_offset_minutes -> Nullable<Integer>,
        venue_id -> Nullable<Integer>,
        attendance -> Nullable<Integer>,
        status -> Text,
        ht_home -> Nullable<Integer>,
        ht_away -> Nullable<Integer>,
        ft_home -> Nullable<Integer>,
        ft_away -> Nullable<Integer>,
        et_home -> Nullable<Integer>,
        et_away -> Nullable<Integer>,
        pen_home -> Nullable<Integer>,
        pen_away -> Nullable<Integer>,
    }
}

diesel::table! {
    people (id) {
        id -> Integer,
        full_name -> Text,
        known_as -> Nullable<Text>,
        birth_date -> Nullable<Date>,
        nationality -> Nullable<Text>,
        search_name -> Text,
    }
}

diesel::table! {
    shootout_kicks (id) {
        id -> Integer,
        match_id -> Integer,
        ordinal -> Integer,
        team_id -> Integer,
        taker_id -> Nullable<Integer>,
        outcome -> Text,
        home_score -> Integer,
        away_score -> Integer,
    }
}

diesel::table! {
    squad_members (id) {
        id -> Integer,
        tournament_id -> Integer,
        team_id -> Integer,
        person_id -> Integer,
        shirt_number -> Nullable<Integer>,
        position -> Nullable<Text>,
        status -> Text,
        status_note -> Nullable<Text>,
    }
}

diesel::table! {
    stages (id) {
        id -> Integer,
        tournament_id -> Integer,
        name -> Text,
        kind -> Text,
        ordinal -> Integer,
    }
}

diesel::table! {
    substitutions (id) {
        id -> Integer,
        match_id -> Integer,
        team_id -> Integer,
        player_on_id -> Integer,
        player_off_id -> Integer,
        minute -> Integer,
        offset -> Integer,
    }
}

diesel::table! {
    team_coaches (id) {
        id -> Integer,
        tournament_id -> Integer,
        team_id -> Integer,
        person_id -> Integer,
        role -> Text,
    }
}

diesel::table! {
    teams (id) {
        id -> Integer,
        name -> Text,
        kind -> Text,
        fifa_code -> Nullable<Text>,
        country -> Nullable<Text>,
        search_name -> Text,
    }
}

diesel::table! {
    tournament_groups (id) {
        id -> Integer,
        stage_id -> Integer,
        name -> Text,
    }
}

diesel::table! {
    tournaments (id) {
        id -> Integer,
        slug -> Text,
        name -> Text,
        competition -> Text,
        year -> Integer,
        host -> Text,
        start_date -> Nullable<Date>,
        end_date -> Nullable<Date>,
    }
}

diesel::table! {
    venues (id) {
        id -> Integer,
        name -> Text,
        city -> Text,
        country -> Text,
        capacity -> Nullable<Integer>,
    }
}

diesel::joinable!(cards -> matches (match_id));
diesel::joinable!(cards -> people (person_id));
diesel::joinable!(cards -> teams (team_id));
diesel::joinable!(goals -> matches (match_id));
diesel::joinable!(goals -> people (scorer_id));
diesel::joinable!(goals -> teams (team_id));
diesel::joinable!(group_teams -> teams (team_id));
diesel::joinable!(group_teams -> tournament_groups (group_id));
diesel::joinable!(lineups -> matches (match_id));
diesel::joinable!(lineups -> people (person_id));
diesel::joinable!(lineups -> teams (team_id));
diesel::joinable!(match_officials -> matches (match_id));
diesel::joinable!(match_officials -> people (person_id));
diesel::joinable!(matches -> stages (stage_id));
diesel::joinable!(matches -> tournament_groups (group_id));
diesel::joinable!(matches -> tournaments (tournament_id));
diesel::joinable!(matches -> venues (venue_id));
diesel::joinable!(shootout_kicks -> matches (match_id));
diesel::joinable!(shootout_kicks -> people (taker_id));
diesel::joinable!(shootout_kicks -> teams (team_id));
diesel::joinable!(squad_members -> people (person_id));
diesel::joinable!(squad_members -> teams (team_id));
diesel::joinable!(squad_members -> tournaments (tournament_id));
diesel::joinable!(stages -> tournaments (tournament_id));
diesel::joinable!(team_coaches -> people (person_id));
diesel::joinable!(team_coaches -> teams (team_id));
diesel::joinable!(team_coaches -> tournaments (tournament_id));
diesel::joinable!(tournament_groups -> stages (stage_id));

diesel::allow_tables_to_appear_in_same_query!(
    cards,
    goals,
    group_teams,
    lineups,
    match_officials,
    matches,
    people,
    shootout_kicks,
    squad_members,
    stages,
    substitutions,
    team_coaches,
    teams,
    tournament_groups,
    tournaments,
    venues,
);
