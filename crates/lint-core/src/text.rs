//! The text layer: a case-folded view of a draft with a map back to the original bytes, and
//! the word-boundary tests that phrase matching needs.
//!
//! Aho-Corasick matches bytes, not words, and its case-insensitive mode is ASCII-only, so
//! phrases are matched against a folded copy of the draft (Unicode lower case, one kind of
//! space, one kind of apostrophe). The way back to the original offsets is a list of the few
//! chars whose fold changes length (collapsed white space, ’, some case mappings), not a map
//! per byte. The same pass can split the draft into words for the detectors.

/// Folds one char the way phrases and drafts are compared: Unicode lower case, any white
/// space to a plain space, typographic apostrophes to `'`.
pub fn fold_char(c: char, out: &mut String) {
    match c {
        c if c.is_ascii() => out.push(if c.is_ascii_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        }),
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => out.push('\''),
        c if c.is_whitespace() => out.push(' '),
        c => out.extend(c.to_lowercase()),
    }
}

/// Folds `s` onto the end of `out` (no allocation when `out` has room).
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        // A team's list of thousands of terms is folded at start-up, nearly all of them
        // ASCII, most with no control char and no run of spaces: copied and lowered whole.
        let mut last_space = out.ends_with(' ');
        let mut plain = true;
        for &b in s.as_bytes() {
            if b < b' ' || (b == b' ' && last_space) {
                plain = false;
                break;
            }
            last_space = b == b' ';
        }
        if plain {
            let from = out.len();
            out.push_str(s);
            out[from..].make_ascii_lowercase();
            return;
        }
        // Otherwise byte by byte, with no char decoding: the same steps as `fold_char`.
        let mut last_space = out.ends_with(' ');
        for &b in s.as_bytes() {
            // `char::is_whitespace`, which unlike `u8::is_ascii_whitespace` counts the
            // vertical tab: after a space it is dropped, otherwise kept as it is.
            if last_space && (b.is_ascii_whitespace() || b == 0x0B) {
                continue;
            }
            let folded = if b.is_ascii_whitespace() {
                b' '
            } else {
                b.to_ascii_lowercase()
            };
            out.push(char::from(folded));
            last_space = folded == b' ';
        }
        return;
    }
    for c in s.chars() {
        if !(c.is_whitespace() && out.ends_with(' ')) {
            fold_char(c, out);
        }
    }
}

/// Folds a whole string (used for phrases when the linter is built).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// A word of a draft, found while folding it: letters and digits, with inner apostrophes
/// and hyphens ("O'Brien", "Mary-Jane", "Jayden's"). An apostrophe or hyphen belongs to a
/// word only between a word char and a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Start of the word in the original draft (bytes).
    pub start: usize,
    /// End of the word in the original draft (bytes).
    pub end: usize,
    /// Start of the same word in the folded text: `fstart..fend` is its lookup key.
    pub fstart: usize,
    /// End of the word in the folded text.
    pub fend: usize,
    /// What the word looks like: [`Word::CAPITALISED`], [`Word::SHOUTED`], [`Word::DIGIT`],
    /// [`Word::HAS_DIGIT`].
    pub shape: u8,
}

impl Word {
    /// The first char is an upper-case letter.
    pub const CAPITALISED: u8 = 1;
    /// Two or more letters, all upper case ("NHS", "STOP").
    pub const SHOUTED: u8 = 2;
    /// The first char is a digit.
    pub const DIGIT: u8 = 4;
    /// Some char is an ASCII digit ("SE15", "12th", "07700").
    pub const HAS_DIGIT: u8 = 8;
    /// Some char is not an ASCII letter or digit: an inner apostrophe or hyphen, or a
    /// non-ASCII letter ("O'Brien", "ten-year-old", "Zoë"). A word without it is one ASCII
    /// word as a regex's `\b` sees it.
    pub const MIXED: u8 = 16;

    #[inline(always)]
    /// A word read from `range` of `original` (folded: `frange`) that starts with `first`
    /// and whose chars' classes, or-ed together, are `seen` (in any of its eight bytes: see
    /// [`AsciiRun::kinds`]).
    fn read(
        original: &str,
        range: std::ops::Range<usize>,
        frange: std::ops::Range<usize>,
        first: u8,
        seen: u64,
    ) -> Word {
        // Whether any byte of `seen` has a class bit of `classes`: one mask, where or-ing
        // the eight bytes together first cost six more instructions a word.
        let any = |classes: u8| seen & (0x0101_0101_0101_0101 * u64::from(classes)) != 0;
        let mut shape =
            first | (u8::from(any(DIGIT)) * Word::HAS_DIGIT) | (u8::from(any(INNER)) * Word::MIXED);
        // Shouted: two letters or more, none lower case. Letters are counted only for the
        // few words that may be (a capital or a letter without case, no lower case), not
        // byte by byte in the fold.
        if !any(LOWER) && any(UPPER | INNER) {
            // A word of ASCII letters only has as many letters as bytes ("I", "NHS"); others
            // ("SE15", "ZOË") are counted.
            let shouted = if any(DIGIT | INNER) {
                two_letters(&original[range.clone()])
            } else {
                range.len() >= 2
            };
            if shouted {
                shape |= Word::SHOUTED;
            }
        }
        Word {
            start: range.start,
            end: range.end,
            fstart: frange.start,
            fend: frange.end,
            shape,
        }
    }

    /// Whether the word has every bit of `shape`.
    pub fn is(&self, shape: u8) -> bool {
        self.shape & shape == shape
    }
}

/// Whether `word` has two letters or more (out of line: only words without a lower-case
/// letter ask, and the fold's loop stays small).
#[inline(never)]
fn two_letters(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

/// The ASCII letters and digits that start eight bytes of a draft (read little-endian), found
/// for all eight at once (SWAR: each test sets the high bit of every byte it holds for).
struct AsciiRun {
    /// How many of the eight bytes, from the first, are ASCII letters or digits.
    len: usize,
    /// The eight bytes with ASCII capitals lower-cased (those past `len` are junk).
    lowered: u64,
    /// Which kinds of byte the run has: [`UPPER`], [`LOWER`] and [`DIGIT`] set in the bytes
    /// that hold one, so a word's runs are or-ed as they come and [`Word::read`] tests all
    /// eight bytes at once.
    kinds: u64,
}

impl AsciiRun {
    #[inline(always)]
    fn of(x: u64) -> AsciiRun {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let ascii = !x & HIGH;
        // Each byte's low seven bits: adding at most 0x80 to one cannot carry into the next.
        let low = x & !HIGH;
        let at_least = |lo: u8| low.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH;
        let above = |hi: u8| low.wrapping_add(ONES * u64::from(0x7f - hi)) & HIGH;
        let digit = at_least(b'0') & !above(b'9') & ascii;
        let upper = at_least(b'A') & !above(b'Z') & ascii;
        let lower = at_least(b'a') & !above(b'z') & ascii;
        let alnum = digit | upper | lower;
        // The first byte that is not one ends the run (none: all eight are in it).
        let stop = !alnum & HIGH;
        let len = (stop.trailing_zeros() / 8) as usize;
        // Every bit below the stop's high bit (all of them without a stop): no branch. The
        // stop byte's low bits are in it, but its kinds are all clear.
        let in_run = (stop & stop.wrapping_neg()).wrapping_sub(1);
        AsciiRun {
            len,
            // 0x80 >> 2 is 0x20, the bit that makes an ASCII capital lower case.
            lowered: x | (upper >> 2),
            // Each kind moved from the high bit down to its class's bit.
            kinds: (upper >> (7 - UPPER.trailing_zeros())
                | lower >> (7 - LOWER.trailing_zeros())
                | digit >> (7 - DIGIT.trailing_zeros()))
                & in_run,
        }
    }
}

/// Classes of ASCII bytes, for the fold-and-split loop.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
/// In a word's classes only: a char that is not an ASCII letter or digit.
const INNER: u8 = 4;
const SPACE: u8 = 8;
/// An apostrophe or hyphen: inside a word when a letter follows.
const JOIN: u8 = 16;
/// An ASCII digit. This and the next two are the top three bits, where [`AsciiRun::of`]
/// can put them with a shift each.
const DIGIT: u8 = 32;
/// A letter that is not upper case.
const LOWER: u8 = 64;
/// An upper-case letter.
const UPPER: u8 = 128;

/// The [`Word`] shape that a word's first byte gives, for every byte that can start a run
/// of ASCII letters and digits.
static FIRST_SHAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_uppercase() {
            t[b] = Word::CAPITALISED;
        } else if (b as u8).is_ascii_digit() {
            t[b] = Word::DIGIT;
        }
        b += 1;
    }
    t
};

/// [`ASCII_CLASS`] for every byte value (0 past ASCII), so indexing needs no bounds check.
static CLASS_256: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII_CLASS[b];
        b += 1;
    }
    t
};

static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALNUM | ALPHA | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if c.is_ascii_digit() {
            ALNUM | DIGIT
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if c == b'\'' || c == b'-' {
            JOIN
        } else {
            0
        };
        b += 1;
    }
    t
};

/// A folded copy of a draft, with the way back to the original's byte offsets and, when
/// asked for, its words.
#[derive(Debug)]
pub struct Folded<'a> {
    /// Ties the view to the draft its offsets describe.
    original: std::marker::PhantomData<&'a str>,
    folded: String,
    /// Every char whose folded form has another byte length (collapsed white space, ’, a few
    /// case mappings), in order. Between them offsets shift by a constant, so most drafts
    /// have none or a handful, and nothing is stored per byte.
    shifts: Vec<Shift>,
    words: Vec<Word>,
}

/// The allocations of a [`Folded`], kept to build the next one in (see
/// [`Folded::into_buffers`]): checking post after post, they are reused rather than
/// allocated afresh for each.
#[derive(Debug, Default)]
pub struct FoldBuffers {
    folded: Vec<u8>,
    shifts: Vec<Shift>,
    words: Vec<Word>,
}

impl<'a> Folded<'a> {
    /// Folds `original`.
    pub fn new(original: &'a str) -> Folded<'a> {
        Self::build::<false, true>(original, FoldBuffers::default())
    }

    /// Folds `original` (splitting it into words too when `words` is set) into `buffers`,
    /// from an earlier [`Folded::into_buffers`].
    pub fn new_in(original: &'a str, words: bool, buffers: FoldBuffers) -> Folded<'a> {
        if words {
            Self::build::<true, true>(original, buffers)
        } else {
            Self::build::<false, true>(original, buffers)
        }
    }

    /// Gives back the allocations, emptied, for the next [`Folded::new_in`].
    pub fn into_buffers(self) -> FoldBuffers {
        let mut folded = self.folded.into_bytes();
        let (mut shifts, mut words) = (self.shifts, self.words);
        folded.clear();
        shifts.clear();
        words.clear();
        FoldBuffers {
            folded,
            shifts,
            words,
        }
    }

    /// Folds `original` and splits it into words in the same pass (see [`Folded::words`]).
    pub fn with_words(original: &'a str) -> Folded<'a> {
        Self::build::<true, true>(original, FoldBuffers::default())
    }

    /// The fold, and the split when `WORDS`. `RUNS` turns on the fast path for runs of ASCII
    /// letters and digits; the tests turn it off to get the byte-by-byte loop it must equal.
    fn build<const WORDS: bool, const RUNS: bool>(
        original: &'a str,
        buffers: FoldBuffers,
    ) -> Folded<'a> {
        let bytes = original.as_bytes();
        // Bytes, not a String: one push per ASCII byte with no char encoding. Only whole
        // chars' UTF-8 is ever pushed, so the result is valid UTF-8.
        let FoldBuffers {
            mut folded,
            mut shifts,
            mut words,
        } = buffers;
        folded.clear();
        shifts.clear();
        words.clear();
        folded.reserve(bytes.len() + 4);
        if WORDS {
            // Generously: a reallocation copies every word read so far.
            words.reserve(bytes.len() / 3 + 1);
        }
        // The word being read, if any (plain locals: the hot loop keeps them in registers).
        let mut in_word = false;
        // The classes of the word's chars or-ed together: one or per byte.
        let (mut wstart, mut wfstart, mut wfirst, mut seen) = (0, 0, 0u8, 0u64);
        let mut last_space = false;
        // Whether the char at byte `j` is a letter (for joining apostrophes and hyphens).
        let letter_at = |j: usize| match bytes.get(j) {
            Some(&b) if b.is_ascii() => b.is_ascii_alphabetic(),
            Some(_) => original[j..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic),
            None => false,
        };
        // Non-ASCII chars are folded by `fold_char` into this, then copied over.
        let mut scratch = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let before = folded.len();
            let width;
            // The ASCII and other branches keep their own word bookkeeping: merged into one
            // path after both, the fold measured 5% more instructions.
            if b.is_ascii() {
                // The common case, byte by byte: no char decoding, no Unicode tables.
                width = 1;
                let class = ASCII_CLASS[b as usize];
                // Only when splitting: without words, the byte-by-byte loop below has no
                // branch that flips at every word boundary and measured faster.
                if RUNS && class & ALNUM != 0 {
                    if WORDS && !in_word {
                        in_word = true;
                        (wstart, wfstart, seen) = (i, before, 0);
                        // Without branches: capitals and digits come in no order a branch
                        // predictor could learn.
                        wfirst = FIRST_SHAPE[b as usize];
                    }
                    // The rest of this run of ASCII letters and digits in one tight loop: no
                    // white space, no shift, no word end to test for on each byte (this loop
                    // carries most of every draft).
                    let mut j = i + 1;
                    let mut run_seen = u64::from(class);
                    folded.push(b.to_ascii_lowercase());
                    // Eight bytes at a time: most words end within the first eight, so the
                    // loop's exit is predicted, where a byte loop mispredicted the end of
                    // nearly every word.
                    while let Some(chunk) = bytes.get(j..j + 8) {
                        let mut eight = [0u8; 8];
                        eight.copy_from_slice(chunk);
                        let run = AsciiRun::of(u64::from_le_bytes(eight));
                        // All eight go in, then the bytes past the run come off again: a
                        // copy of fixed length, not a call to copy a varying one.
                        let kept = folded.len() + run.len;
                        folded.extend_from_slice(&run.lowered.to_le_bytes());
                        folded.truncate(kept);
                        run_seen |= run.kinds;
                        j += run.len;
                        if run.len < 8 {
                            break;
                        }
                    }
                    // The last few bytes of the draft, one at a time.
                    if bytes.get(j..j + 8).is_none() {
                        while let Some(&next) = bytes.get(j) {
                            let c = CLASS_256[next as usize];
                            if c & ALNUM == 0 {
                                break;
                            }
                            folded.push(next.to_ascii_lowercase());
                            run_seen |= u64::from(c);
                            j += 1;
                        }
                    }
                    seen |= run_seen;
                    last_space = false;
                    i = j;
                    // The word ends here unless an apostrophe or hyphen joins a letter on
                    // ("O'Brien") or a non-ASCII letter goes on ("Zoë"): decided now, on a
                    // byte that is rarely either, rather than below, on a branch that
                    // most bytes after a word take and the bytes after those do not.
                    if WORDS
                        && let Some(&next) = bytes.get(j)
                        && next.is_ascii()
                        && ASCII_CLASS[next as usize] & JOIN == 0
                    {
                        in_word = false;
                        words.push(Word::read(
                            original,
                            wstart..j,
                            wfstart..folded.len(),
                            wfirst,
                            seen,
                        ));
                    }
                    continue;
                }
                // A run of white space folds to one space, so phrases match across line
                // breaks and double spaces.
                let space = class & SPACE != 0;
                if !(space && last_space) {
                    folded.push(if space { b' ' } else { b.to_ascii_lowercase() });
                }
                last_space = space;
                if WORDS {
                    if class & ALNUM != 0 {
                        if !in_word {
                            in_word = true;
                            (wstart, wfstart, seen) = (i, before, 0);
                            wfirst = if class & UPPER != 0 {
                                Word::CAPITALISED
                            } else if class & ALPHA == 0 {
                                Word::DIGIT
                            } else {
                                0
                            };
                        }
                        seen |= u64::from(class);
                    } else if in_word {
                        if class & JOIN != 0 && letter_at(i + 1) {
                            seen |= u64::from(INNER);
                        } else {
                            in_word = false;
                            words.push(Word::read(
                                original,
                                wstart..i,
                                wfstart..before,
                                wfirst,
                                seen,
                            ));
                        }
                    }
                }
            } else {
                let Some(c) = original[i..].chars().next() else {
                    break;
                };
                width = c.len_utf8();
                let space = c.is_whitespace();
                if !(space && last_space) {
                    scratch.clear();
                    fold_char(c, &mut scratch);
                    folded.extend_from_slice(scratch.as_bytes());
                }
                last_space = space;
                if WORDS {
                    if c.is_alphanumeric() {
                        let upper = c.is_uppercase();
                        if !in_word {
                            in_word = true;
                            (wstart, wfstart, seen) = (i, before, 0);
                            wfirst = if upper { Word::CAPITALISED } else { 0 };
                        }
                        let alphabetic = c.is_alphabetic();
                        seen |= u64::from(
                            INNER
                                | match (alphabetic, upper) {
                                    (_, true) => UPPER,
                                    (true, false) => LOWER,
                                    (false, false) => 0,
                                },
                        );
                    } else if in_word {
                        if c == '\u{2019}' && letter_at(i + width) {
                            seen |= u64::from(INNER);
                        } else {
                            in_word = false;
                            words.push(Word::read(
                                original,
                                wstart..i,
                                wfstart..before,
                                wfirst,
                                seen,
                            ));
                        }
                    }
                }
            }
            if folded.len() - before != width {
                shifts.push(Shift {
                    fstart: before,
                    fend: folded.len(),
                    start: i,
                    end: i + width,
                });
            }
            i += width;
        }
        if in_word {
            words.push(Word::read(
                original,
                wstart..bytes.len(),
                wfstart..folded.len(),
                wfirst,
                seen,
            ));
        }
        // Whole chars only were pushed, so this cannot fail; an empty fold is the safe
        // answer if it ever did.
        let folded = String::from_utf8(folded).unwrap_or_default();
        Folded {
            original: std::marker::PhantomData,
            folded,
            shifts,
            words,
        }
    }

    /// The words found by [`Folded::with_words`] (empty after [`Folded::new`]).
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// The folded form of word `w` (the key to look it up by).
    pub fn key(&self, w: &Word) -> &str {
        &self.folded[w.fstart..w.fend]
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// Whether every char folded to as many bytes as it had (no white space collapsed, no
    /// case mapping that changes length): then the folded text's offsets are the
    /// original's, and `folded[a..b]` is the fold of `original[a..b]` on its own.
    pub fn same_offsets(&self) -> bool {
        self.shifts.is_empty()
    }

    /// Maps a match `[start, end)` in the folded text to the smallest whole-char range of the
    /// original that produced it.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.shifts.is_empty() {
            return (start, end);
        }
        let s = self.original_offset(start, false);
        if end <= start {
            return (s, s);
        }
        (s, self.original_offset(end, true).max(s))
    }

    /// The original offset of folded offset `f`: as a match start, the char that produced
    /// byte `f`; as a match end, the end of the char that produced byte `f - 1`.
    fn original_offset(&self, f: usize, is_end: bool) -> usize {
        // The last shift that starts at or before `f` (ties: the last, for collapsed runs).
        let k = self.shifts.partition_point(|s| s.fstart <= f);
        let Some(shift) = k.checked_sub(1).map(|k| self.shifts[k]) else {
            return f;
        };
        if f >= shift.fend {
            shift.end + (f - shift.fend)
        } else if is_end && f > shift.fstart {
            // Ends inside a char whose fold is longer: take the whole char.
            shift.end
        } else if is_end {
            // Ends just before this char: the previous shift (or none) decides.
            match k.checked_sub(2).map(|k| self.shifts[k]) {
                Some(prev) if prev.fend <= f => prev.end + (f - prev.fend),
                Some(prev) => prev.end,
                None => f,
            }
        } else {
            shift.start
        }
    }
}

/// A char whose folded form has another byte length: `fstart..fend` in the folded text came
/// from `start..end` in the original.
#[derive(Debug, Clone, Copy)]
struct Shift {
    fstart: usize,
    fend: usize,
    start: usize,
    end: usize,
}

/// Whether `c` is part of a word for boundary purposes.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a word may start right after `c`: a char that is not a word char, nor the `@`
/// or `#` that glue a handle or hashtag to the word after them. The rule
/// [`is_whole_word`] applies before a match, and where the phrase automaton lets a phrase
/// begin.
pub fn is_boundary(c: char) -> bool {
    !is_word_char(c) && c != '@' && c != '#'
}

/// Whether `text[start..end]` stands as whole words: not glued to a letter or digit on
/// either side, and not part of an @handle or #hashtag. Edges that are not word chars
/// themselves (a phrase like `!!!`) need no boundary.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    // Every phrase match of every draft comes here: when the four bytes that decide are
    // ASCII (the match's first and last, and its neighbours), they are the chars.
    let bytes = text.as_bytes();
    if start < end && end <= bytes.len() {
        let (first, last) = (bytes[start], bytes[end - 1]);
        let before = start.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(end).copied();
        if first.is_ascii()
            && last.is_ascii()
            && before.is_none_or(|b| b.is_ascii())
            && after.is_none_or(|b| b.is_ascii())
        {
            let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            // `is_boundary` for an ASCII byte.
            let glued_before =
                word(first) && before.is_some_and(|p| word(p) || p == b'@' || p == b'#');
            let glued_after = word(last) && after.is_some_and(word);
            return !glued_before && !glued_after;
        }
    }
    let inner = &text[start..end];
    let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().next_back()) else {
        return false;
    };
    let glued_before = is_word_char(first)
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(|p| !is_boundary(p));
    let glued_after = is_word_char(last) && text[end..].chars().next().is_some_and(is_word_char);
    !glued_before && !glued_after
}

/// The byte range covering up to `n` words before `start` and `n` words after `end`
/// (the match itself included), for context cues.
pub fn word_window(text: &str, start: usize, end: usize, n: usize) -> (usize, usize) {
    // Byte by byte, decoding only non-ASCII chars: the cues around every phone number,
    // NHS number and address are read through this.
    let bytes = text.as_bytes();
    let ascii_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut lo = start;
    let mut words = 0;
    let mut in_word = false;
    let mut i = start;
    while i > 0 {
        let b = bytes[i - 1];
        let (at, word) = if b.is_ascii() {
            (i - 1, ascii_word(b))
        } else {
            let mut at = i - 1;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            (at, text[at..i].chars().next().is_some_and(is_word_char))
        };
        if word {
            if !in_word {
                if words == n {
                    break;
                }
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
        lo = at;
        i = at;
    }
    let mut hi = end;
    words = 0;
    in_word = false;
    let mut i = end;
    while i < bytes.len() {
        let b = bytes[i];
        let (next, word) = if b.is_ascii() {
            (i + 1, ascii_word(b))
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (i + c.len_utf8(), is_word_char(c))
        };
        if word {
            if !in_word {
                if words == n {
                    break;
                }
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
        hi = next;
        i = next;
    }
    (lo, hi)
}

/// Finds `needle` (already folded) as whole words in `haystack` (already folded).
pub fn contains_whole_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack
        .match_indices(needle)
        .any(|(i, m)| is_whole_word(haystack, i, i + m.len()))
}

/// Keeps the capitalisation of the text being replaced: `Utilise` → `Use`, `UTILISE` → `USE`.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    match (original.chars().next(), replacement.chars().next()) {
        (Some(o), Some(r)) if o.is_uppercase() && r.is_lowercase() => {
            let mut out: String = r.to_uppercase().collect();
            out.push_str(&replacement[r.len_utf8()..]);
            out
        }
        _ => replacement.to_string(),
    }
}

/// Splits `text` into consecutive pieces of at most `max` bytes (at least 4; a piece is
/// shorter only at the end), each `(offset, piece)`. A piece ends where a break costs the
/// least: after the last blank line in its final quarter, else the last line break, else
/// the last sentence end (". "), else the last space, else at a char boundary.
pub fn pieces(text: &str, max: usize) -> impl Iterator<Item = (usize, &str)> {
    let max = max.max(4);
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let rest = &text[at..];
        let len = if rest.len() <= max {
            rest.len()
        } else {
            let mut cut = max;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let from = cut - cut / 4;
            // Every separator is ASCII, so a cut just after one is a char boundary.
            let window = &rest.as_bytes()[from..cut];
            let after = |sep: &[u8]| {
                window
                    .windows(sep.len())
                    .rposition(|w| w == sep)
                    .map(|i| from + i + sep.len())
            };
            after(b"\n\n")
                .or_else(|| after(b"\n"))
                .or_else(|| after(b". "))
                .or_else(|| after(b" "))
                .unwrap_or(cut)
        };
        let piece = (at, &rest[..len]);
        at += len;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pieces_cover_the_text_and_break_where_it_costs_least() {
        let check = |text: &str, max: usize| -> Vec<String> {
            let got: Vec<(usize, &str)> = pieces(text, max).collect();
            let mut at = 0;
            for &(offset, piece) in &got {
                assert_eq!(offset, at);
                assert!(!piece.is_empty() && piece.len() <= max.max(4), "{piece:?}");
                at += piece.len();
            }
            assert_eq!(at, text.len());
            got.iter().map(|(_, p)| p.to_string()).collect()
        };
        assert!(check("", 10).is_empty());
        assert_eq!(check("short", 10), ["short"]);
        // Separators count only in a piece's final quarter (here bytes 12 to 16).
        assert_eq!(
            check("one two three.\n\nfour five", 16),
            ["one two three.\n\n", "four five"]
        );
        assert_eq!(
            check("aaaa. bbbbbb\ncc. dddd", 16),
            ["aaaa. bbbbbb\n", "cc. dddd"]
        );
        assert_eq!(check("aaaa bbbb cc. dddd", 16), ["aaaa bbbb cc. ", "dddd"]);
        assert_eq!(check("aaaa bbbb ccc dddd", 16), ["aaaa bbbb ccc ", "dddd"]);
        assert_eq!(
            check("a bbbbbbbbbbbbbbbbbb", 16),
            ["a bbbbbbbbbbbbbb", "bbbb"]
        );
        // No separator: cut at a char boundary, never inside a char.
        assert_eq!(check("ééééé", 5), ["éé", "éé", "é"]);
        assert_eq!(check("\u{1F600}\u{1F600}", 5), ["\u{1F600}", "\u{1F600}"]);
    }

    /// The bytes of `x` or-ed together.
    fn collapse(x: u64) -> u8 {
        x.to_le_bytes().iter().fold(0, |a, b| a | b)
    }

    /// The eight-at-a-time run equals the byte loop it replaces, on every byte value in
    /// every position (a generated sweep: letters, digits, punctuation, high bytes).
    #[test]
    fn ascii_run_of_eight_equals_the_byte_loop() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pool: Vec<u8> = (0..=255u8).collect();
        for round in 0..200_000 {
            let mut eight = [0u8; 8];
            for (k, b) in eight.iter_mut().enumerate() {
                let r = next();
                // Mostly word bytes, so runs of every length come up.
                *b = if (r >> 8) % 4 != 0 || k == 0 && round % 2 == 0 {
                    b"aZ09mQxK"[(r % 8) as usize]
                } else {
                    pool[(r % 256) as usize]
                };
            }
            let run = AsciiRun::of(u64::from_le_bytes(eight));
            let len = eight
                .iter()
                .take_while(|&&b| CLASS_256[b as usize] & ALNUM != 0)
                .count();
            let classes = eight[..len]
                .iter()
                .fold(0, |c, &b| c | CLASS_256[b as usize]);
            assert_eq!(run.len, len, "{eight:?}");
            assert_eq!(
                collapse(run.kinds),
                classes & (UPPER | LOWER | DIGIT),
                "{eight:?}"
            );
            let lowered = run.lowered.to_le_bytes();
            for k in 0..len {
                assert_eq!(lowered[k], eight[k].to_ascii_lowercase(), "{eight:?}");
            }
        }
    }

    /// The fast path for runs must give what the byte-by-byte loop gives, and the fold must
    /// not depend on whether words are split.
    fn assert_same_as_reference(text: &str) {
        let fast = Folded::with_words(text);
        let slow = Folded::build::<true, false>(text, FoldBuffers::default());
        assert_eq!(fast.as_str(), slow.as_str(), "{text:?}");
        assert_eq!(fast.words(), slow.words(), "{text:?}");
        assert_eq!(
            format!("{:?}", fast.shifts),
            format!("{:?}", slow.shifts),
            "{text:?}"
        );
        let plain = Folded::new(text);
        assert_eq!(plain.as_str(), slow.as_str(), "{text:?}");
        assert_eq!(
            format!("{:?}", plain.shifts),
            format!("{:?}", slow.shifts),
            "{text:?}"
        );
    }

    #[test]
    fn fast_fold_equals_the_reference_on_every_corpus_post() {
        let posts = crate::corpus_posts();
        assert!(posts.len() > 1000);
        for post in &posts {
            assert_same_as_reference(post);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn fast_fold_equals_the_reference(
            parts in proptest::collection::vec(
                prop_oneof![
                    "[a-zA-Z0-9]{1,12}",
                    Just("'".to_string()), Just("-".to_string()), Just("’".to_string()),
                    Just(" ".to_string()), Just("  ".to_string()), Just("\n".to_string()),
                    Just("\t \r\n".to_string()), Just("é".to_string()), Just("Ü".to_string()),
                    Just("👩‍👧".to_string()), Just("_".to_string()), Just("İ".to_string()),
                    Just("٣".to_string()), Just("\u{a0}".to_string()), Just(".".to_string()),
                ],
                0..40,
            )
        ) {
            assert_same_as_reference(&parts.concat());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// `fold_into`'s byte loop for ASCII text equals folding char by char, onto an
        /// empty string or one that already ends in a space.
        #[test]
        fn ascii_fold_equals_folding_char_by_char(
            s in "[ a-zA-Z0-9\t\n\r\x0b\x0c'-]{0,24}",
            after_space in any::<bool>(),
        ) {
            let start = if after_space { "x " } else { "x" };
            let mut fast = start.to_string();
            fold_into(&s, &mut fast);
            let mut slow = start.to_string();
            for c in s.chars() {
                if !(c.is_whitespace() && slow.ends_with(' ')) {
                    fold_char(c, &mut slow);
                }
            }
            prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn ascii_folds_without_a_map() {
        let f = Folded::new("Touch BASE\tnow");
        assert_eq!(f.as_str(), "touch base now");
        assert!(f.shifts.is_empty());
        assert_eq!(f.original_range(6, 10), (6, 10));
    }

    #[test]
    fn unicode_case_folds_and_maps_back() {
        let text = "Meet ZOË’s mum";
        let f = Folded::new(text);
        assert_eq!(f.as_str(), "meet zoë's mum");
        let i = f.as_str().find("zoë's").unwrap();
        let (s, e) = f.original_range(i, i + "zoë's".len());
        assert_eq!(&text[s..e], "ZOË’s");
    }

    #[test]
    fn length_changing_fold_maps_to_whole_chars() {
        // U+0130 lower-cases to two chars; the Kelvin sign to one ASCII byte.
        let text = "İstanbul \u{212A}ent";
        let f = Folded::new(text);
        let i = f.as_str().find("kent").unwrap();
        let (s, e) = f.original_range(i, i + 4);
        assert_eq!(&text[s..e], "\u{212A}ent");
        let (s, e) = f.original_range(0, 1);
        assert_eq!(&text[s..e], "İ");
    }

    #[test]
    fn whole_word_boundaries() {
        let t = "Annual review with Ann, #Ann and @ann_b";
        assert!(!is_whole_word(t, 0, 3)); // "Ann" in "Annual"
        let ann = t.find("Ann,").unwrap();
        assert!(is_whole_word(t, ann, ann + 3));
        let tag = t.find("#Ann").unwrap() + 1;
        assert!(!is_whole_word(t, tag, tag + 3));
        let handle = t.find("@ann").unwrap() + 1;
        assert!(!is_whole_word(t, handle, handle + 3));
        assert!(is_whole_word("wow!!!", 3, 6));
    }

    /// Every span of `text` that starts and ends on a char boundary.
    fn char_spans(text: &str) -> Vec<(usize, usize)> {
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        bounds
            .iter()
            .flat_map(|&start| {
                bounds
                    .iter()
                    .filter(move |&&end| end >= start)
                    .map(move |&end| (start, end))
            })
            .collect()
    }

    #[test]
    fn whole_words_by_bytes_agree_with_whole_words_by_chars() {
        // The chars' definition, which the ASCII path must repeat.
        let by_chars = |text: &str, start: usize, end: usize| {
            let inner = &text[start..end];
            let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().next_back())
            else {
                return false;
            };
            let glued_before = is_word_char(first)
                && text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|p| is_word_char(p) || p == '@' || p == '#');
            let glued_after =
                is_word_char(last) && text[end..].chars().next().is_some_and(is_word_char);
            !glued_before && !glued_after
        };
        let mut compared = 0;
        for text in [
            "Ann, #Ann @ann_b x_y 12ab (mum) mum's",
            "caf\u{e9} \u{e9}t\u{e9} Zo\u{eb}! \u{2014}son\u{2014} \u{1f60a}ok\u{1f60a}",
            "a",
            "",
            "@#_ -- !!",
        ] {
            for (start, end) in char_spans(text) {
                assert_eq!(
                    is_whole_word(text, start, end),
                    by_chars(text, start, end),
                    "{:?} in {text:?}",
                    &text[start..end]
                );
                compared += 1;
            }
        }
        assert!(compared > 1000);
    }

    #[test]
    fn word_windows_by_bytes_agree_with_word_windows_by_chars() {
        // The chars' definition, which the byte loop must repeat.
        let by_chars = |text: &str, start: usize, end: usize, n: usize| {
            let mut lo = start;
            let (mut words, mut in_word) = (0, false);
            for (i, c) in text[..start].char_indices().rev() {
                if is_word_char(c) {
                    if !in_word {
                        if words == n {
                            break;
                        }
                        words += 1;
                        in_word = true;
                    }
                } else {
                    in_word = false;
                }
                lo = i;
            }
            let mut hi = end;
            (words, in_word) = (0, false);
            for (i, c) in text[end..].char_indices() {
                if is_word_char(c) {
                    if !in_word {
                        if words == n {
                            break;
                        }
                        words += 1;
                        in_word = true;
                    }
                } else {
                    in_word = false;
                }
                hi = end + i + c.len_utf8();
            }
            (lo, hi)
        };
        let mut compared = 0;
        for text in [
            "one two three MATCH four five six",
            "caf\u{e9} au lait \u{2014} Zo\u{eb}'s mum, \u{1f60a}\u{1f60a} ok_x 12ab",
            "\u{e9}\u{e9} \u{2014}\u{2014} a",
            "",
            "x",
        ] {
            for (start, end) in char_spans(text) {
                for n in 0..4 {
                    assert_eq!(
                        word_window(text, start, end, n),
                        by_chars(text, start, end, n),
                        "{n} words around {:?} in {text:?}",
                        &text[start..end]
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000);
    }

    #[test]
    fn window_counts_words_each_side() {
        let t = "one two three MATCH four five six";
        let m = t.find("MATCH").unwrap();
        let (lo, hi) = word_window(t, m, m + 5, 2);
        assert_eq!(&t[lo..hi], " two three MATCH four five ");
        let (lo, hi) = word_window(t, m, m + 5, 0);
        assert_eq!(&t[lo..hi], " MATCH ");
    }

    #[test]
    fn white_space_runs_fold_to_one_space() {
        let text = "touch \r\n  base";
        let f = Folded::new(text);
        assert_eq!(f.as_str(), "touch base");
        assert_eq!(f.original_range(0, 10), (0, text.len()));
        assert_eq!(fold(" a \t b "), " a b ");
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let t = "Saw Mary-Jane and O\u{2019}Brien's kids - 'twas  NHS 24/7 fine.";
        let f = Folded::with_words(t);
        let w: Vec<&str> = f.words().iter().map(|w| &t[w.start..w.end]).collect();
        assert_eq!(
            w,
            [
                "Saw",
                "Mary-Jane",
                "and",
                "O\u{2019}Brien's",
                "kids",
                "twas",
                "NHS",
                "24",
                "7",
                "fine"
            ]
        );
        let keys: Vec<&str> = f.words().iter().map(|w| f.key(w)).collect();
        assert_eq!(keys[3], "o'brien's");
        assert_eq!(keys[6], "nhs");
        assert!(f.words()[1].is(Word::CAPITALISED) && !f.words()[1].is(Word::SHOUTED));
        assert!(f.words()[6].is(Word::SHOUTED | Word::CAPITALISED));
        assert!(f.words()[7].is(Word::DIGIT | Word::HAS_DIGIT));
        assert!(!f.words()[6].is(Word::HAS_DIGIT));
        let mixed: Vec<bool> = f.words().iter().map(|w| w.is(Word::MIXED)).collect();
        assert_eq!(
            mixed,
            [
                false, true, false, true, false, false, false, false, false, false
            ]
        );
        let f = Folded::with_words("Zoë ten-year-old");
        assert!(f.words().iter().all(|w| w.is(Word::MIXED)));
        let f = Folded::with_words("SE15 4QN");
        assert!(f.words()[0].is(Word::HAS_DIGIT) && !f.words()[0].is(Word::DIGIT));
        assert!(Folded::new(t).words().is_empty());
    }

    #[test]
    fn words_of_unicode_text() {
        let t = "Zoë and ÉMILE met İlker";
        let f = Folded::with_words(t);
        let w: Vec<(&str, &str)> = f
            .words()
            .iter()
            .map(|w| (&t[w.start..w.end], f.key(w)))
            .collect();
        assert_eq!(
            w,
            [
                ("Zoë", "zoë"),
                ("and", "and"),
                ("ÉMILE", "émile"),
                ("met", "met"),
                ("İlker", "i\u{307}lker")
            ]
        );
        assert!(f.words()[2].is(Word::SHOUTED));
    }

    #[test]
    fn case_is_kept_in_replacements() {
        assert_eq!(match_case("Utilise", "use"), "Use");
        assert_eq!(match_case("UTILISE", "use"), "USE");
        assert_eq!(match_case("utilise", "use"), "use");
        assert_eq!(match_case("Touch base", "talk"), "Talk");
    }

    #[test]
    fn whole_word_search_in_folded_text() {
        assert!(contains_whole_word("my nhs no is", "nhs no"));
        assert!(!contains_whole_word("munroe said", "munro"));
    }
}
