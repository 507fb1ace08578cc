//! 'Follow-Up Hari Ini' (FU-REC-1..3, API-21): the day's leads by category,
//! filtered by category and (SA/TL) division in the route, reloaded when a
//! lead changes; each row opens its ticket.

use crate::bridge;
use crate::i18n::followup::{category, tx};
use crate::i18n::{t, K};
use crate::nav::Route;
use crate::store::use_val;
use crate::store::{use_lang, use_principal, use_tickets_rev};
use crate::views::followup::LeadList;
use saga_core::access::sees_all_divisions;
use saga_core::{Division, FollowUpCategory, Lead};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The page's filters, kept in the route (`#/followup?category=PANAS`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FollowupQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
}

/// A live change reloads the list after this quiet time, so a burst of
/// changes costs one reload.
const RELOAD_AFTER_MS: u32 = 800;

/// The leads of one category, or all.
pub fn filtered(leads: &[Lead], c: Option<FollowUpCategory>) -> Vec<Lead> {
    leads
        .iter()
        .filter(|l| c.as_ref().is_none_or(|c| &l.category == c))
        .cloned()
        .collect()
}

#[function_component(FollowupPage)]
pub fn followup_page() -> Html {
    let lang = use_lang();
    let me = use_principal();
    let rev = use_tickets_rev();
    let all_divisions = sees_all_divisions(&me);
    let location = use_location();
    let navigator = use_navigator();
    let q: FollowupQuery = location
        .as_ref()
        .and_then(|l| l.query::<FollowupQuery>().ok())
        .unwrap_or_default();
    let cat = q
        .category
        .as_deref()
        .map(FollowUpCategory::parse)
        .filter(FollowUpCategory::is_known);
    let division = all_divisions.then(|| q.division.clone().unwrap_or_else(|| "all".into()));
    let leads = use_val(None::<Rc<Vec<Lead>>>);
    let error = use_val(None::<String>);
    // Tickets whose follow-up from this user still waits in the outbox.
    let waiting = use_val(Rc::new(Vec::<String>::new()));
    let retry = use_val(0u32);
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    // Loads in flight at once (a filter change, a live reload) apply in the
    // order they started, and a live reload asks for the filter shown when
    // it fires, not the one when the change came.
    let latest = use_mut_ref(|| 0u64);
    let shown_division = use_mut_ref(|| division.clone());
    *shown_division.borrow_mut() = division.clone();
    let loader = Loader {
        leads: leads.clone(),
        error: error.clone(),
        waiting: waiting.clone(),
        latest,
    };
    {
        let (loader, division) = (loader.clone(), division.clone());
        use_effect_with((division.clone(), *retry), move |_| {
            loader.load(division);
            || ()
        });
    }
    {
        // Live: a lead changed (stage, activity, owner).
        let first = use_mut_ref(|| true);
        use_effect_with(rev, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    RELOAD_AFTER_MS,
                    move || loader.load(shown_division.borrow().clone()),
                ));
            }
            || ()
        });
    }
    let go = {
        let (navigator, q) = (navigator.clone(), q.clone());
        move |f: &dyn Fn(&mut FollowupQuery)| {
            let mut next = q.clone();
            f(&mut next);
            if let Some(n) = &navigator {
                let _ = n.push_with_query(&Route::Followup, &next);
            }
        }
    };
    let tt = tx(lang);
    let all = leads.as_ref().map(|l| l.as_slice()).unwrap_or(&[]);
    let count = |c: &FollowUpCategory| all.iter().filter(|l| &l.category == c).count();
    let chips = html! {
        <div class="segmented cat-filter" role="group" data-testid="followup-filter-category">
            <button type="button" class={classes!("seg", cat.is_none().then_some("active"))} data-category=""
                onclick={{ let go = go.clone(); Callback::from(move |_| go(&|q| q.category = None)) }}>
                { tt.all_categories }{ format!(" ({})", all.len()) }</button>
            { for FollowUpCategory::ALL.iter().map(|c| {
                let go = go.clone();
                let on = cat.as_ref() == Some(c);
                let name = c.as_str();
                html! {
                    <button type="button" class={classes!("seg", crate::views::followup::category_class(c), on.then_some("active"))}
                        data-category={name} aria-pressed={on.to_string()}
                        onclick={Callback::from(move |_| go(&|q| q.category = Some(name.to_string())))}>
                        { format!("{} ({})", category(lang, c), count(c)) }</button>
                }
            }) }
        </div>
    };
    let division_filter = all_divisions.then(|| {
        let go = go.clone();
        let current = q.division.clone().unwrap_or_default();
        html! {
            <label class="filter">
                <span class="small muted">{ t(lang, K::Division) }</span>
                <select data-testid="followup-filter-division" onchange={Callback::from(move |e: Event| {
                    use wasm_bindgen::JsCast;
                    let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default();
                    go(&|q| q.division = (!v.is_empty()).then(|| v.clone()));
                })}>
                    <option value="" selected={current.is_empty()}>{ t(lang, K::AllDivisions) }</option>
                    { for Division::ALL.iter().map(|d| html! {
                        <option value={d.as_str()} selected={current == d.as_str()}>{ d.as_str() }</option>
                    }) }
                </select>
            </label>
        }
    });
    let body = match (&*leads, &*error) {
        (_, Some(e)) => {
            let retry = retry.clone();
            html! {
                <div class="state error" role="alert">{ e.clone() }{ " " }
                    <button type="button" class="btn small" onclick={Callback::from(move |_| retry.set(*retry + 1))}>{ t(lang, K::Retry) }</button>
                </div>
            }
        }
        (None, None) => html! { <div class="state">{ t(lang, K::Loading) }</div> },
        (Some(l), None) => {
            let shown = Rc::new(filtered(l, cat));
            if shown.is_empty() {
                html! { <div class="empty-state" data-testid="followup-empty"><p>{ if l.is_empty() { tt.empty } else { tt.empty_filtered } }</p></div> }
            } else {
                html! { <LeadList {lang} leads={shown} show_division={all_divisions} waiting={(*waiting).clone()} /> }
            }
        }
    };
    html! {
        <section class="followup-page">
            <p class="muted">{ tt.intro }</p>
            <div class="filters">{ chips }{ division_filter.unwrap_or_default() }</div>
            { body }
        </section>
    }
}

/// What a load of the list fills in.
#[derive(Clone)]
struct Loader {
    leads: UseStateHandle<Option<Rc<Vec<Lead>>>>,
    error: UseStateHandle<Option<String>>,
    waiting: UseStateHandle<Rc<Vec<String>>>,
    /// The number of the newest load started; an older one's answer is
    /// dropped (it would show the list of a filter no longer chosen).
    latest: Rc<std::cell::RefCell<u64>>,
}

impl Loader {
    fn load(&self, division: Option<String>) {
        let this = self.clone();
        let seq = {
            let mut n = self.latest.borrow_mut();
            *n += 1;
            *n
        };
        let current = move || *this.latest.borrow() == seq;
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let waiting = bridge::outbox::outbox_list(None).await;
            let answer = bridge::followup::recommendations(division.as_deref()).await;
            if !current() {
                return;
            }
            if let Ok(w) = waiting {
                this.waiting.set(Rc::new(
                    w.into_iter()
                        .filter(|p| p.kind == saga_core::outbox::WriteKind::FollowUp)
                        .map(|p| p.ticket_id)
                        .collect(),
                ));
            }
            match answer {
                Ok(r) => {
                    this.error.set(None);
                    this.leads.set(Some(Rc::new(r.leads)));
                }
                // A list already shown stays; say why it could not refresh.
                Err(e) if this.leads.is_none() => this.error.set(Some(e.message().to_string())),
                Err(_) => {}
            }
        });
    }
}
