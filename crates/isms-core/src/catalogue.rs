//! The control catalogues (ISO/IEC 27001:2022 Annex A, ISO/IEC 27017:2015, ISO/IEC 27002:2013) and the 2013→2022 mapping, read from `templates/catalogues/*.toml` and validated.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A family of controls. The string forms (`iso27001-2022`, …) are what the CLI, the JSON and the database use.
#[derive(
    ts_rs::TS,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::Display,
    strum::VariantArray,
)]
pub enum Framework {
    #[serde(rename = "iso27001-2022")]
    #[strum(serialize = "iso27001-2022")]
    Iso27001_2022,
    #[serde(rename = "iso27017-2015")]
    #[strum(serialize = "iso27017-2015")]
    Iso27017_2015,
    #[serde(rename = "iso27002-2013")]
    #[strum(serialize = "iso27002-2013")]
    Iso27002_2013,
}

impl Framework {
    /// Controls of ISO/IEC 27017 scope: the CLD controls and the 2013 controls that 27017 extends.
    pub fn is_cloud_scope(self) -> bool {
        matches!(self, Framework::Iso27017_2015 | Framework::Iso27002_2013)
    }
}

/// How a 2013 control relates to a 2022 control.
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
pub enum Relation {
    Equal,
    Subset,
    Superset,
    Intersect,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub clause: String,
    pub title_en: String,
    pub title_ja: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueControl {
    pub id: String,
    pub theme: String,
    pub title_en: String,
    pub title_ja: String,
    #[serde(default)]
    pub extended_by_27017: bool,
}

/// One catalogue file: one framework, its themes (clauses) and controls in document order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkCatalogue {
    pub framework: Framework,
    pub title_en: String,
    pub title_ja: String,
    pub themes: Vec<Theme>,
    pub controls: Vec<CatalogueControl>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub from: String,
    pub to: String,
    pub relation: Relation,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    links: Vec<Link>,
}

/// All catalogues together, validated: control ids unique across frameworks, every theme and link resolves.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub frameworks: Vec<FrameworkCatalogue>,
    pub links: Vec<Link>,
    /// A fingerprint of the source files, stored in the database to know when to re-sync.
    pub fingerprint: String,
}

const SOURCES: [(&str, &str); 3] = [
    (
        "templates/catalogues/iso27001-2022.toml",
        include_str!("../../../templates/catalogues/iso27001-2022.toml"),
    ),
    (
        "templates/catalogues/iso27017-2015.toml",
        include_str!("../../../templates/catalogues/iso27017-2015.toml"),
    ),
    (
        "templates/catalogues/iso27002-2013.toml",
        include_str!("../../../templates/catalogues/iso27002-2013.toml"),
    ),
];

const MAPPING: (&str, &str) = (
    "templates/catalogues/mapping-2013-2022.toml",
    include_str!("../../../templates/catalogues/mapping-2013-2022.toml"),
);

impl Catalogue {
    /// The catalogues shipped with ISMS Desk (compiled in from `templates/catalogues/`).
    pub fn builtin() -> Result<Catalogue> {
        Catalogue::from_sources(&SOURCES, MAPPING)
    }

    /// Parses and validates catalogue files given as `(file name, TOML text)`.
    pub fn from_sources(sources: &[(&str, &str)], mapping: (&str, &str)) -> Result<Catalogue> {
        let mut frameworks = Vec::with_capacity(sources.len());
        let mut fingerprint_input = String::new();
        for (file, text) in sources {
            let parsed: FrameworkCatalogue =
                toml::from_str(text).map_err(|e| Error::Catalogue {
                    file: (*file).to_owned(),
                    message: e.message().to_owned(),
                })?;
            validate_framework(file, &parsed)?;
            fingerprint_input.push_str(text);
            frameworks.push(parsed);
        }
        let (mapping_file, mapping_text) = mapping;
        let parsed: MappingFile = toml::from_str(mapping_text).map_err(|e| Error::Catalogue {
            file: mapping_file.to_owned(),
            message: e.message().to_owned(),
        })?;
        fingerprint_input.push_str(mapping_text);

        let catalogue = Catalogue {
            frameworks,
            links: parsed.links,
            fingerprint: fingerprint(&fingerprint_input),
        };
        catalogue.validate_across(sources, mapping_file)?;
        Ok(catalogue)
    }

    pub fn framework(&self, framework: Framework) -> Option<&FrameworkCatalogue> {
        self.frameworks.iter().find(|f| f.framework == framework)
    }

    fn validate_across(&self, sources: &[(&str, &str)], mapping_file: &str) -> Result<()> {
        let mut owner: HashMap<&str, (Framework, &str)> = HashMap::new();
        for (fw, (file, _)) in self.frameworks.iter().zip(sources) {
            for c in &fw.controls {
                if let Some((_, other)) = owner.insert(c.id.as_str(), (fw.framework, file)) {
                    return Err(Error::Catalogue {
                        file: (*file).to_owned(),
                        message: format!("control id {} is also defined in {other}", c.id),
                    });
                }
            }
        }
        let bad = |message: String| Error::Catalogue {
            file: mapping_file.to_owned(),
            message,
        };
        let mut seen = HashSet::new();
        for link in &self.links {
            match owner.get(link.from.as_str()) {
                Some((Framework::Iso27002_2013, _)) => {}
                _ => {
                    return Err(bad(format!(
                        "`from = \"{}\"` is not an ISO/IEC 27002:2013 control",
                        link.from
                    )))
                }
            }
            match owner.get(link.to.as_str()) {
                Some((Framework::Iso27001_2022, _)) => {}
                _ => {
                    return Err(bad(format!(
                        "`to = \"{}\"` is not an ISO/IEC 27001:2022 control",
                        link.to
                    )))
                }
            }
            if !seen.insert((link.from.as_str(), link.to.as_str())) {
                return Err(bad(format!(
                    "link {} -> {} is listed twice",
                    link.from, link.to
                )));
            }
        }
        Ok(())
    }
}

fn validate_framework(file: &str, fw: &FrameworkCatalogue) -> Result<()> {
    let bad = |message: String| Error::Catalogue {
        file: file.to_owned(),
        message,
    };
    let mut theme_ids = HashSet::new();
    for t in &fw.themes {
        if !theme_ids.insert(t.id.as_str()) {
            return Err(bad(format!("theme {} is listed twice", t.id)));
        }
        if t.title_en.trim().is_empty() || t.title_ja.trim().is_empty() {
            return Err(bad(format!("theme {} has an empty title", t.id)));
        }
    }
    let mut ids = HashSet::new();
    for c in &fw.controls {
        if c.id.trim().is_empty() || c.id.trim() != c.id {
            return Err(bad(format!("control id `{}` is empty or padded", c.id)));
        }
        if !ids.insert(c.id.as_str()) {
            return Err(bad(format!("control {} is listed twice", c.id)));
        }
        if !theme_ids.contains(c.theme.as_str()) {
            return Err(bad(format!(
                "control {} names theme `{}`, which is not listed under [[themes]]",
                c.id, c.theme
            )));
        }
        if c.title_en.trim().is_empty() {
            return Err(bad(format!("control {} has no English title", c.id)));
        }
        if c.title_ja.trim().is_empty() || c.title_ja.is_ascii() {
            return Err(bad(format!("control {} has no Japanese title", c.id)));
        }
    }
    if fw.controls.is_empty() {
        return Err(bad("no controls".to_owned()));
    }
    Ok(())
}

/// FNV-1a over the catalogue text: stable across builds and platforms, enough to notice a changed catalogue.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}-{}", text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_has_the_published_counts() {
        let cat = Catalogue::builtin().expect("builtin catalogue loads");
        let a = cat.framework(Framework::Iso27001_2022).unwrap();
        assert_eq!(a.controls.len(), 93);
        let per_theme = |theme: &str| a.controls.iter().filter(|c| c.theme == theme).count();
        assert_eq!(per_theme("organizational"), 37);
        assert_eq!(per_theme("people"), 8);
        assert_eq!(per_theme("physical"), 14);
        assert_eq!(per_theme("technological"), 34);
        assert_eq!(a.controls.first().unwrap().id, "5.1");
        assert_eq!(a.controls.last().unwrap().id, "8.34");

        let cld = cat.framework(Framework::Iso27017_2015).unwrap();
        let cld_ids: Vec<&str> = cld.controls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            cld_ids,
            [
                "CLD.6.3.1",
                "CLD.8.1.5",
                "CLD.9.5.1",
                "CLD.9.5.2",
                "CLD.12.1.5",
                "CLD.12.4.5",
                "CLD.13.1.4"
            ]
        );

        let old = cat.framework(Framework::Iso27002_2013).unwrap();
        assert_eq!(old.controls.len(), 114);
        assert_eq!(old.controls.first().unwrap().id, "A.5.1.1");
        assert_eq!(old.controls.last().unwrap().id, "A.18.2.3");
    }

    #[test]
    fn japanese_titles_follow_jis_wording() {
        let cat = Catalogue::builtin().unwrap();
        let a = cat.framework(Framework::Iso27001_2022).unwrap();
        let title = |id: &str| {
            a.controls
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.title_ja.as_str())
                .unwrap()
        };
        assert_eq!(title("5.1"), "情報セキュリティのための方針群");
        assert_eq!(
            title("5.23"),
            "クラウドサービスの利用における情報セキュリティ"
        );
        assert_eq!(title("8.34"), "監査におけるテスト中の情報システムの保護");
    }

    #[test]
    fn every_2013_control_maps_and_only_new_2022_controls_lack_a_source() {
        let cat = Catalogue::builtin().unwrap();
        let old = cat.framework(Framework::Iso27002_2013).unwrap();
        for c in &old.controls {
            assert!(
                cat.links.iter().any(|l| l.from == c.id),
                "{} has no 2022 counterpart",
                c.id
            );
        }
        let new = cat.framework(Framework::Iso27001_2022).unwrap();
        let mut without_source: Vec<&str> = new
            .controls
            .iter()
            .filter(|c| !cat.links.iter().any(|l| l.to == c.id))
            .map(|c| c.id.as_str())
            .collect();
        without_source.sort();
        assert_eq!(
            without_source,
            ["5.23", "5.30", "5.7", "7.4", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28", "8.9"]
        );
        let link = |from: &str, to: &str| {
            cat.links
                .iter()
                .find(|l| l.from == from && l.to == to)
                .map(|l| l.relation)
        };
        assert_eq!(link("A.5.1.1", "5.1"), Some(Relation::Subset));
        assert_eq!(link("A.9.4.1", "8.3"), Some(Relation::Equal));
    }

    #[test]
    fn duplicate_ids_are_rejected_with_the_file_named() {
        let text = r#"
framework = "iso27001-2022"
title_en = "x"
title_ja = "エックス"
[[themes]]
id = "t"
clause = "5"
title_en = "T"
title_ja = "テ"
[[controls]]
id = "5.1"
theme = "t"
title_en = "One"
title_ja = "一"
[[controls]]
id = "5.1"
theme = "t"
title_en = "Two"
title_ja = "二"
"#;
        let err = Catalogue::from_sources(&[("dup.toml", text)], ("map.toml", "links = []"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("dup.toml"), "{err}");
        assert!(err.contains("5.1 is listed twice"), "{err}");
    }

    #[test]
    fn a_link_to_an_unknown_control_is_rejected() {
        let err = Catalogue::from_sources(
            &SOURCES,
            (
                "map.toml",
                "[[links]]\nfrom = \"A.5.1.1\"\nto = \"9.9\"\nrelation = \"equal\"\n",
            ),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("9.9"), "{err}");
    }
}
