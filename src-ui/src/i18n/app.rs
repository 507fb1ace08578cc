//! Texts of the app's own frame: desktop updates (issue 16, DOCS-4) and the
//! phone layout ('Lainnya', back, the titles of detail pages).

use super::Lang;

pub struct Tx {
    pub update_title: &'static str,
    pub update_check: &'static str,
    pub update_idle: &'static str,
    pub update_checking: &'static str,
    pub update_latest: &'static str,
    /// `{}`: the version; then the percentage when known.
    pub update_downloading: &'static str,
    pub update_ready: &'static str,
    pub update_ready_wait: &'static str,
    pub update_ready_now: &'static str,
    pub update_notice: &'static str,
    pub update_restart: &'static str,
    pub update_later: &'static str,
    pub more: &'static str,
    pub back: &'static str,
    pub bar_free: &'static str,
    pub bar_followup: &'static str,
    pub bar_panel: &'static str,
    pub title_ticket: &'static str,
    pub title_crm: &'static str,
    pub title_blast_new: &'static str,
    pub title_blast: &'static str,
    pub title_user_new: &'static str,
    pub title_user: &'static str,
    pub title_privileges: &'static str,
    pub title_hours: &'static str,
}

pub const ID: Tx = Tx {
    update_title: "Pembaruan aplikasi",
    update_check: "Periksa pembaruan",
    update_idle: "Pembaruan diperiksa otomatis di latar belakang.",
    update_checking: "Memeriksa pembaruan…",
    update_latest: "Anda memakai versi terbaru.",
    update_downloading: "Mengunduh versi {}…",
    update_ready: "Versi {} siap.",
    update_ready_wait: "Dipasang setelah Anda Offline, atau saat aplikasi ditutup. Percakapan Anda tidak terganggu.",
    update_ready_now: "Draf dan balasan yang belum terkirim tetap ada setelah mulai ulang.",
    update_notice: "Versi baru siap",
    update_restart: "Mulai ulang sekarang",
    update_later: "Nanti",
    more: "Lainnya",
    back: "Kembali",
    bar_free: "Bot Aktif",
    bar_followup: "Follow-Up",
    bar_panel: "Panel",
    title_ticket: "Percakapan",
    title_crm: "CRM",
    title_blast_new: "Blast baru",
    title_blast: "Detail blast",
    title_user_new: "Pengguna baru",
    title_user: "Pengguna",
    title_privileges: "Hak akses peran",
    title_hours: "Jam operasional",
};

pub const EN: Tx = Tx {
    update_title: "App updates",
    update_check: "Check for updates",
    update_idle: "Updates are checked in the background.",
    update_checking: "Checking for updates…",
    update_latest: "You have the latest version.",
    update_downloading: "Downloading version {}…",
    update_ready: "Version {} is ready.",
    update_ready_wait: "It is installed once you are Offline, or when the app closes. Your conversations are not interrupted.",
    update_ready_now: "Drafts and unsent replies are still there after the restart.",
    update_notice: "A new version is ready",
    update_restart: "Restart now",
    update_later: "Later",
    more: "More",
    back: "Back",
    bar_free: "Bot chats",
    bar_followup: "Follow-Up",
    bar_panel: "Panel",
    title_ticket: "Conversation",
    title_crm: "CRM",
    title_blast_new: "New blast",
    title_blast: "Blast",
    title_user_new: "New user",
    title_user: "User",
    title_privileges: "Role privileges",
    title_hours: "Office hours",
};

pub fn tx(lang: Lang) -> &'static Tx {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}
