//! Properties of the text layer and the engine that must hold for any input.

use postlint_core::Linter;
use postlint_core::text::Folded;
use proptest::prelude::*;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::builder()
        .house_rules(
            "props.toml",
            r#"
[[rule]]
id = "tone/props"
type = "terms"
severity = "info"
summary = "s"
message = "m {match}"
[rule.terms]
"zoë" = "x"
"i̇stanbul" = ""
"ß" = ""
"!!" = ""
"#,
        )
        .max_length(40)
        .build()
        .expect("builds")
});

/// Fix-safe phrases, one of whose suggestions is itself flagged (so fixing takes passes).
static FIXER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::builder()
        .house_rules(
            "fixer.toml",
            r#"
[[rule]]
id = "tone/fixer"
type = "terms"
severity = "info"
summary = "s"
message = "m {match}"
fix-safe = true
[rule.terms]
"going forward" = "touch base"
"touch base" = "talk"
"zoë" = "x"
"!!" = "!"
"#,
        )
        .build()
        .expect("builds")
});

/// Text drawn from pieces that exercise folding, phrases, emoji and line endings.
fn drafty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("touch base".to_string()),
        Just("Going forward".to_string()),
        Just("ZOË".to_string()),
        Just("İstanbul".to_string()),
        Just("\u{212A}".to_string()),
        Just("’".to_string()),
        Just("👩‍👩‍👧".to_string()),
        Just("e\u{301}".to_string()),
        Just("\r\n".to_string()),
        Just("!!".to_string()),
        Just("https://example.com/x".to_string()),
        Just("\u{FEFF}".to_string()),
        any::<char>().prop_map(String::from),
        "[a-zA-Z ]{0,8}",
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn spans_lie_on_char_boundaries_and_are_sorted(text in drafty()) {
        let found = LINTER.check(&text);
        for d in &found {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start));
            prop_assert!(text.is_char_boundary(d.span.end));
        }
        let keys: Vec<_> = found.iter().map(|d| (d.span.start, d.span.end, d.rule.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);
    }

    #[test]
    fn a_rule_never_reports_overlapping_spans(text in drafty()) {
        let found = LINTER.check(&text);
        for pair in found.windows(2) {
            if pair[0].rule == pair[1].rule {
                prop_assert!(pair[0].span.end <= pair[1].span.start, "{:?}", pair);
            }
        }
    }

    #[test]
    fn checking_is_deterministic(text in drafty()) {
        prop_assert_eq!(LINTER.check(&text), LINTER.check(&text));
    }

    #[test]
    fn folded_ranges_map_back_to_whole_chars(text in drafty(), a in 0usize..200, b in 0usize..200) {
        let folded = Folded::new(&text);
        let f = folded.as_str();
        let (mut lo, mut hi) = (a.min(b).min(f.len()), a.max(b).min(f.len()));
        while !f.is_char_boundary(lo) { lo -= 1; }
        while !f.is_char_boundary(hi) { hi += 1; }
        let (s, e) = folded.original_range(lo, hi);
        prop_assert!(s <= e && e <= text.len());
        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }

    #[test]
    fn fixing_settles_and_a_second_fix_changes_nothing(text in drafty()) {
        let once = FIXER.fix(&text);
        prop_assert!(once.settled);
        let twice = FIXER.fix(&once.text);
        prop_assert!(!twice.changed(), "{:?} -> {:?} -> {:?}", text, once.text, twice.text);
        prop_assert!(once.remaining.iter().all(|d| d.rule != "tone/fixer"));
    }

    #[test]
    fn each_pass_is_exactly_its_edits(text in drafty(), delete in any::<bool>()) {
        let mut found = FIXER.check(&text);
        if delete {
            for d in &mut found {
                d.suggestions = vec![String::new()];
            }
        }
        let fixed = postlint_core::fix::apply(&text, &found, |_| true);
        let mut out = text.clone();
        for f in fixed.fixes.iter().rev() {
            prop_assert_eq!(&text[f.span.range()], f.old.as_str());
            out.replace_range(f.span.range(), &f.new);
            // A deletion takes spaces and commas with it, never a line break.
            let breaks = |s: &str| s.matches(['\n', '\r']).count();
            let flagged = found.iter().find(|d| f.span.contains(d.span)).map_or(0, |d| breaks(&text[d.span.range()]));
            prop_assert_eq!(breaks(&f.old) - flagged, breaks(&f.new));
        }
        prop_assert_eq!(out, fixed.text);
    }
}
