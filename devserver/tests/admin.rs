//! Issue 14 at the HTTP level: the inbox search and orders the panel uses,
//! privileges that the server enforces, the last Super Admin, and a
//! deactivated account's session.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("a page of tickets")
}

/// Tickets whose customer matches, counted straight from the tables: the
/// oracle the indexed search is held to.
fn count_where(s: &saga_devserver::Running, cond: &str, arg: &str) -> i64 {
    s.state.db.with(|c| {
        c.query_row(
            &format!(
                "SELECT count(*) FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE {cond}"
            ),
            [arg],
            |r| r.get(0),
        )
        .unwrap()
    })
}

/// Issue 14, API-4 `q`: part of a name in any case, a phone number typed the
/// local way or with spaces, a ticket id without its zeros.
#[tokio::test]
async fn search_finds_by_part_of_a_name_a_phone_number_and_a_ticket_id() {
    let s = server().await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let (tid, name, phone): (String, String, String) = s.state.db.with(|c| {
        c.query_row(
            "SELECT t.id, c.name, c.phone FROM tickets t JOIN customers c ON c.id = t.customer_id \
             ORDER BY t.created_at DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    });

    // The middle of the surname, in upper case.
    let surname = name.split(' ').nth(1).expect("a surname");
    let part: String = surname
        .chars()
        .skip(1)
        .take(3)
        .collect::<String>()
        .to_uppercase();
    let page = tl
        .get(&format!(
            "/api/admin/inbox?division=all&limit=200&q={}",
            enc(&part)
        ))
        .await
        .ok();
    let want = count_where(
        &s,
        "lower(c.name) LIKE '%' || lower(?1) || '%' OR lower(IFNULL(c.wa_display_name, '')) LIKE '%' || lower(?1) || '%'",
        &part,
    );
    assert_eq!(
        page["total"], want,
        "every ticket of every matching customer, {part}"
    );
    assert!(want > 0);
    for t in items(&page) {
        let hay = format!(
            "{} {}",
            t["customer_name"].as_str().unwrap(),
            t["wa_display_name"].as_str().unwrap_or("")
        )
        .to_lowercase();
        assert!(hay.contains(&part.to_lowercase()), "{hay} lacks {part}");
    }

    // Paged, the pages are slices of one list with one total; past the
    // end a page is empty and still says how many there are.
    let all = tl
        .get(&format!(
            "/api/admin/inbox?division=all&limit=200&q={}",
            enc(&part)
        ))
        .await
        .ok();
    let mut paged = Vec::new();
    for offset in (0..want).step_by(7) {
        let p = tl
            .get(&format!(
                "/api/admin/inbox?division=all&limit=7&offset={offset}&q={}",
                enc(&part)
            ))
            .await
            .ok();
        assert_eq!(p["total"], want);
        paged.extend(items(&p).iter().map(|t| t["id"].clone()));
    }
    let whole: Vec<Value> = items(&all).iter().map(|t| t["id"].clone()).collect();
    assert_eq!(
        paged[..whole.len().min(paged.len())],
        whole[..whole.len().min(paged.len())]
    );
    let past = tl
        .get(&format!(
            "/api/admin/inbox?division=all&offset={}&q={}",
            want + 5,
            enc(&part)
        ))
        .await
        .ok();
    assert!(items(&past).is_empty());
    assert_eq!(past["total"], want);

    // The phone number as an Indonesian types it: 0812 ... for +62 812 ...
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let local = format!("0{} {}", &digits[2..5], &digits[5..]);
    let page = tl
        .get(&format!(
            "/api/admin/inbox?division=all&limit=200&q={}",
            enc(&local)
        ))
        .await
        .ok();
    assert!(
        items(&page).iter().any(|t| t["id"] == tid.as_str()),
        "{local} finds {tid}"
    );
    let by_phone = count_where(
        &s,
        "replace(replace(replace(c.phone, ' ', ''), '+', ''), '-', '') LIKE '%' || ?1 || '%'",
        &digits,
    );
    assert_eq!(page["total"], by_phone);
    // A few trailing digits are enough.
    let tail = &digits[digits.len() - 6..];
    let page = tl
        .get(&format!("/api/admin/inbox?division=all&limit=200&q={tail}"))
        .await
        .ok();
    assert!(items(&page).iter().any(|t| t["id"] == tid.as_str()));

    // A ticket id, short.
    let n: u64 = tid.trim_start_matches("T-").parse().unwrap();
    let page = tl
        .get(&format!("/api/admin/inbox?division=all&q=t-{n}"))
        .await
        .ok();
    assert_eq!(page["total"], 1);
    assert_eq!(items(&page)[0]["id"], tid.as_str());

    // Too short to search says so, on the field.
    for short in ["ab", "081"] {
        let r = tl.get(&format!("/api/admin/inbox?q={short}")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{short}");
        assert_eq!(r.body["error"]["field"], "q");
        assert!(!r.message().is_empty());
    }
    // An agent searches their own division only (INBOX-1).
    let agent = Api::login(&s.url(), "savi.agent1@saga.test").await;
    let page = agent
        .get(&format!("/api/admin/inbox?limit=200&q={}", enc(&part)))
        .await
        .ok();
    assert!(items(&page).iter().all(|t| t["division"] == "SAVI"));
}

/// PANEL-4/5 (OQ-25): the panel's lists come from the server oldest first;
/// an idle list holds open tickets only.
#[tokio::test]
async fn panel_orders_idle_oldest_first_open_only_and_waiting_longest_first() {
    let s = server().await;
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    let idle = tl
        .get("/api/admin/inbox?division=all&queue_status=ASSIGNED&order=idle&limit=100")
        .await
        .ok();
    let rows = items(&idle);
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|t| t["status"] != "CLOSED"),
        "a closed ticket is not idle"
    );
    let times: Vec<&str> = rows
        .iter()
        .map(|t| t["last_activity_at"].as_str().unwrap())
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "oldest activity first"
    );
    let open: i64 = s.state.db.with(|c| {
        c.query_row(
            "SELECT count(*) FROM tickets WHERE queue_status = 'ASSIGNED' AND status != 'CLOSED'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    });
    assert_eq!(idle["total"], open);

    let waiting = tl
        .get("/api/admin/inbox?division=all&queue_status=FREE&order=waiting&limit=100")
        .await
        .ok();
    let since: Vec<&str> = items(&waiting)
        .iter()
        .map(|t| {
            t["waiting_since"]
                .as_str()
                .expect("a FREE ticket says since when it waits")
        })
        .collect();
    assert!(since.len() > 1 && since.windows(2).all(|w| w[0] <= w[1]));

    let bad = tl.get("/api/admin/inbox?order=random").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body["error"]["field"], "order");
}

/// USERS-5, API-27, OQ-7: a privilege taken away, from one person or from
/// their role, is refused by the server; the Super Admin's administration
/// cannot be taken away.
#[tokio::test]
async fn privileges_taken_away_are_refused_and_the_super_admin_keeps_the_keys() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let a2 = Api::login(&s.url(), "sari.agent2@saga.test").await;
    a1.get("/api/admin/inbox/free").await.ok();

    // From one person.
    let u = sa
        .patch(
            &format!("/api/admin/users/{}", a1.id()),
            json!({"privileges": ["-free_takeover"]}),
        )
        .await
        .ok();
    assert!(u["privileges"]
        .as_array()
        .unwrap()
        .contains(&json!("-free_takeover")));
    assert_eq!(
        a1.get("/api/admin/inbox/free").await.status,
        StatusCode::FORBIDDEN
    );
    let me = a1.get("/api/auth/me").await.ok();
    assert!(me["privileges"]
        .as_array()
        .unwrap()
        .contains(&json!("-free_takeover")));
    a2.get("/api/admin/inbox/free").await.ok();

    // From the role: everyone in it, at their next request.
    sa.post(
        "/api/admin/privileges/sales_agent",
        json!({"privileges": ["-internal_notes"]}),
    )
    .await
    .ok();
    let t = a2.get("/api/admin/inbox?assigned_to=me&limit=1").await.ok();
    let tid = items(&t)[0]["id"].as_str().unwrap().to_string();
    let note = a2
        .post(
            &format!("/api/admin/ticket/{tid}/internal-message"),
            json!({"content": "cek"}),
        )
        .await;
    assert_eq!(note.status, StatusCode::FORBIDDEN);
    let me = a2.get("/api/auth/me").await.ok();
    assert!(me["privileges"]
        .as_array()
        .unwrap()
        .contains(&json!("-internal_notes")));
    let read = sa.get("/api/admin/privileges/sales_agent").await.ok();
    assert_eq!(read["privileges"], json!(["-internal_notes"]));
    // Given back.
    sa.post(
        "/api/admin/privileges/sales_agent",
        json!({"privileges": []}),
    )
    .await
    .ok();
    a2.post(
        &format!("/api/admin/ticket/{tid}/internal-message"),
        json!({"content": "cek"}),
    )
    .await
    .ok();

    // Unknown keys and the Super Admin's own keys are refused.
    let r = sa
        .patch(
            &format!("/api/admin/users/{}", a1.id()),
            json!({"privileges": ["-fly"]}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_privileges")
    );
    for (path, body) in [
        (
            format!("/api/admin/users/{}", sa.id()),
            json!({"privileges": ["-user_management"]}),
        ),
        (
            "/api/admin/privileges/super_admin".to_string(),
            json!({"privileges": ["-office_hours"]}),
        ),
    ] {
        let r = if path.contains("/users/") {
            sa.patch(&path, body).await
        } else {
            sa.post(&path, body).await
        };
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "super_admin_locked_in"),
            "{path}"
        );
    }
    sa.get("/api/admin/users").await.ok();
    // Only the Super Admin manages privileges (PERM-13).
    let tl = Api::login(&s.url(), "lead@saga.test").await;
    assert_eq!(
        tl.post(
            "/api/admin/privileges/sales_agent",
            json!({"privileges": []})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

/// USERS-4: the team always keeps an active Super Admin. A Super Admin
/// cannot step down or switch themself off; two who demote each other at
/// the same moment leave one of them in charge.
#[tokio::test]
async fn the_last_active_super_admin_cannot_be_deactivated_or_demoted() {
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    for body in [json!({"active": false}), json!({"role": "team_lead"})] {
        let r = sa
            .patch(&format!("/api/admin/users/{}", sa.id()), body.clone())
            .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "self_lockout"),
            "{body}"
        );
        assert!(!r.message().is_empty());
    }
    for round in 0..5 {
        let email = format!("sinta{round}@saga.test");
        let second = sa
            .post(
                "/api/admin/users",
                json!({"name": "Sinta Admin", "email": email, "password": "rahasia-sinta-1", "role": "super_admin", "division": "SAVI"}),
            )
            .await
            .ok();
        let sinta = Api::login_with(&s.url(), &email, "rahasia-sinta-1").await;
        let (sa_id, sinta_id) = (sa.id(), second["id"].as_str().unwrap().to_string());
        let (to_sinta, to_sa) = (
            format!("/api/admin/users/{sinta_id}"),
            format!("/api/admin/users/{sa_id}"),
        );
        let (a, b) = tokio::join!(
            sa.patch(&to_sinta, json!({"role": "team_lead"})),
            sinta.patch(&to_sa, json!({"role": "team_lead"})),
        );
        let won = [a.status.is_success(), b.status.is_success()];
        assert_eq!(
            won.iter().filter(|w| **w).count(),
            1,
            "round {round}: exactly one steps down"
        );
        let lost = if won[0] { &b } else { &a };
        assert!(
            lost.status == StatusCode::FORBIDDEN || lost.code() == "last_super_admin",
            "{} {}",
            lost.status,
            lost.body
        );
        let admins: i64 = s.state.db.with(|c| {
            c.query_row(
                "SELECT count(*) FROM users WHERE role = 'super_admin' AND active = 1",
                [],
                |r| r.get(0),
            )
            .unwrap()
        });
        assert_eq!(admins, 1);
        if won[1] {
            // Sinta took over; she hands it back for the next round.
            sinta
                .patch(
                    &format!("/api/admin/users/{sa_id}"),
                    json!({"role": "super_admin"}),
                )
                .await
                .ok();
            sa.patch(
                &format!("/api/admin/users/{sinta_id}"),
                json!({"active": false}),
            )
            .await
            .ok();
        } else {
            sa.patch(
                &format!("/api/admin/users/{sinta_id}"),
                json!({"active": false}),
            )
            .await
            .ok();
        }
    }
}

/// USERS-4, DOD-14: a deactivated account cannot sign in, its open session
/// ends at its next request, its tickets stay; every change to an account
/// is announced on the event stream so its app follows at once.
#[tokio::test]
async fn a_deactivated_account_is_signed_out_and_every_change_is_announced() {
    use futures_util::StreamExt;
    let s = server().await;
    let sa = Api::login(&s.url(), "superadmin@saga.test").await;
    let a1 = Api::login(&s.url(), "sari.agent1@saga.test").await;
    let mine = a1.get("/api/admin/inbox?assigned_to=me").await.ok()["total"].clone();
    let resp = reqwest::Client::new()
        .get(format!("{}/api/events", s.url()))
        .bearer_auth(a1.token.clone().unwrap())
        .send()
        .await
        .unwrap();
    let mut stream = resp.bytes_stream();
    sa.patch(
        &format!("/api/admin/users/{}", a1.id()),
        json!({"division": "SAVI"}),
    )
    .await
    .ok();
    let mut seen = String::new();
    let heard = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        while let Some(chunk) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if seen.contains("user_changed") && seen.contains(&a1.id()) {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(
        heard,
        Ok(true),
        "the account's app hears of the change: {seen}"
    );
    assert_eq!(a1.get("/api/auth/me").await.ok()["division"], "SAVI");

    sa.patch(
        &format!("/api/admin/users/{}", a1.id()),
        json!({"active": false}),
    )
    .await
    .ok();
    let r = a1.get("/api/auth/me").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the open session ends");
    let again = Api::anon(&s.url())
        .post(
            "/api/auth/login",
            json!({"email": "sari.agent1@saga.test", "password": PW}),
        )
        .await;
    assert!(again.status.is_client_error() && !again.message().is_empty());
    let kept = sa
        .get(&format!(
            "/api/admin/inbox?division=all&assigned_to={}",
            a1.id()
        ))
        .await
        .ok()["total"]
        .clone();
    assert_eq!(kept, mine, "their tickets stay, to be reassigned");
    let agents = sa.get("/api/agent/status/all").await.ok();
    let row = agents["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == a1.id().as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (row["active"].clone(), row["status"].clone()),
        (json!(false), json!("offline"))
    );

    // Reactivated, they sign in again.
    sa.patch(
        &format!("/api/admin/users/{}", a1.id()),
        json!({"active": true}),
    )
    .await
    .ok();
    Api::login(&s.url(), "sari.agent1@saga.test").await;
}
