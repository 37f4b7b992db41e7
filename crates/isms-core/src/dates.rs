//! The one date reader: every date a person types (CLI options, the app's date fields, spreadsheet cells) is read
//! here, so the same forms are accepted everywhere and a refusal says why (no 13th month, no 30 February, a year far
//! outside the plausible range). The app's TypeScript reader mirrors it; both are tested against
//! `tests/fixtures/dates.json`.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// The earliest year a date in an ISMS record can plausibly have (old contracts and assets are recorded too).
pub const EARLIEST_YEAR: i32 = 1900;
/// The latest plausible year: later ones are typing mistakes (3026 for 2026).
pub const LATEST_YEAR: i32 = 2199;

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateProblem {
    #[error(
        "is not a date (write it as 2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日 or R8.4.1)"
    )]
    NotADate,
    #[error("has no month {0} (months run from 1 to 12)")]
    NoSuchMonth(u32),
    #[error("has no day {day} in {year}-{month:02} (that month has {last} days)")]
    NoSuchDay {
        year: i32,
        month: u32,
        day: u32,
        last: u32,
    },
    #[error("has the year {0}, outside {EARLIEST_YEAR}–{LATEST_YEAR} (a typing mistake?)")]
    YearOutOfRange(i32),
}

impl DateProblem {
    /// A stable name for the kind of problem (`format`, `month`, `day`, `year`), shared with the app's reader.
    pub fn kind(&self) -> &'static str {
        match self {
            DateProblem::NotADate => "format",
            DateProblem::NoSuchMonth(_) => "month",
            DateProblem::NoSuchDay { .. } => "day",
            DateProblem::YearOutOfRange(_) => "year",
        }
    }
}

/// Japanese eras: name, initial used in abbreviations (R6.4.1), the Gregorian year of its first year.
const ERAS: [(&str, char, i32); 5] = [
    ("令和", 'r', 2019),
    ("平成", 'h', 1989),
    ("昭和", 's', 1926),
    ("大正", 't', 1912),
    ("明治", 'm', 1868),
];

/// Reads `2026-04-01`, `2026/4/1`, `2026.4.1`, `2026年4月1日`, `20260401`, `令和8年4月1日`, `令和元年5月1日`, `R8.4.1`,
/// `H31/4/30`, with full-width digits and spaces folded, and an RFC 3339 time's date part (`2026-04-01T09:00:00+09:00`).
pub fn read_date(text: &str) -> Result<NaiveDate, DateProblem> {
    let folded: String = text.nfkc().collect::<String>().trim().to_lowercase();
    let t = folded.as_str();
    if t.is_empty() {
        return Err(DateProblem::NotADate);
    }
    // The date part of an RFC 3339 / ISO 8601 time.
    let t = match t.find('t') {
        Some(10) if t.as_bytes()[4] == b'-' => &t[..10],
        _ => t,
    };
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| t[r].parse::<u32>().map_err(|_| DateProblem::NotADate);
        let year = i32::try_from(n(0..4)?).map_err(|_| DateProblem::NotADate)?;
        return checked(year, n(4..6)?, n(6..8)?);
    }
    let era = ERAS.iter().find_map(|(kanji, letter, base)| {
        t.strip_prefix(kanji)
            .or_else(|| {
                t.strip_prefix(*letter)
                    .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|rest| (*base, rest))
    });
    let (base, rest) = match era {
        Some((base, rest)) => (Some(base), rest.trim_start()),
        None => (None, t),
    };
    let rest = match (base, rest.strip_prefix('元')) {
        (Some(_), Some(r)) => format!("1{r}"),
        _ => rest.to_owned(),
    };
    let spaced: String = rest
        .chars()
        .map(|c| if "年月/-.".contains(c) { ' ' } else { c })
        .collect();
    let spaced = spaced.trim_end();
    let spaced = spaced.strip_suffix('日').unwrap_or(spaced);
    let parts: Vec<&str> = spaced.split_whitespace().collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateProblem::NotADate);
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| DateProblem::NotADate);
    let (y, m, d) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    let year = match base {
        Some(_) if y == 0 || parts[0].len() > 2 => return Err(DateProblem::NotADate),
        Some(b) => b + i32::try_from(y).map_err(|_| DateProblem::NotADate)? - 1,
        None if parts[0].len() == 4 => i32::try_from(y).map_err(|_| DateProblem::NotADate)?,
        None => return Err(DateProblem::NotADate),
    };
    checked(year, m, d)
}

/// A calendar date from its parts, or why there is none.
pub fn checked(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    if !(1..=12).contains(&month) {
        return Err(DateProblem::NoSuchMonth(month));
    }
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        return Err(DateProblem::YearOutOfRange(year));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateProblem::NoSuchDay {
        year,
        month,
        day,
        last: last_day(year, month),
    })
}

/// A date from elsewhere (a spreadsheet's date cell, an Excel serial): refused when the year is implausible.
pub fn plausible(date: NaiveDate) -> Result<NaiveDate, DateProblem> {
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateProblem::YearOutOfRange(date.year()))
    }
}

fn last_day(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases both readers (this one and the app's `readDate`) must agree on.
    #[derive(serde::Deserialize)]
    struct Case {
        text: String,
        date: Option<String>,
        error: Option<String>,
    }

    #[test]
    fn the_shared_cases_read_the_same_here() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/dates.json"
        );
        let cases: Vec<Case> =
            serde_json::from_str(&std::fs::read_to_string(path).expect("dates.json"))
                .expect("valid cases");
        assert!(cases.len() > 20);
        for case in cases {
            match (read_date(&case.text), &case.date, &case.error) {
                (Ok(d), Some(want), None) => assert_eq!(&d.to_string(), want, "{}", case.text),
                (Err(p), None, Some(kind)) => assert_eq!(p.kind(), kind, "{}: {p}", case.text),
                (got, _, _) => panic!(
                    "{:?}: got {got:?}, want {:?} / {:?}",
                    case.text, case.date, case.error
                ),
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(
            read_date("2026/13/01").unwrap_err().to_string(),
            "has no month 13 (months run from 1 to 12)"
        );
        assert_eq!(
            read_date("2026/2/30").unwrap_err().to_string(),
            "has no day 30 in 2026-02 (that month has 28 days)"
        );
        assert!(read_date("3026/1/1")
            .unwrap_err()
            .to_string()
            .contains("3026"));
    }
}
