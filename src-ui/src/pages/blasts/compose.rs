//! The blast composer (BLAST-1..3): recipients from the day's leads by
//! filter or by hand, a template to edit, previews per recipient, submit.
//! What was typed is kept on the device until it is submitted.

use crate::bridge;
use crate::collections::SortedSet;
use crate::i18n::{t, K};
use crate::nav::Route;
use crate::store::local::LocalStorage;
use crate::store::use_val;
use crate::store::{use_lang, use_principal, use_user};
use crate::views::blasts::{resolve, BlastComposer, Mode};
use saga_core::access::sees_all_divisions;
use saga_core::{CrmStage, FollowUpCategory, Lead, Template};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The composer as the user left it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Draft {
    pub manual: bool,
    pub categories: SortedSet<FollowUpCategory>,
    pub stage: Option<String>,
    pub ticked: SortedSet<String>,
    pub template_id: Option<String>,
    pub message: String,
}

fn draft_key(user_id: &str) -> String {
    format!("saga.blast-draft.{user_id}")
}

#[function_component(BlastComposePage)]
pub fn blast_compose_page() -> Html {
    let lang = use_lang();
    let user = use_user();
    let me = use_principal();
    let navigator = use_navigator();
    let key = draft_key(&user.id);
    let draft = {
        let key = key.clone();
        use_state(move || LocalStorage::get::<Draft>(&key).unwrap_or_default())
    };
    let leads = use_val(None::<Rc<Vec<Lead>>>);
    let templates = use_val(Vec::<Template>::new());
    let busy = use_val(false);
    let error = use_val(None::<String>);
    let now = use_state(saga_core::time::now);
    {
        let (leads, templates, error, now) =
            (leads.clone(), templates.clone(), error.clone(), now.clone());
        let division = sees_all_divisions(&me).then_some("all");
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (l, tp) = futures_util::join!(
                    bridge::followup::recommendations(division),
                    bridge::followup::templates()
                );
                match l {
                    Ok(r) => leads.set(Some(Rc::new(r.leads))),
                    Err(e) => error.set(Some(e.message().to_string())),
                }
                if let Ok(tp) = tp {
                    templates.set(tp.templates);
                }
                now.set(saga_core::time::now());
            });
            || ()
        });
    }
    let change = {
        let (draft, key) = (draft.clone(), key.clone());
        move |f: &dyn Fn(&mut Draft)| {
            let mut d = (*draft).clone();
            f(&mut d);
            let _ = LocalStorage::set(&key, &d);
            draft.set(d);
        }
    };
    let Some(all) = (*leads).clone() else {
        return match &*error {
            Some(e) => html! { <div class="state error" role="alert">{ e.clone() }</div> },
            None => html! { <div class="state">{ t(lang, K::Loading) }</div> },
        };
    };
    let d = (*draft).clone();
    let mode = if d.manual { Mode::Manual } else { Mode::Filter };
    let stage = d.stage.as_deref().map(CrmStage::parse);
    let on_mode = {
        let change = change.clone();
        Callback::from(move |m: Mode| change(&|d| d.manual = m == Mode::Manual))
    };
    let on_category = {
        let change = change.clone();
        Callback::from(move |c: FollowUpCategory| {
            change(&|d| {
                d.categories.toggle(c.clone());
            })
        })
    };
    let on_stage = {
        let change = change.clone();
        Callback::from(move |s: Option<CrmStage>| {
            change(&|d| d.stage = s.as_ref().map(|s| s.as_str().to_string()))
        })
    };
    let on_tick = {
        let change = change.clone();
        Callback::from(move |id: String| {
            change(&|d| {
                d.ticked.toggle(id.clone());
            })
        })
    };
    let on_tick_all = {
        let (change, all) = (change.clone(), all.clone());
        Callback::from(move |on: bool| {
            change(&|d| {
                d.ticked = if on {
                    all.iter().map(|l| l.id.clone()).collect()
                } else {
                    SortedSet::new()
                }
            })
        })
    };
    let on_template = {
        let (change, templates) = (change.clone(), templates.clone());
        Callback::from(move |id: String| {
            let body = templates
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.body.clone());
            change(&|d| {
                d.template_id = Some(id.clone());
                if let Some(b) = &body {
                    d.message = b.clone();
                }
            })
        })
    };
    let on_message = {
        let change = change.clone();
        Callback::from(move |m: String| change(&|d| d.message = m.clone()))
    };
    let on_submit = {
        let (draft, all, busy, error, key) = (
            draft.clone(),
            all.clone(),
            busy.clone(),
            error.clone(),
            key.clone(),
        );
        Callback::from(move |_| {
            let d = (*draft).clone();
            let mode = if d.manual { Mode::Manual } else { Mode::Filter };
            let stage = d.stage.as_deref().map(CrmStage::parse);
            // The very list whose count the user saw (OQ-22).
            let ids: Vec<String> = resolve(&all, mode, &d.categories, stage.as_ref(), &d.ticked)
                .into_iter()
                .map(|l| l.id.clone())
                .collect();
            let (busy, error, key, navigator) =
                (busy.clone(), error.clone(), key.clone(), navigator.clone());
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::blasts::blast_create(&ids, d.template_id.as_deref(), &d.message).await
                {
                    Ok(b) => {
                        LocalStorage::delete(&key);
                        if let Some(n) = &navigator {
                            n.push(&Route::Blast { id: b.id });
                        }
                    }
                    Err(e) => error.set(Some(e.message().to_string())),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <BlastComposer {lang} leads={all} {mode} categories={d.categories.clone()} {stage} ticked={d.ticked.clone()}
            templates={(*templates).clone()} template_id={d.template_id.clone()} message={d.message.clone()}
            agent={user.name.clone()} now_s={*now} busy={*busy} error={(*error).clone().map(AttrValue::from)}
            {on_mode} {on_category} {on_stage} {on_tick} {on_tick_all} {on_template} {on_message} {on_submit} />
    }
}
