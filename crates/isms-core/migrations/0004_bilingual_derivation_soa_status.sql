-- ISMS Desk schema version 4: English texts beside the Japanese ones, ISO/IEC 27002:2013 rows that follow their 2022
-- counterparts until someone decides on the row itself, and the safeguards of issuing an SoA (undecided controls
-- accepted explicitly, versions superseded or withdrawn with a reason, never deleted).

ALTER TABLE organisations ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN isms_scope_en TEXT NOT NULL DEFAULT '';

ALTER TABLE control_register ADD COLUMN implementation_en TEXT NOT NULL DEFAULT '';
ALTER TABLE control_register ADD COLUMN customer_statement_en TEXT NOT NULL DEFAULT '';
-- 1 when an ISO/IEC 27002:2013 control's row holds a decision of its own instead of following its 2022 counterparts.
ALTER TABLE control_register ADD COLUMN own_decision INTEGER NOT NULL DEFAULT 0 CHECK (own_decision IN (0, 1));

-- A 2013 row someone already decided on (or wrote an implementation for) keeps what they wrote.
UPDATE control_register SET own_decision = 1
WHERE control_id IN (SELECT id FROM controls WHERE framework = 'iso27002-2013')
  AND (applicable IS NOT NULL OR implementation <> '' OR customer_statement <> '' OR responsible_role <> ''
       OR status <> 'not_started' OR inclusion_reasons <> '[]' OR related_documents <> '[]');

-- The controls still undecided when a version was issued, accepted explicitly by whoever issued it (JSON list of ids).
ALTER TABLE soa_versions ADD COLUMN accepted_undecided TEXT NOT NULL DEFAULT '[]';

-- What became of an issued version later: superseded or withdrawn, with a reason. Append-only like the versions.
CREATE TABLE soa_version_status (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL,
    version         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('superseded', 'withdrawn')),
    reason          TEXT NOT NULL CHECK (reason <> ''),
    on_date         TEXT NOT NULL,  -- YYYY-MM-DD
    at              TEXT NOT NULL,  -- RFC 3339
    actor           TEXT NOT NULL,
    FOREIGN KEY (organisation_id, version) REFERENCES soa_versions(organisation_id, version)
) STRICT;
CREATE INDEX soa_version_status_version ON soa_version_status(organisation_id, version);

CREATE TRIGGER soa_version_status_no_update BEFORE UPDATE ON soa_version_status
BEGIN
    SELECT RAISE(ABORT, 'the status history of an SoA version is append-only');
END;

CREATE TRIGGER soa_version_status_no_delete BEFORE DELETE ON soa_version_status
BEGIN
    SELECT RAISE(ABORT, 'the status history of an SoA version is append-only');
END;
