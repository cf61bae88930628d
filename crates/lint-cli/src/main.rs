//! `postlint`: the command-line front end. It reads files (and with `--fix` writes them
//! back), builds the linter, renders findings and chooses the exit code; everything else,
//! fixing included, lives in `postlint-core`.

mod args;
mod input;
mod lines;
mod report;
mod save;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use codespan_reporting::term::termcolor::{BufferWriter, ColorChoice};
use postlint_core::{Diagnostic, Linter, RuleInfo, Severity};

use args::{Cli, ColorWhen, Command, Deny, Format, RuleArgs};
use input::Draft;

/// Exit status: the interface scripts rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// Nothing that fails the run.
    Clean = 0,
    /// A finding at a failing severity.
    Findings = 1,
    /// A file, the house rules or the arguments could not be used.
    Trouble = 2,
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            io::stderr(),
            "postlint: internal error: {info}\n\
             This is a bug in postlint, not in your draft. Please report it with the command \
             you ran (but not the draft's text if it is confidential)."
        );
    }));
    let cli = Cli::parse();
    let status = std::panic::catch_unwind(|| run(cli)).unwrap_or(Err(Failure::Panicked));
    match status {
        Ok(s) => ExitCode::from(s as u8),
        Err(Failure::Panicked) => ExitCode::from(Status::Trouble as u8),
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Other(e)) => {
            let _ = writeln!(io::stderr(), "postlint: {e:#}");
            ExitCode::from(Status::Trouble as u8)
        }
    }
}

enum Failure {
    Panicked,
    BrokenPipe,
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        match e.downcast_ref::<io::Error>() {
            Some(io) if io.kind() == io::ErrorKind::BrokenPipe => Failure::BrokenPipe,
            _ => Failure::Other(e),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::from(anyhow::Error::from(e))
    }
}

fn run(cli: Cli) -> Result<Status, Failure> {
    // The one way to reach the panic hook on purpose, for the test that proves it
    // (tests/hostile.rs): no input should panic, so the hook needs a deliberate bug. Nobody
    // sets this by accident, and whoever does gets the hook's message and exit 2.
    if std::env::var_os("POSTLINT_TEST_PANIC").is_some_and(|v| v == "1") {
        panic!("POSTLINT_TEST_PANIC=1 asked for a panic");
    }
    let color = color_choice(cli.color, &io::stdout());
    let Some(linter) = build_linter(&cli.rules, cli.max_input_bytes, color)? else {
        return Ok(Status::Trouble);
    };
    let status = match &cli.command {
        Some(Command::Rules) => list_rules(&linter),
        Some(Command::Explain { id }) => explain(&linter, id),
        None => check(&cli, &linter),
    };
    // The process ends next, and the system takes its memory back at once: freeing the
    // linter's thousands of allocations one by one would only delay the exit.
    std::mem::forget(linter);
    status
}

/// The colour choice for output to `stream`.
fn color_choice(when: ColorWhen, stream: &impl IsTerminal) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if no_color || !stream.is_terminal() {
                ColorChoice::Never
            } else {
                ColorChoice::Auto
            }
        }
    }
}

/// Builds the linter; a house-rules error is rendered over the TOML and gives `None`. A
/// house-rules file larger than `max_bytes` is refused.
fn build_linter(
    args: &RuleArgs,
    max_bytes: u64,
    color: ColorChoice,
) -> Result<Option<Linter>, Failure> {
    let mut builder = Linter::builder();
    let config = if args.no_config {
        None
    } else if let Some(path) = &args.config {
        Some(path.clone())
    } else {
        let cwd = std::env::current_dir().map_err(anyhow::Error::from)?;
        input::discover_config(&cwd)
    };
    if let Some(path) = config {
        let text = input::read_config(&path, max_bytes)?;
        builder = builder.house_rules(path.display().to_string(), text);
    }
    if let Some(p) = args.platform {
        builder = builder.platform(p.into());
    }
    if let Some(n) = args.max_length {
        builder = builder.max_length(usize::try_from(n).unwrap_or(usize::MAX));
    }
    match builder.build() {
        Ok(linter) => Ok(Some(linter)),
        Err(e) => {
            let writer = BufferWriter::stderr(if color == ColorChoice::Never {
                ColorChoice::Never
            } else {
                ColorChoice::Auto
            });
            let mut buf = writer.buffer();
            report::config_error(&mut buf, &e)?;
            writer.print(&buf)?;
            Ok(None)
        }
    }
}

/// What the run does with each draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Report findings.
    Check,
    /// Apply fix-safe suggestions, then report what is left.
    Fix,
    /// Show what `Fix` would change, then report what would be left.
    Diff,
}

fn check(cli: &Cli, linter: &Linter) -> Result<Status, Failure> {
    let inputs = if cli.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        cli.files.clone()
    };
    let mode = match (cli.fix, cli.diff) {
        (true, _) => Mode::Fix,
        (_, true) => Mode::Diff,
        _ => Mode::Check,
    };
    let fail_at = match cli.deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    // When standard output carries text (a fixed draft or a diff) the report goes to
    // standard error, so the text can be piped on untouched.
    let text_on_stdout =
        mode == Mode::Diff || (mode == Mode::Fix && inputs.iter().any(|p| p == Path::new("-")));
    let report_to = if text_on_stdout {
        Stream::Stderr
    } else {
        Stream::Stdout
    };
    let mut report = Report::new(cli, fail_at, report_to);
    let mut status = Status::Clean;
    let mut fix_notes = Vec::new();
    for path in &inputs {
        let mut draft = match input::read_draft(path, cli.max_input_bytes) {
            Ok(draft) => draft,
            Err(e) => {
                // One unreadable file does not stop the others; the run still ends with 2.
                writeln!(io::stderr(), "postlint: {e:#}")?;
                status = Status::Trouble;
                continue;
            }
        };
        let found = match mode {
            // Written as they are found: a huge draft's findings are never all held.
            Mode::Check => {
                report.stream(linter, &draft)?;
                continue;
            }
            Mode::Fix | Mode::Diff => match fix_draft(linter, path, &mut draft, mode)? {
                Fixing::Done { found, note } => {
                    fix_notes.extend(note);
                    found
                }
                Fixing::NotSaved(e) => {
                    writeln!(
                        io::stderr(),
                        "postlint: {}: could not save the fixes ({e:#}); the file is unchanged",
                        draft.name
                    )?;
                    status = Status::Trouble;
                    check_draft(linter, &draft)
                }
            },
        };
        let view = std::cell::OnceCell::new();
        for d in &found {
            report.finding(&view, &draft, d)?;
        }
        report.drafts += 1;
    }
    if report.failed {
        status = status.max(Status::Findings);
    }
    report.finish(&fix_notes)?;
    Ok(status)
}

/// Findings in a draft as it is.
fn check_draft(linter: &Linter, draft: &Draft) -> Vec<Diagnostic> {
    let mut found = linter.check(&draft.text[draft.bom..]);
    shift_spans(&mut found, draft.bom);
    found
}

/// What became of fixing one draft.
enum Fixing {
    /// Fixed (or shown as a diff); the findings left, and a line saying what was done.
    Done {
        found: Vec<Diagnostic>,
        note: Option<String>,
    },
    /// The fixed draft could not be written; the file is as it was.
    NotSaved(anyhow::Error),
}

/// Fixes one draft as `mode` says: writes a file back, prints fixed standard input, or
/// prints the diff. On success `draft` holds the fixed text, which the findings refer to.
fn fix_draft(
    linter: &Linter,
    path: &Path,
    draft: &mut Draft,
    mode: Mode,
) -> Result<Fixing, Failure> {
    // The BOM is not part of the post: fix what follows it and put it back unchanged.
    let outcome = linter.fix(&draft.text[draft.bom..]);
    let fixed = format!("{}{}", &draft.text[..draft.bom], outcome.text);
    if !outcome.settled {
        writeln!(
            io::stderr(),
            "postlint: {}: stopped after {} rounds of fixes; some fix-safe \
             suggestions are flagged themselves (check the house rules)",
            draft.name,
            outcome.passes.len()
        )?;
    }
    let count = outcome.fix_count();
    let note = match (mode, &draft.meta) {
        (Mode::Diff, _) => {
            let mut out = io::stdout().lock();
            report::diff(&mut out, &draft.name, &draft.text, &fixed)?;
            out.flush()?;
            None
        }
        (_, None) => {
            let mut out = io::stdout().lock();
            out.write_all(fixed.as_bytes())?;
            out.flush()?;
            Some(fixes_applied(&draft.name, count))
        }
        (_, Some(meta)) => {
            // Unchanged drafts are not written at all, so their modification time stays.
            if outcome.changed()
                && let Err(e) = save::replace(path, fixed.as_bytes(), meta)
            {
                return Ok(Fixing::NotSaved(e));
            }
            Some(fixes_applied(&draft.name, count))
        }
    };
    let mut found = outcome.remaining;
    shift_spans(&mut found, draft.bom);
    draft.text = fixed;
    Ok(Fixing::Done { found, note })
}

fn fixes_applied(name: &str, count: usize) -> String {
    match count {
        0 => format!("{name}: nothing to fix"),
        1 => format!("{name}: 1 fix applied"),
        n => format!("{name}: {n} fixes applied"),
    }
}

/// Where the report goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
}

/// Writes the findings of every draft, then the lines about fixes (on standard error, with
/// other messages about what postlint did) and the summary.
/// Where a run's findings are written, as they come.
enum Sink {
    Json(report::JsonArray<io::BufWriter<Box<dyn Write>>>),
    Human {
        writer: BufferWriter,
        buf: codespan_reporting::term::termcolor::Buffer,
    },
}

/// A draft made ready for its findings to be written: its line index.
enum View<'a> {
    Json(&'a str, lines::Lines<'a>),
    Human(lines::Snippets<'a>),
}

/// The run's report: findings written in file order as they come, counted for the summary.
struct Report<'c> {
    cli: &'c Cli,
    fail_at: Severity,
    sink: Sink,
    counts: [usize; 3],
    /// Drafts reported on.
    drafts: usize,
    /// Whether a finding fails the run.
    failed: bool,
}

impl<'c> Report<'c> {
    fn new(cli: &'c Cli, fail_at: Severity, to: Stream) -> Report<'c> {
        let sink = match cli.format {
            // Buffered: the standard streams would write each line of the JSON on its own.
            Format::Json => Sink::Json(report::JsonArray::new(io::BufWriter::new(match to {
                Stream::Stdout => Box::new(io::stdout().lock()) as Box<dyn Write>,
                Stream::Stderr => Box::new(io::stderr().lock()),
            }))),
            Format::Human => {
                let writer = match to {
                    Stream::Stdout => BufferWriter::stdout(color_choice(cli.color, &io::stdout())),
                    Stream::Stderr => BufferWriter::stderr(color_choice(cli.color, &io::stderr())),
                };
                let buf = writer.buffer();
                Sink::Human { writer, buf }
            }
        };
        Report {
            cli,
            fail_at,
            sink,
            counts: [0; 3],
            drafts: 0,
            failed: false,
        }
    }

    /// `draft`'s line index, made once for all its findings, and only for a draft with a
    /// finding to write: indexing a draft of a million lines takes 16 MB.
    fn view<'a>(&self, draft: &'a Draft) -> View<'a> {
        match self.sink {
            Sink::Json(_) => View::Json(&draft.name, lines::Lines::new(&draft.text)),
            Sink::Human { .. } => View::Human(lines::Snippets::new(&draft.name, &draft.text)),
        }
    }

    /// Checks `draft` and writes each finding as the linter hands it over.
    fn stream(&mut self, linter: &Linter, draft: &Draft) -> Result<(), Failure> {
        let view = std::cell::OnceCell::new();
        let mut failure = None;
        linter.check_each(&draft.text[draft.bom..], |mut d| {
            if failure.is_none() {
                d.shift(draft.bom);
                failure = self.finding(&view, draft, &d).err();
            }
        });
        self.drafts += 1;
        failure.map_or(Ok(()), |e| Err(e.into()))
    }

    /// Counts `d`, found in `draft`, and writes it (with `--quiet`, only if it fails the
    /// run); `view` holds the draft's index once a finding has needed it.
    fn finding<'a>(
        &mut self,
        view: &std::cell::OnceCell<View<'a>>,
        draft: &'a Draft,
        d: &Diagnostic,
    ) -> io::Result<()> {
        self.counts[d.severity as usize] += 1;
        self.failed |= d.severity >= self.fail_at;
        let quiet_human = matches!(self.sink, Sink::Human { .. }) && self.cli.quiet;
        if quiet_human && d.severity < self.fail_at {
            return Ok(());
        }
        let view = view.get_or_init(|| self.view(draft));
        match (&mut self.sink, view) {
            (Sink::Json(array), View::Json(name, lines)) => {
                array.push(&report::JsonFinding::new(name, lines, d))
            }
            (Sink::Human { writer, buf }, View::Human(snippets)) => {
                report::human(buf, snippets, d)?;
                // Written as it goes, a megabyte at a time.
                if buf.as_slice().len() > 1 << 20 {
                    writer.print(buf)?;
                    buf.clear();
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Ends the report: closes the JSON array, or prints what is left and the summary;
    /// `fix_notes` go to standard error in between.
    fn finish(self, fix_notes: &[String]) -> io::Result<()> {
        let notes = || -> io::Result<()> {
            if self.cli.quiet {
                return Ok(());
            }
            let mut err = io::stderr().lock();
            for note in fix_notes {
                writeln!(err, "postlint: {note}")?;
            }
            err.flush()
        };
        match self.sink {
            Sink::Json(array) => {
                array.finish()?;
                notes()?;
            }
            Sink::Human { writer, buf } => {
                writer.print(&buf)?;
                notes()?;
                // With no draft read there is nothing to sum up: the errors said why.
                if !self.cli.quiet && self.drafts > 0 {
                    let mut buf = writer.buffer();
                    writeln!(buf, "{}", summary(self.counts, self.drafts))?;
                    writer.print(&buf)?;
                }
            }
        }
        Ok(())
    }
}

/// Moves the spans of findings in text after a byte-order mark to offsets into the file.
fn shift_spans(found: &mut [Diagnostic], by: usize) {
    for d in found {
        d.shift(by);
    }
}

fn summary(counts: [usize; 3], files: usize) -> String {
    let [info, warnings, errors] = counts;
    let files = if files == 1 {
        "1 draft".to_string()
    } else {
        format!("{files} drafts")
    };
    if info + warnings + errors == 0 {
        return format!("postlint: no problems found in {files}");
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "postlint: {}, {}, {} in {files}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(info, "note", "notes"),
    )
}

fn list_rules(linter: &Linter) -> Result<Status, Failure> {
    let mut out = io::stdout().lock();
    let width = linter.rules().map(|r| r.id.len()).max().unwrap_or(0);
    for r in linter.rules() {
        let severity = r.severity.map_or("off", Severity::as_str);
        writeln!(
            out,
            "{:width$}  {:15}  {:7}  {}",
            r.id,
            r.category.as_str(),
            severity,
            r.summary
        )?;
    }
    out.flush()?;
    Ok(Status::Clean)
}

fn explain(linter: &Linter, id: &str) -> Result<Status, Failure> {
    let Some(rule) = linter.rule(id) else {
        let ids: Vec<&str> = linter.rules().map(|r| r.id.as_str()).collect();
        let near: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|r| r.contains(id) || id.contains(r.split('/').nth(1).unwrap_or(r)))
            .collect();
        let hint = if near.is_empty() {
            "`postlint rules` lists every rule".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        writeln!(io::stderr(), "postlint: no rule called `{id}`; {hint}")?;
        return Ok(Status::Trouble);
    };
    let mut out = io::stdout().lock();
    write_explanation(&mut out, rule)?;
    out.flush()?;
    Ok(Status::Clean)
}

fn write_explanation(out: &mut dyn Write, rule: &RuleInfo) -> io::Result<()> {
    writeln!(out, "{}: {}", rule.id, rule.summary)?;
    let state = match rule.severity {
        None => "off".to_string(),
        Some(s) if s == rule.default_severity => s.to_string(),
        Some(s) => format!(
            "{s} (changed by house rules; default {})",
            rule.default_severity
        ),
    };
    writeln!(out, "category: {}   severity: {state}", rule.category)?;
    writeln!(out)?;
    for line in wrap(rule.explanation.trim(), 92) {
        writeln!(out, "{line}")?;
    }
    if !rule.examples.is_empty() {
        writeln!(out)?;
        writeln!(out, "Examples:")?;
        for ex in &rule.examples {
            if ex.expect.is_empty() {
                writeln!(out, "  ✓ {}", ex.text)?;
                writeln!(out, "      nothing to report")?;
            } else {
                writeln!(out, "  ✗ {}", ex.text)?;
                let flagged: Vec<String> = ex.expect.iter().map(|s| format!("“{s}”")).collect();
                writeln!(out, "      flags {}", flagged.join(", "))?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "defined in {}", rule.source)?;
    Ok(())
}

/// Wraps a paragraph at `width` characters, on spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
