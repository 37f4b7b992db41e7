-- ISMS Desk schema version 7: the certifications register, and the customer-facing security whitepapers with their
-- issued versions (frozen like the SoA). The facts a whitepaper draws from (services, contact points, responsibility,
-- backup/log/time policies, data location and deletion, customer features, operations, legal facts) are one record
-- in `settings` (key `whitepaper_facts`).

CREATE TABLE certifications (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    cert_id         TEXT NOT NULL CHECK (cert_id <> ''),
    scheme          TEXT NOT NULL CHECK (scheme <> ''),
    holder          TEXT NOT NULL DEFAULT '',  -- '' = the organisation itself, else a supplier id
    expires_on      TEXT,                      -- YYYY-MM-DD, for the due list
    record          TEXT NOT NULL,             -- JSON: isms_core::certification::Certification
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (organisation_id, cert_id)
) STRICT;

-- A whitepaper: its definition (settings and section tree) as JSON; see isms_reports::whitepaper::Definition.
CREATE TABLE whitepapers (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    doc_id          TEXT NOT NULL CHECK (doc_id <> ''),
    title           TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL CHECK (lang IN ('ja', 'en')),
    definition      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (organisation_id, doc_id)
) STRICT;

-- An issued version: the rendered document frozen as JSON, with what it cited (certificates, control statements) so
-- that a later change can be reported as "out of date". Rows are never changed or deleted.
CREATE TABLE whitepaper_versions (
    id            INTEGER PRIMARY KEY,
    whitepaper_id INTEGER NOT NULL REFERENCES whitepapers(id),
    version       TEXT NOT NULL CHECK (version <> ''),
    issued_on     TEXT NOT NULL,
    prepared_by   TEXT NOT NULL DEFAULT '',
    approved_by   TEXT NOT NULL CHECK (approved_by <> ''),
    summary       TEXT NOT NULL DEFAULT '',
    document      TEXT NOT NULL,
    cited         TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    UNIQUE (whitepaper_id, version)
) STRICT;

CREATE TRIGGER whitepaper_versions_frozen_update BEFORE UPDATE ON whitepaper_versions
BEGIN
    SELECT RAISE(ABORT, 'an issued whitepaper version is frozen: issue a new version instead');
END;

CREATE TRIGGER whitepaper_versions_frozen_delete BEFORE DELETE ON whitepaper_versions
BEGIN
    SELECT RAISE(ABORT, 'an issued whitepaper version is frozen: issue a new version instead');
END;
