//! The performance targets that are ratios, each pair measured side by side in one run and
//! the ratio printed: divan (`benches/throughput.rs`) measures each benchmark on its own and
//! cannot divide one by another.
//!
//! Run: `cargo bench -p postlint-core --bench ratios` (about a minute). For each pair, the
//! two sides are timed alternately, round after round, over the same 10 MB realistic
//! corpus (see `support`), posts checked one by one; it prints each side's median, the
//! median of the per-round ratios (the figure that survives a noisy machine: both sides of
//! a round see the same noise) and the target. The first round warms up and is dropped.
//!
//! - the whole linter against one bare aho-corasick scan of the same phrase set (≤ 10x);
//! - the default rules plus a house `terms` rule of 10,000 phrases against one of 10 (≤ 2x);
//! - the confidentiality detectors against the foundation's rules alone (issue 3, ≤ 2x).
//!
//! Arguments: the number of rounds (default 9).
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::Instant;

use postlint_core::Linter;

mod support;

use support::{is_foundation, linter_with};

/// The corpus size, as in `benches/throughput.rs`.
const TARGET_BYTES: usize = 10 * 1024 * 1024;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Seconds to check every post of `corpus` one by one.
fn check_all_posts(linter: &Linter, corpus: &[String]) -> f64 {
    let t = Instant::now();
    let mut findings = 0;
    for post in corpus {
        findings += black_box(linter.check(black_box(post))).len();
    }
    black_box(findings);
    t.elapsed().as_secs_f64()
}

/// Times `a` and `b` alternately for `rounds` rounds (after one warm-up) and prints the
/// medians and the median ratio b / a.
fn pair(
    name: &str,
    target: &str,
    rounds: usize,
    (a_name, mut a): (&str, impl FnMut() -> f64),
    (b_name, mut b): (&str, impl FnMut() -> f64),
) {
    a();
    b();
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        // Alternate which side goes first, so neither always runs on a warmer cache.
        let (x, y) = if round % 2 == 0 {
            let x = a();
            (x, b())
        } else {
            let y = b();
            (a(), y)
        };
        ta.push(x);
        tb.push(y);
        ratios.push(y / x);
    }
    println!(
        "{name}: {a_name} {:.1} ms, {b_name} {:.1} ms (medians of {rounds}); \
         ratio {:.2}x (median of the rounds' ratios; target {target})",
        median(ta) * 1e3,
        median(tb) * 1e3,
        median(ratios),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; the first number among the arguments is the rounds.
    let rounds = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(9);
    let corpus = support::realistic(TARGET_BYTES);
    let megabytes = corpus.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} posts, {megabytes:.1} MB, every post checked on its own",
        corpus.len()
    );

    let all = Linter::new().expect("default rules");
    let automaton = support::bare_automaton(&all);
    pair(
        "whole linter vs bare aho-corasick",
        "at most 10x",
        rounds,
        ("bare scan", || {
            let t = Instant::now();
            let mut matches = 0;
            for post in &corpus {
                matches += automaton.find_iter(black_box(post.as_str())).count();
            }
            black_box(matches);
            t.elapsed().as_secs_f64()
        }),
        ("every rule", || check_all_posts(&all, &corpus)),
    );

    let short = linter_with(|_| true, &support::house_terms_toml(10));
    let long = linter_with(|_| true, &support::house_terms_toml(10_000));
    pair(
        "10,000 house terms vs 10",
        "at most 2x",
        rounds,
        ("10 terms", || check_all_posts(&short, &corpus)),
        ("10,000 terms", || check_all_posts(&long, &corpus)),
    );

    let with_confidentiality = |id: &str| is_foundation(id) || id.starts_with("confidentiality/");
    let f = linter_with(is_foundation, "");
    let c = linter_with(with_confidentiality, "");
    pair(
        "confidentiality detectors vs foundation (issue 3)",
        "at most 2x",
        rounds,
        ("foundation", || check_all_posts(&f, &corpus)),
        ("+ confidentiality", || check_all_posts(&c, &corpus)),
    );
}
