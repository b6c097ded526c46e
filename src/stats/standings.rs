//! Group tables with the tie-breakers of the edition: points (two for a win until 1990, three
//! from 1994), then goal average (1958-1966) or goal difference, goals scored, and then the
//! results between the tied teams; UEFA's EUROs since 1996 take the results between the tied
//! teams first. A play-off or replay (a second meeting of two teams in a group where the others
//! meet once, 1954 and 1958) is left out of the table and decides between the teams it was
//! played by. Ties those leave (fair play, drawing of lots) are marked.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::matches::Match;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandingRow {
    pub team_id: i32,
    pub played: i32,
    pub won: i32,
    pub drawn: i32,
    pub lost: i32,
    pub goals_for: i32,
    pub goals_against: i32,
    pub points: i32,
    /// Still level with a neighbour after every tie-breaker computed here.
    pub tied: bool,
}

impl StandingRow {
    pub fn difference(&self) -> i32 {
        self.goals_for - self.goals_against
    }
}

/// Points for a win in the edition of `year`.
pub fn points_for_win(year: i32) -> i32 {
    if year >= 1994 {
        3
    } else {
        2
    }
}

/// How an edition ranks its group tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub year: i32,
    /// Teams level on points are ranked by the matches between them before goal difference.
    pub head_to_head_first: bool,
}

impl Rules {
    pub fn of(competition_slug: &str, year: i32) -> Self {
        Self {
            year,
            head_to_head_first: competition_slug == "euro" && year >= 1996,
        }
    }
}

/// The play-offs and replays among a group's matches (indexes, in the order given): a later
/// meeting of two teams who met before, in a group where other teams meet only once.
pub fn play_offs(matches: &[Match]) -> Vec<usize> {
    let pair = |m: &Match| {
        let (a, b) = (m.home_team_id, m.away_team_id);
        (a.min(b), a.max(b))
    };
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order.sort_by_key(|&i| (matches[i].kickoff_utc, matches[i].id));
    let mut meetings: HashMap<(i32, i32), usize> = HashMap::new();
    for m in matches {
        *meetings.entry(pair(m)).or_default() += 1;
    }
    if meetings.values().all(|n| *n >= 2) {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let mut extra: Vec<usize> = order
        .into_iter()
        .filter(|&i| !seen.insert(pair(&matches[i])))
        .collect();
    extra.sort_unstable();
    extra
}

/// Goals each side scored in a finished match: after extra time when it was played.
pub fn final_goals(m: &Match) -> Option<(i32, i32)> {
    let s = m.extra_time().or(m.full_time())?;
    Some((s.home, s.away))
}

fn table(matches: &[&Match], year: i32) -> HashMap<i32, StandingRow> {
    let win = points_for_win(year);
    let mut rows: HashMap<i32, StandingRow> = HashMap::new();
    for m in matches {
        for team in [m.home_team_id, m.away_team_id] {
            rows.entry(team).or_insert_with(|| StandingRow {
                team_id: team,
                ..StandingRow::default()
            });
        }
        let Some((home, away)) = final_goals(m) else {
            continue;
        };
        for (team, scored, conceded) in [(m.home_team_id, home, away), (m.away_team_id, away, home)]
        {
            let row = rows.get_mut(&team).expect("inserted above");
            row.played += 1;
            row.goals_for += scored;
            row.goals_against += conceded;
            match scored.cmp(&conceded) {
                Ordering::Greater => {
                    row.won += 1;
                    row.points += win;
                }
                Ordering::Equal => {
                    row.drawn += 1;
                    row.points += 1;
                }
                Ordering::Less => row.lost += 1,
            }
        }
    }
    rows
}

/// The table of a group (or final round) from its matches, best first; play-offs and
/// replays (`play_offs`) are not counted.
pub fn standings(matches: &[Match], rules: Rules) -> Vec<StandingRow> {
    let year = rules.year;
    let extra = play_offs(matches);
    let counted: Vec<&Match> = (0..matches.len())
        .filter(|i| !extra.contains(i))
        .map(|i| &matches[i])
        .collect();
    let rows = table(&counted, year);
    let goal_average = (1958..=1966).contains(&year);
    let by_goals = |a: &StandingRow, b: &StandingRow| -> Ordering {
        if goal_average {
            // a.gf / a.ga > b.gf / b.ga, compared without division (0 conceded is best).
            (i64::from(b.goals_for) * i64::from(a.goals_against))
                .cmp(&(i64::from(a.goals_for) * i64::from(b.goals_against)))
        } else {
            b.difference().cmp(&a.difference())
        }
        .then(b.goals_for.cmp(&a.goals_for))
    };
    let overall = |a: &StandingRow, b: &StandingRow| -> Ordering {
        if rules.head_to_head_first {
            return b.points.cmp(&a.points);
        }
        b.points.cmp(&a.points).then_with(|| by_goals(a, b))
    };
    let mut ordered: Vec<StandingRow> = rows.into_values().collect();
    ordered.sort_by(|a, b| overall(a, b).then(a.team_id.cmp(&b.team_id)));

    // Teams level on all of that are ordered by the matches between them.
    let mut i = 0;
    while i < ordered.len() {
        let mut j = i + 1;
        while j < ordered.len() && overall(&ordered[i], &ordered[j]) == Ordering::Equal {
            j += 1;
        }
        if j - i > 1 {
            let ids: Vec<i32> = ordered[i..j].iter().map(|r| r.team_id).collect();
            let between: Vec<&Match> = counted
                .iter()
                .copied()
                .filter(|m| ids.contains(&m.home_team_id) && ids.contains(&m.away_team_id))
                .collect();
            let mini = table(&between, year);
            let key = |r: &StandingRow| {
                let m = &mini[&r.team_id];
                (m.points, m.difference(), m.goals_for)
            };
            let level = |a: &StandingRow, b: &StandingRow| {
                key(a) == key(b) && (!rules.head_to_head_first || by_goals(a, b).is_eq())
            };
            ordered[i..j].sort_by(|a, b| {
                key(b)
                    .cmp(&key(a))
                    .then_with(|| match rules.head_to_head_first {
                        true => by_goals(a, b),
                        false => Ordering::Equal,
                    })
                    .then(a.team_id.cmp(&b.team_id))
            });
            for k in i..j {
                let level_before = k > i && level(&ordered[k], &ordered[k - 1]);
                let level_after = k + 1 < j && level(&ordered[k], &ordered[k + 1]);
                ordered[k].tied = level_before || level_after;
            }
        }
        i = j;
    }
    for &p in &extra {
        settle_by_play_off(&mut ordered, &matches[p]);
    }
    ordered
}

/// Two teams level on points whose play-off had a winner: the winner ranks above.
fn settle_by_play_off(ordered: &mut [StandingRow], m: &Match) {
    let Some(won) = m.winner_id() else { return };
    let lost = if won == m.home_team_id {
        m.away_team_id
    } else {
        m.home_team_id
    };
    let at = |rows: &[StandingRow], id: i32| rows.iter().position(|r| r.team_id == id);
    let (Some(w), Some(l)) = (at(ordered, won), at(ordered, lost)) else {
        return;
    };
    if ordered[w].points != ordered[l].points {
        return;
    }
    if w > l {
        ordered[l..=w].rotate_right(1);
    }
    for id in [won, lost] {
        let k = at(ordered, id).expect("present");
        ordered[k].tied = false;
    }
}
