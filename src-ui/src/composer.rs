//! The message composer's state (DETAIL-L2-3, SEC-5). Each layer has its own
//! draft; switching the mode never moves text between them; sending builds
//! the request type of the current layer from that layer's draft only.

use saga_core::{InternalMessageRequest, ReplyRequest};
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layer {
    #[default]
    L1,
    L2,
}

impl Layer {
    pub fn code(self) -> &'static str {
        match self {
            Layer::L1 => "l1",
            Layer::L2 => "l2",
        }
    }
}

/// What a send produces: two different types for two different commands.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    L1(ReplyRequest),
    L2(InternalMessageRequest),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Composer {
    pub mode: Layer,
    pub l1: String,
    pub l2: String,
    /// The agent the next internal note tags (API-15 `tagged_agent_id`,
    /// OQ-13): they are brought into the ticket's L2 and told.
    pub l2_tag: Option<String>,
}

impl Composer {
    pub fn switch(&mut self, to: Layer) {
        self.mode = to;
    }

    /// The text of the layer in use.
    pub fn current(&self) -> &str {
        match self.mode {
            Layer::L1 => &self.l1,
            Layer::L2 => &self.l2,
        }
    }

    /// Replaces the current layer's draft (what the input shows).
    pub fn input(&mut self, text: String) {
        match self.mode {
            Layer::L1 => self.l1 = text,
            Layer::L2 => self.l2 = text,
        }
    }

    /// Builds the request of the current layer and clears that draft.
    /// `None` when there is nothing to send. An L1 reply's idempotency key
    /// is made by the core's outbox, not here.
    pub fn take(&mut self) -> Option<Outgoing> {
        let text = self.current().trim().to_string();
        if text.is_empty() {
            return None;
        }
        Some(match self.mode {
            Layer::L1 => {
                self.l1.clear();
                Outgoing::L1(ReplyRequest {
                    message: text,
                    idempotency_key: None,
                })
            }
            Layer::L2 => {
                self.l2.clear();
                Outgoing::L2(InternalMessageRequest {
                    content: text,
                    tagged_agent_id: self.l2_tag.take(),
                })
            }
        })
    }
}

/// A change to the composer. The page applies each to the composer as it is
/// then, never to a copy taken earlier: a send that ends after the person
/// switched layers (or picked a tag) must not undo what they did meanwhile.
pub enum Edit {
    Switch(Layer),
    /// Typing, into the layer actually offered (see `effective_mode`).
    Type {
        text: String,
        l1_ok: bool,
        l2_ok: bool,
    },
    Tag(Option<String>),
    /// The server took (or the outbox keeps) what was sent: its draft goes.
    Sent(Outgoing),
}

impl Composer {
    /// Clears the draft a send took, if it still holds what was sent, and
    /// the tag that went with a note.
    pub fn sent(&mut self, out: &Outgoing) {
        match out {
            Outgoing::L1(r) if self.l1.trim() == r.message => self.l1.clear(),
            Outgoing::L2(n) => {
                if self.l2.trim() == n.content {
                    self.l2.clear();
                }
                if self.l2_tag == n.tagged_agent_id {
                    self.l2_tag = None;
                }
            }
            Outgoing::L1(_) => {}
        }
    }
}

impl yew::Reducible for Composer {
    type Action = Edit;

    fn reduce(self: Rc<Self>, e: Edit) -> Rc<Self> {
        let mut c = (*self).clone();
        match e {
            Edit::Switch(l) => c.switch(l),
            Edit::Type { text, l1_ok, l2_ok } => {
                c.switch(crate::views::ticket::effective_mode(c.mode, l1_ok, l2_ok));
                c.input(text);
            }
            Edit::Tag(who) => c.l2_tag = who,
            Edit::Sent(out) => c.sent(&out),
        }
        Rc::new(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Switch(bool),
        Type(String),
        Send,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            any::<bool>().prop_map(Op::Switch),
            "[a-z ]{0,12}".prop_map(Op::Type),
            Just(Op::Send),
        ]
    }

    proptest! {
        /// For any sequence of mode switches, typing and sends, no L2 text
        /// reaches an L1 request and no L1 text reaches an L2 request.
        #[test]
        fn text_never_crosses_layers(ops in proptest::collection::vec(op(), 0..60)) {
            let mut c = Composer::default();
            // What was typed while each layer was active (tagged so the
            // layers' texts can never coincide).
            let mut typed_l1: Vec<String> = vec![];
            let mut typed_l2: Vec<String> = vec![];
            for (i, o) in ops.into_iter().enumerate() {
                match o {
                    Op::Switch(l2) => c.switch(if l2 { Layer::L2 } else { Layer::L1 }),
                    Op::Type(t) => {
                        let tagged = match c.mode { Layer::L1 => format!("L1#{i}#{t}"), Layer::L2 => format!("L2#{i}#{t}") };
                        match c.mode { Layer::L1 => typed_l1.push(tagged.clone()), Layer::L2 => typed_l2.push(tagged.clone()) }
                        c.input(tagged);
                    }
                    Op::Send => match c.take() {
                        Some(Outgoing::L1(r)) => {
                            prop_assert!(r.message.starts_with("L1#"), "L1 request carried {:?}", r.message);
                            prop_assert!(typed_l1.iter().any(|t| t.trim() == r.message));
                        }
                        Some(Outgoing::L2(n)) => {
                            prop_assert!(n.content.starts_with("L2#"), "L2 request carried {:?}", n.content);
                            prop_assert!(typed_l2.iter().any(|t| t.trim() == n.content));
                        }
                        None => prop_assert!(c.current().trim().is_empty()),
                    },
                }
            }
        }
    }

    #[test]
    fn a_tag_goes_with_the_next_note_only() {
        let mut c = Composer::default();
        c.switch(Layer::L2);
        c.l2_tag = Some("U-sari2".into());
        c.input("tolong cek dokumen".into());
        match c.take() {
            Some(Outgoing::L2(n)) => assert_eq!(n.tagged_agent_id.as_deref(), Some("U-sari2")),
            other => panic!("{other:?}"),
        }
        c.input("catatan kedua".into());
        match c.take() {
            Some(Outgoing::L2(n)) => assert_eq!(n.tagged_agent_id, None),
            other => panic!("{other:?}"),
        }
        c.l2_tag = Some("U-x".into());
        c.switch(Layer::L1);
        c.input("untuk pelanggan".into());
        assert!(
            matches!(c.take(), Some(Outgoing::L1(_))),
            "L1 never carries a tag"
        );
    }

    /// The takeover-race end-to-end test once lost its switch to L2: the
    /// reply's send ended after the click and put back the composer as it
    /// was when the reply left.
    #[test]
    fn what_is_done_while_a_send_is_under_way_is_kept() {
        use yew::Reducible;
        let mut c = Composer::default();
        c.input("Baik Kak, kami bantu.".into());
        let out = c.clone().take().unwrap();
        let c = Rc::new(c)
            .reduce(Edit::Switch(Layer::L2))
            .reduce(Edit::Sent(out));
        assert_eq!(c.mode, Layer::L2, "the switch made during the send stays");
        assert_eq!(c.l1, "", "the sent reply's draft is gone");
        // A note sent with a tag: the tag goes, a new one picked since stays.
        let mut d = (*c).clone();
        d.input("cek dokumen".into());
        d.l2_tag = Some("U-sari2".into());
        let note = d.clone().take().unwrap();
        let d = Rc::new(d).reduce(Edit::Sent(note.clone()));
        assert_eq!((d.l2.as_str(), d.l2_tag.clone()), ("", None));
        let mut e = (*d).clone();
        e.input("cek dokumen".into());
        e.l2_tag = Some("U-sari2".into());
        let e = Rc::new(e)
            .reduce(Edit::Tag(Some("U-sari3".into())))
            .reduce(Edit::Sent(note));
        assert_eq!(e.l2_tag.as_deref(), Some("U-sari3"));
    }

    #[test]
    fn switching_keeps_both_drafts() {
        let mut c = Composer::default();
        c.input("halo pelanggan".into());
        c.switch(Layer::L2);
        assert_eq!(c.current(), "");
        c.input("catatan internal".into());
        c.switch(Layer::L1);
        assert_eq!(c.current(), "halo pelanggan");
        assert_eq!(c.l2, "catatan internal");
    }
}
