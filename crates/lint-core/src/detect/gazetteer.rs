//! The name and place lists in `rules/data/`, merged at build time (`build.rs`) into one
//! sorted lexicon of folded entries, each with a bit per list, and hashed there too. A
//! word of the draft is looked up once, whatever it may turn out to be (a given name, a
//! surname, a place or the start of one): the draft is walked once, never once per name.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[cfg(test)]
use crate::text;

/// The bits of a lexicon entry.
pub(crate) mod lex {
    /// A given name common in the UK (many origins).
    pub(crate) const GIVEN: u8 = 1;
    /// A surname common in the UK (many origins).
    pub(crate) const SURNAME: u8 = 2;
    /// A name that is also an everyday English word (May, Will, Grace): needs a cue.
    pub(crate) const NAME_WORD: u8 = 4;
    /// A UK town, city, borough or district.
    pub(crate) const PLACE: u8 = 8;
    /// A place whose name is also an everyday word (Reading, Bath): needs a preposition.
    pub(crate) const PLACE_WORD: u8 = 16;
    /// The first words of a longer place name ("newcastle upon").
    pub(crate) const PLACE_PREFIX: u8 = 32;
}

include!(concat!(env!("OUT_DIR"), "/gazetteers.rs"));

/// Lexicon entry `i` (0-based) and its flags.
fn entry(i: usize) -> (&'static [u8], u8) {
    let (start, end) = (LEXICON_ENDS[i] as usize, LEXICON_ENDS[i + 1] as usize);
    (&LEXICON_TEXT.as_bytes()[start..end], LEXICON_FLAGS[i])
}

/// Every lexicon entry with its flags, in sorted order.
#[cfg(test)]
fn lexicon() -> impl Iterator<Item = (&'static str, u8)> {
    (0..LEXICON_FLAGS.len()).map(|i| {
        let (start, end) = (LEXICON_ENDS[i] as usize, LEXICON_ENDS[i + 1] as usize);
        (&LEXICON_TEXT[start..end], LEXICON_FLAGS[i])
    })
}

/// The flags of `folded` (already folded; several words joined by single spaces), or 0.
///
/// `build.rs` hashes the lexicon into [`SLOTS`] with [`fx`], so nothing is hashed at
/// start-up (building a map on first use cost about a millisecond of every run; a binary
/// search on every lookup instead cost a tenth of all checking time).
pub(crate) fn lookup(folded: &str) -> u8 {
    probe(fx(folded.as_bytes()), folded.as_bytes())
}

/// [`lookup`] of `buf[start..end]`, a word of a folded draft: a word of up to 8 bytes is
/// hashed from one 8-byte load that may reach past its end (within `buf`), masked, rather
/// than byte by byte, whose loop of varying length was mispredicted on most lookups.
pub(crate) fn lookup_in(buf: &[u8], start: usize, end: usize) -> u8 {
    let Some(key) = buf.get(start..end) else {
        return 0;
    };
    let h = fx_in(buf, start, end);
    // Most words looked up are in no list: one bit of a filter over every entry says so
    // without a probe of the table.
    if !in_bloom(&ANY_BLOOM, h) {
        return 0;
    }
    probe(h, key)
}

/// Whether `buf[start..end]`, a word of a folded draft, may be a given name: false means
/// [`lookup_in`] would not set [`lex::GIVEN`]. One bit of [`GIVEN_BLOOM`] (built with the
/// table by build.rs) answers for most words without a probe of the table.
pub(crate) fn maybe_given(buf: &[u8], start: usize, end: usize) -> bool {
    buf.get(start..end).is_some() && in_bloom(&GIVEN_BLOOM, fx_in(buf, start, end))
}

/// Whether hash `h`'s bit is set in a Bloom filter build.rs wrote: its top bits, the
/// well-mixed ones of a multiplicative hash.
fn in_bloom(filter: &[u64], h: u64) -> bool {
    let bit = (h >> (64 - (filter.len() * 64).trailing_zeros())) as usize;
    filter[bit / 64] >> (bit % 64) & 1 != 0
}

/// [`fx`] of `buf[start..end]` (in bounds), loading a short word's bytes at once.
fn fx_in(buf: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    match buf.get(start..start + 8) {
        Some(chunk) if len <= 8 => {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let keep = if len == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * len)) - 1
            };
            let mut h = FxHasher::default();
            if len > 0 {
                h.add(u64::from_le_bytes(word) & keep);
            }
            h.0
        }
        _ => fx(&buf[start..end]),
    }
}

/// Finds `key`, whose hash is `h`, in the table.
fn probe(h: u64, key: &[u8]) -> u8 {
    let mask = SLOTS.len() - 1;
    // The top bits place an entry, as build.rs did: the low bits of a multiplicative hash
    // are poor (they made probe runs long enough to cost a fifth of all checking time).
    let mut at = (h >> (64 - SLOTS.len().trailing_zeros())) as usize;
    // The low 16 bits are the fingerprint kept in each slot: a probe rejects another word
    // without reading the entries (most capitalised words are not names or places).
    let fingerprint = (h & 0xffff) as u32;
    loop {
        let slot = SLOTS[at];
        if slot == 0 {
            return 0;
        }
        if slot >> 16 == fingerprint {
            let (entry, flags) = entry((slot & 0xffff) as usize - 1);
            if entry == key {
                return flags;
            }
        }
        at = (at + 1) & mask;
    }
}

/// The Fx hash of a byte string (as rustc's, without the length or terminator); `build.rs`
/// has a copy that must stay the same, which the lexicon tests check.
pub(crate) fn fx(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// A set of short strings with a fast hasher, for the detectors' small word lists.
pub(crate) type FxHashSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
/// A map with the fast hasher.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The Fx hash (as in rustc): the detectors' word lists are fixed and trusted, so SipHash's
/// flood resistance buys nothing.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail, zero-padded, byte by byte: a copy of a variable length was a call
            // to memcpy on every lookup.
            let word = rest.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
            self.add(word);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_fold() {
        assert!(LEXICON_FLAGS.len() > 20_000);
        assert!(lookup("jayden") & lex::GIVEN != 0);
        assert!(lookup("okafor") & lex::SURNAME != 0);
        assert!(lookup("peckham") & lex::PLACE != 0);
        assert!(lookup("grace") & lex::NAME_WORD != 0);
        assert!(lookup("reading") & lex::PLACE_WORD != 0);
        assert!(lookup("newcastle upon") & lex::PLACE_PREFIX != 0);
        assert!(lookup("newcastle upon tyne") & lex::PLACE != 0);
        assert_eq!(lookup("because"), 0);
        assert!(
            lookup("stoke on trent") & lex::PLACE != 0
                || lookup("stoke-on-trent") & lex::PLACE != 0
        );
    }

    #[test]
    fn every_entry_passes_the_bloom_filters_and_most_other_words_do_not() {
        let mut others = 0;
        let mut passed = 0;
        for (entry, flags) in lexicon() {
            let buf = format!("{entry} and more");
            let maybe = maybe_given(buf.as_bytes(), 0, entry.len());
            // Nor does the filter over every entry turn one away.
            assert_eq!(lookup_in(buf.as_bytes(), 0, entry.len()), flags, "{entry}");
            if flags & lex::GIVEN != 0 {
                assert!(maybe, "{entry}");
            } else {
                others += 1;
                passed += usize::from(maybe);
            }
        }
        assert!(passed * 10 < others, "{passed} of {others} non-names pass");
        assert!(!maybe_given(b"the cat", 0, 3));
    }

    #[test]
    fn lookup_in_a_buffer_equals_lookup_of_the_word() {
        let buf = "jayden okafor met mary-jane in newcastle upon tyne, peckham";
        let mut start = 0;
        for word in buf.split([' ', ',']) {
            let end = start + word.len();
            assert_eq!(
                lookup_in(buf.as_bytes(), start, end),
                lookup(word),
                "{word}"
            );
            // And every prefix, so every length up to 8 is masked right.
            for cut in start..end {
                assert_eq!(
                    lookup_in(buf.as_bytes(), start, cut),
                    lookup(&buf[start..cut])
                );
                assert_eq!(
                    fx_in(buf.as_bytes(), start, cut),
                    fx(&buf.as_bytes()[start..cut])
                );
            }
            start = end + 1;
        }
        assert!(lookup_in(buf.as_bytes(), 0, 6) & lex::GIVEN != 0);
        assert_eq!(lookup_in(buf.as_bytes(), 5, 200), 0);
    }

    #[test]
    fn build_time_fold_equals_text_fold() {
        // build.rs folds with its own copy of the fold; every source line must agree.
        let sources = [
            (
                include_str!("../../../../rules/data/given-names.txt"),
                lex::GIVEN,
            ),
            (
                include_str!("../../../../rules/data/surnames.txt"),
                lex::SURNAME,
            ),
            (
                include_str!("../../../../rules/data/name-words.txt"),
                lex::NAME_WORD,
            ),
            (
                include_str!("../../../../rules/data/uk-places.txt"),
                lex::PLACE,
            ),
            (
                include_str!("../../../../rules/data/place-words.txt"),
                lex::PLACE_WORD,
            ),
        ];
        let entries: Vec<(&str, u8)> = lexicon().collect();
        for (raw, bit) in sources {
            for line in raw
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let key = text::fold(line);
                let i = entries.binary_search_by(|(e, _)| e.cmp(&key.as_str()));
                assert!(
                    i.is_ok_and(|i| entries[i].1 & bit != 0),
                    "{line:?} not found folded"
                );
            }
        }
        assert!(
            entries.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted and unique"
        );
    }
}
