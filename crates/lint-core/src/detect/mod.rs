//! Built-in detectors: rules implemented in code, declared (with their metadata and
//! parameters) in `rules/*.toml` as `type = "detector"`.
//!
//! A detector does not scan the draft itself for what a shared matcher can find: when the
//! linter is built it hands its phrases and patterns to the engine ([`Registry`]), which puts
//! them into the one Aho-Corasick automaton and the shared pattern search ([`scan`]) with
//! everything else. At check time the detector receives its hits ([`Input`]) and reasons
//! about them.

use std::cell::Cell;
use std::fmt;

use crate::diagnostic::{Severity, Span};
use crate::length::Platform;
use crate::text::{Folded, Word};

pub(crate) mod acronym;
pub(crate) mod combination;
pub(crate) mod gazetteer;
pub(crate) mod identifiers;
pub(crate) mod length;
pub(crate) mod names;
pub(crate) mod near;
pub(crate) mod scan;
pub(crate) mod tone;

/// Every built-in detector id.
pub const DETECTOR_IDS: &[&str] = &[
    "confidentiality/address",
    "confidentiality/case-reference",
    "confidentiality/date-of-birth",
    "confidentiality/email",
    "confidentiality/identifying-combination",
    "confidentiality/nhs-number",
    "confidentiality/ni-number",
    "confidentiality/person-name",
    "confidentiality/phone",
    "confidentiality/postcode",
    "jargon/acronym",
    "length/limit",
    "tone/hostile",
    "tone/sarcasm",
    "tone/shouting",
    "tone/tone-tag",
];

/// How sure a detector is; mapped to a severity relative to the rule's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Confidence {
    /// Worth a mention: two steps below the rule's severity.
    Low,
    /// Probable: one step below the rule's severity.
    Medium,
    /// Near certain: the rule's severity.
    High,
}

impl Confidence {
    /// The severity of a finding at this confidence for a rule set to `rule`.
    pub(crate) fn severity(self, rule: Severity) -> Severity {
        let steps = match self {
            Confidence::High => 0,
            Confidence::Medium => 1,
            Confidence::Low => 2,
        };
        match (rule as u8).saturating_sub(steps) {
            0 => Severity::Info,
            1 => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// Runs `f` on this thread's scratch value in `key`, kept from draft to draft so its
/// buffers are reused rather than allocated for every draft of an archive (a fresh one if
/// `f` is re-entered on the thread). Afterwards the value is dropped if `oversized` says a
/// huge draft made it huge, so one draft does not hold that memory for the thread's life.
pub(crate) fn with_scratch<T: Default, R>(
    key: &'static std::thread::LocalKey<std::cell::RefCell<T>>,
    oversized: impl FnOnce(&T) -> bool,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    key.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let result = f(&mut scratch);
            if oversized(&scratch) {
                *scratch = T::default();
            }
            result
        }
        Err(_) => f(&mut T::default()),
    })
}

/// The bit of detector `det` in a set of detectors that got hits (several share one past
/// 64, which only makes them run with no hits; there are 16).
pub(crate) fn detector_bit(det: usize) -> u64 {
    1 << (det % 64)
}

/// A phrase or regex hit handed to a detector. `kind` is the detector's own tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub kind: u16,
    pub start: usize,
    pub end: usize,
}

/// What a detector sees of one draft.
pub(crate) struct Input<'a> {
    /// The draft.
    pub text: &'a str,
    /// Whole-word hits of the detector's phrases, sorted by start.
    pub phrases: &'a [Hit],
    /// Matches of the detector's regexes (the span of the group named `m` when the regex
    /// has one), sorted by start.
    pub patterns: &'a [Hit],
    /// The folded draft and its words, split in the same pass and shared by the detectors.
    pub folded: &'a Folded<'a>,
    /// Each word's lexicon flags, looked up on first need and shared by the detectors
    /// ([`LEX_KNOWN`] set once looked up).
    pub lex: &'a [Cell<u8>],
    /// The draft's quotations, found on first need and shared by the tone detectors.
    pub quotes: &'a std::cell::OnceCell<Vec<Hit>>,
}

/// Set in an [`Input::lex`] cell once the word has been looked up.
pub(crate) const LEX_KNOWN: u8 = 0x80;

impl Input<'_> {
    /// The draft's words.
    pub(crate) fn words(&self) -> &[Word] {
        self.folded.words()
    }

    /// The draft's quotations (see [`tone::quotations`]), sorted by start.
    pub(crate) fn quotes(&self) -> &[Hit] {
        self.quotes.get_or_init(|| tone::quotations(self.text))
    }

    /// Word `i` as written.
    pub(crate) fn word(&self, i: usize) -> &str {
        let w = self.words()[i];
        &self.text[w.start..w.end]
    }

    /// Word `i`, folded.
    pub(crate) fn key(&self, i: usize) -> &str {
        self.folded.key(&self.words()[i])
    }

    /// Word `i`, folded, without a possessive `'s` or `'` ("jayden's" is "jayden").
    pub(crate) fn stem(&self, i: usize) -> &str {
        // Only a word with an inner apostrophe (so MIXED) can end in a possessive.
        if !self.words()[i].is(Word::MIXED) {
            return self.key(i);
        }
        stem(self.key(i))
    }

    /// The lexicon flags ([`gazetteer::lex`]) of word `i`'s stem, looked up once per draft.
    pub(crate) fn lex(&self, i: usize) -> u8 {
        let cell = &self.lex[i];
        let v = cell.get();
        if v & LEX_KNOWN != 0 {
            return v & !LEX_KNOWN;
        }
        // Only a word with an inner apostrophe (so MIXED) can end in a possessive.
        let w = self.words()[i];
        let flags = if w.is(Word::MIXED) {
            gazetteer::lookup(self.stem(i))
        } else {
            gazetteer::lookup_in(self.folded.as_str().as_bytes(), w.fstart, w.fend)
        };
        cell.set(flags | LEX_KNOWN);
        flags
    }
}

/// A span of a draft's text, as the lists of spans a check builds hold them.
pub(crate) trait Bounds {
    /// `(start, end)` in bytes.
    fn bounds(&self) -> (usize, usize);
    /// Moves the end (only [`seal`] does, and only outwards).
    fn set_end(&mut self, end: usize);
}

impl Bounds for (usize, usize) {
    fn bounds(&self) -> (usize, usize) {
        *self
    }
    fn set_end(&mut self, end: usize) {
        self.1 = end;
    }
}

impl Bounds for Span {
    fn bounds(&self) -> (usize, usize) {
        (self.start, self.end)
    }
    fn set_end(&mut self, end: usize) {
        self.end = end;
    }
}

/// Readies `spans` for [`covers`]: sorted by start, each end raised to the furthest end
/// among the spans up to it (so they are no longer the spans themselves; keep a copy to
/// report from). A long draft can hold thousands of spans and as many words or findings to
/// test against them: a scan of every span per test made checking quadratic.
pub(crate) fn seal<T: Bounds>(spans: &mut [T]) {
    spans.sort_unstable_by_key(|s| s.bounds().0);
    let mut reach = 0;
    for s in spans {
        reach = reach.max(s.bounds().1);
        s.set_end(reach);
    }
}

/// Whether one of the spans `sealed` (as [`seal`] left them) contains `start..end`: the
/// last span starting at or before `start` reaches the furthest.
pub(crate) fn covers<T: Bounds>(sealed: &[T], start: usize, end: usize) -> bool {
    let to = sealed.partition_point(|s| s.bounds().0 <= start);
    to > 0 && sealed[to - 1].bounds().1 >= end
}

/// The end of a word as written without a possessive `'s`/`’s`/`'`/`’`, when at least two
/// chars are left.
pub(crate) fn without_possessive(word: &str) -> usize {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().nth(1).is_some()
        {
            return stem.len();
        }
    }
    word.len()
}

/// A folded word without a possessive `'s` or `'`, when at least two chars are left.
pub(crate) fn stem(key: &str) -> &str {
    for suffix in ["'s", "'"] {
        if let Some(s) = key.strip_suffix(suffix)
            && s.chars().nth(1).is_some()
        {
            return s;
        }
    }
    key
}

/// A secondary label on a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub span: Span,
    pub message: String,
}

/// What a detector reports; the engine turns it into a diagnostic.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub start: usize,
    pub end: usize,
    pub confidence: Confidence,
    pub message: String,
    pub suggestions: Vec<String>,
    pub data: Option<crate::diagnostic::Data>,
    pub parts: Vec<Part>,
}

impl Finding {
    pub(crate) fn new(start: usize, end: usize, confidence: Confidence, message: String) -> Self {
        Finding {
            start,
            end,
            confidence,
            message,
            suggestions: Vec::new(),
            data: None,
            parts: Vec::new(),
        }
    }
}

/// Phrases and patterns a detector asks the engine to match for it.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    /// Folded phrases, each with the detector's tag.
    pub phrases: Vec<(String, u16)>,
    /// Patterns, each with the detector's tag.
    pub patterns: Vec<(Source, u16)>,
}

/// How a detector pattern is found. Detectors that register the same one share its search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// A regex (with the `(?-u)` [`Registry::pattern`] puts first), searched around its
    /// trigger tokens.
    Regex(String, scan::Trigger),
    /// A hand-written recognizer, tried near the draft's digits.
    Near(near::Near),
}

impl Registry {
    pub(crate) fn phrase(&mut self, phrase: &str, kind: u16) {
        let folded = crate::text::fold(phrase.trim());
        if !folded.is_empty() {
            self.phrases.push((folded, kind));
        }
    }

    /// Registers a regex. Detector patterns are ASCII by design (postcodes, street types),
    /// so they are compiled with Unicode classes off: `\d`, `\s` and `(?i)` then stay
    /// small, which makes the shared set quick to build and to run. A pattern that needs
    /// Unicode says so with `(?u:...)`.
    ///
    /// Every match must contain a `trigger` token and reach at most [`scan::REACH`] bytes
    /// beyond it (see [`scan`]): patterns are searched only around those tokens.
    pub(crate) fn pattern(&mut self, trigger: scan::Trigger, regex: &str, kind: u16) {
        self.patterns
            .push((Source::Regex(format!("(?-u){regex}"), trigger), kind));
    }

    /// Registers a hand-written recognizer (see [`near`]) for a short pattern with a digit
    /// or an age in words.
    pub(crate) fn near(&mut self, near: near::Near, kind: u16) {
        self.patterns.push((Source::Near(near), kind));
    }
}

/// A built-in detector.
pub(crate) trait Detector: Send + Sync + fmt::Debug {
    /// Checks one draft.
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>);

    /// Whether the detector reads the draft's words (they are split only if one does).
    fn needs_words(&self) -> bool {
        true
    }

    /// Whether allow-listed phrases silence this detector's findings.
    fn honours_allow_list(&self) -> bool {
        true
    }

    /// Whether the detector finds nothing in a draft that gave it no phrase or pattern
    /// hit, so the engine need not call it: most drafts have no number, no address and no
    /// cue, and calling every detector for every draft anyway cost instruction-cache
    /// misses and mispredicted calls.
    fn idle_without_hits(&self) -> bool {
        false
    }

    /// Whether the detector must see the whole draft even when a long one is checked a
    /// piece at a time (see `Linter::check`). Such a detector reads only
    /// [`Input::text`]: it gets no hits, words or fold.
    fn reads_whole_draft(&self) -> bool {
        false
    }
}

/// What building a detector may depend on besides its own parameters.
#[derive(Debug, Default, Clone)]
pub(crate) struct BuildContext {
    pub platform: Option<Platform>,
    pub max_length: Option<usize>,
    /// House `known-names`: always reported by `confidentiality/person-name`.
    pub known_names: Vec<String>,
    /// House `allow` phrases, folded: a word in capitals listed here is not shouting.
    pub allow: Vec<String>,
}

/// Checks a value for one of a detector's parameters (its type is already checked).
pub(crate) fn check_param(id: &str, key: &str, value: &toml::Value) -> Result<(), String> {
    if id == "length/limit" {
        return length::check_param(key, value);
    }
    check_words(key, value)?;
    if id.starts_with("tone/") {
        tone::check_param(key, value)?;
    }
    Ok(())
}

/// Word lists and tables, for every detector: a list holds strings, and a table maps a
/// non-empty phrase to a string (`""` for none) or a list of them. The detectors would
/// otherwise skip a mistyped entry without a word.
fn check_words(key: &str, value: &toml::Value) -> Result<(), String> {
    match value {
        toml::Value::Array(a) if a.iter().any(|v| !v.is_str()) => {
            Err(format!("every entry of `{key}` must be a string"))
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                let ok = match v {
                    toml::Value::String(_) => true,
                    toml::Value::Array(a) => a.iter().all(toml::Value::is_str),
                    _ => false,
                };
                if !ok {
                    return Err(format!(
                        "`{key}.\"{k}\"` must be a suggestion string (\"\" for none) or a list of them"
                    ));
                }
                if crate::text::fold(k.trim()).is_empty() {
                    return Err(format!("`{key}` has an empty phrase"));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The strings of a detector's list parameter `key` (empty if it has none).
pub(crate) fn strings(params: &toml::Table, key: &str) -> Vec<String> {
    params
        .get(key)
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A detector's count parameter `key`, or `default`.
pub(crate) fn count(params: &toml::Table, key: &str, default: usize) -> usize {
    params
        .get(key)
        .and_then(toml::Value::as_integer)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(default)
}

/// Builds detector `id` from its merged parameters, registering what it matches with.
pub(crate) fn build(
    id: &str,
    params: &toml::Table,
    ctx: &BuildContext,
    registry: &mut Registry,
) -> Box<dyn Detector> {
    use identifiers::*;
    match id {
        "confidentiality/address" => Box::new(Address::new(registry, strings(params, "public"))),
        "confidentiality/case-reference" => Box::new(CaseReference::new(registry)),
        "confidentiality/date-of-birth" => Box::new(DateOfBirth::new(registry)),
        "confidentiality/email" => Box::new(Email::new(registry)),
        "confidentiality/identifying-combination" => {
            Box::new(combination::Combination::new(registry, params))
        }
        "confidentiality/person-name" => {
            Box::new(names::PersonName::new(registry, params, &ctx.known_names))
        }
        "confidentiality/nhs-number" => Box::new(NhsNumber::new(registry)),
        "confidentiality/ni-number" => Box::new(NiNumber::new(registry)),
        "confidentiality/phone" => Box::new(Phone::new(registry)),
        "confidentiality/postcode" => Box::new(Postcode::new(registry)),
        "jargon/acronym" => Box::new(acronym::AcronymDetector::new(registry, params)),
        "tone/hostile" => Box::new(tone::Hostile::new(registry, params)),
        "tone/sarcasm" => Box::new(tone::Sarcasm::new(registry, params)),
        "tone/shouting" => Box::new(tone::Shouting::new(params, &ctx.allow)),
        "tone/tone-tag" => Box::new(tone::ToneTag::new(registry, params)),
        _ => Box::new(length::LengthLimit::new(params, ctx)),
    }
}

#[cfg(test)]
mod tests {
    use super::with_scratch;
    use std::cell::RefCell;

    thread_local! {
        static BUF: RefCell<Vec<u8>> = RefCell::default();
    }

    #[test]
    fn scratch_is_kept_dropped_when_oversized_and_fresh_when_re_entered() {
        let big = |v: &Vec<u8>| v.capacity() > 100;
        with_scratch(&BUF, big, |v| v.extend([1, 2, 3]));
        assert_eq!(with_scratch(&BUF, big, |v| v.clone()), [1, 2, 3], "kept");
        with_scratch(&BUF, big, |v| v.resize(1000, 0));
        assert!(with_scratch(&BUF, big, |v| v.is_empty()), "dropped");
        let inner = with_scratch(&BUF, big, |outer| {
            outer.push(7);
            with_scratch(&BUF, big, |inner| inner.clone())
        });
        assert!(inner.is_empty(), "re-entered: a fresh value");
        assert_eq!(with_scratch(&BUF, big, |v| v.clone()), [7]);
    }
}
