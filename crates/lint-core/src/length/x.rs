//! X's weighted length: twitter-text `parseTweet` with config v3.
//!
//! The text is normalised to NFC; then each URL weighs 23, each emoji sequence 2 and every other
//! code point 1 or 2 depending on its range (`config-v3.json`: weight 100 for U+0000–U+10FF,
//! U+2000–U+200D, U+2010–U+201F and U+2032–U+2037, default 200, scale 100).

use std::ops::Range;

use super::Measure;
use super::emoji;
use super::nfc::Nfc;
use super::url::{Dialect, UrlFinder};

/// `transformedURLLength`.
const URL_WEIGHT: usize = 23;
/// `defaultWeight / scale`: emoji sequences and characters outside the light ranges.
const HEAVY: usize = 2;

/// The weighted length of `text` as X counts it (twitter-text v3): what
/// [`measure`](super::measure) reports for [`Platform::X`](super::Platform::X).
pub fn x_weighted_length(text: &str) -> usize {
    let nfc = Nfc::new(text);
    walk(nfc.as_str(), usize::MAX).0
}

pub(super) fn measure(text: &str, limit: usize) -> Measure {
    let nfc = Nfc::new(text);
    let (length, overflow) = walk(nfc.as_str(), limit);
    Measure {
        length,
        limit,
        overflow_start: overflow.map(|o| nfc.to_original(o)),
        invalid: invalid_chars(text),
        byte_overflow_start: None,
    }
}

/// Counts `text` (already NFC) in one pass; returns the length and the start of the first unit
/// that takes the count above `limit`.
fn walk(text: &str, limit: usize) -> (usize, Option<usize>) {
    let bytes = text.as_bytes();
    let mut urls = UrlFinder::new(text, Dialect::X);
    let mut next_url = urls.next();
    let mut count = 0usize;
    let mut overflow = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        while next_url.as_ref().is_some_and(|u| u.start < i) {
            next_url = urls.next(); // cannot happen: units never straddle a URL start
        }
        let url_start = next_url.as_ref().map_or(bytes.len(), |u| u.start);
        if i < url_start && PLAIN[usize::from(b)] {
            // The common case, a run of ASCII that is no URL, emoji or keycap, each byte
            // weighing 1: counted in one go, not unit by unit.
            let run = bytes[i..url_start]
                .iter()
                .position(|&b| !PLAIN[usize::from(b)])
                .unwrap_or(url_start - i);
            if overflow.is_none() && count.saturating_add(run) > limit {
                overflow = Some(i + limit.saturating_sub(count));
            }
            count = count.saturating_add(run);
            i += run;
            continue;
        }
        let (weight, len) = if let Some(url) = next_url.as_ref().filter(|u| u.start == i) {
            let len = url.end - url.start;
            next_url = urls.next();
            (URL_WEIGHT, len)
        } else if let Some(len) = emoji::sequence_len(text, i) {
            (HEAVY, len)
        } else if b < 0x80 {
            (1, 1)
        } else {
            let c = text
                .get(i..)
                .and_then(|t| t.chars().next())
                .unwrap_or('\u{FFFD}');
            (char_weight(c), c.len_utf8())
        };
        count = count.saturating_add(weight);
        if overflow.is_none() && count > limit {
            overflow = Some(i);
        }
        i += len;
    }
    (count, overflow)
}

/// ASCII bytes that are a unit of weight 1 on their own: not `#`, `*` or a digit, which
/// may start a keycap emoji.
static PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        plain[b] = !matches!(b as u8, b'#' | b'*' | b'0'..=b'9');
        b += 1;
    }
    plain
};

/// The weight of one code point in config v3.
fn char_weight(c: char) -> usize {
    match u32::from(c) {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => HEAVY,
    }
}

/// Byte ranges of U+FFFE, U+FEFF and U+FFFF, which make a post invalid on X.
fn invalid_chars(text: &str) -> Vec<Range<usize>> {
    // All three are EF BB BF / EF BF BE / EF BF BF in UTF-8; NFC leaves them alone.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = bytes
        .get(from..)
        .and_then(|b| b.iter().position(|&x| x == 0xEF))
    {
        let i = from + pos;
        if matches!(
            bytes.get(i + 1..i + 3),
            Some([0xBB, 0xBF] | [0xBF, 0xBE] | [0xBF, 0xBF])
        ) {
            out.push(i..i + 3);
        }
        from = i + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`walk`] unit by unit, as it was before plain ASCII runs were counted in one go.
    fn walk_by_unit(text: &str, limit: usize) -> (usize, Option<usize>) {
        let bytes = text.as_bytes();
        let mut urls = UrlFinder::new(text, Dialect::X);
        let mut next_url = urls.next();
        let (mut count, mut overflow, mut i) = (0usize, None, 0);
        while let Some(&b) = bytes.get(i) {
            while next_url.as_ref().is_some_and(|u| u.start < i) {
                next_url = urls.next();
            }
            let (weight, len) = if let Some(url) = next_url.as_ref().filter(|u| u.start == i) {
                let len = url.end - url.start;
                next_url = urls.next();
                (URL_WEIGHT, len)
            } else if b < 0x80 && !matches!(b, b'#' | b'*' | b'0'..=b'9') {
                (1, 1)
            } else if let Some(len) = emoji::sequence_len(text, i) {
                (HEAVY, len)
            } else if b < 0x80 {
                (1, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                (char_weight(c), c.len_utf8())
            };
            count = count.saturating_add(weight);
            if overflow.is_none() && count > limit {
                overflow = Some(i);
            }
            i += len;
        }
        (count, overflow)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn counting_runs_at_once_equals_counting_unit_by_unit(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "word ", ". ", "#", "#tag ", "1", "2\u{20E3}", "*", "é", "日本",
                    "\u{2014}", "👍🏽", "👨\u{200D}👩", " example.com ", "http://a.co/x ",
                    "https://t.co", "a.b", "@user ", "\n", "\u{FEFF}",
                ]),
                0..40,
            ),
            limit in 0usize..60,
        ) {
            let text: String = pieces.concat();
            prop_assert_eq!(walk(&text, limit), walk_by_unit(&text, limit));
        }
    }

    fn len(text: &str) -> usize {
        x_weighted_length(text)
    }

    #[test]
    fn weights_by_range() {
        assert_eq!(len(""), 0);
        assert_eq!(len("abc"), 3);
        assert_eq!(len("Ελλάδα Россия עברית"), 19);
        assert_eq!(len("日本語"), 6);
        assert_eq!(len("한국어"), 6);
        assert_eq!(
            len("\u{2014}\u{201C}\u{2032}"),
            3,
            "dashes, quotes, primes are light"
        );
        assert_eq!(len("\u{2026}\u{2122}"), 4, "ellipsis and ™ are heavy");
        assert_eq!(len("\u{10FF}\u{1100}"), 3);
    }

    #[test]
    fn urls_weigh_23() {
        assert_eq!(len("http://test.co"), 23);
        assert_eq!(len("Hi http://test.co"), 26);
        assert_eq!(len("example.com"), 23);
        assert_eq!(len("example.com/a/very/long/path/that/goes/on"), 23);
        assert_eq!(len("a.b"), 3, "not a TLD");
    }

    #[test]
    fn emoji_sequences_weigh_2() {
        assert_eq!(len("😷👾😡🔥💩"), 10);
        assert_eq!(len("🙋🏽👨\u{200D}🎤"), 4);
        assert_eq!(len("1\u{20E3}"), 2);
        assert_eq!(len("©"), 1);
        assert_eq!(len("©\u{FE0F}"), 2);
        assert_eq!(len("🇯🇵"), 2);
        assert_eq!(len("H🐱☺👨\u{200D}👩\u{200D}👧\u{200D}👦"), 7);
    }

    #[test]
    fn normalises_first() {
        assert_eq!(len("A\u{301}B"), 2);
        assert_eq!(
            len("A\u{FB2C}"),
            4,
            "U+FB2C decomposes into three light code points"
        );
    }

    #[test]
    fn invalid_characters_are_reported_and_weighed() {
        let text = "ABC\u{202A}\u{FFFF}ABC\u{FFFE}";
        let m = measure(text, 280);
        assert_eq!(m.length, 12);
        assert_eq!(m.invalid, [6..9, 12..15]);
        let bom = measure("\u{FEFF}x", 280).invalid;
        assert_eq!((bom.len(), bom.first()), (1, Some(&(0..3))));
        assert!(measure("\u{FFFD}\u{EFBF}", 280).invalid.is_empty());
    }

    #[test]
    fn overflow_points_into_the_original_text() {
        // 279 light characters, then a decomposed Á (one unit after NFC), then more.
        let text = format!("{}A\u{301}xyz", "x".repeat(279));
        let m = measure(&text, 280);
        assert_eq!(m.length, 283);
        assert_eq!(m.overflow_start, Some(282), "x after the Á");
        let m = measure(&format!("{}A\u{301}x", "x".repeat(280)), 280);
        assert_eq!(m.overflow_start, Some(280), "the Á, both code points");
        // A URL is one unit.
        let m = measure(&format!("{} http://example.com/long", "x".repeat(270)), 280);
        assert_eq!((m.length, m.overflow_start), (294, Some(271)));
        // An emoji sequence is one unit.
        let m = measure(&format!("{}👍🏽", "x".repeat(279)), 280);
        assert_eq!((m.length, m.overflow_start), (281, Some(279)));
    }
}
