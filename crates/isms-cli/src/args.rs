//! The command-line grammar (clap derive) and its translation into `isms-core` patches.

use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand, ValueEnum};
use isms_core::catalogue::Framework;
use isms_core::register::{
    parse_date, Applicability, CloudRole, ImplementationStatus, InclusionReason, RegisterPatch,
    RelatedDocument,
};
use isms_core::Error;

#[derive(Debug, Parser)]
#[command(
    name = "isms",
    version,
    about = "ISMS Desk from the command line: the control register (ISO/IEC 27001:2022, ISO/IEC 27017), the organisation profile and the audit trail.",
    after_help = "The database is created with the control catalogues on first use."
)]
pub struct Cli {
    /// The database file [default: the ISMS Desk data folder, e.g. ~/.local/share/jp.ismsdesk.desk/isms.sqlite3]
    #[arg(long, global = true, env = "ISMS_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (if needed) with every control catalogue, and optionally name the organisation.
    Init {
        /// The organisation's name.
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The organisation profile: name, ISMS scope, SoA document number.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// The control register.
    Controls {
        #[command(subcommand)]
        command: ControlsCommand,
    },
    /// The information-asset inventory (情報資産台帳): import, list, export, labels.
    Assets {
        #[command(subcommand)]
        command: AssetsCommand,
    },
    /// The yearly inventory (情報資産の棚卸し): start a round, send each department its workbook, see who has answered.
    Inventory {
        #[command(subcommand)]
        command: crate::inventory::InventoryCommand,
    },
    /// Suppliers and cloud services (委託先管理): register, evaluations, monitoring log, what is due.
    Suppliers {
        #[command(subcommand)]
        command: crate::suppliers::SuppliersCommand,
    },
    /// Incidents and nonconformities through corrective action (不適合（インシデント）是正処置報告書).
    Incidents {
        #[command(subcommand)]
        command: crate::incidents::IncidentsCommand,
    },
    /// The notification rules the clocks of incidents count by (and the whitepaper prints).
    NotificationRules {
        #[command(subcommand)]
        command: crate::incidents::RulesCommand,
    },
    /// The contacts register: authorities, specialist bodies, suppliers, customers …
    Contacts {
        #[command(subcommand)]
        command: crate::incidents::ContactsCommand,
    },
    /// The certifications register: ISO/IEC 27001, 27017, プライバシーマーク … with dates and status.
    Certs {
        #[command(subcommand)]
        command: crate::whitepapers::CertsCommand,
    },
    /// The facts whitepapers disclose (services, contact points, responsibility, backup, logs …), as one TOML file.
    Facts {
        #[command(subcommand)]
        command: crate::whitepapers::FactsCommand,
    },
    /// Customer-facing security whitepapers (セキュリティホワイトペーパー): create, import, check, issue.
    Whitepaper {
        #[command(subcommand)]
        command: crate::whitepapers::WhitepaperCommand,
    },
    /// The classification scheme: levels, label texts, colours, order, handling rules.
    Classification {
        #[command(subcommand)]
        command: ClassificationCommand,
    },
    /// The Statement of Applicability (適用宣言書): issue frozen versions, list them.
    Soa {
        #[command(subcommand)]
        command: SoaCommand,
    },
    /// Export documents.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Backups: make one, list them, restore one, set where they go and how many are kept.
    Backup {
        #[command(subcommand)]
        command: crate::reliability::BackupCommand,
    },
    /// Check the database: integrity, foreign keys, the audit chain, the filesystem, backups.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Whether an exported PDF is an issued version of this database, unchanged (its content hash and audit chain head).
    VerifyDocument {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Imports as recorded, and taking one back.
    Imports {
        #[command(subcommand)]
        command: crate::reliability::ImportsCommand,
    },
    /// The audit trail of every change.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Show the organisation profile.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change the organisation profile.
    Set {
        #[arg(long)]
        name: Option<String>,
        /// The ISMS scope (適用範囲).
        #[arg(long)]
        scope: Option<String>,
        /// The document number of the Statement of Applicability.
        #[arg(long = "soa-number")]
        soa_number: Option<String>,
        /// The organisation's name in English documents.
        #[arg(long)]
        name_en: Option<String>,
        /// The ISMS scope in English.
        #[arg(long)]
        scope_en: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ControlsCommand {
    /// List controls with their register fields, in document order.
    List {
        #[arg(long, value_parser = core_enum::<Framework>)]
        framework: Option<Framework>,
        /// applicable, not-applicable or undecided.
        #[arg(long, value_parser = core_enum::<Applicability>)]
        applicable: Option<Applicability>,
        /// not-started, planned, partially-implemented or implemented.
        #[arg(long, value_parser = core_enum::<ImplementationStatus>)]
        status: Option<ImplementationStatus>,
        /// Part of the responsible role.
        #[arg(long)]
        owner: Option<String>,
        /// Part of the id, a title or the implementation text.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one control: catalogue data, register fields, 2013↔2022 counterparts.
    Show {
        /// e.g. 5.1, A.5.1, A.9.2.1, CLD.6.3.1
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record applicability, implementation, ownership, documents and reviews for a control.
    Set(Box<SetArgs>),
    /// Import an existing SoA spreadsheet (適用宣言書) into the register: control id or title, 適用/除外, reasons,
    /// exclusion justification, implementation, status, owner, documents; a sheet against ISO/IEC 27001:2013 is placed
    /// on the 2022 controls through the mapping catalogue.
    Import {
        file: PathBuf,
        #[arg(long)]
        sheet: Option<String>,
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// The ISO/IEC 27002:2013 ↔ 2022 counterparts of a control.
    Map {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
    Undecided,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClearableList {
    Reasons,
    Documents,
    Evidence,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// e.g. 5.1, A.5.1, A.9.2.1, CLD.6.3.1
    pub id: String,
    /// Whether the control applies (yes / no / undecided).
    #[arg(long, value_enum)]
    pub applicable: Option<YesNo>,
    /// A reason for inclusion; repeat for several (replaces the list): risk-assessment, legal-regulatory, contractual, business-requirement, best-practice.
    #[arg(long = "reason", value_parser = core_enum::<InclusionReason>)]
    pub reasons: Vec<InclusionReason>,
    /// Justification for exclusion (required when not applicable).
    #[arg(long)]
    pub exclusion: Option<String>,
    /// not-started, planned, partially-implemented or implemented.
    #[arg(long, value_parser = core_enum::<ImplementationStatus>)]
    pub status: Option<ImplementationStatus>,
    /// How the control is implemented (long text).
    #[arg(long, conflicts_with = "implementation_file")]
    pub implementation: Option<String>,
    /// Read the implementation description from a UTF-8 file.
    #[arg(long, value_name = "PATH")]
    pub implementation_file: Option<PathBuf>,
    /// The implementation in English, for English documents.
    #[arg(long)]
    pub implementation_en: Option<String>,
    /// The statement shown to customers (whitepaper).
    #[arg(long, alias = "statement")]
    pub customer_statement: Option<String>,
    /// The statement shown to customers, in English.
    #[arg(long, alias = "customer-statement-en")]
    pub statement_en: Option<String>,
    /// ISO/IEC 27002:2013 controls: take the decision from the 2022 counterparts again (empties this row's own
    /// decision fields).
    #[arg(long, conflicts_with = "own_decision")]
    pub follow_2022: bool,
    /// ISO/IEC 27002:2013 controls: decide on this row itself, starting from what it takes from 2022 now.
    #[arg(long)]
    pub own_decision: bool,
    /// The responsible role (owner).
    #[arg(long)]
    pub owner: Option<String>,
    /// A related document, with its section in parentheses, e.g. "情報セキュリティ管理規程（5.10）"; repeat for several (replaces the list).
    #[arg(long = "document")]
    pub documents: Vec<String>,
    /// An evidence reference; repeat for several (replaces the list).
    #[arg(long = "evidence")]
    pub evidence: Vec<String>,
    /// Empty a list: reasons, documents or evidence.
    #[arg(long, value_enum)]
    pub clear: Vec<ClearableList>,
    /// Date of the last review (2026-04-01), or "none".
    #[arg(long)]
    pub last_reviewed: Option<String>,
    /// Date of the next review (2027-04-01), or "none".
    #[arg(long)]
    pub next_review: Option<String>,
    /// ISO/IEC 27017 role: provider, customer, both, or none.
    #[arg(long)]
    pub cloud_role: Option<String>,
    /// The cloud provider this control is inherited from (e.g. Microsoft Azure).
    #[arg(long)]
    pub inherited_from: Option<String>,
    #[arg(long)]
    pub json: bool,
}

impl SetArgs {
    pub fn into_patch(self) -> Result<RegisterPatch, Error> {
        let implementation = match self.implementation_file {
            Some(path) => Some(std::fs::read_to_string(&path).map_err(|source| Error::Io {
                context: format!("cannot read {}", path.display()),
                source,
            })?),
            None => self.implementation,
        };
        let list =
            |given: bool, which: ClearableList| -> bool { given || self.clear.contains(&which) };
        let documents = self
            .documents
            .iter()
            .map(|d| RelatedDocument::parse(d))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RegisterPatch {
            applicable: self.applicable.map(|a| match a {
                YesNo::Yes => Some(true),
                YesNo::No => Some(false),
                YesNo::Undecided => None,
            }),
            inclusion_reasons: list(!self.reasons.is_empty(), ClearableList::Reasons)
                .then_some(self.reasons),
            exclusion_justification: self.exclusion,
            status: self.status,
            implementation,
            customer_statement: self.customer_statement,
            responsible_role: self.owner,
            related_documents: list(!documents.is_empty(), ClearableList::Documents)
                .then_some(documents),
            evidence: list(!self.evidence.is_empty(), ClearableList::Evidence)
                .then_some(self.evidence),
            last_reviewed: optional_date("last reviewed", self.last_reviewed)?,
            next_review: optional_date("next review", self.next_review)?,
            cloud_role: self
                .cloud_role
                .map(|r| optional_enum::<CloudRole>("cloud role", &r))
                .transpose()?,
            inherited_from: self.inherited_from,
            implementation_en: self.implementation_en,
            customer_statement_en: self.statement_en,
            own_decision: if self.follow_2022 {
                Some(false)
            } else if self.own_decision {
                Some(true)
            } else {
                None
            },
        })
    }
}

pub fn optional_date(
    field: &'static str,
    text: Option<String>,
) -> Result<Option<Option<chrono::NaiveDate>>, Error> {
    text.map(|t| {
        if t.trim().is_empty() || t.trim().eq_ignore_ascii_case("none") {
            Ok(None)
        } else {
            parse_date(field, &t).map(Some)
        }
    })
    .transpose()
}

fn optional_enum<T>(field: &'static str, text: &str) -> Result<Option<T>, Error>
where
    T: FromStr + strum::VariantArray + AsRef<str>,
{
    if text.trim().is_empty() || text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    core_enum::<T>(text)
        .map(Some)
        .map_err(|expected| Error::InvalidValue {
            field,
            value: text.to_owned(),
            expected,
        })
}

/// Parses a core enum from its snake_case name, also accepting kebab-case; the error lists the accepted values.
fn core_enum<T>(text: &str) -> Result<T, String>
where
    T: FromStr + strum::VariantArray + AsRef<str>,
{
    let lower = text.trim().to_ascii_lowercase();
    let parsed = lower.parse().or_else(|_| lower.replace('-', "_").parse());
    parsed.map_err(|_| {
        let names: Vec<String> = T::VARIANTS
            .iter()
            .map(|v| v.as_ref().replace('_', "-"))
            .collect();
        format!("expected one of: {}", names.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// List changes, newest first.
    List {
        /// Only changes to this record (a control id, or 1 for the organisation).
        #[arg(long)]
        record: Option<String>,
        /// Only changes to this kind of record: control_register or organisation.
        #[arg(long)]
        entity: Option<String>,
        /// At most this many entries.
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Walk the audit trail's hash chain: "n entries verified", or the first entry changed outside ISMS Desk.
    Verify {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SoaCommand {
    /// Freeze the current register as an immutable SoA version.
    Issue {
        /// The version number, e.g. 1.0 (must be newer than every issued version).
        #[arg(long)]
        version: String,
        /// Who approved it (承認).
        #[arg(long)]
        approver: String,
        /// What changed in this version (改訂内容).
        #[arg(long)]
        summary: String,
        /// Who prepared it (作成) [default: the OS user].
        #[arg(long)]
        preparer: Option<String>,
        /// The issue date printed on the document [default: today]; not before the previous version's.
        #[arg(long)]
        date: Option<String>,
        /// Issue even though controls are still undecided (they are recorded with the version and noted in it).
        #[arg(long)]
        accept_undecided: bool,
        #[arg(long)]
        json: bool,
    },
    /// The issued versions (the revision history), with what became of each.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Mark an issued version superseded by a later one (it is kept, never deleted).
    Supersede {
        version: String,
        /// Why, e.g. "第2.0版の発行による".
        #[arg(long)]
        reason: String,
        /// The date [default: today].
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Withdraw an issued version (it is kept, never deleted, and its exports are marked withdrawn).
    Withdraw {
        version: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The Statement of Applicability as PDF (landscape A4) or XLSX, chosen by the file name.
    Soa {
        /// FILE.pdf or FILE.xlsx
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// ja or en.
        #[arg(long, default_value = "ja")]
        lang: String,
        /// An issued version [default: the current register, marked as a draft].
        #[arg(long)]
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The supplier register as FILE.xlsx or FILE.csv.
    Suppliers {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The クラウド一覧表 (cloud-service suppliers with the linked assets' purpose and information) as .xlsx or .pdf.
    CloudServices {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// ja or en (PDF).
        #[arg(long, default_value = "ja")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// One record's 不適合（インシデント）是正処置報告書 as PDF.
    Car {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, default_value = "ja")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// A security whitepaper as PDF: an issued version exactly as frozen, or the draft (marked on every page).
    Whitepaper {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// An issued version [default: the draft from today's data].
        #[arg(long)]
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The incident register (and its statistics) as FILE.xlsx or FILE.csv.
    Incidents {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// One evaluation record as a 委託先評価表 PDF.
    Evaluation {
        evaluation: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, default_value = "ja")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
}

/// The issue date given to `soa issue --date`.
pub fn issue_date(text: Option<String>) -> Result<Option<chrono::NaiveDate>, Error> {
    text.map(|t| parse_date("issue date", &t)).transpose()
}

#[derive(Debug, Subcommand)]
pub enum AssetsCommand {
    /// Import an asset register (xlsx, xlsm, xlsb, xls, ods, or CSV in UTF-8 / Shift_JIS).
    Import {
        file: PathBuf,
        /// The sheet to read [default: the one whose header matches best].
        #[arg(long)]
        sheet: Option<String>,
        /// A TOML file naming the columns: [fields] owner = ["担当役員"], …
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// Show what would be inserted, updated, skipped and rejected; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// upsert (insert new, update existing by asset id) or insert (leave existing assets alone).
        #[arg(long, default_value = "upsert", value_parser = core_enum::<isms_core::asset::ImportMode>)]
        mode: isms_core::asset::ImportMode,
        /// Import a level the scheme does not know as one it knows: FROM=TO (e.g. 関係者外秘=社外秘); repeat for several.
        #[arg(long = "map-level", value_name = "FROM=TO")]
        map_level: Vec<String>,
        /// Also write the changes whose register value is newer (changed since the workbook was sent, or a later
        /// date); by default they are reported and the register's value is kept.
        #[arg(long)]
        overwrite_newer: bool,
        /// A change not to write: ASSET:FIELD (e.g. IA-0001:owner, or IA-0012:asset for a new asset); repeat for several.
        #[arg(long = "reject", value_name = "ASSET:FIELD")]
        reject: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// List assets (in use; retired ones with --retired or --include-retired).
    List {
        #[command(flatten)]
        filter: AssetFilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Retire assets: returned (return), disposed of (dispose), erased (erase) or transferred (transfer). They leave
    /// the working list, the labels and the counts, and keep their history.
    Retire {
        /// Asset ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// The day it happened (not after today).
        #[arg(long)]
        date: String,
        /// return, dispose, erase or transfer (or 返却 / 廃棄 / 消去 / 移管).
        #[arg(long)]
        method: String,
        /// Who approved it.
        #[arg(long, default_value = "")]
        approver: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Put a retired asset back in use (a retirement recorded by mistake).
    Reinstate {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete an asset created by mistake (never retired, never sent in an inventory round, named by no supplier or
    /// incident); the audit trail keeps the whole record and the reason.
    Delete {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Give many assets a level and/or a label at once, in one transaction (the app's bulk edit): the assets named,
    /// or with --all every asset the filters select.
    Edit {
        /// Asset ids.
        ids: Vec<String>,
        /// Every asset the filters select (all assets without filters).
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        #[command(flatten)]
        filter: AssetFilterArgs,
        /// The level to give them (Japanese or English name).
        #[arg(long = "set-level", value_name = "LEVEL")]
        set_level: Option<String>,
        /// A label to add to each that lacks it.
        #[arg(long = "add-label", value_name = "LABEL")]
        add_label: Option<String>,
        /// The department to give them.
        #[arg(long = "set-department", value_name = "DEPARTMENT")]
        set_department: Option<String>,
        /// Mark them reviewed: last review = DATE [default: today], next review = the scheme's interval later; while
        /// an inventory round is open, they count as reviewed in it.
        #[arg(long, value_name = "DATE", num_args = 0..=1, default_missing_value = "today")]
        reviewed: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one asset with the handling rules of its level.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change one asset (or create it with --create).
    Set(Box<AssetSetArgs>),
    /// Export the inventory as FILE.xlsx or FILE.csv (UTF-8 with BOM).
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Retired assets too (with their retirement columns filled).
        #[arg(long)]
        include_retired: bool,
        #[arg(long)]
        json: bool,
    },
    /// A PDF sheet of printable classification labels (several per A4 page).
    Labels {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only assets of this classification level.
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// Which assets: the filters of `assets list` (and of `assets edit --all`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AssetFilterArgs {
    /// A classification level (Japanese name).
    #[arg(long)]
    pub classification: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    /// Part of the owner's name.
    #[arg(long)]
    pub owner: Option<String>,
    /// One of the asset's labels.
    #[arg(long)]
    pub label: Option<String>,
    /// Part of any text field, label or custom field.
    #[arg(long)]
    pub search: Option<String>,
    /// The department, exactly.
    #[arg(long)]
    pub department: Option<String>,
    /// Retired assets too.
    #[arg(long, conflicts_with = "retired")]
    pub include_retired: bool,
    /// Only retired assets.
    #[arg(long)]
    pub retired: bool,
}

impl AssetFilterArgs {
    pub fn into_filter(self) -> isms_core::asset::AssetFilter {
        use isms_core::asset::Lifecycle;
        isms_core::asset::AssetFilter {
            classification: self.classification,
            category: self.category,
            owner: self.owner,
            label: self.label,
            search: self.search,
            department: self.department,
            lifecycle: Some(if self.retired {
                Lifecycle::Retired
            } else if self.include_retired {
                Lifecycle::All
            } else {
                Lifecycle::Active
            }),
        }
    }

    fn is_empty(&self) -> bool {
        self.classification.is_none()
            && self.category.is_none()
            && self.owner.is_none()
            && self.label.is_none()
            && self.search.is_none()
            && self.department.is_none()
            && !self.include_retired
            && !self.retired
    }

    /// Filters given without --all would be ignored: say so instead.
    pub fn only_with_all(&self, all: bool) -> Result<(), String> {
        if !all && !self.is_empty() {
            return Err("filters choose assets only with --all".to_owned());
        }
        Ok(())
    }
}

#[derive(Debug, Subcommand)]
pub enum ClassificationCommand {
    /// The levels, scales and handling matrix.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Rename, relabel, recolour or move a level.
    Set {
        /// The level, by its Japanese or English name.
        level: String,
        #[arg(long)]
        name_ja: Option<String>,
        #[arg(long)]
        name_en: Option<String>,
        #[arg(long)]
        label: Option<String>,
        /// #RRGGBB
        #[arg(long)]
        colour: Option<String>,
        /// New place in the order, 1 = most protected.
        #[arg(long)]
        position: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Add a level (e.g. a fourth, 関係者外秘), with the handling rules of another level to start from.
    Add {
        /// The Japanese name.
        name: String,
        #[arg(long)]
        name_en: Option<String>,
        /// The label text [default: the names, e.g. 関係者外秘 RESTRICTED].
        #[arg(long)]
        label: Option<String>,
        /// #RRGGBB
        #[arg(long)]
        colour: Option<String>,
        /// Its place in the order, 1 = most protected [default: last].
        #[arg(long)]
        position: Option<usize>,
        /// Start from this level's handling rules.
        #[arg(long)]
        like: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a level no asset or supplier has, or move those that have it to another level in the same step.
    Remove {
        level: String,
        #[arg(long = "move-to", value_name = "LEVEL")]
        move_to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set one rule of the handling matrix.
    Rule {
        level: String,
        /// storage-paper, storage-data, transfer, sending, usage, outsourcing, disposal, erasure
        aspect: String,
        rule: String,
        #[arg(long)]
        json: bool,
    },
    /// The editable lists of asset types and categories (each option replaces its list).
    Lists {
        #[arg(long = "asset-type")]
        asset_types: Vec<String>,
        #[arg(long = "category")]
        categories: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Scales and how importance is derived.
    Scales {
        #[arg(long)]
        confidentiality_max: Option<u8>,
        #[arg(long)]
        integrity_max: Option<u8>,
        #[arg(long)]
        availability_max: Option<u8>,
        /// max or sum
        #[arg(long, value_parser = core_enum::<isms_core::asset::classification::ImportanceRule>)]
        importance: Option<isms_core::asset::classification::ImportanceRule>,
        /// Months from a review to the next (an asset marked reviewed is next reviewed then).
        #[arg(long)]
        review_months: Option<u8>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AssetSetArgs {
    pub id: String,
    /// Create the asset if it does not exist yet (then --name is required).
    #[arg(long)]
    pub create: bool,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long = "type")]
    pub asset_type: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    /// A level name (Japanese or English), or "none".
    #[arg(long)]
    pub classification: Option<String>,
    #[arg(long, value_name = "N|none")]
    pub confidentiality: Option<String>,
    #[arg(long, value_name = "N|none")]
    pub integrity: Option<String>,
    #[arg(long, value_name = "N|none")]
    pub availability: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long)]
    pub custodian: Option<String>,
    #[arg(long)]
    pub location: Option<String>,
    /// A label; repeat for several (replaces the list).
    #[arg(long = "label")]
    pub labels: Vec<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// A related control id; repeat for several (replaces the list).
    #[arg(long = "control")]
    pub controls: Vec<String>,
    /// A custom field, NAME=VALUE (an empty VALUE removes it); repeat for several.
    #[arg(long = "field", value_name = "NAME=VALUE")]
    pub custom: Vec<String>,
    /// Date of the last review, or "none".
    #[arg(long)]
    pub last_reviewed: Option<String>,
    /// Date of the next review, or "none".
    #[arg(long)]
    pub next_review: Option<String>,
    #[arg(long)]
    pub json: bool,
}

fn optional_scale(field: &'static str, text: Option<String>) -> Result<Option<Option<u8>>, Error> {
    text.map(|t| {
        let t = t.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("none") {
            return Ok(None);
        }
        t.parse::<u8>().map(Some).map_err(|_| Error::InvalidValue {
            field,
            value: t.to_owned(),
            expected: "a number such as 1, 2 or 3, or none".to_owned(),
        })
    })
    .transpose()
}

impl AssetSetArgs {
    pub fn into_patch(
        self,
        resolve: &dyn Fn(&str) -> Result<String, Error>,
    ) -> Result<isms_core::asset::AssetPatch, Error> {
        let mut custom = indexmap::IndexMap::new();
        for pair in &self.custom {
            let (k, v) = pair.split_once('=').ok_or_else(|| Error::InvalidValue {
                field: "custom field",
                value: pair.clone(),
                expected: "NAME=VALUE".to_owned(),
            })?;
            custom.insert(k.to_owned(), v.to_owned());
        }
        let controls = if self.controls.is_empty() {
            None
        } else {
            Some(
                self.controls
                    .iter()
                    .map(|c| resolve(c))
                    .collect::<Result<Vec<_>, _>>()?,
            )
        };
        Ok(isms_core::asset::AssetPatch {
            name: self.name,
            asset_type: self.asset_type,
            category: self.category,
            classification: self.classification.map(|c| {
                let c = c.trim().to_owned();
                (!c.is_empty() && !c.eq_ignore_ascii_case("none")).then_some(c)
            }),
            confidentiality: optional_scale("confidentiality", self.confidentiality)?,
            integrity: optional_scale("integrity", self.integrity)?,
            availability: optional_scale("availability", self.availability)?,
            department: self.department,
            owner: self.owner,
            custodian: self.custodian,
            location: self.location,
            labels: (!self.labels.is_empty()).then_some(self.labels),
            notes: self.notes,
            controls,
            custom,
            last_reviewed: optional_date("last reviewed", self.last_reviewed)?,
            next_review: optional_date("next review", self.next_review)?,
            ..Default::default()
        })
    }
}
