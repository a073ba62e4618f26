//! Typing into a one-line text field (tui-input holds the text and the cursor).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::{Input, InputRequest};

/// Longest text a prompt accepts; a paste of a whole document stops here.
pub const MAX_PROMPT_CHARS: usize = 200;

/// Applies an editing key to a prompt. Returns whether the text or cursor changed.
pub fn edit(input: &mut Input, event: &KeyEvent) -> bool {
    edit_limited(input, event, MAX_PROMPT_CHARS)
}

/// Applies an editing key, keeping the text to `max` characters.
pub fn edit_limited(input: &mut Input, event: &KeyEvent, max: usize) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let request = match event.code {
        KeyCode::Char(c) if ctrl => match c {
            'a' => InputRequest::GoToStart,
            'e' => InputRequest::GoToEnd,
            'u' => InputRequest::DeleteLine,
            'w' => InputRequest::DeletePrevWord,
            'k' => InputRequest::DeleteTillEnd,
            _ => return false,
        },
        // Control characters would reach the terminal as escape sequences; never keep them.
        KeyCode::Char(c) if c.is_control() => return false,
        KeyCode::Char(_) if input.value().chars().count() >= max => return false,
        KeyCode::Char(c) => InputRequest::InsertChar(c),
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        _ => return false,
    };
    input.handle(request).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn typing_editing_and_limits() {
        let mut input = Input::default();
        for c in "liège".chars() {
            edit(&mut input, &key(KeyCode::Char(c)));
        }
        edit(&mut input, &key(KeyCode::Backspace));
        assert_eq!(input.value(), "lièg");
        assert!(!edit(&mut input, &key(KeyCode::Char('\u{7}'))));
        for _ in 0..1000 {
            edit(&mut input, &key(KeyCode::Char('x')));
        }
        assert_eq!(input.value().chars().count(), MAX_PROMPT_CHARS);
    }
}
