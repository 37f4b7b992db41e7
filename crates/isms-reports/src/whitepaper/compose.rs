//! Turns a definition and its sources into a rendered whitepaper: numbers the headings, fills the phrases, draws each
//! section's kind (`kinds.rs`), fills the ISO/IEC 27017 mapping from every section's controls once all are placed,
//! and collects what is missing (problems: issuing is refused) and the sentences left out for want of a value.

use std::collections::BTreeMap;

use isms_core::whitepaper::{Cited, CitedCertification, CitedStatement};

use crate::whitepaper::definition::{
    CoverLine, DateLine, Definition, Lang, Rows, Section, SectionKind,
};
use crate::whitepaper::model::{Block, CoverText, Rendered, TocSpec};
use crate::whitepaper::numbering;
use crate::whitepaper::phrases::{Phrases, Vars};
use crate::whitepaper::sources::{ControlText, Sources};

/// The version being issued (None for a draft).
#[derive(Debug, Clone)]
pub struct Issuing {
    pub version: String,
    pub issued_on: chrono::NaiveDate,
    pub prepared_by: String,
    pub approved_by: String,
    pub summary: String,
}

/// A rendered whitepaper with what is missing and what was left out.
#[derive(Debug, Clone)]
pub struct Composed {
    pub rendered: Rendered,
    /// Data the document needs and does not have; issuing is refused while any remain.
    pub problems: Vec<String>,
    /// Sentences left out because a value they need is empty.
    pub dropped: Vec<String>,
    pub cited: Cited,
}

/// A heading placed, for the mapping table.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub number: String,
    pub heading: String,
}

pub(crate) struct Composer<'a> {
    pub def: &'a Definition,
    pub src: &'a Sources,
    pub p: Phrases,
    pub en: bool,
    pub vars: Vars,
    pub blocks: Vec<Block>,
    pub problems: Vec<String>,
    pub dropped: Vec<String>,
    pub cited: Cited,
    counters: Vec<u32>,
    anchors: usize,
    /// Where each control is addressed: control id → headings.
    pub addressed: BTreeMap<String, Vec<Placed>>,
    /// Mapping tables to fill at the end: (block index, section).
    mappings: Vec<(usize, &'a Section)>,
    /// The heading of the section being drawn, for problem messages.
    pub here: String,
    pub issuing: Option<Issuing>,
    pub images: usize,
}

impl<'a> Composer<'a> {
    /// Japanese or English text of a fact; an English document with only the Japanese text records a problem.
    pub fn text(&mut self, ja: &str, en: &str, what: &str) -> String {
        if !self.en {
            return ja.trim().to_owned();
        }
        if en.trim().is_empty() && !ja.trim().is_empty() {
            self.problem(format!(
                "no English text for {what} (Japanese: 「{}」)",
                short(ja)
            ));
            return ja.trim().to_owned();
        }
        en.trim().to_owned()
    }

    pub fn problem(&mut self, message: String) {
        let m = if self.here.is_empty() {
            message
        } else {
            format!("{}: {message}", self.here)
        };
        if !self.problems.contains(&m) {
            self.problems.push(m);
        }
    }

    /// Fills a phrase; a sentence missing a value is left out and noted.
    pub fn phrase(&mut self, key: &str, vars: &Vars) -> Option<String> {
        let all = self.vars.with(vars);
        let out = self.p.fill(key, &all);
        if out.is_none() && !self.p.raw(key, all.count).is_empty() {
            self.dropped.push(format!("{} ({key})", self.here));
        }
        out
    }

    /// The first of `keys` whose values are all there; only when none is, the sentence is noted as left out.
    pub fn phrase_any(&mut self, keys: &[&str], vars: &Vars) -> Option<String> {
        let all = self.vars.with(vars);
        for k in keys {
            if let Some(t) = self.p.fill(k, &all) {
                return Some(t);
            }
        }
        if keys.iter().any(|k| !self.p.raw(k, all.count).is_empty()) {
            self.dropped
                .push(format!("{} ({})", self.here, keys.join(" / ")));
        }
        None
    }

    /// A word of an enumeration, as it goes inside a sentence (not capitalised).
    pub fn word(&self, kind: &str, id: &str) -> String {
        let w = self.p.enum_word(kind, id);
        crate::whitepaper::phrases::fill_words(&self.p, &w, &self.vars).unwrap_or(w)
    }

    pub fn push(&mut self, b: Block) {
        let b = match b {
            Block::Table {
                header,
                rows,
                widths,
            } if self.en => Block::Table {
                header,
                rows: rows
                    .into_iter()
                    .map(|r| {
                        r.into_iter()
                            .map(|c| crate::whitepaper::phrases::capitalise_first(&self.p, c))
                            .collect()
                    })
                    .collect(),
                widths,
            },
            Block::Bullets { items } if self.en => Block::Bullets {
                items: items
                    .into_iter()
                    .map(|c| crate::whitepaper::phrases::capitalise_first(&self.p, c))
                    .collect(),
            },
            other => other,
        };
        self.blocks.push(b);
    }

    pub fn para(&mut self, text: Option<String>) {
        if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
            self.blocks.push(Block::Paragraph { text: t });
        }
    }

    /// A text the user wrote (lead, trailing, free text): blank lines separate paragraphs, "- " lines are bullets,
    /// "1. " lines a numbered list; {organisation}, {service} and {platform} are filled.
    pub fn user_text(&mut self, text: &str) {
        let text = self.expand(text);
        let mut bullets: Vec<String> = Vec::new();
        let mut numbered: Vec<String> = Vec::new();
        let mut para: Vec<String> = Vec::new();
        let flush = |c: &mut Composer,
                     para: &mut Vec<String>,
                     bullets: &mut Vec<String>,
                     numbered: &mut Vec<String>| {
            if !para.is_empty() {
                let joiner = if c.en { " " } else { "" };
                c.blocks.push(Block::Paragraph {
                    text: para.join(joiner),
                });
                para.clear();
            }
            if !bullets.is_empty() {
                c.blocks.push(Block::Bullets {
                    items: std::mem::take(bullets),
                });
            }
            if !numbered.is_empty() {
                c.blocks.push(Block::Numbered {
                    items: std::mem::take(numbered),
                });
            }
        };
        for line in text.lines() {
            let l = line.trim();
            if l.is_empty() {
                flush(self, &mut para, &mut bullets, &mut numbered);
            } else if let Some(item) = l.strip_prefix("- ").or_else(|| l.strip_prefix("・")) {
                if !para.is_empty() || !numbered.is_empty() {
                    flush(self, &mut para, &mut Vec::new(), &mut numbered);
                }
                bullets.push(item.trim().to_owned());
            } else if let Some(item) = numbered_item(l) {
                if !para.is_empty() || !bullets.is_empty() {
                    flush(self, &mut para, &mut bullets, &mut Vec::new());
                }
                numbered.push(item);
            } else {
                if !bullets.is_empty() || !numbered.is_empty() {
                    flush(self, &mut Vec::new(), &mut bullets, &mut numbered);
                }
                para.push(l.to_owned());
            }
        }
        flush(self, &mut para, &mut bullets, &mut numbered);
    }

    /// {organisation}, {service}, {platform} in a user's text. One not entered yet is shown as missing (in the draft;
    /// such a draft cannot be issued), never as the placeholder itself.
    pub fn expand(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (k, missing) in [
            (
                "organisation",
                "〔組織名が未入力です / organisation name not entered〕",
            ),
            ("service", "〔サービスが未入力です / service not entered〕"),
            ("platform", "〔基盤が未入力です / platform not entered〕"),
        ] {
            let placeholder = format!("{{{k}}}");
            if out.contains(&placeholder) {
                let value = self.vars.get(k).filter(|v| !v.trim().is_empty());
                out = out.replace(&placeholder, value.unwrap_or(missing));
            }
        }
        out
    }

    /// Places a heading at `level` (1-based) and returns its number ("" when unnumbered).
    pub fn heading(&mut self, level: usize, text: &str, s: Option<&Section>) -> String {
        let numbered = s.is_none_or(|s| s.numbered && s.label.is_empty());
        let label = s.map(|s| s.label.as_str()).unwrap_or("");
        let number = if numbered {
            self.counters.resize(level, 0);
            self.counters[level - 1] += 1;
            self.def
                .numbering
                .levels
                .get(level - 1)
                .map(|pat| numbering::format(pat, &self.counters))
                .unwrap_or_default()
        } else {
            label.to_owned()
        };
        self.anchors += 1;
        // A section with an id is anchored by it (the app finds its page); generated headings by their order.
        let anchor = match s.filter(|s| !s.id.is_empty()) {
            Some(s) => format!("s:{}", s.id),
            None => format!("h{}", self.anchors),
        };
        self.blocks.push(Block::Heading {
            level: level.min(6) as u8,
            number: number.clone(),
            text: text.to_owned(),
            anchor,
            in_toc: s.is_none_or(|s| s.in_toc),
            page_break_before: s.is_some_and(|s| s.page_break_before),
        });
        number
    }

    /// Records that the heading just placed addresses `controls`.
    pub fn address(&mut self, controls: &[String], number: &str, heading: &str) {
        for c in controls {
            let id = self.resolve(c).unwrap_or_else(|| c.clone());
            let list = self.addressed.entry(id).or_default();
            if !list
                .iter()
                .any(|p| p.number == number && p.heading == heading)
            {
                list.push(Placed {
                    number: number.to_owned(),
                    heading: heading.to_owned(),
                });
            }
        }
    }

    /// A control id as the catalogue writes it ("a.12.3.1" → "A.12.3.1").
    pub fn resolve(&self, typed: &str) -> Option<String> {
        self.src.ids.resolve(typed).map(str::to_owned)
    }

    pub fn control(&self, id: &str) -> Option<&'a ControlText> {
        let src: &'a Sources = self.src;
        self.resolve(id).and_then(|k| src.controls.get(&k))
    }

    pub fn control_title(&self, c: &ControlText) -> String {
        if self.en {
            c.title_en.clone()
        } else {
            c.title_ja.clone()
        }
    }

    /// A control's customer statement in the document's language; a problem (and a visible gap) when there is none.
    pub fn statement(&mut self, id: &str) -> Option<String> {
        let Some(c) = self.control(id) else {
            self.problem(format!("control {id} is not in the catalogues"));
            return None;
        };
        let title = self.control_title(c);
        if c.applicable == Some(false) {
            self.problem(format!(
                "control {} {} is not applicable in the register",
                c.id, title
            ));
            return None;
        }
        let text = if self.en {
            &c.statement_en
        } else {
            &c.statement
        };
        if text.trim().is_empty() {
            let what = if self.en {
                "English customer statement"
            } else {
                "customer statement (お客様向けの説明)"
            };
            self.problem(format!("control {} {} has no {what}", c.id, title));
            let v = Vars::new()
                .set("control_id", c.id.clone())
                .set("control_title", title);
            let gap = self
                .p
                .fill("control_statements.missing_draft", &v)
                .unwrap_or_default();
            self.blocks.push(Block::Missing { text: gap });
            return None;
        }
        if !self.cited.statements.iter().any(|s| s.control_id == c.id) {
            self.cited.statements.push(CitedStatement {
                control_id: c.id.clone(),
                text: text.trim().to_owned(),
            });
        }
        Some(text.trim().to_owned())
    }

    pub fn cite_certification(&mut self, cert_id: &str, expires_on: Option<chrono::NaiveDate>) {
        if !self
            .cited
            .certifications
            .iter()
            .any(|c| c.cert_id == cert_id)
        {
            self.cited.certifications.push(CitedCertification {
                cert_id: cert_id.to_owned(),
                expires_on,
            });
        }
    }

    pub fn date(&self, d: chrono::NaiveDate, format: &str) -> String {
        let f = if format.is_empty() {
            &self.def.date_format
        } else {
            format
        };
        let f = if f.is_empty() {
            if self.en {
                "%-d %B %Y"
            } else {
                "%Y年%-m月%-d日"
            }
        } else {
            f
        };
        d.format(f).to_string()
    }

    /// One section and its children, at `level`.
    pub fn section(&mut self, s: &'a Section, level: usize) {
        let heading = self.heading_text(s);
        let saved_here = self.here.clone();
        let mut number = String::new();
        if !heading.is_empty() {
            number = self.heading(level, &heading, Some(s));
            self.here = format!(
                "section {}{}",
                if number.is_empty() {
                    String::new()
                } else {
                    format!("{number} ")
                },
                heading
            );
        } else {
            self.here = format!("section `{}` ({})", s.id, s.kind.as_ref());
        }
        self.address(&s.controls, &number, &heading);
        if !s.lead.is_empty() {
            self.user_text(&s.lead);
        }
        let child_level = if heading.is_empty() { level } else { level + 1 };
        if !s.text.is_empty() && s.kind != SectionKind::FreeText {
            // The user's own words replace what the kind would generate.
            self.user_text(&s.text);
        } else if s.kind == SectionKind::Mapping27017 {
            self.mappings.push((self.blocks.len(), s));
            self.blocks.push(Block::Paragraph {
                text: String::new(),
            });
        } else {
            crate::whitepaper::kinds::draw(self, s, child_level);
        }
        if !s.trailing.is_empty() {
            self.user_text(&s.trailing);
        }
        if s.kind != SectionKind::ControlsByTheme {
            for c in &s.children {
                self.section(c, child_level);
            }
        }
        self.here = saved_here;
    }

    fn heading_text(&self, s: &Section) -> String {
        if !s.heading.is_empty() {
            return self.expand(&s.heading);
        }
        let h = self.p.raw(&format!("headings.{}", s.kind.as_ref()), None);
        if !h.is_empty() {
            return h.to_owned();
        }
        if s.kind == SectionKind::ControlStatements && s.controls.len() == 1 {
            if let Some(c) = self.control(&s.controls[0]) {
                return s
                    .titles
                    .get(&c.id)
                    .cloned()
                    .unwrap_or_else(|| self.control_title(c));
            }
        }
        String::new()
    }

    /// The ISO/IEC 27017 mapping tables, now that every section is placed.
    fn fill_mappings(&mut self) {
        for (index, s) in std::mem::take(&mut self.mappings) {
            let ids: Vec<String> = match &s.rows {
                Rows::List(l) if !l.is_empty() => l
                    .iter()
                    .map(|i| self.resolve(i).unwrap_or_else(|| i.clone()))
                    .collect(),
                preset => {
                    // "cloud": every ISO/IEC 27017 control (CLD and the 2013 controls it extends); "linked": those of
                    // them this document addresses.
                    let all =
                        matches!(preset, Rows::Preset(p) if p == "cloud") && s.show_unaddressed;
                    self.src
                        .order
                        .iter()
                        .filter(|id| {
                            self.src.controls.get(*id).is_some_and(|c| {
                                c.framework == isms_core::catalogue::Framework::Iso27017_2015
                                    || (c.framework
                                        == isms_core::catalogue::Framework::Iso27002_2013
                                        && c.extended_by_27017)
                            })
                        })
                        .filter(|id| all || self.addressed.contains_key(*id))
                        .cloned()
                        .collect()
                }
            };
            let target = if s.target.is_empty() {
                "number_heading"
            } else {
                s.target.as_str()
            };
            let mut rows = Vec::new();
            for id in ids {
                let Some(c) = self.src.controls.get(&id) else {
                    self.here = "ISO/IEC 27017 mapping".to_owned();
                    self.problem(format!("control {id} is not in the catalogues"));
                    continue;
                };
                let title = self.control_title(c);
                let cell = self
                    .p
                    .fill(
                        "mapping_27017.cell_control",
                        &Vars::new()
                            .set("control_id", id.clone())
                            .set("control_title", title),
                    )
                    .unwrap_or_else(|| id.clone());
                let places = self.addressed.get(&id).cloned().unwrap_or_default();
                let where_ = if places.is_empty() {
                    if !s.show_unaddressed {
                        continue;
                    }
                    self.p.raw("mapping_27017.not_addressed", None).to_owned()
                } else {
                    let parts: Vec<String> = places
                        .iter()
                        .map(|pl| {
                            let key = match (target, pl.number.is_empty()) {
                                ("number", false) => "mapping_27017.cell_section_number",
                                ("number_heading", false) => {
                                    "mapping_27017.cell_section_number_heading"
                                }
                                _ => "mapping_27017.cell_section_heading",
                            };
                            self.p
                                .fill(
                                    key,
                                    &Vars::new()
                                        .set("number", pl.number.clone())
                                        .set("heading", pl.heading.clone()),
                                )
                                .unwrap_or_else(|| pl.heading.clone())
                        })
                        .collect();
                    parts.join(self.p.raw("lists.separator", None))
                };
                rows.push(vec![cell, where_]);
            }
            let mut blocks = Vec::new();
            if s.lead.is_empty() {
                if let Some(l) = self.p.fill("mapping_27017.lead", &self.vars.clone()) {
                    blocks.push(Block::Paragraph { text: l });
                }
            }
            blocks.push(Block::Table {
                header: Some(vec![
                    self.p.raw("mapping_27017.col_control", None).to_owned(),
                    self.p.raw("mapping_27017.col_sections", None).to_owned(),
                ]),
                rows,
                widths: vec![1.2, 1.0],
            });
            self.blocks.splice(index..index + 1, blocks);
        }
    }
}

fn numbered_item(l: &str) -> Option<String> {
    let digits: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &l[digits.len()..];
    rest.strip_prefix(". ")
        .or_else(|| rest.strip_prefix("．"))
        .map(|r| r.trim().to_owned())
}

pub(crate) fn short(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 24 {
        format!("{}…", s.chars().take(24).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Renders `def` from `src`: a draft, or the version being issued (which then appears in its own revision history).
pub fn compose(
    def: &Definition,
    src: &Sources,
    doc_id: &str,
    issuing: Option<Issuing>,
) -> crate::error::Result<Composed> {
    let p = Phrases::load(def.lang.code(), &def.phrases)?;
    let en = def.lang == Lang::En;
    let org = if en && !src.organisation.name_en.is_empty() {
        src.organisation.name_en.clone()
    } else {
        src.organisation.name.clone()
    };
    let mut c = Composer {
        def,
        src,
        p,
        en,
        vars: Vars::new(),
        blocks: Vec::new(),
        problems: Vec::new(),
        dropped: Vec::new(),
        cited: Cited::default(),
        counters: Vec::new(),
        anchors: 0,
        addressed: BTreeMap::new(),
        mappings: Vec::new(),
        here: String::new(),
        issuing: issuing.clone(),
        images: 0,
    };
    if en && src.organisation.name_en.is_empty() {
        c.problem("no English name for the organisation (isms org set --name-en …)".to_owned());
    }
    c.vars.put("organisation", org.clone());
    // {service}: the first service of the definition; {platform}: the supplier it runs on, or the platform party.
    let services: Vec<_> = if def.services.is_empty() {
        src.facts.services.iter().collect()
    } else {
        let mut v = Vec::new();
        for id in &def.services {
            match src.facts.services.iter().find(|s| &s.id == id) {
                Some(s) => v.push(s),
                None => c.problem(format!(
                    "service `{id}` is not among the services entered (isms facts)"
                )),
            }
        }
        v
    };
    if let Some(s) = services.first() {
        let name = c.text(&s.name, &s.name_en, &format!("service {}", s.id));
        c.vars.put("service", name);
        let platform = src
            .suppliers
            .iter()
            .find(|x| x.supplier_id == s.platform_supplier)
            .map(|x| x.name.clone())
            .or_else(|| {
                src.facts
                    .parties
                    .iter()
                    .find(|p| p.key == isms_core::whitepaper::facts::PartyKey::Platform)
                    .map(|p| {
                        if en && !p.label_en.is_empty() {
                            p.label_en.clone()
                        } else {
                            p.label.clone()
                        }
                    })
            });
        if let Some(pl) = platform {
            c.vars.put("platform", pl);
        }
    } else {
        c.problem("no service is entered (isms facts: [[services]])".to_owned());
    }
    let date = issuing.as_ref().map(|i| i.issued_on).unwrap_or(src.today);
    let date_text = c.date(date, "");
    c.vars.put("date", date_text.clone());
    let draft = issuing.is_none();
    let version_label = match &issuing {
        Some(i) => version_label(def, &c.p, &i.version, src.versions.is_empty()),
        None => {
            if def.version.draft_label.is_empty() {
                c.p.raw("document.draft_mark", None).to_owned()
            } else {
                def.version.draft_label.clone()
            }
        }
    };
    c.vars.put("version", version_label.clone());
    c.vars.put("document_number", def.document_number.clone());

    for s in &def.sections {
        c.section(s, 1);
    }
    c.fill_mappings();

    let title = c.expand(&def.title);
    let subtitle = c.expand(&def.subtitle);
    let mut cover = Vec::new();
    if def.cover.enabled {
        for line in &def.cover.lines {
            let (text, style) = match line {
                CoverLine::DocumentNumber if !def.document_number.is_empty() => (
                    c.p.fill("document.document_number_line", &c.vars.clone())
                        .unwrap_or_default(),
                    "plain",
                ),
                CoverLine::DocumentNumber => continue,
                CoverLine::Title => (title.clone(), "title"),
                CoverLine::Subtitle => (subtitle.clone(), "subtitle"),
                CoverLine::Organisation => (org.clone(), "plain"),
                CoverLine::Date => (date_text.clone(), "plain"),
                CoverLine::Version => (version_label.clone(), "plain"),
                CoverLine::DateVersion => (
                    c.p.fill("document.date_version", &c.vars.clone())
                        .unwrap_or_default(),
                    "plain",
                ),
            };
            if !text.trim().is_empty() {
                cover.push(CoverText {
                    text,
                    style: style.to_owned(),
                });
            }
        }
    }
    let mut closing = Vec::new();
    match def.closing.date_line {
        DateLine::None => {}
        DateLine::Issued => closing.extend(c.p.fill("document.date_line_issued", &c.vars.clone())),
        DateLine::Updated => {
            closing.extend(c.p.fill("document.date_line_updated", &c.vars.clone()))
        }
    }
    for l in &def.closing.signature_lines {
        closing.push(c.expand(l));
    }
    let toc = def.toc.enabled.then(|| TocSpec {
        heading: if def.toc.heading.is_empty() {
            c.p.raw("document.toc_heading", None).to_owned()
        } else {
            def.toc.heading.clone()
        },
        depth: def.toc.depth.max(1),
        page_numbers: def.toc.page_numbers,
        dot_leaders: def.toc.dot_leaders,
    });
    let rendered = Rendered {
        doc_id: doc_id.to_owned(),
        lang: def.lang.code().to_owned(),
        title: title.clone(),
        subtitle: subtitle.clone(),
        organisation: org.clone(),
        document_number: def.document_number.clone(),
        version_label: version_label.clone(),
        date_text,
        draft,
        cover,
        title_line: if def.cover.enabled {
            String::new()
        } else {
            title.clone()
        },
        opening: c.expand(&def.opening),
        ki: if def.closing.ki {
            c.p.raw("document.ki", None).to_owned()
        } else {
            String::new()
        },
        toc,
        blocks: std::mem::take(&mut c.blocks),
        closing,
        ijo: if def.closing.ijo {
            c.p.raw("document.ijo", None).to_owned()
        } else {
            String::new()
        },
        draft_mark: c.p.raw("document.draft_mark", None).to_owned(),
        header_left: if subtitle.is_empty() || subtitle == title {
            title.clone()
        } else {
            format!("{title}　{subtitle}")
        },
        header_right: [
            def.document_number.clone(),
            if draft { String::new() } else { version_label },
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("  "),
        page_numbers: def.page.page_numbers.clone(),
        continued: c.p.raw("document.continued", None).to_owned(),
        subject: if subtitle.is_empty() {
            title.clone()
        } else {
            subtitle
        },
        keywords: if en {
            "security whitepaper, ISO/IEC 27001, ISO/IEC 27017".to_owned()
        } else {
            "セキュリティホワイトペーパー, ISO/IEC 27001, ISO/IEC 27017".to_owned()
        },
    };
    Ok(Composed {
        rendered,
        problems: c.problems,
        dropped: c.dropped,
        cited: c.cited,
    })
}

/// "第1.0版", "Ver.1.0", or the first version's own label ("初版").
pub fn version_label(def: &Definition, p: &Phrases, v: &str, first: bool) -> String {
    if first && !def.version.first_label.is_empty() {
        return def.version.first_label.clone();
    }
    let pattern = if def.version.label.is_empty() {
        p.raw("document.version_default", None)
    } else {
        &def.version.label
    };
    pattern.replace("{v}", v)
}
