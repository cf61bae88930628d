//! What the two passes every post needs cost on their own, over the 100k-post corpus:
//! the fold with its word split (`Folded::with_words`), the same plus one hash lookup per
//! word in the set of the phrases' first words (what a word-level phrase matcher would do
//! before anything else), and the same plus an aho-corasick scan of the folded text for
//! every match of the linter's whole phrase set, overlapping ones included (what the
//! linter's walk must find). Beside them, the benchmarks' baseline (a bare scan of the raw
//! post, `support::bare_automaton`) and the whole linter. Timed in alternating rounds;
//! medians printed as ns per byte and MB/s. Argument: rounds (default 7).
#![allow(clippy::print_stdout)]

#[path = "../benches/support/mod.rs"]
mod support;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::hint::black_box;
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use postlint_core::text::Folded;

/// Hashes a `u64` that is already a hash to itself.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(7);
    let posts = support::realistic_posts(100_000);
    let bytes: usize = posts.iter().map(String::len).sum();
    let linter = postlint_core::Linter::new().expect("default rules");
    let phrases = linter.phrase_list();
    // Every match, overlapping ones included, as the linter's walk must find them.
    let overlapping = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(phrases)
        .expect("builds");
    let bare = support::bare_automaton(&linter);
    // FxHash, eight bytes at a time, as the engine's maps use; the set keyed by the hash
    // itself (no second hash).
    let fx = |s: &str| {
        let mut h = 0u64;
        for c in s.as_bytes().chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        h
    };
    // The first word of each phrase (up to its first char that is not a letter or digit).
    let first_hashes: HashSet<u64, BuildHasherDefault<Identity>> = phrases
        .iter()
        .filter_map(|p| p.split(|c: char| !c.is_alphanumeric()).next())
        .filter(|w| !w.is_empty())
        .map(fx)
        .collect();

    type Pass<'a> = Box<dyn Fn(&str) -> usize + 'a>;
    let passes: Vec<(&str, Pass)> = vec![
        (
            "fold + split",
            Box::new(|p: &str| Folded::with_words(p).words().len()),
        ),
        (
            "fold + split + word hash lookup",
            Box::new(|p: &str| {
                let f = Folded::with_words(p);
                f.words()
                    .iter()
                    .filter(|w| first_hashes.contains(&fx(f.key(w))))
                    .count()
            }),
        ),
        (
            "fold + split + overlapping AC scan",
            Box::new(|p: &str| {
                let f = Folded::with_words(p);
                overlapping.find_overlapping_iter(f.as_str()).count() + f.words().len()
            }),
        ),
        (
            "bare AC scan of the raw post",
            Box::new(|p: &str| bare.find_iter(p).count()),
        ),
        ("whole linter", Box::new(|p: &str| linter.check(p).len())),
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); passes.len()];
    for _ in 0..rounds {
        for (k, (_, pass)) in passes.iter().enumerate() {
            let t = Instant::now();
            let mut n = 0;
            for p in &posts {
                n += pass(black_box(p));
            }
            black_box(n);
            times[k].push(t.elapsed().as_secs_f64());
        }
    }
    println!(
        "{} posts, {bytes} bytes, {rounds} rounds, medians:",
        posts.len()
    );
    for ((name, _), t) in passes.iter().zip(&mut times) {
        t.sort_by(f64::total_cmp);
        let m = t[t.len() / 2];
        println!(
            "{name:>34}: {:7.1} ms  {:5.2} ns/byte  {:6.1} MB/s",
            m * 1e3,
            m * 1e9 / bytes as f64,
            bytes as f64 / m / 1e6
        );
    }
}
