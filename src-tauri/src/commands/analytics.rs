//! Analytics (API-17/18, PERM-11) and report export (API-19/20, PERM-12).
//!
//! An export is done by the core: it asks the server for the report, then
//! downloads `download_url` itself (the token never reaches the webview,
//! and the URL obeys the HTTPS rule), checks that the file is what it says,
//! and saves it where the user chooses: the system's save dialog on a
//! desktop, the downloads folder on a phone, or `SAGA_EXPORT_DIR` when set
//! (unattended machines and tests). The webview gets an id for the saved
//! file, never a path it could name itself.

use super::Signed;
use crate::sync::emit;
use saga_core::access::{export_allowed, Perm};
use saga_core::analytics::{export_file_name, AgentAnalytics, DivisionAnalytics, ExportFormat};
use saga_core::events::AppEvent;
use saga_core::ipc::ExportDone;
use saga_core::{ApiError, DateRange};
use std::path::{Path, PathBuf};
use tauri::Manager;

/// API-17. An agent reads their own division only (OQ-11); the server
/// holds to the same.
#[tauri::command]
pub async fn analytics_division(
    s: Signed,
    division: String,
    range: DateRange,
) -> Result<DivisionAnalytics, ApiError> {
    s.require(Perm::Analytics)?;
    s.done(s.api().analytics_division(&division, &range).await)
}

/// API-18.
#[tauri::command]
pub async fn analytics_agent(
    s: Signed,
    id: String,
    range: DateRange,
) -> Result<AgentAnalytics, ApiError> {
    s.require(Perm::Analytics)?;
    s.done(s.api().analytics_agent(&id, &range).await)
}

/// Where reports go when no one is asked.
pub const EXPORT_DIR_ENV: &str = "SAGA_EXPORT_DIR";

fn io(what: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::Server {
        status: 0,
        message: format!("{what}: {e}"),
    }
}

/// Writes next to the destination, then moves it in place: a report is on
/// disk whole or not at all.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).map_err(|e| io("Laporan tidak dapat disimpan", e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io("Laporan tidak dapat disimpan", e)
    })
}

/// Where the user wants the file, or `None` when they closed the dialog.
fn destination(s: &Signed, name: &str) -> Result<Option<PathBuf>, ApiError> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).map_err(|e| io("Folder ekspor tidak dapat dibuat", e))?;
        return Ok(Some(dir.join(name)));
    }
    #[cfg(desktop)]
    {
        use tauri_plugin_dialog::DialogExt;
        let mut d = s.app().dialog().file().set_file_name(name);
        if let Ok(dir) = s.app().path().download_dir() {
            d = d.set_directory(dir);
        }
        let ext = std::path::Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        d = d.add_filter(ext.to_uppercase(), &[ext]);
        Ok(d.blocking_save_file().and_then(|p| p.into_path().ok()))
    }
    #[cfg(mobile)]
    {
        let dir = s
            .app()
            .path()
            .download_dir()
            .or_else(|_| s.app().path().document_dir())
            .map_err(|e| io("Folder unduhan tidak ditemukan", e))?;
        std::fs::create_dir_all(&dir).map_err(|e| io("Folder unduhan tidak dapat dibuat", e))?;
        Ok(Some(dir.join(name)))
    }
}

/// EXPORT-1..5: ask, download with progress, check, save.
#[tauri::command]
pub async fn export_report(
    s: Signed,
    format: ExportFormat,
    division: String,
    range: DateRange,
) -> Result<ExportDone, ApiError> {
    s.require(Perm::Export)?;
    if !export_allowed(&s.principal(), &division) {
        return Err(ApiError::Forbidden {
            message: "Team Lead hanya dapat mengekspor laporan divisinya sendiri.".into(),
        });
    }
    let link = s.done(s.api().export(format, &division, &range).await)?;
    let app = s.app().clone();
    let mut last = 0u64;
    let bytes = s.done(
        s.api()
            .download(&link.download_url, |received, total| {
                // A progress event per 64 KB is plenty.
                if received == 0 || received - last >= 64 * 1024 || Some(received) == total {
                    last = received;
                    emit(&app, AppEvent::ExportProgress { received, total });
                }
            })
            .await,
    )?;
    if !bytes.starts_with(format.magic()) {
        return Err(ApiError::Server {
            status: 0,
            message: "Berkas dari server bukan laporan yang dapat dibuka. Coba lagi.".into(),
        });
    }
    let name = export_file_name(format, &division, &range);
    let s2 = Signed::of(s.app())?;
    let dest = tauri::async_runtime::spawn_blocking(move || destination(&s2, &name))
        .await
        .map_err(|e| io("Dialog simpan gagal", e))??;
    let Some(path) = dest else {
        return Err(ApiError::Validation {
            code: "export_cancelled".into(),
            message: "Ekspor dibatalkan: tidak ada tempat yang dipilih.".into(),
            field: None,
        });
    };
    write_whole(&path, &bytes)?;
    let id = s.core().remember_export(path.clone());
    Ok(ExportDone {
        id,
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        location: path.display().to_string(),
        bytes: bytes.len() as u64,
    })
}

fn saved(s: &Signed, id: &str) -> Result<PathBuf, ApiError> {
    s.core()
        .export_path(id)
        .filter(|p| p.exists())
        .ok_or_else(|| ApiError::NotFound {
            message: "Berkas laporan tidak ditemukan lagi di tempatnya.".into(),
        })
}

/// Opens a report this app saved, with the system's app for it.
#[tauri::command]
pub async fn open_export(s: Signed, id: String) -> Result<(), ApiError> {
    use tauri_plugin_opener::OpenerExt;
    let path = saved(&s, &id)?;
    s.app()
        .opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| io("Berkas tidak dapat dibuka", e))
}

/// Shows a report this app saved in its folder.
#[tauri::command]
pub async fn reveal_export(s: Signed, id: String) -> Result<(), ApiError> {
    use tauri_plugin_opener::OpenerExt;
    let path = saved(&s, &id)?;
    s.app()
        .opener()
        .reveal_item_in_dir(path)
        .map_err(|e| io("Folder tidak dapat dibuka", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_on_disk_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.pdf");
        write_whole(&p, b"%PDF-1.7 ...").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-1.7 ...");
        assert!(!dir.path().join("r.part").exists());
        let missing = dir.path().join("no/such/dir/r.pdf");
        let e = write_whole(&missing, b"x").unwrap_err();
        assert!(e.message().starts_with("Laporan tidak dapat disimpan"));
    }
}
