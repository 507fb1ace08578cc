//! The one sync loop (TOGGLE-4, OQ-5). It follows the server's event
//! stream when there is one and falls back to polling (every second) when
//! not; it backs off on 429 and errors, pauses while the app is in the
//! background, and emits typed [`AppEvent`]s to the UI.

use crate::state::Core;
use futures_util::StreamExt;
use saga_core::access::{self, Ask, Principal};
use saga_core::backoff::Backoff;
use saga_core::events::{AppEvent, ServerEvent, APP_EVENT};
use saga_core::{AgentSummary, ApiError, User};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

const POLL_EVERY: Duration = Duration::from_millis(1000);
/// How long to poll before trying the stream again.
const STREAM_RETRY: Duration = Duration::from_secs(30);

/// The one way the core tells the UI something (`saga://event`).
pub(crate) fn emit(app: &AppHandle, ev: AppEvent) {
    let _ = app.emit(APP_EVENT, ev);
}

fn polling_only() -> bool {
    std::env::var("SAGA_SYNC_MODE").as_deref() == Ok("polling")
}

/// Whether the user's panel and picker follow every agent's status.
fn follows_agents(u: &User) -> bool {
    access::allows(&Principal::from(u), Ask::Panel)
}

pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let core: Arc<Core> = app.state::<Arc<Core>>().inner().clone();
        let backoff = Backoff {
            base: Duration::from_millis(500),
            cap: Duration::from_secs(15),
            max_retries: u32::MAX,
        };
        let mut failures = 0u32;
        // Whether the live view was interrupted (the stream or the network
        // failed) since it was last up, and for whom: the next connection
        // brings the lists and the open ticket up to date (issue 17 item 3).
        let mut stale_for: Option<String> = None;
        loop {
            // Sleep while signed out or in the background.
            let user = match core.user() {
                Some(u) if core.is_foreground() => u,
                _ => {
                    core.wake.notified().await;
                    continue;
                }
            };
            let Ok(api) = core.api().cloned() else {
                core.wake.notified().await;
                continue;
            };
            let mut stale = stale_for.as_deref() == Some(user.id.as_str());
            // SAGA_SYNC_MODE=polling turns the stream off (benchmarks, and
            // backends without one).
            let outcome = if polling_only() {
                Err(ApiError::NotFound {
                    message: "polling only".into(),
                })
            } else {
                run_stream(&app, &core, &api, &user, &mut stale).await
            };
            match outcome.err() {
                Some(ApiError::Unauthorized { message }) => {
                    core.end_session(&app, &message);
                    continue;
                }
                Some(ApiError::NotFound { .. }) | Some(ApiError::Forbidden { .. }) | None => {
                    // No stream here: poll for a while, then look again.
                    failures = 0;
                }
                // The stream broke: what happened meanwhile is caught up.
                Some(_) => stale = true,
            }
            let polled = run_polling(&app, &core, &api, &user, STREAM_RETRY, &mut stale).await;
            if polled.is_err() {
                stale = true;
            }
            stale_for = stale.then(|| user.id.clone());
            match polled {
                Ok(()) => failures = 0,
                Err(ApiError::Unauthorized { message }) => {
                    core.end_session(&app, &message);
                    continue;
                }
                Err(_) => {
                    emit(
                        &app,
                        AppEvent::Connection {
                            online: false,
                            mode: "offline".into(),
                        },
                    );
                    let d = backoff
                        .delay_random(failures.min(10), None)
                        .unwrap_or(backoff.cap);
                    failures += 1;
                    tokio::select! {
                        _ = tokio::time::sleep(d) => {}
                        _ = core.wake.notified() => {}
                    }
                }
            }
        }
    });
}

fn is_offline(core: &Core) -> bool {
    core.user()
        .is_some_and(|u| u.status == saga_core::AgentStatus::Offline)
}

/// Reads the feed: the first read of a session remembers what is there,
/// later reads raise and announce what is new (deduped by id with the
/// stream's, so a reconnect or a poll never raises one twice).
async fn catch_up_notifications(
    app: &AppHandle,
    core: &Core,
    api: &saga_core::client::ApiClient,
    user: &User,
) -> Result<(), ApiError> {
    if !core.alerts.is_primed(&user.id) {
        // The user's preferences, from this device.
        if let Ok(s) = crate::commands::Signed::of(app) {
            crate::commands::notifications::load_prefs(&s);
        }
        // A phone registers its push token once per session.
        #[cfg(mobile)]
        crate::notifier::register_push(app, api.clone());
    }
    let feed = api.notifications().await?;
    for notification in core
        .alerts
        .feed(app, &user.id, &feed.items, is_offline(core))
    {
        emit(app, AppEvent::Notification { notification });
    }
    Ok(())
}

/// Keeps the core's user current and tells the UI when more than the status
/// changed (role, division, privileges, name): its screens follow the gate.
fn announce_me(app: &AppHandle, core: &Core, me: User) {
    let Some(known) = core.user().filter(|u| u.id == me.id) else {
        return;
    };
    let changed = me.role != known.role
        || me.division != known.division
        || me.privileges != known.privileges
        || me.name != known.name;
    if changed {
        *core.user.write().unwrap_or_else(|p| p.into_inner()) = Some(me.clone());
        emit(app, AppEvent::Me { user: me });
    }
}

/// Fetches every agent's status and load and hands them to the UI.
async fn fetch_agents(
    app: &AppHandle,
    api: &saga_core::client::ApiClient,
) -> Result<Vec<AgentSummary>, ApiError> {
    let agents = api.agents().await?.agents;
    emit(
        app,
        AppEvent::Agents {
            agents: agents.clone(),
        },
    );
    Ok(agents)
}

/// Whether the loop should stop what it is doing (signed out, another user,
/// a new role, background).
fn should_stop(core: &Core, user: &User) -> bool {
    !core.is_foreground()
        || core
            .user()
            .map(|u| u.id != user.id || u.role != user.role || u.privileges != user.privileges)
            .unwrap_or(true)
}

/// After a reconnection (the stream or the network was down, the machine
/// slept), everything shown may be stale: pages reload what they show (an
/// empty `TicketsChanged` is "all") before new events are applied.
fn caught_up(app: &AppHandle, core: &Core, stale: &mut bool) {
    if *stale {
        emit(app, AppEvent::TicketsChanged { ticket_ids: vec![] });
        *stale = false;
        // What waited for the connection goes now.
        core.flush.notify_one();
    }
}

/// Whether the own status read since `before` can be shown: no change of
/// the person's own started or ended meanwhile (else the answer may predate
/// it, and the toggle would flip back to what it was: seen in CI right after
/// sign-in, when the stream's first refresh crossed a click on the toggle).
fn fresh_status(core: &Core, before: u64) -> bool {
    core.status_writes.load(Ordering::SeqCst) == before
}

async fn run_stream(
    app: &AppHandle,
    core: &Core,
    api: &saga_core::client::ApiClient,
    user: &User,
    stale: &mut bool,
) -> Result<(), ApiError> {
    let mut stream = Box::pin(api.events().await?);
    emit(
        app,
        AppEvent::Connection {
            online: true,
            mode: "stream".into(),
        },
    );
    let mut agents: Vec<AgentSummary> = Vec::new();
    if follows_agents(user) {
        agents = fetch_agents(app, api).await?;
    }
    // Refresh the own status once (a supervisor may have changed it).
    let before = core.status_writes.load(Ordering::SeqCst);
    let me = api.me().await?;
    if fresh_status(core, before) {
        emit(app, AppEvent::OwnStatus { status: me.status });
    }
    // Catch up on notifications made while the stream was down (or, at
    // sign-in, remember what the centre already holds).
    catch_up_notifications(app, core, api, user).await?;
    caught_up(app, core, stale);
    loop {
        let next = tokio::select! {
            n = stream.next() => n,
            _ = core.wake.notified() => {
                if should_stop(core, user) { return Ok(()); }
                continue;
            }
            _ = tokio::time::sleep(Duration::from_secs(30)) => {
                // Heartbeats arrive every 10 s; silence means a dead stream.
                return Err(ApiError::Network { message: "stream stalled".into() });
            }
        };
        let Some(ev) = next else {
            return Err(ApiError::Network {
                message: "stream ended".into(),
            });
        };
        let ev = ev?;
        match ev {
            ServerEvent::AgentStatus {
                agent_id,
                status,
                changed_at,
            } => {
                if agent_id == user.id {
                    core.set_own_status(status);
                    emit(app, AppEvent::OwnStatus { status });
                }
                if follows_agents(user) {
                    match agents.iter_mut().find(|a| a.id == agent_id) {
                        Some(a) => {
                            a.status = status;
                            a.status_changed_at = changed_at;
                        }
                        None => agents = api.agents().await?.agents,
                    }
                    emit(
                        app,
                        AppEvent::Agents {
                            agents: agents.clone(),
                        },
                    );
                }
            }
            ServerEvent::TicketChanged { ticket_id, .. } => {
                emit(
                    app,
                    AppEvent::TicketsChanged {
                        ticket_ids: vec![ticket_id],
                    },
                );
                if follows_agents(user) {
                    // Load per agent may have changed (PANEL-2).
                    agents = fetch_agents(app, api).await?;
                }
            }
            ServerEvent::Message { ticket_id, .. } => emit(app, AppEvent::Message { ticket_id }),
            ServerEvent::InternalMessage { ticket_id, .. } => {
                emit(app, AppEvent::InternalMessage { ticket_id })
            }
            ServerEvent::Notification { notification, .. } => {
                core.alerts.raise(app, &notification, is_offline(core));
                emit(app, AppEvent::Notification { notification })
            }
            ServerEvent::BlastProgress { blast } => emit(
                app,
                AppEvent::Blast {
                    blast: Box::new(blast),
                },
            ),
            ServerEvent::UserChanged { user_id, role } => {
                let mine = match (&user_id, role) {
                    (Some(id), _) => *id == user.id,
                    (None, Some(r)) => r == user.role,
                    (None, None) => true,
                };
                if mine {
                    // A 401 here (deactivated) ends the session like any call.
                    let me = api.me().await?;
                    announce_me(app, core, me);
                }
                if follows_agents(user) {
                    // A name, division or active flag on the panel changed
                    // (USERS-3/4: a deactivated agent's tickets are flagged).
                    agents = fetch_agents(app, api).await?;
                }
            }
            ServerEvent::Heartbeat { .. } => {}
        }
        if should_stop(core, user) {
            return Ok(());
        }
    }
}

/// Polls every second for `for_how_long`. Errors end it (the caller backs
/// off); 429 is already retried with backoff by the client.
async fn run_polling(
    app: &AppHandle,
    core: &Core,
    api: &saga_core::client::ApiClient,
    user: &User,
    for_how_long: Duration,
    stale: &mut bool,
) -> Result<(), ApiError> {
    // Live only once the server has answered (see the first poll below).
    let mut announced = false;
    let until = tokio::time::Instant::now() + for_how_long;
    let mut last_agents: Option<Vec<AgentSummary>> = None;
    let mut last_status = None;
    let mut last_head: Option<(u64, Option<String>)> = None;
    while tokio::time::Instant::now() < until {
        if should_stop(core, user) {
            return Ok(());
        }
        if follows_agents(user) {
            let a = api.agents().await?.agents;
            if last_agents.as_ref() != Some(&a) {
                emit(app, AppEvent::Agents { agents: a.clone() });
                last_agents = Some(a);
            }
        }
        let before = core.status_writes.load(Ordering::SeqCst);
        let me = api.me().await?;
        let status = me.status;
        let fresh = fresh_status(core, before);
        announce_me(app, core, me);
        // Without the stream the feed is polled: each new one raised once.
        catch_up_notifications(app, core, api, user).await?;
        if fresh && last_status != Some(status) {
            emit(app, AppEvent::OwnStatus { status });
            last_status = Some(status);
        }
        {
            let q = saga_core::InboxQuery {
                limit: Some(1),
                division: access::sees_all_divisions(&Principal::from(user))
                    .then(|| "all".to_string()),
                ..Default::default()
            };
            let head = api.inbox(&q).await?;
            let h = (
                head.total,
                head.items.first().map(|t| t.last_activity_at.clone()),
            );
            if last_head.as_ref().is_some_and(|l| *l != h) {
                emit(app, AppEvent::TicketsChanged { ticket_ids: vec![] });
            }
            last_head = Some(h);
        }
        if !announced {
            // The server answered: live (by polling) again.
            emit(
                app,
                AppEvent::Connection {
                    online: true,
                    mode: "polling".into(),
                },
            );
            caught_up(app, core, stale);
            announced = true;
        }
        tokio::select! {
            _ = tokio::time::sleep(POLL_EVERY) => {}
            _ = core.wake.notified() => {}
        }
    }
    Ok(())
}
