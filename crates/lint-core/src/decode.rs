//! Turning the bytes of a draft file into the text to check.
//!
//! Front ends read files; this is the part of reading that needs no I/O, so every front end
//! (and the fuzz target `decode`) treats a file's bytes the same way:
//!
//! - the bytes must be UTF-8; the error says where the first bad byte is;
//! - a leading byte-order mark is not part of the post: [`Decoded::post`] leaves it out, and
//!   spans found in the post are shifted by [`Decoded::bom`] to become offsets into the file;
//! - line endings are kept as they are (`\r\n`, a lone `\r`), so that spans are offsets into
//!   the file as saved and `--fix` writes back the line endings it found;
//! - a draft that is only white space is an error: there is nothing to check.
//!
//! ```
//! use postlint_core::decode::{decode, DecodeError};
//!
//! let draft = decode(b"\xEF\xBB\xBFLet's touch base.\r\n".to_vec()).unwrap();
//! assert_eq!((draft.bom, draft.post()), (3, "Let's touch base.\r\n"));
//! assert_eq!(decode(b"caf\xE9".to_vec()), Err(DecodeError::NotUtf8 { valid_up_to: 3 }));
//! assert_eq!(decode(b" \r\n".to_vec()), Err(DecodeError::Empty));
//! ```

use std::fmt;

/// A draft file's text, ready to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The whole file as text, byte for byte (byte-order mark and line endings included).
    pub text: String,
    /// Bytes of a leading byte-order mark (0 or 3), which is not part of the post.
    pub bom: usize,
}

impl Decoded {
    /// The post: the text after the byte-order mark. Add [`Decoded::bom`] to the spans
    /// found in it to get offsets into [`Decoded::text`].
    pub fn post(&self) -> &str {
        &self.text[self.bom..]
    }
}

/// Why a file's bytes are not a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8: the bytes before `valid_up_to` are, the byte there is not.
    NotUtf8 {
        /// Offset of the first byte that is not part of valid UTF-8.
        valid_up_to: usize,
    },
    /// Nothing but white space (after any byte-order mark).
    Empty,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotUtf8 { valid_up_to } => write!(
                f,
                "not valid UTF-8 (first bad byte at offset {valid_up_to}); save the draft as \
                 UTF-8 text"
            ),
            DecodeError::Empty => f.write_str("the draft is empty; there is nothing to check"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a draft file's bytes (see the [module docs](self)). Takes the bytes by value so
/// that a valid file becomes its text without a copy.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let text = String::from_utf8(bytes).map_err(|e| DecodeError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })?;
    let bom = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    if text[bom..].trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, bom })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_byte_for_byte_and_only_one_bom_is_skipped() {
        let d = decode("\u{FEFF}\u{FEFF}a\r\nb\rc".as_bytes().to_vec()).unwrap();
        assert_eq!(d.text, "\u{FEFF}\u{FEFF}a\r\nb\rc");
        assert_eq!(d.bom, 3);
        assert_eq!(d.post(), "\u{FEFF}a\r\nb\rc");
    }

    #[test]
    fn bad_bytes_are_located() {
        assert_eq!(
            decode(b"ok \xF0\x9F\x98".to_vec()),
            Err(DecodeError::NotUtf8 { valid_up_to: 3 })
        );
        // A UTF-16 file, byte-order mark and all.
        assert_eq!(
            decode(b"\xFF\xFEh\0i\0".to_vec()),
            Err(DecodeError::NotUtf8 { valid_up_to: 0 })
        );
    }

    #[test]
    fn white_space_alone_is_empty_after_a_bom_too() {
        for empty in ["", "\u{FEFF}", "\u{FEFF} \r\n\t", "\u{2003}\u{3000}\n"] {
            assert_eq!(decode(empty.as_bytes().to_vec()), Err(DecodeError::Empty));
        }
        // A second byte-order mark is text (U+FEFF is not white space).
        assert!(decode("\u{FEFF}\u{FEFF}".as_bytes().to_vec()).is_ok());
    }
}
