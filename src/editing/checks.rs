//! Validation shared by the editing writes: each refusal names the input field it is about.

use chrono::{NaiveDate, Utc};
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use crate::error::AppError;

/// Most characters of a name (team, person, tournament, stage, group).
const MAX_TEXT_CHARS: usize = 200;

/// A name as stored: trimmed, inner runs of spaces made one, not empty.
pub fn text(argument: &str, value: &str) -> Result<String, AppError> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(AppError::bad_input(argument, "must not be empty"));
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(AppError::bad_input(argument, "at most 200 characters"));
    }
    Ok(value)
}

/// A FIFA code, e.g. "ARG": three letters, stored in capitals (lookups ignore case).
pub fn fifa_code(argument: &str, value: &str) -> Result<String, AppError> {
    let code = value.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(AppError::bad_input(
            argument,
            format!("`{value}` is not a FIFA code: give 3 letters, e.g. \"ARG\""),
        ))
    }
}

/// A tournament slug, e.g. "world-cup-2026": words of `a-z` and `0-9` joined by single
/// hyphens, as the tournaments table's CHECK constraint has it.
pub fn slug(argument: &str, value: &str) -> Result<String, AppError> {
    let words_ok = value.split('-').all(|w| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if words_ok && value.len() <= 100 {
        Ok(value.to_owned())
    } else {
        Err(AppError::bad_input(
            argument,
            format!("`{value}` is not a slug: lower-case letters and digits in words joined by single hyphens, e.g. \"world-cup-2026\""),
        ))
    }
}

/// A day that has happened (UTC).
pub fn not_in_future(argument: &str, day: NaiveDate) -> Result<NaiveDate, AppError> {
    if day > Utc::now().date_naive() {
        return Err(AppError::bad_input(
            argument,
            format!("{day} is in the future"),
        ));
    }
    Ok(day)
}

/// A unique constraint broken by a write made at the same time as this one (the checks before
/// the insert saw no clash): the same refusal, naming the input field of the first of
/// `columns` (column, field) that the constraint covers; any other error as it is.
pub fn taken(err: DieselError, columns: &[(&str, &str)]) -> AppError {
    if let DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) = &err {
        // PostgreSQL names the constraint (`teams_fifa_code_key`), SQLite the columns
        // (`UNIQUE constraint failed: teams.fifa_code`).
        let about = info.constraint_name().unwrap_or(info.message());
        if let Some((_, field)) = columns.iter().find(|(column, _)| about.contains(column)) {
            return AppError::bad_input(field, "already taken");
        }
    }
    err.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_slugs_are_checked() {
        assert_eq!(fifa_code("code", " arg ").unwrap(), "ARG");
        for bad in ["AR", "ARGE", "A1G", "ÄRG", ""] {
            assert_eq!(fifa_code("code", bad).unwrap_err().code(), "BAD_USER_INPUT");
        }
        assert_eq!(slug("slug", "world-cup-2026").unwrap(), "world-cup-2026");
        for bad in [
            "",
            "World-Cup",
            "-cup",
            "cup-",
            "world--cup",
            "world cup",
            "é",
        ] {
            assert!(slug("slug", bad).is_err(), "{bad}");
        }
        assert_eq!(text("name", "  Lionel   Messi ").unwrap(), "Lionel Messi");
        assert!(text("name", "   ").is_err());
    }
}
