-- ISMS Desk schema version 6: incidents and nonconformities carried through corrective action
-- (不適合（インシデント）是正処置報告書), their actions, notification clocks and notices; the contacts register.
-- Notification rules and the record's lists are kept in `settings` (seeded from templates/incidents/).

CREATE TABLE incidents (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    incident_no     TEXT NOT NULL CHECK (incident_no <> ''),
    state           TEXT NOT NULL CHECK (state IN ('reported', 'awaiting_decision', 'responding', 'corrective_action',
                                                   'effectiveness_review', 'closed', 'not_incident')),
    category        TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',
    discovered_at   TEXT NOT NULL,  -- RFC 3339 with offset
    closed_at       TEXT,
    record          TEXT NOT NULL,  -- JSON: every other field of the report (see isms_core::incident::Incident)
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (organisation_id, incident_no)
) STRICT;
CREATE INDEX incidents_state ON incidents(organisation_id, state);

-- Corrective actions (clause 10.2): what, who, by when, done when.
CREATE TABLE incident_actions (
    id           INTEGER PRIMARY KEY,
    incident_row INTEGER NOT NULL REFERENCES incidents(id),
    what         TEXT NOT NULL CHECK (what <> ''),
    owner        TEXT NOT NULL CHECK (owner <> ''),
    due_on       TEXT NOT NULL,
    done_on      TEXT,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX incident_actions_incident ON incident_actions(incident_row);

-- Notices sent under a notification rule applied to an incident (the first notice, then progress updates).
CREATE TABLE incident_notices (
    id           INTEGER PRIMARY KEY,
    incident_row INTEGER NOT NULL REFERENCES incidents(id),
    rule_id      TEXT NOT NULL,
    sent_at      TEXT NOT NULL,  -- RFC 3339 with offset
    note         TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX incident_notices_incident ON incident_notices(incident_row);

-- The contacts register: authorities, specialist bodies, suppliers, customers … (004 §5.5, §5.6).
CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    contact_id      TEXT NOT NULL CHECK (contact_id <> ''),
    name_ja         TEXT NOT NULL CHECK (name_ja <> ''),
    name_en         TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL DEFAULT 'other',
    phone           TEXT NOT NULL DEFAULT '',
    url             TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    when_ja         TEXT NOT NULL DEFAULT '',
    when_en         TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    needs_user_input INTEGER NOT NULL DEFAULT 0 CHECK (needs_user_input IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (organisation_id, contact_id)
) STRICT;
