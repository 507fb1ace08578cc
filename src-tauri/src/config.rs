//! Which backend the app talks to (SEC-1, SEC-2: configuration, never code).
//!
//! `SAGA_API_URL` names the backend: at run time, or else as it was in the
//! environment of the build (the release workflow sets it from a CI
//! secret, since phones and installed desktops have no environment of
//! their own to configure). Without it, builds with the
//! `embedded-devserver` feature start the development server in-process on
//! a free loopback port with its demo data; production builds without the
//! feature ask for the URL.

use saga_core::client::ApiClient;
use saga_core::ipc::{Backend, BackendKind};
use saga_core::ApiError;

pub struct Resolved {
    pub api: Result<ApiClient, ApiError>,
    pub backend: Backend,
    #[cfg(feature = "embedded-devserver")]
    pub embedded: Option<saga_devserver::Running>,
}

pub fn resolve() -> Resolved {
    match std::env::var("SAGA_API_URL")
        .ok()
        .or_else(|| option_env!("SAGA_API_URL").map(str::to_string))
        .filter(|s| !s.trim().is_empty())
    {
        Some(url) => Resolved {
            api: ApiClient::new(&url),
            backend: Backend {
                kind: BackendKind::Remote,
                api_url: url,
            },
            #[cfg(feature = "embedded-devserver")]
            embedded: None,
        },
        None => embedded(),
    }
}

#[cfg(feature = "embedded-devserver")]
fn embedded() -> Resolved {
    let simulate = std::env::var("SAGA_DEMO_SIMULATE")
        .map(|v| v != "0" && v != "false")
        .unwrap_or(true);
    let config = saga_devserver::Config {
        addr: "127.0.0.1:0".into(),
        simulate,
        simulate_every: 8.0,
        ..Default::default()
    };
    match tauri::async_runtime::block_on(saga_devserver::serve(config)) {
        Ok(running) => {
            let url = running.url();
            Resolved {
                api: ApiClient::new(&url),
                backend: Backend {
                    kind: BackendKind::Embedded,
                    api_url: url,
                },
                embedded: Some(running),
            }
        }
        Err(e) => Resolved {
            api: Err(ApiError::Config {
                message: format!("Server demo tidak dapat dijalankan: {e}"),
            }),
            backend: Backend {
                kind: BackendKind::Embedded,
                api_url: String::new(),
            },
            embedded: None,
        },
    }
}

#[cfg(not(feature = "embedded-devserver"))]
fn embedded() -> Resolved {
    Resolved {
        api: Err(ApiError::Config {
            message:
                "Alamat API belum diatur. Setel SAGA_API_URL (contoh: https://api.contoh.co.id)."
                    .into(),
        }),
        backend: Backend {
            kind: BackendKind::Remote,
            api_url: String::new(),
        },
    }
}
