//! Writing a fixed draft back over the original: all or nothing.
//!
//! The new text goes to a temporary file beside the original, is flushed to disk, and is
//! then renamed over it, so a crash or a full disk leaves either the old draft or the new
//! one, never half of each. If any step fails the temporary file is removed and the
//! original is untouched.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Replaces the file at `path` with `contents`.
///
/// `read` is the file's metadata from when it was read: its permissions are given to the
/// new file, and if the file has changed since (another program saved it), nothing is
/// written. A symbolic link is followed, so the link stays and the file it names is
/// replaced.
pub fn replace(path: &Path, contents: &[u8], read: &Metadata) -> Result<()> {
    if read.permissions().readonly() {
        bail!("the file is read-only");
    }
    let target = fs::canonicalize(path).context("finding the file")?;
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        bail!("not a file in a directory");
    };
    let mut temp = TempFile::create(dir, &name.to_string_lossy())
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    let written = (|| -> io::Result<()> {
        temp.file.write_all(contents)?;
        // Owner first: changing it can clear mode bits that the copy below restores.
        keep_owner(&temp.file, read);
        temp.file.set_permissions(read.permissions())?;
        temp.file.sync_all()
    })();
    written.with_context(|| format!("writing {}", temp.path.display()))?;

    // Last look before replacing: a draft saved by an editor meanwhile must not be lost.
    let now = fs::metadata(&target).context("checking the file again")?;
    if now.len() != read.len() || now.modified().ok() != read.modified().ok() {
        bail!("the file changed while postlint was fixing it; run postlint again");
    }
    fs::rename(&temp.path, &target).context("replacing the file")?;
    temp.keep();
    // Make the rename itself durable. Best effort: some systems cannot sync a directory,
    // and the new draft is in place either way.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Gives the new file the original's owner and group where allowed (a user may edit a
/// group-writable draft that is not theirs); where not allowed, the fixer owns it, as
/// with any editor that saves by renaming.
#[cfg(unix)]
fn keep_owner(file: &File, read: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(read.uid()), Some(read.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &Metadata) {}

/// A temporary file that is removed when dropped, unless [`TempFile::keep`] is called.
struct TempFile {
    path: PathBuf,
    file: File,
    keep: bool,
}

impl TempFile {
    /// Creates `.NAME.postlint-PID-N.tmp` in `dir`, a name no other file has.
    fn create(dir: &Path, name: &str) -> io::Result<TempFile> {
        let pid = std::process::id();
        let mut last = None;
        for n in 0..100 {
            let path = dir.join(format!(".{name}.postlint-{pid}-{n}.tmp"));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            // Readable by the owner only until the original's mode is copied: a draft may
            // hold confidential details.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file,
                        keep: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
    }

    /// The file has been renamed into place: do not remove it.
    fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("postlint-save-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = scratch("ok");
        let path = dir.join("draft.txt");
        fs::write(&path, "old").unwrap();
        let read = fs::metadata(&path).unwrap();
        replace(&path, b"new", &read).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(&dir), ["draft.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_changed_since_reading_is_not_replaced() {
        let dir = scratch("changed");
        let path = dir.join("draft.txt");
        fs::write(&path, "old").unwrap();
        let read = fs::metadata(&path).unwrap();
        fs::write(&path, "saved by an editor").unwrap();
        let err = replace(&path, b"new", &read).unwrap_err();
        assert!(format!("{err:#}").contains("changed while"), "{err:#}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved by an editor");
        assert_eq!(entries(&dir), ["draft.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = scratch("readonly");
        let path = dir.join("draft.txt");
        fs::write(&path, "old").unwrap();
        let mut perms = fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms).unwrap();
        let read = fs::metadata(&path).unwrap();
        let err = replace(&path, b"new", &read).unwrap_err();
        assert_eq!(err.to_string(), "the file is read-only");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(&dir), ["draft.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_to_the_fixed_file() {
        let dir = scratch("link");
        let real = dir.join("real.txt");
        let link = dir.join("link.txt");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let read = fs::metadata(&link).unwrap();
        replace(&link, b"new", &read).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }
}
