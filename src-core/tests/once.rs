//! Issue 17 item 1: every write the outbox delivers carries one idempotency
//! key, and the dev server honours it on every endpoint: an answer lost
//! after the write was stored, then a retry with the same key, stores the
//! write once and answers the same; the key survives signing in again; a
//! key reused for another write is refused.

use saga_core::client::{ApiClient, Delivered};
use saga_core::outbox::Write;
use saga_core::{
    ApiError, Channel, CrmStage, CrmUpdate, FollowUpSendRequest, InternalMessageRequest,
    ReplyRequest,
};
use saga_devserver::faults::{FaultConfig, ScriptedFailure};

const PASSWORD: &str = "saga-demo-2026";

async fn client(url: &str, email: &str) -> ApiClient {
    let c = ApiClient::new(url).unwrap();
    c.login(email, PASSWORD).await.unwrap();
    c
}

/// The next request to `suffix` runs, then its answer is lost.
fn lose_next_answer(s: &saga_devserver::Running, method: &str, suffix: &str) {
    s.state.faults.set(FaultConfig {
        fail_next: vec![ScriptedFailure {
            method: method.into(),
            path_suffix: suffix.into(),
            after_run: true,
            ..ScriptedFailure::default()
        }],
        ..FaultConfig::default()
    });
}

#[tokio::test]
async fn each_write_is_stored_once_whatever_happens_to_its_answers() {
    let s = saga_devserver::serve(saga_devserver::Config {
        history: 100,
        ..Default::default()
    })
    .await
    .unwrap();
    let url = s.url();
    let agent = client(&url, "sari.agent1@saga.test").await;
    let sa = client(&url, "superadmin@saga.test").await;
    // A ticket outside WhatsApp, so free text is always allowed.
    let free = agent.free(None).await.unwrap().items;
    let t = free
        .iter()
        .find(|t| t.channel != Channel::Whatsapp)
        .expect("a FREE ticket on another channel")
        .id
        .clone();
    agent.self_takeover(&t).await.unwrap();

    let writes: Vec<(&ApiClient, &str, Write, &str)> = vec![
        (
            &agent,
            "/reply",
            Write::Reply(ReplyRequest {
                message: "Armada kami jemput besok jam 09.00 WIB.".into(),
                idempotency_key: Some("k-reply".into()),
            }),
            "k-reply",
        ),
        (
            &agent,
            "/followup",
            Write::FollowUp(FollowUpSendRequest {
                template_id: None,
                message: "Selamat siang, apakah jadi kirim motornya minggu ini?".into(),
            }),
            "k-followup",
        ),
        (
            &agent,
            "/internal-message",
            Write::Note(InternalMessageRequest {
                content: "Pelanggan minta harga khusus, cek dengan TL.".into(),
                tagged_agent_id: None,
            }),
            "k-note",
        ),
        (
            &agent,
            "/crm",
            Write::Crm(CrmUpdate {
                crm_stage: CrmStage::Qualified,
                lost_reason: None,
                quote_value: Some(1_250_000),
                deal_value: None,
                crm_data: Default::default(),
            }),
            "k-crm",
        ),
        (
            &sa,
            "/reply-as-sa",
            Write::TeamReply {
                message: "Terima kasih, tim kami siap membantu.".into(),
            },
            "k-team",
        ),
    ];
    for (who, suffix, write, key) in &writes {
        let method = if matches!(write, Write::Crm(_)) {
            "PATCH"
        } else {
            "POST"
        };
        lose_next_answer(&s, method, suffix);
        let lost = who.deliver(&t, write, key).await.unwrap_err();
        assert!(
            matches!(lost, ApiError::Network { .. }),
            "{suffix}: the answer was lost ({lost:?})"
        );
        let first = who.deliver(&t, write, key).await.unwrap();
        let again = who.deliver(&t, write, key).await.unwrap();
        assert_eq!(first, again, "{suffix}: the same answer every time");
        if let Delivered::Message(m) = &first {
            assert_eq!(
                m.idempotency_key.as_deref(),
                Some(*key),
                "{suffix}: the app can match the message to its pending write"
            );
        }
    }
    // A new session of the same user (signed out and in again) gets the
    // same answer: the key belongs to the user, not to the token.
    let agent_again = client(&url, "sari.agent1@saga.test").await;
    let (_, _, note, key) = &writes[2];
    assert!(matches!(
        agent_again.deliver(&t, note, key).await.unwrap(),
        Delivered::Note(_)
    ));

    let thread = agent.messages(&t, 200).await.unwrap().items;
    for text in [
        "Armada kami jemput besok jam 09.00 WIB.",
        "Selamat siang, apakah jadi kirim motornya minggu ini?",
        "Terima kasih, tim kami siap membantu.",
    ] {
        assert_eq!(
            thread.iter().filter(|m| m.content == text).count(),
            1,
            "stored once: {text}"
        );
    }
    let notes = agent.internal_messages(&t).await.unwrap().items;
    assert_eq!(
        notes
            .iter()
            .filter(|n| n.content.starts_with("Pelanggan minta harga khusus"))
            .count(),
        1
    );
    let audit = sa.audit_log(&t).await.unwrap().items;
    assert_eq!(
        audit.iter().filter(|a| a.action == "crm_stage").count(),
        1,
        "the CRM save is recorded once"
    );
    assert_eq!(audit.iter().filter(|a| a.action == "followup").count(), 1);

    // The same key for another write is refused, not answered with the
    // first write's answer.
    let (_, _, followup, _) = &writes[1];
    match agent.deliver(&t, followup, key).await.unwrap_err() {
        ApiError::Validation { code, .. } => assert_eq!(code, "idempotency_key_reused"),
        e => panic!("{e:?}"),
    }
    let thread_after = agent.messages(&t, 200).await.unwrap().items;
    assert_eq!(thread_after.len(), thread.len(), "nothing sent");
}
