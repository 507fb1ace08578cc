//! Component tests of the Follow-Up Center, the follow-up dialog, WhatsApp's
//! window and blasts (PRD 3.6), rendered natively.

mod common;
use common::render_html;

use saga_core::access::Principal;
use saga_core::followup::Window;
use saga_core::{
    Blast, BlastRecipient, BlastStatus, CategoryRate, Channel, CrmStage, Division,
    FollowUpCategory, Lead, PersonRef, Role, Template,
};
use saga_ui::collections::SortedSet;
use saga_ui::i18n::Lang;
use saga_ui::views::blasts::{
    blast_detail, blast_list, resolve, BlastComposer, BlastListProps, ComposerProps, DetailProps,
    Mode,
};
use saga_ui::views::followup::{
    followup_dialog, wa_window_badge, FollowupDialogProps, LeadList, LeadListProps, WindowProps,
};
use std::rc::Rc;
use yew::prelude::*;
use yew::LocalServerRenderer;

fn lead(id: &str, name: &str, c: FollowUpCategory, stage: CrmStage) -> Lead {
    Lead {
        id: id.into(),
        category: c,
        reason: format!("alasan {id}"),
        customer_name: Some(name.into()),
        division: Some(Division::Sari),
        crm_stage: Some(stage),
        days_since_last_interaction: Some(3),
        channel: Some(Channel::Telegram),
        origin_city: Some("Surabaya".into()),
        destination_city: Some("Makassar".into()),
        last_customer_message_at: Some(saga_core::time::rfc3339(saga_core::time::now())),
    }
}

fn leads() -> Vec<Lead> {
    vec![
        lead(
            "T-3",
            "Citra Dewi",
            FollowUpCategory::Dingin,
            CrmStage::Lead,
        ),
        lead(
            "T-1",
            "Budi Santoso",
            FollowUpCategory::Panas,
            CrmStage::Proposal,
        ),
        lead(
            "T-2",
            "Agus Salim",
            FollowUpCategory::Hangat,
            CrmStage::Qualified,
        ),
        lead(
            "T-4",
            "Dewi Lestari",
            FollowUpCategory::Panas,
            CrmStage::Qualified,
        ),
    ]
}

fn has(h: &str, id: &str) -> bool {
    h.contains(&format!("data-testid=\"{id}\""))
}

/// Issue 17: a lead whose follow-up from this user still waits in the
/// outbox says so on its row (and only that one).
#[tokio::test]
async fn a_lead_with_a_waiting_follow_up_says_so() {
    let props = LeadListProps {
        lang: Lang::Id,
        leads: Rc::new(leads()),
        show_division: false,
        per_group: 40,
        waiting: Rc::new(vec!["T-2".into()]),
    };
    let h = LocalServerRenderer::<LeadList>::with_props(props)
        .render()
        .await;
    assert_eq!(
        h.matches("data-testid=\"lead-followup-waiting\"").count(),
        1
    );
    let row = &h[h.find("data-ticket-id=\"T-2\"").unwrap()..];
    let row = &row[..row.find("</li>").unwrap()];
    assert!(row.contains("Follow-up belum terkirim"), "{row}");
}

/// Issue 17 item 5 (OQ-1): a category this build does not know is shown as
/// it comes, in neutral grey, after the known ones; the list stays readable.
#[tokio::test]
async fn an_unknown_category_is_shown_as_it_comes_after_the_known_ones() {
    let mut all = leads();
    all.push(lead(
        "T-9",
        "Rina Wijaya",
        FollowUpCategory::parse("SUAM"),
        CrmStage::Lead,
    ));
    let props = LeadListProps {
        lang: Lang::Id,
        leads: Rc::new(all),
        show_division: true,
        per_group: 40,
        waiting: Rc::new(vec![]),
    };
    let h = LocalServerRenderer::<LeadList>::with_props(props)
        .render()
        .await;
    let dingin = h.find("data-category=\"DINGIN\"").unwrap();
    let other = h.find("data-category=\"SUAM\"").expect("its own group");
    assert!(dingin < other, "after the known categories");
    assert!(h.contains(">SUAM<") && h.contains("cat-other"));
    assert!(h.contains("Rina Wijaya"));
}

#[tokio::test]
async fn leads_are_grouped_hot_to_cold_with_their_label_colour_and_reason() {
    let props = LeadListProps {
        lang: Lang::Id,
        leads: Rc::new(leads()),
        show_division: true,
        per_group: 40,
        waiting: Rc::new(vec![]),
    };
    let h = LocalServerRenderer::<LeadList>::with_props(props)
        .render()
        .await;
    let panas = h.find("data-category=\"PANAS\"").unwrap();
    let hangat = h.find("data-category=\"HANGAT\"").unwrap();
    let dingin = h.find("data-category=\"DINGIN\"").unwrap();
    assert!(panas < hangat && hangat < dingin, "FU-REC-2: hot first");
    for (label, class) in [
        ("PANAS", "cat-panas"),
        ("HANGAT", "cat-hangat"),
        ("DINGIN", "cat-dingin"),
    ] {
        assert!(
            h.contains(&format!(">{label}<")),
            "{label} written, not colour alone"
        );
        assert!(h.contains(class));
    }
    // FU-REC-3: name, division, stage, days, reason; the row opens its ticket.
    for s in [
        "Budi Santoso",
        "SARI",
        "Proposal",
        "3 hari lalu",
        "alasan T-1",
        "href=\"#/ticket/T-1\"",
    ] {
        assert!(h.contains(s), "{s}");
    }
    assert_eq!(h.matches("data-testid=\"lead-row\"").count(), 4);
    assert_eq!(h.matches("data-testid=\"lead-open\"").count(), 4);
    let en = LocalServerRenderer::<LeadList>::with_props(LeadListProps {
        lang: Lang::En,
        leads: Rc::new(leads()),
        show_division: false,
        per_group: 1,
        waiting: Rc::new(vec![]),
    })
    .render()
    .await;
    assert!(en.contains(">HOT<") && en.contains(">WARM<") && en.contains(">COLD<"));
    assert!(
        !en.contains(">SARI<"),
        "an agent's own division is not repeated"
    );
    assert_eq!(
        en.matches("data-testid=\"lead-row\"").count(),
        3,
        "one per group"
    );
    assert!(en.contains("Show 1 more"));
}

fn dialog(message: &str, template_id: Option<&str>, window: Window) -> FollowupDialogProps {
    FollowupDialogProps {
        lang: Lang::Id,
        templates: vec![Template {
            id: "TPL-7".into(),
            name: "Jadwal rute".into(),
            body: "Halo {nama}, jadwal {asal} → {tujuan} ada. Salam, {agent}.".into(),
            division: None,
        }],
        template_id: template_id.map(Into::into),
        message: message.into(),
        customer: "Budi Santoso".into(),
        agent: "Rudi Hartono".into(),
        origin: Some("Surabaya".into()),
        destination: None,
        window,
        busy: false,
        error: None,
        on_pick: Callback::noop(),
        on_input: Callback::noop(),
        on_send: Callback::noop(),
        on_close: Callback::noop(),
    }
}

fn preview_of(h: &str) -> String {
    let i = h.find("data-testid=\"followup-preview\"").unwrap();
    let rest = &h[i..];
    let a = rest.find("<p class=\"msg-text\">").unwrap() + "<p class=\"msg-text\">".len();
    rest[a..a + rest[a..].find("</p>").unwrap()].to_string()
}

#[tokio::test]
async fn the_preview_is_what_the_customer_receives_with_every_placeholder_filled() {
    let open = Window::Open { remaining_s: 3600 };
    let body = "Halo {nama}, jadwal {asal} → {tujuan} ada. Salam, {agent}.";
    let h = render_html(followup_dialog(&dialog(body, Some("TPL-7"), open))).await;
    let p = preview_of(&h);
    assert_eq!(
        p,
        "Halo Budi Santoso, jadwal Surabaya → kota tujuan ada. Salam, Rudi Hartono."
    );
    assert!(
        !p.contains('{'),
        "no raw placeholder reaches the customer: {p}"
    );
    // The edited text is previewed as edited.
    let h = render_html(followup_dialog(&dialog(
        "Pak {nama}, sudah siap?",
        Some("TPL-7"),
        open,
    )))
    .await;
    assert_eq!(preview_of(&h), "Pak Budi Santoso, sudah siap?");
    assert!(h.contains("aria-selected=\"true\"") && has(&h, "followup-template"));
}

fn disabled(h: &str, testid: &str) -> bool {
    let i = h.find(&format!("data-testid=\"{testid}\"")).unwrap();
    let tag_start = h[..i].rfind('<').unwrap();
    let tag = &h[tag_start..i + h[i..].find('>').unwrap()];
    tag.contains("disabled")
}

#[tokio::test]
async fn outside_the_window_only_the_unedited_template_can_be_sent() {
    let body = "Halo {nama}, jadwal {asal} → {tujuan} ada. Salam, {agent}.";
    let closed = |msg: &str, tpl: Option<&str>| dialog(msg, tpl, Window::Closed);
    let h = render_html(followup_dialog(&closed(body, Some("TPL-7")))).await;
    assert!(
        !disabled(&h, "followup-submit"),
        "the template as written goes"
    );
    assert!(h.contains("data-open=\"false\""));
    let h = render_html(followup_dialog(&closed(
        &format!("{body} Ada diskon!"),
        Some("TPL-7"),
    )))
    .await;
    assert!(
        disabled(&h, "followup-submit"),
        "an edited template is free text"
    );
    assert!(has(&h, "followup-edited-warning") && has(&h, "followup-restore"));
    let h = render_html(followup_dialog(&closed("Halo!", None))).await;
    assert!(disabled(&h, "followup-submit"));
    // Inside the window anything typed goes.
    let h = render_html(followup_dialog(&dialog(
        "Halo!",
        None,
        Window::Open { remaining_s: 60 },
    )))
    .await;
    assert!(!disabled(&h, "followup-submit"));
}

#[tokio::test]
async fn the_window_shows_its_time_left_or_that_it_closed() {
    let render = |lang, window| render_html(wa_window_badge(&WindowProps { lang, window }));
    let h = render(
        Lang::Id,
        Window::Open {
            remaining_s: 15 * 3600 + 30 * 60 + 20,
        },
    )
    .await;
    assert!(h.contains("Jendela WhatsApp 15 j 30 m"), "{h}");
    assert!(h.contains("data-open=\"true\"") && h.contains("data-remaining-s=\"55820\""));
    let h = render(Lang::En, Window::Open { remaining_s: 125 }).await;
    assert!(h.contains("WhatsApp window 0 h 2 m"), "{h}");
    let h = render(Lang::Id, Window::Closed).await;
    assert!(h.contains("Jendela 24 jam WhatsApp tertutup") && h.contains("data-open=\"false\""));
    let h = render(Lang::Id, Window::NotWhatsapp).await;
    assert!(!has(&h, "wa-window"), "other channels have no window");
}

fn composer(mode: Mode, categories: &[FollowUpCategory], ticked: &[&str]) -> ComposerProps {
    ComposerProps {
        lang: Lang::Id,
        leads: Rc::new(leads()),
        mode,
        categories: categories.iter().cloned().collect(),
        stage: None,
        ticked: ticked.iter().map(|s| s.to_string()).collect(),
        templates: vec![],
        template_id: None,
        message: "Halo {nama}, dari {asal}? Salam {agent}".into(),
        agent: "Rudi Hartono".into(),
        now_s: saga_core::time::now(),
        busy: false,
        error: None,
        on_mode: Callback::noop(),
        on_category: Callback::noop(),
        on_stage: Callback::noop(),
        on_tick: Callback::noop(),
        on_tick_all: Callback::noop(),
        on_template: Callback::noop(),
        on_message: Callback::noop(),
        on_submit: Callback::noop(),
    }
}

#[tokio::test]
async fn the_composer_counts_what_it_will_submit_and_previews_each_recipient() {
    let all = leads();
    let hot: SortedSet<_> = [FollowUpCategory::Panas].into_iter().collect();
    let picked = resolve(&all, Mode::Filter, &hot, None, &SortedSet::new());
    assert_eq!(
        picked.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        ["T-1", "T-4"]
    );
    let proposal = resolve(
        &all,
        Mode::Filter,
        &hot,
        Some(&CrmStage::Proposal),
        &SortedSet::new(),
    );
    assert_eq!(proposal.len(), 1);
    let manual: SortedSet<String> = ["T-3".to_string()].into_iter().collect();
    assert_eq!(
        resolve(&all, Mode::Manual, &hot, None, &manual)[0].id,
        "T-3"
    );

    let h = LocalServerRenderer::<BlastComposer>::with_props(composer(
        Mode::Filter,
        &[FollowUpCategory::Panas],
        &[],
    ))
    .render()
    .await;
    assert!(
        h.contains("data-testid=\"blast-recipient-count\" data-count=\"2\""),
        "BLAST-2"
    );
    assert_eq!(h.matches("data-testid=\"blast-preview-item\"").count(), 2);
    assert!(h.contains("Halo Budi Santoso, dari Surabaya? Salam Rudi Hartono"));
    assert!(h.contains("Halo Dewi Lestari, dari Surabaya?"));
    assert!(
        !h.contains("{nama}") || h.matches("{nama}").count() == 1,
        "only the editor holds the raw template"
    );
    assert!(!disabled(&h, "blast-submit"));
    // Manual mode: what is ticked; nothing ticked cannot be submitted.
    let h = LocalServerRenderer::<BlastComposer>::with_props(composer(Mode::Manual, &[], &[]))
        .render()
        .await;
    assert_eq!(h.matches("data-testid=\"blast-recipient\"").count(), 4);
    assert!(h.contains("data-count=\"0\""));
    assert!(
        disabled(&h, "blast-submit"),
        "a blast of 0 recipients is not submitted"
    );
    let mut empty = composer(Mode::Filter, &[], &[]);
    empty.message = "   ".into();
    let h = LocalServerRenderer::<BlastComposer>::with_props(empty)
        .render()
        .await;
    assert!(disabled(&h, "blast-submit"), "nor one without a message");
}

fn blast(status: BlastStatus) -> Blast {
    Blast {
        id: "B-1".into(),
        division: Division::Sari,
        created_by: PersonRef {
            id: "U-sari1".into(),
            name: "Rudi Hartono".into(),
        },
        message: "Halo {nama}, promo ke {tujuan}.".into(),
        template_id: None,
        reject_reason: (status == BlastStatus::Rejected).then(|| "Terlalu menjual".into()),
        status,
        total: 2,
        sent: 1,
        decided_by: None,
        created_at: "2026-12-01T02:00:00Z".into(),
        response_rate: vec![CategoryRate {
            category: FollowUpCategory::Panas,
            recipients: 2,
            responded: 1,
            response_rate: 0.5,
        }],
        recipients: vec![BlastRecipient {
            ticket_id: "T-1".into(),
            customer_name: "Budi Santoso".into(),
            category: FollowUpCategory::Panas,
            channel: Channel::Whatsapp,
            origin_city: None,
            destination_city: Some("Makassar".into()),
            sent_at: None,
        }],
    }
}

fn me(role: Role) -> Principal {
    Principal {
        id: "U-x".into(),
        role,
        division: Division::Sari,
        privileges: vec![],
    }
}

#[tokio::test]
async fn approve_and_reject_exist_only_for_supervisors_while_the_blast_waits() {
    for role in [
        Role::SuperAdmin,
        Role::TeamLead,
        Role::SalesAgent,
        Role::Viewer,
    ] {
        for status in [
            BlastStatus::PendingApproval,
            BlastStatus::Sending,
            BlastStatus::Completed,
            BlastStatus::Rejected,
            // A state this build does not know (OQ-1): shown as it comes,
            // with no action.
            BlastStatus::parse("paused"),
        ] {
            let props = DetailProps {
                lang: Lang::Id,
                me: me(role),
                blast: blast(status.clone()),
                busy: false,
                error: None,
                rejecting: None,
                on_approve: Callback::noop(),
                on_reject_open: Callback::noop(),
                on_reject_reason: Callback::noop(),
                on_reject_confirm: Callback::noop(),
            };
            let h = render_html(blast_detail(&props)).await;
            let decides = matches!(role, Role::SuperAdmin | Role::TeamLead)
                && status == BlastStatus::PendingApproval;
            assert_eq!(has(&h, "blast-approve"), decides, "{role:?} {status:?}");
            assert_eq!(has(&h, "blast-reject"), decides, "{role:?} {status:?}");
            assert!(
                h.contains("Halo Budi Santoso, promo ke Makassar."),
                "BLAST-5 preview"
            );
            assert_eq!(has(&h, "blast-progress"), status == BlastStatus::Sending);
            if status == BlastStatus::Sending {
                assert!(
                    h.contains("data-sent=\"1\" data-total=\"2\"")
                        && h.contains("1 dari 2 terkirim")
                );
            }
            if status == BlastStatus::Completed {
                assert!(
                    h.contains("data-category=\"PANAS\" data-rate=\"50\""),
                    "BLAST-7"
                );
            }
            if status == BlastStatus::Rejected {
                assert!(h.contains("Terlalu menjual"), "the submitter sees why");
            }
            let label = match &status {
                BlastStatus::PendingApproval => "Menunggu Persetujuan",
                BlastStatus::Sending => "Sedang Dikirim",
                BlastStatus::Completed => "Selesai",
                BlastStatus::Rejected => "Ditolak",
                BlastStatus::Other(s) => s.as_str(),
            };
            assert!(h.contains(label));
        }
    }
}

#[tokio::test]
async fn the_reject_form_needs_a_reason() {
    let props = |reason: &str| DetailProps {
        lang: Lang::Id,
        me: me(Role::TeamLead),
        blast: blast(BlastStatus::PendingApproval),
        busy: false,
        error: None,
        rejecting: Some(reason.into()),
        on_approve: Callback::noop(),
        on_reject_open: Callback::noop(),
        on_reject_reason: Callback::noop(),
        on_reject_confirm: Callback::noop(),
    };
    let h = render_html(blast_detail(&props(" "))).await;
    assert!(has(&h, "blast-reject-reason") && disabled(&h, "blast-reject-confirm"));
    let h = render_html(blast_detail(&props("Terlalu menjual"))).await;
    assert!(!disabled(&h, "blast-reject-confirm"));
}

#[tokio::test]
async fn supervisors_see_blasts_awaiting_approval_first() {
    let list = vec![
        blast(BlastStatus::Completed),
        Blast {
            id: "B-2".into(),
            ..blast(BlastStatus::PendingApproval)
        },
    ];
    let h = render_html(blast_list(&BlastListProps {
        lang: Lang::Id,
        me: me(Role::TeamLead),
        blasts: Rc::new(list),
    }))
    .await;
    let pending = h.find("data-blast-id=\"B-2\"").unwrap();
    let done = h.find("data-blast-id=\"B-1\"").unwrap();
    assert!(pending < done);
    assert!(h.contains("data-testid=\"blast-response-rate\""));
}
