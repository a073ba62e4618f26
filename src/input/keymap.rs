//! The one table of keys. Dispatch, the key-hint bar and the `?` help all read it, so they
//! cannot drift apart. Every action has a key without Ctrl, Alt or function keys, which do
//! not survive every SSH client and console; Ctrl-C is only a second way to quit.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::action::Action;
use crate::app::panes::PaneId;

/// Where a key is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A pane's table.
    Table,
    /// A detail view.
    Detail,
    /// The help or palette overlay.
    Overlay,
    /// A text prompt (filter, palette, date): printable keys are typed, not dispatched.
    Prompt,
    /// A form: printable keys are typed into the focused field.
    Form,
    /// A yes/no question.
    Confirm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
}

pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [Key],
    /// How the keys are written in hints and help.
    pub label: &'static str,
    pub action: Action,
    /// Shown in the one-line hint bar (the help shows every binding).
    pub hint: bool,
}

use Context::*;
use Key::*;

const ANY: &[Context] = &[Table, Detail, Overlay, Prompt, Form, Confirm];
const VIEWS: &[Context] = &[Table, Detail];

#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    Binding {
        contexts: &[Table],
        keys: &[Char('1')],
        label: "1",
        action: Action::ShowPane(PaneId::Prisons),
        hint: false,
    },
    Binding {
        contexts: &[Table],
        keys: &[Char('2')],
        label: "2",
        action: Action::ShowPane(PaneId::Gaps),
        hint: false,
    },
    Binding {
        contexts: &[Table],
        keys: &[Char('3')],
        label: "3",
        action: Action::ShowPane(PaneId::Authorisations),
        hint: false,
    },
    Binding {
        contexts: &[Table],
        keys: &[Char('4')],
        label: "4",
        action: Action::ShowPane(PaneId::Training),
        hint: false,
    },
    Binding {
        contexts: &[Table],
        keys: &[Code(KeyCode::Tab)],
        label: "Tab",
        action: Action::NextPane,
        hint: true,
    },
    Binding {
        contexts: &[Table],
        keys: &[Code(KeyCode::BackTab)],
        label: "S-Tab",
        action: Action::PrevPane,
        hint: false,
    },
    Binding {
        contexts: VIEWS,
        keys: &[Code(KeyCode::Up), Char('k')],
        label: "Up/k",
        action: Action::Up,
        hint: false,
    },
    Binding {
        contexts: VIEWS,
        keys: &[Code(KeyCode::Down), Char('j')],
        label: "Down/j",
        action: Action::Down,
        hint: false,
    },
    Binding {
        contexts: &[Overlay, Prompt],
        keys: &[Code(KeyCode::Up)],
        label: "Up",
        action: Action::Up,
        hint: false,
    },
    Binding {
        contexts: &[Overlay, Prompt],
        keys: &[Code(KeyCode::Down)],
        label: "Down",
        action: Action::Down,
        hint: false,
    },
    Binding {
        contexts: VIEWS,
        keys: &[Code(KeyCode::PageUp)],
        label: "PgUp",
        action: Action::PageUp,
        hint: false,
    },
    Binding {
        contexts: VIEWS,
        keys: &[Code(KeyCode::PageDown), Char(' ')],
        label: "PgDn/Space",
        action: Action::PageDown,
        hint: false,
    },
    Binding {
        contexts: VIEWS,
        keys: &[Code(KeyCode::Home), Char('g')],
        label: "g/Home",
        action: Action::Top,
        hint: false,
    },
    Binding {
        contexts: VIEWS,
        keys: &[Code(KeyCode::End), Char('G')],
        label: "G/End",
        action: Action::Bottom,
        hint: false,
    },
    Binding {
        contexts: &[Table],
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Open,
        hint: true,
    },
    Binding {
        contexts: &[Prompt],
        keys: &[Code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Confirm,
        hint: true,
    },
    Binding { contexts: ANY, keys: &[Code(KeyCode::Esc)], label: "Esc", action: Action::Back, hint: true },
    Binding { contexts: VIEWS, keys: &[Char('/')], label: "/", action: Action::Filter, hint: true },
    Binding { contexts: &[Table], keys: &[Char('s')], label: "s", action: Action::SortNext, hint: true },
    Binding { contexts: &[Table], keys: &[Char('S')], label: "S", action: Action::SortReverse, hint: false },
    Binding { contexts: VIEWS, keys: &[Char('t')], label: "t", action: Action::AsOf, hint: true },
    Binding { contexts: VIEWS, keys: &[Char('T')], label: "T", action: Action::Today, hint: false },
    Binding {
        contexts: &[Table, Detail, Overlay],
        keys: &[Char('?')],
        label: "?",
        action: Action::Help,
        hint: true,
    },
    Binding { contexts: VIEWS, keys: &[Char(':')], label: ":", action: Action::Palette, hint: true },
    Binding {
        contexts: &[Table, Detail, Overlay],
        keys: &[Char('q')],
        label: "q",
        action: Action::Quit,
        hint: true,
    },
    Binding { contexts: VIEWS, keys: &[Char('a')], label: "a", action: Action::Add, hint: true },
    Binding { contexts: VIEWS, keys: &[Char('e')], label: "e", action: Action::Edit, hint: true },
    Binding { contexts: VIEWS, keys: &[Char('d')], label: "d", action: Action::Delete, hint: false },
    Binding { contexts: VIEWS, keys: &[Char('u')], label: "u", action: Action::Undo, hint: true },
    Binding { contexts: VIEWS, keys: &[Char('h')], label: "h", action: Action::History, hint: false },
    Binding { contexts: VIEWS, keys: &[Char('p')], label: "p", action: Action::NewPerson, hint: false },
    Binding { contexts: VIEWS, keys: &[Char('m')], label: "m", action: Action::NewMeeting, hint: false },
    Binding { contexts: VIEWS, keys: &[Char('c')], label: "c", action: Action::Templates, hint: false },
    Binding { contexts: &[Form], keys: &[Code(KeyCode::Tab)], label: "Tab", action: Action::NextField, hint: true },
    Binding { contexts: &[Form], keys: &[Code(KeyCode::BackTab)], label: "S-Tab", action: Action::PrevField, hint: true },
    Binding { contexts: &[Form], keys: &[Code(KeyCode::Up)], label: "Up", action: Action::Up, hint: false },
    Binding { contexts: &[Form], keys: &[Code(KeyCode::Down)], label: "Down", action: Action::Down, hint: false },
    Binding { contexts: &[Form], keys: &[Code(KeyCode::Enter)], label: "Enter", action: Action::Confirm, hint: true },
    Binding { contexts: &[Form], keys: &[Ctrl('s')], label: "Ctrl-S", action: Action::Save, hint: true },
    Binding { contexts: &[Confirm], keys: &[Char('y'), Char('Y'), Char('o'), Char('j')], label: "y", action: Action::Yes, hint: true },
    Binding { contexts: &[Confirm], keys: &[Char('n'), Char('N'), Code(KeyCode::Enter)], label: "n/Enter", action: Action::No, hint: true },
    Binding { contexts: ANY, keys: &[Ctrl('c')], label: "Ctrl-C", action: Action::Quit, hint: false },
];

fn matches(key: &Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    match (key, event.code) {
        (Ctrl(c), KeyCode::Char(e)) => ctrl && e.eq_ignore_ascii_case(c),
        (Char(c), KeyCode::Char(e)) => !ctrl && !alt && e == *c,
        (Code(KeyCode::BackTab), KeyCode::BackTab) => true,
        (Code(KeyCode::BackTab), KeyCode::Tab) => event.modifiers.contains(KeyModifiers::SHIFT),
        (Code(KeyCode::Tab), KeyCode::Tab) => !event.modifiers.contains(KeyModifiers::SHIFT),
        (Code(code), e) => *code == e && !ctrl && !alt,
        _ => false,
    }
}

/// The action a key press asks for in a context.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    KEYMAP
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.iter().any(|k| matches(k, event)))
        .map(|b| b.action)
}

/// The bindings of a context, for hints (`only_hints`) or help.
pub fn bindings(context: Context, only_hints: bool) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.contexts.contains(&context) && (b.hint || !only_hints))
}

/// The keys written for an action in a context, e.g. "1" for the Prisons pane.
pub fn keys_for(context: Context, action: Action) -> Option<&'static str> {
    KEYMAP.iter().find(|b| b.action == action && b.contexts.contains(&context)).map(|b| b.label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for ctx in [Table, Detail, Overlay, Prompt, Form, Confirm] {
            let mut seen: Vec<&Key> = Vec::new();
            for b in bindings(ctx, false) {
                for k in b.keys {
                    assert!(!seen.contains(&k), "{k:?} bound twice in {ctx:?}");
                    seen.push(k);
                }
            }
        }
    }

    #[test]
    fn every_palette_action_has_a_plain_key() {
        for a in Action::PALETTE {
            let b = KEYMAP.iter().find(|b| b.action == *a).unwrap_or_else(|| panic!("{a:?} has no key"));
            assert!(b.keys.iter().any(|k| !matches!(k, Ctrl(_))), "{a:?} only has a Ctrl key");
        }
    }

    #[test]
    fn dispatch_reads_the_table() {
        assert_eq!(lookup(Table, &key(KeyCode::Char('2'))), Some(Action::ShowPane(PaneId::Gaps)));
        assert_eq!(lookup(Prompt, &key(KeyCode::Char('q'))), None, "q is typed in a prompt");
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Prompt, &ctrl_c), Some(Action::Quit));
        let shift_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Table, &shift_tab), Some(Action::PrevPane));
    }
}
