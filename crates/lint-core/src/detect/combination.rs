//! `confidentiality/identifying-combination`: jigsaw identification. No single detail names
//! anyone, but an age, a place and what happened, in one post, can point to one family.

use std::sync::LazyLock;

use super::gazetteer::{self, FxHashMap, PLACE_MAX_WORDS, lex};
use super::near::Near;
use super::scan::Trigger;
use super::{Confidence, Detector, Finding, Input, Part, Registry};
use crate::diagnostic::Span;
use crate::text::Word;

/// Phrase kind: a sensitive circumstance.
const CIRCUMSTANCE: u16 = 0;
/// Pattern kinds.
const AGE: u16 = 0;
const INSTITUTION: u16 = 1;
/// Street addresses and postcodes are the most specific places of all.
const ADDRESS: u16 = 2;

/// Words for one person ("a mum", "she"): they make a place and a circumstance about
/// someone rather than about a population.
const ONE_PERSON: &[&str] = &[
    "a mum",
    "a dad",
    "a mother",
    "a father",
    "a girl",
    "a boy",
    "a child",
    "a baby",
    "a young person",
    "a young man",
    "a young woman",
    "a man",
    "a woman",
    "a teenager",
    "a teen",
    "a lad",
    "a pupil",
    "a patient",
    "a tenant",
    "a gentleman",
    "a lady",
    "a family",
    "the family",
    "this family",
    "my family",
    "placement family",
    "he",
    "she",
    "his",
    "her",
    "him",
    "mum",
    "dad",
    "our client",
    "my client",
    "a care leaver",
    "our care leaver",
    "foster son",
    "foster daughter",
    "the tenant",
    "a neighbour",
];

const PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "near", "around", "of", "on", "into", "outside",
];

/// "care leaver, 19, lost everything", "17, ex-YOT": a bare age in apposition, the group
/// `m`. Found by [`Near::BareAge`].
pub(crate) const BARE_AGE_PATTERN: &str = r"(?m)(?:^(?u:[-•*])?\s*|[,:] )(?P<m>[1-9]\d),(?: |$)";

#[derive(Debug)]
pub(crate) struct Combination;

impl Combination {
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table) -> Self {
        if let Some(list) = params.get("circumstances").and_then(toml::Value::as_array) {
            for c in list.iter().filter_map(toml::Value::as_str) {
                reg.phrase(c, CIRCUMSTANCE);
            }
        }
        reg.near(Near::Age, AGE);
        reg.near(Near::BareAge, AGE);
        reg.pattern(
            Trigger::Place,
            &super::identifiers::street_pattern(),
            ADDRESS,
        );
        reg.near(Near::Postcode, ADDRESS);
        // Schools, surgeries, wards and estates name a place as surely as a town does.
        reg.pattern(
            Trigger::Place,
            r"(?-u:\b)(?:(?:St\.? )?[A-Z](?u:[A-Za-z'’\-])+ (?:[A-Z](?u:[A-Za-z'’\-])+ )?(?:Primary|Academy|School|High School|Secondary|College|Infants|Juniors|Nursery|Surgery|Medical Centre|Health Centre|Hospital|Estate|Ward)|Ward \d{1,2})(?-u:\b)",
            INSTITUTION,
        );
        Combination
    }
}

impl Detector for Combination {
    // It needs an age or a circumstance, which come as hits.
    fn idle_without_hits(&self) -> bool {
        true
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        super::with_scratch(&SPANS, Spans::oversized, |spans| {
            check_with(input, spans, out)
        });
    }
}

/// The lists a check fills, kept per thread for the next post: most posts with an age or a
/// circumstance allocated three or four of them, for a few spans each.
#[derive(Default)]
struct Spans {
    ages: Vec<Span>,
    circumstances: Vec<Span>,
    places: Vec<Span>,
    /// The n-gram being looked up as a place.
    key: String,
}

impl Spans {
    /// Lists longer than this are dropped after the check rather than kept.
    const KEEP: usize = 4096;

    fn oversized(&self) -> bool {
        [
            self.ages.capacity(),
            self.circumstances.capacity(),
            self.places.capacity(),
            self.key.capacity(),
        ]
        .into_iter()
        .any(|c| c > Spans::KEEP)
    }
}

thread_local! {
    static SPANS: std::cell::RefCell<Spans> = std::cell::RefCell::default();
}

fn check_with(input: &Input<'_>, spans: &mut Spans, out: &mut Vec<Finding>) {
    let text = input.text;
    let Spans {
        ages,
        circumstances,
        places,
        key,
    } = spans;
    ages.clear();
    circumstances.clear();
    places.clear();
    ages.extend(
        input
            .patterns
            .iter()
            .filter(|h| h.kind == AGE)
            .map(|h| Span::new(h.start, h.end)),
    );
    circumstances.extend(
        input
            .phrases
            .iter()
            .filter(|h| h.kind == CIRCUMSTANCE)
            .map(|h| Span::new(h.start, h.end)),
    );
    // Cheap exit: a combination needs two kinds, and places are the costly kind.
    if ages.is_empty() && circumstances.is_empty() {
        return;
    }
    places.extend(
        input
            .patterns
            .iter()
            .filter(|h| h.kind == INSTITUTION || h.kind == ADDRESS)
            .map(|h| Span::new(h.start, h.end)),
    );
    gazetteer_places(input, key, places);
    places.sort();
    places.dedup_by(|b, a| b.start < a.end);

    let (ages, places, circumstances) = (&*ages, &*places, &*circumstances);
    let kinds = [ages, places, circumstances]
        .iter()
        .filter(|k| !k.is_empty())
        .count();
    if kinds < 2 {
        return;
    }
    // Without an age, a place and a circumstance may describe a population ("children in
    // care in Blackpool"); it identifies someone only when the post is about one person.
    // (Checked only here, rarely: pronouns are too common to match in every post.)
    let about_one = !ages.is_empty() || about_one_person(input, circumstances);
    if !about_one {
        return;
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut named = Vec::new();
    for (spans, what) in [
        (ages, "age"),
        (places, "place"),
        (circumstances, "circumstance"),
    ] {
        for s in spans.iter() {
            parts.push(Part {
                span: *s,
                message: what.to_string(),
            });
        }
        if let Some(first) = spans.first() {
            named.push(format!("“{}”", &text[first.range()]));
        }
    }
    parts.sort_by_key(|p| p.span);
    let start = parts.first().map_or(0, |p| p.span.start);
    let end = parts.iter().map(|p| p.span.end).max().unwrap_or(start);
    let (confidence, lead) = if kinds == 3 {
        (Confidence::High, "Together")
    } else {
        (
            Confidence::Medium,
            "Together, and with anything else a reader knows",
        )
    };
    let message = format!(
        "{lead}, {} could identify someone (jigsaw identification); remove at least one, \
         such as the place or the exact age",
        join(&named)
    );
    let mut f = Finding::new(start, end, confidence, message);
    f.parts = parts;
    out.push(f);
}

/// Whether the post speaks of one person (see [`ONE_PERSON`]), outside the circumstance
/// phrases themselves ("the family" in "the family court" does not count). Walks the words
/// already split, comparing one- and two-word phrases; no allocation per word.
fn about_one_person(input: &Input<'_>, circumstances: &[Span]) -> bool {
    // ONE_PERSON by first word, so each word of the post costs one lookup.
    static BY_FIRST: LazyLock<FxHashMap<&'static str, Vec<Vec<&'static str>>>> =
        LazyLock::new(|| {
            let mut map: FxHashMap<&'static str, Vec<Vec<&'static str>>> = FxHashMap::default();
            for p in ONE_PERSON {
                let mut parts = p.split(' ');
                let first = parts.next().unwrap_or_default();
                map.entry(first).or_default().push(parts.collect());
            }
            map
        });
    // Per first byte, bit `n` set when some first word has that byte and `n` bytes: most
    // words of a post are turned away by one bit before they are looked up.
    static FIRSTS: LazyLock<[u16; 256]> = LazyLock::new(|| {
        let mut firsts = [0u16; 256];
        for first in BY_FIRST.keys() {
            if let Some(&b) = first.as_bytes().first() {
                firsts[usize::from(b)] |= 1 << first.len().min(15);
            }
        }
        firsts
    });
    let words = input.words();
    let folded = input.folded.as_str().as_bytes();
    // Sealed for a binary search: a post dense in circumstances has as many words to test.
    let mut sealed = circumstances.to_vec();
    super::seal(&mut sealed);
    let inside = |w: &Word| super::covers(&sealed, w.start, w.end);
    // Keys are stems: "client's" is "client".
    (0..words.len()).any(|i| {
        let w = &words[i];
        if w.end - w.start > 12 {
            return false;
        }
        // A word without an inner apostrophe is its own stem.
        if !w.is(Word::MIXED)
            && FIRSTS[usize::from(folded[w.fstart])] >> (w.fend - w.fstart).min(15) & 1 == 0
        {
            return false;
        }
        // The look-up first: most words start no phrase, and `inside` reads every span.
        let Some(rests) = BY_FIRST.get(input.stem(i)) else {
            return false;
        };
        if inside(w) {
            return false;
        }
        rests.iter().any(|rest| {
            rest.iter().enumerate().all(|(k, part)| {
                words
                    .get(i + 1 + k)
                    .is_some_and(|n| !inside(n) && input.stem(i + 1 + k) == *part)
            })
        })
    })
}

fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Pushes the UK places named in the text onto `out`: capitalised n-grams looked up in the
/// lexicon (in `key`), longest first, going on only while the words read so far begin some
/// place's name. Places that are also everyday words ("Reading") need a preposition before
/// them.
fn gazetteer_places(input: &Input<'_>, key: &mut String, out: &mut Vec<Span>) {
    let text = input.text;
    let ws = input.words();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < ws.len() {
        if !ws[i].is(Word::CAPITALISED) {
            i += 1;
            continue;
        }
        let mut flags = input.lex(i);
        // Only a word with an inner apostrophe can have a possessive to strip.
        if ws[i].is(Word::MIXED) && input.key(i).len() != input.stem(i).len() {
            // "King's Lynn": the possessive may belong to the place.
            flags |= gazetteer::lookup(input.key(i)) & lex::PLACE_PREFIX;
        }
        // Handles and hashtags are not places ('@' and '#' are ASCII: one byte back).
        let tagged = ws[i].start > 0 && matches!(bytes[ws[i].start - 1], b'@' | b'#');
        if flags & (lex::PLACE | lex::PLACE_PREFIX) == 0 || tagged {
            i += 1;
            continue;
        }
        let first = ws[i];
        let mut found = (flags & lex::PLACE != 0)
            .then(|| (1, first.start + super::without_possessive(input.word(i))));
        if flags & lex::PLACE_PREFIX != 0 {
            key.clear();
            key.push_str(input.key(i));
            for n in 1..PLACE_MAX_WORDS.min(ws.len() - i) {
                let w = ws[i + n];
                let gap = &text[ws[i + n - 1].end..w.start];
                // Place names go on with capitalised words or a few joiners ("Newcastle upon
                // Tyne", "Stoke-on-Trent"); stop at anything else rather than look it up.
                let joiner = matches!(
                    input.key(i + n),
                    "upon" | "on" | "under" | "in" | "le" | "de" | "the" | "y"
                );
                if (gap != " " && gap != "-") || !(joiner || w.is(Word::CAPITALISED)) {
                    break;
                }
                key.push(' ');
                key.push_str(input.key(i + n));
                let f = gazetteer::lookup(key);
                if f & lex::PLACE != 0 {
                    found = Some((n + 1, w.end));
                }
                if f & lex::PLACE_PREFIX == 0 {
                    break;
                }
            }
        }
        if let Some((n, end)) = found {
            let preposition = i > 0 && PREPOSITIONS.contains(&input.key(i - 1));
            let everyday = n == 1 && flags & lex::PLACE_WORD != 0;
            if !everyday || preposition {
                out.push(Span::new(first.start, end));
            }
            i += n;
        } else {
            i += 1;
        }
    }
}
