//! ISO/IEC 27002:2013 rows that follow their 2022 counterparts: the ISO/IEC 27017 part of the SoA lists the 2013
//! controls, but people decide on the 2022 controls. Until someone decides on a 2013 row itself (`own_decision`),
//! its decision fields (applicability, reasons, status, texts, owner, documents, evidence) are taken from its
//! counterparts through the mapping catalogue; its own 27017 fields (cloud role, inherited from) and review dates stay
//! its own.

use serde::{Deserialize, Serialize};

use crate::catalogue::{Framework, Link, Relation};
use crate::register::{ImplementationStatus, RegisterEntry, RegisterFields};

/// A 2022 control a 2013 row takes its decision from, and how the two relate (seen from the 2013 side: `equal` is
/// taken as is, `subset` / `intersect` cover only part of it).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DerivedSource {
    pub id: String,
    pub relation: Relation,
}

/// Fills every 2013 entry that has no decision of its own from its 2022 counterparts in `entries`.
pub fn apply(entries: &mut [RegisterEntry], links: &[Link]) {
    let index: std::collections::HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.control.id.clone(), i))
        .collect();
    let mut derived: Vec<(usize, RegisterFields, Vec<DerivedSource>)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        if entry.control.framework != Framework::Iso27002_2013 || entry.fields.own_decision {
            continue;
        }
        let sources: Vec<(&RegisterEntry, Relation)> = links
            .iter()
            .filter(|l| l.from == entry.control.id)
            .filter_map(|l| index.get(&l.to).map(|&j| (&entries[j], l.relation)))
            .filter(|(e, _)| e.control.framework == Framework::Iso27001_2022)
            .collect();
        if sources.is_empty() {
            continue;
        }
        derived.push((
            i,
            derive_fields(&entry.fields, &sources),
            sources
                .iter()
                .map(|(e, relation)| DerivedSource {
                    id: e.control.id.clone(),
                    relation: *relation,
                })
                .collect(),
        ));
    }
    for (i, fields, from) in derived {
        entries[i].fields = fields;
        entries[i].derived_from = from;
    }
}

/// `own` with its decision fields taken from `sources`: as they are from one counterpart; from several, applicable
/// when any is, excluded only when all are, the least advanced status among the applicable ones, and texts joined
/// with the 2022 id in front of each.
pub fn derive_fields(
    own: &RegisterFields,
    sources: &[(&RegisterEntry, Relation)],
) -> RegisterFields {
    let mut out = own.clone();
    out.own_decision = false;
    if let [(only, _)] = sources {
        let f = &only.fields;
        out.applicable = f.applicable;
        out.inclusion_reasons = f.inclusion_reasons.clone();
        out.exclusion_justification = f.exclusion_justification.clone();
        out.status = f.status;
        out.implementation = f.implementation.clone();
        out.implementation_en = f.implementation_en.clone();
        out.customer_statement = f.customer_statement.clone();
        out.customer_statement_en = f.customer_statement_en.clone();
        out.responsible_role = f.responsible_role.clone();
        out.related_documents = f.related_documents.clone();
        out.evidence = f.evidence.clone();
        return out;
    }
    let decisions: Vec<Option<bool>> = sources.iter().map(|(e, _)| e.fields.applicable).collect();
    out.applicable = if decisions.contains(&Some(true)) {
        Some(true)
    } else if !decisions.is_empty() && decisions.iter().all(|d| *d == Some(false)) {
        Some(false)
    } else {
        None
    };
    let rank = |s: ImplementationStatus| match s {
        ImplementationStatus::NotStarted => 0,
        ImplementationStatus::Planned => 1,
        ImplementationStatus::PartiallyImplemented => 2,
        ImplementationStatus::Implemented => 3,
    };
    out.status = sources
        .iter()
        .filter(|(e, _)| e.fields.applicable == Some(true))
        .map(|(e, _)| e.fields.status)
        .min_by_key(|s| rank(*s))
        .unwrap_or_default();
    out.inclusion_reasons = Vec::new();
    out.related_documents = Vec::new();
    out.evidence = Vec::new();
    for (e, _) in sources {
        for r in &e.fields.inclusion_reasons {
            if !out.inclusion_reasons.contains(r) {
                out.inclusion_reasons.push(*r);
            }
        }
        for d in &e.fields.related_documents {
            if !out.related_documents.contains(d) {
                out.related_documents.push(d.clone());
            }
        }
        for x in &e.fields.evidence {
            if !out.evidence.contains(x) {
                out.evidence.push(x.clone());
            }
        }
    }
    let joined = |text: &dyn Fn(&RegisterFields) -> &str| {
        sources
            .iter()
            .filter(|(e, _)| !text(&e.fields).is_empty())
            .map(|(e, _)| format!("{}: {}", e.control.id, text(&e.fields)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.exclusion_justification = if out.applicable == Some(false) {
        joined(&|f| &f.exclusion_justification)
    } else {
        String::new()
    };
    out.implementation = joined(&|f| &f.implementation);
    out.implementation_en = joined(&|f| &f.implementation_en);
    out.customer_statement = joined(&|f| &f.customer_statement);
    out.customer_statement_en = joined(&|f| &f.customer_statement_en);
    let mut roles: Vec<&str> = Vec::new();
    for (e, _) in sources {
        let r = e.fields.responsible_role.as_str();
        if !r.is_empty() && !roles.contains(&r) {
            roles.push(r);
        }
    }
    out.responsible_role = roles.join("、");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::{Control, InclusionReason};

    fn entry(id: &str, framework: Framework, fields: RegisterFields) -> RegisterEntry {
        RegisterEntry {
            control: Control {
                id: id.into(),
                framework,
                theme: "t".into(),
                title_en: id.into(),
                title_ja: id.into(),
                extended_by_27017: false,
            },
            fields,
            updated_at: None,
            derived_from: Vec::new(),
        }
    }

    fn link(from: &str, to: &str, relation: Relation) -> Link {
        Link {
            from: from.into(),
            to: to.into(),
            relation,
        }
    }

    #[test]
    fn a_2013_row_follows_its_counterparts_until_it_decides_itself() {
        let implemented = RegisterFields {
            applicable: Some(true),
            inclusion_reasons: vec![InclusionReason::RiskAssessment],
            status: ImplementationStatus::Implemented,
            implementation: "連絡先一覧を年1回見直す".into(),
            ..Default::default()
        };
        let planned = RegisterFields {
            applicable: Some(true),
            status: ImplementationStatus::Planned,
            implementation: "計画中".into(),
            ..Default::default()
        };
        let mut entries = vec![
            entry("5.5", Framework::Iso27001_2022, implemented),
            entry("5.6", Framework::Iso27001_2022, planned),
            entry(
                "A.6.1.3",
                Framework::Iso27002_2013,
                RegisterFields::default(),
            ),
            entry(
                "A.6.1.4",
                Framework::Iso27002_2013,
                RegisterFields {
                    cloud_role: Some(crate::register::CloudRole::Both),
                    ..Default::default()
                },
            ),
            entry(
                "A.9.9.9",
                Framework::Iso27002_2013,
                RegisterFields {
                    applicable: Some(false),
                    exclusion_justification: "対象外".into(),
                    own_decision: true,
                    ..Default::default()
                },
            ),
        ];
        let links = [
            link("A.6.1.3", "5.5", Relation::Equal),
            link("A.6.1.4", "5.5", Relation::Subset),
            link("A.6.1.4", "5.6", Relation::Subset),
            link("A.9.9.9", "5.5", Relation::Equal),
        ];
        apply(&mut entries, &links);
        let a613 = &entries[2];
        assert_eq!(a613.fields.applicable, Some(true));
        assert_eq!(a613.fields.status, ImplementationStatus::Implemented);
        assert_eq!(a613.fields.implementation, "連絡先一覧を年1回見直す");
        assert_eq!(a613.derived_from.len(), 1);
        let a614 = &entries[3];
        assert_eq!(
            a614.fields.status,
            ImplementationStatus::Planned,
            "the least advanced"
        );
        assert_eq!(
            a614.fields.implementation,
            "5.5: 連絡先一覧を年1回見直す\n5.6: 計画中"
        );
        assert_eq!(
            a614.fields.cloud_role,
            Some(crate::register::CloudRole::Both),
            "its own"
        );
        assert_eq!(a614.derived_from[1].relation, Relation::Subset);
        let own = &entries[4];
        assert_eq!(
            own.fields.applicable,
            Some(false),
            "a decision of its own is kept"
        );
        assert!(own.derived_from.is_empty());
    }
}
