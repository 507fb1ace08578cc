//! Texts of the notification centre and its preferences (issue 15).

use super::Lang;
use saga_core::notify::{Layer, NotificationKind};

pub struct Tx {
    pub bell: &'static str,
    pub title: &'static str,
    pub read_all: &'static str,
    pub empty: &'static str,
    pub close: &'static str,
    pub l1: &'static str,
    pub l2: &'static str,
    pub system: &'static str,
    pub unread: &'static str,
    pub more: &'static str,
    pub prefs_title: &'static str,
    pub prefs_on: &'static str,
    pub prefs_sound: &'static str,
    pub prefs_always: &'static str,
    pub quiet_offline: &'static str,
    pub kinds: [&'static str; 7],
}

pub const ID: Tx = Tx {
    bell: "Notifikasi",
    title: "Notifikasi",
    read_all: "Tandai semua dibaca",
    empty: "Belum ada notifikasi.",
    close: "Tutup",
    l1: "Percakapan pelanggan (L1)",
    l2: "Internal (L2)",
    system: "Tugas dan blast",
    unread: "belum dibaca",
    more: "Tampilkan {} lagi",
    prefs_title: "Notifikasi",
    prefs_on: "Tampilkan",
    prefs_sound: "Suara",
    prefs_always: "selalu aktif",
    quiet_offline: "Senyap saat Offline (pusat notifikasi tetap diperbarui)",
    kinds: [
        "Pesan pelanggan",
        "Catatan internal",
        "Anda ditandai",
        "Tiket untuk Anda",
        "Tiket dipindahkan",
        "Blast menunggu persetujuan",
        "Blast selesai",
    ],
};

pub const EN: Tx = Tx {
    bell: "Notifications",
    title: "Notifications",
    read_all: "Mark all read",
    empty: "No notifications yet.",
    close: "Close",
    l1: "Customer conversation (L1)",
    l2: "Internal (L2)",
    system: "Tasks and blasts",
    unread: "unread",
    more: "Show {} more",
    prefs_title: "Notifications",
    prefs_on: "Show",
    prefs_sound: "Sound",
    prefs_always: "always on",
    quiet_offline: "Quiet while Offline (the centre stays current)",
    kinds: [
        "Customer message",
        "Internal note",
        "You were tagged",
        "Ticket for you",
        "Ticket moved",
        "Blast awaiting approval",
        "Blast finished",
    ],
};

pub fn tx(lang: Lang) -> &'static Tx {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

pub fn kind_label(lang: Lang, k: NotificationKind) -> &'static str {
    let i = NotificationKind::ALL
        .iter()
        .position(|x| *x == k)
        .unwrap_or(0);
    tx(lang).kinds[i]
}

pub fn layer_label(lang: Lang, l: Layer) -> &'static str {
    let t = tx(lang);
    match l {
        Layer::L1 => t.l1,
        Layer::L2 => t.l2,
        Layer::System => t.system,
    }
}
