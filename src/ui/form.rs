//! Forms, questions and a record's history, drawn over the panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::popup::{boxed, popup, room};
use super::theme::Theme;
use super::truncate;
use crate::app::form::{Field, FieldKind};
use crate::app::forms::EditForm;
use crate::i18n::{Lang, Msg};

/// How many options a focused pick-list shows at least; more where the form leaves room.
const LIST_ROWS: usize = 6;

/// The entries of the focused list that fit in `room` lines around the highlighted one, with
/// how many more lie above and below when not all fit (those counts take a line each of the
/// room); "+ new …" last where the list can create one.
fn list_lines(
    field: &Field,
    lang: Lang,
    theme: Theme,
    indent: usize,
    value_width: usize,
    room: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let matching = field.matching();
    let create = field.create_entry(lang);
    let entries = matching.len() + usize::from(create.is_some());
    // The most entries that fit with the "more" lines they then need.
    let (start, rows) = (1..=room.max(1))
        .rev()
        .map(|rows| (field.highlight.saturating_sub(rows - 1), rows))
        .find(|&(start, rows)| rows + usize::from(start > 0) + usize::from(start + rows < entries) <= room)
        .unwrap_or((field.highlight, 1));
    if start > 0 {
        let above = lang.f(Msg::ListAbove, &[&start.to_string()]);
        lines.push(Line::styled(format!("{:indent$}{above}", ""), theme.dim()));
    }
    for pos in (0..entries).skip(start).take(rows) {
        let here = if pos == field.highlight { theme.marker() } else { "  " };
        let text = match matching.get(pos) {
            Some(&opt) => {
                let tick = match field.kind {
                    FieldKind::Multi { .. } if field.chosen.contains(&opt) => "[x] ",
                    FieldKind::Multi { .. } => "[ ] ",
                    _ if field.chosen.contains(&opt) => "(*) ",
                    _ => "( ) ",
                };
                format!("{here}{tick}{}", field.options()[opt].label)
            }
            None => format!("{here}  + {}", create.as_deref().unwrap_or_default()),
        };
        let line = format!("{:indent$}{}", "", truncate(&text, value_width, theme));
        lines.push(if pos == field.highlight {
            Line::styled(line, theme.selected())
        } else {
            Line::raw(line)
        });
    }
    let below = entries.saturating_sub(start + rows);
    if below > 0 {
        let below = lang.f(Msg::ListBelow, &[&below.to_string()]);
        lines.push(Line::styled(format!("{:indent$}{below}", ""), theme.dim()));
    }
    if entries == 0 {
        // Nothing typed and nothing to choose: the list is empty, not filtered away.
        let why = if field.options().is_empty() { Msg::NothingToChoose } else { Msg::NoMatch };
        lines.push(Line::styled(format!("{:indent$}{}", "", lang.t(why)), theme.dim()));
    }
    lines
}

/// A line under a field's value: from the value's column when it fits, else from the left
/// margin, wrapped on as many lines as it takes; `marked`, it begins with "! ".
fn under(
    lines: &mut Vec<Line<'static>>,
    text: &str,
    style: ratatui::style::Style,
    (indent, width): (usize, usize),
    marked: bool,
    margin: usize,
) {
    let mark_width = if marked { 2 } else { 0 };
    let at = if indent + mark_width + text.width() <= width { indent } else { 4 };
    let room = width.saturating_sub(at + margin).max(10);
    for (i, part) in super::wrap(text, room).into_iter().enumerate() {
        let mark = match (marked, i) {
            (false, _) => "",
            (true, 0) => "! ",
            (true, _) => "  ",
        };
        lines.push(Line::styled(format!("{:at$}{mark}{part}", ""), style));
    }
}

/// The line where what is typed narrows a list, and the cursor's column on it.
fn list_prompt(
    field: &Field,
    lang: Lang,
    theme: Theme,
    indent: usize,
    value_width: usize,
) -> (Line<'static>, usize) {
    let prompt = lang.t(Msg::FilterPrompt);
    let typed = field.input.value();
    let at = indent + prompt.width() + field.input.visual_cursor();
    let typed = truncate(typed, value_width.saturating_sub(prompt.width()), theme);
    // A checklist says on its own line how it is ticked, where there is room.
    let room = value_width.saturating_sub(prompt.width() + typed.width() + 2);
    let how = match field.kind {
        FieldKind::Multi { .. } if lang.t(Msg::ChecklistKeys).width() <= room => {
            format!(
                "{:w$}{}",
                "",
                lang.t(Msg::ChecklistKeys),
                w = room - lang.t(Msg::ChecklistKeys).width() + 2
            )
        }
        _ => String::new(),
    };
    let line = Line::from(vec![
        Span::raw(" ".repeat(indent)),
        Span::styled(prompt, theme.dim()),
        Span::raw(typed),
        Span::styled(how, theme.dim()),
    ]);
    (line, at)
}

/// The form's end: its save button, what refused it, the question asked about it. The save
/// button's line when it has the focus.
fn form_end(
    lines: &mut Vec<Line<'static>>,
    form: &EditForm,
    question: Option<Msg>,
    lang: Lang,
    theme: Theme,
    width: usize,
) -> Option<usize> {
    let mut focused = None;
    lines.push(Line::raw(""));
    let save = format!("[ {} ]", lang.t(Msg::FormSave));
    if form.on_save_button() {
        focused = Some(lines.len());
        lines.push(Line::from(vec![
            Span::styled(theme.marker(), theme.key()),
            Span::styled(save, theme.selected()),
        ]));
    } else {
        lines.push(Line::raw(format!("  {save}")));
    }
    if let Some(e) = &form.error {
        // Whole, on as many lines as it takes.
        let room = width.saturating_sub(2).max(10);
        for (i, part) in super::wrap(e, room).into_iter().enumerate() {
            let mark = if i == 0 { "! " } else { "  " };
            lines.push(Line::styled(format!("{mark}{part}"), theme.error()));
        }
    }
    if let Some(question) = question {
        let question = format!("{}  {}", lang.t(question), super::chrome::question_keys(lang));
        lines.push(Line::styled(question, theme.error()));
    }
    focused
}

/// A form; with `question`, the question about it below it (discard its changes?).
pub fn form(frame: &mut Frame, form: &EditForm, question: Option<Msg>, lang: Lang, theme: Theme, area: Rect) {
    // The form takes the pane's place (up to 100 columns), so nothing half-hidden shows beside it.
    let rect = popup(room(area), 100, room(area).height);
    frame.render_widget(Clear, rect);
    let outer = boxed(form.title.clone(), theme);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    if inner.width < 10 || inner.height < 2 {
        return;
    }
    // Labels whole where the form is wide enough: up to half its width less a margin.
    let most = (usize::from(inner.width) / 2).saturating_sub(4).max(20);
    let label_width = form.fields.iter().map(|f| f.label(lang).width()).max().unwrap_or(0).min(most) + 2;
    let value_width = usize::from(inner.width).saturating_sub(label_width + 2);
    let mut lines: Vec<Line> = Vec::new();
    // Where the focused list goes, once the rest of the form says how much room it leaves.
    let mut list_at = None;
    let mut focus_line = 0;
    let mut cursor = None;
    let indent = label_width + 2;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { theme.marker() } else { "  " };
        let label = truncate(&field.label(lang), label_width - 2, theme);
        let label = format!("{label}{}", " ".repeat(label_width.saturating_sub(label.width())));
        let shown = truncate(&field.display(), value_width, theme);
        if focused && !field.is_list() {
            focus_line = lines.len();
            cursor = Some((lines.len(), indent + field.input.visual_cursor().min(value_width)));
        }
        let style = if focused { theme.title() } else { ratatui::style::Style::new() };
        // A prefilled value the next key will replace shows as selected, as in most forms.
        let value_style =
            if focused && field.pristine { theme.selected() } else { ratatui::style::Style::new() };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(label, style),
            Span::styled(shown, value_style),
        ]));
        // Under the value when it fits, else from the left margin, on as many lines as it
        // takes: a refusal, the other person's value after a conflict, a note, never cut.
        let width = usize::from(inner.width);
        if let Some(error) = &field.error {
            under(&mut lines, error, theme.error(), (indent, width), true, 2);
        }
        if let Some(theirs) = &field.theirs {
            // Always in sight, so the user keeps theirs or their own knowingly.
            under(&mut lines, &lang.f(Msg::TheirsValue, &[theirs]), theme.dim(), (indent, width), false, 2);
        }
        if focused && let Some(note) = &field.note {
            under(&mut lines, note, theme.dim(), (indent, width), false, 1);
        }
        if focused && field.is_list() {
            // What is typed narrows the list, on a line of its own, where the cursor is.
            focus_line = lines.len();
            let (line, at) = list_prompt(field, lang, theme, indent, value_width);
            cursor = Some((lines.len(), at));
            lines.push(line);
            list_at = Some((lines.len(), i));
        }
    }
    if let Some(save_line) = form_end(&mut lines, form, question, lang, theme, usize::from(inner.width)) {
        focus_line = save_line;
    }
    // Scroll so the focused field (and what it shows below) stays in view: a form never
    // hides a field in a short terminal.
    let height = usize::from(inner.height);
    let mut list_extra = 1;
    if let Some((at, field)) = list_at.and_then(|(at, i)| Some((at, form.fields.get(i)?))) {
        // The list takes the room the rest leaves, at least LIST_ROWS lines.
        let room = height.saturating_sub(lines.len()).max(LIST_ROWS);
        let list = list_lines(field, lang, theme, indent, value_width, room);
        list_extra = list.len() + 1;
        if focus_line >= at {
            focus_line += list.len();
        }
        lines.splice(at..at, list);
    }
    // The question at the bottom stays in view too.
    let focus_line = if question.is_some() { lines.len().saturating_sub(1) } else { focus_line };
    let scroll = (focus_line + list_extra + 1).saturating_sub(height).min(focus_line);
    if let Some((line, col)) = cursor
        && line >= scroll
        && line - scroll < height
        && question.is_none()
    {
        let x = inner.x + (col as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position((x, inner.y + (line - scroll) as u16));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

pub fn confirm(frame: &mut Frame, question: &str, lang: Lang, theme: Theme, area: Rect) {
    let width = (question.width() as u16 + 4).clamp(30, 70).min(area.width);
    let text = super::wrap(question, usize::from(width.saturating_sub(2)));
    let rect = popup(room(area), width, text.len() as u16 + 4);
    frame.render_widget(Clear, rect);
    let mut lines: Vec<Line> = text.into_iter().map(|l| Line::styled(l, theme.title())).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(super::chrome::question_keys(lang), theme.key()));
    frame
        .render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(boxed("?".into(), theme)), rect);
}

pub fn history(
    frame: &mut Frame,
    title: &str,
    lines: Option<&[String]>,
    scroll: u16,
    lang: Lang,
    theme: Theme,
    area: Rect,
) {
    const WIDTH: u16 = 100;
    let inside = usize::from(WIDTH.min(area.width).saturating_sub(2));
    // A long line is wrapped between words, never cut: what was saved is read whole.
    let body: Vec<Line> = match lines {
        None => vec![Line::styled(lang.t(Msg::HistoryAsked), theme.dim())],
        Some([]) => vec![Line::styled(lang.t(Msg::HistoryEmpty), theme.dim())],
        Some(lines) => lines.iter().flat_map(|l| super::wrap(l, inside)).map(Line::raw).collect(),
    };
    let rect = popup(room(area), WIDTH, (body.len() as u16 + 2).max(5));
    frame.render_widget(Clear, rect);
    let max = (body.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    let title = lang.f(Msg::HistoryTitle, &[title]);
    frame.render_widget(Paragraph::new(body).block(boxed(title, theme)).scroll((scroll.min(max), 0)), rect);
}
