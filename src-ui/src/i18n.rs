//! UI text. Bahasa Indonesia first (every string the PRD quotes appears
//! verbatim, from `saga_core::strings`), English second (OQ-33).

use saga_core::strings as s;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
    pub fn from_code(c: &str) -> Lang {
        if c == "en" {
            Lang::En
        } else {
            Lang::Id
        }
    }
}

/// Every UI text key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    AppName,
    Tagline,
    Email,
    Password,
    SignIn,
    SigningIn,
    SignOut,
    DemoBackend,
    DemoHint,
    Online,
    Offline,
    GoOnline,
    GoOffline,
    OfflineConfirm,
    OfflineOk,
    Cancel,
    NavInbox,
    NavFree,
    NavFollowup,
    NavBlasts,
    NavAnalytics,
    NavPanel,
    NavUsers,
    NavSettings,
    PanelTitle,
    PanelHint,
    ActiveTickets,
    IdleTickets,
    SinceWhen,
    SetOnline,
    SetOffline,
    AllDivisions,
    InboxTitle,
    FreeTitle,
    Empty,
    EmptyFree,
    Loading,
    Retry,
    Unassigned,
    Coming,
    ComingBody,
    Forbidden,
    Settings,
    Language,
    Theme,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    Backend,
    SecretStore,
    SessionNotPersistent,
    Connection,
    ConnStream,
    ConnPolling,
    ConnOffline,
    StatusFailed,
    Agents,
    Role,
    Division,
    Status,
}

pub fn t(lang: Lang, k: K) -> &'static str {
    use K::*;
    match lang {
        Lang::Id => match k {
            AppName => "Saga Desk",
            Tagline => "Pusat kerja tim sales Saga: kargo, mobil, dan pindahan.",
            Email => "Email",
            Password => "Kata sandi",
            SignIn => "Masuk",
            SigningIn => "Sedang masuk…",
            SignOut => "Keluar",
            DemoBackend => "Mode demo: server contoh berjalan di dalam aplikasi.",
            DemoHint => "Akun demo: sari.agent1@saga.test, lead@saga.test, superadmin@saga.test — kata sandi saga-demo-2026",
            Online => "Online",
            Offline => "Offline",
            GoOnline => "Jadi Online",
            GoOffline => "Jadi Offline",
            OfflineConfirm => s::OFFLINE_CONFIRM,
            OfflineOk => "Ya, jadi Offline",
            Cancel => "Batal",
            NavInbox => "Inbox",
            NavFree => s::FREE_TAB,
            NavFollowup => s::FOLLOWUP_TODAY,
            NavBlasts => "Blast",
            NavAnalytics => "Analitik",
            NavPanel => "Panel Agent",
            NavUsers => "Pengguna",
            NavSettings => "Pengaturan",
            PanelTitle => "Panel Agent",
            PanelHint => "Status semua agent di semua divisi, diperbarui langsung.",
            ActiveTickets => "tiket aktif",
            IdleTickets => "tanpa aktivitas > 4 jam",
            SinceWhen => "sejak",
            SetOnline => "Set Online",
            SetOffline => "Set Offline",
            AllDivisions => "Semua divisi",
            InboxTitle => "Inbox",
            FreeTitle => s::FREE_TAB,
            Empty => "Belum ada tiket di sini.",
            EmptyFree => "Tidak ada percakapan bot yang menunggu. Tiket baru akan muncul di sini.",
            Loading => "Memuat…",
            Retry => "Coba lagi",
            Unassigned => "Belum ada agent",
            Coming => "Segera hadir",
            ComingBody => "Halaman ini sedang disiapkan. Menu sudah sesuai hak akses peran Anda.",
            Forbidden => "Anda tidak memiliki akses ke halaman ini.",
            Settings => "Pengaturan",
            Language => "Bahasa",
            Theme => "Tema",
            ThemeSystem => "Ikuti sistem",
            ThemeLight => "Terang",
            ThemeDark => "Gelap",
            Backend => "Server API",
            SecretStore => "Penyimpanan sesi",
            SessionNotPersistent => "Sesi hanya disimpan di memori: Anda perlu masuk lagi setelah aplikasi ditutup.",
            Connection => "Koneksi",
            ConnStream => "Langsung",
            ConnPolling => "Berkala",
            ConnOffline => "Terputus — mencoba lagi",
            StatusFailed => "Status gagal diubah",
            Agents => "agent",
            Role => "Peran",
            Division => "Divisi",
            Status => "Status",
        },
        Lang::En => match k {
            AppName => "Saga Desk",
            Tagline => "The Saga sales team's workspace: cargo, cars and moving.",
            Email => "Email",
            Password => "Password",
            SignIn => "Sign in",
            SigningIn => "Signing in…",
            SignOut => "Sign out",
            DemoBackend => "Demo mode: a sample server runs inside the app.",
            DemoHint => "Demo accounts: sari.agent1@saga.test, lead@saga.test, superadmin@saga.test — password saga-demo-2026",
            Online => "Online",
            Offline => "Offline",
            GoOnline => "Go Online",
            GoOffline => "Go Offline",
            OfflineConfirm => "You will not receive new tickets. Your active tickets stay with you.",
            OfflineOk => "Yes, go Offline",
            Cancel => "Cancel",
            NavInbox => "Inbox",
            NavFree => "Active Bot Conversations",
            NavFollowup => "Today's Follow-Ups",
            NavBlasts => "Blasts",
            NavAnalytics => "Analytics",
            NavPanel => "Agent Panel",
            NavUsers => "Users",
            NavSettings => "Settings",
            PanelTitle => "Agent Panel",
            PanelHint => "Every agent of every division, updated live.",
            ActiveTickets => "active tickets",
            IdleTickets => "idle > 4 h",
            SinceWhen => "since",
            SetOnline => "Set Online",
            SetOffline => "Set Offline",
            AllDivisions => "All divisions",
            InboxTitle => "Inbox",
            FreeTitle => "Active Bot Conversations",
            Empty => "No tickets here yet.",
            EmptyFree => "No bot conversations waiting. New tickets appear here.",
            Loading => "Loading…",
            Retry => "Retry",
            Unassigned => "No agent yet",
            Coming => "Coming soon",
            ComingBody => "This page is being prepared. The menu already follows your role's access rights.",
            Forbidden => "You do not have access to this page.",
            Settings => "Settings",
            Language => "Language",
            Theme => "Theme",
            ThemeSystem => "Follow system",
            ThemeLight => "Light",
            ThemeDark => "Dark",
            Backend => "API server",
            SecretStore => "Session storage",
            SessionNotPersistent => "The session is kept in memory only: sign in again after closing the app.",
            Connection => "Connection",
            ConnStream => "Live",
            ConnPolling => "Polling",
            ConnOffline => "Disconnected — retrying",
            StatusFailed => "Status could not be changed",
            Agents => "agents",
            Role => "Role",
            Division => "Division",
            Status => "Status",
        },
    }
}

pub fn role_label(lang: Lang, r: saga_core::Role) -> &'static str {
    use saga_core::Role::*;
    match (lang, r) {
        (_, SuperAdmin) => "Super Admin",
        (_, TeamLead) => "Team Lead",
        (Lang::Id, SalesAgent) => "Sales Agent",
        (Lang::En, SalesAgent) => "Sales Agent",
        (Lang::Id, Viewer) => "Pengamat",
        (Lang::En, Viewer) => "Viewer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prd_strings_are_verbatim_in_indonesian() {
        assert_eq!(
            t(Lang::Id, K::OfflineConfirm),
            "Anda tidak akan menerima tiket baru. Tiket aktif Anda tetap di tangan Anda."
        );
        assert_eq!(t(Lang::Id, K::NavFree), "Percakapan Bot Aktif");
        assert_eq!(t(Lang::Id, K::NavFollowup), "Follow-Up Hari Ini");
    }
}
