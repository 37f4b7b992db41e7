//! Fuzz target `mapping`: arbitrary bytes as a user's column mapping file (`--mapping FILE`, what the import wizard
//! saves: `[fields] owner = ["担当役員"]`) and as header rows, through the header vocabulary of each kind of register.
//!
//! The first byte chooses the kind (assets, suppliers, an SoA spreadsheet); the rest is the mapping file, and its
//! lines (split on tabs) are also header rows. Besides never panicking:
//! - a header the user's mapping names for one field is read as that field (the user's file comes first);
//! - a header row maps each field to one column at most;
//! - a row scores as a header only when it names an id or a name column.
//!
//! Shared by `fuzz/fuzz_targets/mapping.rs` and the replay in `crates/isms-sheets/tests/fuzz_corpus.rs`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use isms_sheets::columns::{normalise_header, Vocabulary};
use isms_sheets::RegisterKind;

thread_local! {
    static DIR: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

pub fn run(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let kind = match selector % 3 {
        0 => RegisterKind::Assets,
        1 => RegisterKind::Suppliers,
        _ => RegisterKind::Controls,
    };
    let spec = kind.spec();
    let path = DIR.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| tempfile::tempdir().expect("a temporary folder"))
            .path()
            .join("mapping.toml")
    });
    std::fs::write(&path, rest).expect("the mapping written");
    let loaded = Vocabulary::load_for(spec, Some(&path));
    let text = String::from_utf8_lossy(rest);
    let user_loaded = loaded.is_ok();
    let vocab = match loaded {
        Ok(v) => v,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            // The built-in vocabulary still reads the lines as headers.
            Vocabulary::load_for(spec, None).expect("the built-in vocabulary")
        }
    };

    for line in text.lines() {
        let headers: Vec<String> = line.split('\t').map(str::to_owned).collect();
        let mapped = vocab.map_header(&headers);
        assert_eq!(mapped.len(), headers.len());
        let mut seen = HashSet::new();
        for field in mapped.iter().flatten() {
            assert!(
                seen.insert(*field),
                "{field} mapped to two columns of {headers:?}"
            );
            assert!(vocab.fields().contains(field));
        }
        let score = vocab.header_score(&headers);
        if score > 0 {
            assert!(
                spec.key_fields.iter().any(|k| mapped.contains(&Some(*k))),
                "{headers:?} scores {score} without an id or name column"
            );
        }
        for h in &headers {
            let _ = vocab.is_footer(h);
        }
    }

    // The user's own names win.
    if let Some(file) = user_loaded
        .then(|| toml::from_str::<MappingFile>(&text).ok())
        .flatten()
    {
        let mut owners: HashMap<String, HashSet<&str>> = HashMap::new();
        for (field, headers) in &file.fields {
            for h in headers {
                owners
                    .entry(normalise_header(h))
                    .or_default()
                    .insert(field.as_str());
            }
        }
        for (field, headers) in &file.fields {
            for h in headers {
                let key = normalise_header(h);
                // A header the user gave to one field only, that reads the same with or without its brackets.
                let plain = owners.get(&key).is_some_and(|o| o.len() == 1)
                    && !key.is_empty()
                    && !h.contains(['(', '（', '[', '［', '【', ')', '）', ']', '］', '】']);
                if plain {
                    assert_eq!(
                        vocab.field_of(h).map(|f| f.0),
                        Some(field.as_str()),
                        "the mapping file names {h:?} as {field}"
                    );
                }
            }
        }
    }
}

#[derive(serde::Deserialize)]
struct MappingFile {
    fields: HashMap<String, Vec<String>>,
}
