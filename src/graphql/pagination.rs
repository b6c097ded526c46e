//! Relay cursor connections over ordered lists: `first/after`, `last/before`, `pageInfo`,
//! `totalCount`, `edges { cursor node }` and `nodes`. Pages hold 1-100 items (20 when
//! neither `first` nor `last` is given); asking for more is a BAD_USER_INPUT error.

use async_graphql::connection::{Connection, CursorType, Edge, EmptyFields};
use async_graphql::{Context, OutputType, Result, SimpleObject, ID};

use super::id;
use super::loader::query;
use crate::db::DbConnection;
use crate::error::AppError;

pub const DEFAULT_PAGE_SIZE: usize = 20;
pub const MAX_PAGE_SIZE: usize = 100;

/// A position in a list, opaque to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub usize);

/// A string that is not a cursor.
#[derive(Debug)]
pub struct NotACursor;

impl std::fmt::Display for NotACursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a cursor")
    }
}

impl CursorType for Cursor {
    type Error = NotACursor;

    fn decode_cursor(s: &str) -> Result<Self, NotACursor> {
        let row = id::decode(&ID(s.to_owned()), "Cursor", "cursor").map_err(|_| NotACursor)?;
        Ok(Cursor(row as usize - 1))
    }

    fn encode_cursor(&self) -> String {
        id::encode("Cursor", self.0 as i32 + 1).0
    }
}

/// Fields every connection has beside its edges.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// How many items the whole list holds, over all pages.
    pub total_count: i64,
}

pub type Page<T> = Connection<Cursor, T, ConnectionTotals, EmptyFields>;

/// The arguments of a connection field.
pub struct PageArgs {
    pub after: Option<String>,
    pub before: Option<String>,
    pub first: Option<i32>,
    pub last: Option<i32>,
}

/// Which slice of a list of `total` items a request asks for: (offset, count).
pub fn window(args: &PageArgs, total: usize) -> Result<(usize, usize), AppError> {
    let size = |name: &str, value: Option<i32>| -> Result<Option<usize>, AppError> {
        match value {
            None => Ok(None),
            Some(n) if (1..=MAX_PAGE_SIZE as i32).contains(&n) => Ok(Some(n as usize)),
            Some(_) => Err(AppError::bad_input(name, "must be from 1 to 100")),
        }
    };
    let first = size("first", args.first)?;
    let last = size("last", args.last)?;
    let decode = |name: &str, c: &Option<String>| -> Result<Option<usize>, AppError> {
        c.as_deref()
            .map(|s| Cursor::decode_cursor(s).map(|c| c.0))
            .transpose()
            .map_err(|_| AppError::bad_input(name, "not a cursor of this list"))
    };
    let mut start = decode("after", &args.after)?
        .map_or(0, |a| a + 1)
        .min(total);
    let mut end = decode("before", &args.before)?
        .unwrap_or(total)
        .min(total)
        .max(start);
    match (first, last) {
        (Some(n), _) => end = end.min(start + n),
        (None, Some(n)) => start = start.max(end.saturating_sub(n)),
        (None, None) => end = end.min(start + DEFAULT_PAGE_SIZE),
    }
    if let (Some(_), Some(n)) = (first, last) {
        start = start.max(end.saturating_sub(n));
    }
    Ok((start, end - start))
}

/// Runs a listing on the database and builds its connection. `list` counts the items, asks
/// `window` for the page and returns (total, offset, items), as `matches::listing::list` does.
pub async fn load_page<T, F>(ctx: &Context<'_>, args: PageArgs, list: F) -> Result<Page<T>>
where
    T: OutputType + Send + 'static,
    F: FnOnce(&mut DbConnection, &PageArgs) -> Result<(usize, usize, Vec<T>), AppError>
        + Send
        + 'static,
{
    let (total, offset, rows) = query(ctx, move |c| list(c, &args)).await?;
    Ok(page(rows, offset, total))
}

/// Builds the connection for the items at `offset` of a list of `total`.
pub fn page<T: OutputType>(items: Vec<T>, offset: usize, total: usize) -> Page<T> {
    let end = offset + items.len();
    let mut connection = Connection::with_additional_fields(
        offset > 0,
        end < total,
        ConnectionTotals {
            total_count: total as i64,
        },
    );
    connection.edges.extend(
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| Edge::new(Cursor(offset + i), item)),
    );
    connection
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(
        first: Option<i32>,
        last: Option<i32>,
        after: Option<usize>,
        before: Option<usize>,
    ) -> PageArgs {
        PageArgs {
            first,
            last,
            after: after.map(|a| Cursor(a).encode_cursor()),
            before: before.map(|b| Cursor(b).encode_cursor()),
        }
    }

    #[test]
    fn windows_follow_relay() {
        assert_eq!(window(&args(None, None, None, None), 64).unwrap(), (0, 20));
        assert_eq!(
            window(&args(Some(10), None, Some(9), None), 64).unwrap(),
            (10, 10)
        );
        assert_eq!(
            window(&args(None, Some(5), None, None), 64).unwrap(),
            (59, 5)
        );
        assert_eq!(
            window(&args(None, Some(5), None, Some(10)), 64).unwrap(),
            (5, 5)
        );
        assert_eq!(
            window(&args(Some(100), None, Some(60), None), 64).unwrap(),
            (61, 3)
        );
        assert!(window(&args(Some(101), None, None, None), 64).is_err());
        assert!(window(&args(Some(0), None, None, None), 64).is_err());
        let bad = PageArgs {
            first: None,
            last: None,
            after: Some("nonsense".into()),
            before: None,
        };
        assert_eq!(window(&bad, 64).unwrap_err().code(), "BAD_USER_INPUT");
    }
}
