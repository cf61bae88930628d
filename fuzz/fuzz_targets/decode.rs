//! The CLI's input decoding (`postlint_core::decode`) on any bytes: `Ok` keeps the bytes
//! exactly (line endings too) with at most one byte-order mark set aside, and a post that
//! is not blank; `Err` says where the first bad byte is, or that the draft is blank. A
//! decoded draft is checked the way the CLI checks it: spans found in the post, shifted
//! past the byte-order mark, lie on char boundaries of the file's text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_core::Linter;
use postlint_core::decode::{DecodeError, decode};
use postlint_fuzz::assert_diagnostics;
use std::sync::LazyLock;

static DEFAULT: LazyLock<Linter> =
    LazyLock::new(|| Linter::new().expect("the default rules build"));

fuzz_target!(|data: &[u8]| {
    match decode(data.to_vec()) {
        Ok(draft) => {
            assert_eq!(draft.text.as_bytes(), data, "decoding changed the bytes");
            assert!(draft.bom == 0 || draft.bom == 3);
            assert_eq!(draft.bom == 3, data.starts_with(b"\xEF\xBB\xBF"));
            assert!(!draft.post().trim().is_empty());
            let mut found = DEFAULT.check(draft.post());
            for d in &mut found {
                let spans =
                    std::iter::once(&mut d.span).chain(d.labels.iter_mut().map(|l| &mut l.span));
                for span in spans {
                    span.start += draft.bom;
                    span.end += draft.bom;
                }
            }
            assert_diagnostics(&draft.text, &found);
        }
        Err(DecodeError::NotUtf8 { valid_up_to }) => {
            let e = std::str::from_utf8(data).expect_err("valid UTF-8 refused");
            assert_eq!(valid_up_to, e.valid_up_to());
        }
        Err(DecodeError::Empty) => {
            let text = std::str::from_utf8(data).expect("valid UTF-8");
            assert!(
                text.strip_prefix('\u{FEFF}')
                    .unwrap_or(text)
                    .trim()
                    .is_empty()
            );
        }
    }
});
