//! The outbox's file: the queue of writes not delivered yet, kept as JSON
//! in the app's data directory so it survives a restart. Sending lives in
//! `outbox`; this module knows nothing of the session or the API.

use saga_core::outbox::{Outbox, OutboxEntry};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The file's format: 1 held L1 replies only, 2 every kind of write. A
/// later version writing a higher one is never overwritten by this one (its
/// file is kept aside, untouched).
pub const FORMAT: u64 = 2;

#[derive(Default)]
pub struct OutboxStore {
    path: Mutex<Option<PathBuf>>,
    queue: Mutex<Outbox>,
    /// Why queued writes could not be restored at start, for the person.
    problem: Mutex<Option<String>>,
    /// One attempt at a time per (user, ticket, lane), so writes of a lane
    /// reach the server in the order they were made.
    lanes: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Writes whose first attempt is under way (the retrier leaves them).
    first: Mutex<HashSet<String>>,
}

/// Format 1: an L1 reply, flat.
#[derive(serde::Deserialize)]
struct ReplyV1 {
    key: String,
    user_id: String,
    ticket_id: String,
    message: String,
    created_at: String,
    attempts: u32,
    last_error: Option<String>,
    next_attempt_ms: u64,
}

#[derive(serde::Deserialize)]
struct FileV1 {
    entries: Vec<ReplyV1>,
}

impl From<ReplyV1> for OutboxEntry {
    fn from(r: ReplyV1) -> OutboxEntry {
        let mut e = OutboxEntry::reply(
            &r.user_id,
            &r.ticket_id,
            &r.message,
            r.key,
            r.created_at,
            r.next_attempt_ms,
        );
        e.attempts = r.attempts;
        e.last_error = r.last_error;
        // Format 1 marked a refused reply with a next attempt that never
        // comes.
        e.stopped = r.next_attempt_ms == u64::MAX;
        e
    }
}

#[derive(serde::Serialize)]
struct FileOut<'a> {
    format: u64,
    #[serde(flatten)]
    outbox: &'a Outbox,
}

/// Where a file that is not read is kept: beside it, dated, never reused.
fn aside(path: &std::path::Path, why: &str) -> PathBuf {
    let stamp = saga_core::format::now_rfc3339()
        .replace([':', '-'], "")
        .chars()
        .take(15)
        .collect::<String>();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "outbox".into());
    let mut n = 0;
    loop {
        let name = if n == 0 {
            format!("{stem}.{why}-{stamp}.json")
        } else {
            format!("{stem}.{why}-{stamp}-{n}.json")
        };
        let p = path.with_file_name(name);
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

impl OutboxStore {
    /// Loads the queue from `path` (a missing file is an empty queue) and
    /// saves there from now on. A file that cannot be read, or that a later
    /// version wrote, is never emptied or overwritten: it is kept aside
    /// under a dated name and [`OutboxStore::problem`] says so.
    pub fn open(&self, path: PathBuf) {
        let loaded = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Outbox::default(),
            Err(e) => self.keep_aside(&path, "unreadable", &e.to_string()),
            Ok(bytes) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
                Err(e) => self.keep_aside(&path, "corrupt", &e.to_string()),
                Ok(v) if v["format"].as_u64().unwrap_or(1) > FORMAT => {
                    let f = v["format"].as_u64().unwrap_or(0);
                    self.keep_aside(&path, &format!("format{f}"), "newer")
                }
                Ok(v) if v["format"].as_u64().unwrap_or(1) == 1 => {
                    match serde_json::from_value::<FileV1>(v) {
                        Ok(f) => Outbox {
                            entries: f.entries.into_iter().map(OutboxEntry::from).collect(),
                        },
                        Err(e) => self.keep_aside(&path, "corrupt", &e.to_string()),
                    }
                }
                Ok(v) => match serde_json::from_value::<Outbox>(v) {
                    Ok(o) => o,
                    Err(e) => self.keep_aside(&path, "corrupt", &e.to_string()),
                },
            },
        };
        let mut q = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        for e in loaded.entries {
            q.put(e);
        }
        *self.path.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    }

    fn keep_aside(&self, path: &std::path::Path, why: &str, detail: &str) -> Outbox {
        let to = aside(path, why);
        let kept = std::fs::rename(path, &to).is_ok();
        crate::say!(
            "the outbox file could not be read ({why}: {detail}); {}",
            if kept {
                format!("kept as {}", to.display())
            } else {
                "left where it is".into()
            }
        );
        let message = if why.starts_with("format") {
            format!(
                "Kiriman tertunda ditulis oleh versi Saga Desk yang lebih baru dan tidak dibuka oleh versi ini. \
                 Berkasnya disimpan utuh di {}.",
                to.display()
            )
        } else {
            format!(
                "Kiriman yang tertunda tidak bisa dipulihkan: berkas antreannya rusak. Salinannya disimpan di {}.",
                if kept { to.display().to_string() } else { path.display().to_string() }
            )
        };
        *self.problem.lock().unwrap_or_else(|p| p.into_inner()) = Some(message);
        Outbox::default()
    }

    /// Marks (or unmarks) a write whose first attempt is under way.
    pub fn first_attempt(&self, key: &str, on: bool) {
        let mut f = self.first.lock().unwrap_or_else(|p| p.into_inner());
        if on {
            f.insert(key.to_string());
        } else {
            f.remove(key);
        }
    }

    pub fn in_first_attempt(&self, key: &str) -> bool {
        self.first
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(key)
    }

    /// The lock that keeps a lane's attempts one at a time.
    pub fn lane_lock(&self, e: &OutboxEntry) -> Arc<tokio::sync::Mutex<()>> {
        let id = format!(
            "{}\u{1f}{}\u{1f}{:?}",
            e.user_id,
            e.ticket_id,
            e.write.lane()
        );
        self.lanes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(id)
            .or_default()
            .clone()
    }

    /// Why queued writes could not be restored at start, if they could not.
    pub fn problem(&self) -> Option<String> {
        self.problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn snapshot(&self) -> Outbox {
        self.queue.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the queue and writes it to disk: a temporary file flushed to
    /// the disk, then renamed over the old one (and the folder flushed), so
    /// a crash or a power cut leaves the old file or the new one, never half.
    pub fn update<R>(&self, f: impl FnOnce(&mut Outbox) -> R) -> R {
        let mut q = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        let r = f(&mut q);
        if let Some(path) = self.path.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            if let Err(e) = write_atomic(&path, &q) {
                crate::say!("the outbox file was not written: {e}");
            }
        }
        r
    }
}

fn write_atomic(path: &std::path::Path, q: &Outbox) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec_pretty(&FileOut {
        format: FORMAT,
        outbox: q,
    })
    .map_err(std::io::Error::other)?;
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(&bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)?;
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
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
        let e = OutboxEntry::reply(
            "U-a",
            "T-1",
            "Baik, kami jemput besok",
            "k-1".into(),
            "2026-11-24T01:00:00Z".into(),
            0,
        );
        a.update(|o| o.put(e.clone()));
        let b = OutboxStore::default();
        b.open(path.clone());
        assert_eq!(b.snapshot().entries, vec![e]);
        assert!(b.problem().is_none());
        assert!(
            !path.with_extension("json.tmp").exists(),
            "no half-written file left"
        );
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(v["format"], FORMAT);
    }

    fn entry(key: &str) -> OutboxEntry {
        OutboxEntry::reply(
            "U-a",
            "T-1",
            "Siap, kami jemput",
            key.into(),
            "2026-12-01T01:00:00Z".into(),
            0,
        )
    }

    fn files(dir: &std::path::Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    /// Issue 17 item 2: a file that cannot be read is kept aside under a
    /// dated name, the person is told, and new replies queue in a fresh file.
    #[test]
    fn a_corrupt_file_is_kept_aside_and_the_person_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.json");
        std::fs::write(&path, b"{\"entries\": [{\"key\": \"k-1\", \"user_id").unwrap();
        let s = OutboxStore::default();
        s.open(path.clone());
        assert!(s.snapshot().entries.is_empty());
        let said = s.problem().expect("the person is told");
        assert!(said.contains("tidak bisa dipulihkan"), "{said}");
        let kept: Vec<String> = files(dir.path())
            .into_iter()
            .filter(|f| f.starts_with("outbox.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1, "{:?}", files(dir.path()));
        assert!(
            said.contains(&kept[0]),
            "the message names the copy: {said}"
        );
        assert_eq!(
            std::fs::read(dir.path().join(&kept[0])).unwrap(),
            b"{\"entries\": [{\"key\": \"k-1\", \"user_id",
            "kept as it was"
        );
        s.update(|o| o.put(entry("k-2")));
        let again = OutboxStore::default();
        again.open(path);
        assert_eq!(again.snapshot().entries.len(), 1);
        assert!(again.problem().is_none());
    }

    /// A later version's file (a higher format) is not read and not
    /// overwritten: it is kept whole beside the new one.
    #[test]
    fn a_newer_format_is_not_destroyed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.json");
        let newer = br#"{"format": 3, "writes": [{"kind": "voice", "key": "k-9"}]}"#;
        std::fs::write(&path, newer).unwrap();
        let s = OutboxStore::default();
        s.open(path.clone());
        assert!(s
            .problem()
            .unwrap()
            .contains("versi Saga Desk yang lebih baru"));
        s.update(|o| o.put(entry("k-3")));
        let kept: Vec<String> = files(dir.path())
            .into_iter()
            .filter(|f| f.starts_with("outbox.format3-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(std::fs::read(dir.path().join(&kept[0])).unwrap(), newer);
    }

    /// A file of format 1 (L1 replies only, from before every write went
    /// through the outbox), or from before the format field existed, is
    /// read: its replies wait as before, a refused one stays refused.
    #[test]
    fn a_first_format_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.json");
        for format in ["", "\"format\": 1, "] {
            let old = format!(
                r#"{{{format}"entries": [
                {{"key": "k-4", "user_id": "U-a", "ticket_id": "T-1", "message": "Siap, kami jemput",
                  "created_at": "2026-12-01T01:00:00Z", "attempts": 2, "last_error": "Server tidak dapat dihubungi.",
                  "next_attempt_ms": 5000}},
                {{"key": "k-5", "user_id": "U-a", "ticket_id": "T-1", "message": "Baik",
                  "created_at": "2026-12-01T01:01:00Z", "attempts": 1, "last_error": "Bukan pemilik tiket.",
                  "next_attempt_ms": 18446744073709551615}}]}}"#
            );
            std::fs::write(&path, old).unwrap();
            let s = OutboxStore::default();
            s.open(path.clone());
            assert!(s.problem().is_none());
            let q = s.snapshot();
            assert_eq!(q.entries.len(), 2);
            let mut want = entry("k-4");
            want.attempts = 2;
            want.last_error = Some("Server tidak dapat dihubungi.".into());
            want.next_attempt_ms = 5000;
            assert_eq!(q.entries[0], want);
            assert_eq!(
                q.entries[1].pending().state,
                saga_core::outbox::PendingState::Refused
            );
        }
    }

    /// Every kind of write survives a restart as it was typed.
    #[test]
    fn every_kind_of_write_survives_a_restart() {
        use saga_core::outbox::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.json");
        let a = OutboxStore::default();
        a.open(path.clone());
        let writes = [
            Write::Note(saga_core::InternalMessageRequest {
                content: "Cek ulang alamat".into(),
                tagged_agent_id: Some("U-b".into()),
            }),
            Write::TeamReply {
                message: "Terima kasih".into(),
            },
            Write::FollowUp(saga_core::FollowUpSendRequest {
                template_id: Some("TPL-1".into()),
                message: "Halo {nama}".into(),
            }),
            Write::Crm(saga_core::CrmUpdate {
                crm_stage: saga_core::CrmStage::Proposal,
                lost_reason: None,
                quote_value: Some(3_500_000),
                deal_value: None,
                crm_data: Default::default(),
            }),
        ];
        for (i, w) in writes.iter().enumerate() {
            a.update(|o| {
                o.put(OutboxEntry::new(
                    "U-a",
                    "T-1",
                    w.clone(),
                    format!("k-{i}"),
                    "2026-12-01T01:00:00Z".into(),
                    0,
                ))
            });
        }
        let b = OutboxStore::default();
        b.open(path);
        let got: Vec<Write> = b.snapshot().entries.into_iter().map(|e| e.write).collect();
        assert_eq!(got, writes.to_vec());
    }
}
