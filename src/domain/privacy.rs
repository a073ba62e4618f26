//! Nothing about detainees: the steering groups' free text is work data, never a detainee's
//! file. A Belgian national register number in it is refused wherever text comes in.

/// The first Belgian national register number in `text`, as written: 11 digits, alone or as
/// `YY.MM.DD-SSS.CC` (each dot, dash or space may be left out), with a month of 0 to 12 (or
/// 20 to 32 and 40 to 52, the BIS numbers of people not in the register), a day of 0 to 31,
/// and a check of 97 minus the first nine digits modulo 97 (with a 2 before them for those
/// born from 2000). A phone number (`+32…`) or a longer run of digits is not one.
pub fn national_register_number(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|start| {
        let before = start.checked_sub(1).map(|i| bytes[i]);
        if !bytes[start].is_ascii_digit() || before.is_some_and(|b| b.is_ascii_digit() || b == b'+') {
            return None;
        }
        let end = match_at(bytes, start)?;
        if bytes.get(end).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let digits: Vec<u64> =
            bytes[start..end].iter().filter(|b| b.is_ascii_digit()).map(|b| u64::from(b - b'0')).collect();
        valid(&digits).then(|| &text[start..end])
    })
}

/// Where an NRN-shaped run starting at `start` ends: digit groups of 2, 2, 2, 3 and 2, each
/// after an optional separator.
fn match_at(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start;
    for (n, group) in [2, 2, 2, 3, 2].into_iter().enumerate() {
        if n > 0 && matches!(bytes.get(at), Some(b'.' | b'-' | b' ')) {
            at += 1;
        }
        for _ in 0..group {
            if !bytes.get(at)?.is_ascii_digit() {
                return None;
            }
            at += 1;
        }
    }
    Some(at)
}

fn valid(digits: &[u64]) -> bool {
    let number = |range: std::ops::Range<usize>| digits[range].iter().fold(0, |n, d| n * 10 + d);
    let (month, day, check) = (number(2..4), number(4..6), number(9..11));
    let month_ok = matches!(month, 0..=12 | 20..=32 | 40..=52);
    let first = number(0..9);
    month_ok && day <= 31 && (97 - first % 97 == check || 97 - (2_000_000_000 + first) % 97 == check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_national_register_number_is_found_written_any_way() {
        // 85.07.30-033.28: 97 - 850730033 % 97 = 28.
        for text in ["85073003328", "85.07.30-033.28", "NN 850730-033-28 in the notes", "85 07 30 033 28"] {
            assert!(national_register_number(text).is_some(), "{text}");
        }
        // Born in 2001: the check counts a 2 before the nine digits.
        let nine = 10_203_004u64;
        let check = 97 - (2_000_000_000 + nine) % 97;
        assert!(national_register_number(&format!("0{nine}{check:02}")).is_some());
    }

    #[test]
    fn other_numbers_are_not_one() {
        for text in [
            "85073003361",      // a wrong check
            "85.13.30-033.28",  // no month 13
            "+32 471 23 45 67", // a phone number
            "+3285073003328",   // digits after +
            "1850730033280",    // a longer run
            "meeting of 12/05/2024 with 11 attendees",
            "",
        ] {
            assert_eq!(national_register_number(text), None, "{text}");
        }
    }
}
