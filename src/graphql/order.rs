//! Answers whose fields follow the order of the selection set (GraphQL spec 7.2.2,
//! "Serialized Map Ordering"). async-graphql resolves an object's fields concurrently and
//! writes each as it completes, so a field that had to wait would come after those that did
//! not. Once a request has run, the gateway puts every object's keys back in the order its
//! selection set names them (fragments included).

use std::collections::HashMap;

use async_graphql::parser::types::{FragmentDefinition, Selection, SelectionSet};
use async_graphql::{Name, Positioned, Value};

pub type Fragments = HashMap<Name, Positioned<FragmentDefinition>>;

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
pub fn reorder(value: &mut Value, sets: &[&SelectionSet], fragments: &Fragments) {
    // Worked out once for every item of a list.
    let order = keys(sets, fragments);
    apply(value, &order, fragments);
}

fn apply(value: &mut Value, order: &[(&str, Vec<&SelectionSet>)], fragments: &Fragments) {
    match value {
        Value::List(items) => {
            for item in items {
                apply(item, order, fragments);
            }
        }
        Value::Object(map) => {
            if map
                .keys()
                .map(Name::as_str)
                .eq(order.iter().map(|(key, _)| *key))
            {
                // Already in order (the usual case): only the children may not be.
                for ((_, subs), child) in order.iter().zip(map.values_mut()) {
                    if subs.iter().any(|s| !s.items.is_empty()) {
                        reorder(child, subs, fragments);
                    }
                }
                return;
            }
            let mut old = std::mem::take(map);
            for (key, subs) in order {
                if let Some((name, mut child)) = old.shift_remove_entry(*key) {
                    if subs.iter().any(|s| !s.items.is_empty()) {
                        reorder(&mut child, subs, fragments);
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
        let set = match &document.operations {
            async_graphql::parser::types::DocumentOperations::Single(op) => {
                &op.node.selection_set.node
            }
            _ => unreachable!("one anonymous operation"),
        };
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
