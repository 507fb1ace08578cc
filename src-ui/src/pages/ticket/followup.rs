//! 'Kirim Follow-Up' on a ticket (FU-SINGLE-1..4): templates loaded when the
//! dialog first opens, the message kept on the device until it is sent,
//! the preview and WhatsApp's window in the dialog, and a failed send that
//! keeps the text and offers 'Coba lagi'.

use super::drafts;
use super::state::{Change, TicketState};
use crate::bridge;
use crate::i18n::followup::tx;
use crate::i18n::Lang;
use crate::store::use_val;
use crate::store::Toast;
use crate::views::followup::{followup_dialog, FollowupDialogProps};
use saga_core::followup::Window;
use saga_core::outbox::Outcome;
use saga_core::{Template, TicketDetail};
use yew::prelude::*;

/// The dialog's state.
#[derive(Clone, PartialEq, Default)]
struct Draft {
    open: bool,
    template_id: Option<String>,
    message: String,
}

pub struct Followup {
    /// Opens the dialog.
    pub open: Callback<()>,
    pub dialog: Option<Html>,
}

/// Where the follow-up happens and for whom.
pub struct On<'a> {
    pub scope: &'a str,
    pub lang: Lang,
    pub agent: &'a str,
    pub detail: Option<&'a TicketDetail>,
    pub window: Window,
    pub ticket: UseReducerDispatcher<TicketState>,
    pub toast: Callback<Toast>,
}

#[hook]
pub fn use_followup(on: On<'_>) -> Followup {
    let scope = on.scope.to_string();
    let draft = {
        let scope = scope.clone();
        use_state(move || {
            let (template_id, message) = drafts::load_followup(&scope);
            Draft {
                open: false,
                template_id,
                message,
            }
        })
    };
    let templates = use_val(None::<Vec<Template>>);
    let busy = use_val(false);
    let error = use_val(None::<String>);
    let open = {
        let (draft, templates) = (draft.clone(), templates.clone());
        Callback::from(move |_| {
            draft.set(Draft {
                open: true,
                ..(*draft).clone()
            });
            if templates.is_none() {
                let templates = templates.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match bridge::followup::templates().await {
                        Ok(t) => templates.set(Some(t.templates)),
                        Err(_) => templates.set(Some(vec![])),
                    }
                });
            }
        })
    };
    let Some(detail) = on.detail.filter(|_| draft.open) else {
        return Followup { open, dialog: None };
    };
    let lang = on.lang;
    let list = (*templates).clone().unwrap_or_default();
    let save = {
        let (draft, scope) = (draft.clone(), scope.clone());
        move |d: Draft| {
            drafts::save_followup(&scope, d.template_id.as_deref(), &d.message);
            draft.set(d);
        }
    };
    let on_pick = {
        let (draft, list, save) = (draft.clone(), list.clone(), save.clone());
        Callback::from(move |id: String| {
            if let Some(tpl) = list.iter().find(|t| t.id == id) {
                save(Draft {
                    open: true,
                    template_id: Some(id),
                    message: tpl.body.clone(),
                });
            } else {
                draft.set((*draft).clone());
            }
        })
    };
    let on_input = {
        let (draft, save) = (draft.clone(), save.clone());
        Callback::from(move |message: String| {
            save(Draft {
                message,
                ..(*draft).clone()
            })
        })
    };
    let on_close = {
        let (draft, error) = (draft.clone(), error.clone());
        Callback::from(move |_| {
            error.set(None);
            draft.set(Draft {
                open: false,
                ..(*draft).clone()
            });
        })
    };
    let on_send = {
        let (draft, busy, error, scope) =
            (draft.clone(), busy.clone(), error.clone(), scope.clone());
        let (id, ticket, toast) = (detail.item.id.clone(), on.ticket.clone(), on.toast.clone());
        Callback::from(move |_| {
            let d = (*draft).clone();
            let (draft, busy, error, scope) =
                (draft.clone(), busy.clone(), error.clone(), scope.clone());
            let (id, ticket, toast) = (id.clone(), ticket.clone(), toast.clone());
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::followup::send_followup(&id, d.template_id.as_deref(), &d.message)
                    .await
                {
                    Ok(o) => {
                        let toast_now = match o {
                            Outcome::Done { value } => {
                                ticket.dispatch(Change::Sent(value));
                                Toast {
                                    kind: "success",
                                    text: tx(lang).sent.to_string(),
                                }
                            }
                            // It waits in the thread as 'gagal' and is retried.
                            Outcome::Queued { entry } => {
                                let why = entry.reason.clone().unwrap_or_default();
                                ticket.dispatch(Change::Queued(entry));
                                Toast {
                                    kind: "error",
                                    text: tx(lang).queued.replace("{}", why.trim_end_matches('.')),
                                }
                            }
                        };
                        drafts::clear_followup(&scope);
                        draft.set(Draft::default());
                        toast.emit(toast_now);
                    }
                    // Nothing typed is lost: the dialog stays with its text.
                    Err(e) => error.set(Some(
                        tx(lang)
                            .not_sent
                            .replace("{}", e.message().trim_end_matches('.')),
                    )),
                }
                busy.set(false);
            });
        })
    };
    let city = |k: &str| {
        detail
            .crm
            .crm_data
            .get(k)
            .and_then(|v| v.as_str())
            .map(|s| AttrValue::from(s.to_string()))
    };
    let dialog = html! {
        { followup_dialog(&yew::props!(FollowupDialogProps { lang, templates: list, template_id: draft.template_id.clone(), message: draft.message.clone(), customer: detail.item.customer_name.clone(), agent: on.agent.to_string(), origin: city("origin_city"), destination: city("destination_city"), window: on.window, busy: *busy, error: (*error).clone().map(AttrValue::from), on_pick, on_input, on_send, on_close })) }
    };
    Followup {
        open,
        dialog: Some(dialog),
    }
}
