//! Analytics per division and per agent, and report export (PRD 3.7, 3.10,
//! API-17..20). The tab, the period, the division and the agent opened
//! live in the route (`#/analytics?tab=agent&period=custom&start=..`), so
//! a view can be reopened and shared. What is shown stays while the next
//! period loads. An agent sees their own division and their own figures
//! (OQ-11); export is offered only where PERM-12 allows.

use crate::bridge;
use crate::i18n::analytics::tx;
use crate::nav::Route;
use crate::store::hooks::{use_live_events, use_toast};
use crate::store::{use_compact, use_lang, use_principal, use_val, Toast};
use crate::views::analytics::{
    agent_drilldown, division_view, AgentTable, AnalyticsFilters, ExportForm, ExportState,
};
use saga_core::access::{access, is_supervisor, Perm};
use saga_core::analytics::{
    period_range, AgentAnalytics, DivisionAnalytics, ExportFormat, PeriodKind,
};
use saga_core::events::AppEvent;
use saga_core::DateRange;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The page's state in the route.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AnalyticsQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
}

fn bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{},{} MB", n >> 20, ((n % (1 << 20)) * 10) >> 20)
    } else {
        format!("{} KB", n.div_ceil(1024))
    }
}

#[function_component(AnalyticsPage)]
pub fn analytics_page() -> Html {
    let lang = use_lang();
    let me = use_principal();
    let compact = use_compact();
    let toast = use_toast();
    let t = tx(lang);
    let location = use_location();
    let navigator = use_navigator();
    let q: AnalyticsQuery = location
        .as_ref()
        .and_then(|l| l.query::<AnalyticsQuery>().ok())
        .unwrap_or_default();
    let supervisor = is_supervisor(&me);
    let tab: &'static str = if q.tab.as_deref() == Some("agent") {
        "agent"
    } else {
        "division"
    };
    let kind = q
        .period
        .as_deref()
        .and_then(PeriodKind::parse)
        .unwrap_or(PeriodKind::Monthly);
    let now = saga_core::time::now();
    let (range, range_error) = match period_range(kind, now, q.start.as_deref(), q.end.as_deref()) {
        Ok(r) => (r, None),
        Err(e) => (
            period_range(PeriodKind::Monthly, now, None, None).expect("a month is a range"),
            Some(e),
        ),
    };
    // SA and TL choose (all by default); an agent's division is theirs.
    let division: String = if supervisor {
        q.division.clone().unwrap_or_else(|| "all".into())
    } else {
        me.division.as_str().to_string()
    };
    let data = use_val(None::<Rc<DivisionAnalytics>>);
    let own = use_val(None::<Rc<AgentAnalytics>>);
    let loading = use_val(false);
    let error = use_val(None::<String>);
    // Each load is numbered: an answer to an older choice of period or
    // division that arrives late is dropped, never shown over the newer.
    let seq = use_mut_ref(|| 0u32);
    {
        let (data, own, loading, error) =
            (data.clone(), own.clone(), loading.clone(), error.clone());
        let me_id = me.id.clone();
        let seq = seq.clone();
        use_effect_with(
            (division.clone(), range.clone()),
            move |(division, range)| {
                let (division, range) = (division.clone(), range.clone());
                let mine = {
                    let mut n = seq.borrow_mut();
                    *n += 1;
                    *n
                };
                loading.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    let (d, a) = if supervisor {
                        (bridge::analytics::division(&division, &range).await, None)
                    } else {
                        let (d, a) = futures_util::join!(
                            bridge::analytics::division(&division, &range),
                            bridge::analytics::agent(&me_id, &range)
                        );
                        (d, Some(a))
                    };
                    if *seq.borrow() != mine {
                        return;
                    }
                    loading.set(false);
                    match d {
                        Ok(d) => {
                            data.set(Some(Rc::new(d)));
                            error.set(None);
                        }
                        Err(e) => error.set(Some(e.message().to_string())),
                    }
                    match a {
                        Some(Ok(a)) => own.set(Some(Rc::new(a))),
                        Some(Err(e)) => error.set(Some(e.message().to_string())),
                        None => {}
                    }
                });
                || ()
            },
        );
    }
    let go = {
        let (navigator, q) = (navigator.clone(), q.clone());
        move |change: &dyn Fn(&mut AnalyticsQuery)| {
            let mut next = q.clone();
            change(&mut next);
            if let Some(n) = &navigator {
                let _ = n.push_with_query(&Route::Analytics, &next);
            }
        }
    };
    let go = Rc::new(go);
    let on_tab = {
        let go = go.clone();
        Callback::from(move |tab: &'static str| {
            go(&|q| {
                q.tab = (tab == "agent").then(|| "agent".into());
                q.agent = None;
            })
        })
    };
    let on_period = {
        let (go, range) = (go.clone(), range.clone());
        Callback::from(move |k: PeriodKind| {
            let r = range.clone();
            go(&|q| {
                q.period = Some(k.as_str().into());
                if k == PeriodKind::Custom {
                    // Start from what is shown.
                    q.start = Some(r.start.clone());
                    q.end = Some(r.end.clone());
                } else {
                    q.start = None;
                    q.end = None;
                }
            })
        })
    };
    let on_range = {
        let go = go.clone();
        Callback::from(move |(a, b): (String, String)| {
            go(&|q| {
                q.period = Some("custom".into());
                q.start = Some(a.clone());
                q.end = Some(b.clone());
            })
        })
    };
    let on_division = {
        let go = go.clone();
        Callback::from(move |d: String| go(&|q| q.division = (d != "all").then(|| d.clone())))
    };
    let on_open_agent = {
        let go = go.clone();
        Callback::from(move |id: String| {
            go(&|q| {
                q.tab = Some("agent".into());
                q.agent = Some(id.clone());
            })
        })
    };
    let on_back = {
        let go = go.clone();
        Callback::from(move |_| go(&|q| q.agent = None))
    };

    // Export (EXPORT-1..5).
    let can_export = access(&me, Perm::Export).allowed();
    let export = use_val(None::<ExportFormat>);
    let export_state = use_val(None::<ExportState>);
    {
        let st = export_state.clone();
        use_live_events(Callback::from(move |ev: AppEvent| {
            if let AppEvent::ExportProgress { received, total } = ev {
                if matches!(*st, Some(ExportState::Working { .. })) {
                    let shown = match total {
                        Some(t) if t > 0 => format!("{} / {}", bytes(received), bytes(t)),
                        _ => bytes(received),
                    };
                    st.set(Some(ExportState::Working {
                        progress: Some(tx(lang).downloading.replace("{}", &shown)),
                    }));
                }
            }
        }));
    }
    let on_submit = {
        let st = export_state.clone();
        Callback::from(
            move |(format, division, start, end): (ExportFormat, String, String, String)| {
                let st = st.clone();
                st.set(Some(ExportState::Working { progress: None }));
                wasm_bindgen_futures::spawn_local(async move {
                    let r = bridge::analytics::export(format, &division, &DateRange { start, end })
                        .await;
                    st.set(Some(match r {
                        Ok(done) => ExportState::Ready {
                            id: done.id,
                            name: format!("{} ({})", done.location, bytes(done.bytes)),
                        },
                        Err(e) => ExportState::Failed {
                            message: e.message().to_string(),
                        },
                    }));
                });
            },
        )
    };
    let after = |toast: Callback<Toast>, r: Result<(), saga_core::ApiError>| {
        if let Err(e) = r {
            toast.emit(Toast {
                kind: "error",
                text: e.message().to_string(),
            });
        }
    };
    let on_open = {
        let toast = toast.clone();
        Callback::from(move |id: String| {
            let toast = toast.clone();
            wasm_bindgen_futures::spawn_local(async move {
                after(toast, bridge::analytics::open(&id).await)
            });
        })
    };
    let on_reveal = {
        let toast = toast.clone();
        Callback::from(move |id: String| {
            let toast = toast.clone();
            wasm_bindgen_futures::spawn_local(async move {
                after(toast, bridge::analytics::reveal(&id).await)
            });
        })
    };
    let on_close = {
        let (e, s) = (export.clone(), export_state.clone());
        Callback::from(move |_| {
            e.set(None);
            s.set(None);
        })
    };
    let export_buttons = can_export.then(|| {
        let (e1, e2, s1, s2) = (export.clone(), export.clone(), export_state.clone(), export_state.clone());
        html! {
            <div class="export-buttons">
                <button type="button" class="btn" data-testid="export-excel"
                    onclick={Callback::from(move |_| { s1.set(None); e1.set(Some(ExportFormat::Excel)) })}>{ saga_core::strings::EXPORT_EXCEL }</button>
                <button type="button" class="btn" data-testid="export-pdf"
                    onclick={Callback::from(move |_| { s2.set(None); e2.set(Some(ExportFormat::Pdf)) })}>{ saga_core::strings::EXPORT_PDF }</button>
            </div>
        }
    });
    let dialog = (*export).filter(|_| can_export).map(|format| {
        html! {
            <ExportForm {lang} me={me.clone()} {format} division={division.clone()} range={range.clone()}
                state={(*export_state).clone()} {on_submit} {on_open} {on_reveal} {on_close} />
        }
    });

    // The agents' table gets the same list until new figures arrive (keyed
    // by the answer, not by comparing it), so a re-render copies nothing.
    let agents = {
        let d = (*data).clone();
        use_memo(d.as_ref().map(|d| Rc::as_ptr(d) as usize), move |_| {
            Rc::new(d.map(|d| d.agents.clone()).unwrap_or_default())
        })
    };
    let body = match (&*data, tab) {
        (None, _) if error.is_some() => html! {},
        (None, _) => {
            html! { <div class="state" data-testid="analytics-loading">{ t.loading }</div> }
        }
        (Some(d), "division") => division_view(lang, d, compact),
        (Some(d), _) if supervisor => match q
            .agent
            .as_ref()
            .and_then(|id| d.agents.iter().find(|a| &a.agent.id == id))
        {
            Some(a) => agent_drilldown(lang, a, compact, Some(on_back)),
            None => {
                html! { <AgentTable {lang} agents={(*agents).clone()} on_open={on_open_agent} /> }
            }
        },
        (Some(_), _) => match &*own {
            Some(a) => html! { <>
                <p class="muted small">{ t.own_figures }</p>
                { agent_drilldown(lang, a, compact, None) }
            </> },
            None => html! { <div class="state">{ t.loading }</div> },
        },
    };
    html! {
        <section class={classes!("analytics-page", (*loading).then_some("busy"))} data-testid="analytics" data-tab={tab} aria-busy={loading.to_string()}>
            <div class="analytics-top">
                <AnalyticsFilters {lang} me={me.clone()} tab={tab} {kind} range={range.clone()} division={division.clone()}
                    error={range_error.map(AttrValue::from).or_else(|| (*error).clone().map(AttrValue::from))}
                    {on_tab} {on_period} {on_range} {on_division} />
                { export_buttons.unwrap_or_default() }
            </div>
            { body }
            { dialog.unwrap_or_default() }
        </section>
    }
}
