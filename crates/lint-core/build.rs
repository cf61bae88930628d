//! Turns the gazetteers in `rules/data/*.txt` into sorted, folded static arrays, so the
//! binary starts with them ready (no parsing or hashing at start-up) and looks names up by
//! binary search. The fold here must equal `text::fold`; a unit test checks every entry.

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

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/data");
    let lists = [
        ("GIVEN_DATA", "given-names.txt"),
        ("SURNAMES_DATA", "surnames.txt"),
        ("NAME_WORDS_DATA", "name-words.txt"),
        ("PLACES_DATA", "uk-places.txt"),
        ("PLACE_WORDS_DATA", "place-words.txt"),
    ];
    let mut out = String::new();
    for (name, file) in lists {
        let path = data.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let mut entries: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect();
        entries.sort();
        entries.dedup();
        let max_words = entries
            .iter()
            .map(|e| e.split(' ').count())
            .max()
            .unwrap_or(1);
        writeln!(out, "/// Generated from `rules/data/{file}`.").unwrap();
        writeln!(
            out,
            "pub(crate) static {name}: RawGazetteer = RawGazetteer {{"
        )
        .unwrap();
        writeln!(out, "    max_words: {max_words},").unwrap();
        writeln!(out, "    entries: &[").unwrap();
        for e in &entries {
            writeln!(out, "        {e:?},").unwrap();
        }
        writeln!(out, "    ],\n}};").unwrap();
    }
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gazetteers.rs");
    std::fs::write(&dest, out).expect("write gazetteers.rs");
}
