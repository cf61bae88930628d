//! Lines and columns of a draft, worked out once per draft, and the view of a draft that
//! codespan-reporting renders.
//!
//! `\n`, `\r\n` and a lone `\r` all end a line, in JSON and human output alike
//! (codespan-reporting's own files only know `\n`). Each lookup is a binary search plus a
//! count of at most [`BLOCK`] bytes, so a draft with a million findings, or a million lines,
//! is rendered in time proportional to its size and not to size times findings.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// Bytes per block of the character-count table.
const BLOCK: usize = 4096;

/// A line longer than this is shown in rows of at most this many bytes.
pub const LONG_LINE: usize = 1024;

/// A label over more rows than this is underlined on its first row only: codespan-reporting
/// keeps every row a label covers in memory (hundreds of bytes each), and a length finding in
/// a draft of a million lines would cover them all.
pub const MAX_LABEL_ROWS: usize = 1000;

/// Where each line of a text starts, and how many characters come before each block.
#[derive(Debug)]
pub struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// Characters before byte `i * BLOCK`, for every block and the end of the text.
    chars_before_block: Vec<usize>,
}

fn is_char_start(b: u8) -> bool {
    // UTF-8 continuation bytes are 0b10xx_xxxx.
    b & 0xC0 != 0x80
}

impl<'a> Lines<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Lines<'a> {
        let bytes = text.as_bytes();
        // Sized first: grown line by line, the index of a million lines took twice its size.
        let breaks = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
        let mut starts = Vec::with_capacity(breaks + 1);
        starts.push(0);
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut chars = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(chars);
            chars += block.iter().filter(|&&b| is_char_start(b)).count();
        }
        chars_before_block.push(chars);
        Lines {
            text,
            starts,
            chars_before_block,
        }
    }

    /// Characters before byte `offset` (clamped to the text).
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let block = offset / BLOCK;
        let counted = self.text.as_bytes()[block * BLOCK..offset]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count();
        self.chars_before_block[block] + counted
    }

    /// 0-based index of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of line `index` (0-based), its ending included.
    fn line_range(&self, index: usize) -> Range<usize> {
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }

    /// 1-based line and column (in characters) of byte `offset`. A byte-order mark is not
    /// part of the text, so it is not a column either.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let mut start = self.starts[line];
        if line == 0 && self.text.starts_with('\u{FEFF}') {
            start = offset.min('\u{FEFF}'.len_utf8());
        }
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        (line + 1, column)
    }
}

/// A text as codespan-reporting is shown it: named, with lines that end as [`Lines`] says,
/// a line longer than [`LONG_LINE`] cut into rows (so a finding in a 50 MB one-line draft
/// shows the kilobyte around it, not 50 MB), and control characters other than tab and line
/// endings shown as spaces (so the text cannot move the cursor or send escape sequences to
/// the terminal). Line numbers and columns are the real ones.
pub struct Snippets<'a> {
    name: &'a str,
    lines: Lines<'a>,
    shown: Cow<'a, str>,
    /// Byte offset of the start of each row: every line start, and cuts in long lines.
    rows: Vec<usize>,
}

fn is_hidden_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F
}

impl<'a> Snippets<'a> {
    /// The view of `text`, shown as `name`.
    pub fn new(name: &'a str, text: &'a str) -> Snippets<'a> {
        let lines = Lines::new(text);
        let shown = if text.bytes().any(is_hidden_control) {
            // Each replaced byte is ASCII and becomes one ASCII space: offsets stay the same.
            Cow::Owned(
                text.chars()
                    .map(|c| {
                        if c.is_ascii() && is_hidden_control(c as u8) {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect(),
            )
        } else {
            Cow::Borrowed(text)
        };
        let mut rows = Vec::with_capacity(lines.starts.len());
        for line in 0..lines.starts.len() {
            let Range { start, end } = lines.line_range(line);
            rows.push(start);
            let mut at = start;
            while end - at > LONG_LINE {
                at = row_end(text, at);
                rows.push(at);
            }
        }
        Snippets {
            name,
            lines,
            shown,
            rows,
        }
    }

    /// When the line holding byte `offset` is shown in rows: its 1-based number and length.
    pub fn long_line_at(&self, offset: usize) -> Option<(usize, usize)> {
        let line = self.lines.line_index(offset);
        let range = self.lines.line_range(line);
        (range.len() > LONG_LINE).then_some((line + 1, range.len()))
    }

    /// `span` as underlined: itself, or when it covers more than [`MAX_LABEL_ROWS`] rows, its
    /// part on its first row and the 1-based line and column of its last character.
    pub fn clip(&self, span: Range<usize>) -> (Range<usize>, Option<(usize, usize)>) {
        let row = |at: usize| match self.rows.binary_search(&at) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let first = row(span.start);
        if row(span.end) - first <= MAX_LABEL_ROWS {
            return (span, None);
        }
        let text = self.lines.text;
        // The row without its line ending; a row cut from a long line loses its last
        // character instead, or the underline would end on the next row.
        let row_text = &text[span.start..self.rows[first + 1]];
        let trimmed = row_text.trim_end_matches(['\n', '\r']);
        let shown = if trimmed.len() < row_text.len() {
            trimmed
        } else {
            let mut chars = row_text.chars();
            chars.next_back();
            chars.as_str()
        };
        let last_char = text[..span.end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let end = self.lines.line_col(span.end - last_char);
        (span.start..span.start + shown.len(), Some(end))
    }

    fn row_range(&self, row: usize) -> Result<Range<usize>, Error> {
        let start = *self.rows.get(row).ok_or(Error::LineTooLarge {
            given: row,
            max: self.rows.len() - 1,
        })?;
        let end = self
            .rows
            .get(row + 1)
            .copied()
            .unwrap_or(self.lines.text.len());
        Ok(start..end)
    }
}

/// Where the row of a long line that starts at `from` ends: after the last space in its
/// second half if there is one, else at the last character boundary within [`LONG_LINE`].
fn row_end(text: &str, from: usize) -> usize {
    let limit = from + LONG_LINE;
    let bytes = text.as_bytes();
    if let Some(space) = bytes[from + LONG_LINE / 2..limit]
        .iter()
        .rposition(|&b| b == b' ')
    {
        return from + LONG_LINE / 2 + space + 1;
    }
    let mut at = limit;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl<'a> Files<'a> for Snippets<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.shown)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(match self.rows.binary_search(&byte_index) {
            Ok(i) => i,
            Err(i) => i - 1,
        })
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        let start = self.row_range(line_index)?.start;
        Ok(self.lines.line_index(start) + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        Ok(self.lines.line_col(byte_index).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.row_range(line_index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_and_every_line_ending() {
        let t = "ab\r\nçd\ré🙂x\ny";
        let lines = Lines::new(t);
        assert_eq!(lines.line_col(0), (1, 1));
        assert_eq!(lines.line_col(t.find('d').unwrap()), (2, 2));
        assert_eq!(lines.line_col(t.find('x').unwrap()), (3, 3));
        assert_eq!(lines.line_col(t.find('y').unwrap()), (4, 1));
        assert_eq!(lines.line_col(t.len()), (4, 2));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let t = "\u{FEFF}ab\rc";
        let lines = Lines::new(t);
        assert_eq!(lines.line_col(3), (1, 1));
        assert_eq!(lines.line_col(4), (1, 2));
        assert_eq!(lines.line_col(t.len() - 1), (2, 1));
    }

    #[test]
    fn columns_are_counted_across_blocks() {
        // Multi-byte characters straddle the block boundaries.
        let t = format!("{}\n{}X", "é".repeat(BLOCK), "🙂".repeat(BLOCK));
        let lines = Lines::new(&t);
        assert_eq!(lines.line_col(t.find('X').unwrap()), (2, BLOCK + 1));
        assert_eq!(lines.line_col(t.len()), (2, BLOCK + 2));
    }

    #[test]
    fn long_lines_are_cut_into_rows_on_char_boundaries() {
        let t = format!("short\n{}\n{}", "é".repeat(3000), "word ".repeat(1000));
        let view = Snippets::new("t", &t);
        let mut rows = 0;
        while let Ok(range) = view.line_range((), rows) {
            assert!(range.len() <= LONG_LINE + 1, "{range:?}");
            assert!(t.is_char_boundary(range.start) && t.is_char_boundary(range.end));
            rows += 1;
        }
        // "short", 6000 bytes of é in 6 rows, 5000 bytes of words cut after spaces.
        assert_eq!(view.line_number((), 0).unwrap(), 1);
        assert_eq!(view.line_number((), 1).unwrap(), 2);
        assert_eq!(view.line_number((), rows - 1).unwrap(), 3);
        let last_word_row = view.line_range((), rows - 2).unwrap();
        assert!(t[last_word_row].ends_with("word "));
        assert_eq!(view.long_line_at(0), None);
        assert_eq!(view.long_line_at(7), Some((2, 6001)));
    }

    #[test]
    fn a_label_over_many_rows_is_clipped_to_its_first_row() {
        let t = format!("ab\r\n{}", "é\n".repeat(2 * MAX_LABEL_ROWS));
        let view = Snippets::new("t", &t);
        assert_eq!(view.clip(1..5), (1..5, None));
        let (shown, end) = view.clip(1..t.len());
        assert_eq!((shown, end), (1..2, Some((2 * MAX_LABEL_ROWS + 1, 2))));
        // A long line: the first row, short of the character the next row starts with.
        let t = "word ".repeat(MAX_LABEL_ROWS * LONG_LINE / 4);
        let view = Snippets::new("t", &t);
        let (shown, end) = view.clip(3..t.len());
        let row_end = view.line_range((), 0).unwrap().end;
        assert_eq!(shown, 3..row_end - 1);
        assert_eq!(end, Some((1, t.len())));
    }

    #[test]
    fn control_characters_are_shown_as_spaces() {
        let view = Snippets::new("t", "a\0b\u{1b}[31mc\td\r\n");
        assert_eq!(view.source(()).unwrap(), "a b [31mc\td\r\n");
    }
}
