//! How ISMS Desk writes a document it produces (PDF, workbook, CSV): whole or not at all.

use std::path::{Path, PathBuf};

/// Writes `bytes` next to `path` and renames into place, so a failure never leaves half a file (or destroys the
/// previous one) behind.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}
