//! Forms, questions and a record's history, drawn over the panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::overlay::{boxed, popup, room};
use super::theme::Theme;
use super::truncate;
use crate::app::form::FieldKind;
use crate::app::forms::EditForm;
use crate::i18n::{Lang, Msg};

/// How many options a focused pick-list shows below its field.
const LIST_ROWS: usize = 6;

pub fn form(frame: &mut Frame, form: &EditForm, lang: Lang, theme: Theme, area: Rect) {
    // The form takes the pane's place (up to 100 columns), so nothing half-hidden shows beside it.
    let rect = popup(room(area), 100, room(area).height);
    frame.render_widget(Clear, rect);
    let outer = boxed(form.title.clone(), theme);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    if inner.width < 10 || inner.height < 2 {
        return;
    }
    let label_width = form.fields.iter().map(|f| f.label(lang).width()).max().unwrap_or(0).min(30) + 2;
    let value_width = usize::from(inner.width).saturating_sub(label_width + 2);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line = 0;
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { theme.marker() } else { "  " };
        let label = truncate(&field.label(lang), label_width - 2, theme);
        let label = format!("{label}{}", " ".repeat(label_width.saturating_sub(label.width())));
        let shown = if focused && field.is_list() {
            // While a pick-list has the focus, its line is the search text.
            let chosen = field.display();
            if field.input.value().is_empty() { chosen } else { field.input.value().to_string() }
        } else {
            field.display()
        };
        if focused {
            focus_line = lines.len();
            let text_cursor = if field.is_list() && field.input.value().is_empty() {
                0
            } else {
                field.input.visual_cursor()
            };
            cursor = Some((lines.len(), 2 + label_width + text_cursor.min(value_width)));
        }
        let style = if focused { theme.title() } else { ratatui::style::Style::new() };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(label, style),
            Span::raw(truncate(&shown, value_width, theme)),
        ]));
        if let Some(error) = &field.error {
            // Under the value when it fits, else from the left margin, so it is never cut.
            let indent =
                if label_width + 4 + error.width() <= usize::from(inner.width) { label_width + 2 } else { 4 };
            lines.push(Line::styled(format!("{:indent$}! {error}", ""), theme.error()));
        }
        if focused && field.is_list() {
            let matching = field.matching();
            let start = field.highlight.saturating_sub(LIST_ROWS - 1);
            for (pos, &opt) in matching.iter().enumerate().skip(start).take(LIST_ROWS) {
                let option = &field.options()[opt];
                let tick = match field.kind {
                    FieldKind::Multi { .. } if field.chosen.contains(&opt) => "[x] ",
                    FieldKind::Multi { .. } => "[ ] ",
                    _ if field.chosen.contains(&opt) => "(*) ",
                    _ => "( ) ",
                };
                let here = if pos == field.highlight { theme.marker() } else { "  " };
                let text = truncate(&format!("{here}{tick}{}", option.label), value_width, theme);
                let line = format!("{:w$}{text}", "", w = label_width + 2);
                lines.push(if pos == field.highlight {
                    Line::styled(line, theme.selected())
                } else {
                    Line::raw(line)
                });
            }
            if matching.is_empty() {
                lines.push(Line::styled(
                    format!("{:w$}{}", "", lang.t(Msg::NoMatch), w = label_width + 2),
                    theme.dim(),
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    let save = format!("[ {} ]", lang.t(Msg::FormSave));
    if form.on_save_button() {
        focus_line = lines.len();
        lines.push(Line::from(vec![
            Span::styled(theme.marker(), theme.key()),
            Span::styled(save, theme.selected()),
        ]));
    } else {
        lines.push(Line::raw(format!("  {save}")));
    }
    if let Some(e) = &form.error {
        lines.push(Line::styled(format!("! {e}"), theme.error()));
    }
    if form.confirm_discard {
        lines.push(Line::styled(lang.t(Msg::FormDiscard), theme.error()));
    }
    // Scroll so the focused field (and what it shows below) stays in view: a form never
    // hides a field in a short terminal.
    let height = usize::from(inner.height);
    let list_extra = form.fields.get(form.focus).map_or(1, |f| if f.is_list() { LIST_ROWS + 1 } else { 1 });
    let scroll = (focus_line + list_extra + 1).saturating_sub(height).min(focus_line);
    if let Some((line, col)) = cursor
        && line >= scroll
        && line - scroll < height
        && !form.confirm_discard
    {
        let x = inner.x + (col as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position((x, inner.y + (line - scroll) as u16));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

pub fn confirm(frame: &mut Frame, question: &str, lang: Lang, theme: Theme, area: Rect) {
    let width = (question.width() as u16 + 4).clamp(30, 70).min(area.width);
    let text_lines = (question.width() as u16).div_ceil(width.saturating_sub(2).max(1));
    let rect = popup(room(area), width, text_lines + 4);
    frame.render_widget(Clear, rect);
    let lines = vec![
        Line::styled(question.to_string(), theme.title()),
        Line::raw(""),
        Line::styled(lang.t(Msg::ConfirmKeys), theme.key()),
    ];
    frame
        .render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(boxed("?".into(), theme)), rect);
}

pub fn history(
    frame: &mut Frame,
    title: &str,
    lines: &[String],
    scroll: u16,
    lang: Lang,
    theme: Theme,
    area: Rect,
) {
    let rect = popup(room(area), 100, (lines.len() as u16 + 2).max(5));
    frame.render_widget(Clear, rect);
    let body: Vec<Line> = if lines.is_empty() {
        vec![Line::styled(lang.t(Msg::HistoryEmpty), theme.dim())]
    } else {
        lines.iter().map(|l| Line::raw(l.clone())).collect()
    };
    let max = (body.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    let title = lang.f(Msg::HistoryTitle, &[title]);
    frame.render_widget(Paragraph::new(body).block(boxed(title, theme)).scroll((scroll.min(max), 0)), rect);
}
