//! Keys: the one keymap table, and the events it turns into the app's actions. The app
//! knows nothing of keys; this reads the app's context and calls its `update`.

pub mod keymap;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::App;

/// Handles one terminal event. Returns whether the screen must be redrawn.
pub fn handle_event(app: &mut App, event: &Event) -> bool {
    // The clock is looked at when something happens, so nothing runs while idle.
    app.look_at_the_clock();
    let changed = match event {
        Event::Key(key) => key_event(app, key),
        Event::Resize(w, h) => {
            app.resize(*w, *h);
            true
        }
        Event::Paste(text) => app.paste(text),
        _ => false,
    };
    if changed {
        app.after_event();
    }
    changed
}

/// One key press, as [`handle_event`] handles it.
pub fn handle_key(app: &mut App, key: &KeyEvent) -> bool {
    handle_event(app, &Event::Key(*key))
}

fn key_event(app: &mut App, key: &KeyEvent) -> bool {
    if key.kind == KeyEventKind::Release {
        return false;
    }
    // Esc quickly followed by a key reaches us as Alt+key (terminals send Alt as an Esc
    // prefix, and over SSH the two arrive together). Nothing is bound to Alt, so it is
    // what the user typed: Esc, then the key.
    if key.modifiers.contains(KeyModifiers::ALT) && matches!(key.code, KeyCode::Char(_)) {
        let esc = key_event(app, &KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let plain = key_event(app, &KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT));
        return esc || plain;
    }
    if let Some(action) = keymap::lookup(app.context(), key) {
        app.update(action);
        return true;
    }
    // Nothing but quitting acts on a screen too small to show what a key would do: the screen
    // counts what it left alone.
    if app.context() == keymap::Context::TooSmall {
        app.session.ignored += 1;
        return true;
    }
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => app.type_char(c),
        _ => app.other_key(),
    }
}
