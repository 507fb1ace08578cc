//! Texts of the Follow-Up Center, the single follow-up, WhatsApp's window
//! and blasts. One table per language: a text missing in one language does
//! not compile. PRD strings come verbatim from `saga_core::strings`.

use super::Lang;
use saga_core::strings as s;
use saga_core::{BlastStatus, FollowUpCategory};

pub struct Tx {
    pub title: &'static str,
    pub intro: &'static str,
    pub empty: &'static str,
    pub empty_filtered: &'static str,
    pub all_categories: &'static str,
    pub days_ago: &'static str,
    pub today: &'static str,
    pub show_more: &'static str,
    pub leads: &'static str,
    pub send_followup: &'static str,
    pub templates: &'static str,
    pub no_templates: &'static str,
    pub message: &'static str,
    pub preview: &'static str,
    pub preview_hint: &'static str,
    pub placeholders: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub sent: &'static str,
    pub not_sent: &'static str,
    pub queued: &'static str,
    pub waiting: &'static str,
    pub retry: &'static str,
    pub close: &'static str,
    pub edited_free_text: &'static str,
    pub back_to_template: &'static str,
    pub pick_template_first: &'static str,
    pub wa_open: &'static str,
    pub wa_closed: &'static str,
    pub wa_closed_composer: &'static str,
    pub wa_pick_template: &'static str,
    pub hours: &'static str,
    pub minutes: &'static str,
    pub under_a_minute: &'static str,
    // blasts
    pub blasts: &'static str,
    pub new_blast: &'static str,
    pub awaiting: &'static str,
    pub my_blasts: &'static str,
    pub rejected: &'static str,
    pub completed: &'static str,
    pub no_blasts: &'static str,
    pub recipients: &'static str,
    pub recipient_count: &'static str,
    pub mode_filter: &'static str,
    pub mode_manual: &'static str,
    pub by_category: &'static str,
    pub by_stage: &'static str,
    pub any_stage: &'static str,
    pub select_all: &'static str,
    pub select_none: &'static str,
    pub previews: &'static str,
    pub previews_more: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub need_recipients: &'static str,
    pub need_message: &'static str,
    pub closed_windows: &'static str,
    pub submitted_by: &'static str,
    pub decided_by: &'static str,
    pub approve: &'static str,
    pub approve_confirm: &'static str,
    pub reject: &'static str,
    pub reject_reason: &'static str,
    pub reject_confirm: &'static str,
    pub reason_required: &'static str,
    pub reason: &'static str,
    pub progress: &'static str,
    pub response_rate: &'static str,
    pub responded: &'static str,
    pub back_to_list: &'static str,
    pub created: &'static str,
    pub template_custom: &'static str,
    pub search_recipients: &'static str,
    pub more_recipients: &'static str,
}

pub const ID: Tx = Tx {
    title: s::FOLLOWUP_TODAY,
    intro: "Lead yang paling mungkin closing hari ini, dinilai sistem dari data CRM dan aktivitas terakhir.",
    empty: "Tidak ada lead untuk di-follow-up hari ini. Lead baru muncul di sini begitu ada penawaran atau aktivitas.",
    empty_filtered: "Tidak ada lead dengan filter ini.",
    all_categories: "Semua kategori",
    days_ago: "{} hari lalu",
    today: "hari ini",
    show_more: "Tampilkan {} lagi",
    leads: "{} lead",
    send_followup: s::SEND_FOLLOWUP,
    templates: "Template",
    no_templates: "Belum ada template untuk divisi ini.",
    message: "Pesan",
    preview: "Yang diterima pelanggan",
    preview_hint: "Placeholder diisi dari data tiket.",
    placeholders: "Placeholder",
    send: "Kirim",
    sending: "Mengirim…",
    sent: "Follow-up terkirim.",
    not_sent: "Follow-up belum terkirim: {}. Pesan Anda tetap di sini.",
    queued: "Follow-up belum terkirim ({}). Disimpan di percakapan dan dicoba lagi otomatis.",
    waiting: "Follow-up belum terkirim",
    retry: "Coba lagi",
    close: "Tutup",
    edited_free_text: "Template yang diubah menjadi teks bebas. Jendela 24 jam WhatsApp sudah tertutup, jadi hanya template tanpa perubahan yang dapat dikirim.",
    back_to_template: "Kembalikan ke template",
    pick_template_first: "Pilih template dulu: di luar jendela 24 jam WhatsApp hanya menerima template.",
    wa_open: "Jendela WhatsApp {}",
    wa_closed: "Jendela 24 jam WhatsApp tertutup",
    wa_closed_composer: "Pelanggan terakhir menulis lebih dari 24 jam lalu. WhatsApp hanya mengizinkan template sampai pelanggan membalas.",
    wa_pick_template: "Pilih template",
    hours: "j",
    minutes: "m",
    under_a_minute: "< 1 m",
    blasts: "Blast",
    new_blast: "Buat blast",
    awaiting: s::BLAST_PENDING,
    my_blasts: "Blast saya",
    rejected: "Ditolak",
    completed: "Selesai",
    no_blasts: "Belum ada blast.",
    recipients: "Penerima",
    recipient_count: "{} penerima",
    mode_filter: "Mode filter",
    mode_manual: "Pilih manual",
    by_category: "Kategori",
    by_stage: "Tahap CRM",
    any_stage: "Semua tahap",
    select_all: "Pilih semua",
    select_none: "Kosongkan",
    previews: "Pratinjau per penerima",
    previews_more: "dan {} penerima lainnya",
    submit: "Ajukan untuk persetujuan",
    submitting: "Mengajukan…",
    need_recipients: "Pilih minimal satu penerima.",
    need_message: "Tulis pesan blast.",
    closed_windows: "{} penerima WhatsApp sudah lebih dari 24 jam tidak menulis: mereka hanya dapat menerima template tanpa perubahan.",
    submitted_by: "Diajukan oleh",
    decided_by: "Diputuskan oleh",
    approve: "Setujui",
    approve_confirm: "Setujui blast ini? Pesan langsung dikirim ke {} penerima.",
    reject: s::REJECT,
    reject_reason: "Alasan penolakan",
    reject_confirm: "Tolak blast",
    reason_required: "Tulis alasan penolakan.",
    reason: "Alasan",
    progress: "{} dari {} terkirim",
    response_rate: "Tingkat respons",
    responded: "{} dari {} membalas",
    back_to_list: "Semua blast",
    created: "Dibuat",
    template_custom: "Tanpa template",
    search_recipients: "Cari nama pelanggan…",
    more_recipients: "{} lead lain tidak ditampilkan: cari nama untuk mempersempit.",
};

pub const EN: Tx = Tx {
    title: "Today's Follow-Ups",
    intro: "The leads most likely to close today, rated by the system from CRM data and recent activity.",
    empty: "No leads to follow up today. New leads appear here once there is a quote or activity.",
    empty_filtered: "No leads match this filter.",
    all_categories: "All categories",
    days_ago: "{} days ago",
    today: "today",
    show_more: "Show {} more",
    leads: "{} leads",
    send_followup: "Send Follow-Up",
    templates: "Templates",
    no_templates: "No templates for this division yet.",
    message: "Message",
    preview: "What the customer receives",
    preview_hint: "Placeholders are filled from the ticket.",
    placeholders: "Placeholders",
    send: "Send",
    sending: "Sending…",
    sent: "Follow-up sent.",
    not_sent: "The follow-up was not sent: {}. Your message is kept here.",
    queued: "The follow-up was not sent ({}). It waits in the conversation and is retried automatically.",
    waiting: "Follow-up not sent yet",
    retry: "Retry",
    close: "Close",
    edited_free_text: "An edited template is free text. WhatsApp's 24-hour window has closed, so only an unedited template can be sent.",
    back_to_template: "Restore the template",
    pick_template_first: "Pick a template first: outside the 24-hour window WhatsApp takes templates only.",
    wa_open: "WhatsApp window {}",
    wa_closed: "WhatsApp 24-hour window closed",
    wa_closed_composer: "The customer last wrote more than 24 hours ago. WhatsApp allows only templates until the customer replies.",
    wa_pick_template: "Pick a template",
    hours: "h",
    minutes: "m",
    under_a_minute: "< 1 m",
    blasts: "Blasts",
    new_blast: "New blast",
    awaiting: "Awaiting Approval",
    my_blasts: "My blasts",
    rejected: "Rejected",
    completed: "Finished",
    no_blasts: "No blasts yet.",
    recipients: "Recipients",
    recipient_count: "{} recipients",
    mode_filter: "By filter",
    mode_manual: "Pick by hand",
    by_category: "Category",
    by_stage: "CRM stage",
    any_stage: "Any stage",
    select_all: "Select all",
    select_none: "Clear",
    previews: "Preview per recipient",
    previews_more: "and {} more recipients",
    submit: "Submit for approval",
    submitting: "Submitting…",
    need_recipients: "Pick at least one recipient.",
    need_message: "Write the blast's message.",
    closed_windows: "{} WhatsApp recipients have not written for more than 24 hours: they can receive only an unedited template.",
    submitted_by: "Submitted by",
    decided_by: "Decided by",
    approve: "Approve",
    approve_confirm: "Approve this blast? It goes out at once to {} recipients.",
    reject: "Reject",
    reject_reason: "Reason for rejecting",
    reject_confirm: "Reject blast",
    reason_required: "Write why it is rejected.",
    reason: "Reason",
    progress: "{} of {} sent",
    response_rate: "Response rate",
    responded: "{} of {} replied",
    back_to_list: "All blasts",
    created: "Created",
    template_custom: "No template",
    search_recipients: "Search customer names…",
    more_recipients: "{} more leads not shown: search a name to narrow the list.",
};

pub fn tx(lang: Lang) -> &'static Tx {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// FU-REC-2: PANAS / HANGAT / DINGIN (verbatim in Indonesian).
/// A category this build does not know is written as it comes (OQ-1).
pub fn category(lang: Lang, c: &FollowUpCategory) -> &str {
    match (lang, c) {
        (Lang::Id, FollowUpCategory::Panas) => "PANAS",
        (Lang::Id, FollowUpCategory::Hangat) => "HANGAT",
        (Lang::Id, FollowUpCategory::Dingin) => "DINGIN",
        (Lang::En, FollowUpCategory::Panas) => "HOT",
        (Lang::En, FollowUpCategory::Hangat) => "WARM",
        (Lang::En, FollowUpCategory::Dingin) => "COLD",
        (_, FollowUpCategory::Other(s)) => s,
    }
}

/// A blast's state (BLAST-3, BLAST-6; OQ-22 for rejected and finished); one
/// this build does not know is written as it comes (OQ-1).
pub fn blast_status(lang: Lang, st: &BlastStatus) -> &str {
    let t = tx(lang);
    match (lang, st) {
        (_, BlastStatus::PendingApproval) => t.awaiting,
        (Lang::Id, BlastStatus::Sending) => s::BLAST_SENDING,
        (Lang::En, BlastStatus::Sending) => "Sending",
        (_, BlastStatus::Rejected) => t.rejected,
        (_, BlastStatus::Completed) => t.completed,
        (_, BlastStatus::Other(s)) => s,
    }
}

/// '15 j 30 m' (the WhatsApp window's time left).
pub fn remaining(lang: Lang, secs: i64) -> String {
    let t = tx(lang);
    if secs < 60 {
        return t.under_a_minute.to_string();
    }
    let (h, m) = saga_core::followup::hours_minutes(secs);
    format!("{h} {} {m} {}", t.hours, t.minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prd_strings_are_verbatim() {
        assert_eq!(ID.title, "Follow-Up Hari Ini");
        assert_eq!(ID.send_followup, "Kirim Follow-Up");
        assert_eq!(ID.awaiting, "Menunggu Persetujuan");
        assert_eq!(ID.reject, "Tolak");
        assert_eq!(
            blast_status(Lang::Id, &BlastStatus::Sending),
            "Sedang Dikirim"
        );
        assert_eq!(category(Lang::Id, &FollowUpCategory::Hangat), "HANGAT");
    }

    #[test]
    fn time_left_reads_as_hours_and_minutes() {
        assert_eq!(remaining(Lang::Id, 15 * 3600 + 30 * 60 + 12), "15 j 30 m");
        assert_eq!(remaining(Lang::En, 2 * 3600), "2 h 0 m");
        assert_eq!(remaining(Lang::Id, 30), "< 1 m");
    }
}
