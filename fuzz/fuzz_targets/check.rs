//! `Linter::check` and `Linter::fix` on any UTF-8 text, with the default rules and with a
//! house rule whose fix-safe suggestions delete phrases and flag each other (so fixing takes
//! several passes). Asserts what `crates/lint-core/tests/properties.rs` asserts.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use postlint_core::Linter;
use postlint_fuzz::{assert_diagnostics, assert_fix};

static DEFAULT: LazyLock<Linter> =
    LazyLock::new(|| Linter::new().expect("the default rules build"));

static FIXER: LazyLock<Linter> = LazyLock::new(|| {
    Linter::builder()
        .house_rules(
            "fuzz.toml",
            r#"
[[rule]]
id = "jargon/fuzz-fixes"
type = "terms"
severity = "info"
summary = "s"
message = "m {match}"
fix-safe = true
[rule.terms]
"going forward" = ["", "from now on"]
"reconnect" = "touch base"
"touch base" = "talk"
"in order to" = "to"
"zoë" = "x"
"!!" = "!"
"#,
        )
        .build()
        .expect("the fuzz house rules build")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for linter in [&*DEFAULT, &*FIXER] {
        let found = linter.check(text);
        assert_diagnostics(text, &found);
        assert_fix(linter, text, &found);
    }
});
