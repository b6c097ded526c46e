//! The checked-in `schema.graphql` is the one the code builds, and every public item of it is
//! documented, input fields too (GraphiQL shows these descriptions as the API's documentation).

use serde_json::Value;

use crate::helpers::{spawn_app, Backend};

#[test]
fn schema_graphql_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    let committed = std::fs::read_to_string(path).expect("schema.graphql exists");
    let built = goalline::graphql::sdl();
    assert!(
        committed == built,
        "schema.graphql is stale: run `cargo run -- schema -o schema.graphql`"
    );
}

#[actix_web::test]
async fn every_type_field_argument_and_value_has_a_description() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let query = "{ __schema { types { name kind description
                fields { name description args { name description } }
                enumValues { name description } inputFields { name description } } } }";
    let data = app.data(query).await;
    // The gateway makes an introspection answer once per document: asked again, the same.
    assert_eq!(app.data(query).await, data);
    let mut missing = Vec::new();
    let builtin = ["String", "Int", "Float", "Boolean", "ID"];
    for t in data["__schema"]["types"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        if name.starts_with("__") || builtin.contains(&name) {
            continue;
        }
        let described = |v: &Value| {
            v["description"]
                .as_str()
                .is_some_and(|d| !d.trim().is_empty())
        };
        // async-graphql names and builds connection types itself (`MatchConnection`), with no
        // way to describe the type; their fields carry descriptions.
        let generated = name.ends_with("Connection");
        if !described(t) && name != "Query" && !generated {
            missing.push(name.to_owned());
        }
        for f in t["fields"].as_array().into_iter().flatten() {
            if !described(f) {
                missing.push(format!("{name}.{}", f["name"]));
            }
            for a in f["args"].as_array().into_iter().flatten() {
                if !described(a) {
                    missing.push(format!("{name}.{}({})", f["name"], a["name"]));
                }
            }
        }
        for f in t["inputFields"].as_array().into_iter().flatten() {
            if !described(f) {
                missing.push(format!("{name}.{}", f["name"]));
            }
        }
        for v in t["enumValues"].as_array().into_iter().flatten() {
            if !described(v) {
                missing.push(format!("{name}.{}", v["name"]));
            }
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:?}");
}
