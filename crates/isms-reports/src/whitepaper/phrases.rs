//! The whitepaper's wording: `templates/whitepapers/phrases.toml` (Japanese and English, the same keys), overridden
//! per document by its `[phrases]` table. A template's `{placeholder}`s are filled from values; a sentence with a
//! placeholder left without a value is dropped (and reported), never printed with a gap.

use std::collections::BTreeMap;

use crate::error::{ReportError as Error, Result};

const PHRASES: &str = include_str!("../../../../templates/whitepapers/phrases.toml");
const FILE: &str = "templates/whitepapers/phrases.toml";

/// One phrase: a text, or English forms chosen by a count.
#[derive(Debug, Clone, PartialEq)]
pub enum Phrase {
    Text(String),
    Plural {
        one: String,
        two: Option<String>,
        other: String,
    },
}

impl Phrase {
    fn pick(&self, n: Option<u64>) -> &str {
        match self {
            Phrase::Text(t) => t,
            Phrase::Plural { one, two, other } => match n {
                Some(1) => one,
                Some(2) => two.as_deref().unwrap_or(other),
                _ => other,
            },
        }
    }
}

/// The phrases of one language, keyed "section.key" ("backup.lead", "enums.party.customer", "units.days").
#[derive(Debug, Clone)]
pub struct Phrases {
    pub lang: String,
    map: BTreeMap<String, Phrase>,
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, Phrase>) -> Result<()> {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, Phrase::Text(s.clone()));
            }
            toml::Value::Table(t) if t.contains_key("one") && t.contains_key("other") => {
                let get = |n: &str| t.get(n).and_then(|v| v.as_str()).map(str::to_owned);
                out.insert(
                    key,
                    Phrase::Plural {
                        one: get("one").unwrap_or_default(),
                        two: get("two"),
                        other: get("other").unwrap_or_default(),
                    },
                );
            }
            toml::Value::Table(t) => flatten(&key, t, out)?,
            other => {
                return Err(Error::Template {
                    file: FILE.to_owned(),
                    message: format!("{key}: a text was expected, found {}", other.type_str()),
                })
            }
        }
    }
    Ok(())
}

impl Phrases {
    /// The built-in phrases of `lang` ("ja" or "en"), with the document's overrides.
    pub fn load(lang: &str, overrides: &BTreeMap<String, String>) -> Result<Phrases> {
        let all: toml::Table = toml::from_str(PHRASES).map_err(|e| Error::Template {
            file: FILE.to_owned(),
            message: e.to_string(),
        })?;
        let mut langs = BTreeMap::new();
        for l in ["ja", "en"] {
            let table = all
                .get(l)
                .and_then(|v| v.as_table())
                .ok_or_else(|| Error::Template {
                    file: FILE.to_owned(),
                    message: format!("no [{l}] table"),
                })?;
            let mut map = BTreeMap::new();
            flatten("", table, &mut map)?;
            langs.insert(l, map);
        }
        // The two languages hold the same keys.
        let (ja, en) = (&langs["ja"], &langs["en"]);
        if let Some(k) = ja
            .keys()
            .find(|k| !en.contains_key(*k))
            .or_else(|| en.keys().find(|k| !ja.contains_key(*k)))
        {
            return Err(Error::Template {
                file: FILE.to_owned(),
                message: format!("`{k}` is in one language only"),
            });
        }
        let mut map = langs.remove(lang).ok_or_else(|| Error::Template {
            file: FILE.to_owned(),
            message: format!("no language `{lang}`"),
        })?;
        for (k, v) in overrides {
            if !map.contains_key(k) {
                return Err(Error::Definition {
                    message: format!(
                        "[phrases] `{k}` is not a phrase key (see templates/whitepapers/phrases.toml, e.g. backup.lead)"
                    ),
                });
            }
            map.insert(k.clone(), Phrase::Text(v.clone()));
        }
        Ok(Phrases {
            lang: lang.to_owned(),
            map,
        })
    }

    pub fn english(&self) -> bool {
        self.lang == "en"
    }

    /// The raw template of `key`, for a count `n` (English plurals); empty when the key is unknown.
    pub fn raw(&self, key: &str, n: Option<u64>) -> &str {
        self.map.get(key).map(|p| p.pick(n)).unwrap_or("")
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// A word of an enumeration, e.g. `enum_word("party", "customer")`.
    pub fn enum_word(&self, kind: &str, id: &str) -> String {
        self.raw(&format!("enums.{kind}.{id}"), None).to_owned()
    }

    /// Fills `key` with `vars`; `None` when a placeholder has no value (or an empty one).
    pub fn fill(&self, key: &str, vars: &Vars) -> Option<String> {
        fill_template(self, self.raw(key, vars.count), vars)
    }
}

/// Values for placeholders, and the number a plural form counts.
#[derive(Debug, Clone, Default)]
pub struct Vars {
    values: BTreeMap<String, String>,
    pub count: Option<u64>,
}

impl Vars {
    pub fn new() -> Vars {
        Vars::default()
    }

    /// Sets a value; an empty value counts as missing.
    pub fn set(mut self, k: &str, v: impl Into<String>) -> Vars {
        self.values.insert(k.to_owned(), v.into());
        self
    }

    pub fn put(&mut self, k: &str, v: impl Into<String>) {
        self.values.insert(k.to_owned(), v.into());
    }

    pub fn count(mut self, n: u64) -> Vars {
        self.count = Some(n);
        self
    }

    pub fn get(&self, k: &str) -> Option<&str> {
        self.values
            .get(k)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The same values plus `other`'s (which win).
    pub fn with(&self, other: &Vars) -> Vars {
        let mut v = self.clone();
        for (k, x) in &other.values {
            v.values.insert(k.clone(), x.clone());
        }
        if other.count.is_some() {
            v.count = other.count;
        }
        v
    }
}

/// Fills a template that is a sentence (English: its first letter capitalised).
pub fn fill_template(p: &Phrases, template: &str, vars: &Vars) -> Option<String> {
    fill_words(p, template, vars).map(|s| capitalise_first(p, s))
}

/// A value that ends a sentence of its own loses that end inside another sentence: 「。」, or in English a final "."
/// after at least four words (so that "Sample Cloud Inc." keeps its full stop).
fn strip_sentence_end(p: &Phrases, value: &str) -> String {
    if let Some(v) = value.strip_suffix('。') {
        return v.to_owned();
    }
    if p.english() && value.ends_with('.') && value.split_whitespace().count() >= 4 {
        return value.trim_end_matches('.').to_owned();
    }
    value.to_owned()
}

/// Fills `{name}` and `{name|unit}` (a number with a unit from `duration.<unit>`), without capitalising: for words
/// that go inside a sentence. A value slotted inside a sentence loses its own sentence end unless it ends the template.
pub fn fill_words(p: &Phrases, template: &str, vars: &Vars) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let inner = &after[..end];
        let tail = &after[end + 1..];
        let (name, unit) = match inner.split_once('|') {
            Some((n, u)) => (n, Some(u)),
            None => (inner, None),
        };
        let value = vars.get(name)?;
        let text = match unit {
            Some(u) => {
                let n: u64 = value.parse().ok()?;
                fill_words(
                    p,
                    p.raw(&format!("duration.{u}"), Some(n)),
                    &Vars::new().set("value", value),
                )?
            }
            None if tail.trim().is_empty() => value.to_owned(),
            None => strip_sentence_end(p, value),
        };
        out.push_str(&text);
        rest = tail;
    }
    out.push_str(rest);
    Some(out)
}

/// English sentences and cells start with a capital letter.
pub fn capitalise_first(p: &Phrases, s: String) -> String {
    if !p.english() {
        return s;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => s,
    }
}

/// "A、B、C" / "A, B and C".
pub fn join_list(p: &Phrases, items: &[String], last: &str) -> String {
    let sep = p.raw("lists.separator", None);
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        _ if !p.english() => items.join(sep),
        n => format!(
            "{}{}{}",
            items[..n - 1].join(sep),
            p.raw(&format!("lists.last_{last}"), None),
            items[n - 1]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_load_fill_and_drop_a_sentence_missing_a_value() {
        let ja = Phrases::load("ja", &BTreeMap::new()).unwrap();
        let v = Vars::new()
            .set("name", "データベース")
            .set("retention", "6か月")
            .set("frequency", "毎日")
            .set("method", "フルバックアップ");
        assert_eq!(
            ja.fill("backup.target_retention", &v).unwrap(),
            "データベースは、毎日フルバックアップを取得しています。保持期間は6か月です。"
        );
        assert_eq!(
            ja.fill("backup.target_generations", &v),
            None,
            "generations missing: dropped"
        );
        let en = Phrases::load("en", &BTreeMap::new()).unwrap();
        let d = Vars::new()
            .set("trigger", "the end of the contract")
            .set("within_days", "1");
        assert!(en
            .fill("data_deletion.deadline", &d)
            .unwrap()
            .contains("1 day"));
        let d = d.set("within_days", "90");
        assert!(en
            .fill("data_deletion.deadline", &d)
            .unwrap()
            .contains("90 days"));
        // A value that is a sentence loses its 「。」 inside another sentence.
        let v = Vars::new().set("address", "東京都千代田区一丁目1番1号。");
        assert_eq!(
            ja.fill("legal.address", &v).unwrap(),
            "当社の所在地は東京都千代田区一丁目1番1号です。"
        );
    }

    #[test]
    fn an_override_must_name_a_phrase() {
        let mut o = BTreeMap::new();
        o.insert("backup.lead".to_owned(), "独自の前文".to_owned());
        assert_eq!(
            Phrases::load("ja", &o).unwrap().raw("backup.lead", None),
            "独自の前文"
        );
        o.insert("backup.nope".to_owned(), "x".to_owned());
        assert!(Phrases::load("ja", &o)
            .unwrap_err()
            .to_string()
            .contains("backup.nope"));
    }
}
