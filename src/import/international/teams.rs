//! Which team the international results mean. They name every team by its current name
//! ("Russia" in 1960, "DR Congo" in 1974) and list former names with their dates. A former
//! name is the same team under another name (the 1882 "Ireland" is Northern Ireland, Zaire is
//! DR Congo), except where goalline keeps a predecessor as a team of its own with its own
//! record (the Soviet Union, West Germany, Yugoslavia): those are linked by lineage, not merged.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::read::FormerNameRow;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::import::teams::fifa_code;
use crate::person::search_key;
use crate::schema::{team_names, teams};
use crate::team::Team;

/// Former names that are teams of their own: what the team is called in goalline.
const SEPARATE_TEAMS: &[(&str, &str)] = &[
    ("Soviet Union", "Soviet Union"),
    ("CIS", "CIS"),
    ("FR Yugoslavia", "Yugoslavia"),
    ("Serbia and Montenegro", "Serbia and Montenegro"),
];

/// The international results call West Germany "Germany" (and East Germany "German DR"):
/// goalline keeps West Germany apart, as its World Cup records do, from the founding of the
/// Federal Republic's association's first post-war match to reunification.
fn west_germany(name: &str, date: NaiveDate) -> bool {
    let from = NaiveDate::from_ymd_opt(1950, 1, 1);
    let until = NaiveDate::from_ymd_opt(1990, 10, 2);
    name == "Germany" && from <= Some(date) && Some(date) <= until
}

/// A name for the same team that the files used in a period.
#[derive(Debug, Clone)]
pub struct FormerName {
    pub current: String,
    pub former: String,
    pub from: NaiveDate,
    pub until: NaiveDate,
}

/// Resolves names at dates to team ids, creating teams the database does not know yet.
pub struct TeamResolver {
    by_name: HashMap<String, i32>,
    by_code: HashMap<String, i32>,
    /// The FIFA code of each team that has one, those created here included.
    codes: HashMap<i32, String>,
    /// Current name -> its former names with their periods.
    former: HashMap<String, Vec<FormerName>>,
    /// The folded current name each team was found under: West Germany's is "germany", as is
    /// Germany's (one nation, two teams with their own records).
    nation: HashMap<i32, String>,
    /// (team, name, source name) to record as an undated alias.
    pub aliases: Vec<(i32, String)>,
    pub created: usize,
}

impl TeamResolver {
    pub fn load(conn: &mut DbConnection, former: &[FormerNameRow]) -> Result<Self, AppError> {
        let rows: Vec<(i32, String, Option<String>)> = teams::table
            .select((teams::id, teams::search_name, teams::fifa_code))
            .load(conn)?;
        let aliases: Vec<(i32, String)> = team_names::table
            .filter(team_names::valid_from.is_null())
            .select((team_names::team_id, team_names::search_name))
            .load(conn)?;
        let mut resolver = Self {
            by_name: HashMap::new(),
            by_code: HashMap::new(),
            codes: HashMap::new(),
            nation: HashMap::new(),
            former: HashMap::new(),
            aliases: Vec::new(),
            created: 0,
        };
        for (id, name, code) in rows {
            resolver.by_name.insert(name, id);
            if let Some(code) = code {
                resolver.codes.insert(id, code.clone());
                resolver.by_code.insert(code, id);
            }
        }
        for (id, name) in aliases {
            resolver.by_name.entry(name).or_insert(id);
        }
        for row in former {
            resolver
                .former
                .entry(row.current.clone())
                .or_default()
                .push(FormerName {
                    current: row.current.clone(),
                    former: row.former.clone(),
                    from: row.from,
                    until: row.until,
                });
        }
        Ok(resolver)
    }

    /// Which team a name means on a date: the current name's team, or the predecessor it
    /// stood for then.
    pub fn entity_name(&self, name: &str, date: NaiveDate) -> String {
        if west_germany(name, date) {
            return "West Germany".to_owned();
        }
        let then = self.former.get(name).and_then(|list| {
            list.iter()
                .find(|f| f.from <= date && date <= f.until)
                .and_then(|f| SEPARATE_TEAMS.iter().find(|(n, _)| *n == f.former))
        });
        match then {
            Some((_, team)) => (*team).to_owned(),
            None => name.to_owned(),
        }
    }

    /// The team a name means on a date, created when unknown.
    pub fn resolve(
        &mut self,
        conn: &mut DbConnection,
        name: &str,
        date: NaiveDate,
    ) -> Result<i32, AppError> {
        let id = self.team_of(conn, name, date)?;
        self.nation.entry(id).or_insert_with(|| search_key(name));
        Ok(id)
    }

    /// Whether two FIFA codes are one nation's: the same code, or teams the results call by
    /// one current name (West Germany and Germany, the Soviet Union and Russia). A player of
    /// West Germany's squads who scored for Germany after 1990 is one person.
    pub fn one_nation(&self, a: &str, b: &str) -> bool {
        let nation = |code: &str| self.by_code.get(code).and_then(|id| self.nation.get(id));
        a == b || nation(a).is_some_and(|n| nation(b) == Some(n))
    }

    fn team_of(
        &mut self,
        conn: &mut DbConnection,
        name: &str,
        date: NaiveDate,
    ) -> Result<i32, AppError> {
        let entity = self.entity_name(name, date);
        let key = search_key(&entity);
        if let Some(id) = self.by_name.get(&key) {
            return Ok(*id);
        }
        let code = fifa_code(&entity);
        if let Some(id) = code.and_then(|c| self.by_code.get(c)).copied() {
            self.by_name.insert(key, id);
            self.aliases.push((id, entity));
            return Ok(id);
        }
        let (id, created) = Team::national(conn, code, &entity)?;
        self.created += usize::from(created);
        self.by_name.insert(key, id);
        if let Some(code) = code {
            self.codes.insert(id, code.to_owned());
            self.by_code.insert(code.to_owned(), id);
        }
        Ok(id)
    }

    /// The team's FIFA code, where it has one.
    pub fn code_of(&self, id: i32) -> Option<String> {
        self.codes.get(&id).cloned()
    }

    /// Former names that are the same team, with their team (resolved on their first day).
    pub fn same_team_former_names(
        &mut self,
        conn: &mut DbConnection,
    ) -> Result<Vec<(i32, FormerName)>, AppError> {
        let list: Vec<FormerName> = self.former.values().flatten().cloned().collect();
        let mut out = Vec::new();
        for f in list {
            if SEPARATE_TEAMS.iter().any(|(n, _)| *n == f.former) {
                continue;
            }
            let id = self.resolve(conn, &f.current, f.from)?;
            out.push((id, f));
        }
        out.sort_by(|a, b| (a.0, &a.1.former).cmp(&(b.0, &b.1.former)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver(former: &[(&str, &str, &str, &str)]) -> TeamResolver {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let mut r = TeamResolver {
            by_name: HashMap::new(),
            by_code: HashMap::new(),
            codes: HashMap::new(),
            nation: HashMap::new(),
            former: HashMap::new(),
            aliases: Vec::new(),
            created: 0,
        };
        for (current, name, from, until) in former {
            r.former
                .entry((*current).to_owned())
                .or_default()
                .push(FormerName {
                    current: (*current).to_owned(),
                    former: (*name).to_owned(),
                    from: day(from),
                    until: day(until),
                });
        }
        r
    }

    fn on(d: &str) -> NaiveDate {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn predecessors_with_their_own_record_are_their_own_team() {
        let r = resolver(&[("Russia", "Soviet Union", "1924-11-16", "1991-11-13")]);
        assert_eq!(r.entity_name("Russia", on("1966-07-23")), "Soviet Union");
        assert_eq!(r.entity_name("Russia", on("2018-07-01")), "Russia");
        assert_eq!(r.entity_name("Germany", on("1954-07-04")), "West Germany");
        assert_eq!(r.entity_name("Germany", on("1938-06-04")), "Germany");
        assert_eq!(r.entity_name("Germany", on("2014-07-13")), "Germany");
    }

    #[test]
    fn a_former_name_of_the_same_team_is_that_team() {
        let r = resolver(&[("Northern Ireland", "Ireland", "1882-02-18", "1956-04-11")]);
        assert_eq!(
            r.entity_name("Northern Ireland", on("1882-02-18")),
            "Northern Ireland"
        );
    }
}
