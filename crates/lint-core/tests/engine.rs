//! Behaviour of the engine and the rule format, through the public API.

use postlint_core::{Category, ConfigError, Diagnostic, Linter, Platform, RuleKind, Severity};

fn house(toml: &str) -> Linter {
    match Linter::builder().house_rules("postlint.toml", toml).build() {
        Ok(l) => l,
        Err(e) => panic!("house rules should build: {e}"),
    }
}

fn house_err(toml: &str) -> ConfigError {
    match Linter::builder().house_rules("postlint.toml", toml).build() {
        Ok(_) => panic!("house rules should be rejected:\n{toml}"),
        Err(e) => e,
    }
}

/// (rule, flagged text) for every finding.
fn found<'a>(linter: &Linter, text: &'a str) -> Vec<(String, &'a str)> {
    linter
        .check(text)
        .into_iter()
        .map(|d| (d.rule.clone(), &text[d.span.range()]))
        .collect()
}

fn flagged<'a>(linter: &Linter, rule: &str, text: &'a str) -> Vec<&'a str> {
    found(linter, text)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, t)| t)
        .collect()
}

const BANNED: &str = r#"
[[rule]]
id = "tone/house-banned"
type = "terms"
severity = "warning"
summary = "Phrases our team agreed not to use"
message = "we agreed not to say “{match}”"

[rule.terms]
"Zoë" = ""
"ann" = ""
"going" = "leaving"
"going forward" = "from now on"
"#;

#[test]
fn linter_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Linter>();
}

#[test]
fn default_rules_carry_complete_metadata() {
    let linter = Linter::new().expect("default rules build");
    let mut ids = Vec::new();
    for rule in linter.rules() {
        let (cat, name) = rule.id.split_once('/').expect("id is category/name");
        assert_eq!(Category::from_name(cat), Some(rule.category), "{}", rule.id);
        assert!(!name.is_empty());
        assert!(!rule.summary.is_empty(), "{} has a summary", rule.id);
        assert!(
            rule.explanation.len() > 120,
            "{} has a real explanation paragraph",
            rule.id
        );
        assert!(
            rule.examples.iter().any(|e| !e.expect.is_empty()),
            "{} has a bad example",
            rule.id
        );
        assert!(
            rule.examples.iter().any(|e| e.expect.is_empty()),
            "{} has a good example",
            rule.id
        );
        assert!(rule.source.starts_with("rules/"));
        ids.push(rule.id.clone());
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "rules are listed sorted, ids unique");
    assert!(ids.contains(&"length/limit".to_string()));
    assert!(ids.contains(&"jargon/managerial".to_string()));
}

#[test]
fn every_rule_example_holds() {
    let linter = Linter::new().expect("default rules build");
    let failures = linter.check_examples();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn managerial_jargon_list_is_real() {
    let linter = Linter::new().unwrap();
    let text = "Going forward we will touch base, leverage synergies and circle back on \
                deliverables, a real paradigm shift in our direction of travel.";
    assert_eq!(
        flagged(&linter, "jargon/managerial", text),
        [
            "Going forward",
            "touch base",
            "leverage",
            "synergies",
            "circle back",
            "deliverables",
            "paradigm shift",
            "direction of travel"
        ]
    );
}

#[test]
fn suggestions_keep_capitalisation() {
    let linter = Linter::new().unwrap();
    let d = &linter.check("Utilise the learnings.")[0];
    assert_eq!(d.rule, "jargon/wordy");
    assert_eq!(d.suggestions, ["Use"]);
    let d = &linter.check("Utilising the hub.")[0];
    assert_eq!(d.suggestions, ["Using"]);
}

#[test]
fn terms_match_case_insensitively_across_unicode() {
    let linter = house(BANNED);
    assert_eq!(
        flagged(&linter, "tone/house-banned", "Visited ZOË today"),
        ["ZOË"]
    );
    assert_eq!(flagged(&linter, "tone/house-banned", "zoë’s mum"), ["zoë"]);
}

#[test]
fn terms_match_whole_words_only() {
    let linter = house(BANNED);
    assert!(
        flagged(
            &linter,
            "tone/house-banned",
            "Annual review, Joanna, #ann @ann"
        )
        .is_empty()
    );
    assert_eq!(flagged(&linter, "tone/house-banned", "Ann, again"), ["Ann"]);
}

#[test]
fn longest_phrase_wins_within_a_rule() {
    let linter = house(BANNED);
    assert_eq!(
        flagged(&linter, "tone/house-banned", "Going forward, I am going."),
        ["Going forward", "going"]
    );
    // Line breaks inside a phrase still match.
    assert_eq!(
        flagged(&linter, "tone/house-banned", "going\nforward"),
        ["going\nforward"]
    );
}

#[test]
fn spans_are_byte_ranges_on_multibyte_text() {
    let linter = Linter::new().unwrap();
    let text = "Ça va 🙂 — on va «touch base» demain\r\nleverage";
    let ds = linter.check(text);
    let spans: Vec<&str> = ds.iter().map(|d| &text[d.span.range()]).collect();
    assert_eq!(spans, ["touch base", "leverage"]);
    for d in &ds {
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
    assert_eq!(ds[0].span.start, text.find("touch").unwrap());
}

#[test]
fn diagnostics_are_sorted_by_position_then_rule() {
    let linter = house(BANNED);
    let ds = linter.check("going forward, leverage. Going forward!");
    let keys: Vec<(usize, usize, &str)> = ds
        .iter()
        .map(|d| (d.span.start, d.span.end, d.rule.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Both rules report the same phrase, in id order.
    assert_eq!(keys[0].2, "jargon/managerial");
    assert_eq!(keys[1].2, "tone/house-banned");
}

#[test]
fn allow_list_silences_whole_phrases_only() {
    let linter = house(
        r#"
allow = ["Eileen Munro", "touch base"]

[[rule]]
id = "confidentiality/known-names"
type = "terms"
severity = "error"
summary = "Names from our caseload"
message = "“{match}” is on the caseload list; remove the name"
[rule.terms]
"Munro" = ""
"Munroe" = ""
"#,
    );
    let text = "Eileen Munro's review still matters. Met Munroe today. Let's touch base.";
    assert_eq!(
        found(&linter, text),
        [("confidentiality/known-names".to_string(), "Munroe")]
    );
    // "Munro" on its own is not the allowed phrase.
    assert_eq!(
        flagged(&linter, "confidentiality/known-names", "Saw Munro today"),
        ["Munro"]
    );
}

#[test]
fn severity_can_be_changed_or_switched_off() {
    let linter = house(
        r#"
[severity]
"jargon/managerial" = "error"
"length/limit" = "off"
"#,
    );
    let ds = linter.check("touch base");
    assert_eq!(ds[0].severity, Severity::Error);
    let rule = linter.rule("length/limit").unwrap();
    assert_eq!(rule.severity, None);
    assert_eq!(rule.default_severity, Severity::Error);

    let off = house("[severity]\n\"jargon/managerial\" = \"off\"\n");
    assert!(off.check("touch base").is_empty());
}

#[test]
fn pattern_rules_use_validators_and_context() {
    let linter = house(
        r#"
[[rule]]
id = "confidentiality/nhs-test"
type = "pattern"
severity = "error"
summary = "NHS numbers"
message = "“{match}” looks like an NHS number"
pattern = '\b\d{3}[ -]?\d{3}[ -]?\d{4}\b'
validate = "nhs-check-digit"

[[rule]]
id = "confidentiality/case-ref"
type = "pattern"
severity = "warning"
summary = "Our case references"
message = "“{match}” looks like a case reference; remove it"
pattern = '\b[A-Z]{2}\d{6}\b'
context = { any = ["case", "ref"], none = ["invoice"], window = 3 }
"#,
    );
    assert_eq!(
        flagged(
            &linter,
            "confidentiality/nhs-test",
            "NHS no 943 476 5919 and 943 476 5918"
        ),
        ["943 476 5919"]
    );
    assert_eq!(
        flagged(
            &linter,
            "confidentiality/case-ref",
            "Case ref AB123456 today"
        ),
        ["AB123456"]
    );
    assert!(
        flagged(
            &linter,
            "confidentiality/case-ref",
            "Order AB123456 arrived"
        )
        .is_empty()
    );
    assert!(flagged(&linter, "confidentiality/case-ref", "case invoice AB123456").is_empty());
    // The cue must be within 3 words.
    assert!(
        flagged(
            &linter,
            "confidentiality/case-ref",
            "case one two three four AB123456"
        )
        .is_empty()
    );
}

#[test]
fn length_uses_the_platform_and_limit_overrides() {
    let text = "x".repeat(291);
    let x = Linter::new().unwrap();
    let d: Vec<Diagnostic> = x
        .check(&text)
        .into_iter()
        .filter(|d| d.rule == "length/limit")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].span.range(), 280..291);
    assert!(d[0].message.starts_with("291/280"), "{}", d[0].message);
    assert_eq!(
        serde_json::to_value(&d[0].data).unwrap(),
        serde_json::json!({"length": 291, "limit": 280})
    );

    let bluesky = Linter::builder()
        .platform(Platform::Bluesky)
        .build()
        .unwrap();
    assert!(
        bluesky
            .check(&text)
            .iter()
            .all(|d| d.rule != "length/limit")
    );

    let short = Linter::builder().max_length(10).build().unwrap();
    let d = &short.check("touch base today")[1];
    assert_eq!(d.rule, "length/limit");
    assert_eq!(d.span.range(), 10..16);

    let from_file =
        house("[settings.\"length/limit\"]\nplatform = \"mastodon\"\nmax-length = 12\n");
    let d = from_file.check("Hello Mastodon friends");
    assert_eq!(
        d[0].data,
        Some(postlint_core::Data::Length {
            length: 22,
            limit: 12
        })
    );
}

#[test]
fn trailing_newline_of_a_file_is_not_counted() {
    let linter = Linter::builder().max_length(5).build().unwrap();
    assert!(linter.check("hello\n").is_empty());
    assert!(linter.check("hello\r\n").is_empty());
}

fn assert_error_at(e: &ConfigError, line: usize, needle: &str) {
    assert_eq!(e.file, "postlint.toml");
    let (l, _) = e
        .line_col()
        .unwrap_or_else(|| panic!("error has a position: {e}"));
    assert_eq!(l, line, "line of: {e}");
    assert!(
        e.to_string().contains(needle),
        "error `{e}` should mention `{needle}`"
    );
}

#[test]
fn unknown_top_level_key_is_an_error_with_line() {
    let e = house_err("allow = [\"BASW\"]\nalow = [\"x\"]\n");
    assert_error_at(&e, 2, "unknown field `alow`");
}

#[test]
fn unknown_rule_key_and_wrong_type_are_errors() {
    let e = house_err(
        "[[rule]]\nid = \"jargon/x\"\ntype = \"terms\"\nseverity = \"warning\"\nsumary = \"s\"\n",
    );
    assert_error_at(&e, 5, "sumary");
    let e = house_err("allow = \"BASW\"\n");
    assert_error_at(&e, 1, "invalid type");
}

#[test]
fn unknown_rule_ids_are_errors_with_a_suggestion() {
    let e = house_err("[severity]\n\"jargon/managerail\" = \"off\"\n");
    assert_error_at(&e, 2, "unknown rule id `jargon/managerail`");
    assert!(e.help.as_deref().unwrap().contains("jargon/managerial"));
    let e = house_err("[settings.\"lenght/limit\"]\nplatform = \"x\"\n");
    assert_error_at(&e, 1, "unknown rule id");
}

#[test]
fn bad_values_are_errors() {
    let e = house_err("[severity]\n\"jargon/managerial\" = \"loud\"\n");
    assert_error_at(&e, 2, "unknown severity `loud`");
    let e = house_err("[settings.\"length/limit\"]\nplatform = \"myspace\"\n");
    assert_error_at(&e, 1, "unknown platform `myspace`");
    let e = house_err("[settings.\"length/limit\"]\nmax-length = \"long\"\n");
    assert_error_at(&e, 1, "must be an integer");
    let e = house_err("[settings.\"length/limit\"]\nlimit = 3\n");
    assert_error_at(&e, 1, "unknown setting `limit`");
    let e = house_err("[settings.\"jargon/managerial\"]\nx = 1\n");
    assert_error_at(&e, 1, "has no settings");
}

#[test]
fn bad_rules_are_errors() {
    let base =
        "[[rule]]\ntype = \"pattern\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\n";
    let e = house_err(&format!(
        "{base}id = \"confidentiality/x\"\npattern = 'a(b'\n"
    ));
    assert_error_at(&e, 7, "invalid pattern in rule `confidentiality/x`");
    let e = house_err(&format!("{base}id = \"house/x\"\npattern = 'a'\n"));
    assert_error_at(&e, 6, "unknown category `house`");
    let e = house_err(&format!(
        "{base}id = \"jargon/managerial\"\npattern = 'a'\n"
    ));
    assert_error_at(&e, 6, "duplicate rule id");
    let e = house_err(&format!(
        "{base}id = \"jargon/x\"\npattern = 'a'\nvalidate = \"luhnn\"\n"
    ));
    assert_error_at(&e, 8, "unknown validator");
    let e = house_err(&format!("{base}id = \"jargon/x\"\n"));
    assert_error_at(&e, 6, "needs a `pattern`");
    let e = house_err(
        "[[rule]]\nid = \"length/mine\"\ntype = \"detector\"\nseverity = \"error\"\nsummary = \"s\"\n",
    );
    assert_error_at(&e, 3, "cannot be defined in house rules");
}

#[test]
fn oversized_house_regex_is_an_error_naming_the_rule() {
    let e = house_err(
        "[[rule]]\nid = \"jargon/huge\"\ntype = \"pattern\"\nseverity = \"info\"\nsummary = \"s\"\n\
         message = \"m\"\npattern = '(\\w{1,100}){1,100}'\n",
    );
    assert_error_at(&e, 7, "jargon/huge");
    assert!(e.message.contains("more than"), "{e}");
}

#[test]
fn rule_kinds_are_reported() {
    let linter = Linter::new().unwrap();
    assert_eq!(
        linter.rule("length/limit").unwrap().kind,
        RuleKind::Detector
    );
    assert_eq!(
        linter.rule("jargon/managerial").unwrap().kind,
        RuleKind::Terms
    );
}

#[test]
fn known_names_are_always_reported_ignoring_case_and_spacing() {
    let linter = house("known-names = [\"Kacper Nowak\", \"Grace\"]\n");
    assert_eq!(
        flagged(
            &linter,
            "confidentiality/person-name",
            "Lovely chat with kacper   NOWAK at the bus stop"
        ),
        ["kacper   NOWAK"]
    );
    // A known name is reported even when it is also an everyday word and has no cue.
    assert_eq!(
        flagged(&linter, "confidentiality/person-name", "Grace said hi"),
        ["Grace"]
    );
    // Whole words only.
    assert!(flagged(&linter, "confidentiality/person-name", "Graceful exit").is_empty());
}

/// An age is a cue like a cue phrase, wherever it stands: it once counted only when no cue
/// phrase came after it ("foster carers" later hid "(5)").
#[test]
fn a_lower_case_name_beside_an_age_is_found_before_a_later_cue_phrase() {
    let linter = Linter::new().expect("default rules");
    let text = "reggie (5): *lets the guinea pigs out* For the foster carers in our group: \
                thank you.";
    assert_eq!(
        flagged(&linter, "confidentiality/person-name", text),
        ["reggie"]
    );
}

#[test]
fn detector_list_settings_extend_the_defaults() {
    let linter = house("[settings.\"confidentiality/person-name\"]\npublic = [\"Jayden Ofori\"]\n");
    let text = "Jayden Ofori spoke at the conference on contact with birth families.";
    assert!(flagged(&linter, "confidentiality/person-name", text).is_empty());
    // The built-in public names still apply.
    assert!(
        flagged(
            &linter,
            "confidentiality/person-name",
            "Eileen Munro on child protection"
        )
        .is_empty()
    );
}

#[test]
fn detector_table_settings_add_entries_to_the_defaults() {
    let linter = house(
        "[settings.\"tone/hostile\".othering]\n\"pond life\" = \"people\"\n\
         [settings.\"tone/tone-tag\".tags]\n\"/j\" = \"just kidding\"\n",
    );
    let text = "The usual pond life and frequent flyers in A&E tonight /j";
    assert_eq!(
        flagged(&linter, "tone/hostile", text),
        ["pond life", "frequent flyers"]
    );
    let d = linter
        .check(text)
        .into_iter()
        .find(|d| d.rule == "tone/tone-tag")
        .expect("the tag is reported");
    assert!(d.message.contains("just kidding"), "{}", d.message);
}

#[test]
fn bad_tone_settings_are_errors() {
    let e = house_err("[settings.\"tone/shouting\"]\nacronyms = [\"RAAC\", 3]\n");
    assert_error_at(&e, 1, "every entry of `acronyms` must be a string");
    let e = house_err("[settings.\"tone/shouting\"]\nmin-letters = 1\n");
    assert_error_at(&e, 1, "`min-letters` must be 2 or more");
    let e = house_err("[settings.\"tone/hostile\".othering]\n\"pond life\" = 3\n");
    assert_error_at(&e, 1, "must be a suggestion string");
}

#[test]
fn confidentiality_spans_cover_exactly_the_identifying_text() {
    let linter = Linter::new().unwrap();
    let text = "Visited Jayden's mum at Flat 3, 22 Acacia Avenue, SE15 4QN. NHS 943 476 5919, \
                NI JG 10 37 59 A, DOB 12/03/2011, case ref CS-2024-00123, mum on 07700 900123 \
                or jay.okafor87@gmail.com.";
    let found: Vec<(String, &str)> = found(&linter, text)
        .into_iter()
        .filter(|(r, _)| {
            r.starts_with("confidentiality/") && r != "confidentiality/identifying-combination"
        })
        .collect();
    let expect = [
        ("confidentiality/person-name", "Jayden"),
        ("confidentiality/address", "Flat 3, 22 Acacia Avenue"),
        ("confidentiality/postcode", "SE15 4QN"),
        ("confidentiality/nhs-number", "943 476 5919"),
        ("confidentiality/ni-number", "JG 10 37 59 A"),
        ("confidentiality/date-of-birth", "12/03/2011"),
        ("confidentiality/case-reference", "CS-2024-00123"),
        ("confidentiality/phone", "07700 900123"),
        ("confidentiality/email", "jay.okafor87@gmail.com"),
    ];
    let expect: Vec<(String, &str)> = expect.iter().map(|(r, t)| (r.to_string(), *t)).collect();
    assert_eq!(found, expect);
}

#[test]
fn identifying_combination_labels_each_part() {
    let linter = Linter::new().unwrap();
    let text = "Spent today with a 14-year-old in Peckham who is pregnant and terrified.";
    let d = linter
        .check(text)
        .into_iter()
        .find(|d| d.rule == "confidentiality/identifying-combination")
        .expect("a combination");
    assert_eq!(d.severity, Severity::Error);
    let parts: Vec<(&str, &str)> = d
        .labels
        .iter()
        .map(|l| (&text[l.span.range()], l.message.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            ("14-year-old", "age"),
            ("Peckham", "place"),
            ("pregnant", "circumstance")
        ]
    );
    assert!(
        d.message
            .contains("“14-year-old”, “Peckham” and “pregnant”"),
        "{}",
        d.message
    );
    // Two of the three is a warning.
    let two = linter.check("A 15yo excluded again this week.");
    let d = two
        .iter()
        .find(|d| d.rule == "confidentiality/identifying-combination")
        .expect("a combination");
    assert_eq!(d.severity, Severity::Warning);
    // A population, not a person: no finding.
    assert!(
        linter
            .check("Children in care in Blackpool: the highest rate in England.")
            .iter()
            .all(|d| d.rule != "confidentiality/identifying-combination")
    );
}

#[test]
fn readme_house_rules_example_is_valid() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    let section = &readme[readme.find("## House rules").expect("house rules section")..];
    let start = section.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let block = &section[start..start + section[start..].find("```").expect("block end")];
    let linter = house(block);
    assert!(linter.rule("confidentiality/lbx-case-ref").is_some());
    assert!(
        linter.check_examples().is_empty(),
        "{:?}",
        linter.check_examples()
    );
    assert_eq!(
        flagged(
            &linter,
            "confidentiality/person-name",
            "Saw kacper nowak today"
        ),
        ["kacper nowak"]
    );
}

const INFLECTED: &str = r#"
[[rule]]
id = "jargon/house-words"
type = "terms"
severity = "warning"
summary = "Words our team agreed to avoid"
message = "we avoid “{match}”"
except = ["drive home"]

[rule.terms]
"going forward" = ["", "from now on"]

[rule.verbs]
"prioritise" = "put first"
"drive" = "lead"

[rule.nouns]
"workstream" = "project"
"#;

#[test]
fn verbs_and_nouns_match_every_form_with_suggestions_to_match() {
    let linter = house(INFLECTED);
    let text = "We prioritized it, are prioritising more and drove two workstreams.";
    let got: Vec<(String, Vec<String>)> = linter
        .check(text)
        .into_iter()
        .filter(|d| d.rule == "jargon/house-words")
        .map(|d| (text[d.span.range()].to_string(), d.suggestions))
        .collect();
    assert_eq!(
        got,
        [
            ("prioritized".to_string(), vec!["put first".to_string()]),
            (
                "prioritising".to_string(),
                vec!["putting first".to_string()]
            ),
            ("drove".to_string(), vec!["led".to_string()]),
            ("workstreams".to_string(), vec!["projects".to_string()]),
        ]
    );
}

#[test]
fn except_phrases_and_deleting_suggestions() {
    let linter = house(INFLECTED);
    assert!(flagged(&linter, "jargon/house-words", "I drive home at six.").is_empty());
    let d = linter
        .check("Going forward, we meet weekly.")
        .into_iter()
        .find(|d| d.rule == "jargon/house-words")
        .expect("flagged");
    // "" in a list is "delete the phrase"; capitals are kept on the others.
    assert_eq!(d.suggestions, ["", "From now on"]);
    let fixed = linter.fix("Going forward, we meet weekly.");
    assert_eq!(
        fixed.text, "Going forward, we meet weekly.",
        "the rule is not fix-safe"
    );
}

#[test]
fn verbs_and_nouns_only_in_terms_rules() {
    let e = house_err(
        r#"
[[rule]]
id = "jargon/bad"
type = "pattern"
severity = "info"
summary = "s"
message = "m"
pattern = "x"

[rule.verbs]
"drive" = "lead"
"#,
    );
    assert!(e.to_string().contains("`verbs` only applies"), "{e}");
}

#[test]
fn mistyped_detector_word_lists_are_errors_not_ignored() {
    let e = house_err("[settings.\"jargon/acronym\"]\nacronyms = { AMHP = 5 }\n");
    assert!(
        e.to_string()
            .contains("`acronyms.\"AMHP\"` must be a suggestion string"),
        "{e}"
    );
    let e = house_err("[settings.\"confidentiality/person-name\"]\ncues = [\"visited\", 3]\n");
    assert!(
        e.to_string()
            .contains("every entry of `cues` must be a string"),
        "{e}"
    );
}
