//! Extended grapheme clusters (UAX #29), with a fast path for ASCII.
//!
//! Between two ASCII characters there is always a cluster boundary except inside CR LF, so runs
//! of ASCII are counted byte by byte; `unicode-segmentation` takes over from the last ASCII
//! character before anything else and hands back at the next ASCII pair. Restarting the
//! segmenter at a boundary it reported gives the same boundaries as one long run.

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// The byte offset where each grapheme cluster of a text starts, in order.
pub(super) struct GraphemeStarts<'a> {
    text: &'a str,
    pos: usize,
    /// The segmenter, with the offset its slice starts at, while outside ASCII.
    slow: Option<(usize, GraphemeIndices<'a>)>,
}

impl<'a> GraphemeStarts<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        GraphemeStarts {
            text,
            pos: 0,
            slow: None,
        }
    }
}

impl Iterator for GraphemeStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        loop {
            if let Some((base, it)) = &mut self.slow {
                let base = *base;
                let Some((offset, g)) = it.next() else {
                    self.slow = None;
                    self.pos = bytes.len();
                    return None;
                };
                let start = base + offset;
                let end = start + g.len();
                if g.len() == 1 && bytes.get(end).is_some_and(u8::is_ascii) {
                    self.slow = None;
                    self.pos = end;
                }
                return Some(start);
            }
            let start = self.pos;
            let &b = bytes.get(start)?;
            if b.is_ascii() {
                match bytes.get(start + 1) {
                    None => {
                        self.pos += 1;
                        return Some(start);
                    }
                    Some(&n) if n.is_ascii() => {
                        self.pos += if b == b'\r' && n == b'\n' { 2 } else { 1 };
                        return Some(start);
                    }
                    Some(_) => {}
                }
            }
            let rest = self.text.get(start..)?;
            self.slow = Some((start, rest.grapheme_indices(true)));
        }
    }
}

/// The number of grapheme clusters, and the start of the first one past `limit`.
pub(super) fn count(text: &str, limit: usize) -> (usize, Option<usize>) {
    let mut count = 0usize;
    let mut overflow = None;
    for start in GraphemeStarts::new(text) {
        count += 1;
        if count == limit.saturating_add(1) {
            overflow = Some(start);
        }
    }
    (count, overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_unicode_segmentation() {
        let samples = [
            "",
            "a",
            "plain ascii text\r\nwith CRLF\n\r",
            "e\u{301}e\u{301} x\u{301}",
            "a\u{200D}b",
            "🇯🇵🇺🇸🇦",
            "a🇯🇵🇺🇸🇦b",
            "👨\u{200D}👩\u{200D}👧 ok 👍🏽",
            "\u{1100}\u{1161}\u{11A8}a\u{1100}",
            "\u{600}1 \u{600}a", // prepend
            "\r\u{301}\n",
            "x\u{E0067}\u{E007F}",
            "日本語a\u{308}",
        ];
        for s in samples {
            let fast: Vec<usize> = GraphemeStarts::new(s).collect();
            let slow: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    #[test]
    fn random_mixes_agree() {
        const POOL: &[&str] = &[
            "a",
            " ",
            "\r",
            "\n",
            "\u{301}",
            "\u{200D}",
            "\u{FE0F}",
            "😷",
            "🏽",
            "🇯",
            "🇵",
            "\u{600}",
            "\u{1100}",
            "\u{1161}",
            "\u{11A8}",
            "\u{903}",
            "\u{915}",
            "\u{94D}",
            "日",
            "\u{E0067}",
            "\u{7F}",
            "\u{0}",
        ];
        let mut rng = crate::length::tests::Lcg(7);
        let mut next = || rng.next();
        for _ in 0..5000 {
            let len = next() % 16;
            let s: String = (0..len).map(|_| POOL[next() % POOL.len()]).collect();
            let fast: Vec<usize> = GraphemeStarts::new(&s).collect();
            let slow: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    #[test]
    fn counts_and_overflow() {
        assert_eq!(count("abc", 3), (3, None));
        assert_eq!(count("abcd", 3), (4, Some(3)));
        assert_eq!(count("e\u{301}e\u{301}", 1), (2, Some(3)));
        assert_eq!(count("", 0), (0, None));
    }
}
