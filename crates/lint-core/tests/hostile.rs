//! Hostile drafts and house rules through the public API: huge, odd or deeply nested input
//! finishes, and every span is a byte range on char boundaries. The binary's side (size
//! caps, FIFOs, invalid UTF-8, rendering, the panic hook) is in
//! `crates/lint-cli/tests/hostile.rs`.
//!
//! Sizes are chosen so that each test takes about a second in a debug build. Checking 50 MB
//! takes 13 to 18 s in a debug build (measured on one line of prose and on one letter
//! repeated), so the long-line test uses 4 MB; nothing in the engine depends on the size
//! beyond time and memory.

use postlint_core::{ConfigError, Diagnostic, Linter, PIECE_BYTES, Platform};

fn linter(platform: Platform) -> Linter {
    Linter::builder()
        .platform(platform)
        .build()
        .expect("default rules")
}

/// Checks `text` and asserts that every span and label is a byte range on char boundaries.
#[track_caller]
fn check(linter: &Linter, text: &str) -> Vec<Diagnostic> {
    let found = linter.check(text);
    for d in &found {
        let spans = std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
        for span in spans {
            assert!(
                span.start <= span.end
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{} has {span:?}, not on char boundaries",
                d.rule
            );
        }
    }
    found
}

/// (rule, start, end) of each finding.
fn spans(found: &[Diagnostic]) -> Vec<(&str, usize, usize)> {
    found
        .iter()
        .map(|d| (d.rule.as_str(), d.span.start, d.span.end))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Drafts

#[test]
fn a_long_single_line_is_checked_to_its_end() {
    let mut text = "lorem ipsum dolor sit amet ".repeat(4_000_000 / 27);
    text.push_str("we will touch base");
    let found = check(&linter(Platform::X), &text);
    let n = text.len();
    assert_eq!(
        spans(&found),
        [("length/limit", 280, n), ("jargon/managerial", n - 10, n)]
    );
}

#[test]
fn a_draft_checked_a_piece_at_a_time_loses_nothing_at_the_seams() {
    // A long draft is checked in pieces of at most PIECE_BYTES, each ending at a blank line.
    let unit = "We will touch base going forward.\n\n";
    // A line first, of a length that puts the last space before PIECE_BYTES between "touch"
    // and "base": a piece cut there instead of at a blank line would lose that phrase.
    let touch_end = "We will touch ".len();
    let first = (PIECE_BYTES % unit.len() + unit.len() - touch_end) % unit.len();
    let mut text = format!("{}\n", "x".repeat(first.max(2) - 1));
    text.push_str(&unit.repeat(10 * PIECE_BYTES / unit.len()));
    assert_eq!(&text[PIECE_BYTES - 6..PIECE_BYTES], "touch ");
    let linter = linter(Platform::X);
    let found = check(&linter, &text);
    let mut expected = vec![("length/limit", 280, text.len() - 2)];
    for (at, _) in text.match_indices(unit) {
        expected.push(("jargon/managerial", at + 8, at + 18));
        expected.push(("jargon/managerial", at + 19, at + 32));
    }
    expected.sort();
    assert!(
        found.is_sorted_by_key(|d| (d.span.start, d.span.end, d.rule.clone())),
        "in order, the length limit's finding among the pieces'"
    );
    let mut each = Vec::new();
    linter.check_each(&text, |d| each.push(d));
    assert!(each == found, "check_each hands over what check returns");
    let mut got = spans(&found);
    got.sort();
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "findings differ from one per phrase");
    // An archive holding such a draft checks it the same way.
    let posts = [text.as_str(), "Let's touch base."];
    let all: Vec<Vec<Diagnostic>> = linter.check_all(posts).map(|(_, f)| f).collect();
    assert_eq!(all, [found, linter.check(posts[1])]);
}

#[test]
fn a_million_tiny_lines_are_checked_to_their_end() {
    let mut text = "a\n".repeat(1_000_000);
    text.replace_range(1_000_000..1_000_002, "we will touch base\n");
    let at = text.find("touch").unwrap();
    let found = check(&linter(Platform::X), &text);
    // The final line ending is not part of the post.
    assert_eq!(
        spans(&found),
        [
            ("length/limit", 280, text.len() - 1),
            ("jargon/managerial", at, at + 10)
        ]
    );
}

#[test]
fn ten_thousand_zwj_sequences_are_never_split_where_graphemes_count() {
    // Man, woman, girl, boy joined by ZWJ: 7 chars, 25 bytes, one grapheme.
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    let text = vec![family; 10_000].join(" ");
    for platform in Platform::ALL {
        let found = check(&linter(platform), &text);
        let [length] = found.as_slice() else {
            panic!("{platform:?}: {:?}", spans(&found));
        };
        assert_eq!(length.rule, "length/limit");
        assert_eq!(length.span.end, text.len());
        let families_that_fit = match platform {
            // Weighted: an emoji sequence weighs 2 and a space 1, so 93 families fit in 280.
            Platform::X => Some(93),
            // Graphemes: a family and a space are 2, so 150 would fit in 300; but 115
            // families and spaces are already 2,990 bytes, and Bluesky refuses more than
            // 3,000 bytes of UTF-8, so the byte cap cuts first.
            Platform::Bluesky => Some(115),
            Platform::Mastodon => Some(250),
            // Characters (code points): the cut may fall inside a family.
            Platform::Threads | Platform::Linkedin => None,
        };
        if let Some(n) = families_that_fit {
            assert_eq!(length.span.start, n * (family.len() + 1), "{platform:?}");
        }
    }
}

#[test]
fn only_combining_marks_finish_on_every_platform() {
    // 100,000 combining acute accents with no base: one grapheme, 100,000 characters.
    let text = "\u{0301}".repeat(100_000);
    for platform in Platform::ALL {
        let found = check(&linter(platform), &text);
        let expected = match platform {
            Platform::X => Some(280),
            Platform::Threads => Some(500),
            Platform::Linkedin => Some(3000),
            // One grapheme.
            Platform::Mastodon => None,
            // One grapheme too, but 200,000 bytes: all of it goes (see below).
            Platform::Bluesky => None,
        };
        if platform == Platform::Bluesky {
            assert_eq!(spans(&found), [("length/limit", 0, text.len())]);
            assert!(found[0].message.contains("3000"), "{}", found[0].message);
        }
        if let Some(chars) = expected {
            assert_eq!(
                spans(&found),
                [("length/limit", chars * 2, text.len())],
                "{platform:?}"
            );
        }
    }
    // Marks before a word and between its letters.
    let text = "\u{0301}\u{0308} touch base t\u{0301}ouch base";
    let found = check(&linter(Platform::X), text);
    assert_eq!(spans(&found), [("jargon/managerial", 5, 15)]);
}

#[test]
fn nul_bytes_are_characters_like_any_other() {
    let text = "we\0will\0touch base\0\0";
    assert_eq!(
        spans(&check(&linter(Platform::X), text)),
        [("jargon/managerial", 8, 18)]
    );
    let text = "\0".repeat(100_000);
    let found = check(&linter(Platform::X), &text);
    assert_eq!(spans(&found), [("length/limit", 280, text.len())]);
}

#[test]
fn lone_cr_and_crlf_line_endings_keep_spans_as_byte_offsets() {
    for text in [
        "one\rtwo\rthree touch base\r",
        "one\r\ntwo\r\nthree touch base\r\n",
    ] {
        let at = text.find("touch").unwrap();
        assert_eq!(
            spans(&check(&linter(Platform::X), text)),
            [("jargon/managerial", at, at + 10)],
            "{text:?}"
        );
    }
}

#[test]
fn house_regexes_that_backtracking_engines_choke_on_run_in_linear_time() {
    let toml = r#"
[[rule]]
id = "confidentiality/nested-plus"
type = "pattern"
severity = "error"
summary = "s"
message = "m"
pattern = '(x+x+)+y'

[[rule]]
id = "confidentiality/anchored-plus"
type = "pattern"
severity = "error"
summary = "s"
message = "m"
pattern = '(a+)+$'

[[rule]]
id = "confidentiality/alternation"
type = "pattern"
severity = "error"
summary = "s"
message = "m"
pattern = '(a|aa)+b'
"#;
    let linter = Linter::builder()
        .house_rules("house.toml", toml)
        .max_length(usize::MAX)
        .build()
        .expect("house rules build");
    // A backtracking engine takes exponential time on each of these; the regex crate does
    // not backtrack, so they finish like any other 100 KB draft.
    assert!(check(&linter, &"x".repeat(100_000)).is_empty());
    let a = "a".repeat(100_000);
    assert_eq!(
        spans(&check(&linter, &a)),
        [("confidentiality/anchored-plus", 0, a.len())]
    );
    let ab = format!("{a}c");
    assert!(check(&linter, &ab).is_empty());
}

// ---------------------------------------------------------------------------------------
// House rules

fn house_err(toml: &str) -> ConfigError {
    match Linter::builder().house_rules("house.toml", toml).build() {
        Ok(_) => panic!("house rules should be rejected"),
        Err(e) => e,
    }
}

#[test]
fn house_rules_nested_ten_thousand_deep_are_errors_at_their_line() {
    let deep = 10_000;
    let key = vec!["a"; deep].join(".");
    let cases = [
        (
            format!("allow = {}{}\n", "[".repeat(deep), "]".repeat(deep)),
            (1, 89),
            "max recursion depth",
        ),
        (
            format!("x = {}1{}\n", "{a = ".repeat(deep), "}".repeat(deep)),
            (1, 405),
            "max recursion depth",
        ),
        (
            format!("[settings.\"jargon/acronym\"]\n{key} = 1\n"),
            (2, 1),
            "more than 80 parts",
        ),
        (format!("[{key}]\n"), (1, 2), "more than 80 parts"),
        (format!("[[{key}]]\n"), (1, 3), "more than 80 parts"),
    ];
    // The toml crate stops at 80 levels, so a small stack is plenty; this thread's stack
    // is a quarter of what a test thread usually has.
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            for (toml, at, message) in cases {
                let e = house_err(&toml);
                assert_eq!(e.file, "house.toml");
                assert_eq!(e.line_col(), Some(at), "{e}");
                assert!(e.message.contains(message), "{e}");
                assert!(e.help.is_some(), "{e}");
            }
        })
        .unwrap()
        .join()
        .expect("no stack overflow, no panic");
}

/// A house-rules file of about 10 MB: a terms rule with 2,000 phrases, a 1 MB explanation
/// and comments.
fn ten_megabytes_of_house_rules() -> String {
    let mut toml = String::with_capacity(10_500_000);
    toml.push_str(
        "[[rule]]\nid = \"jargon/house\"\ntype = \"terms\"\nseverity = \"warning\"\n\
         summary = \"Our phrases\"\nmessage = \"we agreed not to say “{match}”\"\n",
    );
    toml.push_str(&format!(
        "explanation = \"{}\"\n[rule.terms]\n",
        "Why. ".repeat(200_000)
    ));
    for i in 0..2_000 {
        toml.push_str(&format!("\"house phrase {i}\" = \"plain words\"\n"));
    }
    while toml.len() < 10_000_000 {
        toml.push_str("# notes from the team on why each phrase is on the list, kept here\n");
    }
    toml
}

#[test]
fn a_ten_megabyte_house_file_builds_and_its_errors_keep_their_line() {
    let toml = ten_megabytes_of_house_rules();
    let linter = Linter::builder()
        .house_rules("house.toml", toml.as_str())
        .build()
        .expect("a large house file builds");
    let text = "Remember house phrase 1999.";
    assert_eq!(spans(&check(&linter, text)), [("jargon/house", 9, 26)]);

    let toml = format!("{toml}[oops]\n");
    let last_line = toml.lines().count();
    let e = house_err(&toml);
    assert_eq!(e.line_col(), Some((last_line, 2)), "{e}");
    assert!(e.message.contains("unknown field `oops`"), "{e}");
}
