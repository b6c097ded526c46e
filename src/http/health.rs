use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::db::{self, Pool};

/// 200 when a database connection answers a query, 503 otherwise.
pub async fn check(pool: web::Data<Pool>) -> HttpResponse {
    match db::run(&pool, |conn| Ok(conn.batch_execute("SELECT 1")?)).await {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({ "status": "ok" })),
        Err(err) => HttpResponse::ServiceUnavailable().json(serde_json::json!({
            "status": "unavailable",
            "code": err.code(),
        })),
    }
}
