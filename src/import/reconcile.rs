//! The one writer of imported goals: each source's goals are kept as claims
//! (`goal_claims`), and a match's goals are rewritten from all its claims
//! (`matches::claims::reconcile`). Half-time scores follow from the goals where every goal
//! is known. Live and edited matches have no claims and are never touched here.

use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::claims::{reconcile, Claim, GoalClaimRow, Reconciled, Witness};
use crate::person::search_key;
use crate::schema::{goal_claims, goals, matches};

/// Replaces what `witness` says about the goals of `match_ids` with `rows` (a match listed
/// with no rows loses that witness's claims), then rewrites the goals of those matches from
/// all their claims. The new claims are written once, each with the goal it supports.
pub fn replace_claims(
    conn: &mut DbConnection,
    witness: Witness,
    match_ids: &[i32],
    rows: Vec<GoalClaimRow>,
) -> Result<Reconciliation, AppError> {
    for chunk in match_ids.chunks(500) {
        diesel::delete(
            goal_claims::table
                .filter(goal_claims::witness.eq(witness.as_str()))
                .filter(goal_claims::match_id.eq_any(chunk)),
        )
        .execute(conn)?;
    }
    let mut new: HashMap<i32, Vec<GoalClaimRow>> = HashMap::new();
    for row in rows {
        new.entry(row.match_id).or_default().push(row);
    }
    // Every new claim is written, even one of a match the caller did not list.
    let mut ids = match_ids.to_vec();
    ids.extend(new.keys().copied());
    reconcile_all(conn, &ids, &mut new)
}

#[derive(Clone, Insertable)]
#[diesel(table_name = goals, treat_none_as_default_value = false)]
struct ShownGoal {
    match_id: i32,
    team_id: i32,
    scorer_id: Option<i32>,
    minute: Option<i32>,
    offset: i32,
    penalty: bool,
    own_goal: bool,
    elapsed_seconds: Option<i32>,
}

/// The result of a match per team, and whether its half-time score may follow from goals.
#[derive(Queryable)]
struct Result_ {
    id: i32,
    home: i32,
    away: i32,
    ht: (Option<i32>, Option<i32>),
    ft: (Option<i32>, Option<i32>),
    et: (Option<i32>, Option<i32>),
    final_only: bool,
}

/// What reconciling changed: goals written and warnings for goals left out.
#[derive(Default)]
pub struct Reconciliation {
    pub goals: usize,
    pub disputed: usize,
    pub warnings: Vec<String>,
}

/// Rewrites the goals of `match_ids` that have claims from those claims.
pub fn goals(conn: &mut DbConnection, match_ids: &[i32]) -> Result<Reconciliation, AppError> {
    reconcile_all(conn, match_ids, &mut HashMap::new())
}

/// Reconciles `match_ids` 500 at a time, with the claims stored and those in `new` (not
/// written yet).
fn reconcile_all(
    conn: &mut DbConnection,
    match_ids: &[i32],
    new: &mut HashMap<i32, Vec<GoalClaimRow>>,
) -> Result<Reconciliation, AppError> {
    let mut ids = match_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Reconciliation::default();
    for chunk in ids.chunks(500) {
        reconcile_chunk(conn, chunk, new, &mut out)?;
    }
    Ok(out)
}

fn reconcile_chunk(
    conn: &mut DbConnection,
    chunk: &[i32],
    new: &mut HashMap<i32, Vec<GoalClaimRow>>,
    out: &mut Reconciliation,
) -> Result<(), AppError> {
    let stored: Vec<GoalClaimRow> = goal_claims::table
        .filter(goal_claims::match_id.eq_any(chunk))
        .select(GoalClaimRow::as_select())
        .load(conn)?;
    let mut by_match: BTreeMap<i32, Vec<GoalClaimRow>> = BTreeMap::new();
    for row in stored {
        by_match.entry(row.match_id).or_default().push(row);
    }
    for id in chunk {
        if let Some(rows) = new.remove(id) {
            by_match.entry(*id).or_default().extend(rows);
        }
    }
    if by_match.is_empty() {
        return Ok(());
    }
    // The order claims are read in never depends on how they arrived.
    for rows in by_match.values_mut() {
        rows.sort_by_key(|r| (r.witness.as_str(), r.ordinal));
    }
    let with_claims: Vec<i32> = by_match.keys().copied().collect();
    let results: HashMap<i32, Result_> = matches::table
        .filter(matches::id.eq_any(&with_claims))
        .select((
            matches::id,
            matches::home_team_id,
            matches::away_team_id,
            (matches::ht_home, matches::ht_away),
            (matches::ft_home, matches::ft_away),
            (matches::et_home, matches::et_away),
            matches::final_only,
        ))
        .load::<Result_>(conn)?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();

    let mut shown = Vec::new();
    let mut per_match: Vec<(i32, Vec<Reconciled>)> = Vec::new();
    for (match_id, rows) in &mut by_match {
        let result = &results[match_id];
        let claims: Vec<Claim> = rows.iter().map(claim_of).collect::<Result<_, _>>()?;
        let score = final_score(result);
        let (goals, dropped) = reconcile(&claims, &score);
        for i in &dropped {
            let r = &rows[*i];
            out.warnings.push(format!(
                "match {match_id}: {}'s goal by {} at {} is beyond the match's score; left out",
                r.witness,
                r.scorer_name.as_deref().unwrap_or("an unnamed scorer"),
                r.minute
                    .map_or_else(|| "an unknown minute".to_owned(), |m| format!("{m}'"))
            ));
        }
        out.disputed += goals.iter().filter(|g| g.disputed).count();
        for g in &goals {
            shown.push(ShownGoal {
                match_id: *match_id,
                team_id: g.team,
                scorer_id: g.scorer,
                minute: g.minute,
                offset: g.offset,
                penalty: g.penalty,
                own_goal: g.own_goal,
                elapsed_seconds: g.seconds,
            });
        }
        per_match.push((*match_id, goals));
    }
    let before = stored_goals(conn, &with_claims)?;
    let mut after: HashMap<i32, Vec<GoalFacts>> = HashMap::new();
    for g in &shown {
        after.entry(g.match_id).or_default().push(facts(g));
    }
    let changed: HashSet<i32> = with_claims
        .iter()
        .copied()
        .filter(|m| before.get(m) != after.get(m))
        .collect();
    let changed_ids: Vec<i32> = changed.iter().copied().collect();
    diesel::delete(goals::table.filter(goals::match_id.eq_any(&changed_ids))).execute(conn)?;
    let rewritten: Vec<ShownGoal> = shown
        .iter()
        .filter(|g| changed.contains(&g.match_id))
        .cloned()
        .collect();
    crate::insert_batch!(conn, goals::table, &rewritten)?;
    out.goals += rewritten.len();
    link_claims(conn, &with_claims, &mut by_match, &per_match)?;
    half_times(conn, &results, &per_match)?;
    Ok(())
}

/// A goal's facts, to tell whether reconciling changed a match's goals.
type GoalFacts = (i32, Option<i32>, Option<i32>, i32, bool, bool, Option<i32>);

fn facts(g: &ShownGoal) -> GoalFacts {
    (
        g.team_id,
        g.scorer_id,
        g.minute,
        g.offset,
        g.penalty,
        g.own_goal,
        g.elapsed_seconds,
    )
}

/// The goals recorded for these matches, per match in the order they were written.
fn stored_goals(
    conn: &mut DbConnection,
    match_ids: &[i32],
) -> QueryResult<HashMap<i32, Vec<GoalFacts>>> {
    let rows: Vec<(i32, GoalFacts)> = goals::table
        .filter(goals::match_id.eq_any(match_ids))
        .order(goals::id)
        .select((
            goals::match_id,
            (
                goals::team_id,
                goals::scorer_id,
                goals::minute,
                goals::offset,
                goals::penalty,
                goals::own_goal,
                goals::elapsed_seconds,
            ),
        ))
        .load(conn)?;
    let mut out: HashMap<i32, Vec<GoalFacts>> = HashMap::new();
    for (m, f) in rows {
        out.entry(m).or_default().push(f);
    }
    Ok(out)
}

fn claim_of(row: &GoalClaimRow) -> Result<Claim, AppError> {
    Ok(Claim {
        witness: row.witness,
        team: row.team_id,
        scorer: row.scorer_id,
        name_key: row.scorer_name.as_deref().map(search_key),
        minute: row.minute,
        stoppage: row.stoppage,
        seconds: row.seconds,
        penalty: row.penalty,
        own_goal: row.own_goal,
    })
}

fn final_score(r: &Result_) -> HashMap<i32, i32> {
    let (h, a) = match (r.et, r.ft) {
        ((Some(h), Some(a)), _) | (_, (Some(h), Some(a))) => (h, a),
        _ => return HashMap::new(),
    };
    HashMap::from([(r.home, h), (r.away, a)])
}

/// Rewrites the claims of the reconciled matches, each with the goal it was counted for.
fn link_claims(
    conn: &mut DbConnection,
    with_claims: &[i32],
    by_match: &mut BTreeMap<i32, Vec<GoalClaimRow>>,
    per_match: &[(i32, Vec<Reconciled>)],
) -> QueryResult<()> {
    let ids: Vec<(i32, i32)> = goals::table
        .filter(goals::match_id.eq_any(with_claims))
        .order(goals::id)
        .select((goals::match_id, goals::id))
        .load(conn)?;
    let mut new_ids: HashMap<i32, Vec<i32>> = HashMap::new();
    for (m, id) in ids {
        new_ids.entry(m).or_default().push(id);
    }
    let mut rows = Vec::new();
    for (match_id, goals) in per_match {
        let claims = by_match
            .get_mut(match_id)
            .expect("claims of a reconciled match");
        for c in claims.iter_mut() {
            c.goal_id = None;
        }
        for (g, id) in goals.iter().zip(&new_ids[match_id]) {
            for &i in &g.claims {
                claims[i].goal_id = Some(*id);
            }
        }
        rows.append(claims);
    }
    diesel::delete(goal_claims::table.filter(goal_claims::match_id.eq_any(with_claims)))
        .execute(conn)?;
    crate::insert_batch!(conn, goal_claims::table, &rows)?;
    Ok(())
}

/// Where every goal of a match is known and their minutes agree with the score after 90
/// minutes, its half-time score is what they make by minute 45.
fn half_times(
    conn: &mut DbConnection,
    results: &HashMap<i32, Result_>,
    per_match: &[(i32, Vec<Reconciled>)],
) -> QueryResult<()> {
    for (match_id, goals) in per_match {
        let r = &results[match_id];
        let score = final_score(r);
        if r.final_only || score.is_empty() {
            continue;
        }
        let count = |team: i32, until: i32| {
            goals
                .iter()
                .filter(|g| g.team == team && g.minute.is_some_and(|m| m <= until))
                .count() as i32
        };
        // Every goal known and timed, and their minutes bear out the score after 90 minutes.
        let complete = score.iter().all(|(t, n)| count(*t, i32::MAX) == *n)
            && match r.ft {
                (Some(h), Some(a)) => (count(r.home, 90), count(r.away, 90)) == (h, a),
                _ => false,
            };
        let ht = (count(r.home, 45), count(r.away, 45));
        if !complete || r.ht == (Some(ht.0), Some(ht.1)) {
            continue;
        }
        diesel::update(matches::table.find(match_id))
            .set((matches::ht_home.eq(ht.0), matches::ht_away.eq(ht.1)))
            .execute(conn)?;
    }
    Ok(())
}
