//! Identifiers with a recognisable shape: NHS and National Insurance numbers, postcodes,
//! phone numbers, email addresses, case references, dates of birth and street addresses.
//!
//! Each detector registers its patterns with the engine's shared search: a hand-written
//! recognizer for the number shapes ([`Near`]), a regex (ASCII word boundaries, so the set
//! stays on its fast DFA path on any text) for the rest. It checks the few matches in code:
//! check digits, valid prefixes and areas, cue words nearby.

use regex::Regex;

use super::near::Near;
use super::scan::Trigger;
use super::{Confidence, Detector, Finding, Input, Registry};
use crate::text;
use crate::validate::nhs_number_is_valid;

/// An ASCII word boundary (see the module docs for why not Unicode's).
const B: &str = r"(?-u:\b)";

fn register_cues(reg: &mut Registry, cues: &[&str], kind: u16) {
    for c in cues {
        reg.phrase(c, kind);
    }
}

/// Whether one of `cues` (lower case) lies within `words` words before the span
/// `[start, end)` or, with `after`, after it.
///
/// Context cues are read from the few words around a candidate, not registered with the
/// shared automaton: they matter only next to a number or address, and short ones ("ni",
/// "chi", "son") matched inside a great many other words of every draft.
fn cue_near(
    input: &Input<'_>,
    start: usize,
    end: usize,
    words: usize,
    cues: &CueSet,
    after: bool,
) -> bool {
    let (lo, hi) = text::word_window(input.text, start, end, words);
    let search = |folded: &str| {
        cues.automaton()
            .find_overlapping_iter(folded)
            .any(|m| text::is_whole_word(folded, m.start(), m.end()))
    };
    // Most drafts fold without a change of length: the draft's fold, cut at the same
    // offsets, is each window's.
    if input.folded.same_offsets() {
        let folded = input.folded.as_str();
        return search(&folded[lo..start]) || (after && search(&folded[end..hi]));
    }
    let has = |window: &str| {
        // Folded into a buffer kept per thread: a string allocated for every window was
        // most of this detector's allocations.
        super::with_scratch(
            &WINDOW,
            |buf| buf.capacity() > 4096,
            |buf| {
                buf.clear();
                text::fold_into(window, buf);
                search(buf)
            },
        )
    };
    has(&input.text[lo..start]) || (after && has(&input.text[end..hi]))
}

thread_local! {
    /// See [`cue_near`].
    static WINDOW: std::cell::RefCell<String> = std::cell::RefCell::default();
}

/// A list of context cues, searched in one pass over a window by an automaton built on
/// first use (a substring search per cue cost more than the rest of the detector).
struct CueSet {
    cues: &'static [&'static str],
    automaton: std::sync::OnceLock<aho_corasick::AhoCorasick>,
}

impl CueSet {
    const fn new(cues: &'static [&'static str]) -> CueSet {
        CueSet {
            cues,
            automaton: std::sync::OnceLock::new(),
        }
    }

    fn automaton(&self) -> &aho_corasick::AhoCorasick {
        self.automaton.get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(self.cues)
                // A few dozen short literals: this cannot fail.
                .unwrap_or_else(|_| aho_corasick::AhoCorasick::new([""; 0]).expect("empty set"))
        })
    }
}

static ORG: CueSet = CueSet::new(ORG_CUES);
static PERSONAL: CueSet = CueSet::new(PERSONAL_CUES);
static NHS: CueSet = CueSet::new(NHS_CUES);
static NI: CueSet = CueSet::new(NI_CUES);
static NOT_CASE: CueSet = CueSet::new(NOT_CASE_CUES);
static RESIDENCE: CueSet = CueSet::new(RESIDENCE_CUES);

/// Words that say a number, address or inbox is an organisation's, meant to be public.
const ORG_CUES: &[&str] = &[
    "our team",
    "team",
    "helpline",
    "call us",
    "contact us",
    "email us",
    "ring us",
    "recruiting",
    "recruitment",
    "info pack",
    "information",
    "enquiries",
    "questions",
    "out of hours",
    "opening",
    "opens",
    "venue",
    "conference",
    "hub",
    "centre",
    "hall",
    "drop-in",
    "event",
    "events",
    "doors open",
    "tickets",
    "apply",
    "vacancy",
    "job",
    "jobs",
    "please share",
    "charity",
    "bank holiday",
];

/// Words that say the post is about a person the author supports; they outweigh
/// [`ORG_CUES`].
const PERSONAL_CUES: &[&str] = &[
    "client",
    "client's",
    "family",
    "service user",
    "service user's",
    "young person",
    "young person's",
    "mum",
    "dad",
    "nan",
    "child",
    "kid",
    "kids",
    "patient",
    "tenant",
    "nephew",
    "niece",
    "son",
    "daughter",
    "supporting",
    "i support",
];

/// Whether the text around a span says it is an organisation's public contact.
fn organisational(input: &Input<'_>, start: usize, end: usize) -> bool {
    cue_near(input, start, end, 10, &ORG, true) && !cue_near(input, start, end, 12, &PERSONAL, true)
}

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/nhs-number`.
#[derive(Debug)]
pub(crate) struct NhsNumber;

const NHS_CUES: &[&str] = &[
    "nhs",
    "nhs no",
    "nhs number",
    "nhs num",
    "chi",
    "chi number",
];

/// Ten digits, grouped 3-3-4 or not. Found by [`Near::NhsNumber`].
pub(crate) const NHS_PATTERN: &str = r"(?-u:\b)(?:\d{3}[ -]?\d{3}[ -]?\d{4})(?-u:\b)";

impl NhsNumber {
    pub(crate) fn new(reg: &mut Registry) -> Self {
        reg.near(Near::NhsNumber, 0);
        NhsNumber
    }
}

impl Detector for NhsNumber {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        for hit in input.patterns {
            let s = &input.text[hit.start..hit.end];
            if nhs_number_is_valid(s) {
                out.push(Finding::new(
                    hit.start,
                    hit.end,
                    Confidence::High,
                    format!(
                        "{} is a valid NHS number, which identifies one patient; remove it",
                        quoted(s)
                    ),
                ));
            } else if cue_near(input, hit.start, hit.end, 4, &NHS, false) {
                out.push(Finding::new(
                    hit.start,
                    hit.end,
                    Confidence::Medium,
                    format!(
                        "{} follows “NHS” and looks like an NHS number (its check digit does not \
                         match, so it may be mistyped); remove it",
                        quoted(s)
                    ),
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/ni-number`.
#[derive(Debug)]
pub(crate) struct NiNumber;

const NI_CUES: &[&str] = &["ni", "nino", "ni no", "ni number", "national insurance"];

/// Two prefix letters (D F I Q U V never appear in the prefix; O never second), six
/// digits and a suffix letter. Found by [`Near::NiNumber`].
pub(crate) const NI_PATTERN: &str =
    r"(?i)(?-u:\b)(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D])(?-u:\b)";

impl NiNumber {
    pub(crate) fn new(reg: &mut Registry) -> Self {
        reg.near(Near::NiNumber, 0);
        NiNumber
    }
}

impl Detector for NiNumber {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        for hit in input.patterns {
            let s = &input.text[hit.start..hit.end];
            let prefix = s[..2].to_ascii_uppercase();
            if ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&prefix.as_str()) {
                continue;
            }
            let upper = s.chars().all(|c| !c.is_ascii_lowercase());
            let confidence = if upper || cue_near(input, hit.start, hit.end, 4, &NI, false) {
                Confidence::High
            } else {
                Confidence::Medium
            };
            out.push(Finding::new(
                hit.start,
                hit.end,
                confidence,
                format!(
                    "{} looks like a National Insurance number, which identifies one person; remove it",
                    quoted(s)
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/postcode`.
#[derive(Debug)]
pub(crate) struct Postcode;

/// A full postcode's shape: outward code (area + district) and inward code (sector digit +
/// unit letters, which never use C I K M O V). Shared with the combination detector, so the
/// engine searches it once. Found by [`Near::Postcode`].
pub(crate) const POSTCODE_PATTERN: &str =
    r"(?i)(?-u:\b)(?:(?:[A-Z]{1,2}[0-9][0-9A-Z]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2})(?-u:\b)";

/// Every UK postcode area (Royal Mail), so "Y10 2ND" is not read as a postcode.
const POSTCODE_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
    "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS",
    "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL",
    "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX",
    "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM",
    "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
    "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

impl Postcode {
    pub(crate) fn new(reg: &mut Registry) -> Self {
        reg.near(Near::Postcode, 0);
        Postcode
    }
}

impl Detector for Postcode {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        for hit in input.patterns {
            let s = &input.text[hit.start..hit.end];
            let upper = s.to_ascii_uppercase();
            let area: String = upper
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            if !(POSTCODE_AREAS.contains(&area.as_str()) || upper.starts_with("GIR")) {
                continue;
            }
            // "se154qn" is a postcode but lower case with no space is also how other codes
            // are typed; be a little less sure.
            let confidence = if organisational(input, hit.start, hit.end) {
                // A venue or a service's address, meant to be found.
                Confidence::Low
            } else if s.contains(' ') || s == upper {
                Confidence::High
            } else {
                Confidence::Medium
            };
            out.push(Finding::new(
                hit.start,
                hit.end,
                confidence,
                format!(
                    "{} is a full postcode, which narrows an address to a few homes; remove it \
                     or give only the town",
                    quoted(s)
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/phone`.
#[derive(Debug)]
pub(crate) struct Phone;

/// A UK phone number: 07700 900123, 0161 496 0123, (0161) 496 0123, +44 (0)20 7946 0958 ...
/// Found by [`Near::Phone`].
pub(crate) const PHONE_PATTERN: &str = r"(?:(?:\+44[ \-.]?(?:\(0\)[ \-.]?)?|\(0|(?-u:\b)0)\d{2,4}\)?[ \-.]?\d{3,4}[ \-.]?\d{3,4})(?-u:\b)";

impl Phone {
    pub(crate) fn new(reg: &mut Registry) -> Self {
        reg.near(Near::Phone, 0);
        Phone
    }
}

impl Detector for Phone {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        for hit in input.patterns {
            let s = &input.text[hit.start..hit.end];
            if input.text[..hit.start].ends_with(|c: char| c.is_ascii_digit() || c == '+') {
                continue;
            }
            // The digits on the stack (a number with more than fits is no UK number).
            let mut buf = [0u8; 20];
            let mut n = 0;
            for d in s.bytes().filter(u8::is_ascii_digit) {
                if let Some(slot) = buf.get_mut(n) {
                    *slot = d;
                }
                n += 1;
            }
            let Some(digits) = buf.get(..n) else {
                continue;
            };
            // +44 (0)20 ... and +44 20 ... as 020 ...: the 0 is already there in the first,
            // and takes the 4's place in the second.
            let digits = if digits.starts_with(b"440") {
                &digits[2..]
            } else if digits.starts_with(b"44") {
                buf[1] = b'0';
                &buf[1..n]
            } else {
                digits
            };
            let plausible = match digits.len() {
                11 => matches!(&digits[..2], b"01" | b"02" | b"03" | b"05" | b"07" | b"08"),
                10 => digits.starts_with(b"01") || digits.starts_with(b"0800"),
                _ => false,
            };
            if !plausible {
                continue;
            }
            // Freephone and 03/08 numbers are almost always an organisation's line.
            let organisation = digits.starts_with(b"08")
                || digits.starts_with(b"03")
                || organisational(input, hit.start, hit.end);
            let (confidence, message) = if organisation {
                (
                    Confidence::Low,
                    format!(
                        "{} is a phone number; fine if it is an organisation's public line, \
                         otherwise remove it",
                        quoted(s)
                    ),
                )
            } else {
                (
                    Confidence::High,
                    format!(
                        "{} is a phone number; remove it unless it is a public contact line you \
                         mean to share",
                        quoted(s)
                    ),
                )
            };
            out.push(Finding::new(hit.start, hit.end, confidence, message));
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/email`.
#[derive(Debug)]
pub(crate) struct Email;

/// Local parts that belong to an organisation's inbox rather than a person.
const ROLE_ACCOUNTS: &[&str] = &[
    "info",
    "enquiries",
    "enquiry",
    "contact",
    "hello",
    "admin",
    "office",
    "press",
    "media",
    "team",
    "support",
    "help",
    "referrals",
    "duty",
    "mash",
    "events",
    "news",
    "jobs",
    "recruitment",
    "communications",
    "comms",
];

impl Email {
    pub(crate) fn new(reg: &mut Registry) -> Self {
        reg.pattern(
            Trigger::At,
            r"(?:[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})",
            0,
        );
        Email
    }
}

impl Detector for Email {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        for hit in input.patterns {
            // `@user@host.social` is a fediverse handle, not an email address.
            if input.text[..hit.start].ends_with(['@', '.', '_', '-', '+', '%'])
                || input.text[..hit.start].ends_with(|c: char| c.is_alphanumeric())
            {
                continue;
            }
            let s = &input.text[hit.start..hit.end];
            let local = s.split('@').next().unwrap_or_default().to_ascii_lowercase();
            let role = ROLE_ACCOUNTS.contains(&local.as_str())
                || organisational(input, hit.start, hit.end);
            let (confidence, message) = if role {
                (
                    Confidence::Low,
                    format!(
                        "{} is an email address; fine if it is an organisation's public inbox",
                        quoted(s)
                    ),
                )
            } else {
                (
                    Confidence::High,
                    format!(
                        "{} is an email address; remove it unless it is a public contact you mean \
                         to share",
                        quoted(s)
                    ),
                )
            };
            out.push(Finding::new(hit.start, hit.end, confidence, message));
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/case-reference`.
#[derive(Debug)]
pub(crate) struct CaseReference;

/// The shape of an id, anchored: it is tried only right after a cue. An id has a digit:
/// "case notes" and "court today" are not references. Compiled on first need.
static CASE_ID: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"^(?:(?:[A-Za-z][A-Za-z/\-]{0,8})?[0-9][A-Za-z0-9/\-]{0,24}[A-Za-z0-9]|[0-9])")
        .expect("valid id pattern")
});

/// Phrase kinds: a word that names a case record ("case", "court", "LADO") and may be
/// followed by "ref" or "no"; or "ref" on its own, which says less.
const STRONG_CUE: u16 = 0;
const WEAK_CUE: u16 = 1;
/// Pattern kind: shapes that are references on their own.
const SHAPED: u16 = 2;

/// Reference shapes that need no cue: `CP/0457/23`, `ZW24C50123` (a court case number),
/// `47/20931/25` (a crime reference). Found by [`Near::CaseShape`].
pub(crate) const CASE_SHAPE_PATTERN: &str =
    r"(?-u:\b)(?:[A-Z]{1,4}/\d{2,6}/\d{2,6}|[A-Z]{2}\d{2}[CPZ]\d{5}|\d{2}/\d{4,6}/\d{2})(?-u:\b)";

const STRONG_CUES: &[&str] = &[
    "case", "file", "la", "court", "hearing", "icpc", "rcpc", "mosaic", "lcs", "lado", "crime",
    "police", "incident",
];

impl CaseReference {
    pub(crate) fn new(reg: &mut Registry) -> Self {
        // The cues go to the shared automaton and the id is read in code right after each:
        // as one regex over the whole draft ("cue, gap, id of up to 34 chars") the lazy DFA
        // grew so large that it kept clearing its cache (a fifth of all pattern time).
        register_cues(reg, STRONG_CUES, STRONG_CUE);
        register_cues(reg, &["ref", "reference"], WEAK_CUE);
        reg.near(Near::CaseShape, SHAPED);
        CaseReference
    }

    /// The id right after a cue ending at `p`: "case ref: AB123", "LA ref 4471823", "court
    /// no. ZW24C50123", "ref #CS-2024-001".
    fn id_after(&self, text: &str, mut p: usize, strong: bool) -> Option<(usize, usize)> {
        let skip_ws = |p: usize| p + (text[p..].len() - text[p..].trim_start().len());
        // The word that follows a record's name and a letter: "the id" or "ref".
        let word_at = |p: usize, word: &str| {
            text.get(p..p + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
                && !text[p + word.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
        };
        if strong {
            let q = skip_ws(p);
            if let Some(w) = ["reference", "ref", "number", "num", "no", "id"]
                .iter()
                .find(|w| word_at(q, w))
            {
                p = q + w.len();
            }
        }
        if text[p..].starts_with('.') {
            p += 1;
        }
        p = skip_ws(p);
        if text[p..].starts_with([':', '#', '.']) {
            p = skip_ws(p + 1);
        } else if word_at(p, "number") {
            p = skip_ws(p + 6);
        } else if word_at(p, "no") {
            p += 2;
            if text[p..].starts_with('.') {
                p += 1;
            }
            p = skip_ws(p);
        }
        // An id has a digit among its first ten bytes (see CASE_ID); most cues ("court
        // today", "police said") have none, and skip the regex.
        if !text.as_bytes()[p..].iter().take(10).any(u8::is_ascii_digit) {
            return None;
        }
        let m = CASE_ID.find(&text[p..])?;
        Some((p, p + m.end()))
    }
}

/// References that are not about a person's case.
const NOT_CASE_CUES: &[&str] = &[
    "job",
    "vacancy",
    "post",
    "booking",
    "ticket",
    "order number",
    "order no",
    "invoice",
    "tracking",
    "complaint",
    "broadband",
    "service reference",
    "parcel",
    "delivery",
    "payment",
    "isbn",
];

/// Whether a token after a cue looks like an identifier rather than a word or a year.
fn id_like(token: &str) -> bool {
    let digits = token.chars().filter(char::is_ascii_digit).count();
    let letters = token.chars().any(|c| c.is_ascii_alphabetic());
    let separators = token.contains(['/', '-']);
    digits >= 2 && (letters || separators || digits >= 5)
}

impl Detector for CaseReference {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        let text = input.text;
        let mut found: Vec<(usize, usize, Confidence)> = Vec::new();
        for hit in input.phrases {
            let strong = match hit.kind {
                STRONG_CUE => true,
                WEAK_CUE => false,
                _ => continue,
            };
            if let Some((s, e)) = self.id_after(text, hit.end, strong)
                && id_like(&text[s..e])
            {
                let confidence = if strong {
                    Confidence::High
                } else {
                    Confidence::Medium
                };
                found.push((s, e, confidence));
            }
        }
        found.extend(
            input
                .patterns
                .iter()
                .filter(|h| h.kind == SHAPED)
                .map(|h| (h.start, h.end, Confidence::High)),
        );
        // One finding per id: the surest reading of it ("case ref" is read from both cues).
        found.sort_by(|a, b| (a.0, b.2).cmp(&(b.0, a.2)));
        let mut last_end = 0;
        for (start, end, confidence) in found {
            if start < last_end || cue_near(input, start, end, 3, &NOT_CASE, false) {
                continue;
            }
            last_end = end;
            out.push(Finding::new(
                start,
                end,
                confidence,
                format!(
                    "{} looks like a case or court reference, which points to one family's \
                     records; remove it",
                    quoted(&text[start..end])
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/date-of-birth`.
#[derive(Debug)]
pub(crate) struct DateOfBirth {
    /// Any date: further dates in the same sentence as a date of birth are dates of birth too
    /// ("two DOBs on the system: 3/9/2016 and 9/3/2016").
    more: std::sync::OnceLock<Option<Regex>>,
    /// Its source: compiled on first need (most drafts give no date of birth).
    more_source: String,
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

impl DateOfBirth {
    pub(crate) fn new(reg: &mut Registry) -> Self {
        let cue = format!(
            r"(?:d\.?o\.?bs?(?:\.|{B})|(?:dates?\s+of\s+birth|born|birthdays?|b\.?\s*day){B})"
        );
        let numeric = r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}";
        let day_month = format!(r"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?(?:\s+\d{{4}})?");
        let month_day = format!(r"{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?");
        reg.pattern(
            Trigger::BirthCue,
            &format!(
                // The date may come a few words after the cue ("DOB on the form is ..."), but
                // not in another sentence.
                r"(?i){B}{cue}(?u:[^.!?\n]){{0,40}}?(?P<m>{numeric}|{day_month}|{month_day}){B}"
            ),
            0,
        );
        let date = format!(r"(?i){B}(?:{numeric}|{day_month}|{month_day}){B}");
        DateOfBirth {
            // Only run on the rest of a sentence that already gave a date of birth.
            more: std::sync::OnceLock::new(),
            more_source: date,
        }
    }
}

/// Where the sentence that `rest` continues ends: at `!`, `?`, a line break, or a `.` that
/// is not inside a date or number.
fn sentence_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'!' | b'?' | b'\n' => return i,
            b'.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => return i,
            _ => {}
        }
    }
    rest.len()
}

fn plausible_date(s: &str) -> bool {
    let numbers: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers.as_slice() {
        [y, m, d] if *y > 31 => (1..=12).contains(m) && (1..=31).contains(d),
        [d, m, _] if s.chars().next().is_some_and(|c| c.is_ascii_digit()) && !s.contains(' ') => {
            (1..=31).contains(d) && (1..=12).contains(m)
        }
        [first, ..] => (1..=31).contains(first) || *first > 31,
        [] => false,
    }
}

impl Detector for DateOfBirth {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for hit in input.patterns {
            if spans.last().is_some_and(|&(_, e)| hit.start < e) {
                continue;
            }
            spans.push((hit.start, hit.end));
            if let Some(more) = self
                .more
                .get_or_init(|| Regex::new(&self.more_source).ok())
                .as_ref()
            {
                let rest = &input.text[hit.end..];
                let sentence_end = sentence_end(rest);
                for m in more.find_iter(&rest[..sentence_end]) {
                    spans.push((hit.end + m.start(), hit.end + m.end()));
                }
            }
        }
        for (start, end) in spans {
            let s = &input.text[start..end];
            if !plausible_date(s) {
                continue;
            }
            out.push(Finding::new(
                start,
                end,
                Confidence::High,
                format!(
                    "{} is given as a date of birth, which with a first name identifies a child; \
                     remove it or give only an age range",
                    quoted(s)
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
/// `confidentiality/address`.
#[derive(Debug)]
pub(crate) struct Address {
    public: Vec<String>,
}

const STREET: u16 = 0;
const ESTATE: u16 = 1;
const BLOCK: u16 = 2;

/// Words before an estate or block name that say someone lives there.
const RESIDENCE_CUES: &[&str] = &[
    "lives",
    "live",
    "living",
    "lived",
    "moved",
    "move",
    "flat",
    "home",
    "house",
    "family",
    "families",
    "resident",
    "residents",
    "staying",
    "stays",
    "placed",
    "housed",
    "block",
    "visit",
    "visited",
    "visiting",
    "accommodation",
    "hostel",
    "tenant",
    "tenancy",
];

/// Street types after a house number: "22 Acacia Avenue".
pub(crate) const STREET_TYPES: &str = "Road|Rd|Street|St|Avenue|Ave|Close|Cl|Grove|Gr|Lane|Ln|Crescent|Cres|Drive|Dr|Way|Court|Ct|Gardens|Gdns|Terrace|Terr|Tce|Place|Pl|Mews|Rise|Walk|Row|Square|Sq|Hill|Park|Parade|Pde|Vale|View|Green|Wharf|Yard|Approach|Boulevard|Broadway|Circus|Gate|Mount|Quay|Villas|Wynd|Croft|Fold|Chase|Hollow|Meadow|Meadows|Brow|Bank|Leys";

/// A house number and street, English ("22 Acacia Avenue") or Welsh ("3 Heol y Felin").
pub(crate) fn street_pattern() -> String {
    let flat = r"(?:(?:Flat|Apartment|Apt|Unit|Room)\.?\s+\d{1,4}[A-Za-z]?,?\s+)?";
    format!(
        r"{B}(?:{flat}\d{{1,4}}[A-Za-z]?,?\s+(?:(?:[A-Z](?u:[A-Za-z'’\-])+\s+){{1,3}}(?:{STREET_TYPES})|(?:Heol|Ffordd|Stryd|Lon|Lôn)(?:\s+[A-Za-z](?u:[a-z'’\-])*){{1,3}})){B}"
    )
}

impl Address {
    pub(crate) fn new(reg: &mut Registry, public: Vec<String>) -> Self {
        reg.pattern(Trigger::Place, &street_pattern(), STREET);
        reg.pattern(
            Trigger::Place,
            &format!(r"{B}(?:(?:[A-Z](?u:[A-Za-z'’\-])+\s+){{1,2}}Estate){B}"),
            ESTATE,
        );
        reg.pattern(
            Trigger::Place,
            &format!(r"{B}(?:(?:[A-Z](?u:[A-Za-z'’\-])+\s+){{1,2}}(?:House|Court|Tower|Towers|Heights|Mansions|Buildings|Lodge)){B}"),
            BLOCK,
        );
        Address {
            public: public.iter().map(|p| text::fold(p)).collect(),
        }
    }
}

impl Detector for Address {
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        let mut last_end = 0;
        for hit in input.patterns {
            if hit.start < last_end {
                continue;
            }
            let s = &input.text[hit.start..hit.end];
            let folded = text::fold(s);
            if self
                .public
                .iter()
                .any(|p| text::contains_whole_word(&folded, p))
            {
                continue;
            }
            let residence = || cue_near(input, hit.start, hit.end, 6, &RESIDENCE, true);
            let confidence = match hit.kind {
                STREET => Confidence::High,
                ESTATE if residence() => Confidence::High,
                ESTATE => Confidence::Low,
                _ if residence() => Confidence::High,
                _ => continue,
            };
            last_end = hit.end;
            let what = if hit.kind == STREET {
                "a street address"
            } else {
                "where someone lives"
            };
            out.push(Finding::new(
                hit.start,
                hit.end,
                confidence,
                format!(
                    "{} gives {what}; remove it or say only the town or borough",
                    quoted(s)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Hit;

    /// Runs a detector on `text` with its own patterns, as the engine would.
    fn run(
        build: impl FnOnce(&mut Registry) -> Box<dyn Detector>,
        text: &str,
    ) -> Vec<(String, Confidence)> {
        let mut reg = Registry::default();
        let det = build(&mut reg);
        let hits = crate::detect::scan::hits_of(&reg.patterns, text);
        // Cue phrases, as the engine's automaton would find them.
        let folded = crate::text::Folded::with_words(text);
        let lex = vec![std::cell::Cell::new(0); folded.words().len()];
        let mut phrases = Vec::new();
        for (phrase, kind) in &reg.phrases {
            for (i, _) in folded.as_str().match_indices(phrase.as_str()) {
                let (start, end) = folded.original_range(i, i + phrase.len());
                if text::is_whole_word(text, start, end) {
                    phrases.push(Hit {
                        kind: *kind,
                        start,
                        end,
                    });
                }
            }
        }
        phrases.sort_by_key(|h| (h.start, h.end));
        let mut out = Vec::new();
        det.check(
            &Input {
                text,
                phrases: &phrases,
                patterns: &hits,
                folded: &folded,
                lex: &lex,
                quotes: &std::cell::OnceCell::new(),
            },
            &mut out,
        );
        out.into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.confidence))
            .collect()
    }

    fn texts(found: Vec<(String, Confidence)>) -> Vec<String> {
        found.into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn context_cues_are_folded_already() {
        // They are searched for in a folded window.
        for set in [&ORG, &PERSONAL, &NHS, &NI, &NOT_CASE, &RESIDENCE] {
            for cue in set.cues {
                assert_eq!(*cue, text::fold(cue), "{cue:?}");
            }
        }
    }

    #[test]
    fn cues_are_read_alike_whether_or_not_the_fold_changes_offsets() {
        // A double space, or a capital that folds to more bytes (İ), changes the fold's
        // length (so the window is folded again); plain text is read from the draft's fold.
        let ph = |t| run(|r| Box::new(Phone::new(r)), t);
        for (plain, shifted) in [
            ("helpline 0808 800 5000", "HELPLINE  0808 800 5000"),
            ("our team: 07700 900123", "\u{130}  our team: 07700 900123"),
            ("my client 07700 900123", "my  client 07700 900123 \u{130}"),
        ] {
            assert_eq!(
                ph(plain).iter().map(|f| f.1).collect::<Vec<_>>(),
                ph(shifted).iter().map(|f| f.1).collect::<Vec<_>>(),
                "{plain:?} and {shifted:?}"
            );
        }
        let nhs = |t| run(|r| Box::new(NhsNumber::new(r)), t);
        assert_eq!(nhs("NHS no 401 023 2138")[0].1, Confidence::Medium);
        assert_eq!(nhs("NHS  no 401 023 2138")[0].1, Confidence::Medium);
    }

    #[test]
    fn nhs_numbers_by_check_digit_and_cue() {
        let nhs = |t| run(|r| Box::new(NhsNumber::new(r)), t);
        assert_eq!(
            nhs("Patient 943 476 5919 seen"),
            [("943 476 5919".into(), Confidence::High)]
        );
        assert_eq!(
            nhs("ref 401-023-2137"),
            [("401-023-2137".into(), Confidence::High)]
        );
        assert_eq!(
            nhs("NHS no 401 023 2138"),
            [("401 023 2138".into(), Confidence::Medium)]
        );
        assert!(nhs("Order 401 023 2138 shipped").is_empty());
        assert!(nhs("0000000000").is_empty());
        assert!(nhs("call 07700 900123").is_empty());
    }

    #[test]
    fn ni_numbers_follow_hmrc_prefix_rules() {
        let ni = |t| texts(run(|r| Box::new(NiNumber::new(r)), t));
        assert_eq!(ni("NI AB 12 34 56 C."), ["AB 12 34 56 C"]);
        assert_eq!(ni("jg103759a"), ["jg103759a"]);
        assert!(ni("QQ 12 34 56 A").is_empty());
        assert!(ni("GB 12 34 56 A").is_empty());
        assert!(ni("AO 12 34 56 A").is_empty());
        assert!(ni("AB 12 34 56 E").is_empty());
        assert!(ni("DA123456A").is_empty());
    }

    #[test]
    fn postcodes_in_every_format() {
        let pc = |t| texts(run(|r| Box::new(Postcode::new(r)), t));
        assert_eq!(pc("lives SE15 4QN now"), ["SE15 4QN"]);
        assert_eq!(pc("m14 5ta"), ["m14 5ta"]);
        assert_eq!(
            pc("SE154QN, W1A 1AA, EH12 9DQ, B11 3AB"),
            ["SE154QN", "W1A 1AA", "EH12 9DQ", "B11 3AB"]
        );
        assert!(pc("Year Y10 2ND").is_empty(), "Y is not a postcode area");
        assert!(pc("SE15 is lovely").is_empty(), "outward code alone");
        assert!(pc("SE15 4CI").is_empty(), "C and I never end a postcode");
    }

    #[test]
    fn uk_phone_numbers() {
        let ph = |t| run(|r| Box::new(Phone::new(r)), t);
        assert_eq!(
            texts(ph(
                "ring 07700 900123 or +44 7700 900123 or (0161) 496 0123 or 020 7946 0958 or 0113-496-0000"
            )),
            [
                "07700 900123",
                "+44 7700 900123",
                "(0161) 496 0123",
                "020 7946 0958",
                "0113-496-0000"
            ]
        );
        assert_eq!(ph("Call 0800 1111 anytime")[..], []);
        assert_eq!(ph("helpline 0808 800 5000")[0].1, Confidence::Low);
        assert!(ph("ISBN 978 0 14 103614 4, 1234 5678 9012").is_empty());
        // +44 with and without the (0): read as the national number.
        assert_eq!(
            texts(ph(
                "+44 (0)20 7946 0958 or +44 20 7946 0958, not +44 207 946 09581"
            )),
            ["+44 (0)20 7946 0958", "+44 20 7946 0958"]
        );
        assert_eq!(ph("+44 (0)800 123 4567")[0].1, Confidence::Low, "freephone");
        assert!(
            ph("+44 123 4567 8901 2345 6789 0123").is_empty(),
            "too many digits"
        );
    }

    #[test]
    fn emails_but_not_fediverse_handles() {
        let em = |t| run(|r| Box::new(Email::new(r)), t);
        assert_eq!(
            em("mail jay.okafor87@gmail.com"),
            [("jay.okafor87@gmail.com".into(), Confidence::High)]
        );
        assert_eq!(em("info@basw.co.uk")[0].1, Confidence::Low);
        assert!(em("follow @alice@mastodon.social").is_empty());
    }

    #[test]
    fn case_references_after_cues_and_by_shape() {
        let cr = |t| texts(run(|r| Box::new(CaseReference::new(r)), t));
        assert_eq!(cr("case ref CS-2024-00123 closed"), ["CS-2024-00123"]);
        assert_eq!(cr("LA ref: 4471823"), ["4471823"]);
        assert_eq!(
            cr("see CP/0457/23 and ZW24C50123"),
            ["CP/0457/23", "ZW24C50123"]
        );
        assert_eq!(
            cr("came through as LD/24/061, crime ref 47/20931/25"),
            ["LD/24/061", "47/20931/25"]
        );
        assert!(cr("on 12/03/2024").is_empty());
        assert!(cr("the ref was awful in 2024").is_empty());
        assert!(cr("case no 12").is_empty());
        assert!(cr("my case notes").is_empty());
        assert!(cr("visited my 15yo today").is_empty());
    }

    #[test]
    fn dates_of_birth_after_cues() {
        let dob = |t| texts(run(|r| Box::new(DateOfBirth::new(r)), t));
        assert_eq!(dob("DOB 12/03/2011"), ["12/03/2011"]);
        assert_eq!(dob("d.o.b. 12.3.11"), ["12.3.11"]);
        assert_eq!(dob("born 12th March 2011"), ["12th March 2011"]);
        assert_eq!(dob("born on March 12 2011"), ["March 12 2011"]);
        assert!(dob("conference 12/03/2025 10:30").is_empty());
        assert!(dob("born in 2011").is_empty());
        assert_eq!(
            dob("DOB on the paperwork is 12/03/2011, fine"),
            ["12/03/2011"]
        );
        assert_eq!(dob("birthday today (9th May)"), ["9th May"]);
        assert_eq!(dob("a DOB for the form, I said 2021-06-04"), ["2021-06-04"]);
        assert!(dob("born. Then on 12/03/2011 we met").is_empty());
        assert_eq!(dob("Wrote d.o.b. 12.3.11 on the form"), ["12.3.11"]);
        assert_eq!(
            dob("Two DOBs: 3/9/2016 and 9/3/2016. Then 1/1/2020"),
            ["3/9/2016", "9/3/2016"]
        );
        assert!(dob("DOB 45/13/2011").is_empty());
    }

    #[test]
    fn addresses_streets_estates_blocks() {
        let ad = |t| {
            texts(run(
                |r| Box::new(Address::new(r, vec!["Downing Street".into()])),
                t,
            ))
        };
        assert_eq!(ad("visited 22 Acacia Avenue today"), ["22 Acacia Avenue"]);
        assert_eq!(ad("Flat 3, 22 Acacia Avenue"), ["Flat 3, 22 Acacia Avenue"]);
        assert_eq!(ad("at 14b Hollybush Rd."), ["14b Hollybush Rd"]);
        assert_eq!(ad("Ty Gwyn, 3 Heol y Felin."), ["3 Heol y Felin"]);
        assert_eq!(
            ad("a joint visit with housing to Kestrel Tower today"),
            ["Kestrel Tower"]
        );
        assert_eq!(
            ad("the family lives on the Aylesbury Estate"),
            ["Aylesbury Estate"]
        );
        assert_eq!(ad("she lives in Brandon House"), ["Brandon House"]);
        assert!(ad("a meeting at Portcullis House").is_empty());
        assert!(ad("letter to 10 Downing Street").is_empty());
        assert!(
            ad("3 High Street banks closed").len() == 1,
            "a numbered street is an address"
        );
        assert!(ad("high street banks").is_empty());
    }
}
