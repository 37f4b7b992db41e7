#![no_main]
//! See `fuzz/src/pdf_text.rs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::pdf_text::run(data));
