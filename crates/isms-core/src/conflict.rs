//! Saves that carry what changed, and the conflicts they can meet. A form sends only the fields the user changed,
//! together with the record as the form loaded it (its *base*); the store compares, field by field, what is stored
//! now with that base. A field someone else changed meanwhile and this save changes too is a conflict: the save is
//! refused whole, naming each such field with the three values (loaded, theirs, yours) and who changed it, so the
//! user can choose. Fields changed by the other writer that this save does not touch are simply kept: two people
//! editing different fields of one record both keep their change.
//!
//! Records take part by listing their fields as `(name, text)` pairs — the same lists the audit trail diffs
//! ([`crate::audit::field_changes`]) — so one mechanism serves controls, assets, the organisation profile, levels
//! and every later record type. Whole documents saved at once (a whitepaper's definition, the whitepaper facts) take
//! part key by key: [`document_conflicts`] compares their top-level parts.

use serde::Serialize;

/// One field two writers changed differently.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldConflict {
    pub field: String,
    /// The value the form loaded.
    pub base: Option<String>,
    /// The value stored now (the other writer's).
    pub theirs: Option<String>,
    /// The value this save would write.
    pub yours: Option<String>,
    /// Who stored `theirs`, and when (from the audit trail), if known.
    pub changed_by: Option<String>,
    pub changed_at: Option<String>,
}

/// The fields `yours` changes relative to `base` whose stored value (`current`) moved elsewhere since `base` was
/// loaded. All three are the same record's field lists, in the same order.
pub fn conflicts<N: AsRef<str>>(
    base: &[(N, Option<String>)],
    current: &[(N, Option<String>)],
    yours: &[(N, Option<String>)],
) -> Vec<FieldConflict> {
    base.iter()
        .zip(current)
        .zip(yours)
        .filter(|(((_, b), (_, c)), (_, y))| b != y && c != b && c != y)
        .map(|(((field, b), (_, c)), (_, y))| FieldConflict {
            field: field.as_ref().to_owned(),
            base: b.clone(),
            theirs: c.clone(),
            yours: y.clone(),
            changed_by: None,
            changed_at: None,
        })
        .collect()
}

/// A document saved whole (a JSON object: a whitepaper's definition, the whitepaper facts) merged key by key, as
/// [`conflicts`] does for records: each top-level key the editor changed since `base` comes from `yours`, every other
/// key stays as stored now (`current`), so parts someone else changed meanwhile are kept. A key both changed, to
/// different values, is a conflict: `Err` lists them all (strings shown as they are, anything else as compact JSON).
pub fn merge_document(
    base: &serde_json::Value,
    current: &serde_json::Value,
    yours: &serde_json::Value,
) -> Result<serde_json::Value, Vec<FieldConflict>> {
    let part = |v: &serde_json::Value, key: &str| -> Option<String> {
        match v.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    let mut keys: Vec<&str> = Vec::new();
    for v in [yours, current, base] {
        if let Some(o) = v.as_object() {
            for k in o.keys() {
                if !keys.contains(&k.as_str()) {
                    keys.push(k);
                }
            }
        }
    }
    let fields = |v: &serde_json::Value| -> Vec<(&str, Option<String>)> {
        keys.iter().map(|k| (*k, part(v, k))).collect()
    };
    let found = conflicts(&fields(base), &fields(current), &fields(yours));
    if !found.is_empty() {
        return Err(found);
    }
    let mut merged = current.as_object().cloned().unwrap_or_default();
    for k in &keys {
        if yours.get(k) != base.get(k) {
            match yours.get(k) {
                Some(v) => merged.insert((*k).to_owned(), v.clone()),
                None => merged.remove(*k),
            };
        }
    }
    Ok(serde_json::Value::Object(merged))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(owner: &str, status: &str, text: &str) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("owner", Some(owner.to_owned())),
            ("status", Some(status.to_owned())),
            ("text", Some(text.to_owned())),
        ]
    }

    #[test]
    fn different_fields_merge_and_the_same_field_conflicts() {
        let base = rec("総務", "planned", "");
        let theirs = rec("情報システム部", "implemented", "");
        // Only the text changed in the form: no conflict, their owner and status stay.
        assert!(conflicts(&base, &theirs, &rec("総務", "planned", "手順書あり")).is_empty());
        // The owner changed in the form too: a conflict on the owner, with the three values.
        let found = conflicts(&base, &theirs, &rec("経営企画部", "planned", ""));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "owner");
        assert_eq!(found[0].theirs.as_deref(), Some("情報システム部"));
        assert_eq!(found[0].yours.as_deref(), Some("経営企画部"));
        // Both wrote the same value: nothing to choose.
        assert!(conflicts(&base, &theirs, &rec("情報システム部", "planned", "")).is_empty());
    }

    #[test]
    fn documents_merge_key_by_key_and_conflict_on_a_key_both_changed() {
        use serde_json::json;
        let base = json!({"title": "A", "sections": [{"id": "s1"}], "opening": ""});
        let theirs = json!({"title": "A", "sections": [{"id": "s1"}, {"id": "s2"}], "opening": ""});
        // Only the title changed here, only the sections there: both kept.
        let yours = json!({"title": "B", "sections": [{"id": "s1"}], "opening": ""});
        assert_eq!(
            merge_document(&base, &theirs, &yours).unwrap(),
            json!({"title": "B", "sections": [{"id": "s1"}, {"id": "s2"}], "opening": ""})
        );
        // The sections changed on both sides, differently: one conflict, named by its key, values as JSON.
        let yours = json!({"title": "A", "sections": [{"id": "s3"}], "opening": "はじめに"});
        let found = merge_document(&base, &theirs, &yours).unwrap_err();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "sections");
        assert_eq!(found[0].yours.as_deref(), Some(r#"[{"id":"s3"}]"#));
        // Strings are shown bare.
        let theirs = json!({"title": "C", "sections": [{"id": "s1"}], "opening": ""});
        let found = merge_document(
            &base,
            &theirs,
            &json!({"title": "D", "sections": [{"id": "s1"}], "opening": ""}),
        )
        .unwrap_err();
        assert_eq!(
            (found[0].theirs.as_deref(), found[0].yours.as_deref()),
            (Some("C"), Some("D"))
        );
    }
}
