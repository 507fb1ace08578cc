//! The inbox's sparse cache: pages by index, the list's total, and a
//! generation that makes answers for an older query or revision void. Pure
//! bookkeeping, so it is tested natively; `super::fetch_pages` does the
//! calls.

use crate::views::tickets::Pages;
use saga_core::{InboxQuery, TicketItem};
use std::rc::Rc;

/// Rows fetched per request; pages load as the user scrolls to them. A
/// screenful plus overscan: a smaller first answer paints sooner (30 rows:
/// filter → DOM 31 ms p50, 100 rows: 35 ms; docs/performance.md).
pub const PAGE: usize = 30;

/// The page indexes that cover rows `first..last`.
pub fn pages_for((first, last): (usize, usize)) -> Vec<usize> {
    let last = last.max(first + 1);
    (first / PAGE..=(last - 1) / PAGE).collect()
}

/// What one round of requests brought back.
#[derive(Debug, Default)]
pub struct Answer {
    pub pages: Vec<(usize, Vec<TicketItem>)>,
    pub total: Option<usize>,
    pub failed: Option<String>,
}

#[derive(Debug, Default)]
pub struct ListCache {
    pub pages: Rc<Pages>,
    pub total: usize,
    pub page_size: usize,
    pub generation: u64,
    pub in_flight: Vec<usize>,
    /// The rows in view (with overscan).
    pub range: (usize, usize),
    pub loading: bool,
    pub error: Option<String>,
    /// The (revision, retry, FREE, filters) whose fresh load was last
    /// started, so a load the filter bar already started is not started
    /// again by the route change it causes.
    pub issued: Option<(u32, u32, bool, InboxQuery)>,
    /// Changes whenever `pages` or `total` change (the list's props).
    pub version: u64,
}

impl ListCache {
    pub fn new(first_rows: usize) -> ListCache {
        ListCache {
            page_size: PAGE,
            loading: true,
            range: (0, first_rows),
            ..Default::default()
        }
    }

    /// Starts fetching `pages`; `fresh` (a new query or a live change)
    /// voids every answer still on its way and replaces the cache when its
    /// own answer is in. Returns the generation and the pages to ask for, or
    /// `None` when every page is already here or on its way.
    pub fn begin(&mut self, pages: &[usize], fresh: bool) -> Option<(u64, Vec<usize>)> {
        if fresh {
            self.generation += 1;
            self.in_flight.clear();
        }
        let pages: Vec<usize> = pages
            .iter()
            .copied()
            .filter(|p| fresh || (!self.pages.contains(*p) && !self.in_flight.contains(p)))
            .collect();
        if pages.is_empty() {
            return None;
        }
        self.in_flight.extend(pages.iter().copied());
        self.loading = true;
        Some((self.generation, pages))
    }

    /// Takes the answer to `begin(pages, fresh)` of `generation`. `paged`
    /// is false for the FREE list (one short list, no paging). Returns
    /// `None` for a void answer, else the pages in view still missing
    /// (asked for next when this answer did not fail).
    pub fn finish(
        &mut self,
        generation: u64,
        pages: &[usize],
        answer: Answer,
        fresh: bool,
        paged: bool,
    ) -> Option<Vec<usize>> {
        if self.generation != generation {
            return None;
        }
        self.in_flight.retain(|p| !pages.contains(p));
        self.loading = !self.in_flight.is_empty();
        let ok = answer.failed.is_none();
        match answer.failed {
            // Keep what is shown; say what went wrong.
            Some(e) if self.pages.is_empty() || fresh => self.error = Some(e),
            Some(_) => {}
            None => self.error = None,
        }
        if let Some(t) = answer.total {
            self.total = t;
        }
        let mut map = if fresh {
            Pages::default()
        } else {
            (*self.pages).clone()
        };
        for (p, items) in answer.pages {
            if !paged {
                self.page_size = items.len().max(1);
                self.total = items.len();
            }
            map.insert(p, items);
        }
        if fresh || !map.is_empty() {
            self.pages = Rc::new(map);
        }
        self.version += 1;
        // Pages that came into view while this answer was on its way.
        let missing = if paged && ok {
            pages_for(self.range)
                .into_iter()
                .filter(|p| {
                    !self.pages.contains(*p) && !self.in_flight.contains(p) && p * PAGE < self.total
                })
                .collect()
        } else {
            vec![]
        };
        Some(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(page: usize, n: usize) -> Vec<TicketItem> {
        (0..n)
            .map(|i| {
                serde_json::from_value(serde_json::json!({
                    "id": format!("T-{}", page * PAGE + i), "division": "SARI",
                    "customer_id": "C-1", "customer_name": "Budi", "channel": "whatsapp",
                    "status": "NEW", "queue_status": "FREE", "returning_customer": false,
                    "off_hours": false, "crm_stage": "Lead",
                    "created_at": "2026-11-23T07:05:00Z", "last_activity_at": "2026-11-23T07:05:00Z"
                }))
                .unwrap()
            })
            .collect()
    }

    fn answer(pages: &[usize], total: usize) -> Answer {
        Answer {
            pages: pages.iter().map(|p| (*p, rows(*p, PAGE))).collect(),
            total: Some(total),
            failed: None,
        }
    }

    #[test]
    fn pages_cover_the_rows_in_view() {
        assert_eq!(pages_for((0, 1)), vec![0]);
        assert_eq!(pages_for((0, 30)), vec![0]);
        assert_eq!(pages_for((29, 31)), vec![0, 1]);
        assert_eq!(pages_for((95, 95)), vec![3]);
    }

    #[test]
    fn an_answer_for_an_older_query_is_void() {
        let mut c = ListCache::new(20);
        let (g1, p1) = c.begin(&[0], true).unwrap();
        // The filter changes before the first answer arrives.
        let (g2, p2) = c.begin(&[0], true).unwrap();
        assert_ne!(g1, g2);
        assert_eq!(c.finish(g1, &p1, answer(&[0], 500), true, true), None);
        assert!(
            c.pages.is_empty() && c.loading,
            "the old answer shows nothing"
        );
        c.finish(g2, &p2, answer(&[0], 42), true, true).unwrap();
        assert_eq!((c.total, c.pages.len(), c.loading), (42, 1, false));
    }

    #[test]
    fn scrolling_asks_only_for_pages_not_here_nor_on_their_way() {
        let mut c = ListCache::new(20);
        let (g, p) = c.begin(&[0], true).unwrap();
        c.finish(g, &p, answer(&[0], 1000), true, true);
        assert_eq!(c.begin(&[0], false), None, "page 0 is here");
        let (g, p) = c.begin(&[0, 1, 2], false).unwrap();
        assert_eq!(p, vec![1, 2]);
        assert_eq!(c.begin(&[1, 2, 3], false).map(|x| x.1), Some(vec![3]));
        c.finish(g, &p, answer(&[1, 2], 1000), false, true);
        assert_eq!(c.pages.indexes(), vec![0, 1, 2]);
        assert!(c.loading, "page 3 is still on its way");
    }

    #[test]
    fn pages_scrolled_to_meanwhile_are_asked_for_next_within_the_total() {
        let mut c = ListCache::new(20);
        let (g, p) = c.begin(&[0], true).unwrap();
        c.range = (40, 130);
        let missing = c.finish(g, &p, answer(&[0], 100), true, true).unwrap();
        assert_eq!(missing, vec![1, 2, 3], "page 4 would start past the total");
    }

    #[test]
    fn a_failure_keeps_the_rows_shown_and_says_so_only_when_nothing_is() {
        let mut c = ListCache::new(20);
        let (g, p) = c.begin(&[0], true).unwrap();
        let failed = |m: &str| Answer {
            failed: Some(m.into()),
            ..Answer::default()
        };
        c.finish(g, &p, failed("Server tidak dapat dihubungi."), true, true);
        assert_eq!(c.error.as_deref(), Some("Server tidak dapat dihubungi."));
        let (g, p) = c.begin(&[0], true).unwrap();
        c.finish(g, &p, answer(&[0], 60), true, true);
        assert_eq!(c.error, None);
        let (g, p) = c.begin(&[1], false).unwrap();
        let missing = c.finish(g, &p, failed("x"), false, true).unwrap();
        assert_eq!(c.error, None, "rows stay, no alarm over them");
        assert_eq!(c.pages.len(), 1);
        assert!(missing.is_empty(), "no retry storm after a failure");
    }

    #[test]
    fn the_free_list_is_one_page_of_its_own_length() {
        let mut c = ListCache::new(20);
        let (g, p) = c.begin(&[0], true).unwrap();
        let a = Answer {
            pages: vec![(0, rows(0, 7))],
            total: Some(7),
            failed: None,
        };
        let missing = c.finish(g, &p, a, true, false).unwrap();
        assert_eq!((c.total, c.page_size), (7, 7));
        assert!(missing.is_empty());
    }
}
