//! Precomputes what start-up would otherwise parse:
//!
//! - the gazetteers in `rules/data/*.txt`, as sorted, folded static arrays: one lexicon of
//!   every entry with a bit per list, so a word is looked up once whatever it may be. The
//!   fold here must equal `text::fold`; a unit test checks every entry;
//! - the default rule files in `rules/*.toml`, as their parsed TOML trees (see
//!   [`encode_rules`]); a unit test checks each against parsing the text.

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
    encode_rules();
}

/// The default rule files, in load order.
const RULE_FILES: [&str; 4] = [
    "length.toml",
    "jargon.toml",
    "confidentiality.toml",
    "tone.toml",
];

/// Parses each default rule file here, at build time, and writes its parsed tree (every
/// key and value with its span) in a compact form that `builtin::parsed` turns back into
/// the toml crate's tree without lexing or parsing: parsing the default rules was over
/// half of building the linter. The TOML stays the source; `builtin.rs` embeds both, and a
/// test checks that the two trees are the same.
///
/// The form, little-endian: each value is a tag byte, its span (two u32s) and its payload:
/// `s` a string (offset and length in the file's string blob, two u32s), `b` a boolean (a
/// byte), `l` any other scalar as its TOML literal (a string, parsed again on loading:
/// integers, floats and dates, a handful in all), `a` an array (a u32 count, then the
/// values), `t` a table (a u32 count, then per entry the key's span and string, then its
/// value).
fn encode_rules() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut index = String::from(
        "/// `(file name, TOML text, parsed tree, its string blob)` of every built-in rule file,\n\
         /// in load order (see `build.rs`).\n\
         pub const FILES: &[(&str, &str, &[u8], &str)] = &[\n",
    );
    for name in RULE_FILES {
        let path = rules.join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let table = toml::de::DeTable::parse(&text)
            .unwrap_or_else(|e| panic!("rules/{name} is not valid TOML: {e}"));
        let (mut nodes, mut strings) = (Vec::new(), String::new());
        let span = table.span();
        encode_table(table.get_ref(), span, &mut nodes, &mut strings);
        let nodes_path = Path::new(&out_dir).join(format!("{name}.tree"));
        let strings_path = Path::new(&out_dir).join(format!("{name}.strings"));
        std::fs::write(&nodes_path, nodes).expect("write a rule file's tree");
        std::fs::write(&strings_path, strings).expect("write a rule file's strings");
        writeln!(
            index,
            "    (\n        \"{name}\",\n        include_str!({:?}),\n        include_bytes!({:?}),\n        include_str!({:?}),\n    ),",
            path.display().to_string(),
            nodes_path.display().to_string(),
            strings_path.display().to_string()
        )
        .expect("write to a string");
    }
    index.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("builtin_files.rs"), index)
        .expect("write builtin_files.rs");
}

fn push_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(
        &u32::try_from(n)
            .expect("rule files are small")
            .to_le_bytes(),
    );
}

fn push_span(out: &mut Vec<u8>, span: std::ops::Range<usize>) {
    push_u32(out, span.start);
    push_u32(out, span.end);
}

fn push_str(out: &mut Vec<u8>, strings: &mut String, s: &str) {
    push_u32(out, strings.len());
    push_u32(out, s.len());
    strings.push_str(s);
}

fn encode_table(
    table: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
    out: &mut Vec<u8>,
    strings: &mut String,
) {
    out.push(b't');
    push_span(out, span);
    push_u32(out, table.len());
    for (key, value) in table {
        push_span(out, key.span());
        push_str(out, strings, key.get_ref());
        encode_value(value, out, strings);
    }
}

fn encode_value(
    value: &toml::Spanned<toml::de::DeValue<'_>>,
    out: &mut Vec<u8>,
    strings: &mut String,
) {
    use toml::de::DeValue;
    let span = value.span();
    match value.get_ref() {
        DeValue::Table(table) => encode_table(table, span, out, strings),
        DeValue::Array(items) => {
            out.push(b'a');
            push_span(out, span);
            push_u32(out, items.len());
            for item in items {
                encode_value(item, out, strings);
            }
        }
        DeValue::String(s) => {
            out.push(b's');
            push_span(out, span);
            push_str(out, strings, s);
        }
        DeValue::Boolean(b) => {
            out.push(b'b');
            push_span(out, span);
            out.push(u8::from(*b));
        }
        DeValue::Integer(i) => {
            out.push(b'l');
            push_span(out, span);
            push_str(out, strings, &i.to_string());
        }
        DeValue::Float(f) => {
            out.push(b'l');
            push_span(out, span);
            push_str(out, strings, &f.to_string());
        }
        DeValue::Datetime(d) => {
            out.push(b'l');
            push_span(out, span);
            push_str(out, strings, &d.to_string());
        }
    }
}
