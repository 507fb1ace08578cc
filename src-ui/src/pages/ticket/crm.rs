//! The ticket's CRM form (PRD 3.5): unsaved values kept per user and ticket,
//! the core's own rules before anything is sent (Lost needs a reason,
//! CRIT-6), a 422 shown at its field, 'Buang perubahan' asking first.

use super::drafts::{self, CrmValues};
use super::state::{Change, TicketState};
use crate::bridge;
use crate::i18n::{t, Lang, K};
use crate::store::use_val;
use crate::views::crm::CrmForm;
use crate::views::dialog::{confirm_dialog, DialogProps};
use saga_core::crm::FieldError;
use saga_core::outbox::{Outcome, Pending};
use saga_core::{ApiError, TicketDetail};
use yew::prelude::*;

/// The form (when its tab is open) and the discard confirmation (when asked).
pub struct CrmEditor {
    pub form: Option<Html>,
    pub dialog: Option<Html>,
}

/// Whose form on which ticket, and how it is shown.
pub struct Where {
    /// The user/ticket scope of the unsaved values (`drafts::scope`).
    pub scope: String,
    pub id: String,
    pub lang: Lang,
    /// Whether the user may change this ticket (`Ask::EditTicket`).
    pub editable: bool,
    /// Whether the CRM tab is open (the form is built only then).
    pub open: bool,
    /// The newest CRM save of this ticket still waiting in the outbox.
    pub pending: Option<Pending>,
    /// 'Coba lagi' on it.
    pub on_retry: Callback<String>,
}

#[hook]
pub fn use_crm_editor(
    at: Where,
    detail: Option<&TicketDetail>,
    ticket: UseReducerDispatcher<TicketState>,
) -> CrmEditor {
    let Where {
        scope,
        id,
        lang,
        editable,
        open,
        pending,
        on_retry,
    } = at;
    let (scope, id) = (scope.as_str(), id.as_str());
    let draft = {
        let scope = scope.to_string();
        use_state(move || drafts::load_crm(&scope))
    };
    let errors = use_val(Vec::<FieldError>::new());
    let error = use_val(None::<String>);
    let saving = use_val(false);
    let saved = use_val(false);
    let confirm = use_val(false);
    // A save that waited in the outbox and has left it was delivered: the
    // form's values are the record now ('Tersimpan', as for a save made at
    // once), unless the person changed them again meanwhile.
    {
        let (saved, draft, scope) = (saved.clone(), draft.clone(), scope.to_string());
        let was = use_mut_ref(|| None::<saga_core::CrmUpdate>);
        let division = detail.map(|d| d.item.division);
        let waiting = pending.as_ref().and_then(|p| p.crm.clone());
        use_effect_with((waiting, division), move |(now, division)| {
            let before = was.borrow_mut().take();
            if let (Some(sent), None, Some(d)) = (before, now, division) {
                let same = (*draft)
                    .as_ref()
                    .is_none_or(|v| saga_core::crm::prepare(*d, v).ok().as_ref() == Some(&sent));
                if same {
                    drafts::clear_crm(&scope);
                    draft.set(None);
                    saved.set(true);
                }
            }
            *was.borrow_mut() = now.clone();
        });
    }
    let Some(detail) = detail else {
        return CrmEditor {
            form: None,
            dialog: None,
        };
    };
    let division = detail.item.division;
    let baseline = saga_core::crm::record_values(division, &detail.crm);
    let values = (*draft).clone().unwrap_or_else(|| baseline.clone());
    let dirty = draft.is_some() && values != baseline;

    let on_change = {
        let (draft, values, baseline) = (draft.clone(), values.clone(), baseline.clone());
        let (errors, saved, scope) = (errors.clone(), saved.clone(), scope.to_string());
        Callback::from(move |(name, v): (String, serde_json::Value)| {
            let mut m: CrmValues = values.clone();
            if v.is_null() {
                m.remove(&name);
            } else {
                m.insert(name.clone(), v);
            }
            if m == baseline {
                drafts::clear_crm(&scope);
                draft.set(None);
            } else {
                drafts::save_crm(&scope, &m);
                draft.set(Some(m));
            }
            errors.set(errors.iter().filter(|e| e.field != name).cloned().collect());
            saved.set(false);
        })
    };
    let on_save = {
        let (draft, values, id, scope) = (
            draft.clone(),
            values.clone(),
            id.to_string(),
            scope.to_string(),
        );
        let (errors, error, saving, saved) =
            (errors.clone(), error.clone(), saving.clone(), saved.clone());
        Callback::from(move |_| {
            // The same rules as the server: Lost without a reason is never
            // sent (CRM-SHARED-4, CRIT-6).
            if let Err(errs) = saga_core::crm::prepare(division, &values) {
                let why: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
                error.set(Some(
                    t(lang, K::CannotSaveYet).replace("{}", &why.join(" ")),
                ));
                errors.set(errs);
                return;
            }
            let (draft, values, id, scope, ticket) = (
                draft.clone(),
                values.clone(),
                id.clone(),
                scope.clone(),
                ticket.clone(),
            );
            let (errors, error, saving, saved) =
                (errors.clone(), error.clone(), saving.clone(), saved.clone());
            saving.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::tickets::update_crm(&id, division, &values).await {
                    // Kept in the outbox and retried: the values stay in the
                    // form (and on this device) until the server has them.
                    Ok(Outcome::Queued { entry }) => {
                        ticket.dispatch(Change::Queued(entry));
                        errors.set(Vec::new());
                    }
                    Ok(Outcome::Done { value: rec }) => {
                        ticket.dispatch(Change::Crm(rec));
                        drafts::clear_crm(&scope);
                        draft.set(None);
                        errors.set(Vec::new());
                        saved.set(true);
                    }
                    // A 422 shows in place; the values stay in the form.
                    Err(ApiError::Validation { field, message, .. }) => {
                        errors.set(vec![FieldError {
                            field: field.unwrap_or_else(|| "crm_stage".into()),
                            code: "server",
                            message: message.clone(),
                        }]);
                        error.set(Some(message));
                    }
                    Err(e) => error.set(Some(
                        t(lang, K::CrmNotSaved).replace("{}", e.message().trim_end_matches('.')),
                    )),
                }
                saving.set(false);
            });
        })
    };
    let on_discard = {
        let confirm = confirm.clone();
        Callback::from(move |_| confirm.set(true))
    };
    let status = pending
        .as_ref()
        .map(|p| crm_pending(lang, p, on_retry.clone()));
    let form = open.then(|| html! {
        <CrmForm pending={status} {lang} {division} record={detail.crm.clone()} {values} {editable} {dirty}
            saving={*saving} errors={(*errors).clone()} error={(*error).clone().map(AttrValue::from)}
            saved={*saved && pending.is_none()} {on_change} {on_save} {on_discard} />
    });
    let dialog = confirm.then(|| {
        let scope = scope.to_string();
        let (c1, c2) = (confirm.clone(), confirm.clone());
        let (draft, errors, error) = (draft.clone(), errors.clone(), error.clone());
        html! {
            { confirm_dialog(&yew::props!(DialogProps { text: t(lang, K::DiscardCrmConfirm), ok_label: t(lang, K::Discard), cancel_label: t(lang, K::Cancel), on_ok: Callback::from(move |_| {
                    drafts::clear_crm(&scope);
                    draft.set(None);
                    errors.set(Vec::new());
                    error.set(None);
                    c1.set(false);
                }), on_cancel: Callback::from(move |_| c2.set(false)) })) }
        }
    });
    CrmEditor { form, dialog }
}

/// A CRM save waiting in the outbox, in the footer of the form that holds
/// its values: 'Menyimpan…', or why it is not saved yet with 'Coba lagi'.
fn crm_pending(lang: Lang, p: &Pending, on_retry: Callback<String>) -> Html {
    let failed = p.failed();
    let key = p.key.clone();
    html! {
        <div class={classes!("crm-pending", "alert", if failed { "error" } else { "warn" })} role="status"
            data-testid="crm-pending" data-delivery={if failed { "failed" } else { "sending" }} data-outbox-key={p.key.clone()}>
            if failed {
                <span>{ t(lang, K::CrmNotSaved).replace("{}", p.reason.as_deref().unwrap_or_default().trim_end_matches('.')) }{ " " }
                    { t(lang, crate::views::ticket::retry_note(p)) }{ "." }</span>
                <button type="button" class="btn small" data-testid="outbox-retry"
                    onclick={Callback::from(move |_| on_retry.emit(key.clone()))}>{ t(lang, K::Retry) }</button>
            } else {
                <span>{ t(lang, K::Saving) }</span>
            }
        </div>
    }
}
