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

/// A Bloom filter of `words` 64-bit words (a power of two) over `hashes`, one bit each, set
/// as `detect::gazetteer::in_bloom` reads it: the hash's top bits, the well-mixed ones of
/// a multiplicative hash.
fn bloom(words: usize, hashes: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut filter = vec![0u64; words];
    let shift = 64 - (words * 64).trailing_zeros();
    for h in hashes {
        let bit = (h >> shift) as usize;
        filter[bit / 64] |= 1 << (bit % 64);
    }
    filter
}

/// Writes `values` as `pub(crate) static NAME: [TYPE; N]`, `per_line` to a line.
fn write_array<T: std::fmt::Display>(
    out: &mut String,
    doc: &str,
    name_and_type: (&str, &str),
    values: &[T],
    per_line: usize,
) {
    let (name, ty) = name_and_type;
    writeln!(out, "/// {doc}").unwrap();
    writeln!(
        out,
        "pub(crate) static {name}: [{ty}; {}] = [",
        values.len()
    )
    .unwrap();
    for chunk in values.chunks(per_line) {
        let line: Vec<String> = chunk.iter().map(T::to_string).collect();
        writeln!(out, "    {},", line.join(", ")).unwrap();
    }
    writeln!(out, "];").unwrap();
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
    // One string of every entry and a table of where each ends, not a `&str` per entry:
    // a static array of references needs a load-time relocation per entry (40,000 of them,
    // 1.8 MB of relocations and pointers that every start-up had to patch and page in).
    let mut text = String::new();
    let mut ends: Vec<u32> = vec![0];
    for entry in lexicon.keys() {
        text.push_str(entry);
        ends.push(u32::try_from(text.len()).expect("lexicon under 4 GiB"));
    }
    writeln!(out, "pub(crate) static LEXICON_TEXT: &str = {text:?};").unwrap();
    write_array(
        &mut out,
        "Entry `i` is `LEXICON_TEXT[LEXICON_ENDS[i]..LEXICON_ENDS[i + 1]]`.",
        ("LEXICON_ENDS", "u32"),
        &ends,
        16,
    );
    let flags: Vec<u8> = lexicon.values().copied().collect();
    write_array(
        &mut out,
        "Entry `i`'s flags (see `detect::gazetteer::lex`).",
        ("LEXICON_FLAGS", "u8"),
        &flags,
        32,
    );
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
    write_array(
        &mut out,
        "Hash slots over `LEXICON` (see `lookup`).",
        ("SLOTS", "u32"),
        &slots,
        16,
    );
    // Bloom filters, so most words can be told "in no list" or "no given name" from one
    // bit, without a probe of the table: every entry in 64 KiB, the given names in 32 KiB
    // (about one word in twenty that is no given name passes).
    let hash = |(entry, _): (&String, &u8)| fx(entry.as_bytes());
    let any = bloom(8192, lexicon.iter().map(hash));
    let given = bloom(4096, lexicon.iter().filter(|(_, f)| **f & 1 != 0).map(hash));
    write_array(
        &mut out,
        "Bloom filter over every entry (see `lookup_in`).",
        ("ANY_BLOOM", "u64"),
        &any,
        8,
    );
    write_array(
        &mut out,
        "Bloom filter over the given names (see `maybe_given`).",
        ("GIVEN_BLOOM", "u64"),
        &given,
        8,
    );
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gazetteers.rs");
    std::fs::write(&dest, out).expect("write gazetteers.rs");
}
