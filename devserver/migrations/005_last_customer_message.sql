-- WhatsApp's 24-hour window (issue 12): when the customer last wrote. Kept
-- on the ticket (the only writers of customer messages set it) so the
-- inbox and the reply check read it without scanning messages.
ALTER TABLE tickets ADD COLUMN last_customer_at TEXT;
UPDATE tickets SET last_customer_at =
    (SELECT max(m.created_at) FROM messages m WHERE m.ticket_id = tickets.id AND m.sender = 'customer');
