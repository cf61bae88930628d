//! Properties of the text layer and the engine that must hold for any input.

mod drafts_strategy;

use postlint_core::text::Folded;
use postlint_core::{Diagnostic, Linter};
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

/// The default rules, after enough drafts that every lazily built matcher is built.
static WARM: LazyLock<Linter> = LazyLock::new(|| {
    let linter = Linter::new().expect("builds");
    for n in 0..64 {
        linter.check(&"Going forward we will touch base. ".repeat(n));
    }
    linter
});

/// Text drawn from pieces that exercise folding, phrases, emoji and line endings, and the
/// shared hostile pieces (see `drafts_strategy`).
fn drafty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        drafts_strategy::piece(),
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn checking_posts_one_by_one_equals_checking_them_in_one_call(
        posts in proptest::collection::vec(drafty(), 0..6),
    ) {
        for linter in [&*LINTER, &*WARM] {
            let one_by_one: Vec<Vec<Diagnostic>> = posts.iter().map(|p| linter.check(p)).collect();
            let (echoed, together): (Vec<&String>, Vec<Vec<Diagnostic>>) =
                linter.check_all(&posts).unzip();
            prop_assert!(echoed.into_iter().eq(&posts), "each post comes back with its findings");
            prop_assert_eq!(&one_by_one, &together);
        }
    }

    #[test]
    fn diagnostics_round_trip_through_json(text in drafty()) {
        for linter in [&*LINTER, &*WARM] {
            let found = linter.check(&text);
            let json = serde_json::to_string(&found).expect("serialises");
            let back: Vec<Diagnostic> = serde_json::from_str(&json).expect("parses");
            prop_assert_eq!(back, found);
        }
    }
}

// Concatenating posts is not checked against checking them one by one: a post is the unit
// the rules judge, so joining posts changes what is right to report. The length limit counts
// the whole text, an acronym spelled out in one post explains it in the next, a name's care
// cue or an identifying combination can sit in the post before, and phrases match across
// white space (so "touch" ending one post and "base" starting the next is "touch base").

proptest! {
    // Each case builds a linter (tens of milliseconds in a debug build).
    #![proptest_config(ProptestConfig::with_cases(4))]

    /// A fresh linter searches short drafts phrase by phrase and long ones with an NFA; a
    /// linter that has checked many drafts uses a DFA. What they find is the same. (Fewer
    /// posts than it takes a fresh linter to build its DFA, which is slow in a debug build.)
    #[test]
    fn findings_do_not_depend_on_what_the_linter_checked_before(
        posts in proptest::collection::vec((drafty(), 1..6usize), 24),
    ) {
        let posts: Vec<String> = posts.into_iter().map(|(p, k)| p.repeat(k)).collect();
        let fresh = Linter::new().expect("builds");
        for (post, found) in fresh.check_all(&posts) {
            prop_assert_eq!(&found, &WARM.check(post), "{:?}", post);
        }
    }
}
