//! Deterministic bench corpora, generated rather than committed.
//!
//! The labelled posts in `tests/corpus/*/` (markup removed) and the drafts in `tests/drafts/`
//! are the raw material: real-sounding posts with a known kind. A corpus is built post by
//! post: a source post kept whole, or two to six sentences drawn from posts of one kind, so
//! lengths run from one-liners to short threads and include the corpora's emoji and
//! non-ASCII text.
//!
//! - [`realistic`]: what an archive of practitioners' posts looks like: mostly clean posts
//!   (public policy, events, statistics, names of public figures and places), with one post
//!   in ten leaking something confidential and about one in six carrying jargon or tone.
//!   [`realistic_posts`] gives the same mix by number of posts rather than bytes.
//! - [`leak_dense`]: every post drawn from the confidentiality corpus, half of which leaks:
//!   the worst case for the confidentiality detectors.

use std::path::Path;

/// A small deterministic generator (PCG-style LCG), so every run measures the same corpus.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

/// Source posts of one kind.
#[derive(Default)]
struct Pool {
    posts: Vec<String>,
    sentences: Vec<String>,
}

impl Pool {
    fn add(&mut self, post: String) {
        self.sentences.extend(
            post.split_inclusive(['.', '!', '?', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        self.posts.push(post);
    }

    /// One post: a source post whole (one time in three) or a few of its sentences.
    fn post(&self, rng: &mut Lcg) -> String {
        if rng.next().is_multiple_of(3) {
            return self.posts[rng.next() % self.posts.len()].clone();
        }
        let n = 2 + rng.next() % 5;
        (0..n)
            .map(|_| self.sentences[rng.next() % self.sentences.len()].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[path = "../../tests/corpus_support/mod.rs"]
#[allow(dead_code)] // the benchmarks only read posts
mod corpus_support;

/// The posts of corpus folder `tests/corpus/<folder>`, markup removed, each with whether it
/// carried a label.
fn read_posts(folder: &str) -> Vec<(String, bool)> {
    corpus_support::load(folder)
        .into_iter()
        .map(|p| (p.text.trim().to_string(), !p.gold.is_empty()))
        .collect()
}

/// The example drafts in `tests/drafts/`, one post each (unreadable or empty ones skipped).
fn read_drafts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/drafts");
    let mut paths: Vec<_> = std::fs::read_dir(root)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Posts drawn from `pools` (each with its weight) until `done(posts, bytes)` says stop.
fn generate(
    pools: &[(Pool, usize)],
    seed: u64,
    done: impl Fn(usize, usize) -> bool,
) -> Vec<String> {
    let total_weight: usize = pools.iter().map(|(_, w)| w).sum();
    let mut rng = Lcg(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while !done(out.len(), total) {
        let mut pick = rng.next() % total_weight;
        let pool = pools
            .iter()
            .find(|(_, w)| {
                let hit = pick < *w;
                pick = pick.saturating_sub(*w);
                hit
            })
            .map_or(&pools[0].0, |(p, _)| p);
        let post = pool.post(&mut rng);
        total += post.len();
        out.push(post);
    }
    out
}

/// About `target_bytes` of posts as an archive of practitioners' posts would have them.
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn realistic(target_bytes: usize) -> Vec<String> {
    generate(&realistic_pools(), 0x5eed, |_, bytes| bytes >= target_bytes)
}

/// `n` posts of the same mix as [`realistic`] (the same posts in the same order: the one
/// is a prefix of the other).
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn realistic_posts(n: usize) -> Vec<String> {
    generate(&realistic_pools(), 0x5eed, |posts, _| posts >= n)
}

/// The pools of [`realistic`] with their weights.
fn realistic_pools() -> Vec<(Pool, usize)> {
    let mut clean = Pool::default();
    let mut leaks = Pool::default();
    let mut styled = Pool::default();
    for folder in ["confidentiality", "confidentiality-holdout"] {
        for (post, labelled) in read_posts(folder) {
            if labelled {
                leaks.add(post);
            } else {
                clean.add(post);
            }
        }
    }
    for folder in ["jargon", "tone"] {
        for (post, labelled) in read_posts(folder) {
            if labelled {
                styled.add(post);
            } else {
                clean.add(post);
            }
        }
    }
    for draft in read_drafts() {
        clean.add(draft);
    }
    assert!(
        !clean.posts.is_empty() && !leaks.posts.is_empty() && !styled.posts.is_empty(),
        "bench corpus sources missing under tests/"
    );
    // Weights per 20 posts: 15 clean, 2 leaking, 3 with jargon or tone.
    vec![(clean, 15), (leaks, 2), (styled, 3)]
}

/// About `target_bytes` of posts drawn from the confidentiality corpus only.
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn leak_dense(target_bytes: usize) -> Vec<String> {
    let mut pool = Pool::default();
    for (post, _) in read_posts("confidentiality") {
        pool.add(post);
    }
    assert!(
        !pool.posts.is_empty(),
        "bench corpus sources missing under tests/"
    );
    generate(&[(pool, 1)], 0x5eed, |_, bytes| bytes >= target_bytes)
}

/// Every labelled post of every corpus (held-out sets too) and every example draft, once.
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn every_post() -> Vec<String> {
    let folders = [
        "confidentiality",
        "confidentiality-holdout",
        "jargon",
        "jargon-holdout",
        "tone",
        "tone-holdout",
    ];
    let mut posts: Vec<String> = folders
        .iter()
        .flat_map(|folder| read_posts(folder))
        .map(|(post, _)| post)
        .collect();
    posts.extend(read_drafts());
    posts
}

/// Phrases that occur in the realistic corpus, first in every house list so that even the
/// short list finds something.
const HOUSE_TERMS_IN_CORPUS: [&str; 5] = [
    "emergency duty team",
    "children in care team",
    "new family hub",
    "fostering team",
    "crisis team",
];

/// `n` distinct house-rule phrases, as a team's list of its own services might run: a few
/// from [`HOUSE_TERMS_IN_CORPUS`], then "riverside family hub", ..., then numbered ones
/// ("north locality team 12"), which the corpus never contains.
fn house_term_phrases(n: usize) -> Vec<String> {
    const PLACES: &str = "riverside north south east west central hillside harbour meadow \
        valley parkside bridgeford oakfield millbrook ashton kingsway westgate eastfield \
        northbank southmead greenway lakeside stonebridge highcross marshfield";
    const SERVICES: &str = "family hub, locality team, early help hub, youth service, \
        assessment team, fostering panel, adoption support, leaving care team, disability team, \
        edge of care service, contact centre, community hub, wellbeing service, \
        school nursing team, parenting service, outreach team, housing options team, duty desk, \
        resource centre, intake team";
    let places: Vec<&str> = PLACES.split_whitespace().collect();
    let services: Vec<&str> = SERVICES.split(", ").collect();
    let mut phrases: Vec<String> = HOUSE_TERMS_IN_CORPUS.map(String::from).to_vec();
    'fill: for k in 0.. {
        for place in &places {
            for service in &services {
                if phrases.len() >= n {
                    break 'fill;
                }
                phrases.push(match k {
                    0 => format!("{place} {service}"),
                    _ => format!("{place} {service} {k}"),
                });
            }
        }
    }
    phrases.truncate(n);
    phrases
}

/// A house-rules file with one `terms` rule of `n` phrases (see [`house_term_phrases`]).
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn house_terms_toml(n: usize) -> String {
    let mut toml = String::from(
        "[[rule]]\n\
         id = \"tone/house-terms\"\n\
         type = \"terms\"\n\
         severity = \"warning\"\n\
         summary = \"Names of our own services, not for public posts\"\n\
         message = \"“{match}” names one of our services\"\n\
         \n\
         [rule.terms]\n",
    );
    for phrase in house_term_phrases(n) {
        toml.push_str(&format!("\"{phrase}\" = \"\"\n"));
    }
    toml
}

/// A linter with the default rules, only those whose id `keep` accepts switched on, and
/// the house rules `extra` (TOML, may be empty) added.
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn linter_with(keep: impl Fn(&str) -> bool, extra: &str) -> postlint_core::Linter {
    use postlint_core::Linter;
    let mut house = String::from(extra);
    house.push_str("\n[severity]\n");
    for rule in Linter::new().expect("default rules").rules() {
        if rule.is_enabled() && !keep(&rule.id) {
            house.push_str(&format!("\"{}\" = \"off\"\n", rule.id));
        }
    }
    Linter::builder()
        .house_rules("bench.toml", house)
        .build()
        .expect("builds")
}

/// The foundation's rules: the length limit and managerial jargon.
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn is_foundation(id: &str) -> bool {
    id == "length/limit" || id == "jargon/managerial"
}

/// The baseline: one bare aho-corasick automaton of `linter`'s whole phrase set
/// (leftmost-longest, ASCII case-insensitive, a DFA), to scan each post with `find_iter`.
#[allow(dead_code)] // each user of this module needs only some corpora
pub fn bare_automaton(linter: &postlint_core::Linter) -> aho_corasick::AhoCorasick {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(linter.phrase_list())
        .expect("phrase automaton builds")
}
