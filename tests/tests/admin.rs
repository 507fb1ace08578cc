//! Issue 14 end to end on the real app: the supervisor's panel, the Super
//! Admin's users, privileges and office hours, and the inbox's search,
//! filters, tagged notes and whole-row links.

use saga_core::time::{now, rfc3339};
use saga_core::{AgentStatus, InboxQuery, InternalMessageRequest, UserPatch};
use saga_e2e::*;
use serde_json::json;
use std::time::Duration;

/// A customer writes through the dev server (a new customer: a new ticket).
async fn customer_writes(app: &AppUnderTest, name: &str, division: &str) -> serde_json::Value {
    app.customer_message(json!({"name": name, "division": division, "channel": "whatsapp", "message": "Halo, mau tanya ongkir"}))
        .await
}

/// PANEL-5, PANEL-3, ASSIGN-3: a customer left waiting crosses the Team
/// Lead's five minutes while the panel is open (the seeded timestamp, not a
/// five-minute sleep); the lead assigns the ticket from the panel to an
/// Online agent, who is told and has it.
#[tokio::test(flavor = "multi_thread")]
async fn a_team_lead_sees_a_waiting_customer_cross_five_minutes_and_assigns_from_the_panel() {
    let app = AppUnderTest::start().await;
    let agent = app.api_as("sari.agent1@saga.test").await;
    agent.set_status(AgentStatus::Online, None).await.unwrap();
    let tl = app.api_as("lead@saga.test").await;
    let free = tl
        .inbox(&InboxQuery {
            division: Some("SARI".into()),
            queue_status: Some("FREE".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let tid = free.items[0].id.clone();
    // Every other customer has just written; this one has waited 4 min 48 s.
    let (fresh, late) = (rfc3339(now()), rfc3339(now() - (4 * 60 + 48)));
    app.server.state.db.with(|c| {
        c.execute(
            "UPDATE tickets SET waiting_since = ?1 WHERE queue_status IN ('FREE', 'WAITING_AGENT')",
            [fresh.as_str()],
        )
        .unwrap();
        c.execute(
            "UPDATE tickets SET waiting_since = ?2 WHERE id = ?1",
            [tid.as_str(), late.as_str()],
        )
        .unwrap();
    });
    app.login("lead@saga.test").await;
    app.click("[data-testid=nav-panel]").await;
    let row = format!("[data-testid=waiting-ticket][data-ticket-id={tid}]");
    app.wait_for(&row).await;
    assert!(
        !app.exists("[data-testid=queue-badge]").await,
        "4:48 is not late yet"
    );
    // The panel re-reads the clock on its own; the badge comes after 5:00.
    app.wait_for_within(
        "[data-testid=queue-badge][data-count='1']",
        Duration::from_secs(40),
    )
    .await;
    assert!(app
        .text("[data-testid=queue-badge]")
        .await
        .contains("lebih dari 5 menit"));

    app.click(&format!("{row} [data-testid=panel-pick-ticket]"))
        .await;
    app.click("[data-testid=panel-assign][data-agent-id=U-sari1]")
        .await;
    app.wait_gone(&row, Duration::from_secs(5)).await;
    assert!(app.text("[data-testid=toast]").await.contains('1'));
    let mine = agent
        .inbox(&InboxQuery {
            assigned_to: Some("me".into()),
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(mine.items.iter().any(|t| t.id == tid), "the agent has it");
    let told = agent.notifications().await.unwrap().items;
    assert!(
        told.iter()
            .any(|n| n.ticket_id.as_deref() == Some(tid.as_str())
                && n.title
                    .contains("Tiket baru untuk Anda dari Lina Kurniawati")),
        "ASSIGN-3: the new agent is told"
    );
    // In the agent's own app the ticket is among theirs.
    app.nav("logout").await;
    app.login("sari.agent1@saga.test").await;
    app.select("[data-testid=filter-assigned-to]", "me").await;
    app.wait_for(&format!("[data-testid=ticket-row][data-ticket-id={tid}]"))
        .await;
    app.close().await;
}

/// USERS-1..4, DOD-14: the Super Admin adds a user (a taken email is said
/// next to the field), who signs in; edits their division; deactivates
/// them: sign-in refused, their open session ends, their tickets stay and
/// are flagged on the panel. The Super Admin cannot switch themself off.
#[tokio::test(flavor = "multi_thread")]
async fn the_super_admin_adds_edits_and_deactivates_a_user() {
    let app = AppUnderTest::start().await;
    app.login("superadmin@saga.test").await;
    app.click("[data-testid=nav-users]").await;
    app.wait_for("[data-testid=user-row]").await;
    let before = app.count("[data-testid=user-row]").await;
    app.click("[data-testid=user-add]").await;
    app.type_into("[data-testid=user-form-name]", "Wulan Anggraini")
        .await;
    app.type_into("[data-testid=user-form-email]", "lead@saga.test")
        .await;
    app.type_into("[data-testid=user-form-password]", "rahasia-wulan-1")
        .await;
    app.select("[data-testid=user-form-role]", "sales_agent")
        .await;
    app.select("[data-testid=user-form-division]", "SARI").await;
    app.click("[data-testid=user-form-save]").await;
    app.wait_for("[data-testid=user-form-error][data-field=email]")
        .await;
    assert_eq!(
        app.value("[data-testid=user-form-name]").await.as_deref(),
        Some("Wulan Anggraini"),
        "what was typed stays"
    );
    app.type_into("[data-testid=user-form-email]", "wulan@saga.test")
        .await;
    app.click("[data-testid=user-form-save]").await;
    app.wait_for("[data-testid=user-deactivate]").await;
    let users = app
        .api_as("superadmin@saga.test")
        .await
        .users()
        .await
        .unwrap()
        .users;
    let wulan = users
        .iter()
        .find(|u| u.email == "wulan@saga.test")
        .expect("saved")
        .clone();
    assert_eq!(
        (wulan.name.as_str(), wulan.division),
        ("Wulan Anggraini", saga_core::Division::Sari)
    );

    // She signs in on the app.
    app.nav("logout").await;
    app.login_with("wulan@saga.test", "rahasia-wulan-1").await;
    app.wait_for("[data-testid=app-shell]").await;
    app.nav("logout").await;

    // Her division changes; she takes a ticket and keeps a session open.
    app.login("superadmin@saga.test").await;
    app.go(&format!("/users/{}", wulan.id)).await;
    app.select("[data-testid=user-form-division]", "SAVI").await;
    app.click("[data-testid=user-form-save]").await;
    let sa = app.api_as("superadmin@saga.test").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let u = sa
            .users()
            .await
            .unwrap()
            .users
            .into_iter()
            .find(|u| u.id == wulan.id)
            .unwrap();
        if u.division == saga_core::Division::Savi {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the division was saved"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let her = saga_core::client::ApiClient::new(&app.server.url()).unwrap();
    her.login("wulan@saga.test", "rahasia-wulan-1")
        .await
        .unwrap();
    assert_eq!(her.me().await.unwrap().division, saga_core::Division::Savi);
    her.set_status(AgentStatus::Online, None).await.unwrap();
    let free = her.free(None).await.unwrap().items;
    let taken = free
        .iter()
        .find(|t| t.division == saga_core::Division::Savi)
        .unwrap()
        .id
        .clone();
    her.self_takeover(&taken).await.unwrap();

    // Deactivated, with a confirmation.
    app.click("[data-testid=user-deactivate]").await;
    app.click("[data-testid=confirm-ok]").await;
    app.wait_for("[data-testid=user-reactivate]").await;
    assert!(
        matches!(
            her.me().await,
            Err(saga_core::ApiError::Unauthorized { .. })
        ),
        "her open session ends at its next request"
    );
    let kept = sa
        .inbox(&InboxQuery {
            division: Some("all".into()),
            assigned_to: Some(wulan.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(kept.items.iter().any(|t| t.id == taken), "her tickets stay");
    app.click("[data-testid=nav-panel]").await;
    let row = format!("[data-testid=panel-agent-row][data-agent-id={}]", wulan.id);
    app.wait_for(&format!("{row} .stranded")).await;
    assert!(
        app.exists(&format!("{row} [data-testid=panel-move-tickets]"))
            .await
    );

    // The users table counts her, inactive; the Super Admin's own page has
    // no switch to turn themself off.
    app.click("[data-testid=nav-users]").await;
    app.wait_for(&format!(
        "[data-testid=user-row][data-user-id={}][data-active=false]",
        wulan.id
    ))
    .await;
    assert_eq!(app.count("[data-testid=user-row]").await, before + 1);
    app.go("/users/U-sa").await;
    app.wait_for("[data-testid=user-form-role][disabled]").await;
    assert!(!app.exists("[data-testid=user-deactivate]").await);

    // She can no longer sign in.
    app.nav("logout").await;
    app.login_with("wulan@saga.test", "rahasia-wulan-1").await;
    app.wait_for("[data-testid=login-error]").await;
    assert!(!app.exists("[data-testid=app-shell]").await);
    app.close().await;
}

/// USERS-5, API-27, OQ-7: a privilege the Super Admin takes from an agent
/// leaves that agent's app while it is open; given back, it returns.
#[tokio::test(flavor = "multi_thread")]
async fn a_privilege_taken_from_an_agent_leaves_their_app_at_once() {
    let app = AppUnderTest::start().await;
    app.login("sari.agent1@saga.test").await;
    app.wait_for("[data-testid=nav-free]").await;
    let sa = app.api_as("superadmin@saga.test").await;
    let patch = |p: Vec<&str>| UserPatch {
        privileges: Some(p.into_iter().map(String::from).collect()),
        ..Default::default()
    };
    sa.patch_user("U-sari1", &patch(vec!["-free_takeover"]))
        .await
        .unwrap();
    app.wait_gone("[data-testid=nav-free]", Duration::from_secs(5))
        .await;
    assert!(app.exists("[data-testid=nav-inbox]").await);
    // A route to it is refused too.
    app.go("/free").await;
    app.wait_for("[data-testid=forbidden]").await;
    sa.patch_user("U-sari1", &patch(vec![])).await.unwrap();
    app.wait_for_within("[data-testid=nav-free]", Duration::from_secs(5))
        .await;
    // The same through the role's defaults, from the Super Admin's screen.
    app.nav("logout").await;
    app.login("superadmin@saga.test").await;
    app.go("/privileges").await;
    app.click("[data-testid=privileges-role] [data-role=sales_agent]")
        .await;
    app.click("[data-testid=user-privilege][data-privilege=free_takeover] input")
        .await;
    app.click("[data-testid=user-privileges-save]").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while sa
        .role_privileges(saga_core::Role::SalesAgent)
        .await
        .unwrap()
        .privileges
        != ["-free_takeover"]
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the role's defaults were saved"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.nav("logout").await;
    app.login("sari.agent2@saga.test").await;
    app.wait_for("[data-testid=nav-inbox]").await;
    assert!(!app.exists("[data-testid=nav-free]").await);
    app.close().await;
}

/// USERS-6, DOD-15: the Super Admin closes SARI every day of the week; the
/// next new customer arrives with OFF HOURS. Open around the clock, the
/// next one does not.
#[tokio::test(flavor = "multi_thread")]
async fn office_hours_set_to_closed_make_a_new_customer_arrive_off_hours() {
    let app = AppUnderTest::start().await;
    app.login("superadmin@saga.test").await;
    app.go("/office-hours").await;
    app.wait_for("[data-testid=office-hours-form][data-division=SARI]")
        .await;
    for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        let day = format!("[data-testid=office-hours-day][data-day={d}]");
        if app.attr(&day, "data-closed").await.as_deref() == Some("false") {
            app.click(&format!("{day} [data-testid=office-hours-closed]"))
                .await;
            app.wait_attr(&day, "data-closed", "true", Duration::from_secs(2))
                .await;
        }
    }
    app.click("[data-testid=office-hours-save]").await;
    let sa = app.api_as("superadmin@saga.test").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !sa
        .office_hours(saga_core::Division::Sari)
        .await
        .unwrap()
        .days
        .iter()
        .all(|d| d.closed)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the closed week was saved"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let t = customer_writes(&app, "Pelanggan Malam", "SARI").await;
    assert_eq!(t["off_hours"], true);
    let id = t["id"].as_str().unwrap().to_string();
    app.click("[data-testid=nav-inbox]").await;
    app.wait_for(&format!(
        "[data-testid=ticket-row][data-ticket-id={id}] [data-testid=badge-off-hours]"
    ))
    .await;

    // Open all day, every day: the next customer is within hours.
    app.go("/office-hours").await;
    for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        let day = format!("[data-testid=office-hours-day][data-day={d}]");
        app.click(&format!("{day} [data-testid=office-hours-closed]"))
            .await;
        app.wait_attr(&day, "data-closed", "false", Duration::from_secs(2))
            .await;
        app.fill(&format!("{day} [data-testid=office-hours-open]"), "00:00")
            .await;
        app.fill(&format!("{day} [data-testid=office-hours-close]"), "23:59")
            .await;
    }
    app.click("[data-testid=office-hours-save]").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !sa
        .office_hours(saga_core::Division::Sari)
        .await
        .unwrap()
        .days
        .iter()
        .all(|d| !d.closed && d.open == "00:00" && d.close == "23:59")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the open week was saved"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let t = customer_writes(&app, "Pelanggan Siang", "SARI").await;
    assert_eq!(t["off_hours"], false);
    app.close().await;
}

/// Issue 14 §5: the filter by a named agent and by two tags, and a search
/// by part of a name and by a phone number, narrow the inbox to exactly
/// what the server finds for the same question.
#[tokio::test(flavor = "multi_thread")]
async fn the_inbox_narrows_by_a_named_agent_two_tags_part_of_a_name_and_a_phone_number() {
    let app = AppUnderTest::start().await;
    let tl = app.api_as("lead@saga.test").await;
    app.login("lead@saga.test").await;
    app.wait_for("[data-testid=inbox-list]").await;
    let total = |q: InboxQuery| {
        let tl = tl.clone();
        async move {
            tl.inbox(&InboxQuery {
                limit: Some(1),
                ..q
            })
            .await
            .unwrap()
            .total
            .to_string()
        }
    };
    let list_total = |want: String| {
        let app = &app;
        async move {
            app.wait_attr(
                "[data-testid=inbox-list]",
                "data-total",
                &want,
                Duration::from_secs(5),
            )
            .await;
        }
    };
    // A named agent (not 'me', not 'unassigned').
    app.select("[data-testid=filter-assigned-to]", "U-sari1")
        .await;
    let by_rudi = InboxQuery {
        division: Some("all".into()),
        assigned_to: Some("U-sari1".into()),
        ..Default::default()
    };
    list_total(total(by_rudi.clone()).await).await;
    // Two tags, any of them (OQ-31).
    // The two tags Rudi's tickets carry most.
    let tags: Vec<String> = app.server.state.db.with(|c| {
        let mut st = c
            .prepare(
                "SELECT tt.tag FROM ticket_tags tt JOIN tickets t ON t.id = tt.ticket_id \
                 WHERE t.owner_id = 'U-sari1' GROUP BY tt.tag ORDER BY count(*) DESC, tt.tag LIMIT 2",
            )
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    });
    assert_eq!(tags.len(), 2, "Rudi's tickets carry tags");
    app.select("[data-testid=filter-tag]", &tags[0]).await;
    app.select("[data-testid=filter-tag]", &tags[1]).await;
    app.wait_for(&format!(
        "[data-testid=filter-tag-remove][data-tag='{}']",
        tags[1]
    ))
    .await;
    let two = InboxQuery {
        tags: Some(format!("{},{}", tags[0], tags[1])),
        ..by_rudi.clone()
    };
    list_total(total(two).await).await;
    app.click(".filters .link-btn").await; // clear

    // Part of a name, as a user types it.
    let (name, phone): (String, String) = app.server.state.db.with(|c| {
        c.query_row(
            "SELECT c.name, c.phone FROM tickets t JOIN customers c ON c.id = t.customer_id ORDER BY t.created_at DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    });
    let part: String = name.split(' ').nth(1).unwrap().chars().take(4).collect();
    app.type_into("[data-testid=inbox-search]", &part.to_lowercase())
        .await;
    let q = InboxQuery {
        division: Some("all".into()),
        q: Some(part.to_lowercase()),
        ..Default::default()
    };
    list_total(total(q).await).await;
    let rows = app.count("[data-testid=ticket-row]").await;
    assert!(rows > 0);
    assert!(app
        .inner_text("[data-testid=inbox-list]")
        .await
        .to_lowercase()
        .contains(&part.to_lowercase()));
    // A phone number typed the local way.
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let local = format!("0{}", &digits[2..]);
    app.type_into("[data-testid=inbox-search]", &local).await;
    let q = InboxQuery {
        division: Some("all".into()),
        q: Some(local.clone()),
        ..Default::default()
    };
    let want = total(q).await;
    assert_ne!(want, "0");
    list_total(want).await;
    app.wait_for("[data-testid=ticket-row] .customer:not(:empty)")
        .await;
    let shown = app.inner_text("[data-testid=inbox-list]").await;
    assert!(shown.contains(name.as_str()), "{name} ({local}) in {shown}");
    app.close().await;
}

/// API-15, OQ-13: a Team Lead tags an agent who has nothing to do with the
/// ticket in an internal note; the agent is told and can read the note.
/// And (issue 14 §5) a click anywhere on a ticket row opens it.
#[tokio::test(flavor = "multi_thread")]
async fn a_tagged_agent_is_told_and_sees_the_note_and_a_whole_row_opens_its_ticket() {
    let app = AppUnderTest::start().await;
    let (owner, tid) = app.take_free_ticket("sari.agent1@saga.test").await;
    let maya = app.api_as("sari.agent2@saga.test").await;
    assert!(
        !maya.ticket(&tid).await.unwrap().can_view_internal,
        "not involved yet"
    );
    app.login("lead@saga.test").await;
    app.go(&format!("/ticket/{tid}")).await;
    // Not the ticket's agent, the lead writes in L2 only.
    app.wait_for("[data-testid=composer-input]").await;
    app.click_if_present("[data-testid=composer-mode-toggle]")
        .await;
    app.wait_for("[data-testid=composer-tag-agent]").await;
    app.select("[data-testid=composer-tag-agent]", "U-sari2")
        .await;
    let note = "Maya, tolong bantu cek tarif ke Makassar";
    app.type_into("[data-testid=composer-input]", note).await;
    app.click("[data-testid=composer-send]").await;
    app.wait_for("[data-testid=l2-message]").await;
    let told = maya.notifications().await.unwrap().items;
    assert!(
        told.iter().any(|n| n.layer == "l2"
            && n.ticket_id.as_deref() == Some(tid.as_str())
            && n.title.contains("menandai Anda")),
        "the tagged agent is told"
    );
    assert!(maya.ticket(&tid).await.unwrap().can_view_internal);
    let notes = maya.internal_messages(&tid).await.unwrap().items;
    assert!(notes
        .iter()
        .any(|m| m.content == note && m.tagged_agent_id.as_deref() == Some("U-sari2")));
    // The owner is told too, and the note never travels as L1 (SEC-5).
    assert!(owner
        .messages(&tid, 50)
        .await
        .unwrap()
        .items
        .iter()
        .all(|m| m.content != note));
    let _ = owner
        .internal_message(
            &tid,
            &InternalMessageRequest {
                content: "Siap".into(),
                tagged_agent_id: None,
            },
        )
        .await;

    app.nav("logout").await;
    app.login("sari.agent2@saga.test").await;
    app.wait_for(&format!("[data-testid=ticket-row][data-ticket-id={tid}]"))
        .await;
    // A click on the row's preview, not on the customer's name.
    app.click_at(&format!(
        "[data-testid=ticket-row][data-ticket-id={tid}] .preview"
    ))
    .await;
    app.wait_for("[data-testid=l2-panel]").await;
    assert!(app.text("[data-testid=l2-panel]").await.contains(note));
    app.close().await;
}
