//! House-rules parsing and validation on any text: building the linter returns `Ok` or a
//! `ConfigError` that points into the file, never panics. A linter that builds checks a
//! fixed draft and the house-rules text itself (which holds the rules' own phrases).

#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_core::Linter;
use postlint_fuzz::{DRAFT, assert_config_error, assert_diagnostics};

fuzz_target!(|data: &[u8]| {
    let Ok(toml) = std::str::from_utf8(data) else {
        return;
    };
    match Linter::builder().house_rules("fuzz.toml", toml).build() {
        Ok(linter) => {
            for text in [DRAFT, toml] {
                assert_diagnostics(text, &linter.check(text));
            }
        }
        Err(e) => assert_config_error(&e),
    }
});
