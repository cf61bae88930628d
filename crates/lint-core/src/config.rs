//! The TOML rule format, shared by the default rules in `rules/` and by house rules, and the
//! errors that point back into it.
//!
//! Parsing keeps the byte span of everything that is validated later (rule ids, regexes,
//! severities), so an error can name the file, line and column of the offending value.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

/// A rule file or house-rules file that could not be used.
///
/// It carries the file's name and text so that a front end can show the offending line; see
/// [`ConfigError::line_col`].
#[derive(Debug, Clone, thiserror::Error)]
pub struct ConfigError {
    /// The file's name as given (a path, or `rules/<name>.toml` for a built-in file).
    pub file: String,
    /// The file's text.
    pub source_text: Arc<str>,
    /// The bytes of `source_text` the error is about, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// What to do about it, when there is something specific to say.
    pub help: Option<String>,
}

impl ConfigError {
    pub(crate) fn new(
        file: &SourceFile,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError {
            file: file.name.clone(),
            source_text: file.text.clone(),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> ConfigError {
        self.help = Some(help.into());
        self
    }

    /// 1-based line and column (in chars) of the start of the span, when there is one.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start.min(self.source_text.len());
        let before = self.source_text.get(..start)?;
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Some((line, before[line_start..].chars().count() + 1))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.message)?,
            None => write!(f, "{}: {}", self.file, self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// A TOML file's name and text.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
}

/// A TOML table whose key order and key spans are kept (for duplicate and unknown-id errors).
#[derive(Debug)]
pub(crate) struct SpannedMap<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for SpannedMap<V> {
    fn default() -> Self {
        SpannedMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SpannedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = SpannedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    out.push((k, map.next_value()?));
                }
                Ok(SpannedMap(out))
            }
        }
        d.deserialize_map(V_(PhantomData))
    }
}

/// A term's suggestions: one string, or a list of them. A lone empty string means no
/// suggestion; an empty string in a list means "delete the phrase".
#[derive(Debug, Default)]
pub(crate) struct Suggestions(pub Vec<String>);

impl<'de> Deserialize<'de> for Suggestions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_;
        impl<'de> Visitor<'de> for V_ {
            type Value = Suggestions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a suggestion string or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Suggestions, E> {
                Ok(Suggestions(if v.is_empty() {
                    Vec::new()
                } else {
                    vec![v.to_string()]
                }))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Suggestions, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(Suggestions(out))
            }
        }
        d.deserialize_any(V_)
    }
}

/// A whole rule file (default or house).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawFile {
    /// Phrases never reported by any rule (public figures, organisations).
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    /// Names that must always be reported (e.g. from a caseload list that stays local).
    #[serde(default)]
    pub known_names: Vec<Spanned<String>>,
    /// Rule id → `error` | `warning` | `info` | `off`.
    #[serde(default)]
    pub severity: SpannedMap<Spanned<String>>,
    /// Rule id → settings for a built-in detector.
    #[serde(default)]
    pub settings: SpannedMap<Spanned<toml::Table>>,
    /// Rule definitions.
    #[serde(default)]
    pub rule: Vec<RawRule>,
}

/// One `[[rule]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawRule {
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    pub severity: Spanned<String>,
    pub summary: String,
    #[serde(default)]
    pub message: Option<Spanned<String>>,
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub fix_safe: Option<bool>,
    #[serde(default)]
    pub terms: Option<Spanned<SpannedMap<Suggestions>>>,
    /// Phrases this rule reports nothing overlapping ("key worker" for "key", "practice
    /// educator" for "best practice").
    #[serde(default)]
    pub except: Option<Vec<Spanned<String>>>,
    /// Verbs in the base form: every form is matched, suggestions inflected to match.
    #[serde(default)]
    pub verbs: Option<Spanned<SpannedMap<Suggestions>>>,
    /// Nouns in the singular: the plural is matched too, suggestions made plural to match.
    #[serde(default)]
    pub nouns: Option<Spanned<SpannedMap<Suggestions>>>,
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub validate: Option<Spanned<String>>,
    #[serde(default)]
    pub suggest: Option<Suggestions>,
    #[serde(default)]
    pub context: Option<Spanned<RawContext>>,
    #[serde(default)]
    pub params: Option<Spanned<toml::Table>>,
    #[serde(default)]
    pub examples: Vec<Spanned<RawExample>>,
}

/// Words that must (or must not) appear near a match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawContext {
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub none: Vec<String>,
    #[serde(default = "default_window")]
    pub window: usize,
}

fn default_window() -> usize {
    5
}

/// An example: the text, and the exact texts the rule must flag in it (none for a good one).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawExample {
    pub text: String,
    #[serde(default)]
    pub expect: Vec<String>,
}

/// Most parts a dotted key or table name may have: the toml crate refuses more, saying only
/// "recursion limit", without a place.
const MAX_KEY_PARTS: usize = 80;

/// Parses one file, turning TOML and shape errors into a [`ConfigError`] with a span.
pub(crate) fn parse_file(file: &SourceFile) -> Result<RawFile, ConfigError> {
    toml::from_str::<RawFile>(&file.text).map_err(|e| toml_error(file, &e))
}

/// A built-in file from the tree `build.rs` parsed it into (see [`crate::builtin`]), read
/// exactly as [`parse_file`] reads its text; from the text should the tree not decode.
pub(crate) fn parse_builtin(
    file: &SourceFile,
    tree: &[u8],
    strings: &'static str,
) -> Result<RawFile, ConfigError> {
    let Some(table) = crate::builtin::parsed(tree, strings) else {
        return parse_file(file);
    };
    RawFile::deserialize(toml::de::Deserializer::from(table)).map_err(|e| toml_error(file, &e))
}

/// A TOML or shape error in `file` as a [`ConfigError`].
fn toml_error(file: &SourceFile, e: &toml::de::Error) -> ConfigError {
    let message = e.message().trim_end();
    if e.span().is_none() && message == "recursion limit" {
        return ConfigError::new(
            file,
            too_many_parts(&file.text),
            format!("a dotted key or table name has more than {MAX_KEY_PARTS} parts"),
        )
        .with_help("postlint's keys have at most three, as in [settings.\"length/limit\"]");
    }
    let mut err = ConfigError::new(file, e.span(), message.to_string());
    if message.contains("unknown field") {
        err = err.with_help("check the spelling; the README lists every key postlint reads");
    } else if message.contains("max recursion depth") {
        err = err.with_help("arrays and inline tables may nest at most 80 deep");
    }
    err
}

/// The first dotted key or table name in `text` with more than [`MAX_KEY_PARTS`] parts, up
/// to the dot that makes one too many.
///
/// A cheap scan, not a parser: it skips comments and strings and counts the dots in each run
/// of key characters, quoted parts and blanks. Only keys can hold that many dots.
fn too_many_parts(text: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut run: Option<usize> = None;
    let mut dots = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                (run, dots) = (None, 0);
                continue;
            }
            q @ (b'"' | b'\'') => {
                let triple = if q == b'"' { "\"\"\"" } else { "'''" };
                if text[i..].starts_with(triple) {
                    // A multi-line string is a value, never part of a key.
                    i += 3;
                    while i < b.len() && !text[i..].starts_with(triple) {
                        i += if q == b'"' && b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 3;
                    (run, dots) = (None, 0);
                    continue;
                }
                run.get_or_insert(i);
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    i += if q == b'"' && b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'.' => {
                let start = *run.get_or_insert(i);
                dots += 1;
                if dots >= MAX_KEY_PARTS {
                    return Some(start..i + 1);
                }
            }
            b' ' | b'\t' => {}
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' => {
                run.get_or_insert(i);
            }
            _ => (run, dots) = (None, 0),
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::too_many_parts;

    #[test]
    fn too_many_parts_finds_the_deep_key_past_strings_and_comments() {
        let deep = ["a"; 81].join(".");
        let dots = ".".repeat(200);
        let text =
            format!("# {dots}\nx = \"{dots}\"\ny = '''\n{dots}\n'''\n[t]\n\"q.q\" . {deep} = 1\n");
        let span = too_many_parts(&text).expect("found");
        assert!(
            text[span.clone()].starts_with("\"q.q\" . a.a"),
            "{:?}",
            &text[span]
        );
        assert_eq!(
            too_many_parts(&format!("{} = 1", ["a"; 80].join("."))),
            None
        );
    }
}
