//! `confidentiality/person-name`: names of people in a care context.
//!
//! A name alone proves little ("Grace", "Eileen Munro"); a name near a care cue ("visited",
//! "his mum", "placement", "aged 7") is a breach. So every candidate is scored: a gazetteer
//! hit with a cue is near certain, without one it is only noted; an honorific with an
//! initial ("Mr A") is always suspicious; names a team lists in `known-names` are always
//! reported.

use super::gazetteer::{self, FxHashSet, lex};
use super::near::Near;
use super::without_possessive;
use super::{Confidence, Detector, Finding, Hit, Input, Registry, count, strings};
use crate::text::{self, Word};

const CUE: u16 = 0;
const KNOWN: u16 = 1;
const PUBLIC: u16 = 2;
/// An honorific ([`HONORIFICS`]), found by the automaton so that no word is tested for one.
const HONORIFIC: u16 = 3;
/// Pattern: an age ("aged 7", "(14)", "9-year-old"), itself a cue.
const AGE: u16 = 0;

/// Age expressions, shared with the identifying-combination detector. Found by
/// [`Near::Age`].
pub(crate) const AGE_PATTERN: &str = concat!(
    r"(?i)(?-u:\b)(?:",
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)[- ]?(?:years?|yrs?|months?)[- ]?old",
    r"|\d{1,2} ?y/?o|aged? \d{1,2}(?:\s*(?:months?|years?))?|year \d{1,2}",
    r"|(?:he|she|they)(?:'s|’s| is| are| was) \d{1,2}",
    r"|(?:man|woman|lady|gentleman|boy|girl|child|baby|mum|dad|grandad|grandma) (?:of|aged) \d{1,2}",
    r")(?-u:\b)|\(\d{1,2}!?\)",
);

#[derive(Debug)]
pub(crate) struct PersonName {
    window: usize,
    not_names: FxHashSet<String>,
    org_words: FxHashSet<String>,
}

impl PersonName {
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table, known: &[String]) -> Self {
        for cue in strings(params, "cues") {
            reg.phrase(&cue, CUE);
        }
        for name in known {
            reg.phrase(name, KNOWN);
        }
        for name in strings(params, "public") {
            reg.phrase(&name, PUBLIC);
        }
        for honorific in HONORIFICS {
            reg.phrase(honorific, HONORIFIC);
        }
        reg.near(Near::Age, AGE);
        // Looked up by folded word.
        let folded = |key: &str| strings(params, key).iter().map(|s| text::fold(s)).collect();
        PersonName {
            window: count(params, "window", 6),
            not_names: folded("not-names"),
            org_words: folded("org-words"),
        }
    }
}

/// How many words from a cue a lower-case name may be ("visited kayleigh", "kacper (9)",
/// "proud of kayleigh today, her foster carer ...").
const LOWER_CASE_REACH: usize = 4;

const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "master"];
/// Titles of public people and places: the name after them is not a client's.
const PUBLIC_TITLES: &[&str] = &[
    "st",
    "storm",
    "hurricane",
    "saint",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "professor",
    "prof",
    "dr",
    "judge",
    "justice",
    "minister",
    "secretary",
    "councillor",
    "cllr",
    "mp",
    "rev",
    "reverend",
    "king",
    "queen",
    "prince",
    "princess",
];
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "to", "near", "around", "across", "of", "into", "outside", "via",
];
const FAMILY_WORDS: &[&str] = &[
    "family",
    "families",
    "household",
    "children",
    "kids",
    "twins",
    "boys",
    "girls",
    "siblings",
];

struct Scan<'a> {
    input: &'a Input<'a>,
    words: &'a [Word],
    cues: &'a [(usize, usize)],
    public: &'a [(usize, usize)],
}

impl Scan<'_> {
    fn word(&self, i: usize) -> &str {
        self.input.word(i)
    }

    /// Word `i`, folded (possessive kept).
    fn key(&self, i: usize) -> &str {
        self.input.key(i)
    }

    fn lex(&self, i: usize) -> u8 {
        self.input.lex(i)
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.words[i].is(Word::CAPITALISED)
    }

    /// Whether word `i` exists and its key is one of `list`.
    fn key_in(&self, i: usize, list: &[&str]) -> bool {
        i < self.words.len() && list.contains(&self.key(i))
    }

    /// Only spaces (and at most one dot after an initial) between word `i` and `i + 1`.
    fn adjacent(&self, i: usize) -> bool {
        let (a, b) = (self.words[i], self.words[i + 1]);
        // Nearly always one space: a byte test, before the gap is cut out as text.
        if b.start == a.end + 1 && self.input.text.as_bytes()[a.end] == b' ' {
            return true;
        }
        let gap = &self.input.text[a.end..b.start];
        !gap.is_empty()
            && gap.len() <= 3
            && gap.trim_start_matches('.').trim() == ""
            && !gap.contains('\n')
    }

    /// Whether word `i` is part of an email address, URL or file name ("jo.smith@...").
    fn in_address(&self, i: usize) -> bool {
        let w = self.words[i];
        let text = self.input.text;
        // Every case below has one of these ASCII bytes right before or after the word.
        let bytes = text.as_bytes();
        let before_byte = w.start.checked_sub(1).map(|j| bytes[j]);
        let after_byte = bytes.get(w.end).copied();
        if !matches!(before_byte, Some(b'.' | b'@' | b'/' | b'_'))
            && !matches!(after_byte, Some(b'.' | b'@' | b'_'))
        {
            return false;
        }
        let glued = |s: &str| s.starts_with(|c: char| c.is_alphanumeric());
        let before = &text[..w.start];
        let after = &text[w.end..];
        (before.ends_with(['.', '@', '/', '_'])
            && glued(
                before
                    .trim_end_matches(['.', '@', '/', '_'])
                    .get(before.len().saturating_sub(2)..)
                    .unwrap_or("x"),
            ))
            || (after.starts_with(['.', '@', '_'])
                && after[1..].starts_with(|c: char| c.is_alphanumeric()))
            || before.ends_with(['@', '_'])
    }

    fn prefixed_by_handle(&self, i: usize) -> bool {
        // '@' and '#' are ASCII: one byte back.
        let start = self.words[i].start;
        start > 0 && matches!(self.input.text.as_bytes()[start - 1], b'@' | b'#')
    }

    /// Whether word `i` starts a sentence (so its capital says nothing).
    fn sentence_start(&self, i: usize) -> bool {
        let before = self.input.text[..self.words[i].start]
            .trim_end_matches([' ', '"', '“', '\'', '‘', '(']);
        before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':'])
    }

    /// Whether a cue lies within `window` words of the name spanning words `first..=last`
    /// (bytes `start..end`). Counts words in the split already made, not by rescanning.
    fn has_cue(&self, first: usize, last: usize, start: usize, end: usize, window: usize) -> bool {
        if self.cues.is_empty() {
            return false;
        }
        let lo = self.words[first.saturating_sub(window)].start;
        let hi = self.words[(last + window).min(self.words.len() - 1)].end;
        // Cues come sorted by start: only those starting in the window are read, so a long
        // draft full of cues is not read through once per name.
        let from = self.cues.partition_point(|&(s, _)| s < lo);
        self.cues[from..]
            .iter()
            .take_while(|&&(s, _)| s < hi)
            .any(|&(s, e)| e <= hi && (e <= start || s >= end))
    }

    /// Whether `start..end` lies inside a public name (`public` is sealed).
    fn in_public(&self, start: usize, end: usize) -> bool {
        super::covers(self.public, start, end)
    }
}

/// Whether `w` could be an honorific: every one ("mr", "mrs", "ms", "miss", "mx", "master")
/// starts with "m" and is short.
#[inline]
fn honorific_like(bytes: &[u8], w: &Word) -> bool {
    (w.end - w.start <= 6) & (bytes.get(w.start).is_some_and(|&b| b | 0x20 == b'm'))
}

/// Whether word `i` (no honorific) plainly starts no name: a lower-case word far from any
/// cue, or a word whose lexicon flags alone tell (most capitalised words, "The",
/// "Council", and lower-case words near a cue). The same
/// answer [`PersonName::candidate`] reaches, for a fraction of its work. Words with an
/// inner apostrophe or hyphen ("Jayden's", "Mary-Jane") always go the long way.
#[inline]
fn plainly_no_name(scan: &Scan<'_>, i: usize, near_cue: bool) -> bool {
    let w = scan.words[i];
    if w.shape & Word::CAPITALISED == 0 {
        if !near_cue {
            return true;
        }
        // Lower case, near a cue: only a given name counts. One bit of the given names'
        // filter turns most words away without a lookup ("to", "with", "school").
        if w.shape & Word::MIXED == 0 {
            let folded = scan.input.folded.as_str().as_bytes();
            return !(gazetteer::maybe_given(folded, w.fstart, w.fend)
                && scan.lex(i) & lex::GIVEN != 0);
        }
        return !is_given(scan, i);
    }
    if w.shape & Word::MIXED != 0 {
        return false;
    }
    let flags = scan.lex(i);
    if flags & lex::GIVEN != 0 {
        return false;
    }
    // Capitalised and no given name: a name only as a family's surname, "the Okafor
    // family" or "the Nowaks" (the candidate test looks the plural up).
    if flags & lex::SURNAME != 0 && scan.key_in(i + 1, FAMILY_WORDS) {
        return false;
    }
    !(i > 0 && scan.key(i).ends_with('s') && scan.key(i - 1) == "the")
}

/// Bits `lo..hi` of a word (`lo <= hi <= 64`).
fn bits(lo: usize, hi: usize) -> u64 {
    let upto = |n: usize| if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
    upto(hi) & !upto(lo)
}

/// Whether word `i` is a given name, or a double-barrelled one ("Mary-Jane", "Jean-Luc").
fn is_given(scan: &Scan<'_>, i: usize) -> bool {
    if scan.lex(i) & lex::GIVEN != 0 {
        return true;
    }
    let stem = scan.input.stem(i);
    stem.contains('-')
        && stem
            .split('-')
            .all(|p| gazetteer::lookup(p) & (lex::GIVEN | lex::SURNAME) != 0)
        && stem
            .split('-')
            .any(|p| gazetteer::lookup(p) & lex::GIVEN != 0)
}

/// The lists a check fills, kept per thread from draft to draft (allocating them for every
/// draft of an archive was a measurable part of the detector's cost).
#[derive(Default)]
struct Lists {
    taken: Vec<(usize, usize)>,
    cues: Vec<(usize, usize)>,
    public: Vec<(usize, usize)>,
    /// The word each cue starts in (the first word ending after its start), in order.
    cue_words: Vec<usize>,
    /// The words that are an honorific, in order.
    honorifics: Vec<usize>,
}

impl Lists {
    /// Lists longer than this are dropped after the check rather than kept.
    const KEEP: usize = 1 << 12;

    fn oversized(&self) -> bool {
        [
            self.taken.capacity(),
            self.cues.capacity(),
            self.public.capacity(),
            self.cue_words.capacity(),
            self.honorifics.capacity(),
        ]
        .into_iter()
        .any(|c| c > Lists::KEEP)
    }
}

thread_local! {
    static LISTS: std::cell::RefCell<Lists> = std::cell::RefCell::default();
}

impl Detector for PersonName {
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        super::with_scratch(&LISTS, Lists::oversized, |lists| {
            self.check_with(input, lists, out)
        })
    }
}

impl PersonName {
    fn check_with(&self, input: &Input<'_>, lists: &mut Lists, out: &mut Vec<Finding>) {
        let text = input.text;
        let Lists {
            taken,
            cues,
            public,
            cue_words,
            honorifics,
        } = lists;
        taken.clear();
        cues.clear();
        public.clear();
        cue_words.clear();
        honorifics.clear();
        let words = input.words();
        let n = words.len();
        for &Hit { kind, start, end } in input.phrases {
            match kind {
                // Leftmost-longest, as phrases are: a name listed twice ("Tyrell", "tyrell")
                // or inside another ("Kacper", "Kacper Nowak") is one finding. Hits come
                // sorted by (start, end), so of those starting together the longest is last.
                KNOWN => match taken.last_mut() {
                    Some(last) if last.0 == start => last.1 = end,
                    Some(last) if start < last.1 => {}
                    _ => taken.push((start, end)),
                },
                PUBLIC => public.push((start, end)),
                // A whole word that is an honorific: the same words as `honorific_like`
                // and a look-up of the key would give.
                HONORIFIC => {
                    let i = words.partition_point(|w| w.start < start);
                    if words
                        .get(i)
                        .is_some_and(|w| w.start == start && w.end == end)
                    {
                        honorifics.push(i);
                    }
                }
                _ => cues.push((start, end)),
            }
        }
        for &(start, end) in taken.iter() {
            out.push(Finding::new(
                start,
                end,
                Confidence::High,
                format!(
                    "“{}” is on your team's known-names list; remove the name or use a made-up \
                     one",
                    &text[start..end]
                ),
            ));
        }
        // Phrase cues and pattern cues (ages) each come sorted; together, in order.
        let phrase_cues = cues.len();
        cues.extend(input.patterns.iter().map(|h| (h.start, h.end)));
        if phrase_cues > 0 && phrase_cues < cues.len() {
            cues.sort_unstable();
        }
        // Lower-case names count only close to a cue: a word is near one when a cue starts
        // within LOWER_CASE_REACH words of it, so the other lower-case words are skipped
        // without a lookup.
        let mut w = 0;
        for &(cs, _) in cues.iter() {
            while w < n && words[w].end <= cs {
                w += 1;
            }
            cue_words.push(w);
        }
        super::seal(public);
        let scan = Scan {
            input,
            words,
            cues,
            public,
        };
        // The words worth a closer look, 64 at a time as bit masks, so the walk has no
        // branch per word to mispredict: capitalised words, words within reach of a cue
        // (lower-case names count only there), and honorifics ("mr", "mrs", "ms", "miss",
        // "mx", "master", found by the automaton). Most words are none.

        // The automaton finds an honorific as whole words; one glued to a "_", "@" or "#"
        // it misses would be excluded as a name anyway.
        #[cfg(debug_assertions)]
        for (i, w) in words.iter().enumerate() {
            let honorific = honorific_like(text.as_bytes(), w) && HONORIFICS.contains(&scan.key(i));
            debug_assert_eq!(
                honorifics.binary_search(&i).is_ok(),
                honorific && text::is_whole_word(text, w.start, w.end),
                "honorific hits disagree at {:?}",
                scan.word(i)
            );
        }
        let mut next_honorific = 0;
        let mut next_cue = 0;
        let mut base = 0;
        // The first word not yet consumed by a candidate.
        let mut from = 0;
        while base < n {
            let end = (base + 64).min(n);
            let mut look = 0u64;
            for (k, w) in words[base..end].iter().enumerate() {
                look |= u64::from(w.shape & Word::CAPITALISED != 0) << k;
            }
            let mut honorific_bits = 0u64;
            while let Some(&i) = honorifics.get(next_honorific)
                && i < end
            {
                honorific_bits |= 1 << (i - base);
                next_honorific += 1;
            }
            look |= honorific_bits;
            let mut near = 0u64;
            while next_cue < cue_words.len() && cue_words[next_cue] + LOWER_CASE_REACH < base {
                next_cue += 1;
            }
            for &cw in &cue_words[next_cue..] {
                let (lo, hi) = (
                    cw.saturating_sub(LOWER_CASE_REACH),
                    cw + LOWER_CASE_REACH + 1,
                );
                if lo >= end {
                    break;
                }
                near |= bits(lo.max(base) - base, hi.min(end) - base);
            }
            look |= near;
            // Words consumed by a candidate in the chunk before.
            look &= !bits(0, from.clamp(base, end) - base);
            while look != 0 {
                let k = look.trailing_zeros() as usize;
                let i = base + k;
                let near_cue = near >> k & 1 != 0;
                let honorific = honorific_bits >> k & 1 != 0;
                let step = if honorific || !plainly_no_name(&scan, i, near_cue) {
                    self.candidate(&scan, i, near_cue, taken, out)
                } else {
                    // The shortcut repeats the candidate test's first exits; in debug
                    // builds (every test run) the full test checks it over every word.
                    #[cfg(debug_assertions)]
                    {
                        let found = out.len();
                        let full = self.candidate(&scan, i, near_cue, taken, out);
                        debug_assert!(
                            full == 1 && out.len() == found,
                            "person-name shortcut disagrees at {:?}",
                            scan.word(i)
                        );
                    }
                    1
                };
                from = i + step.max(1);
                look &= !bits(0, from.min(end) - base);
            }
            base = end;
        }
    }

    /// Looks for a name starting at word `i`; returns how many words were consumed.
    // Out of line: only names and honorifics come here, and the walk that picks them
    // stays small.
    #[inline(never)]
    fn candidate(
        &self,
        scan: &Scan<'_>,
        i: usize,
        near_cue: bool,
        taken: &[(usize, usize)],
        out: &mut Vec<Finding>,
    ) -> usize {
        let text = scan.input.text;
        let w = scan.words[i];
        let capitalised = w.is(Word::CAPITALISED);
        let word = scan.word(i);
        let maybe_honorific = honorific_like(text.as_bytes(), &w);
        if !capitalised && !near_cue && !maybe_honorific {
            return 1;
        }
        // `taken` is sorted and its spans do not overlap, so their ends rise too.
        let overlaps_taken = |s: usize, e: usize| {
            let i = taken.partition_point(|&(_, b)| b <= s);
            taken.get(i).is_some_and(|&(a, _)| a < e)
        };
        // Handles, addresses and known names already reported are never names; checked
        // here for honorifics, and for other words only once the lexicon says "name" (most
        // capitalised words are not, and leave on a flag test and one lookup).
        let excluded =
            || scan.prefixed_by_handle(i) || scan.in_address(i) || overlaps_taken(w.start, w.end);
        let honorific = maybe_honorific && HONORIFICS.contains(&scan.key(i));
        let n = scan.words.len();

        // Honorific + name or initial: "Mrs Okafor", "Mr A", "Ms B.".
        // A lower-case single letter after a lower-case honorific ("mr a:") is an initial
        // only when no word follows it.
        let lone_initial = |j: usize| {
            scan.word(j).chars().count() == 1
                && !text[scan.words[j].end..].starts_with(|c: char| c == ' ' || c.is_alphanumeric())
        };
        if honorific
            && i + 1 < n
            && scan.adjacent(i)
            && (scan.is_capitalised(i + 1) || lone_initial(i + 1))
        {
            if excluded() {
                return 1;
            }
            let next = scan.word(i + 1);
            let initial = next.chars().count() == 1;
            let mut end = scan.words[i + 1].start + without_possessive(next);
            let mut used = 2;
            if initial && text[end..].starts_with('.') {
                end += 1;
            } else if i + 2 < n
                && scan.adjacent(i + 1)
                && scan.is_capitalised(i + 2)
                && scan.lex(i + 2) & lex::SURNAME != 0
            {
                end = scan.words[i + 2].start + without_possessive(scan.word(i + 2));
                used = 3;
            }
            if scan.in_public(w.start, end) {
                return used;
            }
            let cue = scan.has_cue(i, i + used - 1, w.start, end, self.window);
            // An honorific says "a person"; with a cue, one the author works with.
            let confidence = if cue {
                Confidence::High
            } else {
                Confidence::Medium
            };
            out.push(self.finding(text, w.start, end, confidence));
            return used;
        }
        if !capitalised && !near_cue {
            return 1;
        }
        if w.is(Word::SHOUTED) {
            return 1; // an acronym, or shouting: not a name we can tell apart
        }

        let key = scan.input.stem(i);
        if key.len() < 2 || key.chars().nth(1).is_none() {
            return 1;
        }
        let given = is_given(scan, i);
        if !given && !capitalised {
            return 1;
        }
        let flags = scan.lex(i);
        if !given {
            // "the Okafor family", and "the Nowaks": a family by its surname.
            let plural_family = capitalised
                && i > 0
                && scan.key(i - 1) == "the"
                && key
                    .strip_suffix('s')
                    .is_some_and(|stem| gazetteer::lookup(stem) & lex::SURNAME != 0);
            let surname_of_family = plural_family
                || (capitalised && flags & lex::SURNAME != 0 && scan.key_in(i + 1, FAMILY_WORDS));
            if !surname_of_family {
                return 1;
            }
        }
        if self.not_names.contains(key) || excluded() {
            return 1;
        }
        // Part of an address or a place: "63 Cedar Grove", "Mill Lane", "Ward 7", "Cherry
        // Tree Infants".
        let numbered_before = i > 0
            && (scan.words[i - 1].is(Word::DIGIT)
                || (self.org_words.contains(key) && scan.is_capitalised(i - 1)));
        let number_after = i + 1 < n && scan.adjacent(i) && scan.words[i + 1].is(Word::DIGIT);
        let org_within_two = (1..=2).any(|k| {
            i + k < n
                && scan.adjacent(i + k - 1)
                && scan.is_capitalised(i + k)
                && self.org_words.contains(scan.key(i + k))
        });
        if numbered_before || number_after || org_within_two {
            return 1;
        }
        // "St Mary's", "Sir Andrew McFarlane", "Munro Review": part of a public name.
        if i > 0 && PUBLIC_TITLES.contains(&scan.key(i - 1)) {
            return 2;
        }
        if i + 1 < n && scan.adjacent(i) && self.org_words.contains(scan.key(i + 1)) {
            return 2;
        }
        if flags & lex::PLACE != 0 && i > 0 && PLACE_PREPOSITIONS.contains(&scan.key(i - 1)) {
            return 1;
        }
        // "I'm Priya", "my name is Priya": the author introducing themselves.
        let before_is = |k: usize, s: &str| i >= k && scan.key(i - k) == s;
        if before_is(1, "i'm")
            || before_is(1, "name's")
            || (before_is(1, "am") && before_is(2, "i"))
            || (before_is(1, "is") && before_is(2, "name"))
        {
            return 1;
        }

        // A following capitalised surname belongs to the same name.
        let core_end = w.start + without_possessive(word);
        let mut end = core_end;
        let mut used = 1;
        if core_end == w.end
            && i + 1 < n
            && scan.adjacent(i)
            && scan.is_capitalised(i + 1)
            && !scan.words[i + 1].is(Word::SHOUTED)
            && scan.lex(i + 1) & lex::SURNAME != 0
            && !self.org_words.contains(scan.key(i + 1))
        {
            end = scan.words[i + 1].start + without_possessive(scan.word(i + 1));
            used = 2;
            if i + 2 < n && scan.adjacent(i + 1) && self.org_words.contains(scan.key(i + 2)) {
                return 3;
            }
        }
        if scan.in_public(w.start, end) {
            return used;
        }
        let cue = scan.has_cue(i, i + used - 1, w.start, end, self.window);
        let name_word = flags & lex::NAME_WORD != 0;
        let confidence = if !capitalised {
            // Lower-case names only count with a cue, and never everyday words.
            if cue && !name_word && used == 1 && key.chars().count() >= 3 {
                Confidence::High
            } else {
                return used;
            }
        } else if name_word && used == 1 {
            if cue && !scan.sentence_start(i) {
                Confidence::High
            } else {
                return used;
            }
        } else if cue {
            Confidence::High
        } else if used == 1 {
            // A first name on its own, mid-sentence, is how practitioners write about the
            // people they support; public figures come with a surname or a handle.
            Confidence::Medium
        } else {
            Confidence::Low
        };
        out.push(self.finding(text, w.start, end, confidence));
        used
    }

    fn finding(&self, text: &str, start: usize, end: usize, confidence: Confidence) -> Finding {
        let name = &text[start..end];
        let message = if confidence == Confidence::High {
            format!(
                "“{name}” looks like the name of someone you work with; remove the name or use a \
                 made-up one"
            )
        } else {
            format!(
                "“{name}” may be a person's name; if it is someone you work with, remove it (add \
                 public figures to `allow` in your house rules)"
            )
        };
        Finding::new(start, end, confidence, message)
    }
}

#[cfg(test)]
mod tests {
    use crate::Linter;

    #[test]
    fn bits_covers_exactly_lo_to_hi() {
        assert_eq!(super::bits(0, 0), 0);
        assert_eq!(super::bits(0, 3), 0b111);
        assert_eq!(super::bits(2, 5), 0b11100);
        assert_eq!(super::bits(60, 64), 0xf << 60);
        assert_eq!(super::bits(0, 64), u64::MAX);
        assert_eq!(super::bits(64, 64), 0);
    }

    /// Found by the `house_rules_structured` fuzz target: a known name listed twice, or
    /// inside another, was reported once per entry, with overlapping spans.
    #[test]
    fn known_names_listed_twice_or_inside_another_are_one_finding() {
        let linter = Linter::builder()
            .house_rules(
                "house.toml",
                r#"known-names = ["Kacper", "Kacper Nowak", "Nowak", "Tyrell", "tyrell"]"#,
            )
            .build()
            .expect("valid house rules");
        let text = "We saw Kacper Nowak and TYRELL today; Nowak again.";
        let found: Vec<&str> = linter
            .check(text)
            .into_iter()
            .filter(|d| d.rule == "confidentiality/person-name")
            .map(|d| &text[d.span.range()])
            .collect();
        assert_eq!(found, ["Kacper Nowak", "TYRELL", "Nowak"]);
    }
}
