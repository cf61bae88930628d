//! Tone: `tone/sarcasm`, `tone/tone-tag`, `tone/shouting` and `tone/hostile`.
//!
//! The word lists live in `rules/tone.toml` and go into the engine's one automaton; the quote
//! pattern, shared by sarcasm and hostility, into its one regex set. What the code adds is
//! position and direction, which a phrase list cannot express: whether a cue closes or opens
//! a sentence, what comes before a quotation, whether capitals form a run, whether a word
//! stands alone as a tag, and whom an insult is aimed at.

use super::gazetteer::FxHashSet;
use super::{Confidence, Detector, Finding, Hit, Input, Registry};
use crate::text::{self, Word};

/// Quote marks round a short stretch of text, opened at the start, after white space or
/// after a bracket; group `m` is the quotation with its marks. Single quotes must not take
/// in an apostrophe (the code also checks that the closing mark ends a word, so "can't" or
/// "carers'" never close one).
pub(crate) const QUOTE_PATTERN: &str = concat!(
    r#"(?u:(?:^|[\s(\[])(?P<m>(?:"|“)[^"“”\n]{1,120}(?:"|”)"#,
    r#"|(?:'|‘)[^'‘’"“”\n]{1,120}(?:'|’)))"#,
);
/// Pattern kind of [`QUOTE_PATTERN`].
const QUOTE: u16 = 0;

/// Characters that end a clause: a reporting verb before them does not reach a quotation
/// after them.
const CLAUSE_END: [char; 7] = ['.', '!', '?', ':', ';', '\n', '\r'];

/// Opening and closing quote marks, skipped when looking for the start of a sentence.
const QUOTE_MARKS: [char; 6] = ['"', '\'', '“', '”', '‘', '’'];

// ---------------------------------------------------------------------------------------
// Parameters.

/// The strings of list parameter `key`.
fn strings(params: &toml::Table, key: &str) -> Vec<String> {
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

/// The entries of table parameter `key`: phrase → suggestions (a string, `""` for none, or a
/// list).
fn table(params: &toml::Table, key: &str) -> Vec<(String, Vec<String>)> {
    let Some(t) = params.get(key).and_then(toml::Value::as_table) else {
        return Vec::new();
    };
    t.iter()
        .map(|(k, v)| {
            let list = match v {
                toml::Value::String(s) if s.is_empty() => Vec::new(),
                toml::Value::String(s) => vec![s.clone()],
                toml::Value::Array(a) => a
                    .iter()
                    .filter_map(|s| s.as_str())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
            (k.clone(), list)
        })
        .collect()
}

fn count(params: &toml::Table, key: &str, default: usize) -> usize {
    params
        .get(key)
        .and_then(toml::Value::as_integer)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(default)
}

/// Checks a value for a tone detector's parameter (its type is already checked).
pub(crate) fn check_param(key: &str, value: &toml::Value) -> Result<(), String> {
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
                if text::fold(k.trim()).is_empty() {
                    return Err(format!("`{key}` has an empty phrase"));
                }
            }
            Ok(())
        }
        toml::Value::Integer(n) if key == "min-letters" && *n < 2 => {
            Err("`min-letters` must be 2 or more".to_string())
        }
        toml::Value::Integer(n) if *n < 1 => Err(format!("`{key}` must be 1 or more")),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------
// Position helpers, all on the words the engine already split.

/// Index of the first word that ends after byte `pos`.
fn word_after(words: &[Word], pos: usize) -> usize {
    words.partition_point(|w| w.end <= pos)
}

/// The start of the up to `n` words before byte `pos`, not crossing the end of a clause.
fn reach_back(text: &str, words: &[Word], pos: usize, n: usize) -> usize {
    let mut lo = pos;
    let mut i = word_after(words, pos);
    for _ in 0..n {
        if i == 0 {
            break;
        }
        let w = words[i - 1];
        if text[w.end..lo].contains(CLAUSE_END) {
            break;
        }
        lo = w.start;
        i -= 1;
    }
    lo
}

/// The end of the up to `n` words after byte `pos`, not crossing the end of a clause.
fn reach_forward(text: &str, words: &[Word], pos: usize, n: usize) -> usize {
    let mut hi = pos;
    let first = words.partition_point(|w| w.start < pos);
    for w in words[first..].iter().take(n) {
        if text[hi..w.start].contains(CLAUSE_END) {
            break;
        }
        hi = w.end;
    }
    hi
}

/// The bytes covering `n` words either side of `start..end`, across sentences; with fewer
/// words on a side, up to that end of the text (so a closing emoji is included).
fn around(text: &str, words: &[Word], start: usize, end: usize, n: usize) -> (usize, usize) {
    let first = word_after(words, start);
    let lo = match first.checked_sub(n) {
        Some(k) => words[k].start.min(start),
        None => 0,
    };
    let after = words.partition_point(|w| w.start < end);
    let hi = match words.get(after + n) {
        Some(w) => w.start.max(end),
        None => text.len(),
    };
    (lo, hi)
}

/// Whether a hit of `kind` lies wholly inside `lo..hi`.
fn hit_within(hits: &[Hit], kind: u16, lo: usize, hi: usize) -> bool {
    hits.iter()
        .any(|h| h.kind == kind && h.start >= lo && h.end <= hi)
}

fn overlaps(a: &Hit, b: &Hit) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether `text[..start]` ends a sentence: nothing before, or ., !, ?, :, ; or a line break
/// (quote marks and brackets in between are skipped), or an @handle the post is addressed to.
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text[..start]
        .trim_end_matches(|c: char| c == ' ' || c == '\t' || c == '(' || QUOTE_MARKS.contains(&c));
    before.is_empty()
        || before.ends_with(CLAUSE_END)
        || before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|t| t.starts_with('@'))
}

/// Whether the text after `end` closes the sentence: the end, . ! ? or a line break, or white
/// space followed by something that is not a word (an emoji, a tag, a hashtag).
fn closes_sentence(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    match rest.chars().next() {
        None => true,
        Some('.' | '!' | '?' | '…' | ')' | '\n' | '\r') => true,
        Some(c) if c.is_whitespace() => rest
            .trim_start()
            .chars()
            .next()
            .is_none_or(|n| !n.is_alphanumeric()),
        _ => false,
    }
}

/// Keeps the leftmost-longest of overlapping findings, so a rule never reports two spans
/// over the same text ("dole scum" wins over "scum").
fn leftmost_longest(found: &mut Vec<Finding>) {
    found.sort_by(|a, b| (a.start, b.end).cmp(&(b.start, a.end)));
    let mut last_end = 0;
    found.retain(|f| {
        if f.start < last_end {
            return false;
        }
        last_end = f.end;
        true
    });
}

// ---------------------------------------------------------------------------------------
/// `tone/sarcasm`: cue phrases, scare quotes, explicit markers and eye-roll emoji.
#[derive(Debug)]
pub(crate) struct Sarcasm {
    window: usize,
}

/// Phrase kinds of [`Sarcasm`].
mod sarc {
    pub(super) const CUE: u16 = 0;
    pub(super) const END: u16 = 1;
    pub(super) const START: u16 = 2;
    pub(super) const UNLESS_SINCERE: u16 = 3;
    pub(super) const SINCERE: u16 = 4;
    pub(super) const EXCEPTION: u16 = 5;
    pub(super) const MARKER: u16 = 6;
    pub(super) const EMOJI: u16 = 7;
    pub(super) const REPORTING: u16 = 8;
    pub(super) const REPORTING_AFTER: u16 = 9;
    pub(super) const OWN_VOICE: u16 = 10;
    pub(super) const QUOTATION_BEFORE: u16 = 11;

    /// Whether a hit of this kind is a cue phrase (as opposed to context).
    pub(super) fn is_cue(kind: u16) -> bool {
        kind <= UNLESS_SINCERE
    }
}

/// Words that join quoted items into a list ("'feckless' and 'scroungers'", "replace "his/her"
/// with "they""): quoted words in a list are under discussion, not scare quotes.
const LIST_JOINS: &[&str] = &[
    "", "and", "or", "with", "to", "vs", "vs.", "versus", "not", "nor", "&", "/",
];

/// The most words a scare quote holds ("the "support" we got", "a 'wellbeing hour'").
const SCARE_QUOTE_WORDS: usize = 3;

impl Sarcasm {
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table) -> Self {
        use sarc::*;
        for (key, kind) in [
            ("cues", CUE),
            ("sentence-end", END),
            ("sentence-start", START),
            ("unless-sincere", UNLESS_SINCERE),
            ("sincere", SINCERE),
            ("exceptions", EXCEPTION),
            ("markers", MARKER),
            ("emoji", EMOJI),
            ("reporting", REPORTING),
            ("reporting-after", REPORTING_AFTER),
            ("own-voice", OWN_VOICE),
            ("quotation-before", QUOTATION_BEFORE),
        ] {
            for phrase in strings(params, key) {
                reg.phrase(&phrase, kind);
            }
        }
        reg.pattern(QUOTE_PATTERN, QUOTE);
        Sarcasm {
            window: count(params, "window", 10),
        }
    }

    /// Whether sincere words near the cue `h` make it sincere. A sincere word inside a cue
    /// ("thanks" in "thanks for nothing") does not count.
    fn sincere_near(&self, input: &Input<'_>, h: &Hit) -> bool {
        let (lo, hi) = around(input.text, input.words(), h.start, h.end, self.window);
        input.phrases.iter().any(|s| {
            s.kind == sarc::SINCERE
                && s.start >= lo
                && s.end <= hi
                && !input
                    .phrases
                    .iter()
                    .any(|c| sarc::is_cue(c.kind) && overlaps(c, s))
        })
    }

    /// Whether the cue hit `h` stands as a sarcasm cue where it is.
    fn cue_holds(&self, input: &Input<'_>, h: &Hit) -> bool {
        use sarc::*;
        let cancelled = input
            .phrases
            .iter()
            .any(|x| x.kind == EXCEPTION && overlaps(x, h));
        if cancelled {
            return false;
        }
        match h.kind {
            END => closes_sentence(input.text, h.end) && !self.sincere_near(input, h),
            START => opens_sentence(input.text, h.start),
            UNLESS_SINCERE => !self.sincere_near(input, h),
            _ => true,
        }
    }

    /// Whether quotation `quotes[i]` is a scare quote: a few lower-case words in the author's
    /// own voice, not a quotation with a source, a title, a list of words under discussion or
    /// a status.
    fn is_scare_quote(&self, input: &Input<'_>, quotes: &[Hit], i: usize) -> bool {
        let text = input.text;
        let q = quotes[i];
        let inner = &text[q.start..q.end];
        let (Some(open), Some(close)) = (inner.chars().next(), inner.chars().next_back()) else {
            return false;
        };
        let content_start = q.start + open.len_utf8();
        let content_end = q.end - close.len_utf8();
        if content_start >= content_end {
            return false;
        }
        let content = &text[content_start..content_end];
        // The closing mark must end a word: "can't" and "carers'" are apostrophes.
        if text[q.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            return false;
        }
        // Titles ("Signs of Safety"), grades ("Good") and quoted sentences start with a
        // capital; lists, paths and sentences carry punctuation; reported speech has
        // contractions ("can't meet need", "that's grand").
        if !content.chars().next().is_some_and(char::is_lowercase)
            || content.contains(['/', '.', '!', '?', ',', ':', ';', '\'', '’'])
        {
            return false;
        }
        // After a colon it is a quotation ("Entry 1: "survived""); after a possessive it has
        // a source ("Gove's "adoption revolution"").
        let before = text[..q.start].trim_end();
        if before.ends_with(':') || ends_with_possessive(before) {
            return false;
        }
        let words = input.words();
        let first = words.partition_point(|w| w.start < content_start);
        let n_words = words[first..]
            .iter()
            .take_while(|w| w.end <= content_end)
            .count();
        if n_words == 0 || n_words > SCARE_QUOTE_WORDS {
            return false;
        }
        // Quoted items in a list are words under discussion.
        let joined = |a: &Hit, b: &Hit| {
            let gap = text[a.end..b.start].trim_matches(|c: char| c.is_whitespace() || c == ',');
            LIST_JOINS.iter().any(|j| gap.eq_ignore_ascii_case(j))
        };
        if (i > 0 && joined(&quotes[i - 1], &q))
            || quotes.get(i + 1).is_some_and(|next| joined(&q, next))
        {
            return false;
        }
        let right_before = |kind: u16| {
            input.phrases.iter().any(|h| {
                h.kind == kind && h.end <= q.start && text[h.end..q.start].trim().is_empty()
            })
        };
        if right_before(sarc::QUOTATION_BEFORE) {
            return false;
        }
        if right_before(sarc::OWN_VOICE) {
            return true;
        }
        let lo = reach_back(text, words, q.start, self.window);
        if hit_within(input.phrases, sarc::REPORTING, lo, q.start) {
            return false;
        }
        let hi = reach_forward(text, words, q.end, 4);
        !hit_within(input.phrases, sarc::REPORTING_AFTER, q.end, hi)
    }
}

/// Words whose `'s` is "is", not a possessive ("it's", "that's").
const IS_CONTRACTED: &[&str] = &[
    "it", "that", "he", "she", "what", "there", "here", "who", "where", "let",
];

/// Whether `before` ends with a possessive ("Gove's", "the council's", "carers'").
fn ends_with_possessive(before: &str) -> bool {
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    if ["s'", "s’"].iter().any(|e| last.ends_with(e)) {
        return true;
    }
    let Some(stem) = ["'s", "’s"].iter().find_map(|e| last.strip_suffix(e)) else {
        return false;
    };
    !IS_CONTRACTED.iter().any(|c| stem.eq_ignore_ascii_case(c))
}

impl Detector for Sarcasm {
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        use sarc::*;
        let text = input.text;
        let mut found = Vec::new();
        for h in input.phrases {
            // Inside a quotation the words are someone else's ("the caption "off to see my
            // fave family 🙄"").
            if input
                .patterns
                .iter()
                .any(|q| q.start < h.start && h.end < q.end)
            {
                continue;
            }
            let span = &text[h.start..h.end];
            let message = match h.kind {
                k if is_cue(k) => {
                    if !self.cue_holds(input, h) {
                        continue;
                    }
                    format!(
                        "“{span}” may read as sarcasm to someone who doesn't know you; say what \
                         you mean plainly"
                    )
                }
                MARKER => format!(
                    "“{span}” marks the post as sarcastic, and sarcasm may be misread by someone \
                     who doesn't know you; say what you mean plainly"
                ),
                EMOJI => format!(
                    "“{span}” may read as an eye-roll, sarcasm or contempt, to someone who \
                     doesn't know you"
                ),
                _ => continue,
            };
            found.push(Finding::new(h.start, h.end, Confidence::High, message));
        }
        for i in 0..input.patterns.len() {
            if self.is_scare_quote(input, input.patterns, i) {
                let q = input.patterns[i];
                found.push(Finding::new(
                    q.start,
                    q.end,
                    Confidence::High,
                    format!(
                        "quote marks round {} may read as sarcasm (scare quotes) to someone who \
                         doesn't know you; if you are quoting someone, say who",
                        &text[q.start..q.end]
                    ),
                ));
            }
        }
        leftmost_longest(&mut found);
        out.append(&mut found);
    }
}

// ---------------------------------------------------------------------------------------
/// `tone/tone-tag`: tone indicators standing alone (`/s`, `/j`, `/srs` ...).
#[derive(Debug)]
pub(crate) struct ToneTag {
    /// Per phrase kind: the tag's meaning, or `None` for a sarcasm tag.
    meanings: Vec<Option<String>>,
}

impl ToneTag {
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table) -> Self {
        let mut meanings = Vec::new();
        let mut add = |tag: &str, meaning: Option<String>| {
            if let Ok(kind) = u16::try_from(meanings.len()) {
                reg.phrase(tag, kind);
                meanings.push(meaning);
            }
        };
        for tag in strings(params, "sarcasm") {
            add(&tag, None);
        }
        for (tag, meaning) in table(params, "tags") {
            add(&tag, meaning.into_iter().next());
        }
        ToneTag { meanings }
    }
}

/// Whether the tag at `start..end` stands alone: after the start, white space or an opening
/// bracket; before the end, white space, a closing bracket, punctuation that ends the text
/// there, or a symbol such as an emoji. Never part of a link, a path, a fraction or "and/or",
/// and written in lower case as tags are.
fn tag_stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if !before.is_none_or(|c| c.is_whitespace() || c == '(' || c == '[') {
        return false;
    }
    if text[start..end].chars().any(char::is_uppercase) {
        return false;
    }
    let mut after = text[end..].chars();
    let after_ok = match after.next() {
        None => true,
        Some(c) if c.is_whitespace() || c == ')' || c == ']' => true,
        Some('.' | ',' | '!' | '?' | ';' | ':') => {
            after.next().is_none_or(|d| d.is_whitespace() || d == ')')
        }
        Some(c) => !c.is_alphanumeric() && !"/\\_-.=&#%@~+'\"’".contains(c),
    };
    if !after_ok {
        return false;
    }
    // A one-letter tag after a price is a unit: "£1,200 /m", "$40 /h".
    let one_letter = text[start..end].chars().count() == 2;
    let price = text[..start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|t| t.starts_with(['£', '$', '€']));
    !(one_letter && price)
}

impl Detector for ToneTag {
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = input.text;
        let mut last_end = 0;
        for h in input.phrases {
            // A tag listed twice (a team adding one that is already here) is reported once.
            if h.start < last_end || !tag_stands_alone(text, h.start, h.end) {
                continue;
            }
            let Some(meaning) = self.meanings.get(usize::from(h.kind)) else {
                continue;
            };
            let tag = &text[h.start..h.end];
            let finding = match meaning {
                None => Finding::new(
                    h.start,
                    h.end,
                    Confidence::High,
                    format!(
                        "“{tag}” marks this as sarcasm, which may be misread by someone who \
                         doesn't know you (and not every reader knows tone tags); say it plainly"
                    ),
                ),
                Some(meaning) => Finding::new(
                    h.start,
                    h.end,
                    // Other tags are notes by design: they say how to read the post.
                    Confidence::Medium,
                    format!(
                        "“{tag}” is a tone tag meaning “{meaning}”; readers who don't know tone \
                         tags will miss it, so check the post reads right without it"
                    ),
                ),
            };
            last_end = h.end;
            out.push(finding);
        }
    }

    fn needs_words(&self) -> bool {
        false
    }
}

// ---------------------------------------------------------------------------------------
/// `tone/shouting`: words and runs of words in capitals that are not acronyms.
#[derive(Debug)]
pub(crate) struct Shouting {
    min_letters: usize,
    /// Folded acronyms, names written in capitals and single-word house `allow` entries.
    acronyms: FxHashSet<String>,
}

impl Shouting {
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table, allow: &[String]) -> Self {
        // Capitals inside quotation marks are someone else's words (a sign, a shout).
        reg.pattern(QUOTE_PATTERN, QUOTE);
        let acronyms = strings(params, "acronyms")
            .iter()
            .map(|a| text::fold(a.trim()))
            .chain(allow.iter().filter(|a| !a.contains(' ')).cloned())
            .collect();
        Shouting {
            min_letters: count(params, "min-letters", 3).max(2),
            acronyms,
        }
    }

    fn is_acronym(&self, input: &Input<'_>, i: usize) -> bool {
        self.acronyms.contains(input.stem(i))
    }

    /// Whether word `i` is shouting on its own: all capitals, long enough, no digits (codes
    /// such as "M62" or "KS2"), a vowel (English words of three letters or more have one;
    /// "CHC" and "SSW" are initialisms), not an acronym.
    fn is_shouting_word(&self, input: &Input<'_>, i: usize) -> bool {
        let w = input.words()[i];
        if !w.is(Word::SHOUTED) {
            return false;
        }
        let word = input.word(i);
        if word.chars().any(|c| c.is_ascii_digit())
            || !word
                .chars()
                .any(|c| "AEIOUYaeiouy".contains(c) || !c.is_ascii())
            || word.chars().filter(|c| c.is_alphabetic()).count() < self.min_letters
        {
            return false;
        }
        !self.is_acronym(input, i)
    }

    /// The lower-case form of the run `first..=last`, keeping "I" and acronyms, with a capital
    /// when the run starts a sentence.
    fn suggestion(&self, input: &Input<'_>, first: usize, last: usize) -> String {
        let text = input.text;
        let words = input.words();
        let mut out = String::new();
        for i in first..=last {
            if i > first {
                out.push_str(&text[words[i - 1].end..words[i].start]);
            }
            let word = input.word(i);
            if word == "I" || self.is_acronym(input, i) {
                out.push_str(word);
            } else {
                out.push_str(input.key(i));
            }
        }
        if opens_sentence(text, words[first].start) {
            let mut chars = out.chars();
            if let Some(c) = chars.next() {
                return c.to_uppercase().chain(chars).collect();
            }
        }
        out
    }
}

/// Whether word `w` is in capitals as a run member: all capitals, or a single capital letter
/// ("I AM SO TIRED", "A HUGE thank you").
fn in_capitals(text: &str, w: &Word) -> bool {
    w.is(Word::SHOUTED)
        || (w.is(Word::CAPITALISED) && text[w.start..w.end].chars().nth(1).is_none())
}

/// Whether word `w` is part of a #hashtag, an @handle, a link or a path: something in the
/// same white-space-delimited token before it is `#`, `@` or `/`.
fn in_marked_token(text: &str, w: &Word) -> bool {
    let before = &text[..w.start];
    let token_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[token_start..].contains(['#', '@', '/'])
}

impl Detector for Shouting {
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = input.text;
        let words = input.words();
        let n = words.len();
        let member = |i: usize| in_capitals(text, &words[i]) && !in_marked_token(text, &words[i]);
        let mut i = 0;
        while i < n {
            // Most words are not in capitals and leave here after one flag test.
            if !member(i) {
                i += 1;
                continue;
            }
            // Capitalised words separated by single spaces form one run.
            let mut j = i;
            while j + 1 < n && &text[words[j].end..words[j + 1].start] == " " && member(j + 1) {
                j += 1;
            }
            let first_shout = (i..=j).find(|&k| self.is_shouting_word(input, k));
            let last_shout = (i..=j).rev().find(|&k| self.is_shouting_word(input, k));
            // A label before a number or a code: "DOB 12/03/2011", "ISBN 978-...", "LBX-22".
            let before_code = text[words[j].end..]
                .trim_start_matches([' ', ':', '-', '/'])
                .starts_with(|c: char| c.is_ascii_digit());
            let quoted = input
                .patterns
                .iter()
                .any(|q| q.start < words[i].start && words[j].end < q.end);
            if before_code || quoted {
                i = j + 1;
                continue;
            }
            if let (Some(a), Some(b)) = (first_shout, last_shout) {
                // Acronyms at the edges of a run are not part of the shouting ("NHS STAFF").
                let first = (i..a).find(|&k| !self.is_acronym(input, k)).unwrap_or(a);
                let last = (b + 1..=j)
                    .rev()
                    .find(|&k| !self.is_acronym(input, k))
                    .unwrap_or(b);
                let (start, end) = (words[first].start, words[last].end);
                let span = &text[start..end];
                let message = if first == last {
                    format!(
                        "“{span}” is in capitals, which reads as shouting; write it in lower case \
                         (if it is an acronym, add it to `acronyms` under [settings.\"tone/shouting\"])"
                    )
                } else {
                    format!(
                        "“{span}” is in capitals, which reads as shouting; write it in lower case \
                         (use the platform's bold or italics for emphasis)"
                    )
                };
                let mut f = Finding::new(start, end, Confidence::High, message);
                f.suggestions = vec![self.suggestion(input, first, last)];
                out.push(f);
            }
            i = j + 1;
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `tone/hostile`: insults, contempt and othering words aimed at people.
#[derive(Debug)]
pub(crate) struct Hostile {
    window: usize,
    /// Per phrase kind below [`hostile::PEOPLE`]: the term.
    terms: Vec<Term>,
}

#[derive(Debug)]
struct Term {
    suggestions: Vec<String>,
    othering: bool,
    people_only: bool,
}

/// Context phrase kinds of [`Hostile`]; term kinds count up from 0 below them.
mod hostile {
    pub(super) const PEOPLE: u16 = u16::MAX - 5;
    pub(super) const THING: u16 = u16::MAX - 4;
    pub(super) const SELF: u16 = u16::MAX - 3;
    pub(super) const DISCUSSION: u16 = u16::MAX - 2;
    pub(super) const EXCEPTION: u16 = u16::MAX - 1;
}

impl Hostile {
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table) -> Self {
        use hostile::*;
        let mut terms = Vec::new();
        let mut add = |phrase: &str, term: Term| {
            if let Ok(kind) = u16::try_from(terms.len())
                && kind < PEOPLE
            {
                reg.phrase(phrase, kind);
                terms.push(term);
            }
        };
        for (phrase, suggestions) in table(params, "insults") {
            add(
                &phrase,
                Term {
                    suggestions,
                    othering: false,
                    people_only: false,
                },
            );
        }
        for (phrase, suggestions) in table(params, "othering") {
            add(
                &phrase,
                Term {
                    suggestions,
                    othering: true,
                    people_only: false,
                },
            );
        }
        for phrase in strings(params, "people-only") {
            add(
                &phrase,
                Term {
                    suggestions: Vec::new(),
                    othering: false,
                    people_only: true,
                },
            );
        }
        for (key, kind) in [
            ("people", PEOPLE),
            ("things", THING),
            ("self", SELF),
            ("discussion", DISCUSSION),
            ("exceptions", EXCEPTION),
        ] {
            for phrase in strings(params, key) {
                reg.phrase(&phrase, kind);
            }
        }
        reg.pattern(QUOTE_PATTERN, QUOTE);
        Hostile {
            window: count(params, "window", 6),
            terms,
        }
    }

    /// Whether a people-only word at `h` describes a person: the nearest person or thing
    /// before it in the clause is a person ("the head of service is useless"), or, with
    /// neither before it, a person follows ("useless contractors").
    fn aimed_at_people(&self, input: &Input<'_>, h: &Hit) -> bool {
        use hostile::*;
        let (text, words) = (input.text, input.words());
        let lo = reach_back(text, words, h.start, self.window);
        let nearest = input
            .phrases
            .iter()
            .filter(|x| (x.kind == PEOPLE || x.kind == THING) && x.start >= lo && x.end <= h.start)
            .max_by_key(|x| x.end);
        match nearest {
            Some(x) => x.kind == PEOPLE,
            None => {
                let hi = reach_forward(text, words, h.end, 2);
                hit_within(input.phrases, PEOPLE, h.end, hi)
            }
        }
    }
}

impl Detector for Hostile {
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        use hostile::*;
        let (text, words) = (input.text, input.words());
        let mut found = Vec::new();
        for h in input.phrases {
            let Some(term) = self.terms.get(usize::from(h.kind)) else {
                continue;
            };
            let cancelled = input
                .phrases
                .iter()
                .any(|x| x.kind == EXCEPTION && overlaps(x, h));
            // A word in quote marks is being quoted or discussed, not used.
            let quoted = input
                .patterns
                .iter()
                .any(|q| q.start <= h.start && h.end <= q.end);
            if cancelled || quoted {
                continue;
            }
            let lo = reach_back(text, words, h.start, 3);
            if hit_within(input.phrases, DISCUSSION, lo, h.start)
                || (!term.othering && hit_within(input.phrases, SELF, lo, h.start))
                || (term.people_only && !self.aimed_at_people(input, h))
            {
                continue;
            }
            let span = &text[h.start..h.end];
            let message = if term.othering {
                format!(
                    "“{span}” is a label that others the people you work with; describe people \
                     and their circumstances instead"
                )
            } else {
                format!(
                    "“{span}” reads as contempt, whoever it is aimed at; criticise the decision \
                     or the behaviour instead"
                )
            };
            let mut f = Finding::new(h.start, h.end, Confidence::High, message);
            f.suggestions = term
                .suggestions
                .iter()
                .map(|s| text::match_case(span, s))
                .collect();
            found.push(f);
        }
        leftmost_longest(&mut found);
        out.append(&mut found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use std::sync::LazyLock;

    static LINTER: LazyLock<Linter> =
        LazyLock::new(|| Linter::new().expect("the default rules build"));

    /// The texts `rule` flags in `text`, in order.
    #[track_caller]
    fn flagged<'a>(rule: &str, text: &'a str) -> Vec<&'a str> {
        LINTER
            .check(text)
            .into_iter()
            .filter(|d| d.rule == rule)
            .map(|d| &text[d.span.range()])
            .collect()
    }

    #[test]
    fn sarcasm_cue_phrases_anywhere() {
        let t = "Cut the early help budget and now referrals are up. Who knew? Thanks for nothing.";
        assert_eq!(
            flagged("tone/sarcasm", t),
            ["Who knew", "Thanks for nothing"]
        );
        let t = "I’m sure that’ll go well.";
        assert_eq!(flagged("tone/sarcasm", t), ["I’m sure that’ll go well"]);
    }

    #[test]
    fn interjections_are_sincere_with_thanks_or_good_news_nearby() {
        assert_eq!(
            flagged(
                "tone/sarcasm",
                "Oh brilliant. The contractors cut the cable again."
            ),
            ["Oh brilliant"]
        );
        assert!(
            flagged(
                "tone/sarcasm",
                "Oh brilliant, that's the best news I've had all week. Congratulations!"
            )
            .is_empty()
        );
        // A sincere word inside a cue does not make the cue sincere.
        assert_eq!(
            flagged("tone/sarcasm", "Oh great, thanks for nothing."),
            ["Oh great", "thanks for nothing"]
        );
    }

    #[test]
    fn sentence_position_cues() {
        assert_eq!(
            flagged("tone/sarcasm", "Fire alarm test. How lovely."),
            ["How lovely"]
        );
        assert!(
            flagged(
                "tone/sarcasm",
                "How lovely is this? A card for the lollipop lady"
            )
            .is_empty()
        );
        assert_eq!(
            flagged(
                "tone/sarcasm",
                "Sure, because every carer has a free weekend."
            ),
            ["Sure, because"]
        );
        assert!(
            flagged(
                "tone/sarcasm",
                "Sure, because of the bank holiday we open at 10."
            )
            .is_empty()
        );
        assert!(flagged("tone/sarcasm", "I'm not sure, because the data is late.").is_empty());
        assert!(flagged("tone/sarcasm", "yeah, right after panel I'm free").is_empty());
        assert!(
            flagged(
                "tone/sarcasm",
                "I'm sure that will go well for you, good luck!"
            )
            .is_empty()
        );
        assert_eq!(
            flagged(
                "tone/sarcasm",
                "New system, no training. I'm sure that will go well /s"
            ),
            ["I'm sure that will go well"]
        );
    }

    #[test]
    fn markers_and_emoji_but_not_campaign_hashtags() {
        assert_eq!(
            flagged("tone/sarcasm", "Another weekend on call #not #NHS 🙄🙄"),
            ["#not", "🙄", "🙄"]
        );
        assert!(flagged("tone/sarcasm", "Proud to support #NotJustANumber").is_empty());
        // Inside someone else's quotation the emoji is theirs.
        assert!(
            flagged(
                "tone/sarcasm",
                "the caption \"off to see my fave family 🙄\""
            )
            .is_empty()
        );
    }

    #[test]
    fn scare_quotes_in_the_authors_voice() {
        assert_eq!(
            flagged("tone/sarcasm", "the \"support\" we got was a leaflet"),
            ["\"support\""]
        );
        assert_eq!(
            flagged("tone/sarcasm", "We were ‘heroes’ for about a fortnight."),
            ["‘heroes’"]
        );
        assert_eq!(
            flagged(
                "tone/sarcasm",
                "Just been told my 'protected' CPD day is a duty day."
            ),
            ["'protected'"]
        );
    }

    #[test]
    fn quotations_titles_and_discussed_words_are_not_scare_quotes() {
        for t in [
            "The report said 'no further action' and the family were relieved.",
            "Three days of training on the 'Signs of Safety' model.",
            "Our Ofsted letter arrived: \"Good\" overall.",
            "Words like 'feckless' and 'scroungers' have no place in a record.",
            "Please stop calling patients \"bed blockers\".",
            "The DWP letter said my client's claim was \"under review\".",
            "Replace \"his/her\" and \"s/he\" with \"they\".",
            "The care leavers' Christmas dinner and the kids' party, don't 'cause a fuss",
            "Our deputy head calls it \"the Wednesday wobble\" now.",
            "Poverty and austerity, not \"bad parenting\".",
            "NHS number comes up as \"not found\" on the spine.",
            "Entry 1: \"survived\". Entry 2: \"survived again\".",
            "Michael Gove's \"adoption revolution\" promised faster timescales.",
            "the school \"can't meet need\" apparently",
        ] {
            assert!(flagged("tone/sarcasm", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn tone_tags_stand_alone() {
        assert_eq!(
            flagged("tone/tone-tag", "Peak public sector /j /lh"),
            ["/j", "/lh"]
        );
        assert_eq!(
            flagged("tone/tone-tag", "a looked-after plant (/j)"),
            ["/j"]
        );
        assert_eq!(flagged("tone/tone-tag", "printer jams again /s."), ["/s"]);
        assert_eq!(
            flagged("tone/tone-tag", "I'll be her manager by 2030 /t"),
            ["/t"]
        );
        for t in [
            "https://x.com/s/fosternorthshire",
            "a thread on /r/nursing about handover",
            "and/or carers, s/he, w/c 14 April, 9/10, 24/7",
            "Long day :/ but a good one",
            "Rota out ¯\\_(ツ)_/¯",
            "S:/Childrens/Panel/2025/",
            "Rent is £1,200 /m now",
            "Bus pass £90 /w",
            "Shout /S for help",
        ] {
            assert!(flagged("tone/tone-tag", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn sarcasm_tags_warn_and_other_tags_are_notes_with_their_meaning() {
        use crate::Severity;
        let found = LINTER.check("Half term is for marking /s /neg");
        let tags: Vec<_> = found.iter().filter(|d| d.rule == "tone/tone-tag").collect();
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].severity, Severity::Warning);
        assert_eq!(tags[1].severity, Severity::Info);
        assert!(
            tags[1].message.contains("negative connotation"),
            "{}",
            tags[1].message
        );
    }

    #[test]
    fn shouting_runs_are_one_span_and_punctuation_splits_them() {
        assert_eq!(
            flagged("tone/shouting", "THE NHS IS NOT FOR SALE. Vote."),
            ["THE NHS IS NOT FOR SALE"]
        );
        assert_eq!(
            flagged("tone/shouting", "PAY. NURSES. PROPERLY."),
            ["PAY", "NURSES", "PROPERLY"]
        );
        assert_eq!(
            flagged("tone/shouting", "I AM SO TIRED today"),
            ["I AM SO TIRED"]
        );
        assert_eq!(
            flagged("tone/shouting", "do MORE with LESS"),
            ["MORE", "LESS"]
        );
        // Acronyms at the edge of a run are not shouting.
        assert_eq!(flagged("tone/shouting", "thank you NHS STAFF"), ["STAFF"]);
    }

    #[test]
    fn acronyms_short_words_tags_and_handles_are_not_shouting() {
        for t in [
            "OMG the CAMHS and EHCP and SEND and DBS backlog, TBH",
            "always NO, never OK, A&E and B&B",
            "Happy #WORLDSOCIALWORKDAY from @BASW_UK",
            "Codes M62 and KS2 and SE15",
            "https://example.org/REPORTS/ANNUAL",
            "The CHC portal, the EDT rota and our SSW",
            "DOB 12/03/2011, ISBN 978-1-4473-3567-2, ref LBX-22-0413",
            "the kids made a \"THANK YOU\" sign",
        ] {
            assert!(flagged("tone/shouting", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn shouting_suggests_lower_case_keeping_acronyms() {
        let found = LINTER.check("THE NHS IS NOT FOR SALE");
        let d = found.iter().find(|d| d.rule == "tone/shouting").unwrap();
        assert_eq!(d.suggestions, ["The NHS is not for sale"]);
    }

    #[test]
    fn house_allow_list_and_acronyms_extend_the_defaults() {
        let linter = Linter::builder()
            .house_rules(
                "h.toml",
                "allow = [\"NORTHSHIRE\"]\n[settings.\"tone/shouting\"]\nacronyms = [\"RAAC\"]\n",
            )
            .build()
            .unwrap();
        let t = "NORTHSHIRE council found RAAC in the school. NHS too.";
        assert!(linter.check(t).iter().all(|d| d.rule != "tone/shouting"));
    }

    #[test]
    fn hostile_terms_with_neutral_suggestions() {
        let found = LINTER.check("Saturday night in A&E with the usual frequent flyers.");
        let d = found.iter().find(|d| d.rule == "tone/hostile").unwrap();
        assert_eq!(d.suggestions, ["people who often use the service"]);
        assert_eq!(
            flagged("tone/hostile", "Whole street's dole scum."),
            ["dole scum"]
        );
    }

    #[test]
    fn people_only_words_need_a_person() {
        assert_eq!(
            flagged("tone/hostile", "The useless contractors cut the cable."),
            ["useless"]
        );
        assert_eq!(
            flagged("tone/hostile", "Our head of service is useless."),
            ["useless"]
        );
        for t in [
            "The printer on the second floor is useless.",
            "The old case management system was useless for recording family networks.",
            "That's a lot of useless paperwork.",
        ] {
            assert!(flagged("tone/hostile", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn quoted_discussed_and_self_directed_words_are_not_hostile() {
        for t in [
            "Words like 'feckless' and 'scroungers' have no place in a case record.",
            "Please stop calling patients \"bed blockers\".",
            "The word feckless should go.",
            "I'm such an idiot, left my badge at home.",
            "We shut up shop at five on Fridays.",
        ] {
            assert!(flagged("tone/hostile", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn position_helpers_stop_at_clause_ends() {
        let t = "He said: the \"support\" was fine";
        let f = crate::text::Folded::with_words(t);
        let q = t.find('"').unwrap();
        assert_eq!(&t[reach_back(t, f.words(), q, 5)..q], "the ");
        assert_eq!(
            &t[q..reach_forward(t, f.words(), q + 9, 1)],
            "\"support\" was"
        );
        assert!(opens_sentence("Done. Sure", 6));
        assert!(opens_sentence("@jo Sure", 4));
        assert!(!opens_sentence("not sure", 4));
        assert!(closes_sentence("How lovely 🙄", 10));
        let t = "one two Oh great three four 🎉";
        let f = crate::text::Folded::with_words(t);
        assert_eq!(around(t, f.words(), 8, 16, 1), (4, 23));
        assert_eq!(around(t, f.words(), 8, 16, 2), (0, t.len()));
        assert!(!closes_sentence("How lovely is", 10));
    }
}
