//! Cold-start timing: when the process started and how long until the UI
//! showed its first interactive screen (login or shell). The UI reports
//! that moment (`mark_ready`); `app_info` shows it (docs/performance.md).

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static READY_MS: OnceLock<u64> = OnceLock::new();

/// Called first thing in `run()`.
pub fn started() {
    STARTED.get_or_init(Instant::now);
}

/// The UI's first interactive screen is on; only the first call counts.
pub fn ready() {
    if let Some(t0) = STARTED.get() {
        let _ = READY_MS.set(t0.elapsed().as_millis() as u64);
    }
}

/// Process start → first interactive screen, once known.
pub fn ready_ms() -> Option<u64> {
    READY_MS.get().copied()
}
