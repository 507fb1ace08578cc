//! HTTP-level tests of the contract and its rules (PRD chapter 6 and the
//! rules of issue #2). Each asserts what a user of the app would notice.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use saga_core::strings;
use serde_json::{json, Value};
use std::collections::HashSet;

/// The users the seed made, as the Super Admin's user list (API-30) shows
/// them: (id, email, role, division).
async fn seeded_users(base: &str) -> Vec<(String, String, String, String)> {
    let sa = Api::login(base, "superadmin@saga.test").await;
    let users = sa.get("/api/admin/users").await.ok();
    users["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let f = |k: &str| u[k].as_str().unwrap().to_string();
            (f("id"), f("email"), f("role"), f("division"))
        })
        .collect()
}

/// The email of the account with this user id.
async fn email_of(base: &str, id: &str) -> String {
    seeded_users(base)
        .await
        .into_iter()
        .find(|u| u.0 == id)
        .map(|u| u.1)
        .unwrap_or_else(|| panic!("no account {id}"))
}

#[tokio::test]
async fn api1_every_seeded_account_logs_in_offline() {
    let s = server().await;
    let users = seeded_users(&s.url()).await;
    assert_eq!(users.len(), saga_devserver::seed::ACCOUNTS.len());
    for (_, email, role, div) in &users {
        let a = Api::login(&s.url(), email).await;
        assert_eq!(a.user["role"], role.as_str(), "{email}");
        assert_eq!(a.user["division"], div.as_str(), "{email}");
        assert_eq!(
            a.user["status"], "offline",
            "TOGGLE-2: {email} starts Offline"
        );
        assert!(a.user["privileges"].is_array());
    }
    // Login always starts Offline, even after having been Online.
    let a = Api::login(&s.url(), "sari.agent1@saga.test").await;
    a.online().await;
    let again = Api::login(&s.url(), "sari.agent1@saga.test").await;
    assert_eq!(again.user["status"], "offline");
}

/// Every demo account the seed creates is listed in the README, with the
/// demo password, so a new user can sign in as any role.
#[test]
fn the_readme_lists_every_demo_account() {
    let readme = include_str!("../../README.md");
    assert!(readme.contains(saga_devserver::seed::DEMO_PASSWORD));
    for (_, _, email, _, _) in saga_devserver::seed::ACCOUNTS {
        assert!(readme.contains(email), "README.md does not list {email}");
    }
}

#[tokio::test]
async fn api1_wrong_password_deactivated_and_missing_token() {
    let s = server().await;
    let anon = Api::anon(&s.url());
    let r = anon
        .post(
            "/api/auth/login",
            json!({"email": "sari.agent1@saga.test", "password": "salah"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.message(), strings::WRONG_CREDENTIALS);
    let r = anon
        .post(
            "/api/auth/login",
            json!({"email": "nobody@saga.test", "password": "x"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // No token, bad token: 401.
    assert_eq!(
        anon.get("/api/admin/inbox").await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut bad = Api::anon(&s.url());
    bad.token = Some("not-a-jwt".into());
    assert_eq!(
        bad.get("/api/admin/inbox").await.status,
        StatusCode::UNAUTHORIZED
    );
    // Deactivated: 403 with a clear message, and the old token stops working.
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let agent = Api::login(&s.url(), "sari.agent2@saga.test").await;
    sa.patch(
        &format!("/api/admin/users/{}", agent.id()),
        json!({"active": false}),
    )
    .await
    .ok();
    let r = anon
        .post(
            "/api/auth/login",
            json!({"email": "sari.agent2@saga.test", "password": PW}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.message(), strings::ACCOUNT_DEACTIVATED);
    assert_eq!(
        agent.get("/api/admin/inbox").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn inbox1_agents_see_only_their_division_everywhere() {
    let s = server().await;
    for (email, div) in [
        ("sari.agent1@saga.test", "SARI"),
        ("savi.agent1@saga.test", "SAVI"),
        ("safia.agent1@saga.test", "SAFIA"),
    ] {
        let a = Api::login(&s.url(), email).await;
        let page = a.get("/api/admin/inbox?limit=500").await.ok();
        assert!(
            page["total"].as_u64().unwrap() > 0,
            "CRIT-2: {email} inbox not empty"
        );
        assert!(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t["division"] == div),
            "{email}"
        );
        let free = a.get("/api/admin/inbox/free").await.ok();
        assert!(
            free["items"].as_array().unwrap().len() >= 5,
            "at least five FREE tickets in {div}"
        );
        assert!(free["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["division"] == div && t["queue_status"] == "FREE"));
        assert_eq!(
            a.get("/api/admin/inbox?division=all").await.status,
            StatusCode::FORBIDDEN
        );
        let other = if div == "SARI" { "SAVI" } else { "SARI" };
        assert_eq!(
            a.get(&format!("/api/admin/inbox?division={other}"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // A ticket of another division is not found.
        let sa = Api::login(&s.url(), "superadmin@saga.test").await;
        let foreign = sa
            .get(&format!("/api/admin/inbox?division={other}&limit=1"))
            .await
            .ok();
        let fid = ids(&foreign)[0].clone();
        assert_eq!(
            a.get(&format!("/api/admin/ticket/{fid}/messages"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn inbox2_supervisors_see_all_divisions_and_filter() {
    let s = server().await;
    for email in ["superadmin@saga.test", "lead@saga.test"] {
        let a = Api::login(&s.url(), email).await;
        let all = a.get("/api/admin/inbox?division=all&limit=500").await.ok();
        let divs: HashSet<String> = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["division"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(divs.len(), 3, "{email} sees all three divisions");
        let savi = a.get("/api/admin/inbox?division=SAVI&limit=500").await.ok();
        assert!(savi["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["division"] == "SAVI"));
        let free = a
            .get("/api/admin/inbox/free?division=all&limit=500")
            .await
            .ok();
        assert!(free["total"].as_u64().unwrap() >= 15);
    }
    // The viewer: own division, no FREE tab.
    let v = Api::login(&s.url(), "viewer@saga.test").await;
    let page = v.get("/api/admin/inbox?limit=500").await.ok();
    assert!(page["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["division"] == "SARI"));
    assert_eq!(
        v.get("/api/admin/inbox/free").await.status,
        StatusCode::FORBIDDEN
    );
}

/// Every page of the inbox, for common and rare filters at any depth, is the
/// slice of the whole filtered list sorted newest activity first, and the
/// total counts it, whichever way the server finds the page (walking the
/// activity index or sorting the matches, INBOX-6). The agent's scope adds the
/// tickets handed to them from another division (ASSIGN-3).
#[tokio::test]
async fn inbox6_every_page_is_the_right_slice_of_the_filtered_list() {
    let s = server_with(saga_devserver::Config {
        history: 3000,
        ..Default::default()
    })
    .await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    a1.online().await;
    let savi_free = ids(&sa.get("/api/admin/inbox/free?division=SAVI").await.ok())[0].clone();
    sa.post(
        &format!("/api/admin/ticket/{savi_free}/assign"),
        json!({"assign_to": a1.id()}),
    )
    .await
    .ok();
    // The whole inbox, page by page.
    let mut everything: Vec<Value> = Vec::new();
    loop {
        let page = sa
            .get(&format!(
                "/api/admin/inbox?division=all&limit=500&offset={}",
                everything.len()
            ))
            .await
            .ok();
        let items = page["items"].as_array().unwrap().clone();
        if items.is_empty() {
            assert_eq!(page["total"].as_u64().unwrap() as usize, everything.len());
            break;
        }
        everything.extend(items);
    }
    assert!(everything.len() > 3000);
    let key = |t: &Value| {
        (
            t["last_activity_at"].as_str().unwrap().to_string(),
            t["id"].as_str().unwrap().to_string(),
        )
    };
    let mut sorted = everything.clone();
    sorted.sort_by_key(|t| std::cmp::Reverse(key(t)));
    assert_eq!(
        sorted.iter().map(key).collect::<Vec<_>>(),
        everything.iter().map(key).collect::<Vec<_>>(),
        "newest activity first"
    );
    let owner = |t: &Value| {
        t["assigned_to"]
            .as_str()
            .or(t["waiting_for_agent"]["id"].as_str())
            .map(str::to_string)
    };
    type Pred = Box<dyn Fn(&Value) -> bool>;
    let field = |f: &'static str, v: &'static str| -> Pred { Box::new(move |t: &Value| t[f] == v) };
    let cases: Vec<(&Api, String, Pred)> = vec![
        (&sa, "status=CLOSED".into(), field("status", "CLOSED")),
        (&sa, "status=NEW".into(), field("status", "NEW")),
        (
            &sa,
            "status=CLOSED&channel=whatsapp&crm_stage=Won".into(),
            Box::new(|t: &Value| {
                t["status"] == "CLOSED" && t["channel"] == "whatsapp" && t["crm_stage"] == "Won"
            }),
        ),
        (
            &sa,
            "queue_status=FREE".into(),
            field("queue_status", "FREE"),
        ),
        (
            &sa,
            "division=SAVI&channel=telegram".into(),
            Box::new(|t: &Value| t["division"] == "SAVI" && t["channel"] == "telegram"),
        ),
        (&a1, String::new(), {
            let me = a1.id();
            Box::new(move |t: &Value| t["division"] == "SARI" || owner(t).as_deref() == Some(&me))
        }),
        (&a1, "status=AWAITING_RESPONSE".into(), {
            let me = a1.id();
            Box::new(move |t: &Value| {
                t["status"] == "AWAITING_RESPONSE"
                    && (t["division"] == "SARI" || owner(t).as_deref() == Some(&me))
            })
        }),
    ];
    for (who, q, pred) in &cases {
        let want: Vec<String> = everything
            .iter()
            .filter(|t| pred(t))
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!want.is_empty(), "{q} matches something");
        for offset in [0, 40, 1000] {
            let page = who
                .get(&format!("/api/admin/inbox?{q}&limit=40&offset={offset}"))
                .await
                .ok();
            assert_eq!(
                page["total"].as_u64().unwrap() as usize,
                want.len(),
                "total of {q}"
            );
            let end = (offset + 40).min(want.len());
            let expect = want.get(offset..end).unwrap_or_default();
            assert_eq!(ids(&page), expect, "{q} at offset {offset}");
        }
    }
    // The ticket handed over from SAVI is in the agent's inbox.
    let handed = a1
        .get("/api/admin/inbox?queue_status=ASSIGNED&limit=500")
        .await
        .ok();
    assert!(ids(&handed).contains(&savi_free));
}

#[tokio::test]
async fn inbox6_all_seven_filters_and_paging() {
    let s = server().await;
    let a = Api::login(&s.url(), "superadmin@saga.test").await;
    let me = Api::login(&s.url(), "sari.agent1@saga.test").await;
    type Check = (String, Box<dyn Fn(&Value) -> bool>);
    let checks: Vec<Check> = vec![
        (
            "status=IN_PROGRESS".into(),
            Box::new(|t: &Value| t["status"] == "IN_PROGRESS"),
        ),
        (
            "queue_status=FREE".into(),
            Box::new(|t: &Value| t["queue_status"] == "FREE"),
        ),
        (
            "tags=prioritas".into(),
            Box::new(|t: &Value| {
                t["tags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == "prioritas")
            }),
        ),
        (
            "channel=whatsapp".into(),
            Box::new(|t: &Value| t["channel"] == "whatsapp" && t["wa_display_name"].is_string()),
        ),
        (
            "division=SAFIA".into(),
            Box::new(|t: &Value| t["division"] == "SAFIA"),
        ),
        (
            "crm_stage=Won".into(),
            Box::new(|t: &Value| t["crm_stage"] == "Won"),
        ),
        (
            format!("assigned_to={}", me.id()),
            Box::new(|t: &Value| {
                t["assigned_to"] == "U-sari1" || t["waiting_for_agent"]["id"] == "U-sari1"
            }),
        ),
    ];
    for (q, pred) in &checks {
        let page = a
            .get(&format!("/api/admin/inbox?division=all&limit=500&{q}"))
            .await
            .ok();
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty(), "filter {q} finds something");
        assert!(items.iter().all(pred), "filter {q}");
    }
    // Combined.
    let page = a
        .get("/api/admin/inbox?division=SARI&queue_status=ASSIGNED&status=IN_PROGRESS&limit=500")
        .await
        .ok();
    assert!(page["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["division"] == "SARI"
            && t["queue_status"] == "ASSIGNED"
            && t["status"] == "IN_PROGRESS"));
    // Paging: two pages do not overlap and the total is stable.
    let p1 = a
        .get("/api/admin/inbox?division=all&limit=10&offset=0")
        .await
        .ok();
    let p2 = a
        .get("/api/admin/inbox?division=all&limit=10&offset=10")
        .await
        .ok();
    assert_eq!(p1["total"], p2["total"]);
    let s1: HashSet<_> = ids(&p1).into_iter().collect();
    assert!(ids(&p2).iter().all(|i| !s1.contains(i)));
    // Unknown enum values are a 422, not an empty list.
    let r = a.get("/api/admin/inbox?status=MAYBE").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Every row carries the INBOX-3 fields and badge flags.
    let t = &p1["items"][0];
    for f in [
        "customer_name",
        "channel",
        "status",
        "tags",
        "created_at",
        "division",
        "queue_status",
        "returning_customer",
        "off_hours",
        "last_activity_at",
    ] {
        assert!(!t[f].is_null(), "row has {f}");
    }
}

#[tokio::test]
async fn takeover_race_fifty_claims_exactly_one_winner() {
    let s = server().await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let a2 = Api::login(&s.url(), "sari.agent2@saga.test").await;
    let tid = ids(&a1.get("/api/admin/inbox/free").await.ok())[0].clone();
    let mut handles = Vec::new();
    for i in 0..50 {
        let a = if i % 2 == 0 { a1.clone() } else { a2.clone() };
        let path = format!("/api/admin/ticket/{tid}/self-takeover");
        handles.push(tokio::spawn(async move {
            a.send(Method::POST, &path, None).await
        }));
    }
    let mut wins = 0;
    let mut conflicts = 0;
    for h in handles {
        let r = h.await.unwrap();
        match r.status {
            StatusCode::OK => wins += 1,
            StatusCode::CONFLICT => {
                assert_eq!(
                    r.message(),
                    strings::ALREADY_TAKEN,
                    "TAKEOVER-4 exact message"
                );
                conflicts += 1;
            }
            other => panic!("unexpected {other}: {}", r.body),
        }
    }
    assert_eq!((wins, conflicts), (1, 49), "CRIT-7: exactly one winner");
    // FREE-3: gone from everyone's FREE list; owned and IN_PROGRESS.
    for a in [&a1, &a2] {
        assert!(!ids(&a.get("/api/admin/inbox/free?limit=500").await.ok()).contains(&tid));
    }
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let d = sa.get(&format!("/api/admin/ticket/{tid}")).await.ok();
    assert_eq!(d["queue_status"], "ASSIGNED");
    assert_eq!(d["status"], "IN_PROGRESS");
    // A second takeover of the now-assigned ticket is rejected.
    let again = a1
        .send(
            Method::POST,
            &format!("/api/admin/ticket/{tid}/self-takeover"),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn takeover_only_in_own_division_and_not_for_viewers() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let savi_free = ids(&sa.get("/api/admin/inbox/free?division=SAVI").await.ok())[0].clone();
    let sari_agent = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let r = sari_agent
        .send(
            Method::POST,
            &format!("/api/admin/ticket/{savi_free}/self-takeover"),
            None,
        )
        .await;
    assert!(r.status == StatusCode::NOT_FOUND || r.status == StatusCode::FORBIDDEN);
    let viewer = Api::login(&s.url(), "viewer@saga.test").await;
    let sari_free = ids(&sa.get("/api/admin/inbox/free?division=SARI").await.ok())[0].clone();
    assert_eq!(
        viewer
            .send(
                Method::POST,
                &format!("/api/admin/ticket/{sari_free}/self-takeover"),
                None
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // OQ-12: SA may take any division's FREE ticket.
    sa.send(
        Method::POST,
        &format!("/api/admin/ticket/{savi_free}/self-takeover"),
        None,
    )
    .await
    .ok();
}

#[tokio::test]
async fn assign_reassign_online_only_with_notifications_and_audit() {
    let s = server().await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let savi = Api::login(&s.url(), "savi.agent1@saga.test").await;
    let tid = ids(&tl.get("/api/admin/inbox/free?division=SARI").await.ok())[0].clone();
    // Offline agents cannot be picked (ASSIGN-2).
    let r = tl
        .post(
            &format!("/api/admin/ticket/{tid}/assign"),
            json!({"assign_to": a1.id()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.code(), "agent_offline");
    a1.online().await;
    savi.online().await;
    tl.post(
        &format!("/api/admin/ticket/{tid}/assign"),
        json!({"assign_to": a1.id(), "note": "Pelanggan B2B"}),
    )
    .await
    .ok();
    assert!(ids(&a1
        .get("/api/admin/inbox?assigned_to=me&limit=500")
        .await
        .ok())
    .contains(&tid));
    // Agents cannot assign (PERM-5).
    assert_eq!(
        a1.post(
            &format!("/api/admin/ticket/{tid}/assign"),
            json!({"assign_to": savi.id()})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Stale from_agent: 409.
    let r = tl
        .post(
            &format!("/api/admin/ticket/{tid}/reassign"),
            json!({"from_agent": savi.id(), "to_agent": a1.id()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // Across divisions.
    let t = tl
        .post(
            &format!("/api/admin/ticket/{tid}/reassign"),
            json!({"from_agent": a1.id(), "to_agent": savi.id(), "reason": "Butuh keahlian mobil"}),
        )
        .await
        .ok();
    assert_eq!(t["assigned_to"], savi.id());
    let n_old = a1.get("/api/admin/notifications").await.ok();
    assert!(
        n_old["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["title"] == strings::ticket_moved_by("Lina Kurniawati")),
        "ASSIGN-3 old agent told: {n_old}"
    );
    // ASSIGN-3 across divisions: the SAVI agent now has the SARI ticket in
    // their inbox and can work on it.
    assert!(ids(&savi.get("/api/admin/inbox?limit=500").await.ok()).contains(&tid));
    savi.post(
        &format!("/api/admin/ticket/{tid}/reply"),
        json!({"message": "Saya bantu, Kak."}),
    )
    .await
    .ok();
    let n_new = savi.get("/api/admin/notifications").await.ok();
    assert!(n_new["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["ticket_id"] == tid.as_str()));
    let log = tl
        .get(&format!("/api/admin/ticket/{tid}/audit-log"))
        .await
        .ok();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"assign") && actions.contains(&"reassign"),
        "{actions:?}"
    );
    // The audit log is for SA/TL only.
    assert_eq!(
        savi.get(&format!("/api/admin/ticket/{tid}/audit-log"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn return1_returning_customer_waits_for_offline_agent_then_is_theirs() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    // Seeded: tickets waiting for an Offline previous agent.
    let waiting = sa
        .get("/api/admin/inbox?division=all&queue_status=WAITING_AGENT&limit=500")
        .await
        .ok();
    let items = waiting["items"].as_array().unwrap();
    assert!(
        !items.is_empty(),
        "the seed has returning customers waiting"
    );
    assert!(items.iter().all(|t| t["returning_customer"] == true));
    let t = items[0].clone();
    let agent_id = t["waiting_for_agent"]["id"].as_str().unwrap().to_string();
    let tid = t["id"].as_str().unwrap().to_string();
    // Not in the general queue.
    let free = sa
        .get("/api/admin/inbox/free?division=all&limit=500")
        .await
        .ok();
    assert!(
        !ids(&free).contains(&tid),
        "RETURN-2: not in the FREE queue"
    );
    // The agent sees it in their inbox while Offline.
    let email = email_of(&s.url(), &agent_id).await;
    let agent = Api::login(&s.url(), &email).await;
    assert!(ids(&agent
        .get("/api/admin/inbox?assigned_to=me&limit=500")
        .await
        .ok())
    .contains(&tid));
    agent.online().await;
    let d = sa.get(&format!("/api/admin/ticket/{tid}")).await.ok();
    assert_eq!(d["queue_status"], "ASSIGNED");
    assert_eq!(d["assigned_to"], agent_id);
    // A returning customer writing while the agent is Online goes straight to them.
    let cust = sa
        .get(&format!(
            "/api/admin/customer/{}/assigned-agent",
            d["customer_id"].as_str().unwrap()
        ))
        .await
        .ok();
    assert_eq!(cust["agent"]["id"], agent_id);
}

#[tokio::test]
async fn sec5_l2_never_reaches_l1_or_the_customer_channel() {
    let s = server().await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let a2 = Api::login(&s.url(), "sari.agent2@saga.test").await;
    let viewer = Api::login(&s.url(), "viewer@saga.test").await;
    let tid = ids(&a1.get("/api/admin/inbox/free").await.ok())[0].clone();
    a1.send(
        Method::POST,
        &format!("/api/admin/ticket/{tid}/self-takeover"),
        None,
    )
    .await
    .ok();
    let secret = "RAHASIA-INTERNAL-diskon maks 5% 7f3a";
    a1.post(
        &format!("/api/admin/ticket/{tid}/internal-message"),
        json!({"content": secret}),
    )
    .await
    .ok();
    a1.post(
        &format!("/api/admin/ticket/{tid}/reply"),
        json!({"message": "Baik Kak, kami proses ya."}),
    )
    .await
    .ok();
    let l1 = a1
        .get(&format!("/api/admin/ticket/{tid}/messages"))
        .await
        .ok();
    assert!(!l1.to_string().contains(secret), "CRIT-4: L2 text in L1");
    let out = tl
        .get(&format!("/api/dev/outbound?ticket_id={tid}"))
        .await
        .ok();
    assert!(
        !out.to_string().contains(secret),
        "CRIT-4: L2 text sent to the customer"
    );
    assert!(
        out.to_string().contains("kami proses"),
        "the L1 reply did go out"
    );
    let inbox = tl.get("/api/admin/inbox?division=all&limit=500").await.ok();
    assert!(
        !inbox.to_string().contains(secret),
        "L2 text never in the inbox preview"
    );
    // DETAIL-L2-4: TL sees it; an uninvolved agent and the viewer do not.
    assert!(tl
        .get(&format!("/api/admin/ticket/{tid}/internal-messages"))
        .await
        .ok()
        .to_string()
        .contains(secret));
    assert_eq!(
        a2.get(&format!("/api/admin/ticket/{tid}/internal-messages"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        viewer
            .get(&format!("/api/admin/ticket/{tid}/internal-messages"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Tagging an agent involves them (OQ-13) and tells them on the L2 channel.
    tl.post(
        &format!("/api/admin/ticket/{tid}/internal-message"),
        json!({"content": "Maya, bantu cek harga ya", "tagged_agent_id": a2.id()}),
    )
    .await
    .ok();
    assert!(a2
        .get(&format!("/api/admin/ticket/{tid}/internal-messages"))
        .await
        .ok()
        .to_string()
        .contains("bantu cek"));
    let n = a2.get("/api/admin/notifications").await.ok();
    assert!(n["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["layer"] == "l2"));
}

#[tokio::test]
async fn detail_l2_5_reply_as_saga_team_keeps_owner_and_flags_ticket() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let tid = ids(&a1.get("/api/admin/inbox/free").await.ok())[0].clone();
    a1.send(
        Method::POST,
        &format!("/api/admin/ticket/{tid}/self-takeover"),
        None,
    )
    .await
    .ok();
    let body =
        json!({"message": "Halo, kami dari tim pusat ikut membantu.", "display_name": "Saga Team"});
    assert_eq!(
        tl.post(
            &format!("/api/admin/ticket/{tid}/reply-as-sa"),
            body.clone()
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        a1.post(
            &format!("/api/admin/ticket/{tid}/reply-as-sa"),
            body.clone()
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let m = sa
        .post(&format!("/api/admin/ticket/{tid}/reply-as-sa"), body)
        .await
        .ok();
    assert_eq!(m["sender"], "saga_team");
    assert_eq!(m["sender_name"], "Saga Team");
    let d = a1.get(&format!("/api/admin/ticket/{tid}")).await.ok();
    assert_eq!(d["assigned_to"], a1.id(), "owner unchanged");
    assert_eq!(d["sa_joined"], true);
    let n = a1.get("/api/admin/notifications").await.ok();
    assert!(n["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["title"] == strings::SA_JOINED));
}

#[tokio::test]
async fn api7_reply_only_by_owner_and_idempotent() {
    let s = server().await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let a2 = Api::login(&s.url(), "sari.agent2@saga.test").await;
    let tid = ids(&a1.get("/api/admin/inbox/free").await.ok())[0].clone();
    // FREE: read-only until taken over.
    assert_eq!(
        a1.post(
            &format!("/api/admin/ticket/{tid}/reply"),
            json!({"message": "x"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    a1.send(
        Method::POST,
        &format!("/api/admin/ticket/{tid}/self-takeover"),
        None,
    )
    .await
    .ok();
    assert_eq!(
        a2.post(
            &format!("/api/admin/ticket/{tid}/reply"),
            json!({"message": "x"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let body = json!({"message": "Ongkirnya Rp 1.500.000 ya Kak", "idempotency_key": "k-123"});
    let m1 = a1
        .post(&format!("/api/admin/ticket/{tid}/reply"), body.clone())
        .await
        .ok();
    let m2 = a1
        .post(&format!("/api/admin/ticket/{tid}/reply"), body)
        .await
        .ok();
    assert_eq!(m1["id"], m2["id"], "a retried reply lands once");
    assert_eq!(m1["delivery"], "sent");
    let l1 = a1
        .get(&format!("/api/admin/ticket/{tid}/messages"))
        .await
        .ok();
    let n = l1["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["content"] == "Ongkirnya Rp 1.500.000 ya Kak")
        .count();
    assert_eq!(n, 1);
    // Labels and confidence scores are there (DETAIL-L1-1/2).
    assert!(l1["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["sender"] == "bot" && m["confidence"].is_number()));
    // Paging: the newest N, oldest first.
    let last2 = a1
        .get(&format!("/api/admin/ticket/{tid}/messages?limit=2"))
        .await
        .ok();
    assert_eq!(last2["items"].as_array().unwrap().len(), 2);
    assert_eq!(last2["items"][1]["id"], m1["id"]);
}

#[tokio::test]
async fn crit6_lost_without_reason_rejected_and_nothing_saved() {
    let s = server().await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let tid = ids(&a1.get("/api/admin/inbox/free").await.ok())[0].clone();
    let before = a1.get(&format!("/api/admin/ticket/{tid}")).await.ok();
    let r = a1
        .patch(
            &format!("/api/admin/ticket/{tid}/crm"),
            json!({"crm_stage": "Lost", "quote_value": 999, "crm_data": {"service_type": "Motor"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["error"]["field"], "lost_reason");
    let after = a1.get(&format!("/api/admin/ticket/{tid}")).await.ok();
    assert_eq!(before["crm"], after["crm"], "nothing saved");
    // Unknown field for the division.
    let r = a1
        .patch(
            &format!("/api/admin/ticket/{tid}/crm"),
            json!({"crm_stage": "Lead", "crm_data": {"vehicle_count": 2}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.code(), "unknown_field");
    // Valid values are stored and returned; bot-detected edits become corrected.
    let bot = before["crm"]["bot_detected"].as_array().unwrap().clone();
    assert!(
        bot.iter().any(|f| f == "origin_city"),
        "seeded bot-detected fields"
    );
    let body = json!({"crm_stage": "Lost", "lost_reason": "Memilih kompetitor", "quote_value": 2500000,
        "crm_data": {"origin_city": "Ternate", "destination_city": "Makassar", "service_type": "Kargo", "cargo_weight_kg": 120}});
    let rec = a1
        .patch(&format!("/api/admin/ticket/{tid}/crm"), body)
        .await
        .ok();
    assert_eq!(rec["crm_stage"], "Lost");
    assert_eq!(rec["lost_reason"], "Memilih kompetitor");
    assert_eq!(rec["crm_data"]["cargo_weight_kg"], 120);
    assert!(rec["agent_corrected"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "origin_city"));
    assert!(!rec["bot_detected"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "origin_city"));
    let row = a1.get(&format!("/api/admin/ticket/{tid}")).await.ok();
    assert_eq!(row["crm_stage"], "Lost");
    // Viewers cannot edit.
    let v = Api::login(&s.url(), "viewer@saga.test").await;
    assert_eq!(
        v.patch(
            &format!("/api/admin/ticket/{tid}/crm"),
            json!({"crm_stage": "Lead"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn crit5_blast_never_sent_before_approval_and_only_sa_tl_decide() {
    let s = server().await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let a2 = Api::login(&s.url(), "sari.agent2@saga.test").await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let viewer = Api::login(&s.url(), "viewer@saga.test").await;
    // Recipients that may receive free text (the message below is edited).
    let recips: Vec<String> = a1.get("/api/admin/inbox?limit=100").await.ok()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| free_text_ok(t))
        .take(6)
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(recips.len(), 6);
    let body = json!({"recipients": recips, "template_id": "TPL-1", "message": "Halo {nama}, ada promo kargo minggu ini."});
    assert_eq!(
        viewer
            .post("/api/admin/blast/create", body.clone())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let b = a1.post("/api/admin/blast/create", body.clone()).await.ok();
    assert_eq!(b["status"], "pending_approval");
    let bid = b["id"].as_str().unwrap().to_string();
    // SA and TL are told (BLAST-4).
    for x in [&sa, &tl] {
        let n = x.get("/api/admin/notifications").await.ok();
        assert!(n["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["title"] == strings::BLAST_PENDING_NOTIFY));
    }
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let st = a1.get(&format!("/api/admin/blast/{bid}/status")).await.ok();
    assert_eq!(st["sent"], 0, "CRIT-5: nothing sent before approval");
    let out = tl.get("/api/dev/outbound").await.ok();
    assert!(!out.to_string().contains("promo kargo minggu ini"));
    assert_eq!(
        a1.post(&format!("/api/admin/blast/{bid}/approve"), json!({}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        a2.post(
            &format!("/api/admin/blast/{bid}/reject"),
            json!({"reason": "x"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        tl.post(
            &format!("/api/admin/blast/{bid}/reject"),
            json!({"reason": "  "})
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let ok = tl
        .post(&format!("/api/admin/blast/{bid}/approve"), json!({}))
        .await
        .ok();
    assert_eq!(ok["status"], "sending");
    assert_eq!(
        tl.post(&format!("/api/admin/blast/{bid}/approve"), json!({}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    // The worker sends at a bounded rate until done.
    let mut done = Value::Null;
    for _ in 0..30 {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        done = a1.get(&format!("/api/admin/blast/{bid}/status")).await.ok();
        if done["status"] == "completed" {
            break;
        }
    }
    assert_eq!(done["status"], "completed");
    assert_eq!(done["sent"], done["total"]);
    assert_eq!(done["response_rate"].as_array().unwrap().len(), 3);
    let out = tl.get("/api/dev/outbound").await.ok();
    assert!(
        out.to_string().contains("ada promo kargo minggu ini"),
        "personalised and sent"
    );
    assert!(!out.to_string().contains("{nama}"));
    // A rejected blast is never sent.
    let b2 = a1.post("/api/admin/blast/create", body).await.ok();
    let r = sa
        .post(
            &format!("/api/admin/blast/{}/reject", b2["id"].as_str().unwrap()),
            json!({"reason": "Terlalu sering"}),
        )
        .await
        .ok();
    assert_eq!(r["status"], "rejected");
    assert_eq!(r["reject_reason"], "Terlalu sering");
    let list = tl.get("/api/admin/blasts").await.ok();
    let states: HashSet<&str> = list["blasts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    assert!(
        states.contains("pending_approval")
            && states.contains("rejected")
            && states.contains("completed")
    );
}

#[tokio::test]
async fn role_matrix_401_403_per_role() {
    let s = server().await;
    let anon = Api::anon(&s.url());
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let ag = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let vw = Api::login(&s.url(), "viewer@saga.test").await;
    // (method, path, body, allowed for [sa, tl, agent, viewer])
    let cases: Vec<(Method, &str, Option<Value>, [bool; 4])> = vec![
        (
            Method::GET,
            "/api/agent/status/all",
            None,
            [true, true, false, false],
        ),
        (
            Method::POST,
            "/api/agent/status",
            Some(json!({"status":"offline"})),
            [true, true, true, false],
        ),
        (
            Method::GET,
            "/api/admin/users",
            None,
            [true, false, false, false],
        ),
        (
            Method::GET,
            "/api/admin/config/office-hours/SAVI",
            None,
            [true, false, false, false],
        ),
        (
            Method::POST,
            "/api/admin/privileges/viewer",
            Some(json!({"privileges": []})),
            [true, false, false, false],
        ),
        (
            Method::GET,
            "/api/admin/followup/recommendations",
            None,
            [true, true, true, false],
        ),
        (
            Method::GET,
            "/api/admin/analytics/division/SARI",
            None,
            [true, true, true, false],
        ),
        (
            Method::GET,
            "/api/admin/analytics/division/SAVI",
            None,
            [true, true, false, false],
        ),
        (
            Method::POST,
            "/api/export/excel",
            Some(json!({"division":"SARI","date_range":{"start":"2026-01-01","end":"2026-01-31"}})),
            [true, true, false, false],
        ),
        (
            Method::POST,
            "/api/export/pdf",
            Some(
                json!({"division":"SAVI","report_type":"division","date_range":{"start":"2026-01-01","end":"2026-01-31"}}),
            ),
            [true, false, false, false],
        ),
    ];
    for (m, p, b, allowed) in cases {
        assert_eq!(
            anon.send(m.clone(), p, b.clone()).await.status,
            StatusCode::UNAUTHORIZED,
            "{p} without token"
        );
        for (who, ok) in [&sa, &tl, &ag, &vw].iter().zip(allowed) {
            let r = who.send(m.clone(), p, b.clone()).await;
            if ok {
                assert!(
                    r.status.is_success(),
                    "{} {p}: {} {}",
                    who.user["role"],
                    r.status,
                    r.body
                );
            } else {
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{} {p}", who.user["role"]);
                assert!(!r.message().is_empty());
            }
        }
    }
    // An agent cannot set another agent's status (PERM-3); SA can.
    let other = Api::login(&s.url(), "sari.agent2@saga.test").await;
    assert_eq!(
        ag.post(
            "/api/agent/status",
            json!({"status":"online","agent_id": other.id()})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    sa.post(
        "/api/agent/status",
        json!({"status":"online","agent_id": other.id()}),
    )
    .await
    .ok();
    let all = tl.get("/api/agent/status/all").await.ok();
    let row = all["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == other.id())
        .unwrap()
        .clone();
    assert_eq!(row["status"], "online");
    assert!(
        all["agents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["division"].as_str().unwrap())
            .collect::<HashSet<_>>()
            .len()
            == 3
    );
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let s = server_with(saga_devserver::Config {
        history: 100,
        rate_limit: 5,
        ..Default::default()
    })
    .await;
    let a = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let mut limited = None;
    for _ in 0..20 {
        let r = a.get("/api/admin/inbox?limit=1").await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("429 under the limit option");
    assert!(r.headers.get("retry-after").is_some());
    assert_eq!(r.code(), "rate_limited");
    // After the window it answers again.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert!(a.get("/api/admin/inbox?limit=1").await.status.is_success());
}

#[tokio::test]
async fn injected_faults_are_off_by_default_and_switchable() {
    let s = server().await;
    let a = Api::login(&s.url(), "sari.agent1@saga.test").await;
    a.post("/api/dev/faults", json!({"error_rate": 1.0}))
        .await
        .ok();
    let r = a.get("/api/admin/inbox").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    a.post("/api/dev/faults", json!({"drop_rate": 1.0}))
        .await
        .ok();
    let raw = reqwest::Client::new()
        .get(format!("{}/api/admin/inbox", s.url()))
        .bearer_auth(a.token.clone().unwrap())
        .send()
        .await;
    let failed = match raw {
        Err(_) => true,
        Ok(r) => r.text().await.is_err(),
    };
    assert!(failed, "the connection is dropped mid-answer");
    a.post("/api/dev/faults", json!({})).await.ok();
    assert!(a.get("/api/admin/inbox").await.status.is_success());
    // A scripted failure answers the next matching request once.
    a.post(
        "/api/dev/faults",
        json!({"fail_next": [{"method": "GET", "path_suffix": "/inbox", "status": 422,
            "code": "invalid_value", "message": "Nilai ditolak server.", "field": "origin_city"}]}),
    )
    .await
    .ok();
    let r = a.get("/api/admin/inbox").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["error"]["field"], "origin_city");
    assert!(a.get("/api/admin/inbox").await.status.is_success());
}

#[tokio::test]
async fn export_files_are_real_xlsx_and_pdf() {
    use calamine::Reader;
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let end = chrono::Utc::now().date_naive();
    let start = end - chrono::Duration::days(200);
    let range = json!({"start": start.to_string(), "end": end.to_string()});
    let x = sa
        .post(
            "/api/export/excel",
            json!({"division": "all", "date_range": range}),
        )
        .await
        .ok();
    let url = x["download_url"].as_str().unwrap();
    assert!(url.starts_with(&s.url()));
    let bytes = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("a real xlsx");
    // One sheet per part of the analytics page, and the tickets.
    assert_eq!(
        wb.sheet_names(),
        vec!["Ringkasan", "Agen", "Alasan Lost", "Rute", "Kanal", "Tiket"]
    );
    let tickets = wb.worksheet_range("Tiket").unwrap();
    assert!(tickets.height() > 10, "ticket rows in the range");
    // The figures are the analytics' own, as numbers (not text).
    let a = sa
        .get(&format!(
            "/api/admin/analytics/division/all?period={start}..{end}"
        ))
        .await
        .ok();
    let summary = wb.worksheet_range("Ringkasan").unwrap();
    let cell = |r: u32, c: u32| summary.get_value((r, c)).cloned();
    assert_eq!(
        cell(5, 0),
        Some(calamine::Data::String("Leads masuk".into()))
    );
    assert_eq!(
        cell(5, 1),
        Some(calamine::Data::Float(
            a["totals"]["leads"].as_f64().unwrap()
        ))
    );
    assert_eq!(
        cell(12, 1),
        Some(calamine::Data::Float(a["closing_rate"].as_f64().unwrap())),
        "the closing rate is a number the sheet formats as a percentage"
    );
    let agents = wb.worksheet_range("Agen").unwrap();
    assert_eq!(
        agents.height() - 1,
        a["agents"].as_array().unwrap().len(),
        "a row per agent under the header"
    );
    assert_eq!(
        agents.get_value((0, 7)),
        Some(&calamine::Data::String("SLA (pickup ≤ 15 menit)".into()))
    );
    let p = tl
        .post(
            "/api/export/pdf",
            json!({"division": "SARI", "report_type": "agent", "date_range": range}),
        )
        .await
        .ok();
    let pdf = reqwest::get(p["download_url"].as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a real pdf");
    assert!(pdf.windows(5).any(|w| w == b"%%EOF"));
    assert!(
        pdf.windows(21).any(|w| w == b"Laporan Kinerja Agent"),
        "the title is in the text (standard fonts, uncompressed)"
    );
    // The division report holds its figures, tables and charts.
    let p = sa
        .post(
            "/api/export/pdf",
            json!({"division": "SARI", "report_type": "division", "date_range": range}),
        )
        .await
        .ok();
    let pdf = reqwest::get(p["download_url"].as_str().unwrap())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    for text in [
        &b"Laporan Analitik Divisi"[..],
        b"Closing rate",
        b"10 rute teratas",
        b"Alasan lost",
        b"Kinerja per agent",
    ] {
        assert!(
            pdf.windows(text.len()).any(|w| w == text),
            "{}",
            String::from_utf8_lossy(text)
        );
    }
    assert!(
        pdf.windows(2).filter(|w| w == b" c").count() > 4,
        "curves drawn (the pie and the lines)"
    );
    // TL: own division only; bad range 422.
    assert_eq!(
        tl.post(
            "/api/export/excel",
            json!({"division": "SAVI", "date_range": range})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        tl.post(
            "/api/export/excel",
            json!({"division": "all", "date_range": range})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let bad = sa
        .post(
            "/api/export/excel",
            json!({"division": "SARI", "date_range": {"start": "2026-05-01", "end": "2026-01-01"}}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn analytics_are_computed_for_any_period() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let all = sa.get("/api/admin/analytics/division/all").await.ok();
    let year = sa
        .get(&format!(
            "/api/admin/analytics/division/SARI?start={}&end={}",
            chrono::Utc::now().date_naive() - chrono::Duration::days(365),
            chrono::Utc::now().date_naive()
        ))
        .await
        .ok();
    assert_eq!(year["seasonality"].as_array().unwrap().len(), 12);
    assert!(year["totals"]["leads"].as_i64().unwrap() > year["totals"]["won"].as_i64().unwrap());
    assert!(year["totals"]["won"].as_i64().unwrap() > 0);
    assert_eq!(year["trend"].as_array().unwrap().len(), 3);
    assert!(!year["lost_reasons"].as_array().unwrap().is_empty());
    assert!(!year["top_routes"].as_array().unwrap().is_empty());
    assert!(year["agents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["agent"]["division"] == "SARI"));
    assert_ne!(
        all["totals"], year["totals"],
        "different periods, different figures"
    );
    // An agent: self only (OQ-11).
    let me = a1
        .get(&format!(
            "/api/admin/analytics/agent/{}?period={}",
            a1.id(),
            chrono::Utc::now().format("%Y-%m")
        ))
        .await
        .ok();
    for f in [
        "closing_rate",
        "trend",
        "avg_pickup_minutes",
        "sla_compliance",
        "availability_rate",
        "avg_deal_value",
        "idle_tickets",
    ] {
        assert!(me.get(f).is_some(), "agent metric {f}");
    }
    assert_eq!(
        a1.get("/api/admin/analytics/agent/U-sari2").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        sa.get("/api/admin/analytics/division/SARI?period=kemarin")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn followup_recommendations_are_computed_with_reasons() {
    let s = server().await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let r = a1.get("/api/admin/followup/recommendations").await.ok();
    let leads = r["leads"].as_array().unwrap();
    assert!(!leads.is_empty());
    for l in leads {
        assert!(["PANAS", "HANGAT", "DINGIN"].contains(&l["category"].as_str().unwrap()));
        assert!(!l["reason"].as_str().unwrap().is_empty());
        assert_eq!(l["division"], "SARI");
    }
    // Moving a lead to Won takes it off the list.
    let first = leads[0]["id"].as_str().unwrap().to_string();
    a1.patch(
        &format!("/api/admin/ticket/{first}/crm"),
        json!({"crm_stage": "Won", "deal_value": 1000000, "crm_data": {}}),
    )
    .await
    .ok();
    let r2 = a1.get("/api/admin/followup/recommendations").await.ok();
    assert!(!r2["leads"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["id"] == first.as_str()));
    // Single follow-up: personalised, sent on L1 and logged.
    let tpl = a1.get("/api/admin/followup/templates").await.ok();
    assert!(tpl["templates"].as_array().unwrap().len() >= 3);
    // A lead that may receive free text (the message below is edited).
    let tid = leads
        .iter()
        .skip(1)
        .find(|l| free_text_ok(l))
        .expect("a lead inside WhatsApp's window or on another channel")["id"]
        .as_str()
        .unwrap();
    let m = a1
        .post(
            &format!("/api/admin/ticket/{tid}/followup"),
            json!({"template_id": "TPL-1", "message": "Halo {nama}, ini {agent}."}),
        )
        .await
        .ok();
    assert!(!m["content"].as_str().unwrap().contains("{nama}"));
}

#[tokio::test]
async fn users_and_office_hours_managed_by_sa() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let u = sa.post("/api/admin/users", json!({"name": "Tono Baru", "email": "tono@saga.test", "password": "rahasia-123", "role": "team_lead", "division": "SAVI"})).await.ok();
    assert_eq!(u["status"], "offline");
    let t = Api::login_with(&s.url(), "tono@saga.test", "rahasia-123").await;
    assert_eq!(t.user["role"], "team_lead");
    assert_eq!(sa.post("/api/admin/users", json!({"name": "X", "email": "tono@saga.test", "password": "rahasia-123", "role": "viewer", "division": "SARI"})).await.status, StatusCode::CONFLICT);
    assert_eq!(sa.post("/api/admin/users", json!({"name": "X", "email": "x@saga.test", "password": "pendek", "role": "viewer", "division": "SARI"})).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(sa.post("/api/admin/users", json!({"name": "X", "email": "y@saga.test", "password": "rahasia-123", "role": "god", "division": "SARI"})).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Edit role and division, including other SAs and TLs (DOD-14).
    let e = sa.patch(&format!("/api/admin/users/{}", t.id()), json!({"role": "sales_agent", "division": "SAFIA", "privileges": ["inbox:all_divisions"]})).await.ok();
    assert_eq!(e["division"], "SAFIA");
    assert_eq!(e["role"], "sales_agent");
    // Deactivating keeps the tickets (USERS-4).
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let before = a1.get("/api/admin/inbox?assigned_to=me").await.ok()["total"].clone();
    sa.patch(
        &format!("/api/admin/users/{}", a1.id()),
        json!({"active": false}),
    )
    .await
    .ok();
    let after = sa
        .get(&format!(
            "/api/admin/inbox?division=SARI&assigned_to={}",
            a1.id()
        ))
        .await
        .ok()["total"]
        .clone();
    assert_eq!(before, after);
    // SA cannot lock themself out.
    assert_eq!(
        sa.patch(
            &format!("/api/admin/users/{}", sa.id()),
            json!({"active": false})
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Office hours per division, validated and saved (DOD-15).
    let oh = sa
        .patch(
            "/api/admin/config/office-hours/SAVI",
            json!({"days": [{"day": 1, "open": "07:00", "close": "16:00"}]}),
        )
        .await
        .ok();
    assert_eq!(oh["days"][0]["open"], "07:00");
    let read = sa.get("/api/admin/config/office-hours/SAVI").await.ok();
    assert_eq!(read["days"][0]["close"], "16:00");
    assert_eq!(read["days"].as_array().unwrap().len(), 7);
    assert_eq!(
        sa.patch(
            "/api/admin/config/office-hours/SAVI",
            json!({"days": [{"day": 1, "open": "17:00", "close": "08:00"}]})
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        sa.get("/api/admin/config/office-hours/MARS").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn off_hours_follow_the_configured_operating_hours() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let closed: Vec<Value> = (1..=7)
        .map(|d| json!({"day": d, "open": "08:00", "close": "17:00", "closed": true}))
        .collect();
    sa.patch(
        "/api/admin/config/office-hours/SAFIA",
        json!({"days": closed}),
    )
    .await
    .ok();
    let t = sa.post("/api/dev/customer-message", json!({"name": "Pelanggan Malam", "division": "SAFIA", "channel": "telegram", "message": "Halo"})).await.ok();
    assert_eq!(t["off_hours"], true);
    assert_eq!(t["queue_status"], "FREE");
    let open: Vec<Value> = (1..=7)
        .map(|d| json!({"day": d, "open": "00:00", "close": "23:59"}))
        .collect();
    sa.patch(
        "/api/admin/config/office-hours/SAFIA",
        json!({"days": open}),
    )
    .await
    .ok();
    let t = sa.post("/api/dev/customer-message", json!({"name": "Pelanggan Siang", "division": "SAFIA", "channel": "whatsapp", "message": "Halo"})).await.ok();
    assert_eq!(t["off_hours"], false);
}

#[tokio::test]
async fn bad_input_is_a_4xx_with_the_error_body_never_a_500() {
    let s = server().await;
    let a = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let tid = ids(&a.get("/api/admin/inbox/free").await.ok())[0].clone();
    let url = |p: &str| format!("{}{}", s.url(), p);
    let http = reqwest::Client::new();
    let tok = a.token.clone().unwrap();
    let send = |path: String, body: String| {
        let http = http.clone();
        let tok = tok.clone();
        async move {
            let r = http
                .post(path)
                .bearer_auth(tok)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            let st = r.status();
            let v: Value = r.json().await.unwrap_or(Value::Null);
            (st, v)
        }
    };
    let cases = [
        (
            url("/api/agent/status"),
            "{not json".to_string(),
            StatusCode::BAD_REQUEST,
        ),
        (
            url("/api/agent/status"),
            r#"{"status": 1}"#.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            url("/api/agent/status"),
            r#"{"status": "away"}"#.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            url(&format!("/api/admin/ticket/{tid}/tag")),
            r#"{"action": "toggle", "tag": "x"}"#.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            url(&format!("/api/admin/ticket/{tid}/internal-message")),
            format!(r#"{{"content": "{}"}}"#, "a".repeat(300_000)),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            url("/api/admin/ticket/T-404/self-takeover"),
            String::new(),
            StatusCode::NOT_FOUND,
        ),
        (
            url("/api/admin/ticket/T-404/reply"),
            r#"{"message": "x"}"#.to_string(),
            StatusCode::NOT_FOUND,
        ),
        (
            url("/api/admin/blast/B-404/approve"),
            "{}".to_string(),
            StatusCode::FORBIDDEN,
        ),
    ];
    for (path, body, want) in cases {
        let (st, v) = send(path.clone(), body).await;
        assert_eq!(st, want, "{path}: {v}");
        assert!(
            v["error"]["code"].is_string() && v["error"]["message"].is_string(),
            "{path}: error body {v}"
        );
    }
    let r = a.get("/api/no/such/route").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.code(), "no_route");
    let r = a.send(Method::DELETE, "/api/admin/inbox", None).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.code(), "method_not_allowed");
}

#[tokio::test]
async fn event_stream_pushes_status_changes_to_supervisors() {
    use futures_util::StreamExt;
    let s = server().await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let resp = reqwest::Client::new()
        .get(format!("{}/api/events", s.url()))
        .bearer_auth(tl.token.clone().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    let mut stream = resp.bytes_stream();
    let first = stream.next().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("heartbeat"));
    a1.online().await;
    let mut seen = String::new();
    let got = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        while let Some(chunk) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if seen.contains("agent_status") && seen.contains("U-sari1") {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(
        got,
        Ok(true),
        "the supervisor hears of the change within 2 s: {seen}"
    );
}

#[tokio::test]
async fn openapi_documents_every_served_route_and_every_route_is_served() {
    let s = server().await;
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/api/openapi.yaml"
    ))
    .expect("docs/api/openapi.yaml");
    // Collect (METHOD, path) pairs from the document's `paths`.
    let mut documented = HashSet::new();
    let mut current: Option<String> = None;
    let mut in_paths = false;
    for line in doc.lines() {
        if line.starts_with("paths:") {
            in_paths = true;
            continue;
        }
        if in_paths && !line.starts_with(' ') && !line.trim().is_empty() {
            in_paths = false;
        }
        if !in_paths {
            continue;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            current = Some(format!("/{p}"));
        } else if let (Some(p), Some(m)) = (
            &current,
            line.strip_prefix("    ").and_then(|l| l.strip_suffix(':')),
        ) {
            if ["get", "post", "patch", "put", "delete"].contains(&m) {
                documented.insert((m.to_uppercase(), p.clone()));
            }
        }
    }
    let served: HashSet<(String, String)> = saga_devserver::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served but not documented: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "documented but not in ROUTES: {unserved:?}"
    );
    // Each route really answers (never the no-route fallback or a 405).
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    for (m, p) in saga_devserver::ROUTES {
        if *p == "/api/events" {
            continue;
        }
        let path = p
            .replace("{id}", "X-1")
            .replace("{div}", "SARI")
            .replace("{role}", "viewer");
        let method = Method::from_bytes(m.as_bytes()).unwrap();
        let body = if *m == "GET" { None } else { Some(json!({})) };
        let r = sa.send(method, &path, body).await;
        assert_ne!(r.code(), "no_route", "{m} {p} is served");
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{m} {p}");
    }
}

#[tokio::test]
async fn simulate_makes_customers_write_and_tickets_arrive() {
    let s = server_with(saga_devserver::Config {
        history: 100,
        simulate: true,
        simulate_every: 0.2,
        ..Default::default()
    })
    .await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let before = sa.get("/api/admin/inbox?division=all&limit=1").await.ok();
    let (total0, head0) = (
        before["total"].clone(),
        before["items"][0]["last_activity_at"].clone(),
    );
    let mut changed = false;
    for _ in 0..30 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let now = sa.get("/api/admin/inbox?division=all&limit=1").await.ok();
        if now["total"] != total0 || now["items"][0]["last_activity_at"] != head0 {
            changed = true;
            break;
        }
    }
    assert!(changed, "the simulator brings new tickets or messages");
}

/// Whether a ticket or lead (JSON) may receive free text now (WhatsApp's
/// 24-hour window).
fn free_text_ok(t: &Value) -> bool {
    let channel = saga_core::Channel::parse(t["channel"].as_str().unwrap_or("telegram"));
    saga_core::followup::wa_window(
        &channel,
        t["last_customer_message_at"].as_str(),
        chrono::Utc::now().timestamp(),
    )
    .allows_free_text()
}

/// Moves a ticket's last customer message `hours` back (WhatsApp's window
/// runs from it).
fn customer_silent_for(s: &saga_devserver::Running, ticket_id: &str, hours: i64) {
    let at = (chrono::Utc::now() - chrono::Duration::hours(hours))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    s.state.db.with(|c| {
        c.execute(
            "UPDATE tickets SET last_customer_at = ?2 WHERE id = ?1",
            [ticket_id, at.as_str()],
        )
        .unwrap()
    });
}

/// Takes over a FREE ticket in the agent's division, on WhatsApp or on
/// another channel.
async fn take_free_on(a: &Api, whatsapp: bool) -> String {
    let free = a.get("/api/admin/inbox/free?limit=200").await.ok();
    let tid = free["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| (t["channel"] == "whatsapp") == whatsapp)
        .unwrap_or_else(|| panic!("a FREE ticket, WhatsApp: {whatsapp}"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    a.post(&format!("/api/admin/ticket/{tid}/self-takeover"), json!({}))
        .await
        .ok();
    tid
}

/// Issue 12: WhatsApp's 24-hour window (an extension of API-7, API-16 and
/// the follow-up send). Free text only within 24 hours of the customer's
/// last message; a template as written always; other channels unlimited.
#[tokio::test]
async fn wa_window_free_text_within_24_hours_templates_always() {
    let s = server().await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let wa = take_free_on(&a1, true).await;
    let reply = |m: &str| json!({ "message": m });
    let d = a1.get(&format!("/api/admin/ticket/{wa}")).await.ok();
    assert!(
        d["last_customer_message_at"].is_string(),
        "the ticket says when"
    );
    a1.post(
        &format!("/api/admin/ticket/{wa}/reply"),
        reply("Baik, saya cek."),
    )
    .await
    .ok();

    customer_silent_for(&s, &wa, 25);
    let r = a1
        .post(
            &format!("/api/admin/ticket/{wa}/reply"),
            reply("Halo lagi?"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (r.code(), r.body["error"]["field"].as_str()),
        ("wa_window_closed", Some("message"))
    );
    assert!(r.message().contains("24 jam"), "{}", r.message());
    let r = sa
        .post(
            &format!("/api/admin/ticket/{wa}/reply-as-sa"),
            json!({ "message": "Dari Saga Team", "display_name": "Saga Team" }),
        )
        .await;
    assert_eq!(r.code(), "wa_window_closed");
    let tpl = a1.get("/api/admin/followup/templates").await.ok();
    let body = tpl["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "TPL-7")
        .expect("the route template")["body"]
        .as_str()
        .unwrap()
        .to_string();
    let followup =
        |template: Option<&str>, m: &str| json!({ "template_id": template, "message": m });
    let edited = a1
        .post(
            &format!("/api/admin/ticket/{wa}/followup"),
            followup(Some("TPL-7"), &format!("{body} Diskon 10%!")),
        )
        .await;
    assert_eq!(
        edited.code(),
        "wa_window_closed",
        "an edited template is free text"
    );
    let free = a1
        .post(
            &format!("/api/admin/ticket/{wa}/followup"),
            followup(None, "Halo {nama}"),
        )
        .await;
    assert_eq!(free.code(), "wa_window_closed");
    let sent = a1
        .post(
            &format!("/api/admin/ticket/{wa}/followup"),
            followup(Some("TPL-7"), &body),
        )
        .await
        .ok();
    let content = sent["content"].as_str().unwrap();
    assert!(
        saga_core::followup::raw_placeholders(content).is_empty(),
        "{content}"
    );
    assert!(content.contains(d["customer_name"].as_str().unwrap()));
    assert!(content.contains("Rudi Hartono"), "{{agent}} is the sender");
    let audit = sa
        .get(&format!("/api/admin/ticket/{wa}/audit-log"))
        .await
        .ok();
    assert!(
        audit.to_string().contains("followup"),
        "FU-SINGLE-4 in the history"
    );

    // The customer writes again: the window reopens.
    let cust = d["customer_id"].as_str().unwrap();
    sa.post(
        "/api/dev/customer-message",
        json!({ "customer_id": cust, "division": "SARI", "channel": "whatsapp", "message": "Masih ada?" }),
    )
    .await
    .ok();
    a1.post(
        &format!("/api/admin/ticket/{wa}/reply"),
        reply("Masih, Kak."),
    )
    .await
    .ok();

    // Other channels have no such window.
    let tg = take_free_on(&a1, false).await;
    customer_silent_for(&s, &tg, 100);
    a1.post(
        &format!("/api/admin/ticket/{tg}/reply"),
        reply("Halo, masih tertarik?"),
    )
    .await
    .ok();
}

/// BLAST-2, BLAST-5: the day's leads carry what previews need; one blast's
/// status lists its recipients; an edited blast to WhatsApp customers whose
/// window closed is refused with their count, the template as written is not.
#[tokio::test]
async fn blast_details_and_the_wa_window_for_blasts() {
    let s = server().await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let leads = a1.get("/api/admin/followup/recommendations").await.ok();
    let leads = leads["leads"].as_array().unwrap();
    assert!(leads.len() >= 2);
    for l in leads {
        assert!(
            l["channel"].is_string() && l["customer_name"].is_string(),
            "{l}"
        );
    }
    let ids: Vec<String> = leads
        .iter()
        .take(2)
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    // Make the first a WhatsApp conversation silent for two days.
    s.state.db.with(|c| {
        c.execute(
            "UPDATE tickets SET channel = 'whatsapp' WHERE id = ?1",
            [&ids[0]],
        )
        .unwrap()
    });
    customer_silent_for(&s, &ids[0], 48);
    let tpl = "Halo {nama}, penawaran dari kami masih berlaku sampai akhir minggu ini. Mau kami proses sekarang?";
    let edited = a1
        .post(
            "/api/admin/blast/create",
            json!({ "recipients": ids, "template_id": "TPL-2", "message": format!("{tpl} Ayo!") }),
        )
        .await;
    assert_eq!(edited.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(edited.code(), "wa_window_closed");
    assert!(
        edited.message().starts_with("1 penerima WhatsApp"),
        "{}",
        edited.message()
    );
    let b = a1
        .post(
            "/api/admin/blast/create",
            json!({ "recipients": ids, "template_id": "TPL-2", "message": tpl }),
        )
        .await
        .ok();
    assert_eq!(b["status"], "pending_approval");
    assert!(
        b.get("recipients").is_none(),
        "the answer to create is the blast alone"
    );
    let st = a1
        .get(&format!(
            "/api/admin/blast/{}/status",
            b["id"].as_str().unwrap()
        ))
        .await
        .ok();
    let r = st["recipients"].as_array().unwrap();
    assert_eq!(r.len(), 2, "BLAST-5: the approver sees who receives it");
    assert!(r
        .iter()
        .all(|x| x["customer_name"].is_string() && x["sent_at"].is_null()));
    let list = a1.get("/api/admin/blasts").await.ok();
    assert!(
        list["blasts"][0].get("recipients").is_none(),
        "the list stays light"
    );
}

/// Issue 15 (OQ-6 extension): a phone registers its push token; each
/// notification then becomes the push a backend would send, with the
/// kind's channel, category, thread and sound, and an internal note's text
/// never in a customer-message push (DOD-9). Marking read takes ids.
#[tokio::test]
async fn notifications_have_kinds_phones_get_their_pushes_and_read_is_per_id() {
    let s = server().await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    a1.online().await;
    let bad = a1
        .post(
            "/api/devices",
            json!({"platform": "blackberry", "token": "x".repeat(20)}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    a1.post(
        "/api/devices",
        json!({"platform": "android", "token": "fcm-token-agent1-abcdef"}),
    )
    .await
    .ok();
    a1.post(
        "/api/devices",
        json!({"platform": "ios", "token": "apns-token-agent1-abcdef"}),
    )
    .await
    .ok();
    // A ticket of the agent's, a customer message on it and a tagged note.
    let tid = ids(&a1.get("/api/admin/inbox/free?division=SARI").await.ok())[0].clone();
    a1.post(&format!("/api/admin/ticket/{tid}/self-takeover"), json!({}))
        .await
        .ok();
    let cust = a1.get(&format!("/api/admin/ticket/{tid}")).await.ok();
    let customer_id = cust["item"]["customer_id"]
        .as_str()
        .or(cust["customer_id"].as_str())
        .unwrap()
        .to_string();
    Api::anon(&s.url())
        .post(
            "/api/dev/customer-message",
            json!({"customer_id": customer_id, "division": "SARI", "channel": "whatsapp", "message": "Kapan sampai?"}),
        )
        .await
        .ok();
    tl.post(
        &format!("/api/admin/ticket/{tid}/internal-message"),
        json!({"content": "RAHASIA: harga khusus", "tagged_agent_id": a1.id()}),
    )
    .await
    .ok();
    let feed = a1.get("/api/admin/notifications").await.ok();
    let items = feed["items"].as_array().unwrap();
    let of = |kind: &str| {
        items
            .iter()
            .find(|n| n["kind"] == kind && n["ticket_id"] == tid.as_str())
            .unwrap_or_else(|| panic!("no {kind} in {items:?}"))
            .clone()
    };
    let (msg, mention) = (of("message"), of("mention"));
    assert_eq!(
        (msg["layer"].as_str(), mention["layer"].as_str()),
        (Some("l1"), Some("l2"))
    );
    assert!(!msg["body"].as_str().unwrap().contains("RAHASIA"));

    let pushes = Api::anon(&s.url()).get("/api/dev/pushes").await.ok();
    let pushes = pushes["pushes"].as_array().unwrap();
    let push = |platform: &str, id: &Value| {
        pushes
            .iter()
            .find(|p| {
                p["platform"] == platform
                    && (p["payload"]["data"]["notification_id"] == *id
                        || p["payload"]["notification_id"] == *id)
            })
            .unwrap_or_else(|| panic!("no {platform} push for {id}: {pushes:?}"))
            .clone()
    };
    let fcm_msg = push("android", &msg["id"]);
    let fcm_note = push("android", &mention["id"]);
    assert_eq!(fcm_msg["payload"]["token"], "fcm-token-agent1-abcdef");
    assert_eq!(
        fcm_msg["payload"]["android"]["notification"]["channel_id"],
        "saga.l1.customer"
    );
    assert_eq!(
        fcm_note["payload"]["android"]["notification"]["channel_id"],
        "saga.l2.mention"
    );
    assert_ne!(
        fcm_msg["payload"]["android"]["notification"]["sound"],
        fcm_note["payload"]["android"]["notification"]["sound"]
    );
    assert_eq!(fcm_msg["payload"]["android"]["collapse_key"], msg["id"]);
    assert!(!fcm_msg["payload"].to_string().contains("RAHASIA"));
    let apns = push("ios", &mention["id"]);
    assert_eq!(apns["payload"]["aps"]["category"], "SAGA_L2_MENTION");
    assert_eq!(apns["payload"]["aps"]["thread-id"], format!("l2:{tid}"));
    assert_eq!(
        apns["payload"]["aps"]["interruption-level"],
        "time-sensitive"
    );
    // The Team Lead has no phone registered: no push for them.
    assert!(pushes.iter().all(|p| p["user_id"] != tl.id().as_str()));

    // Read one; the other stays unread.
    a1.post("/api/admin/notifications/read", json!({"ids": [msg["id"]]}))
        .await
        .ok();
    let feed = a1.get("/api/admin/notifications").await.ok();
    let read = |id: &Value| {
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == *id)
            .unwrap()["read"]
            .clone()
    };
    assert_eq!(
        (read(&msg["id"]), read(&mention["id"])),
        (json!(true), json!(false))
    );
    // Signing out on the phone: no more pushes to that token.
    let r = a1
        .send(Method::DELETE, "/api/devices/fcm-token-agent1-abcdef", None)
        .await
        .ok();
    assert_eq!(r["removed"], 1);
}

/// A small demo history (the soak's stand-in server, a quick local run)
/// seeds as well as the full one: it once took more leads for the seeded
/// blasts than it had.
#[tokio::test]
async fn a_small_history_seeds() {
    for history in [0, 15, 30] {
        let s = server_with(saga_devserver::Config {
            history,
            ..Default::default()
        })
        .await;
        let a = Api::login(&s.url(), "sari.agent1@saga.test").await;
        a.get("/api/admin/blasts").await.ok();
    }
}
