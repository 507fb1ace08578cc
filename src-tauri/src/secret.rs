//! Where the session token lives: only in the Rust core, never in the
//! webview. One trait, one implementation per platform (decision record
//! docs/decisions/0002-secret-storage.md).

use std::sync::Mutex;

pub trait SecretStore: Send + Sync {
    fn load(&self) -> Result<Option<String>, String>;
    fn save(&self, secret: &str) -> Result<(), String>;
    fn clear(&self) -> Result<(), String>;
    /// For the settings screen and logs: which store is in use.
    fn kind(&self) -> &'static str;
    /// Whether a stored session survives a restart.
    fn persistent(&self) -> bool;
}

/// Memory only: the user signs in again after a restart.
#[derive(Default)]
pub struct MemoryStore(Mutex<Option<String>>);

impl SecretStore for MemoryStore {
    fn load(&self) -> Result<Option<String>, String> {
        Ok(self.0.lock().unwrap_or_else(|p| p.into_inner()).clone())
    }
    fn save(&self, secret: &str) -> Result<(), String> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(secret.to_string());
        Ok(())
    }
    fn clear(&self) -> Result<(), String> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }
    fn kind(&self) -> &'static str {
        "memory"
    }
    fn persistent(&self) -> bool {
        false
    }
}

/// The OS credential store through the `keyring` crate.
#[cfg(not(target_os = "android"))]
pub struct OsStore {
    entry: keyring::Entry,
}

#[cfg(not(target_os = "android"))]
impl OsStore {
    /// Opens the store and proves it works with a round trip; `None` where
    /// the platform has no usable credential store.
    pub fn open(service: &str) -> Option<OsStore> {
        let probe = keyring::Entry::new(service, "probe").ok()?;
        probe.set_password("ok").ok()?;
        let ok = probe.get_password().ok()? == "ok";
        let _ = probe.delete_credential();
        if !ok {
            return None;
        }
        Some(OsStore {
            entry: keyring::Entry::new(service, "session-token").ok()?,
        })
    }
}

#[cfg(not(target_os = "android"))]
impl SecretStore for OsStore {
    fn load(&self) -> Result<Option<String>, String> {
        match self.entry.get_password() {
            Ok(s) => Ok(Some(s)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }
    fn save(&self, secret: &str) -> Result<(), String> {
        self.entry.set_password(secret).map_err(|e| e.to_string())
    }
    fn clear(&self) -> Result<(), String> {
        match self.entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
    fn kind(&self) -> &'static str {
        "os-credential-store"
    }
    fn persistent(&self) -> bool {
        true
    }
}

/// The store for this platform. `SAGA_SECRET_STORE=memory` forces memory
/// (tests, kiosks).
pub fn platform_store(service: &str) -> Box<dyn SecretStore> {
    if std::env::var("SAGA_SECRET_STORE").as_deref() == Ok("memory") {
        return Box::new(MemoryStore::default());
    }
    #[cfg(not(target_os = "android"))]
    if let Some(s) = OsStore::open(service) {
        return Box::new(s);
    }
    let _ = service;
    Box::new(MemoryStore::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trip_and_clear() {
        let s = MemoryStore::default();
        assert_eq!(s.load().unwrap(), None);
        s.save("t1").unwrap();
        assert_eq!(s.load().unwrap().as_deref(), Some("t1"));
        s.clear().unwrap();
        assert_eq!(s.load().unwrap(), None);
        assert!(!s.persistent());
    }
}
