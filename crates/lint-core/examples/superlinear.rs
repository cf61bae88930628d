//! Looks for drafts whose checking cost grows faster than their length: each labelled
//! corpus post (and each example draft) is repeated into one long draft of `SMALL` and of
//! eight times as many bytes, and both are checked with every default rule. A post whose
//! long draft costs more than `LIMIT` times eight the short one's is printed, worst first.
//!
//! A post repeated is a draft dense in exactly its own findings (a cue, a public name, an
//! `except` phrase in every sentence), which is where a list searched once per finding
//! turns quadratic: the allow-list, `except` and person-name lists each did until this
//! tool found them. Timings, so run it on a quiet machine, in release:
//!
//! ```sh
//! cargo run --release -p postlint-core --example superlinear [SMALL_BYTES] [LIMIT]
//! ```
#![allow(clippy::print_stdout)]

#[path = "../benches/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use postlint_core::Linter;

/// The fastest of three checks of `text`.
fn time(linter: &Linter, text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(linter.check(std::hint::black_box(text)));
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let small: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(32 << 10);
    let limit: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2.0);
    let linter = Linter::new().expect("default rules");
    let posts = support::every_post();
    let mut worst: Vec<(f64, Duration, &str)> = Vec::new();
    for post in &posts {
        let unit = format!("{post}\n\n");
        let short = unit.repeat(small / unit.len() + 1);
        let long = unit.repeat(8 * (small / unit.len() + 1));
        let (a, b) = (time(&linter, &short), time(&linter, &long));
        let growth = b.as_secs_f64() / a.as_secs_f64().max(1e-9) / 8.0;
        worst.push((growth, b, post));
    }
    worst.sort_by(|x, y| y.0.total_cmp(&x.0));
    println!(
        "{} posts, {small} and {} bytes each; cost per byte of the long draft over the short:",
        posts.len(),
        8 * small
    );
    for (growth, long, post) in worst.iter().take(10) {
        let flag = if *growth > limit {
            "  <-- superlinear"
        } else {
            ""
        };
        let shown: String = post.chars().take(70).collect();
        println!("{growth:5.2}x  {long:>9.2?}  {shown:?}{flag}");
    }
    let over = worst.iter().filter(|w| w.0 > limit).count();
    println!("{over} over {limit}x");
}
