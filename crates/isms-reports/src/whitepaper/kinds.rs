//! What each section kind draws, in each of its renders, from the sources and the phrases. Missing data is a problem
//! (issuing is refused) and, where the reader would otherwise see nothing, a visible gap in the draft.

use base64::Engine;
use isms_core::certification::CertificationStatus;
use isms_core::whitepaper::facts::{
    Availability, CertificatePolicy, CryptoRegulation, CustomerAccess, Duration, Frequency,
    LocationChangePolicy, PartyKey, Performer, Period, RequestPolicy,
};

use crate::whitepaper::compose::Composer;
use crate::whitepaper::definition::{Rows, Section, SectionKind};
use crate::whitepaper::model::Block;
use crate::whitepaper::phrases::{join_list, Vars};

pub(crate) fn draw<'a>(c: &mut Composer<'a>, s: &'a Section, level: usize) {
    match s.kind {
        SectionKind::FreeText => {
            if !s.text.is_empty() {
                c.user_text(&s.text);
            }
        }
        SectionKind::ControlStatements => control_statements(c, s, level),
        SectionKind::ControlsByTheme => controls_by_theme(c, s, level),
        SectionKind::Certifications => certifications(c, s, level),
        SectionKind::Responsibility => responsibility(c, s),
        SectionKind::NotificationRule => notification_rule(c, s),
        SectionKind::Backup => backup(c, s, level),
        SectionKind::Logs => logs(c, s),
        SectionKind::TimeSource => time_source(c),
        SectionKind::DataLocation => data_location(c, s),
        SectionKind::DataDeletion => data_deletion(c, s),
        SectionKind::Subprocessors => subprocessors(c, s),
        SectionKind::CustomerFeatures => customer_features(c, s, level),
        SectionKind::Operations => operations(c, s, level),
        SectionKind::Services => services(c, s),
        SectionKind::Contacts => contacts(c, s),
        SectionKind::Legal => legal(c, s),
        SectionKind::RevisionHistory => revision_history(c, s),
        SectionKind::Image => image(c, s),
        SectionKind::Mapping27017 => {}
    }
}

fn lead(c: &mut Composer, s: &Section, key: &str) {
    if s.lead.is_empty() {
        let t = c.phrase(key, &Vars::new());
        c.para(t);
    }
}

fn header(c: &Composer, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| c.p.raw(k, None).to_owned()).collect()
}

pub(crate) fn duration(c: &Composer, d: &Duration) -> String {
    let t = c.p.raw(
        &format!("duration.{}", d.unit.as_ref()),
        Some(u64::from(d.value)),
    );
    t.replace("{value}", &d.value.to_string())
}

/// A frequency in words: 毎日 / 月に2回 / at least once a week; `cell` for a table cell (日次).
pub(crate) fn frequency(c: &Composer, f: &Frequency, cell: bool) -> String {
    let base = match f.per {
        Period::Continuous => c.p.raw("frequency.continuous", None).to_owned(),
        Period::OnEvent => c.p.raw("frequency.on_event", None).to_owned(),
        per if f.count <= 1 && !f.at_least => {
            let key = if cell {
                "frequency.once_cell"
            } else {
                "frequency.once"
            };
            c.p.raw(&format!("{key}.{}", per.as_ref()), None).to_owned()
        }
        per => {
            let per_name =
                c.p.raw(&format!("frequency.per_name.{}", per.as_ref()), None)
                    .to_owned();
            let times =
                c.p.raw("frequency.times", Some(u64::from(f.count)))
                    .replace("{per}", &per_name)
                    .replace("{count}", &f.count.max(1).to_string());
            if f.at_least {
                c.p.raw("frequency.at_least", None)
                    .replace("{times}", &times)
            } else {
                times
            }
        }
    };
    if f.at.is_empty() || cell {
        base
    } else {
        c.p.raw("frequency.with_time", None)
            .replace("{frequency}", &base)
            .replace("{at}", &f.at)
    }
}

fn control_statements<'a>(c: &mut Composer<'a>, s: &'a Section, level: usize) {
    if s.controls.is_empty() {
        c.problem("no controls are listed (controls = [\"5.1\", …])".to_owned());
        return;
    }
    match s.render() {
        "subsections" => {
            for id in &s.controls {
                let title = match c.control(id) {
                    Some(ct) => s
                        .titles
                        .get(&ct.id)
                        .cloned()
                        .unwrap_or_else(|| c.control_title(ct)),
                    None => id.clone(),
                };
                let n = c.heading(level, &title, None);
                c.address(std::slice::from_ref(id), &n, &title);
                if let Some(t) = c.statement(id) {
                    c.user_text(&t);
                }
            }
        }
        "table" => {
            let mut rows = Vec::new();
            for id in &s.controls {
                let title = c.control(id).map(|ct| {
                    s.titles
                        .get(&ct.id)
                        .cloned()
                        .unwrap_or_else(|| c.control_title(ct))
                });
                if let Some(t) = c.statement(id) {
                    rows.push(vec![id.clone(), title.unwrap_or_default(), t]);
                }
            }
            let header = header(
                c,
                &[
                    "control_statements.col_id",
                    "control_statements.col_title",
                    "control_statements.col_statement",
                ],
            );
            c.push(Block::Table {
                header: Some(header),
                rows,
                widths: vec![0.6, 1.4, 3.0],
            });
        }
        _ => {
            for id in &s.controls {
                if let Some(t) = c.statement(id) {
                    c.user_text(&t);
                }
            }
        }
    }
}

/// 000's (ウ): one heading per theme, one per control under it; child sections placed at or after a control.
fn controls_by_theme<'a>(c: &mut Composer<'a>, s: &'a Section, level: usize) {
    use isms_core::catalogue::Framework;
    let framework = match s.framework.as_str() {
        "" | "iso27001-2022" => Framework::Iso27001_2022,
        "iso27002-2013" => Framework::Iso27002_2013,
        "iso27017-2015" => Framework::Iso27017_2015,
        other => {
            c.problem(format!(
                "framework `{other}`: use iso27001-2022, iso27002-2013 or iso27017-2015"
            ));
            return;
        }
    };
    let src = c.src;
    let ids: Vec<String> = if s.controls.is_empty() {
        src.order
            .iter()
            .filter(|id| {
                src.controls.get(*id).is_some_and(|ct| {
                    ct.framework == framework
                        && ct.applicable == Some(true)
                        && !(if c.en {
                            &ct.statement_en
                        } else {
                            &ct.statement
                        })
                        .trim()
                        .is_empty()
                })
            })
            .cloned()
            .collect()
    } else {
        s.controls
            .iter()
            .map(|i| c.resolve(i).unwrap_or_else(|| i.clone()))
            .collect()
    };
    lead(c, s, "controls_by_theme.lead");
    let themes: Vec<_> = src
        .themes
        .iter()
        .filter(|t| t.framework == framework && (s.themes.is_empty() || s.themes.contains(&t.id)))
        .collect();
    for t in themes {
        let in_theme: Vec<&String> = ids
            .iter()
            .filter(|id| src.controls.get(*id).is_some_and(|ct| ct.theme == t.id))
            .collect();
        let children: Vec<&'a Section> = s.children.iter().filter(|ch| ch.theme == t.id).collect();
        if in_theme.is_empty() && children.is_empty() {
            continue;
        }
        let title = if c.en {
            t.title_en.clone()
        } else {
            t.title_ja.clone()
        };
        c.heading(level, &title, None);
        for id in in_theme {
            if let Some(ch) = children
                .iter()
                .find(|ch| c.resolve(&ch.at).as_deref() == Some(id.as_str()))
            {
                let mut controls = ch.controls.clone();
                controls.push(id.clone());
                c.section(ch, level + 1);
                // The child replaced this control's item: it addresses it too.
                let last = last_heading(c);
                c.address(&controls, &last.0, &last.1);
            } else {
                let ct = src.controls.get(id);
                let title = match ct {
                    Some(ct) => s
                        .titles
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| c.control_title(ct)),
                    None => id.clone(),
                };
                let n = c.heading(level + 1, &title, None);
                c.address(std::slice::from_ref(id), &n, &title);
                if let Some(text) = c.statement(id) {
                    c.user_text(&text);
                }
            }
            let after: Vec<&'a Section> = children
                .iter()
                .filter(|ch| c.resolve(&ch.after).as_deref() == Some(id.as_str()))
                .copied()
                .collect();
            for ch in after {
                c.section(ch, level + 1);
            }
        }
        for ch in children
            .iter()
            .filter(|ch| ch.at.is_empty() && ch.after.is_empty())
        {
            c.section(ch, level + 1);
        }
    }
    for ch in s.children.iter().filter(|ch| ch.theme.is_empty()) {
        c.section(ch, level);
    }
}

fn last_heading(c: &Composer) -> (String, String) {
    c.blocks
        .iter()
        .rev()
        .find_map(|b| match b {
            Block::Heading { number, text, .. } => Some((number.clone(), text.clone())),
            _ => None,
        })
        .unwrap_or_default()
}

fn certifications(c: &mut Composer, s: &Section, level: usize) {
    let src = c.src;
    let fields: Vec<String> = if s.fields.is_empty() {
        vec![
            "certificate_number".into(),
            "first_granted_on".into(),
            "valid_until".into(),
        ]
    } else {
        s.fields.clone()
    };
    let mut shown = Vec::new();
    for v in &src.certifications {
        let cert = &v.certification;
        if !cert.holder.is_empty() || !cert.show_in_whitepapers {
            continue;
        }
        if !s.schemes.is_empty() && !s.schemes.contains(&cert.scheme) {
            continue;
        }
        if !s.ids.is_empty() && !s.ids.contains(&cert.cert_id) {
            continue;
        }
        if v.status == CertificationStatus::Expired {
            let name = cert_name(c, s, v);
            c.problem(format!(
                "certificate {} {name} expired on {}: renew it (isms certs set {} --expires …) or hide it (--show-in-whitepapers no)",
                cert.cert_id,
                cert.expires_on.map(|d| d.to_string()).unwrap_or_default(),
                cert.cert_id
            ));
            continue;
        }
        shown.push(v);
    }
    // The order the definition names them in (ids, then schemes), else the soonest expiry first.
    let rank = |v: &isms_core::certification::CertificationView| {
        let c = &v.certification;
        s.ids
            .iter()
            .position(|i| i == &c.cert_id)
            .or_else(|| s.schemes.iter().position(|x| x == &c.scheme))
            .unwrap_or(usize::MAX)
    };
    shown.sort_by_key(|v| rank(v));
    lead(c, s, "certifications.lead");
    if shown.is_empty() {
        let t = c.phrase("certifications.none", &Vars::new());
        c.para(t);
        return;
    }
    let value =
        |c: &mut Composer, v: &isms_core::certification::CertificationView, f: &str| -> String {
            let cert = &v.certification;
            match f {
                "certificate_number" => cert.certificate_number.clone(),
                "first_granted_on" => cert
                    .first_granted_on
                    .map(|d| c.date(d, ""))
                    .unwrap_or_default(),
                "valid_until" => cert.expires_on.map(|d| c.date(d, "")).unwrap_or_default(),
                "certification_body" => c.text(
                    &cert.certification_body,
                    &cert.certification_body_en,
                    &format!("{} certification body", cert.cert_id),
                ),
                "scope" => c.text(
                    &cert.scope,
                    &cert.scope_en,
                    &format!("{} scope", cert.cert_id),
                ),
                "standard" => cert.standard.clone(),
                _ => String::new(),
            }
        };
    let label_key = |f: &str| {
        if f == "valid_until" {
            "valid_until".to_owned()
        } else {
            f.to_owned()
        }
    };
    match s.render() {
        "subsections" => {
            for v in shown {
                let name = cert_name(c, s, v);
                c.heading(level, &name, None);
                let mut lines = Vec::new();
                for f in &fields {
                    let val = value(c, v, f);
                    if val.is_empty() {
                        continue;
                    }
                    let label =
                        c.p.raw(&format!("certifications.label_{}", label_key(f)), None)
                            .to_owned();
                    lines.extend(c.phrase(
                        "certifications.line",
                        &Vars::new().set("label", label).set("value", val),
                    ));
                }
                c.push(Block::Lines { lines });
                let exp = c.text(
                    &v.certification.explanation,
                    &v.certification.explanation_en,
                    "the certification's explanation",
                );
                if !exp.is_empty() {
                    c.user_text(&exp);
                }
                c.cite_certification(&v.certification.cert_id, v.certification.expires_on);
            }
        }
        "prose" => {
            for v in shown {
                let name = cert_name(c, s, v);
                let mut vars = Vars::new().set("name", name);
                if let Some(d) = v.certification.first_granted_on {
                    vars.put("first_granted_on", c.date(d, ""));
                }
                let first = c.phrase_any(
                    &["certifications.sentence", "certifications.sentence_undated"],
                    &vars,
                );
                let mut text = first.unwrap_or_default();
                if fields.iter().any(|f| f == "certificate_number") {
                    text.push_str(
                        &c.phrase(
                            "certifications.sentence_number",
                            &Vars::new().set(
                                "certificate_number",
                                v.certification.certificate_number.clone(),
                            ),
                        )
                        .unwrap_or_default(),
                    );
                }
                if let (true, Some(d)) = (
                    fields.iter().any(|f| f == "valid_until"),
                    v.certification.expires_on,
                ) {
                    let d = c.date(d, "");
                    text.push_str(
                        &c.phrase(
                            "certifications.sentence_valid_until",
                            &Vars::new().set("valid_until", d),
                        )
                        .unwrap_or_default(),
                    );
                }
                c.para(Some(text));
                c.cite_certification(&v.certification.cert_id, v.certification.expires_on);
            }
        }
        _ => {
            let mut head = vec![c.p.raw("certifications.col_name", None).to_owned()];
            for f in &fields {
                head.push(
                    c.p.raw(&format!("certifications.col_{}", label_key(f)), None)
                        .to_owned(),
                );
            }
            let mut rows = Vec::new();
            for v in shown {
                let mut row = vec![cert_name(c, s, v)];
                for f in &fields {
                    row.push(value(c, v, f));
                }
                rows.push(row);
                c.cite_certification(&v.certification.cert_id, v.certification.expires_on);
            }
            let mut widths = vec![1.6];
            widths.extend(fields.iter().map(|_| 1.0));
            c.push(Block::Table {
                header: Some(head),
                rows,
                widths,
            });
        }
    }
}

/// A certification's name as this section prints it: `titles` by id or scheme, else its own or its kind's.
fn cert_name(c: &Composer, s: &Section, v: &isms_core::certification::CertificationView) -> String {
    let cert = &v.certification;
    s.titles
        .get(&cert.cert_id)
        .or_else(|| s.titles.get(&cert.scheme))
        .cloned()
        .unwrap_or_else(|| cert.display_name(&c.src.supplier_lists, c.en))
}

fn party_label(c: &mut Composer, key: PartyKey) -> String {
    let src = c.src;
    match src.facts.parties.iter().find(|p| p.key == key) {
        Some(p) => c.text(
            &p.label,
            &p.label_en,
            &format!("the {} party's label", key.as_ref()),
        ),
        None => c.word("party", key.as_ref()),
    }
}

fn responsibility(c: &mut Composer, s: &Section) {
    let src = c.src;
    let parties: Vec<PartyKey> = if s.parties.is_empty() {
        let mut v: Vec<PartyKey> = Vec::new();
        for i in &src.facts.responsibility {
            if !v.contains(&i.party) {
                v.push(i.party);
            }
        }
        v
    } else {
        s.parties.clone()
    };
    let items: Vec<_> = parties
        .iter()
        .flat_map(|p| {
            src.facts
                .responsibility
                .iter()
                .filter(move |i| i.party == *p)
        })
        .collect();
    if items.is_empty() {
        c.problem("the responsibility split is empty (isms facts: [[responsibility]])".to_owned());
        c.push(Block::Missing {
            text: "〔責任分界が未入力です / responsibility split not entered〕".to_owned(),
        });
        return;
    }
    lead(c, s, "responsibility.lead");
    let item_text = |c: &mut Composer, i: &isms_core::whitepaper::facts::ResponsibilityItem| {
        c.text(
            &i.item,
            &i.item_en,
            &format!("responsibility item {}", i.id),
        )
    };
    match s.render() {
        "matrix" => {
            let mut head = vec![c.p.raw("responsibility.col_item", None).to_owned()];
            for p in &parties {
                head.push(party_label(c, *p));
            }
            let mut rows = Vec::new();
            for i in &items {
                let mut row = vec![item_text(c, i)];
                for p in &parties {
                    row.push(if i.party == *p {
                        c.p.raw("responsibility.matrix_mark", None).to_owned()
                    } else if i.shared_with.contains(p) {
                        c.p.raw("responsibility.matrix_shared_mark", None)
                            .to_owned()
                    } else {
                        String::new()
                    });
                }
                rows.push(row);
            }
            let mut widths = vec![2.4];
            widths.extend(parties.iter().map(|_| 0.8));
            c.push(Block::Table {
                header: Some(head),
                rows,
                widths,
            });
            let note = c.phrase("responsibility.matrix_note", &Vars::new());
            c.para(note);
        }
        "lists" => {
            for p in &parties {
                let label = party_label(c, *p);
                let h = c.phrase(
                    "responsibility.list_heading",
                    &Vars::new().set("party", label),
                );
                c.para(h);
                let mut list = Vec::new();
                for i in items.iter().filter(|i| i.party == *p) {
                    let item = item_text(c, i);
                    let detail = c.text(
                        &i.detail,
                        &i.detail_en,
                        &format!("responsibility item {} detail", i.id),
                    );
                    let v = Vars::new().set("item", item).set("detail", detail);
                    list.extend(c.phrase_any(
                        &[
                            "responsibility.list_item_detail",
                            "responsibility.list_item",
                        ],
                        &v,
                    ));
                }
                c.push(Block::Bullets { items: list });
            }
        }
        "grouped" => {
            // One row per party: its items together (001's table).
            let mut rows = Vec::new();
            for p in &parties {
                let label = party_label(c, *p);
                let names: Vec<String> = items
                    .iter()
                    .filter(|i| i.party == *p)
                    .map(|i| item_text(c, i))
                    .collect();
                if names.is_empty() {
                    continue;
                }
                let cell = c
                    .phrase(
                        "responsibility.cell_party",
                        &Vars::new().set("party", label),
                    )
                    .unwrap_or_default();
                rows.push(vec![names.join(c.p.raw("lists.separator", None)), cell]);
            }
            let header = (s.header_row != Some(false))
                .then(|| header(c, &["responsibility.col_item", "responsibility.col_party"]));
            c.push(Block::Table {
                header,
                rows,
                widths: vec![2.0, 1.2],
            });
        }
        "prose" => {
            for p in &parties {
                let label = party_label(c, *p);
                let names: Vec<String> = items
                    .iter()
                    .filter(|i| i.party == *p)
                    .map(|i| item_text(c, i))
                    .collect();
                let joined = join_list(&c.p, &names, "and");
                let t = c.phrase(
                    "responsibility.party_prose",
                    &Vars::new().set("items", joined).set("party", label),
                );
                c.para(t);
            }
        }
        _ => {
            let mut rows = Vec::new();
            for i in &items {
                let label = party_label(c, i.party);
                let cell = c
                    .phrase(
                        "responsibility.cell_party",
                        &Vars::new().set("party", label),
                    )
                    .unwrap_or_default();
                rows.push(vec![item_text(c, i), cell]);
            }
            let header = (s.header_row != Some(false))
                .then(|| header(c, &["responsibility.col_item", "responsibility.col_party"]));
            c.push(Block::Table {
                header,
                rows,
                widths: vec![2.0, 1.2],
            });
        }
    }
}

fn rule_vars(c: &mut Composer, r: &isms_core::incident::rules::NotificationRule) -> Vars {
    let scope = c.text(&r.scope_ja, &r.scope_en, &format!("rule {} scope", r.id));
    let channel = c.text(
        &r.channel_ja,
        &r.channel_en,
        &format!("rule {} channel", r.id),
    );
    let recipient = c.text(
        &r.recipient_ja,
        &r.recipient_en,
        &format!("rule {} recipient", r.id),
    );
    let unit =
        c.p.raw(
            &format!("units.{}", r.unit.as_ref()),
            Some(u64::from(r.target)),
        )
        .to_owned();
    let mut v = Vars::new()
        .set("scope", scope)
        .set("channel", channel)
        .set("recipient", recipient)
        .set("clock_from", c.word("clock_from", r.clock_from.as_ref()))
        .set("target", r.target.to_string())
        .set("unit", unit);
    if let (Some(n), Some(u)) = (r.progress_every, r.progress_unit) {
        let d =
            c.p.raw(&format!("duration.{}", u.as_ref()), Some(u64::from(n)))
                .replace("{value}", &n.to_string());
        v.put("progress_every", d);
    }
    let dl = c.text(
        &r.disclosure_level_ja,
        &r.disclosure_level_en,
        &format!("rule {} disclosure level", r.id),
    );
    v.put("disclosure_level", dl);
    let ar = c.text(
        &r.applicable_response_ja,
        &r.applicable_response_en,
        &format!("rule {} response", r.id),
    );
    v.put("applicable_response", ar);
    v
}

/// A text of more than one sentence cannot be slotted into another sentence.
fn is_block_text(c: &Composer, t: &str) -> bool {
    let t = t.trim().trim_end_matches(['。', '.']);
    if c.en {
        t.contains(". ") || t.chars().next().is_some_and(|ch| ch.is_uppercase())
    } else {
        t.contains('。') || t.contains('\n')
    }
}

fn notification_rule(c: &mut Composer, s: &Section) {
    let src = c.src;
    use isms_core::incident::rules::RuleKind;
    let mut rules = Vec::new();
    for id in &s.rules {
        if id == "customer_notice" {
            let flagged: Vec<_> = src
                .rules
                .iter()
                .filter(|r| r.kind == RuleKind::CustomerNotice && r.show_in_whitepaper)
                .collect();
            if flagged.is_empty() {
                c.problem("no customer-notice rule is marked for whitepapers (isms notification-rules set ID --whitepaper yes)".to_owned());
            }
            rules.extend(flagged);
        } else {
            match src.rules.iter().find(|r| &r.id == id) {
                Some(r) => rules.push(r),
                None => c.problem(format!(
                    "notification rule `{id}` does not exist (isms notification-rules list)"
                )),
            }
        }
    }
    let mut notices = Vec::new();
    for n in &s.notices {
        let found: Vec<_> = src
            .facts
            .advance_notices
            .iter()
            .filter(|a| &a.id == n || a.kind.as_ref() == n)
            .collect();
        if found.is_empty() {
            c.problem(format!(
                "advance notice `{n}` is not entered (isms facts: [[advance_notices]])"
            ));
        }
        notices.extend(found);
    }
    if s.render() == "table" {
        let rows_wanted: Vec<String> = match &s.rows {
            Rows::List(l) if !l.is_empty() => l.clone(),
            _ => [
                "scope",
                "target",
                "channel",
                "recipient",
                "progress",
                "exceptions",
            ]
            .map(String::from)
            .to_vec(),
        };
        for r in rules {
            let v = rule_vars(c, r);
            let mut rows = Vec::new();
            for row in &rows_wanted {
                let value = match row.as_str() {
                    "target" => c.phrase(
                        &format!("notification_rule.cell_{}", r.strength.as_ref()),
                        &v,
                    ),
                    "progress" => c.phrase("notification_rule.cell_progress", &v),
                    "exceptions" => {
                        let ex: Vec<String> = r
                            .exceptions
                            .iter()
                            .map(|e| c.text(&e.ja, &e.en, "an exception"))
                            .collect();
                        (!ex.is_empty()).then(|| ex.join("\n"))
                    }
                    "contact" => contact_names(
                        c,
                        &[isms_core::whitepaper::facts::ContactPurpose::IncidentReport],
                    ),
                    other => v.get(other).map(str::to_owned),
                };
                if let Some(value) = value.filter(|x| !x.is_empty()) {
                    rows.push(vec![
                        c.p.raw(&format!("notification_rule.row_{row}"), None)
                            .to_owned(),
                        value,
                    ]);
                }
            }
            let header = Some(header(
                c,
                &["notification_rule.col_item", "notification_rule.col_value"],
            ));
            c.push(Block::Table {
                header,
                rows,
                widths: vec![1.0, 2.6],
            });
        }
    } else {
        for r in rules {
            let v = rule_vars(c, r);
            let scope = v.get("scope").unwrap_or("").to_owned();
            if !scope.is_empty() && is_block_text(c, &scope) {
                let t = c.phrase("notification_rule.block_scope_lead", &v);
                c.para(t);
                c.user_text(&scope);
                let t = c.phrase(
                    &format!("notification_rule.block_timing_{}", r.strength.as_ref()),
                    &v,
                );
                c.para(t);
                let lines: Vec<String> = ["block_channel", "block_recipient"]
                    .iter()
                    .filter_map(|k| c.phrase(&format!("notification_rule.{k}"), &v))
                    .collect();
                if !lines.is_empty() {
                    c.push(Block::Lines { lines });
                }
            } else {
                let t = c.phrase(
                    &format!("notification_rule.sentence_{}", r.strength.as_ref()),
                    &v,
                );
                if t.is_none() {
                    c.problem(format!(
                        "rule {} needs its scope, channel and recipient to be printed",
                        r.id
                    ));
                }
                c.para(t);
            }
            if v.get("progress_every").is_some() {
                let t = c.phrase("notification_rule.progress", &v);
                c.para(t);
            }
            if !r.exceptions.is_empty() {
                let t = c.phrase("notification_rule.exceptions_lead", &v);
                c.para(t);
                let items: Vec<String> = r
                    .exceptions
                    .iter()
                    .map(|e| c.text(&e.ja, &e.en, "an exception"))
                    .collect();
                c.push(Block::Bullets { items });
            }
            if v.get("disclosure_level").is_some() {
                let t = c.phrase("notification_rule.disclosure_level", &v);
                c.para(t);
            }
            if let Some(ar) = v.get("applicable_response").map(str::to_owned) {
                c.user_text(&ar);
            }
        }
    }
    for a in notices {
        let scope = c.text(
            &a.scope,
            &a.scope_en,
            &format!("advance notice {} scope", a.id),
        );
        let channel = c.text(
            &a.channel,
            &a.channel_en,
            &format!("advance notice {} channel", a.id),
        );
        let recipient = c.text(
            &a.recipient,
            &a.recipient_en,
            &format!("advance notice {} recipient", a.id),
        );
        let mut v = Vars::new()
            .set("scope", scope)
            .set("channel", channel)
            .set("recipient", recipient);
        let t = match a.before {
            Some(d) => {
                let unit =
                    c.p.raw(
                        &format!("units.{}", d.unit.as_ref()),
                        Some(u64::from(d.value)),
                    )
                    .to_owned();
                v.put("target", d.value.to_string());
                v.put("unit", unit);
                c.phrase("notification_rule.advance", &v)
            }
            None => c.phrase("notification_rule.advance_untimed", &v),
        };
        if t.is_none() {
            c.problem(format!(
                "advance notice {} needs its scope, channel and recipient",
                a.id
            ));
        }
        c.para(t);
        if a.emergency_exception {
            let t = c.phrase("notification_rule.emergency", &v);
            c.para(t);
        }
    }
}

fn contact_names(
    c: &mut Composer,
    purposes: &[isms_core::whitepaper::facts::ContactPurpose],
) -> Option<String> {
    let src = c.src;
    let names: Vec<String> = src
        .facts
        .contact_points
        .iter()
        .filter(|p| p.purposes.iter().any(|x| purposes.contains(x)))
        .map(|p| c.text(&p.name, &p.name_en, &format!("contact point {}", p.id)))
        .collect();
    (!names.is_empty()).then(|| join_list(&c.p, &names, "or"))
}

fn backup(c: &mut Composer, s: &Section, level: usize) {
    let b = &c.src.facts.backup;
    if b.targets.is_empty() {
        c.problem("no backup targets are entered (isms facts: [[backup.targets]])".to_owned());
        c.push(Block::Missing {
            text: "〔バックアップの方針が未入力です / backup policy not entered〕".to_owned(),
        });
        return;
    }
    lead(c, s, "backup.lead");
    struct T {
        name: String,
        method: String,
        freq: String,
        freq_cell: String,
        generations: Option<u32>,
        retention: Option<String>,
        location: String,
    }
    let targets: Vec<T> = b
        .targets
        .iter()
        .map(|t| T {
            name: c.text(&t.name, &t.name_en, &format!("backup target {}", t.id)),
            method: c.word("backup_method", t.method.as_ref()),
            freq: frequency(c, &t.frequency, false),
            freq_cell: frequency(c, &t.frequency, true),
            generations: t.generations,
            retention: t.retention.as_ref().map(|d| duration(c, d)),
            location: c.text(
                &t.location,
                &t.location_en,
                &format!("backup target {} location", t.id),
            ),
        })
        .collect();
    let scope = c.text(&b.scope, &b.scope_en, "the backup scope");
    let offsite = c.text(
        &b.offsite_location,
        &b.offsite_location_en,
        "the offsite location",
    );
    let vars_of = |t: &T| {
        let mut v = Vars::new()
            .set("name", t.name.clone())
            .set("method", t.method.clone())
            .set("frequency", t.freq.clone());
        if let Some(g) = t.generations {
            v.put("generations", g.to_string());
            v.count = Some(u64::from(g));
        }
        if let Some(r) = &t.retention {
            v.put("retention", r.clone());
        }
        v.put("location", t.location.clone());
        v
    };
    let mut locations: Vec<String> = Vec::new();
    for t in &targets {
        if !t.location.is_empty() && !locations.contains(&t.location) {
            locations.push(t.location.clone());
        }
    }
    let closing = |c: &mut Composer| {
        if !locations.is_empty() {
            let t = c.phrase(
                "backup.location",
                &Vars::new().set("location", join_list(&c.p, &locations, "and")),
            );
            c.para(t);
        }
        if b.offsite {
            let t = c.phrase(
                "backup.offsite",
                &Vars::new().set("offsite_location", offsite.clone()),
            );
            c.para(t);
        }
        if b.encrypted {
            let t = c.phrase("backup.encrypted", &Vars::new());
            c.para(t);
        }
        match b.restore_on_request {
            RequestPolicy::Offered => {
                let t = c.phrase("backup.restore_offered", &Vars::new());
                c.para(t)
            }
            RequestPolicy::Paid => {
                let t = c.phrase("backup.restore_paid", &Vars::new());
                c.para(t)
            }
            RequestPolicy::NotOffered => {
                let t = c.phrase("backup.restore_not_offered", &Vars::new());
                c.para(t)
            }
            RequestPolicy::Unspecified => {}
        }
        if let Some(f) = &b.restore_test {
            let f = frequency(c, f, false);
            let t = c.phrase("backup.restore_test", &Vars::new().set("restore_test", f));
            c.para(t);
        }
        let dr = c.text(
            &b.dr_site_location,
            &b.dr_site_location_en,
            "the DR site location",
        );
        if !dr.is_empty() {
            let t = c.phrase("backup.dr_site", &Vars::new().set("location", dr));
            c.para(t);
            let d = c.text(
                &b.dr_site_description,
                &b.dr_site_description_en,
                "the DR site description",
            );
            if !d.is_empty() {
                c.user_text(&d);
            }
        }
    };
    match s.render() {
        "list" => {
            let items: Vec<String> = targets
                .iter()
                .filter_map(|t| {
                    let v = vars_of(t);
                    c.phrase_any(
                        &["backup.list_item_generations", "backup.list_item_retention"],
                        &v,
                    )
                })
                .collect();
            c.push(Block::Bullets { items });
            closing(c);
        }
        "table" => {
            let retention_col = if targets.iter().any(|t| t.generations.is_some()) {
                "backup.col_generations"
            } else {
                "backup.col_retention"
            };
            let head = header(
                c,
                &[
                    "backup.col_name",
                    "backup.col_method",
                    "backup.col_frequency",
                    retention_col,
                    "backup.col_location",
                ],
            );
            let rows = targets
                .iter()
                .map(|t| {
                    let keep = match (t.generations, &t.retention) {
                        (Some(g), _) => g.to_string(),
                        (None, Some(r)) => r.clone(),
                        _ => String::new(),
                    };
                    vec![
                        t.name.clone(),
                        t.method.clone(),
                        crate::whitepaper::phrases::capitalise_first(&c.p, t.freq_cell.clone()),
                        keep,
                        t.location.clone(),
                    ]
                })
                .collect();
            c.push(Block::Table {
                header: Some(head),
                rows,
                widths: vec![1.6, 1.2, 1.0, 0.9, 1.4],
            });
            closing(c);
        }
        "subsections" => {
            let h = c.p.raw("backup.heading_scope", None).to_owned();
            c.heading(level, &h, None);
            let t = c.phrase("backup.scope", &Vars::new().set("scope", scope.clone()));
            c.para(t);
            let h = c.p.raw("backup.heading_frequency", None).to_owned();
            c.heading(level, &h, None);
            let lines = targets
                .iter()
                .filter_map(|t| c.phrase("backup.line_frequency", &vars_of(t)))
                .collect();
            c.push(Block::Lines { lines });
            let h = c.p.raw("backup.heading_retention", None).to_owned();
            c.heading(level, &h, None);
            let lines = targets
                .iter()
                .filter_map(|t| {
                    c.phrase_any(
                        &["backup.line_generations", "backup.line_retention"],
                        &vars_of(t),
                    )
                })
                .collect();
            c.push(Block::Lines { lines });
            let h = c.p.raw("backup.heading_location", None).to_owned();
            c.heading(level, &h, None);
            closing(c);
        }
        _ => {
            let t = c.phrase("backup.scope", &Vars::new().set("scope", scope.clone()));
            c.para(t);
            for t in &targets {
                let v = vars_of(t);
                let s = c.phrase_any(
                    &[
                        "backup.target_generations",
                        "backup.target_retention",
                        "backup.target_plain",
                    ],
                    &v,
                );
                c.para(s);
            }
            closing(c);
        }
    }
}

fn logs(c: &mut Composer, s: &Section) {
    let l = &c.src.facts.logs;
    if l.targets.is_empty() {
        c.problem("no log targets are entered (isms facts: [[logs.targets]])".to_owned());
        c.push(Block::Missing {
            text: "〔ログの方針が未入力です / log policy not entered〕".to_owned(),
        });
        return;
    }
    lead(c, s, "logs.lead");
    let mut rows = Vec::new();
    let mut items = Vec::new();
    let mut sentences = Vec::new();
    for t in &l.targets {
        let name = {
            let n = c.text(&t.name, &t.name_en, &format!("log target {}", t.id));
            if n.is_empty() {
                c.word("log_kind", t.kind.as_ref())
            } else {
                n
            }
        };
        let retention = duration(c, &t.retention);
        let mut v = Vars::new()
            .set("name", name.clone())
            .set("retention", retention.clone());
        if let Some(r) = &t.rotation {
            v.put("rotation", frequency(c, r, false));
        }
        sentences.extend(c.phrase("logs.target", &v));
        if t.rotation.is_some() {
            sentences.extend(c.phrase("logs.rotation", &v));
        }
        items.extend(c.phrase_any(&["logs.list_item_rotation", "logs.list_item"], &v));
        let rot = t
            .rotation
            .as_ref()
            .map(|r| frequency(c, r, true))
            .unwrap_or_default();
        let vis =
            c.p.raw(
                if t.customer_visible {
                    "logs.customer_visible_yes"
                } else {
                    "logs.customer_visible_no"
                },
                None,
            )
            .to_owned();
        rows.push(vec![
            name,
            retention,
            crate::whitepaper::phrases::capitalise_first(&c.p, rot),
            vis,
        ]);
    }
    match s.render() {
        "list" => c.push(Block::Bullets { items }),
        "table" => {
            let head = header(
                c,
                &[
                    "logs.col_name",
                    "logs.col_retention",
                    "logs.col_rotation",
                    "logs.col_customer_visible",
                ],
            );
            c.push(Block::Table {
                header: Some(head),
                rows,
                widths: vec![1.6, 1.0, 1.0, 1.0],
            });
        }
        _ => {
            let joiner = if c.en { " " } else { "" };
            c.para(Some(sentences.join(joiner)));
        }
    }
    if l.encrypted {
        let t = c.phrase("logs.encrypted", &Vars::new());
        c.para(t);
    }
    let protection = c.text(&l.protection, &l.protection_en, "how logs are protected");
    if !protection.is_empty() {
        c.user_text(&protection);
    }
    if let Some(r) = &l.review {
        let f = frequency(c, r, false);
        let t = c.phrase("logs.review", &Vars::new().set("review", f));
        c.para(t);
    }
    if l.realtime_alerts {
        let t = c.phrase("logs.realtime", &Vars::new());
        c.para(t);
    }
    match l.customer_access {
        CustomerAccess::SelfService => {
            let names: Vec<String> = l
                .targets
                .iter()
                .filter(|t| t.customer_visible)
                .map(|t| {
                    if c.en && !t.name_en.is_empty() {
                        t.name_en.clone()
                    } else {
                        t.name.clone()
                    }
                })
                .collect();
            let joined = join_list(&c.p, &names, "and");
            let t = c.phrase(
                "logs.customer_self_service",
                &Vars::new().set("names", joined),
            );
            c.para(t);
        }
        CustomerAccess::OnRequest => {
            let contact = contact_names(
                c,
                &[
                    isms_core::whitepaper::facts::ContactPurpose::Support,
                    isms_core::whitepaper::facts::ContactPurpose::GeneralInquiry,
                ],
            );
            let mut v = Vars::new();
            if let Some(n) = contact {
                v.put("contact", n);
            }
            let t = c.phrase("logs.customer_on_request", &v);
            c.para(t);
        }
        CustomerAccess::NotOffered => {
            let t = c.phrase("logs.customer_not_offered", &Vars::new());
            c.para(t);
        }
    }
    let note = c.text(
        &l.customer_access_note,
        &l.customer_access_note_en,
        "the log access note",
    );
    if !note.is_empty() {
        c.user_text(&note);
    }
    if l.no_use_without_consent {
        let t = c.phrase("logs.no_use_without_consent", &Vars::new());
        c.para(t);
    }
    if s.include_time_source {
        time_source(c);
    }
}

fn time_source(c: &mut Composer) {
    let t = &c.src.facts.time_source;
    let name = c.text(&t.source_name, &t.source_name_en, "the time source");
    let kind = c.word("time_source_kind", t.source_kind.as_ref());
    let v = Vars::new()
        .set("source_name", name)
        .set("time_source_kind", kind);
    let s = c.phrase_any(&["time_source.sentence", "time_source.sentence_kind"], &v);
    c.para(s);
    if !t.servers.is_empty() {
        let s = c.phrase(
            "time_source.servers",
            &Vars::new().set("servers", t.servers.join(c.p.raw("lists.separator", None))),
        );
        c.para(s);
    }
    if let Some(d) = &t.poll_interval {
        let d = duration(c, d);
        let s = c.phrase("time_source.poll", &Vars::new().set("poll_interval", d));
        c.para(s);
    }
    let label = c.text(&t.timezone_label, &t.timezone_label_en, "the time zone");
    let v = Vars::new()
        .set("timezone_label", label)
        .set("utc_offset", t.utc_offset.clone());
    let key = if t.log_timezone_same {
        "time_source.timezone_logs"
    } else {
        "time_source.timezone"
    };
    let s = c.phrase(key, &v);
    if s.is_none() && t.source_name.is_empty() && t.servers.is_empty() {
        c.problem("the time source is not entered (isms facts: [time_source])".to_owned());
    }
    c.para(s);
}

fn data_location(c: &mut Composer, s: &Section) {
    let src = c.src;
    if src.facts.data_locations.is_empty() {
        c.problem("no data location is entered (isms facts: [[data_locations]])".to_owned());
        c.push(Block::Missing {
            text: "〔データの保管場所が未入力です / data location not entered〕".to_owned(),
        });
        return;
    }
    let table = s.render() == "table";
    let mut rows = Vec::new();
    for l in &src.facts.data_locations {
        let data = c.word("data_category", l.data.as_ref());
        let country = c.text(
            &l.country,
            &l.country_en,
            &format!("data location {} country", l.id),
        );
        let region = c.text(
            &l.region,
            &l.region_en,
            &format!("data location {} region", l.id),
        );
        let facility = c.text(
            &l.facility,
            &l.facility_en,
            &format!("data location {} facility", l.id),
        );
        let redundancy = c.text(
            &l.redundancy,
            &l.redundancy_en,
            &format!("data location {} redundancy", l.id),
        );
        let supplier = src
            .suppliers
            .iter()
            .find(|x| x.supplier_id == l.supplier)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let v = Vars::new()
            .set("data", data.clone())
            .set("country", country.clone())
            .set("region", region.clone())
            .set("facility", facility)
            .set("redundancy", redundancy);
        if table {
            rows.push(vec![
                crate::whitepaper::phrases::capitalise_first(&c.p, data),
                country,
                region,
                supplier,
            ]);
            continue;
        }
        let t = c.phrase_any(
            &["data_location.sentence", "data_location.sentence_country"],
            &v,
        );
        c.para(t);
        let t = c.phrase("data_location.facility", &v);
        c.para(t);
        let t = c.phrase("data_location.redundancy", &v);
        c.para(t);
        let key = match l.change_policy {
            LocationChangePolicy::Never => "data_location.change_never",
            LocationChangePolicy::PriorNotice => "data_location.change_prior_notice",
            LocationChangePolicy::Consent => "data_location.change_consent",
        };
        let t = c.phrase(key, &v);
        c.para(t);
    }
    if table {
        let head = header(
            c,
            &[
                "data_location.col_data",
                "data_location.col_country",
                "data_location.col_region",
                "data_location.col_supplier",
            ],
        );
        c.push(Block::Table {
            header: Some(head),
            rows,
            widths: vec![1.2, 0.8, 1.8, 1.2],
        });
    }
    if s.include_address {
        let a = &src.facts.organisation;
        let address = c.text(&a.address, &a.address_en, "the organisation's address");
        let t = c.phrase(
            "data_location.address",
            &Vars::new().set("address", address),
        );
        c.para(t);
    }
}

fn data_deletion(c: &mut Composer, s: &Section) {
    let d = &c.src.facts.deletion;
    if d.within_days == 0 && d.steps.is_empty() {
        c.problem(
            "the deletion after the contract ends is not entered (isms facts: [deletion])"
                .to_owned(),
        );
        c.push(Block::Missing {
            text: "〔契約終了後のデータ削除が未入力です / data deletion not entered〕".to_owned(),
        });
        return;
    }
    let trigger = c.word("deletion_trigger", d.trigger.as_ref());
    let mut v = Vars::new().set("trigger", trigger);
    if d.within_days > 0 {
        v.put("within_days", d.within_days.to_string());
        let t = c.phrase("data_deletion.deadline", &v);
        c.para(t);
    }
    match d.start_after_days {
        Some(1) => {
            let t = c.phrase("data_deletion.start_next_day", &v);
            c.para(t);
        }
        Some(n) => {
            let t = c.phrase(
                "data_deletion.start_after",
                &v.clone().set("start_after_days", n.to_string()),
            );
            c.para(t);
        }
        None => {}
    }
    if !d.steps.is_empty() {
        let list = s.render() == "list";
        let t = c.phrase("data_deletion.steps_lead", &v);
        c.para(t);
        let mut items = Vec::new();
        for st in &d.steps {
            let env = c.text(
                &st.environment,
                &st.environment_en,
                "a deletion step's environment",
            );
            let data = c.text(&st.data, &st.data_en, "a deletion step's data");
            let method = c.word("deletion_method", st.method.as_ref());
            let mut sv = v
                .clone()
                .set("environment", env)
                .set("data", data)
                .set("method", method);
            if let Some(n) = st.after_days {
                sv.put("after_days", n.to_string());
            }
            let t = if list {
                c.phrase_any(
                    &[
                        "data_deletion.step_list_item_days",
                        "data_deletion.step_list_item",
                    ],
                    &sv,
                )
            } else {
                c.phrase_any(&["data_deletion.step", "data_deletion.step_list_item"], &sv)
            };
            items.extend(t);
        }
        if list {
            c.push(Block::Bullets { items });
        } else {
            for t in items {
                c.para(Some(t));
            }
        }
    }
    let ex = c.text(&d.exclusions, &d.exclusions_en, "what is not deleted");
    let t = c.phrase(
        "data_deletion.exclusions",
        &Vars::new().set("exclusions", ex),
    );
    c.para(t);
    if d.unrecoverable {
        let t = c.phrase("data_deletion.unrecoverable", &Vars::new());
        c.para(t);
    }
    let exp = c.text(
        &d.export_before_deletion,
        &d.export_before_deletion_en,
        "the export before deletion",
    );
    let t = c.phrase(
        "data_deletion.export_before_deletion",
        &Vars::new().set("export_before_deletion", exp),
    );
    c.para(t);
    let key = match d.certificate {
        CertificatePolicy::Issued => Some("data_deletion.certificate_issued"),
        CertificatePolicy::OnRequest => Some("data_deletion.certificate_on_request"),
        CertificatePolicy::NotIssued => Some("data_deletion.certificate_not_issued"),
        CertificatePolicy::Unspecified => None,
    };
    if let Some(k) = key {
        let t = c.phrase(k, &Vars::new());
        c.para(t);
    }
    let m = c.text(
        &d.media_disposal,
        &d.media_disposal_en,
        "the disposal of storage media",
    );
    if !m.is_empty() {
        c.user_text(&m);
    }
}

fn subprocessors(c: &mut Composer, s: &Section) {
    let src = c.src;
    let list: Vec<_> = src
        .suppliers
        .iter()
        .filter(|x| x.disclose_as_subprocessor)
        .collect();
    if list.is_empty() {
        let t = c.phrase("subprocessors.empty", &Vars::new());
        c.para(t);
        return;
    }
    lead(c, s, "subprocessors.lead");
    let columns: Vec<String> = if s.columns.is_empty() {
        ["name", "purpose", "country"].map(String::from).to_vec()
    } else {
        s.columns.clone()
    };
    let mut head = Vec::new();
    for col in &columns {
        let key = format!("subprocessors.col_{col}");
        if !c.p.has(&key) {
            c.problem(format!(
                "column `{col}`: use name, service, purpose, data, country or certifications"
            ));
            continue;
        }
        head.push(c.p.raw(&key, None).to_owned());
    }
    let cert_names = |sup: &isms_core::supplier::Supplier| -> String {
        sup.certifications
            .iter()
            .map(|ce| {
                src.supplier_lists
                    .certification_kinds
                    .iter()
                    .find(|k| k.id == ce.kind)
                    .map(|k| if c.en { k.en.clone() } else { k.ja.clone() })
                    .unwrap_or_else(|| ce.kind.clone())
            })
            .collect::<Vec<_>>()
            .join(c.p.raw("lists.separator", None))
    };
    let info = |sup: &isms_core::supplier::Supplier| -> String {
        sup.info_categories
            .iter()
            .map(|i| {
                src.supplier_lists
                    .info_categories
                    .iter()
                    .find(|k| &k.id == i)
                    .map(|k| if c.en { k.en.clone() } else { k.ja.clone() })
                    .unwrap_or_else(|| i.clone())
            })
            .collect::<Vec<_>>()
            .join(c.p.raw("lists.separator", None))
    };
    if s.render() == "list" {
        let items = list
            .iter()
            .filter_map(|sup| {
                let v = Vars::new()
                    .set("name", sup.name.clone())
                    .set("country", sup.data_location.clone())
                    .set("purpose", sup.purpose.clone());
                c.phrase("subprocessors.list_item", &v)
            })
            .collect();
        c.push(Block::Bullets { items });
    } else {
        let rows = list
            .iter()
            .map(|sup| {
                columns
                    .iter()
                    .map(|col| match col.as_str() {
                        "name" => sup.name.clone(),
                        "service" => sup.services.clone(),
                        "purpose" => sup.purpose.clone(),
                        "data" => info(sup),
                        "country" => sup.data_location.clone(),
                        "certifications" => cert_names(sup),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect();
        let widths = columns.iter().map(|_| 1.0).collect();
        c.push(Block::Table {
            header: Some(head),
            rows,
            widths,
        });
    }
    let t = c.phrase("subprocessors.selection", &Vars::new());
    c.para(t);
    let t = c.phrase("subprocessors.change", &Vars::new());
    c.para(t);
}

fn customer_features(c: &mut Composer, s: &Section, level: usize) {
    let src = c.src;
    let list: Vec<_> = src
        .facts
        .features
        .iter()
        .filter(|f| s.categories.is_empty() || s.categories.contains(&f.category))
        .filter(|f| s.availability.is_empty() || s.availability.contains(&f.availability))
        .collect();
    if list.is_empty() {
        c.problem("no customer security feature of these categories is entered (isms facts: [[features]])".to_owned());
        c.push(Block::Missing {
            text: "〔お客様向けのセキュリティ機能が未入力です / customer features not entered〕"
                .to_owned(),
        });
        return;
    }
    let offered: Vec<_> = list
        .iter()
        .filter(|f| f.availability != Availability::NotOffered)
        .copied()
        .collect();
    if !offered.is_empty() {
        lead(c, s, "customer_features.lead");
    }
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for f in &list {
        let name = {
            let n = c.text(&f.name, &f.name_en, &format!("feature {}", f.id));
            if n.is_empty() {
                c.word("feature_category", f.category.as_ref())
            } else {
                n
            }
        };
        let desc = c.text(
            &f.description,
            &f.description_en,
            &format!("feature {} description", f.id),
        );
        let settings = c.text(
            &f.settings,
            &f.settings_en,
            &format!("feature {} settings", f.id),
        );
        let limitation = c.text(
            &f.limitation,
            &f.limitation_en,
            &format!("feature {} limitation", f.id),
        );
        let v = Vars::new()
            .set("name", name.clone())
            .set("description", desc.clone())
            .set("settings", settings.clone())
            .set("limitation", limitation.clone());
        if f.availability == Availability::NotOffered {
            let t = c.phrase("customer_features.not_offered", &v);
            c.para(t);
            continue;
        }
        let services: Vec<String> = f
            .services
            .iter()
            .filter_map(|id| src.facts.services.iter().find(|x| &x.id == id))
            .map(|x| {
                if c.en && !x.name_en.is_empty() {
                    x.name_en.clone()
                } else {
                    x.name.clone()
                }
            })
            .collect();
        match s.render() {
            "subsections" => {
                c.heading(level, &name, None);
                if !desc.is_empty() {
                    c.user_text(&desc);
                }
                let t = c.phrase("customer_features.settings", &v);
                c.para(t);
                if !limitation.is_empty() {
                    c.user_text(&limitation);
                }
                if f.availability == Availability::SomeServices && !services.is_empty() {
                    let t = c.phrase("customer_features.some_services", &v);
                    c.para(t);
                    c.push(Block::Bullets { items: services });
                }
            }
            "table" => {
                let avail = c.word("availability", f.availability.as_ref());
                rows.push(vec![name, desc, avail]);
            }
            "prose" => {
                c.user_text(&desc);
            }
            _ => {
                items.extend(c.phrase("customer_features.item", &v).or(Some(name)));
            }
        }
    }
    match s.render() {
        "table" => {
            let head = header(
                c,
                &[
                    "customer_features.col_name",
                    "customer_features.col_description",
                    "customer_features.col_availability",
                ],
            );
            c.push(Block::Table {
                header: Some(head),
                rows,
                widths: vec![1.2, 3.0, 1.0],
            });
        }
        "list" if !items.is_empty() => c.push(Block::Bullets { items }),
        _ => {}
    }
    if list.iter().any(|f| {
        matches!(
            f.availability,
            Availability::Option | Availability::SomeServices
        )
    }) {
        let t = c.phrase("customer_features.option_note", &Vars::new());
        c.para(t);
    }
}

fn operations(c: &mut Composer, s: &Section, level: usize) {
    let src = c.src;
    let list: Vec<_> = src
        .facts
        .operations
        .iter()
        .filter(|o| s.kinds.is_empty() || s.kinds.iter().any(|k| k == o.kind.as_ref()))
        .filter(|o| s.ids.is_empty() || s.ids.contains(&o.id))
        .collect();
    if list.is_empty() {
        c.problem(format!(
            "no operational fact of kinds {} is entered (isms facts: [[operations]])",
            if s.kinds.is_empty() {
                "any".to_owned()
            } else {
                s.kinds.join(", ")
            }
        ));
        c.push(Block::Missing {
            text: "〔運用の取組みが未入力です / operations not entered〕".to_owned(),
        });
        return;
    }
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for o in list {
        let name = {
            let n = c.text(&o.name, &o.name_en, &format!("operation {}", o.id));
            if n.is_empty() {
                c.word("operation_kind", o.kind.as_ref())
            } else {
                n
            }
        };
        let coverage = c.text(
            &o.coverage,
            &o.coverage_en,
            &format!("operation {} coverage", o.id),
        );
        let desc = c.text(
            &o.description,
            &o.description_en,
            &format!("operation {} description", o.id),
        );
        let mut v = Vars::new()
            .set("name", name.clone())
            .set("coverage", coverage.clone());
        let freq_cell = o
            .frequency
            .as_ref()
            .map(|f| frequency(c, f, true))
            .unwrap_or_default();
        if let Some(f) = &o.frequency {
            v.put("frequency", frequency(c, f, false));
        }
        let sentence = if o.performer == Performer::Platform {
            c.phrase("operations.platform", &v)
        } else if !coverage.is_empty()
            || o.frequency
                .as_ref()
                .is_some_and(|f| f.per == Period::Continuous)
        {
            c.phrase_any(&["operations.continuous", "operations.internal"], &v)
        } else if o.performer == Performer::ThirdParty {
            c.phrase_any(&["operations.third_party", "operations.no_frequency"], &v)
        } else {
            c.phrase_any(&["operations.internal", "operations.no_frequency"], &v)
        };
        match s.render() {
            "subsections" => {
                c.heading(level, &name, None);
                c.para(sentence);
                if !desc.is_empty() {
                    c.user_text(&desc);
                }
            }
            "table" => {
                let performer = c.word("performer", o.performer.as_ref());
                rows.push(vec![
                    name,
                    crate::whitepaper::phrases::capitalise_first(&c.p, freq_cell),
                    performer,
                    desc,
                ]);
            }
            "list" => {
                let mut t = sentence.unwrap_or(name);
                if !desc.is_empty() {
                    t.push_str(if c.en { " " } else { "" });
                    t.push_str(&desc);
                }
                items.push(t);
            }
            _ => {
                let mut t = sentence.unwrap_or_default();
                if !desc.is_empty() {
                    t.push_str(if c.en { " " } else { "" });
                    t.push_str(&desc);
                }
                c.para(Some(t));
            }
        }
    }
    match s.render() {
        "table" => {
            let head = header(
                c,
                &[
                    "operations.col_name",
                    "operations.col_frequency",
                    "operations.col_performer",
                    "operations.col_description",
                ],
            );
            c.push(Block::Table {
                header: Some(head),
                rows,
                widths: vec![1.3, 0.8, 0.8, 2.6],
            });
        }
        "list" => c.push(Block::Bullets { items }),
        _ => {}
    }
}

fn services(c: &mut Composer, s: &Section) {
    let src = c.src;
    let def = c.def;
    let list: Vec<_> = src
        .facts
        .services
        .iter()
        .filter(|x| def.services.is_empty() || def.services.contains(&x.id))
        .collect();
    if list.is_empty() {
        c.problem("no service is entered (isms facts: [[services]])".to_owned());
        return;
    }
    lead(c, s, "services.lead");
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for x in list {
        let name = c.text(&x.name, &x.name_en, &format!("service {}", x.id));
        let desc = c.text(
            &x.description,
            &x.description_en,
            &format!("service {} description", x.id),
        );
        let v = Vars::new()
            .set("name", name.clone())
            .set("description", desc.clone());
        match s.render() {
            "table" => rows.push(vec![name, desc, x.url.clone()]),
            "prose" => {
                let t = c.phrase_any(&["services.item_description", "services.item"], &v);
                c.para(t);
            }
            _ => items.extend(c.phrase_any(&["services.item_description", "services.item"], &v)),
        }
        if let Some(platform) = src
            .suppliers
            .iter()
            .find(|p| p.supplier_id == x.platform_supplier)
        {
            let t = c.phrase(
                "services.platform",
                &v.clone().set("platform", platform.name.clone()),
            );
            if s.render() == "prose" {
                c.para(t);
            }
        }
    }
    match s.render() {
        "table" => {
            let head = header(
                c,
                &[
                    "services.col_name",
                    "services.col_description",
                    "services.col_url",
                ],
            );
            c.push(Block::Table {
                header: Some(head),
                rows,
                widths: vec![1.2, 2.4, 1.2],
            });
        }
        "prose" => {}
        _ => c.push(Block::Bullets { items }),
    }
}

fn contacts(c: &mut Composer, s: &Section) {
    let src = c.src;
    let list: Vec<_> = src
        .facts
        .contact_points
        .iter()
        .filter(|p| s.purposes.is_empty() || p.purposes.iter().any(|x| s.purposes.contains(x)))
        .collect();
    if list.is_empty() {
        c.problem(
            "no contact point for these purposes is entered (isms facts: [[contact_points]])"
                .to_owned(),
        );
        c.push(Block::Missing {
            text: "〔お問い合わせ窓口が未入力です / contact point not entered〕".to_owned(),
        });
        return;
    }
    let incident = s
        .purposes
        .contains(&isms_core::whitepaper::facts::ContactPurpose::IncidentReport);
    if s.lead.is_empty() {
        let t = c.phrase(
            if incident {
                "contacts.report_lead"
            } else {
                "contacts.lead"
            },
            &Vars::new(),
        );
        c.para(t);
    }
    let mut rows = Vec::new();
    for p in list {
        let name = c.text(&p.name, &p.name_en, &format!("contact point {}", p.id));
        let unit = c.text(&p.unit, &p.unit_en, &format!("contact point {} unit", p.id));
        let hours = c.text(
            &p.hours,
            &p.hours_en,
            &format!("contact point {} hours", p.id),
        );
        let chat = c.text(&p.chat, &p.chat_en, &format!("contact point {} chat", p.id));
        let v = Vars::new()
            .set("name", name.clone())
            .set("unit", unit)
            .set("email", p.email.clone())
            .set("phone", p.phone.clone())
            .set("url", p.url.clone())
            .set("chat", chat)
            .set("hours", hours.clone());
        if s.render() == "table" {
            let purposes = p
                .purposes
                .iter()
                .map(|x| c.word("contact_purpose", x.as_ref()))
                .collect::<Vec<_>>()
                .join(c.p.raw("lists.separator", None));
            rows.push(vec![
                name,
                purposes,
                p.email.clone(),
                p.phone.clone(),
                hours,
            ]);
            continue;
        }
        let mut lines = Vec::new();
        for k in [
            "block_name",
            "line_unit",
            "line_email",
            "line_phone",
            "line_url",
            "line_chat",
            "line_hours",
        ] {
            lines.extend(c.p.fill(&format!("contacts.{k}"), &c.vars.with(&v)));
        }
        c.push(Block::Lines { lines });
        if p.around_the_clock {
            let t = c.phrase("contacts.around_the_clock", &v);
            c.para(t);
        }
        if p.preregistration_required {
            let t = c.phrase("contacts.preregistration", &v);
            c.para(t);
        }
    }
    if s.render() == "table" {
        let head = header(
            c,
            &[
                "contacts.col_name",
                "contacts.col_purposes",
                "contacts.col_email",
                "contacts.col_phone",
                "contacts.col_hours",
            ],
        );
        c.push(Block::Table {
            header: Some(head),
            rows,
            widths: vec![1.4, 1.4, 1.4, 1.0, 1.2],
        });
    }
}

fn legal(c: &mut Composer, s: &Section) {
    let src = c.src;
    let l = &src.facts.legal;
    let parts: Vec<String> = if s.parts.is_empty() {
        vec!["governing_law".into(), "jurisdiction".into()]
    } else {
        s.parts.clone()
    };
    for part in &parts {
        let t = match part.as_str() {
            "governing_law" => {
                let v = c.text(&l.governing_law, &l.governing_law_en, "the governing law");
                if v.is_empty() {
                    c.problem(
                        "the governing law is not entered (isms facts: [legal] governing_law)"
                            .to_owned(),
                    );
                }
                c.phrase("legal.governing_law", &Vars::new().set("governing_law", v))
            }
            "jurisdiction" => {
                let v = c.text(
                    &l.jurisdiction,
                    &l.jurisdiction_en,
                    "the court of jurisdiction",
                );
                c.phrase("legal.jurisdiction", &Vars::new().set("jurisdiction", v))
            }
            "platform" => {
                let law = c.text(
                    &l.platform_governing_law,
                    &l.platform_governing_law_en,
                    "the platform's governing law",
                );
                let court = c.text(
                    &l.platform_jurisdiction,
                    &l.platform_jurisdiction_en,
                    "the platform's court",
                );
                c.phrase(
                    "legal.platform",
                    &Vars::new()
                        .set("platform_governing_law", law)
                        .set("platform_jurisdiction", court),
                )
            }
            "crypto_regulation" => match l.crypto_regulation {
                CryptoRegulation::NotOfferedInRegulated => {
                    c.phrase("legal.crypto_not_offered_in_regulated", &Vars::new())
                }
                CryptoRegulation::Complies => c.phrase("legal.crypto_complies", &Vars::new()),
                CryptoRegulation::Statement => {
                    let v = c.text(
                        &l.crypto_regulation_note,
                        &l.crypto_regulation_note_en,
                        "the note on crypto regulation",
                    );
                    c.phrase(
                        "legal.crypto_statement",
                        &Vars::new().set("crypto_regulation_note", v),
                    )
                }
                CryptoRegulation::Unspecified => {
                    c.problem("the stance on crypto regulation is not entered (isms facts: [legal] crypto_regulation)".to_owned());
                    None
                }
            },
            "data_use" => c.phrase("legal.data_use", &Vars::new()),
            "address" => {
                let a = &src.facts.organisation;
                let v = c.text(&a.address, &a.address_en, "the organisation's address");
                c.phrase("legal.address", &Vars::new().set("address", v))
            }
            "terms" => c.phrase(
                "legal.terms",
                &Vars::new().set("terms_url", src.facts.organisation.terms_url.clone()),
            ),
            "security_policy" => c.phrase(
                "legal.security_policy",
                &Vars::new().set(
                    "security_policy_url",
                    src.facts.organisation.security_policy_url.clone(),
                ),
            ),
            other => {
                c.problem(format!(
                    "part `{other}`: use governing_law, jurisdiction, platform, crypto_regulation, data_use, address, terms or security_policy"
                ));
                None
            }
        };
        c.para(t);
    }
}

fn revision_history(c: &mut Composer, s: &Section) {
    let src = c.src;
    let def = c.def;
    let columns: Vec<String> = if s.columns.is_empty() {
        ["version", "date", "changes", "prepared_by", "approved_by"]
            .map(String::from)
            .to_vec()
    } else {
        s.columns.clone()
    };
    let mut head = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let key = format!("revision_history.col_{col}");
        if !c.p.has(&key) || col == "sections" {
            c.problem(format!(
                "column `{col}`: use version, date, changes, prepared_by or approved_by"
            ));
            continue;
        }
        head.push(
            s.column_headers
                .get(i)
                .cloned()
                .unwrap_or_else(|| c.p.raw(&key, None).to_owned()),
        );
    }
    let mut versions: Vec<(String, chrono::NaiveDate, String, String, String)> = src
        .versions
        .iter()
        .map(|v| {
            (
                v.version.clone(),
                v.issued_on,
                v.summary.clone(),
                v.prepared_by.clone(),
                v.approved_by.clone(),
            )
        })
        .collect();
    if let Some(i) = &c.issuing {
        versions.push((
            i.version.clone(),
            i.issued_on,
            i.summary.clone(),
            i.prepared_by.clone(),
            i.approved_by.clone(),
        ));
    }
    if s.lead.is_empty() {
        let t = c.phrase("revision_history.lead", &Vars::new());
        c.para(t);
    }
    if versions.is_empty() {
        let t = c.phrase("revision_history.none", &Vars::new());
        c.para(t);
        return;
    }
    let label_pattern = if def.version.history_label.is_empty() {
        "{v}".to_owned()
    } else {
        def.version.history_label.clone()
    };
    let rows = versions
        .iter()
        .enumerate()
        .map(|(n, (v, date, summary, prepared, approved))| {
            columns
                .iter()
                .filter(|col| col.as_str() != "sections")
                .map(|col| match col.as_str() {
                    "version" if n == 0 && !def.version.first_label.is_empty() => {
                        def.version.first_label.clone()
                    }
                    "version" => label_pattern.replace("{v}", v),
                    "date" => c.date(*date, &s.date_format),
                    "changes" => summary.clone(),
                    "prepared_by" => prepared.clone(),
                    "approved_by" => approved.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect();
    let widths = columns
        .iter()
        .filter(|col| col.as_str() != "sections")
        .map(|col| if col == "changes" { 2.6 } else { 1.0 })
        .collect();
    c.push(Block::Table {
        header: Some(head),
        rows,
        widths,
    });
}

fn image(c: &mut Composer, s: &Section) {
    let src = c.src;
    let Some(bytes) = s.attachment.and_then(|a| src.images.get(&a)) else {
        c.problem(format!(
            "the image `{}` is not in the database (import the definition with its image file)",
            s.path
        ));
        let t = c.phrase("image.missing", &Vars::new().set("path", s.path.clone()));
        if let Some(t) = t {
            c.push(Block::Missing { text: t });
        }
        return;
    };
    c.images += 1;
    let caption = if s.caption.is_empty() {
        String::new()
    } else {
        let cap = c.expand(&s.caption);
        c.phrase(
            "image.caption",
            &Vars::new()
                .set("n", c.images.to_string())
                .set("caption", cap),
        )
        .unwrap_or_default()
    };
    c.push(Block::Image {
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
        width_mm: s.width_mm.unwrap_or(150.0),
        caption,
    });
}
