//! Saves that carry what changed, and the conflicts they can meet. A form sends only the fields the user changed,
//! together with the record as the form loaded it (its *base*); the store compares, field by field, what is stored
//! now with that base. A field someone else changed meanwhile and this save changes too is a conflict: the save is
//! refused whole, naming each such field with the three values (loaded, theirs, yours) and who changed it, so the
//! user can choose. Fields changed by the other writer that this save does not touch are simply kept: two people
//! editing different fields of one record both keep their change.
//!
//! Records take part by listing their fields as `(name, text)` pairs — the same lists the audit trail diffs
//! ([`crate::audit::field_changes`]) — so one mechanism serves controls, assets, the organisation profile, levels
//! and every later record type.

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
pub fn conflicts(
    base: &[(&'static str, Option<String>)],
    current: &[(&'static str, Option<String>)],
    yours: &[(&'static str, Option<String>)],
) -> Vec<FieldConflict> {
    base.iter()
        .zip(current)
        .zip(yours)
        .filter(|(((_, b), (_, c)), (_, y))| b != y && c != b && c != y)
        .map(|(((field, b), (_, c)), (_, y))| FieldConflict {
            field: (*field).to_owned(),
            base: b.clone(),
            theirs: c.clone(),
            yours: y.clone(),
            changed_by: None,
            changed_at: None,
        })
        .collect()
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
}
