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
    /// Stores that live behind a Tauri plugin get the app once it exists.
    fn attach(&self, _app: &tauri::AppHandle) {}
}

/// Android: the token encrypted with an AES key kept in the Android
/// Keystore (tauri-plugin-secure-storage, decision record 0002). The plugin
/// is registered on Android only and none of its commands are granted to the
/// webview: only this store calls it, from Rust.
#[cfg(target_os = "android")]
pub struct KeystoreStore {
    app: std::sync::OnceLock<tauri::AppHandle>,
}

#[cfg(target_os = "android")]
impl KeystoreStore {
    const KEY: &'static str = "saga-session-token";

    fn req(data: Option<String>) -> tauri_plugin_secure_storage::OptionsRequest {
        tauri_plugin_secure_storage::OptionsRequest {
            prefixed_key: Some(Self::KEY.into()),
            data,
            sync: None,
            keychain_access: None,
        }
    }

    fn app(&self) -> Result<&tauri::AppHandle, String> {
        self.app
            .get()
            .ok_or_else(|| "secure storage is not ready yet".to_string())
    }
}

#[cfg(target_os = "android")]
impl SecretStore for KeystoreStore {
    fn load(&self) -> Result<Option<String>, String> {
        use tauri_plugin_secure_storage::SecureStorageExt;
        let app = self.app()?;
        app.secure_storage()
            .get_item(app.clone(), Self::req(None))
            .map(|r| r.data)
            .map_err(|e| e.to_string())
    }
    fn save(&self, secret: &str) -> Result<(), String> {
        use tauri_plugin_secure_storage::SecureStorageExt;
        let app = self.app()?;
        app.secure_storage()
            .set_item(app.clone(), Self::req(Some(secret.to_string())))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    fn clear(&self) -> Result<(), String> {
        use tauri_plugin_secure_storage::SecureStorageExt;
        let app = self.app()?;
        app.secure_storage()
            .remove_item(app.clone(), Self::req(None))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    fn kind(&self) -> &'static str {
        "android-keystore"
    }
    fn persistent(&self) -> bool {
        true
    }
    fn attach(&self, app: &tauri::AppHandle) {
        let _ = self.app.set(app.clone());
    }
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
    kind: &'static str,
}

#[cfg(not(target_os = "android"))]
impl OsStore {
    /// Opens the store and proves it works with a round trip; `None` where
    /// the platform has no usable credential store. On Linux the platform's
    /// store is the Secret Service (GNOME Keyring, KWallet) with the kernel
    /// keyring as its cache; where no Secret Service runs (servers,
    /// containers) the kernel keyring alone keeps the token until the
    /// machine restarts.
    pub fn open(service: &str) -> Option<OsStore> {
        let works = |make: &dyn Fn(&str) -> Option<keyring::Entry>| {
            let probe = make("probe")?;
            probe.set_password("ok").ok()?;
            let ok = probe.get_password().ok()? == "ok";
            let _ = probe.delete_credential();
            if ok {
                make("session-token")
            } else {
                None
            }
        };
        if let Some(entry) = works(&|user| keyring::Entry::new(service, user).ok()) {
            return Some(OsStore {
                entry,
                kind: "os-credential-store",
            });
        }
        #[cfg(target_os = "linux")]
        if let Some(entry) = works(&|user| {
            keyring::keyutils::KeyutilsCredential::new_with_target(None, service, user)
                .ok()
                .map(|c| keyring::Entry::new_with_credential(Box::new(c)))
        }) {
            return Some(OsStore {
                entry,
                kind: "kernel-keyring",
            });
        }
        None
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
        self.kind
    }
    fn persistent(&self) -> bool {
        true
    }
}

/// The store for this platform. `SAGA_SECRET_STORE=memory` forces memory
/// (tests, kiosks).
pub fn platform_store(service: &str) -> Box<dyn SecretStore> {
    // Not every platform's store takes the service name (Android).
    let _ = service;
    if std::env::var("SAGA_SECRET_STORE").as_deref() == Ok("memory") {
        return Box::new(MemoryStore::default());
    }
    #[cfg(any(target_os = "linux", target_os = "windows"))]
    match (vault::default_path(), vault::key_from_os(service)) {
        (Some(path), Ok(key)) => match vault::VaultStore::open(&path, key) {
            Ok(v) => return Box::new(v),
            Err(e) => {
                crate::say!("session vault unavailable ({e}); trying the credential store")
            }
        },
        (None, _) => crate::say!("no data directory for the session vault"),
        (_, Err(e)) => crate::say!("no vault key from the credential store ({e})"),
    }
    #[cfg(not(target_os = "android"))]
    if let Some(s) = OsStore::open(service) {
        return Box::new(s);
    }
    #[cfg(target_os = "android")]
    return Box::new(KeystoreStore {
        app: std::sync::OnceLock::new(),
    });
    #[allow(unreachable_code)]
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

/// A Stronghold vault file holding the token, encrypted with a random
/// 32-byte key that lives in the OS credential store (Linux, Windows).
/// Opening it needs no password hashing.
#[cfg(any(target_os = "linux", target_os = "windows"))]
pub mod vault {
    use super::SecretStore;
    use iota_stronghold::engine;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;
    use tauri_plugin_stronghold::stronghold::Stronghold;

    const CLIENT: &[u8] = b"saga-desk";
    const RECORD: &[u8] = b"session-token";

    pub struct VaultStore {
        sh: Mutex<Stronghold>,
    }

    fn err(e: impl std::fmt::Display) -> String {
        e.to_string()
    }

    impl VaultStore {
        /// Opens (or creates) the vault at `path` with `key` (32 bytes).
        pub fn open(path: &Path, key: Vec<u8>) -> Result<VaultStore, String> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(err)?;
            }
            // The key is 32 random bytes, not a password: it needs no
            // strengthening, and the snapshot's default scrypt work factor
            // (log N = 19) cost ~1 s and 512 MiB of memory at every start
            // (stronghold_engine: "strong keys generated with
            // cryptographically secure RNG ... can use minimal (0) work
            // factor"; docs/performance.md).
            engine::snapshot::try_set_encrypt_work_factor(0).map_err(err)?;
            let sh = Stronghold::new(path, key).map_err(err)?;
            if sh.get_client(CLIENT).is_err() && sh.load_client(CLIENT).is_err() {
                sh.create_client(CLIENT).map_err(err)?;
            }
            Ok(VaultStore { sh: Mutex::new(sh) })
        }

        fn with<T>(&self, f: impl FnOnce(&Stronghold) -> Result<T, String>) -> Result<T, String> {
            let sh = self.sh.lock().unwrap_or_else(|p| p.into_inner());
            f(&sh)
        }
    }

    impl SecretStore for VaultStore {
        fn load(&self) -> Result<Option<String>, String> {
            self.with(|sh| {
                let c = sh.get_client(CLIENT).map_err(err)?;
                let v = c.store().get(RECORD).map_err(err)?;
                Ok(v.map(|b| String::from_utf8_lossy(&b).into_owned()))
            })
        }
        fn save(&self, secret: &str) -> Result<(), String> {
            self.with(|sh| {
                let c = sh.get_client(CLIENT).map_err(err)?;
                c.store()
                    .insert(RECORD.to_vec(), secret.as_bytes().to_vec(), None)
                    .map_err(err)?;
                sh.save().map_err(err)
            })
        }
        fn clear(&self) -> Result<(), String> {
            self.with(|sh| {
                let c = sh.get_client(CLIENT).map_err(err)?;
                let _ = c.store().delete(RECORD);
                sh.save().map_err(err)
            })
        }
        fn kind(&self) -> &'static str {
            "stronghold-vault"
        }
        fn persistent(&self) -> bool {
            true
        }
    }

    /// Where the vault file lives: the app's data directory.
    pub fn default_path() -> Option<PathBuf> {
        let base = if cfg!(windows) {
            std::env::var_os("APPDATA").map(PathBuf::from)
        } else {
            std::env::var_os("XDG_DATA_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        }?;
        Some(base.join("id.sagaprima.desk").join("session.stronghold"))
    }

    /// The vault key from the OS credential store, created on first use.
    pub fn key_from_os(service: &str) -> Result<Vec<u8>, String> {
        let entry = keyring::Entry::new(service, "vault-key").map_err(err)?;
        let hex = match entry.get_password() {
            Ok(h) => h,
            Err(keyring::Error::NoEntry) => {
                let key: [u8; 32] = rand::random();
                let h: String = key.iter().map(|b| format!("{b:02x}")).collect();
                entry.set_password(&h).map_err(err)?;
                // Read back: some stores accept a write they cannot keep.
                entry.get_password().map_err(err)?
            }
            Err(e) => return Err(err(e)),
        };
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|b| u8::from_str_radix(b, 16).ok())
            })
            .collect();
        bytes
            .filter(|b| b.len() == 32)
            .ok_or_else(|| "the stored vault key is malformed".to_string())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_vault_keeps_the_token_across_reopen_and_needs_the_key() {
            let dir = std::env::temp_dir().join(format!("saga-vault-{}", std::process::id()));
            let path = dir.join("v.stronghold");
            let key: Vec<u8> = (0..32).collect();
            let v = VaultStore::open(&path, key.clone()).unwrap();
            assert_eq!(v.load().unwrap(), None);
            v.save("token-abc").unwrap();
            drop(v);
            let raw = std::fs::read(&path).unwrap();
            assert!(
                !raw.windows(9).any(|w| w == b"token-abc"),
                "encrypted on disk"
            );
            let v = VaultStore::open(&path, key).unwrap();
            assert_eq!(
                v.load().unwrap().as_deref(),
                Some("token-abc"),
                "restored after a restart"
            );
            v.clear().unwrap();
            drop(v);
            let wrong: Vec<u8> = (1..33).collect();
            assert!(
                VaultStore::open(&path, wrong).is_err(),
                "another key cannot open it"
            );
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
