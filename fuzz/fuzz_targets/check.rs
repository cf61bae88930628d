//! `Linter::check` and `Linter::fix` on any UTF-8 text, with the default rules and with a
//! house rule whose fix-safe suggestions delete phrases and flag each other (so fixing takes
//! several passes). Asserts what `crates/lint-core/tests/properties.rs` asserts.
//!
//! A linter that has checked 32 drafts searches phrases with a DFA; before that, short
//! drafts are searched phrase by phrase and long ones with an NFA. The static linters are
//! soon warm, so a second, cold linter (rebuilt before it warms up) checks each draft too,
//! and must find the same.

#![no_main]

use std::cell::RefCell;
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

thread_local! {
    /// A linter with the default rules and how many drafts it has checked.
    static COLD: RefCell<(Linter, usize)> = RefCell::new((Linter::new().expect("builds"), 0));
}

/// Fewer checks than it takes a linter to build its DFA (`DFA_AFTER_CHECKS` in engine.rs).
const COLD_CHECKS: usize = 24;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for linter in [&*DEFAULT, &*FIXER] {
        let found = linter.check(text);
        assert_diagnostics(text, &found);
        assert_fix(linter, text, &found);
        if std::ptr::eq(linter, &*DEFAULT) {
            COLD.with_borrow_mut(|(cold, checks)| {
                if *checks >= COLD_CHECKS {
                    *cold = Linter::new().expect("builds");
                    *checks = 0;
                }
                *checks += 1;
                assert_eq!(
                    cold.check(text),
                    found,
                    "a cold linter finds something else"
                );
            });
        }
    }
});
