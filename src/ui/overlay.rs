//! What opens on top: help, the action palette, the as-of prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::truncate;
use crate::app::{App, Overlay, Screen};
use crate::i18n::Msg;
use crate::input::keymap::{self, Context};

/// The area between the tabs and the status line: overlays open there, so the tabs, status and
/// key hints stay visible.
pub(super) fn room(area: Rect) -> Rect {
    Rect { y: area.y + 1, height: area.height.saturating_sub(3), ..area }
}

pub(super) fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

pub(super) fn boxed<'a>(title: String, theme: Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {title} "), theme.title()))
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help(frame, app, theme, area, *scroll),
        Some(Overlay::Palette { input, selected, matches }) => {
            let lang = app.lang();
            let rect = popup(area, 50, (matches.len() as u16 + 4).clamp(6, 18));
            frame.render_widget(Clear, rect);
            let block = boxed(lang.t(Msg::PaletteTitle).into(), theme);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let [prompt, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
            let p = lang.t(Msg::PalettePrompt);
            frame.render_widget(
                Paragraph::new(Line::from(vec![Span::styled(p, theme.key()), Span::raw(input.value())])),
                prompt,
            );
            let x =
                prompt.x + ((p.width() + input.visual_cursor()) as u16).min(prompt.width.saturating_sub(1));
            frame.set_cursor_position((x, prompt.y));
            let context = match app.screen {
                Screen::Table => Context::Table,
                Screen::Detail { .. } => Context::Detail,
            };
            let start = selected.saturating_sub(usize::from(list.height).saturating_sub(1));
            let lines: Vec<Line> = matches
                .iter()
                .enumerate()
                .skip(start)
                .take(usize::from(list.height))
                .map(|(i, a)| {
                    let key = keymap::keys_for(context, *a)
                        .or_else(|| keymap::keys_for(Context::Table, *a))
                        .unwrap_or("");
                    let text = format!(
                        "{}{:<28} {key}",
                        if i == *selected { theme.marker() } else { "  " },
                        lang.t(a.label())
                    );
                    let text = truncate(&text, usize::from(list.width), theme);
                    if i == *selected { Line::styled(text, theme.selected()) } else { Line::raw(text) }
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), list);
        }
        Some(Overlay::AsOf { input, error }) => {
            let lang = app.lang();
            let rect = popup(area, 60, 5);
            frame.render_widget(Clear, rect);
            let block = boxed(lang.t(Msg::ActAsOf).into(), theme);
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let [label, field, err] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1)])
                    .areas(inner);
            frame.render_widget(
                Paragraph::new(truncate(lang.t(Msg::AsOfPrompt).trim_end(), usize::from(label.width), theme)),
                label,
            );
            frame.render_widget(
                Paragraph::new(Line::from(vec![Span::styled("> ", theme.key()), Span::raw(input.value())])),
                field,
            );
            let x = field.x + (2 + input.visual_cursor() as u16).min(field.width.saturating_sub(1));
            frame.set_cursor_position((x, field.y));
            if let Some(e) = error {
                frame.render_widget(Paragraph::new(Span::styled(e.clone(), theme.error())), err);
            }
        }
        Some(Overlay::Form(form)) => super::form::form(frame, form, app.lang(), theme, area),
        Some(Overlay::Confirm { question, .. }) => {
            super::form::confirm(frame, question, app.lang(), theme, area)
        }
        Some(Overlay::History { title, lines, scroll }) => {
            super::form::history(frame, title, lines, *scroll, app.lang(), theme, area)
        }
        Some(Overlay::Filter { .. }) | None => {}
    }
}

fn help(frame: &mut Frame, app: &App, theme: Theme, area: Rect, scroll: u16) {
    let lang = app.lang();
    let context = match app.screen {
        Screen::Table => Context::Table,
        Screen::Detail { .. } => Context::Detail,
    };
    let room = room(area);
    let entries: Vec<(String, &str)> = keymap::bindings(context, false)
        .map(|b| (format!("{:<11}", b.label), lang.t(b.action.label())))
        .collect();
    const COLUMN: usize = 38;
    // Two columns when one would not fit the height and two fit the width.
    let two = entries.len() + 4 > usize::from(room.height) && usize::from(room.width) >= 2 * COLUMN + 3;
    let per_column = if two { entries.len().div_ceil(2) } else { entries.len() };
    let entry = |(label, text): &(String, &str), width: usize| {
        let text = truncate(text, width.saturating_sub(label.width()), theme);
        let pad = width.saturating_sub(label.width() + text.width());
        vec![Span::styled(label.clone(), theme.key()), Span::raw(format!("{text}{}", " ".repeat(pad)))]
    };
    let mut lines: Vec<Line> = (0..per_column)
        .map(|row| {
            let mut spans = entry(&entries[row], COLUMN);
            if two && let Some(right) = entries.get(row + per_column) {
                spans.push(Span::raw(" "));
                spans.extend(entry(right, COLUMN));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(lang.t(Msg::HelpClose), theme.dim()));
    let width = if two { 2 * COLUMN as u16 + 3 } else { COLUMN as u16 + 2 };
    let rect = popup(room, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = boxed(lang.t(Msg::HelpTitle).into(), theme);
    let max_scroll = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}
