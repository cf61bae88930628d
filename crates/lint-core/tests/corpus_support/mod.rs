//! Reading the labelled corpora in `tests/corpus/<folder>/` (format in each folder's README):
//! posts separated by `---` lines, `%` lines are comments, labels written inline as
//! `[[type|exact text]]`.

use std::path::Path;

/// One post, with its labels removed from the text and kept as byte spans.
pub struct Post {
    /// The file the post came from.
    pub file: String,
    /// The post as its author wrote it.
    pub text: String,
    /// (type, start, end) of each label, in order.
    pub gold: Vec<(String, usize, usize)>,
}

/// Splits one post into its text and its labels.
fn parse_post(file: &str, raw: &str) -> Post {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after
            .find("]]")
            .unwrap_or_else(|| panic!("{file}: unclosed [[ in {raw:?}"));
        let (kind, inner) = after[..close]
            .split_once('|')
            .unwrap_or_else(|| panic!("{file}: label without | in {raw:?}"));
        let start = text.len();
        text.push_str(inner);
        gold.push((kind.to_string(), start, text.len()));
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    Post {
        file: file.to_string(),
        text,
        gold,
    }
}

/// Every post of every `.txt` file in `tests/corpus/<folder>/`, files in name order.
pub fn load(folder: &str) -> Vec<Post> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(folder);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut posts = Vec::new();
    for path in names {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let body = std::fs::read_to_string(&path).expect("corpus file is UTF-8");
        let mut current = String::new();
        let mut flush = |current: &mut String| {
            let post = current.trim_matches('\n');
            if !post.trim().is_empty() {
                posts.push(parse_post(&file, post));
            }
            current.clear();
        };
        for line in body.lines() {
            if line.starts_with('%') {
                continue;
            }
            if line == "---" {
                flush(&mut current);
            } else {
                current.push_str(line);
                current.push('\n');
            }
        }
        flush(&mut current);
    }
    posts
}
