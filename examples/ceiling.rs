//! The ceiling for `bench/load.py`: the least work an HTTP server can do for the same request,
//! answering every POST with the same bytes goalline gave, with no GraphQL work at all. It
//! still reads the request body, as keep-alive needs.
//!
//!     cargo run --release --example ceiling -- PORT RESPONSE_FILE

use actix_web::{web, App, HttpResponse, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = || std::io::Error::other("usage: ceiling PORT RESPONSE_FILE");
    let port: u16 = args.next().and_then(|p| p.parse().ok()).ok_or_else(usage)?;
    let body = web::Bytes::from(std::fs::read(args.next().ok_or_else(usage)?)?);
    HttpServer::new(move || {
        let body = body.clone();
        App::new().default_service(web::to(move |_request: web::Bytes| {
            let body = body.clone();
            async move {
                HttpResponse::Ok()
                    .content_type("application/json")
                    .body(body)
            }
        }))
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}
