//! Sending from the composer, 'Balas sebagai Saga Team', and the outbox's
//! 'Coba lagi' and discard. A reply or note the server took goes into the
//! thread as returned (no reload); a reply the server could not take yet
//! waits in the outbox, shown as 'gagal' and retried; a refusal puts the text
//! back in the composer with the reason.

use super::state::{Change, Parts, TicketState};
use crate::bridge;
use crate::composer::{Composer, Edit, Layer, Outgoing};
use crate::i18n::{t, Lang, K};
use crate::views::ticket::effective_mode;
use saga_core::outbox::{Outcome, SendOutcome};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SendVia {
    Composer,
    SagaTeam,
}

/// What the send callback needs from the page.
#[derive(Clone)]
pub struct Sender {
    pub id: String,
    pub lang: Lang,
    pub composer: UseReducerHandle<Composer>,
    pub sending: UseStateHandle<bool>,
    pub error: UseStateHandle<Option<String>>,
    pub ticket: UseReducerDispatcher<TicketState>,
    /// The layers the user may write to, and whether they own the ticket's L1.
    pub l1_ok: bool,
    pub l2_ok: bool,
    pub owner_l1: bool,
}

impl Sender {
    /// One send path for the composer and for 'Balas sebagai Saga Team'.
    pub fn callback(self) -> Callback<SendVia> {
        Callback::from(move |via: SendVia| self.send(via))
    }

    fn send(&self, via: SendVia) {
        let mut c = (*self.composer).clone();
        match via {
            // The Saga Team reply always takes the L1 draft.
            SendVia::SagaTeam => c.switch(Layer::L1),
            // The layer actually offered (see TicketView); a plain L1 send
            // needs ownership.
            SendVia::Composer => {
                c.switch(effective_mode(c.mode, self.l1_ok, self.l2_ok));
                if c.mode == Layer::L1 && !self.owner_l1 {
                    return;
                }
            }
        }
        let layer = c.mode;
        // The request is built from what the person sees now; the draft is
        // cleared only once the write is taken, and then in the composer as
        // it is by then (see `Edit::Sent`).
        let Some(out) = c.take() else { return };
        let this = self.clone();
        self.sending.set(true);
        self.error.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            let id = this.id.as_str();
            let r: Result<Option<String>, saga_core::ApiError> = match (&out, via) {
                // Every write goes through the outbox: one the server could
                // not take yet waits where it was made as 'gagal' and is
                // retried.
                (Outgoing::L1(reply), SendVia::SagaTeam) => {
                    bridge::conversation::reply_as_saga_team(id, reply)
                        .await
                        .map(|o| this.l1(o))
                }
                (Outgoing::L1(reply), SendVia::Composer) => {
                    bridge::conversation::send_reply(id, reply)
                        .await
                        .map(|o| this.l1(o))
                }
                (Outgoing::L2(note), _) => bridge::conversation::send_internal_note(id, note)
                    .await
                    .map(|o| match o {
                        Outcome::Done { value } => {
                            this.ticket.dispatch(Change::Noted(value));
                            None
                        }
                        Outcome::Queued { entry } => this.queued(entry),
                    }),
            };
            match r {
                Ok(queued) => {
                    this.composer.dispatch(Edit::Sent(out));
                    if let Some(why) = queued {
                        let k = if layer == Layer::L2 {
                            K::NoteQueued
                        } else {
                            K::ReplyQueued
                        };
                        this.error.set(Some(
                            t(this.lang, k).replace("{}", why.trim_end_matches('.')),
                        ));
                    }
                }
                // Nothing typed is lost: the draft stays in the box.
                Err(e) => this.error.set(Some(format!(
                    "{}: {}",
                    saga_core::strings::DELIVERY_FAILED,
                    e.message()
                ))),
            }
            this.sending.set(false);
        });
    }
}

impl Sender {
    /// An L1 write's outcome: into the thread, or waiting there. Returns why
    /// it waits.
    fn l1(&self, o: SendOutcome) -> Option<String> {
        match o {
            Outcome::Done { value } => {
                self.ticket.dispatch(Change::Sent(value));
                None
            }
            Outcome::Queued { entry } => self.queued(entry),
        }
    }

    fn queued(&self, entry: saga_core::outbox::Pending) -> Option<String> {
        let why = entry.reason.clone().unwrap_or_default();
        self.ticket.dispatch(Change::Queued(entry));
        Some(why)
    }
}

/// 'Coba lagi' on a write in the outbox: same content, same idempotency key.
pub fn retry(
    reload: Callback<Parts>,
    ticket: UseReducerDispatcher<TicketState>,
    error: UseStateHandle<Option<String>>,
) -> Callback<String> {
    Callback::from(move |key: String| {
        let (reload, ticket, error) = (reload.clone(), ticket.clone(), error.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match bridge::outbox::outbox_retry(&key).await {
                // Delivered: what it made comes with the reload its event
                // brings.
                Ok(None) => {
                    error.set(None);
                    reload.emit(Parts {
                        detail: true,
                        messages: true,
                        notes: true,
                        outbox: true,
                        ..Parts::NONE
                    });
                }
                Ok(Some(entry)) => ticket.dispatch(Change::Queued(entry)),
                Err(e) => {
                    error.set(Some(e.message().to_string()));
                    reload.emit(Parts {
                        outbox: true,
                        ..Parts::NONE
                    });
                }
            }
        });
    })
}
