//! The database itself refuses impossible rows, on both backends.

use diesel::connection::SimpleConnection;
use goalline::db;
use goalline::seed::BuiltIn;
use goalline::startup::prepare_database;

use crate::helpers::{Backend, TestDb};

/// A database of `backend` migrated and holding `built_in`, and a pool of two connections to
/// it; `None` where the backend is not available.
async fn prepared(backend: Backend, built_in: BuiltIn) -> Option<(TestDb, db::Pool)> {
    let test_db = TestDb::create(backend)?;
    let pool = db::pool(&test_db.url(), 2);
    prepare_database(&pool, built_in)
        .await
        .expect("migrate and load");
    Some((test_db, pool))
}

async fn impossible_rows_are_refused(backend: Backend) {
    let Some((_db, pool)) = prepared(backend, BuiltIn::WorldCup2022).await else {
        return;
    };
    let mut conn = pool.get().unwrap();
    // Each statement is a fact that cannot be: the database must say no.
    let impossible = [
        ("goal in minute 0", "UPDATE goals SET minute = 0 WHERE id = (SELECT min(id) FROM goals)"),
        ("stoppage time in minute 30", "UPDATE goals SET minute = 30, \"offset\" = 2 WHERE id = (SELECT min(id) FROM goals)"),
        ("a penalty own goal", "UPDATE goals SET penalty = true, own_goal = true WHERE id = (SELECT min(id) FROM goals)"),
        ("a team playing itself", "UPDATE matches SET away_team_id = home_team_id WHERE number = 1"),
        ("a shootout after a win", "UPDATE matches SET pen_home = 5, pen_away = 4 WHERE number = 1"),
        ("half a score", "UPDATE matches SET ft_home = NULL WHERE number = 1"),
        ("more at half time than at full time", "UPDATE matches SET ht_home = 9 WHERE number = 1"),
        ("an unknown kick outcome", "UPDATE shootout_kicks SET outcome = 'SCORED TWICE' WHERE ordinal = 1"),
        ("an unknown card", "UPDATE cards SET kind = 'GREEN' WHERE id = (SELECT min(id) FROM cards)"),
        ("a goal for a team that does not exist", "UPDATE goals SET team_id = 999999 WHERE id = (SELECT min(id) FROM goals)"),
        ("two players with one shirt", "UPDATE squad_members SET shirt_number = 1 WHERE shirt_number = 2"),
        ("a squad status nobody defined", "UPDATE squad_members SET status = 'ON_HOLIDAY' WHERE shirt_number = 2"),
        ("a duplicate tournament slug", "INSERT INTO tournaments (slug, name, competition_id, year, host) SELECT slug, name, competition_id, year, host FROM tournaments"),
        ("a match outside an edition with a stage", "UPDATE matches SET tournament_id = NULL WHERE number = 1"),
        ("a shootout winner who did not play", "UPDATE matches SET shootout_winner_id = (SELECT max(id) FROM teams WHERE id NOT IN (home_team_id, away_team_id)) WHERE number = 1"),
        ("a result alone beside a half-time score", "UPDATE matches SET final_only = true WHERE number = 1"),
        ("a slug with spaces", "UPDATE tournaments SET slug = 'world cup'"),
        ("negative attendance", "UPDATE matches SET attendance = -1 WHERE number = 1"),
    ];
    for (what, sql) in impossible {
        assert!(
            conn.batch_execute(sql).is_err(),
            "{backend:?} accepted {what}"
        );
    }
    // And a possible change is accepted, so the refusals above are not a broken connection.
    conn.batch_execute("UPDATE matches SET attendance = 67373 WHERE number = 1")
        .expect("a plausible update");
}

#[actix_web::test]
async fn impossible_rows_are_refused_on_sqlite() {
    impossible_rows_are_refused(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn impossible_rows_are_refused_on_postgres() {
    impossible_rows_are_refused(Backend::Postgres).await;
}

/// Ids taken ahead for a bulk write (the international results' matches and people) are ids
/// no row has; on PostgreSQL another connection writing meanwhile is never given one of them.
async fn ids_taken_ahead_are_never_given_twice(backend: Backend) {
    use goalline::id_pool::IdPool;
    use goalline::person::{search_key, NewPerson, Person};
    let Some((_db, pool)) = prepared(backend, BuiltIn::WorldCup2022).await else {
        return;
    };
    let mut conn = pool.get().unwrap();
    let mut ids = IdPool::new("people");
    let taken: Vec<i32> = (0..3).map(|_| ids.take(&mut conn).unwrap()).collect();
    let existing: Vec<i32> = {
        use diesel::prelude::*;
        use goalline::schema::people;
        people::table
            .filter(people::id.eq_any(&taken))
            .select(people::id)
            .load(&mut *conn)
            .unwrap()
    };
    assert!(existing.is_empty(), "{taken:?} are ids of existing rows");
    let mut sorted = taken.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), 3, "{taken:?}");
    if backend == Backend::Postgres {
        let mut other = pool.get().unwrap();
        let id = Person::insert(
            &mut other,
            &NewPerson {
                full_name: "Meanwhile Written",
                known_as: None,
                birth_date: None,
                nationality: None,
                search_name: search_key("Meanwhile Written"),
                source_id: None,
            },
        )
        .unwrap();
        assert!(!taken.contains(&id), "{id} was handed out twice");
    }
}

#[actix_web::test]
async fn ids_taken_ahead_are_never_given_twice_on_sqlite() {
    ids_taken_ahead_are_never_given_twice(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn ids_taken_ahead_are_never_given_twice_on_postgres() {
    ids_taken_ahead_are_never_given_twice(Backend::Postgres).await;
}

/// A bulk load (the first start's) that leaves a reference to nothing is refused whole, on
/// PostgreSQL when its foreign keys are added back at the end: nothing it wrote is kept, and the
/// keys are in force again afterwards.
async fn a_bulk_load_that_breaks_a_reference_keeps_nothing(backend: Backend) {
    use diesel::prelude::*;
    let Some((_db, pool)) = prepared(backend, BuiltIn::Nothing).await else {
        return;
    };
    let mut conn = pool.get().unwrap();
    let people = |c: &mut db::DbConnection| -> i64 {
        goalline::schema::people::table
            .count()
            .get_result(c)
            .unwrap()
    };
    let before = people(&mut conn);
    let loaded = goalline::bulk_load::with_keys_checked_at_the_end(&mut conn, |c| {
        c.batch_execute(
            "INSERT INTO people (full_name, search_name) VALUES ('Nobody Real', 'nobody real');
             INSERT INTO person_aliases (person_id, alias, search_name) VALUES (999999, 'Ghost', 'ghost');",
        )?;
        Ok(())
    });
    assert!(loaded.is_err(), "{backend:?} kept a reference to nobody");
    assert_eq!(
        people(&mut conn),
        before,
        "{backend:?} kept part of a refused load"
    );
    let orphan = "INSERT INTO person_aliases (person_id, alias, search_name) VALUES (999999, 'Ghost', 'ghost')";
    assert!(
        conn.batch_execute(orphan).is_err(),
        "{backend:?}: the foreign keys are not in force after the load"
    );
}

#[actix_web::test]
async fn a_bulk_load_that_breaks_a_reference_keeps_nothing_on_sqlite() {
    a_bulk_load_that_breaks_a_reference_keeps_nothing(Backend::Sqlite).await;
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn a_bulk_load_that_breaks_a_reference_keeps_nothing_on_postgres() {
    a_bulk_load_that_breaks_a_reference_keeps_nothing(Backend::Postgres).await;
}

/// The schema's indexes and keys, as the database describes them (SQLite: its own record of
/// the schema; PostgreSQL: the catalog).
fn schema_of(conn: &mut db::DbConnection) -> Vec<String> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Definition {
        #[diesel(sql_type = diesel::sql_types::Text)]
        definition: String,
    }
    let sql = match conn {
        db::DbConnection::Postgres(_) => {
            "SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() \
             UNION ALL SELECT conname::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE connamespace = current_schema()::regnamespace ORDER BY 1"
        }
        db::DbConnection::Sqlite(_) => {
            "SELECT coalesce(sql, name) AS definition FROM sqlite_master ORDER BY 1"
        }
    };
    diesel::sql_query(sql)
        .load::<Definition>(conn)
        .unwrap()
        .into_iter()
        .map(|d| d.definition)
        .collect()
}

/// A bulk load takes indexes and keys away while it writes (PostgreSQL): once it has
/// committed, the database has every one the migrations made, and they are in force.
async fn a_bulk_load_leaves_every_index_and_key(backend: Backend) {
    use diesel::prelude::*;
    let Some((_db, pool)) = prepared(backend, BuiltIn::Nothing).await else {
        return;
    };
    let mut conn = pool.get().unwrap();
    let migrated = schema_of(&mut conn);
    assert!(migrated.iter().any(|d| d.contains("matches_home_team_idx")));
    goalline::bulk_load::with_keys_checked_at_the_end(&mut conn, |c| {
        c.batch_execute(
            "INSERT INTO people (full_name, search_name) VALUES ('Somebody', 'somebody')",
        )?;
        Ok(())
    })
    .expect("a load that breaks nothing");
    assert_eq!(schema_of(&mut conn), migrated, "{backend:?}");
    let people: i64 = goalline::schema::people::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(people, 1, "{backend:?}: the load committed");
}

crate::per_backend!(a_bulk_load_leaves_every_index_and_key);
