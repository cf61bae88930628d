//! Detector patterns, searched only around the tokens every match must contain.
//!
//! Every detector pattern describes something with a digit in it (a number, a postcode, a
//! date, a house number, an age), an e-mail address (an `@`), a named estate, block or
//! institution (a capitalised word from [`TRIGGER_WORDS`]) or an age in words ("seven years
//! old", "ten-year-old"). So instead of running the patterns over the whole draft, they run over windows of
//! [`REACH`] bytes around those trigger tokens, which the fold-and-split pass has already
//! found. Most of a draft is prose with no trigger at all, and is never searched.
//!
//! The contract for a detector pattern: every match contains a trigger and reaches no more
//! than [`REACH`] bytes beyond it on either side. A test checks that windowed search finds
//! exactly what whole-draft search finds, over every corpus post.

use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};

use super::Hit;
use crate::text::{Folded, Word};

/// How far a match may reach from its trigger token, in bytes.
pub(crate) const REACH: usize = 64;

/// Capitalised words that end a named estate, block or institution ("Aylesbury Estate",
/// "Brandon House", "St Mary's Primary", "Ward 7").
pub(crate) const TRIGGER_WORDS: &[&str] = &[
    "estate",
    "house",
    "court",
    "tower",
    "towers",
    "heights",
    "mansions",
    "buildings",
    "lodge",
    "primary",
    "academy",
    "school",
    "secondary",
    "college",
    "infants",
    "juniors",
    "nursery",
    "surgery",
    "centre",
    "hospital",
    "ward",
];

/// Byte limits for the compiled patterns (they are ours, so generous but bounded).
const NFA_SIZE_LIMIT: usize = 8 << 20;
const CACHE_CAPACITY: usize = 4 << 20;

/// The detector patterns: one multi-pattern regex says which patterns match in a window,
/// and each pattern, compiled on its own when first needed, says where.
#[derive(Debug)]
pub(crate) struct Patterns {
    /// Built on first need: a draft with no trigger token never needs it, and start-up
    /// does not pay for it.
    set: OnceLock<Option<Regex>>,
    each: Vec<Single>,
}

#[derive(Debug)]
struct Single {
    source: String,
    /// The regex and the index of its group named `m`, compiled on first need.
    compiled: OnceLock<Option<(Regex, Option<usize>)>>,
    /// (detector number, tag) pairs: detectors that registered the same regex share one
    /// search.
    targets: Vec<(usize, u16)>,
}

fn single(source: &str) -> Result<Regex, String> {
    Regex::builder()
        .syntax(syntax::Config::new())
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                .hybrid_cache_capacity(CACHE_CAPACITY / 4),
        )
        .build(source)
        .map_err(|e| e.to_string())
}

impl Patterns {
    /// The patterns (regex source and the detectors that asked for it), compiled on first
    /// need. They are the detectors' own, and a test compiles every one.
    pub(crate) fn new(patterns: Vec<(String, Vec<(usize, u16)>)>) -> Patterns {
        let each = patterns
            .into_iter()
            .map(|(source, targets)| Single {
                source,
                compiled: OnceLock::new(),
                targets,
            })
            .collect();
        Patterns {
            set: OnceLock::new(),
            each,
        }
    }

    /// The multi-pattern regex that says which patterns match in a window.
    fn set(&self) -> Option<&Regex> {
        self.set
            .get_or_init(|| {
                let sources: Vec<&str> = self.each.iter().map(|s| s.source.as_str()).collect();
                Regex::builder()
                    .configure(
                        meta::Config::new()
                            .match_kind(MatchKind::All)
                            .nfa_size_limit(Some(
                                NFA_SIZE_LIMIT.saturating_mul(sources.len().max(1)),
                            ))
                            .hybrid_cache_capacity(CACHE_CAPACITY),
                    )
                    .build_many(&sources)
                    .ok()
            })
            .as_ref()
    }

    /// Finds every pattern's matches in `text` and gives each detector its hits (the span of
    /// the group named `m` when the pattern has one).
    pub(crate) fn scan(&self, text: &str, folded: &Folded<'_>, hits: &mut [Vec<Hit>]) {
        self.scan_in(text, &windows(text, folded.words()), hits);
    }

    /// Searches the given windows of `text` (byte ranges in order, not overlapping).
    fn scan_in(&self, text: &str, windows: &[(usize, usize)], hits: &mut [Vec<Hit>]) {
        if windows.is_empty() {
            return;
        }
        let Some(set) = self.set() else {
            return;
        };
        let mut which = PatternSet::new(set.pattern_len());
        for &(lo, hi) in windows {
            let input = Input::new(text).range(lo..hi);
            which.clear();
            set.which_overlapping_matches(&input, &mut which);
            for pid in which.iter() {
                let single = &self.each[pid.as_usize()];
                let Some((regex, group)) = single
                    .compiled
                    .get_or_init(|| {
                        let regex = self::single(&single.source).ok()?;
                        let group = regex
                            .group_info()
                            .to_index(regex_automata::PatternID::ZERO, "m");
                        Some((regex, group))
                    })
                    .as_ref()
                else {
                    continue;
                };
                let mut push = |start: usize, end: usize| {
                    for &(det, kind) in &single.targets {
                        hits[det].push(Hit { kind, start, end });
                    }
                };
                match group {
                    None => regex
                        .find_iter(input.clone())
                        .for_each(|m| push(m.start(), m.end())),
                    Some(g) => regex.captures_iter(input.clone()).for_each(|c| {
                        if let Some(s) = c.get_group(*g) {
                            push(s.start, s.end);
                        }
                    }),
                }
            }
        }
    }
}

/// Whether `word` is one of [`TRIGGER_WORDS`], in any case: lengths first, then one
/// compare per word of the same length.
fn is_trigger_word(word: &str) -> bool {
    let b = word.as_bytes();
    if !(4..=9).contains(&b.len()) {
        return false;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    let key = &buf[..b.len()];
    TRIGGER_WORDS.iter().any(|t| t.as_bytes() == key)
}

/// "old" or "...-old" ("seven years old", "ten-year-old", "ten-year-old's"): an age in
/// words.
fn ends_with_old(word: &str) -> bool {
    // Most words end in neither "d" nor a possessive (’ ends in byte 0x99): one byte test.
    if !matches!(
        word.as_bytes().last(),
        Some(b'd' | b'D' | b's' | b'S' | b'\'' | 0x99)
    ) {
        return false;
    }
    let word = &word[..super::without_possessive(word)];
    let n = word.len();
    n >= 3
        && word.as_bytes()[n - 3..].eq_ignore_ascii_case(b"old")
        && (n == 3 || word.as_bytes()[n - 4] == b'-')
}

/// The windows to search: [`REACH`] bytes either side of every trigger, on char boundaries,
/// overlapping windows merged.
pub(crate) fn windows(text: &str, words: &[Word]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut add = |start: usize, end: usize| {
        let mut lo = start.saturating_sub(REACH);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = (end + REACH).min(text.len());
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    };
    let bytes = text.as_bytes();
    let mut ats = text.match_indices('@').map(|(i, _)| i).peekable();
    for w in words {
        // Triggers come in text order: '@'s before this word first.
        while let Some(&at) = ats.peek().filter(|&&at| at < w.start) {
            add(at, at + 1);
            ats.next();
        }
        // Byte tests first: every word of every draft passes through here.
        let len = w.end - w.start;
        let last = bytes[w.end - 1];
        let trigger = w.is(Word::HAS_DIGIT)
            || (matches!(last, b'd' | b'D' | b's' | b'S' | 0x99)
                && ends_with_old(&text[w.start..w.end]))
            || (w.is(Word::CAPITALISED)
                && (4..=9).contains(&len)
                && is_trigger_word(&text[w.start..w.end]));
        if trigger {
            add(w.start, w.end);
        }
    }
    for at in ats {
        add(at, at + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    #[test]
    fn windows_find_what_the_whole_draft_has() {
        let linter = Linter::new().expect("default rules");
        let patterns = linter.detector_patterns().expect("detectors have patterns");
        let n = 16;
        let mut posts = crate::corpus_posts();
        assert!(posts.len() > 1000);
        // Edges: matches at the very start and end, long gaps, several triggers.
        posts.extend(
            [
                "SE15 4QN",
                "DOB: 12/03/2011",
                "Her date of birth, as the form has it on page two, is 12th March 2011.",
                "Flat 3, 22 Birchfield Road and then 14b Hollybush Rd",
                "jo.bloggs@example.co.uk",
                "seven years old, living on the Aylesbury Estate near St Mary's Primary",
                "Ward 7 at the Royal Oldham Hospital",
                "NHS 943 476 5919 / 943-476-5919 / 9434765919",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        for post in &posts {
            let folded = Folded::with_words(post);
            let mut windowed = vec![Vec::new(); n];
            patterns.scan(post, &folded, &mut windowed);
            let mut whole = vec![Vec::new(); n];
            patterns.scan_in(post, &[(0, post.len())], &mut whole);
            for (w, h) in windowed.iter_mut().zip(whole.iter_mut()) {
                w.sort_by_key(|h| (h.start, h.end, h.kind));
                h.sort_by_key(|h| (h.start, h.end, h.kind));
                checked += h.len();
            }
            assert_eq!(windowed, whole, "windowed search differs on {post:?}");
        }
        assert!(checked > 500, "only {checked} hits compared");
    }

    #[test]
    fn every_detector_pattern_compiles() {
        let linter = Linter::new().expect("default rules");
        let patterns = linter.detector_patterns().expect("detectors have patterns");
        assert!(patterns.set().is_some(), "the multi-pattern regex builds");
        for s in &patterns.each {
            if let Err(e) = single(&s.source) {
                panic!("{}: {e}", s.source);
            }
        }
    }

    #[test]
    fn windows_cover_triggers_and_merge() {
        let text = "Nothing here. Then SE15 and more words until the end of this post, \
                    far from it: an email a@b.co and the Aylesbury Estate.";
        let f = Folded::with_words(text);
        let w = windows(text, f.words());
        let se = text.find("SE15").unwrap();
        let at = text.find('@').unwrap();
        let estate = text.find("Estate").unwrap();
        assert!(w.iter().any(|&(lo, hi)| lo <= se && se + 4 <= hi));
        assert!(w.iter().any(|&(lo, hi)| lo <= at && at < hi));
        assert!(w.iter().any(|&(lo, hi)| lo <= estate && estate + 6 <= hi));
        assert!(
            w.windows(2).all(|p| p[0].1 < p[1].0),
            "merged and in order: {w:?}"
        );
        assert!(
            windows(
                "No triggers at all in this one.",
                Folded::with_words("No triggers at all in this one.").words()
            )
            .is_empty()
        );
    }
}
