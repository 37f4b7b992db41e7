//! Everything a whitepaper draws from, read from the store once: the organisation, the facts, the certifications,
//! the notification rules, the suppliers disclosed as subprocessors, the register's control statements and titles,
//! the catalogue's themes, this whitepaper's issued versions and its images.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use isms_core::catalogue::Framework;
use isms_core::certification::CertificationView;
use isms_core::incident::rules::NotificationRule;
use isms_core::organisation::Organisation;
use isms_core::supplier::lists::SupplierLists;
use isms_core::supplier::Supplier;
use isms_core::whitepaper::facts::Facts;
use isms_core::whitepaper::WhitepaperVersion;
use isms_core::Store;

use crate::error::Result;

/// One control as a whitepaper cites it.
#[derive(Debug, Clone)]
pub struct ControlText {
    pub id: String,
    pub framework: Framework,
    pub theme: String,
    pub extended_by_27017: bool,
    pub title_ja: String,
    pub title_en: String,
    pub applicable: Option<bool>,
    pub statement: String,
    pub statement_en: String,
}

#[derive(Debug, Clone)]
pub struct ThemeText {
    pub framework: Framework,
    pub id: String,
    pub title_ja: String,
    pub title_en: String,
}

#[derive(Debug, Clone)]
pub struct Sources {
    pub today: NaiveDate,
    pub organisation: Organisation,
    pub facts: Facts,
    pub certifications: Vec<CertificationView>,
    pub supplier_lists: SupplierLists,
    pub rules: Vec<NotificationRule>,
    pub suppliers: Vec<Supplier>,
    /// By id, in catalogue order (`order`).
    pub controls: BTreeMap<String, ControlText>,
    pub order: Vec<String>,
    /// Resolves what people type ("a.12.3.1", "A.5.1" for 5.1).
    pub ids: isms_core::register::store::ControlIds,
    pub themes: Vec<ThemeText>,
    /// This whitepaper's issued versions, oldest first.
    pub versions: Vec<WhitepaperVersion>,
    /// Attachments of the whitepaper (images), by id.
    pub images: BTreeMap<i64, Vec<u8>>,
}

impl Sources {
    /// Reads what `doc_id` draws from (`doc_id` may be empty for a document not stored yet).
    pub fn read(store: &Store, doc_id: &str, today: NaiveDate) -> Result<Sources> {
        let entries = store.list_controls(&Default::default())?;
        let mut controls = BTreeMap::new();
        let mut order = Vec::with_capacity(entries.len());
        for e in entries {
            order.push(e.control.id.clone());
            controls.insert(
                e.control.id.clone(),
                ControlText {
                    id: e.control.id,
                    framework: e.control.framework,
                    theme: e.control.theme,
                    extended_by_27017: e.control.extended_by_27017,
                    title_ja: e.control.title_ja,
                    title_en: e.control.title_en,
                    applicable: e.fields.applicable,
                    statement: e.fields.customer_statement,
                    statement_en: e.fields.customer_statement_en,
                },
            );
        }
        let themes = store
            .themes()?
            .into_iter()
            .map(|t| ThemeText {
                framework: t.framework,
                id: t.id,
                title_ja: t.title_ja,
                title_en: t.title_en,
            })
            .collect();
        let suppliers = store
            .suppliers(&Default::default(), today)?
            .into_iter()
            .map(|v| v.supplier)
            .collect();
        let (versions, images) = if doc_id.is_empty() {
            (Vec::new(), BTreeMap::new())
        } else {
            let mut images = BTreeMap::new();
            for a in store.attachments("whitepaper", doc_id)? {
                let (_, bytes) = store.attachment_content(a.id)?;
                images.insert(a.id, bytes);
            }
            (store.whitepaper_versions(doc_id)?, images)
        };
        Ok(Sources {
            today,
            organisation: store.organisation()?,
            facts: store.whitepaper_facts()?,
            certifications: store.certifications(today)?,
            supplier_lists: store.supplier_lists()?,
            rules: store.notification_rules()?,
            suppliers,
            controls,
            order,
            ids: store.control_ids()?,
            themes,
            versions,
            images,
        })
    }
}
