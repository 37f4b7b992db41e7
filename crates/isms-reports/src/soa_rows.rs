//! The SoA's content as text, once for both formats: the title block, the summary, and one line per control grouped by theme.

use isms_core::catalogue::{Framework, Relation};
use isms_core::register::{RegisterEntry, RegisterSummary, SoaSummary};
use isms_core::soa::{SoaDocument, VersionStatus};

use crate::labels::{Lang, SoaLabels};

/// One control as the SoA shows it.
#[derive(Debug, Clone)]
pub struct ControlLine {
    pub id: String,
    pub title: String,
    pub applicable: Option<bool>,
    pub applicable_text: String,
    /// Reasons for inclusion when applicable; the justification for exclusion when not.
    pub reason: String,
    pub implementation: String,
    pub status: String,
    pub documents: String,
    pub role: String,
    pub inherited_from: String,
    pub extended_by_27017: bool,
    /// `← 5.5` when the row takes its decision from its 2022 counterparts; empty otherwise.
    pub derived: String,
}

/// A theme (or clause) heading and its controls.
#[derive(Debug, Clone)]
pub struct Group {
    pub title: String,
    pub lines: Vec<ControlLine>,
}

/// The counts of one summary line, under the names the label templates use.
#[derive(Debug, Clone, Default)]
pub struct Counts(pub RegisterSummary);

impl Counts {
    pub fn values(&self) -> [(&'static str, usize); 9] {
        let s = &self.0;
        [
            ("total", s.controls),
            ("applicable", s.applicable),
            ("excluded", s.not_applicable),
            ("undecided", s.undecided),
            ("implemented", s.implemented),
            ("partial", s.partially_implemented),
            ("planned", s.planned),
            ("not_started", s.not_started),
            ("derived", s.derived),
        ]
    }
}

/// Everything both exports print, already in the chosen language.
#[derive(Debug, Clone)]
pub struct SoaContent {
    pub labels: SoaLabels,
    pub draft: bool,
    pub organisation: String,
    pub scope: String,
    pub document_number: String,
    pub version: String,
    pub issue_date: String,
    pub prepared_by: String,
    pub approved_by: String,
    pub annex_a_counts: Counts,
    pub cloud_counts: Counts,
    pub annex_a: Vec<Group>,
    /// The CLD controls first, then the ISO/IEC 27002:2013 controls by clause.
    pub cloud: Vec<Group>,
    /// (version, date, changes — with what became of the version —, prepared, approved)
    pub history: Vec<[String; 5]>,
    /// The issue date of this version (the draft: today), and of each version of the history, as dates.
    pub issued_on: chrono::NaiveDate,
    pub history_dates: Vec<Option<chrono::NaiveDate>>,
    /// Controls left undecided at issue, accepted by the issuer (0 for the draft and for complete versions).
    pub accepted_undecided: usize,
    /// Whether some text is printed in Japanese because no English text exists (English exports only).
    pub has_japanese_only: bool,
    /// The status of this version: a withdrawn version is marked on every page.
    pub status: VersionStatus,
    /// For an issued version, what its PDF's metadata carries so `isms verify-document` can match it: the content's
    /// SHA-256 and the audit chain head at issue.
    pub proof: Option<(String, Option<String>)>,
}

/// A text in the export's language: in English, the English text where it exists, else the Japanese one marked.
fn localised(ja: &str, en: &str, lang: Lang, l: &SoaLabels, japanese_only: &mut bool) -> String {
    match lang {
        Lang::Ja => ja.to_owned(),
        Lang::En if !en.is_empty() => en.to_owned(),
        Lang::En if ja.is_empty() => String::new(),
        Lang::En => {
            *japanese_only = true;
            format!("{}{}", l.ja_only_mark, ja)
        }
    }
}

fn line(e: &RegisterEntry, lang: Lang, l: &SoaLabels, japanese_only: &mut bool) -> ControlLine {
    let f = &e.fields;
    let sep = l.list_separator.as_str();
    let (applicable_text, reason) = match f.applicable {
        Some(true) => (
            l.applicable_yes.clone(),
            f.inclusion_reasons
                .iter()
                .map(|r| SoaLabels::term(&l.reason, r.as_ref()).to_owned())
                .collect::<Vec<_>>()
                .join(sep),
        ),
        Some(false) => (l.applicable_no.clone(), f.exclusion_justification.clone()),
        None => (l.undecided.clone(), String::new()),
    };
    ControlLine {
        id: e.control.id.clone(),
        title: match lang {
            Lang::Ja => e.control.title_ja.clone(),
            Lang::En => e.control.title_en.clone(),
        },
        applicable: f.applicable,
        applicable_text,
        reason,
        implementation: localised(
            &f.implementation,
            &f.implementation_en,
            lang,
            l,
            japanese_only,
        ),
        status: if f.applicable == Some(false) {
            String::new()
        } else {
            SoaLabels::term(&l.status, f.status.as_ref()).to_owned()
        },
        documents: f
            .related_documents
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        role: f
            .cloud_role
            .map(|r| SoaLabels::term(&l.role, r.as_ref()).to_owned())
            .unwrap_or_default(),
        inherited_from: f.inherited_from.clone(),
        extended_by_27017: e.control.extended_by_27017,
        derived: if e.derived_from.is_empty() {
            String::new()
        } else {
            let ids = e
                .derived_from
                .iter()
                .map(|d| match d.relation {
                    Relation::Equal => d.id.clone(),
                    _ => format!("{}（{}）", d.id, l.derived_part),
                })
                .collect::<Vec<_>>()
                .join(sep);
            l.derived_from.replace("{ids}", &ids)
        },
    }
}

fn groups(
    doc: &SoaDocument,
    framework: Framework,
    lang: Lang,
    l: &SoaLabels,
    japanese_only: &mut bool,
) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for theme in doc
        .snapshot
        .themes
        .iter()
        .filter(|t| t.framework == framework)
    {
        let title = match (framework, lang) {
            (Framework::Iso27001_2022, Lang::Ja) => format!("{} {}", theme.clause, theme.title_ja),
            (Framework::Iso27001_2022, Lang::En) => format!("{} {}", theme.clause, theme.title_en),
            (_, Lang::Ja) => format!("{} {}", theme.id, theme.title_ja),
            (_, Lang::En) => format!("{} {}", theme.id, theme.title_en),
        };
        let lines: Vec<ControlLine> = doc
            .snapshot
            .entries
            .iter()
            .filter(|e| e.control.framework == framework && e.control.theme == theme.id)
            .map(|e| line(e, lang, l, japanese_only))
            .collect();
        if !lines.is_empty() {
            out.push(Group { title, lines });
        }
    }
    out
}

impl SoaContent {
    pub fn new(doc: &SoaDocument, lang: Lang) -> crate::Result<SoaContent> {
        let l = SoaLabels::load(lang)?;
        let org = &doc.snapshot.organisation;
        let entries = &doc.snapshot.entries;
        let summary = SoaSummary::of(entries);
        let mut japanese_only = false;
        let annex_a = groups(doc, Framework::Iso27001_2022, lang, &l, &mut japanese_only);
        let cld: Vec<ControlLine> = entries
            .iter()
            .filter(|e| e.control.framework == Framework::Iso27017_2015)
            .map(|e| line(e, lang, &l, &mut japanese_only))
            .collect();
        let mut cloud = vec![Group {
            title: l.cld_group.clone(),
            lines: cld,
        }];
        cloud.extend(groups(
            doc,
            Framework::Iso27002_2013,
            lang,
            &l,
            &mut japanese_only,
        ));
        let history_dates = doc
            .history
            .iter()
            .map(|h| isms_core::register::parse_date("issue date", &h.issued_on).ok())
            .collect();
        let history = doc
            .history
            .iter()
            .map(|h| {
                let date = isms_core::register::parse_date("issue date", &h.issued_on)
                    .map(|d| l.date(d))
                    .unwrap_or_else(|_| h.issued_on.clone());
                let fate = match h.status {
                    VersionStatus::Current => String::new(),
                    status => {
                        let template = if status == VersionStatus::Withdrawn {
                            &l.version_withdrawn
                        } else {
                            &l.version_superseded
                        };
                        let on = h.status_on.map(|d| l.date(d)).unwrap_or_default();
                        format!(
                            "\n{}",
                            template
                                .replace("{date}", &on)
                                .replace("{reason}", &h.status_reason)
                        )
                    }
                };
                [
                    h.version.clone(),
                    date,
                    format!("{}{}", h.summary, fate),
                    h.prepared_by.clone(),
                    h.approved_by.clone(),
                ]
            })
            .collect();
        let organisation = localised(&org.name, &org.name_en, lang, &l, &mut japanese_only);
        let scope = localised(
            &org.isms_scope,
            &org.isms_scope_en,
            lang,
            &l,
            &mut japanese_only,
        );
        let accepted_undecided = doc
            .version
            .as_ref()
            .and_then(|v| doc.history.iter().find(|h| &h.version == v))
            .map_or(0, |h| h.accepted_undecided.len());
        Ok(SoaContent {
            draft: doc.is_draft(),
            organisation,
            scope,
            document_number: org.soa_document_number.clone(),
            version: doc
                .version
                .clone()
                .unwrap_or_else(|| l.draft_version.clone()),
            issue_date: l.date(doc.issued_on),
            issued_on: doc.issued_on,
            history_dates,
            prepared_by: doc.prepared_by.clone(),
            approved_by: doc.approved_by.clone(),
            annex_a_counts: Counts(summary.annex_a),
            cloud_counts: Counts(summary.cloud),
            annex_a,
            cloud,
            history,
            accepted_undecided,
            has_japanese_only: japanese_only,
            status: doc.status,
            proof: doc
                .version
                .as_ref()
                .and_then(|v| doc.history.iter().find(|h| &h.version == v))
                .map(|h| (h.content_sha256.clone(), h.chain_head.clone())),
            labels: l,
        })
    }

    /// The summary's lines: Annex A, the ISO/IEC 27017 part, and what the reader must know about the texts.
    pub fn summary_lines(&self) -> Vec<String> {
        let l = &self.labels;
        let mut out = vec![
            SoaLabels::fill(&l.summary_annex_a, &self.annex_a_counts.values()),
            SoaLabels::fill(&l.summary_cloud, &self.cloud_counts.values()),
        ];
        if self.accepted_undecided > 0 {
            out.push(SoaLabels::fill(
                &l.summary_accepted_undecided,
                &[("count", self.accepted_undecided)],
            ));
        }
        if self.has_japanese_only && !l.ja_only_note.is_empty() {
            out.push(l.ja_only_note.clone());
        }
        out
    }
}
