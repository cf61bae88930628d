//! twitter-text conformance for X's length counter and URL extractor.
//!
//! Reads the team's copy of twitter-text's conformance files from `shared/` beside the
//! repository (see `shared/conformance/twitter-text/SOURCE.md`); the files are not copied into
//! the repository. When `shared/` is missing the tests say so on stderr and pass.
#![allow(clippy::print_stderr)]

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use postlint_core::length::{Platform, extract_urls, measure};
use unicode_normalization::UnicodeNormalization;
use yaml_rust2::{Yaml, YamlLoader};

const SHARED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/twitter-text/"
);

/// Loads a conformance file, or explains loudly why the test is skipped.
fn load(name: &str) -> Option<Yaml> {
    let path = PathBuf::from(SHARED).join(name);
    let Ok(text) = fs::read_to_string(&path) else {
        eprintln!(
            "\n!!!! SKIPPED: twitter-text conformance file {} not found.\n\
             !!!! Check out `shared/` beside the repository to run the X conformance tests.\n",
            path.display()
        );
        return None;
    };
    match YamlLoader::load_from_str(&text) {
        Ok(mut docs) if !docs.is_empty() => Some(docs.swap_remove(0)),
        Ok(_) => panic!("{} is empty", path.display()),
        Err(e) => panic!("{} does not parse: {e}", path.display()),
    }
}

fn group<'a>(doc: &'a Yaml, name: &str) -> &'a [Yaml] {
    match doc["tests"][name].as_vec() {
        Some(cases) if !cases.is_empty() => cases,
        _ => panic!("conformance group {name} is missing or empty"),
    }
}

fn text_of(case: &Yaml) -> &str {
    case["text"].as_str().expect("every case has a text")
}

fn description(case: &Yaml) -> &str {
    case["description"].as_str().unwrap_or("(no description)")
}

fn int(y: &Yaml) -> i64 {
    y.as_i64().expect("an integer")
}

fn utf16_len(s: &str) -> i64 {
    i64::try_from(s.encode_utf16().count()).expect("fits")
}

fn char_index(text: &str, byte: usize) -> i64 {
    i64::try_from(text[..byte].chars().count()).expect("fits")
}

/// Runs one weighted-length group: `weightedLength`, `valid` and `validRangeEnd`.
fn check_weighted_group(doc: &Yaml, name: &str) -> usize {
    let cases = group(doc, name);
    let mut failures = String::new();
    for case in cases {
        let text = text_of(case);
        let expected = &case["expected"];
        let m = measure(text, Platform::X, 280);
        let length = i64::try_from(m.length).expect("fits");
        let valid = m.invalid.is_empty() && m.length > 0 && m.length <= 280;
        let want_length = int(&expected["weightedLength"]);
        let want_valid = expected["valid"].as_bool().expect("valid is a bool");
        if length != want_length || valid != want_valid {
            let _ = writeln!(
                failures,
                "  {}: weightedLength {length} (want {want_length}), valid {valid} (want {want_valid})",
                description(case)
            );
            continue;
        }
        // validRangeEnd is the UTF-16 index, in the NFC text shifted by the length change
        // NFC made, of the last unit that still fits. It stops at invalid characters instead,
        // which `measure` reports separately, so those cases are not compared.
        if m.invalid.is_empty() {
            let nfc: String = text.nfc().collect();
            let in_nfc = measure(&nfc, Platform::X, 280);
            let last_fitting = match in_nfc.overflow_start {
                Some(o) => utf16_len(&nfc[..o]) - 1,
                None => utf16_len(&nfc) - 1,
            };
            let range_end = (last_fitting + utf16_len(text) - utf16_len(&nfc)).max(0);
            let want_end = int(&expected["validRangeEnd"]);
            if range_end != want_end {
                let _ = writeln!(
                    failures,
                    "  {}: validRangeEnd {range_end} (want {want_end})",
                    description(case)
                );
            }
            if nfc == text {
                assert_eq!(m.overflow_start, in_nfc.overflow_start);
            }
        }
        // Whatever the form, the overflow offset is a char boundary of the text as given.
        if let Some(o) = m.overflow_start {
            assert!(text.is_char_boundary(o), "{}", description(case));
        }
    }
    assert!(failures.is_empty(), "{name} failures:\n{failures}");
    eprintln!("{name}: {} of {} cases pass", cases.len(), cases.len());
    cases.len()
}

#[test]
fn weighted_length_v3() {
    let Some(doc) = load("validate.yml") else {
        return;
    };
    let n = check_weighted_group(&doc, "WeightedTweetsWithDiscountedEmojiCounterTest");
    assert!(n >= 20, "expected the whole v3 group, got {n} cases");
}

#[test]
fn unicode_directional_markers() {
    let Some(doc) = load("validate.yml") else {
        return;
    };
    check_weighted_group(&doc, "UnicodeDirectionalMarkerCounterTest");
}

/// Extraction cases that are knowingly out of scope, by description. None so far.
const EXTRACT_SKIPS: &[&str] = &[];

fn expected_strings(case: &Yaml) -> Vec<&str> {
    case["expected"]
        .as_vec()
        .expect("expected is a list")
        .iter()
        .map(|y| y.as_str().expect("a URL"))
        .collect()
}

fn check_url_strings(doc: &Yaml, file: &str, name: &str) {
    let cases = group(doc, name);
    let mut failures = String::new();
    let mut passed = 0;
    let mut skipped = 0;
    for case in cases {
        if EXTRACT_SKIPS.contains(&description(case)) {
            skipped += 1;
            continue;
        }
        let text = text_of(case);
        let got: Vec<&str> = extract_urls(text).into_iter().map(|r| &text[r]).collect();
        let want = expected_strings(case);
        if got == want {
            passed += 1;
        } else {
            let _ = writeln!(
                failures,
                "  {}: got {got:?}, want {want:?}",
                description(case)
            );
        }
    }
    eprintln!(
        "{file} {name}: {passed} of {} cases pass, {skipped} skipped",
        cases.len()
    );
    assert!(failures.is_empty(), "{name} failures:\n{failures}");
}

fn check_url_indices(doc: &Yaml, name: &str) {
    let cases = group(doc, name);
    let mut failures = String::new();
    for case in cases {
        let text = text_of(case);
        let got: Vec<(String, i64, i64)> = extract_urls(text)
            .into_iter()
            .map(|r| {
                let (s, e) = (char_index(text, r.start), char_index(text, r.end));
                (text[r].to_owned(), s, e)
            })
            .collect();
        let want: Vec<(String, i64, i64)> = case["expected"]
            .as_vec()
            .expect("expected is a list")
            .iter()
            .map(|u| {
                let idx = u["indices"].as_vec().expect("indices");
                let url = u["url"].as_str().expect("url").to_owned();
                (url, int(&idx[0]), int(&idx[1]))
            })
            .collect();
        if got != want {
            let _ = writeln!(
                failures,
                "  {}: got {got:?}, want {want:?}",
                description(case)
            );
        }
    }
    eprintln!("extract.yml {name}: {} cases pass", cases.len());
    assert!(failures.is_empty(), "{name} failures:\n{failures}");
}

#[test]
fn extract_urls_group() {
    let Some(doc) = load("extract.yml") else {
        return;
    };
    check_url_strings(&doc, "extract.yml", "urls");
    check_url_strings(&doc, "extract.yml", "tco_urls_with_params");
}

#[test]
fn extract_urls_with_indices_group() {
    let Some(doc) = load("extract.yml") else {
        return;
    };
    check_url_indices(&doc, "urls_with_indices");
    check_url_indices(&doc, "urls_with_directional_markers");
}

/// Every TLD on X's list is recognised after `https://twitter.`.
#[test]
fn tlds() {
    let Some(doc) = load("tlds.yml") else {
        return;
    };
    for name in ["country", "generic"] {
        check_url_strings(&doc, "tlds.yml", name);
    }
}

/// A URL counts 23 however long it is, in every conformance URL case.
#[test]
fn extracted_urls_weigh_23() {
    let Some(doc) = load("extract.yml") else {
        return;
    };
    for case in group(&doc, "urls") {
        let text = text_of(case);
        let urls = extract_urls(text);
        let nfc: String = text.nfc().collect();
        if urls.len() != 1 || nfc != text {
            continue;
        }
        let url = &text[urls[0].clone()];
        assert_eq!(
            measure(url, Platform::X, 280).length,
            23,
            "{}",
            description(case)
        );
    }
}
