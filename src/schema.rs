// @generated automatically by Diesel CLI.

diesel::table! {
    api_keys (id) {
        id -> Integer,
        name -> Text,
        role -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    awards (id) {
        id -> Integer,
        person_id -> Integer,
        name -> Text,
        season -> Text,
        awarded_on -> Nullable<Date>,
        source -> Text,
    }
}

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
    club_spells (id) {
        id -> Integer,
        person_id -> Integer,
        team_id -> Integer,
        start_date -> Date,
        end_date -> Nullable<Date>,
        source -> Text,
    }
}

diesel::table! {
    competitions (id) {
        id -> Integer,
        slug -> Text,
        name -> Text,
        kind -> Text,
        confederation -> Nullable<Text>,
    }
}

diesel::table! {
    goals (id) {
        id -> Integer,
        match_id -> Integer,
        team_id -> Integer,
        scorer_id -> Nullable<Integer>,
        minute -> Nullable<Integer>,
        offset -> Integer,
        penalty -> Bool,
        own_goal -> Bool,
        elapsed_seconds -> Nullable<Integer>,
    }
}

diesel::table! {
    goal_claims (id) {
        id -> Integer,
        match_id -> Integer,
        source_id -> Integer,
        witness -> Text,
        ordinal -> Integer,
        team_id -> Integer,
        scorer_id -> Nullable<Integer>,
        scorer_name -> Nullable<Text>,
        minute -> Nullable<Integer>,
        stoppage -> Nullable<Integer>,
        seconds -> Nullable<Integer>,
        penalty -> Bool,
        own_goal -> Bool,
        line -> Nullable<Integer>,
        goal_id -> Nullable<Integer>,
    }
}

diesel::table! {
    group_teams (group_id, team_id) {
        group_id -> Integer,
        team_id -> Integer,
    }
}

diesel::table! {
    idempotency_keys (api_key_id, key) {
        api_key_id -> Integer,
        key -> Text,
        fingerprint -> Text,
        match_id -> Integer,
        sequence -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    international_careers (id) {
        id -> Integer,
        person_id -> Integer,
        team_id -> Integer,
        caps -> Nullable<Integer>,
        goals -> Nullable<Integer>,
        debut_on -> Nullable<Date>,
        debut_opponent_id -> Nullable<Integer>,
        retired_on -> Nullable<Date>,
        totals_as_of -> Nullable<Date>,
        source -> Text,
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
    match_corrections (id) {
        id -> Integer,
        match_id -> Integer,
        fact -> Text,
        value -> Text,
        reference -> Text,
        note -> Nullable<Text>,
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
    match_updates (id) {
        id -> Integer,
        match_id -> Integer,
        sequence -> Integer,
        kind -> Text,
        event_id -> Nullable<Integer>,
        phase -> Nullable<Text>,
        home_score -> Integer,
        away_score -> Integer,
        home_kicks -> Nullable<Integer>,
        away_kicks -> Nullable<Integer>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    matches (id) {
        id -> Integer,
        competition_id -> Integer,
        tournament_id -> Nullable<Integer>,
        stage_id -> Nullable<Integer>,
        group_id -> Nullable<Integer>,
        number -> Nullable<Integer>,
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
        source_id -> Nullable<Integer>,
        phase -> Nullable<Text>,
        version -> Integer,
        played_on -> Nullable<Date>,
        city -> Nullable<Text>,
        country -> Nullable<Text>,
        neutral -> Nullable<Bool>,
        final_only -> Bool,
        shootout_winner_id -> Nullable<Integer>,
        playback_of -> Nullable<Integer>,
        deleted_at -> Nullable<Timestamp>,
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
        source_id -> Nullable<Integer>,
    }
}

diesel::table! {
    person_aliases (person_id, alias) {
        person_id -> Integer,
        alias -> Text,
        search_name -> Text,
        source_id -> Nullable<Integer>,
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
    sources (id) {
        id -> Integer,
        name -> Text,
        kind -> Text,
        version -> Text,
        imported_at -> Timestamp,
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
        source_id -> Nullable<Integer>,
    }
}

diesel::table! {
    squad_omissions (id) {
        id -> Integer,
        person_id -> Integer,
        team_id -> Integer,
        tournament_id -> Integer,
        announced_on -> Nullable<Date>,
        reason -> Text,
        source -> Text,
    }
}

diesel::table! {
    squad_status_changes (id) {
        id -> Integer,
        squad_member_id -> Integer,
        status -> Text,
        changed_on -> Date,
        reason -> Text,
        source -> Text,
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
        concussion -> Bool,
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
    team_lineage (predecessor_id, successor_id) {
        predecessor_id -> Integer,
        successor_id -> Integer,
        since_year -> Integer,
        note -> Text,
    }
}

diesel::table! {
    team_names (team_id, name) {
        team_id -> Integer,
        name -> Text,
        search_name -> Text,
        valid_from -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        source -> Text,
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
        competition_id -> Integer,
        year -> Integer,
        host -> Text,
        start_date -> Nullable<Date>,
        end_date -> Nullable<Date>,
        source_id -> Nullable<Integer>,
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

diesel::joinable!(awards -> people (person_id));
diesel::joinable!(cards -> matches (match_id));
diesel::joinable!(goal_claims -> goals (goal_id));
diesel::joinable!(match_corrections -> matches (match_id));
diesel::joinable!(goal_claims -> matches (match_id));
diesel::joinable!(goal_claims -> sources (source_id));
diesel::joinable!(cards -> people (person_id));
diesel::joinable!(cards -> teams (team_id));
diesel::joinable!(club_spells -> people (person_id));
diesel::joinable!(club_spells -> teams (team_id));
diesel::joinable!(goals -> matches (match_id));
diesel::joinable!(goals -> people (scorer_id));
diesel::joinable!(goals -> teams (team_id));
diesel::joinable!(group_teams -> teams (team_id));
diesel::joinable!(group_teams -> tournament_groups (group_id));
diesel::joinable!(international_careers -> people (person_id));
diesel::joinable!(idempotency_keys -> api_keys (api_key_id));
diesel::joinable!(idempotency_keys -> matches (match_id));
diesel::joinable!(lineups -> matches (match_id));
diesel::joinable!(lineups -> people (person_id));
diesel::joinable!(lineups -> teams (team_id));
diesel::joinable!(match_officials -> matches (match_id));
diesel::joinable!(match_officials -> people (person_id));
diesel::joinable!(match_updates -> matches (match_id));
diesel::joinable!(matches -> competitions (competition_id));
diesel::joinable!(matches -> sources (source_id));
diesel::joinable!(matches -> stages (stage_id));
diesel::joinable!(matches -> tournament_groups (group_id));
diesel::joinable!(matches -> tournaments (tournament_id));
diesel::joinable!(matches -> venues (venue_id));
diesel::joinable!(people -> sources (source_id));
diesel::joinable!(person_aliases -> people (person_id));
diesel::joinable!(person_aliases -> sources (source_id));
diesel::joinable!(shootout_kicks -> matches (match_id));
diesel::joinable!(shootout_kicks -> people (taker_id));
diesel::joinable!(shootout_kicks -> teams (team_id));
diesel::joinable!(squad_members -> people (person_id));
diesel::joinable!(squad_members -> sources (source_id));
diesel::joinable!(squad_members -> teams (team_id));
diesel::joinable!(squad_members -> tournaments (tournament_id));
diesel::joinable!(squad_omissions -> people (person_id));
diesel::joinable!(squad_omissions -> teams (team_id));
diesel::joinable!(squad_omissions -> tournaments (tournament_id));
diesel::joinable!(squad_status_changes -> squad_members (squad_member_id));
diesel::joinable!(stages -> tournaments (tournament_id));
diesel::joinable!(substitutions -> matches (match_id));
diesel::joinable!(substitutions -> teams (team_id));
diesel::joinable!(team_coaches -> people (person_id));
diesel::joinable!(team_coaches -> teams (team_id));
diesel::joinable!(team_coaches -> tournaments (tournament_id));
diesel::joinable!(tournament_groups -> stages (stage_id));
diesel::joinable!(team_names -> teams (team_id));
diesel::joinable!(tournaments -> competitions (competition_id));
diesel::joinable!(tournaments -> sources (source_id));

diesel::allow_tables_to_appear_in_same_query!(
    api_keys,
    awards,
    cards,
    club_spells,
    competitions,
    goal_claims,
    goals,
    group_teams,
    idempotency_keys,
    international_careers,
    lineups,
    match_corrections,
    match_officials,
    match_updates,
    matches,
    people,
    person_aliases,
    shootout_kicks,
    sources,
    squad_members,
    squad_omissions,
    squad_status_changes,
    stages,
    substitutions,
    team_coaches,
    team_lineage,
    team_names,
    teams,
    tournament_groups,
    tournaments,
    venues,
);
