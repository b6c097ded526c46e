//! `/graphql` over WebSocket, for subscriptions: the graphql-transport-ws protocol (the
//! `graphql-ws` library's) and the older graphql-ws protocol of subscriptions-transport-ws,
//! chosen by the `Sec-WebSocket-Protocol` the client asks for.
//!
//! async-graphql runs the protocol; this module carries its messages over actix-ws, answers
//! pings, and closes the connection with 1001 "going away" when the server stops (`shutdown`),
//! which async-graphql-actix-web's actor cannot be told to do.

use std::str::FromStr;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use actix_ws::{AggregatedMessage, CloseCode, CloseReason, Session};
use async_graphql::futures_util::future::{self, Either};
use async_graphql::futures_util::StreamExt;
use async_graphql::http::{WebSocket, WebSocketProtocols, WsMessage};
use async_graphql::Data;

use super::shutdown::Shutdown;
use crate::auth::Credentials;
use crate::graphql::Gateway;

/// The subprotocols spoken, in order of preference.
const PROTOCOLS: [&str; 2] = ["graphql-transport-ws", "graphql-ws"];
/// Largest message a client may send (a subscription document with its variables).
const MAX_MESSAGE_BYTES: usize = 64 << 10;

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
    gateway: web::Data<Gateway>,
    options: web::Data<super::HttpOptions>,
    shutdown: web::Data<Shutdown>,
) -> actix_web::Result<HttpResponse> {
    let (response, session, messages) =
        actix_ws::handle_with_protocols(&http, payload, &PROTOCOLS)?;
    let protocol = response
        .headers()
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|p| p.to_str().ok())
        .and_then(|p| WebSocketProtocols::from_str(p).ok());
    let Some(protocol) = protocol else {
        return Ok(HttpResponse::BadRequest().body(
            "ask for the graphql-transport-ws or graphql-ws subprotocol (Sec-WebSocket-Protocol)",
        ));
    };
    // Browsers cannot set headers on a WebSocket; other clients may, on the upgrade request.
    let from_header = Credentials::from_headers(http.headers());
    let needs_key = options.reads_require_key;
    let pool = super::graphql::app_pool(&http);
    let on_init = move |init: serde_json::Value| async move {
        let credentials = payload_credentials(&init).unwrap_or(from_header);
        // Refused here, the connection closes (async-graphql sends 4403 or 1002).
        if needs_key {
            super::graphql::check_reader(pool, &credentials)
                .await
                .map_err(|refusal| async_graphql::Error::new(refusal.message))?;
        }
        let mut data = Data::default();
        data.insert(credentials);
        Ok(data)
    };

    // The client's text and binary messages, for async-graphql; pings answered on the way.
    let ponger = session.clone();
    let incoming = messages
        .max_frame_size(MAX_MESSAGE_BYTES)
        .aggregate_continuations()
        .max_continuation_size(MAX_MESSAGE_BYTES)
        .take_while(|m| future::ready(!matches!(m, Err(_) | Ok(AggregatedMessage::Close(_)))))
        .filter_map(move |message| {
            let pong = match &message {
                Ok(AggregatedMessage::Ping(bytes)) => Some(bytes.clone()),
                _ => None,
            };
            let mut ponger = ponger.clone();
            async move {
                if let Some(bytes) = pong {
                    let _ = ponger.pong(&bytes).await;
                }
                match message {
                    Ok(AggregatedMessage::Text(text)) => Some(text.as_bytes().to_vec()),
                    Ok(AggregatedMessage::Binary(bytes)) => Some(bytes.to_vec()),
                    _ => None,
                }
            }
        });
    let outgoing =
        WebSocket::new(Gateway::clone(&gateway), incoming, protocol).on_connection_init(on_init);
    let shutdown = Shutdown::clone(&shutdown);
    actix_web::rt::spawn(relay(outgoing, session, shutdown));
    Ok(response)
}

/// Sends async-graphql's messages to the client until either side closes or the server stops.
async fn relay(
    outgoing: impl async_graphql::futures_util::Stream<Item = WsMessage>,
    mut session: Session,
    shutdown: Shutdown,
) {
    let mut outgoing = Box::pin(outgoing);
    let mut stopping = Box::pin(async move { shutdown.stopping().await });
    loop {
        match future::select(outgoing.next(), stopping.as_mut()).await {
            Either::Left((Some(WsMessage::Text(text)), _)) => {
                if session.text(text).await.is_err() {
                    return;
                }
            }
            Either::Left((Some(WsMessage::Close(code, reason)), _)) => {
                let reason = CloseReason {
                    code: CloseCode::from(code),
                    description: Some(reason),
                };
                let _ = session.close(Some(reason)).await;
                return;
            }
            Either::Left((None, _)) => {
                let _ = session.close(None).await;
                return;
            }
            Either::Right(_) => {
                let reason = CloseReason {
                    code: CloseCode::Away,
                    description: Some("the server is shutting down".into()),
                };
                let _ = session.close(Some(reason)).await;
                return;
            }
        }
    }
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
