//! The real `postlint` binary on generated drafts (hostile text included): JSON output
//! always parses and says what the library says, the human report shows the same findings
//! at the same places, and `--fix` is idempotent.
//!
//! Each case starts the binary, so the case counts are small; the library's own properties
//! (`crates/lint-core/tests/properties.rs`) and the fuzz targets (`fuzz/`) cover far more
//! drafts.

mod common;
#[path = "../../lint-core/tests/drafts_strategy/mod.rs"]
mod drafts_strategy;

use std::process::Output;
use std::sync::LazyLock;

use postlint_core::decode::{DecodeError, decode};
use postlint_core::{Category, Diagnostic, Linter, Severity, Span};
use proptest::prelude::*;
use serde::Deserialize;

use drafts_strategy::hostile_draft;

/// Runs postlint from the workspace root with `stdin` as the draft.
fn postlint(args: &[&str], stdin: &[u8]) -> Output {
    common::run(&common::root(), args, stdin, &[])
}

/// One finding as the JSON output's contract (README, "JSON output") describes it, parsed
/// strictly: a missing field, an unknown field or a wrong type fails the parse.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Finding {
    path: String,
    rule: String,
    category: Category,
    severity: Severity,
    message: String,
    span: Span,
    line: usize,
    column: usize,
    suggestions: Vec<String>,
    data: serde_json::Value,
    labels: Vec<FindingLabel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingLabel {
    span: Span,
    line: usize,
    column: usize,
    message: String,
}

/// Line and column (1-based; columns in chars) as the README defines them: `\n`, `\r\n` and
/// a lone `\r` each end a line.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    // A leading byte-order mark is not part of the draft: it is no column.
    let before = text[..offset]
        .strip_prefix('\u{feff}')
        .unwrap_or(&text[..offset]);
    let lines = before.replace("\r\n", "\n").replace('\r', "\n");
    let line = lines.matches('\n').count() + 1;
    let column = lines.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::new().expect("default rules"));

/// What the library finds in a decoded draft, with spans into the file as the CLI gives
/// them (after any byte-order mark).
fn library_findings(text: &str, bom: usize) -> Vec<Diagnostic> {
    let mut found = LINTER.check(&text[bom..]);
    for d in &mut found {
        d.span.start += bom;
        d.span.end += bom;
        for l in &mut d.labels {
            l.span.start += bom;
            l.span.end += bom;
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn json_output_parses_and_says_what_the_library_says(draft in hostile_draft()) {
        let o = postlint(&["--no-config", "--format", "json"], draft.as_bytes());
        let stderr = String::from_utf8_lossy(&o.stderr);
        match decode(draft.clone().into_bytes()) {
            Err(DecodeError::Empty) => {
                prop_assert_eq!(o.status.code(), Some(2));
                prop_assert!(stderr.contains("the draft is empty"), "{}", stderr);
            }
            Err(e) => prop_assert!(false, "a String is UTF-8: {e}"),
            Ok(decoded) => {
                prop_assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr);
                let found: Vec<Finding> = serde_json::from_slice(&o.stdout).map_err(|e| {
                    TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
                })?;
                let expected = library_findings(&decoded.text, decoded.bom);
                prop_assert_eq!(found.len(), expected.len());
                let fails = expected.iter().any(|d| d.severity == Severity::Error);
                prop_assert_eq!(o.status.code(), Some(i32::from(fails)));
                for (f, d) in found.iter().zip(&expected) {
                    prop_assert_eq!(f.path.as_str(), "-");
                    prop_assert_eq!(&f.rule, &d.rule);
                    prop_assert_eq!(f.category, d.category);
                    prop_assert_eq!(f.severity, d.severity);
                    prop_assert_eq!(&f.message, &d.message);
                    prop_assert_eq!(f.span, d.span);
                    prop_assert_eq!((f.line, f.column), line_col(&decoded.text, d.span.start));
                    prop_assert_eq!(&f.suggestions, &d.suggestions);
                    let data = match &d.data {
                        Some(data) => serde_json::to_value(data).expect("serialises"),
                        None => serde_json::json!({}),
                    };
                    prop_assert_eq!(&f.data, &data);
                    prop_assert_eq!(f.labels.len(), d.labels.len());
                    for (fl, dl) in f.labels.iter().zip(&d.labels) {
                        prop_assert_eq!(fl.span, dl.span);
                        prop_assert_eq!(&fl.message, &dl.message);
                        prop_assert_eq!(
                            (fl.line, fl.column),
                            line_col(&decoded.text, dl.span.start)
                        );
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The human report (codespan-reporting's rendering of the draft's lines, with control
    /// chars, marks, wide chars and odd line endings in them) never fails, and it shows
    /// the JSON output's findings in the same order, each at the same line and column,
    /// with the same exit status.
    #[test]
    fn the_human_report_shows_what_the_json_output_says(draft in hostile_draft()) {
        let human = postlint(&["--no-config"], draft.as_bytes());
        let json = postlint(&["--no-config", "--format", "json"], draft.as_bytes());
        let stderr = String::from_utf8_lossy(&human.stderr);
        prop_assert_eq!(human.status.code(), json.status.code(), "{}", stderr);
        if json.status.code() == Some(2) {
            // Only the empty draft is refused; both say so.
            prop_assert!(stderr.contains("the draft is empty"), "{}", stderr);
            return Ok(());
        }
        prop_assert!(!stderr.contains("internal error"), "{}", stderr);
        let found: Vec<Finding> = serde_json::from_slice(&json.stdout)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let report = String::from_utf8(human.stdout)
            .map_err(|e| TestCaseError::fail(format!("the report is not UTF-8: {e}")))?;
        // Each finding's header names the draft, its line and its column: "┌─ -:3:14".
        let shown: Vec<(usize, usize)> = report
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("┌─ -:"))
            .map(|at| {
                let (line, column) = at.split_once(':').unwrap_or((at, ""));
                (line.parse().unwrap_or(0), column.parse().unwrap_or(0))
            })
            .collect();
        let expected: Vec<(usize, usize)> = found.iter().map(|f| (f.line, f.column)).collect();
        prop_assert_eq!(shown, expected, "{}", report);
        for f in &found {
            let header = format!("[{}]: {}", f.rule, f.message);
            prop_assert!(report.contains(&header), "missing {}\n{}", header, report);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// `--fix` on standard input writes the fixed draft to standard output; fixing that
    /// again changes nothing. The house rules in `tests/fix/house.toml` are fix-safe and
    /// one of their suggestions is flagged itself, so fixing can take two rounds.
    #[test]
    fn fix_is_idempotent(draft in hostile_draft(), jargon in proptest::sample::select(
        &["touch base", "reconnect", "going forward", "in order to", "leverage"][..],
    )) {
        let draft = format!("{draft} {jargon} {draft}");
        let fix = |text: &[u8]| postlint(&["--config", "tests/fix/house.toml", "--fix", "-"], text);
        let first = fix(draft.as_bytes());
        let stderr = String::from_utf8_lossy(&first.stderr);
        prop_assert!(matches!(first.status.code(), Some(0 | 1)), "{}", stderr);
        prop_assert!(!stderr.contains("stopped after"), "{}", stderr);
        prop_assert!(stderr.contains("postlint: -: "), "{}", stderr);

        let second = fix(&first.stdout);
        prop_assert_eq!(
            String::from_utf8_lossy(&second.stdout),
            String::from_utf8_lossy(&first.stdout),
            "the second --fix changed the text"
        );
        let stderr = String::from_utf8_lossy(&second.stderr);
        prop_assert!(stderr.contains("postlint: -: nothing to fix"), "{}", stderr);
    }
}
