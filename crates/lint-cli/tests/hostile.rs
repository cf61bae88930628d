//! Hostile inputs through the real `postlint` binary: each has a test and a behaviour a
//! person can rely on. The library's side (huge and odd text through `Linter::check`, huge
//! and nested house rules through the builder) is in `crates/lint-core/tests/hostile.rs`.
//!
//! Sizes are chosen so that each test takes about a second or less in a debug build. A 50 MB
//! draft takes well over ten seconds to check in a debug build, so the 50 MB case is only
//! tested against the cap here; checking a line of several megabytes stands in for it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs postlint in `dir` with `stdin` and `env` set; no colour from the environment. The
/// draft is written from a thread, so a postlint that stops reading (at the size cap) cannot
/// block the test.
fn postlint_env(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_postlint"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("POSTLINT_TEST_PANIC")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("postlint runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // A refused draft closes the pipe early; that is not the test's failure.
        let _ = pipe.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("postlint finishes");
    writer.join().expect("the writer thread ends");
    out
}

/// Runs postlint in the workspace root, with no house rules unless `args` name some.
fn postlint(args: &[&str], stdin: &[u8]) -> Output {
    postlint_env(&root(), args, stdin, &[])
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

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("postlint-hostile-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------------------
// Size: many findings, many lines, long lines

/// A single line of `len` bytes of prose, ending "we will touch base".
fn long_line(len: usize) -> String {
    let mut line = "lorem ipsum dolor sit amet ".repeat(len / 27 + 1);
    line.truncate(len - 19);
    line.push_str(" we will touch base");
    line
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
