//! Named validators that pattern rules can call (`validate = "nhs-check-digit"`): checks a
//! regular expression cannot express, such as check digits.

/// Every validator name a rule file may use.
pub const NAMES: &[&str] = &["nhs-check-digit"];

/// A validator, resolved from its name when the linter is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validator {
    NhsCheckDigit,
}

impl Validator {
    pub(crate) fn from_name(name: &str) -> Option<Validator> {
        match name {
            "nhs-check-digit" => Some(Validator::NhsCheckDigit),
            _ => None,
        }
    }

    pub(crate) fn accepts(self, matched: &str) -> bool {
        match self {
            Validator::NhsCheckDigit => nhs_number_is_valid(matched),
        }
    }
}

/// Whether the digits in `s` form a valid NHS number: exactly ten digits, not all the same,
/// whose mod-11 check digit (weights 10 to 2 over the first nine) equals the tenth. A
/// remainder that gives check digit 10 means the number is never issued.
pub fn nhs_number_is_valid(s: &str) -> bool {
    let mut digits = [0u32; 10];
    let mut n = 0;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            if n == 10 {
                return false;
            }
            digits[n] = d;
            n += 1;
        }
    }
    if n != 10 || digits.iter().all(|&d| d == digits[0]) {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digits[9]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_check_digit() {
        // Cases published with Presidio's recogniser.
        assert!(nhs_number_is_valid("401-023-2137"));
        assert!(!nhs_number_is_valid("401-023-2138"));
        assert!(nhs_number_is_valid("0032698674"));
        assert!(nhs_number_is_valid("943 476 5919"));
        // Repdigits pass the arithmetic but are not numbers anyone holds.
        assert!(!nhs_number_is_valid("0000000000"));
        assert!(!nhs_number_is_valid("9999999999"));
        // Wrong digit counts.
        assert!(!nhs_number_is_valid("943 476 591"));
        assert!(!nhs_number_is_valid("943 476 59199"));
    }

    #[test]
    fn check_digit_ten_is_invalid() {
        // 1,0,0,0,0,0,0,0,1: 10 + 2 = 12, 12 % 11 = 1, check = 10 → never issued, whatever
        // the last digit is.
        for last in 0..10 {
            assert!(!nhs_number_is_valid(&format!("100000001{last}")));
        }
    }
}
