//! Component tests of the CRM form (PRD 3.5, DOD-10), rendered natively with
//! Yew's server renderer and asserted by `crm-field-<name>` test ids.

use saga_core::crm::FieldError;
use saga_core::{CrmRecord, CrmStage, Division};
use saga_ui::i18n::Lang;
use saga_ui::views::crm::{rupiah_input, CrmForm, CrmFormProps};
use serde_json::{json, Map, Value};
use yew::prelude::*;
use yew::LocalServerRenderer;

fn map(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn props(division: Division, values: Value) -> CrmFormProps {
    CrmFormProps {
        lang: Lang::Id,
        division,
        record: CrmRecord::default(),
        values: map(values),
        editable: true,
        dirty: false,
        saving: false,
        errors: vec![],
        error: None,
        saved: false,
        pending: None,
        on_change: Callback::noop(),
        on_save: Callback::noop(),
        on_discard: Callback::noop(),
    }
}

async fn render(p: CrmFormProps) -> String {
    LocalServerRenderer::<CrmForm>::with_props(p).render().await
}

/// The `crm-field-<name>` ids in document order.
fn fields(html: &str) -> Vec<String> {
    let key = "data-testid=\"crm-field-";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(key) {
        rest = &rest[i + key.len()..];
        let end = rest.find('"').unwrap();
        let name = &rest[..end];
        if name != "error" {
            out.push(name.to_string());
        }
        rest = &rest[end..];
    }
    out
}

const SHARED: &[&str] = &[
    "origin_city",
    "destination_city",
    "customer_type",
    "crm_stage",
    "quote_value",
    "deal_value",
    "discount_given",
];

fn with_shared(own: &[&str]) -> Vec<String> {
    SHARED.iter().chain(own).map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn sari_shows_cargo_motor_and_recurring_fields_only_when_they_apply() {
    let h = render(props(Division::Sari, json!({"crm_stage": "Lead"}))).await;
    assert!(h.contains("data-division=\"SARI\""));
    assert_eq!(fields(&h), with_shared(&["service_type", "is_recurring"]));
    let h = render(props(
        Division::Sari,
        json!({"crm_stage": "Lead", "service_type": "Kargo"}),
    ))
    .await;
    assert_eq!(
        fields(&h),
        with_shared(&[
            "service_type",
            "cargo_weight_kg",
            "cargo_volume_cbm",
            "is_recurring"
        ]),
        "CRM-SARI-2"
    );
    let h = render(props(
        Division::Sari,
        json!({"crm_stage": "Lead", "service_type": "Motor", "is_recurring": true}),
    ))
    .await;
    assert_eq!(
        fields(&h),
        with_shared(&[
            "service_type",
            "vehicle_type_motor",
            "is_recurring",
            "estimated_monthly_volume"
        ]),
        "CRM-SARI-3, CRM-SARI-4"
    );
    // The Ya/Tidak toggle shows its state.
    assert!(h.contains("data-testid=\"crm-field-is_recurring\" data-value=\"true\""));
}

#[tokio::test]
async fn savi_has_the_checklist_notes_and_a_live_document_status() {
    let h = render(props(
        Division::Savi,
        json!({"crm_stage": "Lead", "vehicle_count": 1}),
    ))
    .await;
    assert_eq!(
        fields(&h),
        with_shared(&[
            "vehicle_brand_model",
            "vehicle_count",
            "origin_type",
            "is_electric_vehicle",
            "documents",
            "document_complete"
        ])
    );
    assert!(h.contains("value=\"1\""), "CRM-SAVI-2 default 1");
    for d in ["STNK", "BPKB", "KTP", "NTPN", "PPFTZ"] {
        assert!(h.contains(&format!("data-doc=\"{d}\"")), "CRM-SAVI-5 {d}");
    }
    assert!(h.contains("data-complete=\"false\"") && h.contains(">belum<"));
    assert!(!h.contains("Hanya via port Jakarta"));
    assert!(!h.contains("Batam FTZ: siapkan"));
    let docs = json!({"STNK":"Sudah","BPKB":"Sudah","KTP":"Tidak Perlu","NTPN":"Sudah","PPFTZ":"Tidak Perlu"});
    let h = render(props(
        Division::Savi,
        json!({"crm_stage": "Lead", "is_electric_vehicle": true, "origin_type": "Batam FTZ", "documents": docs}),
    ))
    .await;
    assert!(
        h.contains("data-complete=\"true\"") && h.contains(">lengkap<"),
        "CRM-SAVI-6"
    );
    assert!(
        h.contains("Hanya via port Jakarta, baterai 25-49%"),
        "CRM-SAVI-4"
    );
    assert!(h.contains("Batam FTZ: siapkan"), "CRM-SAVI-3");
}

#[tokio::test]
async fn safia_survey_fields_appear_in_order() {
    let own = [
        "move_type",
        "move_trigger",
        "how_did_they_find_us",
        "desired_move_date",
        "estimated_cbm",
        "survey_date",
    ];
    let tail = ["competitor_mentioned", "competitor_price"];
    let h = render(props(Division::Safia, json!({"crm_stage": "Qualified"}))).await;
    let want: Vec<&str> = own.iter().chain(&tail).copied().collect();
    assert_eq!(fields(&h), with_shared(&want));
    assert!(h.contains("type=\"date\"") && h.contains("type=\"datetime-local\""));
    let h = render(props(
        Division::Safia,
        json!({"crm_stage": "Qualified", "survey_date": "2026-12-01T10:00"}),
    ))
    .await;
    let want: Vec<&str> = own
        .iter()
        .chain(&["survey_show_up"])
        .chain(&tail)
        .copied()
        .collect();
    assert_eq!(fields(&h), with_shared(&want), "CRM-SAFIA-7");
    let h = render(props(
        Division::Safia,
        json!({"crm_stage": "Qualified", "survey_date": "2026-12-01T10:00", "survey_show_up": true}),
    ))
    .await;
    let want: Vec<&str> = own
        .iter()
        .chain(&["survey_show_up", "survey_result_cbm"])
        .chain(&tail)
        .copied()
        .collect();
    assert_eq!(fields(&h), with_shared(&want), "CRM-SAFIA-8");
}

#[tokio::test]
async fn lost_reason_appears_only_for_lost_and_is_marked_required() {
    for d in Division::ALL.iter().copied() {
        let h = render(props(d, json!({"crm_stage": "Won"}))).await;
        assert!(!h.contains("crm-field-lost_reason"), "{d}");
        let h = render(props(d, json!({"crm_stage": "Lost"}))).await;
        assert!(h.contains("data-testid=\"crm-field-lost_reason\""), "{d}");
        let row = &h[h.find("data-field=\"lost_reason\"").unwrap()..];
        assert!(row[..400].contains("class=\"req\""), "required marker: {d}");
    }
}

#[tokio::test]
async fn bot_detected_fields_carry_the_badge_until_an_agent_corrects_them() {
    let record = CrmRecord {
        crm_stage: CrmStage::Lead,
        crm_data: map(json!({"estimated_cbm": 12.5, "move_type": "Rumah"})),
        bot_detected: vec!["estimated_cbm".into(), "move_type".into()],
        ..Default::default()
    };
    let values = saga_core::crm::record_values(Division::Safia, &record);
    let mut p = props(Division::Safia, json!({}));
    p.record = record.clone();
    p.values = values.clone();
    let h = render(p.clone()).await;
    assert!(h.contains("data-testid=\"crm-field-estimated_cbm\" data-bot-detected=\"true\""));
    assert!(h.contains("value=\"12,5\""), "Indonesian decimal");
    assert_eq!(h.matches("Terdeteksi oleh bot").count(), 2, "CRM-SAFIA-10");
    // The agent changes one: it is editable and the badge says so.
    let mut v = values;
    v.insert("estimated_cbm".into(), json!("14"));
    p.values = v;
    p.dirty = true;
    let h = render(p).await;
    assert_eq!(h.matches("Terdeteksi oleh bot").count(), 1);
    assert!(h.contains("Dikoreksi agent"));
    assert!(!h.contains("data-testid=\"crm-field-estimated_cbm\" data-bot-detected"));
    assert!(h.contains("data-testid=\"crm-unsaved\""));
}

#[tokio::test]
async fn viewers_get_a_read_only_form_without_save() {
    let mut p = props(
        Division::Sari,
        json!({"crm_stage": "Proposal", "quote_value": 1500000}),
    );
    p.editable = false;
    let h = render(p).await;
    assert!(h.contains("data-testid=\"crm-form\""));
    assert!(
        !h.contains("crm-save") && !h.contains("crm-discard"),
        "PERM: not rendered"
    );
    assert!(h.contains("disabled"));
    assert!(h.contains("value=\"Rp 1.500.000\""), "CRM-SHARED-5");
}

#[tokio::test]
async fn errors_show_in_place_and_save_is_offered_only_with_changes() {
    let mut p = props(Division::Savi, json!({"crm_stage": "Lost"}));
    let h = render(p.clone()).await;
    assert!(h.contains("data-testid=\"crm-save\"") && h.contains("disabled"));
    p.dirty = true;
    p.errors = vec![FieldError {
        field: "lost_reason".into(),
        code: "lost_reason_required",
        message: "Alasan kalah wajib diisi untuk tahap Lost.".into(),
    }];
    p.error = Some("Belum bisa disimpan: Alasan kalah wajib diisi untuk tahap Lost.".into());
    let h = render(p).await;
    assert!(h.contains("data-testid=\"crm-error\""));
    assert!(h.contains("data-testid=\"crm-field-error\" data-field=\"lost_reason\""));
    assert!(
        h.contains("data-field=\"lost_reason\" class=\"crm-row invalid\"")
            || h.contains("class=\"crm-row invalid\" data-field=\"lost_reason\""),
        "{h}"
    );
    assert!(h.contains("data-testid=\"crm-discard\""));
}

#[tokio::test]
async fn english_locale_translates_the_form_and_keeps_prd_strings_verbatim() {
    let record = CrmRecord {
        crm_stage: CrmStage::Lead,
        crm_data: map(json!({"vehicle_brand_model": "Toyota Avanza"})),
        bot_detected: vec!["vehicle_brand_model".into()],
        ..Default::default()
    };
    let mut p = props(Division::Savi, json!({}));
    p.values = saga_core::crm::record_values(Division::Savi, &record);
    p.record = record;
    p.dirty = true;
    p.lang = Lang::En;
    let h = render(p).await;
    assert!(
        h.contains("Save CRM") && h.contains("Unsaved changes") && h.contains("Discard changes")
    );
    assert!(!h.contains("Simpan CRM"));
    assert!(
        h.contains("Number of vehicles") && !h.contains("Jumlah kendaraan"),
        "field labels too"
    );
    assert!(
        h.contains("Terdeteksi oleh bot"),
        "the PRD's badge stays verbatim"
    );
}

#[test]
fn rupiah_is_formatted_as_typed_and_bad_text_is_kept() {
    assert_eq!(rupiah_input("1500000"), json!(1_500_000));
    assert_eq!(rupiah_input("Rp 1.500.0001"), json!(15_000_001));
    assert_eq!(rupiah_input(""), Value::Null);
    assert_eq!(rupiah_input("Rp"), Value::Null);
    assert_eq!(rupiah_input("satu juta"), json!("satu juta"));
}
