//! ISMS Desk's spreadsheet registers, free of any GUI: importing the asset registers people already keep in Excel or
//! CSV (title rows, merged cells, full-width digits, 高/中/低, five ways of writing a date, Shift_JIS) with errors that
//! name sheet, row, column and value, and exporting the inventory so that it imports back unchanged.

pub mod columns;
pub mod control_import;
pub mod error;
pub mod export;
pub mod import;
pub mod incident_export;
mod layout;
mod plan;
mod record_import;
pub mod report;
pub mod round;
pub mod source;
mod stream;
pub mod supplier_export;
pub mod supplier_import;
pub mod values;
pub mod workbook;

pub use columns::RegisterKind;
pub use error::{Result, SheetError};
pub use export::{export_assets, ExportSummary};
pub use import::{import_assets, import_register, preview_register, save_mapping, RegisterPreview};
pub use report::{ImportOptions, ImportProgress, ImportReport, RowError, RowWarning};
