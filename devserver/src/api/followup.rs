//! Follow-Up Center: recommendations (API-21), templates and single send
//! (OQ-21 extensions), blasts (API-22..25, blast list extension).

use super::*;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use saga_core::format::rupiah;
use saga_core::strings;
use std::collections::{HashMap, HashSet};

/// Rates a lead from its CRM stage, quote and days since the last
/// interaction. `None` = not worth a follow-up (closed, or gone cold long ago).
pub fn categorize(
    stage: &CrmStage,
    quote: Option<i64>,
    days: i64,
    returning: bool,
) -> Option<(FollowUpCategory, String)> {
    use FollowUpCategory::*;
    let when = match days {
        0 => "hari ini".to_string(),
        1 => "kemarin".to_string(),
        d => format!("{d} hari lalu"),
    };
    let q = quote
        .map(|q| format!(" ({})", rupiah(q)))
        .unwrap_or_default();
    match stage {
        CrmStage::Won | CrmStage::Lost | CrmStage::Other(_) => None,
        CrmStage::Proposal if days <= 3 => Some((
            Panas,
            format!("Penawaran{q} sudah dikirim, terakhir dihubungi {when}"),
        )),
        CrmStage::Qualified if quote.is_some() && days <= 2 => {
            Some((Panas, format!("Sudah minta harga{q}, aktif {when}")))
        }
        _ if returning && days <= 2 => {
            Some((Panas, format!("Pelanggan lama kembali, aktif {when}")))
        }
        CrmStage::Proposal if days <= 10 => {
            Some((Hangat, format!("Penawaran{q} belum dijawab sejak {when}")))
        }
        CrmStage::Qualified if days <= 7 => Some((
            Hangat,
            format!("Kebutuhan jelas, belum ada penawaran; terakhir {when}"),
        )),
        CrmStage::Lead if quote.is_some() && days <= 7 => {
            Some((Hangat, format!("Sudah tanya harga{q}, terakhir {when}")))
        }
        CrmStage::Lead if days <= 2 => Some((
            Dingin,
            format!("Baru bertanya, belum ada penawaran; aktif {when}"),
        )),
        _ if days <= 45 => Some((
            Dingin,
            format!("Tidak ada kabar sejak {when}, tahap {stage}"),
        )),
        _ => None,
    }
}

pub fn days_since(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            (chrono::Utc::now() - t.with_timezone(&chrono::Utc))
                .num_days()
                .max(0)
        })
        .unwrap_or(0)
}

use saga_core::followup::category_rank as rank;

/// The most leads one answer carries.
pub const MAX_LEADS: usize = 5_000;

/// API-21: computed from CRM data and activity, with a reason per lead.
/// Agents get the leads they handle; SA/TL any division (`?division=`).
pub async fn recommendations(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<Recommendations>> {
    require(&caller.p, Perm::SingleFollowUp)?;
    let divs = divisions_for(&caller, q.get("division").map(String::as_str))?;
    let mine = !is_supervisor(&caller.p);
    let me = caller.id().to_string();
    let leads = state
        .db
        .tx(move |tx| {
            let mut sql = format!(
                "SELECT t.id, t.crm_stage, t.quote_value, t.last_activity_at, t.returning_customer, c.name, t.division, \
                 t.channel, json_extract(t.crm_data, '$.origin_city'), json_extract(t.crm_data, '$.destination_city'), t.last_customer_at \
                 FROM tickets t JOIN customers c ON c.id = t.customer_id \
                 WHERE t.division IN ({}) AND t.status != 'CLOSED' AND t.crm_stage NOT IN ('Won','Lost') AND t.queue_status = 'ASSIGNED' \
                 AND t.last_activity_at > ?1",
                in_list(&divs)
            );
            if mine {
                sql.push_str(" AND t.assigned_to = ?2");
            } else {
                sql.push_str(" AND ?2 = ?2");
            }
            let since = (chrono::Utc::now() - chrono::Duration::days(46)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            let mut st = tx.prepare(&sql)?;
            let mut leads: Vec<(Lead, i64)> = st
                .query_map(params![since, me], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        CrmStage::parse(&r.get::<_, String>(1)?),
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, bool>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        (
                            Channel::parse(&r.get::<_, String>(7)?),
                            r.get::<_, Option<String>>(8).ok().flatten(),
                            r.get::<_, Option<String>>(9).ok().flatten(),
                            r.get::<_, Option<String>>(10)?,
                        ),
                    ))
                })?
                .filter_map(Result::ok)
                .filter_map(|(id, stage, quote, last, ret, name, div, (channel, origin, destination, customer_at))| {
                    let days = days_since(&last);
                    categorize(&stage, quote, days, ret).map(|(category, reason)| {
                        (
                            Lead {
                                id,
                                category,
                                reason,
                                customer_name: Some(name),
                                division: Division::parse(&div),
                                crm_stage: Some(stage),
                                days_since_last_interaction: Some(days),
                                channel: Some(channel),
                                origin_city: origin,
                                destination_city: destination,
                                last_customer_message_at: customer_at,
                            },
                            quote.unwrap_or(0),
                        )
                    })
                })
                .collect();
            leads.sort_by(|a, b| {
                rank(&a.0.category)
                    .cmp(&rank(&b.0.category))
                    .then(b.1.cmp(&a.1))
                    .then(a.0.days_since_last_interaction.cmp(&b.0.days_since_last_interaction))
            });
            // Every lead of the day (a blast picks its recipients here);
            // bounded so a runaway query cannot flood the app.
            Ok(leads.into_iter().take(MAX_LEADS).map(|l| l.0).collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(Recommendations { leads }))
}

/// OQ-21 extension: message templates (the caller's division and shared).
pub async fn templates(
    State(state): State<AppState>,
    caller: Caller,
) -> AppResult<Json<TemplateList>> {
    require(&caller.p, Perm::SingleFollowUp)?;
    let all = is_supervisor(&caller.p);
    let div = caller.p.division.as_str().to_string();
    let templates = state
        .db
        .tx(move |tx| {
            let mut st = tx.prepare("SELECT id, name, body, division FROM templates WHERE ?1 OR division IS NULL OR division = ?2 ORDER BY id")?;
            let v = st
                .query_map(params![all, div], |r| {
                    Ok(Template {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        body: r.get(2)?,
                        division: r.get::<_, Option<String>>(3)?.and_then(|d| Division::parse(&d)),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .await?;
    Ok(Json(TemplateList { templates }))
}

/// The message ticket `t`'s customer receives from `agent`: the template's
/// placeholders filled from the ticket and its CRM (FU-SINGLE-3), with the
/// same function the app's preview uses.
pub fn personalize_for(
    tx: &rusqlite::Transaction<'_>,
    body: &str,
    t: &TicketItem,
    agent: &str,
) -> AppResult<String> {
    let crm = super::tickets::load_crm(tx, &t.id)?;
    let city = |k: &str| {
        crm.crm_data
            .get(k)
            .and_then(|v| v.as_str())
            .map(String::from)
    };
    let (origin, destination) = (city("origin_city"), city("destination_city"));
    Ok(saga_core::followup::personalize(
        body,
        &saga_core::followup::Fill {
            customer: &t.customer_name,
            agent,
            origin: origin.as_deref(),
            destination: destination.as_deref(),
        },
    ))
}

/// The template's text, or a 422 naming the field when there is none.
fn template_body(tx: &rusqlite::Transaction<'_>, id: &str) -> AppResult<String> {
    tx.query_row("SELECT body FROM templates WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        AppError::invalid_field(
            "unknown_template",
            "template_id",
            "Template tidak ditemukan.",
        )
    })
}

/// OQ-21 extension: single follow-up, no approval (FU-SINGLE-1..4). Sends
/// on L1 and records the follow-up activity.
pub async fn send_single(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    IdemKey(idem): IdemKey,
    ApiJson(req): ApiJson<FollowUpSendRequest>,
) -> AppResult<Json<Message>> {
    require(&caller.p, Perm::SingleFollowUp)?;
    let raw = text("message", "Pesan follow-up", &req.message, 4000)?;
    let (m, events) = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            let route = format!("followup:{id}");
            if let Some(m) = super::once::replay(tx, caller.id(), idem.as_deref(), &route)? {
                return Ok((m, vec![]));
            }
            ensure(&caller.p, Ask::FollowUp { handles_it: t.assigned_to.as_deref() == Some(caller.id()) })?;
            let template = req.template_id.as_deref().map(|id| template_body(tx, id)).transpose()?;
            // Outside WhatsApp's window only a template goes, as written.
            let unedited = template.as_deref().is_some_and(|b| saga_core::followup::is_unedited(&raw, b));
            if !unedited {
                super::conversation::free_text_allowed(&t)?;
            }
            let content = personalize_for(tx, &raw, &t, &caller.name)?;
            let m = super::conversation::send_agent_message(tx, &t, &caller, &content, idem.as_deref())?;
            super::once::remember(tx, caller.id(), idem.as_deref(), &route, &m)?;
            tx.execute(
                "INSERT INTO followups (ticket_id, user_id, template_id, message, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, caller.id(), req.template_id, content, now()],
            )?;
            audit(tx, &id, Some((caller.id(), &caller.name)), "followup", "Follow-up dikirim")?;
            Ok((
                m,
                vec![
                    ServerEvent::Message {
                        ticket_id: t.id.clone(),
                        division: t.division,
                    },
                    ticket_changed(&t),
                ],
            ))
        })
        .await?;
    state.publish(events);
    Ok(Json(m))
}

pub fn load_blast(tx: &rusqlite::Transaction<'_>, id: &str) -> AppResult<Blast> {
    let b = tx
        .query_row(
            "SELECT b.id, b.division, b.created_by, uc.name, b.message, b.template_id, b.status, b.reject_reason, \
             b.decided_by, ud.name, b.created_at, \
             (SELECT count(*) FROM blast_recipients r WHERE r.blast_id = b.id), \
             (SELECT count(*) FROM blast_recipients r WHERE r.blast_id = b.id AND r.sent_at IS NOT NULL) \
             FROM blasts b JOIN users uc ON uc.id = b.created_by LEFT JOIN users ud ON ud.id = b.decided_by WHERE b.id = ?1",
            [id],
            |r| {
                Ok(Blast {
                    id: r.get(0)?,
                    division: Division::parse(&r.get::<_, String>(1)?).unwrap_or(Division::Sari),
                    created_by: PersonRef { id: r.get(2)?, name: r.get(3)? },
                    message: r.get(4)?,
                    template_id: r.get(5)?,
                    status: BlastStatus::parse(&r.get::<_, String>(6)?),
                    reject_reason: r.get(7)?,
                    decided_by: match (r.get::<_, Option<String>>(8)?, r.get::<_, Option<String>>(9)?) {
                        (Some(id), Some(name)) => Some(PersonRef { id, name }),
                        _ => None,
                    },
                    created_at: r.get(10)?,
                    total: r.get(11)?,
                    sent: r.get(12)?,
                    response_rate: vec![],
                    recipients: vec![],
                })
            },
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("Blast"))?;
    let mut st = tx.prepare(
        "SELECT r.category, count(*), \
         sum(CASE WHEN r.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = r.ticket_id \
             AND m.sender = 'customer' AND m.created_at > r.sent_at) THEN 1 ELSE 0 END), \
         sum(CASE WHEN r.sent_at IS NOT NULL THEN 1 ELSE 0 END) \
         FROM blast_recipients r WHERE r.blast_id = ?1 GROUP BY r.category",
    )?;
    let mut rates: HashMap<String, (u32, u32, u32)> = HashMap::new();
    for row in st.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, u32>(3)?,
        ))
    })? {
        let (c, n, resp, sent) = row?;
        rates.insert(c, (n, resp, sent));
    }
    let response_rate = FollowUpCategory::ALL
        .iter()
        .map(|c| {
            let (n, resp, sent) = rates.get(c.as_str()).copied().unwrap_or((0, 0, 0));
            CategoryRate {
                category: c.clone(),
                recipients: n,
                responded: resp,
                response_rate: if sent == 0 {
                    0.0
                } else {
                    resp as f64 / sent as f64
                },
            }
        })
        .collect();
    Ok(Blast { response_rate, ..b })
}

/// Who a blast goes to, with what their previews are filled with (the
/// approval view, BLAST-5).
fn blast_recipients(tx: &rusqlite::Transaction<'_>, id: &str) -> AppResult<Vec<BlastRecipient>> {
    let mut st = tx.prepare(
        "SELECT r.ticket_id, c.name, r.category, t.channel, \
         json_extract(t.crm_data, '$.origin_city'), json_extract(t.crm_data, '$.destination_city'), r.sent_at \
         FROM blast_recipients r JOIN tickets t ON t.id = r.ticket_id JOIN customers c ON c.id = t.customer_id \
         WHERE r.blast_id = ?1 ORDER BY c.name, r.ticket_id",
    )?;
    let v = st
        .query_map([id], |r| {
            Ok(BlastRecipient {
                ticket_id: r.get(0)?,
                customer_name: r.get(1)?,
                category: FollowUpCategory::parse(&r.get::<_, String>(2)?),
                channel: Channel::parse(&r.get::<_, String>(3)?),
                origin_city: r.get::<_, Option<String>>(4).ok().flatten(),
                destination_city: r.get::<_, Option<String>>(5).ok().flatten(),
                sent_at: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

/// API-22: a blast always starts 'Menunggu Persetujuan' (BLAST-3, CRIT-5).
pub async fn blast_create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<BlastCreateRequest>,
) -> AppResult<Json<Blast>> {
    let scope = require(&caller.p, Perm::SubmitBlast)?;
    let message = text("message", "Pesan blast", &req.message, 4000)?;
    let mut seen = HashSet::new();
    let recipients: Vec<String> = req
        .recipients
        .into_iter()
        .filter(|r| seen.insert(r.clone()))
        .collect();
    if recipients.is_empty() {
        return Err(AppError::invalid_field(
            "required",
            "recipients",
            "Pilih minimal satu penerima.",
        ));
    }
    if recipients.len() > 1000 {
        return Err(AppError::invalid_field(
            "too_many",
            "recipients",
            "Maksimal 1.000 penerima per blast.",
        ));
    }
    let (b, events) = state
        .db
        .tx(move |tx| {
            let template = req.template_id.as_deref().map(|id| template_body(tx, id)).transpose()?;
            let unedited = template.as_deref().is_some_and(|b| saga_core::followup::is_unedited(&message, b));
            let mut closed_windows = 0;
            let mut divs = HashSet::new();
            let mut rows = Vec::new();
            for r in &recipients {
                let t = readable_ticket(tx, &caller, r)
                    .map_err(|_| AppError::invalid_field("unknown_recipient", "recipients", format!("Penerima {r} tidak ditemukan.")))?;
                if !scope.covers(t.division) {
                    return Err(AppError::forbidden("Penerima di luar divisi Anda."));
                }
                if super::conversation::free_text_allowed(&t).is_err() {
                    closed_windows += 1;
                }
                let cat = categorize(&t.crm_stage, t.quote_value, days_since(&t.last_activity_at), t.returning_customer)
                    .map(|c| c.0)
                    .unwrap_or(FollowUpCategory::Dingin);
                divs.insert(t.division);
                rows.push((t.id, cat));
            }
            // WhatsApp takes only a template as written outside its window.
            if closed_windows > 0 && !unedited {
                return Err(AppError::invalid_field(
                    "wa_window_closed",
                    "message",
                    format!("{closed_windows} penerima WhatsApp sudah lebih dari 24 jam tidak menulis: mereka hanya dapat menerima template tanpa perubahan. Kembalikan pesan ke template atau keluarkan mereka dari daftar."),
                ));
            }
            let division = if divs.len() == 1 { *divs.iter().next().expect("one") } else { caller.p.division };
            let id = new_id("B");
            tx.execute(
                "INSERT INTO blasts (id, division, created_by, message, template_id, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending_approval', ?6)",
                params![id, division.as_str(), caller.id(), message, req.template_id, now()],
            )?;
            for (tid, cat) in rows {
                tx.execute(
                    "INSERT INTO blast_recipients (blast_id, ticket_id, category) VALUES (?1, ?2, ?3)",
                    params![id, tid, cat.as_str()],
                )?;
            }
            // BLAST-4: every SA and TL is told.
            let mut st = tx.prepare("SELECT id FROM users WHERE role IN ('super_admin','team_lead') AND active = 1")?;
            let sups: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            let mut events = Vec::new();
            for s in sups {
                events.push(notify(
                    tx,
                    &s,
                    NotificationKind::BlastApproval,
                    strings::BLAST_PENDING_NOTIFY,
                    Content::System(format!("{} mengajukan blast ke {} penerima", caller.name, recipients.len())),
                    None,
                )?);
            }
            let b = load_blast(tx, &id)?;
            events.push(ServerEvent::BlastProgress { blast: b.clone() });
            Ok((b, events))
        })
        .await?;
    state.publish(events);
    Ok(Json(b))
}

/// Blast list (OQ-22 extension): SA/TL see all, others their own.
pub async fn blast_list(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<BlastList>> {
    require(&caller.p, Perm::SubmitBlast)?;
    let status = match q.get("status") {
        Some(s) => Some(
            Some(BlastStatus::parse(s))
                .filter(BlastStatus::is_known)
                .ok_or_else(|| {
                    AppError::invalid_field(
                        "invalid_filter",
                        "status",
                        "Status blast tidak dikenal.",
                    )
                })?,
        ),
        None => None,
    };
    let all = is_supervisor(&caller.p);
    let me = caller.id().to_string();
    let blasts = state
        .db
        .tx(move |tx| {
            let mut st = tx.prepare(
                "SELECT id FROM blasts WHERE (?1 OR created_by = ?2) AND (?3 IS NULL OR status = ?3) ORDER BY created_at DESC LIMIT 200",
            )?;
            let ids: Vec<String> = st
                .query_map(params![all, me, status.as_ref().map(|s| s.as_str())], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            ids.iter().map(|id| load_blast(tx, id)).collect::<AppResult<Vec<_>>>()
        })
        .await?;
    Ok(Json(BlastList { blasts }))
}

async fn decide(
    state: AppState,
    caller: Caller,
    id: String,
    reject: Option<String>,
) -> AppResult<Json<Blast>> {
    require(&caller.p, Perm::ApproveBlast)?;
    let (b, events) = state
        .db
        .tx(move |tx| {
            let b = load_blast(tx, &id)?;
            if b.status != BlastStatus::PendingApproval {
                return Err(AppError::conflict("not_pending", "Blast ini sudah diputuskan sebelumnya."));
            }
            let (status, title) = match &reject {
                Some(_) => ("rejected", "Blast Anda ditolak"),
                None => ("sending", "Blast Anda disetujui dan sedang dikirim"),
            };
            tx.execute(
                "UPDATE blasts SET status = ?2, reject_reason = ?3, decided_by = ?4, decided_at = ?5 WHERE id = ?1 AND status = 'pending_approval'",
                params![id, status, reject, caller.id(), now()],
            )?;
            let b = load_blast(tx, &id)?;
            let mut events = vec![ServerEvent::BlastProgress { blast: b.clone() }];
            if b.created_by.id != caller.id() {
                let body = match &reject {
                    Some(r) => format!("Oleh {}: {r}", caller.name),
                    None => format!("Disetujui oleh {}", caller.name),
                };
                events.push(notify(tx, &b.created_by.id, NotificationKind::BlastDone, title, Content::System(body), None)?);
            }
            Ok((b, events))
        })
        .await?;
    state.publish(events);
    Ok(Json(b))
}

/// API-23: approve; sending starts only now (CRIT-5).
pub async fn blast_approve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> AppResult<Json<Blast>> {
    decide(state, caller, id, None).await
}

/// API-24: reject with a reason.
pub async fn blast_reject(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<RejectRequest>,
) -> AppResult<Json<Blast>> {
    let reason = text("reason", "Alasan penolakan", &req.reason, 500)?;
    decide(state, caller, id, Some(reason)).await
}

/// API-25: delivery status and response rate per category.
pub async fn blast_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> AppResult<Json<Blast>> {
    require(&caller.p, Perm::SubmitBlast)?;
    let b = state
        .db
        .tx(move |tx| {
            let mut b = load_blast(tx, &id)?;
            if !is_supervisor(&caller.p) && b.created_by.id != caller.id() {
                return Err(AppError::not_found("Blast"));
            }
            b.recipients = blast_recipients(tx, &id)?;
            Ok(b)
        })
        .await?;
    Ok(Json(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_stage_and_recency() {
        assert_eq!(
            categorize(&CrmStage::Proposal, Some(5_000_000), 1, false)
                .unwrap()
                .0,
            FollowUpCategory::Panas
        );
        assert_eq!(
            categorize(&CrmStage::Proposal, None, 6, false).unwrap().0,
            FollowUpCategory::Hangat
        );
        assert_eq!(
            categorize(&CrmStage::Lead, None, 20, false).unwrap().0,
            FollowUpCategory::Dingin
        );
        assert!(categorize(&CrmStage::Won, None, 1, false).is_none());
        assert!(categorize(&CrmStage::Lead, None, 90, false).is_none());
        assert!(categorize(&CrmStage::Proposal, Some(1_500_000), 1, false)
            .unwrap()
            .1
            .contains("Rp 1.500.000"));
    }
}
