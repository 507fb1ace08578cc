//! Controls per role, against the one access gate (PRD chapter 4,
//! PERM-RULE-2): for every role, ticket division and ownership, each view
//! renders a control exactly when `saga_core::access` allows it, and leaves
//! it out of the HTML otherwise. A view that renders a forbidden control (or
//! hides an allowed one) fails here.

mod common;
use common::render_html;

use saga_core::access::{
    allows, can, can_reply_l1, can_take_over, can_view_internal, Ask, Perm, Principal,
};
use saga_core::{
    AgentStatus, AgentSummary, Channel, CrmRecord, CrmStage, Division, InternalMessage,
    QueueStatus, Role, TicketDetail, TicketItem, TicketStatus, User,
};
use saga_ui::composer::{Composer, Layer};
use saga_ui::i18n::Lang;
use saga_ui::nav::{allowed, Route};
use saga_ui::views::panel::{agent_panel, PanelProps};
use saga_ui::views::shell::{Shell, ShellProps};
use saga_ui::views::ticket::{TicketTab, TicketView, TicketViewProps};
use yew::prelude::*;
use yew::LocalServerRenderer;

const ROLES: [Role; 4] = [
    Role::SuperAdmin,
    Role::TeamLead,
    Role::SalesAgent,
    Role::Viewer,
];

fn user(role: Role) -> User {
    User {
        id: "U-me".into(),
        name: "Saya".into(),
        email: "me@saga.test".into(),
        role,
        division: Division::Sari,
        status: AgentStatus::Online,
        privileges: vec![],
        active: true,
    }
}

fn has(html: &str, testid: &str) -> bool {
    html.contains(&format!("data-testid=\"{testid}\""))
}

/// Asserts `testid` is in `html` exactly when `allowed`.
fn check(html: &str, testid: &str, allowed: bool, case: &str) {
    assert_eq!(
        has(html, testid),
        allowed,
        "{case}: `{testid}` {} but access says {}",
        if has(html, testid) {
            "is rendered"
        } else {
            "is missing"
        },
        if allowed { "allowed" } else { "forbidden" }
    );
}

#[tokio::test]
async fn the_shell_shows_each_entry_and_the_toggle_only_where_access_allows() {
    let entries = [
        (Route::Inbox, "nav-inbox"),
        (Route::Free, "nav-free"),
        (Route::Panel, "nav-panel"),
        (Route::Followup, "nav-followup"),
        (Route::Blasts, "nav-blasts"),
        (Route::Analytics, "nav-analytics"),
        (Route::Users, "nav-users"),
        (Route::Settings, "nav-settings"),
    ];
    for role in ROLES {
        for compact in [false, true] {
            let u = user(role);
            let me = Principal::from(&u);
            let props = ShellProps {
                user: u,
                status: AgentStatus::Offline,
                active: Route::Settings,
                compact,
                lang: Lang::Id,
                connection: None,
                status_busy: false,
                on_toggle: Callback::noop(),
                on_logout: Callback::noop(),
                on_help: Callback::noop(),
                bell: html! {},
                children: html! {},
            };
            let h = LocalServerRenderer::<Shell>::with_props(props)
                .render()
                .await;
            let case = format!("{role:?} compact={compact}");
            check(&h, "status-toggle", can(&me, Perm::ToggleOwn), &case);
            for (route, id) in &entries {
                check(&h, id, allowed(&me, route), &case);
            }
        }
    }
}

#[tokio::test]
async fn the_panel_offers_setting_others_status_only_under_perm_3() {
    let agents: Vec<AgentSummary> = [("U-a", AgentStatus::Online), ("U-b", AgentStatus::Offline)]
        .into_iter()
        .map(|(id, status)| AgentSummary {
            id: id.into(),
            name: id.into(),
            role: Role::SalesAgent,
            division: Division::Savi,
            status,
            active: true,
            active_tickets: 1,
            idle_tickets: 0,
            status_changed_at: "2026-11-23T01:00:00Z".into(),
        })
        .collect();
    for role in ROLES {
        let me = Principal::from(&user(role));
        let props = PanelProps {
            on_move: Callback::noop(),
            lang: Lang::Id,
            agents: agents.clone(),
            me: me.clone(),
            busy_agent: None,
            on_set_status: Callback::noop(),
            loading: false,
        };
        let h = render_html(agent_panel(&props)).await;
        check(
            &h,
            "panel-set-status",
            can(&me, Perm::ToggleOthers),
            &format!("{role:?}"),
        );
    }
}

/// Who handles the ticket in a case.
#[derive(Debug, Clone, Copy)]
enum Owner {
    /// FREE: the bot, nobody yet.
    Bot,
    Me,
    Other,
}

fn ticket(division: Division, owner: Owner) -> TicketItem {
    TicketItem {
        id: "T-1".into(),
        division,
        customer_id: "C-1".into(),
        customer_name: "Budi Santoso".into(),
        channel: Channel::Whatsapp,
        wa_display_name: None,
        status: TicketStatus::InProgress,
        queue_status: match owner {
            Owner::Bot => QueueStatus::Free,
            _ => QueueStatus::Assigned,
        },
        tags: vec!["b2b".into()],
        assigned_to: match owner {
            Owner::Bot => None,
            Owner::Me => Some("U-me".into()),
            Owner::Other => Some("U-other".into()),
        },
        assigned_agent_name: None,
        waiting_for_agent: None,
        returning_customer: false,
        off_hours: false,
        crm_stage: CrmStage::Qualified,
        deal_value: None,
        quote_value: None,
        sa_joined: false,
        created_at: "2026-11-23T07:05:00Z".into(),
        last_activity_at: "2026-11-23T07:05:00Z".into(),
        waiting_since: None,
        last_message_preview: None,
        last_customer_message_at: None,
    }
}

#[tokio::test]
async fn the_ticket_renders_each_control_exactly_when_access_allows_it() {
    for role in ROLES {
        for division in Division::ALL {
            for owner in [Owner::Bot, Owner::Me, Owner::Other] {
                let me = Principal::from(&user(role));
                let item = ticket(*division, owner);
                // What the server answers (DETAIL-L2-4, OQ-13): the page
                // passes the notes only where they may be read.
                let involved = matches!(owner, Owner::Me);
                let l2 = can_view_internal(&me, involved);
                let l1 = can_reply_l1(&me, item.assigned_to.as_deref())
                    || can(&me, Perm::ReplyAsSagaTeam);
                for mode in [Layer::L1, Layer::L2] {
                    let props = TicketViewProps {
                        lang: Lang::Id,
                        me: me.clone(),
                        detail: TicketDetail {
                            item: item.clone(),
                            crm: CrmRecord::default(),
                            can_view_internal: l2,
                        },
                        messages: vec![],
                        notes: l2.then(Vec::<InternalMessage>::new),
                        composer: Composer {
                            mode,
                            l1: "untuk pelanggan".into(),
                            l2: "catatan".into(),
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
                        agents: vec![],
                        on_assign: Callback::noop(),
                        assign_error: None,
                        assign_busy: false,
                        on_saga_team: Callback::noop(),
                        tab: TicketTab::Conversation,
                        crm: None,
                        compact: false,
                        me_name: "Saya".into(),
                        outbox: vec![],
                        on_retry: Callback::noop(),
                        on_discard_reply: Callback::noop(),
                        all_tags: vec![],
                        on_tag: Callback::noop(),
                        tag_error: None,
                        audit: None,
                        older: vec![],
                        total_messages: 0,
                        on_load_older: Callback::noop(),
                        loading_older: false,
                        window: saga_core::followup::Window::NotWhatsapp,
                        on_followup: Callback::noop(),
                        on_tag_agent: Callback::noop(),
                    };
                    let h = LocalServerRenderer::<TicketView>::with_props(props)
                        .render()
                        .await;
                    let case = format!("{role:?} on a {division:?} ticket of {owner:?}, {mode:?}");
                    let assigns = can(&me, Perm::AssignReassign);
                    check(
                        &h,
                        "takeover-button",
                        can_take_over(&me, *division, matches!(owner, Owner::Bot)),
                        &case,
                    );
                    check(
                        &h,
                        "assign-button",
                        assigns && matches!(owner, Owner::Bot),
                        &case,
                    );
                    check(
                        &h,
                        "reassign-button",
                        assigns && !matches!(owner, Owner::Bot),
                        &case,
                    );
                    check(&h, "l2-panel", l2, &case);
                    check(&h, "composer", l1 || l2, &case);
                    check(&h, "composer-mode-toggle", l1 && l2, &case);
                    // The layer in use: the one chosen when both are open.
                    let in_l2 = l2 && (mode == Layer::L2 || !l1);
                    check(
                        &h,
                        "reply-as-saga-team",
                        can(&me, Perm::ReplyAsSagaTeam) && !in_l2,
                        &case,
                    );
                    check(
                        &h,
                        "composer-send",
                        if in_l2 {
                            true
                        } else {
                            can_reply_l1(&me, item.assigned_to.as_deref())
                        },
                        &case,
                    );
                    check(
                        &h,
                        "tag-input",
                        allows(&me, Ask::EditTicket(*division)),
                        &case,
                    );
                    check(
                        &h,
                        "followup-send",
                        allows(
                            &me,
                            Ask::FollowUp {
                                handles_it: involved,
                            },
                        ),
                        &case,
                    );
                }
            }
        }
    }
}
