//! The phrase automaton the engine walks over every draft: an aho-corasick DFA that finds
//! a phrase starting with a letter or digit only where a word starts, laid out for the walk.
//!
//! The engine keeps a phrase match only as whole words (see [`text::is_whole_word`]), but a
//! plain automaton tracks every phrase at every byte: "la", "son" and "child" are followed
//! through "place", "person" and "children", and the short confidentiality cues were
//! matched inside other words about as often as on their own. Here each phrase that
//! starts with a word char is compiled with a marker byte, [`BOUNDARY`], in front of it and
//! after each of its boundary chars (a char that is not a word char, nor the `@` or `#`
//! that glue a handle or hashtag); the draft is walked as if it had the marker after each
//! of its boundary chars and at its start. For ASCII boundary bytes the marker's step is
//! folded into the byte's own transition when the table is built, so the walk still takes
//! one step a byte; after a non-ASCII char, the walk decodes it and takes the marker's
//! step itself. Inside a word the automaton then rests in its start state, and the states
//! a walk visits are far fewer.
//!
//! The table is also laid out again: the crate numbers states in the order its trie was
//! built, phrase by phrase, with each row padded to a power of two, in 32-bit entries.
//! Here states are numbered breadth first (the shallow states, where walks spend their
//! time, come first), there is one entry per byte class with no padding, and the table is
//! stored a column per class: the entry of state `s` for a byte is at the byte's column
//! offset plus `s`. The offset comes from a table per byte, so a step is still one add and
//! one load, and the entries are plain state numbers, which fit 16 bits for every default
//! rule set. The table is then half the size, and the entries the walk reads most (the
//! shallow states for common letters) sit together: with the confidentiality cues, 95% of
//! steps read about 67 KiB of the row-major table, more than the L1 cache holds.
//!
//! What the walk reports is every match the plain automaton reports that is not glued to a
//! word char, `@` or `#` before it, judged on the folded text; the engine's whole-word test
//! on the original text then keeps the same matches as before (a test checks this over
//! every corpus post).

use std::collections::VecDeque;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{Anchored, MatchKind};

use crate::detect::gazetteer::{FxHashMap, FxHashSet};
use crate::text::{is_boundary, is_word_char};

/// The marker of a word boundary in compiled phrases: never a byte of UTF-8 text.
const BOUNDARY: u8 = 0xFF;

/// A standard-semantics (overlapping) phrase DFA, walked by [`PhraseDfa::walk`].
#[derive(Debug)]
pub(crate) struct PhraseDfa {
    /// Per byte, the offset of its class's column in the table (class × rows).
    columns: [u32; 256],
    /// The column offset of [`BOUNDARY`]'s class, stepped after a non-ASCII boundary char.
    boundary: u32,
    /// The transitions, column by column (see the module comment). State 0 is the dead
    /// state, then come the match states, then the others.
    table: Table,
    /// States below this are the dead state or a match state: the walk stops on them.
    first_plain: u32,
    /// The start state, after the marker that starts every draft.
    start: u32,
    /// Per match state (from 1), its phrases: `pids[ranges[state - 1]..ranges[state]]`.
    ranges: Vec<u32>,
    pids: Vec<u32>,
    /// Per phrase, its length in bytes (without markers).
    lens: Vec<u32>,
}

/// The transitions: 16-bit state numbers when there are few enough states (every default
/// rule set), 32-bit ones otherwise (house rules with many thousands of terms).
#[derive(Debug)]
enum Table {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl PhraseDfa {
    /// The automaton of `phrases` (folded), or `None` if it cannot be built (a table too
    /// large for 32-bit ids, or the crate's own limits).
    pub(crate) fn new(phrases: &[String]) -> Option<PhraseDfa> {
        Self::with_width(phrases, true)
    }

    /// [`PhraseDfa::new`], with 16-bit entries only when `narrow` allows (the tests compare
    /// the two widths).
    fn with_width(phrases: &[String], narrow: bool) -> Option<PhraseDfa> {
        let compiled: Vec<Vec<u8>> = phrases.iter().map(|p| with_markers(p)).collect();
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(&compiled)
            .ok()?;
        // Classes: each byte a phrase uses; the other bytes in two classes, those whose
        // step takes the marker's step too and those that do not; and the marker.
        let mut used = [false; 256];
        for p in &compiled {
            for &b in p {
                used[usize::from(b)] = true;
            }
        }
        let fused = |b: u8| b.is_ascii() && is_boundary(char::from(b));
        let mut classes = [0u8; 256];
        // Per class, a byte of it (None: no byte) and whether it takes the marker's step.
        let mut reps: Vec<(Option<u8>, bool)> = vec![(None, false), (None, true)];
        for b in 0..=255u8 {
            let i = usize::from(b);
            if b == BOUNDARY {
                continue;
            }
            if used[i] {
                classes[i] = u8::try_from(reps.len()).ok()?;
                reps.push((Some(b), fused(b)));
            } else {
                let class = usize::from(fused(b));
                classes[i] = class as u8;
                reps[class].0.get_or_insert(b);
            }
        }
        let boundary = u8::try_from(reps.len()).ok()?;
        classes[usize::from(BOUNDARY)] = boundary;
        reps.push((Some(BOUNDARY), false));
        let step = |s: StateID, (byte, fuse): (Option<u8>, bool)| -> Option<StateID> {
            let next = dfa.next_state(Anchored::No, s, byte?);
            Some(if fuse && !dfa.is_dead(next) {
                dfa.next_state(Anchored::No, next, BOUNDARY)
            } else {
                next
            })
        };
        let start = dfa.next_state(Anchored::No, dfa.start_state(Anchored::No).ok()?, BOUNDARY);
        // Breadth first from the start: shallow states first.
        let mut order: Vec<StateID> = Vec::new();
        // Fx hashing: the state ids are ours to trust, and SipHash was most of the time
        // this layout took.
        let mut seen: FxHashSet<StateID> = FxHashSet::default();
        seen.insert(start);
        let mut queue = VecDeque::from([start]);
        while let Some(s) = queue.pop_front() {
            order.push(s);
            for &rep in &reps {
                if let Some(next) = step(s, rep)
                    && !dfa.is_dead(next)
                    && seen.insert(next)
                {
                    queue.push_back(next);
                }
            }
        }
        // States: the dead state, the match states, the rest, each in breadth-first order.
        let (matches, plain): (Vec<StateID>, Vec<StateID>) =
            order.into_iter().partition(|&s| dfa.is_match(s));
        let stride = u32::try_from(reps.len()).ok()?;
        let rows = u32::try_from(1 + matches.len() + plain.len()).ok()?;
        rows.checked_mul(stride)?;
        let mut id: FxHashMap<StateID, u32> = FxHashMap::default();
        id.reserve(rows as usize);
        for (row, &s) in (1u32..).zip(matches.iter().chain(&plain)) {
            id.insert(s, row);
        }
        let id_of = |s: StateID| if dfa.is_dead(s) { 0 } else { id[&s] };
        let mut trans = vec![0u32; rows as usize * stride as usize];
        for &s in matches.iter().chain(&plain) {
            let row = id[&s] as usize;
            for (c, &rep) in reps.iter().enumerate() {
                // A class with no byte is never stepped: it stays at the dead state.
                if let Some(next) = step(s, rep) {
                    trans[c * rows as usize + row] = id_of(next);
                }
            }
        }
        let mut ranges = vec![0u32];
        let mut pids = Vec::new();
        for &s in &matches {
            for k in 0..dfa.match_len(s) {
                pids.push(dfa.match_pattern(s, k).as_u32());
            }
            ranges.push(u32::try_from(pids.len()).ok()?);
        }
        let lens = phrases
            .iter()
            .map(|p| u32::try_from(p.len()).ok())
            .collect::<Option<Vec<u32>>>()?;
        let table = if narrow && rows <= 1 << 16 {
            Table::Narrow(trans.iter().map(|&t| t as u16).collect())
        } else {
            Table::Wide(trans)
        };
        Some(PhraseDfa {
            columns: classes.map(|c| u32::from(c) * rows),
            boundary: u32::from(boundary) * rows,
            table,
            first_plain: 1 + u32::try_from(matches.len()).ok()?,
            start: id_of(start),
            ranges,
            pids,
            lens,
        })
    }

    /// Calls `f(phrase, start, end)` for every match in `hay` (folded text) not glued to
    /// what comes before it (see the module comment), overlapping ones included, in order
    /// of their ends.
    pub(crate) fn walk(&self, hay: &str, f: &mut dyn FnMut(usize, usize, usize)) {
        match (&self.table, hay.is_ascii()) {
            (Table::Narrow(t), true) => self.walk_in::<u16, true>(t, hay, f),
            (Table::Narrow(t), false) => self.walk_in::<u16, false>(t, hay, f),
            (Table::Wide(t), true) => self.walk_in::<u32, true>(t, hay, f),
            (Table::Wide(t), false) => self.walk_in::<u32, false>(t, hay, f),
        }
    }

    /// [`PhraseDfa::walk`] over the table `trans`; `ASCII` when `hay` is all ASCII.
    // Out of line, with the callback behind a pointer, so the loop has the registers to
    // itself.
    #[inline(never)]
    fn walk_in<T: Copy + Into<u32>, const ASCII: bool>(
        &self,
        trans: &[T],
        hay: &str,
        f: &mut dyn FnMut(usize, usize, usize),
    ) {
        let bytes = hay.as_bytes();
        let (columns, first_plain) = (&self.columns, self.first_plain);
        let mut sid = self.start;
        let mut at = 0;
        loop {
            // The transitions alone, up to the next match (or non-ASCII byte): with no
            // call in this loop the state stays in a register.
            for &b in &bytes[at..] {
                at += 1;
                sid = trans[columns[usize::from(b)] as usize + sid as usize].into();
                if sid < first_plain || (!ASCII && b >= 0x80) {
                    break;
                }
            }
            let non_ascii = !ASCII && at > 0 && bytes[at - 1] >= 0x80;
            if sid >= first_plain && !non_ascii {
                return;
            }
            if sid < first_plain {
                if sid == 0 {
                    return;
                }
                self.report(sid, at, f);
            }
            // The last byte of a non-ASCII boundary char: the marker's step.
            if non_ascii && bytes.get(at).is_none_or(|&n| n & 0xC0 != 0x80) {
                let mut lead = at - 1;
                while bytes[lead] & 0xC0 == 0x80 {
                    lead -= 1;
                }
                if hay[lead..at].chars().next().is_some_and(is_boundary) {
                    sid = trans[self.boundary as usize + sid as usize].into();
                    if sid < first_plain {
                        if sid == 0 {
                            return;
                        }
                        self.report(sid, at, f);
                    }
                }
            }
            if at >= bytes.len() {
                return;
            }
        }
    }

    /// Reports the phrases of match state `sid`, ending at `at`.
    fn report(&self, sid: u32, at: usize, f: &mut dyn FnMut(usize, usize, usize)) {
        let row = sid as usize;
        let (lo, hi) = (self.ranges[row - 1], self.ranges[row]);
        for &pid in &self.pids[lo as usize..hi as usize] {
            let pid = pid as usize;
            f(pid, at - self.lens[pid] as usize, at);
        }
    }
}

/// `phrase` as compiled: [`BOUNDARY`] in front when it starts with a word char, and after
/// each of its boundary chars.
fn with_markers(phrase: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(phrase.len() + 4);
    if phrase.chars().next().is_some_and(is_word_char) {
        out.push(BOUNDARY);
    }
    let mut buf = [0u8; 4];
    for c in phrase.chars() {
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        if is_boundary(c) {
            out.push(BOUNDARY);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (phrase, start, end) matches of `phrases` in `hay`, sorted.
    fn walk(phrases: &[&str], hay: &str) -> Vec<(usize, usize, usize)> {
        let phrases: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
        let dfa = PhraseDfa::new(&phrases).expect("builds");
        let mut found = Vec::new();
        dfa.walk(hay, &mut |p, s, e| found.push((p, s, e)));
        found.sort();
        found
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Random phrases and texts over letters, digits, spaces, joiners, glue chars and
        /// non-ASCII letters and punctuation: the walk reports exactly the occurrences
        /// that are not glued to a word char, '@' or '#' before them.
        #[test]
        fn the_walk_finds_every_unglued_occurrence(
            phrases in proptest::collection::vec("[ab1 '@#_\\-\u{e9}\u{2014}]{1,4}", 1..8),
            text in "[ab1 '@#_\\-\u{e9}\u{2014}\u{1f60a}]{0,40}",
        ) {
            let mut phrases = phrases;
            phrases.sort();
            phrases.dedup();
            let mut expected = Vec::new();
            for (p, phrase) in phrases.iter().enumerate() {
                for s in (0..text.len()).filter(|&s| text.is_char_boundary(s)) {
                    // As the engine's whole-word test has it, not as the walk does.
                    let glues = |c: char| c.is_alphanumeric() || c == '_' || c == '@' || c == '#';
                    let unglued = !phrase.starts_with(is_word_char)
                        || !text[..s].chars().next_back().is_some_and(glues);
                    if text[s..].starts_with(phrase.as_str()) && unglued {
                        expected.push((p, s, s + phrase.len()));
                    }
                }
            }
            expected.sort();
            let refs: Vec<&str> = phrases.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(walk(&refs, &text), expected);
        }
    }

    #[test]
    fn sixteen_and_thirty_two_bit_tables_walk_alike() {
        // Enough phrases for thousands of states, some non-ASCII, walked over text that
        // reaches deep states and matches.
        let phrases: Vec<String> = (0..600usize)
            .map(|k| {
                let a = char::from(b'a' + (k % 26) as u8);
                let b = char::from(b'a' + (k / 26 % 26) as u8);
                format!("{a}{b}{a} {b}{a}{}", if k % 7 == 0 { "é" } else { "" })
            })
            .collect();
        let narrow = PhraseDfa::with_width(&phrases, true).expect("builds");
        let wide = PhraseDfa::with_width(&phrases, false).expect("builds");
        assert!(matches!(narrow.table, Table::Narrow(_)));
        assert!(matches!(wide.table, Table::Wide(_)));
        let hay = phrases.join(" — ") + " aba ba, bcb cbé";
        let found = |dfa: &PhraseDfa| {
            let mut out = Vec::new();
            dfa.walk(&hay, &mut |p, s, e| out.push((p, s, e)));
            out
        };
        // Every phrase once, and "aba ba" and "bcb cb" again at the end.
        assert_eq!(found(&narrow).len(), phrases.len() + 2);
        assert_eq!(found(&narrow), found(&wide));
    }

    #[test]
    fn a_phrase_starting_with_a_word_char_is_found_only_where_a_word_starts() {
        assert_eq!(walk(&["son"], "son"), [(0, 0, 3)]);
        assert_eq!(walk(&["son"], "a son, my son's"), [(0, 2, 5), (0, 10, 13)]);
        // Inside or at the end of another word: not reported.
        assert_eq!(walk(&["son"], "person reason sonnet"), [(0, 14, 17)]);
        // Glued after is for the engine's whole-word test to judge.
        assert_eq!(walk(&["son"], "sons"), [(0, 0, 3)]);
        // Handles and hashtags glue the word after them; other punctuation does not.
        assert_eq!(
            walk(&["son"], "@son #son (son) -son _son 2son"),
            [(0, 11, 14), (0, 17, 20)]
        );
    }

    #[test]
    fn non_ascii_chars_start_words_when_they_are_not_word_chars() {
        // An em dash, curly quotes and an emoji are boundaries; a letter is not.
        assert_eq!(walk(&["son"], "\u{2014}son"), [(0, 3, 6)]);
        assert_eq!(walk(&["son"], "\u{201c}son\u{201d}"), [(0, 3, 6)]);
        assert_eq!(walk(&["son"], "\u{1f60a}son"), [(0, 4, 7)]);
        assert_eq!(walk(&["son"], "\u{e9}son"), []);
        // Phrases with non-ASCII letters, and the marker after a final non-ASCII boundary.
        assert_eq!(walk(&["café"], "le café!"), [(0, 3, 8)]);
        assert_eq!(walk(&["ok\u{2014}"], "ok\u{2014}"), [(0, 0, 5)]);
        assert_eq!(walk(&["ok\u{2014}"], "nok\u{2014}"), []);
    }

    #[test]
    fn phrases_with_inner_punctuation_and_overlaps() {
        let phrases = [
            "d.o.b",
            "foster carer",
            "carer",
            "step-dad",
            "dad",
            "(14)",
            "!!!",
        ];
        let found = walk(&phrases, "d.o.b: foster carer, step-dad (14)!!!!");
        assert_eq!(
            found,
            [
                (0, 0, 5),
                (1, 7, 19),
                (2, 14, 19),
                (3, 21, 29),
                (4, 26, 29),
                (5, 30, 34),
                (6, 34, 37),
                (6, 35, 38),
            ]
        );
        // A phrase that starts with punctuation is found anywhere, as before.
        assert_eq!(walk(&["(14)"], "x(14)"), [(0, 1, 5)]);
    }
}
