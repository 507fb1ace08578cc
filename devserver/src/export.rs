//! Report files (EXPORT-1..5): a real `.xlsx` (rust_xlsxwriter) and a real
//! `.pdf` (pdf-writer), built from the same analytics as the screens. The
//! real backend's files are its own; these are the reference for what a
//! report should hold: every part of the analytics page, with headers,
//! number formats, frozen headers (Excel), tables and charts (PDF).

use crate::analytics::{self, Period};
use crate::error::{AppError, AppResult};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use rusqlite::{params, Transaction};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use saga_core::analytics::{
    axis_steps, one_decimal, percent, runs, AgentAnalytics, DivisionAnalytics,
};
use saga_core::format::rupiah;
use saga_core::model::Division;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn x(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::internal(e)
}

fn divs_sql(divs: &[Division]) -> String {
    divs.iter()
        .map(|d| format!("'{}'", d.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

fn names(divs: &[Division]) -> String {
    divs.iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every agent of the divisions, with their figures.
fn agents(tx: &Transaction<'_>, divs: &[Division], p: &Period) -> AppResult<Vec<AgentAnalytics>> {
    analytics::agents_of(tx, divs)?
        .iter()
        .map(|id| analytics::agent(tx, id, p))
        .collect()
}

struct Formats {
    title: Format,
    head: Format,
    pct: Format,
    rupiah: Format,
    int: Format,
    one: Format,
    bad: Format,
}

impl Formats {
    fn new() -> Formats {
        let head = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xE8EEF9))
            .set_border_bottom(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_text_wrap();
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            head,
            pct: Format::new().set_num_format("0.0%"),
            rupiah: Format::new().set_num_format("\"Rp\" #,##0"),
            int: Format::new().set_num_format("#,##0"),
            one: Format::new().set_num_format("0.0"),
            bad: Format::new()
                .set_num_format("0.0%")
                .set_font_color(Color::RGB(0xB91C1C))
                .set_bold(),
        }
    }
}

/// A sheet's header row, frozen, with its filter over `rows` data rows.
fn header(ws: &mut Worksheet, f: &Formats, cols: &[&str], rows: u32) -> AppResult<()> {
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)
            .map_err(x)?;
    }
    ws.set_freeze_panes(1, 0).map_err(x)?;
    if rows > 0 {
        ws.autofilter(0, 0, rows, cols.len() as u16 - 1)
            .map_err(x)?;
    }
    ws.set_row_height(0, 30).map_err(x)?;
    Ok(())
}

/// The Excel report: one sheet per part of the analytics page (summary,
/// agents, lost reasons, routes, channels) and the tickets themselves.
pub fn excel(tx: &Transaction<'_>, divs: &[Division], p: &Period) -> AppResult<Vec<u8>> {
    let s = analytics::division(tx, divs, p)?;
    let team = agents(tx, divs, p)?;
    let f = Formats::new();
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet();
    ws.set_name("Ringkasan").map_err(x)?;
    ws.write_string_with_format(0, 0, "Laporan Saga Desk — Per Divisi", &f.title)
        .map_err(x)?;
    ws.write_string(1, 0, format!("Divisi: {}", names(divs)))
        .map_err(x)?;
    ws.write_string(
        2,
        0,
        format!("Periode: {} s.d. {}", s.period.start, s.period.end),
    )
    .map_err(x)?;
    ws.write_string_with_format(4, 0, "Ukuran", &f.head)
        .map_err(x)?;
    ws.write_string_with_format(4, 1, "Nilai", &f.head)
        .map_err(x)?;
    let t = &s.totals;
    let rows: Vec<(&str, f64, &Format)> = vec![
        ("Leads masuk", t.leads as f64, &f.int),
        ("Valid", t.valid as f64, &f.int),
        ("Won", t.won as f64, &f.int),
        ("Lost", t.lost as f64, &f.int),
        ("Valid (% dari leads)", t.valid_pct, &f.pct),
        ("Won (% dari leads)", t.won_pct, &f.pct),
        ("Lost (% dari leads)", t.lost_pct, &f.pct),
        ("Closing rate (won / ditutup)", s.closing_rate, &f.pct),
        ("Bot resolution rate", s.bot_resolution_rate, &f.pct),
        ("Nilai deal Won", t.won_value as f64, &f.rupiah),
    ];
    let mut r = 5;
    for (k, v, fmt) in rows {
        ws.write_string(r, 0, k).map_err(x)?;
        ws.write_number_with_format(r, 1, v, fmt).map_err(x)?;
        r += 1;
    }
    ws.write_string(r, 0, "Rata-rata siklus (hari)")
        .map_err(x)?;
    match s.avg_cycle_days {
        Some(d) => ws.write_number_with_format(r, 1, d, &f.one).map_err(x)?,
        None => ws.write_string(r, 1, "-").map_err(x)?,
    };
    r += 2;
    for (c, h) in ["Bulan", "Leads", "Won", "Lost", "Closing rate"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &f.head)
            .map_err(x)?;
    }
    for m in &s.trend {
        r += 1;
        ws.write_string(r, 0, &m.month).map_err(x)?;
        ws.write_number_with_format(r, 1, m.leads as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 2, m.won as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 3, m.lost as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 4, m.closing_rate, &f.pct)
            .map_err(x)?;
    }
    r += 2;
    for (c, h) in ["Kategori blast", "Terkirim", "Membalas", "Response rate"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &f.head)
            .map_err(x)?;
    }
    for b in &s.blast_effectiveness {
        r += 1;
        ws.write_string(r, 0, b.category.as_str()).map_err(x)?;
        ws.write_number_with_format(r, 1, b.sent as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 2, b.responded as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 3, b.response_rate, &f.pct)
            .map_err(x)?;
    }
    ws.set_column_width(0, 34).map_err(x)?;
    ws.set_column_width(1, 18).map_err(x)?;
    for c in 2..5 {
        ws.set_column_width(c, 14).map_err(x)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("Agen").map_err(x)?;
    header(
        ws,
        &f,
        &[
            "Agent",
            "Divisi",
            "Tiket",
            "Won",
            "Lost",
            "Closing rate",
            "Pickup rata-rata (menit)",
            "SLA (pickup ≤ 15 menit)",
            "Ketersediaan",
            "Rata-rata deal",
            "Tiket diam > 4 jam",
        ],
        team.len() as u32,
    )?;
    for (i, a) in team.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &a.agent.name).map_err(x)?;
        ws.write_string(r, 1, a.agent.division.as_str())
            .map_err(x)?;
        ws.write_number_with_format(r, 2, a.tickets as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 3, a.won as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 4, a.lost as f64, &f.int)
            .map_err(x)?;
        ws.write_number_with_format(r, 5, a.closing_rate, &f.pct)
            .map_err(x)?;
        match a.avg_pickup_minutes {
            Some(m) => ws.write_number_with_format(r, 6, m, &f.one).map_err(x)?,
            None => ws.write_string(r, 6, "-").map_err(x)?,
        };
        // AN-AGENT-2: under 80 % stands out.
        let sla = if a.sla_breach { &f.bad } else { &f.pct };
        ws.write_number_with_format(r, 7, a.sla_compliance, sla)
            .map_err(x)?;
        ws.write_number_with_format(r, 8, a.availability_rate, &f.pct)
            .map_err(x)?;
        match a.avg_deal_value {
            Some(v) => ws
                .write_number_with_format(r, 9, v as f64, &f.rupiah)
                .map_err(x)?,
            None => ws.write_string(r, 9, "-").map_err(x)?,
        };
        ws.write_number_with_format(r, 10, a.idle_tickets.len() as f64, &f.int)
            .map_err(x)?;
    }
    ws.set_column_width(0, 24).map_err(x)?;
    for c in 1..11 {
        ws.set_column_width(c, 14).map_err(x)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("Alasan Lost").map_err(x)?;
    header(
        ws,
        &f,
        &["Alasan", "Jumlah", "Persen"],
        s.lost_reasons.len() as u32,
    )?;
    let lost: u64 = s.lost_reasons.iter().map(|l| l.count).sum();
    for (i, l) in s.lost_reasons.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &l.reason).map_err(x)?;
        ws.write_number_with_format(r, 1, l.count as f64, &f.int)
            .map_err(x)?;
        let share = if lost == 0 {
            0.0
        } else {
            l.count as f64 / lost as f64
        };
        ws.write_number_with_format(r, 2, share, &f.pct)
            .map_err(x)?;
    }
    ws.set_column_width(0, 32).map_err(x)?;
    ws.set_column_width(1, 12).map_err(x)?;
    ws.set_column_width(2, 12).map_err(x)?;

    let ws = wb.add_worksheet();
    ws.set_name("Rute").map_err(x)?;
    header(
        ws,
        &f,
        &["Asal", "Tujuan", "Tiket"],
        s.top_routes.len() as u32,
    )?;
    for (i, rt) in s.top_routes.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &rt.origin).map_err(x)?;
        ws.write_string(r, 1, &rt.destination).map_err(x)?;
        ws.write_number_with_format(r, 2, rt.count as f64, &f.int)
            .map_err(x)?;
    }
    ws.set_column_width(0, 24).map_err(x)?;
    ws.set_column_width(1, 24).map_err(x)?;
    ws.set_column_width(2, 10).map_err(x)?;

    let ws = wb.add_worksheet();
    ws.set_name("Kanal").map_err(x)?;
    let n: usize = s.channel_roi.iter().map(|c| c.series.len()).sum();
    header(
        ws,
        &f,
        &[
            "Kanal",
            "Bulan",
            "Leads",
            "Won",
            "Nilai Won",
            "Closing rate",
        ],
        n as u32,
    )?;
    let mut r = 0;
    for c in &s.channel_roi {
        for m in &c.series {
            r += 1;
            ws.write_string(r, 0, c.channel.as_str()).map_err(x)?;
            ws.write_string(r, 1, &m.month).map_err(x)?;
            ws.write_number_with_format(r, 2, m.leads as f64, &f.int)
                .map_err(x)?;
            ws.write_number_with_format(r, 3, m.won as f64, &f.int)
                .map_err(x)?;
            ws.write_number_with_format(r, 4, m.won_value as f64, &f.rupiah)
                .map_err(x)?;
            ws.write_number_with_format(r, 5, m.closing_rate, &f.pct)
                .map_err(x)?;
        }
    }
    ws.set_column_width(0, 14).map_err(x)?;
    for c in 1..6 {
        ws.set_column_width(c, 14).map_err(x)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("Tiket").map_err(x)?;
    let cols = [
        "ID",
        "Masuk (WIB)",
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
                ws.write_number_with_format(r, c as u16, v as f64, &f.rupiah)
                    .map_err(x)?;
            }
        }
        if let Some(v) = row.get::<_, Option<String>>(10)? {
            ws.write_string(r, 10, v).map_err(x)?;
        }
    }
    header(ws, &f, &cols, r)?;
    for (c, w) in [11, 22, 8, 24, 11, 20, 20, 11, 16, 16, 24]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w).map_err(x)?;
    }
    wb.save_to_buffer().map_err(x)
}

// ---- PDF ----

/// Standard PDF fonts speak WinAnsi: Latin-1 plus a few typographic marks,
/// which covers Indonesian. Anything else is written in plain letters.
fn win_ansi(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{20}'..='\u{7e}' => out.push(c as u8),
            '\u{a0}'..='\u{ff}' => out.push(c as u32 as u8),
            '–' => out.push(0x96),
            '—' => out.push(0x97),
            '‘' => out.push(0x91),
            '’' => out.push(0x92),
            '“' => out.push(0x93),
            '”' => out.push(0x94),
            '•' => out.push(0x95),
            '…' => out.push(0x85),
            '€' => out.push(0x80),
            '→' => out.extend_from_slice(b"->"),
            '≤' => out.extend_from_slice(b"<="),
            '≥' => out.extend_from_slice(b">="),
            _ => out.push(b'?'),
        }
    }
    out
}

/// Helvetica's advance widths (per 1000 em) for what numbers and labels are
/// made of; others take an average. Enough to right-align figures.
fn width(s: &str, size: f32) -> f32 {
    let w: u32 = s
        .chars()
        .map(|c| match c {
            '0'..='9' => 556,
            ' ' | ',' | '.' | ':' | ';' | 'i' | 'j' | 'l' | 'I' | 'f' | 't' | '/' => 278,
            '%' => 889,
            'm' | 'M' | 'W' | 'w' => 833,
            'r' | '-' => 333,
            'A'..='Z' => 667,
            _ => 540,
        })
        .sum();
    w as f32 * size / 1000.0
}

/// A palette that prints in grey too: each series also differs by its dash
/// or its label.
const PALETTE: [(f32, f32, f32); 8] = [
    (0.04, 0.36, 0.85),
    (0.91, 0.45, 0.05),
    (0.09, 0.6, 0.35),
    (0.58, 0.2, 0.76),
    (0.86, 0.15, 0.15),
    (0.4, 0.45, 0.52),
    (0.34, 0.71, 0.91),
    (0.18, 0.23, 0.3),
];

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 48.0;

struct Doc {
    pages: Vec<Content>,
    y: f32,
    footer: String,
}

impl Doc {
    fn new(footer: String) -> Doc {
        let mut d = Doc {
            pages: vec![],
            y: 0.0,
            footer,
        };
        d.page();
        d
    }

    fn page(&mut self) {
        self.pages.push(Content::new());
        self.y = PAGE_H - MARGIN;
    }

    fn c(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a page")
    }

    /// Room for `h` points, or a new page.
    fn need(&mut self, h: f32) {
        if self.y - h < MARGIN + 20.0 {
            self.page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        let font = if bold { Name(b"F2") } else { Name(b"F1") };
        let bytes = win_ansi(s);
        let c = self.c();
        c.begin_text();
        c.set_font(font, size);
        c.next_line(x, y);
        c.show(Str(&bytes));
        c.end_text();
    }

    fn right_at(&mut self, right: f32, y: f32, size: f32, bold: bool, s: &str) {
        self.text_at(right - width(s, size), y, size, bold, s);
    }

    fn gray(&mut self, g: f32) {
        self.c().set_fill_gray(g);
    }

    fn title(&mut self, s: &str, sub: &str) {
        self.gray(0.08);
        self.text_at(MARGIN, self.y - 16.0, 18.0, true, s);
        self.gray(0.35);
        self.text_at(MARGIN, self.y - 34.0, 10.0, false, sub);
        self.c()
            .set_stroke_rgb(0.04, 0.36, 0.85)
            .set_line_width(1.5);
        let y = self.y - 44.0;
        self.c()
            .move_to(MARGIN, y)
            .line_to(PAGE_W - MARGIN, y)
            .stroke();
        self.y -= 60.0;
    }

    fn heading(&mut self, s: &str) {
        self.need(40.0);
        self.gray(0.08);
        self.text_at(MARGIN, self.y - 12.0, 12.5, true, s);
        self.y -= 24.0;
    }

    fn note(&mut self, s: &str) {
        self.need(16.0);
        self.gray(0.4);
        self.text_at(MARGIN, self.y - 9.0, 8.5, false, s);
        self.y -= 16.0;
    }

    /// Headline figures in boxes, four to a row.
    fn figures(&mut self, items: &[(&str, String)]) {
        let (cols, gap, h) = (4usize, 8.0, 44.0);
        let w = (PAGE_W - 2.0 * MARGIN - gap * (cols as f32 - 1.0)) / cols as f32;
        for row in items.chunks(cols) {
            self.need(h + gap);
            for (i, (label, value)) in row.iter().enumerate() {
                let x = MARGIN + i as f32 * (w + gap);
                let y = self.y - h;
                self.c()
                    .set_fill_rgb(0.93, 0.95, 0.98)
                    .rect(x, y, w, h)
                    .fill_nonzero();
                self.gray(0.35);
                self.text_at(x + 8.0, y + h - 14.0, 8.0, false, label);
                self.gray(0.08);
                // A long figure (a Rupiah total) gets a smaller size that fits.
                let size = (15.0f32).min((w - 16.0) / width(value, 1.0) * 0.98);
                self.text_at(x + 8.0, y + 9.0, size, true, value);
            }
            self.y -= h + gap;
        }
        self.y -= 6.0;
    }

    /// A table: header, rows, the numeric columns right-aligned.
    fn table(&mut self, head: &[&str], widths: &[f32], right: &[bool], rows: &[Vec<String>]) {
        let size = 8.5;
        let line = 15.0;
        let total: f32 = widths.iter().sum();
        let draw_head = |d: &mut Doc| {
            d.need(line * 2.0);
            let y = d.y - line;
            d.c()
                .set_fill_rgb(0.91, 0.93, 0.97)
                .rect(MARGIN, y, total, line)
                .fill_nonzero();
            d.gray(0.1);
            let mut x = MARGIN;
            for (i, h) in head.iter().enumerate() {
                if right[i] {
                    d.right_at(x + widths[i] - 4.0, d.y - 10.5, size, true, h);
                } else {
                    d.text_at(x + 4.0, d.y - 10.5, size, true, h);
                }
                x += widths[i];
            }
            d.y -= line;
        };
        draw_head(self);
        for (n, row) in rows.iter().enumerate() {
            if self.y - line < MARGIN + 20.0 {
                self.page();
                draw_head(self);
            }
            if n % 2 == 1 {
                let y = self.y - line;
                self.c()
                    .set_fill_rgb(0.97, 0.98, 0.99)
                    .rect(MARGIN, y, total, line)
                    .fill_nonzero();
            }
            self.gray(0.12);
            let mut x = MARGIN;
            for (i, cell) in row.iter().enumerate() {
                let bad = cell.ends_with(" !");
                if bad {
                    self.c().set_fill_rgb(0.72, 0.11, 0.11);
                }
                if right[i] {
                    self.right_at(x + widths[i] - 4.0, self.y - 10.5, size, bad, cell);
                } else {
                    self.text_at(x + 4.0, self.y - 10.5, size, bad, cell);
                }
                if bad {
                    self.gray(0.12);
                }
                x += widths[i];
            }
            self.y -= line;
        }
        self.y -= 10.0;
    }

    /// Horizontal bars with their labels and values.
    fn bars(&mut self, items: &[(String, f64, String)]) {
        let max = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1e-9);
        let (label_w, bar_h, gap) = (170.0, 11.0, 5.0);
        let span = PAGE_W - 2.0 * MARGIN - label_w - 60.0;
        for (label, v, shown) in items {
            self.need(bar_h + gap);
            let y = self.y - bar_h;
            self.gray(0.15);
            self.text_at(MARGIN, y + 2.0, 8.5, false, label);
            let w = (span as f64 * (v / max)) as f32;
            let (r, g, b) = PALETTE[0];
            self.c()
                .set_fill_rgb(r, g, b)
                .rect(MARGIN + label_w, y, w.max(1.0), bar_h)
                .fill_nonzero();
            self.gray(0.15);
            self.text_at(MARGIN + label_w + w + 5.0, y + 2.0, 8.5, true, shown);
            self.y -= bar_h + gap;
        }
        self.y -= 8.0;
    }

    /// A line chart over months: axes, grid, each series with its dash.
    /// Lines over months; NaN is a month without a value (a gap). The axis
    /// steps by round numbers, the same as the app's charts.
    fn lines(
        &mut self,
        months: &[String],
        series: &[(String, Vec<f64>)],
        whole: bool,
        fmt: fn(f64) -> String,
    ) {
        let h = 150.0;
        self.need(h + 40.0);
        let (x0, y0) = (MARGIN + 46.0, self.y - h);
        let w = PAGE_W - MARGIN - x0 - 10.0;
        let (tick, ticks) = axis_steps(
            series
                .iter()
                .flat_map(|s| s.1.iter().copied())
                .fold(0.0, f64::max),
            whole,
        );
        let max = tick * ticks as f64;
        for i in 0..=ticks {
            let v = tick * i as f64;
            let y = y0 + h * i as f32 / ticks as f32;
            self.c().set_stroke_rgb(0.85, 0.87, 0.9).set_line_width(0.5);
            self.c().move_to(x0, y).line_to(x0 + w, y).stroke();
            self.gray(0.4);
            self.right_at(x0 - 4.0, y - 3.0, 7.5, false, &fmt(v));
        }
        let n = months.len().max(1);
        let step = if n > 1 { w / (n - 1) as f32 } else { 0.0 };
        for (i, m) in months.iter().enumerate() {
            self.gray(0.4);
            let x = x0 + step * i as f32;
            self.text_at(x - width(m, 7.5) / 2.0, y0 - 12.0, 7.5, false, m);
        }
        for (k, (_, vals)) in series.iter().enumerate() {
            let (r, g, b) = PALETTE[k % PALETTE.len()];
            let c = self.c();
            c.set_stroke_rgb(r, g, b).set_line_width(1.8);
            match k % 3 {
                0 => c.set_dash_pattern(std::iter::empty::<f32>(), 0.0),
                1 => c.set_dash_pattern([5.0, 3.0], 0.0),
                _ => c.set_dash_pattern([1.5, 2.5], 0.0),
            };
            let at = |i: usize| {
                (
                    x0 + step * i as f32,
                    y0 + (h as f64 * (vals[i] / max)) as f32,
                )
            };
            for run in runs(vals) {
                let (x, y) = at(run.start);
                c.move_to(x, y);
                for i in run.start + 1..run.end {
                    let (x, y) = at(i);
                    c.line_to(x, y);
                }
                c.stroke();
            }
            c.set_dash_pattern(std::iter::empty::<f32>(), 0.0);
            for i in (0..vals.len()).filter(|i| vals[*i].is_finite()) {
                let (x, y) = at(i);
                c.set_fill_rgb(r, g, b)
                    .rect(x - 2.0, y - 2.0, 4.0, 4.0)
                    .fill_nonzero();
            }
        }
        self.y = y0 - 22.0;
        if series.len() > 1 {
            let mut x = MARGIN;
            for (k, (name, _)) in series.iter().enumerate() {
                let (r, g, b) = PALETTE[k % PALETTE.len()];
                let y = self.y - 1.0;
                self.c()
                    .set_fill_rgb(r, g, b)
                    .rect(x, y, 10.0, 6.0)
                    .fill_nonzero();
                self.gray(0.2);
                self.text_at(x + 14.0, self.y - 1.0, 8.0, false, name);
                x += 24.0 + width(name, 8.0);
            }
            self.y -= 14.0;
        }
        self.y -= 6.0;
    }

    /// A pie of shares with its legend (label, count, percent) beside it.
    fn pie(&mut self, items: &[(String, f64)]) {
        let total: f64 = items.iter().map(|i| i.1).sum();
        if total <= 0.0 {
            return;
        }
        let r = 62.0;
        self.need(2.0 * r + 20.0);
        let (cx, cy) = (MARGIN + r + 4.0, self.y - r - 4.0);
        let mut a0 = std::f32::consts::FRAC_PI_2;
        for (k, (_, v)) in items.iter().enumerate() {
            let sweep = (v / total) as f32 * std::f32::consts::TAU;
            let (cr, cg, cb) = PALETTE[k % PALETTE.len()];
            let c = self.c();
            c.set_fill_rgb(cr, cg, cb)
                .set_stroke_rgb(1.0, 1.0, 1.0)
                .set_line_width(1.0);
            c.move_to(cx, cy);
            c.line_to(cx + r * a0.cos(), cy + r * a0.sin());
            // Arcs of at most a quarter turn, each one cubic curve.
            let parts = (sweep / std::f32::consts::FRAC_PI_2).ceil().max(1.0) as usize;
            let d = sweep / parts as f32;
            let kk = 4.0 / 3.0 * (d / 4.0).tan();
            let mut a = a0;
            for _ in 0..parts {
                let (s1, c1, s2, c2) = (a.sin(), a.cos(), (a - d).sin(), (a - d).cos());
                c.cubic_to(
                    cx + r * (c1 + kk * s1),
                    cy + r * (s1 - kk * c1),
                    cx + r * (c2 - kk * s2),
                    cy + r * (s2 + kk * c2),
                    cx + r * c2,
                    cy + r * s2,
                );
                a -= d;
            }
            c.close_path().fill_nonzero_and_stroke();
            a0 -= sweep;
        }
        let lx = MARGIN + 2.0 * r + 30.0;
        let mut y = self.y - 10.0;
        for (k, (label, v)) in items.iter().enumerate() {
            let (cr, cg, cb) = PALETTE[k % PALETTE.len()];
            self.c()
                .set_fill_rgb(cr, cg, cb)
                .rect(lx, y - 1.0, 9.0, 9.0)
                .fill_nonzero();
            self.gray(0.15);
            self.text_at(lx + 14.0, y, 8.5, false, label);
            self.right_at(
                PAGE_W - MARGIN,
                y,
                8.5,
                true,
                &format!("{} · {}", *v as u64, percent(v / total)),
            );
            y -= 14.0;
        }
        self.y = (cy - r).min(y) - 14.0;
    }

    fn finish(self) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let n = self.pages.len();
        let ids: Vec<Ref> = (0..n).map(|i| Ref::new(10 + 2 * i as i32)).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids(ids.iter().copied()).count(n as i32);
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        for (i, mut content) in self.pages.into_iter().enumerate() {
            let footer = format!("{} · halaman {} dari {n}", self.footer, i + 1);
            content.set_fill_gray(0.45);
            content.begin_text();
            content.set_font(Name(b"F1"), 7.5);
            content.next_line(MARGIN, 26.0);
            content.show(Str(&win_ansi(&footer)));
            content.end_text();
            let cid = Ref::new(11 + 2 * i as i32);
            let mut page = pdf.page(ids[i]);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(cid);
            let mut res = page.resources();
            let mut fonts = res.fonts();
            fonts.pair(Name(b"F1"), regular);
            fonts.pair(Name(b"F2"), bold);
            fonts.finish();
            res.finish();
            page.finish();
            pdf.stream(cid, &content.finish());
        }
        pdf.finish()
    }
}

fn month_label(m: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    let (y, mm) = m.split_once('-').unwrap_or((m, "01"));
    let i = mm.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
    format!("{} {}", MONTHS[i], &y[y.len().saturating_sub(2)..])
}

fn pct_axis(v: f64) -> String {
    percent(v)
}

fn count_axis(v: f64) -> String {
    format!("{}", v.round() as i64)
}

fn agent_rows(team: &[AgentAnalytics]) -> Vec<Vec<String>> {
    team.iter()
        .map(|a| {
            vec![
                a.agent.name.clone(),
                a.agent.division.as_str().to_string(),
                a.tickets.to_string(),
                percent(a.closing_rate),
                a.avg_pickup_minutes.map(one_decimal).unwrap_or("-".into()),
                // The mark makes a breach read in grey print too.
                if a.sla_breach {
                    format!("{} !", percent(a.sla_compliance))
                } else {
                    percent(a.sla_compliance)
                },
                percent(a.availability_rate),
                a.avg_deal_value.map(rupiah).unwrap_or("-".into()),
            ]
        })
        .collect()
}

const AGENT_HEAD: [&str; 8] = [
    "Agent",
    "Divisi",
    "Tiket",
    "Closing",
    "Pickup (mnt)",
    "SLA",
    "Tersedia",
    "Rata-rata deal",
];
const AGENT_W: [f32; 8] = [120.0, 44.0, 38.0, 50.0, 62.0, 50.0, 50.0, 85.0];
const AGENT_RIGHT: [bool; 8] = [false, false, true, true, true, true, true, true];

/// The PDF report: `division` (every part of the division tab, with
/// charts) or `agent` (the agent table).
pub fn pdf(tx: &Transaction<'_>, divs: &[Division], p: &Period, kind: &str) -> AppResult<Vec<u8>> {
    let s: DivisionAnalytics = analytics::division(tx, divs, p)?;
    let team = agents(tx, divs, p)?;
    let made = saga_core::format::wib_datetime(&saga_core::format::now_rfc3339());
    let period = format!(
        "{} – {}",
        saga_core::format::wib_datetime(&format!("{}T00:00:00+07:00", s.period.start))
            .trim_end_matches(" 00:00 WIB"),
        saga_core::format::wib_datetime(&format!("{}T00:00:00+07:00", s.period.end))
            .trim_end_matches(" 00:00 WIB"),
    );
    let mut d = Doc::new(format!("Saga Desk · {} · dibuat {made}", names(divs)));
    let title = if kind == "agent" {
        "Laporan Kinerja Agent"
    } else {
        "Laporan Analitik Divisi"
    };
    d.title(
        title,
        &format!("Divisi: {}   ·   Periode: {period}", names(divs)),
    );
    if kind == "agent" {
        d.heading("Kinerja per agent");
        d.note("SLA: pickup pertama ≤ 15 menit; di bawah 80% ditandai !.");
        d.table(&AGENT_HEAD, &AGENT_W, &AGENT_RIGHT, &agent_rows(&team));
        for a in team.iter().filter(|a| !a.idle_tickets.is_empty()) {
            d.heading(&format!("Tiket diam > 4 jam: {}", a.agent.name));
            let rows: Vec<Vec<String>> = a
                .idle_tickets
                .iter()
                .take(20)
                .map(|t| {
                    vec![
                        t.ticket_id.clone(),
                        t.customer_name.clone(),
                        t.crm_stage.as_str().to_string(),
                        saga_core::format::wib_datetime(&t.last_activity_at),
                    ]
                })
                .collect();
            d.table(
                &["Tiket", "Pelanggan", "Tahap", "Aktivitas terakhir"],
                &[80.0, 170.0, 80.0, 169.0],
                &[false, false, false, false],
                &rows,
            );
        }
        return Ok(d.finish());
    }
    let t = &s.totals;
    d.figures(&[
        ("Closing rate", percent(s.closing_rate)),
        ("Leads masuk", t.leads.to_string()),
        ("Valid", format!("{} ({})", t.valid, percent(t.valid_pct))),
        ("Won", format!("{} ({})", t.won, percent(t.won_pct))),
        ("Lost", format!("{} ({})", t.lost, percent(t.lost_pct))),
        ("Bot resolution", percent(s.bot_resolution_rate)),
        (
            "Siklus rata-rata",
            s.avg_cycle_days
                .map(|c| format!("{} hari", one_decimal(c)))
                .unwrap_or("-".into()),
        ),
        ("Nilai deal Won", rupiah(t.won_value)),
    ]);
    d.heading("Tren closing rate, 3 bulan");
    let months: Vec<String> = s.trend.iter().map(|m| month_label(&m.month)).collect();
    d.lines(
        &months,
        &[(
            "Closing rate".into(),
            s.trend
                .iter()
                .map(|m| m.rate().unwrap_or(f64::NAN))
                .collect(),
        )],
        false,
        pct_axis,
    );
    if !s.lost_reasons.is_empty() {
        d.heading("Alasan lost");
        let items: Vec<(String, f64)> = s
            .lost_reasons
            .iter()
            .map(|l| (l.reason.clone(), l.count as f64))
            .collect();
        d.pie(&items);
    }
    if !s.top_routes.is_empty() {
        d.heading("10 rute teratas");
        let items: Vec<(String, f64, String)> = s
            .top_routes
            .iter()
            .map(|r| {
                (
                    format!("{} → {}", r.origin, r.destination),
                    r.count as f64,
                    r.count.to_string(),
                )
            })
            .collect();
        d.bars(&items);
    }
    if !s.channel_roi.is_empty() {
        d.heading("Closing per kanal, 6 bulan");
        let months: Vec<String> = s.channel_roi[0]
            .series
            .iter()
            .map(|m| month_label(&m.month))
            .collect();
        let series: Vec<(String, Vec<f64>)> = s
            .channel_roi
            .iter()
            .map(|c| {
                (
                    c.channel.as_str().to_string(),
                    c.series.iter().map(|m| m.won as f64).collect(),
                )
            })
            .collect();
        d.lines(&months, &series, true, count_axis);
    }
    d.heading("Musiman: volume 12 bulan");
    let months: Vec<String> = s
        .seasonality
        .iter()
        .map(|m| month_label(&m.month))
        .collect();
    d.lines(
        &months,
        &[(
            "Tiket".into(),
            s.seasonality.iter().map(|m| m.volume as f64).collect(),
        )],
        true,
        count_axis,
    );
    d.heading("Efektivitas blast");
    let rows: Vec<Vec<String>> = s
        .blast_effectiveness
        .iter()
        .map(|b| {
            vec![
                b.category.as_str().to_string(),
                b.sent.to_string(),
                b.responded.to_string(),
                percent(b.response_rate),
            ]
        })
        .collect();
    d.table(
        &["Kategori", "Terkirim", "Membalas", "Response rate"],
        &[140.0, 110.0, 110.0, 139.0],
        &[false, true, true, true],
        &rows,
    );
    if !team.is_empty() {
        d.heading("Kinerja per agent");
        d.table(&AGENT_HEAD, &AGENT_W, &AGENT_RIGHT, &agent_rows(&team));
    }
    Ok(d.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_text_survives_the_standard_fonts() {
        assert_eq!(win_ansi("Rp 1.500.000 – Jan"), b"Rp 1.500.000 \x96 Jan");
        assert_eq!(win_ansi("Surabaya → Makassar"), b"Surabaya -> Makassar");
        assert_eq!(win_ansi("café ≤ 15"), b"caf\xe9 <= 15");
        assert_eq!(month_label("2026-12"), "Des 26");
    }
}
