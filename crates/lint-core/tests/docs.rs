//! `docs/rules.md` is generated from the rules' own metadata; this test fails when the
//! checked-in copy is stale. Regenerate with `POSTLINT_BLESS=1 cargo test -p postlint-core --test docs`.

use postlint_core::Linter;
use std::fmt::Write;
use std::path::Path;

fn render(linter: &Linter) -> String {
    let mut out = String::new();
    out.push_str("# postlint rules\n\n");
    out.push_str(
        "Generated from the rule files in `rules/` by `crates/lint-core/tests/docs.rs`; \
         do not edit by hand. `postlint explain ID` prints the same text.\n\n",
    );
    out.push_str("| id | category | severity | summary |\n| --- | --- | --- | --- |\n");
    for r in linter.rules() {
        let sev = r.severity.map_or("off", |s| s.as_str());
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            r.id,
            r.id.replace('/', ""),
            r.category,
            sev,
            r.summary
        );
    }
    for r in linter.rules() {
        let _ = write!(out, "\n## {}\n\n{}\n\n", r.id, r.summary);
        let _ = writeln!(
            out,
            "Category: {}. Default severity: {}. Defined in `{}`.\n",
            r.category,
            r.severity.map_or("off", |s| s.as_str()),
            r.source
        );
        let _ = writeln!(
            out,
            "{}\n",
            r.explanation
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        if !r.examples.is_empty() {
            out.push_str("Examples:\n\n");
            for ex in &r.examples {
                if ex.expect.is_empty() {
                    let _ = writeln!(out, "- ✓ {}", ex.text);
                } else {
                    let flags: Vec<String> = ex.expect.iter().map(|s| format!("“{s}”")).collect();
                    let _ = writeln!(out, "- ✗ {} — flags {}", ex.text, flags.join(", "));
                }
            }
        }
    }
    out
}

#[test]
fn rules_reference_is_current() {
    let linter = Linter::new().expect("default rules build");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let fresh = render(&linter);
    if std::env::var_os("POSTLINT_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write docs/rules.md");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == fresh,
        "docs/rules.md is stale; run `POSTLINT_BLESS=1 cargo test -p postlint-core --test docs`"
    );
}
