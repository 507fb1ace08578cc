//! Saga Desk development server: the whole API contract (PRD chapter 6,
//! `docs/api/openapi.yaml`) over SQLite, with seeded demo data, a live event
//! stream, a traffic simulator and fault injection.
//!
//! It runs as a binary (`cargo run -p saga-devserver`) or in-process through
//! [`serve`], which the app and the tests use to start it on a free port.

pub mod analytics;
pub mod api;
pub mod auth;
pub mod db;
pub mod error;
pub mod events;
pub mod export;
pub mod faults;
pub mod seed;
pub mod sim;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, patch, post};
use axum::Router;
use saga_core::events::ServerEvent;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::{broadcast, oneshot};

/// The default JWT secret for local development only; set
/// `SAGA_DEV_JWT_SECRET` for anything shared.
const DEV_JWT_SECRET: &str = "saga-devserver-local-secret-not-for-production";

#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "saga-devserver",
    about = "Saga Desk development server (the API contract over SQLite)"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "SAGA_DEV_ADDR", default_value = "127.0.0.1:8787")]
    pub addr: String,
    /// Keep data in this SQLite file (default: a fresh in-memory database).
    #[arg(long, env = "SAGA_DEV_DB")]
    pub db: Option<PathBuf>,
    /// Seed of the deterministic demo data.
    #[arg(long, env = "SAGA_DEV_SEED", default_value_t = 2026)]
    pub seed: u64,
    /// Historical tickets to seed over the last twelve months.
    #[arg(long, env = "SAGA_DEV_HISTORY", default_value_t = 1800)]
    pub history: usize,
    /// Make customers write, the bot answer and new tickets arrive.
    #[arg(long, env = "SAGA_DEV_SIMULATE")]
    pub simulate: bool,
    /// Seconds between simulated events (with --simulate).
    #[arg(long, env = "SAGA_DEV_SIMULATE_EVERY", default_value_t = 4.0)]
    pub simulate_every: f64,
    /// HS256 secret for tokens.
    #[arg(long, env = "SAGA_DEV_JWT_SECRET")]
    pub jwt_secret: Option<String>,
    /// Blast messages sent per second after approval.
    #[arg(long, env = "SAGA_DEV_BLAST_RATE", default_value_t = 5)]
    pub blast_rate: u32,
    /// Fault injection: added latency per request (ms).
    #[arg(long, env = "SAGA_DEV_LATENCY_MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// Fault injection: fraction of requests answered with 503.
    #[arg(long, env = "SAGA_DEV_ERROR_RATE", default_value_t = 0.0)]
    pub error_rate: f64,
    /// Requests per second per token before 429 (0 = unlimited).
    #[arg(long, env = "SAGA_DEV_RATE_LIMIT", default_value_t = 0)]
    pub rate_limit: u32,
    /// Fault injection: fraction of connections dropped mid-answer.
    #[arg(long, env = "SAGA_DEV_DROP_RATE", default_value_t = 0.0)]
    pub drop_rate: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: "127.0.0.1:0".into(),
            db: None,
            seed: 2026,
            history: 1800,
            simulate: false,
            simulate_every: 4.0,
            jwt_secret: None,
            blast_rate: 5,
            latency_ms: 0,
            error_rate: 0.0,
            rate_limit: 0,
            drop_rate: 0.0,
        }
    }
}

pub struct Inner {
    pub db: db::Db,
    pub keys: auth::Keys,
    pub events: broadcast::Sender<ServerEvent>,
    pub faults: faults::Faults,
    pub config: Config,
}

/// Shared state of all handlers.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn publish(&self, events: impl IntoIterator<Item = ServerEvent>) {
        for e in events {
            // No subscribers is fine.
            let _ = self.events.send(e);
        }
    }
}

/// Every route the server serves: (method, path). The OpenAPI test checks
/// this list against `docs/api/openapi.yaml` and that each is really served.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/logout"),
    ("GET", "/api/auth/me"),
    ("POST", "/api/agent/status"),
    ("GET", "/api/agent/status/all"),
    ("GET", "/api/admin/inbox"),
    ("GET", "/api/admin/inbox/free"),
    ("GET", "/api/admin/ticket/{id}"),
    ("GET", "/api/admin/ticket/{id}/messages"),
    ("POST", "/api/admin/ticket/{id}/reply"),
    ("POST", "/api/admin/ticket/{id}/self-takeover"),
    ("POST", "/api/admin/ticket/{id}/assign"),
    ("POST", "/api/admin/ticket/{id}/reassign"),
    ("POST", "/api/admin/ticket/{id}/tag"),
    ("PATCH", "/api/admin/ticket/{id}/crm"),
    ("GET", "/api/admin/ticket/{id}/audit-log"),
    ("GET", "/api/admin/ticket/{id}/internal-messages"),
    ("POST", "/api/admin/ticket/{id}/internal-message"),
    ("POST", "/api/admin/ticket/{id}/reply-as-sa"),
    ("POST", "/api/admin/ticket/{id}/followup"),
    ("GET", "/api/admin/analytics/division/{div}"),
    ("GET", "/api/admin/analytics/agent/{id}"),
    ("POST", "/api/export/excel"),
    ("POST", "/api/export/pdf"),
    ("GET", "/api/export/files/{id}"),
    ("GET", "/api/admin/followup/recommendations"),
    ("GET", "/api/admin/followup/templates"),
    ("POST", "/api/admin/blast/create"),
    ("GET", "/api/admin/blasts"),
    ("POST", "/api/admin/blast/{id}/approve"),
    ("POST", "/api/admin/blast/{id}/reject"),
    ("GET", "/api/admin/blast/{id}/status"),
    ("GET", "/api/admin/tags"),
    ("POST", "/api/admin/privileges/{role}"),
    ("GET", "/api/admin/privileges/{role}"),
    ("GET", "/api/admin/config/office-hours/{div}"),
    ("PATCH", "/api/admin/config/office-hours/{div}"),
    ("GET", "/api/admin/users"),
    ("POST", "/api/admin/users"),
    ("PATCH", "/api/admin/users/{id}"),
    ("GET", "/api/admin/customer/{id}/assigned-agent"),
    ("GET", "/api/admin/notifications"),
    ("POST", "/api/admin/notifications/read"),
    ("POST", "/api/devices"),
    ("DELETE", "/api/devices/{token}"),
    ("GET", "/api/events"),
    ("GET", "/api/dev/faults"),
    ("POST", "/api/dev/faults"),
    ("GET", "/api/dev/outbound"),
    ("POST", "/api/dev/customer-message"),
    ("GET", "/api/dev/pushes"),
];

/// Request bodies above this size get 413.
pub const BODY_LIMIT: usize = 256 * 1024;

/// WIB (Asia/Jakarta, UTC+7, no daylight saving) for chrono's arithmetic.
pub fn wib() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(saga_core::time::WIB_OFFSET as i32).expect("valid offset")
}

pub fn router(state: AppState) -> Router {
    use api::*;
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/auth/login", post(session::login))
        .route("/api/auth/logout", post(session::logout))
        .route("/api/auth/me", get(session::me))
        .route("/api/agent/status", post(session::set_status))
        .route("/api/agent/status/all", get(session::all_status))
        .route("/api/admin/inbox", get(tickets::inbox))
        .route("/api/admin/inbox/free", get(tickets::free))
        .route("/api/admin/ticket/{id}", get(tickets::detail))
        .route(
            "/api/admin/ticket/{id}/messages",
            get(conversation::messages),
        )
        .route("/api/admin/ticket/{id}/reply", post(conversation::reply))
        .route(
            "/api/admin/ticket/{id}/self-takeover",
            post(tickets::self_takeover),
        )
        .route("/api/admin/ticket/{id}/assign", post(tickets::assign))
        .route("/api/admin/ticket/{id}/reassign", post(tickets::reassign))
        .route("/api/admin/ticket/{id}/tag", post(tickets::tag))
        .route("/api/admin/ticket/{id}/crm", patch(tickets::crm))
        .route("/api/admin/ticket/{id}/audit-log", get(tickets::audit_log))
        .route(
            "/api/admin/ticket/{id}/internal-messages",
            get(conversation::internal_messages),
        )
        .route(
            "/api/admin/ticket/{id}/internal-message",
            post(conversation::internal_message),
        )
        .route(
            "/api/admin/ticket/{id}/reply-as-sa",
            post(conversation::reply_as_sa),
        )
        .route(
            "/api/admin/ticket/{id}/followup",
            post(followup::send_single),
        )
        .route(
            "/api/admin/analytics/division/{div}",
            get(analytics::division),
        )
        .route("/api/admin/analytics/agent/{id}", get(analytics::agent))
        .route("/api/export/excel", post(export::excel))
        .route("/api/export/pdf", post(export::pdf))
        .route("/api/export/files/{id}", get(export::download))
        .route(
            "/api/admin/followup/recommendations",
            get(followup::recommendations),
        )
        .route("/api/admin/followup/templates", get(followup::templates))
        .route("/api/admin/blast/create", post(followup::blast_create))
        .route("/api/admin/blasts", get(followup::blast_list))
        .route(
            "/api/admin/blast/{id}/approve",
            post(followup::blast_approve),
        )
        .route("/api/admin/blast/{id}/reject", post(followup::blast_reject))
        .route("/api/admin/blast/{id}/status", get(followup::blast_status))
        .route("/api/admin/tags", get(tickets::tags))
        .route(
            "/api/admin/privileges/{role}",
            post(admin::set_privileges).get(admin::get_privileges),
        )
        .route(
            "/api/admin/config/office-hours/{div}",
            get(admin::office_hours).patch(admin::set_office_hours),
        )
        .route(
            "/api/admin/users",
            get(admin::users).post(admin::create_user),
        )
        .route("/api/admin/users/{id}", patch(admin::patch_user))
        .route(
            "/api/admin/customer/{id}/assigned-agent",
            get(tickets::customer_agent),
        )
        .route("/api/admin/notifications", get(session::notifications))
        .route(
            "/api/admin/notifications/read",
            post(session::notifications_read),
        )
        .route("/api/devices", post(session::register_device))
        .route(
            "/api/devices/{token}",
            axum::routing::delete(session::unregister_device),
        )
        .route("/api/events", get(events::stream))
        .route(
            "/api/dev/faults",
            get(dev::get_faults).post(dev::set_faults),
        )
        .route("/api/dev/outbound", get(dev::outbound))
        .route("/api/dev/customer-message", post(dev::customer_message))
        .route("/api/dev/pushes", get(session::dev_pushes))
        .fallback(api::no_route)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::layer,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Builds the state: opens and migrates the database, seeds it when empty.
pub fn build_state(config: Config) -> Result<AppState, String> {
    let db = db::Db::open(config.db.as_deref())?;
    seed::seed_if_empty(&db, config.seed, config.history)?;
    let secret = config
        .jwt_secret
        .clone()
        .unwrap_or_else(|| DEV_JWT_SECRET.to_string());
    let (tx, _) = broadcast::channel(1024);
    let faults = faults::Faults::new(faults::FaultConfig {
        latency_ms: config.latency_ms,
        error_rate: config.error_rate,
        rate_limit: config.rate_limit,
        drop_rate: config.drop_rate,
        drop_after_rate: 0.0,
        fail_next: Vec::new(),
        offline_ms: 0,
    });
    Ok(AppState(Arc::new(Inner {
        db,
        keys: auth::Keys::new(secret.as_bytes()),
        events: tx,
        faults,
        config,
    })))
}

/// A server running in this process.
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    workers: tokio::sync::watch::Sender<bool>,
    pub join: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://ADDR`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
        let _ = self.workers.send(true);
        // Open event streams keep a graceful shutdown waiting: give it a
        // moment, then end the task.
        if tokio::time::timeout(std::time::Duration::from_secs(2), &mut self.join)
            .await
            .is_err()
        {
            self.join.abort();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
        let _ = self.workers.send(true);
        self.join.abort();
    }
}

/// Starts the server in this process (on a tokio runtime). With an address
/// of port 0 it picks a free port; [`Running::addr`] tells which.
pub async fn serve(config: Config) -> Result<Running, String> {
    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let state = tokio::task::spawn_blocking(move || build_state(config))
        .await
        .map_err(|e| e.to_string())??;
    let app = router(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let (workers, stop) = tokio::sync::watch::channel(false);
    sim::spawn_workers(state.clone(), stop);
    let join = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Running {
        addr,
        state,
        shutdown: Some(tx),
        workers,
        join,
    })
}
