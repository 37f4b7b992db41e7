//! The customer-facing security whitepaper (セキュリティホワイトペーパー): definitions (`definition.rs`) from starters or
//! files, phrases (`phrases.rs`), heading numbers (`numbering.rs`), the sources read from the store (`sources.rs`),
//! composing a rendered document (`compose.rs`, one function per section kind in `kinds.rs`) that an issued version
//! freezes (`model.rs`), and the PDF (`pdf.rs`). The CLI and the app call the functions below.

pub mod compose;
pub mod definition;
pub mod kinds;
pub mod model;
pub mod numbering;
pub mod pdf;
pub mod phrases;
pub mod sources;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use isms_core::whitepaper::{IssueWhitepaper, StoredWhitepaper, WhitepaperVersion};
use isms_core::Store;
use serde::Serialize;

use crate::error::{ReportError as Error, Result};
use compose::{compose, Composed, Issuing};
use definition::{Definition, Rows, SectionKind};
use model::Rendered;
use sources::Sources;

/// What a draft shows besides itself: what blocks issuing, and what was left out.
#[derive(ts_rs::TS, Debug, Clone, Serialize)]
pub struct DraftReport {
    pub problems: Vec<String>,
    pub dropped: Vec<String>,
    pub headings: usize,
}

/// The stored definition of `doc_id`.
pub fn definition(store: &Store, doc_id: &str) -> Result<Definition> {
    let w = store.whitepaper(doc_id)?;
    serde_json::from_str(&w.definition).map_err(|e| Error::Definition {
        message: format!("whitepaper {doc_id}: its stored definition cannot be read: {e}"),
    })
}

/// Checks what needs the database: every control id a section names is in the catalogues.
pub fn check_against_store(def: &Definition, store: &Store) -> Result<()> {
    let ids = store.control_ids()?;
    for s in def.all_sections() {
        let where_ = if s.id.is_empty() {
            format!("a {} section", s.kind.as_ref())
        } else {
            format!("section `{}`", s.id)
        };
        let mut named: Vec<&String> = s.controls.iter().collect();
        if matches!(
            s.kind,
            SectionKind::ControlStatements | SectionKind::ControlsByTheme
        ) {
            named.extend(s.titles.keys());
        }
        if s.kind == SectionKind::Mapping27017 {
            if let Rows::List(l) = &s.rows {
                named.extend(l.iter());
            }
            if let Rows::Preset(p) = &s.rows {
                if p != "cloud" && p != "linked" {
                    return Err(Error::Definition {
                        message: format!("{where_}: rows = \"{p}\": use \"cloud\", \"linked\" or a list of control ids"),
                    });
                }
            }
        }
        for c in [&s.at, &s.after] {
            if !c.is_empty() {
                named.push(c);
            }
        }
        for id in named {
            if ids.resolve(id).is_none() {
                return Err(Error::Definition {
                    message: format!("{where_}: control `{id}` is not in the catalogues (e.g. 5.1, A.12.3.1, CLD.6.3.1)"),
                });
            }
        }
    }
    Ok(())
}

/// The row kept for a definition; its title with {service} and {organisation} filled from the store.
fn stored(store: &Store, doc_id: &str, def: &Definition) -> Result<StoredWhitepaper> {
    let facts = store.whitepaper_facts()?;
    let org = store.organisation()?;
    let en = def.lang == definition::Lang::En;
    let service = def
        .services
        .first()
        .and_then(|id| facts.services.iter().find(|s| &s.id == id))
        .or(facts.services.first())
        .map(|s| {
            if en && !s.name_en.is_empty() {
                s.name_en.clone()
            } else {
                s.name.clone()
            }
        });
    let organisation = if en && !org.name_en.is_empty() {
        org.name_en
    } else {
        org.name
    };
    let fill = |t: &str| {
        let mut t = t.replace("{organisation}", &organisation);
        if let Some(sv) = &service {
            t = t.replace("{service}", sv);
        }
        t
    };
    let (title, subtitle) = (fill(&def.title), fill(&def.subtitle));
    Ok(StoredWhitepaper {
        doc_id: doc_id.to_owned(),
        title: if subtitle.is_empty() || subtitle.contains('{') {
            title
        } else {
            format!("{title} {subtitle}")
        },
        lang: def.lang.code().to_owned(),
        definition: serde_json::to_string(def).map_err(|e| Error::Definition {
            message: e.to_string(),
        })?,
        updated_at: String::new(),
    })
}

/// A new whitepaper from a starter (`saas-ja`, `saas-en`); its id defaults to the starter's name.
pub fn create_from_template(
    store: &mut Store,
    template: &str,
    doc_id: Option<&str>,
) -> Result<StoredWhitepaper> {
    let def = Definition::template(template)?;
    let id = doc_id
        .filter(|d| !d.trim().is_empty())
        .unwrap_or(template)
        .trim();
    let w = stored(store, id, &def)?;
    store.save_whitepaper(&w, true)?;
    Ok(store.whitepaper(id)?)
}

/// Saves a definition edited in the app (checked first); with `base`, the definition as the editor loaded it, only the
/// parts the editor changed are written over the stored definition, and a part someone else changed too is refused
/// as a conflict (see [`Store::merge_whitepaper_definition`]).
pub fn save_definition(
    store: &mut Store,
    doc_id: &str,
    def: &Definition,
    base: Option<&Definition>,
) -> Result<StoredWhitepaper> {
    let merged;
    let def = match base {
        None => def,
        Some(base) => {
            let json = |d: &Definition| {
                serde_json::to_value(d).map_err(|e| Error::Definition {
                    message: format!("whitepaper {doc_id}: {e}"),
                })
            };
            let value = store.merge_whitepaper_definition(doc_id, &json(base)?, &json(def)?)?;
            merged =
                serde_json::from_value::<Definition>(value).map_err(|e| Error::Definition {
                    message: format!(
                        "whitepaper {doc_id}: the merged definition cannot be read: {e}"
                    ),
                })?;
            &merged
        }
    };
    def.check_shape()
        .map_err(|m| Error::Definition { message: m })?;
    check_against_store(def, store)?;
    let w = stored(store, doc_id, def)?;
    store.save_whitepaper(&w, false)?;
    Ok(store.whitepaper(doc_id)?)
}

/// Reads a definition file: images it names (relative to the file) are kept in the database. Creates the whitepaper
/// (`doc_id`, default the file's stem), or replaces an existing one's definition when `replace`.
pub fn import_definition(
    store: &mut Store,
    path: &Path,
    doc_id: Option<&str>,
    replace: bool,
) -> Result<StoredWhitepaper> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::Definition {
        message: format!("{file}: {e}"),
    })?;
    let mut def = Definition::from_toml(&text, &file)?;
    check_against_store(&def, store)?;
    let id = match doc_id {
        Some(d) if !d.trim().is_empty() => d.trim().to_owned(),
        _ => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    // Every image must be readable before anything is written.
    let paths: Vec<String> = def
        .all_sections()
        .into_iter()
        .filter(|s| s.kind == SectionKind::Image && !s.path.is_empty())
        .map(|s| s.path.clone())
        .collect();
    let mut images = Vec::new();
    for rel in &paths {
        let full = folder.join(rel);
        let bytes = std::fs::read(&full).map_err(|e| Error::Definition {
            message: format!(
                "{file}: image `{rel}` cannot be read ({}): {e}",
                full.display()
            ),
        })?;
        isms_pdf::Image::read(&bytes).map_err(|e| Error::Definition {
            message: format!("{file}: image `{rel}` is not a PNG or JPEG file it can print: {e}"),
        })?;
        images.push(bytes);
    }
    store.save_whitepaper(&stored(store, &id, &def)?, !replace)?;
    if !paths.is_empty() {
        let mut ids = std::collections::BTreeMap::new();
        for (rel, bytes) in paths.iter().zip(images) {
            let name = Path::new(rel)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "image".into());
            let a = store.attach(
                "whitepaper",
                &id,
                &name,
                &bytes,
                "",
                isms_core::attachment::DEFAULT_LIMIT_BYTES,
            )?;
            ids.insert(rel.clone(), a.id);
        }
        fn assign(
            sections: &mut [definition::Section],
            ids: &std::collections::BTreeMap<String, i64>,
        ) {
            for s in sections {
                if let Some(a) = ids.get(&s.path) {
                    s.attachment = Some(*a);
                }
                assign(&mut s.children, ids);
            }
        }
        assign(&mut def.sections, &ids);
        store.save_whitepaper(&stored(store, &id, &def)?, false)?;
    }
    Ok(store.whitepaper(&id)?)
}

/// Writes a whitepaper's definition as TOML (and its images next to it); returns the file written.
pub fn export_definition(store: &Store, doc_id: &str, out: &Path) -> Result<PathBuf> {
    let mut def = definition(store, doc_id)?;
    let folder = out.parent().map(Path::to_path_buf).unwrap_or_default();
    fn walk(sections: &mut [definition::Section], store: &Store, folder: &Path) -> Result<()> {
        for s in sections {
            if let Some(a) = s.attachment.take() {
                let written = store.write_attachment(a, folder)?;
                s.path = written
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
            }
            walk(&mut s.children, store, folder)?;
        }
        Ok(())
    }
    walk(&mut def.sections, store, &folder)?;
    let header = format!(
        "# ISMS Desk whitepaper definition `{doc_id}` — the format is described in the README (\"Whitepapers\") and in\n# templates/whitepapers/saas-ja.toml. Import it again with: isms whitepaper import {} --id {doc_id} --replace\n\n",
        out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    );
    let text = format!("{header}{}", def.to_toml()?);
    std::fs::write(out, text).map_err(|source| Error::Write {
        path: out.display().to_string(),
        source,
    })?;
    Ok(out.to_path_buf())
}

/// The draft of `doc_id` from today's data.
pub fn draft(store: &Store, doc_id: &str, today: NaiveDate) -> Result<Composed> {
    let def = definition(store, doc_id)?;
    let src = Sources::read(store, doc_id, today)?;
    compose(&def, &src, doc_id, None)
}

/// Issues a version: refused, with every reason, while data the document needs is missing; otherwise the rendered
/// document is frozen with what it cites.
pub fn issue(
    store: &mut Store,
    doc_id: &str,
    req: &IssueWhitepaper,
    today: NaiveDate,
) -> Result<WhitepaperVersion> {
    store.check_whitepaper_issue(doc_id, req)?;
    let def = definition(store, doc_id)?;
    let src = Sources::read(store, doc_id, today)?;
    let prepared_by = if req.prepared_by.trim().is_empty() {
        store.actor().to_owned()
    } else {
        req.prepared_by.trim().to_owned()
    };
    let issuing = Issuing {
        version: req.version.trim().to_owned(),
        issued_on: req.issued_on,
        prepared_by,
        approved_by: req.approved_by.trim().to_owned(),
        summary: req.summary.trim().to_owned(),
    };
    let composed = compose(&def, &src, doc_id, Some(issuing))?;
    if !composed.problems.is_empty() {
        return Err(Error::Incomplete {
            doc: doc_id.to_owned(),
            version: req.version.trim().to_owned(),
            problems: composed.problems,
        });
    }
    let document = serde_json::to_string(&composed.rendered).map_err(|e| Error::Definition {
        message: e.to_string(),
    })?;
    Ok(store.issue_whitepaper(doc_id, req, &document, &composed.cited)?)
}

/// The document to print: an issued version exactly as frozen, or the draft.
pub fn rendered(
    store: &Store,
    doc_id: &str,
    version: Option<&str>,
    today: NaiveDate,
) -> Result<(Rendered, DraftReport)> {
    match version {
        Some(v) => {
            let json = store.whitepaper_version_document(doc_id, v)?;
            let mut r: Rendered = serde_json::from_str(&json).map_err(|e| Error::Definition {
                message: format!(
                    "whitepaper {doc_id} version {v}: the frozen document cannot be read: {e}"
                ),
            })?;
            // The proof `isms verify-document` reads: not part of the frozen text, added to the file's metadata.
            if let Some(issued) = store
                .whitepaper_versions(doc_id)?
                .into_iter()
                .find(|x| x.version == v)
            {
                let proof = crate::proof_keywords(
                    "whitepaper",
                    v,
                    &issued.content_sha256,
                    issued.chain_head.as_deref(),
                );
                r.keywords = std::iter::once(r.keywords.clone())
                    .chain(proof)
                    .filter(|k| !k.is_empty())
                    .collect::<Vec<_>>()
                    .join(",");
            }
            let headings = r
                .blocks
                .iter()
                .filter(|b| matches!(b, model::Block::Heading { .. }))
                .count();
            Ok((
                r,
                DraftReport {
                    problems: Vec::new(),
                    dropped: Vec::new(),
                    headings,
                },
            ))
        }
        None => {
            let c = draft(store, doc_id, today)?;
            let headings = c
                .rendered
                .blocks
                .iter()
                .filter(|b| matches!(b, model::Block::Heading { .. }))
                .count();
            Ok((
                c.rendered,
                DraftReport {
                    problems: c.problems,
                    dropped: c.dropped,
                    headings,
                },
            ))
        }
    }
}

/// The PDF's creation time: when the version was issued (so a re-export is byte for byte the same), now for a draft.
pub fn created_unix(store: &Store, doc_id: &str, version: Option<&str>) -> Result<i64> {
    let issued = match version {
        Some(v) => store
            .whitepaper_versions(doc_id)?
            .into_iter()
            .find(|x| x.version == v)
            .and_then(|x| chrono::DateTime::parse_from_rfc3339(&x.issued_at).ok())
            .map(|t| t.timestamp()),
        None => None,
    };
    Ok(issued.unwrap_or_else(|| chrono::Utc::now().timestamp()))
}
