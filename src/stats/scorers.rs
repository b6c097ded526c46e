//! Scorers of a tournament: goals with penalties counted apart; own goals count for nobody.

use std::collections::HashMap;

use crate::matches::Goal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorerLine {
    pub person_id: i32,
    pub team_id: i32,
    pub goals: i32,
    pub penalties: i32,
}

/// Best first: most goals, then fewer of them from penalties.
pub fn top_scorers(goals: &[Goal], limit: usize) -> Vec<ScorerLine> {
    let mut by_person: HashMap<i32, ScorerLine> = HashMap::new();
    for g in goals.iter().filter(|g| !g.own_goal) {
        let Some(person_id) = g.scorer_id else {
            continue;
        };
        let line = by_person.entry(person_id).or_insert(ScorerLine {
            person_id,
            team_id: g.team_id,
            goals: 0,
            penalties: 0,
        });
        line.goals += 1;
        line.penalties += i32::from(g.penalty);
    }
    let mut lines: Vec<ScorerLine> = by_person.into_values().collect();
    lines.sort_by(|a, b| {
        b.goals
            .cmp(&a.goals)
            .then(a.penalties.cmp(&b.penalties))
            .then(a.person_id.cmp(&b.person_id))
    });
    lines.truncate(limit);
    lines
}
