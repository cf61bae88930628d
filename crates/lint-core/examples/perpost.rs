//! How the cost of checking is spread over the 100k-post corpus: each post is checked
//! alone, five times, and its fastest time kept; printed are the share of all the time
//! the most costly posts per byte take, the cost per byte by post length, the five
//! costliest posts per byte, and the cost per byte of the posts that are all ASCII.
//! Whether some kind of post is slow is a question for this; the benchmarks give the
//! figures.

#[path = "../benches/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

fn main() {
    let posts = support::realistic_posts(100_000);
    let linter = postlint_core::Linter::new().expect("default rules");
    for p in &posts {
        linter.check(p);
    }
    let mut cost = vec![u64::MAX; posts.len()];
    for _ in 0..5 {
        for (i, p) in posts.iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(linter.check(std::hint::black_box(p)));
            let ns = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
            cost[i] = cost[i].min(ns);
        }
    }
    // The report is written at the end in one go, so a pipe that closes early (`| head`)
    // ends it quietly rather than in a panic.
    let mut report = String::new();
    let total: u64 = cost.iter().sum();
    let bytes: usize = posts.iter().map(String::len).sum();
    let per_byte = |i: usize| cost[i] as f64 / posts[i].len().max(1) as f64;
    let _ = writeln!(
        report,
        "{} posts, {bytes} bytes: {:.1} ms, {:.1} ns/byte, {:.1} MB/s",
        posts.len(),
        total as f64 / 1e6,
        total as f64 / bytes as f64,
        bytes as f64 / total as f64 * 1e3
    );
    let mut by_cost: Vec<usize> = (0..posts.len()).collect();
    by_cost.sort_by(|&a, &b| per_byte(b).total_cmp(&per_byte(a)));
    let (mut time, mut size) = (0u64, 0usize);
    for (k, &i) in by_cost.iter().enumerate() {
        time += cost[i];
        size += posts[i].len();
        let n = k + 1;
        if [1_000, 10_000, 25_000, 50_000, 75_000].contains(&n) {
            let _ = writeln!(
                report,
                "the {n} costliest posts per byte: {:.1}% of the time, {:.1}% of the bytes \
                 (the {n}th: {:.1} ns/byte)",
                time as f64 * 100.0 / total as f64,
                size as f64 * 100.0 / bytes as f64,
                per_byte(i)
            );
        }
    }
    let mut lengths: BTreeMap<usize, (u64, usize, usize)> = BTreeMap::new();
    for (i, p) in posts.iter().enumerate() {
        let e = lengths.entry(p.len().next_power_of_two()).or_default();
        *e = (e.0 + cost[i], e.1 + p.len(), e.2 + 1);
    }
    for (up_to, (ns, size, n)) in lengths {
        let _ = writeln!(
            report,
            "posts of up to {up_to:4} bytes: {n:6}, {:6.1} ns/byte, {:6.0} ns/post, {:4.1}% of the time",
            ns as f64 / size as f64,
            ns as f64 / n as f64,
            ns as f64 * 100.0 / total as f64
        );
    }
    for &i in by_cost.iter().take(5) {
        let _ = writeln!(report, "{:6.1} ns/byte: {:?}", per_byte(i), posts[i]);
    }
    let (ns, size) = posts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_ascii())
        .fold((0u64, 0usize), |(ns, size), (i, p)| {
            (ns + cost[i], size + p.len())
        });
    let _ = writeln!(
        report,
        "posts all ASCII: {:.1}% of the bytes, {:.1} ns/byte",
        size as f64 * 100.0 / bytes as f64,
        ns as f64 / size as f64
    );
    let _ = std::io::stdout().write_all(report.as_bytes());
}
