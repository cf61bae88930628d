//! Hostile inputs through the real `postlint` binary: each has a test and a behaviour a
//! person can rely on. The library's side (huge and odd text through `Linter::check`, huge
//! and nested house rules through the builder) is in `crates/lint-core/tests/hostile.rs`.
//!
//! Sizes are chosen so that each test takes about a second or less in a debug build. A 50 MB
//! draft takes well over ten seconds to check in a debug build, so the 50 MB case is only
//! tested against the cap here; checking a line of several megabytes stands in for it.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{code, json, root, stderr, stdout};

fn postlint_env(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    common::run(dir, args, stdin, env)
}

/// Runs postlint in the workspace root, with no house rules unless `args` name some.
fn postlint(args: &[&str], stdin: &[u8]) -> Output {
    postlint_env(&root(), args, stdin, &[])
}

/// (rule, span start, span end, line, column) of each finding.
fn positions(o: &Output) -> Vec<(String, u64, u64, u64, u64)> {
    json(o)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["span"]["start"].as_u64().unwrap(),
                f["span"]["end"].as_u64().unwrap(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("postlint-hostile-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn managerial(start: usize, line: u64, column: u64) -> (String, u64, u64, u64, u64) {
    let start = start as u64;
    (
        "jargon/managerial".to_string(),
        start,
        start + 10,
        line,
        column,
    )
}

// ---------------------------------------------------------------------------------------
// Line endings, byte-order marks, control characters

#[test]
fn lone_cr_crlf_and_lf_give_the_same_line_and_column_in_json_and_human_output() {
    for draft in [
        "one\ntwo\nthree touch base\n",
        "one\r\ntwo\r\nthree touch base\r\n",
        "one\rtwo\rthree touch base\r",
        "one\r\ntwo\rthree touch base\n",
    ] {
        let at = draft.find("touch").unwrap();
        let o = postlint(&["--no-config", "--format", "json"], draft.as_bytes());
        assert_eq!(positions(&o), [managerial(at, 3, 7)], "{draft:?}");

        let o = postlint(&["--no-config"], draft.as_bytes());
        assert_eq!(code(&o), 0);
        let out = stdout(&o);
        assert!(out.contains("┌─ -:3:7\n"), "{draft:?}:\n{out}");
        assert!(
            out.contains("\n3 │ three touch base\n"),
            "{draft:?}:\n{out}"
        );
        assert!(!out.contains('\r'), "a CR would move the terminal's cursor");
    }
}

#[test]
fn a_byte_order_mark_is_neither_checked_nor_counted_as_a_column() {
    let draft = "\u{FEFF}touch base\r\nthen touch base";
    let o = postlint(&["--no-config", "--format", "json"], draft.as_bytes());
    assert_eq!(
        positions(&o),
        [
            managerial(3, 1, 1),
            managerial(draft.rfind("touch").unwrap(), 2, 6)
        ]
    );
    let o = postlint(&["--no-config"], draft.as_bytes());
    assert!(stdout(&o).contains("┌─ -:1:1\n"), "{}", stdout(&o));

    // A byte-order mark and line endings alone are an empty draft.
    let o = postlint(&["--no-config"], "\u{FEFF}\r\n\r".as_bytes());
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: -: the draft is empty; there is nothing to check\n"
    );
}

#[test]
fn nul_bytes_and_control_characters_never_reach_the_terminal() {
    let draft = b"we\0will\0touch base\x1b[2J\x07 today\0\0";
    let o = postlint(&["--no-config", "--format", "json"], draft);
    assert_eq!(positions(&o), [managerial(8, 1, 9)]);

    let o = postlint(&["--no-config"], draft);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    // Shown as spaces, so the caret stays under the finding.
    assert!(out.contains("\n1 │ we will touch base [2J  today"), "{out}");
    assert!(
        out.contains("\n  │         ^^^^^^^^^^ try: talk\n"),
        "{out}"
    );
    assert!(
        !out.bytes().any(|b| b < 0x20 && b != b'\n'),
        "control bytes in {out:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Size: many findings, many lines, long lines

#[test]
fn thousands_of_findings_are_rendered_without_rescanning_the_draft_for_each() {
    // Each finding's line and column used to be found by scanning the draft from the start:
    // time grew with findings times size (a 1 MB draft took minutes in a debug build).
    let draft = "we will touch base.\n".repeat(5_000);
    let o = postlint(
        &["--no-config", "--format", "json", "--max-length", "1000000"],
        draft.as_bytes(),
    );
    let found = positions(&o);
    assert_eq!(found.len(), 5_000);
    assert_eq!(found[4_999], managerial(draft.len() - 12, 5_000, 9));

    let o = postlint(
        &["--no-config", "--max-length", "1000000"],
        draft.as_bytes(),
    );
    let out = stdout(&o);
    assert_eq!(out.matches("warning[jargon/managerial]").count(), 5_000);
    assert!(out.contains("┌─ -:5000:9\n"), "{}", &out[out.len() - 500..]);
}

#[test]
fn a_million_tiny_lines_are_numbered_right_and_a_finding_over_all_of_them_stays_short() {
    let mut draft = "a\n".repeat(1_000_000);
    draft.replace_range(1_000_000..1_000_002, "we will touch base\n");
    let at = draft.find("touch").unwrap();
    let o = postlint(&["--no-config", "--format", "json"], draft.as_bytes());
    assert_eq!(code(&o), 1, "over X's limit");
    let found = positions(&o);
    // 140 lines of "a\n" weigh 280 on X; the final line ending does not count.
    assert_eq!(
        found[0],
        (
            "length/limit".to_string(),
            280,
            draft.len() as u64 - 1,
            141,
            1
        )
    );
    assert_eq!(found[1], managerial(at, 500_001, 9));

    let o = postlint(&["--no-config"], draft.as_bytes());
    let out = stdout(&o);
    assert!(out.contains("┌─ -:141:1\n"), "{out}");
    assert!(
        out.contains("= the underlined text goes on to line 1000000, column 1\n"),
        "{out}"
    );
    assert!(out.contains("┌─ -:500001:9\n"), "{out}");
    assert!(
        out.len() < 2_000,
        "the length finding shows one line, not a million"
    );
}

/// A single line of `len` bytes of prose, ending "we will touch base".
fn long_line(len: usize) -> String {
    let mut line = "lorem ipsum dolor sit amet ".repeat(len / 27 + 1);
    line.truncate(len - 19);
    line.push_str(" we will touch base");
    line
}

#[test]
fn a_long_single_line_is_checked_under_the_cap_and_shown_in_pieces() {
    let dir = scratch("long-line");
    let draft = long_line(3_000_000);
    std::fs::write(dir.join("long.txt"), &draft).unwrap();

    let o = postlint_env(
        &dir,
        &["--no-config", "--max-input-bytes", "2999999", "long.txt"],
        b"",
        &[],
    );
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: long.txt: larger than 2999999 bytes; postlint checks drafts, not archives \
         (raise the cap with --max-input-bytes)\n"
    );
    assert_eq!(stdout(&o), "", "no summary when no draft was read");

    let args = ["--no-config", "--max-input-bytes", "3000000", "long.txt"];
    let o = postlint_env(&dir, &args, b"", &[]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("┌─ long.txt:1:281\n"), "{}", &out[..500]);
    assert!(out.contains("┌─ long.txt:1:2999991\n"), "{}", &out[..500]);
    assert!(
        out.contains("= line 1 is 3000000 bytes long; only the part around the finding is shown"),
        "{}",
        &out[..500]
    );
    assert!(
        out.contains("= the underlined text goes on to line 1, column 3000000\n"),
        "{}",
        &out[..500]
    );
    assert!(out.len() < 6_000, "{} bytes of output", out.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fifty_megabytes_on_one_line_is_refused_past_the_cap_with_the_flag_to_raise_it() {
    let dir = scratch("fifty-mb");
    std::fs::write(dir.join("big.txt"), long_line(50_000_000)).unwrap();
    let o = postlint_env(
        &dir,
        &["--no-config", "--max-input-bytes", "49999999", "big.txt"],
        b"",
        &[],
    );
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: big.txt: larger than 49999999 bytes; postlint checks drafts, not archives \
         (raise the cap with --max-input-bytes)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ten_thousand_zwj_sequences_and_lone_combining_marks_are_measured_whole() {
    // Man, woman, girl, boy joined by ZWJ: 7 chars, 25 bytes, one emoji for X (weight 2).
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    let draft = format!("{} touch base", vec![family; 10_000].join(" "));
    let o = postlint(&["--no-config", "--format", "json"], draft.as_bytes());
    assert_eq!(code(&o), 1);
    // 93 families and spaces weigh 279; the 94th does not fit and is not split.
    assert_eq!(
        positions(&o),
        [
            (
                "length/limit".to_string(),
                93 * 26,
                draft.len() as u64,
                1,
                93 * 8 + 1
            ),
            managerial(draft.len() - 10, 1, 80_001),
        ]
    );
    let o = postlint(&["--no-config"], draft.as_bytes());
    assert!(stdout(&o).contains("┌─ -:1:745\n"), "{}", stdout(&o));

    let marks = "\u{0301}".repeat(100_000);
    let o = postlint(&["--no-config", "--format", "json"], marks.as_bytes());
    assert_eq!(
        positions(&o),
        [("length/limit".to_string(), 560, 200_000, 1, 281)]
    );
    let o = postlint(&["--no-config"], marks.as_bytes());
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("┌─ -:1:281\n"), "{}", stdout(&o));
}

// ---------------------------------------------------------------------------------------
// Unreadable input: invalid UTF-8, FIFOs, devices

#[test]
fn invalid_utf8_mid_file_names_the_file_and_offset_and_the_other_files_are_checked() {
    let dir = scratch("invalid-utf8");
    std::fs::write(dir.join("a.txt"), "we will touch base\n").unwrap();
    std::fs::write(
        dir.join("bad.txt"),
        b"line one\nline two\nbad \xff\xfe touch base\n",
    )
    .unwrap();
    std::fs::write(dir.join("c.txt"), "then touch base\n").unwrap();
    let o = postlint_env(
        &dir,
        &[
            "--no-config",
            "--format",
            "json",
            "a.txt",
            "bad.txt",
            "c.txt",
        ],
        b"",
        &[],
    );
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: bad.txt: not valid UTF-8 (first bad byte at offset 22); save the draft as \
         UTF-8 text\n"
    );
    let paths: Vec<String> = json(&o)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["a.txt", "c.txt"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_is_read_up_to_the_cap() {
    let dir = scratch("fifo");
    let fifo = dir.join("draft.fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Each writer blocks until postlint opens the FIFO; a writer left blocked by a failing
    // test ends with the test process.
    let feed = |bytes: Vec<u8>| {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            if let Ok(mut w) = std::fs::OpenOptions::new().write(true).open(&fifo) {
                let _ = w.write_all(&bytes);
            }
        })
    };

    let writer = feed(vec![b'a'; 1 << 20]);
    let o = postlint_env(
        &dir,
        &["--no-config", "--max-input-bytes", "1000", "draft.fifo"],
        b"",
        &[],
    );
    writer.join().unwrap();
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: draft.fifo: larger than 1000 bytes; postlint checks drafts, not archives \
         (raise the cap with --max-input-bytes)\n"
    );
    assert_eq!(stdout(&o), "");

    let writer = feed(b"we will touch base".to_vec());
    let o = postlint_env(&dir, &["--no-config", "draft.fifo"], b"", &[]);
    writer.join().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("┌─ draft.fifo:1:9\n"), "{}", stdout(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn dev_zero_is_read_up_to_the_cap_as_a_draft_or_as_house_rules() {
    let o = postlint(
        &["--no-config", "--max-input-bytes", "1000", "/dev/zero"],
        b"",
    );
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: /dev/zero: larger than 1000 bytes; postlint checks drafts, not archives \
         (raise the cap with --max-input-bytes)\n"
    );
    assert_eq!(stdout(&o), "");

    // The default cap is 64 MiB.
    let o = postlint(&["--no-config", "/dev/zero"], b"");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("postlint: /dev/zero: larger than 67108864 bytes;"),
        "{}",
        stderr(&o)
    );

    // House rules were read without a cap: this never ended.
    let o = postlint(
        &["--config", "/dev/zero", "--max-input-bytes", "1000", "-"],
        b"touch base",
    );
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "postlint: /dev/zero: larger than 1000 bytes; is it the house-rules file? \
         (raise the cap with --max-input-bytes)\n"
    );
}

// ---------------------------------------------------------------------------------------
// Hostile house rules

/// Runs postlint with the house rules `toml` (written to `dir/house.toml`) on a clean draft.
fn with_house_rules(dir: &Path, toml: &str) -> Output {
    std::fs::write(dir.join("house.toml"), toml).unwrap();
    postlint_env(dir, &["--config", "house.toml", "-"], b"Fine.", &[])
}

#[test]
fn house_rules_nested_too_deeply_are_an_error_at_their_line() {
    let dir = scratch("nested-toml");
    let deep = 10_000;

    let o = with_house_rules(
        &dir,
        &format!("allow = {}{}\n", "[".repeat(deep), "]".repeat(deep)),
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("error: cannot recurse further; max recursion depth met\n"),
        "{err}"
    );
    assert!(err.contains("┌─ house.toml:1:89\n"), "{err}");
    assert!(
        err.contains("= help: arrays and inline tables may nest at most 80 deep\n"),
        "{err}"
    );
    assert_eq!(stdout(&o), "");

    let key = vec!["a"; deep].join(".");
    for (toml, at) in [
        (format!("[settings.\"jargon/acronym\"]\n{key} = 1\n"), "2:1"),
        (format!("[{key}]\n"), "1:2"),
    ] {
        let o = with_house_rules(&dir, &toml);
        assert_eq!(code(&o), 2);
        let err = stderr(&o);
        assert!(
            err.starts_with("error: a dotted key or table name has more than 80 parts\n"),
            "{err}"
        );
        assert!(err.contains(&format!("┌─ house.toml:{at}\n")), "{err}");
        assert!(err.len() < 3_000, "the key is shown in part: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_house_regex_over_the_size_limit_is_an_error_naming_the_rule_and_line() {
    let dir = scratch("huge-regex");
    let toml = r#"# A pattern that compiles to far more than the limit.
[[rule]]
id = "confidentiality/huge"
type = "pattern"
severity = "error"
summary = "Too big"
message = "found {match}"
pattern = '\w{1000}{1000}'
"#;
    let o = with_house_rules(&dir, toml);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "error: invalid pattern in rule `confidentiality/huge`: the pattern compiles to \
             more than 1048576 bytes; simplify it"
        ),
        "{err}"
    );
    assert!(err.contains("┌─ house.toml:8:11\n"), "{err}");
    assert!(err.contains("8 │ pattern = '\\w{1000}{1000}'\n"), "{err}");
    assert_eq!(stdout(&o), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------
// Bugs

#[test]
fn a_panic_is_exit_2_with_a_request_for_a_report_and_no_backtrace() {
    let o = postlint_env(
        &root(),
        &["--no-config", "-"],
        b"touch base",
        &[("POSTLINT_TEST_PANIC", "1"), ("RUST_BACKTRACE", "1")],
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("postlint: internal error: panicked at "),
        "{err}"
    );
    assert!(
        err.contains("POSTLINT_TEST_PANIC=1 asked for a panic\n"),
        "{err}"
    );
    assert!(
        err.ends_with(
            "This is a bug in postlint, not in your draft. Please report it with the command \
             you ran (but not the draft's text if it is confidential).\n"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(!err.contains("backtrace"), "{err}");
    assert_eq!(stdout(&o), "");

    // Only "1" asks for it.
    let o = postlint_env(
        &root(),
        &["--no-config", "-"],
        b"touch base",
        &[("POSTLINT_TEST_PANIC", "0")],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}
