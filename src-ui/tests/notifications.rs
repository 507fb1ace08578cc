//! Component tests of the notification centre and its preferences (issue
//! 15, DOD-9): grouped by layer with kind, ticket, time and read state; the
//! bell's unread count; no switch for what cannot be turned off.

mod common;
use common::render_html;

use saga_core::model::Notification;
use saga_core::notify::{NotificationKind, Preferences};
use saga_ui::i18n::Lang;
use saga_ui::views::notifications::{bell, centre, prefs_view, CentreProps};
use std::rc::Rc;
use yew::prelude::*;

fn n(id: &str, kind: NotificationKind, read: bool, body: &str) -> Notification {
    Notification {
        id: id.into(),
        layer: kind.layer().as_str().into(),
        kind: Some(kind.as_str().into()),
        title: format!("Judul {id}"),
        body: body.into(),
        ticket_id: Some("T-9".into()),
        read,
        created_at: "2026-12-01T02:05:00Z".into(),
    }
}

#[tokio::test]
async fn the_centre_groups_by_layer_and_says_kind_ticket_time_and_read_state() {
    let items = Rc::new(vec![
        n(
            "N-3",
            NotificationKind::Mention,
            false,
            "Catatan: cek harga",
        ),
        n("N-2", NotificationKind::Message, false, "Kapan sampai?"),
        n("N-1", NotificationKind::Moved, true, "Dipindahkan"),
    ]);
    let h = render_html(centre(&CentreProps {
        lang: Lang::Id,
        items,
        limit: 40,
        on_more: Callback::noop(),
        on_open: Callback::noop(),
        on_read_all: Callback::noop(),
        on_close: Callback::noop(),
    }))
    .await;
    // L1 first, then L2, then the system's, whatever the order of arrival.
    let (l1, l2, sys) = (
        h.find("data-layer=\"l1\"").unwrap(),
        h.find("data-layer=\"l2\"").unwrap(),
        h.find("data-layer=\"system\"").unwrap(),
    );
    assert!(l1 < l2 && l2 < sys, "{h}");
    assert!(h.contains("Percakapan pelanggan (L1)") && h.contains("Internal (L2)"));
    for (id, kind, read) in [
        ("N-2", "message", "false"),
        ("N-3", "mention", "false"),
        ("N-1", "moved", "true"),
    ] {
        let at = h.find(&format!("data-id=\"{id}\"")).unwrap();
        let el = &h[at..at + h[at..].find('>').unwrap()];
        assert!(
            el.contains(&format!("data-kind=\"{kind}\""))
                && el.contains(&format!("data-read=\"{read}\"")),
            "{el}"
        );
        assert!(el.contains("data-ticket-id=\"T-9\""));
    }
    assert!(
        h.contains("Pesan pelanggan") && h.contains("Anda ditandai"),
        "kinds in words"
    );
    assert!(
        h.contains("T-9 · 01 Des 2026 09:05") || h.contains("T-9 · 1 Des 2026 09:05"),
        "ticket and WIB time: {h}"
    );
    assert!(
        h.contains("data-testid=\"notification-read-all\""),
        "unread ones can be marked read"
    );
    let all_read = render_html(centre(&CentreProps {
        lang: Lang::Id,
        items: Rc::new(vec![n("N-1", NotificationKind::Moved, true, "x")]),
        limit: 40,
        on_more: Callback::noop(),
        on_open: Callback::noop(),
        on_read_all: Callback::noop(),
        on_close: Callback::noop(),
    }))
    .await;
    assert!(!all_read.contains("notification-read-all"));
    let empty = render_html(centre(&CentreProps {
        lang: Lang::Id,
        items: Rc::new(vec![]),
        limit: 40,
        on_more: Callback::noop(),
        on_open: Callback::noop(),
        on_read_all: Callback::noop(),
        on_close: Callback::noop(),
    }))
    .await;
    assert!(empty.contains("Belum ada notifikasi."));
}

#[tokio::test]
async fn a_full_centre_draws_the_newest_of_each_layer_and_offers_the_rest() {
    let items: Vec<Notification> = (0..1000)
        .map(|i| {
            n(
                &format!("N-{i}"),
                if i % 2 == 0 {
                    NotificationKind::Message
                } else {
                    NotificationKind::Note
                },
                false,
                "x",
            )
        })
        .collect();
    let h = render_html(centre(&CentreProps {
        lang: Lang::Id,
        items: Rc::new(items),
        limit: 40,
        on_more: Callback::noop(),
        on_open: Callback::noop(),
        on_read_all: Callback::noop(),
        on_close: Callback::noop(),
    }))
    .await;
    assert_eq!(
        h.matches("data-testid=\"notification-item\"").count(),
        80,
        "40 per layer"
    );
    assert_eq!(
        h.matches("Tampilkan 460 lagi").count(),
        2,
        "the rest of each layer, on request"
    );
    assert!(
        h.contains("data-id=\"N-0\"") && !h.contains("data-id=\"N-998\""),
        "the newest first"
    );
}

#[tokio::test]
async fn the_bell_counts_what_is_unread() {
    let h = render_html(bell(Lang::Id, 3, false, Callback::noop())).await;
    assert!(h.contains("data-unread=\"3\"") && h.contains(">3<") && h.contains("3 belum dibaca"));
    let none = render_html(bell(Lang::Id, 0, false, Callback::noop())).await;
    assert!(none.contains("data-unread=\"0\"") && !none.contains("bell-count"));
    let many = render_html(bell(Lang::En, 250, true, Callback::noop())).await;
    assert!(many.contains(">99+<") && many.contains("aria-expanded=\"true\""));
}

#[tokio::test]
async fn mentions_and_assignments_have_no_off_switch() {
    let p = Preferences {
        off: vec![NotificationKind::Note],
        ..Preferences::default()
    };
    let h = render_html(prefs_view(Lang::Id, &p, Callback::noop())).await;
    let row = |k: NotificationKind| {
        let at = h.find(&format!("data-kind=\"{}\"", k.as_str())).unwrap();
        h[at..at + h[at..].find("</tr>").unwrap()].to_string()
    };
    for k in [NotificationKind::Mention, NotificationKind::Assignment] {
        let r = row(k);
        assert!(
            !r.contains("notification-pref-on") && r.contains("selalu aktif"),
            "{r}"
        );
        assert!(r.contains("notification-pref-sound"));
    }
    let note = row(NotificationKind::Note);
    let on = |r: &str| {
        let at = r.find("data-testid=\"notification-pref-on\"").unwrap();
        let start = r[..at].rfind("<input").unwrap();
        r[start..at].contains("checked")
    };
    assert!(!on(&note), "turned off: {note}");
    assert!(on(&row(NotificationKind::Message)));
    assert!(h.contains("data-testid=\"notification-quiet-offline\""));
}
