//! Charts as SVG views of their data (PRD 3.7): lines, horizontal bars, a
//! donut and sparklines. Pure components of their props (tests render them
//! with the server renderer); colours come from CSS classes, so there is
//! no `style` attribute for the CSP to refuse; series also differ by
//! marker shape and dash, so they are told apart without colour. Each
//! chart sits in a [`ChartCard`] that can show the same numbers as a
//! table, and says so when there are none.
//!
//! Coordinates are whole numbers in the chart's own viewBox: integer
//! formatting keeps float printing out of the wasm.

use crate::i18n::analytics::tx;
use crate::i18n::Lang;
use saga_core::analytics::percent;
use saga_core::format::rupiah;
use yew::prelude::*;

/// How a chart's values read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fmt {
    /// A rate: 0.125 reads 12,5%.
    Percent,
    Count,
    Rupiah,
}

/// A value as people read it; no value (NaN, a gap) reads `–`.
pub fn fmt_value(f: Fmt, v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    match f {
        Fmt::Percent => percent(v),
        Fmt::Count => (v.round() as i64).to_string(),
        Fmt::Rupiah => rupiah(v.round() as i64),
    }
}

/// Short axis labels: `250 rb`, `1,5 jt`, `2 M` (Indonesian thousand,
/// million, billion).
pub fn fmt_axis(f: Fmt, v: f64) -> String {
    match f {
        Fmt::Rupiah => {
            let n = v.round() as i64;
            let (unit, div) = match n.abs() {
                a if a >= 1_000_000_000 => ("M", 1_000_000_000),
                a if a >= 1_000_000 => ("jt", 1_000_000),
                a if a >= 1_000 => ("rb", 1_000),
                _ => ("", 1),
            };
            let tenths = n * 10 / div;
            let s = if tenths % 10 == 0 {
                (tenths / 10).to_string()
            } else {
                format!("{},{}", tenths / 10, (tenths % 10).abs())
            };
            if unit.is_empty() {
                s
            } else {
                format!("{s} {unit}")
            }
        }
        _ => fmt_value(f, v),
    }
}

/// A round top for an axis: 1, 2, 2.5 or 5 times a power of ten.
pub use saga_core::analytics::{axis_steps, runs};

#[derive(Clone, PartialEq, Debug)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

const MARKS: usize = 4;
/// Colours `s0`..`s7` in the style sheet (Okabe-Ito and two greys).
const PALETTE: usize = 8;

/// A series' marker: circle, square, triangle, diamond, in turn.
fn marker(i: usize, x: i32, y: i32) -> Html {
    let class = format!("mark s{}", i % PALETTE);
    match i % MARKS {
        0 => html! { <circle {class} cx={x.to_string()} cy={y.to_string()} r="4" /> },
        1 => {
            html! { <rect {class} x={(x - 4).to_string()} y={(y - 4).to_string()} width="8" height="8" /> }
        }
        2 => {
            html! { <polygon {class} points={format!("{},{} {},{} {},{}", x, y - 5, x + 5, y + 4, x - 5, y + 4)} /> }
        }
        _ => {
            html! { <polygon {class} points={format!("{},{} {},{} {},{} {},{}", x, y - 5, x + 5, y, x, y + 5, x - 5, y)} /> }
        }
    }
}

/// The legend: marker and name of each series (HTML, so it wraps).
fn legend(series: &[Series]) -> Html {
    html! {
        <ul class="legend">
            { for series.iter().enumerate().map(|(i, s)| html! {
                <li><svg class="legend-mark" viewBox="0 0 16 12" aria-hidden="true">
                    <line class={format!("series s{}", i % PALETTE)} x1="0" y1="6" x2="16" y2="6" />{ marker(i, 8, 6) }</svg>{ &s.name }</li>
            }) }
        </ul>
    }
}

/// What a chart draws.
#[derive(Clone, PartialEq, Debug)]
pub enum Plot {
    /// Lines over time: one label per point, one line per series.
    Lines {
        labels: Vec<String>,
        series: Vec<Series>,
        fmt: Fmt,
    },
    /// Horizontal bars with their values; `total` gives the tooltip's share.
    Bars {
        items: Vec<(String, f64)>,
        fmt: Fmt,
        total: Option<f64>,
    },
    /// Shares of a whole.
    Donut { items: Vec<(String, f64)> },
}

impl Plot {
    fn len(&self) -> usize {
        match self {
            Plot::Lines { labels, .. } => labels.len(),
            Plot::Bars { items, .. } | Plot::Donut { items } => items.len(),
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ChartProps {
    pub lang: Lang,
    pub title: AttrValue,
    /// `data-chart` (TESTIDS: closing-trend, leads-funnel, lost-reasons,
    /// top-routes, channel-roi, seasonal, blast-effect).
    pub chart: &'static str,
    pub plot: Plot,
    /// The same numbers as a table: headers and rows.
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// No data for the period: say so instead of an empty chart.
    #[prop_or_default]
    pub empty: bool,
    #[prop_or_default]
    pub compact: bool,
    /// Start with the table (tests; the user switches).
    #[prop_or_default]
    pub as_table: bool,
    /// The point whose tooltip shows first (tests; hover or tap moves it).
    #[prop_or_default]
    pub active: Option<usize>,
}

/// One chart: its title, the drawing with a tooltip on hover or tap, a
/// switch to the table of its numbers, and an empty state. One component
/// for every kind keeps the wasm small.
#[function_component(Chart)]
pub fn chart(p: &ChartProps) -> Html {
    let t = tx(p.lang);
    let table = use_state(|| p.as_table);
    let active = use_state(|| p.active);
    let toggle = {
        let table = table.clone();
        Callback::from(move |_| table.set(!*table))
    };
    let body = if p.empty {
        html! { <p class="muted chart-empty" data-testid="chart-empty">{ t.empty }</p> }
    } else if *table {
        html! {
            <div class="table-scroll">
                <table class="chart-table">
                    <thead><tr>{ for p.head.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                    <tbody>{ for p.rows.iter().map(|r| html! { <tr>{ for r.iter().map(|c| html! { <td>{ c }</td> }) }</tr> }) }</tbody>
                </table>
            </div>
        }
    } else {
        let on = active.filter(|i| *i < p.plot.len());
        // Hover or a tap shows a point (a tap also fires the emulated
        // hover first, so a tap never toggles); leaving the chart hides it.
        let pick = |i: usize| {
            let a = active.clone();
            Callback::from(move |_: MouseEvent| a.set(Some(i)))
        };
        let (hover, tap) = (&pick, &pick);
        let leave = {
            let a = active.clone();
            Callback::from(move |_: MouseEvent| a.set(None))
        };
        match &p.plot {
            Plot::Lines {
                labels,
                series,
                fmt,
            } => lines(labels, series, *fmt, p.compact, on, hover, tap, leave),
            Plot::Bars { items, fmt, total } => {
                bars(items, *fmt, *total, p.compact, on, hover, tap, leave)
            }
            Plot::Donut { items } => donut(items, on, hover, tap, leave),
        }
    };
    html! {
        <section class="chart-card" data-testid="analytics-chart" data-chart={p.chart} data-view={if *table { "table" } else { "chart" }}>
            <header class="chart-head">
                <h3 class="section-title">{ p.title.clone() }</h3>
                if !p.empty {
                    <button type="button" class="btn small ghost" data-testid="chart-table-toggle" aria-pressed={table.to_string()} onclick={toggle}>
                        { if *table { t.chart } else { t.table } }
                    </button>
                }
            </header>
            { body }
        </section>
    }
}

type Pick<'a> = &'a dyn Fn(usize) -> Callback<MouseEvent>;

#[allow(clippy::too_many_arguments)]
fn lines(
    labels: &[String],
    series: &[Series],
    fmt: Fmt,
    compact: bool,
    active: Option<usize>,
    hover: Pick,
    tap: Pick,
    leave: Callback<MouseEvent>,
) -> Html {
    let (w, h, left, right, top, bottom) = (if compact { 340 } else { 640 }, 220, 52, 14, 14, 30);
    let n = labels.len();
    let (step, steps) = axis_steps(
        series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0, f64::max),
        fmt == Fmt::Count,
    );
    let max = step * steps as f64;
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let x_of = |i: usize| {
        left + if n > 1 {
            plot_w * i as i32 / (n as i32 - 1)
        } else {
            plot_w / 2
        }
    };
    let y_of = |v: f64| top + plot_h - (plot_h as f64 * (v / max)).round() as i32;
    // Every label while they fit; otherwise every other (or third).
    let every = if compact {
        n.div_ceil(6)
    } else {
        n.div_ceil(12)
    }
    .max(1);
    let col = if n > 1 {
        plot_w / (n as i32 - 1)
    } else {
        plot_w
    };
    let tip = active.map(|i| {
        let x = x_of(i);
        let rows: Vec<String> = series
            .iter()
            .map(|s| format!("{}: {}", s.name, fmt_value(fmt, s.values.get(i).copied().unwrap_or(0.0))))
            .collect();
        let chars = rows.iter().map(|l| l.chars().count()).max().unwrap_or(8).max(labels[i].chars().count());
        let (tw, th) = (24 + 7 * chars as i32, 22 + 16 * rows.len() as i32);
        let tx_ = if x + 10 + tw > w { x - 10 - tw } else { x + 10 };
        html! {
            <g class="tip" data-testid="chart-tooltip" data-index={i.to_string()}>
                <line class="cursor" x1={x.to_string()} y1={top.to_string()} x2={x.to_string()} y2={(top + plot_h).to_string()} />
                <rect x={tx_.to_string()} y={top.to_string()} width={tw.to_string()} height={th.to_string()} rx="6" />
                <text class="tip-title" x={(tx_ + 10).to_string()} y={(top + 16).to_string()}>{ &labels[i] }</text>
                { for rows.iter().enumerate().map(|(k, l)| html! {
                    <text x={(tx_ + 10).to_string()} y={(top + 34 + 16 * k as i32).to_string()}>{ l }</text>
                }) }
            </g>
        }
    });
    html! {
        <div class="chart-body">
            <svg class="chart line" viewBox={format!("0 0 {w} {h}")} role="img" onmouseleave={leave}
                aria-label={series.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")}>
                <g class="grid">
                    { for (0..=steps).map(|k| {
                        let v = step * k as f64;
                        let y = y_of(v);
                        html! { <>
                            <line x1={left.to_string()} y1={y.to_string()} x2={(w - right).to_string()} y2={y.to_string()} />
                            <text class="axis" x={(left - 6).to_string()} y={(y + 4).to_string()} text-anchor="end">{ fmt_axis(fmt, v) }</text>
                        </> }
                    }) }
                </g>
                { for labels.iter().enumerate().filter(|(i, _)| *i + 1 == n || (i % every == 0 && n - 1 - i >= every)).map(|(i, l)| html! {
                    <text class="axis" x={x_of(i).to_string()} y={(h - 10).to_string()} text-anchor="middle">{ l }</text>
                }) }
                { for series.iter().enumerate().map(|(k, s)| html! {
                    <g class="line-series" data-series={s.name.clone()}>
                        { for runs(&s.values).into_iter().map(|run| html! {
                            <polyline class={format!("series s{}", k % PALETTE)}
                                points={run.map(|i| format!("{},{}", x_of(i), y_of(s.values[i]))).collect::<Vec<_>>().join(" ")} />
                        }) }
                        { for s.values.iter().enumerate().filter(|(_, v)| v.is_finite()).map(|(i, v)| marker(k, x_of(i), y_of(*v))) }
                    </g>
                }) }
                { for (0..n).map(|i| html! {
                    // Each point's band, side by side without overlap.
                    <rect class="hit" x={(x_of(i) - col / 2).max(left).to_string()} y={top.to_string()}
                        width={((x_of(i) + col / 2).min(w - right) - (x_of(i) - col / 2).max(left)).max(8).to_string()}
                        height={plot_h.to_string()} onmouseenter={hover(i)} onclick={tap(i)} />
                }) }
                { tip.unwrap_or_default() }
            </svg>
            if series.len() > 1 { { legend(series) } }
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn bars(
    items: &[(String, f64)],
    fmt: Fmt,
    total: Option<f64>,
    compact: bool,
    active: Option<usize>,
    hover: Pick,
    tap: Pick,
    leave: Callback<MouseEvent>,
) -> Html {
    let (w, row, label_w) = (
        if compact { 340 } else { 640 },
        26,
        if compact { 118 } else { 210 },
    );
    let h = row * items.len() as i32 + 8;
    let max = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1e-9);
    let span = w - label_w - 64;
    let cut = if compact { 16 } else { 30 };
    html! {
        <div class="chart-body">
            <svg class="chart bars" viewBox={format!("0 0 {w} {h}")} role="img" onmouseleave={leave}>
                { for items.iter().enumerate().map(|(i, (label, v))| {
                    let y = 4 + row * i as i32;
                    let bw = ((span as f64) * (v / max)).round().max(1.0) as i32;
                    html! {
                        <g class={classes!("bar", (active == Some(i)).then_some("on"))} data-label={label.clone()} data-value={fmt_value(fmt, *v)}
                            onmouseenter={hover(i)} onclick={tap(i)}>
                            <text class="axis" x="0" y={(y + 16).to_string()}>{ short_label(label, cut) }</text>
                            <rect class="series-fill s0" x={label_w.to_string()} y={(y + 4).to_string()} width={bw.to_string()} height={(row - 10).to_string()} rx="3" />
                            <text class="value" x={(label_w + bw + 6).to_string()} y={(y + 16).to_string()}>{ fmt_value(fmt, *v) }</text>
                        </g>
                    }
                }) }
            </svg>
            { active.and_then(|i| items.get(i)).map(|(label, v)| html! {
                <p class="chart-tip" data-testid="chart-tooltip" role="status">
                    <strong>{ label }</strong>{ ": " }{ fmt_value(fmt, *v) }
                    { total.filter(|t| *t > 0.0).map(|t| format!(" ({})", percent(v / t))).unwrap_or_default() }
                </p>
            }).unwrap_or_default() }
        </div>
    }
}

/// sin and cos of `a` (radians), to well under a pixel for a 96-pixel
/// radius: a short series after folding into a quarter turn. The standard
/// library's would bring some 20 KB of wasm for the donut alone.
pub fn sin_cos(a: f64) -> (f64, f64) {
    use std::f64::consts::{FRAC_PI_2, TAU};
    let a = a.rem_euclid(TAU);
    let q = (a / FRAC_PI_2) as u32 % 4;
    let x = a - q as f64 * FRAC_PI_2 - std::f64::consts::FRAC_PI_4;
    // sin and cos of x in [-π/4, π/4].
    let x2 = x * x;
    let s = x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0 * (1.0 - x2 / 42.0 * (1.0 - x2 / 72.0))));
    let c = 1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0 * (1.0 - x2 / 56.0)));
    // Back from x = a' - π/4: sin(a') = (s + c)/√2, cos(a') = (c - s)/√2.
    let k = std::f64::consts::FRAC_1_SQRT_2;
    let (sn, cs) = ((s + c) * k, (c - s) * k);
    match q {
        0 => (sn, cs),
        1 => (cs, -sn),
        2 => (-sn, -cs),
        _ => (-cs, sn),
    }
}

fn donut(
    items: &[(String, f64)],
    active: Option<usize>,
    hover: Pick,
    tap: Pick,
    leave: Callback<MouseEvent>,
) -> Html {
    let total: f64 = items.iter().map(|i| i.1).sum();
    let share = |v: f64| if total > 0.0 { v / total } else { 0.0 };
    let (c, r, ri) = (110.0f64, 96.0f64, 58.0f64);
    let pt = |a: f64, rr: f64| {
        let (s, co) = sin_cos(a);
        ((c + rr * s).round() as i32, (c - rr * co).round() as i32)
    };
    let mut a0 = 0.0f64;
    let slices: Vec<Html> = items
        .iter()
        .enumerate()
        .map(|(i, (label, v))| {
            // A whole circle is drawn a hair short (an arc cannot end
            // where it starts).
            let sweep = (share(*v) * std::f64::consts::TAU).min(std::f64::consts::TAU - 1e-3);
            let a1 = a0 + sweep;
            let large = if sweep > std::f64::consts::PI { 1 } else { 0 };
            let ((x0, y0), (x1, y1), (xi1, yi1), (xi0, yi0)) = (pt(a0, r), pt(a1, r), pt(a1, ri), pt(a0, ri));
            a0 = a1;
            html! {
                <path class={classes!("slice", format!("s{}", i % PALETTE), (active == Some(i)).then_some("on"))} data-label={label.clone()}
                    d={format!("M {x0} {y0} A 96 96 0 {large} 1 {x1} {y1} L {xi1} {yi1} A 58 58 0 {large} 0 {xi0} {yi0} Z")}
                    onmouseenter={hover(i)} onclick={tap(i)} />
            }
        })
        .collect();
    let centre = match active.and_then(|i| items.get(i)) {
        Some((label, v)) => html! {
            <g data-testid="chart-tooltip">
                <text class="centre-value" x="110" y="108" text-anchor="middle">{ percent(share(*v)) }</text>
                <text class="centre-label" x="110" y="128" text-anchor="middle">{ format!("{} · {}", v.round() as i64, short_label(label, 18)) }</text>
            </g>
        },
        None => {
            html! { <text class="centre-value" x="110" y="116" text-anchor="middle">{ total.round() as i64 }</text> }
        }
    };
    html! {
        <div class="chart-body donut-body">
            <svg class="chart donut" viewBox="0 0 220 220" role="img" onmouseleave={leave}>
                <g class="slices">{ for slices.into_iter() }</g>
                { centre }
            </svg>
            <ul class="legend donut-legend">
                { for items.iter().enumerate().map(|(i, (label, v))| html! {
                    <li><span class={classes!("swatch", format!("s{}", i % PALETTE))} aria-hidden="true"></span>
                        <span class="legend-label">{ label }</span>
                        <span class="legend-value">{ format!("{} · {}", v.round() as i64, percent(share(*v))) }</span></li>
                }) }
            </ul>
        </div>
    }
}

fn short_label(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A three-point (or longer) trend in a table cell; its values in the
/// label for screen readers.
pub fn sparkline(values: &[f64], label: &str) -> Html {
    let (w, h) = (64, 22);
    let max = values.iter().copied().fold(0.0, f64::max).max(1e-9);
    let n = values.len();
    let at = |i: usize| {
        let x = if n > 1 {
            3 + (w - 6) * i as i32 / (n as i32 - 1)
        } else {
            w / 2
        };
        (
            x,
            h - 3 - ((h - 6) as f64 * (values[i] / max)).round() as i32,
        )
    };
    let last = (0..n).rev().find(|i| values[*i].is_finite()).map(at);
    html! {
        <svg class="sparkline" viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label.to_string()}>
            { for runs(values).into_iter().map(|run| html! {
                <polyline class="series s0" points={run.map(|i| { let (x, y) = at(i); format!("{x},{y}") }).collect::<Vec<_>>().join(" ")} />
            }) }
            if let Some((x, y)) = last { <circle class="mark s0" cx={x.to_string()} cy={y.to_string()} r="2.5" /> }
        </svg>
    }
}
