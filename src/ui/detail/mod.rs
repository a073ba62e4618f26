//! The detail views that Enter opens: one file per kind of row.

mod gap;
mod need;
mod overload;
mod prison;
mod project;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::app::table::Target;
use crate::domain::{GroupId, GroupKind};
use crate::i18n::{Lang, Msg};

/// What a detail view shows: a title, lines of text, and perhaps a meetings sparkline.
pub struct DetailView {
    pub title: String,
    pub lines: Vec<Line<'static>>,
    pub spark: Option<Spark>,
}

/// Meetings per year from `first_year` on.
pub struct Spark {
    pub values: Vec<u64>,
    pub first_year: i32,
}

/// What the detail builders read.
pub struct Ctx<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Ctx<'_> {
    pub fn lang(&self) -> Lang {
        self.app.lang()
    }
    pub fn date(&self, d: NaiveDate) -> String {
        crate::domain::date::format_be(d)
    }
    pub fn person(&self, id: u64) -> String {
        self.app.data.people.get(&id).map_or_else(|| format!("#{id}"), |p| p.name.clone())
    }
    pub fn establishment(&self, id: &str) -> String {
        self.app
            .data
            .establishments
            .get(id)
            .map_or_else(|| id.to_string(), |e| e.name(self.lang().code()).to_string())
    }
    pub fn group(&self, id: GroupId) -> String {
        match self.app.data.groups.get(&id) {
            Some(g) if g.kind == GroupKind::Central => self.lang().t(Msg::Central).to_string(),
            Some(g) => {
                let name = g.establishment.as_deref().map(|e| self.establishment(e)).unwrap_or_default();
                self.lang().f(Msg::LocalOf, &[&name])
            }
            None => format!("#{id}"),
        }
    }
    pub fn seat(&self, group: GroupId, key: &str) -> String {
        let kind = self.app.data.groups.get(&group).map_or(GroupKind::Local, |g| g.kind);
        let t = crate::domain::group::template_on(self.app.data.templates.values(), kind, self.app.as_of);
        crate::i18n::seat(self.lang(), key, t.and_then(|t| t.seat(key)))
    }
    pub fn heading(&self, msg: Msg) -> Line<'static> {
        Line::styled(self.lang().t(msg).to_string(), self.theme.header())
    }
    /// A label and its value on one line.
    pub fn field(&self, label: Msg, value: String) -> Line<'static> {
        Line::from(vec![
            Span::styled(format!("{}: ", self.lang().t(label)), self.theme.title()),
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
    let ctx = Ctx { app, theme };
    match target {
        Target::Prison(id) => prison::build(&ctx, id),
        Target::Gap { group, seat } => gap::build(&ctx, *group, seat),
        Target::Overload(person) => overload::build(&ctx, *person),
        Target::Project(id) => project::build(&ctx, *id),
        Target::Need(id) => need::build(&ctx, *id),
    }
}

pub fn draw(frame: &mut Frame, app: &mut App, theme: Theme, area: Rect, target: &Target, scroll: u16) {
    let view = build(app, theme, target);
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
        frame.render_widget(Paragraph::new(Ctx { app, theme }.heading(Msg::DetailMeetings)), label);
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
    let max_scroll = (view.lines.len() as u16).saturating_sub(text_area.height);
    if let crate::app::Screen::Detail { scroll: s, .. } = &mut app.screen {
        *s = (*s).min(max_scroll);
    }
    let p = Paragraph::new(view.lines).wrap(Wrap { trim: false }).scroll((scroll.min(max_scroll), 0));
    frame.render_widget(p, text_area);
}
