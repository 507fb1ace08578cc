//! UI strings the PRD quotes verbatim, in one place so the app, the server
//! and the tests use the same text (see the catalog's string table).

/// TOGGLE-5
pub const OFFLINE_CONFIRM: &str =
    "Anda tidak akan menerima tiket baru. Tiket aktif Anda tetap di tangan Anda.";
/// FREE-1, API-5
pub const FREE_TAB: &str = "Percakapan Bot Aktif";
/// DETAIL-L1-2
pub const SENDER_CUSTOMER: &str = "PELANGGAN";
pub const SENDER_BOT: &str = "BOT";
/// DETAIL-L1-3
pub const DELIVERY_SENT: &str = "terkirim";
pub const DELIVERY_FAILED: &str = "gagal";
/// DETAIL-L1-4, TAKEOVER-1
pub const TAKEOVER: &str = "AMBIL ALIH KE SAYA";
/// DETAIL-L2-2
pub const L2_HEADER: &str = "Tidak terlihat oleh pelanggan";
/// DETAIL-L2-3
pub const L2_COMPOSER_LABEL: &str = "Internal — tidak terlihat pelanggan";
/// DETAIL-L2-5
pub const REPLY_AS_SAGA_TEAM: &str = "Balas sebagai Saga Team";
pub const SAGA_TEAM: &str = "Saga Team";
/// DETAIL-L2-6
pub const SA_JOINED: &str = "Super Admin ikut membalas";
/// TAKEOVER-4
pub const ALREADY_TAKEN: &str = "Tiket sudah diambil oleh agent lain";
/// ASSIGN-1
pub const ASSIGN: &str = "Assign ke Agent";
pub const REASSIGN: &str = "Pindahkan ke Agent Lain";
/// CRM-SAFIA-10
pub const BOT_DETECTED: &str = "Terdeteksi oleh bot";
/// OQ-17: the badge once an agent changed a bot-filled value.
pub const AGENT_CORRECTED: &str = "Dikoreksi agent";
/// CRM-SAVI-6: the computed document status.
pub const DOCS_COMPLETE: &str = "lengkap";
pub const DOCS_INCOMPLETE: &str = "belum";
/// CRM-SAVI-4
pub const EV_NOTE: &str = "Hanya via port Jakarta, baterai 25-49%";
/// FU-REC-1, FU-SINGLE-1
pub const FOLLOWUP_TODAY: &str = "Follow-Up Hari Ini";
pub const SEND_FOLLOWUP: &str = "Kirim Follow-Up";
/// BLAST-3..6
pub const BLAST_PENDING: &str = "Menunggu Persetujuan";
pub const BLAST_PENDING_NOTIFY: &str = "Ada blast menunggu persetujuan";
pub const REJECT: &str = "Tolak";
pub const BLAST_SENDING: &str = "Sedang Dikirim";
/// EXPORT-1
pub const EXPORT_EXCEL: &str = "Ekspor Excel";
pub const EXPORT_PDF: &str = "Ekspor PDF";

/// Messages of our own (not quoted by the PRD).
pub const SESSION_EXPIRED: &str = "Sesi Anda telah berakhir. Silakan masuk kembali.";
pub const RATE_LIMITED: &str = "Terlalu banyak permintaan. Coba lagi sebentar lagi.";
pub const WRONG_CREDENTIALS: &str = "Email atau kata sandi salah.";
pub const ACCOUNT_DEACTIVATED: &str = "Akun Anda telah dinonaktifkan. Hubungi Super Admin.";
pub const SERVER_UNREACHABLE: &str =
    "Server tidak dapat dihubungi. Periksa koneksi internet Anda lalu coba lagi.";

/// 'Tiket Anda dipindahkan oleh [nama SA/TL]' (ASSIGN-3)
pub fn ticket_moved_by(name: &str) -> String {
    format!("Tiket Anda dipindahkan oleh {name}")
}

/// 'Menunggu Agent [Nama]' (RETURN-2)
pub fn waiting_for_agent(name: &str) -> String {
    format!("Menunggu Agent {name}")
}

/// 'AGENT [nama]' (DETAIL-L1-2)
pub fn agent_label(name: &str) -> String {
    format!("AGENT {name}")
}
