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

fn line(l: &DetailLine, theme: Theme) -> Line<'static> {
    match l.style {
        LineStyle::Plain => Line::raw(l.text.clone()),
        LineStyle::Heading => Line::styled(l.text.clone(), theme.header()),
        LineStyle::Alert => Line::styled(l.text.clone(), theme.tone(Tone::Alert)),
        LineStyle::Dim => Line::styled(l.text.clone(), theme.dim()),
        LineStyle::Field { label } => {
            let (head, value) = l.text.split_at(label.min(l.text.len()));
            Line::from(vec![Span::styled(head.to_string(), theme.title()), Span::raw(value.to_string())])
        }
    }
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let (Screen::Detail { scroll, item, .. }, Some(view)) = (&app.session.screen, &app.session.detail) else {
        return;
    };
    let selected_line = view.entry_line(*item);
    let mut lines: Vec<Line> = view.lines.iter().map(|l| line(l, theme)).collect();
    if let Some(l) = selected_line.and_then(|l| view.lines.get(l)) {
        // The marker says which entry e and d act on, with or without colour.
        let text = l.text.strip_prefix("  ").unwrap_or(&l.text);
        lines[selected_line.unwrap_or_default()] =
            Line::styled(format!("{}{text}", theme.marker()), theme.selected());
    }
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
    // The app keeps the scroll within the lines and the selected entry in view; a size the
    // app has not been told of yet is clamped here, without changing the app.
    let max_scroll = (lines.len() as u16).saturating_sub(text_area.height);
    // One line per row (no wrapping), so the selected entry is where it is counted.
    frame.render_widget(Paragraph::new(lines).scroll(((*scroll).min(max_scroll), 0)), text_area);
}
