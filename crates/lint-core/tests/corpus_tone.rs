//! Precision and recall of the tone rules over the labelled corpus in `tests/corpus/tone/`
//! (format and labelling conventions in its README). Fails below 0.85 overall on either.
//! The held-out corpus `tests/corpus/tone-holdout/`, written blind to the rules and to the
//! first corpus, is scored and printed but not asserted: the rules' word lists were built
//! with the first corpus in view, so only the held-out figure says how they generalise.
//!
//! A prediction is a tone finding at any severity, notes included. No tone detector uses a
//! lower severity to express doubt: a note is a note by design (tone tags other than the
//! sarcasm ones, which only say how to read a post; runs of `!` and `?`, which are mostly
//! harmless), and notes are printed by default, so they are part of what the writer sees.
//! Counting only warnings would score those two rules as finding nothing while they report
//! exactly what they were designed to.
//!
//! `sarcasm` and `shouting` spans match by overlap, because the edges of a cue phrase or of a
//! run of capitals are the least certain part of the labels (as the corpus README suggests);
//! `tone-tag`, `punctuation` and `hostile` spans must match exactly. A prediction is correct
//! when it matches a label of its type; a label is found when some prediction of its type
//! matches it. `POSTLINT_CORPUS_VERBOSE=1` lists the misses and false alarms.

mod corpus_support;

use corpus_support::{Post, Scoring, Span, check_files, check_types, load, load_if_present, score};
use postlint_core::{Category, Linter};

/// The label types.
const TYPES: &[&str] = &["hostile", "punctuation", "sarcasm", "shouting", "tone-tag"];

/// Sarcasm and shouting by overlap, the rest exactly.
const SCORING: Scoring = Scoring {
    by_overlap: |kind| matches!(kind, "sarcasm" | "shouting"),
    per_post: &[],
};

/// Scores the default rules on the posts, prints the table, returns (precision, recall).
fn evaluate(name: &str, posts: &[Post]) -> (f64, f64) {
    check_types(posts, TYPES);
    let linter = Linter::new().expect("default rules build");
    score(name, posts, &SCORING, |post| {
        linter
            .check(&post.text)
            .into_iter()
            .filter(|d| d.category == Category::Tone)
            .map(|d| -> Span {
                let kind = d.rule.split_once('/').map_or("", |(_, k)| k);
                assert!(
                    TYPES.contains(&kind),
                    "a tone rule outside the corpus types: {kind}"
                );
                (kind.to_string(), d.span.start, d.span.end)
            })
            .collect()
    })
}

#[test]
fn tone_precision_and_recall() {
    let posts = load("tone");
    check_files(&posts, true);
    let positives = posts.iter().filter(|p| !p.gold.is_empty()).count();
    assert!(posts.len() >= 350, "corpus has {} posts", posts.len());
    assert!(
        positives >= 170 && posts.len() - positives >= 170,
        "{positives} positives of {} posts",
        posts.len()
    );
    if let Some(holdout) = load_if_present("tone-holdout") {
        evaluate("tone-holdout (not asserted)", &holdout);
    }
    let (precision, recall) = evaluate("tone", &posts);
    assert!(precision >= 0.85, "overall precision {precision:.3} < 0.85");
    assert!(recall >= 0.85, "overall recall {recall:.3} < 0.85");
}
