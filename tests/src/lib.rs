//! Harness for end-to-end tests: starts the dev server in-process, starts
//! `tauri-driver` (which starts WebKitWebDriver and the real app binary),
//! and gives a WebDriver client. Tests run one at a time (one app window).
//!
//! Needs: the app built with the UI embedded (`cargo xtask build-app`), a
//! display (the test command runs under `xvfb-run`), `tauri-driver` and
//! `WebKitWebDriver` on PATH. `cargo xtask test` sets all of this up.

pub mod updates;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use saga_devserver::{Config, Running};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use fantoccini;

pub const PW: &str = "saga-demo-2026";

/// Only one app at a time.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// `n` scripted 503 answers for `method` … `path_suffix` (not run), to put
/// in a `FaultConfig`'s `fail_next`, alone or beside others.
pub fn failures_503(
    method: &str,
    path_suffix: &str,
    n: usize,
) -> Vec<saga_devserver::faults::ScriptedFailure> {
    (0..n)
        .map(|_| saga_devserver::faults::ScriptedFailure {
            method: method.into(),
            path_suffix: path_suffix.into(),
            status: 503,
            code: "injected_fault".into(),
            message: "Server sedang bermasalah (gangguan uji). Coba lagi.".into(),
            ..Default::default()
        })
        .collect()
}

pub fn app_binary() -> PathBuf {
    if let Ok(p) = std::env::var("SAGA_APP_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug").join(if cfg!(windows) {
        "saga-app.exe"
    } else {
        "saga-app"
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A private D-Bus session bus with an unlocked GNOME Keyring on it: the
/// Secret Service of a Linux desktop, so the app keeps its session in the
/// Stronghold vault whose key lives there (decision record 0002). Started
/// for an app by `Options::desktop_keyring`; both daemons end with it.
pub struct KeyringSession {
    bus: Child,
    keyring: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl KeyringSession {
    pub fn start() -> KeyringSession {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("bus");
        let address = format!("unix:path={}", socket.display());
        let bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon on PATH (cargo xtask setup installs dbus)");
        let t = Instant::now();
        while !socket.exists() {
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "the D-Bus session bus did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // The keyring's own files go to the temporary directory too.
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_RUNTIME_DIR", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon on PATH (cargo xtask setup installs gnome-keyring)");
        // --unlock reads the keyring's password from standard input.
        let mut stdin = keyring.stdin.take().unwrap();
        stdin.write_all(b"saga-test-keyring").unwrap();
        drop(stdin);
        // Ready when the Secret Service name is on the bus.
        let t = Instant::now();
        loop {
            let owned = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &address)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
                .unwrap_or(false);
            if owned {
                break;
            }
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "GNOME Keyring did not come up on the session bus"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        KeyringSession {
            bus,
            keyring,
            address,
            _dir: dir,
        }
    }

    /// The app's environment: this bus, and the platform's store (not the
    /// memory store the other tests use).
    fn env(&self) -> Vec<(String, String)> {
        vec![
            ("DBUS_SESSION_BUS_ADDRESS".into(), self.address.clone()),
            ("SAGA_SECRET_STORE".into(), "platform".into()),
        ]
    }
}

impl Drop for KeyringSession {
    fn drop(&mut self) {
        let _ = self.keyring.kill();
        let _ = self.keyring.wait();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

/// A running app with its own dev server.
pub struct AppUnderTest {
    pub client: Client,
    pub server: Running,
    driver: Child,
    _home: tempfile::TempDir,
    _guard: tokio::sync::MutexGuard<'static, ()>,
    width: u32,
    height: u32,
    env: Vec<(String, String)>,
    log: Option<PathBuf>,
    /// Where the log goes when the test named no file: shown, its app lines,
    /// when the test fails (CI keeps nothing else).
    own_log: Option<tempfile::TempPath>,
    /// Dropped after the app (Drop stops the app first).
    _keyring: Option<KeyringSession>,
}

pub struct Options {
    pub width: u32,
    pub height: u32,
    /// Extra environment for the app (e.g. SAGA_SYNC_MODE=polling).
    pub env: Vec<(String, String)>,
    /// Run the app with the platform's secret store against a desktop
    /// keyring of its own ([`KeyringSession`]) instead of the memory store.
    pub desktop_keyring: bool,
    pub server: Config,
    /// Where the app's log lines (its stderr, through the drivers) go;
    /// nowhere by default.
    pub log: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 1280,
            height: 820,
            env: vec![],
            desktop_keyring: false,
            server: Config {
                history: 300,
                ..Config::default()
            },
            log: None,
        }
    }
}

impl AppUnderTest {
    pub async fn start() -> AppUnderTest {
        Self::start_with(Options::default()).await
    }

    pub async fn start_with(o: Options) -> AppUnderTest {
        let guard = ONE_AT_A_TIME.lock().await;
        let bin = app_binary();
        assert!(
            bin.exists(),
            "app binary {} missing: run `cargo xtask build-app` first",
            bin.display()
        );
        let server = saga_devserver::serve(o.server).await.expect("dev server");
        let home = tempfile::tempdir().unwrap();
        let keyring = o.desktop_keyring.then(KeyringSession::start);
        let mut env = o.env;
        if let Some(k) = &keyring {
            env.extend(k.env());
        }
        let own_log = match o.log {
            Some(_) => None,
            None => tempfile::NamedTempFile::new()
                .ok()
                .map(|f| f.into_temp_path()),
        };
        let log = o.log.or_else(|| own_log.as_ref().map(|p| p.to_path_buf()));
        let (driver, client) = Self::open(
            &server.url(),
            home.path(),
            o.width,
            o.height,
            &env,
            log.as_deref(),
        )
        .await;
        let app = AppUnderTest {
            client,
            server,
            driver,
            _home: home,
            _guard: guard,
            width: o.width,
            height: o.height,
            env,
            log,
            own_log,
            _keyring: keyring,
        };
        app.wait_for("[data-testid=login-email], [data-testid=app-shell]")
            .await;
        app
    }

    /// Quits the app and starts it again with the same dev server and the
    /// same home directory (its web storage and files), as after a restart.
    pub async fn restart(&mut self) {
        let _ = self.client.clone().close().await;
        stop(&mut self.driver);
        let (driver, client) = Self::open(
            &self.server.url(),
            self._home.path(),
            self.width,
            self.height,
            &self.env,
            self.log.as_deref(),
        )
        .await;
        self.driver = driver;
        self.client = client;
        self.wait_for("[data-testid=login-email], [data-testid=app-shell]")
            .await;
    }

    /// Stops the dev server and starts it again on the same address over the
    /// same database file: what was stored stays, open event streams end,
    /// requests in flight finish or fail (issue 17's soak).
    pub async fn restart_server(&mut self) {
        let mut config = self.server.state.config.clone();
        assert!(
            config.db.is_some(),
            "a restarted server keeps its data only with a database file"
        );
        config.addr = self.server.addr.to_string();
        let stand_in = saga_devserver::serve(Config {
            history: 0,
            ..Config::default()
        })
        .await
        .expect("a stand-in server");
        let old = std::mem::replace(&mut self.server, stand_in);
        // Open event streams end with the server, as they would.
        old.state.faults.set(saga_devserver::faults::FaultConfig {
            offline_ms: 1,
            ..Default::default()
        });
        old.stop().await;
        let deadline = Instant::now() + Duration::from_secs(10);
        let new = loop {
            match saga_devserver::serve(config.clone()).await {
                Ok(s) => break s,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("the dev server did not start again: {e}"),
            }
        };
        drop(std::mem::replace(&mut self.server, new));
    }

    /// Starts tauri-driver on new ports; returns it and its WebDriver port.
    fn spawn_driver(
        home: &std::path::Path,
        server_url: &str,
        env: &[(String, String)],
        log: Option<&std::path::Path>,
    ) -> (Child, u16) {
        let port = free_port();
        let native = free_port();
        let mut cmd =
            Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()));
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("SAGA_API_URL", server_url)
        .env("SAGA_SECRET_STORE", "memory")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        if let Some(path) = log {
            let f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .expect("the log file");
            cmd.stdout(f.try_clone().expect("the log file")).stderr(f);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let driver = cmd
            .spawn()
            .expect("tauri-driver on PATH (cargo xtask setup installs it)");
        (driver, port)
    }

    /// Starts tauri-driver and the app; returns the driver and a session.
    async fn open(
        server_url: &str,
        home: &std::path::Path,
        width: u32,
        height: u32,
        env: &[(String, String)],
        log: Option<&std::path::Path>,
    ) -> (Child, Client) {
        let bin = app_binary();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": bin }),
        );
        caps.insert("browserName".into(), serde_json::json!("wry"));
        // A driver that does not answer (its port taken by a parallel test
        // between `free_port` and its bind, or a WebKitWebDriver that hung at
        // start: seen once in CI) is stopped and started again on new ports,
        // up to three times, before the test gives up.
        let mut last = String::new();
        let (driver, client) = 'tries: {
            for _ in 0..3 {
                let (mut driver, port) = Self::spawn_driver(home, server_url, env, log);
                let url = format!("http://127.0.0.1:{port}");
                let deadline = Instant::now() + Duration::from_secs(20);
                while Instant::now() < deadline {
                    if let Ok(Some(status)) = driver.try_wait() {
                        last = format!("tauri-driver ended: {status}");
                        break;
                    }
                    let mut builder = ClientBuilder::new(
                        hyper_util::client::legacy::connect::HttpConnector::new(),
                    );
                    let connect = builder.capabilities(caps.clone()).connect(&url);
                    match tokio::time::timeout(Duration::from_secs(15), connect).await {
                        Ok(Ok(c)) => break 'tries (driver, c),
                        Ok(Err(e)) => last = e.to_string(),
                        Err(_) => last = "no answer within 15 s".into(),
                    }
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                stop(&mut driver);
            }
            panic!("could not start a WebDriver session: {last}")
        };
        let _ = client.set_window_size(width, height).await;
        (driver, client)
    }

    /// Waits up to 10 s for an element.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.wait_for_within(css, Duration::from_secs(10)).await
    }

    /// Polls every 50 ms. A transient WebDriver error (an element replaced
    /// by a re-render while it was being looked up: "stale element") is
    /// retried like "not there yet".
    pub async fn wait_for_within(&self, css: &str, d: Duration) -> Element {
        let t = Instant::now();
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(e) => return e,
                Err(e) if t.elapsed() >= d => {
                    // What the window showed, for whoever reads the failure:
                    // SAGA_E2E_FAILSHOTS=<dir> keeps a picture of it.
                    if let Ok(dir) = std::env::var("SAGA_E2E_FAILSHOTS") {
                        if let Ok(png) = self.client.screenshot().await {
                            let name = css.replace(|c: char| !c.is_ascii_alphanumeric(), "_");
                            let _ = std::fs::create_dir_all(&dir);
                            let _ =
                                std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png);
                        }
                    }
                    // And what it said, in the failure itself (CI keeps no
                    // pictures).
                    let seen = self.page_says(600).await;
                    panic!("element {css} did not appear: {e}; the window showed: {seen}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// What the page shows, for a failure's report: a UI panic if there was
    /// one, the route and the first `max` characters of its text.
    async fn page_says(&self, max: usize) -> String {
        self.client
            .execute(
                &format!("return (window.__sagaPanic ? 'UI PANIC: ' + window.__sagaPanic + ' | ' : '') + location.hash + ' | ' + (document.body ? document.body.innerText : '').replace(/\\s+/g, ' ').slice(0, {max})"),
                vec![],
            )
            .await
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    }

    /// Whether an element is in the DOM now.
    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
            .is_empty()
    }

    /// Waits up to `d` for no element to match `css` (a control taken away,
    /// a row that left the list).
    pub async fn wait_gone(&self, css: &str, d: Duration) {
        let t = Instant::now();
        while self.exists(css).await {
            if t.elapsed() > d {
                panic!("{css} is still there after {d:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// How many elements match `css` now.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Clicks an element after scrolling it to the middle of its scroll
    /// area, so a sticky bar never covers it.
    pub async fn click(&self, css: &str) {
        let e = self.wait_for(css).await;
        let js = format!(
            "const e = document.querySelector({css:?}); if (e) e.scrollIntoView({{ block: 'center' }});"
        );
        let _ = self.client.execute(&js, vec![]).await;
        e.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Clicks where an element is, as a pointer does: whatever is on top
    /// there gets the click (a row's stretched link over its text).
    pub async fn click_at(&self, css: &str) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        let e = self.wait_for(css).await;
        let js = format!(
            "const e = document.querySelector({css:?}); if (e) e.scrollIntoView({{ block: 'center' }});"
        );
        let _ = self.client.execute(&js, vec![]).await;
        let seq = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element: e,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client
            .perform_actions(seq)
            .await
            .unwrap_or_else(|e| panic!("click at {css}: {e}"));
    }

    /// The text of an element as the page renders it (`innerText`, or an
    /// SVG element's `textContent`), also for text the WebDriver text atom
    /// skips (clipped, under a stretched link).
    pub async fn inner_text(&self, css: &str) -> String {
        self.wait_for(css).await;
        // SVG elements have no innerText: their textContent is the text.
        self.client
            .execute(
                &format!("const e = document.querySelector({css:?}); return e ? (e.innerText ?? e.textContent ?? '') : ''"),
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Clicks the element if it is on screen now; an element that a live
    /// update removes meanwhile is not an error. Returns whether it clicked.
    pub async fn click_if_present(&self, css: &str) -> bool {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.click().await.is_ok(),
            Err(_) => false,
        }
    }

    /// An attribute read in one step, without waiting: `None` when no
    /// element matches now (a live view that just replaced it).
    pub async fn attr_now(&self, css: &str, name: &str) -> Option<String> {
        self.client
            .execute(
                &format!("return document.querySelector({css:?})?.getAttribute({name:?}) ?? null"),
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
    }

    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.wait_for(css).await.attr(name).await.ok().flatten()
    }

    /// The rendered text of an element. WebKitWebDriver's text atom fails on
    /// elements that contain a `<datalist>` ("Cannot check the displayedness
    /// of a non-Element argument"); `innerText` is the same rendered text.
    pub async fn text(&self, css: &str) -> String {
        let e = self.wait_for(css).await;
        match e.text().await {
            Ok(t) => t,
            Err(_) => self
                .client
                .execute(
                    &format!("return document.querySelector({css:?})?.innerText ?? ''"),
                    vec![],
                )
                .await
                .ok()
                .and_then(|v| v.as_str().map(|s| s.trim().to_string()))
                .unwrap_or_default(),
        }
    }

    /// Waits until `css`'s attribute has the value; returns how long it took.
    pub async fn wait_attr(&self, css: &str, name: &str, value: &str, d: Duration) -> Duration {
        let t = Instant::now();
        loop {
            if let Ok(els) = self.client.find_all(Locator::Css(css)).await {
                if let Some(e) = els.first() {
                    if e.attr(name).await.ok().flatten().as_deref() == Some(value) {
                        return t.elapsed();
                    }
                }
            }
            if t.elapsed() > d {
                panic!("{css} [{name}] did not become {value} within {d:?}");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The current value of an input.
    pub async fn value(&self, css: &str) -> Option<String> {
        self.wait_for(css).await.prop("value").await.ok().flatten()
    }

    /// Presses keys on whatever has the focus, the way a keyboard does: the
    /// WebDriver actions API, which needs no element reference (sending keys
    /// to `activeElement` raced the page re-rendering that element and
    /// WebKitWebDriver answered with an empty "unknown error"). The string
    /// reads like `send_keys`: a modifier (`\u{E008}` Shift, `\u{E009}`
    /// Ctrl, `\u{E00A}` Alt) stays down until `\u{E000}` or the end.
    pub async fn press(&self, keys: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        const MODIFIERS: [char; 4] = ['\u{E008}', '\u{E009}', '\u{E00A}', '\u{E03D}'];
        let mut seq = KeyActions::new("keyboard".into());
        let mut held = Vec::new();
        for c in keys.chars() {
            if c == '\u{E000}' {
                for m in held.drain(..).rev() {
                    seq = seq.then(KeyAction::Up { value: m });
                }
            } else if MODIFIERS.contains(&c) {
                seq = seq.then(KeyAction::Down { value: c });
                held.push(c);
            } else {
                seq = seq
                    .then(KeyAction::Down { value: c })
                    .then(KeyAction::Up { value: c });
            }
        }
        for m in held.drain(..).rev() {
            seq = seq.then(KeyAction::Up { value: m });
        }
        self.client
            .perform_actions(seq)
            .await
            .unwrap_or_else(|e| panic!("pressing {keys:?}: {e}"));
    }

    /// Picks an option of a `<select>` the way a user does (fires `change`).
    pub async fn select(&self, css: &str, value: &str) {
        self.wait_for(css).await;
        let js = format!(
            "const s = document.querySelector({css:?}); s.value = {value:?}; s.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        );
        self.client
            .execute(&js, vec![])
            .await
            .expect("select an option");
    }

    /// Sets a control whose value is not typed key by key (a time picker)
    /// and fires `input`, as picking a value does.
    pub async fn fill(&self, css: &str, value: &str) {
        self.wait_for(css).await;
        let js = format!(
            "const e = document.querySelector({css:?}); e.value = {value:?}; e.dispatchEvent(new InputEvent('input', {{ bubbles: true }}));"
        );
        self.client
            .execute(&js, vec![])
            .await
            .expect("fill a control");
    }

    /// Replaces an input's text the way a user does: the field is emptied
    /// with an `input` event (as select-all + delete would), then typed into
    /// key by key.
    pub async fn type_into(&self, css: &str, text: &str) {
        let e = self.wait_for(css).await;
        let js = format!(
            "const e = document.querySelector({css:?}); e.focus(); e.value = ''; e.dispatchEvent(new InputEvent('input', {{ bubbles: true }}));"
        );
        self.client
            .execute(&js, vec![])
            .await
            .expect("empty the field");
        e.send_keys(text).await.unwrap();
    }

    /// Signs in and waits for the shell. CI has seen a fresh app's login
    /// form stop answering (no busy state, no message; once WebKitWebDriver
    /// refused to type with an empty 'unknown error'): when signing in
    /// brings no shell in 8 s, the test's output says what the page showed
    /// (and a UI panic, if there was one), the page is loaded again and the
    /// person signs in again, up to twice, before the test fails.
    pub async fn login(&self, email: &str) {
        for _ in 0..2 {
            match self.try_login(email).await {
                Ok(()) => return,
                Err(why) => {
                    let seen = self.page_says(300).await;
                    eprintln!("login: {why}; the page showed: {seen}; loading the page again");
                    let _ = self
                        .client
                        .execute("location.reload(); return null", vec![])
                        .await;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                    self.wait_for("[data-testid=login-email], [data-testid=app-shell]")
                        .await;
                    if self.exists("[data-testid=app-shell]").await {
                        return;
                    }
                }
            }
        }
        self.login_with(email, PW).await;
        self.wait_for("[data-testid=app-shell]").await;
    }

    /// One sign-in as a person does it, without panicking on the way.
    async fn try_login(&self, email: &str) -> Result<(), String> {
        for (css, text) in [
            ("[data-testid=login-email]", email),
            ("[data-testid=login-password]", PW),
        ] {
            let e = self.wait_for(css).await;
            let js = format!(
                "const e = document.querySelector({css:?}); e.focus(); e.value = ''; e.dispatchEvent(new InputEvent('input', {{ bubbles: true }}));"
            );
            self.client
                .execute(&js, vec![])
                .await
                .map_err(|e| format!("emptying {css}: {e}"))?;
            e.send_keys(text)
                .await
                .map_err(|e| format!("typing into {css}: {e}"))?;
        }
        self.client
            .find(Locator::Css("[data-testid=login-submit]"))
            .await
            .map_err(|e| format!("finding 'Masuk': {e}"))?
            .click()
            .await
            .map_err(|e| format!("pressing 'Masuk': {e}"))?;
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(8) {
            if self.exists("[data-testid=app-shell]").await {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("no shell 8 s after pressing 'Masuk'".into())
    }

    pub async fn login_with(&self, email: &str, password: &str) {
        self.type_into("[data-testid=login-email]", email).await;
        self.type_into("[data-testid=login-password]", password)
            .await;
        self.click("[data-testid=login-submit]").await;
    }

    /// Goes to a route. The script returns nothing (WebKitWebDriver once
    /// failed to "parse the script result" of the bare assignment while the
    /// page re-rendered); a transient error is retried once, since setting
    /// the same hash twice is harmless.
    /// Opens a navigation entry (or signs out, `logout`) as a person would:
    /// on a phone the entries past the bottom bar's four, and signing out,
    /// are in 'Lainnya', opened first.
    pub async fn nav(&self, testid: &str) {
        let css = format!("[data-testid={testid}]");
        let folded = self
            .client
            .execute(
                &format!(
                    "const e = document.querySelector({css:?}); const d = e && e.closest('details.more'); return !!d && !d.open;"
                ),
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if folded {
            self.click("[data-testid=nav-more]").await;
        }
        self.click(&css).await;
    }

    pub async fn go(&self, hash: &str) {
        let js = format!("window.location.hash = '{hash}'; return null;");
        if self.client.execute(&js, vec![]).await.is_err() {
            tokio::time::sleep(Duration::from_millis(100)).await;
            self.client
                .execute(&js, vec![])
                .await
                .unwrap_or_else(|e| panic!("go {hash}: {e}"));
        }
    }

    pub async fn screenshot(&self, path: &std::path::Path) {
        // WebKitGTK hands back the next painted frame. With CPU painting
        // (no GPU, decision 0005) a page with nothing to repaint never paints
        // again and the snapshot waits for ever, so a one-pixel, practically
        // transparent dot repaints every frame while the picture is taken.
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];                  const d = document.createElement('div'); d.id = '__saga_paint';                  d.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';                  document.body.appendChild(d); let n = 0;                  const tick = () => { if (!d.isConnected) return; n++; d.style.background = n % 2 ? 'rgba(0,0,0,0.004)' : 'rgba(0,0,0,0.008)'; requestAnimationFrame(tick); };                  requestAnimationFrame(() => { tick(); requestAnimationFrame(() => requestAnimationFrame(() => done(true))); });",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let _ = self
            .client
            .execute("document.getElementById('__saga_paint')?.remove();", vec![])
            .await;
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    /// Signs `email` in beside the app and takes over the first FREE ticket
    /// of their division through the API (its CRM holds what the bot picked
    /// up so far). Returns the client and the ticket id.
    pub async fn take_free_ticket(&self, email: &str) -> (saga_core::client::ApiClient, String) {
        let api = self.api_as(email).await;
        let id = api.free(None).await.unwrap().items[0].id.clone();
        api.self_takeover(&id).await.unwrap();
        (api, id)
    }

    /// Fault injection: the next `n` requests `method` … `path_suffix` are
    /// answered 503 without running.
    pub fn fail_next_with_503(&self, method: &str, path_suffix: &str, n: usize) {
        self.server
            .state
            .faults
            .set(saga_devserver::faults::FaultConfig {
                fail_next: failures_503(method, path_suffix, n),
                ..Default::default()
            });
    }

    /// A customer writes through the dev server (`POST /api/dev/customer-message`):
    /// `body` names an existing `customer_id` or a new customer's `name`,
    /// and the division, channel and message. Returns the ticket written on.
    pub async fn customer_message(&self, body: serde_json::Value) -> serde_json::Value {
        let r = reqwest::Client::new()
            .post(format!("{}/api/dev/customer-message", self.server.url()))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{}", r.status());
        r.json().await.unwrap()
    }

    /// A new SARI customer writes on WhatsApp, and the agent `email` goes
    /// Online and takes the ticket over. Returns the agent's client, the
    /// ticket id and the customer id.
    pub async fn new_customer_for(
        &self,
        email: &str,
        name: &str,
    ) -> (saga_core::client::ApiClient, String, String) {
        let t = self
            .customer_message(serde_json::json!({"name": name, "division": "SARI", "channel": "whatsapp", "message": "Halo, mau kirim motor ke Medan"}))
            .await;
        let (tid, customer) = (
            t["id"].as_str().expect("the new ticket").to_string(),
            t["customer_id"].as_str().expect("its customer").to_string(),
        );
        let agent = self.api_as(email).await;
        agent
            .set_status(saga_core::AgentStatus::Online, None)
            .await
            .unwrap();
        agent.self_takeover(&tid).await.unwrap();
        (agent, tid, customer)
    }

    /// An API client signed in as `email`, beside the app.
    pub async fn api_as(&self, email: &str) -> saga_core::client::ApiClient {
        let c = saga_core::client::ApiClient::new(&self.server.url()).unwrap();
        c.login(email, PW).await.unwrap();
        c
    }

    /// The app's home directory (its data, web storage and vault).
    pub fn home(&self) -> &std::path::Path {
        self._home.path()
    }

    /// What the app says about itself (`app_info`: store, backend, start).
    pub async fn app_info(&self) -> serde_json::Value {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('app_info').then(done, () => done(null));",
                vec![],
            )
            .await
            .expect("app_info")
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        stop(&mut self.driver);
    }
}

fn stop(child: &mut Child) {
    // SIGTERM lets tauri-driver end WebKitWebDriver and the app too.
    #[cfg(unix)]
    {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .stderr(Stdio::null())
            .status();
        for _ in 0..40 {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

impl Drop for AppUnderTest {
    fn drop(&mut self) {
        stop(&mut self.driver);
        // A failed test shows what the app said (its own lines: the outbox's
        // attempts, notifications, the updater), the last 60.
        if let (true, Some(p)) = (std::thread::panicking(), &self.own_log) {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let lines: Vec<&str> = text.lines().filter(|l| l.contains("saga-app")).collect();
            eprintln!(
                "--- the app's log (last {} of {} lines) ---",
                lines.len().min(60),
                lines.len()
            );
            for l in &lines[lines.len().saturating_sub(60)..] {
                eprintln!("{l}");
            }
        }
    }
}
