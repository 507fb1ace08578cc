//! An update server for the updater's tests and screenshots (issue 16):
//! a key pair of the test's own, packages signed as `tauri signer sign`
//! signs them, and a static manifest served on loopback.

use base64::Engine;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::sync::{Arc, Mutex};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

pub struct Signer {
    pk: minisign::PublicKey,
    sk: minisign::SecretKey,
}

impl Signer {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Signer {
        let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        Signer {
            pk: kp.pk,
            sk: kp.sk,
        }
    }

    /// The public key as `tauri.conf.json` holds it.
    pub fn pubkey(&self) -> String {
        B64.encode(self.pk.to_box().unwrap().to_string())
    }

    /// A `.sig` as `tauri signer sign` writes it (the version in the
    /// trusted comment), base64 as the manifest carries it.
    pub fn sign(&self, data: &[u8], version: &str) -> String {
        let trusted = format!("timestamp:1764547200\tfile:saga-desk.tar.gz\tversion:{version}");
        let sig = minisign::sign(
            Some(&self.pk),
            &self.sk,
            std::io::Cursor::new(data),
            Some(&trusted),
            None,
        )
        .unwrap();
        B64.encode(sig.to_string())
    }
}

/// Files served on loopback by path; they can change while the app runs.
pub type Files = Arc<Mutex<HashMap<String, Vec<u8>>>>;

pub fn serve(files: Files) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let files = files.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                // The rest of the request head.
                let mut h = String::new();
                while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
                    h.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                let body = files.lock().unwrap().get(&path).cloned();
                let mut out = &stream;
                let _ = match body {
                    Some(b) => out
                        .write_all(
                            format!(
                                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                                b.len()
                            )
                            .as_bytes(),
                        )
                        .and_then(|_| out.write_all(&b)),
                    None => out.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                };
            });
        }
    });
    port
}

/// The static manifest the release workflow publishes (`latest.json`).
pub fn manifest(port: u16, version: &str, signature: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "version": version,
        "notes": "Percakapan terbuka lebih cepat",
        "pub_date": "2026-12-01T00:00:00Z",
        "platforms": {
            "linux-x86_64": {
                "signature": signature,
                "url": format!("http://127.0.0.1:{port}/saga-desk.tar.gz"),
            }
        }
    }))
    .unwrap()
}

/// A package of a few hundred kilobytes (the updater only verifies it).
pub fn package() -> Vec<u8> {
    (0..300_000u32).map(|i| (i * 7 + i / 251) as u8).collect()
}

/// An update server on loopback: `latest.json` announcing a version whose
/// package is signed by a given key, and the package itself.
pub struct Release {
    files: Files,
    pub port: u16,
}

impl Release {
    pub fn serve(version: &str, signed_by: &Signer) -> Release {
        let files: Files = Default::default();
        let port = serve(files.clone());
        files
            .lock()
            .unwrap()
            .insert("/saga-desk.tar.gz".into(), package());
        let r = Release { files, port };
        r.announce(version, signed_by);
        r
    }

    /// `latest.json` announces `version` from now on, signed by `signed_by`.
    pub fn announce(&self, version: &str, signed_by: &Signer) {
        let sig = signed_by.sign(&package(), version);
        self.files
            .lock()
            .unwrap()
            .insert("/latest.json".into(), manifest(self.port, version, &sig));
    }

    /// What `SAGA_UPDATE_URL` names.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/latest.json", self.port)
    }
}
