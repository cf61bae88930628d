//! Tone: `tone/sarcasm`, `tone/tone-tag`, `tone/shouting` and `tone/hostile`.
//!
//! The word lists live in `rules/tone.toml`. Cue phrases, insults and labels go into the
//! engine's one automaton, and the quote pattern (shared by sarcasm, hostility and shouting)
//! into its one regex set; the common words that only matter next to such a hit (pronouns,
//! reporting verbs, sincere words) are looked up on the words around it. What the code adds is
//! position and direction, which a phrase list cannot express: whether a cue closes or opens
//! a sentence, what comes before a quotation, whether capitals form a run, whether a word
//! stands alone as a tag, and whom an insult is aimed at.

use std::ops::Range;

use super::gazetteer::{FxHashMap, FxHashSet};
use super::{Confidence, Detector, Finding, Hit, Input, Registry, count, strings};
use crate::text::{self, Word};

/// Quote marks round a short stretch of text, opened at the start, after white space or
/// after a bracket; group `m` is the quotation with its marks. [`quotations`] finds these
/// in code; a test checks the two agree. Single quotes must not take
/// in an apostrophe (the code also checks that the closing mark ends a word, so "can't" or
/// "carers'" never close one).
#[cfg(test)]
pub(crate) const QUOTE_PATTERN: &str = concat!(
    r#"(?u:(?:^|[\s(\[])(?P<m>(?:"|“)[^"“”\n]{1,120}(?:"|”)"#,
    r#"|(?:'|‘)[^'‘’"“”\n]{1,120}(?:'|’)))"#,
);
/// Kind of the quotation hits from [`quotations`].
const QUOTE: u16 = 0;

/// The quotations of `text`, as [`QUOTE_PATTERN`] finds them (leftmost first, not
/// overlapping; the span is group `m`), found in code: the pattern matches no token the
/// windowed pattern search could start from, and as a regex over every whole draft it
/// cost more than all the tone rules' other work.
pub(crate) fn quotations(text: &str) -> Vec<Hit> {
    const MAX_CHARS: usize = 120;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    // Only a quote mark can open a quotation: jump from one to the next (", ' and the
    // lead byte 0xE2 of “ and ‘) rather than walk every char of every draft.
    while let Some(k) = memchr::memchr3(b'"', b'\'', 0xE2, &bytes[from..]) {
        let i = from + k;
        from = i + 1;
        // A char starts at `i`: the three bytes are ASCII or a lead byte.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let double = matches!(c, '"' | '“');
        if !(double || matches!(c, '\'' | '‘')) {
            continue;
        }
        let prev = text[..i].chars().next_back();
        let opens_here =
            matches!(prev, None | Some('(' | '[')) || prev.is_some_and(char::is_whitespace);
        if !opens_here {
            continue;
        }
        // The quotation runs to the first closing mark, through at most MAX_CHARS chars
        // that are neither a line break nor a quote mark of the same kind (for single
        // marks, no double marks either).
        let body_start = i + c.len_utf8();
        let mut end = None;
        for (chars, (j, d)) in text[body_start..].char_indices().enumerate() {
            let closes = if double {
                matches!(d, '"' | '”')
            } else {
                matches!(d, '\'' | '’')
            };
            if closes && chars >= 1 {
                end = Some(body_start + j + d.len_utf8());
                break;
            }
            let barred = d == '\n'
                || if double {
                    matches!(d, '"' | '“' | '”')
                } else {
                    matches!(d, '\'' | '‘' | '’' | '"' | '“' | '”')
                };
            if barred || chars == MAX_CHARS {
                break;
            }
        }
        if let Some(end) = end {
            out.push(Hit {
                kind: QUOTE,
                start: i,
                end,
            });
            // Go on after the quotation, as a leftmost-first search would.
            from = end;
        }
    }
    out
}

/// Characters that end a clause: a reporting verb before them does not reach a quotation
/// after them.
const CLAUSE_END: [char; 7] = ['.', '!', '?', ':', ';', '\n', '\r'];

/// Opening and closing quote marks, skipped when looking for the start of a sentence.
const QUOTE_MARKS: [char; 6] = ['"', '\'', '“', '”', '‘', '’'];

// ---------------------------------------------------------------------------------------
// Parameters.

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

/// Checks a value for a tone detector's parameter (its type is already checked).
pub(crate) fn check_param(key: &str, value: &toml::Value) -> Result<(), String> {
    match value {
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

/// The up to `n` words before byte `pos` in its clause (indices into `words`).
fn words_before(text: &str, words: &[Word], pos: usize, n: usize) -> Range<usize> {
    let end = word_after(words, pos);
    let (mut start, mut edge) = (end, pos);
    while start > 0 && end - start < n {
        let w = words[start - 1];
        if text[w.end..edge].contains(CLAUSE_END) {
            break;
        }
        edge = w.start;
        start -= 1;
    }
    start..end
}

/// The up to `n` words after byte `pos` in its clause (indices into `words`).
fn words_after(text: &str, words: &[Word], pos: usize, n: usize) -> Range<usize> {
    let start = words.partition_point(|w| w.start < pos);
    let (mut end, mut edge) = (start, pos);
    while end < words.len() && end - start < n {
        let w = words[end];
        if text[edge..w.start].contains(CLAUSE_END) {
            break;
        }
        edge = w.end;
        end += 1;
    }
    start..end
}

/// The `n` words either side of `start..end`, across sentences (indices into `words`), and
/// the bytes they cover; with fewer words on a side, the bytes reach that end of the text
/// (so a closing emoji is included).
fn around(
    text: &str,
    words: &[Word],
    start: usize,
    end: usize,
    n: usize,
) -> (Range<usize>, Range<usize>) {
    let first = word_after(words, start).saturating_sub(n);
    let last = (words.partition_point(|w| w.start < end) + n).min(words.len());
    let lo = if first == 0 { 0 } else { words[first].start };
    let hi = words.get(last).map_or(text.len(), |w| w.start.max(end));
    (first..last, lo.min(start)..hi)
}

/// Hits sorted by start, searched by position in logarithmic time (drafts are short, but an
/// archive checked as one input is not).
struct Sorted<'a> {
    hits: &'a [Hit],
    longest: usize,
}

impl<'a> Sorted<'a> {
    fn new(hits: &'a [Hit]) -> Self {
        let longest = hits.iter().map(|h| h.end - h.start).max().unwrap_or(0);
        Sorted { hits, longest }
    }

    /// The hits that overlap `start..end`.
    fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = &'a Hit> {
        let from = self
            .hits
            .partition_point(|h| h.start + self.longest <= start);
        self.hits[from..]
            .iter()
            .take_while(move |h| h.start < end)
            .filter(move |h| h.end > start)
    }
}

/// Whether `start..end` lies inside one of `quotes` (sorted, not overlapping), marks
/// excluded.
fn inside_quote(quotes: &[Hit], start: usize, end: usize) -> bool {
    let i = quotes.partition_point(|q| q.start < start);
    i > 0 && quotes[i - 1].end > end
}

/// Context words and phrases that are looked up on the few words near a hit rather than
/// registered with the shared automaton: they are common words ("he", "said", "use"), and
/// in the automaton every occurrence in every draft, and inside other words ("he" in "the"),
/// would be a match to find and reject, while only the words near a rare hit are ever
/// asked about.
#[derive(Debug, Default)]
struct WordPhrases {
    /// Each phrase as folded words, under its last word.
    by_last: FxHashMap<String, Vec<Vec<String>>>,
    /// Entries without a word (emoji), looked for in the text itself.
    symbols: Vec<String>,
}

impl WordPhrases {
    fn new(list: &[String]) -> Self {
        let mut out = WordPhrases::default();
        for entry in list {
            let folded = text::fold(entry.trim());
            // Split the way drafts are split, so "i'm" and "so-called" stay one word.
            let split = text::Folded::with_words(&folded);
            let keys: Vec<String> = split
                .words()
                .iter()
                .map(|w| split.key(w).to_string())
                .collect();
            match keys.last() {
                Some(last) => out.by_last.entry(last.clone()).or_default().push(keys),
                None if !folded.is_empty() => out.symbols.push(folded),
                None => {}
            }
        }
        out
    }

    /// The first word of a phrase that ends at word `i` and starts at word `from` or later,
    /// its words separated by white space only.
    fn ends_at(&self, input: &Input<'_>, i: usize, from: usize) -> Option<usize> {
        let list = self.by_last.get(input.key(i))?;
        let words = input.words();
        list.iter().find_map(|phrase| {
            let first = (i + 1).checked_sub(phrase.len()).filter(|&f| f >= from)?;
            let fits = phrase.iter().enumerate().all(|(m, part)| {
                let k = first + m;
                input.key(k) == part
                    && (m == 0
                        || input.text[words[k - 1].end..words[k].start]
                            .trim()
                            .is_empty())
            });
            fits.then_some(first)
        })
    }

    /// Whether a phrase lies wholly within words `range`.
    fn any_in(&self, input: &Input<'_>, range: Range<usize>) -> bool {
        range
            .clone()
            .any(|i| self.ends_at(input, i, range.start).is_some())
    }

    /// Whether a phrase ends on the word right before byte `pos`, with only white space
    /// between.
    fn right_before(&self, input: &Input<'_>, pos: usize) -> bool {
        let words = input.words();
        let i = word_after(words, pos);
        i > 0
            && input.text[words[i - 1].end..pos].trim().is_empty()
            && self.ends_at(input, i - 1, 0).is_some()
    }
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
    sincere: WordPhrases,
    reporting: WordPhrases,
    reporting_after: WordPhrases,
    own_voice: WordPhrases,
    quotation_before: WordPhrases,
}

/// Phrase kinds of [`Sarcasm`].
mod sarc {
    pub(super) const CUE: u16 = 0;
    pub(super) const END: u16 = 1;
    pub(super) const START: u16 = 2;
    pub(super) const UNLESS_SINCERE: u16 = 3;
    pub(super) const EXCEPTION: u16 = 4;
    pub(super) const MARKER: u16 = 5;
    pub(super) const EMOJI: u16 = 6;

    /// Whether a hit of this kind is a cue phrase (as opposed to an exception).
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
            ("exceptions", EXCEPTION),
            ("markers", MARKER),
            ("emoji", EMOJI),
        ] {
            for phrase in strings(params, key) {
                reg.phrase(&phrase, kind);
            }
        }
        let words = |key: &str| WordPhrases::new(&strings(params, key));
        Sarcasm {
            window: count(params, "window", 10),
            sincere: words("sincere"),
            reporting: words("reporting"),
            reporting_after: words("reporting-after"),
            own_voice: words("own-voice"),
            quotation_before: words("quotation-before"),
        }
    }

    /// Whether sincere words near the cue `h` make it sincere. A sincere word inside a cue
    /// ("thanks" in "thanks for nothing") does not count.
    fn sincere_near(&self, input: &Input<'_>, hits: &Sorted<'_>, h: &Hit) -> bool {
        let words = input.words();
        let (range, bytes) = around(input.text, words, h.start, h.end, self.window);
        if self
            .sincere
            .symbols
            .iter()
            .any(|s| input.text[bytes.clone()].contains(s.as_str()))
        {
            return true;
        }
        range.clone().any(|i| {
            self.sincere
                .ends_at(input, i, range.start)
                .is_some_and(|first| {
                    !hits
                        .overlapping(words[first].start, words[i].end)
                        .any(|c| sarc::is_cue(c.kind))
                })
        })
    }

    /// Whether the cue hit `h` stands as a sarcasm cue where it is.
    fn cue_holds(&self, input: &Input<'_>, hits: &Sorted<'_>, h: &Hit) -> bool {
        use sarc::*;
        if hits
            .overlapping(h.start, h.end)
            .any(|x| x.kind == EXCEPTION)
        {
            return false;
        }
        match h.kind {
            END => closes_sentence(input.text, h.end) && !self.sincere_near(input, hits, h),
            START => opens_sentence(input.text, h.start),
            UNLESS_SINCERE => !self.sincere_near(input, hits, h),
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
        if self.quotation_before.right_before(input, q.start) {
            return false;
        }
        if self.own_voice.right_before(input, q.start) {
            return true;
        }
        !self
            .reporting
            .any_in(input, words_before(text, words, q.start, self.window))
            && !self
                .reporting_after
                .any_in(input, words_after(text, words, q.end, 4))
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
        let hits = Sorted::new(input.phrases);
        let mut found = Vec::new();
        for h in input.phrases {
            // Inside a quotation the words are someone else's ("the caption "off to see my
            // fave family 🙄"").
            if inside_quote(input.quotes(), h.start, h.end) {
                continue;
            }
            let span = &text[h.start..h.end];
            let message = match h.kind {
                k if is_cue(k) => {
                    if !self.cue_holds(input, &hits, h) {
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
        for i in 0..input.quotes().len() {
            if self.is_scare_quote(input, input.quotes(), i) {
                let q = input.quotes()[i];
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
    pub(crate) fn new(params: &toml::Table, allow: &[String]) -> Self {
        // Capitals inside quotation marks are someone else's words (a sign, a shout).
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
            let quoted = inside_quote(input.quotes(), words[i].start, words[j].end);
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
    /// Per phrase kind below [`EXCEPTION`]: the term.
    terms: Vec<Term>,
    people: WordPhrases,
    things: WordPhrases,
    self_words: WordPhrases,
    discussion: WordPhrases,
}

#[derive(Debug)]
struct Term {
    suggestions: Vec<String>,
    othering: bool,
    people_only: bool,
}

/// Phrase kind of [`Hostile`]'s exceptions; term kinds count up from 0 below it.
const EXCEPTION: u16 = u16::MAX;

impl Hostile {
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table) -> Self {
        let mut terms = Vec::new();
        let mut add = |phrase: &str, term: Term| {
            if let Ok(kind) = u16::try_from(terms.len())
                && kind < EXCEPTION
            {
                reg.phrase(phrase, kind);
                terms.push(term);
            }
        };
        let entries = table(params, "insults")
            .into_iter()
            .map(|(p, s)| (p, s, false, false))
            .chain(
                table(params, "othering")
                    .into_iter()
                    .map(|(p, s)| (p, s, true, false)),
            )
            .chain(
                strings(params, "people-only")
                    .into_iter()
                    .map(|p| (p, Vec::new(), false, true)),
            );
        for (phrase, suggestions, othering, people_only) in entries {
            add(
                &phrase,
                Term {
                    suggestions,
                    othering,
                    people_only,
                },
            );
        }
        for phrase in strings(params, "exceptions") {
            reg.phrase(&phrase, EXCEPTION);
        }
        let words = |key: &str| WordPhrases::new(&strings(params, key));
        Hostile {
            window: count(params, "window", 6),
            terms,
            people: words("people"),
            things: words("things"),
            self_words: words("self"),
            discussion: words("discussion"),
        }
    }

    /// Whether a people-only word at `h` describes a person: the nearest person or thing
    /// before it in the clause is a person ("the head of service is useless"), or, with
    /// neither before it, a person follows ("useless contractors").
    fn aimed_at_people(&self, input: &Input<'_>, h: &Hit) -> bool {
        let (text, words) = (input.text, input.words());
        let before = words_before(text, words, h.start, self.window);
        for i in before.clone().rev() {
            if self.people.ends_at(input, i, before.start).is_some() {
                return true;
            }
            if self.things.ends_at(input, i, before.start).is_some() {
                return false;
            }
        }
        self.people
            .any_in(input, words_after(text, words, h.end, 2))
    }
}

impl Detector for Hostile {
    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        let (text, words) = (input.text, input.words());
        let hits = Sorted::new(input.phrases);
        let mut found = Vec::new();
        for h in input.phrases {
            let Some(term) = self.terms.get(usize::from(h.kind)) else {
                continue;
            };
            // A word in quote marks is being quoted or discussed, not used.
            if inside_quote(input.quotes(), h.start, h.end)
                || hits
                    .overlapping(h.start, h.end)
                    .any(|x| x.kind == EXCEPTION)
            {
                continue;
            }
            let before = words_before(text, words, h.start, 3);
            if self.discussion.any_in(input, before.clone())
                || (!term.othering && self.self_words.any_in(input, before))
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

    #[test]
    fn quotations_in_code_equal_the_pattern() {
        let re = regex::Regex::new(QUOTE_PATTERN).unwrap();
        let mut texts = crate::corpus_posts();
        texts.extend(
            [
                "\"a\" 'b' “c” ‘d’ (\"e\") [‘f’]",
                "it's 'not' \"mixed' or ‘unclosed",
                "\"\"",
                "'''",
                "x \"line\nbreak\" y",
                // Other chars with the lead byte 0xE2 ("—", "…", an em space) around marks.
                "a—“b” c…‘d’ e\u{2003}‘f’ \u{2003}“g”—“h” ‘’ “”",
            ]
            .map(String::from),
        );
        texts.push(format!(
            "\"{}\" and \"{}\"",
            "a".repeat(120),
            "b".repeat(121)
        ));
        let mut n = 0;
        for t in &texts {
            let want: Vec<(usize, usize)> = re
                .captures_iter(t)
                .filter_map(|c| c.name("m").map(|m| (m.start(), m.end())))
                .collect();
            let got: Vec<(usize, usize)> = quotations(t).iter().map(|h| (h.start, h.end)).collect();
            assert_eq!(got, want, "on {t:?}");
            n += want.len();
        }
        assert!(n > 100, "only {n} quotations compared");
    }
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
        let (w, q) = (f.words(), t.find('"').unwrap());
        let key = |r: Range<usize>| -> Vec<&str> { r.map(|i| f.key(&w[i])).collect() };
        assert_eq!(key(words_before(t, w, q, 5)), ["the"]);
        assert_eq!(key(words_after(t, w, q + 9, 1)), ["was"]);
        assert!(opens_sentence("Done. Sure", 6));
        assert!(opens_sentence("@jo Sure", 4));
        assert!(!opens_sentence("not sure", 4));
        assert!(closes_sentence("How lovely 🙄", 10));
        assert!(!closes_sentence("How lovely is", 10));
        let t = "one two Oh great three four 🎉";
        let f = crate::text::Folded::with_words(t);
        assert_eq!(around(t, f.words(), 8, 16, 1), (1..5, 4..23));
        assert_eq!(around(t, f.words(), 8, 16, 2), (0..6, 0..t.len()));
    }

    #[test]
    fn sorted_hits_are_found_by_position() {
        let hit = |start, end| Hit {
            kind: 0,
            start,
            end,
        };
        let hits = [hit(0, 4), hit(2, 30), hit(10, 12), hit(40, 41)];
        let sorted = Sorted::new(&hits);
        let found: Vec<_> = sorted
            .overlapping(11, 20)
            .map(|h| (h.start, h.end))
            .collect();
        assert_eq!(found, [(2, 30), (10, 12)]);
        let quotes = [hit(5, 15), hit(20, 30)];
        assert!(inside_quote(&quotes, 6, 14));
        assert!(!inside_quote(&quotes, 5, 14) && !inside_quote(&quotes, 16, 18));
    }
}
