//! The SoA's content as text, once for both formats: the title block, the summary, and one line per control grouped by theme.

use isms_core::catalogue::Framework;
use isms_core::register::{ImplementationStatus, RegisterEntry};
use isms_core::soa::SoaDocument;

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
}

/// A theme (or clause) heading and its controls.
#[derive(Debug, Clone)]
pub struct Group {
    pub title: String,
    pub lines: Vec<ControlLine>,
}

#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub total: usize,
    pub applicable: usize,
    pub excluded: usize,
    pub undecided: usize,
    pub implemented: usize,
    pub partial: usize,
    pub planned: usize,
    pub not_started: usize,
}

impl Counts {
    fn of<'a>(entries: impl Iterator<Item = &'a RegisterEntry>) -> Counts {
        let mut c = Counts::default();
        for e in entries {
            c.total += 1;
            match e.fields.applicable {
                Some(true) => {
                    c.applicable += 1;
                    match e.fields.status {
                        ImplementationStatus::Implemented => c.implemented += 1,
                        ImplementationStatus::PartiallyImplemented => c.partial += 1,
                        ImplementationStatus::Planned => c.planned += 1,
                        ImplementationStatus::NotStarted => c.not_started += 1,
                    }
                }
                Some(false) => c.excluded += 1,
                None => c.undecided += 1,
            }
        }
        c
    }

    pub fn values(&self) -> [(&'static str, usize); 8] {
        [
            ("total", self.total),
            ("applicable", self.applicable),
            ("excluded", self.excluded),
            ("undecided", self.undecided),
            ("implemented", self.implemented),
            ("partial", self.partial),
            ("planned", self.planned),
            ("not_started", self.not_started),
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
    /// (version, date, changes, prepared, approved)
    pub history: Vec<[String; 5]>,
}

fn line(e: &RegisterEntry, lang: Lang, l: &SoaLabels) -> ControlLine {
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
        implementation: f.implementation.clone(),
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
    }
}

fn groups(doc: &SoaDocument, framework: Framework, lang: Lang, l: &SoaLabels) -> Vec<Group> {
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
            .map(|e| line(e, lang, l))
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
        let annex_a_counts = Counts::of(
            entries
                .iter()
                .filter(|e| e.control.framework == Framework::Iso27001_2022),
        );
        let cloud_counts = Counts::of(
            entries
                .iter()
                .filter(|e| e.control.framework == Framework::Iso27017_2015),
        );
        let annex_a = groups(doc, Framework::Iso27001_2022, lang, &l);
        let cld: Vec<ControlLine> = entries
            .iter()
            .filter(|e| e.control.framework == Framework::Iso27017_2015)
            .map(|e| line(e, lang, &l))
            .collect();
        let mut cloud = vec![Group {
            title: l.cld_group.clone(),
            lines: cld,
        }];
        cloud.extend(groups(doc, Framework::Iso27002_2013, lang, &l));
        let history = doc
            .history
            .iter()
            .map(|h| {
                let date = isms_core::register::parse_date("issue date", &h.issued_on)
                    .map(|d| l.date(d))
                    .unwrap_or_else(|_| h.issued_on.clone());
                [
                    h.version.clone(),
                    date,
                    h.summary.clone(),
                    h.prepared_by.clone(),
                    h.approved_by.clone(),
                ]
            })
            .collect();
        Ok(SoaContent {
            draft: doc.is_draft(),
            organisation: org.name.clone(),
            scope: org.isms_scope.clone(),
            document_number: org.soa_document_number.clone(),
            version: doc
                .version
                .clone()
                .unwrap_or_else(|| l.draft_version.clone()),
            issue_date: l.date(doc.issued_on),
            prepared_by: doc.prepared_by.clone(),
            approved_by: doc.approved_by.clone(),
            annex_a_counts,
            cloud_counts,
            annex_a,
            cloud,
            history,
            labels: l,
        })
    }

    pub fn summary_lines(&self) -> [String; 2] {
        [
            SoaLabels::fill(&self.labels.summary_annex_a, &self.annex_a_counts.values()),
            SoaLabels::fill(&self.labels.summary_cloud, &self.cloud_counts.values()),
        ]
    }
}
