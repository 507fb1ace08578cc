//! Routes and the navigation entries each role may see (PRD chapter 4).

use crate::i18n::K;
use saga_core::access::{access, allows, Ask, Perm, Principal};
use yew_router::Routable;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/login")]
    Login,
    #[at("/inbox")]
    Inbox,
    #[at("/free")]
    Free,
    #[at("/followup")]
    Followup,
    #[at("/blasts")]
    Blasts,
    /// The blast composer (BLAST-1..3).
    #[at("/blasts/new")]
    BlastNew,
    /// One blast: recipients, previews, approval, progress (BLAST-4..7).
    #[at("/blasts/:id")]
    Blast { id: String },
    #[at("/analytics")]
    Analytics,
    #[at("/panel")]
    Panel,
    #[at("/users")]
    Users,
    #[at("/users/new")]
    UserNew,
    #[at("/users/:id")]
    User { id: String },
    /// Role defaults of privileges (API-27).
    #[at("/privileges")]
    Privileges,
    /// Operating hours per division (USERS-6).
    #[at("/office-hours")]
    OfficeHours,
    #[at("/settings")]
    Settings,
    #[at("/ticket/:id")]
    Ticket { id: String },
    /// The ticket with its CRM form open (PRD 3.5).
    #[at("/ticket/:id/crm")]
    TicketCrm { id: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The navigation entry a route belongs to (a ticket to the inbox, a
    /// blast to the blasts).
    pub fn section(&self) -> Route {
        match self {
            Route::Ticket { .. } | Route::TicketCrm { .. } => Route::Inbox,
            Route::BlastNew | Route::Blast { .. } => Route::Blasts,
            Route::UserNew | Route::User { .. } | Route::Privileges | Route::OfficeHours => {
                Route::Users
            }
            r => r.clone(),
        }
    }
}

/// A navigation entry: route, text key, `data-testid`, icon.
#[derive(Debug, Clone, PartialEq)]
pub struct NavItem {
    pub route: Route,
    pub label: K,
    pub testid: &'static str,
    pub icon: &'static str,
}

/// Whether `p` may open `route` (the same answer the nav gives).
pub fn allowed(p: &Principal, route: &Route) -> bool {
    match route {
        Route::Home | Route::Login | Route::NotFound | Route::Settings => true,
        Route::Inbox | Route::Ticket { .. } | Route::TicketCrm { .. } => {
            access(p, Perm::Inbox).allowed()
        }
        Route::Free => access(p, Perm::FreeTakeover).allowed(),
        Route::Followup => access(p, Perm::SingleFollowUp).allowed(),
        Route::Blasts | Route::Blast { .. } => {
            access(p, Perm::SubmitBlast).allowed() || access(p, Perm::ApproveBlast).allowed()
        }
        Route::BlastNew => access(p, Perm::SubmitBlast).allowed(),
        Route::Analytics => access(p, Perm::Analytics).allowed(),
        Route::Panel => allows(p, Ask::Panel),
        Route::Users | Route::UserNew | Route::User { .. } | Route::Privileges => {
            access(p, Perm::UserManagement).allowed()
        }
        Route::OfficeHours => access(p, Perm::OfficeHours).allowed(),
    }
}

const ALL: &[NavItem] = &[
    NavItem { route: Route::Inbox, label: K::NavInbox, testid: "nav-inbox", icon: "M4 4h16v12H15l-3 3-3-3H4z" },
    NavItem { route: Route::Free, label: K::NavFree, testid: "nav-free", icon: "M12 3a7 7 0 0 1 7 7v4l2 3H3l2-3v-4a7 7 0 0 1 7-7zm-2 17h4" },
    NavItem { route: Route::Panel, label: K::NavPanel, testid: "nav-panel", icon: "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3 3-5 6-5s6 2 6 5m2-5c3 0 6 2 6 5" },
    NavItem { route: Route::Followup, label: K::NavFollowup, testid: "nav-followup", icon: "M4 12l5 5L20 6" },
    NavItem { route: Route::Blasts, label: K::NavBlasts, testid: "nav-blasts", icon: "M3 11l18-7-7 18-2-8z" },
    NavItem { route: Route::Analytics, label: K::NavAnalytics, testid: "nav-analytics", icon: "M4 20V10m6 10V4m6 16v-7m4 7H2" },
    NavItem { route: Route::Users, label: K::NavUsers, testid: "nav-users", icon: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9c0-4 4-6 8-6s8 2 8 6" },
    NavItem { route: Route::Settings, label: K::NavSettings, testid: "nav-settings", icon: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7-3l2-1-2-4-2 1-2-1V5h-4v2l-2 1-2-1-2 4 2 1v2l-2 1 2 4 2-1 2 1v2h4v-2l2-1 2 1 2-4-2-1z" },
];

/// The entries this principal sees, in order. Forbidden ones are absent.
pub fn items_for(p: &Principal) -> Vec<NavItem> {
    ALL.iter()
        .filter(|i| allowed(p, &i.route))
        .cloned()
        .collect()
}
