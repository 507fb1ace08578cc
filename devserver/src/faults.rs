//! Fault injection and rate limiting for resilience tests. Everything is off
//! by default; `POST /api/dev/faults` changes it at run time.

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultConfig {
    /// Added latency per request, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// Fraction (0..=1) of requests answered with 503.
    #[serde(default)]
    pub error_rate: f64,
    /// Requests per second allowed per token (or per client without one);
    /// 0 = unlimited. Over the limit: 429 with `Retry-After`.
    #[serde(default)]
    pub rate_limit: u32,
    /// Fraction (0..=1) of requests whose connection is dropped mid-answer.
    #[serde(default)]
    pub drop_rate: f64,
    /// Fraction (0..=1) of requests that run, after which the connection is
    /// dropped before the answer arrives: the change is made but the client
    /// cannot know (what idempotency keys are for).
    #[serde(default)]
    pub drop_after_rate: f64,
    /// Scripted failures: each answers the next request that matches it
    /// once, with its status and error body, without running the request
    /// (e.g. a 422 on a field that the client's own checks let through).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fail_next: Vec<ScriptedFailure>,
    /// The network drops for this many milliseconds from when it is set:
    /// every request (but `/api/dev/*` and `/healthz`) loses its connection
    /// and every open event stream is cut (issue 17: catch-up, the soak).
    #[serde(default)]
    pub offline_ms: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScriptedFailure {
    /// HTTP method, e.g. `PATCH`.
    pub method: String,
    /// Matches when the request path ends with this (e.g. `/crm`).
    pub path_suffix: String,
    #[serde(default)]
    pub status: u16,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub field: Option<String>,
    /// Run the request, then drop the connection instead of answering (the
    /// change is made; the client cannot know).
    #[serde(default)]
    pub after_run: bool,
}

/// How many faults were injected since the server started (the soak's
/// figures).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultCounts {
    /// Answered 503 without running.
    pub errors: u64,
    /// Run, then the answer lost.
    pub lost_after_write: u64,
    /// Connection dropped before running.
    pub dropped: u64,
    /// Answered 429.
    pub rate_limited: u64,
    /// Refused while the network was down.
    pub offline: u64,
}

#[derive(Default)]
struct Counters {
    errors: AtomicU64,
    lost_after_write: AtomicU64,
    dropped: AtomicU64,
    rate_limited: AtomicU64,
    offline: AtomicU64,
}

fn bump(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

pub struct Faults {
    pub config: Mutex<FaultConfig>,
    counters: Counters,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
    /// Until when the network is down (`offline_ms`).
    offline_until: Mutex<Option<Instant>>,
    /// Bumped when the network drops: open event streams end.
    cut: tokio::sync::watch::Sender<u64>,
}

impl Faults {
    pub fn new(config: FaultConfig) -> Faults {
        Faults {
            config: Mutex::new(config),
            counters: Counters::default(),
            windows: Mutex::new(HashMap::new()),
            offline_until: Mutex::new(None),
            cut: tokio::sync::watch::channel(0).0,
        }
    }

    /// The faults injected so far.
    pub fn counts(&self) -> FaultCounts {
        let c = &self.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        FaultCounts {
            errors: get(&c.errors),
            lost_after_write: get(&c.lost_after_write),
            dropped: get(&c.dropped),
            rate_limited: get(&c.rate_limited),
            offline: get(&c.offline),
        }
    }

    /// Whether the network is down now.
    pub fn offline(&self) -> bool {
        self.offline_until
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|t| Instant::now() < t)
    }

    /// Resolves when the network next drops (an event stream ends then).
    pub fn cuts(&self) -> tokio::sync::watch::Receiver<u64> {
        self.cut.subscribe()
    }

    pub fn get(&self) -> FaultConfig {
        self.config
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set(&self, c: FaultConfig) {
        if c.offline_ms > 0 {
            *self.offline_until.lock().unwrap_or_else(|p| p.into_inner()) =
                Some(Instant::now() + Duration::from_millis(c.offline_ms));
            self.cut.send_modify(|n| *n += 1);
        }
        *self.config.lock().unwrap_or_else(|p| p.into_inner()) = c;
    }

    /// Takes the first scripted failure that matches this request.
    fn take_scripted(&self, method: &str, path: &str) -> Option<ScriptedFailure> {
        let mut c = self.config.lock().unwrap_or_else(|p| p.into_inner());
        let i = c.fail_next.iter().position(|f| {
            f.method.eq_ignore_ascii_case(method) && path.ends_with(&f.path_suffix)
        })?;
        Some(c.fail_next.remove(i))
    }

    /// Fixed one-second window per key. Returns the seconds to wait when over.
    fn over_limit(&self, key: &str, limit: u32) -> Option<u64> {
        let mut w = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let entry = w.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= Duration::from_secs(1) {
            *entry = (now, 0);
        }
        entry.1 += 1;
        (entry.1 > limit).then_some(1)
    }
}

fn exempt(path: &str) -> bool {
    path == "/healthz" || path.starts_with("/api/dev/") || path == "/api/events"
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    // The network is down: nothing gets through, the stream neither.
    let n = &state.faults.counters;
    if state.faults.offline() && path != "/healthz" && !path.starts_with("/api/dev/") {
        bump(&n.offline);
        return dropped();
    }
    if exempt(&path) {
        return next.run(req).await;
    }
    let cfg = state.faults.get();
    if !cfg.fail_next.is_empty() {
        if let Some(f) = state.faults.take_scripted(req.method().as_str(), &path) {
            if f.after_run {
                let _ = next.run(req).await;
                bump(&n.lost_after_write);
                return dropped();
            }
            bump(&n.errors);
            let status = StatusCode::from_u16(f.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let mut e = crate::error::AppError::new(status, &f.code, f.message);
            if let Some(field) = &f.field {
                e.body = e.body.with_field(field);
            }
            return e.into_response();
        }
    }
    if cfg.rate_limit > 0 {
        let key = req
            .headers()
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("anonymous")
            .to_string();
        if let Some(wait) = state.faults.over_limit(&key, cfg.rate_limit) {
            bump(&n.rate_limited);
            let mut r = crate::error::AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                saga_core::strings::RATE_LIMITED,
            )
            .into_response();
            r.headers_mut().insert(
                "Retry-After",
                HeaderValue::from_str(&wait.to_string()).expect("digits"),
            );
            return r;
        }
    }
    if cfg.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(cfg.latency_ms)).await;
    }
    if cfg.error_rate > 0.0 && rand::random::<f64>() < cfg.error_rate {
        bump(&n.errors);
        return crate::error::AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "injected_fault",
            "Server sedang bermasalah (gangguan uji). Coba lagi.",
        )
        .into_response();
    }
    if cfg.drop_rate > 0.0 && rand::random::<f64>() < cfg.drop_rate {
        // Headers go out, then the body fails: the client sees the
        // connection end in the middle of the answer. The request is not run.
        bump(&n.dropped);
        return dropped();
    }
    if cfg.drop_after_rate > 0.0 && rand::random::<f64>() < cfg.drop_after_rate {
        let _ = next.run(req).await;
        bump(&n.lost_after_write);
        return dropped();
    }
    next.run(req).await
}

/// A response whose body fails after the headers: a dropped connection.
fn dropped() -> Response {
    let body = Body::from_stream(futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected drop",
        ))
    }));
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(body)
        .expect("valid response")
}
