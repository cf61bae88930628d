//! The text layer: a case-folded view of a draft with a map back to the original bytes, and
//! the word-boundary tests that phrase matching needs.
//!
//! Aho-Corasick matches bytes, not words, and its case-insensitive mode is ASCII-only, so
//! phrases are matched against a folded copy of the draft (Unicode lower case, one kind of
//! space, one kind of apostrophe). Most drafts fold to the same byte length, in which case no
//! offset map is built at all.

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
    for c in s.chars() {
        if !(c.is_whitespace() && out.ends_with(' ')) {
            fold_char(c, out);
        }
    }
}

/// Folds a whole string (used for phrases when the linter is built).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c.is_whitespace() && out.ends_with(' ')) {
            fold_char(c, &mut out);
        }
    }
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
    /// What the word looks like: [`Word::CAPITALISED`], [`Word::SHOUTED`], [`Word::DIGIT`].
    pub shape: u8,
}

impl Word {
    /// The first char is an upper-case letter.
    pub const CAPITALISED: u8 = 1;
    /// Two or more letters, all upper case ("NHS", "STOP").
    pub const SHOUTED: u8 = 2;
    /// The first char is a digit.
    pub const DIGIT: u8 = 4;

    /// Whether the word has every bit of `shape`.
    pub fn is(&self, shape: u8) -> bool {
        self.shape & shape == shape
    }
}

/// A word being read: where it started, and counts for its shape.
struct OpenWord {
    start: usize,
    fstart: usize,
    first: u8,
    letters: u32,
    uppers: u32,
}

impl OpenWord {
    fn new(start: usize, fstart: usize, first: u8) -> OpenWord {
        OpenWord {
            start,
            fstart,
            first,
            letters: 0,
            uppers: 0,
        }
    }

    fn close(self, end: usize, fend: usize) -> Word {
        let mut shape = self.first;
        if self.letters >= 2 && self.uppers == self.letters {
            shape |= Word::SHOUTED;
        }
        Word {
            start: self.start,
            end,
            fstart: self.fstart,
            fend,
            shape,
        }
    }
}

/// A folded copy of a draft, with the way back to the original's byte offsets and, when
/// asked for, its words.
#[derive(Debug)]
pub struct Folded<'a> {
    original: &'a str,
    folded: String,
    /// For each byte of `folded`, the offset of the original char that produced it. `None`
    /// when folding kept every char's byte length, so offsets are the same in both.
    map: Option<Vec<u32>>,
    words: Vec<Word>,
}

impl<'a> Folded<'a> {
    /// Folds `original`.
    pub fn new(original: &'a str) -> Folded<'a> {
        Self::build::<false>(original)
    }

    /// Folds `original` and splits it into words in the same pass (see [`Folded::words`]).
    pub fn with_words(original: &'a str) -> Folded<'a> {
        Self::build::<true>(original)
    }

    fn build<const WORDS: bool>(original: &'a str) -> Folded<'a> {
        let mut folded = String::with_capacity(original.len());
        let mut map: Option<Vec<u32>> = None;
        let mut words = Vec::new();
        if WORDS {
            words.reserve(original.len() / 6 + 1);
        }
        let mut open: Option<OpenWord> = None;
        let bytes = original.as_bytes();
        // Whether the char at byte `j` is a letter (for joining apostrophes and hyphens).
        let letter_at = |j: usize| match bytes.get(j) {
            Some(&b) if b.is_ascii() => b.is_ascii_alphabetic(),
            Some(_) => original[j..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic),
            None => false,
        };
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let before = folded.len();
            let width;
            if b.is_ascii() {
                // The common case, byte by byte: no char decoding, no Unicode tables.
                width = 1;
                let space = b.is_ascii_whitespace();
                // A run of white space folds to one space, so phrases match across line
                // breaks and double spaces.
                if !(space && folded.ends_with(' ')) {
                    folded.push(if space {
                        ' '
                    } else {
                        b.to_ascii_lowercase() as char
                    });
                }
                if WORDS {
                    if b.is_ascii_alphanumeric() {
                        let o = open.get_or_insert_with(|| {
                            let first = if b.is_ascii_uppercase() {
                                Word::CAPITALISED
                            } else if b.is_ascii_digit() {
                                Word::DIGIT
                            } else {
                                0
                            };
                            OpenWord::new(i, before, first)
                        });
                        o.letters += u32::from(b.is_ascii_alphabetic());
                        o.uppers += u32::from(b.is_ascii_uppercase());
                    } else if !(matches!(b, b'\'' | b'-') && open.is_some() && letter_at(i + 1))
                        && let Some(o) = open.take()
                    {
                        words.push(o.close(i, before));
                    }
                }
            } else {
                let Some(c) = original[i..].chars().next() else {
                    break;
                };
                width = c.len_utf8();
                if !(c.is_whitespace() && folded.ends_with(' ')) {
                    fold_char(c, &mut folded);
                }
                if WORDS {
                    if c.is_alphanumeric() {
                        let upper = c.is_uppercase();
                        let o = open.get_or_insert_with(|| {
                            let first = if upper { Word::CAPITALISED } else { 0 };
                            OpenWord::new(i, before, first)
                        });
                        o.letters += u32::from(c.is_alphabetic());
                        o.uppers += u32::from(upper);
                    } else if !(c == '\u{2019}' && open.is_some() && letter_at(i + width))
                        && let Some(o) = open.take()
                    {
                        words.push(o.close(i, before));
                    }
                }
            }
            let added = folded.len() - before;
            if map.is_none() && added != width {
                // First char whose folded form changes length: from here on keep a map. Up
                // to here bytes line up, so each byte maps to the start of its own char.
                map = Some(
                    original[..i]
                        .char_indices()
                        .flat_map(|(j, c)| std::iter::repeat_n(j as u32, c.len_utf8()))
                        .collect(),
                );
            }
            if let Some(m) = map.as_mut() {
                m.extend(std::iter::repeat_n(i as u32, added));
            }
            i += width;
        }
        if let Some(o) = open.take() {
            words.push(o.close(original.len(), folded.len()));
        }
        Folded {
            original,
            folded,
            map,
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

    /// Maps a match `[start, end)` in the folded text to the smallest whole-char range of the
    /// original that produced it.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.map {
            None => (start, end),
            Some(map) => {
                let s = map.get(start).map_or(self.original.len(), |&s| s as usize);
                if end <= start {
                    return (s, s);
                }
                let last = map[end - 1] as usize;
                let e = last
                    + self.original[last..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                (s, e)
            }
        }
    }
}

/// Whether `c` is part of a word for boundary purposes.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` stands as whole words: not glued to a letter or digit on
/// either side, and not part of an @handle or #hashtag. Edges that are not word chars
/// themselves (a phrase like `!!!`) need no boundary.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let inner = &text[start..end];
    let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().next_back()) else {
        return false;
    };
    let glued_before = is_word_char(first)
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(|p| is_word_char(p) || p == '@' || p == '#');
    let glued_after = is_word_char(last) && text[end..].chars().next().is_some_and(is_word_char);
    !glued_before && !glued_after
}

/// The byte range covering up to `n` words before `start` and `n` words after `end`
/// (the match itself included), for context cues.
pub fn word_window(text: &str, start: usize, end: usize, n: usize) -> (usize, usize) {
    let mut lo = start;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[..start].char_indices().rev() {
        if is_word_char(c) {
            if !in_word {
                if words == n {
                    break;
                }
                words += 1;
                in_word = true;
            }
            lo = i;
        } else {
            in_word = false;
            lo = i;
        }
    }
    let mut hi = end;
    words = 0;
    in_word = false;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_folds_without_a_map() {
        let f = Folded::new("Touch BASE\tnow");
        assert_eq!(f.as_str(), "touch base now");
        assert!(f.map.is_none());
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
        assert!(f.words()[7].is(Word::DIGIT));
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
