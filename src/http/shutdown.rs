//! Stopping in order: on SIGTERM (or SIGINT) open WebSockets are closed with 1001 "going
//! away", so that clients reconnect to another instance at once, then the HTTP server stops
//! accepting and finishes the requests in flight (bounded by its shutdown timeout).

use async_graphql::futures_util::future::{select, Either};
use tokio::sync::watch;

/// The signal every WebSocket task waits on. Cheap to clone.
#[derive(Clone)]
pub struct Shutdown {
    stopping: watch::Sender<bool>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self {
            stopping: watch::Sender::new(false),
        }
    }
}

impl Shutdown {
    /// Tells every waiter that the server is stopping.
    pub fn begin(&self) {
        self.stopping.send_replace(true);
    }

    /// Resolves once the server is stopping.
    pub async fn stopping(&self) {
        let mut receiver = self.stopping.subscribe();
        // An error means the sender is gone: the server is gone too.
        let _ = receiver.wait_for(|stopping| *stopping).await;
    }
}

/// Waits for SIGTERM or SIGINT.
pub async fn signal() {
    use actix_web::rt::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::error!("cannot listen for SIGTERM and SIGINT; stop the server with SIGKILL");
        return std::future::pending().await;
    };
    let name = match select(Box::pin(term.recv()), Box::pin(int.recv())).await {
        Either::Left(_) => "SIGTERM",
        Either::Right(_) => "SIGINT",
    };
    tracing::info!(
        signal = name,
        "stopping: closing WebSockets, finishing requests"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn waiters_learn_of_the_shutdown_even_after_it_began() {
        let shutdown = Shutdown::default();
        let early = actix_web::rt::spawn({
            let shutdown = shutdown.clone();
            async move { shutdown.stopping().await }
        });
        shutdown.begin();
        early.await.unwrap();
        // Begun before waiting: resolves at once.
        shutdown.stopping().await;
    }
}
