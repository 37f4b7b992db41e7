//! Replaying a fuzz target's corpus with the stable toolchain: every file of `fuzz/corpus/<target>/` (and of
//! `fuzz/regressions/<target>/`, the inputs of past findings) through the target's function. Included with `#[path]`
//! by the replay tests in the crates (`crates/isms-sheets/tests/fuzz_corpus.rs`, `crates/isms-pdf/tests/fuzz_corpus.rs`).

use std::path::{Path, PathBuf};

/// The files of a corpus folder, sorted (none when it does not exist).
pub fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `target` over the corpus and the regressions of `name` under `fuzz_dir`; returns how many inputs ran. A panic
/// names the input that caused it. Fails when the corpus has fewer than `min_corpus` files or there is no regression
/// input (a folder missing, emptied or misnamed would otherwise make the replay pass without testing anything).
pub fn replay(fuzz_dir: &Path, name: &str, min_corpus: usize, target: fn(&[u8])) -> usize {
    let mut n = 0;
    for (folder, min) in [("corpus", min_corpus), ("regressions", 1)] {
        let dir = fuzz_dir.join(folder).join(name);
        let files = corpus_files(&dir);
        assert!(
            files.len() >= min,
            "{} holds {} inputs, expected at least {min}",
            dir.display(),
            files.len()
        );
        for file in files {
            let data = std::fs::read(&file).expect("a corpus file");
            let outcome = std::panic::catch_unwind(|| target(&data));
            if let Err(panic) = outcome {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                panic!("fuzz target {name} fails on {}: {why}", file.display());
            }
            n += 1;
        }
    }
    n
}
