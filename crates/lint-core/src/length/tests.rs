//! Table tests for every platform, and a property-style sweep over odd inputs.

use super::*;

const FAMILY: &str = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
const FLAG: &str = "🇯🇵";
const KEYCAP: &str = "1\u{FE0F}\u{20E3}";
const THUMB_TONE: &str = "👍🏽";
const CAFE_NFC: &str = "caf\u{E9}";
const CAFE_NFD: &str = "cafe\u{301}";

struct Case {
    platform: Platform,
    text: String,
    limit: usize,
    length: usize,
    overflow: Option<usize>,
}

fn case(platform: Platform, text: impl Into<String>, limit: usize, length: usize) -> Case {
    Case {
        platform,
        text: text.into(),
        limit,
        length,
        overflow: None,
    }
}

fn over(
    platform: Platform,
    text: impl Into<String>,
    limit: usize,
    length: usize,
    at: usize,
) -> Case {
    Case {
        overflow: Some(at),
        ..case(platform, text, limit, length)
    }
}

fn run(cases: &[Case]) {
    for c in cases {
        let m = measure(&c.text, c.platform, c.limit);
        let shown: String = c.text.chars().take(60).collect();
        assert_eq!(
            (m.length, m.overflow_start),
            (c.length, c.overflow),
            "{:?} limit {}: {shown:?}",
            c.platform,
            c.limit
        );
        assert_eq!(m.limit, c.limit);
    }
}

fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

#[test]
fn x_table() {
    use Platform::X;
    run(&[
        case(X, "", 280, 0),
        case(X, "hello world", 280, 11),
        case(X, CAFE_NFC, 280, 4),
        case(X, CAFE_NFD, 280, 4),
        case(X, "日本語のテキスト", 280, 16),
        case(X, FAMILY, 280, 2),
        case(X, FLAG, 280, 2),
        case(X, KEYCAP, 280, 2),
        case(X, "1\u{20E3}", 280, 2),
        case(X, THUMB_TONE, 280, 2),
        case(X, "https://example.com/a/long/path?q=1", 280, 23),
        case(X, "example.com", 280, 23),
        case(X, "see example.com.", 280, 28),
        case(X, "foo.baz", 280, 7),
        case(X, rep("x", 280), 280, 280),
        over(X, rep("x", 281), 280, 281, 280),
        case(X, rep("日", 140), 280, 280),
        over(X, rep("日", 141), 280, 282, 420),
        over(X, rep("x", 279) + "😷", 280, 281, 279),
        case(X, rep(FAMILY, 140), 280, 280),
        over(X, rep(FAMILY, 141), 280, 282, 140 * FAMILY.len()),
        over(X, rep(CAFE_NFD, 71), 280, 284, 70 * CAFE_NFD.len()),
        over(X, rep("e\u{301}", 281), 280, 281, 280 * 3),
        over(X, rep("x", 258) + " https://example.com", 280, 282, 259),
        case(X, rep("x", 256) + " https://example.com", 280, 280),
        over(X, "ab", 1, 2, 1),
        over(X, "a", 0, 1, 0),
    ]);
}

#[test]
fn bluesky_table() {
    use Platform::Bluesky;
    run(&[
        case(Bluesky, "hello", 300, 5),
        case(Bluesky, CAFE_NFC, 300, 4),
        case(Bluesky, CAFE_NFD, 300, 4),
        case(Bluesky, "日本語", 300, 3),
        case(Bluesky, FAMILY, 300, 1),
        case(Bluesky, FLAG, 300, 1),
        case(Bluesky, KEYCAP, 300, 1),
        case(Bluesky, THUMB_TONE, 300, 1),
        case(Bluesky, "\u{1100}\u{1161}\u{11A8}", 300, 1),
        case(Bluesky, "https://example.com/very/long", 300, 29),
        case(Bluesky, "example.com", 300, 11),
        case(Bluesky, rep("x", 300), 300, 300),
        over(Bluesky, rep("x", 301), 300, 301, 300),
        over(Bluesky, rep(FAMILY, 301), 300, 301, 300 * FAMILY.len()),
        over(Bluesky, rep(CAFE_NFD, 76), 300, 304, 75 * CAFE_NFD.len()),
    ]);
}

#[test]
fn bluesky_caps_bytes_too_and_cuts_between_clusters() {
    use super::BLUESKY_MAX_BYTES;
    let m = |t: &str| measure(t, Platform::Bluesky, 300);
    // At the cap, and at the grapheme limit: nothing to cut.
    assert_eq!(m(&rep("x", 300)).byte_overflow_start, None);
    assert_eq!(m(&rep("é", 1500)).byte_overflow_start, None); // 3000 bytes
    // 121 families: 121 graphemes (fine) but 3025 bytes. The cut falls at the start of
    // the family that crosses the cap, never inside one.
    assert_eq!(FAMILY.len(), 25);
    assert_eq!(m(&rep(FAMILY, 120)).byte_overflow_start, None); // exactly 3000 bytes
    let families = rep(FAMILY, 121);
    let got = m(&families);
    assert_eq!((got.length, got.overflow_start), (121, None));
    let fit = BLUESKY_MAX_BYTES / FAMILY.len();
    assert_eq!(got.byte_overflow_start, Some(fit * FAMILY.len()));
    // One byte over: the last char goes.
    let text = format!("{}é", rep("x", 2999));
    assert_eq!(m(&text).byte_overflow_start, Some(2999));
    // Other platforms have no byte cap.
    for p in [
        Platform::X,
        Platform::Mastodon,
        Platform::Threads,
        Platform::Linkedin,
    ] {
        assert_eq!(
            measure(&families, p, 500).byte_overflow_start,
            None,
            "{p:?}"
        );
    }
}

#[test]
fn mastodon_table() {
    use Platform::Mastodon;
    run(&[
        case(Mastodon, "hello", 500, 5),
        case(Mastodon, CAFE_NFD, 500, 4),
        case(Mastodon, "日本語", 500, 3),
        case(Mastodon, FAMILY, 500, 1),
        case(Mastodon, FLAG, 500, 1),
        case(Mastodon, THUMB_TONE, 500, 1),
        case(
            Mastodon,
            format!("https://example.com/{}", rep("p", 100)),
            500,
            23,
        ),
        case(Mastodon, "example.com", 500, 11),
        case(Mastodon, "@alice@mastodon.social", 500, 6),
        case(Mastodon, "hi @alice@mastodon.social!", 500, 10),
        case(Mastodon, rep("x", 500), 500, 500),
        over(Mastodon, rep("x", 501), 500, 501, 500),
        over(
            Mastodon,
            rep("x", 478) + " https://example.com",
            500,
            502,
            479,
        ),
        case(Mastodon, rep("x", 476) + " https://example.com", 500, 500),
        over(
            Mastodon,
            rep("x", 495) + " @alice@mastodon.social",
            500,
            502,
            500,
        ),
    ]);
}

#[test]
fn threads_and_linkedin_tables() {
    use Platform::{Linkedin, Threads};
    run(&[
        case(Threads, "hello", 500, 5),
        case(Threads, CAFE_NFC, 500, 4),
        case(Threads, CAFE_NFD, 500, 5),
        case(Threads, "日本語", 500, 3),
        case(Threads, FAMILY, 500, 7),
        case(Threads, FLAG, 500, 2),
        case(Threads, "https://example.com/x", 500, 21),
        case(Threads, rep("x", 500), 500, 500),
        over(Threads, rep("x", 501), 500, 501, 500),
        over(Threads, rep("é", 501), 500, 501, 1000),
        case(Linkedin, rep("x", 3000), 3000, 3000),
        over(Linkedin, rep("日", 3001), 3000, 3001, 9000),
        case(Linkedin, THUMB_TONE, 3000, 2),
    ]);
}

#[test]
fn platform_names() {
    for p in Platform::ALL {
        assert_eq!(Platform::from_name(p.name()), Some(p));
        assert!(!p.unit().is_empty());
        assert!(p.default_limit() > 0);
    }
    assert_eq!(Platform::from_name("X"), Some(Platform::X));
    assert_eq!(Platform::from_name("twitter"), None);
}

#[test]
fn text_is_not_trimmed() {
    assert_eq!(measure("  hi  ", Platform::X, 280).length, 6);
    assert_eq!(measure("  hi  ", Platform::Bluesky, 300).length, 6);
    assert_eq!(measure("\n\n", Platform::Threads, 500).length, 2);
}

/// A small deterministic generator, so the sweeps need no extra dependency (shared with
/// the grapheme and NFC unit tests).
pub(super) struct Lcg(pub(super) u64);

impl Lcg {
    pub(super) fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or_default()
    }
}

const POOL: &[&str] = &[
    "a",
    "Z",
    "1",
    " ",
    ".",
    "/",
    "-",
    "_",
    ":",
    "é",
    "e\u{301}",
    "\u{301}",
    "\u{323}",
    "\u{200D}",
    "\u{FE0F}",
    "\u{FE0E}",
    "\u{20E3}",
    "😷",
    "👍",
    "🏽",
    "🇯",
    "🇵",
    "🏴",
    "\u{E0067}",
    "\u{E007F}",
    "日",
    "\u{0}",
    "\u{FFFF}",
    "\u{FEFF}",
    "\u{FFFE}",
    "\u{202A}",
    "http://",
    "https://",
    "x.com",
    "co",
    "@",
    "@u@h.io",
    "\u{1100}",
    "\u{1161}",
    "\u{11A8}",
    "\r",
    "\n",
    "(",
    ")",
    "?",
    "#",
    "*",
    "©",
    "ﬁ",
    "\u{FB2C}",
    "\u{2126}",
    "xn--",
    "t.co/",
    "\u{B47}",
    "\u{B3E}",
    "み",
    "。",
    "\u{3000}",
    "'",
    "!",
];

fn check_invariants(text: &str) {
    for platform in Platform::ALL {
        for limit in [0, 1, 3, 10, 280] {
            let m = measure(text, platform, limit);
            assert_eq!(
                m.overflow_start.is_some(),
                m.length > limit,
                "{platform:?} {text:?}"
            );
            if let Some(o) = m.overflow_start {
                assert!(
                    text.is_char_boundary(o) && o < text.len(),
                    "{platform:?} {text:?}"
                );
                if platform != Platform::X && platform != Platform::Mastodon {
                    // Removing everything from the overflow on makes the post fit. (X and
                    // Mastodon can re-read a cut-off URL differently; see the module docs.)
                    let head = measure(&text[..o], platform, limit);
                    assert!(head.length <= limit, "{platform:?} {text:?}");
                }
            }
            for r in &m.invalid {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }
    assert_eq!(
        measure(text, Platform::X, 0).length,
        x_weighted_length(text)
    );
}

#[test]
fn odd_inputs_never_panic() {
    let fixed = [
        "\u{301}\u{301}\u{301}",
        "\u{200D}",
        "\u{200D}\u{200D}😷\u{200D}",
        "\u{0}",
        "\u{FE0F}\u{20E3}",
        "🇯",
        "🏴\u{E0067}\u{E0062}",
        "http://",
        "http://.",
        "a.",
        ".com",
        "xn--.com",
        "http://xn--.com",
        "@@@",
        "@a@",
        "((((((",
        "http://a.com/((((((((",
        "http://a.com/(a(b)c)d)",
        "http://a.com?",
        "http://a.com:",
        "http://a.com:99999999999999999999999",
    ];
    for text in fixed {
        check_invariants(text);
    }
    let mut rng = Lcg(0x5eed);
    for _ in 0..3000 {
        let n = rng.next() % 24;
        let text: String = (0..n).map(|_| POOL[rng.next() % POOL.len()]).collect();
        check_invariants(&text);
    }
}

#[test]
fn huge_inputs_stay_linear() {
    let mut rng = Lcg(7);
    let mixed: String = (0..200_000)
        .map(|_| POOL[rng.next() % POOL.len()])
        .collect();
    for platform in Platform::ALL {
        let m = measure(&mixed, platform, platform.default_limit());
        assert!(m.length > platform.default_limit());
    }
    for text in [
        "a.".repeat(300_000),
        "a-".repeat(300_000),
        "\u{301}".repeat(300_000),
        "http://".repeat(100_000),
        format!("http://a.com/{}", "(a".repeat(100_000)),
        "@a".repeat(200_000),
    ] {
        for platform in Platform::ALL {
            let _ = measure(&text, platform, 280);
        }
    }
}
