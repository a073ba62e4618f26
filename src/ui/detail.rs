//! Drawing a detail view, as the app built it (see `app::detail`): the theme gives each kind
//! of line its look, the selected entry its marker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};

use super::theme::Theme;
use crate::app::detail::{DetailLine, LineStyle, SPARK_MIN_HEIGHT, SPARK_ROWS};
use crate::app::table::Tone;
use crate::app::{App, Screen};
use crate::i18n::Msg;

/// One line of the view as it is drawn in `width` cells: wrapped at words, never cut, each
/// following part indented under its text (two cells further than its first part).
fn lines_of(l: &DetailLine, selected: bool, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let text = if selected {
        format!("{}{}", theme.marker(), l.text.strip_prefix("  ").unwrap_or(&l.text))
    } else {
        l.text.clone()
    };
    if selected {
        return wrapped(&text, width).into_iter().map(|t| Line::styled(t, theme.selected())).collect();
    }
    let style = match l.style {
        LineStyle::Plain => ratatui::style::Style::new(),
        LineStyle::Heading => theme.header(),
        LineStyle::Alert => theme.tone(Tone::Alert),
        LineStyle::Dim => theme.dim(),
        LineStyle::Field { label } => {
            let parts = wrapped(&text, width);
            let label = label.min(text.len());
            return parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| match part.get(..label) {
                    // The label keeps its look where it is whole on the first part.
                    Some(head) if i == 0 && text.is_char_boundary(label) => Line::from(vec![
                        Span::styled(head.to_string(), theme.title()),
                        Span::raw(part[label..].to_string()),
                    ]),
                    _ => Line::raw(part),
                })
                .collect();
        }
    };
    wrapped(&text, width).into_iter().map(|t| Line::styled(t, style)).collect()
}

/// `text` in parts of at most `width` cells: its leading indent kept, and two more under it.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    if width == 0 || text.width() <= width {
        return vec![text.to_string()];
    }
    let body = text.trim_start_matches(' ');
    let indent = (text.len() - body.len()).min(width / 2);
    let first = super::wrap(body, width - indent);
    let mut out = Vec::new();
    let mut rest = String::new();
    for (i, part) in first.iter().enumerate() {
        if i == 0 {
            out.push(format!("{:indent$}{part}", ""));
        } else {
            if !rest.is_empty() {
                rest.push(' ');
            }
            rest.push_str(part);
        }
    }
    if !rest.is_empty() {
        let under = (indent + 2).min(width / 2);
        for part in super::wrap(&rest, width - under) {
            out.push(format!("{:under$}{part}", ""));
        }
    }
    out
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let (Screen::Detail { scroll, item, .. }, Some(view)) = (&app.session.screen, &app.session.detail) else {
        return;
    };
    let selected_line = view.entry_line(*item);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {} ", view.title), theme.title()))
        .padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut text_area = inner;
    if let Some(spark) = &view.spark
        && inner.height >= SPARK_MIN_HEIGHT
    {
        let [label, chart, axis, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(SPARK_ROWS - 4),
            Constraint::Min(1),
        ])
        .areas(inner);
        frame.render_widget(
            Paragraph::new(Line::styled(app.lang().t(Msg::DetailMeetings), theme.header())),
            label,
        );
        let width = usize::from(chart.width);
        let values: Vec<u64> = spark.values.iter().rev().take(width).rev().copied().collect();
        let first = spark.first_year + (spark.values.len() - values.len()) as i32;
        let last = first + values.len().saturating_sub(1) as i32;
        frame.render_widget(
            Sparkline::default().data(&values).bar_set(theme.bars()).style(theme.key()),
            chart,
        );
        let axis_text = if values.len() >= 10 {
            format!("{first}{}{last}", " ".repeat(values.len().saturating_sub(8)))
        } else {
            format!("{first}-{last}")
        };
        frame.render_widget(Paragraph::new(Span::styled(axis_text, theme.dim())), axis);
        text_area = rest;
    }
    // Each line wrapped to the width (nothing is cut); the marker says which entry e and d
    // act on, with or without colour.
    let width = usize::from(text_area.width);
    let mut lines: Vec<Line> = Vec::with_capacity(view.lines.len());
    let mut starts: Vec<usize> = Vec::with_capacity(view.lines.len() + 1);
    for (i, l) in view.lines.iter().enumerate() {
        starts.push(lines.len());
        lines.extend(lines_of(l, Some(i) == selected_line, theme, width));
    }
    starts.push(lines.len());
    // The app counts its scroll in the view's lines: its top line is drawn at the top, the
    // last lines when it is at the end, and the selected entry, wrapped, stays in sight.
    let height = usize::from(text_area.height);
    let max_visual = lines.len().saturating_sub(height);
    let logical_max = view.lines.len().saturating_sub(height);
    let top = usize::from(*scroll);
    let mut offset =
        if top > 0 && top >= logical_max { max_visual } else { starts[top.min(view.lines.len())] };
    if let Some(sel) = selected_line.filter(|&s| s < view.lines.len()) {
        let (from, to) = (starts[sel], starts[sel + 1]);
        if to > offset + height {
            offset = to.saturating_sub(height);
        }
        if from < offset {
            offset = from;
        }
    }
    let offset = u16::try_from(offset.min(max_visual)).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), text_area);
}
