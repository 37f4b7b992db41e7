//! The incident register's `#[tauri::command]`s (インシデント・是正処置), the notification rules and the contacts: each
//! takes the open store and delegates in a few lines.

use std::path::PathBuf;

use isms_core::contact::{Contact, ContactPatch};
use isms_core::incident::lists::IncidentLists;
use isms_core::incident::rules::{parse_time, NotificationRule};
use isms_core::incident::store::{
    IncidentDetail, IncidentFilter, IncidentStatistics, IncidentSummary, IncidentsDue, NewIncident,
};
use isms_core::incident::{CorrectiveAction, EffectivenessResult, Incident, IncidentPatch};
use isms_reports::{ExportReport, Lang};
use isms_sheets::supplier_export::RegisterExport;
use tauri::State;

use crate::commands::{remember, with, Reply};
use crate::{ExportedFiles, OpenStore};

#[tauri::command]
pub fn incidents(
    store: State<'_, OpenStore>,
    filter: IncidentFilter,
) -> Reply<Vec<IncidentSummary>> {
    with(&store, |s| Ok(s.incidents(&filter)?))
}

#[tauri::command]
pub fn incident(store: State<'_, OpenStore>, id: String) -> Reply<IncidentDetail> {
    with(&store, |s| Ok(s.incident(&id)?))
}

#[tauri::command]
pub fn report_incident(store: State<'_, OpenStore>, patch: IncidentPatch) -> Reply<IncidentDetail> {
    with(&store, |s| Ok(s.report_incident(NewIncident { patch })?))
}

/// `base`: the record as the form loaded it (a conflicting change is refused).
#[tauri::command]
pub fn save_incident(
    store: State<'_, OpenStore>,
    id: String,
    patch: IncidentPatch,
    base: Option<Incident>,
) -> Reply<IncidentDetail> {
    with(&store, |s| Ok(s.save_incident(&id, patch, base)?))
}

#[tauri::command]
pub fn decide_incident(
    store: State<'_, OpenStore>,
    id: String,
    is_incident: bool,
    by: String,
    reason: String,
) -> Reply<IncidentDetail> {
    with(&store, |s| {
        Ok(s.decide_incident(&id, is_incident, &by, &reason, None)?)
    })
}

#[tauri::command]
pub fn add_incident_action(
    store: State<'_, OpenStore>,
    id: String,
    what: String,
    owner: String,
    due_on: chrono::NaiveDate,
) -> Reply<CorrectiveAction> {
    with(&store, |s| Ok(s.add_action(&id, &what, &owner, due_on)?))
}

#[tauri::command]
pub fn complete_incident_action(
    store: State<'_, OpenStore>,
    action: i64,
    done_on: chrono::NaiveDate,
) -> Reply<CorrectiveAction> {
    with(&store, |s| Ok(s.complete_action(action, done_on)?))
}

#[tauri::command]
pub fn record_effectiveness(
    store: State<'_, OpenStore>,
    id: String,
    result: EffectivenessResult,
    by: String,
    note: String,
) -> Reply<IncidentDetail> {
    with(&store, |s| {
        Ok(s.record_effectiveness(&id, result, &by, &note)?)
    })
}

#[tauri::command]
pub fn close_incident(
    store: State<'_, OpenStore>,
    id: String,
    approver: String,
) -> Reply<IncidentDetail> {
    with(&store, |s| Ok(s.close_incident(&id, &approver)?))
}

/// `sent_at`: RFC 3339 with its offset.
#[tauri::command]
pub fn record_notice(
    store: State<'_, OpenStore>,
    id: String,
    rule_id: String,
    sent_at: String,
    note: String,
) -> Reply<IncidentDetail> {
    with(&store, |s| {
        let at = parse_time("sent time", &sent_at)?;
        Ok(s.record_notice(&id, &rule_id, at, &note)?)
    })
}

#[tauri::command]
pub fn incidents_due(store: State<'_, OpenStore>) -> Reply<IncidentsDue> {
    with(&store, |s| {
        Ok(s.incidents_due(chrono::Local::now().fixed_offset())?)
    })
}

#[tauri::command]
pub fn incident_statistics(store: State<'_, OpenStore>) -> Reply<IncidentStatistics> {
    with(&store, |s| Ok(s.incident_statistics()?))
}

#[tauri::command]
pub fn incident_lists(store: State<'_, OpenStore>) -> Reply<IncidentLists> {
    with(&store, |s| Ok(s.incident_lists()?))
}

#[tauri::command]
pub fn notification_rules(store: State<'_, OpenStore>) -> Reply<Vec<NotificationRule>> {
    with(&store, |s| Ok(s.notification_rules()?))
}

#[tauri::command]
pub fn save_notification_rule(
    store: State<'_, OpenStore>,
    rule: NotificationRule,
) -> Reply<NotificationRule> {
    with(&store, |s| Ok(s.save_notification_rule(rule)?))
}

#[tauri::command]
pub fn contacts(store: State<'_, OpenStore>) -> Reply<Vec<Contact>> {
    with(&store, |s| Ok(s.contacts()?))
}

#[tauri::command]
pub fn save_contact(
    store: State<'_, OpenStore>,
    id: String,
    patch: ContactPatch,
    create: bool,
) -> Reply<Contact> {
    with(&store, |s| Ok(s.save_contact(&id, patch, create)?))
}

/// One record's 不適合（インシデント）是正処置報告書 as PDF.
#[tauri::command]
pub async fn export_car(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    id: String,
    path: String,
    lang: String,
) -> Reply<ExportReport> {
    let lang: Lang = lang.parse()?;
    let (d, lists, contacts, org) = with(&store, |s| {
        Ok((
            s.incident(&id)?,
            s.incident_lists()?,
            s.contacts()?,
            s.organisation()?,
        ))
    })?;
    let name = if lang == Lang::En && !org.name_en.is_empty() {
        org.name_en
    } else {
        org.name
    };
    let doc = isms_reports::incident_pdf::car_document(&d, &lists, &contacts, &name, lang)?;
    let report = isms_reports::supplier_pdf::export_pdf(
        &doc,
        &PathBuf::from(&path),
        chrono::Utc::now().timestamp(),
        d.incident.state.is_open(),
    )?;
    remember(&exported, &path);
    Ok(report)
}

/// The incident register and its statistics as .xlsx or .csv.
#[tauri::command]
pub async fn export_incidents(
    store: State<'_, OpenStore>,
    exported: State<'_, ExportedFiles>,
    path: String,
) -> Reply<RegisterExport> {
    let (details, stats, lists) = with(&store, |s| {
        let details = s
            .incidents(&Default::default())?
            .iter()
            .map(|i| s.incident(&i.incident_no))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((details, s.incident_statistics()?, s.incident_lists()?))
    })?;
    let written = isms_sheets::incident_export::export_incidents(
        &details,
        &stats,
        &lists,
        &PathBuf::from(&path),
    )?;
    remember(&exported, &path);
    Ok(written)
}
