#![no_main]
//! See `fuzz/src/mapping.rs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::mapping::run(data));
