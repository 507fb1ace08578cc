//! Component tests: views rendered natively with Yew's server renderer.
//! What a role may not use is absent from the HTML (PERM-RULE-2).

mod common;
use common::render_html;

use saga_core::{
    AgentStatus, AgentSummary, Channel, CrmStage, Division, PersonRef, QueueStatus, Role,
    TicketItem, TicketStatus, User,
};
use saga_ui::i18n::Lang;
use saga_ui::nav::Route;
use saga_ui::views::dialog::{confirm_dialog, DialogProps};
use saga_ui::views::login::{login_view, LoginProps};
use saga_ui::views::panel::{agent_panel, PanelProps};
use saga_ui::views::shell::{Shell, ShellProps};
use saga_ui::views::tickets::{window, Rows, TicketList, TicketListProps, FIRST_ROWS, ROW_SLOT};
use yew::prelude::*;
use yew::LocalServerRenderer;

fn user(role: Role) -> User {
    User {
        id: "U-1".into(),
        name: "Rudi Hartono".into(),
        email: "x@saga.test".into(),
        role,
        division: Division::Sari,
        status: AgentStatus::Offline,
        privileges: vec![],
        active: true,
    }
}

async fn shell_html(role: Role, route: Route, compact: bool, status: AgentStatus) -> String {
    let props = ShellProps {
        user: user(role),
        status,
        active: route,
        compact,
        lang: Lang::Id,
        connection: None,
        status_busy: false,
        on_toggle: Callback::noop(),
        on_logout: Callback::noop(),
        on_help: Callback::noop(),
        bell: saga_ui::views::notifications::bell(Lang::Id, 2, false, Callback::noop()),
        children: html! { <p>{ "isi halaman" }</p> },
    };
    LocalServerRenderer::<Shell>::with_props(props)
        .render()
        .await
}

const ROUTES: &[Route] = &[
    Route::Inbox,
    Route::Free,
    Route::Followup,
    Route::Blasts,
    Route::Analytics,
    Route::Panel,
    Route::Users,
    Route::Settings,
];

#[tokio::test]
async fn toggle_on_every_route_for_each_role_that_may_use_it_and_never_for_the_viewer() {
    for role in Role::ALL {
        for route in ROUTES {
            for compact in [false, true] {
                let h = shell_html(*role, route.clone(), compact, AgentStatus::Offline).await;
                let has_toggle = h.contains("data-testid=\"status-toggle\"");
                assert_eq!(
                    has_toggle,
                    *role != Role::Viewer,
                    "TOGGLE-1/PERM-2: {role:?} on {route:?} compact={compact}"
                );
                assert!(
                    h.contains("data-testid=\"status-indicator\""),
                    "TOGGLE-7: {role:?} {route:?}"
                );
                assert!(
                    h.contains("data-testid=\"notification-bell\""),
                    "issue 15: the bell on every signed-in page: {role:?} {route:?}"
                );
                assert!(
                    h.contains("data-testid=\"app-shell\"")
                        && h.contains(&format!("data-role=\"{}\"", role.as_str()))
                );
                assert!(h.contains("data-testid=\"logout\""));
            }
        }
    }
}

#[tokio::test]
async fn forbidden_navigation_entries_are_absent_from_the_html() {
    // (role, entries that must be present, entries that must be absent)
    let cases: &[(Role, &[&str], &[&str])] = &[
        (
            Role::SuperAdmin,
            &[
                "nav-inbox",
                "nav-free",
                "nav-followup",
                "nav-blasts",
                "nav-analytics",
                "nav-panel",
                "nav-users",
                "nav-settings",
            ],
            &[],
        ),
        (
            Role::TeamLead,
            &[
                "nav-inbox",
                "nav-free",
                "nav-followup",
                "nav-blasts",
                "nav-analytics",
                "nav-panel",
                "nav-settings",
            ],
            &["nav-users"],
        ),
        (
            Role::SalesAgent,
            &[
                "nav-inbox",
                "nav-free",
                "nav-followup",
                "nav-blasts",
                "nav-analytics",
                "nav-settings",
            ],
            &["nav-panel", "nav-users"],
        ),
        (
            Role::Viewer,
            &["nav-inbox", "nav-settings"],
            &[
                "nav-free",
                "nav-followup",
                "nav-blasts",
                "nav-analytics",
                "nav-panel",
                "nav-users",
            ],
        ),
    ];
    for (role, present, absent) in cases {
        for compact in [false, true] {
            let h = shell_html(*role, Route::Inbox, compact, AgentStatus::Offline).await;
            for id in *present {
                assert!(
                    h.contains(&format!("data-testid=\"{id}\"")),
                    "{role:?} should see {id}"
                );
            }
            for id in *absent {
                assert!(
                    !h.contains(&format!("data-testid=\"{id}\"")),
                    "{role:?} must not have {id} in the DOM"
                );
            }
        }
    }
}

#[tokio::test]
async fn toggle_and_indicator_show_the_true_status() {
    let h = shell_html(Role::SalesAgent, Route::Inbox, true, AgentStatus::Online).await;
    assert!(
        h.contains("data-testid=\"status-toggle\" data-status=\"online\"")
            || h.contains("data-status=\"online\"")
    );
    assert!(h.contains("aria-checked=\"true\""));
    let h = shell_html(Role::SalesAgent, Route::Inbox, true, AgentStatus::Offline).await;
    assert!(h.contains("aria-checked=\"false\""));
    assert!(!h.contains("data-status=\"online\""));
}

#[tokio::test]
async fn phone_layout_has_a_bottom_bar_and_desktop_a_sidebar() {
    let phone = shell_html(Role::SalesAgent, Route::Inbox, true, AgentStatus::Offline).await;
    assert!(phone.contains("bottombar") && !phone.contains("sidebar"));
    let desk = shell_html(Role::SalesAgent, Route::Inbox, false, AgentStatus::Offline).await;
    assert!(desk.contains("sidebar") && !desk.contains("bottombar"));
}

#[tokio::test]
async fn offline_dialog_uses_the_prd_text() {
    let props = DialogProps {
        text: saga_ui::i18n::t(Lang::Id, saga_ui::i18n::K::OfflineConfirm).into(),
        ok_label: "Ya".into(),
        cancel_label: "Batal".into(),
        on_ok: Callback::noop(),
        on_cancel: Callback::noop(),
    };
    let h = render_html(confirm_dialog(&props)).await;
    assert!(
        h.contains("Anda tidak akan menerima tiket baru. Tiket aktif Anda tetap di tangan Anda.")
    );
    for id in ["confirm-dialog", "confirm-ok", "confirm-cancel"] {
        assert!(h.contains(&format!("data-testid=\"{id}\"")));
    }
}

#[tokio::test]
async fn login_shows_errors_and_keeps_what_was_typed() {
    let props = LoginProps {
        lang: Lang::Id,
        email: "sari.agent1@saga.test".into(),
        password: "".into(),
        error: Some(saga_core::strings::WRONG_CREDENTIALS.into()),
        config_error: None,
        busy: false,
        demo: true,
        on_email: Callback::noop(),
        on_password: Callback::noop(),
        on_submit: Callback::noop(),
        on_lang: Callback::noop(),
    };
    let h = render_html(login_view(&props)).await;
    assert!(h.contains("data-testid=\"login-error\""));
    assert!(h.contains(saga_core::strings::WRONG_CREDENTIALS));
    assert!(h.contains("value=\"sari.agent1@saga.test\""));
    for id in ["login-email", "login-password", "login-submit"] {
        assert!(h.contains(&format!("data-testid=\"{id}\"")));
    }
}

fn ticket(status: TicketStatus, queue: QueueStatus) -> TicketItem {
    TicketItem {
        id: "T-1".into(),
        division: Division::Savi,
        customer_id: "C-1".into(),
        customer_name: "Budi Santoso".into(),
        channel: Channel::Whatsapp,
        wa_display_name: Some("Budi Official".into()),
        status,
        queue_status: queue,
        tags: vec!["b2b".into()],
        assigned_to: None,
        assigned_agent_name: None,
        waiting_for_agent: None,
        returning_customer: false,
        off_hours: false,
        crm_stage: CrmStage::Proposal,
        deal_value: None,
        quote_value: Some(1_500_000),
        sa_joined: false,
        created_at: "2026-11-23T07:05:00Z".into(),
        last_activity_at: "2026-11-23T07:05:00Z".into(),
        waiting_since: None,
        last_message_preview: Some("Halo".into()),
        last_customer_message_at: Some("2026-11-23T07:05:00Z".into()),
    }
}

async fn list_html(items: Vec<TicketItem>) -> String {
    rows_html(Rows::from_items(items, 1)).await
}

async fn rows_html(rows: Rows) -> String {
    let props = TicketListProps {
        lang: Lang::Id,
        rows,
        loading: false,
        error: None,
        testid: "inbox-list",
        empty_text: "kosong".into(),
        show_division: true,
        on_retry: Callback::noop(),
        on_range: Callback::noop(),
    };
    LocalServerRenderer::<TicketList>::with_props(props)
        .render()
        .await
}

#[tokio::test]
async fn rows_show_inbox3_fields_and_the_right_badges() {
    let mut t = ticket(TicketStatus::New, QueueStatus::Free);
    t.off_hours = true;
    let h = list_html(vec![t]).await;
    assert!(
        h.contains("Budi Santoso")
            && h.contains("Budi Official")
            && h.contains("WhatsApp")
            && h.contains("#b2b")
    );
    assert!(h.contains("23 Nov 2026 14:05 WIB"), "arrival time in WIB");
    assert!(h.contains("Rp 1.500.000"));
    assert!(
        h.contains("data-testid=\"badge-free\"") && h.contains("data-testid=\"badge-off-hours\"")
    );
    assert!(!h.contains("badge-returning"));
    assert!(h.contains("class=\"badge blue\""), "NEW is blue");
    // Returning customer waiting for an Offline agent (RETURN-2).
    let mut w = ticket(TicketStatus::New, QueueStatus::WaitingAgent);
    w.returning_customer = true;
    w.waiting_for_agent = Some(PersonRef {
        id: "U-9".into(),
        name: "Andi".into(),
    });
    let h = list_html(vec![w]).await;
    assert!(h.contains("data-testid=\"badge-returning\""));
    assert!(h.contains("Menunggu Agent Andi"));
    assert!(!h.contains("data-testid=\"badge-free\""));
    // Status colours (INBOX-4) and unknown values as neutral.
    for (s, class) in [
        (TicketStatus::InProgress, "badge yellow"),
        (TicketStatus::AwaitingResponse, "badge orange"),
        (TicketStatus::Closed, "badge grey"),
        (TicketStatus::Other("ESCALATED".into()), "badge neutral"),
    ] {
        let h = list_html(vec![ticket(s, QueueStatus::Assigned)]).await;
        assert!(h.contains(class), "{class}");
    }
    // Never a blank list.
    assert!(list_html(vec![]).await.contains("kosong"));
}

#[tokio::test]
async fn panel_lists_every_division_and_only_supervisors_toggle_others() {
    let agents: Vec<AgentSummary> = [
        ("U-a", Division::Sari, AgentStatus::Online, 3, 1),
        ("U-b", Division::Savi, AgentStatus::Offline, 0, 0),
        ("U-c", Division::Safia, AgentStatus::Offline, 2, 0),
    ]
    .into_iter()
    .map(|(id, d, s, n, idle)| AgentSummary {
        id: id.into(),
        name: format!("Agent {id}"),
        role: Role::SalesAgent,
        division: d,
        status: s,
        active: true,
        active_tickets: n,
        idle_tickets: idle,
        status_changed_at: "2026-11-23T01:00:00Z".into(),
    })
    .collect();
    let render = |role: Role| {
        let props = PanelProps {
            on_move: Callback::noop(),
            lang: Lang::Id,
            agents: agents.clone(),
            me: saga_core::access::Principal::from(&user(role)),
            busy_agent: None,
            on_set_status: Callback::noop(),
            loading: false,
        };
        render_html(agent_panel(&props))
    };
    let h = render(Role::TeamLead).await;
    for id in ["U-a", "U-b", "U-c"] {
        assert!(h.contains(&format!("data-agent-id=\"{id}\"")));
    }
    assert!(h.contains("data-status=\"online\"") && h.contains("data-active-tickets=\"3\""));
    assert!(h.contains("data-testid=\"idle-alert\""), "PANEL-4");
    assert!(h.contains("Set Offline") && h.contains("Set Online"));
    let h = render(Role::SalesAgent).await;
    assert!(!h.contains("Set Offline") && !h.contains("Set Online"));
}

mod ticket_view {
    use super::*;
    use saga_core::access::Principal;
    use saga_core::{
        CrmRecord, Delivery, InternalMessage, InternalMessageRequest, Message, Sender, TicketDetail,
    };
    use saga_ui::composer::{Composer, Layer};
    use saga_ui::views::ticket::{TicketTab, TicketView, TicketViewProps};

    fn me(role: Role, division: Division, id: &str) -> Principal {
        Principal {
            id: id.into(),
            role,
            division,
            privileges: vec![],
        }
    }

    fn msg(
        sender: Sender,
        name: Option<&str>,
        text: &str,
        conf: Option<f64>,
        delivery: Delivery,
    ) -> Message {
        Message {
            id: format!("M-{text}"),
            ticket_id: "T-1".into(),
            sender,
            sender_name: name.map(String::from),
            content: text.into(),
            confidence: conf,
            delivery,
            created_at: "2026-11-23T07:05:00Z".into(),
            idempotency_key: None,
        }
    }

    async fn render(
        me: Principal,
        free: bool,
        assigned: Option<&str>,
        notes: Option<Vec<InternalMessage>>,
        mode: Layer,
        sa_joined: bool,
    ) -> String {
        html(props(me, free, assigned, notes, mode, sa_joined)).await
    }

    async fn html(p: TicketViewProps) -> String {
        LocalServerRenderer::<TicketView>::with_props(p)
            .render()
            .await
    }

    fn props(
        me: Principal,
        free: bool,
        assigned: Option<&str>,
        notes: Option<Vec<InternalMessage>>,
        mode: Layer,
        sa_joined: bool,
    ) -> TicketViewProps {
        let mut item = ticket(
            TicketStatus::New,
            if free {
                QueueStatus::Free
            } else {
                QueueStatus::Assigned
            },
        );
        item.assigned_to = assigned.map(String::from);
        item.sa_joined = sa_joined;
        TicketViewProps {
            lang: Lang::Id,
            me,
            detail: TicketDetail {
                item,
                crm: CrmRecord::default(),
                can_view_internal: notes.is_some(),
            },
            messages: vec![
                msg(Sender::Customer, None, "Halo", None, Delivery::Sent),
                msg(
                    Sender::Bot,
                    Some("Saga Bot"),
                    "Tarif mulai",
                    Some(0.87),
                    Delivery::Sent,
                ),
                msg(Sender::Agent, Some("Andi"), "Siap", None, Delivery::Sent),
                msg(
                    Sender::Agent,
                    Some("Andi"),
                    "Gagal kirim",
                    None,
                    Delivery::Failed,
                ),
            ],
            notes,
            composer: Composer {
                mode,
                l1: "untuk pelanggan".into(),
                l2: "rahasia internal".into(),
                l2_tag: None,
            },
            takeover_busy: false,
            takeover_error: None,
            send_error: None,
            sending: false,
            on_takeover: Callback::noop(),
            on_mode: Callback::noop(),
            on_input: Callback::noop(),
            on_send: Callback::noop(),
            agents: vec![AgentSummary {
                id: "U-on".into(),
                name: "Agent Online".into(),
                role: Role::SalesAgent,
                division: Division::Safia,
                status: AgentStatus::Online,
                active: true,
                active_tickets: 2,
                idle_tickets: 0,
                status_changed_at: "2026-11-23T01:00:00Z".into(),
            }],
            on_assign: Callback::noop(),
            assign_error: None,
            assign_busy: false,
            on_saga_team: Callback::noop(),
            tab: TicketTab::Conversation,
            crm: None,
            compact: false,
            me_name: "Andi".into(),
            outbox: vec![],
            on_retry: Callback::noop(),
            on_discard_reply: Callback::noop(),
            all_tags: vec![],
            on_tag: Callback::noop(),
            tag_error: None,
            audit: None,
            older: vec![],
            total_messages: 4,
            on_load_older: Callback::noop(),
            loading_older: false,
            window: saga_core::followup::Window::NotWhatsapp,
            on_followup: Callback::noop(),
            on_tag_agent: Callback::noop(),
        }
    }

    #[tokio::test]
    async fn tags_are_editable_by_who_may_work_on_the_ticket_and_history_only_for_supervisors() {
        let mut p = props(
            me(Role::SalesAgent, Division::Savi, "U-a"),
            false,
            Some("U-a"),
            Some(vec![]),
            Layer::L1,
            false,
        );
        p.detail.item.tags = vec!["prioritas".into()];
        p.all_tags = vec!["prioritas".into(), "b2b".into()];
        let h = html(p.clone()).await;
        assert!(h.contains("data-testid=\"tag-editor\"") && h.contains("#prioritas"));
        assert!(
            h.contains("data-testid=\"tag-remove\"") && h.contains("data-testid=\"tag-input\"")
        );
        assert!(
            h.contains("<option value=\"b2b\">"),
            "suggests tags not on the ticket"
        );
        assert!(
            !h.contains("data-testid=\"audit-log\""),
            "agents: no history (OQ-13)"
        );
        // The viewer sees the tags, without controls.
        p.me = me(Role::Viewer, Division::Savi, "U-v");
        let h = html(p.clone()).await;
        assert!(h.contains("#prioritas"));
        assert!(!h.contains("tag-remove") && !h.contains("tag-input"));
        // SA/TL get the history.
        p.me = me(Role::TeamLead, Division::Sari, "U-tl");
        p.audit = Some(vec![saga_core::AuditEntry {
            id: "A-1".into(),
            ticket_id: "T-1".into(),
            actor_id: Some("U-a".into()),
            actor_name: "Andi".into(),
            action: "crm_stage".into(),
            detail: "Tahap CRM: Lead → Proposal".into(),
            created_at: "2026-11-24T01:00:00Z".into(),
        }]);
        let h = html(p).await;
        assert!(
            h.contains("data-testid=\"audit-log\"") && h.contains("Tahap CRM: Lead → Proposal")
        );
    }

    #[tokio::test]
    async fn a_long_thread_offers_older_messages() {
        let mut p = props(
            me(Role::SalesAgent, Division::Savi, "U-a"),
            false,
            Some("U-a"),
            None,
            Layer::L1,
            false,
        );
        assert!(!html(p.clone()).await.contains("l1-load-older"));
        p.total_messages = 5_000;
        let h = html(p).await;
        assert!(h.contains("data-testid=\"l1-load-older\"") && h.contains("4996 lagi"));
    }

    #[tokio::test]
    async fn unsent_replies_show_as_failed_with_retry_and_once_when_they_arrived() {
        let me_a = me(Role::SalesAgent, Division::Savi, "U-a");
        let mut p = props(me_a, false, Some("U-a"), Some(vec![]), Layer::L1, false);
        let entry = |key: &str, attempts: u32| {
            let mut e = saga_core::outbox::OutboxEntry::reply(
                "U-a",
                "T-1",
                &format!("balasan {key}"),
                key.into(),
                "2026-11-24T01:00:00Z".into(),
                0,
            );
            e.attempts = attempts;
            e.last_error = Some("Server tidak dapat dihubungi.".into());
            e.pending()
        };
        p.outbox = vec![entry("k1", 2), entry("k2", 0)];
        let h = html(p.clone()).await;
        assert!(h.contains("data-delivery=\"failed\" data-outbox-key=\"k1\""));
        assert!(h.contains("data-delivery=\"sending\" data-outbox-key=\"k2\""));
        assert_eq!(
            h.matches("data-testid=\"outbox-retry\"").count(),
            1,
            "retry on failed only"
        );
        assert!(h.contains("Server tidak dapat dihubungi.") && h.contains(">gagal<"));
        // The server already has k1 (its answer was lost): shown once, as sent.
        let mut arrived = p.messages[2].clone();
        arrived.content = "balasan k1".into();
        arrived.idempotency_key = Some("k1".into());
        p.messages.push(arrived);
        let h = html(p).await;
        assert!(!h.contains("data-outbox-key=\"k1\""));
        assert_eq!(h.matches("balasan k1").count(), 1);
    }

    /// Issue 17: a note waiting in the outbox shows in L2 (never in the
    /// conversation) with its state; a refused one says it is not retried;
    /// once the server has it (same key) it shows once.
    #[tokio::test]
    async fn unsent_notes_wait_in_l2_and_show_once_when_they_arrived() {
        use saga_core::outbox::{OutboxEntry, Write};
        let me_a = me(Role::SalesAgent, Division::Savi, "U-a");
        let mut p = props(me_a, false, Some("U-a"), Some(vec![]), Layer::L2, false);
        let mut failed = OutboxEntry::new(
            "U-a",
            "T-1",
            Write::Note(InternalMessageRequest {
                content: "Minta TL cek harga khusus".into(),
                tagged_agent_id: None,
            }),
            "n1".into(),
            "2026-11-24T01:00:00Z".into(),
            0,
        );
        failed.failed(
            &saga_core::ApiError::Server {
                status: 503,
                message: "Server sedang bermasalah.".into(),
            },
            0,
        );
        let mut refused = failed.clone();
        refused.key = "n2".into();
        refused.refused(&saga_core::ApiError::Forbidden {
            message: "Catatan internal hanya untuk agent yang terlibat.".into(),
        });
        p.notes = Some(vec![]);
        p.outbox = vec![failed.pending(), refused.pending()];
        let h = html(p.clone()).await;
        let l2 = &h[h.find("data-testid=\"l2-panel\"").expect("the L2 panel")..];
        assert!(l2.contains("data-testid=\"l2-message\" data-sender=\"agent\" data-delivery=\"failed\" data-outbox-key=\"n1\""));
        assert!(l2.contains("Server sedang bermasalah.") && l2.contains("Dicoba lagi otomatis"));
        assert!(l2.contains("Ditolak server; tidak dicoba lagi otomatis"));
        assert!(!l2.contains("Belum ada catatan internal."));
        let thread = &h[..h.find("data-testid=\"l2-panel\"").unwrap()];
        assert!(
            !thread.contains("Minta TL cek harga khusus"),
            "SEC-5: a note never shows in the conversation"
        );
        let mut arrived = note();
        arrived.content = "Minta TL cek harga khusus".into();
        arrived.idempotency_key = Some("n1".into());
        p.notes = Some(vec![arrived]);
        p.outbox = vec![failed.pending()];
        let h = html(p).await;
        assert!(!h.contains("data-outbox-key=\"n1\""));
        assert_eq!(h.matches("Minta TL cek harga khusus").count(), 1);
    }

    fn note() -> InternalMessage {
        InternalMessage {
            id: "I-1".into(),
            ticket_id: "T-1".into(),
            author_id: "U-tl".into(),
            author_name: "Lina".into(),
            content: "Jangan beri diskon".into(),
            tagged_agent_id: None,
            tagged_agent_name: None,
            created_at: "2026-11-23T07:05:00Z".into(),
            idempotency_key: None,
        }
    }

    #[tokio::test]
    async fn sender_labels_confidence_and_delivery() {
        let h = render(
            me(Role::SalesAgent, Division::Savi, "U-a"),
            false,
            Some("U-a"),
            Some(vec![]),
            Layer::L1,
            false,
        )
        .await;
        assert!(
            h.contains(">PELANGGAN<") && h.contains(">BOT<") && h.contains(">AGENT Andi<"),
            "DETAIL-L1-2"
        );
        assert!(
            h.contains("data-testid=\"bot-confidence\"") && h.contains("87%"),
            "DETAIL-L1-1"
        );
        assert!(h.contains("terkirim") && h.contains("gagal"), "DETAIL-L1-3");
        assert!(h.contains("data-delivery=\"failed\""));
    }

    #[tokio::test]
    async fn takeover_only_on_free_tickets_of_the_agents_division() {
        let agent_savi = me(Role::SalesAgent, Division::Savi, "U-a");
        let h = render(agent_savi.clone(), true, None, None, Layer::L1, false).await;
        assert!(h.contains("data-testid=\"takeover-button\"") && h.contains("AMBIL ALIH KE SAYA"));
        // Not FREE: no button.
        assert!(
            !render(agent_savi, false, Some("U-b"), None, Layer::L1, false)
                .await
                .contains("takeover-button")
        );
        // Another division's agent: no button.
        assert!(!render(
            me(Role::SalesAgent, Division::Sari, "U-s"),
            true,
            None,
            None,
            Layer::L1,
            false
        )
        .await
        .contains("takeover-button"));
        // The viewer: never.
        assert!(!render(
            me(Role::Viewer, Division::Savi, "U-v"),
            true,
            None,
            None,
            Layer::L1,
            false
        )
        .await
        .contains("takeover-button"));
        // SA/TL: any division (OQ-12).
        assert!(render(
            me(Role::TeamLead, Division::Sari, "U-tl"),
            true,
            None,
            Some(vec![]),
            Layer::L1,
            false
        )
        .await
        .contains("takeover-button"));
    }

    #[tokio::test]
    async fn l2_area_is_distinct_and_absent_when_not_allowed() {
        let h = render(
            me(Role::TeamLead, Division::Sari, "U-tl"),
            false,
            Some("U-a"),
            Some(vec![note()]),
            Layer::L2,
            false,
        )
        .await;
        assert!(h.contains("data-testid=\"l2-panel\"") && h.contains("data-testid=\"l2-header\""));
        assert!(h.contains("Tidak terlihat oleh pelanggan"), "DETAIL-L2-2");
        assert!(h.contains("data-testid=\"l2-message\"") && h.contains("Jangan beri diskon"));
        // TL is not the assignee: L2-only composer, in L2 colours with the label.
        assert!(
            h.contains("data-mode=\"l2\"") && h.contains("Internal — tidak terlihat pelanggan"),
            "DETAIL-L2-3"
        );
        assert!(
            !h.contains("composer-mode-toggle"),
            "no L1 for a non-owner (OQ-14)"
        );
        // The viewer: no L2 and no composer at all.
        let v = render(
            me(Role::Viewer, Division::Savi, "U-v"),
            false,
            Some("U-a"),
            None,
            Layer::L1,
            false,
        )
        .await;
        assert!(
            !v.contains("l2-panel")
                && !v.contains("data-testid=\"composer\"")
                && !v.contains("Jangan beri diskon")
        );
    }

    #[tokio::test]
    async fn composer_shows_only_the_current_layers_draft() {
        let owner = me(Role::SalesAgent, Division::Savi, "U-a");
        let l1 = render(
            owner.clone(),
            false,
            Some("U-a"),
            Some(vec![]),
            Layer::L1,
            false,
        )
        .await;
        assert!(
            l1.contains("data-mode=\"l1\"") && l1.contains("data-testid=\"composer-mode-toggle\"")
        );
        assert!(l1.contains("untuk pelanggan") && !l1.contains("rahasia internal"));
        let l2 = render(owner, false, Some("U-a"), Some(vec![]), Layer::L2, false).await;
        assert!(l2.contains("rahasia internal") && !l2.contains("untuk pelanggan"));
    }

    /// Issue 12: outside WhatsApp's 24-hour window the L1 composer explains
    /// and offers a template; L2 notes are never limited; the draft stays.
    #[tokio::test]
    async fn the_l1_composer_locks_when_whatsapps_window_closed() {
        use saga_core::followup::Window;
        let owner = me(Role::SalesAgent, Division::Savi, "U-1");
        let mut p = props(
            owner.clone(),
            false,
            Some("U-1"),
            Some(vec![]),
            Layer::L1,
            false,
        );
        p.window = Window::Closed;
        let h = html(p.clone()).await;
        assert!(
            h.contains("data-testid=\"composer-locked\"")
                && h.contains("data-testid=\"composer-pick-template\"")
        );
        assert!(
            !h.contains("data-testid=\"composer-input\""),
            "no free text to the customer"
        );
        assert!(!h.contains("data-testid=\"composer-send\""));
        assert!(h.contains("Jendela 24 jam WhatsApp tertutup"));
        p.composer.mode = Layer::L2;
        let h = html(p.clone()).await;
        assert!(
            h.contains("data-testid=\"composer-input\"") && h.contains("rahasia internal"),
            "L2 is not limited"
        );
        p.composer.mode = Layer::L1;
        p.window = Window::Open { remaining_s: 3600 };
        let h = html(p).await;
        assert!(
            h.contains("untuk pelanggan"),
            "the L1 draft is still there when it opens"
        );
        assert!(h.contains("data-open=\"true\""));
    }

    #[tokio::test]
    async fn sa_joined_indicator() {
        let h = render(
            me(Role::SalesAgent, Division::Savi, "U-a"),
            false,
            Some("U-a"),
            Some(vec![]),
            Layer::L1,
            true,
        )
        .await;
        assert!(
            h.contains("data-testid=\"sa-joined-indicator\"")
                && h.contains("Super Admin ikut membalas")
        );
    }

    #[tokio::test]
    async fn assign_controls_for_supervisors_only_and_saga_team_for_sa_only() {
        // ASSIGN-1 / PERM-5: unassigned → 'Assign ke Agent'; assigned → 'Pindahkan ke Agent Lain'.
        for role in [Role::SuperAdmin, Role::TeamLead] {
            let h = render(
                me(role, Division::Sari, "U-x"),
                true,
                None,
                Some(vec![]),
                Layer::L1,
                false,
            )
            .await;
            assert!(
                h.contains("data-testid=\"assign-button\"") && h.contains("Assign ke Agent"),
                "{role:?}"
            );
            let h = render(
                me(role, Division::Sari, "U-x"),
                false,
                Some("U-a"),
                Some(vec![]),
                Layer::L1,
                false,
            )
            .await;
            assert!(
                h.contains("data-testid=\"reassign-button\"")
                    && h.contains("Pindahkan ke Agent Lain"),
                "{role:?}"
            );
        }
        for role in [Role::SalesAgent, Role::Viewer] {
            let h = render(
                me(role, Division::Savi, "U-a"),
                false,
                Some("U-a"),
                None,
                Layer::L1,
                false,
            )
            .await;
            assert!(
                !h.contains("assign-button") && !h.contains("reassign-button"),
                "{role:?} has no assign controls"
            );
        }
        // PERM-7: only the Super Admin gets 'Balas sebagai Saga Team', even without owning the ticket.
        let sa = render(
            me(Role::SuperAdmin, Division::Sari, "U-sa"),
            false,
            Some("U-a"),
            Some(vec![]),
            Layer::L1,
            false,
        )
        .await;
        assert!(
            sa.contains("data-testid=\"reply-as-saga-team\"")
                && sa.contains("Balas sebagai Saga Team")
        );
        assert!(
            !sa.contains("data-testid=\"composer-send\""),
            "no plain L1 send for a non-owner"
        );
        for (role, id) in [(Role::TeamLead, "U-tl"), (Role::SalesAgent, "U-a")] {
            let h = render(
                me(role, Division::Savi, id),
                false,
                Some("U-a"),
                Some(vec![]),
                Layer::L1,
                false,
            )
            .await;
            assert!(!h.contains("reply-as-saga-team"), "{role:?}");
        }
    }
}

#[tokio::test]
async fn inbox_filters_all_seven_for_supervisors_and_no_division_for_agents() {
    use saga_core::InboxQuery;
    use saga_ui::views::filters::{FilterBar, FilterProps};
    let render = |show_division: bool, query: InboxQuery| {
        LocalServerRenderer::<FilterBar>::with_props(FilterProps {
            lang: Lang::Id,
            query,
            tags: vec!["prioritas".into(), "b2b".into()],
            show_division,
            agents: if show_division {
                vec![("U-sari2".into(), "Maya Sari · SARI".into())]
            } else {
                vec![]
            },
            on_change: Callback::noop(),
        })
        .render()
    };
    let h = render(true, InboxQuery::default()).await;
    for id in [
        "filter-status",
        "filter-queue-status",
        "filter-tag",
        "filter-channel",
        "filter-division",
        "filter-crm-stage",
        "filter-assigned-to",
    ] {
        assert!(h.contains(&format!("data-testid=\"{id}\"")), "INBOX-6 {id}");
    }
    assert!(h.contains("#prioritas") && h.contains("IN PROGRESS") && h.contains("WhatsApp"));
    let agent = render(false, InboxQuery::default()).await;
    assert!(
        !agent.contains("filter-division"),
        "agents are held to their division"
    );
    // A set filter shows as selected and can be cleared.
    let set = render(
        false,
        InboxQuery {
            status: Some("CLOSED".into()),
            ..Default::default()
        },
    )
    .await;
    assert!(set.contains("Hapus filter"));
    assert!(!agent.contains("Hapus filter"));
    // Issue 14: supervisors filter by any agent by name; agents by 'Saya'.
    assert!(h.contains("value=\"U-sari2\"") && h.contains("Maya Sari · SARI"));
    assert!(!agent.contains("U-sari2") && agent.contains("value=\"me\""));
    // Several tags at once (OQ-31): each chosen one shows as a chip that
    // takes it away; the list offers the others.
    let two = render(
        true,
        InboxQuery {
            tags: Some("prioritas,b2b".into()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(two.matches("data-testid=\"filter-tag-remove\"").count(), 2);
    assert!(two.contains("data-tag=\"b2b\""));
    assert!(
        !two.contains("<option value=\"b2b\""),
        "a chosen tag is not offered again"
    );
}

#[test]
fn a_search_is_sent_once_it_is_long_enough() {
    use saga_ui::views::filters::{search_ready, tag_list};
    for ready in ["Bud", "T-12", "0812", "+62 812", "Dewi Lestari"] {
        assert!(search_ready(ready), "{ready}");
    }
    for short in ["Bu", "081", "  ", "T-"] {
        assert!(!search_ready(short), "{short}");
    }
    assert_eq!(tag_list(Some("a, b,,c")), vec!["a", "b", "c"]);
    assert!(tag_list(None).is_empty());
}

#[tokio::test]
async fn a_long_list_renders_only_the_rows_in_view_and_placeholders_for_missing_pages() {
    // 10,000 tickets of which the first page is loaded.
    let items: Vec<TicketItem> = (0..100)
        .map(|i| {
            let mut t = ticket(TicketStatus::New, QueueStatus::Assigned);
            t.id = format!("T-{i}");
            t
        })
        .collect();
    let mut rows = Rows::from_items(items, 1);
    rows.total = 10_000;
    rows.page_size = 100;
    let h = rows_html(rows).await;
    assert_eq!(h.matches("data-testid=\"ticket-row\"").count(), FIRST_ROWS);
    assert!(h.contains("data-total=\"10000\"") && h.contains("data-count=\"100\""));
    assert!(
        h.contains(&format!("height: {}px", 10_000.0 * ROW_SLOT)),
        "the scrollbar spans the whole list"
    );
}

#[test]
fn the_window_covers_the_viewport_plus_overscan_and_stays_in_bounds() {
    assert_eq!(window(10_000, 0.0, 900.0), (0, 7 + 6));
    let (first, last) = window(10_000, 500_000.0, 900.0);
    assert!(first as f64 * ROW_SLOT <= 500_000.0 && last as f64 * ROW_SLOT >= 500_900.0);
    assert!(
        last - first <= 7 + 2 * 6 + 1,
        "only a screenful is rendered"
    );
    assert_eq!(window(10_000, 2e9, 900.0).1, 10_000);
    assert_eq!(window(3, 0.0, 900.0), (0, 3));
}

/// Issue 16 item 7: on a phone the bar holds what a thumb needs and
/// 'Lainnya' the rest, short labels that fit; each entry the role may use
/// is there exactly once, and a detail page has its title and a way back.
#[tokio::test]
async fn the_phone_bar_keeps_four_entries_and_lainnya_and_details_have_a_way_back() {
    use saga_ui::views::shell::{bar_split, BAR};
    for role in [
        Role::SuperAdmin,
        Role::TeamLead,
        Role::SalesAgent,
        Role::Viewer,
    ] {
        let me = saga_core::access::Principal::from(&user(role));
        let items = saga_ui::nav::items_for(&me);
        let (bar, rest) = bar_split(&items);
        assert!(bar.len() <= BAR, "{role:?}: {} in the bar", bar.len());
        assert_eq!(bar.len() + rest.len(), items.len(), "{role:?}: none lost");
        if !rest.is_empty() {
            assert_eq!(bar.len(), BAR);
            assert_eq!(bar[0].route, Route::Inbox, "{role:?}: the inbox first");
        }
        let h = shell_html(role, Route::Inbox, true, AgentStatus::Offline).await;
        for i in &items {
            assert_eq!(
                h.matches(&format!("data-testid=\"{}\"", i.testid)).count(),
                1,
                "{role:?}: {} once",
                i.testid
            );
        }
        assert!(h.contains("data-testid=\"nav-more\""), "{role:?}: Lainnya");
        assert_eq!(
            h.matches("data-testid=\"logout\"").count(),
            1,
            "{role:?}: signing out once, in Lainnya"
        );
        assert!(!h.contains("nav-back"), "a section has no back control");
    }
    // The Super Admin's eight entries: four, then Lainnya; short labels.
    let h = shell_html(Role::SuperAdmin, Route::Inbox, true, AgentStatus::Offline).await;
    assert!(h.contains(">Lainnya<"), "{h}");
    assert!(h.contains(">Bot Aktif<"), "the bar's short label");
    assert!(
        h.contains("title=\"Percakapan Bot Aktif\""),
        "the full one on it"
    );
    // A ticket on the phone: its own title and a back control to the inbox.
    let t = shell_html(
        Role::SalesAgent,
        Route::Ticket { id: "T-1".into() },
        true,
        AgentStatus::Online,
    )
    .await;
    assert!(t.contains("data-testid=\"nav-back\""), "{t}");
    assert!(t.contains("href=\"#/inbox\""));
    assert!(t.contains("class=\"page-title\">Percakapan<"), "{t}");
    // The desktop keeps its sidebar and section title.
    let d = shell_html(
        Role::SalesAgent,
        Route::Ticket { id: "T-1".into() },
        false,
        AgentStatus::Online,
    )
    .await;
    assert!(!d.contains("nav-back") && !d.contains("nav-more"));
}

/// DOCS-4: the updater's card and notice say where it is, and offer the
/// restart only when the agent is not Online.
#[tokio::test]
async fn the_update_card_offers_the_restart_only_when_offline() {
    use saga_core::ipc::{UpdatePhase, UpdateState};
    use saga_ui::views::update::{update_card, update_notice, UpdateCardProps};
    let ready = UpdateState {
        phase: UpdatePhase::Ready,
        current: "0.1.0".into(),
        version: Some("0.2.0".into()),
        received: 10,
        total: Some(10),
        installable: true,
        ..Default::default()
    };
    let card = |state: UpdateState, online: bool| {
        render_html(update_card(&UpdateCardProps {
            lang: Lang::Id,
            state,
            online,
            on_check: Callback::noop(),
            on_restart: Callback::noop(),
        }))
    };
    let online = card(ready.clone(), true).await;
    assert!(online.contains("Versi 0.2.0 siap."), "{online}");
    assert!(online.contains("Dipasang setelah Anda Offline"));
    assert!(
        !online.contains("update-restart"),
        "never offered while Online"
    );
    let offline = card(ready.clone(), false).await;
    assert!(offline.contains("data-testid=\"update-restart\""));
    assert!(offline.contains("Mulai ulang sekarang"));
    let downloading = card(
        UpdateState {
            phase: UpdatePhase::Downloading,
            received: 25,
            total: Some(100),
            ..ready.clone()
        },
        true,
    )
    .await;
    assert!(
        downloading.contains("Mengunduh versi 0.2.0… 25%"),
        "{downloading}"
    );
    assert!(
        !downloading.contains("update-check"),
        "no second check meanwhile"
    );
    let failed = card(
        UpdateState {
            phase: UpdatePhase::Failed,
            message: Some("Pembaruan ditolak: tanda tangannya tidak cocok".into()),
            ..ready.clone()
        },
        false,
    )
    .await;
    assert!(failed.contains("Pembaruan ditolak"));
    assert!(failed.contains("data-testid=\"update-check\""), "try again");
    let notice = render_html(update_notice(
        Lang::Id,
        "0.2.0",
        Callback::noop(),
        Callback::noop(),
    ))
    .await;
    assert!(notice.contains("Versi baru siap") && notice.contains("Mulai ulang sekarang"));
    assert!(!notice.contains("dialog"), "non-modal");
}

/// Issue 17, OQ-1: a writer or a delivery state a later backend adds is
/// shown as it comes (the raw value, or the writer's name), not refused.
#[test]
fn an_unknown_sender_and_delivery_state_are_shown_neutrally() {
    use saga_core::{Delivery, Message, Sender};
    use saga_ui::views::ticket::sender_label;
    let m = |sender: Sender, name: Option<&str>| Message {
        id: "M-1".into(),
        ticket_id: "T-1".into(),
        sender,
        sender_name: name.map(String::from),
        content: "Pesanan dikonfirmasi otomatis".into(),
        confidence: None,
        delivery: Delivery::Other("read".into()),
        created_at: "2026-12-01T07:05:00Z".into(),
        idempotency_key: None,
    };
    assert_eq!(
        sender_label(&m(Sender::Other("automation".into()), None)),
        "automation"
    );
    assert_eq!(
        sender_label(&m(
            Sender::Other("automation".into()),
            Some("Pengingat Saga")
        )),
        "Pengingat Saga"
    );
    assert_eq!(m(Sender::Bot, None).delivery.as_str(), "read");
}
