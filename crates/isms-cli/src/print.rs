//! What the CLI prints: a readable text form for people, the same data as JSON with `--json`.

use std::fmt::Write as _;
use std::io::Write as _;

use isms_core::audit::AuditEntry;
use isms_core::db::schema_version;
use isms_core::organisation::Organisation;
use isms_core::register::{RegisterEntry, RegisterFields};
use isms_core::store::{ControlDetail, ControlUpdate};
use isms_core::{Error, Store};
use serde::Serialize;

/// Writes `text` to stdout; a closed pipe (`isms … | head`) ends quietly instead of panicking.
pub fn emit(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(Error::Io {
            context: "cannot write to standard output".to_owned(),
            source,
        }),
    }
}

pub fn emit_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    emit(&text)
}

fn applicable_mark(f: &RegisterFields) -> &'static str {
    match f.applicable {
        Some(true) => "○",
        Some(false) => "×",
        None => "-",
    }
}

pub fn init(store: &Store, json: bool) -> Result<(), Error> {
    let org = store.organisation()?;
    let summary = store.summary()?;
    if json {
        #[derive(Serialize)]
        struct Init<'a> {
            path: String,
            schema_version: i64,
            organisation: &'a Organisation,
            frameworks: &'a [isms_core::register::RegisterSummary],
        }
        return emit_json(&Init {
            path: store.path().display().to_string(),
            schema_version: schema_version(),
            organisation: &org,
            frameworks: &summary,
        });
    }
    let mut s = String::new();
    let _ = writeln!(s, "database:     {}", store.path().display());
    let _ = writeln!(s, "schema:       version {}", schema_version());
    let name = if org.name.is_empty() {
        "(not set: isms org set --name NAME)"
    } else {
        &org.name
    };
    let _ = writeln!(s, "organisation: {name}");
    for fw in &summary {
        if let Some(framework) = fw.framework {
            let _ = writeln!(
                s,
                "{:<14} {:>3} controls, {} applicable, {} implemented",
                framework.as_ref(),
                fw.controls,
                fw.applicable,
                fw.implemented
            );
        }
    }
    emit(&s)
}

pub fn organisation(org: &Organisation, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(org);
    }
    emit(&format!(
        "name:                {}\nISMS scope:          {}\nSoA document number: {}\n",
        org.name, org.isms_scope, org.soa_document_number
    ))
}

pub fn control_list(entries: &[RegisterEntry], json: bool) -> Result<(), Error> {
    if json {
        return emit_json(entries);
    }
    let mut s = String::new();
    for e in entries {
        let _ = writeln!(
            s,
            "{:<11} {} {:<22} {} / {}",
            e.control.id,
            applicable_mark(&e.fields),
            e.fields.status.as_ref(),
            e.control.title_ja,
            e.control.title_en
        );
    }
    let _ = writeln!(s, "{} controls", entries.len());
    emit(&s)
}

fn entry_text(s: &mut String, e: &RegisterEntry) {
    let f = &e.fields;
    let c = &e.control;
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "-".to_owned()
        } else {
            items.join("; ")
        }
    };
    let date = |d: Option<chrono::NaiveDate>| d.map_or("-".to_owned(), |d| d.to_string());
    let _ = writeln!(s, "{}  {}", c.id, c.title_ja);
    let _ = writeln!(s, "{:<25}{}", "", c.title_en);
    let _ = writeln!(s, "{:<25}{} ({})", "framework:", c.framework, c.theme);
    let applicable = match f.applicable {
        Some(true) => "yes",
        Some(false) => "no",
        None => "undecided",
    };
    let _ = writeln!(s, "{:<25}{applicable}", "applicable:");
    if !e.derived_from.is_empty() {
        let from: Vec<String> = e
            .derived_from
            .iter()
            .map(|d| format!("{} ({})", d.id, d.relation))
            .collect();
        let _ = writeln!(
            s,
            "{:<25}taken from the 2022 control{} {} (decide on this row with --own-decision)",
            "decision:",
            if from.len() > 1 { "s" } else { "" },
            from.join(", ")
        );
    } else if c.framework == isms_core::catalogue::Framework::Iso27002_2013 && f.own_decision {
        let _ = writeln!(
            s,
            "{:<25}this row's own (take it from 2022 again with --follow-2022)",
            "decision:"
        );
    }
    let reasons = f.inclusion_reasons.iter().map(|r| r.to_string()).collect();
    let _ = writeln!(s, "{:<25}{}", "reasons for inclusion:", list(reasons));
    if !f.exclusion_justification.is_empty() {
        let _ = writeln!(
            s,
            "{:<25}{}",
            "exclusion justification:", f.exclusion_justification
        );
    }
    let _ = writeln!(s, "{:<25}{}", "status:", f.status);
    let _ = writeln!(s, "{:<25}{}", "implementation:", f.implementation);
    if !f.implementation_en.is_empty() {
        let _ = writeln!(s, "{:<25}{}", "implementation (en):", f.implementation_en);
    }
    let _ = writeln!(s, "{:<25}{}", "customer statement:", f.customer_statement);
    if !f.customer_statement_en.is_empty() {
        let _ = writeln!(
            s,
            "{:<25}{}",
            "customer statement (en):", f.customer_statement_en
        );
    }
    let _ = writeln!(s, "{:<25}{}", "responsible role:", f.responsible_role);
    let docs = f.related_documents.iter().map(|d| d.to_string()).collect();
    let _ = writeln!(s, "{:<25}{}", "related documents:", list(docs));
    let _ = writeln!(s, "{:<25}{}", "evidence:", list(f.evidence.clone()));
    let _ = writeln!(s, "{:<25}{}", "last reviewed:", date(f.last_reviewed));
    let _ = writeln!(s, "{:<25}{}", "next review:", date(f.next_review));
    if c.framework.is_cloud_scope() {
        let role = f.cloud_role.map_or("-".to_owned(), |r| r.to_string());
        let _ = writeln!(s, "{:<25}{}", "cloud role:", role);
    }
    if !f.inherited_from.is_empty() {
        let _ = writeln!(s, "{:<25}{}", "inherited from:", f.inherited_from);
    }
    let _ = writeln!(
        s,
        "{:<25}{}",
        "updated:",
        e.updated_at.as_deref().unwrap_or("never")
    );
}

pub fn control_detail(d: &ControlDetail, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(d);
    }
    let mut s = String::new();
    entry_text(&mut s, &d.entry);
    for m in &d.counterparts {
        let _ = writeln!(
            s,
            "{:<25}{} ({}) {}",
            "counterpart:", m.control.id, m.relation, m.control.title_ja
        );
    }
    emit(&s)
}

pub fn control_update(u: &ControlUpdate, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(u);
    }
    let mut s = String::new();
    if u.changed_fields.is_empty() {
        let _ = writeln!(s, "{}: nothing changed", u.entry.control.id);
    } else {
        let _ = writeln!(
            s,
            "{}: changed {}",
            u.entry.control.id,
            u.changed_fields.join(", ")
        );
    }
    emit(&s)
}

pub fn mapping(d: &ControlDetail, json: bool) -> Result<(), Error> {
    if json {
        #[derive(Serialize)]
        struct Mapping<'a> {
            id: &'a str,
            framework: isms_core::catalogue::Framework,
            title_en: &'a str,
            title_ja: &'a str,
            counterparts: &'a [isms_core::db::control_mappings::MappedControl],
        }
        let c = &d.entry.control;
        return emit_json(&Mapping {
            id: &c.id,
            framework: c.framework,
            title_en: &c.title_en,
            title_ja: &c.title_ja,
            counterparts: &d.counterparts,
        });
    }
    let c = &d.entry.control;
    let mut s = String::new();
    let _ = writeln!(s, "{} {} ({})", c.id, c.title_ja, c.framework);
    if d.counterparts.is_empty() {
        let _ = writeln!(s, "  no counterpart in the other edition (new in 2022)");
    }
    for m in &d.counterparts {
        let _ = writeln!(
            s,
            "  {:<10} {:<10} {} / {}",
            m.control.id, m.relation, m.control.title_ja, m.control.title_en
        );
    }
    emit(&s)
}

pub fn audit(entries: &[AuditEntry], json: bool) -> Result<(), Error> {
    if json {
        return emit_json(entries);
    }
    let mut s = String::new();
    for e in entries {
        let field = e.field.as_deref().unwrap_or("");
        let old = e.old_value.as_deref().unwrap_or("∅");
        let new = e.new_value.as_deref().unwrap_or("∅");
        let change = if e.field.is_some() {
            format!("{field}: {old} → {new}")
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{} {} {} {} {} {}",
            e.at, e.actor, e.action, e.entity, e.record_id, change
        );
    }
    if entries.is_empty() {
        let _ = writeln!(s, "no changes recorded");
    }
    emit(&s)
}

pub fn soa_revision(rev: &isms_core::soa::SoaRevision, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(rev);
    }
    match rev.status {
        isms_core::soa::VersionStatus::Current => emit(&format!(
            "issued SoA version {} on {} (prepared by {}, approved by {})\n",
            rev.version, rev.issued_on, rev.prepared_by, rev.approved_by
        )),
        status => emit(&format!(
            "SoA version {} is now {} ({}): {}\n",
            rev.version,
            status,
            rev.status_on.map(|d| d.to_string()).unwrap_or_default(),
            rev.status_reason
        )),
    }
}

pub fn soa_versions(revs: &[isms_core::soa::SoaRevision], json: bool) -> Result<(), Error> {
    if json {
        return emit_json(revs);
    }
    let mut s = String::new();
    for r in revs {
        let _ = writeln!(
            s,
            "{:<8} {}  {:<10} prepared: {}  approved: {}  {}",
            r.version, r.issued_on, r.status, r.prepared_by, r.approved_by, r.summary
        );
        if r.status != isms_core::soa::VersionStatus::Current {
            let _ = writeln!(
                s,
                "{:<8} {} {}: {}",
                "",
                r.status,
                r.status_on.map(|d| d.to_string()).unwrap_or_default(),
                r.status_reason
            );
        }
        if !r.accepted_undecided.is_empty() {
            let _ = writeln!(
                s,
                "{:<8} issued with {} controls undecided (accepted)",
                "",
                r.accepted_undecided.len()
            );
        }
    }
    if revs.is_empty() {
        let _ = writeln!(s, "no SoA version issued yet (isms soa issue --version 1.0 --approver NAME --summary TEXT)");
    }
    emit(&s)
}

pub fn export(report: &isms_reports::ExportReport, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(report);
    }
    // An SoA says which version (or that it is the draft); a label sheet is neither.
    let mut facts = Vec::new();
    match (&report.version, report.draft) {
        (Some(v), _) => facts.push(format!("version {v}")),
        (None, true) => facts.push("draft".to_owned()),
        (None, false) => {}
    }
    match report.pages {
        Some(1) => facts.push("1 page".to_owned()),
        Some(p) => facts.push(format!("{p} pages")),
        None => {}
    }
    facts.push(format!("{} bytes", report.bytes));
    let mut s = format!("wrote {} ({})\n", report.path, facts.join(", "));
    if !report.missing_glyphs.is_empty() {
        let chars: String = report.missing_glyphs.iter().collect();
        let _ = writeln!(s, "note: the font has no glyph for {chars}; printed as 〓");
    }
    emit(&s)
}

pub fn import(r: &isms_sheets::ImportReport, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(r);
    }
    let mut s = String::new();
    let what = if r.dry_run {
        "dry run (nothing written)"
    } else {
        "imported"
    };
    let _ = writeln!(
        s,
        "{what}: sheet `{}`, header on row {}",
        r.sheet, r.header_row
    );
    let _ = writeln!(
        s,
        "inserted {}, updated {}, unchanged {}, skipped {}, rejected {}, warnings {}",
        r.inserted,
        r.updated,
        r.unchanged,
        r.skipped,
        r.rejected,
        r.warnings.len()
    );
    if let Some(round) = &r.round {
        let _ = writeln!(
            s,
            "returned workbook {} of {} ({}): {} assets reviewed{}",
            round.workbook_id,
            round.department,
            round.round_id,
            r.reviewed,
            if round.round_closed {
                " — the round is closed, reviews are not counted"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(s, "columns:");
    for (header, field) in &r.mapping {
        let _ = writeln!(s, "  {header} → {field}");
    }
    for k in &r.skipped_rows {
        if k.row > 0 {
            let _ = writeln!(s, "skipped {} row {}: {}", k.sheet, k.row, k.reason);
        } else {
            let _ = writeln!(s, "skipped: {}", k.reason);
        }
    }
    for e in &r.errors {
        let _ = writeln!(
            s,
            "error {} row {} column {} value `{}`: {}",
            e.sheet, e.row, e.column, e.value, e.message
        );
    }
    for w in &r.warnings {
        let _ = writeln!(
            s,
            "warning {} row {} column {} value `{}`: {}",
            w.sheet, w.row, w.column, w.value, w.message
        );
    }
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(empty)".to_owned());
    for c in &r.changes {
        let _ = writeln!(
            s,
            "change {} {}: {} → {}{}",
            c.asset,
            c.field,
            shown(&c.old),
            shown(&c.new),
            match (c.register_newer, c.applied) {
                (true, false) =>
                    "  [not written: the register's value is newer; --overwrite-newer writes it]",
                (true, true) => "  [the register's value was newer; written as asked]",
                (false, false) => "  [not written: rejected]",
                (false, true) => "",
            }
        );
    }
    if !r.missing.is_empty() {
        let _ = writeln!(
            s,
            "not in the returned workbook (retire them if they are gone): {}",
            r.missing.join(", ")
        );
    }
    for l in &r.unknown_levels {
        let _ = writeln!(
            s,
            "unknown level `{}` on {} rows: map it with --map-level {}=LEVEL, or add it (isms classification add)",
            l.value, l.rows, l.value
        );
    }
    for n in &r.notes {
        let _ = writeln!(s, "note: {n}");
    }
    emit(&s)
}

pub fn assets(list: &[isms_core::asset::AssetView], json: bool) -> Result<(), Error> {
    if json {
        return emit_json(list);
    }
    let mut s = String::new();
    for v in list {
        let a = &v.asset;
        let cia = |x: Option<u8>| x.map_or("-".to_owned(), |n| n.to_string());
        let retired = a
            .retirement
            .as_ref()
            .map(|r| format!("  [retired {} {}]", r.on, r.method))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "{:<12} {:<6} C{} I{} A{}  {}  ({}){retired}",
            a.asset_id,
            a.classification.as_deref().unwrap_or("-"),
            cia(a.confidentiality),
            cia(a.integrity),
            cia(a.availability),
            a.name,
            [a.department.as_str(), a.owner.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" / ")
        );
    }
    let _ = writeln!(s, "{} assets", list.len());
    emit(&s)
}

pub fn bulk_edit(o: &isms_core::batch::BatchOutcome, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(o);
    }
    let reviewed = if o.reviewed > 0 {
        format!(", reviewed {}", o.reviewed)
    } else {
        String::new()
    };
    emit(&format!(
        "updated {}, unchanged {}{reviewed}\n",
        o.updated, o.unchanged
    ))
}

pub fn asset(d: &isms_core::asset::store::AssetDetail, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(d);
    }
    let mut text = serde_json::to_string_pretty(d)?;
    text.push('\n');
    emit(&text)
}

pub fn asset_export(summary: &isms_sheets::ExportSummary, json: bool) -> Result<(), Error> {
    if json {
        return emit_json(summary);
    }
    emit(&format!(
        "wrote {} ({} assets, {} columns)\n",
        summary.path, summary.assets, summary.columns
    ))
}

pub fn scheme(
    scheme: &isms_core::asset::classification::AssetScheme,
    json: bool,
) -> Result<(), Error> {
    if json {
        return emit_json(scheme);
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "scales: C 1–{}, I 1–{}, A 1–{}; importance = {}; reviewed every {} months",
        scheme.scales.confidentiality,
        scheme.scales.integrity,
        scheme.scales.availability,
        scheme.importance_rule.as_ref(),
        scheme.review_interval_months
    );
    for (i, l) in scheme.levels.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}. {} / {}  label `{}`  {}",
            i + 1,
            l.name_ja,
            l.name_en,
            l.label,
            l.colour
        );
        for (aspect, rule) in &l.handling {
            let _ = writeln!(s, "     {aspect}: {rule}");
        }
    }
    emit(&s)
}

pub fn register_export(
    written: &isms_sheets::supplier_export::RegisterExport,
    json: bool,
) -> Result<(), Error> {
    if json {
        return emit_json(written);
    }
    emit(&format!(
        "wrote {} ({} rows, {} columns)\n",
        written.path, written.rows, written.columns
    ))
}
