//! The SoA as an Excel workbook: the same rows as the PDF, one sheet per table, strings written as strings (never formulas).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::soa_rows::{Group, SoaContent};

fn title_rows(
    ws: &mut Worksheet,
    c: &SoaContent,
    bold: &Format,
) -> Result<u32, rust_xlsxwriter::XlsxError> {
    let l = &c.labels;
    let title = if c.draft {
        format!("{}（{}）", l.document_title, l.draft_mark)
    } else {
        l.document_title.clone()
    };
    ws.write_string_with_format(0, 0, title, bold)?;
    let rows = [
        (&l.organisation, &c.organisation),
        (&l.scope, &c.scope),
        (&l.document_number, &c.document_number),
        (&l.version, &c.version),
        (&l.issue_date, &c.issue_date),
        (&l.prepared, &c.prepared_by),
        (&l.approved, &c.approved_by),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string_with_format(r, 0, k.as_str(), bold)?;
        ws.write_string(r, 1, v.as_str())?;
    }
    Ok(rows.len() as u32 + 2)
}

/// The cell formats of a table: its header row and its body.
struct Formats {
    head: Format,
    body: Format,
}

/// One control table: header row, then a row per control with its group (theme) in a column.
struct ControlTable<'a> {
    headers: &'a [&'a str],
    widths: &'a [f64],
    groups: &'a [Group],
    cells: &'a dyn Fn(&crate::soa_rows::ControlLine, &str) -> Vec<String>,
}

fn table(
    ws: &mut Worksheet,
    first_row: u32,
    t: &ControlTable<'_>,
    f: &Formats,
) -> Result<u32, rust_xlsxwriter::XlsxError> {
    let (headers, widths, groups, cells, head, wrap) =
        (t.headers, t.widths, t.groups, t.cells, &f.head, &f.body);
    for (col, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(first_row, col as u16, *h, head)?;
        ws.set_column_width(col as u16, *w)?;
    }
    let mut row = first_row + 1;
    for group in groups {
        for line in &group.lines {
            for (col, value) in cells(line, &group.title).into_iter().enumerate() {
                ws.write_string_with_format(row, col as u16, value, wrap)?;
            }
            row += 1;
        }
    }
    ws.set_freeze_panes(first_row + 1, 0)?;
    if row > first_row + 1 {
        ws.autofilter(first_row, 0, row - 1, headers.len() as u16 - 1)?;
    }
    Ok(row)
}

/// The workbook as bytes.
pub fn render(c: &SoaContent) -> crate::Result<Vec<u8>> {
    let l = &c.labels;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_background_color("DCE3F0")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let wrap = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let formats = Formats {
        head: head.clone(),
        body: wrap.clone(),
    };

    let ws = wb.add_worksheet();
    ws.set_name(&l.sheet_annex_a)?;
    let start = title_rows(ws, c, &bold)?;
    table(
        ws,
        start,
        &ControlTable {
            headers: &[
                &l.col_id,
                &l.col_control,
                &l.col_group,
                &l.col_applicable,
                &l.col_reason,
                &l.col_implementation,
                &l.col_status,
                &l.col_documents,
            ],
            widths: &[8.0, 36.0, 20.0, 8.0, 30.0, 60.0, 12.0, 30.0],
            groups: &c.annex_a,
            cells: &|line, group| {
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
        },
        &formats,
    )?;

    let ws = wb.add_worksheet();
    ws.set_name(&l.sheet_cloud)?;
    table(
        ws,
        0,
        &ControlTable {
            headers: &[
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
            widths: &[11.0, 36.0, 24.0, 8.0, 10.0, 16.0, 30.0, 60.0, 12.0, 16.0],
            groups: &c.cloud,
            cells: &|line, group| {
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
        },
        &formats,
    )?;

    let ws = wb.add_worksheet();
    ws.set_name(&l.sheet_history)?;
    let headers = [
        &l.col_version,
        &l.col_date,
        &l.col_changes,
        &l.col_prepared,
        &l.col_approved,
    ];
    for (col, (h, w)) in headers
        .iter()
        .zip([8.0, 16.0, 70.0, 16.0, 16.0])
        .enumerate()
    {
        ws.write_string_with_format(0, col as u16, h.as_str(), &head)?;
        ws.set_column_width(col as u16, w)?;
    }
    for (i, row) in c.history.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            ws.write_string_with_format(1 + i as u32, col as u16, value.as_str(), &wrap)?;
        }
    }
    Ok(wb.save_to_buffer()?)
}
