//! The facts a security whitepaper discloses, kept once and shared by every whitepaper: services, contact points, the
//! responsibility split, backup / log / time policies, data location and deletion, customer security features,
//! operational facts, advance notices and legal facts. Prose comes in pairs (`x` Japanese, `x_en` English). Stored
//! as one JSON record; read and written as a TOML file by `isms facts export|import` (format in the README).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident),+ $(,)? } default $default:ident) => {
        $(#[$m])*
        #[derive(
            ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::AsRefStr,
            strum::Display, strum::EnumString, strum::VariantNames,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }
        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
}

string_enum!(DurationUnit { Minutes, Hours, Days, Weeks, Months, Years } default Days);
string_enum!(
    /// How often: `per` with `count` (1 = once per period).
    Period { Continuous, Day, Week, Month, Quarter, Year, OnEvent } default Day
);
string_enum!(PartyKey { Customer, Provider, Platform, Carrier, Other } default Provider);
string_enum!(BackupMethod { Full, Differential, Incremental, Snapshot, Replication } default Full);
string_enum!(RequestPolicy { Offered, Paid, NotOffered, Unspecified } default Unspecified);
string_enum!(LogKind { Access, System, Operation, Audit, Admin, Delivery, Network } default System);
string_enum!(CustomerAccess { SelfService, OnRequest, NotOffered } default NotOffered);
string_enum!(TimeSourceKind { PlatformNtp, PublicNtp, OwnNtp, Gnss } default PublicNtp);
string_enum!(DataCategory { CustomerData, Backup, Logs, All } default All);
string_enum!(LocationChangePolicy { Never, PriorNotice, Consent } default PriorNotice);
string_enum!(DeletionTrigger { ContractEnd, ServiceEndDate, Cancellation, AccountDeletion } default ContractEnd);
string_enum!(
    DeletionMethod { EnvironmentDeletion, CompleteErasure, CryptoErase, LogicalDelete, Overwrite, PhysicalDestruction }
    default CompleteErasure
);
string_enum!(CertificatePolicy { Issued, OnRequest, NotIssued, Unspecified } default Unspecified);
string_enum!(Availability { Standard, Option, SomeServices, OnRequest, NotOffered } default Standard);
string_enum!(
    FeatureCategory {
        UserManagement, AccessRights, Authentication, Sso, Mfa, PasswordPolicy, Session, AccountLock, IpRestriction,
        Labelling, AuditLog, Encryption, AntiPhishing, Utility, Other
    }
    default Other
);
string_enum!(Performer { Internal, ThirdParty, Platform } default Internal);
string_enum!(
    OperationKind {
        Monitoring, MannedMonitoring, ResourceMonitoring, Patching, VulnerabilityScan, PenetrationTest,
        MalwareProtection, Waf, IdsIps, InternalAudit, AccountReview, LogReview, Training, IncidentDrill,
        CapacityReview, Csirt, AdminWorkstation, Other
    }
    default Other
);
string_enum!(
    ContactPurpose { GeneralInquiry, Support, IncidentReport, VulnerabilityReport, Privacy, Contract }
    default GeneralInquiry
);
string_enum!(AdvanceNoticeKind { Maintenance, ServiceChange, LocationChange, SubprocessorChange } default Maintenance);
string_enum!(CryptoRegulation { Unspecified, NotOfferedInRegulated, Complies, Statement } default Unspecified);

/// A length of time, printed whole: 6か月 / 6 months.
#[derive(ts_rs::TS, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Duration {
    pub value: u32,
    pub unit: DurationUnit,
}

/// How often something happens: `count` times per `per` (at least, when `at_least`), at a time of day.
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Frequency {
    pub count: u32,
    pub per: Period,
    pub at_least: bool,
    /// "03:00", or empty.
    pub at: String,
}

impl Default for Frequency {
    fn default() -> Self {
        Frequency {
            count: 1,
            per: Period::Day,
            at_least: false,
            at: String::new(),
        }
    }
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct OrganisationFacts {
    pub address: String,
    pub address_en: String,
    pub website_url: String,
    pub security_policy_url: String,
    pub privacy_policy_url: String,
    pub terms_url: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub description: String,
    pub description_en: String,
    pub url: String,
    /// The cloud platform it runs on: a supplier id (its name is {platform}).
    pub platform_supplier: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ContactPoint {
    pub id: String,
    pub purposes: Vec<ContactPurpose>,
    pub name: String,
    pub name_en: String,
    pub unit: String,
    pub unit_en: String,
    pub email: String,
    pub phone: String,
    pub url: String,
    pub chat: String,
    pub chat_en: String,
    pub hours: String,
    pub hours_en: String,
    /// 24 時間受付 for incidents and failures.
    pub around_the_clock: bool,
    pub preregistration_required: bool,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Party {
    pub key: PartyKey,
    pub label: String,
    pub label_en: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ResponsibilityItem {
    pub id: String,
    pub item: String,
    pub item_en: String,
    pub detail: String,
    pub detail_en: String,
    pub party: PartyKey,
    pub shared_with: Vec<PartyKey>,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BackupTarget {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub method: BackupMethod,
    pub frequency: Frequency,
    pub generations: Option<u32>,
    pub retention: Option<Duration>,
    pub location: String,
    pub location_en: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BackupPolicy {
    pub scope: String,
    pub scope_en: String,
    pub targets: Vec<BackupTarget>,
    pub offsite: bool,
    pub offsite_location: String,
    pub offsite_location_en: String,
    pub encrypted: bool,
    pub restore_on_request: RequestPolicy,
    pub restore_test: Option<Frequency>,
    pub dr_site_location: String,
    pub dr_site_location_en: String,
    pub dr_site_description: String,
    pub dr_site_description_en: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct LogTarget {
    pub id: String,
    pub kind: LogKind,
    pub name: String,
    pub name_en: String,
    pub retention: Duration,
    pub rotation: Option<Frequency>,
    pub customer_visible: bool,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct LogPolicy {
    pub targets: Vec<LogTarget>,
    /// Full sentence(s): how access to logs is restricted.
    pub protection: String,
    pub protection_en: String,
    pub encrypted: bool,
    pub review: Option<Frequency>,
    pub realtime_alerts: bool,
    pub customer_access: CustomerAccess,
    pub customer_access_note: String,
    pub customer_access_note_en: String,
    pub no_use_without_consent: bool,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct TimeSource {
    pub source_kind: TimeSourceKind,
    /// "NICT の公開 NTP サービス"; empty → the kind in words.
    pub source_name: String,
    pub source_name_en: String,
    pub servers: Vec<String>,
    pub poll_interval: Option<Duration>,
    /// 日本標準時 / Japan Standard Time
    pub timezone_label: String,
    pub timezone_label_en: String,
    /// "UTC+9"
    pub utc_offset: String,
    pub log_timezone_same: bool,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DataLocation {
    pub id: String,
    pub data: DataCategory,
    pub country: String,
    pub country_en: String,
    pub region: String,
    pub region_en: String,
    pub facility: String,
    pub facility_en: String,
    pub redundancy: String,
    pub redundancy_en: String,
    pub supplier: String,
    pub change_policy: LocationChangePolicy,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DeletionStep {
    pub environment: String,
    pub environment_en: String,
    pub data: String,
    pub data_en: String,
    pub after_days: Option<u32>,
    pub method: DeletionMethod,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DeletionPolicy {
    pub trigger: DeletionTrigger,
    /// Days after the trigger the deletion starts (1 = the next day); none when it is not said.
    pub start_after_days: Option<u32>,
    /// Every copy gone within this many days of the trigger; 0 = not stated.
    pub within_days: u32,
    pub steps: Vec<DeletionStep>,
    pub exclusions: String,
    pub exclusions_en: String,
    pub unrecoverable: bool,
    /// A noun phrase: the feature to export data before the end.
    pub export_before_deletion: String,
    pub export_before_deletion_en: String,
    pub certificate: CertificatePolicy,
    /// Full sentence(s): how the platform disposes of storage media.
    pub media_disposal: String,
    pub media_disposal_en: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct CustomerFeature {
    pub id: String,
    pub category: FeatureCategory,
    pub name: String,
    pub name_en: String,
    pub description: String,
    pub description_en: String,
    pub availability: Availability,
    /// Service ids, when only some services offer it.
    pub services: Vec<String>,
    pub settings: String,
    pub settings_en: String,
    pub limitation: String,
    pub limitation_en: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct OperationalFact {
    pub id: String,
    pub kind: OperationKind,
    /// Empty → the kind in words.
    pub name: String,
    pub name_en: String,
    pub frequency: Option<Frequency>,
    /// "24時間365日"
    pub coverage: String,
    pub coverage_en: String,
    pub performer: Performer,
    pub description: String,
    pub description_en: String,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct AdvanceNotice {
    pub id: String,
    pub kind: AdvanceNoticeKind,
    /// A noun phrase: "サービスの利用に影響する計画メンテナンス".
    pub scope: String,
    pub scope_en: String,
    /// How long before (none = "in advance").
    pub before: Option<Duration>,
    pub channel: String,
    pub channel_en: String,
    pub recipient: String,
    pub recipient_en: String,
    pub emergency_exception: bool,
}

#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct LegalFacts {
    pub governing_law: String,
    pub governing_law_en: String,
    pub jurisdiction: String,
    pub jurisdiction_en: String,
    pub platform_governing_law: String,
    pub platform_governing_law_en: String,
    pub platform_jurisdiction: String,
    pub platform_jurisdiction_en: String,
    pub crypto_regulation: CryptoRegulation,
    pub crypto_regulation_note: String,
    pub crypto_regulation_note_en: String,
}

/// Everything a whitepaper draws from besides the register, the certifications, the notification rules and the
/// suppliers (which have their own records).
#[derive(ts_rs::TS, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Facts {
    pub organisation: OrganisationFacts,
    pub services: Vec<Service>,
    pub contact_points: Vec<ContactPoint>,
    /// The parties of the responsibility split, with their labels (お客様 / 当社 / Microsoft Azure …).
    pub parties: Vec<Party>,
    pub responsibility: Vec<ResponsibilityItem>,
    pub backup: BackupPolicy,
    pub logs: LogPolicy,
    pub time_source: TimeSource,
    pub data_locations: Vec<DataLocation>,
    pub deletion: DeletionPolicy,
    pub features: Vec<CustomerFeature>,
    pub operations: Vec<OperationalFact>,
    pub advance_notices: Vec<AdvanceNotice>,
    pub legal: LegalFacts,
}

impl Facts {
    /// Reads a facts file (TOML); an error names the line and column.
    pub fn from_toml(text: &str, file: &str) -> Result<Facts> {
        let facts: Facts = toml::from_str(text).map_err(|e| Error::InvalidFile {
            file: file.to_owned(),
            message: toml_message(text, &e),
        })?;
        facts.check()?;
        Ok(facts)
    }

    pub fn to_toml(&self) -> Result<String> {
        toml::to_string_pretty(self).map_err(|e| Error::InvalidFile {
            file: "facts".to_owned(),
            message: e.to_string(),
        })
    }

    /// Ids present and used once per list; references between facts resolve.
    pub fn check(&self) -> Result<()> {
        fn unique<'a>(what: &'static str, ids: impl Iterator<Item = &'a String>) -> Result<()> {
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                let ok = !id.trim().is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if !ok || !seen.insert(id.as_str()) {
                    return Err(Error::InvalidValue {
                        field: what,
                        value: id.clone(),
                        expected: "an id of letters, digits, _ or -, used once".to_owned(),
                    });
                }
            }
            Ok(())
        }
        unique("service id", self.services.iter().map(|s| &s.id))?;
        unique(
            "contact point id",
            self.contact_points.iter().map(|s| &s.id),
        )?;
        unique(
            "responsibility item id",
            self.responsibility.iter().map(|s| &s.id),
        )?;
        unique(
            "backup target id",
            self.backup.targets.iter().map(|s| &s.id),
        )?;
        unique("log target id", self.logs.targets.iter().map(|s| &s.id))?;
        unique(
            "data location id",
            self.data_locations.iter().map(|s| &s.id),
        )?;
        unique("feature id", self.features.iter().map(|s| &s.id))?;
        unique("operation id", self.operations.iter().map(|s| &s.id))?;
        unique(
            "advance notice id",
            self.advance_notices.iter().map(|s| &s.id),
        )?;
        for f in &self.features {
            if let Some(bad) = f
                .services
                .iter()
                .find(|s| !self.services.iter().any(|x| &x.id == *s))
            {
                return Err(Error::InvalidValue {
                    field: "feature service",
                    value: bad.clone(),
                    expected: format!("a service id of [[services]] (feature {})", f.id),
                });
            }
        }
        for url in [
            &self.organisation.website_url,
            &self.organisation.security_policy_url,
            &self.organisation.privacy_policy_url,
            &self.organisation.terms_url,
        ]
        .into_iter()
        .chain(self.services.iter().map(|s| &s.url))
        .chain(self.contact_points.iter().map(|c| &c.url))
        {
            if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
                return Err(Error::InvalidValue {
                    field: "web address",
                    value: url.clone(),
                    expected: "an address starting with https://".to_owned(),
                });
            }
        }
        Ok(())
    }
}

/// A TOML error as one line: where, and what.
pub fn toml_message(text: &str, e: &toml::de::Error) -> String {
    let msg = e.message().trim().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count() + 1)
                .unwrap_or(1);
            format!("line {line}, column {column}: {msg}")
        }
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_facts_file_reads_and_a_fault_names_its_line_and_column() {
        let ok = Facts::from_toml(
            "[[services]]\nid = \"main\"\nname = \"勤怠クラウド\"\n[backup]\nencrypted = true\n[[backup.targets]]\nid = \"db\"\nname = \"データベース\"\nfrequency = { count = 1, per = \"day\", at = \"00:00\" }\ngenerations = 30\n",
            "facts.toml",
        )
        .unwrap();
        assert_eq!(ok.services[0].name, "勤怠クラウド");
        assert_eq!(ok.backup.targets[0].generations, Some(30));
        let bad = Facts::from_toml(
            "[backup]\nencrypted = true\n[[backup.targets]]\nid = \"db\"\nmethod = \"tape\"\n",
            "f.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            bad.contains("f.toml") && bad.contains("line 5") && bad.contains("tape"),
            "{bad}"
        );
        let dup = Facts::from_toml(
            "[[services]]\nid = \"a\"\n[[services]]\nid = \"a\"\n",
            "f.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(dup.contains("service id"), "{dup}");
    }
}
