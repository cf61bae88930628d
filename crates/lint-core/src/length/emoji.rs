//! Emoji sequences, as X's counter groups them.
//!
//! twitter-text v3 finds emoji with twemoji-parser and weighs each match 2, however many code
//! points it holds. twemoji-parser is a regex generated from one version of the emoji list; here
//! the same sequences are recognised from Unicode properties (UTS #51, via `unicode-properties`),
//! so new emoji count correctly without a table update. The rules where twemoji-parser departs
//! from plain UTS #51 are kept, because they change counts:
//!
//! - `#`, `*` and digits are emoji only as keycaps (`1⃣`, `1️⃣`); a bare `1️` is `1` plus a
//!   stray VS16.
//! - `©`, `®`, `™` and `♟` are emoji only when followed by VS16 (`©` alone weighs 1, `©️` 2).
//! - A text-default emoji followed by VS15 (`☺︎`) is not an emoji; VS16 belongs to the emoji
//!   before it only when that emoji is text-default (`❤️` is 2, `😷️` is `😷` plus a stray VS16:
//!   4).
//! - Flags are the 258 RGI region pairs; any other pair of regional indicators is two emoji.
//!   Subdivision flags are the three RGI ones (England, Scotland, Wales).
//!
//! ZWJ sequences are accepted whenever each element is an emoji, so a sequence twemoji-parser does
//! not list (non-RGI, or newer than X's parser) still counts as one emoji here.

use unicode_properties::{EmojiStatus, UnicodeEmoji};

const VS15: char = '\u{FE0E}';
const VS16: char = '\u{FE0F}';
const ZWJ: char = '\u{200D}';
const KEYCAP: char = '\u{20E3}';
const BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';

/// RGI flag sequences (Unicode emoji-sequences.txt, `RGI_Emoji_Flag_Sequence`), the same 258
/// region codes twemoji-parser lists.
const RGI_FLAGS: &str = "AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG \
    BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CU CV \
    CW CX CY CZ DE DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET EU FI FJ FK FM FO FR GA GB GD GE GF \
    GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR IS IT \
    JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF \
    MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM \
    PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL \
    SM SN SO SR SS ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM UN \
    US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// `RGI_FLAG_BITS[a]` has bit `b` set when regional indicators `a`, `b` (0 = A) form a flag.
static RGI_FLAG_BITS: [u32; 26] = flag_bits();

const fn flag_bits() -> [u32; 26] {
    let bytes = RGI_FLAGS.as_bytes();
    let mut bits = [0u32; 26];
    let mut i = 0;
    while i + 1 < bytes.len() {
        let (a, b) = (bytes[i], bytes[i + 1]);
        if a.is_ascii_uppercase() && b.is_ascii_uppercase() {
            bits[(a - b'A') as usize] |= 1 << (b - b'A');
            i += 2;
        } else {
            i += 1;
        }
    }
    bits
}

/// The RGI subdivision flags: tag letters after U+1F3F4, before CANCEL TAG.
const RGI_TAG_SEQUENCES: [&str; 3] = ["gbeng", "gbsct", "gbwls"];

/// Byte length of the emoji sequence that starts at byte `at` of `text`, if one does.
pub(super) fn sequence_len(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let c = rest.chars().next()?;
    let end = match c {
        '#' | '*' | '0'..='9' => keycap(rest)?,
        c if quick_reject(c) => return None,
        '\u{1F1E6}'..='\u{1F1FF}' => flag(rest, c),
        BLACK_FLAG => match tag_sequence(rest) {
            Some(end) => end,
            None => zwj_sequence(rest)?,
        },
        _ => zwj_sequence(rest)?,
    };
    Some(end)
}

/// Characters below U+203C (other than © ®) and in U+3300..U+1F000 are never emoji; checking
/// that first keeps the property lookup off the hot path for most text.
fn quick_reject(c: char) -> bool {
    let u = u32::from(c);
    (u < 0x203C && c != '©' && c != '®') || (0x3300..0x1F000).contains(&u)
}

/// `[#*0-9] VS16? U+20E3`
fn keycap(rest: &str) -> Option<usize> {
    let mut after = rest.get(1..)?;
    after = after.strip_prefix(VS16).unwrap_or(after);
    after.strip_prefix(KEYCAP)?;
    Some(rest.len() - after.len() + KEYCAP.len_utf8())
}

/// A regional indicator: an RGI pair is one flag, anything else stands alone.
fn flag(rest: &str, first: char) -> usize {
    let mut chars = rest.chars();
    chars.next();
    if let Some(second) = chars.next()
        && let (Some(a), Some(b)) = (regional_index(first), regional_index(second))
        && RGI_FLAG_BITS[a] & (1 << b) != 0
    {
        return first.len_utf8() + second.len_utf8();
    }
    first.len_utf8()
}

fn regional_index(c: char) -> Option<usize> {
    let u = u32::from(c).checked_sub(0x1F1E6)?;
    usize::try_from(u).ok().filter(|&i| i < 26)
}

/// U+1F3F4, tag letters, CANCEL TAG, for the three RGI subdivision flags.
fn tag_sequence(rest: &str) -> Option<usize> {
    let mut name = [0u8; 5];
    for (n, (i, c)) in rest.char_indices().skip(1).enumerate() {
        if c == CANCEL_TAG {
            let name = name.get(..n)?;
            let rgi = RGI_TAG_SEQUENCES.iter().any(|s| s.as_bytes() == name);
            return rgi.then_some(i + c.len_utf8());
        }
        let tag = u32::from(c).checked_sub(0xE0000)?;
        *name.get_mut(n)? = u8::try_from(tag).ok().filter(u8::is_ascii_lowercase)?;
    }
    None
}

/// One emoji element, then any number of `ZWJ element`.
fn zwj_sequence(rest: &str) -> Option<usize> {
    let mut end = element(rest, 0)?;
    while let Some(after) = rest.get(end..).and_then(|s| s.strip_prefix(ZWJ)) {
        let next = rest.len() - after.len();
        match element(rest, next) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(end)
}

/// An emoji character with its modifier or presentation selector: returns the end offset.
fn element(text: &str, at: usize) -> Option<usize> {
    let mut chars = text.get(at..)?.chars();
    let c = chars.next()?;
    if quick_reject(c) || matches!(c, '#' | '*' | '0'..='9' | '\u{1F1E6}'..='\u{1F1FF}') {
        return None;
    }
    let status = c.emoji_status();
    if matches!(
        status,
        EmojiStatus::NonEmoji | EmojiStatus::NonEmojiButEmojiComponent
    ) {
        return None;
    }
    let mut end = at + c.len_utf8();
    let mut next = chars.next();
    if matches!(c, '©' | '®' | '™' | '♟') {
        // twemoji-parser: "emoji which default to text must be followed by U+FE0F".
        return (next == Some(VS16)).then_some(end + VS16.len_utf8());
    }
    // A text-default emoji takes VS16 and refuses VS15; an emoji-default one takes neither
    // (a VS16 after it is a stray VS16, an emoji of its own).
    if !is_presentation(status) {
        match next {
            Some(VS16) => {
                end += VS16.len_utf8();
                next = chars.next();
            }
            Some(VS15) => return None,
            _ => {}
        }
    }
    if let Some(m) = next
        && is_modifier_base(status)
        && is_modifier(m)
    {
        end += m.len_utf8();
    }
    Some(end)
}

fn is_modifier(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

fn is_modifier_base(status: EmojiStatus) -> bool {
    matches!(
        status,
        EmojiStatus::EmojiModifierBase | EmojiStatus::EmojiPresentationAndModifierBase
    )
}

fn is_presentation(status: EmojiStatus) -> bool {
    matches!(
        status,
        EmojiStatus::EmojiPresentation
            | EmojiStatus::EmojiPresentationAndModifierBase
            | EmojiStatus::EmojiPresentationAndEmojiComponent
            | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The emoji sequences found by walking `text` from the start.
    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            match sequence_len(text, i) {
                Some(n) => {
                    out.push(&text[i..i + n]);
                    i += n;
                }
                None => i += text[i..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    #[test]
    fn quick_reject_agrees_with_the_property_table() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if quick_reject(c) {
                assert!(!c.is_emoji_char() || "#*0123456789".contains(c), "{c:?}");
            }
        }
    }

    #[test]
    fn flag_table_has_258_flags() {
        let n: u32 = RGI_FLAG_BITS.iter().map(|b| b.count_ones()).sum();
        assert_eq!(n, 258);
    }

    #[test]
    fn single_emoji() {
        assert_eq!(split("a😷b"), ["😷"]);
        assert_eq!(split("☺"), ["☺"]);
        assert_eq!(split("☺\u{FE0F}"), ["☺\u{FE0F}"]);
        assert_eq!(split("☺\u{FE0E}"), Vec::<&str>::new());
        assert_eq!(split("😷\u{FE0E}"), ["😷"]);
        assert_eq!(
            split("😷\u{FE0F}"),
            ["😷"],
            "VS16 after an emoji-default emoji stands alone"
        );
        assert_eq!(split("☝\u{FE0F}🏻"), ["☝\u{FE0F}🏻"]);
    }

    #[test]
    fn keycaps_and_text_default_symbols() {
        assert_eq!(split("1\u{20E3}"), ["1\u{20E3}"]);
        assert_eq!(split("#\u{FE0F}\u{20E3}"), ["#\u{FE0F}\u{20E3}"]);
        assert_eq!(split("1\u{FE0F} 12 #"), Vec::<&str>::new());
        assert_eq!(split("© ®"), Vec::<&str>::new());
        assert_eq!(split("©\u{FE0F}"), ["©\u{FE0F}"]);
        assert_eq!(split("™"), Vec::<&str>::new());
    }

    #[test]
    fn modifiers_and_zwj() {
        assert_eq!(split("🙋🏽"), ["🙋🏽"]);
        assert_eq!(
            split("a🏽"),
            ["🏽"],
            "a lone modifier is an emoji of its own"
        );
        assert_eq!(split("😷🏽"), ["😷", "🏽"], "😷 takes no modifier");
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(split(family), [family]);
        assert_eq!(split("🏳\u{FE0F}\u{200D}🌈"), ["🏳\u{FE0F}\u{200D}🌈"]);
        assert_eq!(split("🏃🏽\u{200D}♀\u{FE0F}"), ["🏃🏽\u{200D}♀\u{FE0F}"]);
        assert_eq!(split("❤\u{FE0F}\u{200D}🔥"), ["❤\u{FE0F}\u{200D}🔥"]);
        assert_eq!(
            split("😷\u{200D}"),
            ["😷"],
            "a trailing ZWJ is not part of it"
        );
        assert_eq!(split("😷\u{200D}a"), ["😷"]);
        assert_eq!(split("\u{200D}"), Vec::<&str>::new());
    }

    #[test]
    fn flags() {
        assert_eq!(split("🇯🇵🇺🇸"), ["🇯🇵", "🇺🇸"]);
        assert_eq!(split("🇦🇦"), ["🇦", "🇦"], "not a region: two emoji");
        assert_eq!(split("🇦🇦🇨"), ["🇦", "🇦🇨"]);
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(split(england), [england]);
        let texas = "🏴\u{E0075}\u{E0073}\u{E0074}\u{E0078}\u{E007F}";
        assert_eq!(split(texas)[0], "🏴");
        assert_eq!(split("🏴\u{200D}☠\u{FE0F}"), ["🏴\u{200D}☠\u{FE0F}"]);
    }
}
