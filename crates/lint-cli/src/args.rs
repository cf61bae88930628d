//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Check a social-media draft before you post it: details that could identify someone you
/// work with, managerial jargon, tone that reads badly out of context, and the platform's
/// length limit.
///
/// Exit status: 0 when nothing at error severity was found (with `--deny warnings`, no
/// warnings either), 1 when something was, 2 when a file, the house rules or the arguments
/// could not be used.
#[derive(Debug, Parser)]
#[command(name = "postlint", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Draft files to check; none, or `-`, reads the draft from standard input.
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour human output. `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,

    /// Print only the findings that fail the run, and no summary.
    #[arg(long, short)]
    pub quiet: bool,

    /// Apply the suggestions of fix-safe rules, writing each file in place (standard input:
    /// the fixed text goes to standard output), then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Show what `--fix` would change, as a unified diff on standard output, without
    /// writing anything; what would be left is reported on standard error.
    #[arg(long)]
    pub diff: bool,

    /// Refuse drafts and house-rules files larger than this many bytes (a FIFO or a device
    /// such as `/dev/zero` is read up to this cap, then refused).
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_input_bytes: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options that decide which rules run; shared by checking, `rules` and `explain`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The platform the draft is for; decides how length is counted and the limit.
    #[arg(long, value_enum, global = true)]
    pub platform: Option<PlatformArg>,

    /// Use this length limit instead of the platform's own.
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_length: Option<u64>,

    /// House-rules file. Without it, the nearest `postlint.toml` or `.postlint.toml` in the
    /// current directory or a parent is used.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Ignore any house-rules file; use the default rules only.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: id, category, severity, summary.
    Rules,
    /// Explain a rule: why it matters, and its examples.
    Explain {
        /// The rule id, e.g. `jargon/managerial`.
        id: String,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with the draft's text and a caret under each finding.
    Human,
    /// One JSON array of findings (see the README for the contract).
    Json,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the run as errors do.
    Warnings,
}

/// Platforms, as written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    /// X (Twitter): 280, weighted.
    X,
    /// Bluesky: 300 graphemes.
    Bluesky,
    /// Mastodon: 500 graphemes, links count 23.
    Mastodon,
    /// Threads: 500 characters.
    Threads,
    /// LinkedIn: 3000 characters.
    Linkedin,
}

impl From<PlatformArg> for postlint_core::Platform {
    fn from(p: PlatformArg) -> Self {
        use postlint_core::Platform;
        match p {
            PlatformArg::X => Platform::X,
            PlatformArg::Bluesky => Platform::Bluesky,
            PlatformArg::Mastodon => Platform::Mastodon,
            PlatformArg::Threads => Platform::Threads,
            PlatformArg::Linkedin => Platform::Linkedin,
        }
    }
}
