-- Issue 15: each notification says its kind (message, note, mention,
-- assignment, moved, blast-approval, blast-done); phones register their
-- push token (OQ-6 extension), and the dev server records each push it
-- would send, with its payload, for tests and demos (GET /api/dev/pushes).
ALTER TABLE notifications ADD COLUMN kind TEXT;
CREATE TABLE devices (
  token TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX devices_user ON devices(user_id);
CREATE TABLE pushes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  token TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL
);
