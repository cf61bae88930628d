//! The linter: built once from rule files, then checks drafts in one pass per matcher.
//!
//! Every phrase of every term rule, and every allow-listed phrase, goes into ONE Aho-Corasick
//! automaton run over a folded copy of the draft; every pattern rule goes into ONE regex set
//! run over the draft, and only the patterns the set reports are searched for positions.
//! Word boundaries, context cues and validators are applied to the few matches afterwards.

use std::ops::Range;
use std::sync::Arc;

use aho_corasick::MatchKind;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use toml::Spanned;

use crate::builtin;
use crate::config::{ConfigError, RawFile, RawRule, SourceFile, parse_builtin, parse_file};
use crate::detect::{self, BuildContext, Detector, Finding, Hit, Input, Registry, detector_bit};
use crate::diagnostic::{Category, Diagnostic, Label, Severity, Span};
use crate::length::Platform;
use crate::phrase_dfa::PhraseDfa;
use crate::rule::{Example, RuleInfo, RuleKind};
use crate::text::{self, Folded};
use crate::validate::{self, Validator};

/// Compiled-size limit for one rule's regex; keeps a team's pattern from eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Lazy DFA cache for the shared regex set (per thread that checks).
const DFA_CACHE_LIMIT: usize = 8 << 20;

pub use crate::detect::DETECTOR_IDS;

/// A configured linter. Build it once ([`Linter::new`] or [`Linter::builder`]) and call
/// [`Linter::check`] for each draft; it is `Send + Sync`, so threads can share it.
#[derive(Debug)]
pub struct Linter {
    rules: Vec<Rule>,
    phrases: Option<PhraseMatcher>,
    patterns: Option<PatternMatcher>,
    /// The detectors' regexes, searched around their trigger tokens only.
    detector_patterns: Option<detect::scan::Patterns>,
    /// The detectors, in rule order.
    detectors: Vec<DetectorEntry>,
    /// Whether a check splits the draft into words (some detector reads them).
    words: bool,
}

/// A detector with its rule and what the engine asks of it for every draft, read once when
/// the linter is built: a virtual call per detector per draft to ask again cost mispredicted
/// calls and cache misses on the detector objects.
#[derive(Debug)]
struct DetectorEntry {
    /// Index of its rule.
    rule: usize,
    /// [`Detector::idle_without_hits`].
    idle_without_hits: bool,
    /// [`Detector::honours_allow_list`].
    honours_allow: bool,
    /// [`Detector::reads_whole_draft`].
    whole_draft: bool,
    detector: Box<dyn Detector>,
}

/// Builds a [`Linter`] from the default rules plus house rules and front-end overrides.
#[derive(Debug, Default, Clone)]
pub struct LinterBuilder {
    house: Vec<SourceFile>,
    platform: Option<Platform>,
    max_length: Option<usize>,
}

#[derive(Debug)]
struct Rule {
    info: RuleInfo,
    message: String,
    suggest: Vec<String>,
    context: Option<Context>,
    validator: Option<Validator>,
}

#[derive(Debug)]
struct Context {
    any: Vec<String>,
    none: Vec<String>,
    window: usize,
}

/// What a phrase match means.
#[derive(Debug)]
enum Target {
    Allow,
    Term {
        rule: usize,
        /// The entry's suggestions as written: `inflect` makes them fit this form.
        suggestions: Arc<[String]>,
        inflect: Inflect,
    },
    /// A phrase that rule number `rule` reports nothing overlapping ("key worker" for
    /// "key", "practice educator" for "best practice").
    Except {
        rule: usize,
    },
    /// A phrase registered by detector number `det`.
    Detector {
        det: usize,
        kind: u16,
    },
    /// A cue word of rule number `rule`'s `context`: one of `any`, or of `none`.
    Cue {
        rule: usize,
        none: bool,
    },
}

/// How a term's suggestions are made to fit the form of the entry that matched: "leverage"
/// = "use" suggests "used" for "leveraged". Done when a finding is reported, not for every
/// form of every entry when the linter is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inflect {
    /// As written.
    Not,
    /// A verb phrase, in this form.
    Verb(crate::inflect::VerbForm),
    /// A noun phrase, plural.
    Plural,
}

impl Inflect {
    fn apply(self, suggestion: &str) -> std::borrow::Cow<'_, str> {
        use crate::inflect::{noun_phrase_plural, verb_phrase};
        match self {
            Inflect::Not => suggestion.into(),
            Inflect::Verb(form) => verb_phrase(suggestion, form).into(),
            Inflect::Plural => noun_phrase_plural(suggestion).into(),
        }
    }
}

/// `(rule, start, end, suggestions, inflect)` of a term's whole-word match in a draft.
type TermHit<'a> = (usize, usize, usize, &'a Arc<[String]>, Inflect);

/// `(rule, none, start, end)` of each context cue found in a draft (see [`Target::Cue`]),
/// sorted by rule and start once the phrases are found.
type Cues = Vec<(usize, bool, usize, usize)>;

#[derive(Debug)]
struct PhraseMatcher {
    /// Quick to build (a few milliseconds for the default rules): serves the first drafts
    /// too long to search phrase by phrase.
    nfa: std::sync::OnceLock<Option<NFA>>,
    /// One table lookup per byte, but slower to build: built once a linter has checked
    /// [`DFA_AFTER_CHECKS`] drafts, so archives get the fast scan and start-up does not pay
    /// for it.
    dfa: std::sync::OnceLock<Option<PhraseDfa>>,
    checks: std::sync::atomic::AtomicUsize,
    phrases: Vec<String>,
    /// What a match of phrase `i` means: `targets[ranges[i].0..ranges[i].1]` (a phrase can
    /// serve several rules). One flat array, not a vector per phrase: every match reads it,
    /// and a separate allocation per phrase cost a cache miss per match.
    ranges: Vec<(u32, u32)>,
    targets: Vec<Target>,
}

/// Calls `f(phrase, start, end)` for every match of `automaton` (standard semantics) in
/// `hay`, overlapping ones included, in order of their ends.
///
/// One loop over the state transitions, with the match handling inline: the crate's
/// overlapping iterator returns from its search and re-enters it for every match, and the
/// confidentiality cues ("child", "family", "ref") match tens of times per kilobyte. Out of
/// line, with the callback behind a pointer, so the loop has the registers to itself.
#[inline(never)]
fn walk<A: Automaton>(automaton: &A, hay: &[u8], f: &mut dyn FnMut(usize, usize, usize)) {
    let Ok(mut sid) = automaton.start_state(aho_corasick::Anchored::No) else {
        return;
    };
    let mut at = 0;
    while at < hay.len() {
        // The transitions alone, up to the next special state: with no call in this loop
        // the state stays in a register (a loop with the call in it kept it on the stack,
        // and every byte's transition waited on a store and a load).
        for &b in &hay[at..] {
            at += 1;
            sid = automaton.next_state(aho_corasick::Anchored::No, sid, b);
            if automaton.is_special(sid) {
                break;
            }
        }
        if !automaton.is_special(sid) {
            break;
        }
        if automaton.is_dead(sid) {
            return;
        }
        if automaton.is_match(sid) {
            for k in 0..automaton.match_len(sid) {
                let phrase = automaton.match_pattern(sid, k);
                f(phrase.as_usize(), at - automaton.pattern_len(phrase), at);
            }
        }
    }
}

/// See [`PhraseMatcher::dfa`].
const DFA_AFTER_CHECKS: usize = 32;

/// Until then, drafts up to this many bytes are searched phrase by phrase: for a short
/// draft that costs a fraction of building an automaton, so a one-shot `postlint draft.txt`
/// never builds one.
const DIRECT_MAX_BYTES: usize = 1024;

/// A draft longer than this (128 KiB, forty times LinkedIn's longest post) is checked a
/// piece of at most this many bytes at a time (see [`Linter::check`]). It bounds what a
/// check holds at once: a piece's words and hits, and its findings, which in a hostile
/// draft ("!! !! !! ...") number one per few bytes.
pub const PIECE_BYTES: usize = 128 << 10;

impl PhraseMatcher {
    /// `targets` holds `(phrase, target)` pairs in any order of phrases; a phrase's own
    /// targets keep their order.
    fn new(phrases: Vec<String>, mut targets: Vec<(u32, Target)>) -> PhraseMatcher {
        // Stable: a phrase's targets stay in the order they were added.
        targets.sort_by_key(|&(phrase, _)| phrase);
        let mut ranges = vec![(0u32, 0u32); phrases.len()];
        for (i, &(phrase, _)) in targets.iter().enumerate() {
            let range = &mut ranges[phrase as usize];
            if range.1 == 0 {
                range.0 = i as u32;
            }
            range.1 = i as u32 + 1;
        }
        let targets = targets.into_iter().map(|(_, target)| target).collect();
        PhraseMatcher {
            nfa: std::sync::OnceLock::new(),
            dfa: std::sync::OnceLock::new(),
            checks: std::sync::atomic::AtomicUsize::new(0),
            phrases,
            ranges,
            targets,
        }
    }

    /// What a match of phrase `id` means.
    fn targets(&self, id: usize) -> &[Target] {
        let (start, end) = self.ranges[id];
        &self.targets[start as usize..end as usize]
    }

    /// Standard semantics, so overlapping matches are reported; the engine picks
    /// leftmost-longest whole-word matches itself, after the boundary checks.
    fn build_nfa(&self) -> Option<NFA> {
        aho_corasick::nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(&self.phrases)
            .ok()
    }

    /// The crate's own DFA, which [`PhraseDfa`] replaced (kept to compare walks with).
    #[cfg(test)]
    fn build_crate_dfa(&self) -> Option<aho_corasick::dfa::DFA> {
        aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(&self.phrases)
            .ok()
    }

    /// The DFA the walk uses (see [`PhraseDfa`]).
    fn build_dfa(&self) -> Option<PhraseDfa> {
        PhraseDfa::new(&self.phrases)
    }

    /// Calls `f(phrase, start, end)` for every occurrence of every phrase in `hay`,
    /// overlapping ones included, in no particular order.
    fn for_each_match(&self, hay: &str, mut f: impl FnMut(usize, usize, usize)) {
        use std::sync::atomic::Ordering;
        if let Some(Some(dfa)) = self.dfa.get() {
            return dfa.walk(hay, &mut f);
        }
        let n = self.checks.fetch_add(1, Ordering::Relaxed);
        if n >= DFA_AFTER_CHECKS {
            if let Some(dfa) = self.dfa.get_or_init(|| self.build_dfa()) {
                return dfa.walk(hay, &mut f);
            }
        } else if (hay.len() > DIRECT_MAX_BYTES || self.nfa.get().is_some())
            && let Some(nfa) = self.nfa.get_or_init(|| self.build_nfa())
        {
            return walk(nfa, hay.as_bytes(), &mut f);
        }
        // Short drafts, and any draft should an automaton fail to build.
        self.search_each(hay, f)
    }

    /// Searches for each phrase in turn, skipping those whose first two bytes never occur
    /// next to each other in `hay`, or (phrases of four bytes or more) whose first four
    /// never occur together, as far as a hash of them can tell.
    fn search_each(&self, hay: &str, mut f: impl FnMut(usize, usize, usize)) {
        // Bit sets of the draft's byte pairs, and of hashes of its runs of four bytes: a
        // pair alone let through most of a long house list ("ri", "no", "so"...), each
        // then searched for.
        fn quad(w: &[u8]) -> usize {
            let k = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            (k.wrapping_mul(0x9E37_79B1) >> 16) as usize
        }
        let bytes = hay.as_bytes();
        let (mut pairs, mut quads) = (vec![0u64; 1024], vec![0u64; 1024]);
        for (i, w) in bytes.windows(2).enumerate() {
            let k = usize::from(w[0]) << 8 | usize::from(w[1]);
            pairs[k / 64] |= 1 << (k % 64);
            if let Some(w) = bytes.get(i..i + 4) {
                let k = quad(w);
                quads[k / 64] |= 1 << (k % 64);
            }
        }
        for (id, phrase) in self.phrases.iter().enumerate() {
            let p = phrase.as_bytes();
            if p.len() >= 2 {
                let k = usize::from(p[0]) << 8 | usize::from(p[1]);
                if pairs[k / 64] & (1 << (k % 64)) == 0 {
                    continue;
                }
            }
            if p.len() >= 4 {
                let k = quad(p);
                if quads[k / 64] & (1 << (k % 64)) == 0 {
                    continue;
                }
            }
            let mut from = 0;
            while let Some(i) = hay[from..].find(phrase.as_str()) {
                let start = from + i;
                f(id, start, start + phrase.len());
                from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

/// The pattern rules (house formats such as a team's case references): arbitrary regexes,
/// so they run over the whole draft, in one set that says which to search with.
#[derive(Debug)]
struct PatternMatcher {
    /// `None` when there is one regex, which is then always searched.
    set: Option<RegexSet>,
    /// Each pattern rule's regex, with the rule's index.
    regexes: Vec<(LazyRegex, usize)>,
}

/// A pattern rule's regex. A house rule's is compiled when the linter is built, which is
/// how a bad pattern is reported; a built-in rule's (valid: its examples run as tests) is
/// compiled on first need, since most drafts cannot match it: none of the bytes a match
/// can start with occurs in them ("!" and "?" for `tone/punctuation`).
#[derive(Debug)]
struct LazyRegex {
    source: String,
    /// The bytes a match can start with, when the pattern's literal prefixes say (`None`:
    /// any byte may).
    first_bytes: Option<Box<[bool; 256]>>,
    regex: std::sync::OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// A regex already compiled.
    fn compiled(regex: Regex) -> LazyRegex {
        LazyRegex {
            source: regex.as_str().to_string(),
            first_bytes: None,
            regex: std::sync::OnceLock::from(Some(regex)),
        }
    }

    /// A valid pattern, compiled on first need.
    fn lazy(source: String) -> LazyRegex {
        LazyRegex {
            first_bytes: first_bytes(&source),
            source,
            regex: std::sync::OnceLock::new(),
        }
    }

    fn as_str(&self) -> &str {
        &self.source
    }

    /// The regex, unless `text` surely holds no match.
    fn for_text(&self, text: &str) -> Option<&Regex> {
        if let Some(regex) = self.regex.get() {
            return regex.as_ref();
        }
        if let Some(first) = &self.first_bytes
            && !text.bytes().any(|b| first[usize::from(b)])
        {
            return None;
        }
        self.regex
            .get_or_init(|| pattern_regex(&self.source).ok())
            .as_ref()
    }
}

/// A pattern rule's regex, as every pattern rule's is built.
fn pattern_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// The bytes a match of `pattern` can start with, from its literal prefixes; `None` when
/// it can start anywhere (or match the empty string) or is not understood.
fn first_bytes(pattern: &str) -> Option<Box<[bool; 256]>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let mut first = Box::new([false; 256]);
    for literal in prefixes.literals()? {
        first[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(first)
}

/// Buffers a check needs, kept per thread for the next check (see [`Linter::check`]):
/// allocating them afresh for every post of an archive was a measurable part of checking.
#[derive(Default)]
struct Scratch {
    /// One set per draft of the largest batch checked so far.
    posts: Vec<PostBuffers>,
    findings: Vec<detect::Finding>,
    scan: detect::scan::ScanScratch,
}

/// The buffers of one draft of a batch, kept from batch to batch.
#[derive(Default)]
struct PostBuffers {
    fold: text::FoldBuffers,
    hits: DetectorHits,
    lex: Vec<std::cell::Cell<u8>>,
}

/// One draft's state between the stages of [`Linter::check_batch`].
struct Post<'t> {
    text: &'t str,
    folded: Folded<'t>,
    hits: DetectorHits,
    lex: Vec<std::cell::Cell<u8>>,
    out: Vec<Diagnostic>,
    /// Allow-listed phrases found in the draft.
    allowed: Vec<Span>,
    quotes: std::cell::OnceCell<Vec<Hit>>,
    /// A piece of a longer draft (see [`Linter::check`]).
    piece: bool,
    /// The context cues found in the draft.
    cues: Cues,
}

impl Scratch {
    /// Buffers sized for a draft longer than this are dropped rather than kept.
    const KEEP_BYTES: usize = 1 << 20;
    /// The same for every slot of a batch but the first: a thread keeps one set of buffers
    /// for a large draft, not one per slot (a batch's other drafts are short posts).
    const KEEP_BYTES_PER_SLOT: usize = 4 << 10;

    /// The first `n` slots' buffers, made if this thread has not checked so many at once.
    fn slots(&mut self, n: usize) -> &mut [PostBuffers] {
        if self.posts.len() < n {
            self.posts.resize_with(n, PostBuffers::default);
        }
        &mut self.posts[..n]
    }

    /// Whether slot `i` keeps the buffers of a draft of `len` bytes.
    fn keeps(i: usize, len: usize) -> bool {
        len <= if i == 0 {
            Scratch::KEEP_BYTES
        } else {
            Scratch::KEEP_BYTES_PER_SLOT
        }
    }
}

/// Whether rule number `rule_idx`'s `context` (if any) allows a finding at `start..end`:
/// one of its `any` cues (if it has any) and none of its `none` cues lie within its window
/// of words either side. `cues` are the draft's, found by the phrase automaton with every
/// other phrase and sorted, so a finding costs a binary search, not a search of the window
/// for each cue word.
fn context_allows(
    rule_idx: usize,
    rule: &Rule,
    text: &str,
    cues: &[(usize, bool, usize, usize)],
    start: usize,
    end: usize,
) -> bool {
    let Some(ctx) = &rule.context else {
        return true;
    };
    let (lo, hi) = text::word_window(text, start, end, ctx.window);
    let from = cues.partition_point(|&(r, _, s, _)| (r, s) < (rule_idx, lo));
    let (mut any, mut none) = (false, false);
    for &(_, is_none, _, e) in cues[from..]
        .iter()
        .take_while(|&&(r, _, s, _)| r == rule_idx && s < hi)
    {
        if e <= hi {
            *if is_none { &mut none } else { &mut any } = true;
        }
    }
    (ctx.any.is_empty() || any) && !none
}

/// Whether `span` lies inside one of a draft's allow-listed phrases (`allowed` sealed by
/// [`detect::seal`] once the phrases are found).
fn is_allowed(allowed: &[Span], span: Span) -> bool {
    detect::covers(allowed, span.start, span.end)
}

/// `(rule, start, end)` of the `except` phrases of a draft, sorted, with for each the
/// furthest end among its rule's entries up to it; answers [`Excepts::overlaps`] with one
/// binary search, where a scan of every entry per finding made long drafts quadratic.
struct Excepts {
    spans: Vec<(usize, usize, usize)>,
    reach: Vec<usize>,
}

impl Excepts {
    fn new(mut spans: Vec<(usize, usize, usize)>) -> Excepts {
        spans.sort_unstable();
        let mut reach = Vec::with_capacity(spans.len());
        for (i, &(rule, _, end)) in spans.iter().enumerate() {
            let before = match i.checked_sub(1) {
                Some(j) if spans[j].0 == rule => reach[j],
                _ => 0,
            };
            reach.push(end.max(before));
        }
        Excepts { spans, reach }
    }

    /// Whether an `except` phrase of `rule` overlaps `start..end`.
    fn overlaps(&self, rule: usize, start: usize, end: usize) -> bool {
        // The rule's entries that start before `end` end the sorted prefix `..to`.
        let to = self
            .spans
            .partition_point(|&(r, s, _)| (r, s) < (rule, end));
        to > 0 && self.spans[to - 1].0 == rule && self.reach[to - 1] > start
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Sorts a detector's hits by span, stably. They mostly come in order already: then the
/// sort's code, a large part of every check's instruction-cache footprint when inlined
/// into it, is not run at all.
#[inline(never)]
fn sort_hits(hits: &mut [Hit]) {
    if !hits.is_sorted_by_key(|h| (h.start, h.end)) {
        hits.sort_by_key(|h| (h.start, h.end));
    }
}

/// The order of a draft's diagnostics: (start, end, rule id).
fn order_key(d: &Diagnostic) -> (usize, usize, &str) {
    (d.span.start, d.span.end, d.rule.as_str())
}

/// Sorts diagnostics by (start, end, rule id), stably (see [`sort_hits`]).
#[inline(never)]
fn sort_diagnostics(out: &mut [Diagnostic]) {
    let key = order_key;
    if !out.is_sorted_by(|a, b| key(a) <= key(b)) {
        out.sort_by(|a, b| key(a).cmp(&key(b)));
    }
}

/// Hits for the detectors, gathered during the shared scans.
#[derive(Default)]
struct DetectorHits {
    phrases: Vec<Vec<Hit>>,
    patterns: Vec<Vec<Hit>>,
    /// The detectors that got a hit, as [`detector_bit`]s: the others that are idle without
    /// hits are passed over without looking at their lists.
    active: u64,
}

impl Linter {
    /// A linter with the default rules only.
    pub fn new() -> Result<Linter, ConfigError> {
        LinterBuilder::default().build()
    }

    /// Starts building a linter with house rules or overrides.
    pub fn builder() -> LinterBuilder {
        LinterBuilder::default()
    }

    /// The detectors' patterns (for tests of the windowed search).
    #[cfg(test)]
    pub(crate) fn detector_patterns(&self) -> Option<&detect::scan::Patterns> {
        self.detector_patterns.as_ref()
    }

    /// Every rule, enabled or not, sorted by id.
    pub fn rules(&self) -> impl Iterator<Item = &RuleInfo> {
        self.rules.iter().map(|r| &r.info)
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.rules.iter().find(|r| r.info.id == id).map(|r| &r.info)
    }

    /// The phrases of the linter's one phrase automaton (folded), for benchmarks that
    /// compare a bare scan with the same phrase set. Not a stable API.
    #[doc(hidden)]
    pub fn phrase_list(&self) -> &[String] {
        self.phrases.as_ref().map_or(&[], |p| &p.phrases)
    }

    /// Checks one draft. Diagnostics come sorted by (start, end, rule id).
    ///
    /// A draft of more than [`PIECE_BYTES`] (128 KiB, far beyond any platform's post) is
    /// checked a piece of at most that size at a time, each ending at a blank line where it
    /// can (else a line break, a sentence end or a space; see [`text::pieces`]), so the
    /// memory a check takes stays bounded whatever the draft's size. The length limit is
    /// still counted over the whole draft; the other rules judge each piece as they judge a
    /// post (an acronym spelled out in one piece is unexplained in the next).
    pub fn check(&self, text: &str) -> Vec<Diagnostic> {
        if text.len() > PIECE_BYTES {
            let mut out = Vec::new();
            self.check_in_pieces(text, |d| out.push(d));
            return out;
        }
        self.check_one(text, false)
    }

    /// Checks one draft as [`Linter::check`] does and hands each diagnostic to `each`, in
    /// the same order, without holding them all: a draft over [`PIECE_BYTES`], checked a
    /// piece at a time, holds only one piece's findings at once. For a renderer that
    /// writes each finding as it comes (the CLI does), so a huge draft dense with findings
    /// does not need memory for all of them.
    pub fn check_each(&self, text: &str, mut each: impl FnMut(Diagnostic)) {
        if text.len() > PIECE_BYTES {
            self.check_in_pieces(text, each);
        } else {
            self.check_one(text, false).into_iter().for_each(&mut each);
        }
    }

    /// Checks one draft of at most [`PIECE_BYTES`], or one piece of a longer draft (`piece`:
    /// the detectors that read the whole draft are left out).
    fn check_one(&self, text: &str, piece: bool) -> Vec<Diagnostic> {
        // Checking post after post, each thread reuses the last check's buffers (see
        // `Scratch`); a nested check (none today) would simply get fresh ones.
        detect::with_scratch(
            &SCRATCH,
            |_| false,
            |scratch| {
                let mut post = self.start_post(text, &mut scratch.slots(1)[0]);
                post.piece = piece;
                self.check_posts(std::slice::from_mut(&mut post), scratch);
                Self::finish_post(post, 0, scratch)
            },
        )
    }

    /// [`Linter::check_each`] of a draft longer than [`PIECE_BYTES`].
    fn check_in_pieces(&self, text: &str, mut each: impl FnMut(Diagnostic)) {
        // The detectors that read the whole draft go first; they read only its text (no
        // fold, no hits). Their findings are then merged in order with each piece's.
        let empty = Folded::new("");
        let quotes = std::cell::OnceCell::new();
        let input = Input {
            text,
            phrases: &[],
            patterns: &[],
            folded: &empty,
            lex: &[],
            quotes: &quotes,
        };
        let mut findings = Vec::new();
        let mut whole = Vec::new();
        for entry in self.detectors.iter().filter(|e| e.whole_draft) {
            entry.detector.check(&input, &mut findings);
            whole.extend(
                findings
                    .drain(..)
                    .map(|f| self.detector_diagnostic(entry.rule, f)),
            );
        }
        sort_diagnostics(&mut whole);
        let mut whole = whole.into_iter().peekable();
        for (offset, piece) in text::pieces(text, PIECE_BYTES) {
            for mut d in self.check_one(piece, true) {
                d.shift(offset);
                while let Some(w) = whole.next_if(|w| order_key(w) <= order_key(&d)) {
                    each(w);
                }
                each(d);
            }
            // Every later piece's findings start at or after this piece's end.
            let end = offset + piece.len();
            while let Some(w) = whole.next_if(|w| w.span.start < end) {
                each(w);
            }
        }
        whole.for_each(each);
    }

    /// Checks each draft of `texts` on its own, exactly as [`Linter::check`] would, and
    /// returns their diagnostics in the same order.
    ///
    /// The drafts go through each stage together (fold all, walk all, then each detector
    /// over all): checking a draft touches more code and tables than the caches hold, and
    /// draft by draft each stage found its code and data evicted by the stages after it.
    pub(crate) fn check_batch(&self, texts: &[&str]) -> Vec<Vec<Diagnostic>> {
        detect::with_scratch(
            &SCRATCH,
            |_| false,
            |scratch| {
                let mut posts: Vec<Post<'_>> = texts
                    .iter()
                    .zip(scratch.slots(texts.len()))
                    .map(|(text, buffers)| self.start_post(text, buffers))
                    .collect();
                self.check_posts(&mut posts, scratch);
                (0..)
                    .zip(posts)
                    .map(|(i, post)| Self::finish_post(post, i, scratch))
                    .collect()
            },
        )
    }

    /// A draft's state before its check, in buffers from an earlier draft: its fold (split
    /// into words in the same pass when the detectors need them, one fold serving phrases
    /// and detectors) and empty lists.
    fn start_post<'t>(&self, text: &'t str, buffers: &mut PostBuffers) -> Post<'t> {
        let mut hits = std::mem::take(&mut buffers.hits);
        self.reset_hits(&mut hits);
        let folded = Folded::new_in(text, self.words, std::mem::take(&mut buffers.fold));
        let mut lex = std::mem::take(&mut buffers.lex);
        lex.clear();
        lex.resize(folded.words().len(), std::cell::Cell::new(0u8));
        Post {
            text,
            folded,
            hits,
            lex,
            out: Vec::new(),
            allowed: Vec::new(),
            quotes: std::cell::OnceCell::new(),
            piece: false,
            cues: Vec::new(),
        }
    }

    /// A checked draft's diagnostics, sorted; its buffers go back to slot `i` of `scratch`
    /// unless a long draft made them large (see [`Scratch::keeps`]).
    fn finish_post(post: Post<'_>, i: usize, scratch: &mut Scratch) -> Vec<Diagnostic> {
        let Post {
            text,
            folded,
            hits,
            lex,
            mut out,
            ..
        } = post;
        sort_diagnostics(&mut out);
        if Scratch::keeps(i, text.len()) {
            let buffers = &mut scratch.posts[i];
            buffers.fold = folded.into_buffers();
            buffers.hits = hits;
            buffers.lex = lex;
        } else {
            scratch.scan = Default::default();
        }
        out
    }

    /// Runs every rule over `posts`, stage by stage.
    fn check_posts(&self, posts: &mut [Post<'_>], scratch: &mut Scratch) {
        for post in posts.iter_mut() {
            if let Some(phrases) = &self.phrases {
                self.check_phrases(phrases, post);
            }
        }
        for post in posts.iter_mut() {
            if let Some(patterns) = &self.patterns {
                self.check_patterns(patterns, post.text, &post.cues, &mut post.out);
            }
            if let Some(patterns) = &self.detector_patterns {
                post.hits.active |= patterns.scan(
                    post.text,
                    &post.folded,
                    &mut post.hits.patterns,
                    &mut scratch.scan,
                );
            }
            // Term and pattern findings inside an allow-listed phrase go here; each
            // detector's findings below, unless the detector opts out (the length limit).
            let allowed = &post.allowed;
            post.out.retain(|d| !is_allowed(allowed, d.span));
        }
        let mut findings = std::mem::take(&mut scratch.findings);
        findings.clear();
        for (det, entry) in self.detectors.iter().enumerate() {
            for post in posts.iter_mut() {
                if (entry.idle_without_hits && post.hits.active & detector_bit(det) == 0)
                    || (entry.whole_draft && post.piece)
                {
                    continue;
                }
                let hits = &mut post.hits;
                sort_hits(&mut hits.phrases[det]);
                sort_hits(&mut hits.patterns[det]);
                let input = Input {
                    text: post.text,
                    phrases: &hits.phrases[det],
                    patterns: &hits.patterns[det],
                    folded: &post.folded,
                    lex: &post.lex,
                    quotes: &post.quotes,
                };
                entry.detector.check(&input, &mut findings);
                for f in findings.drain(..) {
                    if entry.honours_allow && is_allowed(&post.allowed, Span::new(f.start, f.end)) {
                        continue;
                    }
                    post.out.push(self.detector_diagnostic(entry.rule, f));
                }
            }
        }
        // Kept for the next batch, unless a huge draft made the list huge.
        if posts.iter().all(|p| p.text.len() <= Scratch::KEEP_BYTES) {
            scratch.findings = findings;
        }
    }

    /// Empties a draft's hit lists for the next draft: only the lists of detectors that
    /// got hits last time hold any.
    fn reset_hits(&self, hits: &mut DetectorHits) {
        if self.detectors.len() <= 64 {
            let mut stale = hits.active;
            while stale != 0 {
                let det = stale.trailing_zeros() as usize;
                stale &= stale - 1;
                for list in [hits.phrases.get_mut(det), hits.patterns.get_mut(det)]
                    .into_iter()
                    .flatten()
                {
                    list.clear();
                }
            }
        } else {
            for list in hits.phrases.iter_mut().chain(hits.patterns.iter_mut()) {
                list.clear();
            }
        }
        hits.active = 0;
        hits.phrases.resize_with(self.detectors.len(), Vec::new);
        hits.patterns.resize_with(self.detectors.len(), Vec::new);
    }

    /// Runs every enabled rule's examples and returns a description of each that fails.
    ///
    /// An example passes when the texts its rule flags in it are exactly `expect`, in order.
    pub fn check_examples(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for rule in self.rules.iter().filter(|r| r.info.is_enabled()) {
            for ex in &rule.info.examples {
                let found: Vec<&str> = self
                    .check(&ex.text)
                    .into_iter()
                    .filter(|d| d.rule == rule.info.id)
                    .filter_map(|d| ex.text.get(d.span.range()))
                    .collect();
                if found != ex.expect {
                    failures.push(format!(
                        "{}: example {:?} flagged {:?}, expected {:?}",
                        rule.info.id, ex.text, found, ex.expect
                    ));
                }
            }
        }
        failures
    }

    fn check_phrases(&self, phrases: &PhraseMatcher, post: &mut Post<'_>) {
        let Post {
            text,
            folded,
            out,
            allowed,
            hits,
            cues,
            ..
        } = post;
        let text: &str = text;
        // (rule, start, end, suggestions) for whole-word matches; overlapping for now.
        let mut found: Vec<TermHit<'_>> = Vec::new();
        // (rule, start, end) of each rule's `except` phrases.
        let mut except: Vec<(usize, usize, usize)> = Vec::new();
        // Each match is taken in as the automaton reports it, not stored first.
        phrases.for_each_match(folded.as_str(), |id, s, e| {
            let (start, end) = folded.original_range(s, e);
            if !text::is_whole_word(text, start, end) {
                return;
            }
            for target in phrases.targets(id) {
                match target {
                    Target::Allow => allowed.push(Span::new(start, end)),
                    Target::Detector { det, kind } => {
                        hits.active |= detector_bit(*det);
                        hits.phrases[*det].push(Hit {
                            kind: *kind,
                            start,
                            end,
                        });
                    }
                    Target::Term {
                        rule,
                        suggestions,
                        inflect,
                    } => {
                        found.push((*rule, start, end, suggestions, *inflect));
                    }
                    Target::Except { rule } => except.push((*rule, start, end)),
                    Target::Cue { rule, none } => cues.push((*rule, *none, start, end)),
                }
            }
        });
        cues.sort_unstable_by_key(|&(rule, _, start, end)| (rule, start, end));
        detect::seal(allowed);
        let except = Excepts::new(except);
        // Leftmost-longest per rule, so one rule never reports overlapping spans
        // ("going forward" wins over "going").
        found.sort_by(|a, b| (a.0, a.1, b.2).cmp(&(b.0, b.1, a.2)));
        let mut last: Option<(usize, usize)> = None;
        for (rule_idx, start, end, suggestions, inflect) in found {
            if last.is_some_and(|(r, e)| r == rule_idx && start < e) {
                continue;
            }
            let rule = &self.rules[rule_idx];
            if except.overlaps(rule_idx, start, end)
                || !context_allows(rule_idx, rule, text, cues, start, end)
            {
                continue;
            }
            last = Some((rule_idx, end));
            let matched = &text[start..end];
            let suggestions = suggestions
                .iter()
                .map(|s| text::match_case(matched, &inflect.apply(s)))
                .collect();
            out.push(self.diagnostic(rule_idx, text, start, end, suggestions));
        }
    }

    fn check_patterns(
        &self,
        patterns: &PatternMatcher,
        text: &str,
        cues: &[(usize, bool, usize, usize)],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut search = |(regex, rule_idx): &(LazyRegex, usize)| {
            let Some(regex) = regex.for_text(text) else {
                return;
            };
            let rule = &self.rules[*rule_idx];
            for m in regex.find_iter(text) {
                if m.is_empty()
                    || rule.validator.is_some_and(|v| !v.accepts(m.as_str()))
                    || !context_allows(*rule_idx, rule, text, cues, m.start(), m.end())
                {
                    continue;
                }
                let suggestions = rule.suggest.clone();
                out.push(self.diagnostic(*rule_idx, text, m.start(), m.end(), suggestions));
            }
        };
        match &patterns.set {
            Some(set) => set
                .matches(text)
                .iter()
                .for_each(|i| search(&patterns.regexes[i])),
            None => patterns.regexes.iter().for_each(search),
        }
    }

    fn detector_diagnostic(&self, rule_idx: usize, f: Finding) -> Diagnostic {
        let rule = &self.rules[rule_idx];
        let severity = rule.info.severity.unwrap_or(rule.info.default_severity);
        Diagnostic {
            rule: rule.info.id.clone(),
            category: rule.info.category,
            severity: f.confidence.severity(severity),
            message: f.message,
            span: Span::new(f.start, f.end),
            suggestions: f.suggestions,
            data: f.data,
            labels: f
                .parts
                .into_iter()
                .map(|p| Label {
                    span: p.span,
                    message: p.message,
                })
                .collect(),
        }
    }

    fn diagnostic(
        &self,
        rule_idx: usize,
        text: &str,
        start: usize,
        end: usize,
        suggestions: Vec<String>,
    ) -> Diagnostic {
        let rule = &self.rules[rule_idx];
        Diagnostic {
            rule: rule.info.id.clone(),
            category: rule.info.category,
            // Only enabled rules run, so the severity is always set here.
            severity: rule.info.severity.unwrap_or(rule.info.default_severity),
            message: rule.message.replace("{match}", &text[start..end]),
            span: Span::new(start, end),
            suggestions,
            data: None,
            labels: Vec::new(),
        }
    }
}

/// What a rule matches with, before the shared matchers are built.
enum Matcher {
    /// Every form of every term with its suggestions, and the rule's `except` phrases.
    Terms(Vec<(String, Arc<[String]>, Inflect)>, Vec<String>),
    Pattern(LazyRegex),
    Detector(toml::Table),
}

struct Compiled {
    rule: Rule,
    matcher: Matcher,
    file: usize,
}

impl LinterBuilder {
    /// Adds a house-rules file: `name` is shown in errors (usually its path), `text` its TOML.
    /// Later files are applied after earlier ones.
    pub fn house_rules(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.house.push(SourceFile {
            name: name.into(),
            text: Arc::from(text.into()),
        });
        self
    }

    /// Measures length for this platform, whatever the rule files say.
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = Some(platform);
        self
    }

    /// Uses this length limit instead of the platform's own.
    pub fn max_length(mut self, limit: usize) -> Self {
        self.max_length = Some(limit);
        self
    }

    /// Validates every rule file and builds the matchers.
    pub fn build(self) -> Result<Linter, ConfigError> {
        let mut files: Vec<(SourceFile, RawFile, bool)> = Vec::new();
        for (name, text, tree, strings) in builtin::FILES {
            let file = SourceFile {
                name: format!("rules/{name}"),
                text: Arc::from(*text),
            };
            let raw = parse_builtin(&file, tree, strings)?;
            files.push((file, raw, true));
        }
        for file in self.house {
            let raw = parse_file(&file)?;
            files.push((file, raw, false));
        }

        // Rule definitions, in file order; ids are unique across all files.
        let mut compiled: Vec<Compiled> = Vec::new();
        for fi in 0..files.len() {
            let raw_rules = std::mem::take(&mut files[fi].1.rule);
            let (file, _, builtin) = &files[fi];
            for raw_rule in raw_rules {
                let id = raw_rule.id.get_ref();
                if let Some(prev) = compiled.iter().find(|c| c.rule.info.id == *id) {
                    return Err(ConfigError::new(
                        file,
                        Some(raw_rule.id.span()),
                        format!("duplicate rule id `{id}`"),
                    )
                    .with_help(format!(
                        "`{id}` is already defined in {}; to change it, use [severity] or \
                         [settings] instead of defining it again",
                        files[prev.file].0.name
                    )));
                }
                let (rule, matcher) = compile_rule(file, raw_rule, *builtin)?;
                compiled.push(Compiled {
                    rule,
                    matcher,
                    file: fi,
                });
            }
        }

        // Overrides, applied in file order so a later file wins.
        let mut allow: Vec<String> = Vec::new();
        let mut known_names: Vec<String> = Vec::new();
        for (file, raw, _) in &files {
            for (id, value) in &raw.severity.0 {
                let c = find_rule(&mut compiled, file, id)?;
                c.rule.info.severity = match value.get_ref().as_str() {
                    "off" => None,
                    name => Some(Severity::from_name(name).ok_or_else(|| {
                        ConfigError::new(
                            file,
                            Some(value.span()),
                            format!("unknown severity `{name}`"),
                        )
                        .with_help("use one of: error, warning, info, off")
                    })?),
                };
            }
            for (id, table) in &raw.settings.0 {
                let c = find_rule(&mut compiled, file, id)?;
                let Matcher::Detector(params) = &mut c.matcher else {
                    return Err(ConfigError::new(
                        file,
                        Some(id.span()),
                        format!("`{}` has no settings", id.get_ref()),
                    )
                    .with_help(format!(
                        "only built-in detectors take settings: {}",
                        DETECTOR_IDS.join(", ")
                    )));
                };
                for (key, value) in table.get_ref() {
                    let Some(default) = params.get(key) else {
                        let known: Vec<&str> = params.keys().map(String::as_str).collect();
                        return Err(ConfigError::new(
                            file,
                            Some(table.span()),
                            format!("unknown setting `{key}` for `{}`", id.get_ref()),
                        )
                        .with_help(format!("known settings: {}", known.join(", "))));
                    };
                    check_setting(id.get_ref(), key, value, default)
                        .map_err(|msg| ConfigError::new(file, Some(table.span()), msg))?;
                    // Lists extend the built-in list (a team adds its public figures or cue
                    // words), tables add or replace entries (a team's own othering label
                    // and its alternative); other values replace it.
                    match (params.get_mut(key), value) {
                        (Some(toml::Value::Array(list)), toml::Value::Array(more)) => {
                            list.extend(more.iter().cloned());
                        }
                        (Some(toml::Value::Table(table)), toml::Value::Table(more)) => {
                            table.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
                        }
                        _ => {
                            params.insert(key.clone(), value.clone());
                        }
                    }
                }
            }
            for name in &raw.known_names {
                if name.get_ref().trim().is_empty() {
                    return Err(ConfigError::new(
                        file,
                        Some(name.span()),
                        "a known name cannot be empty",
                    ));
                }
                known_names.push(name.get_ref().clone());
            }
            for phrase in &raw.allow {
                let folded = text::fold(phrase.get_ref().trim());
                if folded.is_empty() {
                    return Err(ConfigError::new(
                        file,
                        Some(phrase.span()),
                        "an allowed phrase cannot be empty",
                    ));
                }
                allow.push(folded);
            }
        }

        compiled.sort_by(|a, b| a.rule.info.id.cmp(&b.rule.info.id));

        // Sized for the default rules' phrases (about 2,300) and some house ones: growing
        // from empty rehashed every phrase several times over at start-up.
        // A long house list adds its forms: sized for those too, not regrown for them.
        let term_forms: usize = compiled
            .iter()
            .map(|c| match &c.matcher {
                Matcher::Terms(terms, except) => terms.len() + except.len(),
                _ => 0,
            })
            .sum();
        let mut phrase_ids: detect::gazetteer::FxHashMap<String, usize> =
            detect::gazetteer::FxHashMap::with_capacity_and_hasher(
                4096.max(term_forms + 1024),
                Default::default(),
            );
        // (phrase, target) pairs in one list, not a list per phrase: thousands of phrases,
        // and start-up allocated for each. The map owns each phrase (the list is made from
        // it at the end), so each is copied once fewer too.
        let mut targets: Vec<(u32, Target)> = Vec::with_capacity(term_forms + 1024);
        let mut intern = |phrase: String, target: Target| {
            let next = phrase_ids.len();
            let idx = *phrase_ids.entry(phrase).or_insert(next);
            targets.push((idx as u32, target));
        };
        let ctx = BuildContext {
            platform: self.platform,
            max_length: self.max_length,
            known_names,
            allow: allow.clone(),
        };
        for phrase in allow {
            intern(phrase, Target::Allow);
        }
        let mut rules = Vec::with_capacity(compiled.len());
        let mut regexes: Vec<(LazyRegex, usize)> = Vec::new();
        // Detector regexes, each with the detectors that asked for it: detectors that
        // register the same regex share one search.
        let mut detector_patterns: Vec<(detect::Source, Vec<(usize, u16)>)> = Vec::new();
        let mut detectors: Vec<DetectorEntry> = Vec::new();
        for (i, c) in compiled.into_iter().enumerate() {
            if c.rule.info.is_enabled() {
                match c.matcher {
                    Matcher::Terms(terms, except) => {
                        intern_cues(&c.rule, i, &mut intern);
                        for (term, suggestions, inflect) in terms {
                            intern(
                                term,
                                Target::Term {
                                    rule: i,
                                    suggestions,
                                    inflect,
                                },
                            );
                        }
                        for phrase in except {
                            intern(phrase, Target::Except { rule: i });
                        }
                    }
                    Matcher::Pattern(regex) => {
                        intern_cues(&c.rule, i, &mut intern);
                        regexes.push((regex, i));
                    }
                    Matcher::Detector(params) => {
                        let det = detectors.len();
                        let mut registry = Registry::default();
                        let detector = detect::build(&c.rule.info.id, &params, &ctx, &mut registry);
                        for (phrase, kind) in registry.phrases {
                            intern(phrase, Target::Detector { det, kind });
                        }
                        for (source, kind) in registry.patterns {
                            match detector_patterns.iter_mut().find(|(s, _)| *s == source) {
                                Some((_, targets)) => targets.push((det, kind)),
                                None => detector_patterns.push((source, vec![(det, kind)])),
                            }
                        }
                        detectors.push(DetectorEntry {
                            rule: i,
                            idle_without_hits: detector.idle_without_hits(),
                            honours_allow: detector.honours_allow_list(),
                            whole_draft: detector.reads_whole_draft(),
                            detector,
                        });
                    }
                }
            }
            rules.push(c.rule);
        }

        let mut phrase_list = vec![String::new(); phrase_ids.len()];
        for (phrase, idx) in phrase_ids {
            phrase_list[idx] = phrase;
        }
        let phrases = if phrase_list.is_empty() {
            None
        } else {
            Some(PhraseMatcher::new(phrase_list, targets))
        };
        let patterns = if regexes.is_empty() {
            None
        } else if regexes.len() == 1 {
            // One pattern (the default rules have one) is simply searched: a set would only
            // say whether to, at the cost of compiling the regex a second time at start-up.
            Some(PatternMatcher { set: None, regexes })
        } else {
            let set = RegexSetBuilder::new(regexes.iter().map(|(r, _)| r.as_str()))
                .size_limit(REGEX_SIZE_LIMIT.saturating_mul(regexes.len() + 1))
                // The set runs over every draft; a lazy DFA cache too small for all the
                // patterns is cleared and rebuilt over and over (measured: most of the time).
                .dfa_size_limit(DFA_CACHE_LIMIT)
                .build()
                .map_err(|e| internal_error(format!("building the pattern set: {e}")))?;
            Some(PatternMatcher {
                set: Some(set),
                regexes,
            })
        };
        let detector_patterns = if detector_patterns.is_empty() {
            None
        } else {
            Some(detect::scan::Patterns::new(detector_patterns))
        };
        let words =
            detector_patterns.is_some() || detectors.iter().any(|d| d.detector.needs_words());
        Ok(Linter {
            rules,
            phrases,
            patterns,
            detector_patterns,
            detectors,
            words,
        })
    }
}

/// How a term list entry is matched.
#[derive(Debug, Clone, Copy)]
enum TermKind {
    /// As written.
    Phrase,
    /// A verb in the base form: every form ([`inflect::VERB_FORMS`]).
    Verb,
    /// A noun in the singular: the plural too.
    Noun,
}

/// A rule's terms as matched: every form of every entry, each with its suggestions.
#[derive(Default)]
struct TermList {
    terms: Vec<(String, Arc<[String]>, Inflect)>,
    /// Hash of each spelling in `terms` → the index of the first with that hash.
    seen: detect::gazetteer::FxHashMap<u64, u32>,
}

impl TermList {
    /// Adds `term` (folded) in every form its kind has, with `-ize` spellings and, for
    /// hyphenated words, the spaced spelling ("low hanging fruit"); two-word terms also
    /// match hyphenated ("game-changer"). Every form shares the entry's suggestions, to be
    /// inflected to fit when one is reported.
    fn add(&mut self, term: &str, suggestions: &[String], kind: TermKind) {
        use crate::inflect::{VERB_FORMS, noun_phrase_plural, verb_phrase};
        let suggestions: Arc<[String]> = Arc::from(suggestions);
        match kind {
            TermKind::Phrase => self.add_spellings(term, &suggestions, Inflect::Not),
            TermKind::Verb => {
                for form in VERB_FORMS {
                    let inflected = verb_phrase(term, form);
                    self.add_spellings(&inflected, &suggestions, Inflect::Verb(form));
                }
            }
            TermKind::Noun => {
                self.add_spellings(term, &suggestions, Inflect::Not);
                let plural = noun_phrase_plural(term);
                self.add_spellings(&plural, &suggestions, Inflect::Plural);
            }
        }
    }

    fn add_spellings(&mut self, term: &str, suggestions: &Arc<[String]>, inflect: Inflect) {
        // The term, its -ize spelling, and each of those spaced (if hyphenated) or
        // hyphenated (if two words), in that order.
        let mut spellings: [Option<String>; 4] = [
            Some(term.to_string()),
            crate::inflect::ize(term),
            None,
            None,
        ];
        // The -ize spelling has the same hyphens and spaces as the term.
        let (hyphens, spaces) = term.bytes().fold((0, 0), |(h, s), b| {
            (h + usize::from(b == b'-'), s + usize::from(b == b' '))
        });
        for i in 0..2 {
            spellings[i + 2] = match &spellings[i] {
                Some(s) if hyphens > 0 => Some(s.replace('-', " ")),
                // Two words are often hyphenated too ("game-changer").
                Some(s) if spaces == 1 => Some(s.replace(' ', "-")),
                _ => None,
            };
        }
        for spelling in spellings.into_iter().flatten() {
            // The first entry to produce a form keeps it ("used" is past and participle).
            if self.is_new(&spelling) {
                self.terms
                    .push((spelling, Arc::clone(suggestions), inflect));
            }
        }
    }

    /// Whether no term so far is `spelling`; if so, the caller adds it next. Keyed by hash,
    /// so a spelling is not copied into a set as well as the list (thousands of them at
    /// start-up).
    fn is_new(&mut self, spelling: &str) -> bool {
        use std::collections::hash_map::Entry;
        let at = self.terms.len() as u32;
        match self.seen.entry(detect::gazetteer::fx(spelling.as_bytes())) {
            Entry::Vacant(e) => {
                e.insert(at);
                true
            }
            // The same spelling, or (almost never) another with the same 64-bit hash.
            Entry::Occupied(e) => {
                self.terms[*e.get() as usize].0 != spelling
                    && !self.terms.iter().any(|(t, ..)| t == spelling)
            }
        }
    }
}

/// Adds rule number `rule_idx`'s context cues to the phrases (an empty cue never matches).
fn intern_cues(rule: &Rule, rule_idx: usize, intern: &mut impl FnMut(String, Target)) {
    let Some(ctx) = &rule.context else {
        return;
    };
    for (cues, none) in [(&ctx.any, false), (&ctx.none, true)] {
        for cue in cues.iter().filter(|c| !c.is_empty()) {
            intern(
                cue.clone(),
                Target::Cue {
                    rule: rule_idx,
                    none,
                },
            );
        }
    }
}

fn internal_error(message: String) -> ConfigError {
    ConfigError {
        file: "<rules>".to_string(),
        source_text: Arc::from(""),
        span: None,
        message,
        help: None,
    }
}

/// Finds a rule named in `[severity]` or `[settings]`, or says which id was probably meant.
fn find_rule<'a>(
    compiled: &'a mut [Compiled],
    file: &SourceFile,
    id: &Spanned<String>,
) -> Result<&'a mut Compiled, ConfigError> {
    let wanted = id.get_ref();
    let pos = compiled.iter().position(|c| c.rule.info.id == *wanted);
    match pos {
        Some(i) => Ok(&mut compiled[i]),
        None => {
            let closest = compiled
                .iter()
                .map(|c| (edit_distance(&c.rule.info.id, wanted), &c.rule.info.id))
                .min()
                .filter(|(d, _)| *d <= 3);
            let help = match closest {
                Some((_, near)) => {
                    format!("did you mean `{near}`? `postlint rules` lists every id")
                }
                None => "`postlint rules` lists every id".to_string(),
            };
            Err(
                ConfigError::new(file, Some(id.span()), format!("unknown rule id `{wanted}`"))
                    .with_help(help),
            )
        }
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Checks a detector setting's value; `default` is the value the built-in file gives.
fn check_setting(
    id: &str,
    key: &str,
    value: &toml::Value,
    default: &toml::Value,
) -> Result<(), String> {
    if value.type_str() != default.type_str() {
        return Err(format!(
            "setting `{key}` of `{id}` must be {} {}, not {} {}",
            article(default.type_str()),
            default.type_str(),
            article(value.type_str()),
            value.type_str()
        ));
    }
    detect::check_param(id, key, value)
}

fn article(type_str: &str) -> &'static str {
    if type_str.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Validates one `[[rule]]` and turns it into a rule plus what it matches with.
fn compile_rule(
    file: &SourceFile,
    raw: RawRule,
    builtin: bool,
) -> Result<(Rule, Matcher), ConfigError> {
    let err = |span: Range<usize>, msg: String| ConfigError::new(file, Some(span), msg);
    let id = raw.id.get_ref().clone();
    let Some((cat, name)) = id.split_once('/') else {
        return Err(err(
            raw.id.span(),
            format!("rule id `{id}` must look like `category/name`"),
        )
        .with_help("for example `confidentiality/case-ref` or `jargon/house-phrases`"));
    };
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_name {
        return Err(err(
            raw.id.span(),
            format!("rule name `{name}` may only use lower-case letters, digits and `-`"),
        ));
    }
    let Some(category) = Category::from_name(cat) else {
        let cats: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        return Err(err(
            raw.id.span(),
            format!("unknown category `{cat}` in rule id `{id}`"),
        )
        .with_help(format!("the categories are: {}", cats.join(", "))));
    };
    let severity = Severity::from_name(raw.severity.get_ref()).ok_or_else(|| {
        err(
            raw.severity.span(),
            format!("unknown severity `{}`", raw.severity.get_ref()),
        )
        .with_help("use one of: error, warning, info")
    })?;

    let kind = match raw.kind.get_ref().as_str() {
        "terms" => RuleKind::Terms,
        "pattern" => RuleKind::Pattern,
        "detector" => RuleKind::Detector,
        other => {
            return Err(err(raw.kind.span(), format!("unknown rule type `{other}`"))
                .with_help("use `terms` (a phrase list) or `pattern` (a regular expression)"));
        }
    };
    // Keys that belong to another kind of rule are mistakes worth pointing at.
    let misplaced = |present: bool, key: &str, owner: &str| -> Result<(), ConfigError> {
        if present {
            Err(err(
                raw.id.span(),
                format!("`{key}` only applies to rules of type = \"{owner}\""),
            ))
        } else {
            Ok(())
        }
    };
    misplaced(
        kind != RuleKind::Terms && raw.terms.is_some(),
        "terms",
        "terms",
    )?;
    misplaced(
        kind != RuleKind::Terms && raw.except.is_some(),
        "except",
        "terms",
    )?;
    misplaced(
        kind != RuleKind::Terms && raw.verbs.is_some(),
        "verbs",
        "terms",
    )?;
    misplaced(
        kind != RuleKind::Terms && raw.nouns.is_some(),
        "nouns",
        "terms",
    )?;
    misplaced(
        kind != RuleKind::Pattern && raw.pattern.is_some(),
        "pattern",
        "pattern",
    )?;
    misplaced(
        kind != RuleKind::Pattern && raw.validate.is_some(),
        "validate",
        "pattern",
    )?;
    misplaced(
        kind != RuleKind::Pattern && raw.suggest.is_some(),
        "suggest",
        "pattern",
    )?;
    misplaced(
        kind != RuleKind::Detector && raw.params.is_some(),
        "params",
        "detector",
    )?;

    let message = match (&raw.message, kind) {
        (Some(m), _) => m.get_ref().clone(),
        (None, RuleKind::Detector) => String::new(),
        (None, _) => {
            return Err(
                err(raw.id.span(), format!("rule `{id}` needs a `message`")).with_help(
                    "say what was found and what to do; `{match}` stands for the matched text",
                ),
            );
        }
    };

    let matcher = match kind {
        RuleKind::Terms => {
            if raw.terms.is_none() && raw.verbs.is_none() && raw.nouns.is_none() {
                return Err(err(
                    raw.id.span(),
                    format!("rule `{id}` needs a [rule.terms] table"),
                )
                .with_help("list each phrase with its suggestion: \"touch base\" = \"talk\""));
            }
            let tables = [
                (raw.terms, TermKind::Phrase),
                (raw.verbs, TermKind::Verb),
                (raw.nouns, TermKind::Noun),
            ];
            // About two spellings per entry, five forms per verb: sized up front so the
            // list and its hash index are not regrown entry by entry.
            let forms: usize = tables
                .iter()
                .map(|(t, kind)| {
                    let per = if matches!(kind, TermKind::Verb) {
                        10
                    } else {
                        2
                    };
                    t.as_ref().map_or(0, |t| t.get_ref().0.len() * per)
                })
                .sum();
            let mut list = TermList {
                terms: Vec::with_capacity(forms),
                seen: detect::gazetteer::FxHashMap::with_capacity_and_hasher(
                    forms,
                    Default::default(),
                ),
            };
            for (table, kind) in tables {
                for (term, suggestions) in table.map(|t| t.into_inner().0).unwrap_or_default() {
                    let folded = text::fold(term.get_ref().trim());
                    if folded.is_empty() {
                        return Err(err(term.span(), "a term cannot be empty".to_string()));
                    }
                    list.add(&folded, &suggestions.0, kind);
                }
            }
            let mut except = Vec::new();
            for phrase in raw.except.iter().flatten() {
                let folded = text::fold(phrase.get_ref().trim());
                if folded.is_empty() {
                    return Err(err(
                        phrase.span(),
                        "an except phrase cannot be empty".to_string(),
                    ));
                }
                except.push(folded);
            }
            Matcher::Terms(list.terms, except)
        }
        RuleKind::Pattern => {
            let Some(pattern) = raw.pattern else {
                return Err(err(raw.id.span(), format!("rule `{id}` needs a `pattern`")));
            };
            // A built-in pattern is known to be valid (its examples run as tests), and is
            // compiled on first need; a house one is compiled now, to report its mistakes.
            if builtin {
                Matcher::Pattern(LazyRegex::lazy(pattern.into_inner()))
            } else {
                let regex = pattern_regex(pattern.get_ref()).map_err(|e| {
                    let detail = match e {
                        regex::Error::CompiledTooBig(limit) => format!(
                            "the pattern compiles to more than {limit} bytes; simplify it \
                             (bounded repeats like {{1,1000}} multiply its size)"
                        ),
                        other => other.to_string(),
                    };
                    err(
                        pattern.span(),
                        format!("invalid pattern in rule `{id}`: {detail}"),
                    )
                })?;
                Matcher::Pattern(LazyRegex::compiled(regex))
            }
        }
        RuleKind::Detector => {
            if !builtin {
                return Err(err(
                    raw.kind.span(),
                    format!("`{id}`: detectors are built into postlint and cannot be defined in house rules"),
                )
                .with_help("use [severity] or [settings] to change a built-in detector"));
            }
            if !DETECTOR_IDS.contains(&id.as_str()) {
                return Err(err(
                    raw.id.span(),
                    format!("no built-in detector is called `{id}`"),
                ));
            }
            let params = raw.params.map(Spanned::into_inner).unwrap_or_default();
            for (key, value) in &params {
                check_setting(&id, key, value, value).map_err(|m| err(raw.id.span(), m))?;
            }
            Matcher::Detector(params)
        }
    };

    let validator = match &raw.validate {
        None => None,
        Some(name) => Some(Validator::from_name(name.get_ref()).ok_or_else(|| {
            err(
                name.span(),
                format!("unknown validator `{}`", name.get_ref()),
            )
            .with_help(format!("known validators: {}", validate::NAMES.join(", ")))
        })?),
    };
    let context = raw.context.map(|c| {
        let c = c.into_inner();
        Context {
            any: c.any.iter().map(|s| text::fold(s.trim())).collect(),
            none: c.none.iter().map(|s| text::fold(s.trim())).collect(),
            window: c.window,
        }
    });
    let examples = raw
        .examples
        .into_iter()
        .map(|e| {
            let e = e.into_inner();
            Example {
                text: e.text,
                expect: e.expect,
            }
        })
        .collect();
    let explanation = raw.explanation.unwrap_or_else(|| raw.summary.clone());
    let enabled = raw.enabled.unwrap_or(true);
    let info = RuleInfo {
        id,
        category,
        default_severity: severity,
        severity: enabled.then_some(severity),
        summary: raw.summary,
        explanation,
        examples,
        kind,
        fix_safe: raw.fix_safe.unwrap_or(false),
        source: file.name.clone(),
    };
    Ok((
        Rule {
            info,
            message,
            suggest: raw.suggest.map(|s| s.0).unwrap_or_default(),
            context,
            validator,
        },
        matcher,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// A match of a pattern always starts with one of the first bytes it is said to
        /// have, so a draft without any of them is rightly not searched.
        #[test]
        fn a_match_starts_with_one_of_the_first_bytes(
            pattern in proptest::sample::select(vec![
                "[!?‼⁇⁈⁉]{2,}|[‼⁇⁈⁉]", r"\bLBX-\d{6}\b", r"(?i)lbx-\d+", "(?i)straße",
                r"\d{3}", "é|e\u{301}", "(a|b)c", "x?y", r"\bref\b|\bcase\b",
            ]),
            text in "[a-cxyLlBbXx!?‼é\u{301}S0-9ßs\\- ]{0,24}",
        ) {
            let first = first_bytes(pattern);
            let regex = pattern_regex(pattern).unwrap();
            for m in regex.find_iter(&text).filter(|m| !m.is_empty()) {
                if let Some(first) = &first {
                    proptest::prop_assert!(first[usize::from(text.as_bytes()[m.start()])]);
                }
            }
        }
    }

    #[test]
    fn built_in_patterns_are_compiled_only_for_a_draft_that_could_match() {
        let punctuation = LazyRegex::lazy("[!?‼⁇⁈⁉]{2,}|[‼⁇⁈⁉]".to_string());
        let first = punctuation
            .first_bytes
            .as_deref()
            .expect("literal prefixes");
        let bytes: Vec<usize> = (0..256).filter(|&b| first[b]).collect();
        assert_eq!(bytes, [usize::from(b'!'), usize::from(b'?'), 0xE2]);
        assert!(punctuation.for_text("Lovely day at panel.").is_none());
        assert!(
            punctuation.regex.get().is_none(),
            "not compiled for nothing"
        );
        assert!(punctuation.for_text("Really?!").is_some());
        // Once compiled it is used for every draft.
        assert!(punctuation.for_text("Lovely day.").is_some());
        assert!(first_bytes("a*").is_none(), "matches the empty string");
    }

    /// `context_allows` as it was before cues came from the automaton: the window folded
    /// and searched for each cue word. The reference the automaton's cues must agree with.
    fn context_allows_by_search(rule: &Rule, text: &str, start: usize, end: usize) -> bool {
        let Some(ctx) = &rule.context else {
            return true;
        };
        let (lo, hi) = text::word_window(text, start, end, ctx.window);
        let window = text::fold(&text[lo..hi]);
        let has = |cues: &[String]| cues.iter().any(|c| text::contains_whole_word(&window, c));
        (ctx.any.is_empty() || has(&ctx.any)) && !has(&ctx.none)
    }

    #[test]
    fn context_cues_from_the_automaton_judge_as_searching_each_window_does() {
        let house = r#"
[[rule]]
id = "confidentiality/case-ref"
type = "pattern"
severity = "error"
summary = "s"
message = "m"
pattern = '\b[A-Z]{2,}-?\d{3,}\b'
context = { any = ["case", "ref", "file no."], none = ["invoice", "order"], window = 3 }

[[rule]]
id = "tone/in-context"
type = "terms"
severity = "info"
summary = "s"
message = "m"
context = { any = ["team", "service", "café"], none = ["not", "’s"], window = 2 }
[rule.terms]
"hub" = ""
"visit" = ""
"#;
        let linter = Linter::builder()
            .house_rules("t.toml", house)
            .build()
            .expect("builds");
        let phrases = linter.phrases.as_ref().expect("phrases");
        let mut texts = crate::corpus_posts();
        texts.push(
            "Case  ref AB-1234, not the invoice AB-5678.\nFile no. XY-999 for the \
             team\u{2019}s hub; cafe\u{301} hub, CAFÉ hub by the service  hub. ORDER: \
             ZZ-12345 visit"
                .to_string(),
        );
        let mut judged = 0;
        for text in &texts {
            let mut post = linter.start_post(text, &mut PostBuffers::default());
            linter.check_phrases(phrases, &mut post);
            // Every word of the draft as a finding's span, and every two words.
            let words: Vec<(usize, usize)> = text
                .split_whitespace()
                .map(|w| {
                    let start = w.as_ptr() as usize - text.as_ptr() as usize;
                    (start, start + w.len())
                })
                .collect();
            let spans: Vec<(usize, usize)> = words
                .iter()
                .copied()
                .chain(words.windows(2).map(|p| (p[0].0, p[1].1)))
                .collect();
            for (rule_idx, rule) in linter.rules.iter().enumerate() {
                if rule.context.is_none() {
                    continue;
                }
                for &(start, end) in &spans {
                    judged += 1;
                    assert_eq!(
                        context_allows(rule_idx, rule, text, &post.cues, start, end),
                        context_allows_by_search(rule, text, start, end),
                        "{} at {:?} in {text:?}",
                        rule.info.id,
                        &text[start..end]
                    );
                }
            }
        }
        assert!(judged > 10_000, "{judged}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The binary searches over allow-listed and `except` phrases answer what testing
        /// every phrase would.
        #[test]
        fn allow_and_except_lookups_equal_testing_every_phrase(
            phrases in proptest::collection::vec((0usize..3, 0usize..40, 0usize..12), 0..24),
            probes in proptest::collection::vec((0usize..3, 0usize..45, 0usize..12), 1..24),
        ) {
            let spans: Vec<(usize, usize, usize)> =
                phrases.iter().map(|&(r, s, len)| (r, s, s + len)).collect();
            let mut allowed: Vec<Span> = spans.iter().map(|&(_, s, e)| Span::new(s, e)).collect();
            detect::seal(&mut allowed);
            let except = Excepts::new(spans.clone());
            for &(rule, start, len) in &probes {
                let end = start + len;
                let span = Span::new(start, end);
                let contained = spans.iter().any(|&(_, s, e)| Span::new(s, e).contains(span));
                proptest::prop_assert_eq!(is_allowed(&allowed, span), contained);
                let overlapped = spans.iter().any(|&(r, s, e)| r == rule && s < end && start < e);
                proptest::prop_assert_eq!(except.overlaps(rule, start, end), overlapped);
            }
        }
    }

    #[test]
    fn searching_phrase_by_phrase_finds_what_the_automaton_finds() {
        let linter = Linter::new().expect("default rules");
        let phrases = linter.phrases.as_ref().expect("default rules have phrases");
        let nfa = phrases.build_nfa().expect("builds");
        let dfa = phrases.build_crate_dfa().expect("builds");
        let laid_out = phrases.build_dfa().expect("builds");
        let mut texts = crate::corpus_posts();
        texts.push("ha ha ha going forward going forwardgoing forward".to_string());
        // Boundaries the walk decides itself: non-ASCII punctuation, symbols and marks,
        // letters that fold to more than one char, handles and hashtags.
        texts.push(
            "\u{201c}family\u{201d} \u{2014}child \u{1f60a}son @mum #family \u{130}family \
             \u{2bc}family caf\u{e9} going\u{2026}forward \u{a0}touch base_touch base"
                .to_string(),
        );
        let mut compared = 0;
        let mut whole_words = 0;
        for text in &texts {
            let hay = Folded::new(text);
            let mut direct = Vec::new();
            phrases.search_each(hay.as_str(), |id, s, e| direct.push((id, s, e)));
            // The crate's own overlapping search, and the walk over each automaton.
            let mut crate_search: Vec<(usize, usize, usize)> = nfa
                .try_find_overlapping_iter(aho_corasick::Input::new(hay.as_str()))
                .expect("unanchored search")
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let (mut by_nfa, mut by_dfa, mut by_laid_out) = (Vec::new(), Vec::new(), Vec::new());
            walk(&nfa, hay.as_str().as_bytes(), &mut |id, s, e| {
                by_nfa.push((id, s, e))
            });
            walk(&dfa, hay.as_str().as_bytes(), &mut |id, s, e| {
                by_dfa.push((id, s, e))
            });
            laid_out.walk(hay.as_str(), &mut |id, s, e| by_laid_out.push((id, s, e)));
            for found in [
                &mut direct,
                &mut crate_search,
                &mut by_nfa,
                &mut by_dfa,
                &mut by_laid_out,
            ] {
                found.sort();
            }
            assert_eq!(direct, crate_search, "on {text:?}");
            assert_eq!(direct, by_nfa, "on {text:?}");
            assert_eq!(direct, by_dfa, "on {text:?}");
            // The engine's walk leaves out exactly the matches glued to what comes before
            // them in the folded text...
            let folded = hay.as_str();
            let unglued: Vec<_> = direct
                .iter()
                .copied()
                .filter(|&(id, s, _)| {
                    !phrases.phrases[id].starts_with(text::is_word_char)
                        || folded[..s]
                            .chars()
                            .next_back()
                            .is_none_or(text::is_boundary)
                })
                .collect();
            assert_eq!(unglued, by_laid_out, "on {text:?}");
            // ...so the whole-word matches, judged on the original text, are the same.
            let whole = |found: &[(usize, usize, usize)]| -> Vec<(usize, usize, usize)> {
                found
                    .iter()
                    .map(|&(id, s, e)| {
                        let (s, e) = hay.original_range(s, e);
                        (id, s, e)
                    })
                    .filter(|&(_, s, e)| text::is_whole_word(text, s, e))
                    .collect()
            };
            assert_eq!(whole(&direct), whole(&by_laid_out), "on {text:?}");
            whole_words += whole(&direct).len();
            compared += direct.len();
        }
        assert!(compared > 5_000, "only {compared} matches compared");
        assert!(whole_words > 2_000, "only {whole_words} whole-word matches");
    }

    #[test]
    fn short_drafts_are_searched_without_building_an_automaton() {
        let linter = Linter::new().expect("default rules");
        linter.check("Going forward we will touch base with the family.");
        let phrases = linter.phrases.as_ref().expect("phrases");
        assert!(phrases.nfa.get().is_none() && phrases.dfa.get().is_none());
        linter.check(&"Going forward we will touch base. ".repeat(100));
        assert!(
            phrases.nfa.get().is_some(),
            "a long draft builds the automaton"
        );
    }
}
