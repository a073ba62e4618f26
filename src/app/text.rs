//! Typing into a one-line text field (tui-input holds the text and the cursor). Which key does
//! what is the keymap's business; this only carries it out.

use tui_input::{Input, InputRequest};

use super::action::TextOp;

/// Longest text a prompt accepts; a paste of a whole document stops here.
pub const MAX_PROMPT_CHARS: usize = 200;

/// Applies an editing key to the text. Returns whether the text or cursor changed.
pub fn apply(input: &mut Input, op: TextOp) -> bool {
    let request = match op {
        TextOp::Start => InputRequest::GoToStart,
        TextOp::End => InputRequest::GoToEnd,
        TextOp::Left => InputRequest::GoToPrevChar,
        TextOp::Right => InputRequest::GoToNextChar,
        TextOp::DeleteBack => InputRequest::DeletePrevChar,
        TextOp::DeleteForward => InputRequest::DeleteNextChar,
        TextOp::DeleteWord => InputRequest::DeletePrevWord,
        TextOp::DeleteLine => InputRequest::DeleteLine,
        TextOp::DeleteToEnd => InputRequest::DeleteTillEnd,
    };
    input.handle(request).is_some()
}

/// Types one character at the cursor, keeping the text to `max` characters. Control
/// characters would reach the terminal as escape sequences: they are never kept.
pub fn insert(input: &mut Input, c: char, max: usize) -> bool {
    if c.is_control() || input.value().chars().count() >= max {
        return false;
    }
    input.handle(InputRequest::InsertChar(c)).is_some()
}

/// Inserts pasted text at the cursor: line breaks become spaces unless `keep_lines` (notes),
/// tabs become spaces, other control characters are dropped; the text stops at `max`.
pub fn paste(input: &mut Input, text: &str, max: usize, keep_lines: bool) -> bool {
    let text = text.replace("\r\n", "\n");
    let mut changed = false;
    let mut last_space = false;
    for c in text.chars() {
        let c = match c {
            '\n' | '\r' if keep_lines => '\n',
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        // Several line breaks in a one-line field make one space, not a gap.
        if c == ' ' && last_space && !keep_lines {
            continue;
        }
        last_space = c == ' ';
        if input.value().chars().count() >= max {
            break;
        }
        if c == '\n' {
            changed |= input.handle(InputRequest::InsertChar('\n')).is_some();
        } else {
            changed |= insert(input, c, max);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_editing_and_limits() {
        let mut input = Input::default();
        for c in "liège".chars() {
            insert(&mut input, c, MAX_PROMPT_CHARS);
        }
        apply(&mut input, TextOp::DeleteBack);
        assert_eq!(input.value(), "lièg");
        assert!(!insert(&mut input, '\u{7}', MAX_PROMPT_CHARS));
        for _ in 0..1000 {
            insert(&mut input, 'x', MAX_PROMPT_CHARS);
        }
        assert_eq!(input.value().chars().count(), MAX_PROMPT_CHARS);
        apply(&mut input, TextOp::DeleteLine);
        assert_eq!(input.value(), "");
    }

    #[test]
    fn a_paste_keeps_its_lines_only_where_asked() {
        let mut one = Input::default();
        paste(&mut one, "first line\r\nsecond\n\nthird\x1b[2J", 100, false);
        assert_eq!(one.value(), "first line second third[2J");
        let mut notes = Input::default();
        paste(&mut notes, "a\nb", 100, true);
        assert_eq!(notes.value(), "a\nb");
        let mut short = Input::default();
        paste(&mut short, "abcdef", 3, false);
        assert_eq!(short.value(), "abc");
    }
}
