//! English inflection for term lists: a rule lists a verb or noun once ("leverage",
//! "synergy") and matches every form ("leverages", "leveraged", "leveraging", "synergies"),
//! with each suggestion inflected the same way ("uses", "used", "using"). British `-ise`
//! spellings also match their `-ize` forms.
//!
//! The rules are the regular ones of English spelling plus a table of the irregular verbs
//! that plain-English suggestions use. They only have to be right for the words in the
//! term lists, which have tests; an odd form for an unusual word is harmless, since it
//! simply never occurs in a draft.

/// A verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbForm {
    Base,
    /// Third person singular: "uses".
    Third,
    Past,
    Participle,
    /// "using".
    Ing,
}

/// Every form, in a fixed order.
pub(crate) const VERB_FORMS: [VerbForm; 5] = [
    VerbForm::Base,
    VerbForm::Third,
    VerbForm::Past,
    VerbForm::Participle,
    VerbForm::Ing,
];

/// Irregular verbs: base, past, participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("begin", "began", "begun"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("greenlight", "greenlit", "greenlit"),
    ("have", "had", "had"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("lead", "led", "led"),
    ("lean", "leant", "leant"),
    ("learn", "learnt", "learnt"),
    ("leave", "left", "left"),
    ("let", "let", "let"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("repay", "repaid", "repaid"),
    ("rethink", "rethought", "rethought"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("show", "showed", "shown"),
    ("shrink", "shrank", "shrunk"),
    ("sing", "sang", "sung"),
    ("speak", "spoke", "spoken"),
    ("speed", "sped", "sped"),
    ("spend", "spent", "spent"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("undertake", "undertook", "undertaken"),
    ("understand", "understood", "understood"),
    ("win", "won", "won"),
    ("write", "wrote", "written"),
];

/// Verbs of more than one syllable whose last consonant doubles ("embedded", "referred").
/// British spelling doubles a final `l` after one vowel anyway ("dialled", "labelled").
const DOUBLING: &[&str] = &[
    "admit", "begin", "commit", "compel", "control", "dial", "embed", "equip", "forget", "fuel",
    "occur", "omit", "patrol", "permit", "prefer", "propel", "refer", "submit", "transfer",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether the final consonant doubles before `-ed` / `-ing`.
fn doubles(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    if DOUBLING.contains(&word) {
        return true;
    }
    if n < 3 || !word.is_ascii() {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    // Consonant, one vowel, consonant (not w, x or y): "stop", "plan", "dial".
    let cvc = !is_vowel(c1) && is_vowel(v) && !is_vowel(c2) && !matches!(c2, b'w' | b'x' | b'y');
    if !cvc {
        return false;
    }
    if c2 == b'l' {
        return true;
    }
    // One syllable: one vowel group.
    let groups = b
        .iter()
        .zip(std::iter::once(&b'_').chain(b.iter()))
        .filter(|&(&c, &prev)| is_vowel(c) && !is_vowel(prev))
        .count();
    groups == 1
}

/// `word` (one word, lower case, base form) in `form`.
pub(crate) fn verb(word: &str, form: VerbForm) -> String {
    let b = word.as_bytes();
    let n = b.len();
    let ends = |s: &str| word.ends_with(s);
    let consonant_y = n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]);
    match form {
        VerbForm::Base => word.to_string(),
        VerbForm::Third => {
            if word == "be" {
                "is".to_string()
            } else if word == "have" {
                "has".to_string()
            } else if consonant_y {
                format!("{}ies", &word[..n - 1])
            } else if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") || ends("o") {
                format!("{word}es")
            } else {
                format!("{word}s")
            }
        }
        VerbForm::Past | VerbForm::Participle => {
            if let Some((_, past, participle)) = IRREGULAR.iter().find(|(base, ..)| *base == word) {
                return if form == VerbForm::Past {
                    past
                } else {
                    participle
                }
                .to_string();
            }
            if ends("e") {
                format!("{word}d")
            } else if consonant_y {
                format!("{}ied", &word[..n - 1])
            } else if doubles(word) {
                format!("{word}{}ed", &word[n - 1..])
            } else {
                format!("{word}ed")
            }
        }
        VerbForm::Ing => {
            if ends("ie") {
                format!("{}ying", &word[..n - 2])
            } else if ends("e") && !ends("ee") && !ends("ye") && !ends("oe") && word != "be" {
                format!("{}ing", &word[..n - 1])
            } else if doubles(word) {
                format!("{word}{}ing", &word[n - 1..])
            } else {
                format!("{word}ing")
            }
        }
    }
}

/// A phrase whose first word is a verb, in `form` ("reach out to" → "reaching out to"). A
/// hyphenated first word is inflected at its end ("ring-fence" → "ring-fenced").
pub(crate) fn verb_phrase(phrase: &str, form: VerbForm) -> String {
    if phrase.is_empty() {
        return String::new();
    }
    let (first, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
    let inflected = match first.rsplit_once('-') {
        Some((head, tail)) => format!("{head}-{}", verb(tail, form)),
        None => verb(first, form),
    };
    if rest.is_empty() {
        inflected
    } else {
        format!("{inflected} {rest}")
    }
}

/// The plural of one noun ("synergy" → "synergies", "process" → "processes").
pub(crate) fn plural(word: &str) -> String {
    let b = word.as_bytes();
    let n = b.len();
    let ends = |s: &str| word.ends_with(s);
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &word[..n - 1])
    } else if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        format!("{word}es")
    } else if word.chars().all(|c| !c.is_lowercase()) {
        // An abbreviation: "KPI" → "KPIs".
        format!("{word}s")
    } else {
        format!("{word}s")
    }
}

/// A noun phrase with its last word made plural ("quick win" → "quick wins").
pub(crate) fn noun_phrase_plural(phrase: &str) -> String {
    if phrase.is_empty() {
        return String::new();
    }
    match phrase.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", plural(last)),
        None => plural(phrase),
    }
}

/// The American spelling of a phrase's `-ise` words ("prioritise" → "prioritize",
/// "utilisation" → "utilization"), or `None` when it has none.
pub(crate) fn ize(phrase: &str) -> Option<String> {
    const ENDINGS: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("isations", "izations"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("iser", "izer"),
        ("isers", "izers"),
        ("ise", "ize"),
    ];
    // Every ending has "is" in it: most phrases have none, and the linter asks this of
    // every term form at start-up (thousands, with a long house list).
    if !phrase.as_bytes().windows(2).any(|w| w == b"is") {
        return None;
    }
    // Copied into a new string only from the first word that changes: most phrases have
    // none, and the linter builds this for every term form at start-up.
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut word_start = 0;
    for w in phrase.split(' ') {
        let word_end = word_start + w.len();
        let last = w.rsplit_once('-').map_or(w, |(_, last)| last);
        for (uk, us) in ENDINGS {
            // At least three letters before the ending: "rise", "wise" stay.
            if let Some(stem) = last.strip_suffix(uk)
                && stem.len() >= 3
                && !stem.ends_with(['s', 'w'])
            {
                let o = out.get_or_insert_with(|| String::with_capacity(phrase.len() + 4));
                o.push_str(&phrase[copied..word_end - uk.len()]);
                o.push_str(us);
                copied = word_end;
                break;
            }
        }
        word_start = word_end + 1;
    }
    out.map(|mut o| {
        o.push_str(&phrase[copied..]);
        o
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<String> {
        VERB_FORMS.iter().map(|&f| verb(word, f)).collect()
    }

    #[test]
    fn regular_verbs() {
        assert_eq!(
            forms("leverage"),
            [
                "leverage",
                "leverages",
                "leveraged",
                "leveraged",
                "leveraging"
            ]
        );
        assert_eq!(forms("use"), ["use", "uses", "used", "used", "using"]);
        assert_eq!(
            forms("touch"),
            ["touch", "touches", "touched", "touched", "touching"]
        );
        assert_eq!(
            forms("carry"),
            ["carry", "carries", "carried", "carried", "carrying"]
        );
        assert_eq!(
            forms("agree"),
            ["agree", "agrees", "agreed", "agreed", "agreeing"]
        );
        assert_eq!(
            forms("stop"),
            ["stop", "stops", "stopped", "stopped", "stopping"]
        );
        assert_eq!(
            forms("dial"),
            ["dial", "dials", "dialled", "dialled", "dialling"]
        );
        assert_eq!(
            forms("embed"),
            ["embed", "embeds", "embedded", "embedded", "embedding"]
        );
        assert_eq!(
            forms("focus"),
            ["focus", "focuses", "focused", "focused", "focusing"]
        );
        assert_eq!(
            forms("deliver"),
            [
                "deliver",
                "delivers",
                "delivered",
                "delivered",
                "delivering"
            ]
        );
        assert_eq!(
            forms("pivot"),
            ["pivot", "pivots", "pivoted", "pivoted", "pivoting"]
        );
        assert_eq!(
            forms("empower"),
            [
                "empower",
                "empowers",
                "empowered",
                "empowered",
                "empowering"
            ]
        );
        assert_eq!(
            forms("play"),
            ["play", "plays", "played", "played", "playing"]
        );
        assert_eq!(
            forms("upskill"),
            [
                "upskill",
                "upskills",
                "upskilled",
                "upskilled",
                "upskilling"
            ]
        );
    }

    #[test]
    fn irregular_verbs() {
        assert_eq!(forms("take"), ["take", "takes", "took", "taken", "taking"]);
        assert_eq!(
            forms("think"),
            ["think", "thinks", "thought", "thought", "thinking"]
        );
        assert_eq!(forms("run"), ["run", "runs", "ran", "run", "running"]);
        assert_eq!(forms("go"), ["go", "goes", "went", "gone", "going"]);
        assert_eq!(
            forms("begin"),
            ["begin", "begins", "began", "begun", "beginning"]
        );
        assert_eq!(forms("have"), ["have", "has", "had", "had", "having"]);
    }

    #[test]
    fn phrases_inflect_their_first_word() {
        assert_eq!(
            verb_phrase("reach out to", VerbForm::Ing),
            "reaching out to"
        );
        assert_eq!(verb_phrase("touch base", VerbForm::Past), "touched base");
        assert_eq!(verb_phrase("ring-fence", VerbForm::Past), "ring-fenced");
        assert_eq!(verb_phrase("", VerbForm::Past), "");
        assert_eq!(noun_phrase_plural("quick win"), "quick wins");
        assert_eq!(noun_phrase_plural("synergy"), "synergies");
        assert_eq!(noun_phrase_plural("process"), "processes");
        assert_eq!(noun_phrase_plural("KPI"), "KPIs");
        assert_eq!(noun_phrase_plural("day"), "days");
    }

    #[test]
    fn american_spellings() {
        assert_eq!(ize("prioritise").as_deref(), Some("prioritize"));
        assert_eq!(ize("utilisation").as_deref(), Some("utilization"));
        assert_eq!(
            ize("incentivising staff").as_deref(),
            Some("incentivizing staff")
        );
        assert_eq!(ize("co-organised").as_deref(), Some("co-organized"));
        assert_eq!(ize("rise"), None);
        assert_eq!(ize("downsize"), None);
        assert_eq!(ize("touch base"), None);
        // Every changing word changes, and the words between are kept as they were.
        assert_eq!(
            ize("organise the wise and prioritise").as_deref(),
            Some("organize the wise and prioritize")
        );
        assert_eq!(
            ize("rise to finalised plans").as_deref(),
            Some("rise to finalized plans")
        );
    }
}
