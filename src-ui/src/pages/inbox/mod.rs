//! The inbox (INBOX-1..6) and the FREE list (FREE-1..3): a virtual list
//! loaded page by page as it scrolls, reloaded live, with the filters in
//! the route.

pub mod cache;

use crate::bridge;
use crate::i18n::{t, K};
use crate::nav::Route;
use crate::store::use_val;
use crate::store::{use_agents, use_lang, use_principal, use_tickets_rev, use_user};
use crate::views::filters::{FilterBar, InboxSearch};
use crate::views::tickets::{Rows, TicketList, FIRST_ROWS};
use cache::{pages_for, Answer, ListCache, PAGE};
use saga_core::access::{allows, sees_all_divisions, takes_tickets, Ask};
use saga_core::InboxQuery;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// A new query's list shows itself busy only when the answer takes longer.
const BUSY_AFTER_MS: u32 = 150;

/// Fetches pages of the current query into the cache; `fresh` replaces the
/// cache (new query or live change) once the answers are in. `query` is
/// `None` for the FREE list.
fn fetch_pages(
    cache: Rc<RefCell<ListCache>>,
    bump: UseForceUpdateHandle,
    query: Option<InboxQuery>,
    pages: Vec<usize>,
    fresh: bool,
) {
    let Some((generation, pages)) = cache.borrow_mut().begin(&pages, fresh) else {
        return;
    };
    if fresh {
        // A new query: the rows on screen stay until the answer replaces
        // them. The list marks itself busy only if the answer is slow, so a
        // quick answer costs one render and one paint, not two.
        let (cache, bump) = (cache.clone(), bump.clone());
        gloo::timers::callback::Timeout::new(BUSY_AFTER_MS, move || {
            let c = cache.borrow();
            if c.generation == generation && c.loading {
                drop(c);
                bump.force_update();
            }
        })
        .forget();
    } else {
        bump.force_update();
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut answer = Answer::default();
        for p in &pages {
            let r = match &query {
                // FREE (FREE-1): one short list, no paging.
                None => bridge::tickets::free_list(None).await,
                Some(q) => {
                    let mut q = q.clone();
                    q.limit = Some(PAGE as u32);
                    q.offset = Some((p * PAGE) as u32);
                    bridge::tickets::inbox(&q).await
                }
            };
            match r {
                Ok(page) => {
                    answer.total = Some(page.total as usize);
                    answer.pages.push((*p, page.items));
                }
                Err(e) => {
                    answer.failed = Some(e.message().to_string());
                    break;
                }
            }
            if query.is_none() {
                break;
            }
        }
        let missing = cache
            .borrow_mut()
            .finish(generation, &pages, answer, fresh, query.is_some());
        let Some(missing) = missing else { return };
        bump.force_update();
        if !missing.is_empty() {
            fetch_pages(cache, bump, query, missing, false);
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct InboxPageProps {
    /// The 'Percakapan Bot Aktif' list instead of the inbox.
    pub free: bool,
}

/// INBOX-1/2 and FREE-1: loads the list page by page as it scrolls, and
/// reloads the pages in view when the core says tickets changed.
#[function_component(InboxPage)]
pub fn inbox_page(p: &InboxPageProps) -> Html {
    let lang = use_lang();
    let user = use_user();
    let rev = use_tickets_rev();
    let cache = use_mut_ref(|| ListCache::new(FIRST_ROWS));
    let bump = use_force_update();
    let retry = use_val(0u32);
    let tags = use_val(Vec::<String>::new());
    // INBOX-2: every division, with the division filter (PERM-1).
    let me = use_principal();
    let all_divisions = sees_all_divisions(&me);
    // SA/TL filter by any agent, by name.
    let live_agents = use_agents();
    let agent_options: Vec<(String, String)> = if allows(&me, Ask::Panel) {
        live_agents
            .iter()
            .filter(|a| takes_tickets(a.role))
            .map(|a| {
                (
                    a.id.clone(),
                    format!("{} · {}", a.name, a.division.as_str()),
                )
            })
            .collect()
    } else {
        vec![]
    };
    // INBOX-6: the filters live in the route's query (kept when navigating
    // away and back, visible in the URL).
    let location = use_location();
    let navigator = use_navigator();
    let filters: InboxQuery = location
        .as_ref()
        .and_then(|l| l.query::<InboxQuery>().ok())
        .unwrap_or_default();
    let query_for = move |filters: &InboxQuery| {
        let mut q = filters.clone();
        if all_divisions && q.division.is_none() {
            q.division = Some("all".to_string());
        }
        q.limit = None;
        q.offset = None;
        q
    };
    let query: Option<InboxQuery> = (!p.free).then(|| query_for(&filters));
    {
        let (tags, free) = (tags.clone(), p.free);
        use_effect_with((), move |_| {
            if !free {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(t) = bridge::tickets::tags().await {
                        tags.set(t.tags.into_iter().map(|t| t.name).collect());
                    }
                });
            }
            || ()
        });
    }
    {
        // A new query starts at the top.
        let cache = cache.clone();
        use_effect_with((p.free, filters.clone()), move |_| {
            cache.borrow_mut().range = (0, FIRST_ROWS);
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            || ()
        });
    }
    {
        // Load (or reload, live) the pages in view.
        let (cache, bump, query) = (cache.clone(), bump.clone(), query.clone());
        use_effect_with((rev, *retry, p.free, filters.clone()), move |key| {
            let started = cache.borrow().issued.as_ref() == Some(key);
            if !started {
                cache.borrow_mut().issued = Some(key.clone());
                let pages = pages_for(cache.borrow().range);
                fetch_pages(cache, bump, query, pages, true);
            }
            || ()
        });
    }
    // The list's and the filter bar's callbacks keep their identity between
    // renders, so a render that changes neither (the route change of a
    // filter, a live answer) does not re-render them: their props compare
    // equal.
    let on_range = {
        let (cache, bump) = (cache.clone(), bump.clone());
        use_callback(query.clone(), move |r: (usize, usize), query| {
            cache.borrow_mut().range = r;
            if query.is_some() {
                fetch_pages(
                    cache.clone(),
                    bump.clone(),
                    query.clone(),
                    pages_for(r),
                    false,
                );
            }
        })
    };
    let (rows, loading, error) = {
        let c = cache.borrow();
        let rows = Rows {
            version: c.version,
            total: c.total,
            page_size: c.page_size,
            pages: c.pages.clone(),
        };
        (rows, c.loading, c.error.clone())
    };
    let retry_cb = {
        let retry = retry.clone();
        use_callback(*retry, move |_: (), n| retry.set(*n + 1))
    };
    let on_filter = {
        let (cache, bump) = (cache.clone(), bump.clone());
        use_callback(
            (rev, *retry, p.free),
            move |mut q: InboxQuery, &(rev, retry, free)| {
                q.limit = None;
                q.offset = None;
                // Start loading before the route change re-renders the page, so
                // the call runs while the page renders (INBOX-5: filter → rows).
                {
                    let mut c = cache.borrow_mut();
                    c.range = (0, FIRST_ROWS);
                    c.issued = Some((rev, retry, free, q.clone()));
                }
                fetch_pages(
                    cache.clone(),
                    bump.clone(),
                    Some(query_for(&q)),
                    pages_for((0, FIRST_ROWS)),
                    true,
                );
                if let Some(n) = &navigator {
                    let _ = n.push_with_query(&Route::Inbox, &q);
                }
            },
        )
    };
    let (testid, empty) = if p.free {
        ("free-list", t(lang, K::EmptyFree))
    } else {
        ("inbox-list", t(lang, K::Empty))
    };
    let scope = if all_divisions {
        filters
            .division
            .clone()
            .filter(|d| d != "all")
            .unwrap_or_else(|| t(lang, K::AllDivisions).to_string())
    } else {
        user.division.as_str().to_string()
    };
    html! {
        <section class="list-page">
            if !p.free {
                <InboxSearch {lang} query={filters.clone()} on_change={on_filter.clone()} />
                <FilterBar {lang} query={filters.clone()} tags={(*tags).clone()} show_division={all_divisions}
                    agents={agent_options} on_change={on_filter} />
            }
            <div class="list-head">
                <span class="muted" data-testid="inbox-total">{ t(lang, K::TicketCount).replace("{}", &rows.total.to_string()) }</span>
                <span class="chip">{ scope }</span>
            </div>
            <TicketList {lang} {rows} {loading}
                error={error.map(AttrValue::from)} {testid} empty_text={empty}
                show_division={all_divisions} on_retry={retry_cb} {on_range} />
        </section>
    }
}
