//! What the fuzz targets assert, shared by all of them. The same properties as
//! `crates/lint-core/tests/properties.rs`, checked on whatever libFuzzer makes up.

use std::collections::HashMap;

use postlint_core::{ConfigError, Diagnostic, Linter, Span};

pub mod house;

/// A span lies inside `text` and on char boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a char"
    );
}

/// Diagnostics for `text` are well formed: spans (labels' too) inside the text and on char
/// boundaries, sorted by (start, end, rule), no two of one rule overlapping, and JSON
/// round-trips them exactly.
#[track_caller]
pub fn assert_diagnostics(text: &str, found: &[Diagnostic]) {
    let mut last_end: HashMap<&str, usize> = HashMap::new();
    for d in found {
        assert_span(text, d.span, &d.rule);
        for l in &d.labels {
            assert_span(text, l.span, &d.rule);
        }
        if let Some(&end) = last_end.get(d.rule.as_str()) {
            assert!(
                end <= d.span.start,
                "{} reports overlapping spans: ..{end} and {:?}",
                d.rule,
                d.span
            );
        }
        last_end.insert(&d.rule, d.span.end);
    }
    let keys: Vec<_> = found
        .iter()
        .map(|d| (d.span.start, d.span.end, &d.rule))
        .collect();
    assert!(keys.is_sorted(), "diagnostics not sorted: {keys:?}");
    let json = serde_json::to_string(found).expect("diagnostics serialise");
    let back: Vec<Diagnostic> = serde_json::from_str(&json).expect("JSON output parses");
    assert_eq!(back, found, "JSON does not round-trip");
}

/// Fixing settles, a second fix changes nothing, each pass is exactly its edits, and what
/// is left is what `check` says about the fixed text. `found` is `linter.check(text)`.
#[track_caller]
pub fn assert_fix(linter: &Linter, text: &str, found: &[Diagnostic]) {
    let once = linter.fix(text);
    assert!(
        once.settled,
        "fixing did not settle: {text:?} -> {:?}",
        once.text
    );
    if !once.changed() {
        // The fix's own check of the same text: checking is deterministic.
        assert_eq!(once.remaining, found, "two checks of one text differ");
    }
    let mut current = text.to_string();
    for pass in &once.passes {
        let mut out = current.clone();
        for f in pass.iter().rev() {
            assert_span(&current, f.span, &f.rule);
            assert_eq!(&current[f.span.range()], f.old, "a fix's old text is wrong");
            out.replace_range(f.span.range(), &f.new);
        }
        current = out;
    }
    assert_eq!(current, once.text, "replaying the passes' edits");
    assert_diagnostics(&once.text, &once.remaining);
    let twice = linter.fix(&once.text);
    assert!(
        !twice.changed(),
        "a second fix changed {:?} into {:?}",
        once.text,
        twice.text
    );
}

/// A house-rules error points into the house-rules file: its span (if any) lies inside the
/// text and on char boundaries, so a renderer can underline it.
#[track_caller]
pub fn assert_config_error(e: &ConfigError) {
    assert!(!e.message.is_empty(), "an error with no message");
    if let Some(span) = &e.span {
        assert_span(
            &e.source_text,
            Span {
                start: span.start,
                end: span.end,
            },
            &format!("config error {:?}", e.message),
        );
    }
    let _ = e.line_col();
    let _ = e.to_string();
}

/// A short draft touching every family of rule, checked with each linter a house-rules
/// target builds.
pub const DRAFT: &str = "Going forward we'll touch base with Kacper Nowak (SE15 2AB, \
07700 900410) about case LBX-204518 re: the hard to reach families!!! \
NOT HAPPY. Prior to the ASYE review, utilise the hub 🙄 /s\r\nThanks Zoë";
