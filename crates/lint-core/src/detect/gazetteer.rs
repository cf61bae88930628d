//! The name and place lists in `rules/data/`, embedded in the binary and loaded once per
//! process on first use. Lookups hash one candidate token (or a few-word n-gram) at a time:
//! the draft is walked once, never once per name.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::text;

/// The Fx hash (as in rustc): lookups of short, trusted-list keys dominate name detection,
/// and SipHash's flood resistance buys nothing for a fixed embedded list.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// A set of folded entries, plus the longest entry in words (for n-gram lookups).
pub(crate) struct Gazetteer {
    entries: FxHashSet<String>,
    max_words: usize,
}

impl Gazetteer {
    fn from_lines(data: &str) -> Gazetteer {
        let mut max_words = 1;
        let entries = data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                max_words = max_words.max(l.split_whitespace().count());
                text::fold(l)
            })
            .collect();
        Gazetteer { entries, max_words }
    }

    /// Whether `folded` (already folded) is in the list.
    pub(crate) fn contains(&self, folded: &str) -> bool {
        self.entries.contains(folded)
    }

    /// The longest entry, in words.
    pub(crate) fn max_words(&self) -> usize {
        self.max_words
    }

    /// Number of entries.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Given names common in the UK, many origins.
pub(crate) static GIVEN: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_lines(include_str!("../../../../rules/data/given-names.txt")));
/// Surnames common in the UK, many origins.
pub(crate) static SURNAMES: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_lines(include_str!("../../../../rules/data/surnames.txt")));
/// Names that are also everyday English words (May, Will, Grace): need a cue.
pub(crate) static NAME_WORDS: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_lines(include_str!("../../../../rules/data/name-words.txt")));
/// UK towns, cities, boroughs and districts.
pub(crate) static PLACES: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_lines(include_str!("../../../../rules/data/uk-places.txt")));
/// Places whose names are also everyday words (Reading, Bath): need a preposition.
pub(crate) static PLACE_WORDS: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::from_lines(include_str!("../../../../rules/data/place-words.txt")));

/// A word of the draft: letters (and digits), with inner apostrophes and hyphens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into words in one pass. An apostrophe or hyphen belongs to a word only
/// between two letters ("O'Brien", "Mary-Jane", "Jayden's").
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if c.is_alphanumeric() || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Word { start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_fold() {
        assert!(GIVEN.len() > 1000 && SURNAMES.len() > 1000 && PLACES.len() > 1000);
        assert!(GIVEN.contains("jayden") || GIVEN.contains("mohammed"));
        assert!(PLACES.contains("peckham"));
        assert!(NAME_WORDS.contains("grace"));
        assert!(PLACES.max_words() >= 2);
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let t = "Saw Mary-Jane and O'Brien's kids - 'twas fine.";
        let w: Vec<&str> = words(t).iter().map(|w| &t[w.start..w.end]).collect();
        assert_eq!(
            w,
            [
                "Saw",
                "Mary-Jane",
                "and",
                "O'Brien's",
                "kids",
                "twas",
                "fine"
            ]
        );
    }
}
