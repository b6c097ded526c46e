//! Writes closed by default: an operation that is a mutation runs only for an API key with at
//! least the editor role, checked once after validation and before anything executes,
//! whichever mutation it selects. A mutation added later is closed without a line of its own;
//! resolvers still ask for the key (`auth::require`) to record who wrote, or to demand more
//! than an editor. Installed only on the schema the gateway runs mutations on, so that reads
//! keep async-graphql's path without extensions.

use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery,
};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use async_graphql::{Pos, Response, ServerResult, Variables};

use crate::auth::{self, Credentials, Role};
use crate::db::{self, Pool};
use crate::error::AppError;

/// Installs the check.
pub struct WritesNeedAKey;

impl ExtensionFactory for WritesNeedAKey {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Check::default())
    }
}

/// One request: the types of its document's operations, by name.
#[derive(Default)]
struct Check {
    operations: Mutex<Vec<(Option<String>, OperationType)>>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for Check {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        *self.operations.lock().expect("not poisoned") = operation_types(&document);
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if self.selects_mutation(operation_name) {
            if let Err(refusal) = editor_key(ctx).await {
                let error: async_graphql::Error = refusal.into();
                return Response::from_errors(vec![error.into_server_error(Pos::default())]);
            }
        }
        next.run(ctx, operation_name).await
    }
}

impl Check {
    /// Whether the operation that will run is a mutation (validation has already refused a
    /// document whose operation cannot be chosen).
    fn selects_mutation(&self, name: Option<&str>) -> bool {
        let operations = self.operations.lock().expect("not poisoned");
        let chosen = match name {
            Some(name) => operations.iter().find(|(n, _)| n.as_deref() == Some(name)),
            None => operations.first(),
        };
        chosen.is_some_and(|(_, kind)| *kind == OperationType::Mutation)
    }
}

fn operation_types(document: &ExecutableDocument) -> Vec<(Option<String>, OperationType)> {
    match &document.operations {
        DocumentOperations::Single(op) => vec![(None, op.node.ty)],
        DocumentOperations::Multiple(ops) => ops
            .iter()
            .map(|(name, op)| (Some(name.to_string()), op.node.ty))
            .collect(),
    }
}

async fn editor_key(ctx: &ExtensionContext<'_>) -> Result<(), AppError> {
    let credentials = ctx.data_opt::<Credentials>().cloned().unwrap_or_default();
    let pool = ctx
        .data::<Pool>()
        .map_err(|e| AppError::Internal(e.message))?;
    db::run(pool, move |conn| {
        auth::check(conn, &credentials, Role::Editor)
    })
    .await?;
    Ok(())
}
