-- ISMS Desk schema version 9: the yearly asset inventory (情報資産の棚卸し). Assets gain a department and a
-- lifecycle end (retired: returned, disposed of, erased or transferred — with date, method, approver and note; a
-- retired asset leaves the working list and the counts but keeps its row and its history). The scheme gains the
-- review interval that "reviewed" uses for the next review. An inventory round (one a year) sends each department a
-- workbook of its assets; each export keeps the values as sent, so a returned workbook is compared three ways
-- (as sent, as returned, as the register holds it now); assets accepted from a returned workbook, or marked reviewed
-- while the round is open, are recorded as reviewed in the round.

ALTER TABLE assets ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN retired_on TEXT;                               -- YYYY-MM-DD; NULL while in use
ALTER TABLE assets ADD COLUMN retirement_method TEXT NOT NULL DEFAULT '';    -- an id of templates/inventory/lifecycle.toml
ALTER TABLE assets ADD COLUMN retirement_approver TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN retirement_note TEXT NOT NULL DEFAULT '';
CREATE INDEX assets_department ON assets(organisation_id, department);
CREATE INDEX assets_retired ON assets(organisation_id, retired_on);

ALTER TABLE asset_settings ADD COLUMN review_interval_months INTEGER NOT NULL DEFAULT 12
    CHECK (review_interval_months BETWEEN 1 AND 60);

CREATE TABLE inventory_rounds (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    round_id        TEXT NOT NULL CHECK (round_id <> ''),   -- INV-2026
    year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2199),
    due_on          TEXT NOT NULL,                           -- YYYY-MM-DD
    started_on      TEXT NOT NULL,
    started_by      TEXT NOT NULL,
    closed_on       TEXT,                                    -- NULL while open
    closed_progress TEXT,                                    -- JSON: each department's assets and reviews at closing
    UNIQUE (organisation_id, round_id),
    UNIQUE (organisation_id, year)
) STRICT;

-- One department workbook as sent: the assets with their values then (JSON object: asset id → field → value, the
-- fields the audit trail names), and when it came back.
CREATE TABLE inventory_exports (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES inventory_rounds(id),
    department   TEXT NOT NULL,
    exported_at  TEXT NOT NULL,
    exported_by  TEXT NOT NULL,
    snapshot     TEXT NOT NULL,
    returned_at  TEXT,
    returned_by  TEXT
) STRICT;
CREATE INDEX inventory_exports_round ON inventory_exports(round_id, department);

CREATE TABLE inventory_reviews (
    round_id     INTEGER NOT NULL REFERENCES inventory_rounds(id),
    asset_id     INTEGER NOT NULL REFERENCES assets(id),
    reviewed_on  TEXT NOT NULL,                              -- YYYY-MM-DD
    reviewed_by  TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('workbook', 'marked')),
    export_id    INTEGER REFERENCES inventory_exports(id),
    import_batch INTEGER REFERENCES import_batches(id),      -- the import that recorded it (undone with it)
    PRIMARY KEY (round_id, asset_id)
) STRICT;
CREATE INDEX inventory_reviews_asset ON inventory_reviews(asset_id);
