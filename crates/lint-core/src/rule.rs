//! Rule metadata: the single source for `postlint rules`, `postlint explain` and the docs.

use serde::Serialize;

use crate::diagnostic::{Category, Severity};

/// How a rule finds things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// A list of phrases, matched as whole words, case-insensitively.
    Terms,
    /// A regular expression, with optional validator and context cues.
    Pattern,
    /// Built-in code configured from TOML (length, and later the context-aware detectors).
    Detector,
}

/// An example attached to a rule: a text and the exact texts the rule flags in it.
///
/// An example with an empty `expect` is a "good" example: the rule must flag nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The example draft.
    pub text: String,
    /// The flagged texts, in order of position.
    pub expect: Vec<String>,
}

/// Everything postlint knows about a rule except how it matches.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// Stable id, `category/name`.
    pub id: String,
    /// The category, the part of the id before `/`.
    pub category: Category,
    /// The severity the rule ships with.
    pub default_severity: Severity,
    /// The severity in force after house rules; `None` when the rule is off.
    pub severity: Option<Severity>,
    /// One line: what the rule flags.
    pub summary: String,
    /// One paragraph: why it matters and what to write instead.
    pub explanation: String,
    /// Examples, which also run as tests.
    pub examples: Vec<Example>,
    /// How the rule matches.
    pub kind: RuleKind,
    /// Whether `--fix` may apply this rule's first suggestion without asking.
    pub fix_safe: bool,
    /// Where the rule was defined: `rules/<file>.toml` (built in) or a house-rules path.
    pub source: String,
}

impl RuleInfo {
    /// Whether the rule runs.
    pub fn is_enabled(&self) -> bool {
        self.severity.is_some()
    }
}
