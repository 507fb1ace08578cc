-- Inbox search (issue 14, the `q` extension of API-4): part of a customer's
-- name, WhatsApp name or phone digits, through a trigram index (substring
-- matches without reading the customers table). Kept in step by triggers.
CREATE VIRTUAL TABLE customer_search USING fts5(
    name, wa, phone_digits,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);
INSERT INTO customer_search (rowid, name, wa, phone_digits)
    SELECT rowid, name, IFNULL(wa_display_name, ''),
           replace(replace(replace(replace(IFNULL(phone, ''), ' ', ''), '+', ''), '-', ''), '.', '')
    FROM customers;
CREATE TRIGGER customers_search_ai AFTER INSERT ON customers BEGIN
    INSERT INTO customer_search (rowid, name, wa, phone_digits)
    VALUES (new.rowid, new.name, IFNULL(new.wa_display_name, ''),
            replace(replace(replace(replace(IFNULL(new.phone, ''), ' ', ''), '+', ''), '-', ''), '.', ''));
END;
CREATE TRIGGER customers_search_au AFTER UPDATE ON customers BEGIN
    DELETE FROM customer_search WHERE rowid = old.rowid;
    INSERT INTO customer_search (rowid, name, wa, phone_digits)
    VALUES (new.rowid, new.name, IFNULL(new.wa_display_name, ''),
            replace(replace(replace(replace(IFNULL(new.phone, ''), ' ', ''), '+', ''), '-', ''), '.', ''));
END;
CREATE TRIGGER customers_search_ad AFTER DELETE ON customers BEGIN
    DELETE FROM customer_search WHERE rowid = old.rowid;
END;
-- The panel's idle list: assigned tickets, oldest activity first.
CREATE INDEX tickets_queue_activity ON tickets(queue_status, last_activity_at);
