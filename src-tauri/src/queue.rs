//! The outbox's file: the queue of replies not sent yet, kept as JSON in the
//! app's data directory so it survives a restart. Sending lives in
//! `outbox`; this module knows nothing of the session or the API.

use saga_core::outbox::Outbox;
use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Default)]
pub struct OutboxStore {
    path: Mutex<Option<PathBuf>>,
    queue: Mutex<Outbox>,
}

impl OutboxStore {
    /// Loads the queue from `path` (a missing or unreadable file is an empty
    /// queue) and saves there from now on.
    pub fn open(&self, path: PathBuf) {
        let loaded = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Outbox>(&b).ok())
            .unwrap_or_default();
        let mut q = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        for e in loaded.entries {
            q.put(e);
        }
        *self.path.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    }

    pub fn snapshot(&self) -> Outbox {
        self.queue.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the queue and writes it to disk (write a temporary file,
    /// then rename, so a crash never leaves half a file).
    pub fn update<R>(&self, f: impl FnOnce(&mut Outbox) -> R) -> R {
        let mut q = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        let r = f(&mut q);
        if let Some(path) = self.path.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let tmp = path.with_extension("json.tmp");
            if let Ok(bytes) = serde_json::to_vec_pretty(&*q) {
                if std::fs::write(&tmp, bytes).is_ok() {
                    let _ = std::fs::rename(&tmp, &path);
                }
            }
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use saga_core::outbox::OutboxEntry;

    #[test]
    fn the_queue_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.json");
        let a = OutboxStore::default();
        a.open(path.clone());
        let e = OutboxEntry::new(
            "U-a",
            "T-1",
            "Baik, kami jemput besok",
            "k-1".into(),
            "2026-11-24T01:00:00Z".into(),
            0,
        );
        a.update(|o| o.put(e.clone()));
        let b = OutboxStore::default();
        b.open(path);
        assert_eq!(b.snapshot().entries, vec![e]);
    }
}
