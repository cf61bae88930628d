//! `length/limit`: the platform's post limit, counted the platform's way.

use super::{BuildContext, Confidence, Detector, Finding, Input};
use crate::diagnostic::Data;
use crate::length::{BLUESKY_MAX_BYTES, Platform, measure};

#[derive(Debug)]
pub(crate) struct LengthLimit {
    platform: Platform,
    limit: usize,
}

pub(crate) fn check_param(key: &str, value: &toml::Value) -> Result<(), String> {
    match key {
        "platform" => {
            let name = value.as_str().unwrap_or_default();
            if Platform::from_name(name).is_none() {
                let names: Vec<&str> = Platform::ALL.iter().map(|p| p.name()).collect();
                return Err(format!(
                    "unknown platform `{name}`; use one of: {}",
                    names.join(", ")
                ));
            }
            Ok(())
        }
        "max-length" if value.as_integer().is_none_or(|n| n < 0) => Err(
            "`max-length` must be a whole number (0 means the platform's own limit)".to_string(),
        ),
        _ => Ok(()),
    }
}

impl LengthLimit {
    pub(crate) fn new(params: &toml::Table, ctx: &BuildContext) -> LengthLimit {
        let platform = ctx
            .platform
            .or_else(|| {
                params
                    .get("platform")?
                    .as_str()
                    .and_then(Platform::from_name)
            })
            .unwrap_or(Platform::X);
        let from_file = params
            .get("max-length")
            .and_then(toml::Value::as_integer)
            .and_then(|n| usize::try_from(n).ok())
            .filter(|&n| n > 0);
        let limit = ctx
            .max_length
            .or(from_file)
            .unwrap_or_else(|| platform.default_limit());
        LengthLimit { platform, limit }
    }
}

impl LengthLimit {
    /// Whether `body` is certainly within the limit, and free of characters the platform
    /// refuses, without counting it. Most posts are far under their limit, and counting each
    /// exactly (NFC, URLs, emoji sequences) was a tenth of a check with every rule.
    ///
    /// Every unit of every platform's count weighs at most its bytes (X weighs a code point
    /// 2 only from U+1100, three bytes; an emoji sequence 2), as long as the text is what is
    /// counted: X counts the NFC text, so the text must be one NFC leaves alone. A URL
    /// counts 23, and every URL has an ASCII dot in its domain followed by a label or TLD
    /// (the URL finder starts from those): so the bytes, plus 23 per such dot, bound the
    /// count from above.
    fn surely_within(&self, body: &str) -> bool {
        const URL: usize = 23;
        let bytes = body.as_bytes();
        // Only a dot followed by a label or TLD can be a URL's, not one ending a sentence.
        let dots = memchr::memchr_iter(b'.', bytes)
            .filter(|&i| crate::length::dot_may_be_in_url(bytes, i))
            .count();
        if bytes.len().saturating_add(dots.saturating_mul(URL)) > self.limit {
            return false;
        }
        match self.platform {
            // U+FEFF, U+FFFE and U+FFFF, which X refuses, all start with the byte 0xEF.
            Platform::X => {
                memchr::memchr(0xEF, bytes).is_none()
                    && (body.is_ascii()
                        || unicode_normalization::is_nfc_quick(body.chars())
                            == unicode_normalization::IsNormalized::Yes)
            }
            Platform::Bluesky => bytes.len() <= BLUESKY_MAX_BYTES,
            Platform::Mastodon | Platform::Threads | Platform::Linkedin => true,
        }
    }
}

fn platform_display(p: Platform) -> &'static str {
    match p {
        Platform::X => "X",
        Platform::Bluesky => "Bluesky",
        Platform::Mastodon => "Mastodon",
        Platform::Threads => "Threads",
        Platform::Linkedin => "LinkedIn",
    }
}

impl Detector for LengthLimit {
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = input.text;
        // A draft file ends with a newline the post will not have.
        let body = text.trim_end_matches(['\n', '\r']);
        if self.surely_within(body) {
            return;
        }
        let m = measure(body, self.platform, self.limit);
        let name = platform_display(self.platform);
        let graphemes_first = match (m.overflow_start, m.byte_overflow_start) {
            (Some(g), Some(b)) => g <= b,
            (g, _) => g.is_some(),
        };
        if let (false, Some(start)) = (graphemes_first, m.byte_overflow_start) {
            // Within the platform's count, but over its size in bytes (emoji and accented
            // letters take several bytes each).
            let message = format!(
                "{} bytes on {name}, which refuses more than {}: emoji and accented letters \
                 take several bytes each; cut the underlined text",
                body.len(),
                crate::length::BLUESKY_MAX_BYTES,
            );
            out.push(Finding::new(start, body.len(), Confidence::High, message));
        } else if let Some(start) = m.overflow_start {
            let over = m.length.saturating_sub(m.limit);
            let message = format!(
                "{}/{} {} on {name}: the post is {over} too long and will be refused; \
                 cut the underlined text or shorten earlier",
                m.length,
                m.limit,
                self.platform.unit(),
            );
            let mut f = Finding::new(start, body.len(), Confidence::High, message);
            f.data = Some(Data::Length {
                length: m.length,
                limit: m.limit,
            });
            out.push(f);
        }
        // Invalid characters inside the overflow go when it is cut; reporting them too
        // would give one rule overlapping spans.
        let cut = m
            .overflow_start
            .into_iter()
            .chain(m.byte_overflow_start)
            .min()
            .unwrap_or(usize::MAX);
        for r in m.invalid.into_iter().filter(|r| r.end <= cut) {
            let c = text[r.clone()].chars().next().map_or(0, u32::from);
            let mut f = Finding::new(
                r.start,
                r.end,
                Confidence::High,
                format!(
                    "{name} refuses posts that contain the invisible character U+{c:04X}; delete it"
                ),
            );
            f.suggestions = vec![String::new()];
            out.push(f);
        }
    }

    fn needs_words(&self) -> bool {
        false
    }

    fn honours_allow_list(&self) -> bool {
        false
    }

    /// The limit is on the whole post, however it is checked.
    fn reads_whole_draft(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn texts_that_nfc_lengthens_are_counted() {
        // U+1D160 (4 bytes) is three code points in NFC, each weighing 2 on X: 12 for these
        // 8 bytes. U+FB2C (3 bytes) is three light code points.
        for (text, weight) in [("\u{1D160}\u{1D160}", 12), ("\u{FB2C}\u{FB2C}", 6)] {
            let x = LengthLimit {
                platform: Platform::X,
                limit: text.len(),
            };
            assert!(!x.surely_within(text), "{text:?}");
            assert_eq!(measure(text, Platform::X, x.limit).length, weight);
        }
        // A full stop ends no URL: 19 bytes. A dot followed by a letter may be one: 14
        // bytes, but "a.co" counts 23.
        let ascii = LengthLimit {
            platform: Platform::X,
            limit: 30,
        };
        assert!(ascii.surely_within("Met the team today."));
        assert!(!ascii.surely_within("See a.co today"));
        assert_eq!(measure("See a.co today", Platform::X, 30).length, 33);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// A draft found surely within the limit without counting is within it when
        /// counted, on every platform, with nothing refused in it.
        #[test]
        fn surely_within_is_never_wrong(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "word ", ". ", "#", "1", "2\u{20E3}", "é", "e\u{301}", "日本",
                    "\u{FB2C}", "\u{1D160}", "\u{2014}", "\u{2019}", "👍🏽",
                    "👨\u{200D}👩\u{200D}👧", " a.co ", "http://a.co/x ", "x.com",
                    "@user@host.social ", "\u{FEFF}", "\u{FFFF}", "\n",
                ]),
                0..30,
            ),
            limit in 0usize..120,
        ) {
            let text: String = pieces.concat();
            for platform in Platform::ALL {
                let detector = LengthLimit { platform, limit };
                if detector.surely_within(&text) {
                    let m = measure(&text, platform, limit);
                    prop_assert!(
                        m.length <= limit
                            && m.overflow_start.is_none()
                            && m.byte_overflow_start.is_none()
                            && m.invalid.is_empty(),
                        "{platform:?} {text:?}: {m:?}"
                    );
                }
            }
        }
    }
}
