//! Operating hours per division (USERS-6, DOD-15): OFF HOURS of new tickets
//! follows what is saved here.

use crate::bridge;
use crate::store::use_lang;
use crate::store::use_val;
use crate::views::users::{admin_tabs, office_hours_form, AdminTabsProps, HoursProps};
use saga_core::{DayHours, Division};
use yew::prelude::*;

#[function_component(OfficeHoursPage)]
pub fn office_hours_page() -> Html {
    let lang = use_lang();
    let division = use_val(Division::Sari);
    let days = use_val(None::<Vec<DayHours>>);
    let busy = use_val(false);
    let saved = use_val(false);
    let error = use_val(None::<String>);
    {
        let (days, error) = (days.clone(), error.clone());
        use_effect_with(*division, move |d| {
            let d = *d;
            days.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::office_hours::office_hours(d).await {
                    Ok(h) => days.set(Some(h.days)),
                    Err(e) => error.set(Some(e.message().to_string())),
                }
            });
            || ()
        });
    }
    let tabs = html! {
        <div class="segmented" role="group" data-testid="office-hours-division">
            { for Division::ALL.iter().map(|d| {
                let (state, d, saved) = (division.clone(), *d, saved.clone());
                html! {
                    <button type="button" class={classes!("seg", (*division == d).then_some("active"))} data-division={d.as_str()}
                        onclick={Callback::from(move |_| { saved.set(false); state.set(d) })}>{ d.as_str() }</button>
                }
            }) }
        </div>
    };
    let form = (*days).clone().map(|list| {
        let on_change = {
            let (days, list, saved) = (days.clone(), list.clone(), saved.clone());
            Callback::from(move |day: DayHours| {
                saved.set(false);
                days.set(Some(
                    list.iter()
                        .map(|d| {
                            if d.day == day.day {
                                day.clone()
                            } else {
                                d.clone()
                            }
                        })
                        .collect(),
                ));
            })
        };
        let on_save = {
            let (list, d, busy, saved, error, days) = (
                list.clone(),
                *division,
                busy.clone(),
                saved.clone(),
                error.clone(),
                days.clone(),
            );
            Callback::from(move |_| {
                let (list, busy, saved, error, days) = (
                    list.clone(),
                    busy.clone(),
                    saved.clone(),
                    error.clone(),
                    days.clone(),
                );
                busy.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    match bridge::office_hours::set_office_hours(d, &list).await {
                        Ok(h) => {
                            days.set(Some(h.days));
                            saved.set(true);
                            error.set(None);
                        }
                        Err(e) => error.set(Some(e.message().to_string())),
                    }
                    busy.set(false);
                });
            })
        };
        html! {
            { office_hours_form(&yew::props!(HoursProps { lang, division: *division, days: list, busy: *busy, saved: *saved, error: (*error).clone().map(AttrValue::from), on_change, on_save })) }
        }
    });
    html! {
        <section class="admin-page">
            { admin_tabs(&AdminTabsProps { lang, active: "hours" }) }
            { tabs }
            { form.unwrap_or_default() }
        </section>
    }
}
