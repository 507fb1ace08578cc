//! The CRM form (PRD 3.5). One form, three shapes: the fields, their
//! conditions, requirements and notes all come from `saga_core::crm`, so the
//! form shows exactly what the server validates.

use crate::i18n::{t as tr, Lang, K};
use crate::store::use_val;
use saga_core::crm::{
    self, document_complete, origin, visible_fields, FieldDef, FieldError, FieldKind, Origin,
    DOCUMENTS, DOC_STATES,
};
use saga_core::format::{decimal, parse_rupiah, rupiah};
use saga_core::{places, strings, CrmRecord, Division};
use serde_json::{Map, Value};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct CrmFormProps {
    #[prop_or_default]
    pub lang: Lang,
    pub division: Division,
    /// What is saved on the server (for the bot badges).
    pub record: CrmRecord,
    /// What the form holds now: the saved values or the unsaved draft.
    pub values: Map<String, Value>,
    /// Viewers (and agents of other divisions) see the form read-only.
    pub editable: bool,
    /// The values differ from what is saved.
    #[prop_or_default]
    pub dirty: bool,
    #[prop_or_default]
    pub saving: bool,
    /// Field errors, shown under their fields.
    #[prop_or_default]
    pub errors: Vec<FieldError>,
    /// The form's error message (`crm-error`).
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Just saved.
    #[prop_or_default]
    pub saved: bool,
    /// A save waiting in the outbox ('Menyimpan…', or why not yet with
    /// 'Coba lagi'), shown in the sticky footer beside 'Simpan CRM'.
    #[prop_or_default]
    pub pending: Option<Html>,
    /// (field, new value); `Value::Null` clears the field.
    #[prop_or_default]
    pub on_change: Callback<(String, Value)>,
    #[prop_or_default]
    pub on_save: Callback<()>,
    #[prop_or_default]
    pub on_discard: Callback<()>,
}

fn target_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(t) = e.target() else {
        return String::new();
    };
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        return s.value();
    }
    String::new()
}

fn text_or_null(s: String) -> Value {
    if s.trim().is_empty() {
        Value::Null
    } else {
        Value::String(s)
    }
}

/// How a value is shown in its control.
pub fn display(kind: FieldKind, v: Option<&Value>) -> String {
    match (kind, v) {
        (_, None | Some(Value::Null)) => String::new(),
        (_, Some(Value::String(s))) => s.clone(),
        (FieldKind::Rupiah, Some(v)) => v.as_i64().map(rupiah).unwrap_or_default(),
        (FieldKind::Number | FieldKind::Integer, Some(v)) => {
            v.as_f64().map(decimal).unwrap_or_default()
        }
        (_, Some(v)) => v.to_string(),
    }
}

/// What a keystroke in a Rupiah field stores: whole rupiah as a number (so
/// the field shows 'Rp 1.500.000' as the user types), or the text as typed
/// when it is not a number, so nothing typed is lost and saving names it.
pub fn rupiah_input(raw: &str) -> Value {
    if raw.trim().is_empty() || raw.trim() == "Rp" {
        return Value::Null;
    }
    match parse_rupiah(raw) {
        Ok(n) => Value::from(n),
        Err(_) => Value::String(raw.to_string()),
    }
}

#[derive(Properties, PartialEq, Clone)]
struct CityProps {
    lang: Lang,
    name: &'static str,
    value: String,
    disabled: bool,
    bot: bool,
    on_change: Callback<(String, Value)>,
}

/// Origin and destination with autocomplete over the bundled places; free
/// text stays allowed (CRM-SHARED-1, OQ-20).
#[function_component(CityInput)]
fn city_input(p: &CityProps) -> Html {
    let open = use_val(false);
    let active = use_val(0usize);
    let suggestions = if *open {
        places::suggest(&p.value, 6)
    } else {
        Vec::new()
    };
    let list_id = format!("{}-suggestions", p.name);
    let pick = {
        let (cb, name, open) = (p.on_change.clone(), p.name, open.clone());
        Callback::from(move |s: String| {
            cb.emit((name.to_string(), Value::String(s)));
            open.set(false);
        })
    };
    let oninput = {
        let (cb, name, open, active) = (p.on_change.clone(), p.name, open.clone(), active.clone());
        Callback::from(move |e: InputEvent| {
            let v = target_value(&e);
            cb.emit((name.to_string(), text_or_null(v)));
            open.set(true);
            active.set(0);
        })
    };
    let onkeydown = {
        let (open, active, pick) = (open.clone(), active.clone(), pick.clone());
        let list: Vec<String> = suggestions.iter().map(|s| s.to_string()).collect();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" if !list.is_empty() => {
                e.prevent_default();
                active.set((*active + 1).min(list.len() - 1));
            }
            "ArrowUp" if !list.is_empty() => {
                e.prevent_default();
                active.set(active.saturating_sub(1));
            }
            "Enter" if !list.is_empty() => {
                e.prevent_default();
                pick.emit(list[(*active).min(list.len() - 1)].clone());
            }
            "Escape" => open.set(false),
            _ => {}
        })
    };
    let onblur = {
        let open = open.clone();
        // Later than the click on a suggestion (which uses mousedown).
        Callback::from(move |_| open.set(false))
    };
    html! {
        <div class="city-input">
            <input type="text" id={format!("crm-{}", p.name)} data-testid={format!("crm-field-{}", p.name)}
                data-bot-detected={p.bot.then_some("true")} value={p.value.clone()} disabled={p.disabled}
                autocomplete="off" role="combobox" aria-autocomplete="list" aria-controls={list_id.clone()}
                aria-expanded={(!suggestions.is_empty()).to_string()} {oninput} {onkeydown} {onblur}
                placeholder={tr(p.lang, K::CityPlaceholder)} />
            if !suggestions.is_empty() {
                <ul class="suggestions" id={list_id} role="listbox">
                    { for suggestions.iter().enumerate().map(|(i, s)| {
                        let pick = pick.clone();
                        let s = s.to_string();
                        let label = s.clone();
                        html! {
                            <li role="option" data-testid="city-suggestion" aria-selected={(i == *active).to_string()}
                                class={classes!((i == *active).then_some("active"))}
                                onmousedown={Callback::from(move |e: MouseEvent| { e.prevent_default(); pick.emit(s.clone()); })}>
                                { label }
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

fn yes_no(def: &FieldDef, v: Option<&Value>, p: &CrmFormProps, bot: bool) -> Html {
    let cur = v.and_then(Value::as_bool);
    let button = |val: bool, label: &'static str| {
        let (cb, name) = (p.on_change.clone(), def.name);
        let on = cur == Some(val);
        html! {
            <button type="button" class={classes!("seg", on.then_some("on"))} aria-pressed={on.to_string()}
                data-value={val.to_string()} disabled={!p.editable}
                onclick={Callback::from(move |_| cb.emit((name.to_string(), if on { Value::Null } else { Value::Bool(val) })))}>
                { label }
            </button>
        }
    };
    html! {
        <div class="segmented" role="group" aria-labelledby={format!("crm-{}-label", def.name)}
            data-testid={format!("crm-field-{}", def.name)} data-bot-detected={bot.then_some("true")}
            data-value={cur.map(|b| b.to_string())}>
            { button(true, "Ya") }{ button(false, "Tidak") }
        </div>
    }
}

fn checklist(def: &FieldDef, v: Option<&Value>, p: &CrmFormProps, bot: bool) -> Html {
    let docs = v.and_then(Value::as_object).cloned().unwrap_or_default();
    html! {
        <div class="doc-checklist" role="group" aria-labelledby={format!("crm-{}-label", def.name)}
            data-testid={format!("crm-field-{}", def.name)} data-bot-detected={bot.then_some("true")}>
            { for DOCUMENTS.iter().map(|doc| {
                let cur = docs.get(*doc).and_then(Value::as_str).map(str::to_string);
                html! {
                    <div class="doc-row" data-testid="crm-doc" data-doc={*doc} data-value={cur.clone()}>
                        <span class="doc-name">{ *doc }</span>
                        <div class="segmented small">
                            { for DOC_STATES.iter().map(|st| {
                                let on = cur.as_deref() == Some(*st);
                                let (cb, docs, doc, st) = (p.on_change.clone(), docs.clone(), *doc, *st);
                                html! {
                                    <button type="button" class={classes!("seg", on.then_some("on"), st.replace(' ', "-").to_lowercase())}
                                        aria-pressed={on.to_string()} data-value={st} disabled={!p.editable}
                                        onclick={Callback::from(move |_| {
                                            let mut d = docs.clone();
                                            if on { d.remove(doc); } else { d.insert(doc.into(), Value::String(st.into())); }
                                            cb.emit(("documents".into(), if d.is_empty() { Value::Null } else { Value::Object(d) }));
                                        })}>{ st }</button>
                                }
                            }) }
                        </div>
                    </div>
                }
            }) }
        </div>
    }
}

fn control(def: &'static FieldDef, p: &CrmFormProps, bot: bool) -> Html {
    let v = p.values.get(def.name);
    let id = format!("crm-{}", def.name);
    let testid = format!("crm-field-{}", def.name);
    let bot_attr = bot.then_some("true");
    let name = def.name;
    let cb = p.on_change.clone();
    let disabled = !p.editable;
    match def.kind {
        FieldKind::City => html! {
            <CityInput lang={p.lang} {name} value={display(def.kind, v)} {disabled} {bot} on_change={cb} />
        },
        FieldKind::Text => html! {
            <input type="text" {id} data-testid={testid} data-bot-detected={bot_attr} value={display(def.kind, v)} {disabled} maxlength="200"
                oninput={Callback::from(move |e: InputEvent| cb.emit((name.into(), text_or_null(target_value(&e)))))} />
        },
        FieldKind::Number | FieldKind::Integer => html! {
            <input type="text" inputmode={if def.kind == FieldKind::Integer { "numeric" } else { "decimal" }} {id} data-testid={testid}
                data-bot-detected={bot_attr} value={display(def.kind, v)} {disabled}
                oninput={Callback::from(move |e: InputEvent| cb.emit((name.into(), text_or_null(target_value(&e)))))} />
        },
        FieldKind::Rupiah => html! {
            <input type="text" inputmode="numeric" {id} data-testid={testid} data-bot-detected={bot_attr}
                value={display(def.kind, v)} {disabled} placeholder="Rp 0"
                oninput={Callback::from(move |e: InputEvent| cb.emit((name.into(), rupiah_input(&target_value(&e)))))} />
        },
        FieldKind::Date | FieldKind::DateTime => html! {
            <input type={if def.kind == FieldKind::Date { "date" } else { "datetime-local" }} {id} data-testid={testid}
                data-bot-detected={bot_attr} value={display(def.kind, v)} {disabled}
                onchange={Callback::from(move |e: Event| cb.emit((name.into(), text_or_null(target_value(&e)))))} />
        },
        FieldKind::Choice(opts) => {
            let cur = v.and_then(Value::as_str).unwrap_or("").to_string();
            html! {
                <select {id} data-testid={testid} data-bot-detected={bot_attr} {disabled}
                    onchange={Callback::from(move |e: Event| cb.emit((name.into(), text_or_null(target_value(&e)))))}>
                    <option value="" selected={cur.is_empty()}>{ tr(p.lang, K::Choose) }</option>
                    { for opts.iter().map(|o| html! { <option value={*o} selected={cur == *o}>{ *o }</option> }) }
                    // A value the schema does not know (newer backend) is still shown.
                    if !cur.is_empty() && !opts.contains(&cur.as_str()) {
                        <option value={cur.clone()} selected=true>{ cur.clone() }</option>
                    }
                </select>
            }
        }
        FieldKind::YesNo => yes_no(def, v, p, bot),
        FieldKind::DocChecklist => checklist(def, v, p, bot),
        FieldKind::Computed => {
            let complete = document_complete(&p.values);
            html! {
                <div data-testid={testid}>
                    <span class={classes!("doc-status", if complete { "complete" } else { "incomplete" })}
                        data-testid="document-complete" data-complete={complete.to_string()}>
                        { if complete { strings::DOCS_COMPLETE } else { strings::DOCS_INCOMPLETE } }
                    </span>
                </div>
            }
        }
    }
}

/// The form for one ticket (CRM-GEN-1): the shared fields plus exactly the
/// division's, in the PRD's order, with notes, badges and errors in place.
#[function_component(CrmForm)]
pub fn crm_form(p: &CrmFormProps) -> Html {
    let fields = visible_fields(p.division, &p.values);
    let save = p.on_save.clone();
    let discard = p.on_discard.clone();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        save.emit(());
    });
    html! {
        <form class="crm-form" data-testid="crm-form" data-division={p.division.as_str()} {onsubmit} novalidate=true>
            <header class="crm-head">
                <h3>{ format!("CRM · {}", p.division.as_str()) }</h3>
                if !p.editable {
                    <span class="chip muted">{ tr(p.lang, K::ReadOnly) }</span>
                } else if p.dirty {
                    <span class="chip warn" data-testid="crm-unsaved">{ tr(p.lang, K::Unsaved) }</span>
                } else if p.saved {
                    <span class="chip ok" data-testid="crm-saved" role="status">{ tr(p.lang, K::Saved) }</span>
                }
            </header>
            if let Some(e) = &p.error {
                <p class="alert error" role="alert" data-testid="crm-error">{ e.clone() }</p>
            }
            { for fields.iter().map(|def| {
                let o = origin(def.name, &p.record, &p.values);
                let required = def.required.eval(&p.values);
                let err = p.errors.iter().find(|e| e.field == def.name);
                let note = def.note.filter(|(_, when)| when.eval(&p.values)).map(|(n, _)| n);
                let group = matches!(def.kind, FieldKind::YesNo | FieldKind::DocChecklist | FieldKind::Computed);
                let label = match p.lang {
                    Lang::En => crm::label_en(def.name).unwrap_or(def.label),
                    Lang::Id => def.label,
                };
                html! {
                    <div class={classes!("crm-row", err.is_some().then_some("invalid"))} data-field={def.name}>
                        <div class="crm-label-row">
                            if group {
                                <span class="crm-label" id={format!("crm-{}-label", def.name)}>{ label }
                                    if required { <span class="req" aria-label="wajib">{ " *" }</span> }</span>
                            } else {
                                <label class="crm-label" for={format!("crm-{}", def.name)} id={format!("crm-{}-label", def.name)}>{ label }
                                    if required { <span class="req" aria-label="wajib">{ " *" }</span> }</label>
                            }
                            { match o {
                                Origin::Bot => html! { <span class="badge bot-detected" data-testid="bot-detected-badge">{ strings::BOT_DETECTED }</span> },
                                Origin::Corrected => html! { <span class="badge corrected" data-testid="agent-corrected-badge">{ strings::AGENT_CORRECTED }</span> },
                                Origin::Agent => html! {},
                            } }
                        </div>
                        { control(def, p, o == Origin::Bot) }
                        if let Some(n) = note { <p class="crm-note" role="note">{ n }</p> }
                        if let Some(e) = err {
                            <p class="field-error" role="alert" data-testid="crm-field-error" data-field={def.name}>{ e.message.clone() }</p>
                        }
                    </div>
                }
            }) }
            if p.editable {
                <div class={classes!("crm-actions", p.pending.is_some().then_some("with-pending"))}>
                    if let Some(status) = &p.pending { { status.clone() } }
                    if p.dirty {
                        <button type="button" class="btn ghost" data-testid="crm-discard" disabled={p.saving}
                            onclick={Callback::from(move |_| discard.emit(()))}>{ tr(p.lang, K::DiscardChanges) }</button>
                    }
                    <button type="submit" class="btn primary" data-testid="crm-save" disabled={p.saving || !p.dirty}>
                        { tr(p.lang, if p.saving { K::Saving } else { K::SaveCrm }) }
                    </button>
                </div>
            }
        </form>
    }
}
