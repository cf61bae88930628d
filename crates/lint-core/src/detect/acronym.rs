//! `jargon/acronym`: professional acronyms the public won't know (AMHP, LAC, s47), reported
//! once per post with their expansion, and not at all once the post spells them out.

use super::{Confidence, Detector, Finding, Input, Registry};
use crate::text;

/// An acronym and what it stands for.
#[derive(Debug)]
struct Acronym {
    /// As written in the list ("DoLS", "s47").
    spelling: String,
    /// What it stands for, as shown in the message and suggestion.
    expansion: String,
    /// Folded expansions, hyphens as spaces: any of them in the post spells it out. Each
    /// searcher is made once here, not for every post with the acronym.
    spelled_out: Vec<memchr::memmem::Finder<'static>>,
    /// Upper-case letters in `spelling`: a match needs at least as many, so "Send" and
    /// "send" are words, not "SEND".
    uppers: usize,
}

#[derive(Debug)]
pub(crate) struct AcronymDetector {
    acronyms: Vec<Acronym>,
}

/// Folds and turns hyphens into spaces, so "looked-after children" and "looked after
/// children" compare equal.
fn loose(s: &str) -> String {
    text::fold(&s.replace('-', " "))
}

fn uppers(s: &str) -> usize {
    s.chars().filter(|c| c.is_uppercase()).count()
}

impl AcronymDetector {
    /// Builds from the `acronyms` table: acronym → expansion, or a list of expansions (the
    /// first is shown; any of them spells the acronym out).
    pub(crate) fn new(reg: &mut Registry, params: &toml::Table) -> Self {
        let mut acronyms = Vec::new();
        if let Some(table) = params.get("acronyms").and_then(toml::Value::as_table) {
            for (spelling, value) in table {
                let expansions: Vec<String> = match value {
                    toml::Value::String(s) => vec![s.clone()],
                    toml::Value::Array(a) => a
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                };
                let Some(expansion) = expansions.first().cloned() else {
                    continue;
                };
                let kind = u16::try_from(acronyms.len()).unwrap_or(u16::MAX);
                reg.phrase(spelling, kind);
                // The plural ("DSLs", "IROs") is the same acronym.
                reg.phrase(&format!("{spelling}s"), kind);
                acronyms.push(Acronym {
                    spelling: spelling.clone(),
                    expansion,
                    spelled_out: expansions
                        .iter()
                        .map(|e| memchr::memmem::Finder::new(loose(e).as_bytes()).into_owned())
                        .collect(),
                    uppers: uppers(spelling),
                });
            }
        }
        AcronymDetector { acronyms }
    }
}

impl Detector for AcronymDetector {
    fn needs_words(&self) -> bool {
        false
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Finding>) {
        if input.phrases.is_empty() {
            return;
        }
        let mut reported = vec![false; self.acronyms.len()];
        // Loosened once, and only for a post that has an acronym.
        let mut post: Option<String> = None;
        for hit in input.phrases {
            let Some(acronym) = self.acronyms.get(usize::from(hit.kind)) else {
                continue;
            };
            let written = &input.text[hit.start..hit.end];
            if reported[usize::from(hit.kind)] || uppers(written) < acronym.uppers {
                continue;
            }
            reported[usize::from(hit.kind)] = true;
            // The draft is folded already: only the hyphens are left to loosen (and the runs
            // of spaces they may leave to collapse, as `loose` does).
            let post = post.get_or_insert_with(|| {
                let folded = input.folded.as_str();
                let mut loosened = String::with_capacity(folded.len());
                for word in folded.split([' ', '-']).filter(|w| !w.is_empty()) {
                    if !loosened.is_empty() {
                        loosened.push(' ');
                    }
                    loosened.push_str(word);
                }
                loosened
            });
            let spelled_out = acronym.spelled_out.iter().any(|e| {
                e.find_iter(post.as_bytes())
                    .any(|i| i == 0 || !post[..i].ends_with(|c: char| c.is_alphanumeric()))
            });
            if spelled_out {
                continue;
            }
            let mut f = Finding::new(
                hit.start,
                hit.end,
                Confidence::High,
                format!(
                    "“{written}” ({}) may mean nothing to the public; spell it out the first \
                     time",
                    acronym.expansion
                ),
            );
            f.suggestions = vec![format!("{} ({})", acronym.expansion, acronym.spelling)];
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Linter;

    fn acronyms(text: &str) -> Vec<String> {
        let linter = Linter::new().expect("default rules");
        linter
            .check(text)
            .into_iter()
            .filter(|d| d.rule == "jargon/acronym")
            .map(|d| text[d.span.range()].to_string())
            .collect()
    }

    #[test]
    fn first_use_only_with_the_expansion_in_the_message() {
        let text = "The IRO chaired it. The IRO was brilliant, and so were the IROs.";
        // The plural is the same acronym, already noted.
        assert_eq!(acronyms(text), ["IRO"]);
        let linter = Linter::new().expect("default rules");
        let d = &linter.check("Our PLO meeting ran late.")[0];
        assert!(d.message.contains("Public Law Outline"), "{}", d.message);
        assert_eq!(d.suggestions, ["Public Law Outline (PLO)"]);
    }

    #[test]
    fn spelled_out_anywhere_in_the_post_means_nothing_to_report() {
        assert!(acronyms("AMHP duty again. Approved Mental Health Professionals rock.").is_empty());
        assert!(acronyms("A looked after child (LAC) review.").is_empty());
        assert_eq!(acronyms("LAC review, then a child in need visit."), ["LAC"]);
    }

    #[test]
    fn capitals_needed_and_never_in_hashtags_or_handles() {
        assert!(acronyms("Please send the forms and mash the potatoes.").is_empty());
        assert!(acronyms("Loving #CAMHS week and @CAMHS_Leeds.").is_empty());
        assert_eq!(acronyms("S47 and s47 on the same day"), ["S47"]);
    }
}
