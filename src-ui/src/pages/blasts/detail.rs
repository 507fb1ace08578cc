//! One blast (BLAST-4..7): who submitted it, the message, the recipients and
//! their previews; Approve (after a confirmation) or 'Tolak' with a reason
//! for SA/TL while it waits; then the progress and the response rates, live
//! from the stream or, while it is being sent, from polling.

use crate::bridge;
use crate::i18n::followup::tx;
use crate::i18n::{t, K};
use crate::store::use_val;
use crate::store::{use_lang, use_live_events, use_principal};
use crate::views::blasts::{blast_detail, DetailProps};
use crate::views::dialog::{confirm_dialog, DialogProps};
use saga_core::events::AppEvent;
use saga_core::{Blast, BlastStatus};
use yew::prelude::*;

/// While a blast is being sent the page asks for its progress this often
/// (the stream, when up, is faster).
const POLL_SENDING_MS: u32 = 1_500;

#[derive(Properties, PartialEq)]
pub struct BlastPageProps {
    pub id: String,
}

#[function_component(BlastPage)]
pub fn blast_page(p: &BlastPageProps) -> Html {
    let lang = use_lang();
    let me = use_principal();
    let blast = use_val(None::<Blast>);
    let error = use_val(None::<String>);
    let busy = use_val(false);
    let confirm = use_val(false);
    let rejecting = use_val(None::<String>);
    let reload = {
        let (id, blast, error) = (p.id.clone(), blast.clone(), error.clone());
        use_callback((), move |_: (), _| {
            let (id, blast, error) = (id.clone(), blast.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::blasts::blast_status(&id).await {
                    Ok(b) => blast.set(Some(b)),
                    Err(e) => error.set(Some(e.message().to_string())),
                }
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(p.id.clone(), move |_| {
            reload.emit(());
            || ()
        });
    }
    {
        let (reload, id) = (reload.clone(), p.id.clone());
        use_live_events(Callback::from(move |ev: AppEvent| {
            if let AppEvent::Blast { blast } = ev {
                if blast.id == id {
                    reload.emit(());
                }
            }
        }));
    }
    {
        // Real progress even without the stream.
        let sending = blast
            .as_ref()
            .is_some_and(|b| b.status == BlastStatus::Sending);
        let reload = reload.clone();
        use_effect_with(sending, move |sending| {
            let tick = sending.then(|| {
                gloo::timers::callback::Interval::new(POLL_SENDING_MS, move || reload.emit(()))
            });
            move || drop(tick)
        });
    }
    let Some(b) = (*blast).clone() else {
        return match &*error {
            Some(e) => html! { <div class="state error" role="alert">{ e.clone() }</div> },
            None => html! { <div class="state">{ t(lang, K::Loading) }</div> },
        };
    };
    let decide = {
        let (id, blast, error, busy) = (p.id.clone(), blast.clone(), error.clone(), busy.clone());
        move |reason: Option<String>| {
            let (id, blast, error, busy) = (id.clone(), blast.clone(), error.clone(), busy.clone());
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let r = match &reason {
                    None => bridge::blasts::blast_approve(&id).await,
                    Some(why) => bridge::blasts::blast_reject(&id, why).await,
                };
                match r {
                    Ok(next) => {
                        let recipients = blast
                            .as_ref()
                            .map(|b| b.recipients.clone())
                            .unwrap_or_default();
                        blast.set(Some(Blast { recipients, ..next }));
                    }
                    Err(e) => error.set(Some(e.message().to_string())),
                }
                busy.set(false);
            });
        }
    };
    let on_approve = {
        let confirm = confirm.clone();
        Callback::from(move |_| confirm.set(true))
    };
    let on_reject_open = {
        let rejecting = rejecting.clone();
        Callback::from(move |_| rejecting.set(Some(String::new())))
    };
    let on_reject_reason = {
        let rejecting = rejecting.clone();
        Callback::from(move |r: String| rejecting.set(Some(r)))
    };
    let on_reject_confirm = {
        let (rejecting, decide) = (rejecting.clone(), decide.clone());
        Callback::from(move |_| {
            if let Some(r) = (*rejecting).clone().filter(|r| !r.trim().is_empty()) {
                rejecting.set(None);
                decide(Some(r));
            }
        })
    };
    let dialog = confirm.then(|| {
        let (c1, c2, decide) = (confirm.clone(), confirm.clone(), decide.clone());
        html! {
            { confirm_dialog(&yew::props!(DialogProps { text: tx(lang).approve_confirm.replace("{}", &b.total.to_string()), ok_label: tx(lang).approve, cancel_label: t(lang, K::Cancel), on_ok: Callback::from(move |_| { c1.set(false); decide(None); }), on_cancel: Callback::from(move |_| c2.set(false)) })) }
        }
    });
    html! {
        <>
            { dialog.unwrap_or_default() }
            { blast_detail(&yew::props!(DetailProps { lang, me, blast: b, busy: *busy, error: (*error).clone().map(AttrValue::from), rejecting: (*rejecting).clone(), on_approve, on_reject_open, on_reject_reason, on_reject_confirm })) }
        </>
    }
}
