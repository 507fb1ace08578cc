use super::badges::{channel_label, ticket_badges, BadgesProps};
use crate::i18n::{t, Lang, K};
use saga_core::format::{rupiah, wib_datetime};
use saga_core::TicketItem;
use std::rc::Rc;
use yew::prelude::*;

/// One slot of the virtual list (row plus gap), in CSS pixels. Rows have a
/// fixed height so any range can be placed without measuring.
pub const ROW_SLOT: f64 = 132.0;
/// Rows rendered above and below the visible ones.
pub const OVERSCAN: usize = 6;
/// Rows shown before the list knows the viewport (first paint, SSR).
pub const FIRST_ROWS: usize = 12;

/// The pages of a long list fetched so far, by index (0, 1, ...). Page
/// indexes are dense and few (100,000 tickets are 3,334 pages), so a vector
/// of slots does the work of a map at none of a map's code size in wasm.
#[derive(Clone, Debug, Default)]
pub struct Pages(Vec<Option<Vec<TicketItem>>>);

impl Pages {
    pub fn get(&self, page: usize) -> Option<&Vec<TicketItem>> {
        self.0.get(page).and_then(Option::as_ref)
    }

    pub fn contains(&self, page: usize) -> bool {
        self.get(page).is_some()
    }

    pub fn insert(&mut self, page: usize, items: Vec<TicketItem>) {
        if self.0.len() <= page {
            self.0.resize_with(page + 1, || None);
        }
        self.0[page] = Some(items);
    }

    /// How many pages are here.
    pub fn len(&self) -> usize {
        self.0.iter().flatten().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The indexes of the pages here, in order.
    pub fn indexes(&self) -> Vec<usize> {
        (0..self.0.len()).filter(|p| self.contains(*p)).collect()
    }

    /// Rows in all the pages here.
    pub fn rows(&self) -> usize {
        self.0.iter().flatten().map(Vec::len).sum()
    }
}

/// A sparse view of a long list: pages fetched so far, by index. Compared by
/// `version` so a 10,000-row list is never compared row by row.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub version: u64,
    pub total: usize,
    pub page_size: usize,
    pub pages: Rc<Pages>,
}

impl PartialEq for Rows {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version && self.total == o.total
    }
}

impl Rows {
    /// A fully loaded list (one page).
    pub fn from_items(items: Vec<TicketItem>, version: u64) -> Rows {
        let total = items.len();
        let mut pages = Pages::default();
        pages.insert(0, items);
        Rows {
            version,
            total,
            page_size: total.max(1),
            pages: Rc::new(pages),
        }
    }

    pub fn get(&self, i: usize) -> Option<&TicketItem> {
        let ps = self.page_size.max(1);
        self.pages.get(i / ps).and_then(|p| p.get(i % ps))
    }

    /// Rows loaded so far.
    pub fn loaded(&self) -> usize {
        self.pages.rows()
    }
}

/// The rows to render for a viewport: `[first, last)` with overscan.
pub fn window(total: usize, scroll_into_list: f64, viewport: f64) -> (usize, usize) {
    let top = scroll_into_list.max(0.0);
    let first = ((top / ROW_SLOT).floor() as usize).saturating_sub(OVERSCAN);
    let last = (((top + viewport.max(0.0)) / ROW_SLOT).ceil() as usize + OVERSCAN).min(total);
    (first.min(last), last)
}

#[derive(Properties, PartialEq, Clone)]
pub struct TicketListProps {
    pub lang: Lang,
    pub rows: Rows,
    #[prop_or_default]
    pub loading: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// `inbox-list` or `free-list`.
    pub testid: &'static str,
    pub empty_text: AttrValue,
    #[prop_or_default]
    pub show_division: bool,
    #[prop_or_default]
    pub on_retry: Callback<()>,
    /// The rows in view changed: `[first, last)`; the page fetches what is
    /// missing.
    #[prop_or_default]
    pub on_range: Callback<(usize, usize)>,
}

/// A list of tickets (INBOX-3): never blank — loading, error and empty
/// states say what is going on. Virtualized: only the rows in view (plus a
/// few) are in the DOM, placed in a spacer as tall as the whole list, so
/// 10,000 tickets scroll like 20 (INBOX-5).
#[function_component(TicketList)]
pub fn ticket_list(p: &TicketListProps) -> Html {
    let range = use_state(|| (0usize, FIRST_ROWS));
    let list_ref = use_node_ref();
    {
        // Follow the window's scroll and size; only a change of the rendered
        // range re-renders.
        let (range, list_ref, total, on_range) = (
            range.clone(),
            list_ref.clone(),
            p.rows.total,
            p.on_range.clone(),
        );
        use_effect_with(total, move |_| {
            let compute = {
                let (range, list_ref, on_range) =
                    (range.clone(), list_ref.clone(), on_range.clone());
                move || {
                    let Some(el) = list_ref.cast::<web_sys::Element>() else {
                        return;
                    };
                    let Some(win) = web_sys::window() else { return };
                    let vh = win
                        .inner_height()
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(800.0);
                    let top = el.get_bounding_client_rect().top();
                    let r = window(total, -top, vh);
                    if r != *range {
                        range.set(r);
                        on_range.emit(r);
                    }
                }
            };
            compute();
            let on_scroll = {
                let compute = compute.clone();
                gloo::events::EventListener::new(&gloo::utils::window(), "scroll", move |_| {
                    compute()
                })
            };
            let on_resize =
                gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                    compute()
                });
            move || {
                drop(on_scroll);
                drop(on_resize);
            }
        });
    }
    if let Some(e) = &p.error {
        let retry = p.on_retry.clone();
        return html! {
            <div class="state error" role="alert">
                <p>{ e.clone() }</p>
                <button type="button" class="btn" onclick={Callback::from(move |_| retry.emit(()))}>{ t(p.lang, K::Retry) }</button>
            </div>
        };
    }
    if p.loading && p.rows.total == 0 {
        return html! { <div class="state" aria-busy="true">{ t(p.lang, K::Loading) }</div> };
    }
    if p.rows.total == 0 {
        return html! { <div class="state" data-testid={p.testid} data-count="0"><p class="muted">{ p.empty_text.clone() }</p></div> };
    }
    let (first, last) = (range.0.min(p.rows.total), range.1.min(p.rows.total));
    // Whole pixels, printed as integers (float printing would add kilobytes
    // of wasm for nothing: the slot is a whole number).
    let slot = ROW_SLOT as u64;
    let height = p.rows.total as u64 * slot;
    html! {
        <ul class="ticket-list virtual" ref={list_ref} data-testid={p.testid} data-count={p.rows.loaded().to_string()}
            data-total={p.rows.total.to_string()} aria-busy={p.loading.to_string()} aria-rowcount={p.rows.total.to_string()}
            style={format!("height: {height}px")}>
            { for (first..last).map(|i| {
                let style = format!("transform: translateY({}px)", i as u64 * slot);
                match p.rows.get(i) {
                    Some(tk) => row(p, tk, i, style),
                    None => html! {
                        <li key={format!("r{i}")} class="ticket-row skeleton" aria-hidden="true" {style}>
                            <span class="sk sk-1" /><span class="sk sk-2" /><span class="sk sk-3" />
                        </li>
                    },
                }
            }) }
        </ul>
    }
}

fn row(p: &TicketListProps, tk: &TicketItem, index: usize, style: String) -> Html {
    let agent = tk
        .assigned_agent_name
        .clone()
        .unwrap_or_else(|| t(p.lang, K::Unassigned).to_string());
    html! {
        <li key={format!("r{index}")} class="ticket-row" {style} aria-rowindex={(index + 1).to_string()} data-testid="ticket-row" data-ticket-id={tk.id.clone()}
            data-queue-status={tk.queue_status.as_str().to_string()} data-channel={tk.channel.as_str().to_string()}
            data-tags={tk.tags.join(",")} data-assigned-to={tk.assigned_to.clone().unwrap_or_default()} data-status={tk.status.as_str().to_string()} data-division={tk.division.as_str()}>
            <div class="row-top">
                <a class="customer row-link" href={format!("#/ticket/{}", tk.id)}>{ &tk.customer_name }</a>
                if let Some(wa) = &tk.wa_display_name { <span class="wa-name" title="wa_display_name">{ format!("~{wa}") }</span> }
                <span class="time">{ wib_datetime(&tk.created_at) }</span>
            </div>
            <div class="row-mid">
                <span class={classes!("channel", tk.channel.as_str().to_string())}>{ channel_label(&tk.channel) }</span>
                if p.show_division { <span class="division">{ tk.division.as_str() }</span> }
                { ticket_badges(&BadgesProps { ticket: tk.clone() }) }
            </div>
            if let Some(prev) = &tk.last_message_preview { <p class="preview">{ prev }</p> }
            <div class="row-bottom">
                <span class="agent">{ agent }</span>
                <span class="stage" data-testid="crm-stage-chip" data-stage={tk.crm_stage.as_str().to_string()}>{ tk.crm_stage.as_str().to_string() }
                    if let Some(v) = tk.deal_value.or(tk.quote_value) { { " · " }{ rupiah(v) } }
                </span>
                { for tk.tags.iter().map(|tg| html! { <span class="tag">{ format!("#{tg}") }</span> }) }
            </div>
        </li>
    }
}
