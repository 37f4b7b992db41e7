-- ISMS Desk schema version 1: catalogues, organisation profile, control register, audit trail.

PRAGMA application_id = 1230196051; -- 'ISMS' as a big-endian 32-bit integer: marks the file as ours

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE frameworks (
    id       TEXT PRIMARY KEY,
    title_en TEXT NOT NULL,
    title_ja TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE control_themes (
    framework TEXT NOT NULL REFERENCES frameworks(id),
    id        TEXT NOT NULL,
    clause    TEXT NOT NULL,
    title_en  TEXT NOT NULL,
    title_ja  TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (framework, id)
) STRICT;

CREATE TABLE controls (
    id                TEXT PRIMARY KEY,
    framework         TEXT NOT NULL REFERENCES frameworks(id),
    theme             TEXT NOT NULL,
    position          INTEGER NOT NULL,
    title_en          TEXT NOT NULL,
    title_ja          TEXT NOT NULL,
    extended_by_27017 INTEGER NOT NULL DEFAULT 0 CHECK (extended_by_27017 IN (0, 1)),
    FOREIGN KEY (framework, theme) REFERENCES control_themes(framework, id)
) STRICT;

CREATE TABLE control_mappings (
    from_id  TEXT NOT NULL REFERENCES controls(id),
    to_id    TEXT NOT NULL REFERENCES controls(id),
    relation TEXT NOT NULL CHECK (relation IN ('equal', 'subset', 'superset', 'intersect')),
    PRIMARY KEY (from_id, to_id)
) STRICT;
CREATE INDEX control_mappings_to ON control_mappings(to_id);

CREATE TABLE organisations (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL DEFAULT '',
    isms_scope          TEXT NOT NULL DEFAULT '',
    soa_document_number TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

-- A row exists once someone has recorded something for the control; a control without a row is "undecided, not started".
CREATE TABLE control_register (
    organisation_id         INTEGER NOT NULL REFERENCES organisations(id),
    control_id              TEXT NOT NULL REFERENCES controls(id),
    applicable              INTEGER CHECK (applicable IN (0, 1)),
    inclusion_reasons       TEXT NOT NULL DEFAULT '[]',
    exclusion_justification TEXT NOT NULL DEFAULT '',
    status                  TEXT NOT NULL DEFAULT 'not_started'
                            CHECK (status IN ('not_started', 'planned', 'partially_implemented', 'implemented')),
    implementation          TEXT NOT NULL DEFAULT '',
    customer_statement      TEXT NOT NULL DEFAULT '',
    responsible_role        TEXT NOT NULL DEFAULT '',
    related_documents       TEXT NOT NULL DEFAULT '[]',
    evidence                TEXT NOT NULL DEFAULT '[]',
    last_reviewed           TEXT,
    next_review             TEXT,
    cloud_role              TEXT CHECK (cloud_role IN ('provider', 'customer', 'both')),
    inherited_from          TEXT NOT NULL DEFAULT '',
    updated_at              TEXT NOT NULL,
    PRIMARY KEY (organisation_id, control_id),
    CHECK (applicable IS NOT 0 OR exclusion_justification <> '')
) STRICT;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT,
    old_value TEXT,
    new_value TEXT
) STRICT;
CREATE INDEX audit_log_record ON audit_log(entity, record_id);
