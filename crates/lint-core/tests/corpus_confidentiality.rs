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

use std::collections::BTreeMap;

use corpus_support::{Post, load};
use postlint_core::{Category, Linter, Severity};

#[derive(Default)]
struct Tally {
    predicted: usize,
    correct: usize,
    gold: usize,
    found: usize,
    exact: usize,
}

/// Scores the linter on one corpus folder, prints the table, returns (precision, recall).
#[allow(clippy::print_stderr)] // printing the figures is the point of this helper
fn evaluate(folder: &str, posts: &[Post]) -> (f64, f64) {
    let leaks = posts.iter().filter(|p| !p.gold.is_empty()).count();
    let negatives = posts.len() - leaks;
    for p in posts {
        if p.file.starts_with("negatives") {
            assert!(
                p.gold.is_empty(),
                "{}: labelled negative {:?}",
                p.file,
                p.text
            );
        }
    }

    let linter = Linter::new().expect("default rules build");
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for post in posts {
        let predicted: Vec<(String, usize, usize)> = linter
            .check(&post.text)
            .into_iter()
            .filter(|d| d.category == Category::Confidentiality && d.severity >= Severity::Warning)
            .map(|d| {
                let kind = d.rule.split_once('/').map_or("", |(_, k)| k).to_string();
                (kind, d.span.start, d.span.end)
            })
            .collect();
        let overlaps = |a: &(String, usize, usize), b: &(String, usize, usize)| {
            a.0 == b.0 && a.1 < b.2 && b.1 < a.2
        };
        // A combination is one finding per post that labels its parts: count it per post.
        let combo = "identifying-combination";
        let gold_combo = post.gold.iter().any(|g| g.0 == combo);
        let predicted_combo = predicted.iter().any(|p| p.0 == combo);
        let t = tally.entry(combo.to_string()).or_default();
        t.gold += usize::from(gold_combo);
        t.predicted += usize::from(predicted_combo);
        t.correct += usize::from(gold_combo && predicted_combo);
        t.found += usize::from(gold_combo && predicted_combo);
        if gold_combo && !predicted_combo {
            misses.push(format!("{combo} in {:?}", post.text));
        }
        if predicted_combo && !gold_combo {
            false_alarms.push(format!("{combo} in {:?}", post.text));
        }
        let predicted: Vec<_> = predicted.into_iter().filter(|p| p.0 != combo).collect();
        let gold: Vec<_> = post.gold.iter().filter(|g| g.0 != combo).collect();
        for p in &predicted {
            let t = tally.entry(p.0.clone()).or_default();
            t.predicted += 1;
            if gold.iter().any(|g| overlaps(p, g)) {
                t.correct += 1;
            } else {
                false_alarms.push(format!(
                    "{} {:?} in {:?}",
                    p.0,
                    &post.text[p.1..p.2],
                    post.text
                ));
            }
        }
        for g in gold {
            let t = tally.entry(g.0.clone()).or_default();
            t.gold += 1;
            if predicted.iter().any(|p| overlaps(p, g)) {
                t.found += 1;
                if predicted.iter().any(|p| p == g) {
                    t.exact += 1;
                }
            } else {
                misses.push(format!(
                    "{} {:?} in {:?}",
                    g.0,
                    &post.text[g.1..g.2],
                    post.text
                ));
            }
        }
    }

    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    eprintln!(
        "\n{folder}: {} posts ({leaks} with leaks, {negatives} negatives)",
        posts.len()
    );
    eprintln!(
        "{:26} {:>9} {:>9} {:>6} {:>6} {:>11}",
        "type", "precision", "recall", "pred", "gold", "exact span"
    );
    let mut all = Tally::default();
    for (kind, t) in &tally {
        eprintln!(
            "{kind:26} {:>9.3} {:>9.3} {:>6} {:>6} {:>11.3}",
            ratio(t.correct, t.predicted),
            ratio(t.found, t.gold),
            t.predicted,
            t.gold,
            ratio(t.exact, t.found),
        );
        all.predicted += t.predicted;
        all.correct += t.correct;
        all.gold += t.gold;
        all.found += t.found;
        all.exact += t.exact;
    }
    let precision = ratio(all.correct, all.predicted);
    let recall = ratio(all.found, all.gold);
    eprintln!(
        "{:26} {precision:>9.3} {recall:>9.3} {:>6} {:>6} {:>11.3}",
        "overall",
        all.predicted,
        all.gold,
        ratio(all.exact, all.found)
    );
    if std::env::var_os("POSTLINT_CORPUS_VERBOSE").is_some() {
        for m in &misses {
            eprintln!("miss: {m}");
        }
        for f in &false_alarms {
            eprintln!("false alarm: {f}");
        }
    }
    (precision, recall)
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
