//! CRM rules (PRD 3.5), declared once per division. The form renders from
//! this schema and both the client and the dev server validate with it.
//!
//! Values are handled as one flat JSON object: the top-level API-12 fields
//! (`crm_stage`, `lost_reason`, `quote_value`, `deal_value`) beside the
//! `crm_data` fields (OQ-16).

use crate::model::{CrmRecord, CrmStage, CrmUpdate, Division};
use serde::Serialize;
use serde_json::{Map, Value};

/// Lost reasons (OQ-16: placeholder list until the PO supplies one).
pub const LOST_REASONS: &[&str] = &[
    "Harga terlalu mahal",
    "Memilih kompetitor",
    "Tidak ada respon",
    "Jadwal tidak cocok",
    "Batal kirim / pindah",
    "Rute tidak dilayani",
    "Dokumen tidak lengkap",
    "Lainnya",
];

pub const STAGES: &[&str] = &["Lead", "Qualified", "Proposal", "Won", "Lost"];
pub const DOCUMENTS: &[&str] = &["STNK", "BPKB", "KTP", "NTPN", "PPFTZ"];
pub const DOC_STATES: &[&str] = &["Sudah", "Belum", "Tidak Perlu"];

/// What kind of control and value a field has.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "type", content = "options", rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    /// Text with city/port autocomplete.
    City,
    /// One of the options (dropdown or radio).
    Choice(&'static [&'static str]),
    /// Ya/Tidak toggle (JSON boolean).
    YesNo,
    /// Non-negative number (may have decimals).
    Number,
    /// Non-negative whole number.
    Integer,
    /// Whole rupiah.
    Rupiah,
    /// `YYYY-MM-DD`
    Date,
    /// `YYYY-MM-DDTHH:MM` (WIB)
    DateTime,
    /// The SAVI document checklist: object keyed by [`DOCUMENTS`].
    DocChecklist,
    /// Computed by the system, read-only.
    Computed,
}

/// When a field is shown or required.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Cond {
    Always,
    Never,
    /// `field` equals one of the values.
    In(&'static str, &'static [&'static str]),
    /// `field` is `true`.
    IsTrue(&'static str),
    /// `field` has a non-empty value.
    Filled(&'static str),
    /// Every condition holds (a field shown only after another visible one).
    All(&'static [Cond]),
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FieldDef {
    /// API name; also the `crm-field-<name>` test id.
    pub name: &'static str,
    /// Indonesian label.
    pub label: &'static str,
    pub kind: FieldKind,
    pub visible: Cond,
    pub required: Cond,
    /// The PRD requirement id.
    pub req: &'static str,
    /// A note shown under the field when it is visible.
    pub note: Option<(&'static str, Cond)>,
}

const fn f(
    name: &'static str,
    label: &'static str,
    kind: FieldKind,
    req: &'static str,
) -> FieldDef {
    FieldDef {
        name,
        label,
        kind,
        visible: Cond::Always,
        required: Cond::Never,
        req,
        note: None,
    }
}

/// Fields that travel at the top level of API-12 rather than in `crm_data`.
pub const TOP_LEVEL: &[&str] = &["crm_stage", "lost_reason", "quote_value", "deal_value"];

const CARGO: &[&str] = &["Kargo", "Air Cargo"];

/// FTZ documents note (OQ-19: static text until the PO supplies one).
pub const FTZ_NOTE: &str =
    "Batam FTZ: siapkan dokumen PPFTZ (pemberitahuan pabean FTZ) dan bukti NTPN sebelum kapal berangkat.";

pub const SHARED: &[FieldDef] = &[
    f("origin_city", "Kota asal", FieldKind::City, "CRM-SHARED-1"),
    f(
        "destination_city",
        "Kota tujuan",
        FieldKind::City,
        "CRM-SHARED-1",
    ),
    f(
        "customer_type",
        "Jenis pelanggan",
        FieldKind::Choice(&["Individu", "Perusahaan"]),
        "CRM-SHARED-2",
    ),
    FieldDef {
        required: Cond::Always,
        ..f(
            "crm_stage",
            "Tahap",
            FieldKind::Choice(STAGES),
            "CRM-SHARED-3",
        )
    },
    FieldDef {
        visible: Cond::In("crm_stage", &["Lost"]),
        required: Cond::In("crm_stage", &["Lost"]),
        ..f(
            "lost_reason",
            "Alasan kalah (Lost)",
            FieldKind::Choice(LOST_REASONS),
            "CRM-SHARED-4",
        )
    },
    f(
        "quote_value",
        "Nilai penawaran",
        FieldKind::Rupiah,
        "CRM-SHARED-5",
    ),
    f(
        "deal_value",
        "Nilai deal",
        FieldKind::Rupiah,
        "CRM-SHARED-5",
    ),
    f(
        "discount_given",
        "Diskon diberikan",
        FieldKind::Rupiah,
        "CRM-SHARED-6",
    ),
];

pub const SARI: &[FieldDef] = &[
    f(
        "service_type",
        "Jenis layanan",
        FieldKind::Choice(&["Kargo", "Motor", "Air Cargo"]),
        "CRM-SARI-1",
    ),
    FieldDef {
        visible: Cond::In("service_type", CARGO),
        ..f(
            "cargo_weight_kg",
            "Berat kargo (kg)",
            FieldKind::Number,
            "CRM-SARI-2",
        )
    },
    FieldDef {
        visible: Cond::In("service_type", CARGO),
        ..f(
            "cargo_volume_cbm",
            "Volume kargo (CBM)",
            FieldKind::Number,
            "CRM-SARI-2",
        )
    },
    FieldDef {
        visible: Cond::In("service_type", &["Motor"]),
        ..f(
            "vehicle_type_motor",
            "Jenis motor",
            FieldKind::Choice(&["Bebek", "Matic", "Sport", "Besar"]),
            "CRM-SARI-3",
        )
    },
    f(
        "is_recurring",
        "Pengiriman rutin?",
        FieldKind::YesNo,
        "CRM-SARI-4",
    ),
    FieldDef {
        visible: Cond::IsTrue("is_recurring"),
        ..f(
            "estimated_monthly_volume",
            "Perkiraan volume per bulan",
            FieldKind::Number,
            "CRM-SARI-4",
        )
    },
];

pub const SAVI: &[FieldDef] = &[
    f(
        "vehicle_brand_model",
        "Merek & model kendaraan",
        FieldKind::Text,
        "CRM-SAVI-1",
    ),
    f(
        "vehicle_count",
        "Jumlah kendaraan",
        FieldKind::Integer,
        "CRM-SAVI-2",
    ),
    FieldDef {
        note: Some((FTZ_NOTE, Cond::In("origin_type", &["Batam FTZ"]))),
        ..f(
            "origin_type",
            "Asal kendaraan",
            FieldKind::Choice(&["Batam FTZ", "Batam Nasional", "Lainnya"]),
            "CRM-SAVI-3",
        )
    },
    FieldDef {
        note: Some((crate::strings::EV_NOTE, Cond::IsTrue("is_electric_vehicle"))),
        ..f(
            "is_electric_vehicle",
            "Kendaraan listrik (EV)?",
            FieldKind::YesNo,
            "CRM-SAVI-4",
        )
    },
    f(
        "documents",
        "Checklist dokumen",
        FieldKind::DocChecklist,
        "CRM-SAVI-5",
    ),
    f(
        "document_complete",
        "Status dokumen",
        FieldKind::Computed,
        "CRM-SAVI-6",
    ),
];

pub const SAFIA: &[FieldDef] = &[
    f(
        "move_type",
        "Jenis pindahan",
        FieldKind::Choice(&["Rumah", "Apartemen", "Kantor"]),
        "CRM-SAFIA-1",
    ),
    f(
        "move_trigger",
        "Alasan pindah",
        FieldKind::Choice(&[
            "Mutasi Kerja",
            "Beli Rumah",
            "Habis Sewa",
            "Pulang Kampung",
            "Relokasi Kantor",
            "Lainnya",
        ]),
        "CRM-SAFIA-2",
    ),
    f(
        "how_did_they_find_us",
        "Tahu Saga dari",
        FieldKind::Choice(&[
            "Google",
            "Instagram",
            "Facebook",
            "Referral",
            "Website",
            "Telegram",
            "Lainnya",
        ]),
        "CRM-SAFIA-3",
    ),
    f(
        "desired_move_date",
        "Tanggal pindah yang diinginkan",
        FieldKind::Date,
        "CRM-SAFIA-4",
    ),
    f(
        "estimated_cbm",
        "Perkiraan volume (CBM)",
        FieldKind::Number,
        "CRM-SAFIA-5",
    ),
    f(
        "survey_date",
        "Jadwal survei",
        FieldKind::DateTime,
        "CRM-SAFIA-6",
    ),
    FieldDef {
        visible: Cond::Filled("survey_date"),
        ..f(
            "survey_show_up",
            "Pelanggan hadir saat survei?",
            FieldKind::YesNo,
            "CRM-SAFIA-7",
        )
    },
    FieldDef {
        // After `survey_show_up` = Ya, which itself shows only once a survey
        // date is set: a stale Ya never shows the result (CRM-SAFIA-7/8).
        visible: Cond::All(&[Cond::Filled("survey_date"), Cond::IsTrue("survey_show_up")]),
        ..f(
            "survey_result_cbm",
            "Volume hasil survei (CBM)",
            FieldKind::Number,
            "CRM-SAFIA-8",
        )
    },
    f(
        "competitor_mentioned",
        "Kompetitor yang disebut",
        FieldKind::Text,
        "CRM-SAFIA-9",
    ),
    f(
        "competitor_price",
        "Harga kompetitor",
        FieldKind::Rupiah,
        "CRM-SAFIA-9",
    ),
];

/// The shared fields followed by the division's fields (CRM-GEN-1).
pub fn schema(division: Division) -> Vec<&'static FieldDef> {
    let own = match division {
        Division::Sari => SARI,
        Division::Savi => SAVI,
        Division::Safia => SAFIA,
    };
    SHARED.iter().chain(own.iter()).collect()
}

/// The English label of a field (the UI's second locale); the Indonesian
/// `label` is the default. Option values stay as the PRD writes them.
pub fn label_en(name: &str) -> Option<&'static str> {
    Some(match name {
        "origin_city" => "Origin city",
        "destination_city" => "Destination city",
        "customer_type" => "Customer type",
        "crm_stage" => "Stage",
        "lost_reason" => "Reason lost",
        "quote_value" => "Quoted value",
        "deal_value" => "Deal value",
        "discount_given" => "Discount given",
        "service_type" => "Service",
        "cargo_weight_kg" => "Cargo weight (kg)",
        "cargo_volume_cbm" => "Cargo volume (CBM)",
        "vehicle_type_motor" => "Motorbike type",
        "is_recurring" => "Recurring shipments?",
        "estimated_monthly_volume" => "Estimated monthly volume",
        "vehicle_brand_model" => "Vehicle make & model",
        "vehicle_count" => "Number of vehicles",
        "origin_type" => "Vehicle origin",
        "is_electric_vehicle" => "Electric vehicle (EV)?",
        "documents" => "Document checklist",
        "document_complete" => "Document status",
        "move_type" => "Type of move",
        "move_trigger" => "Reason for moving",
        "how_did_they_find_us" => "Found Saga through",
        "desired_move_date" => "Desired moving date",
        "estimated_cbm" => "Estimated volume (CBM)",
        "survey_date" => "Survey appointment",
        "survey_show_up" => "Customer present at the survey?",
        "survey_result_cbm" => "Surveyed volume (CBM)",
        "competitor_mentioned" => "Competitor mentioned",
        "competitor_price" => "Competitor's price",
        _ => return None,
    })
}

pub fn field(division: Division, name: &str) -> Option<&'static FieldDef> {
    schema(division).into_iter().find(|f| f.name == name)
}

fn filled(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

impl Cond {
    pub fn eval(&self, values: &Map<String, Value>) -> bool {
        match *self {
            Cond::Always => true,
            Cond::Never => false,
            Cond::In(field, opts) => values
                .get(field)
                .and_then(Value::as_str)
                .map(|s| opts.contains(&s))
                .unwrap_or(false),
            Cond::IsTrue(field) => values.get(field).and_then(Value::as_bool).unwrap_or(false),
            Cond::Filled(field) => filled(values.get(field)),
            Cond::All(conds) => conds.iter().all(|c| c.eval(values)),
        }
    }
}

/// A field-level validation failure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

/// Merges an API-12 body into one flat value map.
pub fn flatten(update: &CrmUpdate) -> Map<String, Value> {
    let mut m = update.crm_data.clone();
    m.insert(
        "crm_stage".into(),
        Value::String(update.crm_stage.as_str().into()),
    );
    if let Some(r) = &update.lost_reason {
        m.insert("lost_reason".into(), Value::String(r.clone()));
    }
    if let Some(v) = update.quote_value {
        m.insert("quote_value".into(), v.into());
    }
    if let Some(v) = update.deal_value {
        m.insert("deal_value".into(), v.into());
    }
    m
}

/// Splits a flat value map back into an API-12 body.
pub fn unflatten(mut m: Map<String, Value>) -> CrmUpdate {
    let stage = m
        .remove("crm_stage")
        .and_then(|v| v.as_str().map(CrmStage::parse))
        .unwrap_or(CrmStage::Lead);
    let lost_reason = m
        .remove("lost_reason")
        .and_then(|v| v.as_str().map(String::from));
    let quote_value = m.remove("quote_value").and_then(|v| v.as_i64());
    let deal_value = m.remove("deal_value").and_then(|v| v.as_i64());
    CrmUpdate {
        crm_stage: stage,
        lost_reason,
        quote_value,
        deal_value,
        crm_data: m,
    }
}

/// `document_complete` (CRM-SAVI-6, OQ-19): every checklist item is Sudah or
/// Tidak Perlu.
pub fn document_complete(values: &Map<String, Value>) -> bool {
    let docs = values.get("documents").and_then(Value::as_object);
    DOCUMENTS.iter().all(|d| {
        matches!(
            docs.and_then(|o| o.get(*d)).and_then(Value::as_str),
            Some("Sudah") | Some("Tidak Perlu")
        )
    })
}

/// Which fields are visible for these values.
pub fn visible_fields(division: Division, values: &Map<String, Value>) -> Vec<&'static FieldDef> {
    schema(division)
        .into_iter()
        .filter(|f| f.visible.eval(values))
        .collect()
}

/// Drops values of hidden fields and computes computed ones, so what is saved
/// is exactly what the form shows.
pub fn normalize(division: Division, values: &mut Map<String, Value>) {
    let hidden: Vec<&str> = schema(division)
        .into_iter()
        .filter(|f| !f.visible.eval(values))
        .map(|f| f.name)
        .collect();
    for h in hidden {
        values.remove(h);
    }
    values.retain(|_, v| !v.is_null());
    if division == Division::Savi {
        let c = document_complete(values);
        values.insert("document_complete".into(), Value::Bool(c));
    }
}

fn type_error(def: &FieldDef, v: &Value) -> Option<String> {
    let bad = |what: &str| Some(format!("{}: {what}", def.label));
    match def.kind {
        FieldKind::Text | FieldKind::City => match v {
            Value::String(s) if s.chars().count() <= 200 => None,
            Value::String(_) => bad("maksimal 200 karakter"),
            _ => bad("harus berupa teks"),
        },
        FieldKind::Choice(opts) => match v.as_str() {
            Some(s) if opts.contains(&s) => None,
            _ => bad(&format!("pilih salah satu: {}", opts.join(", "))),
        },
        FieldKind::YesNo => v
            .is_boolean()
            .then_some(())
            .map_or_else(|| bad("harus Ya atau Tidak"), |_| None),
        FieldKind::Number => match v.as_f64() {
            Some(n) if n >= 0.0 && n.is_finite() => None,
            _ => bad("harus angka 0 atau lebih"),
        },
        FieldKind::Integer => match v.as_i64() {
            Some(n) if n >= 0 => None,
            _ => bad("harus bilangan bulat 0 atau lebih"),
        },
        FieldKind::Rupiah => match v.as_i64() {
            Some(n) if n >= 0 => None,
            _ => bad("harus nilai rupiah bulat 0 atau lebih"),
        },
        FieldKind::Date => match v.as_str() {
            Some(s) if crate::time::is_date(s) => None,
            _ => bad("tanggal harus berformat YYYY-MM-DD"),
        },
        FieldKind::DateTime => match v.as_str() {
            Some(s)
                if crate::time::is_local_datetime(s) || crate::time::parse_rfc3339(s).is_some() =>
            {
                None
            }
            _ => bad("waktu harus berformat YYYY-MM-DDTHH:MM"),
        },
        FieldKind::DocChecklist => match v.as_object() {
            Some(o) => {
                for (k, s) in o {
                    if !DOCUMENTS.contains(&k.as_str()) {
                        return bad(&format!("dokumen '{k}' tidak dikenal"));
                    }
                    if !s.as_str().map(|s| DOC_STATES.contains(&s)).unwrap_or(false) {
                        return bad(&format!("status {k} harus Sudah, Belum atau Tidak Perlu"));
                    }
                }
                None
            }
            None => bad("harus berupa checklist"),
        },
        FieldKind::Computed => None,
    }
}

/// Validates a flat value map for a division. Unknown fields, wrong types,
/// unknown options and missing required fields are errors. Lost without
/// `lost_reason` is never valid (CRM-SHARED-4, CRIT-6).
pub fn validate(division: Division, values: &Map<String, Value>) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let defs = schema(division);
    for (k, v) in values {
        match defs.iter().find(|d| d.name == k) {
            None => errors.push(FieldError {
                field: k.clone(),
                code: "unknown_field",
                message: format!("Field '{k}' tidak dikenal untuk divisi {division}."),
            }),
            Some(def) if v.is_null() => {
                let _ = def;
            }
            Some(def) => {
                if let Some(m) = type_error(def, v) {
                    errors.push(FieldError {
                        field: k.clone(),
                        code: "invalid_value",
                        message: m,
                    });
                }
            }
        }
    }
    for def in &defs {
        if def.visible.eval(values) && def.required.eval(values) && !filled(values.get(def.name)) {
            let (code, message) = if def.name == "lost_reason" {
                (
                    "lost_reason_required",
                    "Alasan kalah wajib diisi untuk tahap Lost.".to_string(),
                )
            } else {
                ("required", format!("{} wajib diisi.", def.label))
            };
            errors.push(FieldError {
                field: def.name.into(),
                code,
                message,
            });
        }
    }
    // CRM-SARI-2: one of weight or volume is mandatory for cargo (OQ-18).
    if division == Division::Sari
        && Cond::In("service_type", CARGO).eval(values)
        && !filled(values.get("cargo_weight_kg"))
        && !filled(values.get("cargo_volume_cbm"))
    {
        errors.push(FieldError {
            field: "cargo_weight_kg".into(),
            code: "weight_or_volume_required",
            message: "Isi berat (kg) atau volume (CBM) untuk layanan kargo.".into(),
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Normalises then validates an API-12 body; on success returns what is to
/// be stored.
pub fn check_update(division: Division, update: &CrmUpdate) -> Result<CrmUpdate, Vec<FieldError>> {
    if !update.crm_stage.is_known() {
        return Err(vec![FieldError {
            field: "crm_stage".into(),
            code: "invalid_value",
            message: format!("Tahap '{}' tidak dikenal.", update.crm_stage),
        }]);
    }
    let mut values = flatten(update);
    // Unknown fields are reported before hidden ones are dropped.
    validate(division, &values)?;
    normalize(division, &mut values);
    validate(division, &values)?;
    Ok(unflatten(values))
}

/// Values a fresh form starts with (CRM-SAVI-2: one vehicle).
pub fn defaults(division: Division) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("crm_stage".into(), Value::String("Lead".into()));
    if division == Division::Savi {
        m.insert("vehicle_count".into(), Value::from(1));
    }
    m
}

/// The form's values for a saved record: one flat map (see [`flatten`]) with
/// the division's defaults where nothing is saved yet.
pub fn record_values(division: Division, r: &CrmRecord) -> Map<String, Value> {
    let mut m = flatten(&CrmUpdate {
        crm_stage: r.crm_stage.clone(),
        lost_reason: r.lost_reason.clone(),
        quote_value: r.quote_value,
        deal_value: r.deal_value,
        crm_data: r.crm_data.clone(),
    });
    for (k, v) in defaults(division) {
        m.entry(k).or_insert(v);
    }
    m
}

/// Where a field's value came from (CRM-SAFIA-10, OQ-17).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed by an agent, or empty.
    Agent,
    /// Filled by the bot and unchanged: 'Terdeteksi oleh bot'.
    Bot,
    /// Filled by the bot and corrected by an agent (saved, or in this draft).
    Corrected,
}

/// The origin of `name` given the saved record and the form's current values.
pub fn origin(name: &str, record: &CrmRecord, draft: &Map<String, Value>) -> Origin {
    let bot = record.bot_detected.iter().any(|f| f == name);
    let corrected = record.agent_corrected.iter().any(|f| f == name);
    if bot {
        let saved = flatten(&CrmUpdate {
            crm_stage: record.crm_stage.clone(),
            lost_reason: record.lost_reason.clone(),
            quote_value: record.quote_value,
            deal_value: record.deal_value,
            crm_data: record.crm_data.clone(),
        });
        if saved.get(name) == draft.get(name) {
            Origin::Bot
        } else {
            Origin::Corrected
        }
    } else if corrected {
        Origin::Corrected
    } else {
        Origin::Agent
    }
}

/// Turns what was typed into number fields (kept as text while typing) into
/// numbers: `12,5` kg, `Rp 1.500.000`. Empty text becomes no value; text that
/// is not a number stays text, so validation names the field.
pub fn coerce(division: Division, values: &mut Map<String, Value>) {
    for def in schema(division) {
        let Some(Value::String(raw)) = values.get(def.name) else {
            continue;
        };
        if raw.trim().is_empty() {
            values.insert(def.name.into(), Value::Null);
            continue;
        }
        let parsed = match def.kind {
            FieldKind::Rupiah => crate::format::parse_rupiah(raw).ok().map(Value::from),
            FieldKind::Integer => crate::format::parse_decimal(raw)
                .ok()
                .filter(|n| n.fract() == 0.0 && *n <= i64::MAX as f64)
                .map(|n| Value::from(n as i64)),
            FieldKind::Number => crate::format::parse_decimal(raw)
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
            _ => None,
        };
        if let Some(v) = parsed {
            values.insert(def.name.into(), v);
        }
    }
}

/// What the form sends: the form's values checked with exactly the rules the
/// server applies (hidden fields dropped, `document_complete` computed, Lost
/// without a reason refused) so an invalid form is never sent (CRIT-6).
pub fn prepare(
    division: Division,
    values: &Map<String, Value>,
) -> Result<CrmUpdate, Vec<FieldError>> {
    let mut m = values.clone();
    coerce(division, &mut m);
    m.retain(|_, v| !v.is_null());
    if !matches!(m.get("crm_stage"), Some(Value::String(_))) {
        return Err(vec![FieldError {
            field: "crm_stage".into(),
            code: "required",
            message: "Tahap wajib diisi.".into(),
        }]);
    }
    check_update(division, &unflatten(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn vals(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn visible(d: Division, v: Value) -> Vec<&'static str> {
        visible_fields(d, &vals(v))
            .into_iter()
            .map(|f| f.name)
            .collect()
    }

    #[test]
    fn lost_needs_a_reason() {
        let u = CrmUpdate {
            crm_stage: CrmStage::Lost,
            ..Default::default()
        };
        let e = check_update(Division::Safia, &u).unwrap_err();
        assert_eq!(e[0].code, "lost_reason_required");
        let ok = CrmUpdate {
            crm_stage: CrmStage::Lost,
            lost_reason: Some("Memilih kompetitor".into()),
            ..Default::default()
        };
        assert!(check_update(Division::Safia, &ok).is_ok());
    }

    #[test]
    fn lost_reason_is_dropped_unless_lost() {
        let u = CrmUpdate {
            crm_stage: CrmStage::Won,
            lost_reason: Some("Lainnya".into()),
            deal_value: Some(5_000_000),
            ..Default::default()
        };
        let saved = check_update(Division::Sari, &u).unwrap();
        assert_eq!(saved.lost_reason, None);
        assert_eq!(saved.deal_value, Some(5_000_000));
    }

    #[test]
    fn sari_conditional_fields() {
        let d = Division::Sari;
        let v = visible(d, json!({"service_type": "Kargo"}));
        assert!(v.contains(&"cargo_weight_kg") && v.contains(&"cargo_volume_cbm"));
        assert!(!v.contains(&"vehicle_type_motor"));
        let v = visible(d, json!({"service_type": "Motor"}));
        assert!(v.contains(&"vehicle_type_motor") && !v.contains(&"cargo_weight_kg"));
        assert!(!visible(d, json!({})).contains(&"estimated_monthly_volume"));
        assert!(visible(d, json!({"is_recurring": true})).contains(&"estimated_monthly_volume"));
        let e = validate(
            d,
            &vals(json!({"crm_stage":"Lead","service_type":"Air Cargo"})),
        )
        .unwrap_err();
        assert_eq!(e[0].code, "weight_or_volume_required");
        assert!(validate(
            d,
            &vals(json!({"crm_stage":"Lead","service_type":"Kargo","cargo_volume_cbm": 2.5}))
        )
        .is_ok());
    }

    #[test]
    fn savi_documents_and_notes() {
        let d = Division::Savi;
        let mut m = vals(
            json!({"crm_stage":"Lead","documents":{"STNK":"Sudah","BPKB":"Sudah","KTP":"Tidak Perlu","NTPN":"Sudah","PPFTZ":"Belum"}}),
        );
        assert!(!document_complete(&m));
        m["documents"]["PPFTZ"] = json!("Tidak Perlu");
        assert!(document_complete(&m));
        normalize(d, &mut m);
        assert_eq!(m["document_complete"], json!(true));
        let ev = field(d, "is_electric_vehicle").unwrap();
        let (note, when) = ev.note.unwrap();
        assert_eq!(note, "Hanya via port Jakarta, baterai 25-49%");
        assert!(when.eval(&vals(json!({"is_electric_vehicle": true}))));
        assert!(!when.eval(&vals(json!({"is_electric_vehicle": false}))));
        assert!(validate(
            d,
            &vals(json!({"crm_stage":"Lead","documents":{"SIM":"Sudah"}}))
        )
        .is_err());
    }

    #[test]
    fn safia_survey_fields_appear_in_order() {
        let d = Division::Safia;
        let v = visible(d, json!({}));
        assert!(!v.contains(&"survey_show_up") && !v.contains(&"survey_result_cbm"));
        let v = visible(d, json!({"survey_date": "2026-12-01T10:00"}));
        assert!(v.contains(&"survey_show_up") && !v.contains(&"survey_result_cbm"));
        let v = visible(
            d,
            json!({"survey_date": "2026-12-01T10:00", "survey_show_up": true}),
        );
        assert!(v.contains(&"survey_result_cbm"));
    }

    #[test]
    fn unknown_fields_are_rejected_per_division() {
        // A SAVI field is unknown in SARI.
        let e = validate(
            Division::Sari,
            &vals(json!({"crm_stage":"Lead","vehicle_count":1})),
        )
        .unwrap_err();
        assert_eq!(e[0].code, "unknown_field");
        assert!(validate(
            Division::Savi,
            &vals(json!({"crm_stage":"Lead","vehicle_count":1}))
        )
        .is_ok());
    }

    #[test]
    fn every_field_has_an_english_label() {
        for d in Division::ALL {
            for f in schema(*d) {
                assert!(
                    label_en(f.name).is_some(),
                    "{} has no English label",
                    f.name
                );
            }
        }
    }

    #[test]
    fn bot_fields_keep_their_badge_until_changed() {
        let rec = CrmRecord {
            crm_stage: CrmStage::Lead,
            crm_data: vals(json!({"estimated_cbm": 12.5, "move_type": "Rumah"})),
            bot_detected: vec!["estimated_cbm".into()],
            agent_corrected: vec!["move_type".into()],
            ..Default::default()
        };
        let mut draft = record_values(Division::Safia, &rec);
        assert_eq!(origin("estimated_cbm", &rec, &draft), Origin::Bot);
        assert_eq!(origin("move_type", &rec, &draft), Origin::Corrected);
        assert_eq!(origin("survey_date", &rec, &draft), Origin::Agent);
        draft.insert("estimated_cbm".into(), json!(14));
        assert_eq!(origin("estimated_cbm", &rec, &draft), Origin::Corrected);
    }

    #[test]
    fn fresh_savi_form_has_one_vehicle() {
        let v = record_values(Division::Savi, &CrmRecord::default());
        assert_eq!(v["vehicle_count"], json!(1));
        assert!(!record_values(Division::Sari, &CrmRecord::default()).contains_key("vehicle_count"));
    }

    #[test]
    fn prepare_refuses_lost_without_reason_and_drops_hidden_values() {
        let mut v = defaults(Division::Sari);
        v.insert("crm_stage".into(), json!("Lost"));
        let e = prepare(Division::Sari, &v).unwrap_err();
        assert_eq!(e[0].field, "lost_reason");
        v.insert("lost_reason".into(), json!("Lainnya"));
        v.insert("service_type".into(), json!("Motor"));
        v.insert("cargo_weight_kg".into(), json!(10));
        v.insert("vehicle_type_motor".into(), Value::Null);
        v.insert("quote_value".into(), json!("Rp 2.750.000"));
        let u = prepare(Division::Sari, &v).unwrap();
        assert_eq!(u.quote_value, Some(2_750_000));
        assert_eq!(u.crm_stage, CrmStage::Lost);
        assert!(!u.crm_data.contains_key("cargo_weight_kg"));
        assert!(!u.crm_data.contains_key("vehicle_type_motor"));
    }

    #[test]
    fn typed_numbers_become_numbers_and_bad_ones_are_named() {
        let mut v = defaults(Division::Safia);
        v.insert("estimated_cbm".into(), json!("12,5"));
        v.insert("competitor_price".into(), json!("Rp 900.000"));
        let u = prepare(Division::Safia, &v).unwrap();
        assert_eq!(u.crm_data["estimated_cbm"], json!(12.5));
        assert_eq!(u.crm_data["competitor_price"], json!(900_000));
        v.insert("estimated_cbm".into(), json!("dua belas"));
        let e = prepare(Division::Safia, &v).unwrap_err();
        assert_eq!(e[0].field, "estimated_cbm");
        assert!(e[0].message.contains("angka"), "{}", e[0].message);
        let mut v = defaults(Division::Savi);
        v.insert("vehicle_count".into(), json!("2,5"));
        assert_eq!(
            prepare(Division::Savi, &v).unwrap_err()[0].field,
            "vehicle_count"
        );
    }

    /// The PRD's visible fields, written out independently of the schema.
    fn prd_visible(d: Division, v: &Map<String, Value>) -> Vec<&'static str> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("");
        let b = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
        let mut out = vec![
            "origin_city",
            "destination_city",
            "customer_type",
            "crm_stage",
        ];
        if s("crm_stage") == "Lost" {
            out.push("lost_reason");
        }
        out.extend(["quote_value", "deal_value", "discount_given"]);
        match d {
            Division::Sari => {
                out.push("service_type");
                if matches!(s("service_type"), "Kargo" | "Air Cargo") {
                    out.extend(["cargo_weight_kg", "cargo_volume_cbm"]);
                }
                if s("service_type") == "Motor" {
                    out.push("vehicle_type_motor");
                }
                out.push("is_recurring");
                if b("is_recurring") {
                    out.push("estimated_monthly_volume");
                }
            }
            Division::Savi => out.extend([
                "vehicle_brand_model",
                "vehicle_count",
                "origin_type",
                "is_electric_vehicle",
                "documents",
                "document_complete",
            ]),
            Division::Safia => {
                out.extend([
                    "move_type",
                    "move_trigger",
                    "how_did_they_find_us",
                    "desired_move_date",
                    "estimated_cbm",
                    "survey_date",
                ]);
                if !s("survey_date").is_empty() {
                    out.push("survey_show_up");
                    if b("survey_show_up") {
                        out.push("survey_result_cbm");
                    }
                }
                out.extend(["competitor_mentioned", "competitor_price"]);
            }
        }
        out
    }

    proptest! {
        /// Lost without a reason is never valid, whatever else is set.
        #[test]
        fn lost_without_reason_never_valid(div in 0usize..3, quote in proptest::option::of(0i64..1_000_000_000), reason in proptest::option::of("[ ]{0,3}")) {
            let d = Division::ALL[div];
            let u = CrmUpdate { crm_stage: CrmStage::Lost, lost_reason: reason, quote_value: quote, ..Default::default() };
            prop_assert!(check_update(d, &u).is_err());
        }

        /// Exactly the PRD's visible set for SARI's service type.
        #[test]
        fn sari_visibility(service in proptest::sample::select(vec!["Kargo", "Motor", "Air Cargo", ""]), rec in any::<bool>()) {
            let v = visible(Division::Sari, json!({"service_type": service, "is_recurring": rec}));
            let cargo = service == "Kargo" || service == "Air Cargo";
            prop_assert_eq!(v.contains(&"cargo_weight_kg"), cargo);
            prop_assert_eq!(v.contains(&"vehicle_type_motor"), service == "Motor");
            prop_assert_eq!(v.contains(&"estimated_monthly_volume"), rec);
        }

        /// For every division and every combination of stage and the fields
        /// that drive conditions, exactly the PRD's fields are visible, and
        /// `lost_reason` is required exactly when the stage is Lost.
        #[test]
        fn visible_and_required_match_the_prd(
            div in 0usize..3,
            stage in proptest::sample::select(STAGES.to_vec()),
            service in proptest::sample::select(vec!["", "Kargo", "Motor", "Air Cargo"]),
            recurring in proptest::option::of(any::<bool>()),
            survey in proptest::sample::select(vec!["", "2026-12-01T10:00"]),
            show_up in proptest::option::of(any::<bool>()),
            ev in proptest::option::of(any::<bool>()),
            origin_type in proptest::sample::select(vec!["", "Batam FTZ", "Batam Nasional", "Lainnya"]),
        ) {
            let d = Division::ALL[div];
            let mut v = Map::new();
            v.insert("crm_stage".into(), json!(stage));
            if !service.is_empty() { v.insert("service_type".into(), json!(service)); }
            if let Some(r) = recurring { v.insert("is_recurring".into(), json!(r)); }
            if !survey.is_empty() { v.insert("survey_date".into(), json!(survey)); }
            if let Some(s) = show_up { v.insert("survey_show_up".into(), json!(s)); }
            if let Some(e) = ev { v.insert("is_electric_vehicle".into(), json!(e)); }
            if !origin_type.is_empty() { v.insert("origin_type".into(), json!(origin_type)); }
            let got: Vec<&str> = visible_fields(d, &v).into_iter().map(|f| f.name).collect();
            prop_assert_eq!(got, prd_visible(d, &v));
            let required: Vec<&str> = schema(d).into_iter()
                .filter(|f| f.visible.eval(&v) && f.required.eval(&v)).map(|f| f.name).collect();
            let mut want = vec!["crm_stage"];
            if stage == "Lost" { want.push("lost_reason"); }
            prop_assert_eq!(required, want);
            if d == Division::Savi {
                let ev_note = field(d, "is_electric_vehicle").unwrap().note.unwrap().1.eval(&v);
                prop_assert_eq!(ev_note, ev == Some(true));
                let ftz = field(d, "origin_type").unwrap().note.unwrap().1.eval(&v);
                prop_assert_eq!(ftz, origin_type == "Batam FTZ");
            }
        }
    }
}
