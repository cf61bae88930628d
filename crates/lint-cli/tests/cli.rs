//! End-to-end tests: the real `postlint` binary against the fixtures in `tests/`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs postlint from the workspace root (so fixture paths print as given) with no house
/// rules discovered and no colour from the environment.
fn postlint(args: &[&str]) -> Output {
    postlint_in(&root(), args, None)
}

fn postlint_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_postlint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("postlint runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    pipe.write_all(stdin.unwrap_or_default())
        .expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("postlint finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn json(o: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is one JSON array ({e}):\n{}", stdout(o)))
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
    assert!(out.contains("^^^^^^^^^^^^^ try: From now on"), "{out}");
    assert!(out.contains("= or: “In future”"), "{out}");
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
fn sincere_draft_with_acronyms_quotation_and_hashtags_is_clean() {
    let o = postlint(&["tests/drafts/tone-sincere.txt"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "postlint: no problems found in 1 draft\n");
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
        serde_json::json!(["From now on", "In future"])
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
