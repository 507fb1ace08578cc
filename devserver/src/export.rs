//! Report files: a real `.xlsx` (rust_xlsxwriter) and a real `.pdf`
//! (pdf-writer), built from the same analytics as the screens.

use crate::analytics::{self, Period};
use crate::error::{AppError, AppResult};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use rusqlite::{params, Transaction};
use rust_xlsxwriter::{Format, Workbook};
use saga_core::format::rupiah;
use saga_core::model::Division;
use serde_json::Value;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn x(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::internal(e)
}

fn pct(v: &Value) -> String {
    format!("{:.1}%", v.as_f64().unwrap_or(0.0) * 100.0)
}

fn divs_sql(divs: &[Division]) -> String {
    divs.iter()
        .map(|d| format!("'{}'", d.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn excel(tx: &Transaction<'_>, divs: &[Division], p: &Period) -> AppResult<Vec<u8>> {
    let summary = analytics::division(tx, divs, p)?;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("Ringkasan").map_err(x)?;
    ws.set_column_width(0, 32).map_err(x)?;
    ws.set_column_width(1, 24).map_err(x)?;
    ws.write_string_with_format(0, 0, "Laporan Saga Desk", &bold)
        .map_err(x)?;
    let names: Vec<&str> = divs.iter().map(|d| d.as_str()).collect();
    let rows: Vec<(&str, String)> = vec![
        ("Divisi", names.join(", ")),
        ("Periode", p.label()),
        ("Total leads", summary["totals"]["leads"].to_string()),
        ("Valid", summary["totals"]["valid"].to_string()),
        ("Won", summary["totals"]["won"].to_string()),
        ("Lost", summary["totals"]["lost"].to_string()),
        ("Closing rate", pct(&summary["closing_rate"])),
        ("Bot resolution rate", pct(&summary["bot_resolution_rate"])),
        (
            "Rata-rata siklus (hari)",
            summary["avg_cycle_days"]
                .as_f64()
                .map(|v| format!("{v:.1}"))
                .unwrap_or("-".into()),
        ),
        (
            "Nilai deal Won",
            rupiah(summary["totals"]["won_value"].as_i64().unwrap_or(0)),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string(i as u32 + 2, 0, *k).map_err(x)?;
        ws.write_string(i as u32 + 2, 1, v).map_err(x)?;
    }
    let mut r = rows.len() as u32 + 4;
    ws.write_string_with_format(r, 0, "Alasan Lost", &bold)
        .map_err(x)?;
    for lr in summary["lost_reasons"].as_array().into_iter().flatten() {
        r += 1;
        ws.write_string(r, 0, lr["reason"].as_str().unwrap_or(""))
            .map_err(x)?;
        ws.write_number(r, 1, lr["count"].as_f64().unwrap_or(0.0))
            .map_err(x)?;
    }
    r += 2;
    ws.write_string_with_format(r, 0, "Rute teratas", &bold)
        .map_err(x)?;
    for rt in summary["top_routes"].as_array().into_iter().flatten() {
        r += 1;
        ws.write_string(
            r,
            0,
            format!(
                "{} - {}",
                rt["origin"].as_str().unwrap_or(""),
                rt["destination"].as_str().unwrap_or("")
            ),
        )
        .map_err(x)?;
        ws.write_number(r, 1, rt["count"].as_f64().unwrap_or(0.0))
            .map_err(x)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("Tiket").map_err(x)?;
    let head = [
        "ID",
        "Tanggal",
        "Divisi",
        "Pelanggan",
        "Kanal",
        "Status",
        "Agent",
        "Tahap",
        "Nilai penawaran",
        "Nilai deal",
        "Alasan lost",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(x)?;
    }
    let mut st = tx.prepare(&format!(
        "SELECT t.id, t.created_at, t.division, c.name, t.channel, t.status, coalesce(u.name, '-'), t.crm_stage, t.quote_value, t.deal_value, t.lost_reason \
         FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = t.assigned_to \
         WHERE t.division IN ({}) AND t.created_at >= ?1 AND t.created_at < ?2 ORDER BY t.created_at",
        divs_sql(divs)
    ))?;
    let mut rows = st.query(params![
        format!("{}T00:00:00.000Z", p.start),
        format!("{}T00:00:00.000Z", p.end)
    ])?;
    let mut r = 0u32;
    while let Some(row) = rows.next()? {
        r += 1;
        for c in 0..8 {
            let v: String = row.get(c)?;
            let v = if c == 1 {
                saga_core::format::wib_datetime(&v)
            } else {
                v
            };
            ws.write_string(r, c as u16, v).map_err(x)?;
        }
        for c in 8..10 {
            if let Some(v) = row.get::<_, Option<i64>>(c)? {
                ws.write_number(r, c as u16, v as f64).map_err(x)?;
            }
        }
        if let Some(v) = row.get::<_, Option<String>>(10)? {
            ws.write_string(r, 10, v).map_err(x)?;
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name("Agen").map_err(x)?;
    let head = [
        "Agent",
        "Divisi",
        "Tiket",
        "Closing rate",
        "Pickup rata-rata (menit)",
        "SLA",
        "Ketersediaan",
        "Rata-rata deal",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(x)?;
    }
    for (i, id) in analytics::agents_of(tx, divs)?.iter().enumerate() {
        let a = analytics::agent(tx, id, p)?;
        let r = i as u32 + 1;
        ws.write_string(r, 0, a["agent"]["name"].as_str().unwrap_or(""))
            .map_err(x)?;
        ws.write_string(r, 1, a["agent"]["division"].as_str().unwrap_or(""))
            .map_err(x)?;
        ws.write_number(r, 2, a["tickets"].as_f64().unwrap_or(0.0))
            .map_err(x)?;
        ws.write_string(r, 3, pct(&a["closing_rate"])).map_err(x)?;
        ws.write_number(r, 4, a["avg_pickup_minutes"].as_f64().unwrap_or(0.0))
            .map_err(x)?;
        ws.write_string(r, 5, pct(&a["sla_compliance"]))
            .map_err(x)?;
        ws.write_string(r, 6, pct(&a["availability_rate"]))
            .map_err(x)?;
        ws.write_number(r, 7, a["avg_deal_value"].as_f64().unwrap_or(0.0))
            .map_err(x)?;
    }
    wb.save_to_buffer().map_err(x)
}

/// Helvetica (a standard PDF font) covers ASCII safely; other characters
/// are transliterated.
fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '–' | '—' => '-',
            '→' => '>',
            c if c.is_ascii() => c,
            _ => '?',
        })
        .collect()
}

pub fn pdf(tx: &Transaction<'_>, divs: &[Division], p: &Period, kind: &str) -> AppResult<Vec<u8>> {
    let summary = analytics::division(tx, divs, p)?;
    let names: Vec<&str> = divs.iter().map(|d| d.as_str()).collect();
    let mut lines: Vec<(f32, String)> = vec![
        (
            16.0,
            format!(
                "Laporan Saga Desk - {}",
                if kind == "agent" {
                    "Per Agent"
                } else {
                    "Per Divisi"
                }
            ),
        ),
        (
            10.0,
            format!("Divisi: {}   Periode: {}", names.join(", "), p.label()),
        ),
        (10.0, String::new()),
    ];
    if kind == "division" {
        lines.extend([
            (12.0, "Ringkasan".to_string()),
            (
                10.0,
                format!(
                    "Total leads: {}   Valid: {}   Won: {}   Lost: {}",
                    summary["totals"]["leads"],
                    summary["totals"]["valid"],
                    summary["totals"]["won"],
                    summary["totals"]["lost"]
                ),
            ),
            (
                10.0,
                format!(
                    "Closing rate: {}   Bot resolution rate: {}",
                    pct(&summary["closing_rate"]),
                    pct(&summary["bot_resolution_rate"])
                ),
            ),
            (
                10.0,
                format!(
                    "Rata-rata siklus: {} hari   Nilai deal Won: {}",
                    summary["avg_cycle_days"]
                        .as_f64()
                        .map(|v| format!("{v:.1}"))
                        .unwrap_or("-".into()),
                    rupiah(summary["totals"]["won_value"].as_i64().unwrap_or(0))
                ),
            ),
            (10.0, String::new()),
            (12.0, "Tren closing rate 3 bulan".to_string()),
        ]);
        for t in summary["trend"].as_array().into_iter().flatten() {
            lines.push((
                10.0,
                format!(
                    "{}: {} (won {}, lost {})",
                    t["month"].as_str().unwrap_or(""),
                    pct(&t["closing_rate"]),
                    t["won"],
                    t["lost"]
                ),
            ));
        }
        lines.push((10.0, String::new()));
        lines.push((12.0, "Alasan Lost".into()));
        for lr in summary["lost_reasons"].as_array().into_iter().flatten() {
            lines.push((
                10.0,
                format!("{}: {}", lr["reason"].as_str().unwrap_or(""), lr["count"]),
            ));
        }
        lines.push((10.0, String::new()));
        lines.push((12.0, "Rute teratas".into()));
        for rt in summary["top_routes"].as_array().into_iter().flatten() {
            lines.push((
                10.0,
                format!(
                    "{} - {}: {}",
                    rt["origin"].as_str().unwrap_or(""),
                    rt["destination"].as_str().unwrap_or(""),
                    rt["count"]
                ),
            ));
        }
    } else {
        lines.push((12.0, "Kinerja agent".into()));
        for id in analytics::agents_of(tx, divs)? {
            let a = analytics::agent(tx, &id, p)?;
            lines.push((
                10.0,
                format!(
                    "{} ({}): closing {}, SLA {}{}, ketersediaan {}, pickup {} mnt",
                    a["agent"]["name"].as_str().unwrap_or(""),
                    a["agent"]["division"].as_str().unwrap_or(""),
                    pct(&a["closing_rate"]),
                    pct(&a["sla_compliance"]),
                    if a["sla_breach"].as_bool().unwrap_or(false) {
                        " (DI BAWAH 80%)"
                    } else {
                        ""
                    },
                    pct(&a["availability_rate"]),
                    a["avg_pickup_minutes"]
                        .as_f64()
                        .map(|v| format!("{v:.1}"))
                        .unwrap_or("-".into())
                ),
            ));
        }
    }

    // Lay the lines out on A4 pages.
    let per_page = 48;
    let pages: Vec<&[(f32, String)]> = lines.chunks(per_page).collect();
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let font_name = Name(b"F1");
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(10 + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    for (i, chunk) in pages.iter().enumerate() {
        let content_id = Ref::new(11 + 2 * i as i32);
        let mut page = pdf.page(page_ids[i]);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(font_name, font);
        page.finish();
        let mut c = Content::new();
        let mut y = 800.0;
        for (size, text) in chunk.iter() {
            c.begin_text();
            c.set_font(font_name, *size);
            c.next_line(50.0, y);
            c.show(Str(ascii(text).as_bytes()));
            c.end_text();
            y -= size * 1.6;
        }
        pdf.stream(content_id, &c.finish());
    }
    Ok(pdf.finish())
}
