//! postlint's library: checks a social-media draft for details that could identify someone,
//! managerial jargon, tone that reads badly out of context, and the platform's length limit.
//!
//! ```
//! use postlint_core::Linter;
//!
//! let linter = Linter::new().expect("the default rules are valid");
//! let found = linter.check("Let's touch base going forward.");
//! assert_eq!(found[0].rule, "jargon/managerial");
//! assert_eq!(&"Let's touch base going forward."[found[0].span.range()], "touch base");
//! ```
//!
//! The library never prints, exits or touches files: front ends read drafts and house-rule
//! files themselves and pass their text in ([`decode`] turns a draft file's bytes into that
//! text). Spans are byte ranges into the text given to [`Linter::check`]; line and column are
//! the renderer's business.
//!
//! [`Linter::fix`] applies the suggestions of fix-safe rules and returns the new text; the
//! [`fix`] module explains how (overlaps, deleting phrases, capitals).

#![deny(missing_docs)]

mod batch;
mod builtin;
pub mod config;
pub mod decode;
mod detect;
pub mod diagnostic;
pub mod engine;
pub mod fix;
mod inflect;
pub mod length;
mod phrase_dfa;
pub mod rule;
pub mod text;
pub mod validate;

pub use config::ConfigError;
pub use diagnostic::{Category, Data, Diagnostic, Label, Severity, Span};
pub use engine::{Linter, LinterBuilder, PIECE_BYTES};
pub use fix::{Fix, FixOutcome, Fixed};
pub use length::{Measure, Platform};
pub use rule::{Example, RuleInfo, RuleKind};

/// The labelled corpora's reader, shared with the integration tests and the benchmarks.
#[cfg(test)]
#[allow(dead_code, clippy::print_stderr)] // the library's tests only read posts
#[path = "../tests/corpus_support/mod.rs"]
pub(crate) mod corpus_support;

/// Every post of every labelled corpus, markup removed, for tests that compare two ways of
/// finding the same thing.
#[cfg(test)]
pub(crate) fn corpus_posts() -> Vec<String> {
    corpus_support::load_all()
        .into_iter()
        .map(|p| p.text)
        .collect()
}
