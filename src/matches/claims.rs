//! What each source claims about a match's goals, and how the goals shown are reconciled from
//! those claims. Pure: no database here (`import::reconcile` loads and writes).
//!
//! Each kind of source (a *witness*) lists a match's goals once. The lists are paired goal by
//! goal (same team; same scorer within five minutes, then same scorer, then any scorer within
//! two minutes), and each field of a goal takes the value most witnesses give; where as many
//! give one value as another, the precedence measured in docs/sources.md decides. A reviewed
//! correction beats every file. The outcome depends only on the set of claims, never on the
//! order the files were read.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::schema::goal_claims;

crate::text_enum! {
    /// The kind of source a claim comes from: its vote and its precedence follow from it.
    Witness {
        /// goalline's reviewed corrections (docs/research): beats every file.
        Correction => "CORRECTION",
        /// A World Cup full report (openfootball `worldcup/more/YYYY_full.txt`).
        Report => "REPORT",
        /// A World Cup football.json (openfootball `worldcup.json`).
        WorldCupJson => "WORLD_CUP_JSON",
        /// openfootball's continental files (EURO Football.TXT and football.json, Copa
        /// América); one vote, as its files copy each other.
        Continental => "CONTINENTAL",
        /// The international results (`goalscorers.csv`): a single minute number, no
        /// stoppage time.
        Results => "RESULTS",
        /// Any other file.
        File => "FILE",
    }
}

impl Witness {
    /// The witness a file speaks as, from its path (as provenance names it).
    pub fn of_path(path: &str) -> Self {
        let path = path.replace('\\', "/");
        if path.contains("worldcup.json") {
            Self::WorldCupJson
        } else if path.ends_with("_full.txt") || path.contains("world-cup-2022") {
            Self::Report
        } else if path.contains("goalscorers") || path.contains("international-results") {
            Self::Results
        } else if path.contains("openfootball-continental")
            || path.contains("euro")
            || path.contains("copa")
        {
            Self::Continental
        } else {
            Self::File
        }
    }

    /// Rank for a field where two values have as many votes: lower wins.
    fn rank(self, field: Field) -> u8 {
        use Witness::*;
        let order: &[Witness] = match field {
            // The results file is outvoted least (6 in 839), then the report once its
            // elapsed-minute years are read as minutes played, then football.json (31).
            Field::Minute => &[Correction, Results, Report, WorldCupJson, Continental, File],
            // Only the World Cup sources write stoppage time reliably.
            Field::Stoppage => &[Correction, WorldCupJson, Report, Continental, File, Results],
            Field::OwnGoal => &[Correction, Results, WorldCupJson, Report, Continental, File],
            // Names: the sources with squad lists name players most fully.
            Field::Scorer => &[Correction, Report, Continental, WorldCupJson, Results, File],
        };
        order.iter().position(|w| *w == self).unwrap_or(order.len()) as u8
    }
}

#[derive(Clone, Copy)]
enum Field {
    Minute,
    Stoppage,
    OwnGoal,
    Scorer,
}

/// One goal as one source states it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = goal_claims, treat_none_as_default_value = false)]
pub struct GoalClaimRow {
    pub match_id: i32,
    pub source_id: i32,
    pub witness: Witness,
    pub ordinal: i32,
    pub team_id: i32,
    pub scorer_id: Option<i32>,
    pub scorer_name: Option<String>,
    /// `None`: the source does not give the minute.
    pub minute: Option<i32>,
    pub stoppage: Option<i32>,
    pub seconds: Option<i32>,
    pub penalty: bool,
    pub own_goal: bool,
    pub line: Option<i32>,
    pub goal_id: Option<i32>,
}

impl GoalClaimRow {
    /// The claims counted for each of these goals, by witness.
    pub fn of_goals(
        conn: &mut crate::db::DbConnection,
        ids: &[i32],
    ) -> QueryResult<Vec<GoalClaimRow>> {
        goal_claims::table
            .filter(goal_claims::goal_id.eq_any(ids.iter().map(|i| Some(*i)).collect::<Vec<_>>()))
            .order((goal_claims::goal_id, goal_claims::witness))
            .select(GoalClaimRow::as_select())
            .load(conn)
    }

    /// The claims counted for a goal of these matches.
    pub fn counted_of_matches(
        conn: &mut crate::db::DbConnection,
        ids: &[i32],
    ) -> QueryResult<Vec<GoalClaimRow>> {
        goal_claims::table
            .filter(goal_claims::match_id.eq_any(ids))
            .filter(goal_claims::goal_id.is_not_null())
            .select(GoalClaimRow::as_select())
            .load(conn)
    }
}

/// Key: the claims counted for a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GoalClaims(pub i32);

crate::list_relation!(GoalClaims => GoalClaimRow, GoalClaimRow::of_goals, |c| c.goal_id.unwrap_or_default(), goals, match |c| c.match_id, GoalClaimRow::counted_of_matches);
crate::read_scope!(EveryMatch: GoalClaims);

/// A claim as the reconciliation reads it.
#[derive(Debug, Clone)]
pub struct Claim {
    pub witness: Witness,
    pub team: i32,
    pub scorer: Option<i32>,
    /// The scorer's name folded for comparison (`person::search_key`).
    pub name_key: Option<String>,
    pub minute: Option<i32>,
    pub stoppage: Option<i32>,
    pub seconds: Option<i32>,
    pub penalty: bool,
    pub own_goal: bool,
}

/// A goal as shown, with the claims it was made from (indexes into the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciled {
    pub team: i32,
    pub scorer: Option<i32>,
    /// `None` when no claim gives the minute.
    pub minute: Option<i32>,
    pub offset: i32,
    pub penalty: bool,
    pub own_goal: bool,
    /// Seconds from kick-off, where a claim gives them and agrees on the minute.
    pub seconds: Option<i32>,
    pub claims: Vec<usize>,
    /// True when the claims disagree on a field shown.
    pub disputed: bool,
}

/// Reconciles one match's claims into its goals, ordered by time. `score` is the match's
/// result per team id, where known: witnesses' goals beyond it are left out, the least
/// attested first (their indexes are returned as the second value).
pub fn reconcile(claims: &[Claim], score: &HashMap<i32, i32>) -> (Vec<Reconciled>, Vec<usize>) {
    let clusters = pair(claims);
    let mut goals: Vec<Reconciled> = clusters.iter().map(|c| vote(claims, c)).collect();
    let mut dropped = Vec::new();
    for (&team, &limit) in score {
        loop {
            let of_team: Vec<usize> = (0..goals.len())
                .filter(|&i| goals[i].team == team)
                .collect();
            if of_team.len() as i32 <= limit {
                break;
            }
            // The goal fewest witnesses give; among those, the latest.
            let weakest = *of_team
                .iter()
                .min_by_key(|&&i| (goals[i].claims.len(), std::cmp::Reverse(i)))
                .expect("more goals than the limit");
            dropped.extend(goals.remove(weakest).claims);
        }
    }
    // Goals of an unknown minute last, in the order their sources list them.
    goals.sort_by_key(|g| (g.minute.is_none(), g.minute, g.offset, g.claims[0]));
    (goals, dropped)
}

fn same_scorer(a: &Claim, b: &Claim) -> bool {
    match (a.scorer, b.scorer) {
        (Some(x), Some(y)) if x == y => return true,
        _ => {}
    }
    match (&a.name_key, &b.name_key) {
        (Some(x), Some(y)) => crate::person::names_close(x, y),
        _ => false,
    }
}

/// How many minutes apart two claims place a goal; `None` when either gives no minute.
fn minutes_apart(a: &Claim, b: &Claim) -> Option<i32> {
    Some((a.minute? - b.minute?).abs())
}

/// Groups the claims into goals: each witness's list is paired with the goals formed so far.
fn pair(claims: &[Claim]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    // The longest lists first (they anchor the pairing), then by witness.
    let mut per_witness: HashMap<Witness, usize> = HashMap::new();
    for c in claims {
        *per_witness.entry(c.witness).or_default() += 1;
    }
    order.sort_by_key(|&i| {
        let w = claims[i].witness;
        (std::cmp::Reverse(per_witness[&w]), w.rank(Field::Scorer), i)
    });
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut witnesses: Vec<Witness> = order.iter().map(|&i| claims[i].witness).collect();
    witnesses.dedup();
    for w in witnesses {
        let mine: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| claims[i].witness == w)
            .collect();
        let mut placed = vec![None; mine.len()];
        let free = |clusters: &Vec<Vec<usize>>, taken: &[Option<usize>], k: usize| {
            !taken.contains(&Some(k)) && clusters[k].iter().all(|&j| claims[j].witness != w)
        };
        type Test = fn(&Claim, &Claim) -> Option<i32>;
        let tests: [Test; 3] = [
            |a, b| minutes_apart(a, b).filter(|&d| d <= 5 && same_scorer(a, b)),
            // A claim without a minute contradicts none: it pairs before a minute far off.
            |a, b| same_scorer(a, b).then(|| minutes_apart(a, b).unwrap_or(-1)),
            |a, b| minutes_apart(a, b).filter(|&d| d <= 2),
        ];
        for test in tests {
            for (n, &i) in mine.iter().enumerate() {
                if placed[n].is_some() {
                    continue;
                }
                let best = (0..clusters.len())
                    .filter(|&k| free(&clusters, &placed, k))
                    .filter(|&k| claims[clusters[k][0]].team == claims[i].team)
                    .filter_map(|k| Some((test(&claims[clusters[k][0]], &claims[i])?, k)))
                    .min();
                placed[n] = best.map(|(_, k)| k);
            }
        }
        for (n, &i) in mine.iter().enumerate() {
            match placed[n] {
                Some(k) => clusters[k].push(i),
                None => clusters.push(vec![i]),
            }
        }
    }
    clusters
}

/// The value most claims give; a tie goes to the best-ranked witness for `field`.
fn winner<T: PartialEq + Clone>(
    claims: &[Claim],
    members: &[usize],
    field: Field,
    value: impl Fn(&Claim) -> Option<T>,
) -> Option<T> {
    let mut tally: Vec<(T, usize, u8)> = Vec::new();
    for &i in members {
        let Some(v) = value(&claims[i]) else { continue };
        let rank = claims[i].witness.rank(field);
        match tally.iter_mut().find(|(t, _, _)| *t == v) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 = entry.2.min(rank);
            }
            None => tally.push((v, 1, rank)),
        }
    }
    if let Some(correction) = members
        .iter()
        .find(|&&i| claims[i].witness == Witness::Correction)
    {
        if let Some(v) = value(&claims[*correction]) {
            return Some(v);
        }
    }
    tally
        .into_iter()
        .min_by_key(|(_, votes, rank)| (std::cmp::Reverse(*votes), *rank))
        .map(|(v, _, _)| v)
}

fn vote(claims: &[Claim], members: &[usize]) -> Reconciled {
    let first = &claims[members[0]];
    // Only claims that give a minute vote on it.
    let minute = winner(claims, members, Field::Minute, |c| c.minute);
    // Stoppage time only from claims that agree on the minute and write stoppage time.
    let offset = winner(claims, members, Field::Stoppage, |c| {
        c.stoppage
            .filter(|_| c.minute.is_some() && c.minute == minute)
    })
    .unwrap_or(0);
    let own_goal = winner(claims, members, Field::OwnGoal, |c| Some(c.own_goal)).unwrap_or(false);
    // Sources only ever omit a penalty flag (docs/sources.md): one that gives it is right.
    let penalty = !own_goal && members.iter().any(|&i| claims[i].penalty);
    let scorer_of = |c: &Claim| -> Option<(Option<i32>, Option<String>)> {
        (c.own_goal == own_goal).then(|| (c.scorer, c.name_key.clone()))
    };
    let scorer = winner(claims, members, Field::Scorer, |c| {
        // Votes by person where known; the same person under two records counts once each.
        scorer_of(c).map(|(id, _)| id)
    })
    .flatten();
    let seconds = winner(claims, members, Field::Minute, |c| {
        c.seconds
            .filter(|_| c.minute.is_some() && c.minute == minute)
    });
    let disputed = members.iter().any(|&i| {
        let c = &claims[i];
        (c.minute.is_some() && c.minute != minute)
            || c.stoppage.is_some_and(|s| s != offset)
            || c.own_goal != own_goal
            || (c.penalty != penalty)
            || (c.scorer.is_some() && scorer.is_some() && c.scorer != scorer)
    });
    Reconciled {
        team: first.team,
        scorer,
        minute,
        offset: if minute.is_some_and(|m| [45, 90, 105, 120].contains(&m)) {
            offset
        } else {
            0
        },
        penalty,
        own_goal,
        seconds,
        claims: members.to_vec(),
        disputed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(witness: Witness, scorer: i32, minute: i32) -> Claim {
        Claim {
            witness,
            team: 1,
            scorer: Some(scorer),
            name_key: Some(format!("player {scorer}")),
            minute: Some(minute),
            stoppage: None,
            seconds: None,
            penalty: false,
            own_goal: false,
        }
    }

    fn score(n: i32) -> HashMap<i32, i32> {
        HashMap::from([(1, n)])
    }

    #[test]
    fn the_minute_most_sources_give_wins() {
        // Götze, 2014 final: report 112', football.json and results 113'.
        let claims = [
            claim(Witness::Report, 7, 112),
            claim(Witness::WorldCupJson, 7, 113),
            claim(Witness::Results, 7, 113),
        ];
        let (goals, dropped) = reconcile(&claims, &score(1));
        assert_eq!(goals.len(), 1);
        assert_eq!(goals[0].minute, Some(113));
        assert!(goals[0].disputed);
        assert!(dropped.is_empty());
    }

    #[test]
    fn two_sources_that_disagree_follow_the_precedence() {
        let claims = [
            claim(Witness::Report, 7, 40),
            claim(Witness::Results, 7, 41),
        ];
        assert_eq!(reconcile(&claims, &score(1)).0[0].minute, Some(41));
    }

    #[test]
    fn a_penalty_flag_given_by_one_source_counts() {
        let mut claims = vec![
            claim(Witness::Report, 9, 22),
            claim(Witness::WorldCupJson, 9, 22),
        ];
        claims[1].penalty = true;
        assert!(reconcile(&claims, &score(1)).0[0].penalty);
    }

    #[test]
    fn an_own_goal_outvotes_a_scorer_named_by_one_source() {
        // 2018 France v Australia: the report gives Pogba 82'; the others a Behich own goal.
        let mut claims = vec![
            claim(Witness::Report, 6, 82),
            claim(Witness::WorldCupJson, 3, 81),
            claim(Witness::Results, 3, 81),
        ];
        claims[1].own_goal = true;
        claims[2].own_goal = true;
        let (goals, _) = reconcile(&claims, &score(1));
        assert_eq!(goals.len(), 1);
        assert!(goals[0].own_goal);
        assert_eq!((goals[0].scorer, goals[0].minute), (Some(3), Some(81)));
    }

    #[test]
    fn stoppage_time_comes_from_sources_that_write_it() {
        let mut claims = vec![
            claim(Witness::Results, 5, 90),
            claim(Witness::WorldCupJson, 5, 90),
        ];
        claims[1].stoppage = Some(3);
        let goal = &reconcile(&claims, &score(1)).0[0];
        assert_eq!((goal.minute, goal.offset), (Some(90), 3));
    }

    #[test]
    fn the_order_of_the_claims_does_not_matter() {
        let mut claims = vec![
            claim(Witness::Report, 1, 10),
            claim(Witness::Report, 2, 50),
            claim(Witness::WorldCupJson, 1, 11),
            claim(Witness::WorldCupJson, 2, 50),
            claim(Witness::Results, 1, 11),
            claim(Witness::Results, 2, 52),
        ];
        claims[3].penalty = true;
        let strip = |(goals, _): (Vec<Reconciled>, Vec<usize>)| {
            goals
                .into_iter()
                .map(|g| (g.scorer, g.minute, g.offset, g.penalty, g.own_goal))
                .collect::<Vec<_>>()
        };
        let forward = strip(reconcile(&claims, &score(2)));
        claims.reverse();
        assert_eq!(strip(reconcile(&claims, &score(2))), forward);
        assert_eq!(
            forward,
            vec![
                (Some(1), Some(11), 0, false, false),
                (Some(2), Some(50), 0, true, false)
            ]
        );
    }

    #[test]
    fn a_goal_no_source_times_is_kept_after_the_timed_ones() {
        // goalscorers.csv writes `NA` for some older goals; another source may time them.
        let mut claims = vec![
            claim(Witness::Results, 4, 1),
            claim(Witness::Results, 8, 1),
            claim(Witness::Results, 4, 1),
            claim(Witness::Continental, 4, 67),
        ];
        claims[0].minute = None;
        claims[1].minute = None;
        claims[2].minute = Some(30);
        let (goals, dropped) = reconcile(&claims, &score(3));
        assert!(dropped.is_empty());
        let shown: Vec<_> = goals.iter().map(|g| (g.scorer, g.minute)).collect();
        // The untimed goal of player 4 pairs with the continental 67' (same scorer); player
        // 8's stays untimed and comes last.
        assert_eq!(
            shown,
            vec![(Some(4), Some(30)), (Some(4), Some(67)), (Some(8), None)]
        );
        assert!(goals.iter().all(|g| !g.disputed));
    }

    #[test]
    fn goals_beyond_the_score_are_left_out_least_attested_first() {
        let claims = [
            claim(Witness::Report, 1, 10),
            claim(Witness::Results, 1, 10),
            claim(Witness::Results, 2, 70),
        ];
        let (goals, dropped) = reconcile(&claims, &score(1));
        assert_eq!(goals.len(), 1);
        assert_eq!(goals[0].scorer, Some(1));
        assert_eq!(dropped, vec![2]);
    }

    #[test]
    fn witnesses_are_told_by_path() {
        assert_eq!(
            Witness::of_path("openfootball/worldcup/more/2014_full.txt"),
            Witness::Report
        );
        assert_eq!(
            Witness::of_path("openfootball/worldcup.json/2014/worldcup.json"),
            Witness::WorldCupJson
        );
        assert_eq!(
            Witness::of_path("international-results/goalscorers.csv"),
            Witness::Results
        );
        assert_eq!(
            Witness::of_path("openfootball-continental/euro/2021--europe/euro.txt"),
            Witness::Continental
        );
        assert_eq!(Witness::of_path("/tmp/other.json"), Witness::File);
    }
}
