//! Turning cells as people type them into values: trimmed text with full-width letters and digits folded, C/I/A scales from numbers or 高/中/低, dates in every common Japanese and Western form, lists.

use std::borrow::Cow;

use calamine::{Data, ExcelDateTime};
use chrono::{Days, NaiveDate, NaiveDateTime};
use unicode_normalization::UnicodeNormalization;

use crate::columns::ScaleWords;

/// The text of a cell: numbers without a spurious `.0`, dates as `YYYY-MM-DD`.
pub fn cell_text(cell: &Data) -> String {
    cell_str(cell).into_owned()
}

/// [`cell_text`], borrowing the text of a text cell instead of copying it.
pub fn cell_str(cell: &Data) -> Cow<'_, str> {
    match cell {
        Data::String(s) => Cow::Borrowed(s.trim()),
        other => Cow::Owned(owned_cell_text(other)),
    }
}

fn owned_cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => excel_datetime(d)
            .map(|dt| dt.date().to_string())
            .unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Free text as stored: trimmed, full-width ASCII letters and digits folded to ASCII (ＩＡ－０００３ → IA-0003 keeps the
/// rest of the Japanese text as typed), and the apostrophe our own exports put before `= + - @` removed.
pub fn clean_text(text: &str) -> String {
    let text = text.trim();
    let is_full_width = |c: char| matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}');
    if !text.starts_with('\'') && !text.chars().any(is_full_width) {
        return text.to_owned();
    }
    let folded: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    match folded.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => folded,
    }
}

/// Identifiers and codes: everything NFKC-folded (full-width hyphens and digits included) and trimmed.
pub fn clean_code(text: &str) -> String {
    let text = text.trim();
    if text.is_ascii()
        || unicode_normalization::is_nfkc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return text.to_owned();
    }
    text.nfkc().collect::<String>().trim().to_owned()
}

/// A C/I/A value from 1 to `max`, from a number, a full-width digit, or a word (高/中/低, 大/中/小, High/Medium/Low);
/// a word with its number beside it (高(3), 3（高）, 3：高) is read by its number.
pub fn parse_scale(cell: &Data, max: u8, words: &ScaleWords) -> Result<Option<u8>, String> {
    let text = clean_code(&cell_str(cell));
    if text.is_empty() || text == "-" {
        return Ok(None);
    }
    if let Some(value) = scale_value(&text, max, words) {
        return value.map(Some);
    }
    let parts: Vec<&str> = text
        .split(|c: char| "()[]{}【】:/・,、 ".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 {
        let read: Vec<Option<Result<u8, String>>> =
            parts.iter().map(|p| scale_value(p, max, words)).collect();
        let numbers: Vec<usize> = (0..parts.len())
            .filter(|i| parts[*i].parse::<f64>().is_ok())
            .collect();
        // The number, when there is exactly one and the rest are scale words.
        if let ([at], true) = (numbers.as_slice(), read.iter().all(Option::is_some)) {
            let at = *at;
            if let Some(value) = read[at].clone() {
                return value.map(Some);
            }
        }
    }
    Err(format!("is not a value from 1 to {max} or 高/中/低"))
}

/// One token as a scale value: `None` when it is neither a number nor a scale word.
fn scale_value(text: &str, max: u8, words: &ScaleWords) -> Option<Result<u8, String>> {
    let matches = |list: &[String]| list.iter().any(|w| w.eq_ignore_ascii_case(text));
    if matches(&words.high) {
        Some(Ok(max))
    } else if matches(&words.medium) {
        Some(Ok(max.div_ceil(2)))
    } else if matches(&words.low) {
        Some(Ok(1))
    } else {
        match text.parse::<f64>() {
            Ok(n) if n.fract() == 0.0 && n >= 1.0 && n <= f64::from(max) => Some(Ok(n as u8)),
            Ok(_) => Some(Err(format!("must be from 1 to {max}"))),
            Err(_) => None,
        }
    }
}

/// The date and time of a date cell; `None` for a serial far outside any calendar. (calamine's conversion panics on a
/// large negative serial — a date-formatted cell holding -1e12 — so the value is checked first: a corrupt or crafted
/// workbook must not crash the import.)
fn excel_datetime(d: &ExcelDateTime) -> Option<NaiveDateTime> {
    let serial = d.as_f64();
    // Excel's calendar ends at serial 2,958,465 (9999-12-31); a million days either side is far beyond it.
    if serial.is_finite() && (-1.0e6..=1.0e7).contains(&serial) {
        d.as_datetime()
    } else {
        None
    }
}

/// Days from Excel's epoch (1899-12-30, which absorbs the 1900 leap-year bug for modern dates).
fn excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

/// Reads a date typed as text, in every form the one date reader knows ([`isms_core::dates::read_date`]).
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    isms_core::dates::read_date(text).ok()
}

/// A date from an Excel date cell, an Excel serial number, or text in any form [`isms_core::dates::read_date`]
/// reads; an error says why the value is not a date (no month 13, a year far outside the plausible range …).
pub fn parse_date(cell: &Data) -> Result<Option<NaiveDate>, String> {
    use isms_core::dates::{plausible, read_date, DateProblem};
    let why = |p: DateProblem| p.to_string();
    match cell {
        Data::Empty => Ok(None),
        Data::DateTime(d) => excel_datetime(d)
            .ok_or(DateProblem::NotADate)
            .and_then(|dt| plausible(dt.date()))
            .map(Some)
            .map_err(why),
        Data::DateTimeIso(s) => read_date(s.get(..10).unwrap_or(s)).map(Some).map_err(why),
        Data::Float(f) => excel_serial(*f)
            .ok_or(DateProblem::NotADate)
            .and_then(plausible)
            .map(Some)
            .map_err(why),
        Data::Int(i) => read_date(&i.to_string())
            .or_else(|e| match excel_serial(*i as f64) {
                Some(d) if e == DateProblem::NotADate => plausible(d),
                _ => Err(e),
            })
            .map(Some)
            .map_err(why),
        Data::String(s) if s.trim().is_empty() || s.trim() == "-" => Ok(None),
        Data::String(s) => read_date(s).map(Some).map_err(why),
        Data::Bool(_) | Data::DurationIso(_) | Data::Error(_) => Err(why(DateProblem::NotADate)),
    }
}

/// A note written under (or inside) a table rather than a record: a row whose only text starts with ※, 注, (注),
/// 備考: or "Note".
pub fn is_note_row(texts: &[String]) -> bool {
    let filled: Vec<&String> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
    let [only] = filled.as_slice() else {
        return false;
    };
    let t = only.trim();
    [
        "※",
        "＊",
        "*",
        "注",
        "(注)",
        "（注）",
        "備考:",
        "備考：",
        "Note:",
        "NOTE:",
        "note:",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Splits a list cell on commas, Japanese commas, semicolons, slashes and line breaks.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| ",、，;；\n/／".contains(c))
        .map(clean_text)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_every_common_form() {
        for text in [
            "2024/4/1",
            "2024-04-01",
            "2024.4.1",
            "2024年4月1日",
            "２０２４年４月１日",
            "20240401",
            "令和6年4月1日",
            "R6.4.1",
            "r6/4/1",
            "Ｒ６．４．１",
        ] {
            assert_eq!(parse_date_text(text), d(2024, 4, 1), "{text}");
        }
        assert_eq!(parse_date_text("令和元年5月1日"), d(2019, 5, 1));
        assert_eq!(parse_date_text("平成31年4月30日"), d(2019, 4, 30));
        assert_eq!(parse_date_text("H31.4.30"), d(2019, 4, 30));
        assert_eq!(parse_date_text("昭和64年1月7日"), d(1989, 1, 7));
        for bad in ["2024/13/45", "2024/2/30", "4/1", "来年", "", "24/4/1"] {
            assert_eq!(parse_date_text(bad), None, "{bad}");
        }
        assert_eq!(parse_date(&Data::Float(45383.0)).unwrap(), d(2024, 4, 1));
        assert_eq!(parse_date(&Data::Int(20240401)).unwrap(), d(2024, 4, 1));
        assert!(parse_date(&Data::String("2024/13/45".into())).is_err());
    }

    /// Found by the `values` fuzz target: a date cell with a large negative serial panicked in calamine
    /// ("TimeDelta::milliseconds out of bounds") and took the whole import down.
    #[test]
    fn date_cells_far_outside_the_calendar_are_not_dates() {
        use calamine::ExcelDateTimeType;
        for serial in [
            -1.0e300,
            -1.0e10,
            f64::NEG_INFINITY,
            f64::NAN,
            1.0e300,
            f64::INFINITY,
        ] {
            for kind in [ExcelDateTimeType::DateTime, ExcelDateTimeType::TimeDelta] {
                for is_1904 in [false, true] {
                    let cell = Data::DateTime(ExcelDateTime::new(serial, kind, is_1904));
                    assert!(parse_date(&cell).is_err(), "{serial}");
                    assert_eq!(cell_text(&cell), serial.to_string());
                }
            }
        }
        let cell = Data::DateTime(ExcelDateTime::new(
            45383.0,
            calamine::ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(parse_date(&cell).unwrap(), d(2024, 4, 1));
        assert_eq!(cell_text(&cell), "2024-04-01");
    }

    #[test]
    fn scales_from_numbers_words_and_full_width_digits() {
        let words = ScaleWords {
            high: vec!["高".into(), "大".into(), "High".into()],
            medium: vec!["中".into()],
            low: vec!["低".into(), "小".into()],
        };
        let s = |v: &str, max| parse_scale(&Data::String(v.into()), max, &words);
        assert_eq!(s("高", 3), Ok(Some(3)));
        assert_eq!(s("中", 3), Ok(Some(2)));
        assert_eq!(s("低", 3), Ok(Some(1)));
        assert_eq!(s("大", 4), Ok(Some(4)));
        assert_eq!(s("high", 3), Ok(Some(3)));
        assert_eq!(s("３", 3), Ok(Some(3)));
        assert_eq!(s("", 3), Ok(None));
        assert_eq!(s("高(3)", 3), Ok(Some(3)));
        assert_eq!(s("高（３）", 3), Ok(Some(3)));
        assert_eq!(s("2(中)", 3), Ok(Some(2)));
        assert_eq!(s("3：高", 3), Ok(Some(3)));
        assert_eq!(s("高(3)", 5), Ok(Some(3)), "the number wins over the word");
        assert!(s("高(7)", 3).is_err());
        assert!(s("高い(3)", 3).is_err());
        assert!(s("5", 3).is_err());
        assert!(s("2.5", 3).is_err());
        assert!(s("とても高い", 3).is_err());
        assert_eq!(parse_scale(&Data::Float(2.0), 3, &words), Ok(Some(2)));
    }

    #[test]
    fn text_is_cleaned_but_not_rewritten() {
        assert_eq!(clean_text("  ＩＡ０１  "), "IA01");
        assert_eq!(clean_text("顧客名簿（営業部）"), "顧客名簿（営業部）");
        assert_eq!(clean_text("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(clean_text("'normal"), "'normal");
        assert_eq!(clean_code("ＩＡ－０００３"), "IA-0003");
        assert_eq!(
            split_list("個人情報、重要; 機密"),
            ["個人情報", "重要", "機密"]
        );
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
    }
}
