// The app's commands get generated `allow-<command>` permissions; the main
// window's capability grants exactly these (see capabilities/main.json and
// permissions/app.toml). The list is `src/command_names.rs`, shared with `commands::ALL`.
const COMMANDS: &[&str] = include!("src/command_names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/command_names.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
