//! Top-level domains as twitter-text knows them.
//!
//! The table comes from twitter-text's `tld_lib.yml` (see `scripts/gen_tld_table.py`). The
//! crates.io `psl` crate was considered and rejected: the Public Suffix List differs from X's list
//! by about 170 TLDs (X keeps retired ones such as `.duck` and lacks some new ones), and a URL
//! that X does not recognise is counted character by character, so only X's own list is exact.

use super::tld_table::{COUNTRY_BASE, TLDS};

/// Finds the TLD that twitter-text's `(?:gTLD|ccTLD)` alternation (or, with `country_only`, its
/// `ccTLD` alternation alone) picks at byte `at` of `text`; returns the byte offset just past it.
///
/// A TLD matches ASCII-case-insensitively (non-ASCII TLDs match exactly, as in Java's
/// `CASE_INSENSITIVE`) and only when the next character is not `[A-Za-z0-9@+-]`. When several
/// TLDs match (`.भारत` and `.भारतम्` both can), the earlier in twitter-text's lists wins, gTLDs
/// before ccTLDs.
pub(super) fn tld_at(text: &str, at: usize, country_only: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut lo = 0;
    let mut hi = TLDS.len();
    let mut best: Option<(u16, usize)> = None;
    let mut k = 0;
    while lo < hi {
        // Entries in lo..hi share their first `k` bytes with the text; one of length `k` is a
        // complete match. It sorts first because it is a prefix of the others.
        if let Some(&(tld, rank)) = TLDS.get(lo)
            && tld.len() == k
        {
            if (!country_only || rank >= COUNTRY_BASE)
                && lookahead_ok(bytes, at + k)
                && best.is_none_or(|(r, _)| rank < r)
            {
                best = Some((rank, at + k));
            }
            lo += 1;
        }
        let Some(&b) = bytes.get(at + k) else { break };
        let b = b.to_ascii_lowercase();
        let range = &TLDS[lo..hi];
        let start = range.partition_point(|(t, _)| t.as_bytes().get(k).is_some_and(|&c| c < b));
        let end = range.partition_point(|(t, _)| t.as_bytes().get(k).is_some_and(|&c| c <= b));
        hi = lo + end;
        lo += start;
        k += 1;
    }
    best.map(|(_, end)| end)
}

/// twitter-text's `(?=[^a-z0-9@+-]|$)` after a TLD, case-insensitive.
fn lookahead_ok(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        None => true,
        Some(&b) => !(b.is_ascii_alphanumeric() || matches!(b, b'@' | b'+' | b'-')),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tld_table::COUNTS;
    use super::*;

    fn tld(text: &str) -> Option<&str> {
        tld_at(text, 0, false).map(|end| &text[..end])
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(
            TLDS.windows(2)
                .all(|w| w[0].0.as_bytes() < w[1].0.as_bytes())
        );
        assert_eq!(TLDS.len(), COUNTS.0 + COUNTS.1);
    }

    #[test]
    fn matches_whole_tld_with_lookahead() {
        assert_eq!(tld("com"), Some("com"));
        assert_eq!(tld("COM/path"), Some("COM"));
        assert_eq!(tld("com."), Some("com"));
        assert_eq!(tld("comm"), None);
        assert_eq!(tld("com-x"), None);
        assert_eq!(tld("com@x"), None);
        assert_eq!(tld("com+x"), None);
        assert_eq!(tld("co"), Some("co"));
        assert_eq!(tld("bz2"), None);
        assert_eq!(tld("baz"), None);
        assert_eq!(tld("twitter_"), None);
        assert_eq!(tld("みんなです"), Some("みんな"));
        assert_eq!(tld("中国/"), Some("中国"));
        assert_eq!(tld(""), None);
    }

    #[test]
    fn earlier_list_entry_wins_between_prefixes() {
        // Both "भारत" and "भारतम्" are ccTLDs; the list has the longer one first.
        assert_eq!(tld("भारतम्"), Some("भारतम्"));
        assert_eq!(tld("भारतx"), None, "x after the TLD fails the lookahead");
        assert_eq!(tld("भारत "), Some("भारत"));
    }

    #[test]
    fn country_only() {
        assert_eq!(tld_at("jp", 0, true), Some(2));
        assert_eq!(tld_at("com", 0, true), None);
        assert_eq!(tld_at("co", 0, true), Some(2));
        assert_eq!(tld_at("x.com", 2, false), Some(5));
    }

    /// The generated table must match the YAML it came from (when `shared/` is checked out).
    #[test]
    fn table_matches_tld_lib_yml() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/conformance/twitter-text/tld_lib.yml"
        );
        let Ok(yaml) = std::fs::read_to_string(path) else {
            return; // shared/ is absent; tests/x_conformance.rs says so loudly.
        };
        let docs = yaml_rust2::YamlLoader::load_from_str(&yaml).expect("tld_lib.yml parses");
        let doc = &docs[0];
        let list = |key: &str| -> Vec<String> {
            doc[key]
                .as_vec()
                .expect("list")
                .iter()
                .map(|y| y.as_str().expect("string").to_owned())
                .collect()
        };
        let (generic, country) = (list("generic"), list("country"));
        assert_eq!(
            (generic.len(), country.len()),
            COUNTS,
            "rerun scripts/gen_tld_table.py"
        );
        for (i, t) in generic.iter().enumerate() {
            let rank = TLDS.iter().find(|(x, _)| x == t).map(|&(_, r)| r);
            assert_eq!(
                rank,
                u16::try_from(i).ok(),
                "gTLD {t}: rerun scripts/gen_tld_table.py"
            );
        }
        for (i, t) in country.iter().enumerate() {
            let rank = TLDS.iter().find(|(x, _)| x == t).map(|&(_, r)| r);
            let want = u16::try_from(i).ok().map(|i| COUNTRY_BASE + i);
            assert_eq!(rank, want, "ccTLD {t}: rerun scripts/gen_tld_table.py");
        }
    }
}
