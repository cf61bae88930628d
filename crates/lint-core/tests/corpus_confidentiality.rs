//! Precision and recall of the confidentiality detectors over the labelled corpus in
//! `tests/corpus/confidentiality/` (format in its README). Fails below 0.90 overall on
//! either.
//!
//! A prediction is a confidentiality finding at warning or error severity (notes are
//! informational and never fail a run). It is correct when it overlaps a labelled span of the
//! same type; a labelled span is found when some prediction of its type overlaps it. An
//! identifying combination is one finding per post with a label on each part, so it is
//! counted per post: a post labelled with a combination is found when postlint reports one.

mod corpus_support;

use corpus_support::{Post, Scoring, Span, check_files, load, score};
use postlint_core::{Category, Linter, Severity};

/// Every type by overlap; the combination once per post.
const SCORING: Scoring = Scoring {
    by_overlap: |_| true,
    per_post: &["identifying-combination"],
};

/// Scores the default rules on one corpus folder, prints the table, returns (precision,
/// recall).
fn evaluate(folder: &str, posts: &[Post]) -> (f64, f64) {
    check_files(posts, false);
    let linter = Linter::new().expect("default rules build");
    score(folder, posts, &SCORING, |post| {
        linter
            .check(&post.text)
            .into_iter()
            .filter(|d| d.category == Category::Confidentiality && d.severity >= Severity::Warning)
            .map(|d| -> Span {
                let kind = d.rule.split_once('/').map_or("", |(_, k)| k).to_string();
                (kind, d.span.start, d.span.end)
            })
            .collect()
    })
}

#[test]
fn confidentiality_precision_and_recall() {
    let posts = load("confidentiality");
    let leaks = posts.iter().filter(|p| !p.gold.is_empty()).count();
    assert!(posts.len() >= 400, "corpus has {} posts", posts.len());
    assert!(
        leaks >= 180 && posts.len() - leaks >= 180,
        "{leaks} leaks of {} posts",
        posts.len()
    );
    let (precision, recall) = evaluate("confidentiality", &posts);
    assert!(precision >= 0.90, "overall precision {precision:.3} < 0.90");
    assert!(recall >= 0.90, "overall recall {recall:.3} < 0.90");
}

/// The held-out corpus (written blind to the detectors, never used for tuning): its figures
/// are printed as evidence of how the detectors generalise, not asserted, so that nobody is
/// tempted to tune against it. The format and its own rules are still checked.
#[test]
fn held_out_corpus_is_scored() {
    let posts = load("confidentiality-holdout");
    assert!(
        posts.len() >= 160,
        "held-out corpus has {} posts",
        posts.len()
    );
    let (precision, recall) = evaluate("confidentiality-holdout (not asserted)", &posts);
    assert!((0.0..=1.0).contains(&precision) && (0.0..=1.0).contains(&recall));
}
