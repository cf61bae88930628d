//! House-rules files made from structured fuzz input, for `house_rules_structured`.
//!
//! Raw bytes seldom make TOML that gets past the parser, so this target builds the TOML
//! from a tree that libFuzzer's input decides: every key of the format, real rule ids and
//! detector settings most of the time, words from the draft the rules are tried on, regex
//! fragments, and now and then a raw string where a well-formed value belongs. The result is
//! always valid TOML, so the fuzzer's time goes on validation, compiling and matching.

use arbitrary::Arbitrary;
use toml::{Table, Value};

/// Rule ids of the built-in rules (what `[severity]`, `[settings]` and duplicate-id checks
/// see most).
const BUILTIN_IDS: &[&str] = &[
    "confidentiality/nhs-number",
    "confidentiality/ni-number",
    "confidentiality/postcode",
    "confidentiality/phone",
    "confidentiality/email",
    "confidentiality/case-reference",
    "confidentiality/date-of-birth",
    "confidentiality/address",
    "confidentiality/person-name",
    "confidentiality/identifying-combination",
    "jargon/managerial",
    "jargon/wordy",
    "jargon/figurative",
    "jargon/public-sector",
    "jargon/acronym",
    "length/limit",
    "tone/sarcasm",
    "tone/tone-tag",
    "tone/shouting",
    "tone/punctuation",
    "tone/hostile",
];

const CATEGORIES: &[&str] = &["confidentiality", "jargon", "tone", "length"];

/// Every detector setting's name (see `docs/rules.md`).
const SETTING_KEYS: &[&str] = &[
    "public",
    "window",
    "cues",
    "not-names",
    "org-words",
    "circumstances",
    "acronyms",
    "platform",
    "max-length",
    "sentence-end",
    "sentence-start",
    "unless-sincere",
    "sincere",
    "exceptions",
    "markers",
    "emoji",
    "reporting",
    "reporting-after",
    "quotation-before",
    "own-voice",
    "sarcasm",
    "tags",
    "min-letters",
    "people-only",
    "people",
    "things",
    "self",
    "discussion",
    "insults",
    "othering",
];

/// Words and phrases, most of them in [`crate::DRAFT`], some awkward for folding.
const WORDS: &[&str] = &[
    "touch base",
    "going forward",
    "Going Forward",
    "Kacper Nowak",
    "Tyrell",
    "hard to reach",
    "families",
    "LBX-204518",
    "case",
    "utilise",
    "prior to",
    "review",
    "ASYE",
    "NHS",
    "SE15 2AB",
    "07700 900410",
    "Zoë",
    "ZOË",
    "İ",
    "ß",
    "!!",
    "/s",
    "🙄",
    "👩‍👩‍👧",
    "e\u{301}",
    "’",
    "'",
    "-",
    " ",
    "\r\n",
    "",
    "x",
    "talk",
    "Eileen Munro",
    "bluesky",
    "x-twitter",
    "happy",
    "NOT HAPPY",
    "we'll",
    "re:",
];

/// Pieces of regular expressions: literals from the draft, classes, repetition, anchors,
/// flags and a few that are too big or malformed.
const REGEX_PIECES: &[&str] = &[
    r"\b",
    r"LBX-",
    r"\d{6}",
    r"\d+",
    r"[A-Z]{2,}",
    r"(?i)",
    r"(?-u)",
    r"(?m)",
    r"(?s)",
    r"\w+",
    r"\s",
    r".",
    r"^",
    r"$",
    r"*",
    r"+",
    r"?",
    r"|",
    r"(",
    r")",
    r"(?:",
    r"[",
    r"]",
    r"x{0,2}",
    r"\p{L}",
    r"\pN{1000}",
    r"(\w{50}){50}",
    r"Zoë",
    r"🙄",
    r"\r?\n",
    r"\x{FEFF}",
    r"(?<name>a)",
    r"\B",
    r"\1",
];

/// A string: usually a word from [`WORDS`], sometimes whatever the input says.
#[derive(Debug, Arbitrary)]
pub enum Text {
    Word(u8),
    Words(Vec<u8>),
    Raw(String),
}

impl Text {
    fn render(&self) -> String {
        match self {
            Text::Word(i) => WORDS[usize::from(*i) % WORDS.len()].to_string(),
            Text::Words(is) => is
                .iter()
                .map(|i| WORDS[usize::from(*i) % WORDS.len()])
                .collect::<Vec<_>>()
                .join(" "),
            Text::Raw(s) => s.clone(),
        }
    }
}

/// A rule id: a built-in one, a well-formed new one, or anything.
#[derive(Debug, Arbitrary)]
pub enum RuleId {
    Builtin(u8),
    New { category: u8, name: u8 },
    Raw(String),
}

impl RuleId {
    fn render(&self) -> String {
        match self {
            RuleId::Builtin(i) => BUILTIN_IDS[usize::from(*i) % BUILTIN_IDS.len()].to_string(),
            RuleId::New { category, name } => format!(
                "{}/house-{}",
                CATEGORIES[usize::from(*category) % CATEGORIES.len()],
                name % 4
            ),
            RuleId::Raw(s) => s.clone(),
        }
    }
}

/// A severity, `off`, or anything.
#[derive(Debug, Arbitrary)]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
    Raw(String),
}

impl Level {
    fn render(&self) -> String {
        match self {
            Level::Error => "error".into(),
            Level::Warning => "warning".into(),
            Level::Info => "info".into(),
            Level::Off => "off".into(),
            Level::Raw(s) => s.clone(),
        }
    }
}

/// A term's suggestions: none, one, or a list (where `""` means "delete it").
#[derive(Debug, Arbitrary)]
pub enum Suggest {
    None,
    One(Text),
    Many(Vec<Text>),
}

impl Suggest {
    fn value(&self) -> Value {
        match self {
            Suggest::None => Value::String(String::new()),
            Suggest::One(t) => Value::String(t.render()),
            Suggest::Many(ts) => list(ts),
        }
    }
}

/// Any TOML value a setting or field might be given.
#[derive(Debug, Arbitrary)]
pub enum Val {
    Text(Text),
    Int(i64),
    SmallInt(u8),
    Float(f64),
    Bool(bool),
    List(Vec<Text>),
    Table(Vec<(Text, Suggest)>),
}

impl Val {
    fn value(&self) -> Value {
        match self {
            Val::Text(t) => Value::String(t.render()),
            Val::Int(n) => Value::Integer(*n),
            Val::SmallInt(n) => Value::Integer(i64::from(*n)),
            Val::Float(f) => Value::Float(*f),
            Val::Bool(b) => Value::Boolean(*b),
            Val::List(ts) => list(ts),
            Val::Table(entries) => Value::Table(terms(entries)),
        }
    }
}

/// A detector setting: `[settings."rule"] key = value`.
#[derive(Debug, Arbitrary)]
pub struct Setting {
    rule: RuleId,
    key: Key,
    value: Val,
}

/// A setting's name: a real one or anything.
#[derive(Debug, Arbitrary)]
pub enum Key {
    Known(u8),
    Raw(String),
}

impl Key {
    fn render(&self) -> String {
        match self {
            Key::Known(i) => SETTING_KEYS[usize::from(*i) % SETTING_KEYS.len()].to_string(),
            Key::Raw(s) => s.clone(),
        }
    }
}

/// A regular expression: fragments joined, or anything.
#[derive(Debug, Arbitrary)]
pub enum Pattern {
    Pieces(Vec<u8>),
    Raw(String),
}

impl Pattern {
    fn render(&self) -> String {
        match self {
            Pattern::Pieces(is) => is
                .iter()
                .map(|i| REGEX_PIECES[usize::from(*i) % REGEX_PIECES.len()])
                .collect(),
            Pattern::Raw(s) => s.clone(),
        }
    }
}

/// What kind of rule, with the fields only that kind has.
#[derive(Debug, Arbitrary)]
pub enum Kind {
    Terms {
        terms: Vec<(Text, Suggest)>,
        verbs: Vec<(Text, Suggest)>,
        nouns: Vec<(Text, Suggest)>,
        except: Option<Vec<Text>>,
    },
    Pattern {
        pattern: Pattern,
        validate: Option<Option<Text>>,
        suggest: Option<Suggest>,
    },
    Detector,
    Raw(String),
}

/// `context = { any, none, window }`.
#[derive(Debug, Arbitrary)]
pub struct Context {
    any: Option<Vec<Text>>,
    none: Option<Vec<Text>>,
    window: Option<Val>,
}

/// One `[[rule]]`.
#[derive(Debug, Arbitrary)]
pub struct Rule {
    id: Option<RuleId>,
    kind: Kind,
    severity: Option<Level>,
    summary: Option<Text>,
    message: Option<Text>,
    explanation: Option<Text>,
    fix_safe: Option<bool>,
    enabled: Option<bool>,
    context: Option<Context>,
    examples: Option<Vec<(Text, Vec<Text>)>>,
    /// A key the format does not have, with any value.
    unknown: Option<(String, Val)>,
}

/// A whole house-rules file.
#[derive(Debug, Arbitrary)]
pub struct House {
    allow: Option<Vec<Text>>,
    known_names: Option<Vec<Text>>,
    severity: Vec<(RuleId, Level)>,
    settings: Vec<Setting>,
    rules: Vec<Rule>,
    unknown: Option<(String, Val)>,
}

fn list(ts: &[Text]) -> Value {
    Value::Array(ts.iter().map(|t| Value::String(t.render())).collect())
}

fn terms(entries: &[(Text, Suggest)]) -> Table {
    entries
        .iter()
        .map(|(t, s)| (t.render(), s.value()))
        .collect()
}

impl Rule {
    fn table(&self) -> Table {
        let mut t = Table::new();
        if let Some(id) = &self.id {
            t.insert("id".into(), Value::String(id.render()));
        }
        let kind = match &self.kind {
            Kind::Terms {
                terms: ts,
                verbs,
                nouns,
                except,
            } => {
                for (key, entries) in [("terms", ts), ("verbs", verbs), ("nouns", nouns)] {
                    if !entries.is_empty() {
                        t.insert(key.into(), Value::Table(terms(entries)));
                    }
                }
                if let Some(except) = except {
                    t.insert("except".into(), list(except));
                }
                "terms".to_string()
            }
            Kind::Pattern {
                pattern,
                validate,
                suggest,
            } => {
                t.insert("pattern".into(), Value::String(pattern.render()));
                match validate {
                    Some(Some(v)) => {
                        t.insert("validate".into(), Value::String(v.render()));
                    }
                    Some(None) => {
                        t.insert("validate".into(), Value::String("nhs-check-digit".into()));
                    }
                    None => {}
                }
                if let Some(s) = suggest {
                    t.insert("suggest".into(), s.value());
                }
                "pattern".to_string()
            }
            Kind::Detector => "detector".to_string(),
            Kind::Raw(s) => s.clone(),
        };
        t.insert("type".into(), Value::String(kind));
        if let Some(level) = &self.severity {
            t.insert("severity".into(), Value::String(level.render()));
        }
        for (key, text) in [
            ("summary", &self.summary),
            ("message", &self.message),
            ("explanation", &self.explanation),
        ] {
            if let Some(text) = text {
                t.insert(key.into(), Value::String(text.render()));
            }
        }
        if let Some(b) = self.fix_safe {
            t.insert("fix-safe".into(), Value::Boolean(b));
        }
        if let Some(b) = self.enabled {
            t.insert("enabled".into(), Value::Boolean(b));
        }
        if let Some(c) = &self.context {
            let mut ct = Table::new();
            if let Some(any) = &c.any {
                ct.insert("any".into(), list(any));
            }
            if let Some(none) = &c.none {
                ct.insert("none".into(), list(none));
            }
            if let Some(w) = &c.window {
                ct.insert("window".into(), w.value());
            }
            t.insert("context".into(), Value::Table(ct));
        }
        if let Some(examples) = &self.examples {
            let examples = examples
                .iter()
                .map(|(text, expect)| {
                    let mut e = Table::new();
                    e.insert("text".into(), Value::String(text.render()));
                    e.insert("expect".into(), list(expect));
                    Value::Table(e)
                })
                .collect();
            t.insert("examples".into(), Value::Array(examples));
        }
        if let Some((key, value)) = &self.unknown {
            t.insert(key.clone(), value.value());
        }
        t
    }
}

impl House {
    /// The house-rules file as TOML text.
    pub fn to_toml(&self) -> String {
        let mut t = Table::new();
        if let Some(allow) = &self.allow {
            t.insert("allow".into(), list(allow));
        }
        if let Some(names) = &self.known_names {
            t.insert("known-names".into(), list(names));
        }
        if !self.severity.is_empty() {
            let levels = self
                .severity
                .iter()
                .map(|(id, level)| (id.render(), Value::String(level.render())))
                .collect();
            t.insert("severity".into(), Value::Table(levels));
        }
        if !self.settings.is_empty() {
            let mut settings = Table::new();
            for s in &self.settings {
                let entry = settings
                    .entry(s.rule.render())
                    .or_insert_with(|| Value::Table(Table::new()));
                if let Value::Table(entry) = entry {
                    entry.insert(s.key.render(), s.value.value());
                }
            }
            t.insert("settings".into(), Value::Table(settings));
        }
        if !self.rules.is_empty() {
            let rules = self.rules.iter().map(|r| Value::Table(r.table())).collect();
            t.insert("rule".into(), Value::Array(rules));
        }
        if let Some((key, value)) = &self.unknown {
            t.insert(key.clone(), value.value());
        }
        toml::to_string(&t).unwrap_or_default()
    }
}
