// The app's commands are listed once, in `saga_core::ipc` (the UI's bridge
// calls them by that list). From it, tauri-build generates an
// `allow-<command>` permission for each, and this script writes the set the
// main window's capability grants (`permissions/app.toml`, see
// capabilities/main.json): every command of the app, and nothing else.

use saga_core::ipc::Command;

fn permission_set() -> String {
    let mut s = String::from(
        "# Written by build.rs from saga_core::ipc::Command; do not edit.\n\
         [[set]]\n\
         identifier = \"allow-app-commands\"\n\
         description = \"Every command of the app itself, and nothing else.\"\n\
         permissions = [\n",
    );
    for name in Command::NAMES {
        s.push_str(&format!("  \"allow-{}\",\n", name.replace('_', "-")));
    }
    s.push_str("]\n");
    s
}

fn main() {
    println!("cargo:rerun-if-changed=../src-core/src/ipc.rs");
    let set = permission_set();
    let path = std::path::Path::new("permissions/app.toml");
    // Written only when the list changed, so the tree stays clean.
    if std::fs::read_to_string(path).ok().as_deref() != Some(set.as_str()) {
        std::fs::write(path, set).expect("write permissions/app.toml");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(Command::NAMES)),
    )
    .expect("tauri build script");
}
