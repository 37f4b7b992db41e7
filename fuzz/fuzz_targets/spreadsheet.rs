#![no_main]
//! See `fuzz/src/spreadsheet.rs`.

libfuzzer_sys::fuzz_target!(
    init: isms_fuzz::spreadsheet::survive_caught_panics(),
    |data: &[u8]| isms_fuzz::spreadsheet::run(data)
);
