//! A proptest strategy for drafts: realistic pieces (phrases the rules look for, names with
//! care cues, numbers shaped like phones, postcodes and dates) mixed with hostile text
//! (emoji ZWJ sequences, combining marks, CRLF, lone CR, NUL, byte-order marks, mixed
//! scripts, case mappings that change length). Shared by `properties.rs` and the CLI's
//! `generated.rs` (through `#[path]`).

use proptest::prelude::*;

/// Pieces the rules react to, or that change length when folded.
const WORDY: &[&str] = &[
    "touch base",
    "Going forward",
    "going forward,",
    "in order to",
    "reconnect",
    "utilise",
    "prior to",
    "ASYE",
    "CAMHS",
    "NOT HAPPY",
    "!!",
    "!!!",
    "/s",
    "idiots",
    "these people",
    "ZOË",
    "zoë",
    "İstanbul",
    "\u{212A}elvin",
    "straße",
    "’",
    "'",
    "mum",
    "Mr Yilmaz",
    "Kacper Nowak",
    "Jayden (14)",
    "missing from Wembley",
    "Flat 6, Brandon House",
    "17 Fern Street",
    "DOB",
    "NHS",
    "case ref",
    "https://example.com/x",
    "@KacperN",
    "#SocialWorkLife",
];

/// Text that breaks naive assumptions about chars, lines and scripts.
const HOSTILE: &[&str] = &[
    "👩‍👩‍👧",
    "👨🏽‍⚕️",
    "🏳️‍🌈",
    "🇬🇧",
    "🙄",
    "e\u{301}",
    "a\u{301}\u{302}\u{303}\u{304}",
    "\u{301}",
    "\u{200D}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{FFFE}",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "\0",
    "\u{85}",
    "\u{2028}",
    "\u{A0}",
    "\u{3000}",
    "Привет",
    "مرحبا بكم",
    "\u{202E}abc\u{202C}",
    "שלום",
    "日本語のテキスト",
    "नमस्ते",
    "ǅ",
    "ﬁ",
    "ΣΑΣ",
];

/// Runs of digits and punctuation shaped like the numbers the confidentiality rules look for.
fn numberish() -> impl Strategy<Value = String> {
    prop_oneof![
        "07[0-9]{3} [0-9]{6}",
        r"\+44 \(0\)[0-9]{2} [0-9]{4} [0-9]{4}",
        "[0-9]{3} [0-9]{3} [0-9]{4}",
        "[0-9]{10}",
        "[A-Z]{2} [0-9]{2} [0-9]{2} [0-9]{2} [A-D]",
        "[A-Z]{1,2}[0-9]{1,2}[A-Z]? [0-9][A-Z]{2}",
        "[0-3][0-9]/[01][0-9]/(19|20)?[0-9]{2}",
        r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2,4}",
        "[0-9]{1,2}(st|nd|rd|th) (Jan|March|Sept) [0-9]{4}",
        "[A-Z]{2,4}-?[0-9]{4,8}",
        "[0-9 ./()+-]{1,16}",
        "[a-z]{1,6}@[a-z]{1,6}\\.(org|co\\.uk)",
    ]
}

/// One piece of a draft: any of the above, any char, or a few plain words.
pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(WORDY).prop_map(str::to_string),
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        2 => numberish(),
        1 => any::<char>().prop_map(String::from),
        4 => "[a-zA-Z ,.]{0,10}",
        2 => Just(" ".to_string()),
    ]
}

/// A draft of up to 30 pieces.
#[allow(dead_code)] // not every test crate that includes this module uses it
pub fn hostile_draft() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..30).prop_map(|v| v.concat())
}
