//! The access matrix (PRD chapter 4), as one function that every screen and
//! the development server ask: [`access`].
//!
//! Role and division are always checked together (PERM-RULE-1). A `Scope`
//! says how far a permission reaches; `Scope::None` means the element is not
//! rendered at all (PERM-RULE-2).

use crate::error::ApiError;
use crate::model::{Division, Role, User};

/// One row of the PRD's permission table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Perm {
    /// PERM-1 Inbox — all divisions.
    Inbox,
    /// PERM-2 Toggle own Online/Offline.
    ToggleOwn,
    /// PERM-3 Toggle other agents' status.
    ToggleOthers,
    /// PERM-4 FREE ticket tab + take over.
    FreeTakeover,
    /// PERM-5 Assign / reassign (across divisions).
    AssignReassign,
    /// PERM-6 Internal notes (L2).
    InternalNotes,
    /// PERM-7 'Balas sebagai Saga Team'.
    ReplyAsSagaTeam,
    /// PERM-8 Single follow-up.
    SingleFollowUp,
    /// PERM-9 Submit blast for approval.
    SubmitBlast,
    /// PERM-10 Approve / reject blast.
    ApproveBlast,
    /// PERM-11 Analytics.
    Analytics,
    /// PERM-12 Export report.
    Export,
    /// PERM-13 User management.
    UserManagement,
    /// PERM-14 Operating-hours configuration.
    OfficeHours,
}

impl Perm {
    pub const ALL: [Perm; 14] = [
        Perm::Inbox,
        Perm::ToggleOwn,
        Perm::ToggleOthers,
        Perm::FreeTakeover,
        Perm::AssignReassign,
        Perm::InternalNotes,
        Perm::ReplyAsSagaTeam,
        Perm::SingleFollowUp,
        Perm::SubmitBlast,
        Perm::ApproveBlast,
        Perm::Analytics,
        Perm::Export,
        Perm::UserManagement,
        Perm::OfficeHours,
    ];

    /// The row's capability key in `privileges[]` (OQ-7, USERS-5): a
    /// privilege `-<key>` on a person (or their role's defaults, API-27)
    /// takes the row away from them.
    pub fn key(self) -> &'static str {
        match self {
            Perm::Inbox => "inbox",
            Perm::ToggleOwn => "toggle_own",
            Perm::ToggleOthers => "toggle_others",
            Perm::FreeTakeover => "free_takeover",
            Perm::AssignReassign => "assign_reassign",
            Perm::InternalNotes => "internal_notes",
            Perm::ReplyAsSagaTeam => "reply_as_saga_team",
            Perm::SingleFollowUp => "single_follow_up",
            Perm::SubmitBlast => "submit_blast",
            Perm::ApproveBlast => "approve_blast",
            Perm::Analytics => "analytics",
            Perm::Export => "export",
            Perm::UserManagement => "user_management",
            Perm::OfficeHours => "office_hours",
        }
    }

    pub fn from_key(k: &str) -> Option<Perm> {
        Perm::ALL.iter().copied().find(|p| p.key() == k)
    }

    /// The PRD row id, for messages and tests.
    pub fn id(self) -> &'static str {
        match self {
            Perm::Inbox => "PERM-1",
            Perm::ToggleOwn => "PERM-2",
            Perm::ToggleOthers => "PERM-3",
            Perm::FreeTakeover => "PERM-4",
            Perm::AssignReassign => "PERM-5",
            Perm::InternalNotes => "PERM-6",
            Perm::ReplyAsSagaTeam => "PERM-7",
            Perm::SingleFollowUp => "PERM-8",
            Perm::SubmitBlast => "PERM-9",
            Perm::ApproveBlast => "PERM-10",
            Perm::Analytics => "PERM-11",
            Perm::Export => "PERM-12",
            Perm::UserManagement => "PERM-13",
            Perm::OfficeHours => "PERM-14",
        }
    }
}

/// How far a permission reaches for one principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Not allowed: the element is not rendered.
    None,
    /// Only what concerns the user themself ('Diri sendiri', 'Tiket dirinya').
    OwnOnly,
    /// Only within this division ('Divisinya').
    Division(Division),
    /// Every division.
    All,
}

impl Scope {
    pub fn allowed(self) -> bool {
        !matches!(self, Scope::None)
    }

    /// Whether this scope covers data of `division`.
    pub fn covers(self, division: Division) -> bool {
        match self {
            Scope::None => false,
            Scope::OwnOnly => true,
            Scope::Division(d) => d == division,
            Scope::All => true,
        }
    }
}

/// What the matrix needs to know about a user (PERM-RULE-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub id: String,
    pub role: Role,
    pub division: Division,
    pub privileges: Vec<String>,
}

impl From<&User> for Principal {
    fn from(u: &User) -> Self {
        Principal {
            id: u.id.clone(),
            role: u.role,
            division: u.division,
            privileges: u.privileges.clone(),
        }
    }
}

/// Privilege key that widens a Viewer's inbox to every division ('Sesuai
/// config', OQ-9).
pub const PRIV_VIEWER_ALL_DIVISIONS: &str = "inbox:all_divisions";

/// The privilege that takes `perm` away (`-<key>`).
pub fn revocation(perm: Perm) -> String {
    format!("-{}", perm.key())
}

/// Whether `perm` was taken away from this person (or their role). A Super
/// Admin keeps user management and operating hours whatever is stored, so
/// nobody can lock the team out of its own administration.
pub fn revoked(p: &Principal, perm: Perm) -> bool {
    let locked_in =
        p.role == Role::SuperAdmin && matches!(perm, Perm::UserManagement | Perm::OfficeHours);
    !locked_in
        && p.privileges
            .iter()
            .any(|x| x.strip_prefix('-') == Some(perm.key()))
}

/// What the role has by the PRD's table alone (before any privilege).
pub fn role_default(p: &Principal, perm: Perm) -> Scope {
    access(
        &Principal {
            privileges: vec![],
            ..p.clone()
        },
        perm,
    )
}

/// The one access function (PRD chapter 4), with the person's privileges
/// (PERM-RULE-1, OQ-7): the PRD's table, less what was taken away.
pub fn access(p: &Principal, perm: Perm) -> Scope {
    use Role::*;
    use Scope as S;
    if revoked(p, perm) {
        return S::None;
    }
    let own = S::Division(p.division);
    match (perm, p.role) {
        // PERM-1: SA/TL all; agent own division; viewer per configuration
        // (OQ-9: own division unless a privilege widens it).
        (Perm::Inbox, SuperAdmin | TeamLead) => S::All,
        (Perm::Inbox, SalesAgent) => own,
        (Perm::Inbox, Viewer) => {
            if p.privileges.iter().any(|x| x == PRIV_VIEWER_ALL_DIVISIONS) {
                S::All
            } else {
                own
            }
        }
        // PERM-2
        (Perm::ToggleOwn, SuperAdmin | TeamLead | SalesAgent) => S::OwnOnly,
        (Perm::ToggleOwn, Viewer) => S::None,
        // PERM-3
        (Perm::ToggleOthers, SuperAdmin | TeamLead) => S::All,
        (Perm::ToggleOthers, _) => S::None,
        // PERM-4 (OQ-12: SA/TL across divisions; agents own division)
        (Perm::FreeTakeover, SuperAdmin | TeamLead) => S::All,
        (Perm::FreeTakeover, SalesAgent) => own,
        (Perm::FreeTakeover, Viewer) => S::None,
        // PERM-5
        (Perm::AssignReassign, SuperAdmin | TeamLead) => S::All,
        (Perm::AssignReassign, _) => S::None,
        // PERM-6 (DETAIL-L2-4)
        (Perm::InternalNotes, SuperAdmin | TeamLead) => S::All,
        (Perm::InternalNotes, SalesAgent) => S::OwnOnly,
        (Perm::InternalNotes, Viewer) => S::None,
        // PERM-7
        (Perm::ReplyAsSagaTeam, SuperAdmin) => S::All,
        (Perm::ReplyAsSagaTeam, _) => S::None,
        // PERM-8, PERM-9
        (Perm::SingleFollowUp | Perm::SubmitBlast, SuperAdmin | TeamLead) => S::All,
        (Perm::SingleFollowUp | Perm::SubmitBlast, SalesAgent) => own,
        (Perm::SingleFollowUp | Perm::SubmitBlast, Viewer) => S::None,
        // PERM-10
        (Perm::ApproveBlast, SuperAdmin | TeamLead) => S::All,
        (Perm::ApproveBlast, _) => S::None,
        // PERM-11 (OQ-11: an agent sees themself only)
        (Perm::Analytics, SuperAdmin | TeamLead) => S::All,
        (Perm::Analytics, SalesAgent) => S::OwnOnly,
        (Perm::Analytics, Viewer) => S::None,
        // PERM-12 (OQ-10: TL own division)
        (Perm::Export, SuperAdmin) => S::All,
        (Perm::Export, TeamLead) => own,
        (Perm::Export, _) => S::None,
        // PERM-13, PERM-14
        (Perm::UserManagement | Perm::OfficeHours, SuperAdmin) => S::All,
        (Perm::UserManagement | Perm::OfficeHours, _) => S::None,
    }
}

/// Shorthand: is the permission granted at all?
pub fn can(p: &Principal, perm: Perm) -> bool {
    access(p, perm).allowed()
}

/// What a refused caller is told, per PERM row (Bahasa Indonesia). The app's
/// commands and the dev server answer with the same text.
pub fn refusal(perm: Perm) -> &'static str {
    match perm {
        Perm::Inbox => "Anda tidak memiliki akses ke inbox.",
        Perm::ToggleOwn => "Peran Anda tidak memiliki status Online/Offline.",
        Perm::ToggleOthers => "Anda tidak dapat mengubah status agent lain.",
        Perm::FreeTakeover => "Peran Anda tidak dapat mengambil alih tiket.",
        Perm::AssignReassign => {
            "Hanya Super Admin dan Team Lead yang dapat meng-assign atau memindahkan tiket."
        }
        Perm::InternalNotes => "Peran Anda tidak dapat melihat catatan internal.",
        Perm::ReplyAsSagaTeam => "Hanya Super Admin yang dapat membalas sebagai Saga Team.",
        Perm::SingleFollowUp => "Peran Anda tidak dapat mengirim follow-up.",
        Perm::SubmitBlast => "Peran Anda tidak dapat membuat blast.",
        Perm::ApproveBlast => {
            "Hanya Super Admin dan Team Lead yang dapat menyetujui atau menolak blast."
        }
        Perm::Analytics => "Peran Anda tidak dapat melihat analitik.",
        Perm::Export => "Hanya Super Admin dan Team Lead yang dapat mengekspor laporan.",
        Perm::UserManagement => "Hanya Super Admin yang dapat mengelola pengguna.",
        Perm::OfficeHours => "Hanya Super Admin yang dapat mengatur jam operasional.",
    }
}

fn forbidden(message: &str) -> ApiError {
    ApiError::Forbidden {
        message: message.to_string(),
    }
}

/// The gate for a command or a handler: the permission's scope, or a 403
/// with the refusal text of its row.
pub fn require(p: &Principal, perm: Perm) -> Result<Scope, ApiError> {
    match access(p, perm) {
        Scope::None => Err(forbidden(refusal(perm))),
        s => Ok(s),
    }
}

/// A question the screens, the commands and the server ask that is not one
/// PERM row by itself, with the answer the PRD's table implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The SA/TL panel (PRD 3.8): everyone's status and load (PERM-3,
    /// PERM-5 are its controls).
    Panel,
    /// A ticket's history (API-13; OQ-13: SA/TL only).
    AuditLog,
    /// Change a ticket of this division: its tags (API-11) and its CRM
    /// (API-12). Viewers read only; agents work in their own division.
    EditTicket(Division),
    /// Who handled a customer before (API-32): everyone who works tickets.
    CustomerAgent,
    /// 'Kirim Follow-Up' on a ticket (FU-SINGLE-1, PERM-8): SA and TL on any
    /// ticket they can read, an agent on a ticket they handle (`true` here).
    FollowUp { handles_it: bool },
}

/// The answer to an [`Ask`].
pub fn allows(p: &Principal, ask: Ask) -> bool {
    match ask {
        Ask::Panel | Ask::AuditLog => is_supervisor(p),
        Ask::EditTicket(d) => can_edit_ticket(p, d),
        Ask::CustomerAgent => p.role != Role::Viewer,
        Ask::FollowUp { handles_it } => {
            can(p, Perm::SingleFollowUp) && (is_supervisor(p) || handles_it)
        }
    }
}

/// What a caller refused an [`Ask`] is told.
pub fn ask_refusal(ask: Ask) -> &'static str {
    match ask {
        Ask::Panel => "Panel agent hanya untuk Super Admin dan Team Lead.",
        Ask::AuditLog => "Riwayat tiket hanya untuk Super Admin dan Team Lead.",
        Ask::EditTicket(_) => "Anda hanya dapat melihat tiket ini.",
        Ask::CustomerAgent => "Peran Anda tidak dapat melihat data ini.",
        Ask::FollowUp { .. } => {
            "Hanya agent yang menangani tiket ini yang dapat mengirim follow-up."
        }
    }
}

/// The gate for an [`Ask`]: `Ok` or a 403 with its refusal text.
pub fn ensure(p: &Principal, ask: Ask) -> Result<(), ApiError> {
    if allows(p, ask) {
        Ok(())
    } else {
        Err(forbidden(ask_refusal(ask)))
    }
}

/// Super Admin or Team Lead: sees every division's agents and tickets, the
/// panel, the history and everyone's blasts (PRD 2.4, 3.8).
pub fn is_supervisor(p: &Principal) -> bool {
    matches!(p.role, Role::SuperAdmin | Role::TeamLead)
}

/// Whether the inbox covers every division for this principal (the
/// division filter is offered; the list asks for `division=all`).
pub fn sees_all_divisions(p: &Principal) -> bool {
    access(p, Perm::Inbox) == Scope::All
}

/// Whether a user of this role can be given tickets (assign targets and
/// returning customers' agents): agents and Team Leads (OQ-14, OQ-30).
pub fn takes_tickets(role: Role) -> bool {
    matches!(role, Role::SalesAgent | Role::TeamLead)
}

/// Whether a user of this role has an Online/Offline status (PERM-2): the
/// status another user may set for them (PERM-3), the agents an internal
/// note may tag.
pub fn has_status(role: Role) -> bool {
    role != Role::Viewer
}

/// Which divisions' inbox the principal may read when asking for `requested`
/// (`None` = default, `Some("all")`, or a division name). Agents are always
/// held to their own division (INBOX-1, API-RULE-7).
pub fn inbox_divisions(p: &Principal, requested: Option<&str>) -> Result<Vec<Division>, String> {
    match access(p, Perm::Inbox) {
        Scope::All => match requested {
            None | Some("") | Some("all") => Ok(Division::ALL.to_vec()),
            Some(d) => Division::parse(d)
                .map(|d| vec![d])
                .ok_or_else(|| format!("Divisi tidak dikenal: {d}")),
        },
        Scope::Division(own) => match requested {
            None | Some("") => Ok(vec![own]),
            Some(d) if d == own.as_str() => Ok(vec![own]),
            Some(_) => Err("Anda hanya dapat melihat tiket divisi Anda sendiri.".into()),
        },
        Scope::OwnOnly | Scope::None => Err("Anda tidak memiliki akses ke inbox.".into()),
    }
}

/// Whether the principal may read a ticket's L2 (DETAIL-L2-4, OQ-13).
/// `involved` = the user is or was the assignee, or was tagged in its L2.
pub fn can_view_internal(p: &Principal, involved: bool) -> bool {
    match access(p, Perm::InternalNotes) {
        Scope::All => true,
        Scope::OwnOnly => involved,
        _ => false,
    }
}

/// Whether 'AMBIL ALIH KE SAYA' is offered (DETAIL-L1-4, TAKEOVER-1).
pub fn can_take_over(p: &Principal, ticket_division: Division, ticket_is_free: bool) -> bool {
    ticket_is_free && access(p, Perm::FreeTakeover).covers(ticket_division)
}

/// Whether the principal may reply on L1 (OQ-14: the current assignee).
pub fn can_reply_l1(p: &Principal, assigned_to: Option<&str>) -> bool {
    p.role != Role::Viewer && assigned_to == Some(p.id.as_str())
}

/// Whether the principal may change a ticket of `ticket_division`: its CRM
/// and its tags (viewers read only; agents their own division).
pub fn can_edit_ticket(p: &Principal, ticket_division: Division) -> bool {
    match p.role {
        Role::Viewer => false,
        Role::SuperAdmin | Role::TeamLead => true,
        Role::SalesAgent => p.division == ticket_division,
    }
}

/// Which division an export may cover (EXPORT-5): `requested` is `all` or a
/// division name.
pub fn export_allowed(p: &Principal, requested: &str) -> bool {
    match access(p, Perm::Export) {
        Scope::All => requested == "all" || Division::parse(requested).is_some(),
        Scope::Division(d) => requested == d.as_str(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(role: Role, division: Division) -> Principal {
        Principal {
            id: "u".into(),
            role,
            division,
            privileges: vec![],
        }
    }

    /// Every PERM row for every role, exactly as PRD chapter 4 prints it.
    #[test]
    fn every_perm_row_for_every_role() {
        use Scope::{All, OwnOnly};
        const D: Division = Division::Savi;
        const NONE: Scope = Scope::None;
        let sa = p(Role::SuperAdmin, D);
        let tl = p(Role::TeamLead, D);
        let ag = p(Role::SalesAgent, D);
        let vw = p(Role::Viewer, D);
        let own = Scope::Division(D);
        #[rustfmt::skip]
        let table: [(Perm, Scope, Scope, Scope, Scope); 14] = [
            (Perm::Inbox,           All, All,  own,     own),
            (Perm::ToggleOwn,       OwnOnly, OwnOnly, OwnOnly, NONE),
            (Perm::ToggleOthers,    All, All,  NONE,    NONE),
            (Perm::FreeTakeover,    All, All,  own,     NONE),
            (Perm::AssignReassign,  All, All,  NONE,    NONE),
            (Perm::InternalNotes,   All, All,  OwnOnly, NONE),
            (Perm::ReplyAsSagaTeam, All, NONE, NONE,    NONE),
            (Perm::SingleFollowUp,  All, All,  own,     NONE),
            (Perm::SubmitBlast,     All, All,  own,     NONE),
            (Perm::ApproveBlast,    All, All,  NONE,    NONE),
            (Perm::Analytics,       All, All,  OwnOnly, NONE),
            (Perm::Export,          All, own,  NONE,    NONE),
            (Perm::UserManagement,  All, NONE, NONE,    NONE),
            (Perm::OfficeHours,     All, NONE, NONE,    NONE),
        ];
        for (perm, s_sa, s_tl, s_ag, s_vw) in table {
            assert_eq!(access(&sa, perm), s_sa, "{} super_admin", perm.id());
            assert_eq!(access(&tl, perm), s_tl, "{} team_lead", perm.id());
            assert_eq!(access(&ag, perm), s_ag, "{} sales_agent", perm.id());
            assert_eq!(access(&vw, perm), s_vw, "{} viewer", perm.id());
        }
        assert_eq!(table.len(), Perm::ALL.len());
    }

    /// USERS-5: a privilege taken from a person takes the row away from
    /// them alone; a Super Admin cannot be locked out of administration.
    #[test]
    fn revoked_privileges_take_a_row_away() {
        let mut a = p(Role::SalesAgent, Division::Sari);
        assert!(can(&a, Perm::SingleFollowUp));
        a.privileges.push(revocation(Perm::SingleFollowUp));
        assert_eq!(access(&a, Perm::SingleFollowUp), Scope::None);
        assert_eq!(
            role_default(&a, Perm::SingleFollowUp),
            Scope::Division(Division::Sari)
        );
        assert!(can(&a, Perm::SubmitBlast), "only that row");
        assert!(!allows(&a, Ask::FollowUp { handles_it: true }));
        let mut sa = p(Role::SuperAdmin, Division::Sari);
        sa.privileges = Perm::ALL.iter().map(|x| revocation(*x)).collect();
        assert!(can(&sa, Perm::UserManagement) && can(&sa, Perm::OfficeHours));
        assert!(!can(&sa, Perm::Export));
        for perm in Perm::ALL {
            assert_eq!(Perm::from_key(perm.key()), Some(perm));
        }
    }

    #[test]
    fn viewer_inbox_follows_configuration() {
        let mut v = p(Role::Viewer, Division::Sari);
        assert_eq!(inbox_divisions(&v, None).unwrap(), vec![Division::Sari]);
        assert!(inbox_divisions(&v, Some("all")).is_err());
        v.privileges.push(PRIV_VIEWER_ALL_DIVISIONS.into());
        assert_eq!(inbox_divisions(&v, Some("all")).unwrap().len(), 3);
    }

    #[test]
    fn agent_never_escapes_own_division() {
        let a = p(Role::SalesAgent, Division::Safia);
        assert_eq!(inbox_divisions(&a, None).unwrap(), vec![Division::Safia]);
        assert_eq!(
            inbox_divisions(&a, Some("SAFIA")).unwrap(),
            vec![Division::Safia]
        );
        assert!(inbox_divisions(&a, Some("all")).is_err());
        assert!(inbox_divisions(&a, Some("SARI")).is_err());
        assert!(!can_take_over(&a, Division::Sari, true));
        assert!(can_take_over(&a, Division::Safia, true));
        assert!(!can_take_over(&a, Division::Safia, false));
    }

    #[test]
    fn supervisors_choose_any_division() {
        for r in [Role::SuperAdmin, Role::TeamLead] {
            let s = p(r, Division::Sari);
            assert_eq!(inbox_divisions(&s, Some("all")).unwrap().len(), 3);
            assert_eq!(
                inbox_divisions(&s, Some("SAVI")).unwrap(),
                vec![Division::Savi]
            );
            assert!(inbox_divisions(&s, Some("MARS")).is_err());
            assert!(can_take_over(&s, Division::Safia, true));
        }
    }

    #[test]
    fn l2_visibility_per_role() {
        assert!(can_view_internal(
            &p(Role::SuperAdmin, Division::Sari),
            false
        ));
        assert!(can_view_internal(&p(Role::TeamLead, Division::Sari), false));
        assert!(can_view_internal(
            &p(Role::SalesAgent, Division::Sari),
            true
        ));
        assert!(!can_view_internal(
            &p(Role::SalesAgent, Division::Sari),
            false
        ));
        assert!(!can_view_internal(&p(Role::Viewer, Division::Sari), true));
    }

    #[test]
    fn export_scope() {
        let tl = p(Role::TeamLead, Division::Sari);
        assert!(export_allowed(&tl, "SARI"));
        assert!(!export_allowed(&tl, "SAVI"));
        assert!(!export_allowed(&tl, "all"));
        let sa = p(Role::SuperAdmin, Division::Sari);
        assert!(export_allowed(&sa, "all"));
        assert!(export_allowed(&sa, "SAFIA"));
        assert!(!export_allowed(
            &p(Role::SalesAgent, Division::Sari),
            "SARI"
        ));
    }

    #[test]
    fn require_refuses_with_the_rows_text_and_passes_the_scope() {
        let ag = p(Role::SalesAgent, Division::Savi);
        assert_eq!(
            require(&ag, Perm::Inbox),
            Ok(Scope::Division(Division::Savi))
        );
        for perm in Perm::ALL {
            match require(&ag, perm) {
                Ok(s) => assert_eq!(s, access(&ag, perm)),
                Err(ApiError::Forbidden { message }) => {
                    assert_eq!(access(&ag, perm), Scope::None);
                    assert_eq!(message, refusal(perm));
                    assert!(message.ends_with('.'), "{}: {message}", perm.id());
                }
                Err(e) => panic!("{}: {e:?}", perm.id()),
            }
        }
    }

    /// The questions beyond the PERM rows, for every role.
    #[test]
    fn asks_per_role() {
        let d = Division::Sari;
        #[rustfmt::skip]
        let table: [(Ask, [bool; 4]); 7] = [
            //                              SA     TL     agent  viewer
            (Ask::Panel,                   [true,  true,  false, false]),
            (Ask::AuditLog,                [true,  true,  false, false]),
            (Ask::EditTicket(d),           [true,  true,  true,  false]),
            (Ask::EditTicket(Division::Savi), [true, true, false, false]),
            (Ask::CustomerAgent,           [true,  true,  true,  false]),
            (Ask::FollowUp { handles_it: true },  [true, true, true,  false]),
            (Ask::FollowUp { handles_it: false }, [true, true, false, false]),
        ];
        for (ask, want) in table {
            for (role, w) in [
                Role::SuperAdmin,
                Role::TeamLead,
                Role::SalesAgent,
                Role::Viewer,
            ]
            .into_iter()
            .zip(want)
            {
                let who = p(role, d);
                assert_eq!(allows(&who, ask), w, "{ask:?} {role:?}");
                assert_eq!(ensure(&who, ask).is_ok(), w);
            }
        }
        assert!(takes_tickets(Role::SalesAgent) && takes_tickets(Role::TeamLead));
        assert!(!takes_tickets(Role::SuperAdmin) && !takes_tickets(Role::Viewer));
        assert!(!has_status(Role::Viewer) && has_status(Role::TeamLead));
        let mut v = p(Role::Viewer, d);
        assert!(!sees_all_divisions(&v));
        v.privileges.push(PRIV_VIEWER_ALL_DIVISIONS.into());
        assert!(sees_all_divisions(&v));
    }

    #[test]
    fn l1_reply_is_for_the_assignee() {
        let a = p(Role::SalesAgent, Division::Sari);
        assert!(can_reply_l1(&a, Some("u")));
        assert!(!can_reply_l1(&a, Some("other")));
        assert!(!can_reply_l1(&a, None));
        assert!(!can_reply_l1(&p(Role::Viewer, Division::Sari), Some("u")));
    }
}
