//! Detector patterns, found without walking a regex automaton over most of a draft.
//!
//! Patterns come in two kinds ([`super::Source`]):
//!
//! - Short patterns with a digit or an age in words (NHS and NI numbers, postcodes, phone
//!   numbers, case-reference shapes, ages) have hand-written recognizers ([`super::near`]),
//!   tried only at positions near the draft's digit-bearing words. Digits are common in
//!   posts, and a regex walked around every one of them was most of the patterns' cost.
//! - The others (e-mail, street, estate, block, institution, a date of birth after its cue)
//!   stay regexes, searched only in windows around their own rare triggers ([`Trigger`]): an
//!   `@`, a place word such as "Road" or "Estate". A date of birth's regex is instead tried
//!   anchored where one may start: at its cue word, a "d" just before it ("d.o.b"), or the
//!   "date" of "date of birth".
//!
//! The contract for a regex: every match contains one of its trigger tokens, starts no more
//! than [`REACH`] bytes before it and ends no more than [`REACH`] bytes after it
//! ([`CUE_REACH`] after a date-of-birth cue, [`PLACE_AFTER`] after a place word that ends
//! its match). A place word that ends a match follows a capitalised name or is "Ward"
//! before a number, so other place words make no window. A test checks that windowed and
//! anchored search find exactly what whole-draft search finds, over every corpus post and
//! edge cases.

use std::sync::{LazyLock, OnceLock};

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};

use super::near::{Anchors, Near};
use super::{Hit, Source};
use crate::text::{Folded, Word};

/// How far a regex match may reach from its trigger token, in bytes.
pub(crate) const REACH: usize = 96;

/// How far a date of birth may reach after its cue word: the regex allows 40 chars (up to
/// 160 bytes) between the cue and the date.
pub(crate) const CUE_REACH: usize = 224;

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

/// Welsh street words that start a street name ("3 Heol y Felin").
const WELSH_STREETS: &[&str] = &["Heol", "Ffordd", "Stryd", "Lon", "Lôn"];

/// A word of each date-of-birth cue ("d.o.b", "DOBs", "born", "date of birth", "birthday",
/// "b.day"), lower case: "b" ends "d.o.b" and starts "b.day".
const BIRTH_CUES: &[&str] = &[
    "b",
    "bs",
    "ob",
    "obs",
    "dob",
    "dobs",
    "born",
    "birth",
    "birthday",
    "birthdays",
    "bday",
];

/// What a regex's windows are built around. Each of its matches contains one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// An `@` (e-mail addresses).
    At,
    /// A capitalised street type ("Road", "Heol") or estate, block or institution word
    /// ([`TRIGGER_WORDS`]), as written.
    Place,
    /// A date-of-birth cue word ([`BIRTH_CUES`]), in any case.
    BirthCue,
}

impl Trigger {
    /// Its bit in a set of triggers.
    fn bit(self) -> u8 {
        match self {
            Trigger::At => 1,
            Trigger::Place => 2,
            Trigger::BirthCue => 4,
        }
    }
}

/// How far a date of birth may start before its cue's run of letters when the run is not
/// "birth" (whose match starts at the "date" of "date of birth"): "d.o.b" starts four bytes
/// before its "b".
const BIRTH_BEFORE: usize = 4;

/// The longest date-of-birth cue word ([`BIRTH_CUES`]), in bytes.
const BIRTH_CUE_MAX: usize = 9;

/// How far a match may reach after a place word that ends it ("Ward 12").
const PLACE_AFTER: usize = 8;

/// The place words, by first, second and last byte and length: most capitalised words are
/// turned down by one bit test, and only a word whose bytes and length all fit a place
/// word is compared.
struct PlaceTable {
    /// Per first byte, bit `n` set if some place word of `n` bytes starts with it.
    firsts: [u32; 256],
    /// Per second byte (the only one of a 1-byte word), bit `n` set if some place word of
    /// `n` bytes has it there.
    seconds: [u32; 256],
    /// Per last byte, bit `n` set if some place word of `n` bytes ends with it.
    lasts: [u32; 256],
    /// Per first byte and length, the place words (as written), each with how far its
    /// window reaches after it.
    slots: Vec<Vec<(&'static [u8], usize)>>,
}

/// Longest place word, plus one.
const SLOT_LENGTHS: usize = 16;

static PLACES: LazyLock<PlaceTable> = LazyLock::new(|| {
    let mut table = PlaceTable {
        firsts: [0; 256],
        seconds: [0; 256],
        lasts: [0; 256],
        slots: vec![Vec::new(); 256 * SLOT_LENGTHS],
    };
    let mut add = |word: &'static [u8], after: usize| {
        let n = word.len();
        table.firsts[usize::from(word[0])] |= 1 << n;
        table.seconds[usize::from(word[1.min(n - 1)])] |= 1 << n;
        table.lasts[usize::from(word[n - 1])] |= 1 << n;
        let slot = &mut table.slots[usize::from(word[0]) * SLOT_LENGTHS + n];
        // "Court" is a street type and a block.
        if !slot.iter().any(|(w, _)| *w == word) {
            slot.push((word, after));
        }
    };
    // A street type or an estate, block or institution word ends its match; a Welsh
    // street word starts one.
    for w in super::identifiers::STREET_TYPES.split('|') {
        add(w.as_bytes(), PLACE_AFTER);
    }
    for w in WELSH_STREETS {
        add(w.as_bytes(), REACH);
    }
    // Compared as written: the regexes want them capitalised.
    static CAPITALISED: LazyLock<Vec<String>> = LazyLock::new(|| {
        TRIGGER_WORDS
            .iter()
            .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
            .collect()
    });
    for w in CAPITALISED.iter() {
        add(w.as_bytes(), PLACE_AFTER);
    }
    table
});

impl PlaceTable {
    /// Whether `word` fits some place word by its first, second and last byte and length.
    #[inline]
    fn may_be(&self, word: &[u8]) -> bool {
        // Indexes rather than a match on the slice's length: one- and two-letter words
        // ("I", "A", "Mr") come in no order a branch predictor learns.
        let Some(&first) = word.first() else {
            return false;
        };
        let (second, last) = (word[1.min(word.len() - 1)], word[word.len() - 1]);
        self.firsts[usize::from(first)]
            & self.seconds[usize::from(second)]
            & self.lasts[usize::from(last)]
            & (1 << word.len().min(31))
            != 0
    }

    /// How far the window of place word `word` (an ASCII word, or "Lôn") reaches after
    /// it, if it is one.
    fn get(&self, word: &[u8]) -> Option<usize> {
        if !self.may_be(word) {
            return None;
        }
        self.slots[usize::from(word[0]) * SLOT_LENGTHS + word.len()]
            .iter()
            .find(|(w, _)| *w == word)
            .map(|&(_, after)| after)
    }
}

/// Whether an ASCII word is a date-of-birth cue ([`BIRTH_CUES`]), in any case.
fn is_birth_cue(word: &[u8]) -> bool {
    let mut lower = [0u8; 9];
    let Some(buf) = lower.get_mut(..word.len()) else {
        return false;
    };
    for (l, c) in buf.iter_mut().zip(word) {
        *l = c.to_ascii_lowercase();
    }
    BIRTH_CUES.iter().any(|cue| cue.as_bytes() == buf)
}

/// "old", searched for in folded drafts.
static OLD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"old"));

/// Byte limits for the compiled patterns (they are ours, so generous but bounded).
const NFA_SIZE_LIMIT: usize = 8 << 20;
const CACHE_CAPACITY: usize = 4 << 20;

/// The detector patterns: recognizers, and regexes grouped by trigger. In a window around
/// a trigger only that trigger's regexes are searched: when there are several, one
/// multi-pattern regex says which match there, and each, compiled on its own when first
/// needed, says where.
#[derive(Debug)]
pub(crate) struct Patterns {
    /// Per kind of trigger (indexed by `Trigger as usize`), its regexes.
    groups: [Group; 3],
    near: Vec<(Near, usize)>,
    /// Per pattern, in order of registration: (detector number, tag) pairs.
    targets: Vec<Vec<(usize, u16)>>,
    /// The [`Trigger::bit`]s of the regexes.
    triggers: u8,
    /// Whether a recognizer starts from "old".
    olds: bool,
}

/// The regexes of one kind of trigger.
#[derive(Debug, Default)]
struct Group {
    each: Vec<Single>,
    /// Built on first need when there are several: a draft with no trigger token never
    /// needs it, and start-up does not pay for it.
    set: OnceLock<Option<Regex>>,
}

#[derive(Debug)]
struct Single {
    source: String,
    /// Its number among all the patterns.
    order: usize,
    /// The regex and the index of its group named `m`, compiled on first need.
    compiled: OnceLock<Option<(Regex, Option<usize>)>>,
}

impl Single {
    fn compiled(&self) -> Option<&(Regex, Option<usize>)> {
        self.compiled
            .get_or_init(|| {
                let regex = single(&self.source).ok()?;
                let group = regex
                    .group_info()
                    .to_index(regex_automata::PatternID::ZERO, "m");
                Some((regex, group))
            })
            .as_ref()
    }

    /// Pushes this regex's hits in `input`: its matches, or the spans of its group `m`.
    fn find(&self, input: &Input<'_>, found: &mut Vec<Found>) {
        let Some((regex, group)) = self.compiled() else {
            return;
        };
        match group {
            None => regex
                .find_iter(input.clone())
                .for_each(|m| found.push((self.order, m.start(), m.end()))),
            Some(g) => regex.captures_iter(input.clone()).for_each(|c| {
                if let Some(s) = c.get_group(*g) {
                    found.push((self.order, s.start, s.end));
                }
            }),
        }
    }
}

impl Group {
    /// Pushes each regex's hits that start at one of `starts` (a start and how far its
    /// match may reach; sorted here), leftmost first and not overlapping, as a search
    /// from the first start would find them: every match of these regexes starts at one.
    /// An anchored search has no reverse pass to find where a match began, and gives up
    /// a few bytes into text that is no date of birth, where a window was read to its end.
    fn search_at(&self, text: &str, starts: &mut [(usize, usize)], found: &mut Vec<Found>) {
        if starts.is_empty() {
            return;
        }
        starts.sort_unstable();
        for single in &self.each {
            let Some((regex, group)) = single.compiled() else {
                continue;
            };
            let mut caps = regex.create_captures();
            let mut next = 0;
            for &(start, hi) in starts.iter() {
                if start < next {
                    continue;
                }
                let input = Input::new(text)
                    .range(start..hi)
                    .anchored(regex_automata::Anchored::Yes);
                regex.search_captures(&input, &mut caps);
                let Some(m) = caps.get_match() else {
                    continue;
                };
                next = m.end();
                let span = match group {
                    Some(g) => caps.get_group(*g),
                    None => Some(m.span()),
                };
                if let Some(span) = span {
                    found.push((single.order, span.start, span.end));
                }
            }
        }
    }

    /// The multi-pattern regex that says which of several regexes match in a window.
    fn set(&self) -> Option<&Regex> {
        self.set
            .get_or_init(|| {
                let sources: Vec<&str> = self.each.iter().map(|s| s.source.as_str()).collect();
                Regex::builder()
                    .configure(
                        meta::Config::new()
                            .match_kind(MatchKind::All)
                            .nfa_size_limit(Some(NFA_SIZE_LIMIT.saturating_mul(sources.len())))
                            .hybrid_cache_capacity(CACHE_CAPACITY),
                    )
                    .build_many(&sources)
                    .ok()
            })
            .as_ref()
    }

    /// Searches the given windows of `text` (byte ranges in order, not overlapping).
    fn search(&self, text: &str, windows: &[(usize, usize)], found: &mut Vec<Found>) {
        if windows.is_empty() {
            return;
        }
        if let [single] = self.each.as_slice() {
            for &(lo, hi) in windows {
                single.find(&Input::new(text).range(lo..hi), found);
            }
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
                self.each[pid.as_usize()].find(&input, found);
            }
        }
    }
}

/// Compiles one detector regex as the engine does.
pub(crate) fn single(source: &str) -> Result<Regex, String> {
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

/// A pattern's hit before it goes to the detectors: (pattern number, start, end).
type Found = (usize, usize, usize);

/// The lists [`Patterns::scan`] fills, kept by the engine's per-thread scratch from draft to
/// draft: allocating them for each cost more than filling them.
#[derive(Debug, Default)]
pub(crate) struct ScanScratch {
    tokens: Tokens,
    found: Vec<Found>,
    /// Where ages in words may start (see [`super::near::find_all`]).
    starts: Vec<usize>,
}

impl Patterns {
    /// The patterns (how each is found and the detectors that asked for it). Regexes are
    /// compiled on first need; they are the detectors' own, and a test compiles every one.
    pub(crate) fn new(patterns: Vec<(Source, Vec<(usize, u16)>)>) -> Patterns {
        let mut groups: [Group; 3] = Default::default();
        let mut near = Vec::new();
        let mut targets_of = Vec::new();
        let mut triggers = 0;
        for (order, (source, targets)) in patterns.into_iter().enumerate() {
            match source {
                Source::Regex(source, trigger) => {
                    triggers |= trigger.bit();
                    groups[trigger as usize].each.push(Single {
                        source,
                        order,
                        compiled: OnceLock::new(),
                    });
                }
                Source::Near(n) => near.push((n, order)),
            }
            targets_of.push(targets);
        }
        Patterns {
            groups,
            olds: near.iter().any(|(n, _)| n.wants_olds()),
            near,
            targets: targets_of,
            triggers,
        }
    }

    /// Finds every pattern's matches in `text` and gives each detector its hits (the span of
    /// the group named `m` when the pattern has one). Returns the detectors that got one, as
    /// [`super::detector_bit`]s.
    // Out of line: the engine's check stays small, and profiles show the search apart.
    #[inline(never)]
    pub(crate) fn scan(
        &self,
        text: &str,
        folded: &Folded<'_>,
        hits: &mut [Vec<Hit>],
        scratch: &mut ScanScratch,
    ) -> u64 {
        let ScanScratch {
            tokens,
            found,
            starts,
        } = scratch;
        tokens.clear();
        found.clear();
        let digits = !self.near.is_empty();
        tokens.fill(text, folded, digits, self.olds, self.triggers);
        super::near::find_all(text, &tokens.anchors, &self.near, found, starts);
        self.search(text, tokens, found);
        // In order of registration: the engine sorts each detector's hits by span, stably,
        // so equal spans stay in this order.
        found.sort_by_key(|f| f.0);
        let mut active = 0;
        for &(order, start, end) in found.iter() {
            for &(det, kind) in &self.targets[order] {
                hits[det].push(Hit { kind, start, end });
                active |= super::detector_bit(det);
            }
        }
        active
    }

    /// Searches each kind of trigger's windows with its regexes, and tries the
    /// date-of-birth regexes at their starts.
    fn search(&self, text: &str, tokens: &mut Tokens, found: &mut Vec<Found>) {
        for (group, windows) in self.groups.iter().zip(&tokens.windows) {
            group.search(text, windows, found);
        }
        self.groups[Trigger::BirthCue as usize].search_at(text, &mut tokens.starts, found);
    }

    /// One pass over the words: the recognizers' anchors and the regexes' windows.
    #[cfg(test)]
    fn tokens(&self, text: &str, folded: &Folded<'_>) -> Tokens {
        let digits = !self.near.is_empty();
        tokens(text, folded, digits, self.olds, self.triggers)
    }

    /// Every regex.
    #[cfg(test)]
    fn regexes(&self) -> impl Iterator<Item = &Single> {
        self.groups.iter().flat_map(|g| &g.each)
    }
}

/// What the pass over a draft's words gathers.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    /// Where the recognizers start from.
    pub anchors: Anchors,
    /// Per kind of trigger (indexed by `Trigger as usize`), the windows its regexes
    /// search: byte ranges in order, not overlapping. None for [`Trigger::BirthCue`],
    /// whose regexes are tried at [`Tokens::starts`] instead.
    pub windows: [Vec<(usize, usize)>; 3],
    /// Where a date of birth may start (a cue, or a "d" or "date" just before one), each
    /// with the end of the text its match may reach.
    pub starts: Vec<(usize, usize)>,
}

impl Tokens {
    /// Adds a window of kind `kind` from `lo` to `after` bytes after `end` (a trigger ends
    /// there). Windows of a kind come in order.
    fn window(&mut self, text: &str, kind: Trigger, lo: usize, end: usize, after: usize) {
        let lo = text.floor_char_boundary(lo);
        let hi = text.ceil_char_boundary(end + after);
        let windows = &mut self.windows[kind as usize];
        match windows.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => windows.push((lo, hi)),
        }
    }

    /// Empties the lists, keeping their memory.
    fn clear(&mut self) {
        self.anchors.clear();
        self.windows.iter_mut().for_each(Vec::clear);
        self.starts.clear();
    }

    /// Adds where a date of birth with the cue `start..end` (a run of ASCII letters) may
    /// start: at the cue; at a "d" up to [`BIRTH_BEFORE`] bytes before it ("d.o.b"); and,
    /// for "birth", at the "date" or "dates" of "date of birth" before it.
    fn birth_starts(&mut self, text: &str, start: usize, end: usize) {
        let bytes = text.as_bytes();
        let hi = text.ceil_char_boundary(end + CUE_REACH);
        if bytes[start..end].eq_ignore_ascii_case(b"birth") {
            // `dates?\s+of\s+birth`, read backwards (`\s` is ASCII white space).
            let space = |j: usize| {
                let mut k = j;
                while k > 0 && bytes[k - 1].is_ascii_whitespace() {
                    k -= 1;
                }
                (k < j).then_some(k)
            };
            let word = |j: usize, w: &[u8]| {
                (j >= w.len() && bytes[j - w.len()..j].eq_ignore_ascii_case(w)).then(|| j - w.len())
            };
            if let Some(date_end) = space(start).and_then(|j| word(j, b"of")).and_then(space) {
                for date in [&b"dates"[..], b"date"] {
                    if let Some(p) = word(date_end, date) {
                        self.starts.push((p, hi));
                    }
                }
            }
            return;
        }
        let from = start - BIRTH_BEFORE.min(start);
        for (p, &b) in (from..).zip(&bytes[from..start]) {
            if b | 0x20 == b'd' {
                self.starts.push((p, hi));
            }
        }
        self.starts.push((start, hi));
    }

    /// Fills the lists for a draft: the recognizers' anchors (near digit-bearing words when
    /// `digits`, "old" at the end of an ASCII word when `olds`) and the windows around the
    /// triggers whose [`Trigger::bit`] is in `triggers`.
    fn fill(&mut self, text: &str, folded: &Folded<'_>, digits: bool, olds: bool, triggers: u8) {
        let bytes = text.as_bytes();
        let places = triggers & Trigger::Place.bit() != 0;
        let table = &*PLACES;
        // The first and last word with an ASCII digit: a date of birth's cue comes before
        // a digit, within its reach.
        let mut digit_span: Option<(usize, usize)> = None;
        // Every word of every draft passes here: most are turned down by their shape (a
        // place word is capitalised, or inside a word with an inner hyphen or apostrophe).
        for w in folded.words() {
            if w.shape & (Word::HAS_DIGIT | Word::MIXED | Word::CAPITALISED) == 0 {
                continue;
            }
            let (start, end) = (w.start, w.end);
            if w.shape & (Word::HAS_DIGIT | Word::MIXED) == 0 {
                if places && table.may_be(&bytes[start..end]) {
                    self.place(table, text, start, end);
                }
                continue;
            }
            if w.is(Word::HAS_DIGIT) {
                digit_span = Some((digit_span.map_or(start, |(first, _)| first), end));
                if digits {
                    self.anchors.digit_word(bytes, start, end);
                }
                // A place word has no digit.
                if !w.is(Word::MIXED) {
                    continue;
                }
            }
            if places {
                self.mixed_places(table, text, start, end);
            }
        }
        // Byte searches find the rare bytes of e-mail addresses and cues without a test of
        // every word.
        if triggers & Trigger::At.bit() != 0 {
            for i in memchr::memchr_iter(b'@', bytes) {
                if may_be_email_at(bytes, i) {
                    self.window(text, Trigger::At, i - REACH.min(i), i + 1, REACH);
                }
            }
        }
        // Every cue has a "b"; one that counts ends before an ASCII digit within its reach
        // (`may_have_date`), so only the "b"s from a little before the first digit-bearing
        // word up to the last are read (about two in five of a draft's).
        if triggers & Trigger::BirthCue.bit() != 0
            && let Some((first, last)) = digit_span
        {
            let from = first.saturating_sub(CUE_REACH + BIRTH_CUE_MAX);
            let mut seen_cue = 0;
            for i in memchr::memchr2_iter(b'b', b'B', &bytes[from..last]).map(|i| from + i) {
                if i < seen_cue {
                    continue;
                }
                if let Some((start, end)) = birth_cue(bytes, i) {
                    seen_cue = end;
                    if may_have_date(&bytes[end..(end + CUE_REACH).min(bytes.len())]) {
                        self.birth_starts(text, start, end);
                    }
                }
            }
        }
        if olds {
            // Lower case in the folded draft; an ASCII "old" is "old" there too.
            for i in OLD.find_iter(folded.as_str().as_bytes()) {
                let (o, _) = folded.original_range(i, i + 3);
                if bytes
                    .get(o..o + 3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"old"))
                    && !bytes.get(o + 3).is_some_and(|&c| c.is_ascii_alphanumeric())
                {
                    self.anchors.olds.push(o);
                }
            }
        }
    }

    /// Adds a window if the ASCII word `start..end` is a place word that can be part of a
    /// match: one that ends its match ("Acacia Avenue", "Brandon House") follows a
    /// capitalised name, or is "Ward" before a number; a Welsh street word starts its
    /// match and always counts.
    #[cold]
    fn place(&mut self, table: &PlaceTable, text: &str, start: usize, end: usize) {
        let bytes = text.as_bytes();
        if let Some(after) = table.get(&bytes[start..end])
            && (after != PLACE_AFTER || after_name(bytes, start) || before_number(bytes, end))
        {
            self.window(
                text,
                Trigger::Place,
                start.saturating_sub(REACH),
                end,
                after,
            );
        }
    }

    /// The place words in the word `start..end` that has an inner hyphen, apostrophe or
    /// non-ASCII letter: "Lôn" as a whole, others as ASCII pieces ("Smith-Ward",
    /// "Avenue's").
    #[cold]
    fn mixed_places(&mut self, table: &PlaceTable, text: &str, start: usize, end: usize) {
        let bytes = text.as_bytes();
        if bytes[start] == b'L' {
            self.place(table, text, start, end);
        }
        // A place word is capitalised: only pieces that start with a capital are looked up.
        let mut i = start;
        while i < end {
            if !bytes[i].is_ascii_uppercase() || (i > start && bytes[i - 1].is_ascii_alphanumeric())
            {
                i += 1;
                continue;
            }
            let piece = i;
            while i < end && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            self.place(table, text, piece, i);
        }
    }
}

/// A draft's tokens (see [`Tokens::fill`]).
#[cfg(test)]
pub(crate) fn tokens(
    text: &str,
    folded: &Folded<'_>,
    digits: bool,
    olds: bool,
    triggers: u8,
) -> Tokens {
    let mut out = Tokens::default();
    out.fill(text, folded, digits, olds, triggers);
    out
}

/// Whether white space and, before it, a capitalised name (`[A-Z][A-Za-z'’\-]+`) come
/// right before `start`. Any non-ASCII byte is let through as if it were part of `’`.
fn after_name(bytes: &[u8], start: usize) -> bool {
    let mut i = start;
    while i > 0 && matches!(bytes[i - 1], b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
        i -= 1;
    }
    if i == start {
        return false;
    }
    let name_end = i;
    while i > 0
        && (bytes[i - 1].is_ascii_alphabetic() || matches!(bytes[i - 1], b'\'' | b'-' | 0x80..))
    {
        i -= 1;
    }
    name_end - i >= 2 && bytes[i..name_end - 1].iter().any(u8::is_ascii_uppercase)
}

/// Whether a space and a digit follow `end` ("Ward 7").
fn before_number(bytes: &[u8], end: usize) -> bool {
    bytes.get(end) == Some(&b' ') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
}

/// Whether the `@` at `i` can be in an e-mail address: the address regex wants a local-part
/// char before it and a letter or digit after. Handles ("@BASW_UK", "(@nhs)") have neither
/// before them, and are most of a feed's `@`s.
fn may_be_email_at(bytes: &[u8], i: usize) -> bool {
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    i > 0 && local(bytes[i - 1]) && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether `after`, the text a date-of-birth cue's window reaches past it, can hold a date:
/// every date form the regex takes has an ASCII digit (detector regexes are compiled
/// `(?-u)`, so `\d` is ASCII). Most cues ("born and raised", "birthday cake") have none.
fn may_have_date(after: &[u8]) -> bool {
    after.iter().any(u8::is_ascii_digit)
}

/// The date-of-birth cue around the `b` at `i`, if it is in one. Every cue has one "b":
/// only a `b` whose neighbours fit a cue ("ob", "bs", "bo", "bi", "bd", or a word edge) is
/// read as part of an ASCII word.
fn birth_cue(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let before = if i == 0 {
        b' '
    } else {
        bytes[i - 1].to_ascii_lowercase()
    };
    let after = bytes.get(i + 1).map_or(b' ', u8::to_ascii_lowercase);
    let fits_before = before == b'o' || !before.is_ascii_alphanumeric();
    let fits_after = matches!(after, b's' | b'o' | b'i' | b'd') || !after.is_ascii_alphanumeric();
    if !(fits_before && fits_after) {
        return None;
    }
    let mut start = i;
    while start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
        start -= 1;
    }
    let mut end = i + 1;
    while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    is_birth_cue(&bytes[start..end]).then_some((start, end))
}

/// A detector's hits from its registered patterns, found as the engine finds them, sorted
/// by span.
#[cfg(test)]
pub(crate) fn hits_of(patterns: &[(Source, u16)], text: &str) -> Vec<Hit> {
    let patterns = Patterns::new(
        patterns
            .iter()
            .map(|(source, kind)| (source.clone(), vec![(0, *kind)]))
            .collect(),
    );
    let mut hits = vec![Vec::new()];
    let mut scratch = ScanScratch::default();
    patterns.scan(text, &Folded::with_words(text), &mut hits, &mut scratch);
    let mut hits = hits.pop().unwrap_or_default();
    hits.sort_by_key(|h| (h.start, h.end));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    /// The corpus posts and some edge cases.
    fn posts() -> Vec<String> {
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
                "UK-born 12 March 1990, and a first-born on 3/4/2011",
                "d.o.b 1/2/2003, B.day 4th May, dobs: 1/1/2001 and 2/2/2002",
                "12 Acacia Avenue's gate; 3 Heol y Felin; 4 Lôn Las; Smith-Ward 7",
                "born 🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂🎂 1/2/2003",
                "mail a@b.co, visit 14 Kestrel Court then Brandon House",
                "Apartment 12a, 1234b Bartholomew-Smythe Churchyard Wyndham-Price Road",
                "write to firstname.middlename.lastname.1987@subdomain.example-council.gov.uk",
                "lives at O’Neill House; Brandon\n\tHouse; NHS House; x-Ward 12; Ward 3",
                "Fine. School was shut. 3 high Street, 4 Lôn Las, 5 Heol-y-Bryn, the Estate",
                "x-Smith House, eBay House, Mc\u{2019}Neill Court; born\t\t12/1/2001",
                // Handles make no e-mail window; an address right after one, or a
                // fediverse handle's second `@`, still does.
                "@BASW_UK @nhs(@x) @@a.co _@b.co +@c.co x@-d.co @user@host.social",
                "thanks @BASW_UK:a@b.co (@c)d@e.org.uk",
                // A cue makes no window without an ASCII digit after it; a date far
                // after its cue is still found.
                "born and raised here, birthday cake for all, DOB ١٢/٠٣/٢٠١١x",
                "born then some words and more words and a few more: 12/03/2011",
                // Dates of birth that start before their cue's "b": by four bytes, or by
                // "dates of" and any white space; cues before the first digit or after the
                // last; a "b" just inside the bytes searched for cues.
                "(D.O.Bs 1/1/2001) do.b 1/2/03; d.ob: 3/4/2005; d.o.b.:4/4/04",
                "dates \t  of \n\n   birth 12/03/2011 and date of birth: 1.2.03",
                "born, born again, 4 kids, bday party tomorrow",
                "ab birthday 1/2/2003 born",
                // One trigger each, so that no other window covers the match.
                "at x-Smith House",
                "at 4 Lôn Las",
                "at Ward 7",
            ]
            .map(String::from),
        );
        posts
    }

    #[test]
    fn the_longest_birth_cue_is_known() {
        assert_eq!(
            BIRTH_CUES.iter().map(|c| c.len()).max(),
            Some(BIRTH_CUE_MAX)
        );
    }

    #[test]
    fn windows_find_what_the_whole_draft_has() {
        let linter = Linter::new().expect("default rules");
        let patterns = linter.detector_patterns().expect("detectors have patterns");
        let sizes = patterns.groups.each_ref().map(|g| g.each.len());
        assert_eq!(
            sizes,
            [1, 4, 1],
            "e-mail; street, estate, block, institution; DOB"
        );
        let mut checked = vec![0; patterns.targets.len()];
        for post in &posts() {
            let folded = Folded::with_words(post);
            let mut tokens = patterns.tokens(post, &folded);
            let mut windowed = Vec::new();
            patterns.search(post, &mut tokens, &mut windowed);
            // Each regex on its own over the whole draft.
            let mut whole = Vec::new();
            for s in patterns.regexes() {
                s.find(&Input::new(post.as_str()), &mut whole);
            }
            windowed.sort_unstable();
            whole.sort_unstable();
            for f in &whole {
                checked[f.0] += 1;
            }
            assert_eq!(windowed, whole, "windowed search differs on {post:?}");
        }
        for s in patterns.regexes() {
            assert!(
                checked[s.order] >= 5,
                "only {} hits of {} compared",
                checked[s.order],
                s.source
            );
        }
    }

    #[test]
    fn every_detector_pattern_compiles() {
        let linter = Linter::new().expect("default rules");
        let patterns = linter.detector_patterns().expect("detectors have patterns");
        let place = &patterns.groups[Trigger::Place as usize];
        assert!(place.set().is_some(), "the multi-pattern regex builds");
        for s in patterns.regexes() {
            if let Err(e) = single(&s.source) {
                panic!("{}: {e}", s.source);
            }
        }
        assert_eq!(
            patterns.near.len(),
            Near::ALL.len(),
            "every recognizer is used"
        );
    }

    #[test]
    fn trigger_words_are_recognised() {
        let get = |w: &str| PLACES.get(w.as_bytes());
        for w in TRIGGER_WORDS {
            let cap = w[..1].to_ascii_uppercase() + &w[1..];
            assert_eq!(get(&cap), Some(PLACE_AFTER), "{cap}");
            assert_eq!(get(w), None, "{w}: the regexes want capitals");
        }
        for w in super::super::identifiers::STREET_TYPES.split('|') {
            assert_eq!(get(w), Some(PLACE_AFTER), "{w}");
        }
        for w in WELSH_STREETS {
            assert_eq!(get(w), Some(REACH), "{w}");
        }
        for w in [
            "Roads",
            "Stationery",
            "ROAD",
            "",
            "Estates",
            "é",
            "Lo",
            "The",
        ] {
            assert_eq!(get(w), None, "{w}");
        }
        for w in BIRTH_CUES {
            assert!(is_birth_cue(w.as_bytes()), "{w}");
            assert!(is_birth_cue(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        for w in ["bo", "", "bb", "birthdayss", "reborn", "d"] {
            assert!(!is_birth_cue(w.as_bytes()), "{w}");
        }
        fn cues(text: &str) -> Vec<&str> {
            let b = text.as_bytes();
            let mut found: Vec<&str> = Vec::new();
            let mut seen = 0;
            for i in (0..b.len()).filter(|&i| b[i] | 0x20 == b'b') {
                if i >= seen
                    && let Some((s, e)) = birth_cue(b, i)
                {
                    seen = e;
                    found.push(&text[s..e]);
                }
            }
            found
        }
        assert_eq!(
            cues("d.o.b, DOBs, first-born, B.day, bday, birthdays, job, about, \x10b"),
            ["b", "DOBs", "born", "B", "bday", "birthdays", "b"]
        );
    }

    #[test]
    fn windows_cover_triggers_and_merge() {
        let all = Trigger::At.bit() | Trigger::Place.bit() | Trigger::BirthCue.bit();
        let windows = |text: &str| {
            let tokens = tokens(text, &Folded::with_words(text), true, true, all);
            let windows = tokens.windows;
            assert!(
                windows
                    .iter()
                    .all(|w| w.windows(2).all(|p| p[0].1 < p[1].0)),
                "merged and in order: {windows:?}"
            );
            assert!(windows[Trigger::BirthCue as usize].is_empty());
            // A date of birth's starts stand in for its windows: from where it may start
            // to where it may end.
            windows
                .concat()
                .into_iter()
                .chain(tokens.starts)
                .collect::<Vec<_>>()
        };
        let text = "Nothing here. Then SE15 and more words until the end of this post, \
                    and more words and more words and more words and more words and more, \
                    far from it: an email a@b.co and the Aylesbury Estate, and first-born.";
        let w = windows(text);
        let at = text.find('@').unwrap();
        let estate = text.find("Estate").unwrap();
        let born = text.find("born").unwrap();
        assert!(w.iter().any(|&(lo, hi)| lo <= at && at < hi));
        assert!(w.iter().any(|&(lo, hi)| lo <= estate && estate + 6 <= hi));
        assert!(w.iter().any(|&(lo, hi)| lo <= born && born + 4 <= hi));
        assert!(
            !w.iter().any(|&(lo, _)| lo == 0),
            "a digit is no trigger: {w:?}"
        );
        assert!(windows("No triggers at all in 2024, 10:30, SE15 4QN.").is_empty());
    }

    #[test]
    fn anchors_are_starts_near_digits_and_olds() {
        let text = "SE15 4QN, a ten-year-old's old-fashioned Old bold 7yo é12 oldé (0161) aged 7";
        let t = tokens(text, &Folded::with_words(text), true, true, 0);
        let starts: Vec<(&str, usize)> = t
            .anchors
            .starts
            .iter()
            .map(|&(p, lead)| (text.get(p..p + 2).unwrap_or(&text[p..]), lead))
            .collect();
        // Before a digit word: only after a space (4 bytes, or 15 after an age's lead-in
        // such as "aged"), a slash, `(` or `+`.
        assert_eq!(
            starts,
            [
                ("SE", 0),
                ("4Q", 0),
                ("7y", 0),
                ("12", 0),
                ("(0", 1),
                ("01", 0),
                ("ag", 5),
                ("7", 0)
            ]
        );
        let olds: Vec<&str> = t.anchors.olds.iter().map(|&o| &text[o..o + 3]).collect();
        assert_eq!(olds, ["old", "old", "Old", "old", "old"]);
    }
}
