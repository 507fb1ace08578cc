//! What the ticket page shows, as a reducer of what arrives: the loads, the
//! answers to sends, and live changes. Pure, so it is tested natively.

use saga_core::events::AppEvent;
use saga_core::outbox::Pending;
use saga_core::{
    AuditEntry, CrmRecord, InternalMessage, Message, MessagePage, TicketDetail, TicketItem,
};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, PartialEq, Default, Debug)]
pub struct TicketState {
    pub detail: Option<TicketDetail>,
    /// The newest page of the L1 thread.
    pub messages: Vec<Message>,
    /// `None` while the user may not read L2 (DETAIL-L2-4).
    pub notes: Option<Vec<InternalMessage>>,
    /// The user's writes on this ticket not delivered yet.
    pub outbox: Vec<Pending>,
    /// The ticket's history (SA/TL only).
    pub audit: Option<Vec<AuditEntry>>,
    /// Older L1 messages loaded on request (kept across live reloads).
    pub older: Vec<Message>,
    /// All L1 messages on the server.
    pub total_messages: u64,
    /// Why the ticket could not be opened.
    pub error: Option<String>,
    /// Which load each part shown comes from.
    pub shown: Shown,
}

/// Per part, the number of the load whose answer is shown. Loads run side by
/// side (a live event, a retry and a send can each start one) and may finish
/// in another order than they started: an answer from a load started before
/// the one shown is older and is not applied (it would bring back a write
/// just delivered as waiting, or take a new message away).
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub struct Shown {
    detail: u64,
    messages: u64,
    notes: u64,
    outbox: u64,
    audit: u64,
}

/// Whether an answer of load `seq` is at least as new as the one shown
/// (and then it is the one shown).
fn newer(shown: &mut u64, seq: u64) -> bool {
    let fresh = seq >= *shown;
    if fresh {
        *shown = seq;
    }
    fresh
}

/// Which parts of the ticket to fetch (again).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Parts {
    pub detail: bool,
    pub messages: bool,
    pub notes: bool,
    pub outbox: bool,
    pub audit: bool,
}

impl Parts {
    pub const ALL: Parts = Parts {
        detail: true,
        messages: true,
        notes: true,
        outbox: true,
        audit: true,
    };
    pub const NONE: Parts = Parts {
        detail: false,
        messages: false,
        notes: false,
        outbox: false,
        audit: false,
    };

    pub fn any(self) -> bool {
        self != Parts::NONE
    }

    pub fn or(self, o: Parts) -> Parts {
        Parts {
            detail: self.detail || o.detail,
            messages: self.messages || o.messages,
            notes: self.notes || o.notes,
            outbox: self.outbox || o.outbox,
            audit: self.audit || o.audit,
        }
    }
}

/// What a live event means for the open ticket `id`: only the parts it
/// says changed are fetched again.
pub fn parts_for(ev: &AppEvent, id: &str) -> Parts {
    match ev {
        // Polling knows only that something changed.
        AppEvent::TicketsChanged { ticket_ids } if ticket_ids.is_empty() => Parts::ALL,
        // The outbox too: the retrier announces a CRM save it delivered
        // (or that failed again) this way, and a note or an L1 write below.
        AppEvent::TicketsChanged { ticket_ids } if ticket_ids.iter().any(|t| t == id) => Parts {
            detail: true,
            audit: true,
            outbox: true,
            ..Parts::NONE
        },
        // A new message.
        AppEvent::Message { ticket_id } if ticket_id == id => Parts {
            messages: true,
            outbox: true,
            ..Parts::NONE
        },
        AppEvent::InternalMessage { ticket_id } if ticket_id == id => Parts {
            notes: true,
            outbox: true,
            ..Parts::NONE
        },
        _ => Parts::NONE,
    }
}

/// The answers of one load; a part not asked for is `None`.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The load's number: loads are numbered in the order they start.
    pub seq: u64,
    pub detail: Option<Result<TicketDetail, String>>,
    pub messages: Option<MessagePage>,
    pub notes: Option<Vec<InternalMessage>>,
    pub outbox: Option<Vec<Pending>>,
    pub audit: Option<Vec<AuditEntry>>,
}

pub enum Change {
    Loaded(Box<Loaded>),
    /// An L1 message the server took (a reply, 'Balas sebagai Saga Team').
    Sent(Message),
    /// An internal note the server took.
    Noted(InternalMessage),
    /// A write kept in the outbox (not delivered yet).
    Queued(Pending),
    /// Older messages, loaded on request.
    Older(Vec<Message>),
    /// The ticket row as an action returned it (tag, takeover, assign).
    Item(Box<TicketItem>),
    /// The CRM record as saved.
    Crm(CrmRecord),
}

impl Reducible for TicketState {
    type Action = Change;
    fn reduce(self: Rc<Self>, c: Change) -> Rc<Self> {
        let mut s = (*self).clone();
        match c {
            Change::Loaded(l) => s.load(*l),
            Change::Sent(m) => s.sent(m),
            Change::Noted(n) => {
                if let Some(k) = n.idempotency_key.as_deref() {
                    s.outbox.retain(|e| e.key != k);
                }
                if let Some(notes) = s.notes.as_mut() {
                    if !notes.iter().any(|x| x.id == n.id) {
                        notes.push(n);
                    }
                }
            }
            Change::Queued(e) => match s.outbox.iter_mut().find(|x| x.key == e.key) {
                Some(x) => *x = e,
                None => s.outbox.push(e),
            },
            Change::Older(mut page) => {
                page.retain(|m| !s.older.iter().chain(&s.messages).any(|x| x.id == m.id));
                page.append(&mut s.older);
                s.older = page;
            }
            Change::Item(item) => {
                let item = *item;
                if let Some(d) = s.detail.as_mut() {
                    d.item = item;
                }
            }
            Change::Crm(rec) => {
                if let Some(d) = s.detail.as_mut() {
                    d.item.crm_stage = rec.crm_stage.clone();
                    d.item.quote_value = rec.quote_value;
                    d.item.deal_value = rec.deal_value;
                    d.crm = rec;
                }
            }
        }
        Rc::new(s)
    }
}

impl TicketState {
    fn load(&mut self, l: Loaded) {
        let seq = l.seq;
        match l.detail {
            Some(Ok(d)) if newer(&mut self.shown.detail, seq) => {
                // DETAIL-L2-4: L2 only where the server says it may be read.
                if !d.can_view_internal {
                    self.notes = None;
                }
                self.detail = Some(d);
                self.error = None;
            }
            // A ticket that cannot be opened says why; one already shown
            // stays as it is when a live reload fails.
            Some(Err(e)) if self.detail.is_none() => self.error = Some(e),
            _ => {}
        }
        let readable = self.detail.as_ref().is_some_and(|d| d.can_view_internal);
        if let Some(page) = l.messages.filter(|_| newer(&mut self.shown.messages, seq)) {
            self.total_messages = page.total;
            self.messages = page.items;
            let shown = &self.messages;
            self.older.retain(|o| !shown.iter().any(|m| m.id == o.id));
        }
        if let Some(n) = l
            .notes
            .filter(|_| readable && newer(&mut self.shown.notes, seq))
        {
            self.notes = Some(n);
        }
        if let Some(o) = l.outbox.filter(|_| newer(&mut self.shown.outbox, seq)) {
            self.outbox = o;
        }
        if let Some(a) = l.audit.filter(|_| newer(&mut self.shown.audit, seq)) {
            self.audit = Some(a);
        }
    }

    /// The thread gains the message the server took, once, and the pending
    /// entry with its idempotency key leaves the outbox.
    fn sent(&mut self, m: Message) {
        if let Some(k) = m.idempotency_key.as_deref() {
            self.outbox.retain(|e| e.key != k);
        }
        if !self.messages.iter().any(|x| x.id == m.id) {
            self.messages.push(m);
            self.total_messages += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn detail(can_view_internal: bool) -> TicketDetail {
        serde_json::from_value(json!({ "item": {
            "id": "T-1", "division": "SARI", "customer_id": "C-1", "customer_name": "Budi",
            "channel": "whatsapp", "status": "IN_PROGRESS", "queue_status": "ASSIGNED",
            "assigned_to": "U-1", "returning_customer": false, "off_hours": false,
            "crm_stage": "Lead", "created_at": "2026-11-23T07:05:00Z",
            "last_activity_at": "2026-11-23T07:05:00Z" },
            "crm": { "crm_stage": "Lead" }, "can_view_internal": can_view_internal
        }))
        .unwrap()
    }

    fn msg(id: &str, key: Option<&str>) -> Message {
        Message {
            id: id.into(),
            ticket_id: "T-1".into(),
            sender: saga_core::Sender::Agent,
            sender_name: Some("Rudi".into()),
            content: format!("pesan {id}"),
            confidence: None,
            delivery: saga_core::Delivery::Sent,
            created_at: "2026-11-23T07:06:00Z".into(),
            idempotency_key: key.map(Into::into),
        }
    }

    fn note(id: &str) -> InternalMessage {
        InternalMessage {
            id: id.into(),
            ticket_id: "T-1".into(),
            author_id: "U-tl".into(),
            author_name: "Lina".into(),
            content: "catatan".into(),
            tagged_agent_id: None,
            tagged_agent_name: None,
            created_at: "2026-11-23T07:06:00Z".into(),
            idempotency_key: None,
        }
    }

    /// The reply 'pesan M-3' waiting in the outbox with key k-3.
    fn waiting_reply() -> Pending {
        saga_core::outbox::OutboxEntry::reply(
            "U-1",
            "T-1",
            "pesan M-3",
            "k-3".into(),
            String::new(),
            0,
        )
        .pending()
    }

    fn opened(can_view_internal: bool) -> Rc<TicketState> {
        Rc::new(TicketState::default()).reduce(Change::Loaded(Box::new(Loaded {
            seq: 0,
            detail: Some(Ok(detail(can_view_internal))),
            messages: Some(MessagePage {
                items: vec![msg("M-1", None), msg("M-2", None)],
                total: 40,
            }),
            notes: Some(vec![note("I-1")]),
            outbox: Some(vec![]),
            audit: None,
        })))
    }

    #[test]
    fn a_sent_reply_joins_the_thread_once_and_leaves_the_outbox() {
        let s = opened(true);
        let pending = waiting_reply();
        let s = s.reduce(Change::Queued(pending));
        assert_eq!(s.outbox.len(), 1);
        let s = s.reduce(Change::Sent(msg("M-3", Some("k-3"))));
        assert_eq!(s.messages.last().map(|m| m.id.as_str()), Some("M-3"));
        assert!(s.outbox.is_empty(), "shown once, not also as pending");
        assert_eq!(s.total_messages, 41);
        // The live reload that follows brings the same message again.
        let s = s.reduce(Change::Sent(msg("M-3", Some("k-3"))));
        assert_eq!(s.messages.iter().filter(|m| m.id == "M-3").count(), 1);
        assert_eq!(s.total_messages, 41);
    }

    #[test]
    fn a_note_joins_l2_only_where_l2_is_shown() {
        let s = opened(true).reduce(Change::Noted(note("I-2")));
        assert_eq!(s.notes.as_ref().map(Vec::len), Some(2));
        let hidden = opened(false);
        assert_eq!(hidden.notes, None, "DETAIL-L2-4: not readable, not kept");
        assert_eq!(hidden.reduce(Change::Noted(note("I-2"))).notes, None);
    }

    #[test]
    fn a_failed_reload_keeps_what_is_shown_and_a_failed_open_says_why() {
        let s = opened(true).reduce(Change::Loaded(Box::new(Loaded {
            detail: Some(Err("Server tidak dapat dihubungi.".into())),
            ..Loaded::default()
        })));
        assert!(s.detail.is_some() && s.error.is_none());
        assert_eq!(s.messages.len(), 2);
        let fresh = Rc::new(TicketState::default()).reduce(Change::Loaded(Box::new(Loaded {
            detail: Some(Err("Tiket tidak ditemukan.".into())),
            ..Loaded::default()
        })));
        assert_eq!(fresh.error.as_deref(), Some("Tiket tidak ditemukan."));
    }

    /// Two live reloads that finish in the other order: the one started
    /// first does not bring back a delivered write as waiting, nor take the
    /// message it became away (issue 17: the CRM save that stayed
    /// 'gagal' after it was saved).
    #[test]
    fn an_older_reload_that_finishes_last_does_not_undo_a_newer_one() {
        let waiting = waiting_reply();
        let newer = Loaded {
            seq: 2,
            messages: Some(MessagePage {
                items: vec![msg("M-2", None), msg("M-3", Some("k-3"))],
                total: 41,
            }),
            outbox: Some(vec![]),
            ..Loaded::default()
        };
        let older = Loaded {
            seq: 1,
            messages: Some(MessagePage {
                items: vec![msg("M-2", None)],
                total: 40,
            }),
            outbox: Some(vec![waiting.clone()]),
            ..Loaded::default()
        };
        let s = opened(true)
            .reduce(Change::Loaded(Box::new(newer)))
            .reduce(Change::Loaded(Box::new(older)));
        assert!(
            s.outbox.is_empty(),
            "a delivered write shown as waiting again"
        );
        assert_eq!(s.messages.len(), 2);
        assert_eq!(s.total_messages, 41);
        // In their own order both apply.
        let s = opened(true)
            .reduce(Change::Loaded(Box::new(Loaded {
                seq: 1,
                outbox: Some(vec![waiting]),
                ..Loaded::default()
            })))
            .reduce(Change::Loaded(Box::new(Loaded {
                seq: 2,
                outbox: Some(vec![]),
                ..Loaded::default()
            })));
        assert!(s.outbox.is_empty());
    }

    #[test]
    fn older_messages_stay_across_reloads_without_doubles() {
        let s = opened(true).reduce(Change::Older(vec![msg("M-0", None), msg("M-1", None)]));
        assert_eq!(
            s.older.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
            vec!["M-0"],
            "M-1 is already in the newest page"
        );
        let s = s.reduce(Change::Loaded(Box::new(Loaded {
            messages: Some(MessagePage {
                items: vec![msg("M-2", None), msg("M-3", None)],
                total: 41,
            }),
            ..Loaded::default()
        })));
        assert_eq!(s.older.len(), 1);
        assert_eq!(s.messages.len(), 2);
    }

    #[test]
    fn live_events_reload_only_what_they_say_changed() {
        let id = "T-1";
        let ev = |e| parts_for(&e, id);
        assert_eq!(
            ev(AppEvent::TicketsChanged { ticket_ids: vec![] }),
            Parts::ALL
        );
        let row = ev(AppEvent::TicketsChanged {
            ticket_ids: vec!["T-1".into()],
        });
        assert!(row.detail && row.audit && !row.messages && !row.notes);
        let m = ev(AppEvent::Message {
            ticket_id: "T-1".into(),
        });
        assert!(m.messages && m.outbox && !m.detail);
        let n = ev(AppEvent::InternalMessage {
            ticket_id: "T-1".into(),
        });
        assert_eq!(
            n,
            Parts {
                notes: true,
                outbox: true,
                ..Parts::NONE
            }
        );
        for other in [
            AppEvent::Message {
                ticket_id: "T-2".into(),
            },
            AppEvent::TicketsChanged {
                ticket_ids: vec!["T-2".into()],
            },
            AppEvent::InternalMessage {
                ticket_id: "T-2".into(),
            },
        ] {
            assert!(
                !ev(other).any(),
                "another ticket's event loads nothing here"
            );
        }
    }
}
