//! Throughput of `Linter::check` over a realistic corpus of posts, checked one by one.
//!
//! Run: `cargo bench -p postlint-core --bench throughput`. The corpus is generated, not
//! committed: the labelled posts in `tests/corpus/` and the drafts in `tests/drafts/` are
//! recombined deterministically (sentences shuffled, numbers and names varied) until about
//! 10 MB. Compare `all_rules` with `foundation_only` (length and jargon, no confidentiality
//! detectors) in the same run: the ratio is the figure that survives noisy machines.

use std::path::Path;
use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use postlint_core::Linter;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

/// A small deterministic generator (PCG-style LCG), so every run measures the same corpus.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

fn seed_posts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut posts = Vec::new();
    for dir in ["tests/corpus/confidentiality", "tests/drafts"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let Ok(body) = std::fs::read_to_string(&path) else {
                continue;
            };
            let body: String = body
                .lines()
                .filter(|l| !l.starts_with('%'))
                .collect::<Vec<_>>()
                .join("\n");
            for post in body.split("\n---\n") {
                // Drop the corpus markup: [[type|text]] -> text.
                let mut clean = String::new();
                let mut rest = post;
                while let Some(i) = rest.find("[[") {
                    clean.push_str(&rest[..i]);
                    let after = &rest[i + 2..];
                    let Some(j) = after.find("]]") else { break };
                    clean.push_str(after[..j].split_once('|').map_or("", |(_, t)| t));
                    rest = &after[j + 2..];
                }
                clean.push_str(rest);
                if !clean.trim().is_empty() {
                    posts.push(clean.trim().to_string());
                }
            }
        }
    }
    assert!(!posts.is_empty(), "no seed posts found");
    posts
}

/// About 10 MB of posts: seed posts recombined sentence by sentence.
static CORPUS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let seeds = seed_posts();
    let sentences: Vec<&str> = seeds
        .iter()
        .flat_map(|p| p.split_inclusive(['.', '!', '?']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut rng = Lcg(0x5eed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        let post = if rng.next().is_multiple_of(3) {
            seeds[rng.next() % seeds.len()].clone()
        } else {
            let n = 1 + rng.next() % 5;
            (0..n)
                .map(|_| sentences[rng.next() % sentences.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        total += post.len();
        out.push(post);
    }
    out
});

fn corpus_bytes() -> usize {
    CORPUS.iter().map(String::len).sum()
}

fn run(bencher: Bencher, linter: Linter) {
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        let mut findings = 0;
        for post in CORPUS.iter() {
            findings += black_box(linter.check(black_box(post))).len();
        }
        findings
    });
}

fn main() {
    divan::main();
}

/// Only the foundation's rules: length and managerial jargon.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn foundation_only(bencher: Bencher) {
    let mut house = String::from("[severity]\n");
    let linter = Linter::new().expect("default rules");
    for rule in linter.rules() {
        if rule.category == postlint_core::Category::Confidentiality {
            house.push_str(&format!("\"{}\" = \"off\"\n", rule.id));
        }
    }
    let linter = Linter::builder()
        .house_rules("bench.toml", house)
        .build()
        .expect("builds");
    run(bencher, linter);
}

/// The foundation plus one confidentiality detector: what each detector costs on its own.
#[divan::bench(
    sample_count = 5,
    sample_size = 1,
    args = ["address", "case-reference", "date-of-birth", "email", "identifying-combination",
            "nhs-number", "ni-number", "person-name", "phone", "postcode"]
)]
fn foundation_plus(bencher: Bencher, detector: &str) {
    let mut house = String::from("[severity]\n");
    let linter = Linter::new().expect("default rules");
    for rule in linter.rules() {
        if rule.category == postlint_core::Category::Confidentiality
            && rule.id != format!("confidentiality/{detector}")
        {
            house.push_str(&format!("\"{}\" = \"off\"\n", rule.id));
        }
    }
    let linter = Linter::builder()
        .house_rules("bench.toml", house)
        .build()
        .expect("builds");
    run(bencher, linter);
}

/// Every default rule, confidentiality detectors included.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn all_rules(bencher: Bencher) {
    run(bencher, Linter::new().expect("default rules"));
}

/// Building the linter with the default rules (start-up cost).
#[divan::bench]
fn build_default_linter() -> Linter {
    Linter::new().expect("default rules")
}
