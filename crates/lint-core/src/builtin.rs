//! The default rules, embedded from `rules/` so the binary needs no files at run time: each
//! file's TOML text, and the tree `build.rs` parsed it into, which [`parsed`] rebuilds
//! without lexing or parsing the text again.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// The parsed tree of a built-in file, from its encoded form (see `build.rs`): the same
/// tree, spans included, that `toml::de::DeTable::parse` gives for its text. `None` if the
/// form is damaged, which a test rules out for every file.
pub(crate) fn parsed(tree: &[u8], strings: &'static str) -> Option<Spanned<DeTable<'static>>> {
    let mut reader = Reader {
        tree,
        at: 0,
        strings,
    };
    match reader.value()? {
        (span, DeValue::Table(table)) => Some(Spanned::new(span, table)),
        _ => None,
    }
}

/// A cursor over an encoded tree.
struct Reader<'a> {
    tree: &'a [u8],
    at: usize,
    strings: &'static str,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.tree.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u32(&mut self) -> Option<usize> {
        let bytes = self.tree.get(self.at..self.at + 4)?;
        self.at += 4;
        usize::try_from(u32::from_le_bytes(bytes.try_into().ok()?)).ok()
    }

    fn span(&mut self) -> Option<std::ops::Range<usize>> {
        Some(self.u32()?..self.u32()?)
    }

    fn str(&mut self) -> Option<&'static str> {
        let (start, len) = (self.u32()?, self.u32()?);
        self.strings.get(start..start.checked_add(len)?)
    }

    fn value(&mut self) -> Option<(std::ops::Range<usize>, DeValue<'static>)> {
        let tag = self.byte()?;
        let span = self.span()?;
        let value = match tag {
            b's' => DeValue::String(Cow::Borrowed(self.str()?)),
            b'b' => DeValue::Boolean(self.byte()? != 0),
            // Integers, floats and dates: their literal, parsed (the crate builds those
            // values only by parsing).
            b'l' => DeValue::parse(self.str()?).ok()?.into_inner(),
            b'a' => {
                let n = self.u32()?;
                let mut items = DeArray::new();
                for _ in 0..n {
                    let (span, item) = self.value()?;
                    items.push(Spanned::new(span, item));
                }
                DeValue::Array(items)
            }
            b't' => {
                let n = self.u32()?;
                let mut table = DeTable::with_capacity(n);
                for _ in 0..n {
                    let key_span = self.span()?;
                    let key = self.str()?;
                    let (span, value) = self.value()?;
                    table.insert(
                        Spanned::new(key_span, Cow::Borrowed(key)),
                        Spanned::new(span, value),
                    );
                }
                DeValue::Table(table)
            }
            _ => return None,
        };
        Some((span, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoded_tree_is_the_tree_its_toml_parses_to() {
        assert_eq!(FILES.len(), 4);
        for (name, text, tree, strings) in FILES {
            let decoded = parsed(tree, strings).expect("decodes");
            let from_text = DeTable::parse(text).expect("parses");
            // Debug shows every key, value and span.
            assert_eq!(
                format!("{decoded:?}"),
                format!("{from_text:?}"),
                "rules/{name}"
            );
        }
    }

    #[test]
    fn every_file_reads_from_its_tree_as_from_its_text() {
        for (name, text, tree, strings) in FILES {
            let file = crate::config::SourceFile {
                name: format!("rules/{name}"),
                text: std::sync::Arc::from(*text),
            };
            let from_tree = crate::config::parse_builtin(&file, tree, strings).expect("reads");
            let from_text = crate::config::parse_file(&file).expect("parses");
            assert_eq!(
                format!("{from_tree:?}"),
                format!("{from_text:?}"),
                "rules/{name}"
            );
        }
    }

    #[test]
    fn a_damaged_tree_is_none_not_a_panic() {
        let (_, _, tree, strings) = FILES[0];
        for cut in [0, 1, 5, tree.len() / 2, tree.len() - 1] {
            assert!(parsed(&tree[..cut], strings).is_none(), "cut at {cut}");
        }
        let mut bad = tree.to_vec();
        bad[0] = b'?';
        assert!(parsed(&bad, strings).is_none());
    }
}
