//! Blasts (PRD 3.6, BLAST-1..7): the list by state (`#/blasts`), the
//! composer (`#/blasts/new`) and one blast with its approval
//! (`#/blasts/<id>`). Nothing here sends a blast: the server does, after a
//! supervisor approved it (CRIT-5).

pub mod compose;
pub mod detail;

use crate::bridge;
use crate::i18n::followup::tx;
use crate::i18n::{t, K};
use crate::store::use_val;
use crate::store::{use_lang, use_live_events, use_principal};
use crate::views::blasts::{blast_list, BlastListProps};
use saga_core::access::{can, Perm};
use saga_core::events::AppEvent;
use saga_core::Blast;
use std::rc::Rc;
use yew::prelude::*;

/// While the list is shown it also looks again this often, so progress
/// moves when the event stream is down (polling).
const REFRESH_MS: u32 = 5_000;

#[function_component(BlastsPage)]
pub fn blasts_page() -> Html {
    let lang = use_lang();
    let me = use_principal();
    let blasts = use_val(None::<Rc<Vec<Blast>>>);
    let error = use_val(None::<String>);
    let reload = {
        let (blasts, error) = (blasts.clone(), error.clone());
        use_callback((), move |_: (), _| {
            let (blasts, error) = (blasts.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::blasts::blasts().await {
                    Ok(l) => {
                        error.set(None);
                        blasts.set(Some(Rc::new(l.blasts)));
                    }
                    Err(e) => error.set(Some(e.message().to_string())),
                }
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| {
            reload.emit(());
            let tick = gloo::timers::callback::Interval::new(REFRESH_MS, move || reload.emit(()));
            move || drop(tick)
        });
    }
    {
        let reload = reload.clone();
        use_live_events(Callback::from(move |ev: AppEvent| {
            if matches!(ev, AppEvent::Blast { .. }) {
                reload.emit(());
            }
        }));
    }
    let tt = tx(lang);
    html! {
        <section class="blasts-page">
            <div class="list-head">
                <span class="muted">{ tt.blasts }</span>
                if can(&me, Perm::SubmitBlast) {
                    <a class="btn primary" href="#/blasts/new" data-testid="blast-compose">{ tt.new_blast }</a>
                }
            </div>
            if let Some(e) = &*error { <p class="alert error" role="alert">{ e.clone() }</p> }
            { match &*blasts {
                Some(b) => html! { { blast_list(&yew::props!(BlastListProps { lang, me: me.clone(), blasts: b.clone() })) } },
                None if error.is_none() => html! { <div class="state">{ t(lang, K::Loading) }</div> },
                None => html! {},
            } }
        </section>
    }
}
