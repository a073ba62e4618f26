//! Where what opens on top of the panes goes, and its frame: shared by the overlays and the
//! forms.

use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use super::theme::Theme;

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
