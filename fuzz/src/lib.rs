//! The bodies of ISMS Desk's fuzz targets, one module each (`fuzz_targets/<name>.rs` calls `<name>::run`), so that
//! the stable `cargo test` can replay the corpus through the same code: `crates/isms-sheets/tests/fuzz_corpus.rs` and
//! `crates/isms-pdf/tests/fuzz_corpus.rs` include these files with `#[path]`. See `fuzz/README.md`.
#![allow(clippy::unwrap_used)] // fuzz targets: a failed expectation is a finding

pub mod mapping;
pub mod pdf_text;
pub mod replay;
pub mod spreadsheet;
pub mod values;
