-- ISMS Desk schema version 2: issued versions of the Statement of Applicability, frozen and immutable.

CREATE TABLE soa_versions (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    version         TEXT NOT NULL,
    issued_on       TEXT NOT NULL,  -- the issue date printed on the document (YYYY-MM-DD)
    issued_at       TEXT NOT NULL,  -- when it was frozen (RFC 3339)
    prepared_by     TEXT NOT NULL,
    approved_by     TEXT NOT NULL,
    summary         TEXT NOT NULL,
    snapshot        TEXT NOT NULL,  -- JSON: the organisation profile and every register entry at issue time
    UNIQUE (organisation_id, version)
) STRICT;

CREATE TRIGGER soa_versions_no_update BEFORE UPDATE ON soa_versions
BEGIN
    SELECT RAISE(ABORT, 'an issued SoA version is immutable');
END;

CREATE TRIGGER soa_versions_no_delete BEFORE DELETE ON soa_versions
BEGIN
    SELECT RAISE(ABORT, 'an issued SoA version is immutable');
END;
