//! The default rules, embedded from `rules/` so the binary needs no files at run time.

/// `(file name, TOML text)` of every built-in rule file, in load order.
pub const FILES: &[(&str, &str)] = &[
    ("length.toml", include_str!("../../../rules/length.toml")),
    ("jargon.toml", include_str!("../../../rules/jargon.toml")),
    (
        "confidentiality.toml",
        include_str!("../../../rules/confidentiality.toml"),
    ),
    ("tone.toml", include_str!("../../../rules/tone.toml")),
];
