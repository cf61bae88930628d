//! `Linter::fix` through the public API: passes, settling, what is left.

use postlint_core::Linter;
use postlint_core::fix::{self, MAX_PASSES};

fn house(toml: &str) -> Linter {
    match Linter::builder().house_rules("postlint.toml", toml).build() {
        Ok(l) => l,
        Err(e) => panic!("house rules should build: {e}"),
    }
}

/// A fix-safe terms rule with the given `[rule.terms]` body.
fn safe_terms(terms: &str) -> Linter {
    house(&format!(
        r#"
[[rule]]
id = "jargon/house"
type = "terms"
severity = "warning"
summary = "Phrases we always cut"
message = "cut “{{match}}”"
fix-safe = true

[rule.terms]
{terms}
"#
    ))
}

#[test]
fn default_rules_fix_only_the_drop_in_formal_words() {
    let linter = Linter::new().expect("default rules build");
    let text = "We utilised the hub prior to the review. Going forward we will touch base.";
    let outcome = linter.fix(text);
    // jargon/wordy is fix-safe (each word has a drop-in replacement, inflected to fit);
    // jargon/managerial is not, so its findings are left for the writer.
    assert_eq!(
        outcome.text,
        "We used the hub before the review. Going forward we will touch base."
    );
    assert_eq!(outcome.fix_count(), 2);
    assert!(outcome.settled);
    assert_eq!(
        linter.fix(&outcome.text).fix_count(),
        0,
        "a second fix changes nothing"
    );
}

#[test]
fn default_rules_fix_nothing_without_a_fix_safe_rule() {
    let linter = Linter::new().expect("default rules build");
    let text = "Going forward we will touch base.";
    let outcome = linter.fix(text);
    assert_eq!(outcome.text, text);
    assert!(!outcome.changed());
    assert!(outcome.settled);
    assert_eq!(outcome.remaining, linter.check(text));
}

#[test]
fn fixes_then_reports_what_is_left_on_the_fixed_text() {
    let linter = safe_terms(r#""going forward" = "from now on""#);
    let outcome = linter.fix("Going forward we will leverage our learnings.");
    assert_eq!(outcome.text, "From now on we will leverage our learnings.");
    assert_eq!(outcome.fix_count(), 1);
    assert!(outcome.settled);
    let left: Vec<&str> = outcome
        .remaining
        .iter()
        .map(|d| &outcome.text[d.span.range()])
        .collect();
    assert_eq!(left, ["leverage", "learnings"]);
}

#[test]
fn a_fix_that_creates_a_finding_is_followed_by_another_pass() {
    let linter = safe_terms(
        r#""reconnect" = "touch base"
"touch base" = "talk""#,
    );
    let outcome = linter.fix("We will reconnect soon.");
    assert_eq!(outcome.text, "We will talk soon.");
    assert_eq!(outcome.passes.len(), 2);
    assert_eq!(outcome.passes[0][0].new, "touch base");
    assert_eq!(outcome.passes[1][0].old, "touch base");
    assert!(outcome.settled);
    // Idempotent: a second run changes nothing.
    assert!(!linter.fix(&outcome.text).changed());
}

#[test]
fn deleting_a_flagged_phrase_through_the_public_api() {
    // Rule files cannot ask for a deletion ("" there means "no suggestion"), but
    // detectors and front ends can: an empty suggestion deletes.
    let linter = Linter::new().expect("default rules build");
    let text = "Going forward, we will touch base.";
    let mut found = linter.check(text);
    for d in &mut found {
        d.suggestions = vec![String::new()];
    }
    let fixed = fix::apply(text, &found, |rule| rule == "jargon/managerial");
    assert_eq!(fixed.text, "We will.");
    let old: Vec<&str> = fixed.fixes.iter().map(|f| f.old.as_str()).collect();
    assert_eq!(old, ["Going forward, w", " touch base"]);
}

#[test]
fn suggestions_that_flag_each_other_stop_at_the_cap_unsettled() {
    let linter = safe_terms(
        r#""ping" = "pong"
"pong" = "ping""#,
    );
    let outcome = linter.fix("ping");
    assert_eq!(outcome.passes.len(), MAX_PASSES);
    assert!(!outcome.settled);
    assert_eq!(outcome.remaining, linter.check(&outcome.text));
}

#[test]
fn apply_takes_any_policy_for_fix_safety() {
    // A front end may fix rules the house file does not mark, e.g. after asking the user.
    let linter = Linter::new().expect("default rules build");
    let text = "Let's touch base.";
    let found = linter.check(text);
    let fixed = fix::apply(text, &found, |rule| rule == "jargon/managerial");
    assert_eq!(fixed.text, "Let's talk.");
    assert_eq!(fixed.fixes[0].rule, "jargon/managerial");
}
