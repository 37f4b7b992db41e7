-- ISMS Desk schema version 8: a tamper-evident audit trail and imports that can be undone.
--
-- Each audit entry carries a SHA-256 over its own content and the previous entry's hash (`hash`): the program computes
-- it as it appends, and the trigger below chains any entry inserted without one (through the `isms_audit_hash`
-- function the program registers on its connection; another SQL tool has no such function, so such an insert fails);
-- the entries written before this version are chained by the program in the same transaction as this migration. An entry cannot be
-- changed or deleted through the program, and a change made with another SQL tool breaks the chain
-- (`isms audit verify`). Issued SoA and whitepaper versions record the chain head at issue.
--
-- Every import is a batch: the file (name, SHA-256), sheet, counts, who and when, and per asset what it did (inserted,
-- or updated from a recorded previous value), so that `isms imports undo` can take it back.

ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log
WHEN NEW.hash IS NULL
BEGIN
    UPDATE audit_log
    SET hash = isms_audit_hash(
        (SELECT p.hash FROM audit_log p WHERE p.id < NEW.id ORDER BY p.id DESC LIMIT 1),
        NEW.id, NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.record_id, NEW.field, NEW.old_value, NEW.new_value)
    WHERE id = NEW.id;
END;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OF id, at, actor, action, entity, record_id, field, old_value, new_value
ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_hash_once BEFORE UPDATE OF hash ON audit_log
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

ALTER TABLE soa_versions ADD COLUMN chain_head TEXT;
ALTER TABLE whitepaper_versions ADD COLUMN chain_head TEXT;

CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    kind            TEXT NOT NULL,             -- assets, suppliers, controls
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    sheet           TEXT NOT NULL DEFAULT '',
    mapping         TEXT NOT NULL DEFAULT '{}',  -- JSON: column → field as used
    counts          TEXT NOT NULL DEFAULT '{}',  -- JSON: inserted, updated, unchanged, rejected …
    actor           TEXT NOT NULL,
    at              TEXT NOT NULL,
    audit_high      INTEGER NOT NULL DEFAULT 0,  -- the last audit entry the import wrote
    undone_at       TEXT,
    undone_by       TEXT,
    undo_note       TEXT NOT NULL DEFAULT ''
) STRICT;

-- One row per record an import wrote (a batch writes each record once).
CREATE TABLE import_batch_rows (
    batch_id  INTEGER NOT NULL REFERENCES import_batches(id),
    record_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update')),
    before    TEXT,                             -- JSON of the record before an update
    after     TEXT NOT NULL DEFAULT ''          -- SHA-256 of the record as the import left it (changed since?)
) STRICT;
CREATE INDEX import_batch_rows_batch ON import_batch_rows(batch_id);
