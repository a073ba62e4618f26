//! The roll call, drawn over the panes: the members one a line with their mark, the count and
//! the result as it stands, the rule applied.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::popup::{boxed, popup, room};
use super::theme::Theme;
use super::{truncate, wrap};
use crate::app::Context;
use crate::app::action::Action;
use crate::app::rollcall::RollCall;
use crate::i18n::{Lang, Msg};
use crate::input::keymap;

pub fn draw(frame: &mut Frame, roll: &RollCall, lang: Lang, theme: Theme, area: Rect) {
    let rect = popup(room(area), 100, room(area).height);
    frame.render_widget(Clear, rect);
    let outer = boxed(roll.title.clone(), theme);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    if inner.width < 10 || inner.height < 3 {
        return;
    }
    let width = usize::from(inner.width);
    let name_width = roll.entries.iter().map(|e| e.name.width()).max().unwrap_or(0).min(width / 2).max(8);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    if roll.entries.is_empty() {
        lines.push(Line::styled(lang.t(Msg::RollNoMembers), theme.dim()));
    }
    for (i, entry) in roll.entries.iter().enumerate() {
        let here = i == roll.cursor;
        if here {
            cursor_line = lines.len();
        }
        let marker = if here { theme.marker() } else { "  " };
        let name = truncate(&entry.name, name_width, theme);
        let pad = " ".repeat(name_width.saturating_sub(name.width()) + 2);
        // In a vote, a member with no voice reads so, whatever it is marked; one voting by
        // proxy says through whom.
        let text = match (roll.is_vote(), entry.voice) {
            (true, crate::domain::concertation::Voice::None) => roll.voice_text(entry, lang),
            (true, crate::domain::concertation::Voice::ByProxy(_)) => {
                format!("{}  ({})", roll.mark_text(entry, lang), roll.voice_text(entry, lang))
            }
            _ => roll.mark_text(entry, lang),
        };
        let rest = truncate(&text, width.saturating_sub(name_width + 4), theme);
        let style = if here { theme.selected() } else { ratatui::style::Style::new() };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(format!("{name}{pad}"), style),
            Span::styled(rest, style),
        ]));
        if let Some(error) = &entry.error {
            lines.push(Line::styled(truncate(&format!("    ! {error}"), width, theme), theme.error()));
        }
    }
    // The count, the rule and what is wrong are read whole: they wrap, a space in from the edge.
    let mut footer = vec![Line::raw("")];
    let text_width = width.saturating_sub(2);
    let mut say = |text: &str, style| {
        for line in wrap(text, text_width) {
            footer.push(Line::styled(format!(" {line}"), style));
        }
    };
    say(&roll.summary(lang), theme.title());
    say(&roll.rule(lang), theme.dim());
    if let Some(e) = &roll.error {
        say(&format!("! {e}"), theme.error());
    }
    // Every key of the roll call, from the keymap: the hint bar cannot hold them all at 80
    // columns in every language, and `?` would leave the roll call.
    let context = if roll.is_vote() { Context::Vote } else { Context::Attendance };
    let keys: Vec<String> = keymap::bindings(context, false)
        .filter(|b| !matches!(b.action, Action::Redraw | Action::Quit))
        .map(|b| format!("{} {}", b.keys_label(lang), lang.t(b.action.label())))
        .collect();
    // A key and its word stay on one line.
    footer.push(Line::raw(""));
    let mut line = String::new();
    for item in keys {
        if !line.is_empty() && line.width() + 3 + item.width() > text_width {
            footer.push(Line::styled(format!(" {}", std::mem::take(&mut line)), theme.dim()));
        }
        if !line.is_empty() {
            line.push_str("   ");
        }
        line.push_str(&truncate(&item, text_width, theme));
    }
    if !line.is_empty() {
        footer.push(Line::styled(format!(" {line}"), theme.dim()));
    }
    // The list scrolls to keep the member called in view; the count stays below it.
    let height = usize::from(inner.height).saturating_sub(footer.len()).max(1);
    let scroll = (cursor_line + 2).min(lines.len()).saturating_sub(height).min(cursor_line);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).chain(footer).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
