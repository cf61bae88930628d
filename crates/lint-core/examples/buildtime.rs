//! Prints how long building the default linter takes, and the first check (which loads the
//! gazetteers). A quick look for start-up work; the benchmark has the real figures.
#![allow(clippy::print_stdout)]
use std::time::Instant;
fn main() {
    for _ in 0..std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3)
    {
        let t = Instant::now();
        let linter = postlint_core::Linter::new().expect("builds");
        let built = t.elapsed();
        let t = Instant::now();
        let n = linter
            .check("Visited Jayden in Peckham today, he is 14.")
            .len();
        println!(
            "build {built:?}, first check {:?} ({n} findings)",
            t.elapsed()
        );
    }
}
