//! The one table of keys. Dispatch, the key-hint bar and the `?` help all read it, so they
//! cannot drift apart. Every action has a key without Ctrl, Alt or function keys, which do
//! not survive every SSH client and console; Ctrl-C is only a second way to quit.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::action::{Action, TextOp};
use crate::app::panes::PaneId;
use crate::i18n::{Lang, Msg};

pub use crate::app::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
}

/// Whether a binding shows in the one-line hint bar (the help shows every binding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    No,
    /// When there is room, in the table's order.
    Yes,
    /// Always: what a user cannot do without (save, cancel, help, quit).
    Must,
}

pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [Key],
    pub action: Action,
    pub hint: Hint,
}

use Context::*;
use Key::*;

const ANY: &[Context] =
    &[Table, Detail, Overlay, Prompt, Form, Checklist, Confirm, TooSmall, Attendance, Vote];
const ROLL: &[Context] = &[Attendance, Vote];
const VIEWS: &[Context] = &[Table, Detail];
/// Where a page can be turned: the views, and the help and histories over them.
const SCROLLS: &[Context] = &[Table, Detail, Overlay];
const FORMS: &[Context] = &[Form, Checklist];
const TYPING: &[Context] = &[Prompt, Form, Checklist];

const fn bind(contexts: &'static [Context], keys: &'static [Key], action: Action, hint: Hint) -> Binding {
    Binding { contexts, keys, action, hint }
}

#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind(&[Table], &[Char('1')], Action::ShowPane(PaneId::Prisons), Hint::No),
    bind(&[Table], &[Char('2')], Action::ShowPane(PaneId::Gaps), Hint::No),
    bind(&[Table], &[Char('3')], Action::ShowPane(PaneId::Authorisations), Hint::No),
    bind(&[Table], &[Char('4')], Action::ShowPane(PaneId::Training), Hint::No),
    bind(&[Table], &[Char('5')], Action::ShowPane(PaneId::Concertation), Hint::No),
    // The hint bar shows these in this order, as many as fit after the must-haves.
    bind(&[Table], &[Code(KeyCode::Enter)], Action::Open, Hint::Yes),
    bind(VIEWS, &[Char('a')], Action::Add, Hint::Yes),
    bind(VIEWS, &[Char('e')], Action::Edit, Hint::Yes),
    bind(VIEWS, &[Char('n')], Action::Step, Hint::Yes),
    bind(VIEWS, &[Char('d')], Action::Delete, Hint::Yes),
    bind(VIEWS, &[Char('u')], Action::Undo, Hint::Yes),
    bind(VIEWS, &[Char('m')], Action::NewMeeting, Hint::Yes),
    // Not Ctrl-R: in a form after a conflict it takes the other person's version. A plain
    // key too, as every action in the palette has.
    bind(VIEWS, &[Char('z'), Ctrl('y')], Action::Redo, Hint::No),
    bind(&[Table], &[Code(KeyCode::Tab)], Action::NextPane, Hint::Yes),
    bind(&[Table], &[Code(KeyCode::BackTab)], Action::PrevPane, Hint::No),
    bind(VIEWS, &[Char('/')], Action::Filter, Hint::Yes),
    bind(&[Table], &[Code(KeyCode::Esc)], Action::ClearFilter, Hint::Yes),
    bind(&[Detail, Overlay, Prompt], &[Code(KeyCode::Esc)], Action::Back, Hint::Must),
    bind(&[Table], &[Char('s')], Action::SortNext, Hint::Yes),
    bind(&[Table], &[Char('S')], Action::SortReverse, Hint::No),
    bind(VIEWS, &[Char('t')], Action::AsOf, Hint::Yes),
    bind(VIEWS, &[Char('T')], Action::Today, Hint::No),
    bind(VIEWS, &[Char(':')], Action::Palette, Hint::Yes),
    bind(VIEWS, &[Char('h')], Action::History, Hint::No),
    bind(VIEWS, &[Char('f')], Action::Trend, Hint::No),
    bind(VIEWS, &[Char('p')], Action::NewPerson, Hint::No),
    bind(VIEWS, &[Char('c')], Action::Templates, Hint::No),
    bind(VIEWS, &[Char('r')], Action::Thresholds, Hint::No),
    bind(VIEWS, &[Char('v')], Action::Vote, Hint::No),
    bind(VIEWS, &[Char('R')], Action::MembersRules, Hint::No),
    bind(VIEWS, &[Char('U')], Action::Accounts, Hint::No),
    // The roll call: one key a member, then the next member.
    bind(&[Vote], &[Char('+'), Char('y')], Action::MarkFor, Hint::Yes),
    bind(&[Vote], &[Char('-'), Char('n')], Action::MarkAgainst, Hint::Yes),
    bind(&[Vote], &[Char('0'), Char('a')], Action::MarkAbstain, Hint::Yes),
    bind(&[Attendance], &[Char('p'), Char('+')], Action::MarkPresent, Hint::Yes),
    bind(ROLL, &[Char('x')], Action::MarkAbsent, Hint::Yes),
    bind(&[Attendance], &[Char('g'), Code(KeyCode::Right)], Action::MarkProxy, Hint::Yes),
    bind(ROLL, &[Code(KeyCode::Up), Char('k')], Action::Up, Hint::No),
    bind(ROLL, &[Code(KeyCode::Down), Char('j')], Action::Down, Hint::No),
    bind(ROLL, &[Ctrl('s'), Code(KeyCode::Enter)], Action::Save, Hint::Must),
    bind(ROLL, &[Code(KeyCode::Esc)], Action::Cancel, Hint::Must),
    bind(VIEWS, &[Code(KeyCode::Up), Char('k')], Action::Up, Hint::No),
    bind(VIEWS, &[Code(KeyCode::Down), Char('j')], Action::Down, Hint::No),
    bind(&[Overlay, Prompt], &[Code(KeyCode::Up)], Action::Up, Hint::No),
    bind(&[Overlay, Prompt], &[Code(KeyCode::Down)], Action::Down, Hint::No),
    bind(SCROLLS, &[Code(KeyCode::PageUp)], Action::PageUp, Hint::No),
    bind(SCROLLS, &[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, Hint::No),
    bind(SCROLLS, &[Char('g'), Code(KeyCode::Home)], Action::Top, Hint::No),
    bind(SCROLLS, &[Char('G'), Code(KeyCode::End)], Action::Bottom, Hint::No),
    bind(&[Prompt], &[Code(KeyCode::Enter)], Action::Confirm, Hint::Yes),
    bind(&[Table, Detail, Overlay], &[Char('?')], Action::Help, Hint::Must),
    bind(&[Table, Detail, Overlay, TooSmall], &[Char('q')], Action::Quit, Hint::Must),
    bind(FORMS, &[Code(KeyCode::Tab)], Action::NextField, Hint::Yes),
    bind(FORMS, &[Code(KeyCode::BackTab)], Action::PrevField, Hint::No),
    bind(FORMS, &[Code(KeyCode::Up)], Action::Up, Hint::No),
    bind(FORMS, &[Code(KeyCode::Down)], Action::Down, Hint::No),
    bind(FORMS, &[Code(KeyCode::Enter)], Action::Confirm, Hint::Yes),
    // A page of a list at a time (Home and End stay the typed text's).
    bind(FORMS, &[Code(KeyCode::PageUp)], Action::PageUp, Hint::No),
    bind(FORMS, &[Code(KeyCode::PageDown)], Action::PageDown, Hint::No),
    bind(&[Checklist], &[Char(' ')], Action::Toggle, Hint::Must),
    bind(FORMS, &[Ctrl('s')], Action::Save, Hint::Must),
    // Shown only after a conflict, and then always.
    bind(FORMS, &[Ctrl('r')], Action::Reload, Hint::Must),
    bind(FORMS, &[Code(KeyCode::Esc)], Action::Cancel, Hint::Must),
    bind(TYPING, &[Code(KeyCode::Home), Ctrl('a')], Action::Text(TextOp::Start), Hint::No),
    bind(TYPING, &[Code(KeyCode::End), Ctrl('e')], Action::Text(TextOp::End), Hint::No),
    bind(TYPING, &[Code(KeyCode::Left)], Action::Text(TextOp::Left), Hint::No),
    bind(TYPING, &[Code(KeyCode::Right)], Action::Text(TextOp::Right), Hint::No),
    bind(TYPING, &[Code(KeyCode::Backspace)], Action::Text(TextOp::DeleteBack), Hint::No),
    bind(TYPING, &[Code(KeyCode::Delete)], Action::Text(TextOp::DeleteForward), Hint::No),
    bind(TYPING, &[Ctrl('w')], Action::Text(TextOp::DeleteWord), Hint::No),
    bind(TYPING, &[Ctrl('u')], Action::Text(TextOp::DeleteLine), Hint::No),
    bind(TYPING, &[Ctrl('k')], Action::Text(TextOp::DeleteToEnd), Hint::No),
    bind(&[Confirm], &[Char('y'), Char('Y'), Char('o'), Char('O'), Char('j'), Char('J')], Action::Yes, Hint::Must),
    bind(&[Confirm], &[Char('n'), Char('N'), Code(KeyCode::Enter), Code(KeyCode::Esc)], Action::No, Hint::Must),
    bind(ANY, &[Ctrl('l')], Action::Redraw, Hint::No),
    bind(ANY, &[Ctrl('c')], Action::Quit, Hint::No),
];

impl Binding {
    /// How the binding's keys are written in the UI language: "Up/k", "Ctrl-S", "Échap".
    /// Where letters stand for a word (y / o / j for yes), only the UI language's letter shows.
    pub fn keys_label(&self, lang: Lang) -> String {
        let initial = lang.t(self.action.label()).chars().next();
        let letters = || self.keys.iter().filter(|k| matches!(k, Char(c) if c.is_alphabetic()));
        let by_word = letters().count() > 1 && letters().any(|k| matches!(k, Char(c) if Some(*c) == initial));
        let mut names: Vec<String> = Vec::new();
        for key in self.keys {
            if let Char(c) = key {
                if by_word && c.is_alphabetic() && Some(*c) != initial {
                    continue;
                }
                // Y beside y is the same key to a reader.
                if c.is_uppercase() && self.keys.contains(&Char(c.to_ascii_lowercase())) {
                    continue;
                }
            }
            let name = key_name(*key, lang);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join("/")
    }
}

/// How one key is written.
pub fn key_name(key: Key, lang: Lang) -> String {
    match key {
        Char(' ') => lang.t(Msg::KeySpace).into(),
        Char(c) => c.to_string(),
        Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Code(code) => match code {
            KeyCode::Enter => lang.t(Msg::KeyEnter).into(),
            KeyCode::Esc => lang.t(Msg::KeyEsc).into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => lang.t(Msg::KeyBackTab).into(),
            KeyCode::Up => lang.t(Msg::KeyUp).into(),
            KeyCode::Down => lang.t(Msg::KeyDown).into(),
            KeyCode::Left => lang.t(Msg::KeyLeft).into(),
            KeyCode::Right => lang.t(Msg::KeyRight).into(),
            KeyCode::PageUp => lang.t(Msg::KeyPageUp).into(),
            KeyCode::PageDown => lang.t(Msg::KeyPageDown).into(),
            KeyCode::Home => lang.t(Msg::KeyHome).into(),
            KeyCode::End => lang.t(Msg::KeyEnd).into(),
            KeyCode::Backspace => lang.t(Msg::KeyBackspace).into(),
            KeyCode::Delete => lang.t(Msg::KeyDelete).into(),
            other => format!("{other:?}"),
        },
    }
}

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
    KEYMAP.iter().filter(move |b| b.contexts.contains(&context) && (b.hint != Hint::No || !only_hints))
}

/// The binding of an action in a context, e.g. the key `1` for the Prisons pane.
pub fn binding_for(context: Context, action: Action) -> Option<&'static Binding> {
    KEYMAP.iter().find(|b| b.action == action && b.contexts.contains(&context))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for ctx in [Table, Detail, Overlay, Prompt, Form, Checklist, Confirm, TooSmall, Attendance, Vote] {
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
    fn labels_come_from_the_bound_keys_in_the_ui_language() {
        let yes = binding_for(Confirm, Action::Yes).unwrap();
        assert_eq!(yes.keys_label(Lang::En), "y");
        assert_eq!(yes.keys_label(Lang::Fr), "o");
        assert_eq!(yes.keys_label(Lang::Nl), "j");
        let no = binding_for(Confirm, Action::No).unwrap();
        assert_eq!(no.keys_label(Lang::En), "n/Enter/Esc");
        assert_eq!(no.keys_label(Lang::Fr), "n/Entrée/Échap");
        assert_eq!(binding_for(Form, Action::Save).unwrap().keys_label(Lang::Fr), "Ctrl-S");
        assert_eq!(binding_for(Table, Action::Up).unwrap().keys_label(Lang::En), "Up/k");
        assert_eq!(
            binding_for(Form, Action::Text(TextOp::DeleteLine)).unwrap().keys_label(Lang::En),
            "Ctrl-U"
        );
    }

    #[test]
    fn a_too_small_screen_only_quits_and_redraws() {
        let acting: Vec<Action> = bindings(TooSmall, false).map(|b| b.action).collect();
        assert_eq!(acting, vec![Action::Quit, Action::Redraw, Action::Quit]);
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
