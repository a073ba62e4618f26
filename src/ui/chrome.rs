//! The frame around the panes: tabs on top, status and key hints below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::truncate;
use crate::app::action::Action;
use crate::app::panes::PaneId;
use crate::app::{App, Overlay};
use crate::i18n::Msg;
use crate::input::keymap::{self, Context, Hint};

pub fn tabs(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let lang = app.lang();
    // Roomy first; then tighter, then the other tabs without their count, then by number
    // only: the active tab always keeps its name and count.
    let fits = |line: &Line| line.width() <= usize::from(area.width);
    let line = (0..4).map(|tight| tab_line(app, lang, theme, tight)).find(fits);
    let line = line.unwrap_or_else(|| tab_line(app, lang, theme, 3));
    frame.render_widget(Paragraph::new(line), area);
}

/// The tab bar, `tight` from 0 (roomy) to 3 (other tabs by number only).
fn tab_line(app: &App, lang: crate::i18n::Lang, theme: Theme, tight: u8) -> Line<'static> {
    let mut spans = Vec::new();
    for pane in PaneId::ALL {
        let count = app.row_count(pane);
        let number = pane.index() + 1;
        let name = lang.t(pane.tab());
        if pane == app.session.pane {
            // Brackets say which tab is active even where reverse video is lost.
            spans.push(Span::styled(format!("[{number} {name} ({count})]"), theme.tab_active()));
        } else {
            let text = match tight {
                0 | 1 => format!("{number} {name} ({count})"),
                2 => format!("{number} {name}"),
                _ => number.to_string(),
            };
            spans.push(Span::raw(if tight == 0 { format!(" {text} ") } else { text }));
        }
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

pub fn status(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let lang = app.lang();
    let sep = format!(" {} ", theme.separator());
    if let Some(Overlay::Filter { input }) = app.session.top() {
        let prompt = lang.t(Msg::FilterPrompt);
        let line = Line::from(vec![Span::styled(prompt, theme.key()), Span::raw(input.value().to_string())]);
        frame.render_widget(Paragraph::new(line), area);
        let x = area.x
            + (prompt.width() + input.visual_cursor()).min(usize::from(area.width.saturating_sub(1))) as u16;
        frame.set_cursor_position((x, area.y));
        return;
    }
    let mut right = vec![lang.f(Msg::AsOf, &[&crate::domain::date::format_be(app.as_of)])];
    if app.options.read_only {
        right.insert(0, lang.t(Msg::ReadOnly).to_uppercase());
    }
    // On a shared store, the role the server gives this account, read-only included.
    if let Some(role) = &app.link.role {
        // Staff's establishments by their names, as the panes name them.
        let named = match role {
            crate::domain::access::Role::PrisonStaff(list) => crate::domain::access::Role::PrisonStaff(
                list.iter()
                    .map(|e| {
                        app.data
                            .establishments
                            .get(e)
                            .map_or_else(|| e.clone(), |x| x.name(lang.code()).to_string())
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        right.insert(0, format!("[{}]", crate::i18n::role(lang, &named)));
    }
    let width = usize::from(area.width);
    // A message is what the user must read now: it comes first, the rest after it if there is
    // room. Otherwise the store, kept by its end, then the rest; nothing starts with a bare
    // separator.
    let line = match &app.session.message {
        Some(m) => {
            let mut parts = vec![m.clone()];
            parts.extend(right);
            let mut shown = parts[0].clone();
            for p in &parts[1..] {
                if shown.width() + sep.width() + p.width() <= width {
                    shown = format!("{shown}{sep}{p}");
                }
            }
            Line::from(shown)
        }
        None => {
            let right = right.join(&sep);
            let room = width.saturating_sub(right.width() + sep.width());
            let store = truncate_left(&app.options.store_label, room, theme);
            if store.is_empty() {
                Line::from(right)
            } else {
                Line::from(vec![Span::styled(store, theme.dim()), Span::raw(sep), Span::raw(right)])
            }
        }
    };
    frame.render_widget(Paragraph::new(truncate_line(line, width, theme)), area);
}

fn truncate_line(line: Line<'static>, width: usize, theme: Theme) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::from(truncate(&text, width, theme))
}

/// Keeps the end of a path, which says most.
fn truncate_left(text: &str, width: usize, theme: Theme) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = theme.ellipsis().width();
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true).rev() {
        let w = g.width();
        if used + w > width {
            break;
        }
        kept.push(g);
        used += w;
    }
    kept.reverse();
    let out = kept.concat();
    if width == 0 { String::new() } else { format!("{}{out}", theme.ellipsis()) }
}

/// The key-hint bar: the keymap's hints for the current context, as many as fit, those a
/// user cannot do without first. Key names come from the keys bound, in the UI language.
pub fn hints(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let context = app.context();
    let lang = app.lang();
    // A label's words in brackets are for the help; the hint bar keeps what comes before.
    let short = |text: &'static str| text.split(" (").next().unwrap_or(text);
    // Keys this user cannot use here are left out; the help says why. Two keys that do the
    // same here (`a` and `m` on a prison both record a meeting) show once, the first.
    let mut all: Vec<(String, &str, bool)> = Vec::new();
    for b in keymap::bindings(context, true).filter(|b| app.unavailable(b.action).is_none()) {
        let text = short(lang.t(app.action_label(b.action)));
        if !all.iter().any(|(_, t, _)| *t == text) {
            all.push((b.keys_label(lang), text, b.hint == Hint::Must));
        }
    }
    let cost = |(keys, text, _): &(String, &str, bool)| keys.width() + 1 + text.width() + 2;
    let mut budget = usize::from(area.width);
    let mut keep = vec![false; all.len()];
    for pass in [true, false] {
        for (i, hint) in all.iter().enumerate() {
            if keep[i] || hint.2 != pass {
                continue;
            }
            if cost(hint) <= budget {
                budget -= cost(hint);
                keep[i] = true;
            }
        }
    }
    let mut spans = Vec::new();
    for ((keys, text, _), _) in all.iter().zip(&keep).filter(|(_, k)| **k) {
        spans.push(Span::styled(keys.clone(), theme.key()));
        spans.push(Span::raw(format!(" {text}  ")));
    }
    if context == Context::Prompt && spans.is_empty() {
        spans.push(Span::raw(lang.t(Msg::HintMore)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "y yes   n/Enter/Esc no", from the keys the question's context binds.
pub fn question_keys(lang: crate::i18n::Lang) -> String {
    keymap::bindings(Context::Confirm, false)
        .filter(|b| matches!(b.action, Action::Yes | Action::No))
        .map(|b| format!("{} {}", b.keys_label(lang), lang.t(b.action.label())))
        .collect::<Vec<_>>()
        .join("   ")
}
