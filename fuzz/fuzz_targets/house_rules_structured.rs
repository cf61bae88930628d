//! Like `house_rules`, but the TOML is built from a structured input (see `src/house.rs`),
//! so it always parses and the time goes on validating, compiling and matching the rules.
//! A linter that builds must also fix the draft and settle (or say it did not).

#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_core::Linter;
use postlint_fuzz::house::House;
use postlint_fuzz::{DRAFT, assert_config_error, assert_diagnostics, assert_span};

fuzz_target!(|house: House| {
    let toml = house.to_toml();
    match Linter::builder()
        .house_rules("fuzz.toml", toml.as_str())
        .build()
    {
        Ok(linter) => {
            for text in [DRAFT, toml.as_str()] {
                assert_diagnostics(text, &linter.check(text));
            }
            // Fix-safe house suggestions may flag each other, so `settled` can be false;
            // the edits must still be exact.
            let outcome = linter.fix(DRAFT);
            let mut current = DRAFT.to_string();
            for pass in &outcome.passes {
                let mut out = current.clone();
                for f in pass.iter().rev() {
                    assert_span(&current, f.span, &f.rule);
                    assert_eq!(&current[f.span.range()], f.old);
                    out.replace_range(f.span.range(), &f.new);
                }
                current = out;
            }
            assert_eq!(current, outcome.text);
            assert_diagnostics(&outcome.text, &outcome.remaining);
            // The house rules' own examples (all the default rules' examples would take
            // most of each run).
            for rule in linter.rules().filter(|r| r.source.contains("fuzz.toml")) {
                for ex in &rule.examples {
                    assert_diagnostics(&ex.text, &linter.check(&ex.text));
                }
            }
        }
        Err(e) => assert_config_error(&e),
    }
});
