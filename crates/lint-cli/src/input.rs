//! Reading drafts and house-rules files, with errors a person can act on.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use postlint_core::decode::{Decoded, decode};

/// A draft read into memory.
pub struct Draft {
    /// The name shown in output: the path as given, or `-` for standard input.
    pub name: String,
    /// The whole text, as read.
    pub text: String,
    /// Bytes of a leading byte-order mark, which is not part of the post and is not checked.
    pub bom: usize,
    /// The file's metadata when it was read; `None` for standard input.
    pub meta: Option<std::fs::Metadata>,
}

/// Reads a draft from `path` (`-` is standard input), at most `max` bytes.
pub fn read_draft(path: &Path, max: u64) -> Result<Draft> {
    let (name, bytes, meta) = if path == Path::new("-") {
        let bytes = read_capped(io::stdin().lock(), max, "standard input", 0)?;
        ("-".to_string(), bytes, None)
    } else {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| describe_io(&name, e))?;
        if meta.is_dir() {
            bail!("{name}: is a directory; give the path of a draft file");
        }
        let file = File::open(path).map_err(|e| describe_io(&name, e))?;
        let bytes = read_capped(file, max, &name, meta.len())?;
        (name, bytes, Some(meta))
    };
    let Decoded { text, bom } = decode(bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    Ok(Draft {
        name,
        text,
        bom,
        meta,
    })
}

fn read_capped(reader: impl Read, max: u64, name: &str, size: u64) -> Result<Vec<u8>> {
    read_at_most(
        reader,
        max,
        name,
        size,
        "postlint checks drafts, not archives",
    )
}

/// Reads at most `max` bytes: a FIFO or a device such as `/dev/zero` ends in an error, not
/// in memory running out. `why` says why the cap is there. `size` is what the file's
/// metadata says (0 when unknown): the buffer starts that big rather than doubling its way
/// there, which left up to twice the draft's size allocated.
fn read_at_most(reader: impl Read, max: u64, name: &str, size: u64, why: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(max)).unwrap_or(0));
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(name, e))?;
    if bytes.len() as u64 > max {
        bail!("{name}: larger than {max} bytes; {why} (raise the cap with --max-input-bytes)");
    }
    Ok(bytes)
}

fn describe_io(name: &str, e: io::Error) -> anyhow::Error {
    match e.kind() {
        io::ErrorKind::NotFound => anyhow::anyhow!("{name}: no such file"),
        io::ErrorKind::PermissionDenied => anyhow::anyhow!("{name}: permission denied"),
        _ => anyhow::anyhow!("{name}: {e}"),
    }
}

/// Finds the house-rules file: the nearest `postlint.toml` or `.postlint.toml` in `start` or
/// a parent directory.
pub fn discover_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        ["postlint.toml", ".postlint.toml"]
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Reads a house-rules file, at most `max` bytes.
pub fn read_config(path: &Path, max: u64) -> Result<String> {
    let name = path.display().to_string();
    if path.is_dir() {
        bail!("{name}: is a directory; give the path of a house-rules TOML file");
    }
    let file = File::open(path).map_err(|e| describe_io(&name, e))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let bytes = read_at_most(file, max, &name, size, "is it the house-rules file?")?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
