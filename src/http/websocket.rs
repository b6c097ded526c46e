//! `/graphql` over WebSocket, for subscriptions: the graphql-transport-ws protocol (the
//! `graphql-ws` library's) and the older graphql-ws protocol of subscriptions-transport-ws,
//! chosen by the `Sec-WebSocket-Protocol` the client asks for.

use actix_web::{web, HttpRequest, HttpResponse};
use async_graphql::Data;
use async_graphql_actix_web::GraphQLSubscription;

use crate::auth::Credentials;
use crate::graphql::GoallineSchema;

/// The token of a `connection_init` payload: `{"authorization": "Bearer <token>"}` (as the
/// HTTP header would carry it; any case of the key) or `{"token": "<token>"}`.
fn payload_credentials(payload: &serde_json::Value) -> Option<Credentials> {
    let object = payload.as_object()?;
    for (key, value) in object {
        let value = value.as_str()?;
        if key.eq_ignore_ascii_case("authorization") {
            return Some(Credentials::from_authorization(Some(value)));
        }
        if key == "token" {
            return Some(Credentials(Some(value.to_owned())));
        }
    }
    None
}

pub async fn subscribe(
    http: HttpRequest,
    payload: web::Payload,
    schema: web::Data<GoallineSchema>,
    options: web::Data<super::HttpOptions>,
) -> actix_web::Result<HttpResponse> {
    // Browsers cannot set headers on a WebSocket; other clients may, on the upgrade request.
    let from_header = Credentials::from_headers(http.headers());
    let needs_key = options.reads_require_key;
    let pool = super::graphql::app_pool(&http);
    GraphQLSubscription::new(GoallineSchema::clone(&schema))
        .on_connection_init(move |init: serde_json::Value| async move {
            let credentials = payload_credentials(&init).unwrap_or(from_header);
            // Refused here, the connection closes (async-graphql sends 1002).
            if needs_key {
                super::graphql::check_reader(pool, &credentials)
                    .await
                    .map_err(|refusal| async_graphql::Error::new(refusal.message))?;
            }
            let mut data = Data::default();
            data.insert(credentials);
            Ok(data)
        })
        .start(&http, payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tokens_are_read_from_the_connection_init_payload() {
        let token = |v: serde_json::Value| payload_credentials(&v).and_then(|c| c.0);
        assert_eq!(
            token(json!({"Authorization": "Bearer gl_1"})),
            Some("gl_1".into())
        );
        assert_eq!(
            token(json!({"authorization": "Bearer gl_2"})),
            Some("gl_2".into())
        );
        assert_eq!(token(json!({"token": "gl_3"})), Some("gl_3".into()));
        assert_eq!(token(json!({})), None);
        assert_eq!(token(json!(null)), None);
    }
}
