//! Answers whose fields follow the order of the selection set (GraphQL spec 7.2.2,
//! "Serialized Map Ordering"). async-graphql resolves an object's fields concurrently and
//! writes each as it completes, so a field that waited on the database comes after those that
//! did not. This extension keeps the parsed document of the request and, once it has run,
//! puts every object's keys back in the order its selection set names them (fragments
//! included). It wraps parsing and execution only, never a field.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery,
};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, Response, ServerResult, Value, Variables};

/// Installs the reordering.
pub struct SelectionOrder;

impl ExtensionFactory for SelectionOrder {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Reorder::default())
    }
}

/// One request's document, kept from parsing to execution.
#[derive(Default)]
struct Reorder {
    document: Mutex<Option<ExecutableDocument>>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for Reorder {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        *self.document.lock().expect("not poisoned") = Some(document.clone());
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        let document = self.document.lock().expect("not poisoned").take();
        if let Some(document) = document {
            if let Some(set) = operation(&document, operation_name) {
                let fragments = &document.fragments;
                reorder(&mut response.data, &[set], fragments);
            }
        }
        response
    }
}

type Fragments = HashMap<Name, Positioned<FragmentDefinition>>;

/// The selection set of the operation that ran.
fn operation<'d>(document: &'d ExecutableDocument, name: Option<&str>) -> Option<&'d SelectionSet> {
    match (&document.operations, name) {
        (DocumentOperations::Single(op), _) => Some(&op.node.selection_set.node),
        (DocumentOperations::Multiple(ops), Some(name)) => {
            ops.get(name).map(|op| &op.node.selection_set.node)
        }
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
            ops.values().next().map(|op| &op.node.selection_set.node)
        }
        _ => None,
    }
}

/// The response keys `sets` select, in order, each with the sub-selections it merges.
fn keys<'d>(
    sets: &[&'d SelectionSet],
    fragments: &'d Fragments,
) -> Vec<(&'d str, Vec<&'d SelectionSet>)> {
    let mut out: Vec<(&'d str, Vec<&'d SelectionSet>)> = Vec::new();
    for set in sets {
        collect(set, fragments, &mut out, 0);
    }
    out
}

fn collect<'d>(
    set: &'d SelectionSet,
    fragments: &'d Fragments,
    out: &mut Vec<(&'d str, Vec<&'d SelectionSet>)>,
    depth: usize,
) {
    // Fragments cannot cycle in a valid document; the bound keeps an invalid one harmless.
    if depth > 32 {
        return;
    }
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let key = field.node.response_key().node.as_str();
                let sub = &field.node.selection_set.node;
                match out.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, subs)) => subs.push(sub),
                    None => out.push((key, vec![sub])),
                }
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = fragments.get(&spread.node.fragment_name.node) {
                    collect(&fragment.node.selection_set.node, fragments, out, depth + 1);
                }
            }
            Selection::InlineFragment(inline) => {
                collect(&inline.node.selection_set.node, fragments, out, depth + 1);
            }
        }
    }
}

/// Puts the keys of `value` (an object, or a list of them) in the order of `sets`.
fn reorder(value: &mut Value, sets: &[&SelectionSet], fragments: &Fragments) {
    match value {
        Value::List(items) => {
            for item in items {
                reorder(item, sets, fragments);
            }
        }
        Value::Object(map) => {
            let order = keys(sets, fragments);
            let mut old = std::mem::take(map);
            for (key, subs) in order {
                if let Some((name, mut child)) = old.shift_remove_entry(key) {
                    if subs.iter().any(|s| !s.items.is_empty()) {
                        reorder(&mut child, &subs, fragments);
                    }
                    map.insert(name, child);
                }
            }
            // Anything the selection does not name (none in a valid answer) keeps its place
            // at the end.
            map.extend(old);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(query: &str, data: serde_json::Value) -> Vec<String> {
        let document = async_graphql::parser::parse_query(query).unwrap();
        let mut value = Value::from_json(data).unwrap();
        let set = operation(&document, None).unwrap();
        reorder(&mut value, &[set], &document.fragments);
        let mut out = Vec::new();
        flatten(&value, "", &mut out);
        out
    }

    fn flatten(value: &Value, prefix: &str, out: &mut Vec<String>) {
        if let Value::Object(map) = value {
            for (k, v) in map {
                let path = format!("{prefix}{k}");
                out.push(path.clone());
                flatten(v, &format!("{path}."), out);
            }
        }
    }

    #[test]
    fn keys_follow_the_selection_through_aliases_and_fragments() {
        let query = "{ t: tournament { ...F final { winner score } } } fragment F on Tournament { name year }";
        let data = serde_json::json!({ "t": { "final": { "score": 1, "winner": 2 }, "year": 3, "name": 4 } });
        assert_eq!(
            ordered(query, data),
            [
                "t",
                "t.name",
                "t.year",
                "t.final",
                "t.final.winner",
                "t.final.score"
            ]
        );
    }
}
