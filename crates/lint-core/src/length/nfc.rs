//! NFC normalisation that remembers where each piece came from.
//!
//! X counts the NFC form of a post, but an overflow offset has to point into the text the caller
//! gave. Text that is already NFC (the common case, checked with `is_nfc_quick`) is used as is;
//! otherwise the text is normalised one normalisation segment at a time (a character that can
//! neither reorder nor compose with what precedes it starts a new segment, so the pieces
//! normalise independently) and each segment's offsets are kept.

use std::borrow::Cow;
use std::iter;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A text in NFC with a map back to the original.
pub(super) struct Nfc<'a> {
    text: Cow<'a, str>,
    /// The original, when normalising changed it. To map an offset back, its segments are
    /// walked again rather than kept: a record per changed segment took eight times the
    /// size of a decomposed draft.
    original: Option<&'a str>,
}

impl<'a> Nfc<'a> {
    pub(super) fn new(original: &'a str) -> Self {
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            return Nfc {
                text: Cow::Borrowed(original),
                original: None,
            };
        }
        let mut text = String::with_capacity(original.len() + original.len() / 8);
        for_each_piece(original, |piece, normalise| {
            if normalise {
                text.extend(piece.nfc());
            } else {
                text.push_str(piece);
            }
        });
        Nfc {
            text: Cow::Owned(text),
            original: Some(original),
        }
    }

    /// The NFC text.
    pub(super) fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a char boundary of the NFC text to a char boundary of the original. An offset inside
    /// a segment that normalisation changed maps to the segment's start.
    pub(super) fn to_original(&self, offset: usize) -> usize {
        let Some(original) = self.original else {
            return offset;
        };
        let mut nfc = 0;
        let mut found = None;
        let mut normalised = String::new();
        for_each_piece(original, |piece, normalise| {
            if found.is_some() {
                return;
            }
            let from = piece.as_ptr() as usize - original.as_ptr() as usize;
            let (len, same) = if normalise {
                normalised.clear();
                normalised.extend(piece.nfc());
                (normalised.len(), normalised == piece)
            } else {
                (piece.len(), true)
            };
            if offset < nfc + len {
                found = Some(if same { from + (offset - nfc) } else { from });
            }
            nfc += len;
        });
        found.unwrap_or(original.len())
    }
}

/// Calls `f(piece, normalise)` for consecutive, non-empty pieces that cover `original`:
/// runs of segments that are NFC already (`normalise` false), and single segments to
/// normalise. Segments made of one segment-starting character are already NFC; the others
/// normalise independently of each other.
fn for_each_piece(original: &str, mut f: impl FnMut(&str, bool)) {
    let mut push = |from: usize, to: usize, normalise: bool| {
        if let Some(piece) = original.get(from..to).filter(|p| !p.is_empty()) {
            f(piece, normalise);
        }
    };
    let mut copied = 0;
    let mut segment = 0;
    let mut clean = true;
    let mut chars = 0;
    for (i, c) in original.char_indices() {
        let starts = starts_segment(c);
        // A segment of thousands of combining marks (only a hostile draft has one) is
        // cut, so normalising it does not buffer them all at once.
        let cut = !starts && chars >= MAX_SEGMENT_CHARS;
        if i == 0 {
            clean = starts;
        } else if starts || cut {
            if !clean {
                push(copied, segment, false);
                push(segment, i, true);
                copied = i;
            }
            segment = i;
            clean = starts;
        } else {
            clean = false;
        }
        chars = if starts || cut { 1 } else { chars + 1 };
    }
    if clean {
        push(copied, original.len(), false);
    } else {
        push(copied, segment, false);
        push(segment, original.len(), true);
    }
}

/// The most chars normalised as one segment. Longer runs of combining marks are normalised a
/// part at a time, which bounds memory (a 20 MB draft of marks took 120 MB); their count can
/// then differ from X's only by a composition across a cut, in a draft no platform accepts.
const MAX_SEGMENT_CHARS: usize = 1024;

/// A character that neither reorders with nor composes onto what precedes it: canonical
/// combining class 0 and `NFC_Quick_Check=Yes` (characters that can be the second half of a
/// composition are `Maybe`).
fn starts_segment(c: char) -> bool {
    c < '\u{300}'
        || (canonical_combining_class(c) == 0 && is_nfc_quick(iter::once(c)) == IsNormalized::Yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_of_combining_marks_are_normalised_in_parts() {
        let marks = "\u{301}".repeat(3 * MAX_SEGMENT_CHARS + 7);
        let n = Nfc::new(&marks);
        assert_eq!(n.as_str(), marks, "one combining class: nothing moves");
        let mut pieces = 0;
        for_each_piece(&marks, |_, _| pieces += 1);
        assert!(pieces >= 4, "{pieces}");
        // The base char still takes the first mark; the rest stay as they are.
        let based = format!("a{marks}");
        let n = Nfc::new(&based);
        assert_eq!(n.as_str(), format!("\u{e1}{}", &marks[2..]));
        assert_eq!(n.to_original(n.as_str().len()), based.len());
    }

    #[test]
    fn nfc_text_is_borrowed() {
        let n = Nfc::new("plain text, café");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.to_original(3), 3);
    }

    #[test]
    fn pieces_normalise_like_the_whole() {
        let samples = [
            "cafe\u{301} ok",
            "A\u{30A}ngstro\u{308}m",
            "\u{1100}\u{1161}\u{11A8}\u{1100}\u{1161}", // Hangul jamo
            "\u{B47}\u{B3E} \u{BC6}\u{BBE}",            // two-part Indic vowels
            "a\u{301}\u{323}b\u{323}\u{301}",           // marks out of canonical order
            "\r\u{301}\n\u{301}x",                      // marks after controls
            "\u{FB2C}A\u{2126}\u{212B}",                // singletons and exclusions
            "\u{958}\u{93C}\u{94D}",                    // Devanagari composition exclusion
            "e\u{301}\u{302}\u{303}\u{304}\u{305}",
            "\u{301}\u{301}leading marks",
            "😷\u{301}🏽\u{FE0F}",
        ];
        for s in samples {
            let n = Nfc::new(s);
            let whole: String = s.nfc().collect();
            assert_eq!(n.as_str(), whole, "{s:?}");
        }
    }

    #[test]
    fn random_mixes_normalise_like_the_whole() {
        const POOL: &[char] = &[
            'a',
            'e',
            'A',
            ' ',
            '\u{301}',
            '\u{300}',
            '\u{323}',
            '\u{308}',
            '\u{345}',
            '\u{1100}',
            '\u{1161}',
            '\u{11A8}',
            '\u{AC00}',
            '\u{B47}',
            '\u{B3E}',
            '\u{B57}',
            '\u{FB2C}',
            '\u{2126}',
            '\u{212B}',
            '\u{958}',
            '\u{93C}',
            '\u{3099}',
            '\u{304B}',
            '\r',
            '\u{344}',
            '\u{F73}',
            '\u{1D15E}',
            '\u{1D165}',
            '😷',
            '\u{FE0F}',
            'é',
            'ǖ',
        ];
        let mut rng = crate::length::tests::Lcg(42);
        let mut next = || rng.next();
        for _ in 0..5000 {
            let len = next() % 12;
            let s: String = (0..len).map(|_| POOL[next() % POOL.len()]).collect();
            let n = Nfc::new(&s);
            let whole: String = s.nfc().collect();
            assert_eq!(n.as_str(), whole, "{s:?}");
            let mut last = 0;
            for (i, _) in n.as_str().char_indices() {
                let o = n.to_original(i);
                assert!(s.is_char_boundary(o) && o >= last, "{s:?} {i}");
                last = o;
            }
        }
    }

    #[test]
    fn offsets_map_back() {
        let s = "xe\u{301}y";
        let n = Nfc::new(s);
        assert_eq!(n.as_str(), "xéy");
        assert_eq!(n.to_original(0), 0);
        assert_eq!(n.to_original(1), 1, "the changed segment starts at e");
        assert_eq!(n.to_original(3), 4, "y");
        assert_eq!(n.to_original(4), s.len());
    }
}
