//! End-to-end tests: the real `postlint` binary against the fixtures in `tests/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{code, json, root, stderr, stdout};

/// Runs postlint from the workspace root (so fixture paths print as given) with no house
/// rules discovered and no colour from the environment.
fn postlint(args: &[&str]) -> Output {
    postlint_in(&root(), args, None)
}

fn postlint_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::run(dir, args, stdin.unwrap_or_default(), &[])
}

#[test]
fn sample_draft_reports_jargon_with_carets_and_exits_zero() {
    let o = postlint(&["tests/drafts/sample.txt"]);
    assert_eq!(code(&o), 0, "warnings alone do not fail: {}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("warning[jargon/managerial]: “Going forward” is managerial jargon"),
        "{out}"
    );
    assert!(out.contains("┌─ tests/drafts/sample.txt:1:52"), "{out}");
    assert!(out.contains("^^^^^^^^^^^^^ delete this"), "{out}");
    assert!(out.contains("= or: “From now on”, “In future”"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("postlint: 0 errors, 4 warnings, 0 notes in 1 draft"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn clean_draft_says_so() {
    let o = postlint(&["tests/drafts/clean.txt"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "postlint: no problems found in 1 draft\n");
    let o = postlint(&["--format", "json", "tests/drafts/clean.txt"]);
    assert_eq!(code(&o), 0);
    assert_eq!(json(&o), Vec::<serde_json::Value>::new());
}

#[test]
fn tone_draft_reports_each_cue_and_only_warnings_fail_with_deny() {
    let o = postlint(&["--format", "json", "tests/drafts/tone.txt"]);
    assert_eq!(code(&o), 0, "tone findings are warnings and notes");
    let text = std::fs::read_to_string(root().join("tests/drafts/tone.txt")).unwrap();
    let found: Vec<(String, String, String)> = json(&o)
        .iter()
        .map(|f| {
            let (start, end) = (
                f["span"]["start"].as_u64().unwrap() as usize,
                f["span"]["end"].as_u64().unwrap() as usize,
            );
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                text[start..end].to_string(),
            )
        })
        .collect();
    let expected = [
        ("tone/sarcasm", "warning", "Oh great"),
        ("tone/shouting", "warning", "ANOTHER"),
        ("tone/punctuation", "info", "!!"),
        ("tone/sarcasm", "warning", "\"consultation\""),
        ("tone/sarcasm", "warning", "Thanks for nothing"),
        ("tone/tone-tag", "warning", "/s"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(r, s, t)| (r.to_string(), s.to_string(), t.to_string()))
        .collect();
    assert_eq!(found, expected);

    let o = postlint(&["tests/drafts/tone.txt"]);
    let out = stdout(&o);
    assert!(out.contains("note[tone/punctuation]"), "{out}");
    assert!(out.contains("^^^^^^^ try: another"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("postlint: 0 errors, 5 warnings, 1 note in 1 draft"),
        "{out}"
    );
    assert_eq!(
        code(&postlint(&["--deny", "warnings", "tests/drafts/tone.txt"])),
        1
    );
}

#[test]
fn sincere_draft_with_acronyms_quotation_and_hashtags_has_no_tone_findings() {
    let o = postlint(&["tests/drafts/tone-sincere.txt"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(!out.contains("[tone/"), "{out}");
    // The professional acronyms are noted, once each, with their expansion.
    assert!(
        out.contains("note[jargon/acronym]: “NQSWs” (newly qualified social worker)"),
        "{out}"
    );
    assert!(out.contains("note[jargon/acronym]: “ASYE”"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("0 errors, 0 warnings, 2 notes in 1 draft"),
        "{out}"
    );
}

#[test]
fn over_the_limit_is_an_error_underlining_what_must_go() {
    let o = postlint(&["tests/drafts/over-x.txt"]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("error[length/limit]: 291/280 weighted characters on X"),
        "{out}"
    );
    assert!(out.contains("^^^^^^^^^^^ does not fit"), "{out}");

    let o = postlint(&["--format", "json", "tests/drafts/over-x.txt"]);
    let f = &json(&o)[0];
    assert_eq!(f["rule"], "length/limit");
    assert_eq!(f["span"], serde_json::json!({"start": 280, "end": 291}));
    assert_eq!(f["data"], serde_json::json!({"length": 291, "limit": 280}));
    assert_eq!(f["column"], 281);

    // Bluesky allows 300 graphemes; a lower --max-length brings the error back.
    assert_eq!(
        code(&postlint(&[
            "--platform",
            "bluesky",
            "tests/drafts/over-x.txt"
        ])),
        0
    );
    let o = postlint(&[
        "--platform",
        "bluesky",
        "--max-length",
        "250",
        "--format",
        "json",
        "tests/drafts/over-x.txt",
    ]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        json(&o)[0]["data"],
        serde_json::json!({"length": 291, "limit": 250})
    );
}

#[test]
fn deny_warnings_fails_on_warnings() {
    assert_eq!(
        code(&postlint(&[
            "--deny",
            "warnings",
            "tests/drafts/sample.txt"
        ])),
        1
    );
    assert_eq!(
        code(&postlint(&["--deny", "warnings", "tests/drafts/clean.txt"])),
        0
    );
}

#[test]
fn quiet_prints_only_failing_findings() {
    let o = postlint(&["--quiet", "tests/drafts/sample.txt"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "");
    let o = postlint(&["--quiet", "--deny", "warnings", "tests/drafts/sample.txt"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o).matches("warning[jargon/managerial]").count(), 4);
    assert!(!stdout(&o).contains("postlint:"));
}

#[test]
fn json_contract_shape() {
    let o = postlint(&["--format", "json", "tests/drafts/sample.txt"]);
    let all = json(&o);
    assert_eq!(all.len(), 4);
    let f = all[0].as_object().expect("an object");
    let mut keys: Vec<&str> = f.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "category",
            "column",
            "data",
            "labels",
            "line",
            "message",
            "path",
            "rule",
            "severity",
            "span",
            "suggestions"
        ]
    );
    assert_eq!(f["path"], "tests/drafts/sample.txt");
    assert_eq!(f["category"], "jargon");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["span"], serde_json::json!({"start": 51, "end": 64}));
    assert_eq!(f["line"], 1);
    assert_eq!(f["column"], 52);
    assert_eq!(
        f["suggestions"],
        serde_json::json!(["", "From now on", "In future"])
    );
    assert_eq!(f["data"], serde_json::json!({}));
    assert_eq!(f["labels"], serde_json::json!([]));
}

#[test]
fn positions_on_multibyte_text_and_crlf() {
    let o = postlint(&[
        "--format",
        "json",
        "tests/drafts/multibyte.txt",
        "tests/drafts/crlf.txt",
    ]);
    let all = json(&o);
    let text = std::fs::read_to_string(root().join("tests/drafts/multibyte.txt")).unwrap();
    let at: Vec<(String, u64, u64, &str)> = all
        .iter()
        .map(|f| {
            let start = f["span"]["start"].as_u64().unwrap() as usize;
            let end = f["span"]["end"].as_u64().unwrap() as usize;
            let snippet = if f["path"] == "tests/drafts/multibyte.txt" {
                &text[start..end]
            } else {
                ""
            };
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                snippet,
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            ("tests/drafts/multibyte.txt".to_string(), 1, 23, "leverage"),
            (
                "tests/drafts/multibyte.txt".to_string(),
                2,
                11,
                "circle back"
            ),
            ("tests/drafts/crlf.txt".to_string(), 2, 9, ""),
        ]
    );
}

#[test]
fn stdin_is_read_when_no_file_or_dash() {
    for args in [&["--format", "json"][..], &["--format", "json", "-"][..]] {
        let o = postlint_in(&root(), args, Some(b"Let's circle back on this."));
        assert_eq!(code(&o), 0);
        let all = json(&o);
        assert_eq!(all[0]["path"], "-");
        assert_eq!(all[0]["rule"], "jargon/managerial");
    }
}

#[test]
fn several_files_in_argument_order_and_a_bad_one_does_not_stop_the_rest() {
    let o = postlint(&[
        "--format",
        "json",
        "tests/drafts/sample.txt",
        "tests/drafts/missing.txt",
        "tests/drafts/crlf.txt",
    ]);
    assert_eq!(code(&o), 2);
    let paths: Vec<String> = json(&o)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths.first().map(String::as_str),
        Some("tests/drafts/sample.txt")
    );
    assert_eq!(
        paths.last().map(String::as_str),
        Some("tests/drafts/crlf.txt")
    );
    assert_eq!(
        stderr(&o),
        "postlint: tests/drafts/missing.txt: no such file\n"
    );
}

#[test]
fn unusable_inputs_exit_two_with_one_clear_line() {
    let cases: [(&str, &str); 4] = [
        (
            "tests/drafts/missing.txt",
            "tests/drafts/missing.txt: no such file",
        ),
        ("tests/drafts", "tests/drafts: is a directory"),
        (
            "tests/drafts/invalid-utf8.txt",
            "tests/drafts/invalid-utf8.txt: not valid UTF-8 (first bad byte at offset 13)",
        ),
        (
            "tests/drafts/empty.txt",
            "tests/drafts/empty.txt: the draft is empty",
        ),
    ];
    for (path, message) in cases {
        let o = postlint(&[path]);
        assert_eq!(code(&o), 2, "{path}");
        let err = stderr(&o);
        assert!(err.starts_with(&format!("postlint: {message}")), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn input_over_the_size_cap_is_refused() {
    let o = postlint(&["--max-input-bytes", "100", "tests/drafts/sample.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("larger than 100 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn byte_order_mark_is_skipped_but_offsets_stay_file_offsets() {
    let o = postlint_in(
        &root(),
        &["--format", "json"],
        Some("\u{FEFF}touch base".as_bytes()),
    );
    assert_eq!(code(&o), 0);
    let all = json(&o);
    assert_eq!(
        all.len(),
        1,
        "the BOM is not reported as an invisible character"
    );
    assert_eq!(all[0]["span"], serde_json::json!({"start": 3, "end": 13}));
}

#[test]
fn byte_order_mark_shifts_label_spans_too() {
    let draft = "\u{FEFF}Spent today with a 14-year-old in Peckham who is pregnant.";
    let o = postlint_in(&root(), &["--format", "json"], Some(draft.as_bytes()));
    let all = json(&o);
    let f = all
        .iter()
        .find(|f| f["rule"] == "confidentiality/identifying-combination")
        .expect("an identifying combination");
    let labelled: Vec<&str> = f["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let start = l["span"]["start"].as_u64().unwrap() as usize;
            let end = l["span"]["end"].as_u64().unwrap() as usize;
            &draft[start..end]
        })
        .collect();
    assert_eq!(labelled, ["14-year-old", "Peckham", "pregnant"]);
}

#[test]
fn house_rules_from_config_flag() {
    let o = postlint_in(
        &root(),
        &["--config", "tests/config/house.toml", "--format", "json"],
        Some(b"Eileen Munro was right. Chasing LBX-204518 so we can touch base."),
    );
    assert_eq!(code(&o), 1);
    let rules: Vec<(String, String)> = json(&o)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            (
                "confidentiality/lbx-case-ref".to_string(),
                "error".to_string()
            ),
            ("jargon/managerial".to_string(), "error".to_string()),
        ]
    );
}

#[test]
fn house_rules_are_discovered_from_a_parent_directory() {
    let dir = std::env::temp_dir().join(format!("postlint-discover-{}", std::process::id()));
    let nested = dir.join("team/drafts");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.join(".postlint.toml"),
        "[severity]\n\"jargon/managerial\" = \"off\"\n",
    )
    .unwrap();
    let o = postlint_in(&nested, &["--format", "json"], Some(b"touch base"));
    assert_eq!(json(&o), Vec::<serde_json::Value>::new());
    let o = postlint_in(
        &nested,
        &["--no-config", "--format", "json"],
        Some(b"touch base"),
    );
    assert_eq!(json(&o).len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn config_errors_point_at_file_line_and_column() {
    let o = postlint(&[
        "--config",
        "tests/config/unknown-key.toml",
        "tests/drafts/clean.txt",
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("error: unknown field `sugest`"), "{err}");
    assert!(
        err.contains("┌─ tests/config/unknown-key.toml:12:1"),
        "{err}"
    );
    assert!(err.contains("12 │ sugest = \"x\""), "{err}");
    assert_eq!(stdout(&o), "", "nothing is checked with broken house rules");

    let o = postlint(&[
        "--config",
        "tests/config/bad-regex.toml",
        "tests/drafts/clean.txt",
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("invalid pattern in rule `confidentiality/case-ref`"),
        "{err}"
    );
    assert!(err.contains("┌─ tests/config/bad-regex.toml:7:11"), "{err}");

    let o = postlint(&[
        "--config",
        "tests/config/nope.toml",
        "tests/drafts/clean.txt",
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: tests/config/nope.toml: no such file\n"
    );
}

#[test]
fn usage_errors_exit_two() {
    let o = postlint(&["--platform", "myspace", "tests/drafts/clean.txt"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("invalid value 'myspace'"));
    assert_eq!(
        code(&postlint(&["--max-length", "0", "tests/drafts/clean.txt"])),
        2
    );
}

/// The whitespace-separated fields of the `postlint rules` line for `id`.
fn row<'a>(out: &'a str, id: &str) -> Vec<&'a str> {
    out.lines()
        .find(|l| l.starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no row for {id}:\n{out}"))
        .split_whitespace()
        .collect()
}

#[test]
fn rules_lists_every_rule() {
    let o = postlint(&["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let ids: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    // Every rule defined in rules/*.toml, sorted.
    let mut expected = Vec::new();
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some(id) = line.strip_prefix("id = \"") {
                    expected.push(id.trim_end_matches('"').to_string());
                }
            }
        }
    }
    expected.sort();
    assert!(expected.len() >= 10, "{expected:?}");
    assert_eq!(ids, expected);
    assert_eq!(
        row(&out, "jargon/managerial")[..4],
        ["jargon/managerial", "jargon", "warning", "Managerial"]
    );

    let o = postlint(&["rules", "--config", "tests/config/house.toml"]);
    let out = stdout(&o);
    assert!(out.contains("confidentiality/lbx-case-ref"), "{out}");
    assert_eq!(
        row(&out, "jargon/managerial")[..3],
        ["jargon/managerial", "jargon", "error"]
    );
}

#[test]
fn explain_shows_the_rules_own_metadata() {
    let o = postlint(&["explain", "jargon/managerial"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(
        out.starts_with("jargon/managerial: Managerial and business speak"),
        "{out}"
    );
    assert!(out.contains("\"strategic staircase\" put a wall"), "{out}");
    assert!(
        out.contains("✗ Good to touch base with the fostering team"),
        "{out}"
    );
    assert!(out.contains("flags “touch base”"), "{out}");
    assert!(
        out.contains("✓ Good to talk with the fostering team"),
        "{out}"
    );

    let o = postlint(&["explain", "managerial"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("did you mean jargon/managerial?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn colour_is_honoured() {
    let o = postlint(&["--color", "always", "tests/drafts/sample.txt"]);
    assert!(stdout(&o).contains('\u{1b}'), "--color always colours");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_postlint"));
    let o = cmd
        .args(["--color", "auto", "tests/drafts/sample.txt"])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\u{1b}'));
}

// --fix and --diff (issue 4). Built-in rules are not fix-safe, so these use the house rules
// in tests/fix/house.toml, whose phrase list is. Fixing writes files, so each test works on
// copies in a scratch directory of its own.

/// A fresh scratch directory holding copies of the named fixtures from `tests/fix/`.
fn scratch_with(test: &str, fixtures: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("postlint-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in fixtures {
        std::fs::copy(root().join("tests/fix").join(name), dir.join(name)).unwrap();
    }
    dir
}

fn house_fix() -> String {
    root().join("tests/fix/house.toml").display().to_string()
}

/// Runs `postlint --config tests/fix/house.toml ARGS` in `dir`.
fn postlint_fix(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let config = house_fix();
    let mut all = vec!["--config", config.as_str()];
    all.extend_from_slice(args);
    postlint_in(dir, &all, stdin)
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const DRAFT_FIXED: &str = "\
Proud of our newly qualified social workers today.
From now on we will talk every month,
so nobody feels on their own in the first year.

Thank you to every practice educator
who made time for them,
and to the teams who welcomed them.

Next year we hope to grow the programme
and bring in more placements
across the county.
We will use their learnings
to shape it.
";

#[test]
fn fix_writes_the_draft_and_reports_what_is_left_in_it() {
    let dir = scratch_with("fix-writes", &["draft.txt"]);
    let o = postlint_fix(&dir, &["--fix", "draft.txt"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("draft.txt")).unwrap(),
        DRAFT_FIXED
    );
    // What is left is reported against the fixed text.
    let out = stdout(&o);
    assert!(
        out.contains("warning[jargon/managerial]: “learnings” is managerial jargon"),
        "{out}"
    );
    assert!(out.contains("┌─ draft.txt:12:19"), "{out}");
    assert!(out.contains("12 │ We will use their learnings"), "{out}");
    assert!(
        out.ends_with("postlint: 0 errors, 1 warning, 0 notes in 1 draft\n"),
        "{out}"
    );
    assert_eq!(stderr(&o), "postlint: draft.txt: 4 fixes applied\n");
    assert_eq!(listing(&dir), ["draft.txt"], "no temporary file is left");

    // JSON describes the fixed draft, and stays alone on stdout.
    let o = postlint_fix(&dir, &["--fix", "--format", "json", "draft.txt"], None);
    let all = json(&o);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["line"], 12);
    assert_eq!(
        all[0]["span"]["start"],
        DRAFT_FIXED.find("learnings").unwrap()
    );
    assert_eq!(stderr(&o), "postlint: draft.txt: nothing to fix\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_twice_changes_nothing_the_second_time() {
    let dir = scratch_with("fix-idempotent", &["draft.txt"]);
    std::fs::write(
        dir.join("chain.txt"),
        "We should reconnect going forward.\n",
    )
    .unwrap();
    let o = postlint_fix(&dir, &["--fix", "draft.txt", "chain.txt"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // "reconnect" becomes "touch base", which a second round makes "talk".
    assert_eq!(
        std::fs::read_to_string(dir.join("chain.txt")).unwrap(),
        "We should talk from now on.\n"
    );
    assert_eq!(
        stderr(&o),
        "postlint: draft.txt: 4 fixes applied\npostlint: chain.txt: 3 fixes applied\n"
    );
    let first: Vec<Vec<u8>> = ["draft.txt", "chain.txt"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect();

    let o = postlint_fix(&dir, &["--fix", "draft.txt", "chain.txt"], None);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stderr(&o),
        "postlint: draft.txt: nothing to fix\npostlint: chain.txt: nothing to fix\n"
    );
    let second: Vec<Vec<u8>> = ["draft.txt", "chain.txt"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect();
    assert_eq!(first, second);
    let o = postlint_fix(&dir, &["--diff", "draft.txt", "chain.txt"], None);
    assert_eq!(stdout(&o), "", "nothing left for --diff to show");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_does_not_write_a_draft_with_nothing_to_fix() {
    let dir = scratch_with("fix-unchanged", &["nothing-to-fix.txt"]);
    let path = dir.join("nothing-to-fix.txt");
    // An old modification time, so any write at all would show.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let o = postlint_fix(&dir, &["--fix", "nothing-to-fix.txt"], None);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("“learnings”"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "postlint: nothing-to-fix.txt: nothing to fix\n");
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch_with("fix-mode", &["draft.txt"]);
    let path = dir.join("draft.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = postlint_fix(&dir, &["--fix", "draft.txt"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), DRAFT_FIXED);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o7777, 0o640);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Asserts that a `--fix` run failed to save `draft.txt` in `dir` and left it as it was.
#[track_caller]
fn assert_not_saved(o: &Output, dir: &Path, original: &[u8]) {
    assert_eq!(code(o), 2, "{}", stderr(o));
    let err = stderr(o);
    assert!(
        err.starts_with("postlint: draft.txt: could not save the fixes (")
            && err.contains("); the file is unchanged\n"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.join("draft.txt")).unwrap(), original);
    assert_eq!(listing(dir), ["draft.txt"], "no temporary file is left");
    // The findings are those of the file as it is.
    assert!(
        stdout(o).contains("2 │ Going forward we will touch base every month,"),
        "{}",
        stdout(o)
    );
}

#[cfg(unix)]
#[test]
fn fix_in_a_read_only_directory_leaves_the_draft_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch_with("fix-readonly-dir", &["draft.txt"]);
    let original = std::fs::read(dir.join("draft.txt")).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // A privileged user (root in a container) may write in a read-only directory anyway;
    // the test below with a file-size limit covers that case.
    let probe = dir.join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        eprintln!("skipped: this user can write in a read-only directory");
    } else {
        let o = postlint_fix(&dir, &["--fix", "draft.txt"], None);
        assert_not_saved(&o, &dir, &original);
        assert!(stderr(&o).contains("creating a temporary file in"));
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn fix_that_cannot_write_the_temporary_file_removes_it() {
    // A file-size limit of 0 lets the temporary file be created but not written (EFBIG,
    // with SIGXFSZ ignored), for any user, root included.
    let dir = scratch_with("fix-write-fails", &["draft.txt"]);
    let original = std::fs::read(dir.join("draft.txt")).unwrap();
    let config = house_fix();
    let o = Command::new("sh")
        .args([
            "-c",
            r#"trap '' XFSZ; ulimit -f 0; exec "$0" "$@""#,
            env!("CARGO_BIN_EXE_postlint"),
            "--config",
            &config,
            "--fix",
            "draft.txt",
        ])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_not_saved(&o, &dir, &original);
    assert!(stderr(&o).contains("writing "), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let draft = "Going forward we will reconnect and share learnings.\r\n";
    for args in [&["--fix"][..], &["--fix", "-"][..]] {
        let o = postlint_fix(&root(), args, Some(draft.as_bytes()));
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(
            stdout(&o),
            "From now on we will talk and share learnings.\r\n"
        );
        // The report moves to stderr, on the fixed text.
        let err = stderr(&o);
        assert!(err.contains("┌─ -:1:36"), "{err}");
        assert!(
            err.ends_with(
                "postlint: -: 3 fixes applied\npostlint: 0 errors, 1 warning, 0 notes in 1 draft\n"
            ),
            "{err}"
        );
    }
    // Nothing to fix: the text still comes through.
    let o = postlint_fix(&root(), &["--fix"], Some(b"All good here."));
    assert_eq!(stdout(&o), "All good here.");
}

#[test]
fn diff_shows_what_fix_would_change_and_writes_nothing() {
    let o = postlint_fix(&root(), &["--diff", "tests/fix/draft.txt"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let expected = std::fs::read_to_string(root().join("tests/fix/draft.diff")).unwrap();
    assert_eq!(stdout(&o), expected);
    // What would be left goes to stderr, and decides the exit status as usual.
    let err = stderr(&o);
    assert!(err.contains("┌─ tests/fix/draft.txt:12:19"), "{err}");
    assert!(
        err.ends_with("0 errors, 1 warning, 0 notes in 1 draft\n"),
        "{err}"
    );
    let o = postlint_fix(
        &root(),
        &["--diff", "--deny", "warnings", "tests/fix/draft.txt"],
        None,
    );
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), expected);
    // The fixture itself is untouched (the diff would be empty otherwise, too).
    assert!(
        std::fs::read_to_string(root().join("tests/fix/draft.txt"))
            .unwrap()
            .contains("touch base")
    );
}

#[test]
fn fix_keeps_byte_order_mark_line_endings_and_final_newline() {
    let dir = scratch_with("fix-bytes", &["crlf-bom.txt", "no-final-newline.txt"]);
    let o = postlint_fix(
        &dir,
        &["--fix", "crlf-bom.txt", "no-final-newline.txt"],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.join("crlf-bom.txt")).unwrap(),
        "\u{FEFF}Debrief after panel\r\nWe will talk next week.\r\nThanks all\r\n".as_bytes()
    );
    assert_eq!(
        std::fs::read(dir.join("no-final-newline.txt")).unwrap(),
        b"Debrief after panel\nWe will talk next week.\nThanks all"
    );
    let o = postlint_fix(&root(), &["--diff", "tests/fix/no-final-newline.txt"], None);
    assert!(
        stdout(&o).ends_with(" Thanks all\n\\ No newline at end of file\n"),
        "{}",
        stdout(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_and_diff_cannot_be_combined() {
    let o = postlint(&["--fix", "--diff", "tests/drafts/clean.txt"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("'--fix' cannot be used with '--diff'"),
        "{}",
        stderr(&o)
    );
}
