//! How ISMS Desk writes a document it produces (PDF, workbook, CSV): whole or not at all.

use std::path::{Path, PathBuf};

/// Writes `bytes` next to `path` and renames into place, so a failure never leaves half a file (or destroys the
/// previous one) behind: neither at `path` nor beside it (a write that fails half-way, on a full disk, removes what
/// it wrote).
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_half_way_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("適用宣言書.pdf");
        std::fs::write(&out, b"the previous export").unwrap();
        // The partial file stands on a full disk: /dev/full takes the open and refuses every write (ENOSPC).
        #[cfg(target_os = "linux")]
        {
            let partial = dir.path().join("適用宣言書.pdf.partial");
            std::os::unix::fs::symlink("/dev/full", &partial).unwrap();
            let e = write_whole(&out, &[0u8; 4096]).unwrap_err();
            assert_eq!(e.raw_os_error(), Some(28), "{e}"); // ENOSPC
            assert!(
                std::fs::symlink_metadata(&partial).is_err(),
                "the partial file was left behind"
            );
            assert_eq!(std::fs::read(&out).unwrap(), b"the previous export");
        }
        write_whole(&out, b"%PDF-1.7 whole").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7 whole");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
