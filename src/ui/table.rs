//! A pane's table: only the rows on screen are turned into widgets, and columns give way by
//! priority when the terminal is narrow.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{truncate, truncate_middle};

/// A cell that lists items ("no chair since 01/04/2011; no meeting since 15/02/2011") cut
/// where an item ends, so a date or a name in it is never cut; one item too wide for the
/// column is cut as any text is.
fn truncate_items(text: &str, width: usize, theme: Theme) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let ellipsis = theme.ellipsis();
    let mut shown = String::new();
    for item in text.split("; ") {
        let next = if shown.is_empty() { item.to_string() } else { format!("{shown}; {item}") };
        if next.width() + ellipsis.width() > width {
            break;
        }
        shown = next;
    }
    if shown.is_empty() { truncate(text, width, theme) } else { format!("{shown}{ellipsis}") }
}
use crate::app::App;
use crate::app::table::{Column, TableView, Target};
use crate::i18n::{Lang, Msg};

/// Which columns to show in `width` cells, and how wide. A column is shown only when the more
/// important ones can still have the width they want (or at least their minimum, for the
/// most important); widths then grow evenly towards what each wants, and what is left goes to
/// the widest text column.
pub fn fit_columns(columns: &[Column], width: u16) -> Vec<(usize, u16)> {
    let mut by_priority: Vec<usize> = (0..columns.len()).collect();
    by_priority.sort_by_key(|&i| (columns[i].priority, i));
    let mut chosen: Vec<usize> = Vec::new();
    let (mut min_used, mut want_used) = (0u16, 0u16);
    for i in by_priority {
        let sep = u16::from(!chosen.is_empty());
        let c = &columns[i];
        let essential = c.priority == 0;
        let fits = if essential { min_used + sep + c.min <= width } else { want_used + sep + c.min <= width };
        if fits {
            min_used += sep + c.min;
            want_used += sep + if c.first { c.min } else { c.want.max(c.min) };
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    let mut widths: Vec<(usize, u16)> = chosen.iter().map(|&i| (i, columns[i].min)).collect();
    let mut spare = width.saturating_sub(min_used);
    for (i, w) in widths.iter_mut().filter(|(i, _)| columns[*i].first) {
        let grow = columns[*i].want.saturating_sub(*w).min(spare);
        *w += grow;
        spare -= grow;
    }
    while spare > 0 {
        let mut grew = false;
        for (i, w) in widths.iter_mut() {
            if spare > 0 && *w < columns[*i].want {
                *w += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    if let Some((_, w)) =
        widths.iter_mut().filter(|(i, _)| !columns[*i].right).max_by_key(|(i, _)| columns[*i].want)
    {
        *w += spare;
    }
    widths
}

/// The room each column would like: its header in this language, a sort marker included;
/// the column the pane exists for, no more than its longest text among the `body_height`
/// rows on screen (inside the borders, under the header) needs.
fn wanted(table: &TableView, columns: &[Column], lang: Lang, body_height: usize) -> Vec<Column> {
    let on_screen = || table.order.iter().skip(table.view_offset(body_height)).take(body_height);
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // Room for the sort marker only on the column sorted by.
            let header = lang.t(c.title).width() as u16 + u16::from(table.sort == Some(i));
            let want = if c.first {
                let longest = on_screen().map(|&r| table.rows[r].cell(i).width()).max().unwrap_or(0);
                c.want.min(u16::try_from(longest).unwrap_or(u16::MAX)).max(c.min)
            } else {
                c.want
            };
            Column { want: want.max(header), ..*c }
        })
        .collect()
}

pub fn pane(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let lang = app.lang();
    let pane = app.session.pane;
    let columns = pane.columns();
    let table = app.pane_table(pane);
    // The central group's row, pinned first, is not one of the prisons the title counts.
    let central =
        |i: Option<&usize>| usize::from(i.is_some_and(|&i| table.rows[i].target == Target::Central));
    let shown = table.order.len() - central(table.order.first());
    let total = app.row_count(pane);
    let mut title = vec![Span::styled(format!(" {} ({shown}) ", lang.t(pane.title())), theme.title())];
    if shown != total {
        title.push(Span::raw(format!("/{total} ")));
    }
    if !table.filter.is_empty() {
        title.push(Span::styled(format!(" {}{} ", lang.t(Msg::FilterPrompt), table.filter), theme.key()));
    }
    let marker = theme.marker();
    let wanted = wanted(table, columns, lang, usize::from(area.height.saturating_sub(3)));
    // Inside the borders, one cell of margin before the right one.
    let fitted = fit_columns(&wanted, area.width.saturating_sub(2 + marker.len() as u16 + 1));
    // Sorted by a column the width leaves out: the title says so, so the order is no mystery.
    if let Some(col) = table.sort
        && !fitted.iter().any(|&(i, _)| i == col)
    {
        let by = format!("{}{}", lang.t(columns[col].title), theme.sort_marker(table.reverse));
        title.push(Span::styled(format!(" {} ", lang.f(Msg::SortedBy, &[&by])), theme.key()));
    }
    let block = Block::default().borders(Borders::ALL).border_set(theme.border()).title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let body_height = usize::from(inner.height - 1);
    if table.order.is_empty() {
        let msg = if table.rows.is_empty() { Msg::NoRows } else { Msg::NoMatch };
        frame.render_widget(Paragraph::new(lang.t(msg)).style(theme.dim()), inner);
        return;
    }
    // The app keeps the selected row in view; this only reads where it put it.
    let offset = table.view_offset(body_height);
    let header = Row::new(fitted.iter().map(|&(i, w)| {
        let col = &columns[i];
        let mut name = lang.t(col.title).to_string();
        if table.sort == Some(i) {
            name = format!("{name}{}", theme.sort_marker(table.reverse));
        }
        let name = truncate(&name, usize::from(w), theme);
        Cell::from(if col.right { Line::from(name).right_aligned() } else { Line::from(name) })
    }))
    .style(theme.header());
    let visible = table.order.iter().skip(offset).take(body_height);
    let rows: Vec<Row> = visible
        .map(|&r| {
            let row = &table.rows[r];
            Row::new(fitted.iter().map(|&(i, w)| {
                let cell = row.cell(i);
                let text = if pane.establishment_column() == Some(i) {
                    truncate_middle(cell, usize::from(w), theme)
                } else {
                    truncate_items(cell, usize::from(w), theme)
                };
                Cell::from(if columns[i].right { Line::from(text).right_aligned() } else { Line::from(text) })
            }))
            .style(theme.tone(row.tone))
        })
        .collect();
    let widths: Vec<Constraint> = fitted.iter().map(|&(_, w)| Constraint::Length(w)).collect();
    let widget = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol(marker)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(table.selected - offset));
    frame.render_stateful_widget(widget, inner, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::panes::PaneId;

    #[test]
    fn columns_fit_the_width_and_keep_the_important_ones() {
        for pane in PaneId::ALL {
            let cols = pane.columns();
            for width in [10u16, 38, 76, 118, 300] {
                let fitted = fit_columns(cols, width);
                let used: u16 =
                    fitted.iter().map(|(_, w)| w).sum::<u16>() + fitted.len().saturating_sub(1) as u16;
                assert!(
                    used <= width.max(cols.iter().map(|c| c.min).min().unwrap()),
                    "{pane:?} at {width}: {used}"
                );
                if width >= 76 {
                    for (i, c) in cols.iter().enumerate() {
                        if c.priority <= 1 {
                            assert!(
                                fitted.iter().any(|(k, _)| *k == i),
                                "{pane:?} lost {:?} at {width}",
                                c.title
                            );
                        }
                    }
                }
            }
        }
    }
}
