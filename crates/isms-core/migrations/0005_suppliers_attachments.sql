-- ISMS Desk schema version 5: suppliers and cloud services (A.5.19–5.23, ISO/IEC 27017 customer side), their
-- evaluations (frozen once approved) and monitoring log; attachments stored inside the file; editable lists kept as
-- data (supplier kinds, statuses, criticality, checklists — seeded from templates/suppliers/).

-- Lists the user edits in Settings, one JSON document per key (e.g. `supplier_register`, `supplier_checklists`).
CREATE TABLE settings (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    key             TEXT NOT NULL,
    value           TEXT NOT NULL,  -- JSON
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (organisation_id, key)
) STRICT;

-- File contents, once per distinct content (content-addressed, deduplicated).
CREATE TABLE attachment_blobs (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size   INTEGER NOT NULL CHECK (size >= 0),
    data   BLOB NOT NULL
) STRICT;

-- A file attached to a record: its name and type as the user gave it, who added it and when.
CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    sha256          TEXT NOT NULL REFERENCES attachment_blobs(sha256),
    name            TEXT NOT NULL CHECK (name <> ''),
    media_type      TEXT NOT NULL,
    size            INTEGER NOT NULL,
    owner_entity    TEXT NOT NULL,  -- supplier, supplier_evaluation, incident …
    owner_id        TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    added_at        TEXT NOT NULL,
    added_by        TEXT NOT NULL,
    removed_at      TEXT            -- kept (the audit trail names it) but no longer shown
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner_entity, owner_id);

CREATE TABLE suppliers (
    id                       INTEGER PRIMARY KEY,
    organisation_id          INTEGER NOT NULL REFERENCES organisations(id),
    supplier_id              TEXT NOT NULL CHECK (supplier_id <> ''),
    name                     TEXT NOT NULL CHECK (name <> ''),
    kind                     TEXT NOT NULL DEFAULT '',
    services                 TEXT NOT NULL DEFAULT '',
    purpose                  TEXT NOT NULL DEFAULT '',
    info_categories          TEXT NOT NULL DEFAULT '[]',  -- JSON list of category ids
    highest_level            TEXT NOT NULL DEFAULT '',    -- a classification level (name_ja), or ''
    criticality              TEXT NOT NULL DEFAULT '',
    status                   TEXT NOT NULL DEFAULT 'evaluating',
    subcontracting_allowed   INTEGER NOT NULL DEFAULT 0 CHECK (subcontracting_allowed IN (0, 1)),
    subcontractors           TEXT NOT NULL DEFAULT '[]',  -- JSON list of supplier ids
    assets                   TEXT NOT NULL DEFAULT '[]',  -- JSON list of asset ids
    controls                 TEXT NOT NULL DEFAULT '[]',  -- JSON list of control ids
    contracts                TEXT NOT NULL DEFAULT '[]',  -- JSON list: kind, title, signed_on, expires_on, attachment
    certifications           TEXT NOT NULL DEFAULT '[]',  -- JSON list: kind, number, scope, expires_on, attachment
    data_location            TEXT NOT NULL DEFAULT '',
    governing_law            TEXT NOT NULL DEFAULT '',
    security_url             TEXT NOT NULL DEFAULT '',
    contact                  TEXT NOT NULL DEFAULT '',
    disclose_as_subprocessor INTEGER NOT NULL DEFAULT 0 CHECK (disclose_as_subprocessor IN (0, 1)),
    notes                    TEXT NOT NULL DEFAULT '',
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    UNIQUE (organisation_id, supplier_id)
) STRICT;

-- Evaluation records (評価記録). A draft can be edited; once approved it is frozen: a correction is a new evaluation.
CREATE TABLE supplier_evaluations (
    id               INTEGER PRIMARY KEY,
    supplier_row     INTEGER NOT NULL REFERENCES suppliers(id),
    kind             TEXT NOT NULL CHECK (kind IN ('new', 'periodic', 're_evaluation', 'change')),
    evaluated_on     TEXT NOT NULL,
    answers          TEXT NOT NULL,  -- JSON: item id, the question as asked (ja/en), answer, note, evidence
    result           TEXT CHECK (result IN ('pass', 'conditional', 'fail')),
    conditions       TEXT NOT NULL DEFAULT '',
    evaluator        TEXT NOT NULL DEFAULT '',
    approver         TEXT NOT NULL DEFAULT '',
    approved_at      TEXT,
    next_due         TEXT,
    related_incident TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (approved_at IS NULL OR (result IS NOT NULL AND evaluator <> '' AND approver <> '')),
    CHECK (next_due IS NULL OR next_due > evaluated_on)
) STRICT;
CREATE INDEX supplier_evaluations_supplier ON supplier_evaluations(supplier_row);

CREATE TRIGGER supplier_evaluations_frozen_update BEFORE UPDATE ON supplier_evaluations
WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an approved evaluation is frozen: record a new evaluation instead');
END;

CREATE TRIGGER supplier_evaluations_frozen_delete BEFORE DELETE ON supplier_evaluations
WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an approved evaluation is frozen: record a new evaluation instead');
END;

-- The monitoring log (委託先の監督): dated notes, SLA breaches, incidents the supplier reported, service changes.
CREATE TABLE supplier_monitoring (
    id           INTEGER PRIMARY KEY,
    supplier_row INTEGER NOT NULL REFERENCES suppliers(id),
    on_date      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('review', 'sla_breach', 'incident', 'service_change', 'other')),
    note         TEXT NOT NULL CHECK (note <> ''),
    recorded_by  TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX supplier_monitoring_supplier ON supplier_monitoring(supplier_row);
