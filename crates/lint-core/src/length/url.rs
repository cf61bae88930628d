//! URL extraction with twitter-text's semantics.
//!
//! twitter-text finds URLs with one backtracking regex (`Regex.VALID_URL` in the Java library,
//! `extractUrl` in the JavaScript one) and then filters the matches (`extractURLsWithIndices`).
//! This module reproduces that regex by hand, as one forward scan: the backtracking resolves to a
//! few simple rules, written out at each step below, and the scan stays linear on inputs that
//! make a backtracking engine quadratic (`a.a.a.a…`, long hyphenated runs).
//!
//! The regex, in the Java version (case-insensitive):
//!
//! ```text
//! PRE   (?:[^a-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF]|^)   the character before the URL, or the start
//! URL   (https?://)?
//!       DOMAIN  (?:SUBDOMAIN* DOMAIN_NAME (?:GTLD|CCTLD|xn--[-0-9a-z]+))
//!             | (?<=https?://)(?:DOMAIN_NAME CCTLD | UNICODE_DOMAIN_NAME (?:GTLD|CCTLD))
//!       (?::[0-9]++)?  (/PATH*+)?  (\?QUERY_CHARS*QUERY_END)?
//! ```
//!
//! Mastodon uses twitter-text's Ruby regex with its own overrides (more schemes, Unicode paths and
//! queries, Unicode domain labels) and keeps only URLs with a scheme; [`Dialect::Mastodon`] has
//! those rules.

use std::ops::Range;

use super::tld::tld_at;

/// Whose URL rules to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// twitter-text v3 (Java and JavaScript): `http(s)://` optional.
    X,
    /// Mastodon: twitter-text's Ruby regex plus `config/initializers/twitter_regex.rb`; a URL
    /// needs one of Mastodon's schemes.
    Mastodon,
}

/// Whether the dot at byte `dot` can be one of a URL's: in a domain every dot is followed by
/// a label or the TLD, and neither starts with white space or ASCII punctuation
/// (`\p{Punct}`), so a dot that ends a sentence (or the text) is none. Every URL the finder
/// returns has at least one such dot; the length limit's bound counts on it.
pub(crate) fn dot_may_be_in_url(bytes: &[u8], dot: usize) -> bool {
    bytes
        .get(dot + 1)
        .is_some_and(|b| !b.is_ascii_whitespace() && !b.is_ascii_punctuation())
}

/// The longest URL twitter-text accepts, scheme included, in UTF-16 units.
const MAX_URL_LENGTH: usize = 4096;
/// The longest t.co slug twitter-text accepts.
const MAX_TCO_SLUG_LENGTH: usize = 40;
/// Added to the length of a URL without a scheme (twitter-text assumes `https://`).
const DEFAULT_PROTOCOL_LENGTH: usize = "https://".len();

/// Finds the URLs in `text` the way X does: byte ranges, in order, not overlapping.
///
/// This is twitter-text's `extractUrlsWithIndices` with its default options: URLs with
/// `http://` or `https://`, and bare domains such as `example.com/path` whose top-level domain
/// is on X's list. Trailing punctuation is left out (`see example.com.` → `example.com`), a path
/// keeps balanced parentheses (`/wiki/Primer_(film)`), and t.co links stop after the slug.
/// Nothing is normalised: [`measure`](super::measure) extracts from the NFC form of the text.
pub fn extract_urls(text: &str) -> Vec<Range<usize>> {
    UrlFinder::new(text, Dialect::X).collect()
}

/// An iterator over the URLs in a text (byte ranges), emulating Java's `Matcher.find()` loop.
pub(super) struct UrlFinder<'a> {
    text: &'a str,
    dialect: Dialect,
    /// Where the next `find()` starts: just past the previous regex match.
    pos: usize,
    chain: Chain,
    /// Off only in the test that checks the skip changes nothing.
    skip_dead_dots: bool,
}

/// One match of the URL regex, before twitter-text's filters.
struct RawMatch {
    url_start: usize,
    has_protocol: bool,
    domain: Range<usize>,
    end: usize,
    before: Option<char>,
}

impl<'a> UrlFinder<'a> {
    pub(super) fn new(text: &'a str, dialect: Dialect) -> Self {
        UrlFinder {
            text,
            dialect,
            pos: 0,
            chain: Chain::default(),
            skip_dead_dots: true,
        }
    }

    /// The next match of the regex at or after `self.pos` (Java's `Matcher.find()`).
    fn find_match(&mut self) -> Option<RawMatch> {
        let text = self.text;
        let from = self.pos;
        let mut first_m = from;
        if from == 0 {
            // At the very start PRE may consume the first character (tried first) or match `^`.
            let c0 = text.chars().next()?;
            if pre_ok(c0)
                && let Some(m) = self.try_at(c0.len_utf8(), Some(c0))
            {
                return Some(m);
            }
            if let Some(m) = self.try_at(0, None) {
                return Some(m);
            }
            first_m = c0.len_utf8();
        }
        // From here on a URL starting at `s` has PRE = the character ending at `s`, which must
        // start at or after `first_m`.
        let mut s = next_boundary(text, first_m)?;
        while s < text.len() {
            // Every URL has a dot in its domain; the first dot at or after `s` ends the first
            // label, so only starts in the run of label-like characters before it can match.
            let dot = s + memchr::memchr(b'.', text.get(s..)?.as_bytes())?;
            // No URL's first label ends at a full stop: the words before one are not tried.
            if self.skip_dead_dots && !dot_may_be_in_url(text.as_bytes(), dot) {
                s = dot + 1;
                continue;
            }
            s = self.run_start(s, dot);
            while s < dot {
                let before = text.get(..s).and_then(|t| t.chars().next_back());
                if let Some(b) = before
                    && pre_ok(b)
                    && let Some(m) = self.try_at(s, Some(b))
                {
                    return Some(m);
                }
                s = next_boundary(text, s)?;
            }
            s = dot + 1;
        }
        None
    }

    /// The first byte at or after `from` where a URL whose first label ends at `dot` can start:
    /// the start of the run of scheme and label characters before the dot.
    fn run_start(&self, from: usize, dot: usize) -> usize {
        let text = self.text;
        let Some((i, c)) = text
            .get(from..dot)
            .and_then(|run| run.char_indices().rev().find(|&(_, c)| is_run_stop(c)))
        else {
            return from;
        };
        let mut k = from + i + c.len_utf8();
        if let Some(scheme_end) = text.get(..k).and_then(|t| t.strip_suffix("://")) {
            let letters = scheme_end
                .bytes()
                .rev()
                .take_while(u8::is_ascii_alphabetic)
                .count();
            k = scheme_end.len() - letters;
        }
        k.max(from)
    }

    /// Tries the URL part of the regex at `s` (PRE already matched).
    fn try_at(&mut self, s: usize, before: Option<char>) -> Option<RawMatch> {
        let text = self.text;
        let rest = text.get(s..)?;
        let proto = protocol_len(rest, self.dialect);
        // With a scheme present, the alternative without it would need a domain label ending in
        // ':', which cannot match, so only one attempt is needed.
        let domain_start = s + proto.unwrap_or(0);
        let domain_end = self.domain(domain_start)?;
        let mut end = domain_end;
        // (?::[0-9]+)?
        if let Some(port) = text.get(end..).and_then(|t| t.strip_prefix(':')) {
            let digits = port.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 {
                end += 1 + digits;
            }
        }
        // (/PATH*)?
        if text.get(end..).is_some_and(|t| t.starts_with('/')) {
            end = self.path_end(end + 1);
        }
        // (\?QUERY_CHARS*QUERY_END)?
        if let Some(query) = text.get(end..).and_then(|t| t.strip_prefix('?'))
            && let Some(n) = query_len(query, self.dialect)
        {
            end += 1 + n;
        }
        Some(RawMatch {
            url_start: s,
            has_protocol: proto.is_some(),
            domain: domain_start..domain_end,
            end,
            before,
        })
    }

    /// The end of the domain starting at `d`, if one does.
    fn domain(&mut self, d: usize) -> Option<usize> {
        let ascii = self.chain_domain(d);
        match self.dialect {
            Dialect::X => ascii.or_else(|| {
                let head = self.text.get(..d)?;
                let after_scheme = ends_with_ignore_case(head, "http://")
                    || ends_with_ignore_case(head, "https://");
                if after_scheme {
                    unicode_domain(self.text, d)
                } else {
                    None
                }
            }),
            Dialect::Mastodon => ascii,
        }
    }

    /// `SUBDOMAIN* DOMAIN_NAME (?:GTLD|CCTLD|PUNYCODE)` at `p`.
    ///
    /// The regex takes as many subdomains as it can and backtracks: the answer is the TLD after
    /// the last label that can end the chain. Labels are cached so that trying every start in
    /// `a.b.c.d…` costs linear time.
    fn chain_domain(&mut self, p: usize) -> Option<usize> {
        if !self.chain.covers(p) {
            let chain = Chain::build(self.text, p, self.dialect);
            if chain.labels.is_empty() {
                return None;
            }
            self.chain = chain;
        }
        self.chain.best_from(self.text, p, self.dialect)
    }

    /// The end of the path that starts at `p` (just past the `/`).
    ///
    /// `PATH` is `GPC* (BALANCED_PARENS GPC*)* PATH_END`, repeated possessively. Its path ending
    /// characters are a subset of the general ones, so backtracking settles on the last unit of
    /// the greedy span that may end a path: an ending character, or balanced parentheses.
    fn path_end(&self, p: usize) -> usize {
        let text = self.text;
        let d = self.dialect;
        let mut i = p;
        let mut last = p;
        loop {
            for c in text.get(i..).unwrap_or_default().chars() {
                if !path_char(c, d) {
                    break;
                }
                i += c.len_utf8();
                if path_end_char(c, d) {
                    last = i;
                }
            }
            match balanced_parens(text, i, |c| path_char(c, d)) {
                Some(end) => {
                    // Mastodon's ending alternative kept twitter-text's original parentheses.
                    let ends =
                        d == Dialect::X || balanced_parens(text, i, ruby_path_char).is_some();
                    if ends {
                        last = end;
                    }
                    i = end;
                }
                None => return last,
            }
        }
    }
}

impl Iterator for UrlFinder<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            let m = self.find_match()?;
            self.pos = m.end;
            if !m.has_protocol
                && (self.dialect == Dialect::Mastodon
                    || matches!(m.before, Some('-' | '_' | '.' | '/')))
            {
                continue;
            }
            let mut end = m.end;
            if m.has_protocol {
                match tco_end(self.text, m.url_start, m.end, self.dialect) {
                    Tco::Plain => {}
                    Tco::TooLong => continue,
                    Tco::End(e) => end = e,
                }
            }
            let (Some(url), Some(host)) =
                (self.text.get(m.url_start..end), self.text.get(m.domain))
            else {
                continue;
            };
            if valid_host_and_length(url, host, m.has_protocol) {
                return Some(m.url_start..end);
            }
        }
    }
}

/// Labels of a dotted run, with the regex's answer for each start, cached.
#[derive(Debug, Default)]
struct Chain {
    labels: Vec<Label>,
}

#[derive(Debug)]
struct Label {
    start: usize,
    end: usize,
    last_underscore: Option<usize>,
    /// A `.` follows the label.
    dot: bool,
    /// The end of the TLD (or punycode) just after the dot.
    tld_end: Option<usize>,
    /// The domain end when the chain starts at `start`.
    best: Option<usize>,
}

impl Chain {
    fn build(text: &str, p: usize, d: Dialect) -> Chain {
        let bytes = text.as_bytes();
        let mut labels = Vec::new();
        let mut q = p;
        loop {
            let mut end = q;
            let mut last_underscore = None;
            for c in text.get(q..).unwrap_or_default().chars() {
                if c == '_' {
                    last_underscore = Some(end);
                } else if !(c == '-' || label_char(c, d)) {
                    break;
                }
                end += c.len_utf8();
            }
            if end == q {
                break;
            }
            let dot = bytes.get(end) == Some(&b'.');
            let tld_end = if dot {
                tld_at(text, end + 1, false).or_else(|| punycode_end(text, end + 1, d))
            } else {
                None
            };
            labels.push(Label {
                start: q,
                end,
                last_underscore,
                dot,
                tld_end,
                best: None,
            });
            if !dot {
                break;
            }
            q = end + 1;
        }
        let mut next_best = None;
        for label in labels.iter_mut().rev() {
            label.best = chain_step(text, label, label.start, next_best, d);
            next_best = label.best;
        }
        Chain { labels }
    }

    fn covers(&self, p: usize) -> bool {
        self.index_of(p).is_some()
    }

    fn index_of(&self, p: usize) -> Option<usize> {
        let i = self
            .labels
            .partition_point(|l| l.start <= p)
            .checked_sub(1)?;
        let label = self.labels.get(i)?;
        (p < label.end).then_some(i)
    }

    fn best_from(&self, text: &str, p: usize, d: Dialect) -> Option<usize> {
        let i = self.index_of(p)?;
        let label = self.labels.get(i)?;
        if p == label.start {
            return label.best;
        }
        let next_best = self.labels.get(i + 1).and_then(|l| l.best);
        chain_step(text, label, p, next_best, d)
    }
}

/// The regex's answer for a chain whose first label is `label` from byte `p` on: as many
/// subdomains as possible (`next_best`), else this label as the domain name before a TLD.
fn chain_step(
    text: &str,
    label: &Label,
    p: usize,
    next_best: Option<usize>,
    d: Dialect,
) -> Option<usize> {
    let part = text.get(p..label.end)?;
    let first_ok = part.chars().next().is_some_and(|c| label_char(c, d));
    let last_ok = part.chars().next_back().is_some_and(|c| label_char(c, d));
    if !(label.dot && first_ok && last_ok) {
        return None;
    }
    let domain_name_ok = label.last_underscore.is_none_or(|u| u < p);
    next_best.or(if domain_name_ok { label.tld_end } else { None })
}

/// `(?<=https?://)(?:DOMAIN_NAME CCTLD | UNICODE_DOMAIN_NAME (?:GTLD|CCTLD))` at `d` (X only):
/// one label of any non-punctuation characters, after a scheme.
fn unicode_domain(text: &str, d: usize) -> Option<usize> {
    let rest = text.get(d..)?;
    let len: usize = rest
        .chars()
        .take_while(|&c| c == '-' || unicode_label_char(c))
        .map(char::len_utf8)
        .sum();
    let label = rest.get(..len)?;
    if !rest.get(len..)?.starts_with('.') {
        return None;
    }
    let ends_ok = |c: Option<char>| c.is_some_and(unicode_label_char);
    if !(ends_ok(label.chars().next()) && ends_ok(label.chars().next_back())) {
        return None;
    }
    let q = d + len + 1;
    let ascii_label = label.chars().all(|c| c == '-' || is_url_valid_char(c))
        && label.chars().next().is_some_and(is_url_valid_char)
        && label.chars().next_back().is_some_and(is_url_valid_char);
    if ascii_label && let Some(end) = tld_at(text, q, true) {
        return Some(end);
    }
    tld_at(text, q, false)
}

/// `xn--[-0-9a-z]+` (Ruby: `xn--[0-9a-z]+`), case-insensitive.
fn punycode_end(text: &str, at: usize, d: Dialect) -> Option<usize> {
    let rest = text.get(at..)?;
    if !rest.get(..4)?.eq_ignore_ascii_case("xn--") {
        return None;
    }
    let n = rest
        .bytes()
        .skip(4)
        .take_while(|&b| b.is_ascii_alphanumeric() || (b == b'-' && d == Dialect::X))
        .count();
    (n > 0).then_some(at + 4 + n)
}

/// Length of the scheme and `://` at the start of `rest`.
fn protocol_len(rest: &str, d: Dialect) -> Option<usize> {
    const X: [&str; 2] = ["https://", "http://"];
    const MASTODON: [&str; 9] = [
        "https://",
        "http://",
        "dat://",
        "dweb://",
        "ipfs://",
        "ipns://",
        "ssb://",
        "gopher://",
        "gemini://",
    ];
    let schemes: &[&str] = match d {
        Dialect::X => &X,
        Dialect::Mastodon => &MASTODON,
    };
    schemes.iter().find_map(|s| {
        let head = rest.get(..s.len())?;
        head.eq_ignore_ascii_case(s).then_some(s.len())
    })
}

/// `QUERY_CHARS* QUERY_END`: the query ends at its last ending character.
fn query_len(query: &str, d: Dialect) -> Option<usize> {
    let mut len = 0;
    let mut last = None;
    for c in query.chars() {
        if !query_char(c, d) {
            break;
        }
        len += c.len_utf8();
        if query_end_char(c, d) {
            last = Some(len);
        }
    }
    last
}

/// `\( (?: G+ | G* \( G+ \) G* ) \)` at byte `i`, where `G` is `general`; returns its end.
fn balanced_parens(text: &str, i: usize, general: impl Fn(char) -> bool) -> Option<usize> {
    let rest = text.get(i..)?.strip_prefix('(')?;
    let run = |s: &str| -> usize {
        s.chars()
            .take_while(|&c| general(c))
            .map(char::len_utf8)
            .sum()
    };
    let a = run(rest);
    let after_a = rest.get(a..)?;
    if a > 0 && after_a.starts_with(')') {
        return Some(i + 1 + a + 1);
    }
    let inner = after_a.strip_prefix('(')?;
    let b = run(inner);
    let after_b = inner.get(b..)?.strip_prefix(')')?;
    if b == 0 {
        return None;
    }
    let c = run(after_b);
    after_b.get(c..)?.strip_prefix(')')?;
    Some(i + 1 + a + 1 + b + 1 + c + 1)
}

enum Tco {
    Plain,
    TooLong,
    End(usize),
}

/// twitter-text's `VALID_TCO_URL`: a t.co link ends after its slug (and, for X, a query).
fn tco_end(text: &str, start: usize, end: usize, d: Dialect) -> Tco {
    let Some(url) = text.get(start..end) else {
        return Tco::Plain;
    };
    let Some(proto) = protocol_len(url, Dialect::X) else {
        return Tco::Plain;
    };
    let is_tco = url
        .get(proto..proto + 5)
        .is_some_and(|h| h.eq_ignore_ascii_case("t.co/"));
    if !is_tco {
        return Tco::Plain;
    }
    let slug_start = proto + 5;
    let slug = url
        .get(slug_start..)
        .unwrap_or_default()
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if slug == 0 {
        return Tco::Plain;
    }
    if slug > MAX_TCO_SLUG_LENGTH {
        return Tco::TooLong;
    }
    let mut len = slug_start + slug;
    if d == Dialect::X
        && let Some(query) = url.get(len..).and_then(|q| q.strip_prefix('?'))
        && let Some(n) = query_len(query, Dialect::X)
    {
        len += 1 + n;
    }
    Tco::End(start + len)
}

/// twitter-text's host check (RFC 3490 in the JavaScript library's light form): every label,
/// punycode-encoded, is 1 to 63 characters, a non-ASCII label does not start with `xn--`, and
/// the URL with its host encoded (and `https://` assumed when absent) fits in 4096 characters.
fn valid_host_and_length(url: &str, host: &str, has_protocol: bool) -> bool {
    let mut ascii_host = 0usize;
    for label in host.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']) {
        let encoded = if label.is_ascii() {
            label.len()
        } else if label
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        {
            return false;
        } else {
            match punycode_len(label) {
                Some(n) => 4 + n,
                None => return false,
            }
        };
        if !(1..=63).contains(&encoded) {
            return false;
        }
        ascii_host += encoded + 1;
    }
    let ascii_host = ascii_host.saturating_sub(1);
    let utf16 = |s: &str| s.chars().map(char::len_utf16).sum::<usize>();
    let scheme = if has_protocol {
        0
    } else {
        DEFAULT_PROTOCOL_LENGTH
    };
    let total = (utf16(url) + ascii_host + scheme).saturating_sub(utf16(host));
    total <= MAX_URL_LENGTH
}

/// Length of the RFC 3492 punycode encoding of `label` (without `xn--`), or `None` on overflow.
fn punycode_len(label: &str) -> Option<usize> {
    const BASE: u64 = 36;
    const T_MIN: u64 = 1;
    const T_MAX: u64 = 26;
    let cps: Vec<u64> = label.chars().map(|c| u64::from(u32::from(c))).collect();
    let basic = cps.iter().filter(|&&c| c < 0x80).count();
    let mut out = basic + usize::from(basic > 0);
    let mut n: u64 = 0x80;
    let mut delta: u64 = 0;
    let mut bias: u64 = 72;
    let mut h = basic;
    while h < cps.len() {
        let m = cps.iter().copied().filter(|&c| c >= n).min()?;
        let h1 = u64::try_from(h).ok()? + 1;
        delta = delta.checked_add((m - n).checked_mul(h1)?)?;
        n = m;
        for &c in &cps {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, u64::try_from(h).ok()? + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

fn adapt(delta: u64, num_points: u64, first: bool) -> u64 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / num_points;
    let mut k = 0;
    while delta > ((36 - 1) * 26) / 2 {
        delta /= 36 - 1;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}

fn next_boundary(text: &str, i: usize) -> Option<usize> {
    Some(i + text.get(i..)?.chars().next()?.len_utf8())
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.get(s.len() - suffix.len()..)
            .is_some_and(|t| t.eq_ignore_ascii_case(suffix))
}

/// `URL_VALID_PRECEDING_CHARS`: what may stand just before a URL.
fn pre_ok(c: char) -> bool {
    !(c.is_ascii_alphanumeric()
        || matches!(
            c,
            '@' | '\u{FF20}' | '$' | '#' | '\u{FF03}' | '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'
        ))
}

/// Characters that end the run of scheme and label characters before a dot (a superset of the
/// label characters of every dialect continues the run).
fn is_run_stop(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '-' && c != '_') || matches!(c, ' ' | '\t'..='\r')
}

/// twitter-text's Latin accented characters (`LATIN_ACCENTS_CHARS`).
pub(super) fn is_latin_accent(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}'
        | '\u{253}' | '\u{254}' | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}'
        | '\u{268}' | '\u{26F}' | '\u{272}' | '\u{289}' | '\u{28B}' | '\u{2BB}'
        | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

fn is_cyrillic_block(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4FF}')
}

/// Java's `URL_VALID_CHARS`: `[a-z0-9` + Latin accents `]`.
fn is_url_valid_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_latin_accent(c)
}

/// A domain label character (first and last of a label; `-` and `_` may also appear inside).
fn label_char(c: char, d: Dialect) -> bool {
    match d {
        Dialect::X => is_url_valid_char(c),
        Dialect::Mastodon => ruby_domain_char(c),
    }
}

/// Java's `URL_VALID_UNICODE_CHARS`: not punctuation, `\s`, `\p{Z}` or General Punctuation.
fn unicode_label_char(c: char) -> bool {
    !(c.is_ascii_punctuation()
        || matches!(c, ' ' | '\t'..='\r')
        || is_space_separator(c)
        || ('\u{2000}'..='\u{206F}').contains(&c))
}

/// `\p{Z}`.
fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Ruby twitter-text's `DOMAIN_VALID_CHARS`.
fn ruby_domain_char(c: char) -> bool {
    !(c.is_ascii_punctuation()
        || c.is_ascii_control()
        || c == ' '
        || matches!(
            c,
            '\u{85}'
                | '\u{A0}'
                | '\u{1680}'
                | '\u{180E}'
                | '\u{2000}'..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FFFE}'
                | '\u{FEFF}'
                | '\u{FFFF}'
                // directional marks
                | '\u{61C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        ))
}

/// `URL_VALID_GENERAL_PATH_CHARS` (Mastodon: anything but white space and `<>()?`).
fn path_char(c: char, d: Dialect) -> bool {
    match d {
        Dialect::X => {
            c.is_ascii_alphanumeric()
                || "!*';:=+,.$/%#[]-_~|&@\u{2013}".contains(c)
                || is_latin_accent(c)
                || is_cyrillic_block(c)
        }
        Dialect::Mastodon => !(c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '?')),
    }
}

/// `URL_VALID_PATH_ENDING_CHARS`, the character part.
fn path_end_char(c: char, d: Dialect) -> bool {
    match d {
        Dialect::X => {
            c.is_ascii_alphanumeric()
                || "=_#/-+".contains(c)
                || is_latin_accent(c)
                || is_cyrillic_block(c)
        }
        Dialect::Mastodon => !(c.is_whitespace() || "()?!*\"'「」<>;:=,.$%[]~&|@".contains(c)),
    }
}

/// Ruby twitter-text's original `valid_general_url_path_chars`, which Mastodon's path-ending
/// parentheses still use.
fn ruby_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "!*';:=+,.$/%#[]_~&|@".contains(c)
        || is_dash_punctuation(c)
        || is_latin_accent(c)
        || matches!(c,
            '\u{400}'..='\u{52F}' | '\u{1C80}'..='\u{1C8F}' | '\u{1D2B}' | '\u{1D78}'
            | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}' | '\u{FE2E}' | '\u{FE2F}'
            | '\u{1E030}'..='\u{1E08F}')
}

/// `\p{Pd}`.
fn is_dash_punctuation(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{58A}' | '\u{5BE}' | '\u{1400}' | '\u{1806}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2E17}'
                | '\u{2E1A}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{2E40}'
                | '\u{2E5D}'
                | '\u{301C}'
                | '\u{3030}'
                | '\u{30A0}'
                | '\u{FE31}'
                | '\u{FE32}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{10EAD}'
    )
}

/// `URL_VALID_URL_QUERY_CHARS`.
fn query_char(c: char, d: Dialect) -> bool {
    c.is_ascii_alphanumeric()
        || "!?*'();:&=+$/%#[]-_.,~|@".contains(c)
        || (d == Dialect::Mastodon && (c == '^' || is_iri_char(c)))
}

/// `URL_VALID_URL_QUERY_ENDING_CHARS`.
fn query_end_char(c: char, d: Dialect) -> bool {
    c.is_ascii_alphanumeric() || "-_&=#/".contains(c) || (d == Dialect::Mastodon && is_iri_char(c))
}

/// Mastodon's `UCHARS` (RFC 3987 `ucschar` and `iprivate`).
fn is_iri_char(c: char) -> bool {
    let u = u32::from(c);
    matches!(u,
        0xA0..=0xD7FF | 0xE000..=0xF8FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF
        | 0xE1000..=0xEFFFD | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
        || ((0x10000..=0xDFFFD).contains(&u) && (u & 0xFFFF) <= 0xFFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Dots followed by white space or punctuation end no URL's first label: skipping
        /// them finds the same URLs, in both dialects.
        #[test]
        fn skipping_full_stops_finds_the_same_urls(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "word", " ", ".", ". ", "..", ".\n", ".)", ".,", "co", "com", "uk",
                    "http://", "https://", "www", "-", "_", "/", "?q=1", ":80", "@", "#",
                    "xn--p1ai", "t.co/abc", "é", "日本", "\u{3002}", "'", "\"",
                ]),
                0..30,
            ),
        ) {
            let text: String = pieces.concat();
            for dialect in [Dialect::X, Dialect::Mastodon] {
                let fast: Vec<Range<usize>> = UrlFinder::new(&text, dialect).collect();
                let mut all = UrlFinder::new(&text, dialect);
                all.skip_dead_dots = false;
                let every: Vec<Range<usize>> = all.collect();
                prop_assert_eq!(fast, every, "{:?} in {:?}", dialect, text);
            }
        }
    }

    fn x(text: &str) -> Vec<&str> {
        extract_urls(text).into_iter().map(|r| &text[r]).collect()
    }

    fn mastodon(text: &str) -> Vec<&str> {
        UrlFinder::new(text, Dialect::Mastodon)
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn bare_domains_need_a_known_tld() {
        assert_eq!(x("see example.com now"), ["example.com"]);
        assert_eq!(x("foo.baz foo.comm bar.co.uk"), ["bar.co.uk"]);
        assert_eq!(
            x("t.co/abc example.com/path?q=1."),
            ["t.co/abc", "example.com/path?q=1"]
        );
        assert_eq!(x("john.doe.gov@mail.com"), Vec::<&str>::new());
        assert_eq!(x("-example.com _x.com /x.com .x.com"), Vec::<&str>::new());
    }

    #[test]
    fn trailing_punctuation_is_left_out() {
        assert_eq!(x("(http://example.com/a)."), ["http://example.com/a"]);
        assert_eq!(
            x("http://example.com/path...!"),
            ["http://example.com/path"]
        );
        assert_eq!(
            x("http://en.wikipedia.org/wiki/Primer_(film), yes"),
            ["http://en.wikipedia.org/wiki/Primer_(film)"]
        );
        assert_eq!(
            x("http://example.com:8080/x"),
            ["http://example.com:8080/x"]
        );
        assert_eq!(x("http://example.com:/x"), ["http://example.com"]);
    }

    #[test]
    fn unicode_domains_only_after_a_scheme() {
        assert_eq!(x("http://ああ.com"), ["http://ああ.com"]);
        assert_eq!(x("ああ.com"), Vec::<&str>::new());
        assert_eq!(x("http://xn--はじめよう.com/"), Vec::<&str>::new());
    }

    #[test]
    fn start_of_text_quirk() {
        // twitter-text's PRE consumes a first character that may precede a URL before trying
        // `^`, so an accented first letter is left out.
        assert_eq!(x("élan.com"), ["lan.com"]);
        assert_eq!(x(" élan.com"), ["élan.com"]);
    }

    #[test]
    fn tco_links_stop_after_the_slug() {
        assert_eq!(x("http://t.co/abc's"), ["http://t.co/abc"]);
        assert_eq!(x("https://t.co/abc?amp=1"), ["https://t.co/abc?amp=1"]);
        let long = format!("http://t.co/{}", "a".repeat(41));
        assert_eq!(x(&long), Vec::<&str>::new());
    }

    #[test]
    fn label_length_limit_uses_punycode() {
        let ok = format!("http://{}.com", "あ".repeat(20));
        assert_eq!(x(&ok).len(), 1);
        let too_long = format!("http://{}.com", "あ".repeat(60));
        assert_eq!(x(&too_long), Vec::<&str>::new());
        assert_eq!(x(&format!("{}.com", "a".repeat(64))), Vec::<&str>::new());
        assert_eq!(x(&format!("{}.com", "a".repeat(63))).len(), 1);
    }

    #[test]
    fn punycode_lengths_match_rfc_3492_examples() {
        // RFC 3492 section 7.1 (A) Arabic (Egyptian) and (B) Chinese (simplified).
        let arabic = "\u{644}\u{64A}\u{647}\u{645}\u{627}\u{628}\u{62A}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64A}\u{61F}";
        assert_eq!(punycode_len(arabic), Some("egbpdaj6bu4bxfgehfvwxn".len()));
        let chinese = "\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}";
        assert_eq!(
            punycode_len(chinese),
            Some("ihqwcrb4cv8a8dqg056pqjye".len())
        );
        assert_eq!(punycode_len("bücher"), Some("bcher-kva".len()));
    }

    #[test]
    fn linear_on_pathological_input() {
        let dotted = "a.".repeat(200_000);
        assert!(x(&dotted).is_empty());
        let dashed = "a-".repeat(200_000) + ".com";
        assert!(x(&dashed).is_empty());
        // Underscores may appear in subdomains but not in the domain name: every start after an
        // underscore is tried, and only the last (after `_`, so dropped) reaches the TLD.
        let underscored = "_a".repeat(200_000) + ".com";
        assert!(x(&underscored).is_empty());
        // A subdomain may hold underscores: one match, rejected for its 400 000-byte label.
        let long_label = "a_".repeat(200_000) + "a.b.com";
        assert!(x(&long_label).is_empty());
        assert_eq!(x("a_b.c-d.com"), ["a_b.c-d.com"]);
    }

    #[test]
    fn mastodon_needs_a_scheme_and_accepts_unicode_paths() {
        assert_eq!(
            mastodon("example.com http://example.com"),
            ["http://example.com"]
        );
        assert_eq!(
            mastodon("gemini://example.com/ü/日本 end"),
            ["gemini://example.com/ü/日本"]
        );
        assert_eq!(mastodon("https://日本.jp/x."), ["https://日本.jp/x"]);
        assert_eq!(x("http://example.com/日本"), ["http://example.com/"]);
    }
}
