-- Saga Desk dev server schema. Timestamps are RFC 3339 UTC strings with
-- milliseconds, so they sort as text.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  division TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'offline',
  status_changed_at TEXT NOT NULL,
  privileges TEXT NOT NULL DEFAULT '[]',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE role_privileges (role TEXT PRIMARY KEY, privileges TEXT NOT NULL);
CREATE TABLE status_log (user_id TEXT NOT NULL, status TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX status_log_user ON status_log(user_id, at);

CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT,
  wa_display_name TEXT,
  previous_agent_id TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  division TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL,
  wa_display_name TEXT,
  status TEXT NOT NULL,
  queue_status TEXT NOT NULL,
  assigned_to TEXT,
  waiting_for_agent TEXT,
  returning_customer INTEGER NOT NULL DEFAULT 0,
  off_hours INTEGER NOT NULL DEFAULT 0,
  crm_stage TEXT NOT NULL DEFAULT 'Lead',
  lost_reason TEXT,
  quote_value INTEGER,
  deal_value INTEGER,
  crm_data TEXT NOT NULL DEFAULT '{}',
  bot_detected TEXT NOT NULL DEFAULT '[]',
  agent_corrected TEXT NOT NULL DEFAULT '[]',
  sa_joined INTEGER NOT NULL DEFAULT 0,
  bot_resolved INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  waiting_since TEXT,
  first_pickup_at TEXT,
  closed_at TEXT,
  last_message_preview TEXT
);
CREATE INDEX tickets_div_created ON tickets(division, created_at DESC);
CREATE INDEX tickets_created ON tickets(created_at DESC);
CREATE INDEX tickets_queue ON tickets(queue_status, division, created_at DESC);
CREATE INDEX tickets_assigned ON tickets(assigned_to, created_at DESC);
CREATE INDEX tickets_customer ON tickets(customer_id);

CREATE TABLE tags (name TEXT PRIMARY KEY, kind TEXT NOT NULL);
CREATE TABLE ticket_tags (ticket_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (ticket_id, tag));
CREATE INDEX ticket_tags_tag ON ticket_tags(tag, ticket_id);

-- Everyone who is or was a ticket's assignee, or was tagged in its L2 (OQ-13).
CREATE TABLE ticket_involvement (ticket_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (ticket_id, user_id));

-- Layer 1: the conversation with the customer.
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  sender_id TEXT,
  sender_name TEXT,
  content TEXT NOT NULL,
  confidence REAL,
  delivery TEXT NOT NULL,
  idempotency_key TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX messages_ticket ON messages(ticket_id, created_at);
CREATE UNIQUE INDEX messages_idem ON messages(ticket_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- The simulated outbound channel (what reaches WhatsApp etc.). Only L1
-- writes here; L2 has no path to this table.
CREATE TABLE outbound (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Layer 2: internal notes. Separate table, separate endpoints.
CREATE TABLE internal_messages (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  content TEXT NOT NULL,
  tagged_agent_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX internal_messages_ticket ON internal_messages(ticket_id, created_at);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX audit_ticket ON audit_log(ticket_id, seq);

CREATE TABLE notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  layer TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  ticket_id TEXT,
  read INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_user ON notifications(user_id, seq DESC);

CREATE TABLE templates (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL, division TEXT);
CREATE TABLE followups (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  template_id TEXT,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE blasts (
  id TEXT PRIMARY KEY,
  division TEXT NOT NULL,
  created_by TEXT NOT NULL,
  message TEXT NOT NULL,
  template_id TEXT,
  status TEXT NOT NULL,
  reject_reason TEXT,
  decided_by TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE blast_recipients (
  blast_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  category TEXT NOT NULL,
  sent_at TEXT,
  PRIMARY KEY (blast_id, ticket_id)
);

CREATE TABLE office_hours (
  division TEXT NOT NULL,
  day INTEGER NOT NULL,
  open TEXT NOT NULL,
  close TEXT NOT NULL,
  closed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (division, day)
);

CREATE TABLE exports (
  id TEXT PRIMARY KEY,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL
);
