//! The SoA as an Excel workbook: the same rows as the PDF, one sheet per table, written by the product's one xlsx
//! writer (`isms_sheets::workbook`): title rows above the Annex A table, bold frozen headers with an autofilter,
//! fixed widths with wrapped, top-aligned, framed cells, issue dates as date cells, strings as strings (never
//! formulas).

use isms_sheets::workbook::{self, Cell, Table};

use crate::soa_rows::{Group, SoaContent};

/// The title rows above the Annex A table: the title, then label / value pairs, then a blank row.
fn title_rows(c: &SoaContent) -> Vec<Vec<Cell>> {
    let l = &c.labels;
    let title = if c.draft {
        format!("{}（{}）", l.document_title, l.draft_mark)
    } else {
        l.document_title.clone()
    };
    let pair = |k: &str, v: Cell| vec![Cell::Strong(k.to_owned()), v];
    vec![
        vec![Cell::Strong(title)],
        pair(&l.organisation, Cell::text(&c.organisation)),
        pair(&l.scope, Cell::text(&c.scope)),
        pair(&l.document_number, Cell::text(&c.document_number)),
        pair(&l.version, Cell::text(&c.version)),
        pair(&l.issue_date, Cell::Date(c.issued_on)),
        pair(&l.prepared, Cell::text(&c.prepared_by)),
        pair(&l.approved, Cell::text(&c.approved_by)),
        vec![],
    ]
}

/// One control table: a row per control with its group (theme) in a column.
fn control_table(
    sheet: &str,
    headers: &[&str],
    widths: &[f64],
    groups: &[Group],
    cells: &dyn Fn(&crate::soa_rows::ControlLine, &str) -> Vec<String>,
) -> Table {
    Table {
        sheet: sheet.to_owned(),
        header: headers.iter().map(|h| (*h).to_owned()).collect(),
        widths: widths.to_vec(),
        rows: groups
            .iter()
            .flat_map(|g| g.lines.iter().map(move |line| (g, line)))
            .map(|(g, line)| cells(line, &g.title).into_iter().map(Cell::text).collect())
            .collect(),
        wrap: true,
        ..Default::default()
    }
}

/// The workbook as bytes.
pub fn render(c: &SoaContent) -> crate::Result<Vec<u8>> {
    let l = &c.labels;
    let mut annex = control_table(
        &l.sheet_annex_a,
        &[
            &l.col_id,
            &l.col_control,
            &l.col_group,
            &l.col_applicable,
            &l.col_reason,
            &l.col_implementation,
            &l.col_status,
            &l.col_documents,
        ],
        &[8.0, 36.0, 20.0, 8.0, 30.0, 60.0, 12.0, 30.0],
        &c.annex_a,
        &|line, group| {
            vec![
                line.id.clone(),
                line.title.clone(),
                group.to_owned(),
                line.applicable_text.clone(),
                line.reason.clone(),
                line.implementation.clone(),
                line.status.clone(),
                line.documents.clone(),
            ]
        },
    );
    annex.preamble = title_rows(c);
    let cloud = control_table(
        &l.sheet_cloud,
        &[
            &l.col_id,
            &l.col_control,
            &l.col_group,
            &l.col_applicable,
            &l.col_role,
            &l.col_inherited,
            &l.col_reason,
            &l.col_implementation,
            &l.col_status,
            &l.col_derived,
        ],
        &[11.0, 36.0, 24.0, 8.0, 10.0, 16.0, 30.0, 60.0, 12.0, 16.0],
        &c.cloud,
        &|line, group| {
            vec![
                line.id.clone(),
                line.title.clone(),
                group.to_owned(),
                line.applicable_text.clone(),
                line.role.clone(),
                line.inherited_from.clone(),
                line.reason.clone(),
                line.implementation.clone(),
                line.status.clone(),
                line.derived.clone(),
            ]
        },
    );
    let history = Table {
        sheet: l.sheet_history.clone(),
        header: [
            &l.col_version,
            &l.col_date,
            &l.col_changes,
            &l.col_prepared,
            &l.col_approved,
        ]
        .iter()
        .map(|h| (*h).clone())
        .collect(),
        widths: vec![8.0, 16.0, 70.0, 16.0, 16.0],
        rows: c
            .history
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row.iter()
                    .enumerate()
                    .map(
                        |(col, value)| match (col, c.history_dates.get(i).copied().flatten()) {
                            (1, Some(d)) => Cell::Date(d),
                            _ => Cell::text(value),
                        },
                    )
                    .collect()
            })
            .collect(),
        wrap: true,
        ..Default::default()
    };
    Ok(workbook::xlsx(
        &[annex, cloud, history],
        "the SoA workbook",
    )?)
}
