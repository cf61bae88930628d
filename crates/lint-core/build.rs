//! Turns the gazetteers in `rules/data/*.txt` into sorted, folded static arrays, so the
//! binary starts with them ready (no parsing at start-up): one lexicon of every entry with a
//! bit per list, so a word is looked up once whatever it may be. The fold here must equal `text::fold`; a unit test checks every entry.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The same fold as `text::fold`: Unicode lower case, white space runs to one space,
/// typographic apostrophes to `'`.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02BC}') {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The Fx hash of a byte string, exactly as `detect::gazetteer::fx` computes it.
fn fx(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0;
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h
}

/// 16 bits of a hash for the slot's fingerprint (the low bits: the top ones place it).
fn fingerprint(h: u64) -> u32 {
    (h & 0xffff) as u32
}

/// The size of the given-name Bloom filter in 64-bit words (32 KiB: about one word in
/// twenty that is no given name passes it).
const GIVEN_BLOOM_WORDS: usize = 4096;

/// The filter bit of a hash, exactly as `detect::gazetteer::maybe_given` computes it: the
/// top bits, the well-mixed ones of a multiplicative hash.
fn given_bloom_bit(h: u64) -> usize {
    (h >> (64 - (GIVEN_BLOOM_WORDS * 64).trailing_zeros())) as usize
}

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/data");
    // Each list sets one bit of an entry's flags (see `detect::gazetteer::lex`).
    let lists = [
        (1u8, "given-names.txt"),
        (2, "surnames.txt"),
        (4, "name-words.txt"),
        (8, "uk-places.txt"),
        (16, "place-words.txt"),
    ];
    const PLACE: u8 = 8;
    const PLACE_PREFIX: u8 = 32;
    let mut lexicon: BTreeMap<String, u8> = BTreeMap::new();
    let mut place_max_words = 1;
    for (bit, file) in lists {
        let path = data.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        for entry in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
        {
            if bit == PLACE {
                // Every leading run of words of a multi-word place, so a lookup can stop as
                // soon as no place starts with the words read so far.
                let words: Vec<&str> = entry.split(' ').collect();
                place_max_words = place_max_words.max(words.len());
                for n in 1..words.len() {
                    *lexicon.entry(words[..n].join(" ")).or_default() |= PLACE_PREFIX;
                }
            }
            *lexicon.entry(entry).or_default() |= bit;
        }
    }
    let mut out = String::new();
    writeln!(out, "/// The longest place name, in words.").unwrap();
    writeln!(
        out,
        "pub(crate) const PLACE_MAX_WORDS: usize = {place_max_words};"
    )
    .unwrap();
    writeln!(
        out,
        "/// Generated from `rules/data/*.txt`: folded entries, sorted, with their flags."
    )
    .unwrap();
    writeln!(out, "pub(crate) static LEXICON: &[(&str, u8)] = &[").unwrap();
    for (entry, flags) in &lexicon {
        writeln!(out, "    ({entry:?}, {flags}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    // An open-addressing table over the lexicon, hashed here so start-up hashes nothing.
    // Each slot: the entry's index + 1 in the low 16 bits (0: empty) and 16 bits of the
    // hash above them, so a probe rejects another word without touching the entries.
    // Linear probing from the hash's top bits, at most half full.
    let mut slots = vec![0u32; (lexicon.len() * 2).next_power_of_two()];
    assert!(
        lexicon.len() < usize::from(u16::MAX),
        "lexicon too big for 16-bit slots"
    );
    let mask = slots.len() - 1;
    let shift = 64 - slots.len().trailing_zeros();
    for (i, entry) in lexicon.keys().enumerate() {
        let h = fx(entry.as_bytes());
        let mut at = (h >> shift) as usize;
        while slots[at] != 0 {
            at = (at + 1) & mask;
        }
        let index = u32::try_from(i + 1).expect("checked above");
        slots[at] = (fingerprint(h) << 16) | index;
    }
    writeln!(out, "/// Hash slots over `LEXICON` (see `lookup`).").unwrap();
    writeln!(out, "pub(crate) static SLOTS: [u32; {}] = [", slots.len()).unwrap();
    for chunk in slots.chunks(16) {
        let line: Vec<String> = chunk.iter().map(u32::to_string).collect();
        writeln!(out, "    {},", line.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    // A Bloom filter of the given names (one bit each, from hash bits the table does not
    // use for placing or fingerprinting), so most words can be told "no given name" from
    // one bit, without a probe of the table.
    let mut given = vec![0u64; GIVEN_BLOOM_WORDS];
    let mut any = vec![0u64; GIVEN_BLOOM_WORDS * 2];
    for (entry, flags) in &lexicon {
        let h = fx(entry.as_bytes());
        if flags & 1 != 0 {
            let bit = given_bloom_bit(h);
            given[bit / 64] |= 1 << (bit % 64);
        }
        let bit = (h >> (64 - (any.len() * 64).trailing_zeros())) as usize;
        any[bit / 64] |= 1 << (bit % 64);
    }
    writeln!(out, "/// Bloom filter over every entry (see `lookup_in`).").unwrap();
    writeln!(out, "pub(crate) static ANY_BLOOM: [u64; {}] = [", any.len()).unwrap();
    for chunk in any.chunks(8) {
        let line: Vec<String> = chunk.iter().map(u64::to_string).collect();
        writeln!(out, "    {},", line.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "/// Bloom filter over the given names (see `maybe_given`), {GIVEN_BLOOM_WORDS} words."
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) static GIVEN_BLOOM: [u64; {GIVEN_BLOOM_WORDS}] = ["
    )
    .unwrap();
    for chunk in given.chunks(8) {
        let line: Vec<String> = chunk.iter().map(u64::to_string).collect();
        writeln!(out, "    {},", line.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gazetteers.rs");
    std::fs::write(&dest, out).expect("write gazetteers.rs");
}
