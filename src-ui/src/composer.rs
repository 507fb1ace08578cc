//! The message composer's state (DETAIL-L2-3, SEC-5). Each layer has its own
//! draft; switching the mode never moves text between them; sending builds
//! the request type of the current layer from that layer's draft only.

use saga_core::{InternalMessageRequest, ReplyRequest};

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
