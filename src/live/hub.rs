//! Fan-out: every change written reaches every subscriber of this instance through one
//! in-process broadcast channel; changes written by other instances arrive by PostgreSQL's
//! LISTEN/NOTIFY, or, on SQLite (one file, maybe several processes), by reading the update log.
//!
//! A change may arrive twice (published by its writer, then relayed); subscribers keep the
//! last sequence number they sent per match and skip what they have seen.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use tokio::sync::broadcast;

use super::store::{MatchUpdate, CHANNEL, EVERYTHING_CHANGED};
use crate::config::DatabaseUrl;
use crate::db::{self, Pool};

/// Changes a slow subscriber may fall behind by before it must catch up from the database.
const BUFFER: usize = 4096;
/// How often the PostgreSQL listener reads what arrived, and the SQLite relay the log.
const LISTEN_POLL: Duration = Duration::from_millis(5);
const LOG_POLL: Duration = Duration::from_millis(250);
/// Wait before reconnecting a listener that lost its database.
const RECONNECT: Duration = Duration::from_secs(1);

/// A change as the hub's observer (the response cache) hears of it.
pub enum HubChange<'a> {
    /// A live write to one match.
    Match(&'a MatchUpdate),
    /// Anything may have changed: an edit, or an import on another instance.
    Everything,
}

type Observer = Box<dyn Fn(&HubChange<'_>) + Send + Sync>;

struct Inner {
    sender: broadcast::Sender<Arc<MatchUpdate>>,
    /// Told of every change first, synchronously, before subscribers are.
    observers: RwLock<Vec<Observer>>,
    /// The last sequence the observer was told of, per match: this instance's own writes
    /// come back relayed, and telling it twice would drop answers made in between for nothing.
    told: Mutex<HashMap<i32, i32>>,
    /// Names this instance in the edits it announces, so that it skips its own.
    origin: String,
}

impl Inner {
    fn send(&self, update: MatchUpdate) {
        let new = {
            let mut told = self.told.lock().unwrap_or_else(|e| e.into_inner());
            let last = told.entry(update.match_id).or_insert(0);
            let new = update.sequence > *last;
            *last = (*last).max(update.sequence);
            new
        };
        if new {
            self.tell(HubChange::Match(&update));
        }
        // No receiver is not an error: nobody is subscribed.
        let _ = self.sender.send(Arc::new(update));
    }

    fn tell(&self, change: HubChange<'_>) {
        let observers = self.observers.read().unwrap_or_else(|e| e.into_inner());
        for observer in observers.iter() {
            observer(&change);
        }
    }
}

/// The broadcast of live changes in this process. Cheap to clone.
#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<Inner>,
}

impl Default for LiveHub {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(BUFFER);
        Self {
            inner: Arc::new(Inner {
                sender,
                observers: RwLock::new(Vec::new()),
                told: Mutex::new(HashMap::new()),
                origin: uuid::Uuid::new_v4().simple().to_string(),
            }),
        }
    }
}

impl LiveHub {
    pub fn publish(&self, update: MatchUpdate) {
        self.inner.send(update);
    }

    /// Anything may have changed (an edit): tells the observer. Other instances learn it from
    /// the database (see `store::notify_everything_changed`, given [`LiveHub::origin`]).
    pub fn everything_changed(&self) {
        self.inner.tell(HubChange::Everything);
    }

    /// This instance's name in the notifications it sends.
    pub fn origin(&self) -> &str {
        &self.inner.origin
    }

    /// Adds an observer of every change, local or relayed (the response cache, the search
    /// index); it is told before subscribers are.
    pub fn observe(&self, observer: impl Fn(&HubChange<'_>) + Send + Sync + 'static) {
        self.inner
            .observers
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push(Box::new(observer));
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<MatchUpdate>> {
        self.inner.sender.subscribe()
    }

    /// Subscriptions open now, for `/metrics`.
    pub fn subscribers(&self) -> usize {
        self.inner.sender.receiver_count()
    }

    fn downgrade(&self) -> Weak<Inner> {
        Arc::downgrade(&self.inner)
    }

    /// Starts relaying other instances' changes into this hub, for as long as the hub lives:
    /// a LISTEN connection on PostgreSQL, a reader of the update log on SQLite.
    pub fn start_relay(&self, database_url: &DatabaseUrl, pool: Pool) {
        let hub = self.downgrade();
        if let DatabaseUrl::Postgres(url) = database_url {
            let url = url.clone();
            let started = std::thread::Builder::new()
                .name("goalline-listen".into())
                .spawn(move || listen(&url, hub));
            if let Err(e) = started {
                tracing::error!(error = %e, "cannot start the live-event listener");
            }
        } else {
            actix_web::rt::spawn(read_log(pool, hub));
        }
    }
}

fn publish_to(hub: &Weak<Inner>, update: MatchUpdate) -> bool {
    match hub.upgrade() {
        Some(inner) => {
            inner.send(update);
            true
        }
        None => false,
    }
}

/// PostgreSQL: one connection of its own, outside the pool, LISTENing on `CHANNEL`; reconnects
/// when the database goes away. Ends when the hub is dropped.
fn listen(url: &str, hub: Weak<Inner>) {
    while hub.strong_count() > 0 {
        let mut conn = match PgConnection::establish(url) {
            Ok(conn) => conn,
            Err(e) => {
                tracing::warn!(error = %e, "live-event listener cannot connect; retrying");
                std::thread::sleep(RECONNECT);
                continue;
            }
        };
        if let Err(e) = diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn) {
            tracing::warn!(error = %e, "LISTEN failed; retrying");
            std::thread::sleep(RECONNECT);
            continue;
        }
        tracing::debug!("listening for live events");
        'connected: while hub.strong_count() > 0 {
            for notification in conn.notifications_iter() {
                match notification {
                    Ok(n) if n.payload.starts_with(EVERYTHING_CHANGED) => match hub.upgrade() {
                        Some(inner) => {
                            if n.payload[EVERYTHING_CHANGED.len()..] != inner.origin {
                                inner.tell(HubChange::Everything);
                            }
                        }
                        None => return,
                    },
                    Ok(n) => match serde_json::from_str::<MatchUpdate>(&n.payload) {
                        Ok(update) => {
                            if !publish_to(&hub, update) {
                                return;
                            }
                        }
                        Err(e) => tracing::warn!(error = %e, "unreadable live event"),
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, "live-event listener lost its connection");
                        break 'connected;
                    }
                }
            }
            std::thread::sleep(LISTEN_POLL);
        }
    }
}

/// SQLite: reads the update log for entries newer than the last seen, for the observers (the
/// read model, the response cache) and subscribers. Ends when the hub is dropped.
async fn read_log(pool: Pool, hub: Weak<Inner>) {
    let mut last = match db::run(&pool, |c| Ok(MatchUpdate::last_id(c)?)).await {
        Ok(id) => id,
        Err(e) => {
            tracing::warn!(error = %e.message(), "cannot read the live update log");
            0
        }
    };
    loop {
        actix_web::rt::time::sleep(LOG_POLL).await;
        if hub.strong_count() == 0 {
            return;
        }
        let from = last;
        match db::run_poll(&pool, move |c| Ok(MatchUpdate::since_id(c, from, 1000)?)).await {
            Ok(updates) => {
                for update in updates {
                    last = update.id;
                    if !publish_to(&hub, update) {
                        return;
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e.message(), "cannot read the live update log"),
        }
    }
}
