//! Throughput of `Linter::check` over a realistic corpus of posts, checked one by one, and
//! of `Linter::check_all`, which checks an archive's posts a batch at a time.
//!
//! Run: `cargo bench -p postlint-core --bench throughput`. The corpora are generated, not
//! committed (see `support`): about 10 MB each, `realistic` (an archive of practitioners'
//! posts, one in ten leaking something) and `leak-dense` (the worst case: every post from
//! the confidentiality corpus). Compare `all_rules` with `foundation_only` (length and
//! jargon) with `foundation_confidentiality` (the same plus every confidentiality
//! detector) on the same corpus in the same run: the ratio is the figure that survives
//! noisy machines. `foundation_plus` gives each detector's own cost on the leak-dense
//! corpus; `all_rules` is every default rule (tone and the other jargon rules too). The
//! `_archive` benchmarks check the same corpus with `check_all`.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use postlint_core::Linter;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

mod support;

/// The realistic corpus (see `support::realistic`).
static REALISTIC: LazyLock<Vec<String>> = LazyLock::new(|| support::realistic(TARGET_BYTES));
/// The worst case for the confidentiality detectors (see `support::leak_dense`).
static LEAK_DENSE: LazyLock<Vec<String>> = LazyLock::new(|| support::leak_dense(TARGET_BYTES));

fn corpus(name: &str) -> &'static [String] {
    match name {
        "leak-dense" => &LEAK_DENSE,
        _ => &REALISTIC,
    }
}

/// A linter with the default rules, only those that `keep` accepts switched on.
fn linter_with(keep: impl Fn(&str) -> bool) -> Linter {
    let mut house = String::from("[severity]\n");
    for rule in Linter::new().expect("default rules").rules() {
        if rule.is_enabled() && !keep(&rule.id) {
            house.push_str(&format!("\"{}\" = \"off\"\n", rule.id));
        }
    }
    Linter::builder()
        .house_rules("bench.toml", house)
        .build()
        .expect("builds")
}

/// The foundation's rules: the length limit and managerial jargon.
fn is_foundation(id: &str) -> bool {
    id == "length/limit" || id == "jargon/managerial"
}

fn run(bencher: Bencher, linter: Linter, corpus: &[String]) {
    let bytes: usize = corpus.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut findings = 0;
        for post in corpus {
            findings += black_box(linter.check(black_box(post))).len();
        }
        findings
    });
}

/// [`run`] through [`Linter::check_all`], as an archive or export is checked.
fn run_archive(bencher: Bencher, linter: Linter, corpus: &[String]) {
    let bytes: usize = corpus.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        linter
            .check_all(black_box(corpus))
            .map(|(_, found)| black_box(found).len())
            .sum::<usize>()
    });
}

fn main() {
    divan::main();
}

/// Only the foundation's rules: the length limit and managerial jargon.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn foundation_only(bencher: Bencher, corpus_name: &str) {
    run(bencher, linter_with(is_foundation), corpus(corpus_name));
}

/// The foundation plus every confidentiality detector: against `foundation_only`, what
/// the confidentiality rules cost.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn foundation_confidentiality(bencher: Bencher, corpus_name: &str) {
    let linter = linter_with(|id| is_foundation(id) || id.starts_with("confidentiality/"));
    run(bencher, linter, corpus(corpus_name));
}

/// The foundation plus one confidentiality detector: what each detector costs on its own.
#[divan::bench(
    sample_count = 5,
    sample_size = 1,
    args = ["address", "case-reference", "date-of-birth", "email", "identifying-combination",
            "nhs-number", "ni-number", "person-name", "phone", "postcode"]
)]
fn foundation_plus(bencher: Bencher, detector: &str) {
    let id = format!("confidentiality/{detector}");
    run(
        bencher,
        linter_with(|r| is_foundation(r) || r == id),
        &LEAK_DENSE,
    );
}

/// Every default rule, confidentiality detectors included.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn all_rules(bencher: Bencher, corpus_name: &str) {
    run(
        bencher,
        Linter::new().expect("default rules"),
        corpus(corpus_name),
    );
}

/// [`foundation_only`] through `check_all`.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn foundation_only_archive(bencher: Bencher, corpus_name: &str) {
    run_archive(bencher, linter_with(is_foundation), corpus(corpus_name));
}

/// [`foundation_confidentiality`] through `check_all`.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn foundation_confidentiality_archive(bencher: Bencher, corpus_name: &str) {
    let linter = linter_with(|id| is_foundation(id) || id.starts_with("confidentiality/"));
    run_archive(bencher, linter, corpus(corpus_name));
}

/// [`all_rules`] through `check_all`.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn all_rules_archive(bencher: Bencher, corpus_name: &str) {
    run_archive(
        bencher,
        Linter::new().expect("default rules"),
        corpus(corpus_name),
    );
}

/// Building the linter with the default rules (start-up cost).
#[divan::bench]
fn build_default_linter() -> Linter {
    Linter::new().expect("default rules")
}
