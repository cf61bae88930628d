//! Checks a generated bench corpus (see `benches/support`) a given number of times with a
//! given rule selection, for instruction counts under callgrind, which noisy machines do
//! not disturb. The cost of one steady pass is the difference between two runs:
//!
//! ```text
//! for n in 1 2; do valgrind --tool=callgrind --callgrind-out-file=cg.$n \
//!     target/release/examples/passes confidentiality realistic 2 $n; done
//! ```
//!
//! Arguments: `foundation` (length/limit and jargon/managerial), `confidentiality` (the
//! foundation and every confidentiality detector), `without:NAME,NAME` (that, less the
//! confidentiality detectors named: `without:person-name`) or `all`; `realistic` or `leak-dense`;
//! the corpus size in MB; the number of passes.
//!
//! With `POSTLINT_DUMP=FILE` set, every finding of the first pass is written to FILE (post
//! number, rule, span, severity), so two builds can be checked for identical results;
//! `POSTLINT_DUMP_ALL` set as well adds each finding's message, suggestions, data and labels.
//! With `POSTLINT_BATCH` set, the posts go through `Linter::check_all` (a batch at a time)
//! rather than `Linter::check` one by one.
#![allow(clippy::print_stderr)]

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, default: &str| args.get(i).cloned().unwrap_or(default.to_string());
    let selection = arg(1, "all");
    let mb: usize = arg(3, "2").parse().unwrap_or(2);
    let passes: usize = arg(4, "1").parse().unwrap_or(1);
    let corpus = match arg(2, "realistic").as_str() {
        "leak-dense" => support::leak_dense(mb << 20),
        _ => support::realistic(mb << 20),
    };
    let without: Vec<String> = selection
        .strip_prefix("without:")
        .map(|names| {
            names
                .split(',')
                .map(|n| format!("confidentiality/{n}"))
                .collect()
        })
        .unwrap_or_default();
    let keep = |id: &str| match selection.as_str() {
        "foundation" => support::is_foundation(id),
        "all" => true,
        _ => {
            support::is_foundation(id)
                || id.starts_with("confidentiality/") && !without.iter().any(|w| w == id)
        }
    };
    let linter = support::linter_with(keep, "");
    if let Ok(path) = std::env::var("POSTLINT_DUMP") {
        let mut dump = String::new();
        let all: Vec<Vec<postlint_core::Diagnostic>> = if std::env::var("POSTLINT_BATCH").is_ok() {
            linter.check_all(&corpus).map(|(_, f)| f).collect()
        } else {
            corpus.iter().map(|p| linter.check(p)).collect()
        };
        for (n, found) in all.into_iter().enumerate() {
            for d in found {
                dump.push_str(&format!(
                    "{n} {} {}..{} {:?}\n",
                    d.rule, d.span.start, d.span.end, d.severity
                ));
                if std::env::var("POSTLINT_DUMP_ALL").is_ok() {
                    // Everything else too: message, suggestions, data and labels.
                    dump.push_str(&format!(
                        "  {:?} {:?} {:?} {:?}\n",
                        d.message, d.suggestions, d.data, d.labels
                    ));
                }
            }
        }
        std::fs::write(&path, dump).expect("dump written");
    }
    let mut findings = 0;
    let batch = std::env::var("POSTLINT_BATCH").is_ok();
    for _ in 0..passes {
        if batch {
            findings += linter
                .check_all(&corpus)
                .map(|(_, f)| f.len())
                .sum::<usize>();
        } else {
            for post in &corpus {
                findings += linter.check(post).len();
            }
        }
    }
    eprintln!("{findings} findings");
}
