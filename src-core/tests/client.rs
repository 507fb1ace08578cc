//! The typed client against the real dev server: 401 wipes the token, 409 and
//! 422 are typed, 429 is retried a bounded number of times.

use saga_core::backoff::Backoff;
use saga_core::client::ApiClient;
use saga_core::{AgentStatus, ApiError, CrmStage, CrmUpdate};
use std::time::{Duration, Instant};

async fn server() -> saga_devserver::Running {
    saga_devserver::serve(saga_devserver::Config {
        history: 100,
        ..Default::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn login_messages_are_indonesian_and_typed() {
    let s = server().await;
    let c = ApiClient::new(&s.url()).unwrap();
    let e = c.login("sari.agent1@saga.test", "salah").await.unwrap_err();
    assert_eq!(e.message(), saga_core::strings::WRONG_CREDENTIALS);
    assert!(!c.has_token());
    let u = c
        .login("sari.agent1@saga.test", "saga-demo-2026")
        .await
        .unwrap();
    assert_eq!(u.status, AgentStatus::Offline);
    assert!(c.has_token());
    // Unreachable server.
    let dead = ApiClient::new("http://127.0.0.1:9").unwrap();
    let e = dead.login("a@b.c", "x").await.unwrap_err();
    assert!(matches!(e, ApiError::Network { .. }));
    assert_eq!(e.message(), saga_core::strings::SERVER_UNREACHABLE);
}

#[tokio::test]
async fn a_401_wipes_the_token() {
    let s = server().await;
    let c = ApiClient::new(&s.url()).unwrap();
    c.login("sari.agent1@saga.test", "saga-demo-2026")
        .await
        .unwrap();
    c.set_token(Some("forged".into()));
    let e = c.me().await.unwrap_err();
    assert!(matches!(e, ApiError::Unauthorized { .. }), "{e:?}");
    assert!(!c.has_token(), "API-RULE-4: token deleted");
}

#[tokio::test]
async fn conflict_and_validation_are_typed() {
    let s = server().await;
    let a = ApiClient::new(&s.url()).unwrap();
    let b = ApiClient::new(&s.url()).unwrap();
    a.login("sari.agent1@saga.test", "saga-demo-2026")
        .await
        .unwrap();
    b.login("sari.agent2@saga.test", "saga-demo-2026")
        .await
        .unwrap();
    let id = a.free(None).await.unwrap().items[0].id.clone();
    a.self_takeover(&id).await.unwrap();
    match b.self_takeover(&id).await.unwrap_err() {
        ApiError::Conflict { message, .. } => {
            assert_eq!(message, saga_core::strings::ALREADY_TAKEN)
        }
        e => panic!("expected conflict, got {e:?}"),
    }
    let lost = CrmUpdate {
        crm_stage: CrmStage::Lost,
        ..Default::default()
    };
    match a.update_crm(&id, &lost).await.unwrap_err() {
        ApiError::Validation { field, .. } => assert_eq!(field.as_deref(), Some("lost_reason")),
        e => panic!("expected validation, got {e:?}"),
    }
}

#[tokio::test]
async fn rate_limit_is_retried_with_bounded_backoff() {
    let s = saga_devserver::serve(saga_devserver::Config {
        history: 100,
        rate_limit: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let b = Backoff {
        base: Duration::from_millis(100),
        cap: Duration::from_millis(1500),
        max_retries: 4,
    };
    let c = ApiClient::new(&s.url()).unwrap().with_backoff(b);
    c.login("sari.agent1@saga.test", "saga-demo-2026")
        .await
        .unwrap();
    // Six calls in a row with a limit of two per second: the client waits
    // and retries instead of failing.
    let t = Instant::now();
    for _ in 0..6 {
        c.free(None).await.expect("retried past 429");
    }
    assert!(t.elapsed() >= Duration::from_millis(900), "it backed off");
    // With no retries allowed the 429 surfaces as a typed error.
    let c0 = ApiClient::new(&s.url()).unwrap().with_backoff(Backoff {
        max_retries: 0,
        ..b
    });
    c0.set_token(c.token());
    let mut saw = false;
    for _ in 0..5 {
        if let Err(ApiError::RateLimited { message }) = c0.free(None).await {
            assert_eq!(message, saga_core::strings::RATE_LIMITED);
            saw = true;
            break;
        }
    }
    assert!(saw);
}
