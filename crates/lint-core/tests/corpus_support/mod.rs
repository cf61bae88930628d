//! Reading the labelled corpora in `tests/corpus/<folder>/` (format in each folder's README):
//! posts separated by `---` lines, `%` lines are comments, labels written inline as
//! `[[type|exact text]]`.

use std::collections::BTreeMap;
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

/// A label or a prediction: (type, start, end).
pub type Span = (String, usize, usize);

/// How predictions are matched with labels.
pub struct Scoring {
    /// Whether spans of a type match by overlap (else they must match exactly).
    pub by_overlap: fn(&str) -> bool,
    /// Types scored once per post: a finding that labels its parts (an identifying
    /// combination) is found when a post with a label of the type gets a prediction of it.
    pub per_post: &'static [&'static str],
}

#[derive(Default)]
struct Tally {
    predicted: usize,
    correct: usize,
    gold: usize,
    found: usize,
    exact: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.predicted += other.predicted;
        self.correct += other.correct;
        self.gold += other.gold;
        self.found += other.found;
        self.exact += other.exact;
    }
}

/// Scores `predict` on the posts: a prediction is correct when it matches a label of its
/// type, a label is found when some prediction matches it. Prints the table (and with
/// `POSTLINT_CORPUS_VERBOSE=1` every miss and false alarm) and returns overall
/// (precision, recall).
#[allow(dead_code, clippy::print_stderr)] // the figures are the point; not every user scores
pub fn score(
    name: &str,
    posts: &[Post],
    scoring: &Scoring,
    predict: impl Fn(&Post) -> Vec<Span>,
) -> (f64, f64) {
    let matches = |p: &Span, g: &Span| {
        p.0 == g.0
            && if (scoring.by_overlap)(&g.0) {
                p.1 < g.2 && g.1 < p.2
            } else {
                p.1 == g.1 && p.2 == g.2
            }
    };
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for post in posts {
        let predicted = predict(post);
        for &kind in scoring.per_post {
            let gold = post.gold.iter().any(|g| g.0 == kind);
            let found = predicted.iter().any(|p| p.0 == kind);
            let t = tally.entry(kind.to_string()).or_default();
            t.gold += usize::from(gold);
            t.predicted += usize::from(found);
            t.correct += usize::from(gold && found);
            t.found += usize::from(gold && found);
            if gold && !found {
                misses.push(format!("{kind} in {:?}", post.text));
            }
            if found && !gold {
                false_alarms.push(format!("{kind} in {:?}", post.text));
            }
        }
        let per_span = |s: &&Span| !scoring.per_post.contains(&s.0.as_str());
        let predicted: Vec<&Span> = predicted.iter().filter(per_span).collect();
        let gold: Vec<&Span> = post.gold.iter().filter(per_span).collect();
        let quote = |s: &Span| format!("{} {:?} in {:?}", s.0, &post.text[s.1..s.2], post.text);
        for &p in &predicted {
            let t = tally.entry(p.0.clone()).or_default();
            t.predicted += 1;
            if gold.iter().any(|g| matches(p, g)) {
                t.correct += 1;
            } else {
                false_alarms.push(quote(p));
            }
        }
        for &g in &gold {
            let t = tally.entry(g.0.clone()).or_default();
            t.gold += 1;
            if predicted.iter().any(|p| matches(p, g)) {
                t.found += 1;
                t.exact += usize::from(predicted.contains(&g));
            } else {
                misses.push(quote(g));
            }
        }
    }

    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let labelled = posts.iter().filter(|p| !p.gold.is_empty()).count();
    eprintln!(
        "\n{name}: {} posts ({labelled} with labels, {} negatives)",
        posts.len(),
        posts.len() - labelled
    );
    eprintln!(
        "{:26} {:>9} {:>9} {:>6} {:>6} {:>11}",
        "type", "precision", "recall", "pred", "gold", "exact span"
    );
    let mut all = Tally::default();
    let row = |kind: &str, t: &Tally| {
        eprintln!(
            "{kind:26} {:>9.3} {:>9.3} {:>6} {:>6} {:>11.3}",
            ratio(t.correct, t.predicted),
            ratio(t.found, t.gold),
            t.predicted,
            t.gold,
            ratio(t.exact, t.found),
        );
    };
    for (kind, t) in &tally {
        row(kind, t);
        all.add(t);
    }
    row("overall", &all);
    if std::env::var_os("POSTLINT_CORPUS_VERBOSE").is_some() {
        for m in &misses {
            eprintln!("miss: {m}");
        }
        for f in &false_alarms {
            eprintln!("false alarm: {f}");
        }
    }
    (
        ratio(all.correct, all.predicted),
        ratio(all.found, all.gold),
    )
}

/// Asserts each file's posts are labelled as its name says: `negatives*` files have no
/// labels, and (with `positives`) every other file's posts have at least one.
#[allow(dead_code)] // not every user checks positives
pub fn check_files(posts: &[Post], positives: bool) {
    for p in posts {
        if p.file.starts_with("negatives") {
            assert!(
                p.gold.is_empty(),
                "{}: labelled negative {:?}",
                p.file,
                p.text
            );
        } else if positives {
            assert!(
                !p.gold.is_empty(),
                "{}: unlabelled positive {:?}",
                p.file,
                p.text
            );
        }
    }
}

/// Every post of every folder in `tests/corpus/`, folders in name order (held-out sets
/// included: for tests that compare two ways of finding the same thing, not for scoring).
#[allow(dead_code)] // not every user reads them all
pub fn load_all() -> Vec<Post> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .expect("the corpus folder exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    folders.sort();
    folders.iter().flat_map(|f| load(f)).collect()
}

/// Asserts every label is of one of `types`.
#[allow(dead_code)] // not every user has a closed list of types
pub fn check_types(posts: &[Post], types: &[&str]) {
    for p in posts {
        for g in &p.gold {
            assert!(
                types.contains(&g.0.as_str()),
                "{}: unknown label type {}",
                p.file,
                g.0
            );
        }
    }
}

/// The posts of `tests/corpus/<folder>/`, if the folder exists (held-out sets).
#[allow(dead_code)] // not every user has a held-out set
pub fn load_if_present(folder: &str) -> Option<Vec<Post>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(folder);
    dir.exists().then(|| load(folder))
}
