-- Issue 17: the answer each write was first given, by the caller's
-- idempotency key, so a retried write is stored once and answered the same.
CREATE TABLE idempotent_writes (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    route TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- The key a note was written with, so the app can match a note whose
-- answer it never received to the one waiting in its outbox.
ALTER TABLE internal_messages ADD COLUMN idempotency_key TEXT;
