//! The supplier register's [`Store`] methods: the editable lists, suppliers (saved with their base, like every
//! record), evaluations (drafts, approval, frozen), the monitoring log, and what is due.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::attachment::Attachment;
use crate::audit::{field_changes, AuditAction};
use crate::db::{self, audit_log::Stamp};
use crate::error::{Error, Result};
use crate::store::{now, Store, ORGANISATION_ID};
use crate::supplier::due::{due_items, DueItem};
use crate::supplier::evaluation::{Evaluation, EvaluationInput};
use crate::supplier::lists::{Checklists, SupplierLists};
use crate::supplier::{Known, Supplier, SupplierPatch, SupplierView};

pub const LISTS_KEY: &str = "supplier_register";
pub const CHECKLISTS_KEY: &str = "supplier_checklists";

/// A line of the monitoring log (委託先の監督).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringEntry {
    #[serde(default)]
    pub id: i64,
    pub on_date: NaiveDate,
    pub kind: MonitoringKind,
    pub note: String,
    #[serde(default)]
    pub recorded_by: String,
}

#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MonitoringKind {
    Review,
    SlaBreach,
    Incident,
    ServiceChange,
    Other,
}

/// Which suppliers to list.
#[derive(ts_rs::TS, Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[ts(optional_fields)]
pub struct SupplierFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    /// Only those with something due (or overdue) within the warning window.
    pub due_only: bool,
    /// Part of the id, name, services or purpose.
    pub search: Option<String>,
}

/// One supplier with everything the form shows.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct SupplierDetail {
    #[serde(flatten)]
    pub view: SupplierView,
    pub evaluations: Vec<Evaluation>,
    pub monitoring: Vec<MonitoringEntry>,
    pub attachments: Vec<Attachment>,
    /// Suppliers that name this one as their subcontractor.
    pub subcontractor_of: Vec<String>,
}

/// Something due, with its supplier: a line of `isms suppliers due` and of the dashboard.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupplierDue {
    pub supplier_id: String,
    pub name: String,
    pub kind: String,
    #[serde(flatten)]
    pub item: DueItem,
}

fn load_json<T: serde::de::DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    db::settings::get(conn, ORGANISATION_ID, key)?
        .map(|text| serde_json::from_str(&text).map_err(Error::from))
        .transpose()
}

impl Store {
    /// Seeds the supplier lists and checklists from `templates/suppliers/` into a file that has none.
    pub(crate) fn ensure_supplier_lists(&mut self) -> Result<()> {
        let conn = self.conn();
        let missing_lists = db::settings::get(conn, ORGANISATION_ID, LISTS_KEY)?.is_none();
        let missing_checklists =
            db::settings::get(conn, ORGANISATION_ID, CHECKLISTS_KEY)?.is_none();
        if !missing_lists && !missing_checklists {
            return Ok(());
        }
        let now = now();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if missing_lists {
            let json = serde_json::to_string(&SupplierLists::defaults()?)?;
            db::settings::set(&tx, ORGANISATION_ID, LISTS_KEY, &json, &now)?;
        }
        if missing_checklists {
            let json = serde_json::to_string(&Checklists::defaults()?)?;
            db::settings::set(&tx, ORGANISATION_ID, CHECKLISTS_KEY, &json, &now)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn supplier_lists(&self) -> Result<SupplierLists> {
        match load_json(self.conn(), LISTS_KEY)? {
            Some(lists) => Ok(lists),
            None => SupplierLists::defaults(),
        }
    }

    pub fn supplier_checklists(&self) -> Result<Checklists> {
        match load_json(self.conn(), CHECKLISTS_KEY)? {
            Some(lists) => Ok(lists),
            None => Checklists::defaults(),
        }
    }

    fn set_setting<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let now = now();
        let actor = self.actor().to_owned();
        let json = serde_json::to_string(value)?;
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = db::settings::get(&tx, ORGANISATION_ID, key)?;
        if old.as_deref() != Some(json.as_str()) {
            db::settings::set(&tx, ORGANISATION_ID, key, &json, &now)?;
            let stamp = Stamp {
                at: &now,
                actor: &actor,
                entity: "setting",
                record_id: key,
            };
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some("value"),
                old.as_deref(),
                Some(&json),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Replaces the supplier lists (validated; audited). Suppliers keep the ids they have.
    pub fn set_supplier_lists(&mut self, lists: SupplierLists) -> Result<SupplierLists> {
        lists.validate()?;
        self.set_setting(LISTS_KEY, &lists)?;
        Ok(lists)
    }

    /// Replaces the checklists (validated; audited). Past evaluations keep the questions they were asked.
    pub fn set_supplier_checklists(&mut self, checklists: Checklists) -> Result<Checklists> {
        checklists.validate()?;
        self.set_setting(CHECKLISTS_KEY, &checklists)?;
        Ok(checklists)
    }

    fn known_suppliers(&self) -> Result<HashSet<String>> {
        Ok(db::suppliers::ids(self.conn(), ORGANISATION_ID)?
            .into_iter()
            .collect())
    }

    fn supplier_row(&self, supplier_id: &str) -> Result<(i64, Supplier, String)> {
        db::suppliers::get(self.conn(), ORGANISATION_ID, supplier_id.trim())?
            .ok_or_else(|| Error::UnknownSupplier(supplier_id.trim().to_owned()))
    }

    fn view(
        &self,
        s: Supplier,
        updated_at: String,
        latest: Option<&Evaluation>,
        lists: &SupplierLists,
        today: NaiveDate,
        within: u32,
    ) -> SupplierView {
        let next_due = latest.and_then(|e| e.next_due);
        let due = due_items(&s, next_due, latest.is_some(), lists, today, within);
        let missing_contracts = lists
            .kind(&s.kind)
            .map(|k| {
                k.required_contracts
                    .iter()
                    .filter(|c| !s.contracts.iter().any(|x| &&x.kind == c))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        SupplierView {
            supplier: s,
            updated_at,
            last_evaluation: latest.map(Evaluation::summary),
            next_due,
            due,
            missing_contracts,
        }
    }

    /// The register, by id, filtered; each supplier with its latest approved evaluation and what is due (evaluations
    /// within 30 days, contracts and certificates within the lists' warning window).
    pub fn suppliers(
        &self,
        filter: &SupplierFilter,
        today: NaiveDate,
    ) -> Result<Vec<SupplierView>> {
        let lists = self.supplier_lists()?;
        let latest: HashMap<i64, Evaluation> =
            db::supplier_evaluations::latest_approved(self.conn(), ORGANISATION_ID)?
                .into_iter()
                .collect();
        let needle = filter.search.as_deref().map(|s| s.trim().to_lowercase());
        let mut out = Vec::new();
        for (row, s, updated_at) in db::suppliers::list(self.conn(), ORGANISATION_ID)? {
            if filter
                .kind
                .as_deref()
                .is_some_and(|k| !k.is_empty() && k != s.kind)
                || filter
                    .status
                    .as_deref()
                    .is_some_and(|k| !k.is_empty() && k != s.status)
            {
                continue;
            }
            if let Some(n) = needle.as_deref().filter(|n| !n.is_empty()) {
                let hay = [&s.supplier_id, &s.name, &s.services, &s.purpose];
                if !hay.iter().any(|h| h.to_lowercase().contains(n)) {
                    continue;
                }
            }
            let view = self.view(s, updated_at, latest.get(&row), &lists, today, 30);
            if filter.due_only && view.due.is_empty() {
                continue;
            }
            out.push(view);
        }
        Ok(out)
    }

    pub fn supplier(&self, supplier_id: &str, today: NaiveDate) -> Result<SupplierDetail> {
        let (row, s, updated_at) = self.supplier_row(supplier_id)?;
        let lists = self.supplier_lists()?;
        let evaluations = db::supplier_evaluations::of_supplier(self.conn(), row)?;
        let latest = evaluations.iter().find(|e| e.approved_at.is_some());
        let id = s.supplier_id.clone();
        let view = self.view(s, updated_at, latest, &lists, today, 30);
        let subcontractor_of = db::suppliers::list(self.conn(), ORGANISATION_ID)?
            .into_iter()
            .filter(|(_, other, _)| other.subcontractors.contains(&id))
            .map(|(_, other, _)| other.supplier_id)
            .collect();
        Ok(SupplierDetail {
            view,
            monitoring: db::supplier_monitoring::of_supplier(self.conn(), row)?,
            attachments: self.attachments("supplier", &id)?,
            evaluations,
            subcontractor_of,
        })
    }

    /// The id a new supplier gets: SUP-0001, SUP-0002 … (one more than the highest in use).
    pub fn next_supplier_id(&self) -> Result<String> {
        let highest = db::suppliers::ids(self.conn(), ORGANISATION_ID)?
            .iter()
            .filter_map(|id| id.strip_prefix("SUP-").and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        Ok(format!("SUP-{:04}", highest + 1))
    }

    /// Creates (`create`, with `supplier_id` or a generated id when empty) or changes a supplier: validated against
    /// the lists, the scheme, the register and the inventory; audited field by field; with `base` (the supplier as the
    /// form loaded it), a field someone else changed since is a conflict.
    pub fn save_supplier(
        &mut self,
        supplier_id: &str,
        patch: SupplierPatch,
        create: bool,
        base: Option<Supplier>,
    ) -> Result<Supplier> {
        let lists = self.supplier_lists()?;
        let levels: Vec<String> = self
            .asset_scheme()?
            .levels
            .into_iter()
            .map(|l| l.name_ja)
            .collect();
        let suppliers = self.known_suppliers()?;
        let assets: HashSet<String> = self
            .asset_ids(&crate::asset::round::all_assets())?
            .into_iter()
            .collect();
        let controls = self.control_ids()?;
        let known = Known {
            lists: &lists,
            levels: &levels,
            suppliers: &suppliers,
            assets: &assets,
            controls: &controls,
        };
        let id = match supplier_id.trim() {
            "" if create => self.next_supplier_id()?,
            "" => {
                return Err(Error::MissingValue {
                    field: "the supplier id",
                })
            }
            id => id.to_owned(),
        };
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let new = save_supplier_in(&tx, &id, patch, create, base, &known, &now, &actor, None)?;
        tx.commit()?;
        Ok(new)
    }

    /// Records an evaluation of a supplier: a draft with every applicable question of the kind's checklist, the
    /// answers given applied; with an approver it is approved (and frozen) at once.
    pub fn record_evaluation(
        &mut self,
        supplier_id: &str,
        input: EvaluationInput,
    ) -> Result<Evaluation> {
        let (row, supplier, _) = self.supplier_row(supplier_id)?;
        let lists = self.supplier_lists()?;
        let checklists = self.supplier_checklists()?;
        let cloud = lists.kind(&supplier.kind).is_some_and(|k| k.cloud);
        let today = chrono::Local::now().date_naive();
        let mut e = Evaluation::draft(
            &supplier.supplier_id,
            input.kind,
            input.evaluated_on.unwrap_or(today),
            &checklists,
            cloud,
        );
        e.apply(&input)?;
        let now = now();
        if let Some(approver) = &input.approver {
            e.approve(
                approver,
                input.next_due,
                &lists,
                &supplier.criticality,
                &now,
            )?;
        } else if let Some(d) = input.next_due {
            if d <= e.evaluated_on {
                return Err(Error::InvalidValue {
                    field: "next due date",
                    value: d.to_string(),
                    expected: format!("a date after the evaluation ({})", e.evaluated_on),
                });
            }
        }
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        e.id = db::supplier_evaluations::insert(&tx, row, &e, &now)?;
        let record = e.id.to_string();
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "supplier_evaluation",
            record_id: &record,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Create,
            None,
            None,
            Some(&serde_json::to_string(&e)?),
        )?;
        if e.approved_at.is_some() {
            status_after_approval(&tx, &e, &supplier, &lists, &now, &actor)?;
        }
        tx.commit()?;
        Ok(e)
    }

    /// Changes a draft evaluation (the wizard saves as it goes); an approved one is refused: it is frozen.
    pub fn update_evaluation(&mut self, id: i64, input: EvaluationInput) -> Result<Evaluation> {
        let mut e = self.evaluation(id)?;
        if e.approved_at.is_some() {
            return Err(frozen(id));
        }
        let before = e.clone();
        e.kind = input.kind;
        e.apply(&input)?;
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::supplier_evaluations::update(&tx, &e, &now)?;
        if before != e {
            let record = id.to_string();
            let stamp = Stamp {
                at: &now,
                actor: &actor,
                entity: "supplier_evaluation",
                record_id: &record,
            };
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some("draft"),
                Some(&serde_json::to_string(&before)?),
                Some(&serde_json::to_string(&e)?),
            )?;
        }
        tx.commit()?;
        Ok(e)
    }

    /// Approves a draft: complete, with an approver; from then on it is frozen, and the supplier's status follows
    /// its result.
    pub fn approve_evaluation(
        &mut self,
        id: i64,
        approver: &str,
        next_due: Option<NaiveDate>,
    ) -> Result<Evaluation> {
        let mut e = self.evaluation(id)?;
        if e.approved_at.is_some() {
            return Err(frozen(id));
        }
        let (_, supplier, _) = self.supplier_row(&e.supplier_id)?;
        let lists = self.supplier_lists()?;
        let now = now();
        e.approve(approver, next_due, &lists, &supplier.criticality, &now)?;
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        db::supplier_evaluations::update(&tx, &e, &now)?;
        let record = id.to_string();
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "supplier_evaluation",
            record_id: &record,
        };
        for (field, value) in [
            ("approver", e.approver.clone()),
            (
                "next_due",
                e.next_due.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ] {
            db::audit_log::append(
                &tx,
                &stamp,
                AuditAction::Update,
                Some(field),
                None,
                Some(&value),
            )?;
        }
        status_after_approval(&tx, &e, &supplier, &lists, &now, &actor)?;
        tx.commit()?;
        Ok(e)
    }

    pub fn evaluation(&self, id: i64) -> Result<Evaluation> {
        db::supplier_evaluations::get(self.conn(), id)?.ok_or_else(|| Error::InvalidValue {
            field: "evaluation",
            value: id.to_string(),
            expected: "the id of an evaluation (see `isms suppliers evaluations SUPPLIER`)"
                .to_owned(),
        })
    }

    /// A supplier's evaluations, newest first.
    pub fn evaluations(&self, supplier_id: &str) -> Result<Vec<Evaluation>> {
        let (row, _, _) = self.supplier_row(supplier_id)?;
        db::supplier_evaluations::of_supplier(self.conn(), row)
    }

    /// Adds a line to a supplier's monitoring log.
    pub fn add_monitoring(
        &mut self,
        supplier_id: &str,
        mut entry: MonitoringEntry,
    ) -> Result<MonitoringEntry> {
        let (row, s, _) = self.supplier_row(supplier_id)?;
        entry.note = entry.note.trim().to_owned();
        if entry.note.is_empty() {
            return Err(Error::MissingValue {
                field: "the note of a log entry (--note)",
            });
        }
        let now = now();
        let actor = self.actor().to_owned();
        entry.recorded_by = actor.clone();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        entry.id = db::supplier_monitoring::insert(&tx, row, &entry, &now)?;
        let stamp = Stamp {
            at: &now,
            actor: &actor,
            entity: "supplier",
            record_id: &s.supplier_id,
        };
        db::audit_log::append(
            &tx,
            &stamp,
            AuditAction::Create,
            Some("monitoring"),
            None,
            Some(&format!("{} {}: {}", entry.on_date, entry.kind, entry.note)),
        )?;
        tx.commit()?;
        Ok(entry)
    }

    /// Everything due by `today + within` days over the whole register: overdue first, then by date.
    pub fn suppliers_due(&self, today: NaiveDate, within: u32) -> Result<Vec<SupplierDue>> {
        let lists = self.supplier_lists()?;
        let latest: HashMap<i64, Evaluation> =
            db::supplier_evaluations::latest_approved(self.conn(), ORGANISATION_ID)?
                .into_iter()
                .collect();
        let mut out = Vec::new();
        for (row, s, _) in db::suppliers::list(self.conn(), ORGANISATION_ID)? {
            let e = latest.get(&row);
            for item in due_items(
                &s,
                e.and_then(|e| e.next_due),
                e.is_some(),
                &lists,
                today,
                within,
            ) {
                out.push(SupplierDue {
                    supplier_id: s.supplier_id.clone(),
                    name: s.name.clone(),
                    kind: s.kind.clone(),
                    item,
                });
            }
        }
        out.sort_by(|a, b| {
            (!a.item.overdue, a.item.date, &a.supplier_id).cmp(&(
                !b.item.overdue,
                b.item.date,
                &b.supplier_id,
            ))
        });
        Ok(out)
    }
}

fn frozen(id: i64) -> Error {
    Error::InvalidValue {
        field: "evaluation",
        value: id.to_string(),
        expected:
            "a draft: an approved evaluation is frozen (record a new evaluation to correct it)"
                .to_owned(),
    }
}

/// After approval the supplier's status follows the result (unless the relationship has ended); audited.
fn status_after_approval(
    tx: &Connection,
    e: &Evaluation,
    supplier: &Supplier,
    lists: &SupplierLists,
    now: &str,
    actor: &str,
) -> Result<()> {
    let Some(next) = e.status_after() else {
        return Ok(());
    };
    if lists.status(&supplier.status).is_some_and(|s| s.closed)
        || supplier.status == next
        || lists.status(next).is_none()
    {
        return Ok(());
    }
    let mut updated = supplier.clone();
    updated.status = next.to_owned();
    db::suppliers::upsert(tx, ORGANISATION_ID, &updated, now)?;
    let stamp = Stamp {
        at: now,
        actor,
        entity: "supplier",
        record_id: &supplier.supplier_id,
    };
    db::audit_log::append(
        tx,
        &stamp,
        AuditAction::Update,
        Some("status"),
        Some(&supplier.status),
        Some(next),
    )?;
    Ok(())
}

/// Creates or changes one supplier inside the caller's transaction (see [`Store::save_supplier`]); `provenance` is the
/// creation entry of an imported supplier (where it came from) instead of the whole record.
#[allow(clippy::too_many_arguments)]
fn save_supplier_in(
    tx: &Connection,
    id: &str,
    patch: SupplierPatch,
    create: bool,
    base: Option<Supplier>,
    known: &Known<'_>,
    now: &str,
    actor: &str,
    provenance: Option<&str>,
) -> Result<Supplier> {
    let id = id.to_owned();
    let stored = db::suppliers::get(tx, ORGANISATION_ID, &id)?;
    let old =
        match (&stored, create) {
            (Some(_), true) => return Err(Error::InvalidValue {
                field: "supplier id",
                value: id,
                expected:
                    "an id not used yet (this supplier exists; change it with `isms suppliers set`)"
                        .to_owned(),
            }),
            (Some((_, s, _)), false) => s.clone(),
            (None, false) => return Err(Error::UnknownSupplier(id)),
            (None, true) => Supplier {
                supplier_id: id.clone(),
                status: "evaluating".to_owned(),
                ..Default::default()
            },
        };
    if let (Some(base), false) = (&base, create) {
        let yours = base.patched(patch.clone(), known)?;
        let mut found = crate::conflict::conflicts(
            &base.audit_values(),
            &old.audit_values(),
            &yours.audit_values(),
        );
        if !found.is_empty() {
            db::audit_log::attribute(tx, "supplier", &id, &mut found)?;
            return Err(Error::Conflict {
                record: format!("supplier {id}"),
                conflicts: found,
            });
        }
    }
    let new = old.patched(patch, known)?;
    db::suppliers::upsert(tx, ORGANISATION_ID, &new, now)?;
    let stamp = Stamp {
        at: now,
        actor,
        entity: "supplier",
        record_id: &id,
    };
    if create {
        let created = match provenance {
            Some(p) => p.to_owned(),
            None => serde_json::to_string(&new)?,
        };
        db::audit_log::append(tx, &stamp, AuditAction::Create, None, None, Some(&created))?;
    } else {
        for (field, a, b) in field_changes(&old.audit_values(), &new.audit_values()) {
            db::audit_log::append(
                tx,
                &stamp,
                AuditAction::Update,
                Some(field),
                a.as_deref(),
                b.as_deref(),
            )?;
        }
    }
    Ok(new)
}

/// One row of a supplier list, ready for the register: its id (empty: matched by name, or given the next id), what
/// it sets, and the row it came from.
#[derive(Debug, Clone)]
pub struct SupplierRow {
    pub supplier_id: String,
    pub patch: SupplierPatch,
    pub source_row: usize,
}

impl Store {
    /// Applies the rows of a supplier list in one transaction: each validated and audited like a save (a creation
    /// records where it came from); a row the register refuses is reported and skipped; rows without an id update the
    /// supplier of the same name, or create one with the next id. With `dry_run` everything is rolled back.
    pub fn import_suppliers(
        &mut self,
        rows: Vec<SupplierRow>,
        insert_only: bool,
        source: Option<(&str, &str)>,
        dry_run: bool,
    ) -> Result<crate::batch::BatchOutcome> {
        let lists = self.supplier_lists()?;
        let levels: Vec<String> = self
            .asset_scheme()?
            .levels
            .into_iter()
            .map(|l| l.name_ja)
            .collect();
        let assets: HashSet<String> = self
            .asset_ids(&crate::asset::round::all_assets())?
            .into_iter()
            .collect();
        let controls = self.control_ids()?;
        // Suppliers the list adds are known to the rows after them (a subcontractor listed further down).
        let mut suppliers = self.known_suppliers()?;
        let mut by_name: HashMap<String, String> =
            db::suppliers::list(self.conn(), ORGANISATION_ID)?
                .into_iter()
                .map(|(_, s, _)| (s.name.clone(), s.supplier_id))
                .collect();
        let mut next = self
            .next_supplier_id()?
            .trim_start_matches("SUP-")
            .parse::<u32>()
            .unwrap_or(1);
        let now = now();
        let actor = self.actor().to_owned();
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcome = crate::batch::BatchOutcome::default();
        for row in &rows {
            if !row.supplier_id.is_empty() {
                suppliers.insert(row.supplier_id.clone());
            }
        }
        for row in rows {
            let name = row.patch.name.clone().unwrap_or_default();
            let mut id = row.supplier_id.clone();
            if id.is_empty() {
                id = match by_name.get(name.trim()) {
                    Some(existing) => existing.clone(),
                    None => {
                        let id = format!("SUP-{next:04}");
                        next += 1;
                        id
                    }
                };
            }
            let existing = db::suppliers::get(&tx, ORGANISATION_ID, &id)?;
            if existing.is_some() && insert_only {
                outcome.skipped_existing += 1;
                continue;
            }
            suppliers.insert(id.clone());
            let known = Known {
                lists: &lists,
                levels: &levels,
                suppliers: &suppliers,
                assets: &assets,
                controls: &controls,
            };
            let provenance = source.map(|(file, sheet)| {
                serde_json::json!({"imported_from": file, "sheet": sheet, "row": row.source_row}).to_string()
            });
            let before = existing.as_ref().map(|(_, s, _)| s.audit_values());
            match save_supplier_in(
                &tx,
                &id,
                row.patch,
                existing.is_none(),
                None,
                &known,
                &now,
                &actor,
                provenance.as_deref(),
            ) {
                Ok(saved) => {
                    by_name.insert(saved.name.clone(), saved.supplier_id.clone());
                    match before {
                        None => outcome.inserted += 1,
                        Some(b) if b == saved.audit_values() => outcome.unchanged += 1,
                        Some(_) => outcome.updated += 1,
                    }
                }
                Err(e) if e.is_user_error() => {
                    outcome.rejected.push(crate::batch::RejectedChange {
                        source_row: row.source_row,
                        record_id: id,
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
