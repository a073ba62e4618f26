//! The detail views that Enter opens: one file per kind of row.

mod gap;
mod need;
mod overload;
mod prison;
mod project;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};

use super::theme::Theme;
use crate::app::names::{Names, deref_names};
use crate::app::table::Target;
use crate::app::{App, Item};
use crate::i18n::Msg;

/// What a detail view shows: a title, lines of text, the entries among them that can be
/// selected (line index, entry), and perhaps a meetings sparkline.
#[derive(Default)]
pub struct DetailView {
    pub title: String,
    pub lines: Vec<Line<'static>>,
    pub items: Vec<(usize, Item)>,
    pub spark: Option<Spark>,
}

impl DetailView {
    pub fn new(title: String) -> DetailView {
        DetailView { title, ..DetailView::default() }
    }

    pub fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    /// A line that stands for an entry the user can select, edit or delete.
    pub fn entry(&mut self, item: Item, line: Line<'static>) {
        self.items.push((self.lines.len(), item));
        self.lines.push(line);
    }
}

/// Meetings per year from `first_year` on.
pub struct Spark {
    pub values: Vec<u64>,
    pub first_year: i32,
}

/// What the detail builders read; names come through [`Names`].
pub struct DetailSource<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub names: Names<'a>,
}

deref_names!(DetailSource);

impl<'a> DetailSource<'a> {
    pub fn new(app: &'a App, theme: Theme) -> DetailSource<'a> {
        DetailSource { app, theme, names: Names::new(&app.data, app.lang(), app.as_of) }
    }

    pub fn heading(&self, msg: Msg) -> Line<'static> {
        Line::styled(self.lang.t(msg).to_string(), self.theme.header())
    }
    /// A label and its value on one line.
    pub fn field(&self, label: Msg, value: String) -> Line<'static> {
        Line::from(vec![
            Span::styled(format!("{}: ", self.lang.t(label)), self.theme.title()),
            Span::raw(value),
        ])
    }
    /// A line that needs attention: a "!" says so without colour.
    pub fn alert(&self, text: String) -> Line<'static> {
        Line::styled(format!("! {text}"), self.theme.tone(crate::app::table::Tone::Alert))
    }
    pub fn item(&self, text: String) -> Line<'static> {
        Line::raw(format!("  {text}"))
    }
}

pub fn build(app: &App, theme: Theme, target: &Target) -> DetailView {
    let ctx = DetailSource::new(app, theme);
    match target {
        Target::Prison(id) => prison::build(&ctx, id),
        Target::Gap { group, seat } => gap::build(&ctx, *group, seat),
        Target::Overload(person) => overload::build(&ctx, *person),
        Target::Project(id) => project::build(&ctx, *id),
        Target::Need(id) => need::build(&ctx, *id),
    }
}

pub fn draw(
    frame: &mut Frame,
    app: &mut App,
    theme: Theme,
    area: Rect,
    target: &Target,
    scroll: u16,
    item: usize,
) {
    let mut view = build(app, theme, target);
    app.detail_items = view
        .items
        .iter()
        .map(|(line, i)| {
            let text: String = view
                .lines
                .get(*line)
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .unwrap_or_default();
            (i.clone(), text.trim_start_matches(['!', ' ']).to_string())
        })
        .collect();
    let item = item.min(view.items.len().saturating_sub(1));
    let selected_line = view.items.get(item).map(|(line, _)| *line);
    if let Some(line) = selected_line.and_then(|l| view.lines.get_mut(l)) {
        // The marker says which entry e and d act on, with or without colour.
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let text = text.strip_prefix("  ").unwrap_or(&text).to_string();
        *line = Line::styled(format!("{}{text}", theme.marker()), theme.selected());
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
        && inner.height >= 10
    {
        let [label, chart, axis, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(2),
            Constraint::Min(1),
        ])
        .areas(inner);
        frame
            .render_widget(Paragraph::new(DetailSource::new(app, theme).heading(Msg::DetailMeetings)), label);
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
    app.page = usize::from(text_area.height);
    let height = text_area.height;
    let max_scroll = (view.lines.len() as u16).saturating_sub(height);
    let mut scroll = scroll.min(max_scroll);
    // Keep the selected entry in view.
    if let Some(line) = selected_line.map(|l| l as u16) {
        if line < scroll {
            scroll = line;
        } else if height > 0 && line >= scroll + height {
            scroll = line + 1 - height;
        }
    }
    if let crate::app::Screen::Detail { scroll: s, item: i, .. } = &mut app.screen {
        *s = scroll;
        *i = item;
    }
    // One line per row (no wrapping), so the selected entry is where it is counted.
    frame.render_widget(Paragraph::new(view.lines).scroll((scroll, 0)), text_area);
}
