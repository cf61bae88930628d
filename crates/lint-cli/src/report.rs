//! Rendering findings: human (codespan-reporting) and JSON.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::term::{self, Config, termcolor::WriteColor};
use postlint_core::{ConfigError, Diagnostic, Severity};
use serde::Serialize;

use crate::lines::{Lines, Snippets};

/// Writes one finding the way a person reads it: file, line, the text with a caret under
/// the finding, rule id, message and suggestion. `draft` is the draft's view, made once for
/// all its findings.
pub fn human(out: &mut dyn WriteColor, draft: &Snippets<'_>, d: &Diagnostic) -> io::Result<()> {
    let severity = match d.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
        Severity::Info => ReportSeverity::Note,
    };
    let label = match d.suggestions.first() {
        Some(s) if s.is_empty() => "delete this".to_string(),
        Some(s) => format!("try: {s}"),
        None if d.rule == "length/limit" => "does not fit".to_string(),
        None => String::new(),
    };
    let mut notes = Vec::new();
    if d.suggestions.len() > 1 {
        let others: Vec<String> = d.suggestions[1..]
            .iter()
            .map(|s| {
                if s.is_empty() {
                    "delete it".to_string()
                } else {
                    format!("“{s}”")
                }
            })
            .collect();
        notes.push(format!("or: {}", others.join(", ")));
    }
    if let Some((line, len)) = draft.long_line_at(d.span.start) {
        notes.push(format!(
            "line {line} is {len} bytes long; only the part around the finding is shown"
        ));
    }
    notes.push(format!("`postlint explain {}` says why", d.rule));
    let (primary, goes_on_to) = draft.clip(d.span.range());
    if let Some((line, column)) = goes_on_to {
        notes.insert(
            0,
            format!("the underlined text goes on to line {line}, column {column}"),
        );
    }
    let report = Report::new(severity)
        .with_code(d.rule.as_str())
        .with_message(d.message.as_str())
        .with_labels(
            std::iter::once(Label::primary((), primary).with_message(label))
                .chain(d.labels.iter().map(|l| {
                    Label::secondary((), draft.clip(l.span.range()).0).with_message(&l.message)
                }))
                .collect(),
        )
        .with_notes(notes);
    term::emit_to_write_style(out, &Config::default(), draft, &report).map_err(to_io)
}

/// Writes a house-rules error over the TOML file itself.
pub fn config_error(out: &mut dyn WriteColor, e: &ConfigError) -> io::Result<()> {
    let file = Snippets::new(e.file.as_str(), &e.source_text);
    let mut report = Report::error().with_message(e.message.as_str());
    if let Some(span) = &e.span {
        let start = span.start.min(e.source_text.len());
        let end = span.end.clamp(start, e.source_text.len());
        report = report.with_labels(vec![Label::primary((), start..end)]);
    } else {
        report = report.with_notes(vec![format!("in {}", e.file)]);
    }
    if let Some(help) = &e.help {
        report.notes.push(format!("help: {help}"));
    }
    term::emit_to_write_style(out, &Config::default(), &file, &report).map_err(to_io)
}

fn to_io(e: codespan_reporting::files::Error) -> io::Error {
    match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// One finding in the JSON contract (see the README).
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    /// The draft's path as given, `-` for standard input.
    pub path: &'a str,
    /// Rule id.
    pub rule: &'a str,
    /// Category.
    pub category: postlint_core::Category,
    /// Severity.
    pub severity: Severity,
    /// Message.
    pub message: &'a str,
    /// UTF-8 byte offsets into the file, end exclusive.
    pub span: postlint_core::Span,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Replacement texts for the span.
    pub suggestions: &'a [String],
    /// Rule-specific data; `{}` when there is none.
    pub data: serde_json::Value,
    /// Secondary spans that make up the finding (the parts of an identifying combination).
    pub labels: Vec<JsonLabel<'a>>,
}

/// A secondary span in the JSON contract.
#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    /// UTF-8 byte offsets into the file, end exclusive.
    pub span: postlint_core::Span,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What this part is.
    pub message: &'a str,
}

impl<'a> JsonFinding<'a> {
    /// Builds the JSON view of `d`, found in the text `lines` indexes.
    pub fn new(path: &'a str, lines: &Lines<'_>, d: &'a Diagnostic) -> JsonFinding<'a> {
        let (line, column) = lines.line_col(d.span.start);
        let data = d
            .data
            .as_ref()
            .and_then(|data| serde_json::to_value(data).ok())
            .unwrap_or_else(|| serde_json::Value::Object(Default::default()));
        JsonFinding {
            path,
            rule: &d.rule,
            category: d.category,
            severity: d.severity,
            message: &d.message,
            span: d.span,
            line,
            column,
            suggestions: &d.suggestions,
            data,
            labels: d
                .labels
                .iter()
                .map(|l| {
                    let (line, column) = lines.line_col(l.span.start);
                    JsonLabel {
                        span: l.span,
                        line,
                        column,
                        message: &l.message,
                    }
                })
                .collect(),
        }
    }
}

/// Writes what fixing changed in the draft `name` as a unified diff (`---`/`+++` headers
/// naming the draft, hunks with 3 lines of context); nothing when it is unchanged.
///
/// Lines keep their own endings, so a CRLF draft gives CRLF lines, as `git diff` does.
pub fn diff(out: &mut dyn Write, name: &str, old: &str, new: &str) -> io::Result<()> {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_writer(out)
}

/// Writes the JSON array one finding at a time, exactly as `serde_json::to_writer_pretty`
/// writes the whole array (then a newline), so no run has to hold its findings.
pub struct JsonArray<W: Write> {
    out: W,
    any: bool,
    object: Vec<u8>,
}

impl<W: Write> JsonArray<W> {
    /// An array to be written to `out`.
    pub fn new(out: W) -> JsonArray<W> {
        JsonArray {
            out,
            any: false,
            object: Vec::new(),
        }
    }

    /// Writes the next finding.
    pub fn push(&mut self, finding: &JsonFinding<'_>) -> io::Result<()> {
        self.out.write_all(if self.any { b",\n" } else { b"[\n" })?;
        self.any = true;
        self.object.clear();
        serde_json::to_writer_pretty(&mut self.object, finding)?;
        // One level deeper than alone: each line indented by two spaces. A line break can
        // only be the pretty printer's own (strings escape theirs).
        let mut lines = self.object.split(|&b| b == b'\n').peekable();
        while let Some(line) = lines.next() {
            self.out.write_all(b"  ")?;
            self.out.write_all(line)?;
            if lines.peek().is_some() {
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// Closes the array and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        self.out
            .write_all(if self.any { b"\n]\n" } else { b"[]\n" })?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn the_json_array_streams_exactly_what_serde_writes_whole() {
        use super::{JsonArray, JsonFinding};
        use crate::lines::Lines;
        use postlint_core::Linter;
        let text = "Going forward, touch base with Mrs Okafor about \"the\nplan\" \u{1F600}.\n";
        let linter = Linter::new().unwrap();
        let found = linter.check(text);
        assert!(found.len() >= 3, "{found:?}");
        let lines = Lines::new(text);
        for n in [0, 1, found.len()] {
            let findings: Vec<JsonFinding<'_>> = found[..n]
                .iter()
                .map(|d| JsonFinding::new("d.txt", &lines, d))
                .collect();
            let mut whole = serde_json::to_vec_pretty(&findings).unwrap();
            whole.push(b'\n');
            let mut streamed = Vec::new();
            let mut array = JsonArray::new(&mut streamed);
            for f in &findings {
                array.push(f).unwrap();
            }
            array.finish().unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    fn diff_string(old: &str, new: &str) -> String {
        let mut out = Vec::new();
        diff(&mut out, "d.txt", old, new).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn diff_is_empty_when_nothing_changed() {
        assert_eq!(diff_string("same\n", "same\n"), "");
    }

    #[test]
    fn diff_marks_a_missing_final_newline() {
        assert_eq!(
            diff_string("a\nb", "a\nc"),
            "--- d.txt\n+++ d.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        );
    }
}
