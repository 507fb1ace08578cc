//! The phone layout (issue 16 item 7, TOGGLE-6, DELIV-2/3), at the two
//! sizes of the phones the team carries (390×844, 412×915): a bottom bar
//! with what a thumb needs and 'Lainnya' for the rest, nothing cut off;
//! the toggle one tap away on every page; a ticket with its own title and
//! a way back that returns to the list where it was left.

use saga_e2e::{AppUnderTest, Options};
use std::time::Duration;

async fn phone(width: u32, height: u32) -> AppUnderTest {
    AppUnderTest::start_with(Options {
        width,
        height,
        ..Options::default()
    })
    .await
}

async fn js(app: &AppUnderTest, script: &str) -> serde_json::Value {
    app.client.execute(script, vec![]).await.unwrap()
}

/// The header's title as shown, and whether it has room to be read.
async fn title(app: &AppUnderTest) -> String {
    let v = js(
        app,
        "const h = document.querySelector('h1.page-title');
         return h && h.getBoundingClientRect().width >= h.scrollWidth - 1 ? h.textContent : '(cut) ' + (h ? h.textContent : '');",
    )
    .await;
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bottom_bar_fits_and_lainnya_holds_the_rest_at_both_sizes() {
    for (w, h) in [(390, 844), (412, 915)] {
        let app = phone(w, h).await;
        // The Super Admin has the most entries (eight).
        app.login("superadmin@saga.test").await;
        app.wait_for("nav.bottombar").await;
        let bar = js(
            &app,
            "const bar = document.querySelector('nav.bottombar');
             const items = [...bar.children].map(c => c.matches('.nav-item') ? c : c.querySelector('summary'));
             return items.map(e => { const r = e.getBoundingClientRect(); const s = e.querySelector('span');
               return { id: e.dataset.testid, left: r.left, right: r.right, cut: s.scrollWidth > s.clientWidth + 1 }; });",
        )
        .await;
        let items = bar.as_array().unwrap();
        assert_eq!(items.len(), 5, "{w}×{h}: four entries and Lainnya: {bar}");
        assert_eq!(items[4]["id"], "nav-more");
        for i in items {
            assert!(
                i["left"].as_f64().unwrap() >= 0.0 && i["right"].as_f64().unwrap() <= w as f64,
                "{w}×{h}: {i} is off the screen"
            );
            assert_eq!(i["cut"], false, "{w}×{h}: {i}'s label is cut");
        }
        // The rest: one tap on Lainnya, one on the entry; the sheet closes.
        app.click("[data-testid=nav-more]").await;
        app.click("[data-testid=nav-more-sheet] [data-testid=nav-analytics]")
            .await;
        app.wait_for("[data-testid=analytics-period]").await;
        assert_eq!(
            js(&app, "return document.querySelector('details.more').open").await,
            false,
            "the sheet closes after choosing"
        );
        assert!(
            app.attr("[data-testid=nav-more]", "class")
                .await
                .unwrap_or_default()
                .contains("active"),
            "Lainnya shows where one is"
        );
        // TOGGLE-6: the toggle on every page, one tap away.
        for hash in [
            "#/inbox",
            "#/free",
            "#/panel",
            "#/followup",
            "#/blasts",
            "#/users",
            "#/settings",
        ] {
            app.go(hash).await;
            tokio::time::sleep(Duration::from_millis(150)).await;
            assert!(
                app.exists("[data-testid=status-toggle]").await,
                "{w}×{h}: the toggle on {hash}"
            );
        }
        app.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_has_its_title_and_back_returns_to_the_list_where_it_was() {
    let app = phone(390, 844).await;
    app.login("lead@saga.test").await;
    app.go("#/inbox").await;
    app.wait_for("[data-testid=ticket-row]").await;
    // Down the list, as a thumb scrolls.
    let y = js(
        &app,
        "const max = document.documentElement.scrollHeight - window.innerHeight;
         window.scrollTo(0, Math.min(1200, Math.floor(max / 2))); return window.scrollY;",
    )
    .await
    .as_f64()
    .unwrap();
    assert!(y > 200.0, "the list is long enough to scroll ({y})");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(title(&app).await, "Inbox", "the list's own title");
    // Open a ticket in view (a tap where it is, no scrolling to it).
    let id = js(
        &app,
        "const rows = [...document.querySelectorAll('[data-testid=ticket-row]')];
         const row = rows.find(r => { const b = r.getBoundingClientRect(); return b.top > 120 && b.bottom < window.innerHeight - 100; });
         row.querySelector('a').click(); return row.dataset.ticketId;",
    )
    .await;
    app.wait_for("[data-testid=ticket-detail]").await;
    assert_eq!(title(&app).await, "Percakapan");
    assert!(app.exists("[data-testid=status-toggle]").await);
    assert_eq!(
        app.attr("[data-testid=ticket-detail]", "data-ticket-id")
            .await
            .as_deref(),
        id.as_str()
    );
    // Back: the list, at the same place.
    app.click("[data-testid=nav-back]").await;
    app.wait_for("[data-testid=inbox-list]").await;
    let mut back = 0.0;
    for _ in 0..40 {
        back = js(&app, "return window.scrollY").await.as_f64().unwrap();
        if (back - y).abs() < 2.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        (back - y).abs() < 2.0,
        "back at {back}, left at {y}: the list keeps its place"
    );
    assert_eq!(title(&app).await, "Inbox");
    assert!(!app.exists("[data-testid=nav-back]").await);
    app.close().await;
}
