//! Prints how long building the default linter takes, and the first check (which loads the
//! gazetteers). A quick look for start-up work; the benchmark has the real figures.
//!
//! Arguments: the number of runs (3), and a house-rules file. With a file, each run also
//! times parsing the file with the toml crate alone (the same parse the builder starts
//! with), then building the linter with it.
#![allow(clippy::print_stdout, clippy::print_stderr)]
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(3);
    let house = match args.get(2).map(std::fs::read_to_string).transpose() {
        Ok(house) => house,
        Err(e) => {
            eprintln!("reading the house-rules file: {e}");
            std::process::exit(2);
        }
    };
    for _ in 0..runs {
        let t = Instant::now();
        let linter = postlint_core::Linter::new().expect("builds");
        let built = t.elapsed();
        let t = Instant::now();
        let n = linter
            .check("Visited Jayden in Peckham today, he is 14.")
            .len();
        print!(
            "build {built:?}, first check {:?} ({n} findings)",
            t.elapsed()
        );
        if let Some(house) = &house {
            let t = Instant::now();
            let parsed = toml::de::DeTable::parse(house).map(|table| table.get_ref().len());
            let parse = t.elapsed();
            let t = Instant::now();
            let built = postlint_core::Linter::builder()
                .house_rules("house.toml", house.as_str())
                .build()
                .map(|linter| linter.phrase_list().len());
            print!(
                "; house file: toml parse {parse:?} ({parsed:?} top-level keys), build with it {:?} ({built:?} phrases)",
                t.elapsed()
            );
        }
        println!();
    }
}
