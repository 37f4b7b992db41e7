#![no_main]
//! See `fuzz/src/values.rs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::values::run(data));
