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
//!
//! The performance targets, each measured in the same run as its baseline (divan cannot
//! divide one benchmark by another: `benches/ratios.rs` times the pairs alternately and
//! prints their ratios):
//!
//! - the whole linter at most 10x one bare aho-corasick scan with the same phrase set:
//!   compare `all_rules(realistic)` with `bare_aho_corasick(realistic)`;
//! - archives of 10k and 100k posts: `all_rules_posts`;
//! - cost linear in the input: MB/s of `all_rules_scaling` (1, 4 and 16 MB of posts) and of
//!   `single_draft_scaling` (one draft of 64 KiB, 256 KiB and 1 MiB) should stay flat, and
//!   so should `dense_draft_scaling` (findings in every sentence);
//! - 10,000 house-rule terms at most 2x slower than 10: compare `house_terms(10_000)` with
//!   `house_terms(10)`, and `build_with_house_terms` likewise for start-up.
//!
//! Divan's filters match the names with their arguments, so one pair alone runs with, e.g.,
//! `cargo bench -p postlint-core --bench throughput -- all_rules::realistic bare_aho`.

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

use support::{is_foundation, linter_with};

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
    run(bencher, linter_with(is_foundation, ""), corpus(corpus_name));
}

/// The foundation plus every confidentiality detector: against `foundation_only`, what
/// the confidentiality rules cost.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn foundation_confidentiality(bencher: Bencher, corpus_name: &str) {
    let linter = linter_with(
        |id| is_foundation(id) || id.starts_with("confidentiality/"),
        "",
    );
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
        linter_with(|r| is_foundation(r) || r == id, ""),
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

/// One bare aho-corasick scan (leftmost-longest, ASCII case-insensitive DFA) of each
/// realistic post with the default linter's phrase set: the baseline for `all_rules`.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic"])]
fn bare_aho_corasick(bencher: Bencher, corpus_name: &str) {
    let linter = Linter::new().expect("default rules");
    let automaton = support::bare_automaton(&linter);
    let corpus = corpus(corpus_name);
    let bytes: usize = corpus.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut matches = 0;
        for post in corpus {
            matches += automaton.find_iter(black_box(post.as_str())).count();
        }
        matches
    });
}

/// Every default rule over archives of 10k and 100k realistic posts, checked one by one.
#[divan::bench(sample_count = 5, sample_size = 1, args = [10_000, 100_000])]
fn all_rules_posts(bencher: Bencher, posts: usize) {
    run(
        bencher,
        Linter::new().expect("default rules"),
        &support::realistic_posts(posts),
    );
}

/// Every default rule over 1, 4 and 16 MB of realistic posts: flat MB/s means linear cost.
#[divan::bench(sample_count = 5, sample_size = 1, args = [1, 4, 16])]
fn all_rules_scaling(bencher: Bencher, megabytes: usize) {
    run(
        bencher,
        Linter::new().expect("default rules"),
        &support::realistic(megabytes << 20),
    );
}

/// Every default rule over one long draft (realistic posts joined by blank lines) of at
/// least 64 KiB, 256 KiB and 1 MiB: flat MB/s means linear cost in a draft's length.
#[divan::bench(sample_count = 5, sample_size = 1, args = [64 << 10, 256 << 10, 1 << 20])]
fn single_draft_scaling(bencher: Bencher, draft_bytes: usize) {
    let mut draft = String::new();
    for post in REALISTIC.iter() {
        if draft.len() >= draft_bytes {
            break;
        }
        if !draft.is_empty() {
            draft.push_str("\n\n");
        }
        draft.push_str(post);
    }
    let linter = Linter::new().expect("default rules");
    bencher
        .counter(BytesCount::new(draft.len()))
        .bench(|| black_box(linter.check(black_box(&draft))).len());
}

/// Every default rule over one draft of 256 KiB, 1 MiB and 4 MiB in which every sentence
/// has findings (jargon, an allow-listed public name, an `except` phrase): flat MB/s means
/// the cost of sifting findings grows linearly too.
#[divan::bench(sample_count = 5, sample_size = 1, args = [256 << 10, 1 << 20, 4 << 20])]
fn dense_draft_scaling(bencher: Bencher, draft_bytes: usize) {
    const SENTENCE: &str = "Going forward we will touch base with the key worker about \
        Eileen Munro's review, leveraging best practice!! ";
    let draft = SENTENCE.repeat(draft_bytes / SENTENCE.len() + 1);
    let linter = Linter::new().expect("default rules");
    bencher
        .counter(BytesCount::new(draft.len()))
        .bench(|| black_box(linter.check(black_box(&draft))).len());
}

/// The default rules plus one house `terms` rule of 10 or 10,000 phrases, over the
/// realistic corpus: what a long house list costs a run.
#[divan::bench(sample_count = 5, sample_size = 1, args = [10, 10_000])]
fn house_terms(bencher: Bencher, terms: usize) {
    let linter = Linter::builder()
        .house_rules("bench.toml", support::house_terms_toml(terms))
        .build()
        .expect("builds");
    run(bencher, linter, &REALISTIC);
}

/// Building the linter with the default rules plus a house `terms` rule of 10 or 10,000
/// phrases (start-up cost; the phrase automata are built later, on first use).
#[divan::bench(sample_count = 10, args = [10, 10_000])]
fn build_with_house_terms(bencher: Bencher, terms: usize) {
    let toml = support::house_terms_toml(terms);
    bencher
        .with_inputs(|| toml.clone())
        .bench_values(|toml| Linter::builder().house_rules("bench.toml", toml).build());
}

/// [`foundation_only`] through `check_all`.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn foundation_only_archive(bencher: Bencher, corpus_name: &str) {
    run_archive(bencher, linter_with(is_foundation, ""), corpus(corpus_name));
}

/// [`foundation_confidentiality`] through `check_all`.
#[divan::bench(sample_count = 10, sample_size = 1, args = ["realistic", "leak-dense"])]
fn foundation_confidentiality_archive(bencher: Bencher, corpus_name: &str) {
    let linter = linter_with(
        |id| is_foundation(id) || id.starts_with("confidentiality/"),
        "",
    );
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
