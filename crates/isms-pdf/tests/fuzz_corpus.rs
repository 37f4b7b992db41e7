//! The fuzz corpus of the `pdf_text` target replayed with the stable toolchain: every input of
//! `fuzz/corpus/pdf_text/` and `fuzz/regressions/pdf_text/` (the inputs of past findings, see
//! `fuzz/regressions/README.md`) through the same target body cargo-fuzz runs, included from `fuzz/src/`.
//! See `fuzz/README.md`.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::PathBuf;

#[path = "../../../fuzz/src/pdf_text.rs"]
mod pdf_text;
#[path = "../../../fuzz/src/replay.rs"]
mod replay;

#[test]
fn pdf_text_corpus() {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let n = replay::replay(&fuzz, "pdf_text", 50, pdf_text::run);
    eprintln!("pdf_text: {n} inputs");
}
