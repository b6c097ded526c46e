//! Which competition a source means by its name ("FIFA World Cup qualification", "UEFA Euro",
//! "Friendly"), read from `competitions.csv` (one row per name the international results
//! use, with the competition's slug, official name, kind and confederation), and the editions
//! whose official year is not the year they were played (`editions.csv`: UEFA Euro 2020 was
//! played in 2021; seasons named by the year they start). A name the catalogue does not know is still a competition: a final
//! tournament of that name, never a refusal.

use std::sync::OnceLock;

use chrono::NaiveDate;

use super::CompetitionKind;

const COMPETITIONS: &str = include_str!("competitions.csv");
const EDITIONS: &str = include_str!("editions.csv");

/// A competition as the catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub slug: String,
    pub name: String,
    pub kind: CompetitionKind,
    pub confederation: Option<String>,
    /// Whether its matches are grouped into editions (final tournaments, league seasons).
    pub has_editions: bool,
}

/// An edition named for another year than it was played in.
#[derive(Debug, Clone)]
struct Renamed {
    slug: String,
    official_year: i32,
    first: NaiveDate,
    last: NaiveDate,
}

struct Catalogue {
    /// (name a source uses, entry), searched by folded name.
    entries: Vec<(String, Entry)>,
    renamed: Vec<Renamed>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue {
        entries: COMPETITIONS
            .lines()
            .skip(1)
            .filter_map(read_entry)
            .collect(),
        renamed: EDITIONS.lines().skip(1).filter_map(read_renamed).collect(),
    })
}

fn read_entry(line: &str) -> Option<(String, Entry)> {
    let f = crate::csv_line::split(line).ok()?;
    let [source, slug, name, kind, confederation, editions] = f.as_slice() else {
        return None;
    };
    let kind = CompetitionKind::from_db(kind).ok()?;
    Some((
        fold(source),
        Entry {
            slug: slug.clone(),
            name: name.clone(),
            kind,
            confederation: Some(confederation)
                .filter(|c| !c.is_empty() && *c != "NONE")
                .cloned(),
            has_editions: *editions == "yes",
        },
    ))
}

fn read_renamed(line: &str) -> Option<Renamed> {
    let f = crate::csv_line::split(line).ok()?;
    let [slug, year, first, last, ..] = f.as_slice() else {
        return None;
    };
    Some(Renamed {
        slug: slug.clone(),
        official_year: year.parse().ok()?,
        first: first.parse().ok()?,
        last: last.parse().ok()?,
    })
}

fn fold(name: &str) -> String {
    crate::person::search_key(name)
}

/// The competition a source's name means: by the names the international results use, by
/// official name or by slug; otherwise a final tournament of that name.
pub fn lookup(name: &str) -> Entry {
    let key = fold(name);
    let found = catalogue().entries.iter().find(|(source, entry)| {
        *source == key || fold(&entry.name) == key || entry.slug == key.replace(' ', "-")
    });
    match found {
        Some((_, entry)) => entry.clone(),
        None => Entry {
            slug: crate::import::slugify(name),
            name: name.trim().to_owned(),
            kind: CompetitionKind::Tournament,
            confederation: None,
            has_editions: true,
        },
    }
}

/// The official year of the edition of competition `slug` played on `date`: the year itself
/// unless the catalogue knows the edition by another (UEFA Euro 2020, played in 2021).
pub fn official_year(slug: &str, date: NaiveDate) -> i32 {
    catalogue()
        .renamed
        .iter()
        .find(|r| r.slug == slug && r.first <= date && date <= r.last)
        .map_or_else(|| chrono::Datelike::year(&date), |r| r.official_year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_names_and_official_names_find_the_same_competition() {
        let by_source = lookup("FIFA World Cup");
        assert_eq!(by_source.slug, "world-cup");
        assert_eq!(by_source.kind, CompetitionKind::Tournament);
        assert_eq!(lookup("fifa world cup").slug, "world-cup");
        assert_eq!(lookup("Friendly").kind, CompetitionKind::Friendly);
        assert_eq!(
            lookup("FIFA World Cup qualification").kind,
            CompetitionKind::Qualification
        );
    }

    #[test]
    fn an_unknown_name_is_a_tournament_of_that_name() {
        let entry = lookup("Tournoi de Test");
        assert_eq!(entry.slug, "tournoi-de-test");
        assert_eq!(entry.kind, CompetitionKind::Tournament);
    }

    #[test]
    fn euro_2020_was_played_in_2021() {
        let euro = lookup("UEFA Euro");
        let final_day = NaiveDate::from_ymd_opt(2021, 7, 11).unwrap();
        assert_eq!(official_year(&euro.slug, final_day), 2020);
        let euro_2016 = NaiveDate::from_ymd_opt(2016, 7, 10).unwrap();
        assert_eq!(official_year(&euro.slug, euro_2016), 2016);
    }
}
