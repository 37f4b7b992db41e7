//! Notification rules and their clocks: what an organisation promises (customers notified within 72 h of becoming
//! aware, the PPC's 速報 and 確報 …), kept once as data (seeded from `templates/incidents/notification-rules.toml`,
//! printed by the whitepaper too), and each incident's clocks — deadline, time left, sent, late — computed here,
//! never in the UI. Times carry their offset (Asia/Tokyo has no daylight saving; an offset is what was recorded).

use chrono::{DateTime, Datelike, Duration, FixedOffset, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A label in both languages.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

/// What a rule's clock starts from.
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
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ClockFrom {
    /// 発生
    Occurred,
    /// 認知
    Aware,
    /// 検知
    Detected,
    /// 前回通知 (progress updates)
    PreviousNotice,
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
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum TimeUnit {
    Hours,
    Days,
    /// Monday to Friday (national holidays are not known to ISMS Desk: count them by hand).
    BusinessDays,
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
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Strength {
    /// 必達
    Must,
    /// 目標
    Target,
    /// 可能な限り
    BestEffort,
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
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RuleKind {
    CustomerNotice,
    RegulatorReport,
    InternalEscalation,
}

/// One notification rule.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationRule {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    pub kind: RuleKind,
    #[serde(default)]
    pub scope_ja: String,
    #[serde(default)]
    pub scope_en: String,
    pub clock_from: ClockFrom,
    pub target: u32,
    pub unit: TimeUnit,
    pub strength: Strength,
    /// Progress updates after the first notice, every `progress_every` `progress_unit`.
    #[serde(default)]
    pub progress_every: Option<u32>,
    #[serde(default)]
    pub progress_unit: Option<TimeUnit>,
    #[serde(default)]
    pub channel_ja: String,
    #[serde(default)]
    pub channel_en: String,
    #[serde(default)]
    pub recipient_ja: String,
    #[serde(default)]
    pub recipient_en: String,
    #[serde(default)]
    pub exceptions: Vec<Bilingual>,
    /// Flags an incident must carry for the rule to be suggested (e.g. `ppc_reportable`).
    #[serde(default)]
    pub requires_flags: Vec<String>,
    #[serde(default)]
    pub excludes_flags: Vec<String>,
    #[serde(default)]
    pub enabled_by_default: bool,
    /// Printed by whitepapers that list "customer_notice" rules: the promise made to customers.
    #[serde(default)]
    pub show_in_whitepaper: bool,
    /// Whitepaper table rows (003): how much is disclosed, and what the provider does.
    #[serde(default)]
    pub disclosure_level_ja: String,
    #[serde(default)]
    pub disclosure_level_en: String,
    #[serde(default)]
    pub applicable_response_ja: String,
    #[serde(default)]
    pub applicable_response_en: String,
}

#[derive(Deserialize)]
struct RulesFile {
    rules: Vec<NotificationRule>,
}

const RULES: &str = include_str!("../../../../templates/incidents/notification-rules.toml");

impl NotificationRule {
    /// The rules a new database starts with.
    pub fn defaults() -> Result<Vec<NotificationRule>> {
        let file: RulesFile = toml::from_str(RULES).map_err(|e| Error::Catalogue {
            file: "templates/incidents/notification-rules.toml".to_owned(),
            message: e.to_string(),
        })?;
        validate(&file.rules)?;
        Ok(file.rules)
    }

    /// The deadline counted from `start`.
    pub fn deadline(&self, start: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        add(start, self.target, self.unit)
    }
}

/// Rule ids unique and present, targets above zero, progress intervals complete.
pub fn validate(rules: &[NotificationRule]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for r in rules {
        let bad = |expected: &str| Error::InvalidValue {
            field: "notification rule",
            value: r.id.clone(),
            expected: expected.to_owned(),
        };
        if r.id.trim().is_empty() || !seen.insert(r.id.as_str()) {
            return Err(bad("a rule id that is not empty and used once"));
        }
        if r.name_ja.trim().is_empty() {
            return Err(bad("a name (name_ja)"));
        }
        if r.target == 0 {
            return Err(bad("a target above zero"));
        }
        if r.progress_every.is_some() != r.progress_unit.is_some() || r.progress_every == Some(0) {
            return Err(bad(
                "progress updates with both an interval above zero and its unit",
            ));
        }
    }
    Ok(())
}

/// `start + n units`; business days skip Saturdays and Sundays.
pub fn add(start: DateTime<FixedOffset>, n: u32, unit: TimeUnit) -> DateTime<FixedOffset> {
    match unit {
        TimeUnit::Hours => start + Duration::hours(i64::from(n)),
        TimeUnit::Days => start + Duration::days(i64::from(n)),
        TimeUnit::BusinessDays => {
            let mut t = start;
            let mut left = n;
            while left > 0 {
                t += Duration::days(1);
                if !matches!(t.weekday(), Weekday::Sat | Weekday::Sun) {
                    left -= 1;
                }
            }
            t
        }
    }
}

/// Reads a point in time as RFC 3339 with its offset (`2026-11-27T17:00:00+09:00`, `2026-11-27 17:00+09:00`); a time
/// without an offset is refused: the clocks count from it.
pub fn parse_time(field: &'static str, text: &str) -> Result<DateTime<FixedOffset>> {
    let t = text.trim();
    let normalised = t.replacen(' ', "T", 1);
    let with_seconds = |s: &str| {
        // 2026-11-27T17:00+09:00 → 2026-11-27T17:00:00+09:00
        if s.len() >= 16
            && s.as_bytes()
                .get(16)
                .is_some_and(|b| *b == b'+' || *b == b'-' || *b == b'Z')
        {
            format!("{}:00{}", &s[..16], &s[16..])
        } else {
            s.to_owned()
        }
    };
    DateTime::parse_from_rfc3339(&with_seconds(&normalised)).map_err(|_| Error::InvalidValue {
        field,
        value: t.to_owned(),
        expected: if t.len() >= 16 && !t[10..].contains(['+', 'Z']) && !t[11..].contains('-') {
            "a date and time with its time zone, e.g. 2026-11-27T17:00+09:00 (this one has none)"
                .to_owned()
        } else {
            "a date and time with its time zone, e.g. 2026-11-27T17:00+09:00".to_owned()
        },
    })
}

/// Where a clock stands.
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::AsRefStr,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ClockStatus {
    /// 未送信: not sent, deadline ahead.
    Pending,
    /// 送信済: sent by the deadline.
    Sent,
    /// 期限超過: not sent, deadline passed.
    Overdue,
    /// 遅延送信: sent after the deadline (recorded as late, not hidden).
    Late,
}

/// A notice sent under a rule.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    pub rule_id: String,
    pub sent_at: String,
    pub note: String,
    pub recorded_by: String,
}

/// One clock of an incident: the rule (as applied), when it started, its deadline and where it stands; with
/// progress updates, when the next one is due.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub rule: NotificationRule,
    /// RFC 3339 with offset; `None` when the incident has no time to count from.
    pub started_at: Option<String>,
    pub deadline: Option<String>,
    pub status: ClockStatus,
    /// Seconds until the deadline (negative: past it); `None` once sent or without a start.
    pub seconds_left: Option<i64>,
    pub first_sent_at: Option<String>,
    pub notices: Vec<Notice>,
    /// The next progress update, when the rule asks for them and the incident is open.
    pub next_progress_due: Option<String>,
    pub progress_overdue: bool,
}

/// A clock from its rule, its start, the notices sent under it, and now; `open` is false once the incident is closed
/// (no more progress updates are due).
pub fn clock(
    rule: &NotificationRule,
    start: Option<DateTime<FixedOffset>>,
    notices: Vec<Notice>,
    now: DateTime<FixedOffset>,
    open: bool,
) -> Clock {
    let mut sent: Vec<DateTime<FixedOffset>> = notices
        .iter()
        .filter_map(|n| DateTime::parse_from_rfc3339(&n.sent_at).ok())
        .collect();
    sent.sort();
    let deadline = start.map(|s| rule.deadline(s));
    let first = sent.first().copied();
    let status = match (deadline, first) {
        (Some(d), Some(f)) if f > d => ClockStatus::Late,
        (_, Some(_)) => ClockStatus::Sent,
        (Some(d), None) if now > d => ClockStatus::Overdue,
        _ => ClockStatus::Pending,
    };
    let next_progress = match (rule.progress_every, rule.progress_unit, sent.last()) {
        (Some(n), Some(unit), Some(last)) if open => Some(add(*last, n, unit)),
        _ => None,
    };
    Clock {
        rule: rule.clone(),
        started_at: start.map(|s| s.to_rfc3339()),
        deadline: deadline.map(|d| d.to_rfc3339()),
        status,
        seconds_left: match (deadline, first) {
            (Some(d), None) => Some((d - now).num_seconds()),
            _ => None,
        },
        first_sent_at: first.map(|f| f.to_rfc3339()),
        notices,
        progress_overdue: next_progress.is_some_and(|p| now > p),
        next_progress_due: next_progress.map(|p| p.to_rfc3339()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(target: u32, unit: TimeUnit, from: ClockFrom) -> NotificationRule {
        NotificationRule {
            id: "r".into(),
            name_ja: "r".into(),
            name_en: "r".into(),
            kind: RuleKind::CustomerNotice,
            scope_ja: String::new(),
            scope_en: String::new(),
            clock_from: from,
            target,
            unit,
            strength: Strength::Target,
            progress_every: Some(7),
            progress_unit: Some(TimeUnit::Days),
            channel_ja: String::new(),
            channel_en: String::new(),
            recipient_ja: String::new(),
            recipient_en: String::new(),
            exceptions: Vec::new(),
            requires_flags: Vec::new(),
            excludes_flags: Vec::new(),
            enabled_by_default: true,
            show_in_whitepaper: false,
            disclosure_level_ja: String::new(),
            disclosure_level_en: String::new(),
            applicable_response_ja: String::new(),
            applicable_response_en: String::new(),
        }
    }

    fn t(s: &str) -> DateTime<FixedOffset> {
        parse_time("t", s).unwrap()
    }

    #[test]
    fn friday_17_00_jst_plus_72_hours_is_monday_17_00_and_overdue_after_it() {
        let r = rule(72, TimeUnit::Hours, ClockFrom::Detected);
        let friday = t("2026-11-27T17:00+09:00");
        assert_eq!(friday.weekday(), Weekday::Fri);
        let c = clock(
            &r,
            Some(friday),
            Vec::new(),
            t("2026-11-30T16:59+09:00"),
            true,
        );
        assert_eq!(c.deadline.as_deref(), Some("2026-11-30T17:00:00+09:00"));
        assert_eq!(c.status, ClockStatus::Pending);
        assert_eq!(c.seconds_left, Some(60));
        let c = clock(
            &r,
            Some(friday),
            Vec::new(),
            t("2026-11-30T17:00:01+09:00"),
            true,
        );
        assert_eq!(c.status, ClockStatus::Overdue);
        let late = Notice {
            id: 1,
            rule_id: "r".into(),
            sent_at: "2026-11-30T18:00:00+09:00".into(),
            note: String::new(),
            recorded_by: "x".into(),
        };
        let c = clock(
            &r,
            Some(friday),
            vec![late],
            t("2026-12-01T09:00+09:00"),
            true,
        );
        assert_eq!(
            c.status,
            ClockStatus::Late,
            "sent after the deadline is late, not hidden"
        );
        assert_eq!(
            c.next_progress_due.as_deref(),
            Some("2026-12-07T18:00:00+09:00")
        );
    }

    #[test]
    fn days_cross_month_ends_and_business_days_skip_weekends() {
        assert_eq!(
            add(t("2026-01-31T10:00+09:00"), 30, TimeUnit::Days),
            t("2026-03-02T10:00+09:00")
        );
        assert_eq!(
            add(t("2028-02-28T10:00+09:00"), 1, TimeUnit::Days),
            t("2028-02-29T10:00+09:00")
        );
        // Friday + 1 business day = Monday; + 5 = the next Friday.
        assert_eq!(
            add(t("2026-11-27T10:00+09:00"), 1, TimeUnit::BusinessDays),
            t("2026-11-30T10:00+09:00")
        );
        assert_eq!(
            add(t("2026-11-27T10:00+09:00"), 5, TimeUnit::BusinessDays),
            t("2026-12-04T10:00+09:00")
        );
        // New year across the year end.
        assert_eq!(
            add(t("2026-12-31T23:00+09:00"), 2, TimeUnit::Hours),
            t("2027-01-01T01:00+09:00")
        );
    }

    #[test]
    fn times_need_their_time_zone() {
        assert!(parse_time("t", "2026-11-27T17:00:00+09:00").is_ok());
        assert!(parse_time("t", "2026-11-27 17:00+09:00").is_ok());
        assert!(parse_time("t", "2026-11-27T08:00Z").is_ok());
        let e = parse_time("t", "2026-11-27T17:00").unwrap_err().to_string();
        assert!(e.contains("this one has none"), "{e}");
        assert!(parse_time("t", "金曜の夕方").is_err());
    }

    #[test]
    fn the_default_rules_load() {
        let rules = NotificationRule::defaults().unwrap();
        assert!(rules
            .iter()
            .any(|r| r.id == "customer_notice_aware_72h" && r.target == 72));
        assert!(rules.iter().any(|r| r.kind == RuleKind::RegulatorReport));
    }
}
