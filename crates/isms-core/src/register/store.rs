//! The register's [`Store`] methods: list, show and save controls. Every read gives ISO/IEC 27002:2013 rows their
//! decision from their 2022 counterparts ([`super::derive`]) unless the row holds its own; every save can carry the
//! record as the form loaded it, and is refused on a conflicting change ([`crate::conflict`]).

use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use crate::audit::{field_changes, AuditAction};
use crate::catalogue::Framework;
use crate::conflict::conflicts;
use crate::db::{self, audit_log::Stamp, control_mappings::MappedControl};
use crate::error::{Error, Result};
use crate::register::{
    derive, Control, DerivedSource, RegisterEntry, RegisterFields, RegisterFilter, RegisterPatch,
    RegisterSummary, SoaSummary,
};
use crate::store::{now, Store, ORGANISATION_ID};

/// A control with its register entry and its counterparts in the other edition.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ControlDetail {
    #[serde(flatten)]
    pub entry: RegisterEntry,
    pub counterparts: Vec<MappedControl>,
}

/// The result of a save: the entry as it reads now, and which fields changed (empty when nothing did).
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct ControlUpdate {
    pub entry: RegisterEntry,
    pub changed_fields: Vec<String>,
}

/// The control ids of the catalogues (see [`Store::control_ids`]).
#[derive(Debug, Clone)]
pub struct ControlIds(Vec<String>);

impl ControlIds {
    /// The control a person means by `typed`: exact, then ignoring case, then "A.5.1" for the 2022 control 5.1.
    pub fn resolve(&self, typed: &str) -> Option<&str> {
        let typed = typed.trim();
        let ids = &self.0;
        if let Some(id) = ids.iter().find(|id| id.as_str() == typed) {
            return Some(id);
        }
        if let Some(id) = ids.iter().find(|id| id.eq_ignore_ascii_case(typed)) {
            return Some(id);
        }
        // "A.5.1" is how many people write the 2022 Annex A control 5.1.
        let bare = typed
            .strip_prefix("A.")
            .or_else(|| typed.strip_prefix("a."))
            .unwrap_or(typed);
        ids.iter()
            .find(|id| id.as_str() == bare)
            .map(String::as_str)
    }
}

/// Every register entry (of every framework), in document order, 2013 rows derived.
pub(crate) fn entries(conn: &Connection) -> Result<Vec<RegisterEntry>> {
    let mut all = db::control_register::list(conn, ORGANISATION_ID, None)?;
    derive::apply(&mut all, &db::control_mappings::all(conn)?);
    Ok(all)
}

/// How one control reads: its own fields, or (a 2013 row following its counterparts) the derived ones.
fn view(
    conn: &Connection,
    control: &Control,
    raw: RegisterFields,
) -> Result<(RegisterFields, Vec<DerivedSource>)> {
    if control.framework != Framework::Iso27002_2013 || raw.own_decision {
        return Ok((raw, Vec::new()));
    }
    let mut sources = Vec::new();
    for m in db::control_mappings::counterparts(conn, &control.id)? {
        if m.control.framework != Framework::Iso27001_2022 {
            continue;
        }
        let (fields, updated_at) =
            db::control_register::get(conn, ORGANISATION_ID, &m.control.id)?.unwrap_or_default();
        sources.push((
            RegisterEntry {
                control: m.control,
                fields,
                updated_at,
                derived_from: Vec::new(),
            },
            m.relation,
        ));
    }
    if sources.is_empty() {
        return Ok((raw, Vec::new()));
    }
    let refs: Vec<(&RegisterEntry, _)> = sources.iter().map(|(e, r)| (e, *r)).collect();
    let from = sources
        .iter()
        .map(|(e, relation)| DerivedSource {
            id: e.control.id.clone(),
            relation: *relation,
        })
        .collect();
    Ok((derive::derive_fields(&raw, &refs), from))
}

impl Store {
    /// The register, in document order, filtered; 2013 rows derived from their 2022 counterparts.
    pub fn list_controls(&self, filter: &RegisterFilter) -> Result<Vec<RegisterEntry>> {
        Ok(entries(self.conn())?
            .into_iter()
            .filter(|e| filter.framework.is_none_or(|f| e.control.framework == f))
            .filter(|e| filter.matches(e))
            .collect())
    }

    /// Counts per framework.
    pub fn summary(&self) -> Result<Vec<RegisterSummary>> {
        let all = entries(self.conn())?;
        Ok(<Framework as strum::VariantArray>::VARIANTS
            .iter()
            .map(|fw| {
                RegisterSummary::of(Some(*fw), all.iter().filter(|e| e.control.framework == *fw))
            })
            .collect())
    }

    /// The counts the SoA prints: Annex A, and the ISO/IEC 27017 part (its CLD controls and every 2013 row).
    pub fn soa_summary(&self) -> Result<SoaSummary> {
        Ok(SoaSummary::of(&entries(self.conn())?))
    }

    /// Resolves what a user typed (`5.1`, `A.5.1`, `a.5.1.1`, `cld.6.3.1`) to a catalogue id.
    pub fn resolve_control_id(&self, typed: &str) -> Result<String> {
        self.control_ids()?
            .resolve(typed)
            .map(str::to_owned)
            .ok_or_else(|| Error::UnknownControl(typed.trim().to_owned()))
    }

    /// Every control id of the catalogues, to resolve many typed ids without a query each.
    pub fn control_ids(&self) -> Result<ControlIds> {
        Ok(ControlIds(db::controls::ids(self.conn())?))
    }

    pub fn control(&self, typed_id: &str) -> Result<ControlDetail> {
        let id = self.resolve_control_id(typed_id)?;
        let conn = self.conn();
        let control =
            db::controls::get(conn, &id)?.ok_or_else(|| Error::UnknownControl(id.clone()))?;
        let (raw, updated_at) =
            db::control_register::get(conn, ORGANISATION_ID, &id)?.unwrap_or_default();
        let (fields, derived_from) = view(conn, &control, raw)?;
        Ok(ControlDetail {
            entry: RegisterEntry {
                control,
                fields,
                updated_at,
                derived_from,
            },
            counterparts: db::control_mappings::counterparts(conn, &id)?,
        })
    }

    /// Every ISO/IEC 27002:2013 → 2022 link of the mapping catalogue.
    pub fn mapping_links(&self) -> Result<Vec<crate::catalogue::Link>> {
        db::control_mappings::all(self.conn())
    }

    /// The 2013↔2022 counterparts of a control.
    pub fn counterparts(&self, typed_id: &str) -> Result<Vec<MappedControl>> {
        let id = self.resolve_control_id(typed_id)?;
        db::control_mappings::counterparts(self.conn(), &id)
    }

    /// Applies `patch` to a control's register entry (the CLI: last writer wins for the fields it names).
    pub fn update_control(
        &mut self,
        typed_id: &str,
        patch: RegisterPatch,
    ) -> Result<ControlUpdate> {
        self.save_control(typed_id, patch, None)
    }

    /// Applies `patch` — the fields someone changed — to a control's register entry: validated, written with one
    /// audit row per changed field, all in one transaction. With `base` (the entry as the form loaded it), a field
    /// this patch changes that someone else changed since is a [`Error::Conflict`] and nothing is written.
    ///
    /// On a 2013 row that follows its 2022 counterparts, changing a decision field makes the row hold its own
    /// decision, starting from the values it showed; `own_decision: Some(false)` makes it follow them again.
    pub fn save_control(
        &mut self,
        typed_id: &str,
        patch: RegisterPatch,
        base: Option<RegisterFields>,
    ) -> Result<ControlUpdate> {
        let id = self.resolve_control_id(typed_id)?;
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changes = save_in(&tx, &id, patch, base, &now, &actor)?;
        tx.commit()?;
        Ok(ControlUpdate {
            entry: self.control(&id)?.entry,
            changed_fields: changes.iter().map(|(f, _, _)| (*f).to_owned()).collect(),
        })
    }
}

/// Saves one control's patch inside the caller's transaction (see [`Store::save_control`]): validated before anything
/// is written, audited field by field; gives the changed fields.
pub(crate) fn save_in(
    tx: &Connection,
    id: &str,
    patch: RegisterPatch,
    base: Option<RegisterFields>,
    now: &str,
    actor: &str,
) -> Result<Vec<crate::audit::FieldChange>> {
    let id = id.to_owned();
    let now = now.to_owned();
    let actor = actor.to_owned();
    let control = db::controls::get(tx, &id)?.ok_or_else(|| Error::UnknownControl(id.clone()))?;
    let stored = db::control_register::get(tx, ORGANISATION_ID, &id)?;
    let existed = stored.is_some();
    let (raw, _) = stored.unwrap_or_default();
    let (current, _) = view(tx, &control, raw.clone())?;

    if let Some(base) = &base {
        let yours = base.patched(&control, patch.clone())?;
        let mut found = conflicts(
            &base.audit_values(),
            &current.audit_values(),
            &yours.audit_values(),
        );
        if !found.is_empty() {
            db::audit_log::attribute(tx, "control_register", &id, &mut found)?;
            return Err(Error::Conflict {
                record: format!("control {id}"),
                conflicts: found,
            });
        }
    }

    let start = if control.framework != Framework::Iso27002_2013 {
        raw.clone()
    } else if patch.own_decision == Some(false) {
        if patch.touches_decision() {
            return Err(Error::InvalidValue {
                field: "own decision",
                value: id.clone(),
                expected: "either follow the 2022 counterparts or change the decision, not both"
                    .to_owned(),
            });
        }
        RegisterFields {
            last_reviewed: raw.last_reviewed,
            next_review: raw.next_review,
            cloud_role: raw.cloud_role,
            inherited_from: raw.inherited_from.clone(),
            ..Default::default()
        }
    } else if !raw.own_decision && (patch.touches_decision() || patch.own_decision == Some(true)) {
        RegisterFields {
            own_decision: true,
            ..current.clone()
        }
    } else {
        raw.clone()
    };
    let new = start.patched(&control, patch)?;
    let changes = field_changes(&raw.audit_values(), &new.audit_values());
    if !changes.is_empty() {
        db::control_register::upsert(tx, ORGANISATION_ID, &id, &new, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "control_register",
            record_id: &id,
        };
        let action = if existed {
            AuditAction::Update
        } else {
            AuditAction::Create
        };
        for (field, old_value, new_value) in &changes {
            db::audit_log::append(
                tx,
                &stamp,
                action,
                Some(field),
                old_value.as_deref(),
                new_value.as_deref(),
            )?;
        }
    }
    Ok(changes)
}

/// One row of an SoA spreadsheet, ready for the register: the control it is for (a 2022 or CLD id), what it sets,
/// and the row it came from.
#[derive(Debug, Clone)]
pub struct RegisterRow {
    pub control_id: String,
    pub patch: RegisterPatch,
    pub source_row: usize,
}

impl Store {
    /// Applies the rows of an SoA spreadsheet in one transaction: each row validated and audited like a save from
    /// the form (the CLI's last-writer-wins, no base); a row the register refuses (e.g. excluded without a reason) is
    /// reported and skipped. With `dry_run` everything is rolled back, so the counts are exact and nothing changes.
    pub fn import_register(
        &mut self,
        rows: Vec<RegisterRow>,
        dry_run: bool,
    ) -> Result<crate::batch::BatchOutcome> {
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcome = crate::batch::BatchOutcome::default();
        for row in rows {
            let existed =
                db::control_register::get(&tx, ORGANISATION_ID, &row.control_id)?.is_some();
            match save_in(&tx, &row.control_id, row.patch, None, &now, &actor) {
                Ok(changes) if changes.is_empty() => outcome.unchanged += 1,
                Ok(_) if existed => outcome.updated += 1,
                Ok(_) => outcome.inserted += 1,
                Err(e) if e.is_user_error() => {
                    outcome.rejected.push(crate::batch::RejectedChange {
                        source_row: row.source_row,
                        record_id: row.control_id,
                        message: e.to_string(),
                    })
                }
                Err(e) => return Err(e),
            }
        }
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(outcome)
    }
}
