//! The fuzz corpora of the spreadsheet targets replayed with the stable toolchain: every input of
//! `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` (the inputs of past findings, see
//! `fuzz/regressions/README.md`) through the same target bodies cargo-fuzz runs, included from `fuzz/src/`.
//! See `fuzz/README.md`.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::PathBuf;

#[path = "../../../fuzz/src/mapping.rs"]
mod mapping;
#[path = "../../../fuzz/src/replay.rs"]
mod replay;
#[path = "../../../fuzz/src/spreadsheet.rs"]
mod spreadsheet;
#[path = "../../../fuzz/src/values.rs"]
mod values;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

#[test]
fn spreadsheet_corpus() {
    let n = replay::replay(&fuzz_dir(), "spreadsheet", 20, spreadsheet::run);
    eprintln!("spreadsheet: {n} inputs");
}

#[test]
fn values_corpus() {
    let n = replay::replay(&fuzz_dir(), "values", 100, values::run);
    eprintln!("values: {n} inputs");
}

#[test]
fn mapping_corpus() {
    let n = replay::replay(&fuzz_dir(), "mapping", 50, mapping::run);
    eprintln!("mapping: {n} inputs");
}
