//! Precision and recall of the jargon rules over the labelled corpus in
//! `tests/corpus/jargon/` (format and labelling conventions in its README). Fails below 0.85
//! overall on either. The held-out corpus `tests/corpus/jargon-holdout/`, written blind to
//! the rules and to the first corpus, is scored and printed but not asserted.
//!
//! A prediction is a jargon finding at any severity, notes included: `jargon/acronym` and
//! `jargon/figurative` report notes by design (the public may not know the acronym; the
//! word is jargon only in one sense), and notes are printed by default. Findings of
//! `jargon/managerial` and `jargon/figurative` are scored as `managerial` labels;
//! `jargon/public-sector` is off by default.
//!
//! `managerial` spans match by overlap (as the corpus README suggests: a cliché's edges,
//! "reach out" or "reach out to", are the least certain part of a label); `acronym` spans
//! must match exactly. A prediction is correct
//! when it matches a label of its type; a label is found when some prediction of its type
//! matches it. `POSTLINT_CORPUS_VERBOSE=1` lists the misses and false alarms.

mod corpus_support;

use corpus_support::{Post, Scoring, Span, check_files, check_types, load, load_if_present, score};
use postlint_core::{Category, Linter};

/// The label types.
const TYPES: &[&str] = &["acronym", "managerial"];

/// Managerial terms by overlap, acronyms exactly.
const SCORING: Scoring = Scoring {
    by_overlap: |kind| kind == "managerial",
    per_post: &[],
};

/// The label type a jargon rule's findings are scored as.
fn label_type(rule: &str) -> &str {
    match rule {
        "jargon/acronym" => "acronym",
        _ => "managerial",
    }
}

/// Scores the default rules on the posts, prints the table, returns (precision, recall).
fn evaluate(name: &str, posts: &[Post]) -> (f64, f64) {
    check_types(posts, TYPES);
    let linter = Linter::new().expect("default rules build");
    score(name, posts, &SCORING, |post| {
        linter
            .check(&post.text)
            .into_iter()
            .filter(|d| d.category == Category::Jargon)
            .map(|d| -> Span { (label_type(&d.rule).to_string(), d.span.start, d.span.end) })
            .collect()
    })
}

#[test]
fn jargon_precision_and_recall() {
    let posts = load("jargon");
    check_files(&posts, true);
    let positives = posts.iter().filter(|p| !p.gold.is_empty()).count();
    assert!(posts.len() >= 300, "corpus has {} posts", posts.len());
    assert!(
        positives >= 150 && posts.len() - positives >= 150,
        "{positives} positives of {} posts",
        posts.len()
    );
    if let Some(holdout) = load_if_present("jargon-holdout") {
        evaluate("jargon-holdout (not asserted)", &holdout);
    }
    let (precision, recall) = evaluate("jargon", &posts);
    assert!(precision >= 0.85, "overall precision {precision:.3} < 0.85");
    assert!(recall >= 0.85, "overall recall {recall:.3} < 0.85");
}
