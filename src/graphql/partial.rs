//! Field errors that keep the rest of the answer. async-graphql lets an error raised by a
//! resolver of a nullable field travel up to the nearest nullable parent, so one failed
//! look-up (`tournament(slug: "nope")`) empties `data` and drops its siblings. GraphQL asks
//! for that field alone to be null, its error (with path and code) in `errors`; look-ups
//! answer through `null_on_error` to do so.

use async_graphql::{Context, Result};

/// The value of a nullable field: on error, null, with the error recorded at the field's path.
pub fn null_on_error<T>(ctx: &Context<'_>, result: Result<Option<T>>) -> Option<T> {
    match result {
        Ok(value) => value,
        Err(error) => {
            let error = ctx.set_error_path(error.into_server_error(ctx.item.pos));
            ctx.add_error(error);
            None
        }
    }
}
