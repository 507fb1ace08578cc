//! Component tests of the supervisor's panel and the Super Admin's controls
//! (issue 14: PANEL-2..5, USERS-1..6).

mod common;
use common::render_html;

use saga_core::panel::queue_badge;
use saga_core::time::{now, rfc3339};
use saga_core::{
    AgentStatus, AgentSummary, Channel, CrmStage, DayHours, Division, QueueStatus, Role,
    TicketItem, TicketStatus, User,
};
use saga_ui::i18n::Lang;
use saga_ui::views::panel::{
    candidates, panel_tickets, queue_badge_view, AgentRow, AgentRowProps, QueueProps, TicketsProps,
};
use saga_ui::views::users::{
    filter_users, office_hours_form, user_form, validate, HoursProps, UserDraft, UserFormProps,
};
use std::rc::Rc;
use yew::prelude::*;
use yew::LocalServerRenderer;

fn ticket(id: &str, queue: QueueStatus) -> TicketItem {
    TicketItem {
        id: id.into(),
        division: Division::Sari,
        customer_id: "C-1".into(),
        customer_name: format!("Pelanggan {id}"),
        channel: Channel::Whatsapp,
        wa_display_name: None,
        status: TicketStatus::New,
        queue_status: queue.clone(),
        tags: vec![],
        assigned_to: (queue == QueueStatus::Assigned).then(|| "U-sari1".into()),
        assigned_agent_name: (queue == QueueStatus::Assigned).then(|| "Rudi Hartono".into()),
        waiting_for_agent: None,
        returning_customer: false,
        off_hours: false,
        crm_stage: CrmStage::Lead,
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

/// A customer waiting without an agent since `secs` ago.
fn waiting(secs: i64, at: i64) -> TicketItem {
    let mut t = ticket(&format!("T-{secs}"), QueueStatus::Free);
    t.waiting_since = Some(rfc3339(at - secs));
    t
}

async fn badge_html(role: Role, waits: &[i64]) -> String {
    let at = now();
    let tickets: Vec<TicketItem> = waits.iter().map(|s| waiting(*s, at)).collect();
    let props = QueueProps {
        lang: Lang::Id,
        badge: queue_badge(&tickets, role, at),
        threshold_mins: saga_core::panel::queue_threshold_secs(role).unwrap_or(0) / 60,
    };
    render_html(queue_badge_view(&props)).await
}

#[tokio::test]
async fn the_queue_badge_shows_past_5_minutes_for_a_team_lead_and_15_for_the_super_admin() {
    // PANEL-5.
    let h = badge_html(Role::TeamLead, &[4 * 60 + 59]).await;
    assert!(
        !h.contains("queue-badge"),
        "4:59 is not yet late for a TL: {h}"
    );
    let h = badge_html(Role::TeamLead, &[5 * 60 + 1, 60, 20 * 60]).await;
    assert!(
        h.contains("data-testid=\"queue-badge\"") && h.contains("data-count=\"2\""),
        "{h}"
    );
    assert!(
        h.contains("data-oldest-s=\"1200\"")
            && h.contains("2 pelanggan menunggu lebih dari 5 menit"),
        "{h}"
    );
    assert!(h.contains("terlama 20 m"), "the oldest wait is shown: {h}");
    let h = badge_html(Role::SuperAdmin, &[14 * 60 + 59, 6 * 60]).await;
    assert!(
        !h.contains("queue-badge"),
        "14:59 is not yet late for the SA"
    );
    let h = badge_html(Role::SuperAdmin, &[15 * 60 + 1]).await;
    assert!(
        h.contains("data-count=\"1\"") && h.contains("lebih dari 15 menit"),
        "{h}"
    );
}

async fn tickets_html(props: TicketsProps) -> String {
    render_html(panel_tickets(&props)).await
}

#[tokio::test]
async fn the_idle_list_names_customer_agent_and_quiet_time_and_each_row_opens_its_ticket() {
    // PANEL-4 and PANEL-3.
    let at = now();
    let mut quiet = ticket("T-000042", QueueStatus::Assigned);
    quiet.last_activity_at = rfc3339(at - (6 * 3600 + 15 * 60));
    let mut long = ticket("T-000043", QueueStatus::Assigned);
    long.last_activity_at = rfc3339(at - (2 * 86_400 + 3 * 3600));
    let props = |on_pick: Option<Callback<TicketItem>>| TicketsProps {
        lang: Lang::Id,
        kind: "idle",
        tickets: Rc::new(vec![long.clone(), quiet.clone()]),
        total: Some(12),
        now_s: at,
        on_pick,
    };
    let h = tickets_html(props(Some(Callback::noop()))).await;
    assert!(h.contains("data-testid=\"idle-alert\""));
    assert!(
        h.contains("data-testid=\"idle-ticket\" data-ticket-id=\"T-000042\""),
        "{h}"
    );
    assert!(h.contains("href=\"#/ticket/T-000042\""));
    assert!(h.contains("Pelanggan T-000042") && h.contains("Rudi Hartono"));
    assert!(
        h.contains("diam 6 j 15 m") && h.contains("diam 2 hr 3 j"),
        "{h}"
    );
    assert!(
        h.contains("(12)") && h.contains("2 yang paling lama ditampilkan"),
        "{h}"
    );
    assert_eq!(h.matches("data-testid=\"panel-pick-ticket\"").count(), 2);
    assert!(
        h.contains(">Pindahkan<"),
        "an assigned ticket is moved, not assigned"
    );
    // Without PERM-5 there is nothing to press.
    let h = tickets_html(props(None)).await;
    assert!(!h.contains("panel-pick-ticket"));
    // Nothing idle says so.
    let h = tickets_html(TicketsProps {
        tickets: Rc::new(vec![]),
        total: Some(0),
        ..props(None)
    })
    .await;
    assert!(!h.contains("idle-alert") && h.contains("(0)"));
}

fn agent(id: &str, division: Division, status: AgentStatus, active_tickets: u32) -> AgentSummary {
    AgentSummary {
        id: id.into(),
        name: format!("Agent {id}"),
        role: Role::SalesAgent,
        division,
        status,
        active: true,
        active_tickets,
        idle_tickets: 0,
        status_changed_at: "2026-11-23T01:00:00Z".into(),
    }
}

async fn row_html(a: AgentSummary, can_move: bool) -> String {
    LocalServerRenderer::<AgentRow>::with_props(AgentRowProps {
        lang: Lang::Id,
        agent: a,
        can_toggle: true,
        can_move,
        busy: false,
        on_set_status: Callback::noop(),
        on_move: Callback::noop(),
    })
    .render()
    .await
}

#[tokio::test]
async fn an_overloaded_agent_stands_out_and_a_deactivated_ones_tickets_are_flagged() {
    // PANEL-2.
    let h = row_html(agent("U-1", Division::Sari, AgentStatus::Online, 2), true).await;
    assert!(h.contains("data-load=\"normal\"") && !h.contains("load-word"));
    let h = row_html(agent("U-1", Division::Sari, AgentStatus::Online, 6), true).await;
    assert!(
        h.contains("data-load=\"busy\"") && h.to_uppercase().contains("SIBUK"),
        "{h}"
    );
    let h = row_html(agent("U-1", Division::Sari, AgentStatus::Online, 10), true).await;
    assert!(
        h.contains("data-load=\"overloaded\"") && h.to_uppercase().contains("KELEBIHAN BEBAN"),
        "{h}"
    );
    assert!(h.contains("data-testid=\"panel-move-tickets\"") && h.contains("Pindahkan 10 tiket"));
    // USERS-4: switched off with tickets still theirs.
    let mut gone = agent("U-2", Division::Savi, AgentStatus::Offline, 3);
    gone.active = false;
    let h = row_html(gone.clone(), true).await;
    assert!(
        h.contains("class=\"stranded\"") && h.contains("3 tiket"),
        "{h}"
    );
    assert!(
        !h.contains("panel-set-status"),
        "an inactive account has no status to set"
    );
    let h = row_html(gone, false).await;
    assert!(
        h.contains("stranded") && !h.contains("panel-move-tickets"),
        "flagged to everyone, moved by PERM-5 only"
    );
}

#[test]
fn tickets_go_to_online_agents_of_their_own_division_first_least_loaded_first() {
    // ASSIGN-2, PANEL-3.
    let mut viewer = agent("U-v", Division::Sari, AgentStatus::Online, 0);
    viewer.role = Role::Viewer;
    let mut off = agent("U-x", Division::Sari, AgentStatus::Online, 0);
    off.active = false;
    let all = vec![
        agent("U-savi", Division::Savi, AgentStatus::Online, 0),
        agent("U-busy", Division::Sari, AgentStatus::Online, 7),
        agent("U-calm", Division::Sari, AgentStatus::Online, 1),
        agent("U-home", Division::Sari, AgentStatus::Offline, 0),
        viewer,
        off,
    ];
    let ids = |v: Vec<AgentSummary>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(
        ids(candidates(&all, None, Some(Division::Sari))),
        ["U-calm", "U-busy", "U-savi"]
    );
    assert_eq!(
        ids(candidates(&all, Some("U-calm"), Some(Division::Savi))),
        ["U-savi", "U-busy"]
    );
}

fn draft(name: &str, email: &str, password: &str) -> UserDraft {
    UserDraft {
        name: name.into(),
        email: email.into(),
        password: password.into(),
        role: Some(Role::SalesAgent),
        division: Some(Division::Safia),
    }
}

#[test]
fn the_user_form_checks_every_field_before_sending() {
    // USERS-2.
    assert!(validate(
        Lang::Id,
        &draft("Wulan", "wulan@saga.test", "rahasia-123"),
        true
    )
    .is_empty());
    let e = validate(Lang::Id, &UserDraft::default(), true);
    for f in ["name", "email", "password", "role", "division"] {
        assert_eq!(e.get(f), Some(&"Wajib diisi."), "{f}");
    }
    for bad in ["wulan", "wulan@", "@saga.test", "wulan@saga", "wulan@.saga"] {
        let e = validate(Lang::Id, &draft("Wulan", bad, "rahasia-123"), true);
        assert!(e.get("email").is_some(), "{bad}");
    }
    let e = validate(Lang::En, &draft("Wulan", "wulan@saga.test", "pendek"), true);
    assert_eq!(e.get("password"), Some(&"At least 8 characters."));
    // An edit keeps the password unless a new one is typed.
    assert!(validate(Lang::Id, &draft("Wulan", "wulan@saga.test", ""), false).is_empty());
}

fn user(id: &str, name: &str, role: Role, division: Division, active: bool) -> User {
    User {
        id: id.into(),
        name: name.into(),
        email: format!("{}@saga.test", id.to_lowercase()),
        role,
        division,
        status: AgentStatus::Offline,
        privileges: vec![],
        active,
    }
}

async fn form_html(p: UserFormProps) -> String {
    render_html(user_form(&p)).await
}

fn form_props(user: Option<User>) -> UserFormProps {
    UserFormProps {
        lang: Lang::Id,
        draft: user.as_ref().map(UserDraft::of).unwrap_or_default(),
        user,
        errors: Default::default(),
        error: None,
        busy: false,
        saved: false,
        is_self: false,
        on_input: Callback::noop(),
        on_save: Callback::noop(),
        on_active: Callback::noop(),
    }
}

#[tokio::test]
async fn each_message_stands_next_to_its_field_and_the_own_account_cannot_be_switched_off() {
    // USERS-2, USERS-4.
    let mut p = form_props(None);
    p.errors.insert(
        "email".to_string(),
        "Email sudah dipakai pengguna lain.".to_string(),
    );
    p.errors.insert(
        "password".to_string(),
        "Kata sandi minimal 8 karakter.".to_string(),
    );
    let h = form_html(p).await;
    assert!(h.contains("data-field=\"email\"") && h.contains("Email sudah dipakai pengguna lain."));
    assert!(
        h.contains("data-field=\"password\"") && !h.contains("field-hint"),
        "the hint gives way to the error"
    );
    assert_eq!(h.matches("aria-invalid=\"true\"").count(), 2);
    assert!(
        !h.contains("user-deactivate"),
        "a new user has nothing to switch off"
    );

    let sari = user(
        "U-sari2",
        "Maya Sari",
        Role::SalesAgent,
        Division::Sari,
        true,
    );
    let h = form_html(form_props(Some(sari.clone()))).await;
    assert!(h.contains("data-testid=\"user-deactivate\"") && h.contains("value=\"Maya Sari\""));
    let mut off = sari.clone();
    off.active = false;
    let h = form_html(form_props(Some(off))).await;
    assert!(h.contains("data-testid=\"user-reactivate\"") && !h.contains("user-deactivate"));
    let me = user(
        "U-sa",
        "Sahpri Admin",
        Role::SuperAdmin,
        Division::Sari,
        true,
    );
    let h = form_html(UserFormProps {
        is_self: true,
        ..form_props(Some(me))
    })
    .await;
    assert!(
        !h.contains("user-deactivate"),
        "no switch to turn oneself off"
    );
    assert!(h.contains("data-testid=\"user-form-role\" disabled"), "{h}");
}

#[test]
fn the_users_table_filters_by_name_or_email_role_and_division() {
    // USERS-1, with a thousand users.
    let mut all: Vec<User> = (0..1000)
        .map(|i| {
            user(
                &format!("U-{i}"),
                &format!("Nama {i}"),
                [Role::SalesAgent, Role::TeamLead, Role::Viewer][i % 3],
                Division::ALL[i % 3],
                true,
            )
        })
        .collect();
    all.push(user(
        "U-w",
        "Wulan Anggraini",
        Role::TeamLead,
        Division::Savi,
        false,
    ));
    assert_eq!(filter_users(&all, "wulan", None, None).len(), 1);
    assert_eq!(filter_users(&all, "U-99@", None, None).len(), 1, "by email");
    let leads = filter_users(&all, "", Some(Role::TeamLead), Some(Division::Savi));
    assert!(leads
        .iter()
        .all(|u| u.role == Role::TeamLead && u.division == Division::Savi));
    assert_eq!(
        leads.len(),
        333 + 1,
        "every SAVI Team Lead, the inactive one too"
    );
}

async fn hours_html(days: Vec<DayHours>) -> String {
    render_html(office_hours_form(&HoursProps {
        lang: Lang::Id,
        division: Division::Savi,
        days,
        busy: false,
        saved: false,
        error: None,
        on_change: Callback::noop(),
        on_save: Callback::noop(),
    }))
    .await
}

fn day(day: u8, open: &str, close: &str, closed: bool) -> DayHours {
    DayHours {
        day,
        open: open.into(),
        close: close.into(),
        closed,
    }
}

#[tokio::test]
async fn office_hours_are_per_day_in_wib_and_close_must_follow_open() {
    // USERS-6, DOD-15.
    let mut week: Vec<DayHours> = (1..=6).map(|d| day(d, "08:00", "17:00", false)).collect();
    week.push(day(7, "08:00", "17:00", true));
    let h = hours_html(week.clone()).await;
    assert!(h.contains("data-division=\"SAVI\""));
    assert!(
        h.contains(
            "data-day=\"mon\" data-open=\"08:00\" data-close=\"17:00\" data-closed=\"false\""
        ),
        "{h}"
    );
    assert!(h.contains("data-day=\"sun\"") && h.contains("data-closed=\"true\""));
    assert_eq!(
        h.matches("data-testid=\"office-hours-open\"").count(),
        6,
        "a closed day has no times"
    );
    assert!(
        !h.contains("office-hours-error")
            && !h.contains("data-testid=\"office-hours-save\" disabled")
    );
    week[2] = day(3, "17:00", "08:00", false);
    let h = hours_html(week).await;
    assert_eq!(h.matches("data-testid=\"office-hours-error\"").count(), 1);
    assert!(
        h.contains("data-testid=\"office-hours-save\" disabled"),
        "nothing wrong is saved"
    );
}
