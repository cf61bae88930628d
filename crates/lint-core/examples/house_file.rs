//! Prints the house-rules file the benchmarks use: one `terms` rule of N phrases (default
//! 10,000), a team's list of its own services. For timing the whole process with a long
//! house list, as BENCHMARKS.md does:
//!
//! ```text
//! cargo run --release -p postlint-core --example house_file -- 10000 > /tmp/house-10000.toml
//! hyperfine -N 'target/release/postlint --config /tmp/house-10000.toml tests/drafts/clean.txt'
//! ```
#![allow(clippy::print_stdout)]

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    print!("{}", support::house_terms_toml(n));
}
