//! Post length, counted the way each platform counts it.
//!
//! The engine's `length/limit` detector calls [`measure`]; tool builders can call it directly
//! to show a live counter.
//!
//! | platform | unit | URLs | other rules |
//! |---|---|---|---|
//! | X | twitter-text v3 weights after NFC: 1 for U+0000–U+10FF and a few punctuation ranges, 2 otherwise | 23 each, with or without `https://` ([`extract_urls`]) | an emoji sequence weighs 2; U+FFFE, U+FEFF, U+FFFF are invalid |
//! | Bluesky | extended grapheme clusters | as typed | at most [`BLUESKY_MAX_BYTES`] bytes of UTF-8 too |
//! | Mastodon | grapheme clusters | 23 each, scheme required (`http`, `https` and Mastodon's other schemes such as `gemini`) | `@user@host` counts as `@user`; blank text counts 0 |
//! | Threads, LinkedIn | Unicode scalar values | as typed | |
//!
//! The text is never trimmed: the caller decides what to pass.
//!
//! X's counter follows twitter-text exactly where its conformance suite reaches (every case of
//! `validate.yml`'s v3 and directional-marker groups and of `extract.yml`'s URL groups passes,
//! see `tests/x_conformance.rs`). Known differences beyond it:
//!
//! - Emoji: a ZWJ sequence of emoji counts 2 even when X's emoji parser does not list it (a
//!   non-RGI combination, or one newer than X's parser); see `emoji.rs` for the rules kept.
//! - A host is checked as twitter-text's JavaScript library does (each label at most 63
//!   characters once punycode-encoded, no `xn--` label with non-ASCII in it), without the full
//!   IDNA mapping and bidi rules of the Java library.
//! - Mastodon: Ruby's `[[:word:]]` in mentions is approximated with `char::is_alphanumeric`.

use std::ops::Range;

use serde::{Deserialize, Serialize};

mod emoji;
mod graphemes;
mod mastodon;
mod nfc;
mod tld;
mod tld_table;
mod url;
mod x;

pub(crate) use url::dot_may_be_in_url;
pub use url::extract_urls;
pub use x::x_weighted_length;

/// A platform whose length rule postlint knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// X (Twitter): twitter-text config v3 weighted length, limit 280.
    X,
    /// Bluesky: 300 extended grapheme clusters, links counted as typed.
    Bluesky,
    /// Mastodon: 500 grapheme clusters, each http(s) URL 23, `@user@host` counts as `@user`.
    Mastodon,
    /// Threads: 500 characters (Unicode scalar values).
    Threads,
    /// LinkedIn: 3000 characters (Unicode scalar values).
    Linkedin,
}

impl Platform {
    /// Every platform, in documentation order.
    pub const ALL: [Platform; 5] = [
        Platform::X,
        Platform::Bluesky,
        Platform::Mastodon,
        Platform::Threads,
        Platform::Linkedin,
    ];

    /// The name used on the command line and in house rules.
    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Bluesky => "bluesky",
            Platform::Mastodon => "mastodon",
            Platform::Threads => "threads",
            Platform::Linkedin => "linkedin",
        }
    }

    /// Parses a platform name as written on the command line (case-insensitive).
    pub fn from_name(name: &str) -> Option<Platform> {
        Platform::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// The platform's own post limit, in its own unit.
    pub fn default_limit(self) -> usize {
        match self {
            Platform::X => 280,
            Platform::Bluesky => 300,
            Platform::Mastodon | Platform::Threads => 500,
            Platform::Linkedin => 3000,
        }
    }

    /// What one unit of the count is, for messages and docs.
    pub fn unit(self) -> &'static str {
        match self {
            Platform::X => "weighted characters",
            Platform::Bluesky | Platform::Mastodon => "graphemes",
            Platform::Threads | Platform::Linkedin => "characters",
        }
    }
}

/// The length of a draft as a platform counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// The length in the platform's unit.
    pub length: usize,
    /// The limit it was measured against.
    pub limit: usize,
    /// Byte offset (into the text given to [`measure`], on a char boundary) of the first text
    /// that no longer fits: the post fits if everything from here on is removed. `None` when
    /// the whole text fits.
    pub overflow_start: Option<usize>,
    /// Byte ranges of characters the platform refuses outright (X: U+FFFE, U+FEFF, U+FFFF).
    pub invalid: Vec<Range<usize>>,
    /// Where a platform that also caps the post's size in bytes of UTF-8 (Bluesky:
    /// [`BLUESKY_MAX_BYTES`]) stops accepting it: the start of the first grapheme cluster
    /// that ends past the cap, so a cut there never splits one. `None` when the text is
    /// within the cap, or the platform has none.
    pub byte_overflow_start: Option<usize>,
}

/// Bluesky's server refuses a post's text over this many bytes of UTF-8, whatever its
/// grapheme count (the `app.bsky.feed.post` lexicon's `maxLength`): 300 family emoji are
/// 300 graphemes but about 7,500 bytes.
pub const BLUESKY_MAX_BYTES: usize = 3000;

/// Measures `text` as `platform` counts it, against `limit`.
///
/// `overflow_start` is the start of the first unit (character, grapheme cluster, whole URL,
/// whole emoji sequence) whose addition takes the count past `limit`, mapped back to `text`
/// when X's NFC step changed it. On X and Mastodon a cut can change how a URL right at the cut
/// reads (`example.com-x` is no URL, `example.com` is one), so text shortened there may need
/// measuring again.
///
/// Never panics, and takes time linear in the length of `text`.
pub fn measure(text: &str, platform: Platform, limit: usize) -> Measure {
    let (length, overflow_start) = match platform {
        Platform::X => return x::measure(text, limit),
        Platform::Mastodon => return mastodon::measure(text, limit),
        Platform::Bluesky => return bluesky(text, limit),
        Platform::Threads | Platform::Linkedin => count_chars(text, limit),
    };
    Measure {
        length,
        limit,
        overflow_start,
        invalid: Vec::new(),
        byte_overflow_start: None,
    }
}

/// Bluesky: grapheme clusters against `limit`, and bytes against [`BLUESKY_MAX_BYTES`], in
/// one walk over the clusters.
fn bluesky(text: &str, limit: usize) -> Measure {
    let mut length = 0usize;
    let mut overflow_start = None;
    // The last cluster start at or before the byte cap: the cluster from there on is the
    // first to end past it, when the text is over the cap.
    let mut last_fitting = 0;
    for start in graphemes::GraphemeStarts::new(text) {
        length += 1;
        if length == limit.saturating_add(1) {
            overflow_start = Some(start);
        }
        if start <= BLUESKY_MAX_BYTES {
            last_fitting = start;
        }
    }
    Measure {
        length,
        limit,
        overflow_start,
        invalid: Vec::new(),
        byte_overflow_start: (text.len() > BLUESKY_MAX_BYTES).then_some(last_fitting),
    }
}

/// Unicode scalar values, and the start of the first one past `limit`.
fn count_chars(text: &str, limit: usize) -> (usize, Option<usize>) {
    let count = text.chars().count();
    let overflow = if count > limit {
        text.char_indices().nth(limit).map(|(i, _)| i)
    } else {
        None
    };
    (count, overflow)
}

#[cfg(test)]
mod tests;
