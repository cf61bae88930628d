//! `length/limit`: the platform's post limit, counted the platform's way.

use super::{BuildContext, Confidence, Detector, Finding, Input};
use crate::diagnostic::Data;
use crate::length::{Platform, measure};

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
