-- ISMS Desk schema version 3: the information-asset inventory, its classification scheme, handling rules and CIA scales.

CREATE TABLE asset_settings (
    organisation_id      INTEGER PRIMARY KEY REFERENCES organisations(id),
    importance_rule      TEXT NOT NULL DEFAULT 'max' CHECK (importance_rule IN ('max', 'sum')),
    confidentiality_max  INTEGER NOT NULL DEFAULT 3 CHECK (confidentiality_max BETWEEN 2 AND 9),
    integrity_max        INTEGER NOT NULL DEFAULT 3 CHECK (integrity_max BETWEEN 2 AND 9),
    availability_max     INTEGER NOT NULL DEFAULT 3 CHECK (availability_max BETWEEN 2 AND 9),
    asset_types          TEXT NOT NULL DEFAULT '[]',  -- JSON list, editable
    categories           TEXT NOT NULL DEFAULT '[]'   -- JSON list, editable
) STRICT;

CREATE TABLE classification_levels (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    position        INTEGER NOT NULL,
    name_ja         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    label           TEXT NOT NULL,
    colour          TEXT NOT NULL,
    UNIQUE (organisation_id, name_ja)
) STRICT;

CREATE TABLE handling_rules (
    level_id INTEGER NOT NULL REFERENCES classification_levels(id),
    aspect   TEXT NOT NULL CHECK (aspect IN ('storage_paper', 'storage_data', 'transfer', 'sending', 'usage',
                                             'outsourcing', 'disposal', 'erasure')),
    rule     TEXT NOT NULL,
    PRIMARY KEY (level_id, aspect)
) STRICT;

CREATE TABLE assets (
    id                INTEGER PRIMARY KEY,
    organisation_id   INTEGER NOT NULL REFERENCES organisations(id),
    asset_id          TEXT NOT NULL,
    name              TEXT NOT NULL,
    asset_type        TEXT NOT NULL DEFAULT '',
    category          TEXT NOT NULL DEFAULT '',
    level_id          INTEGER REFERENCES classification_levels(id),
    confidentiality   INTEGER,
    integrity         INTEGER,
    availability      INTEGER,
    owner             TEXT NOT NULL DEFAULT '',
    custodian         TEXT NOT NULL DEFAULT '',
    location          TEXT NOT NULL DEFAULT '',
    media             TEXT NOT NULL DEFAULT '',
    retention         TEXT NOT NULL DEFAULT '',
    disposal_method   TEXT NOT NULL DEFAULT '',
    labels            TEXT NOT NULL DEFAULT '[]',  -- JSON list of free tags
    notes             TEXT NOT NULL DEFAULT '',
    last_reviewed     TEXT,
    next_review       TEXT,
    cloud_purpose     TEXT NOT NULL DEFAULT '',
    cloud_information TEXT NOT NULL DEFAULT '',
    controls          TEXT NOT NULL DEFAULT '[]',  -- JSON list of control ids
    custom            TEXT NOT NULL DEFAULT '{}',  -- JSON object: columns of the user's register we do not know, kept as they were
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (organisation_id, asset_id)
) STRICT;
CREATE INDEX assets_level ON assets(level_id);
