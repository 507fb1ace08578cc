//! CRM rules (PRD 3.5), declared once per division. The form renders from
//! this schema and both the client and the dev server validate with it.
//!
//! Values are handled as one flat JSON object: the top-level API-12 fields
//! (`crm_stage`, `lost_reason`, `quote_value`, `deal_value`) beside the
//! `crm_data` fields (OQ-16).

use crate::model::{CrmStage, CrmUpdate, Division};
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
        visible: Cond::IsTrue("survey_show_up"),
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
            Some(s) if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => None,
            _ => bad("tanggal harus berformat YYYY-MM-DD"),
        },
        FieldKind::DateTime => match v.as_str() {
            Some(s)
                if chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").is_ok()
                    || chrono::DateTime::parse_from_rfc3339(s).is_ok() =>
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
    }
}
