//! Mastodon's status length (`StatusLengthValidator`).
//!
//! Mastodon counts grapheme clusters of the text after rewriting two kinds of entity: every URL
//! with a scheme becomes 23 characters (`URL_PLACEHOLDER`), and a mention `@user@host` becomes
//! `@user`. Entities come from twitter-text's Ruby extractor with Mastodon's overrides (URLs
//! without a scheme are not entities) and Mastodon's own mention regex; overlapping entities are
//! dropped, keeping the earlier one. A blank text counts 0.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use super::Measure;
use super::graphemes::{self, GraphemeStarts};
use super::url::{Dialect, UrlFinder, is_latin_accent};

/// `StatusLengthValidator::URL_PLACEHOLDER`.
const URL_PLACEHOLDER: &str = "xxxxxxxxxxxxxxxxxxxxxxx";
/// `Extractor::MAX_DOMAIN_LENGTH`.
const MAX_DOMAIN_LENGTH: usize = 253;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entity {
    Url(Range<usize>),
    /// A mention; `user_end` ends the `@user` part that is counted.
    Mention {
        range: Range<usize>,
        user_end: usize,
    },
}

impl Entity {
    fn range(&self) -> &Range<usize> {
        match self {
            Entity::Url(r) | Entity::Mention { range: r, .. } => r,
        }
    }
}

pub(super) fn measure(text: &str, limit: usize) -> Measure {
    let (length, overflow_start) = if text.chars().all(char::is_whitespace) {
        (0, None) // `return '' if str.blank?`
    } else {
        let entities = entities(text);
        if entities.is_empty() {
            graphemes::count(text, limit)
        } else {
            count_rewritten(text, &entities, limit)
        }
    };
    Measure {
        length,
        limit,
        overflow_start,
        invalid: Vec::new(),
        byte_overflow_start: None,
    }
}

/// URLs and mentions, sorted, overlaps removed (`Extractor.remove_overlapping_entities`).
fn entities(text: &str) -> Vec<Entity> {
    let mut all: Vec<Entity> = UrlFinder::new(text, Dialect::Mastodon)
        .map(Entity::Url)
        .chain(mentions(text))
        .collect();
    all.sort_by_key(|e| e.range().start);
    let mut kept: Vec<Entity> = Vec::with_capacity(all.len());
    for e in all {
        if kept.last().is_none_or(|p| p.range().end <= e.range().start) {
            kept.push(e);
        }
    }
    kept
}

/// Mastodon's `Account::MENTION_RE`,
/// `(?<![=/[:word:]])@(([a-z0-9_]+([.-]+[a-z0-9_]+)*)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)`,
/// scanned like Ruby's `String#scan`, minus matches followed by `@`, a Latin accented letter or
/// `://` (`end_mention_match`) or with a domain over 253 bytes.
fn mentions(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find('@')) {
        let at = from + pos;
        from = at + 1;
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        if before.is_some_and(|c| c == '=' || c == '/' || is_word(c)) {
            continue;
        }
        let Some(user_end) = dotted_run(text, at + 1, |c| c.is_ascii_alphanumeric() || c == '_')
        else {
            continue;
        };
        let mut end = user_end;
        if text.get(end..).is_some_and(|t| t.starts_with('@'))
            && let Some(domain_end) = dotted_run(text, end + 1, is_word)
        {
            end = domain_end;
        }
        from = end;
        let after = text.get(end..).unwrap_or_default();
        let rejected = after.starts_with(['@', '\u{FF20}'])
            || after.starts_with("://")
            || after.chars().next().is_some_and(is_latin_accent)
            || text
                .get(user_end..end)
                .is_some_and(|d| d.chars().count() > MAX_DOMAIN_LENGTH + 1);
        if !rejected {
            out.push(Entity::Mention {
                range: at..end,
                user_end,
            });
        }
    }
    out
}

/// `W+([.-]+W+)*` from byte `p`: returns its end.
fn dotted_run(text: &str, p: usize, word: impl Fn(char) -> bool) -> Option<usize> {
    let rest = text.get(p..)?;
    let run = |s: &str, f: &dyn Fn(char) -> bool| -> usize {
        s.chars().take_while(|&c| f(c)).map(char::len_utf8).sum()
    };
    let mut end = run(rest, &word);
    if end == 0 {
        return None;
    }
    loop {
        let tail = rest.get(end..).unwrap_or_default();
        let seps = run(tail, &|c| c == '.' || c == '-');
        if seps == 0 {
            break;
        }
        let more = run(tail.get(seps..).unwrap_or_default(), &word);
        if more == 0 {
            break;
        }
        end += seps + more;
    }
    Some(p + end)
}

/// Ruby's `[[:word:]]` (letters, marks, decimal numbers, connector punctuation), approximated
/// with `char::is_alphanumeric` (which also admits other numerics).
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || is_combining_mark(c)
        || matches!(
            c,
            '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'
                ..='\u{FE4F}' | '\u{FF3F}'
        )
}

/// A piece of the rewritten text and where it came from.
struct Piece {
    rewritten: usize,
    original: usize,
    url: bool,
}

/// Counts the graphemes of the rewritten text; a URL placeholder maps back to its URL's start.
fn count_rewritten(text: &str, entities: &[Entity], limit: usize) -> (usize, Option<usize>) {
    let mut rewritten = String::with_capacity(text.len());
    let mut pieces = Vec::with_capacity(entities.len() * 2 + 1);
    let mut push = |rewritten: &mut String, part: &str, original: usize, url: bool| {
        pieces.push(Piece {
            rewritten: rewritten.len(),
            original,
            url,
        });
        rewritten.push_str(part);
    };
    let mut last = 0;
    for e in entities {
        let start = e.range().start;
        push(
            &mut rewritten,
            text.get(last..start).unwrap_or_default(),
            last,
            false,
        );
        match e {
            Entity::Url(_) => push(&mut rewritten, URL_PLACEHOLDER, start, true),
            Entity::Mention { user_end, .. } => {
                let user = text.get(start..*user_end).unwrap_or_default();
                push(&mut rewritten, user, start, false);
            }
        }
        last = e.range().end;
    }
    push(
        &mut rewritten,
        text.get(last..).unwrap_or_default(),
        last,
        false,
    );

    let mut count = 0usize;
    let mut overflow = None;
    for g in GraphemeStarts::new(&rewritten) {
        count += 1;
        if overflow.is_none() && count > limit {
            let i = pieces
                .partition_point(|p| p.rewritten <= g)
                .saturating_sub(1);
            overflow = pieces.get(i).map(|p| {
                if p.url {
                    p.original
                } else {
                    p.original + (g - p.rewritten)
                }
            });
        }
    }
    (count, overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(text: &str) -> usize {
        measure(text, 500).length
    }

    #[test]
    fn urls_with_a_scheme_count_23() {
        assert_eq!(len("http://example.com/a/very/long/path/indeed"), 23);
        assert_eq!(len("see https://example.com."), 4 + 23 + 1);
        assert_eq!(len("example.com"), 11, "no scheme, counted as typed");
        assert_eq!(len("gemini://example.com/x"), 23);
    }

    #[test]
    fn remote_mentions_count_the_user_only() {
        assert_eq!(len("@alice@example.social hi"), "@alice hi".len());
        assert_eq!(len("@alice hi"), 9);
        assert_eq!(
            len("mail me: bob@example.com"),
            24,
            "not a mention: b precedes @"
        );
        assert_eq!(
            len("@alice@example.social@x"),
            23,
            "followed by @: not a mention"
        );
        let mentions_in_url = "https://example.com/@alice@example.social";
        assert_eq!(len(mentions_in_url), 23);
    }

    #[test]
    fn graphemes_and_blank_text() {
        assert_eq!(len("👨\u{200D}👩\u{200D}👧 e\u{301}"), 3);
        assert_eq!(len("   \n"), 0);
        assert_eq!(len(""), 0);
    }

    #[test]
    fn overflow_maps_through_the_rewrite() {
        let text = format!(
            "{} https://example.com/x @bob@host.example z",
            "a".repeat(470)
        );
        let m = measure(&text, 500);
        // 470 + 1 + 23 + 1 + "@bob" (4) + 1 + 1
        assert_eq!(m.length, 501);
        assert_eq!(m.overflow_start, Some(text.len() - 1), "the final z");
        let m = measure(&text, 480);
        assert_eq!(m.overflow_start, Some(471), "inside the URL: its start");
        let m = measure(&text, 497);
        let bob = text.find("@bob").unwrap_or_default();
        assert_eq!(m.overflow_start, Some(bob + 2), "the o of @bob");
    }
}
