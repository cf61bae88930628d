//! What a check reports: [`Diagnostic`]s with byte spans, severities and suggestions.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
///
/// Ordered from least to most serious, so `severity >= Severity::Warning` reads naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Probably worth changing; fails a run only with `--deny warnings`.
    Warning,
    /// Must be fixed before posting (a confidentiality breach, a post the platform will refuse).
    Error,
}

impl Severity {
    /// The lower-case name used in TOML, JSON and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The family a rule belongs to; the part of a rule id before the `/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Details that could identify a person the author works with.
    Confidentiality,
    /// Managerial and business speak, unexplained acronyms.
    Jargon,
    /// Sarcasm cues, shouting, hostility.
    Tone,
    /// The platform's length limit.
    Length,
}

impl Category {
    /// Every category, in documentation order.
    pub const ALL: [Category; 4] = [
        Category::Confidentiality,
        Category::Jargon,
        Category::Tone,
        Category::Length,
    ];

    /// The lower-case name, as used in rule ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Confidentiality => "confidentiality",
            Category::Jargon => "jargon",
            Category::Tone => "tone",
            Category::Length => "length",
        }
    }

    /// Parses a category name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A byte range into the checked text: `start <= end`, both on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// The span as a `Range`, for slicing the text it came from.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no text.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Extra, rule-specific facts about a finding, for tools that want more than the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Data {
    /// From `length/limit`: the post's length and the limit, in the platform's unit.
    Length {
        /// The length as the platform counts it.
        length: usize,
        /// The platform's limit (or `--max-length`).
        limit: usize,
    },
}

/// A secondary span of a finding, with what it is (the parts of an identifying combination).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// The text this label is about.
    pub span: Span,
    /// What this part is.
    pub message: String,
}

/// One finding in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable rule id, `category/name`.
    pub rule: String,
    /// The rule's category.
    pub category: Category,
    /// Severity after house-rule overrides.
    pub severity: Severity,
    /// What was found and what to do, in plain English.
    pub message: String,
    /// The text the finding is about.
    pub span: Span,
    /// Replacement texts for the span, best first. Empty when there is nothing to suggest.
    pub suggestions: Vec<String>,
    /// Rule-specific structured data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Data>,
    /// Secondary spans that together make the finding, each with a note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// Moves the finding's spans (its labels' too) `by` bytes later: for a finding in text
    /// that sits at offset `by` of a larger text.
    pub fn shift(&mut self, by: usize) {
        let spans =
            std::iter::once(&mut self.span).chain(self.labels.iter_mut().map(|l| &mut l.span));
        for span in spans {
            span.start += by;
            span.end += by;
        }
    }
}
