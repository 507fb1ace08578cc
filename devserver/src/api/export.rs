//! API-19, API-20 (EXPORT-1..5) and the download of generated files.

use super::*;
use crate::analytics::Period;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::Json;

fn check(caller: &Caller, req: &ExportRequest) -> AppResult<(Vec<Division>, Period)> {
    require(&caller.p, Perm::Export)?;
    if !saga_core::access::export_allowed(&caller.p, &req.division) {
        return Err(AppError::forbidden(
            "Team Lead hanya dapat mengekspor laporan divisinya sendiri.",
        ));
    }
    let divs = if req.division == "all" {
        Division::ALL.to_vec()
    } else {
        vec![Division::parse(&req.division).ok_or_else(|| {
            AppError::invalid_field("invalid_value", "division", "Divisi tidak dikenal.")
        })?]
    };
    let p = Period::parse(None, Some(&req.date_range.start), Some(&req.date_range.end))?;
    Ok((divs, p))
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let proto = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    format!("{proto}://{host}")
}

async fn store(
    state: &AppState,
    headers: &HeaderMap,
    filename: String,
    content_type: &'static str,
    bytes: Vec<u8>,
) -> AppResult<Json<ExportResponse>> {
    // The id is unguessable: the link works without a token, like a
    // pre-signed URL, and expires after a day.
    let id = uuid::Uuid::new_v4().simple().to_string();
    let id2 = id.clone();
    state
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT INTO exports (id, filename, content_type, bytes, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id2, filename, content_type, bytes, now()],
            )?;
            Ok(())
        })
        .await?;
    Ok(Json(ExportResponse {
        download_url: format!("{}/api/export/files/{id}", base_url(headers)),
    }))
}

pub async fn excel(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ExportRequest>,
) -> AppResult<Json<ExportResponse>> {
    let (divs, p) = check(&caller, &req)?;
    let label = req.division.clone();
    let bytes = state
        .db
        .tx(move |tx| crate::export::excel(tx, &divs, &p))
        .await?;
    store(
        &state,
        &headers,
        format!(
            "laporan-{label}-{}-{}.xlsx",
            req.date_range.start, req.date_range.end
        ),
        crate::export::XLSX,
        bytes,
    )
    .await
}

pub async fn pdf(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ExportRequest>,
) -> AppResult<Json<ExportResponse>> {
    let (divs, p) = check(&caller, &req)?;
    let kind = req.report_type.clone().unwrap_or_else(|| "division".into());
    if kind != "division" && kind != "agent" {
        return Err(AppError::invalid_field(
            "invalid_value",
            "report_type",
            "report_type harus 'division' atau 'agent'.",
        ));
    }
    let label = req.division.clone();
    let k = kind.clone();
    let bytes = state
        .db
        .tx(move |tx| crate::export::pdf(tx, &divs, &p, &k))
        .await?;
    store(
        &state,
        &headers,
        format!(
            "laporan-{kind}-{label}-{}-{}.pdf",
            req.date_range.start, req.date_range.end
        ),
        "application/pdf",
        bytes,
    )
    .await
}

pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (filename, ct, bytes) = state
        .db
        .tx(move |tx| {
            let cutoff = (chrono::Utc::now() - chrono::Duration::hours(24)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            tx.query_row(
                "SELECT filename, content_type, bytes FROM exports WHERE id = ?1 AND created_at > ?2",
                params![id, cutoff],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Vec<u8>>(2)?)),
            )
            .optional()?
            .ok_or_else(|| AppError::not_found("Berkas laporan"))
        })
        .await?;
    Response::builder()
        .header(header::CONTENT_TYPE, ct)
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        )
        .body(Body::from(bytes))
        .map_err(AppError::internal)
}
