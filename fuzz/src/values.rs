//! Fuzz target `values`: the importer's value normalisers on arbitrary text and numbers — the one date reader
//! (ISO, slashes, 年月日, 和暦, R8.4.1, full-width digits) directly and through the cell reader, C/I/A scales, the
//! full-width folding of text and codes, lists, note rows.
//!
//! Besides never panicking:
//! - a date read is within the plausible years and reads back the same from its ISO, 年月日, full-width and (from
//!   令和) 和暦 forms;
//! - a scale read is from 1 to its maximum;
//! - a code read is stable (an exported asset id imports back as the same id), and text read then exported imports
//!   back the same (the apostrophe the export puts before formula-like text is taken off again);
//! - a list has no empty items and no separators left in its items.
//!
//! Shared by `fuzz/fuzz_targets/values.rs` and the replay in `crates/isms-sheets/tests/fuzz_corpus.rs`.

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use chrono::{Datelike, NaiveDate};
use isms_core::dates::{read_date, EARLIEST_YEAR, LATEST_YEAR};
use isms_sheets::columns::{ScaleWords, Vocabulary};
use isms_sheets::values::{
    cell_text, clean_code, clean_text, is_note_row, parse_date, parse_date_text, parse_scale,
    split_list,
};
use isms_sheets::workbook::is_formula_like;

thread_local! {
    static WORDS: ScaleWords = Vocabulary::load(None).expect("the asset vocabulary").scale_words;
}

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    // Numbers from the first bytes, text from all of them.
    let mut eight = [0u8; 8];
    for (d, s) in eight.iter_mut().zip(rest) {
        *d = *s;
    }
    let float = f64::from_le_bytes(eight);
    let int = i64::from_le_bytes(eight);
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();

    dates(text);
    date_cells(text, float, int, selector);
    scales(text, float, selector);
    texts(text);
    let _ = cell_text(&Data::Float(float));
    let _ = cell_text(&Data::Int(int));
    let cells: Vec<String> = text.split('\t').map(str::to_owned).collect();
    let _ = is_note_row(&cells);
}

fn check_date(d: NaiveDate, from: &str) {
    assert!(
        (EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year()),
        "{from:?} read as {d}, outside the plausible years"
    );
}

fn dates(text: &str) {
    let read = read_date(text);
    assert_eq!(parse_date_text(text), read.clone().ok());
    match read {
        Ok(d) => {
            check_date(d, text);
            let (y, m, day) = (d.year(), d.month(), d.day());
            for form in [
                d.format("%Y-%m-%d").to_string(),
                format!("{y}/{m}/{day}"),
                format!("{y}年{m}月{day}日"),
                full_width(&format!("{y}/{m}/{day}")),
            ] {
                assert_eq!(
                    read_date(&form),
                    Ok(d),
                    "{text:?} → {d}, but {form:?} does not read back"
                );
            }
            // 和暦 years are one or two digits (the reader refuses 令和108年 as no date: the era will have ended), so
            // the round trip holds up to 令和99年 (2117).
            let r = y - 2018;
            if d >= NaiveDate::from_ymd_opt(2019, 5, 1).expect("the first day of Reiwa") && r <= 99
            {
                for form in [format!("令和{r}年{m}月{day}日"), format!("R{r}.{m}.{day}")] {
                    assert_eq!(read_date(&form), Ok(d), "{d} as {form:?}");
                }
            }
        }
        Err(problem) => {
            assert!(!problem.to_string().is_empty());
            assert!(["format", "month", "day", "year"].contains(&problem.kind()));
        }
    }
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            '/' => '／',
            _ => c,
        })
        .collect()
}

fn date_cells(text: &str, float: f64, int: i64, selector: u8) {
    let kind = if selector & 1 == 0 {
        ExcelDateTimeType::DateTime
    } else {
        ExcelDateTimeType::TimeDelta
    };
    let cells = [
        Data::String(text.to_owned()),
        Data::DateTimeIso(text.to_owned()),
        Data::Float(float),
        Data::Int(int),
        Data::DateTime(ExcelDateTime::new(float, kind, selector & 2 != 0)),
    ];
    for cell in &cells {
        if let Ok(Some(d)) = parse_date(cell) {
            check_date(d, &format!("{cell:?}"));
        }
        let _ = cell_text(cell);
    }
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed != "-" {
        assert_eq!(
            parse_date(&Data::String(text.to_owned())).ok().flatten(),
            read_date(text).ok(),
            "a text cell reads as the date reader reads its text"
        );
    }
}

fn scales(text: &str, float: f64, selector: u8) {
    let max = 2 + (selector >> 2) % 8; // the scheme allows maxima from 2 to 9
    WORDS.with(|words| {
        for cell in [Data::String(text.to_owned()), Data::Float(float)] {
            if let Ok(Some(v)) = parse_scale(&cell, max, words) {
                assert!(
                    (1..=max).contains(&v),
                    "{cell:?} read as {v} on a scale to {max}"
                );
            }
        }
    });
}

fn texts(text: &str) {
    let code = clean_code(text);
    assert_eq!(clean_code(&code), code, "a code is read the same twice");

    // What the importer stores, exported (CSV) and imported again, is the same.
    let stored = clean_text(text);
    let exported = if is_formula_like(&stored) {
        format!("'{stored}")
    } else {
        stored.clone()
    };
    assert_eq!(
        clean_text(exported.trim()),
        stored,
        "{text:?} is stored as {stored:?} but imports back differently from its export {exported:?}"
    );

    for item in split_list(text) {
        assert!(!item.is_empty(), "an empty list item from {text:?}");
        assert!(
            !item.contains(|c: char| ",、，;；\n/／".contains(c)),
            "a separator left in {item:?}"
        );
    }
}
