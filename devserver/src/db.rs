//! SQLite access. One connection behind a mutex: every request runs as one
//! transaction on it, which also makes races (50 simultaneous takeovers)
//! resolve to exactly one winner.

use crate::error::{AppError, AppResult};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/001_schema.sql")),
        M::up(include_str!("../migrations/002_list_indexes.sql")),
        M::up(include_str!("../migrations/003_status_index.sql")),
        M::up(include_str!("../migrations/004_inbox_walk.sql")),
        M::up(include_str!("../migrations/005_last_customer_message.sql")),
        M::up(include_str!("../migrations/006_search.sql")),
        M::up(include_str!("../migrations/007_panel_indexes.sql")),
        M::up(include_str!("../migrations/008_analytics_indexes.sql")),
        M::up(include_str!(
            "../migrations/009_notification_kinds_devices.sql"
        )),
        M::up(include_str!("../migrations/010_idempotency.sql")),
    ])
}

impl Db {
    /// Opens (or creates) the database at `path`, or an in-memory one, and
    /// brings the schema up to date.
    pub fn open(path: Option<&Path>) -> Result<Db, String> {
        let mut conn = match path {
            Some(p) => {
                Connection::open(p).map_err(|e| format!("cannot open {}: {e}", p.display()))?
            }
            None => Connection::open_in_memory().map_err(|e| e.to_string())?,
        };
        conn.pragma_update(None, "journal_mode", "WAL").ok();
        conn.pragma_update(None, "synchronous", "NORMAL").ok();
        conn.pragma_update(None, "cache_size", -64_000).ok();
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| e.to_string())?;
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| format!("migration failed: {e}"))?;
        // A database kept in a file (--db) may have grown since its
        // statistics were gathered: refresh them where SQLite sees the need
        // (the form SQLite recommends on opening a long-lived connection).
        conn.execute_batch("PRAGMA optimize=0x10002").ok();
        Ok(Db(Arc::new(Mutex::new(conn))))
    }

    /// Runs `f` inside one transaction on a blocking thread. The transaction
    /// commits only if `f` succeeds: nothing is half-written.
    pub async fn tx<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> AppResult<T> + Send + 'static,
    {
        let db = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.lock().unwrap_or_else(|p| p.into_inner());
            let tx = conn.transaction()?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
        .await
        .map_err(AppError::internal)?
    }

    /// Synchronous access for seeding and tests.
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut conn = self.0.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
