//! Writes closed by default: every mutation field of the schema, found by introspection and
//! called with arguments made from its types, is refused without a key (UNAUTHENTICATED) and
//! with a reader's key (FORBIDDEN), and is let through with an editor's key, on both
//! backends. A mutation added tomorrow is in this walk without a line of its own.

use goalline::auth::Role;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::live::token;

const INTROSPECTION: &str = r#"{ __schema { mutationType { fields { name
    args { name type { ...T } } } }
  types { name kind inputFields { name type { ...T } } enumValues { name } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

/// A value of `ty` written as a GraphQL literal; only what is required is filled in.
fn literal(ty: &Value, types: &[Value]) -> String {
    match ty["kind"].as_str().unwrap() {
        "NON_NULL" => literal(&ty["ofType"], types),
        "LIST" => format!("[{}]", literal(&ty["ofType"], types)),
        _ => {
            let name = ty["name"].as_str().unwrap();
            let def = types.iter().find(|t| t["name"] == name).unwrap();
            match def["kind"].as_str().unwrap() {
                "ENUM" => def["enumValues"][0]["name"].as_str().unwrap().to_owned(),
                "INPUT_OBJECT" => {
                    let fields: Vec<String> = def["inputFields"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|f| f["type"]["kind"] == "NON_NULL")
                        .map(|f| {
                            format!(
                                "{}: {}",
                                f["name"].as_str().unwrap(),
                                literal(&f["type"], types)
                            )
                        })
                        .collect();
                    format!("{{ {} }}", fields.join(", "))
                }
                _ => match name {
                    "Int" => "1".to_owned(),
                    "Float" => "1.5".to_owned(),
                    "Boolean" => "true".to_owned(),
                    "Date" => "\"2022-12-18\"".to_owned(),
                    "DateTime" => "\"2022-12-18T15:00:00Z\"".to_owned(),
                    _ => "\"TWF0Y2g6MQ\"".to_owned(),
                },
            }
        }
    }
}

/// One document per mutation field, selecting `__typename` of whatever it returns.
async fn every_mutation(app: &TestApp) -> Vec<(String, String)> {
    let schema = app.data(INTROSPECTION).await;
    let types = schema["__schema"]["types"].as_array().unwrap().clone();
    schema["__schema"]["mutationType"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| {
            let name = field["name"].as_str().unwrap().to_owned();
            let args: Vec<String> = field["args"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["type"]["kind"] == "NON_NULL")
                .map(|a| {
                    format!(
                        "{}: {}",
                        a["name"].as_str().unwrap(),
                        literal(&a["type"], &types)
                    )
                })
                .collect();
            let call = if args.is_empty() {
                name.clone()
            } else {
                format!("{name}({})", args.join(", "))
            };
            (name, format!("mutation {{ {call} {{ __typename }} }}"))
        })
        .collect()
}

fn code(body: &Value) -> Option<&str> {
    body["errors"][0]["extensions"]["code"].as_str()
}

async fn every_write_needs_an_editor(app: TestApp) {
    let (_, reader) = token(&app, Role::Reader).await;
    let (_, editor) = token(&app, Role::Editor).await;
    let mutations = every_mutation(&app).await;
    assert!(mutations.len() >= 17, "{mutations:#?}");
    for (name, document) in &mutations {
        let anonymous = app.post_as(None, document, json!({})).await;
        assert_eq!(
            code(&anonymous),
            Some("UNAUTHENTICATED"),
            "{name}: {anonymous:#}"
        );
        let read_only = app.post_as(Some(&reader), document, json!({})).await;
        assert_eq!(code(&read_only), Some("FORBIDDEN"), "{name}: {read_only:#}");
        let allowed = app.post_as(Some(&editor), document, json!({})).await;
        assert!(
            !matches!(
                code(&allowed),
                Some("UNAUTHENTICATED" | "FORBIDDEN" | "GRAPHQL_VALIDATION_FAILED")
            ),
            "{name}: {document}: {allowed:#}"
        );
    }
}

crate::on_both_backends!(every_write_needs_an_editor);
