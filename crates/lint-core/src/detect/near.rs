//! Hand-written recognizers for the detector patterns whose every match is short and holds
//! a digit or an age in words: NHS and NI numbers, postcodes, phone numbers, case-reference
//! shapes and ages.
//!
//! Digits are everywhere in posts (times, years, counts), so a regex searched around every
//! number walks a third of the draft. A recognizer instead tries only the few positions
//! where a match could start: from a little before each digit-bearing word to its end
//! (and, for ages in words, before each "old").
//!
//! Each recognizer finds exactly what its regex ([`Near::spec`], compiled as
//! [`super::Registry::pattern`] would) finds with `find_iter`: the leftmost-first,
//! non-overlapping matches, or the span of the group named `m`. The matchers try the
//! regex's alternatives in the regex's order of preference and take the first that
//! completes, as leftmost-first search does; greedy repetitions try the longest count
//! first. As in the specs (Unicode off), `\b` is an ASCII word boundary (`[0-9A-Za-z_]`),
//! `\s` is ASCII white space and `(?i)` folds ASCII letters only. Tests hold every
//! recognizer equal to its regex on the corpora and on generated text.

use super::combination::BARE_AGE_PATTERN;
use super::identifiers::{
    CASE_SHAPE_PATTERN, NHS_PATTERN, NI_PATTERN, PHONE_PATTERN, POSTCODE_PATTERN,
};
use super::names::AGE_PATTERN;

/// A detector pattern found by hand-written code instead of a regex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Near {
    /// [`NHS_PATTERN`].
    NhsNumber,
    /// [`NI_PATTERN`].
    NiNumber,
    /// [`POSTCODE_PATTERN`].
    Postcode,
    /// [`PHONE_PATTERN`].
    Phone,
    /// [`CASE_SHAPE_PATTERN`].
    CaseShape,
    /// [`AGE_PATTERN`].
    Age,
    /// [`BARE_AGE_PATTERN`]: its hits are the group `m`.
    BareAge,
}

/// Where the recognizers start from, gathered in the pass over the draft's words.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    /// Where a match near a digit may start, in order: every position that starts an
    /// ASCII word or holds `(` or `+`, from a little before each digit-bearing word to its
    /// end, with how far it lies before that word (0 inside it).
    pub starts: Vec<(usize, usize)>,
    /// Where each two-digit word followed by a comma starts, in order (bare ages).
    pub pairs: Vec<usize>,
    /// Where each "old" that ends an ASCII word starts, in order (ages in words: "seven
    /// years old").
    pub olds: Vec<usize>,
    /// Where the last digit-bearing word ended (positions before it are in `starts`).
    scanned: usize,
}

/// How far before its first digit a match may start, by pattern.
const NI_LEAD: usize = 3; // "AB 1"
const POSTCODE_LEAD: usize = 4; // "GIR 0"
const PHONE_LEAD: usize = 1; // "+4", "(0"
const CASE_LEAD: usize = 5; // "ABCD/1"
const AGE_LEAD: usize = 15; // "gentleman aged 7"
/// How far before its "old" an age in words may start: "seventeen months old".
const OLD_LEAD: usize = 17;

/// Whether the ASCII letters that end at `end` are the last word of an age's lead-in
/// before its number: "aged", "age", "year", "he's", "she is", "they are", "he was", "boy
/// of".
fn age_cue(b: &[u8], end: usize) -> bool {
    let mut start = end;
    while start > 0 && b[start - 1].is_ascii_alphabetic() {
        start -= 1;
        if end - start > 4 {
            return false;
        }
    }
    let word = &b[start..end];
    [
        b"aged" as &[u8],
        b"age",
        b"year",
        b"s",
        b"is",
        b"are",
        b"was",
        b"of",
    ]
    .iter()
    .any(|cue| word.eq_ignore_ascii_case(cue))
}

/// Whether each byte is a word char for an ASCII `\b`.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'_';
        i += 1;
    }
    t
};

impl Anchors {
    /// Empties the lists, keeping their memory.
    pub(crate) fn clear(&mut self) {
        self.starts.clear();
        self.pairs.clear();
        self.olds.clear();
        self.scanned = 0;
    }

    /// Records the digit-bearing word `s..e` of `b` and the positions near it where a match
    /// may start.
    pub(crate) fn digit_word(&mut self, b: &[u8], s: usize, e: usize) {
        if e - s == 2 && at(b, e) == b',' {
            self.pairs.push(s);
        }
        // The first digit of a match that starts before its word comes right after one of
        // these: "AB 12", "GIR 0AA", "he's 7", "CP/0457", "(0161)", "+44".
        let lead = match s.checked_sub(1).map(|i| b[i]) {
            Some(b' ') if age_cue(b, s - 1) => AGE_LEAD,
            Some(b' ') => POSTCODE_LEAD,
            Some(b'/') => CASE_LEAD,
            Some(b'(' | b'+') => PHONE_LEAD,
            _ => 0,
        };
        let lo = s.saturating_sub(lead).max(self.scanned);
        let mut word_before = lo > 0 && WORD[usize::from(b[lo - 1])];
        let mut p = lo;
        while p < e {
            let c = b[p];
            let word = WORD[usize::from(c)];
            if (word && !word_before) || c == b'(' || c == b'+' {
                self.starts.push((p, s.saturating_sub(p)));
            }
            word_before = word;
            p += 1;
        }
        self.scanned = e;
    }
}

impl Near {
    /// Every recognizer.
    #[cfg(test)]
    pub(crate) const ALL: [Near; 7] = [
        Near::NhsNumber,
        Near::NiNumber,
        Near::Postcode,
        Near::Phone,
        Near::CaseShape,
        Near::Age,
        Near::BareAge,
    ];

    /// The regex this recognizer implements (without the `(?-u)` that
    /// [`super::Registry::pattern`] puts first).
    // The specification: only the tests that hold the recognizers to it read it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn spec(self) -> &'static str {
        match self {
            Near::NhsNumber => NHS_PATTERN,
            Near::NiNumber => NI_PATTERN,
            Near::Postcode => POSTCODE_PATTERN,
            Near::Phone => PHONE_PATTERN,
            Near::CaseShape => CASE_SHAPE_PATTERN,
            Near::Age => AGE_PATTERN,
            Near::BareAge => BARE_AGE_PATTERN,
        }
    }

    /// Whether this recognizer starts from "old" as well as from digits.
    pub(crate) fn wants_olds(self) -> bool {
        self == Near::Age
    }

    /// How far before the first digit of its match a match may start.
    fn lead(self) -> usize {
        match self {
            Near::NhsNumber | Near::BareAge => 0,
            Near::NiNumber => NI_LEAD,
            Near::Postcode => POSTCODE_LEAD,
            Near::Phone => PHONE_LEAD,
            Near::CaseShape => CASE_LEAD,
            Near::Age => AGE_LEAD,
        }
    }

    /// The match's end if the pattern matches at `p` (leftmost-first).
    // Inlined so that each call with a known recognizer calls it directly, not through a
    // jump table whose indirect branch was mispredicted.
    #[inline(always)]
    fn match_at(self, b: &[u8], p: usize) -> Option<usize> {
        match self {
            Near::NhsNumber => nhs(b, p),
            Near::NiNumber => ni(b, p),
            Near::Postcode => postcode(b, p),
            Near::Phone => phone(b, p),
            Near::CaseShape => case_shape(b, p),
            Near::Age => age(b, p),
            Near::BareAge => bare_age(b, p),
        }
    }
}

/// Runs the recognizers in `wanted`, each with its pattern number, over a draft and pushes
/// their hits as (number, start, end): each recognizer's hits in order.
pub(crate) fn find_all(
    text: &str,
    anchors: &Anchors,
    wanted: &[(Near, usize)],
    found: &mut Vec<(usize, usize, usize)>,
    starts: &mut Vec<usize>,
) {
    let b = text.as_bytes();
    let mut number = [None; 7];
    for &(near, n) in wanted {
        number[near as usize] = Some(n);
    }
    // Ages in words need more starts than the digits give: then ages are searched apart.
    let age_apart = !anchors.olds.is_empty();
    // Where each recognizer's search resumes.
    let mut next = [0; 7];
    macro_rules! try_at {
        ($near:expr, $p:expr, $lead:expr) => {{
            let (near, p): (Near, usize) = ($near, $p);
            let k = near as usize;
            if let Some(n) = number[k]
                && $lead <= near.lead()
                && p >= next[k]
                && let Some(e) = near.match_at(b, p)
            {
                found.push((n, p, e));
                next[k] = e.max(p + 1);
            }
        }};
    }
    // Each start is tried only by the recognizers whose matches can begin with its byte.
    for &(p, lead) in &anchors.starts {
        let c = b[p];
        if c.is_ascii_digit() {
            try_at!(Near::NhsNumber, p, lead);
            try_at!(Near::Phone, p, lead);
            try_at!(Near::CaseShape, p, lead);
        } else if c.is_ascii_alphabetic() {
            try_at!(Near::NiNumber, p, lead);
            try_at!(Near::Postcode, p, lead);
            try_at!(Near::CaseShape, p, lead);
        } else {
            try_at!(Near::Phone, p, lead);
        }
        if !age_apart {
            try_at!(Near::Age, p, lead);
        }
    }
    if let Some(n) = number[Near::Age as usize]
        && age_apart
    {
        // Ages in words start at a word start shortly before their "old".
        starts.clear();
        starts.extend(
            anchors
                .starts
                .iter()
                .filter(|&&(_, l)| l <= AGE_LEAD)
                .map(|&(p, _)| p),
        );
        for &o in &anchors.olds {
            let lo = o.saturating_sub(OLD_LEAD);
            starts.extend((lo..o).filter(|&p| WORD[usize::from(b[p])] && !word_before(b, p)));
        }
        starts.sort_unstable();
        run(b, starts.iter().copied(), age, &mut |s, e| {
            found.push((n, s, e))
        });
    }
    if let Some(n) = number[Near::BareAge as usize] {
        let starts = anchors
            .pairs
            .iter()
            .filter_map(|&s| bare_age_range(b, s))
            .flat_map(|(lo, hi)| lo..hi);
        // The hit is the group `m`: the two digits before the match's comma.
        run(b, starts, bare_age, &mut |_, e| {
            let q = if b[e - 1] == b' ' { e - 4 } else { e - 3 };
            found.push((n, q, q + 2));
        });
    }
}

/// `find_iter` over candidate starts: `starts` (ascending, repeats allowed) hold every
/// position where `matcher` can succeed. A match resumes the search at its end, as
/// `find_iter` does.
fn run(
    b: &[u8],
    starts: impl Iterator<Item = usize>,
    matcher: impl Fn(&[u8], usize) -> Option<usize>,
    hit: &mut impl FnMut(usize, usize),
) {
    let mut next = 0;
    for p in starts {
        if p < next {
            continue;
        }
        if let Some(e) = matcher(b, p) {
            hit(p, e);
            // No pattern matches the empty string; the guard only keeps this finite.
            next = e.max(p + 1);
        }
    }
}

/// The byte at `i`, or 0 past the end (0 is in no class the patterns use).
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// A word char for an ASCII `\b`.
fn is_word(c: u8) -> bool {
    WORD[usize::from(c)]
}

/// Whether a word char comes before `p` (so `\b` before a word char at `p` fails).
fn word_before(b: &[u8], p: usize) -> bool {
    p > 0 && is_word(b[p - 1])
}

/// `\b` after a word char that ends at `e`.
fn ends_word(b: &[u8], e: usize) -> bool {
    !is_word(at(b, e))
}

/// ASCII `\s`: `[\t\n\v\f\r ]` (`u8::is_ascii_whitespace` leaves out `\v`).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// How many ASCII digits, up to `max`, start at `i`.
fn digits(b: &[u8], i: usize, max: usize) -> usize {
    b.get(i..).map_or(0, |r| {
        r.iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    })
}

/// `\d{n}` at `i`: where it ends.
fn exactly_digits(b: &[u8], i: usize, n: usize) -> Option<usize> {
    (digits(b, i, n) == n).then_some(i + n)
}

/// Whether `lit` (lower case) is at `i`, ASCII letters in any case.
fn has_ci(b: &[u8], i: usize, lit: &[u8]) -> bool {
    b.get(i..i + lit.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(lit))
}

/// `\d{1,2}\b` at `q` (greedy): where it ends.
fn small_number(b: &[u8], q: usize) -> Option<usize> {
    (1..=digits(b, q, 2))
        .rev()
        .map(|n| q + n)
        .find(|&e| ends_word(b, e))
}

/// [`NHS_PATTERN`]. Each `[ -]?` is followed by a digit, so it matches exactly when a
/// separator is there: no backtracking.
fn nhs(b: &[u8], p: usize) -> Option<usize> {
    if !at(b, p + 2).is_ascii_digit() || word_before(b, p) {
        return None;
    }
    let sep = |q: usize| q + usize::from(matches!(at(b, q), b' ' | b'-'));
    let q = exactly_digits(b, p, 3)?;
    let q = exactly_digits(b, sep(q), 3)?;
    let q = exactly_digits(b, sep(q), 4)?;
    ends_word(b, q).then_some(q)
}

/// A set of ASCII letters, one bit per letter of either case.
const fn letters(set: &[u8]) -> u32 {
    let mut mask = 0;
    let mut i = 0;
    while i < set.len() {
        mask |= 1 << (set[i] - b'A');
        i += 1;
    }
    mask
}

/// Whether `c` is a letter of `set` ([`letters`]), in any case.
fn in_letters(c: u8, set: u32) -> bool {
    c.is_ascii_alphabetic() && set & (1 << (c.to_ascii_uppercase() - b'A')) != 0
}

/// [`NI_PATTERN`]'s prefix letters.
const NI_FIRST: u32 = letters(b"ABCEGHJKLMNOPRSTWXYZ");
const NI_SECOND: u32 = letters(b"ABCEGHJKLMNPRSTWXYZ");

/// [`NI_PATTERN`]: every ` ?` is followed by a digit or a letter, so no backtracking.
fn ni(b: &[u8], p: usize) -> Option<usize> {
    if !in_letters(at(b, p), NI_FIRST) || !in_letters(at(b, p + 1), NI_SECOND) || word_before(b, p)
    {
        return None;
    }
    let space = |q: usize| q + usize::from(at(b, q) == b' ');
    let mut q = p + 2;
    for _ in 0..3 {
        q = exactly_digits(b, space(q), 2)?;
    }
    let q = space(q);
    (in_letters(at(b, q), letters(b"ABCD")) && ends_word(b, q + 1)).then_some(q + 1)
}

/// The letters that end a postcode: `[ABD-HJLNP-UW-Z]`.
const POSTCODE_UNIT: u32 = letters(b"ABDEFGHJLNPQRSTUWXYZ");

/// [`POSTCODE_PATTERN`]: outward code `[A-Z]{1,2}[0-9][0-9A-Z]?` (two letters tried
/// first, then the optional char taken, then left) or `GIR`, then ` ?[0-9]` and two unit
/// letters.
fn postcode(b: &[u8], p: usize) -> Option<usize> {
    if !at(b, p).is_ascii_alphabetic() || !at(b, p + 1).is_ascii_alphanumeric() || word_before(b, p)
    {
        return None;
    }
    let unit = |i: usize| in_letters(at(b, i), POSTCODE_UNIT);
    let inward = |q: usize| {
        let q = q + usize::from(at(b, q) == b' ');
        (at(b, q).is_ascii_digit() && unit(q + 1) && unit(q + 2) && ends_word(b, q + 3))
            .then_some(q + 3)
    };
    for letters in [2, 1] {
        if letters == 2 && !at(b, p + 1).is_ascii_alphabetic() {
            continue;
        }
        let q = p + letters;
        if !at(b, q).is_ascii_digit() {
            continue;
        }
        if at(b, q + 1).is_ascii_alphanumeric()
            && let Some(e) = inward(q + 2)
        {
            return Some(e);
        }
        if let Some(e) = inward(q + 1) {
            return Some(e);
        }
    }
    if has_ci(b, p, b"gir") {
        return inward(p + 3);
    }
    None
}

/// [`PHONE_PATTERN`]: a prefix (`+44`, `(0` or `0`), then three digit groups of 2–4, 3–4
/// and 3–4 (longest first). The optional separators, `(0)` and `)` are each followed by
/// something they cannot be, so they are taken whenever present.
fn phone(b: &[u8], p: usize) -> Option<usize> {
    let sep = |q: usize| q + usize::from(matches!(at(b, q), b' ' | b'-' | b'.'));
    let q = match at(b, p) {
        b'+' if at(b, p + 1) == b'4' && at(b, p + 2) == b'4' => {
            let q = sep(p + 3);
            if b.get(q..q + 3) == Some(&b"(0)"[..]) {
                sep(q + 3)
            } else {
                q
            }
        }
        b'(' if at(b, p + 1) == b'0' => p + 2,
        b'0' if !word_before(b, p) => p + 1,
        _ => return None,
    };
    for n1 in (2..=digits(b, q, 4)).rev() {
        let q = q + n1;
        let q = sep(q + usize::from(at(b, q) == b')'));
        for n2 in (3..=digits(b, q, 4)).rev() {
            let q = sep(q + n2);
            for n3 in (3..=digits(b, q, 4)).rev() {
                if ends_word(b, q + n3) {
                    return Some(q + n3);
                }
            }
        }
    }
    None
}

/// [`CASE_SHAPE_PATTERN`]: `AB/1234/56`, `ZW24C50123` or `47/20931/25`.
fn case_shape(b: &[u8], p: usize) -> Option<usize> {
    // Every shape starts with a capital letter, or with two digits and a `/`.
    if !(at(b, p).is_ascii_uppercase() || at(b, p + 2) == b'/') || word_before(b, p) {
        return None;
    }
    let upper = b.get(p..).map_or(0, |r| {
        r.iter()
            .take(4)
            .take_while(|c| c.is_ascii_uppercase())
            .count()
    });
    for n in (1..=upper).rev() {
        let q = p + n;
        if at(b, q) != b'/' {
            continue;
        }
        for d1 in (2..=digits(b, q + 1, 6)).rev() {
            let r = q + 1 + d1;
            if at(b, r) != b'/' {
                continue;
            }
            for d2 in (2..=digits(b, r + 1, 6)).rev() {
                if ends_word(b, r + 1 + d2) {
                    return Some(r + 1 + d2);
                }
            }
        }
    }
    if upper >= 2
        && exactly_digits(b, p + 2, 2).is_some()
        && matches!(at(b, p + 4), b'C' | b'P' | b'Z')
        && let Some(e) = exactly_digits(b, p + 5, 5)
        && ends_word(b, e)
    {
        return Some(e);
    }
    if exactly_digits(b, p, 2).is_some() && at(b, p + 2) == b'/' {
        for d in (4..=digits(b, p + 3, 6)).rev() {
            let r = p + 3 + d;
            if at(b, r) == b'/'
                && let Some(e) = exactly_digits(b, r + 1, 2)
                && ends_word(b, e)
            {
                return Some(e);
            }
        }
    }
    None
}

/// Ages in words that start with `c`, in [`AGE_PATTERN`]'s order.
fn number_words(c: u8) -> &'static [&'static [u8]] {
    match c {
        b'o' => &[b"one"],
        b't' => &[b"two", b"three", b"ten", b"twelve", b"thirteen"],
        b'f' => &[b"four", b"five", b"fourteen", b"fifteen"],
        b's' => &[b"six", b"seven", b"sixteen", b"seventeen"],
        b'e' => &[b"eight", b"eleven", b"eighteen"],
        b'n' => &[b"nine", b"nineteen"],
        _ => &[],
    }
}

/// "he's 7", "they are 9": the pronoun that starts with `c`.
fn pronouns(c: u8) -> &'static [&'static [u8]] {
    match c {
        b'h' => &[b"he"],
        b's' => &[b"she"],
        b't' => &[b"they"],
        _ => &[],
    }
}

const VERBS: [&[u8]; 5] = [b"'s", "\u{2019}s".as_bytes(), b" is", b" are", b" was"];

/// "boy of 7", "woman aged 80": the words for a person that start with `c`, in
/// [`AGE_PATTERN`]'s order.
fn people(c: u8) -> &'static [&'static [u8]] {
    match c {
        b'm' => &[b"man", b"mum"],
        b'w' => &[b"woman"],
        b'l' => &[b"lady"],
        b'g' => &[b"gentleman", b"girl", b"grandad", b"grandma"],
        b'b' => &[b"boy", b"baby"],
        b'c' => &[b"child"],
        b'd' => &[b"dad"],
        _ => &[],
    }
}

/// [`AGE_PATTERN`]: `\(\d{1,2}!?\)`, or between ASCII word boundaries, in order: a number
/// and "years old", "7yo", "aged 7", "year 7", "she's 7", "boy of 7".
fn age(b: &[u8], p: usize) -> Option<usize> {
    if at(b, p) == b'(' {
        for n in (1..=digits(b, p + 1, 2)).rev() {
            let q = p + 1 + n;
            if at(b, q) == b'!' && at(b, q + 1) == b')' {
                return Some(q + 2);
            }
            if at(b, q) == b')' {
                return Some(q + 1);
            }
        }
        return None;
    }
    let c = at(b, p);
    if !is_word(c) || word_before(b, p) {
        return None;
    }
    // Each alternative starts with a digit or one of a few letters: try only those that
    // can, in the regex's order.
    if c.is_ascii_digit() {
        // "7 years old".
        let nd = digits(b, p, 2);
        // A shorter number is followed by a digit: only the whole one can be an age.
        if !matches!(at(b, p + nd), b' ' | b'-' | b'y' | b'Y' | b'm' | b'M') {
            return None;
        }
        for n in (1..=nd).rev() {
            if let Some(e) = years_old(b, p + n) {
                return Some(e);
            }
        }
        // "15yo", "15 y/o".
        for n in (1..=nd).rev() {
            let mut q = p + n;
            q += usize::from(at(b, q) == b' ');
            if !at(b, q).eq_ignore_ascii_case(&b'y') {
                continue;
            }
            q += 1;
            q += usize::from(at(b, q) == b'/');
            if at(b, q).eq_ignore_ascii_case(&b'o') && ends_word(b, q + 1) {
                return Some(q + 1);
            }
        }
        return None;
    }
    let c = c.to_ascii_lowercase();
    // "seven-year-old".
    for w in number_words(c) {
        if has_ci(b, p, w)
            && let Some(e) = years_old(b, p + w.len())
        {
            return Some(e);
        }
    }
    // "aged 7", "age 7 months".
    if c == b'a' && has_ci(b, p, b"age") {
        let q = p + 3 + usize::from(at(b, p + 3).eq_ignore_ascii_case(&b'd'));
        if at(b, q) == b' ' {
            for n in (1..=digits(b, q + 1, 2)).rev() {
                let d = q + 1 + n;
                // `(?:\s*(?:months?|years?))?`: a unit can only follow all the white space.
                let mut s = d;
                while is_space(at(b, s)) {
                    s += 1;
                }
                for unit in [b"month" as &[u8], b"year"] {
                    if has_ci(b, s, unit) {
                        let u = s + unit.len();
                        if at(b, u).eq_ignore_ascii_case(&b's') && ends_word(b, u + 1) {
                            return Some(u + 1);
                        }
                        if ends_word(b, u) {
                            return Some(u);
                        }
                    }
                }
                if ends_word(b, d) {
                    return Some(d);
                }
            }
        }
    }
    // "year 7".
    if c == b'y'
        && has_ci(b, p, b"year ")
        && let Some(e) = small_number(b, p + 5)
    {
        return Some(e);
    }
    // "she's 7".
    for who in pronouns(c).iter().filter(|w| has_ci(b, p, w)) {
        let q = p + who.len();
        for verb in VERBS {
            if has_ci(b, q, verb)
                && at(b, q + verb.len()) == b' '
                && let Some(e) = small_number(b, q + verb.len() + 1)
            {
                return Some(e);
            }
        }
    }
    // "boy of 7".
    for who in people(c).iter().filter(|w| has_ci(b, p, w)) {
        let q = p + who.len();
        if at(b, q) != b' ' {
            continue;
        }
        for prep in [b"of" as &[u8], b"aged"] {
            if has_ci(b, q + 1, prep)
                && at(b, q + 1 + prep.len()) == b' '
                && let Some(e) = small_number(b, q + prep.len() + 2)
            {
                return Some(e);
            }
        }
    }
    None
}

/// `[- ]?(?:years?|yrs?|months?)[- ]?old\b` after a number ending at `h`. Each `[- ]?` is
/// followed by a letter, so it is taken whenever present.
#[inline]
fn years_old(b: &[u8], h: usize) -> Option<usize> {
    let q = h + usize::from(matches!(at(b, h), b'-' | b' '));
    if !matches!(at(b, q) | 0x20, b'y' | b'm') {
        return None;
    }
    for unit in [b"year" as &[u8], b"yr", b"month"] {
        if !has_ci(b, q, unit) {
            continue;
        }
        let u = q + unit.len();
        let plural = at(b, u).eq_ignore_ascii_case(&b's');
        for u in [u + 1, u].into_iter().skip(usize::from(!plural)) {
            let v = u + usize::from(matches!(at(b, u), b'-' | b' '));
            if has_ci(b, v, b"old") && ends_word(b, v + 3) {
                return Some(v + 3);
            }
        }
    }
    None
}

/// The candidate starts for [`BARE_AGE_PATTERN`] around the two-digit word at `s` that a
/// comma follows (only such a word can be its group `m`): the match starts after
/// `[,:] ` or at a line start followed by a bullet and white space.
fn bare_age_range(b: &[u8], s: usize) -> Option<(usize, usize)> {
    if !matches!(b[s], b'1'..=b'9') || !b[s + 1].is_ascii_digit() {
        return None;
    }
    let mut lo = s;
    while lo > 0 && is_space(b[lo - 1]) {
        lo -= 1;
    }
    if lo >= 1 && matches!(b[lo - 1], b'-' | b'*') {
        lo -= 1;
    } else if lo >= 3 && &b[lo - 3..lo] == "•".as_bytes() {
        lo -= 3;
    }
    Some((lo.min(s.saturating_sub(2)), s + 1))
}

/// [`BARE_AGE_PATTERN`]: the whole match's end. At a line start: an optional bullet, white
/// space (line breaks too), then the age; else after `, ` or `: `. The age is `[1-9]\d,`
/// followed by a space (taken) or a line end.
fn bare_age(b: &[u8], p: usize) -> Option<usize> {
    let tail = |q: usize| {
        if !matches!(at(b, q), b'1'..=b'9')
            || !at(b, q + 1).is_ascii_digit()
            || at(b, q + 2) != b','
        {
            return None;
        }
        match at(b, q + 3) {
            b' ' => Some(q + 4),
            b'\n' => Some(q + 3),
            _ => (q + 3 == b.len()).then_some(q + 3),
        }
    };
    if p == 0 || b[p - 1] == b'\n' {
        let mut q = p;
        if matches!(at(b, q), b'-' | b'*') {
            q += 1;
        } else if b[q..].starts_with("•".as_bytes()) {
            q += 3;
        }
        while is_space(at(b, q)) {
            q += 1;
        }
        if let Some(e) = tail(q) {
            return Some(e);
        }
    }
    if matches!(at(b, p), b',' | b':') && at(b, p + 1) == b' ' {
        return tail(p + 2);
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use regex_automata::meta::Regex;

    use super::*;
    use crate::detect::scan;
    use crate::text::Folded;

    /// Each recognizer's spec, compiled as the engine compiled it when it was a regex, with
    /// the index of its group `m`.
    static SPECS: LazyLock<Vec<(Near, Regex, Option<usize>)>> = LazyLock::new(|| {
        Near::ALL
            .iter()
            .map(|&near| {
                let source = format!("(?-u){}", near.spec());
                let regex = scan::single(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
                let group = regex
                    .group_info()
                    .to_index(regex_automata::PatternID::ZERO, "m");
                (near, regex, group)
            })
            .collect()
    });

    /// The regex's hits over the whole text: `find_iter`, or its group `m`.
    fn by_regex(regex: &Regex, group: Option<usize>, text: &str) -> Vec<(usize, usize)> {
        match group {
            None => regex
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect(),
            Some(g) => regex
                .captures_iter(text)
                .filter_map(|c| c.get_group(g).map(|s| (s.start, s.end)))
                .collect(),
        }
    }

    /// The recognizer's hits, from the anchors the engine gathers.
    fn by_hand(near: Near, text: &str) -> Vec<(usize, usize)> {
        let folded = Folded::with_words(text);
        let tokens = scan::tokens(text, &folded, true, near.wants_olds(), 0);
        let mut hits = Vec::new();
        super::find_all(
            text,
            &tokens.anchors,
            &[(near, 0)],
            &mut hits,
            &mut Vec::new(),
        );
        hits.into_iter().map(|(_, s, e)| (s, e)).collect()
    }

    /// Hits of every recognizer on `text`, or the first disagreement with its regex.
    fn compare(text: &str) -> Result<Vec<usize>, String> {
        SPECS
            .iter()
            .map(|(near, regex, group)| {
                let want = by_regex(regex, *group, text);
                let got = by_hand(*near, text);
                if got == want {
                    Ok(want.len())
                } else {
                    Err(format!(
                        "{near:?} on {text:?}: regex {want:?}, recognizer {got:?}"
                    ))
                }
            })
            .collect()
    }

    /// Cases that the corpora may not hold.
    const EDGES: &[&str] = &[
        "943 476 5919, 943-476-5919, 9434765919, 94347659190, x943 476 5919, 943  476 5919",
        "AB 12 34 56 C, ab123456c, AO 12 34 56 A, DA123456A, AB 12 34 56 E, AB123456 C1",
        "SE15 4QN, se154qn, W1A 1AA, M11AA, EC1A 1BB, GIR 0AA, gir0aa, SE15 4CI, A1 1AAA",
        "07700 900123, +44 7700 900123, +44 (0)20 7946 0958, +44-(0)-20-7946-0958, \
         (0161) 496 0123, 0113-496-0000, 0113.496.0000, 012345678901, 0800 1111, a0161 496 0123",
        "CP/0457/23, ABCD/12/34, ABCDE/12/34, AB/1234567/12, ZW24C50123, zw24c50123, \
         47/20931/25, 1/2/3",
        "aged 7, age 12 months, aged 7 years, aged 7\n\tmonths, aged 123, aged 7yearsx, aged7",
        "seven years old, seventeen years old, ten-year-old's, twenty-one-year-old, \
         SIX MONTHS OLD, one yrsold, 7 years older, 9yo, 15 y/o, 12 Y/O, 7 yo-yo",
        "he's 7, She’s 12, THEY ARE 9, they was 10, hers 7, she is 123, he ’s 7",
        "a boy of 7, gentleman aged 80, grandma of 90, grandad aged 7, woman of 30s",
        "year 10, Year 7s, (14), (9!), (123), (1!!), ((12)), (7 )",
        "care leaver, 19, lost everything\n17, ex-YOT\n- 18, \n• 16,\n*15,\n  \n 14,\n20,",
        "x: 19, y, 20, 21, 22,\n23,\r\n24, 99,x 10, 09,",
        "\n\n\n19, and ,19, :19,: 19,\n*  15, \n-\t16,\n •17,",
        "é12 aged 7, Zoë aged 7, ’15 yo, _15 yo, 15_ yo, seven-years-oldé",
    ];

    #[test]
    fn recognizers_equal_their_regexes_on_the_corpora() {
        let mut counts = vec![0; SPECS.len()];
        for text in crate::corpus_posts()
            .iter()
            .map(String::as_str)
            .chain(EDGES.iter().copied())
        {
            let found = compare(text).unwrap_or_else(|e| panic!("{e}"));
            for (c, n) in counts.iter_mut().zip(found) {
                *c += n;
            }
        }
        // Each comparison must have had something to compare.
        for ((near, ..), n) in SPECS.iter().zip(counts) {
            assert!(n >= 10, "{near:?}: only {n} hits");
        }
    }

    /// Text made mostly of what the patterns are made of.
    fn digit_heavy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[0-9]{1,4}",
            4 => "[ \\-./():,!+]",
            1 => "\n[-*•]?[ \t\n]{0,2}",
            1 => "[A-Z]{1,5}/[0-9]{1,7}",
            1 => "[\n\t\r•*_'’é]",
            2 => "[A-Za-z]{1,2}",
            2 => proptest::sample::select(&[
                "07700", "0161", "+44", "(0)", "943", "476 5919", "SE", "GIR", "AB", "CP/",
                "ZW24C", "2011", " ", "  ", ", ", ": ", "\n", "\n- ", "\n• ", "\n* ",
                "one", "seven", "seventeen", "ten", "nineteen", "Twelve", "year", "years",
                "yr", "yrs", "month", "months", "old", " years old", "-year-old", "yo", "y/o",
                "aged ", "age ", "Year ", "he", "she's ", "they are ", "’s ", " is ", " was ",
                "boy of ", "gentleman aged ", "grandma ", "(14)", "(9!)", "19, ",
            ][..]).prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn recognizers_equal_their_regexes_on_generated_text(text in digit_heavy()) {
            if let Err(e) = compare(&text) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}
