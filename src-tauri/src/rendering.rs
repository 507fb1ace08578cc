//! How the webview paints on Linux (WebKitGTK).
//!
//! WebKitGTK composites pages with OpenGL. On a machine without a GPU the
//! process can use (no DRM render node: virtual machines, containers, remote
//! desktops, Xvfb) that GL is Mesa's llvmpipe, which emulates the GPU on the
//! CPU: it loads LLVM into the web process, keeps ~95 MB of GL buffers and
//! makes every scrolled frame cost ~50 ms on the project's 2-core machine.
//! Painting with the CPU directly (WebKit's non-composited mode) is far
//! cheaper there: 16 ms scroll frames, ~120 MB less PSS, ~300 ms faster first
//! screen (`docs/performance.md`, decision record 0005).
//!
//! `SAGA_RENDERING` chooses: `auto` (the default) paints with the CPU when no
//! render node exists and leaves WebKit's GPU default otherwise; `cpu` and
//! `gpu` force one. A `WEBKIT_DISABLE_COMPOSITING_MODE` the user set is left as
//! it is.

/// What the app does to WebKit's compositing before the webview exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rendering {
    /// Paint with the CPU: sets `WEBKIT_DISABLE_COMPOSITING_MODE=1`.
    Cpu,
    /// WebKit's default (GPU compositing where the system offers it).
    Gpu,
    /// The user set WebKit's own variable; nothing is changed.
    UserChoice,
}

impl Rendering {
    pub fn as_str(self) -> &'static str {
        match self {
            Rendering::Cpu => "cpu",
            Rendering::Gpu => "gpu",
            Rendering::UserChoice => "WEBKIT_DISABLE_COMPOSITING_MODE",
        }
    }
}

/// The decision, from `SAGA_RENDERING`, whether a DRM render node exists and
/// whether the user already set WebKit's variable. An unknown value is
/// treated as `auto`.
pub fn choose(setting: Option<&str>, has_render_node: bool, webkit_var_set: bool) -> Rendering {
    if webkit_var_set {
        return Rendering::UserChoice;
    }
    match setting.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("cpu") => Rendering::Cpu,
        Some("gpu") => Rendering::Gpu,
        _ if has_render_node => Rendering::Gpu,
        _ => Rendering::Cpu,
    }
}

/// Whether `/dev/dri` holds a render node (`renderD128`, ...).
pub fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri")
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// Applies the choice to this process (and so to WebKit's helper processes,
/// which inherit the environment). Call first thing in `run`, before any
/// thread starts and before the webview is created.
pub fn apply() -> Rendering {
    let choice = choose(
        std::env::var("SAGA_RENDERING").ok().as_deref(),
        has_render_node(),
        std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_some(),
    );
    if choice == Rendering::Cpu {
        // Single-threaded here: `run` calls this before anything spawns.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_paints_with_the_cpu_only_without_a_gpu() {
        assert_eq!(choose(None, false, false), Rendering::Cpu);
        assert_eq!(choose(None, true, false), Rendering::Gpu);
        assert_eq!(choose(Some("auto"), false, false), Rendering::Cpu);
        assert_eq!(choose(Some("nonsense"), true, false), Rendering::Gpu);
    }

    #[test]
    fn an_explicit_choice_wins_over_detection() {
        assert_eq!(choose(Some("CPU"), true, false), Rendering::Cpu);
        assert_eq!(choose(Some(" gpu "), false, false), Rendering::Gpu);
    }

    #[test]
    fn webkits_own_variable_is_never_overridden() {
        assert_eq!(choose(Some("cpu"), false, true), Rendering::UserChoice);
        assert_eq!(choose(None, false, true), Rendering::UserChoice);
    }
}
