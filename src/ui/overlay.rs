//! What opens on top: help, the action palette, the as-of prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::popup::{boxed, popup, room};
use super::theme::Theme;
use super::truncate;
use crate::app::{App, Measure, Overlay, Screen};
use crate::i18n::{Lang, Msg};
use crate::input::keymap::{self, Context};

/// The layer on top; a question about quitting or discarding is drawn with what it asks
/// about, the layer under it. The layers further down are hidden by it.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    draw_one(frame, app, &app.session.layers, theme, area);
}

/// The top of `layers`.
fn draw_one(frame: &mut Frame, app: &App, layers: &[Overlay], theme: Theme, area: Rect) {
    let (top, under) = match layers.split_last() {
        Some((top, under)) => (Some(top), under),
        None => (None, layers),
    };
    match top {
        Some(Overlay::QuitAsk) => {
            draw_one(frame, app, under, theme, area);
            super::form::confirm(frame, app.lang().t(Msg::QuitDiscard), app.lang(), theme, area);
        }
        Some(Overlay::Help { scroll, .. }) => help(frame, app, theme, area, *scroll),
        Some(Overlay::Palette { input, selected, matches }) => {
            palette(frame, app, theme, area, input, *selected, matches)
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
        Some(Overlay::Form(form)) => super::form::form(frame, form, None, app.lang(), theme, area),
        Some(Overlay::RollCall(roll)) => super::rollcall::draw(frame, roll, app.lang(), theme, area),
        Some(Overlay::Discard { for_theirs }) => {
            let question = if *for_theirs { Msg::TakeTheirs } else { Msg::FormDiscard };
            if let Some(Overlay::Form(form)) = under.last() {
                super::form::form(frame, form, Some(question), app.lang(), theme, area)
            }
        }
        Some(Overlay::Confirm { question, .. }) => {
            super::form::confirm(frame, question, app.lang(), theme, area)
        }
        Some(Overlay::History { title, lines, scroll, .. }) => {
            super::form::history(frame, title, lines.as_deref(), *scroll, app.lang(), theme, area)
        }
        Some(Overlay::Trend { years, measure }) => {
            // The last figures are the day viewed's: "now" only when that is today.
            let when = if app.as_of == app.options.today {
                app.lang().t(Msg::TrendNow).to_string()
            } else {
                app.lang().f(Msg::TrendOn, &[&crate::domain::date::format_be(app.as_of)])
            };
            trend(frame, years, (*measure, &when), app.lang(), theme, area);
        }
        Some(Overlay::Filter { .. }) | None => {}
    }
}

/// The palette: every action by name, fuzzy-matched, with its key in a column of its own
/// wide enough for the longest key in the UI language.
fn palette(
    frame: &mut Frame,
    app: &App,
    theme: Theme,
    area: Rect,
    input: &tui_input::Input,
    selected: usize,
    matches: &[crate::app::action::Action],
) {
    let lang = app.lang();
    let context = match app.session.screen {
        Screen::Table => Context::Table,
        Screen::Detail { .. } => Context::Detail,
    };
    let rows: Vec<(&str, String)> = matches
        .iter()
        .map(|a| {
            let key = keymap::binding_for(context, *a)
                .or_else(|| keymap::binding_for(Context::Table, *a))
                .map(|b| b.keys_label(lang))
                .unwrap_or_default();
            (lang.t(a.label()), key)
        })
        .collect();
    let all_names = crate::app::action::Action::PALETTE.iter().map(|a| lang.t(a.label()).width());
    let name_w = all_names.max().unwrap_or(10);
    let key_w = rows.iter().map(|(_, k)| k.width()).max().unwrap_or(1).max(6);
    let width = (2 + name_w + 2 + key_w + 2) as u16;
    let rect = popup(area, width.max(30), (matches.len() as u16 + 4).clamp(6, 18));
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
    let x = prompt.x + ((p.width() + input.visual_cursor()) as u16).min(prompt.width.saturating_sub(1));
    frame.set_cursor_position((x, prompt.y));
    // The names get what the keys leave: on a narrow screen a name is cut, never a key.
    let name_room = usize::from(list.width).saturating_sub(2 + 2 + key_w);
    let start = selected.saturating_sub(usize::from(list.height).saturating_sub(1));
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(usize::from(list.height))
        .map(|(i, (name, key))| {
            let name = truncate(name, name_room, theme);
            let pad = name_room.saturating_sub(name.width());
            let marker = if i == selected { theme.marker() } else { "  " };
            let text = format!("{marker}{name}{}  {key}", " ".repeat(pad));
            if i == selected { Line::styled(text, theme.selected()) } else { Line::raw(text) }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// A section of the help: its heading, each key and what it does.
type Section = (Msg, Vec<(String, &'static str)>);

/// The help's sections (a heading, then each key and what it does, said once), and what
/// this user cannot do here with why.
fn help_entries(app: &App, view: Context) -> (Vec<Section>, Vec<(String, String)>) {
    let lang = app.lang();
    let mut sections: Vec<Section> = Vec::new();
    for (heading, contexts) in [
        (Msg::HelpInViews, &[view][..]),
        (Msg::HelpInForms, &[Context::Form, Context::Checklist, Context::Prompt][..]),
        (Msg::HelpInQuestions, &[Context::Confirm][..]),
    ] {
        let mut seen: Vec<*const keymap::Binding> = Vec::new();
        let mut entries = Vec::new();
        for context in contexts {
            for b in keymap::bindings(*context, false) {
                // The first section shows the view's own keys; the others what they add.
                let already = sections
                    .iter()
                    .flat_map(|(_, e)| e)
                    .any(|(k, t)| *k == b.keys_label(lang) && *t == lang.t(b.action.label()));
                // A key said once a section: the form's Enter, not the prompt's too.
                let said = entries.iter().any(|(k, _): &(String, &'static str)| *k == b.keys_label(lang));
                if seen.contains(&(b as *const _)) || already || said {
                    continue;
                }
                seen.push(b);
                if app.unavailable(b.action).is_some() {
                    continue;
                }
                entries.push((b.keys_label(lang), lang.t(b.action.label())));
            }
        }
        sections.push((heading, entries));
    }
    // What this user cannot do here, and why: visible, not only refused.
    let mut not_here: Vec<(String, String)> = Vec::new();
    for context in [view, Context::Form, Context::Checklist, Context::Prompt, Context::Confirm] {
        for b in keymap::bindings(context, false) {
            if let Some(why) = app.unavailable(b.action) {
                let entry =
                    (b.keys_label(lang), format!("{}{}{why}", lang.t(b.action.label()), lang.colon()));
                if !not_here.contains(&entry) {
                    not_here.push(entry);
                }
            }
        }
    }
    (sections, not_here)
}

/// What this user cannot do here, each key with why, under its heading; how wide it is.
fn not_for_you(
    lines: &mut Vec<Line<'static>>,
    not_here: &[(String, String)],
    lang: Lang,
    theme: Theme,
    inner_w: usize,
) -> usize {
    if not_here.is_empty() {
        return 0;
    }
    let mut width = 0;
    lines.push(Line::raw(""));
    let heading = truncate(lang.t(Msg::HelpNotForYou), inner_w, theme);
    width = width.max(heading.width());
    lines.push(Line::styled(heading, theme.title()));
    let key_w = not_here.iter().map(|(k, _)| k.width()).max().unwrap_or(0) + 1;
    // A reason is read whole: it wraps under itself.
    for (keys, why) in not_here {
        for (i, part) in super::wrap(why, inner_w.saturating_sub(key_w)).into_iter().enumerate() {
            width = width.max(key_w + part.width());
            let key = if i == 0 { keys.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{key:<key_w$}"), theme.dim()),
                Span::styled(part, theme.dim()),
            ]));
        }
    }
    width
}

/// The help: every binding of the view the user is in, then of forms and prompts, then of
/// questions, each under a heading; two columns where they fit whole, else one that scrolls.
fn help(frame: &mut Frame, app: &App, theme: Theme, area: Rect, scroll: u16) {
    let lang = app.lang();
    let view = match app.session.screen {
        Screen::Table => Context::Table,
        Screen::Detail { .. } => Context::Detail,
    };
    let room = room(area);
    let (sections, not_here) = help_entries(app, view);
    let inner_w = usize::from(room.width.saturating_sub(2));
    // Each section in two columns when they fit whole, else in one; nothing is cut at 80
    // columns in any of the three languages.
    let mut lines: Vec<Line> = Vec::new();
    let mut content_w = 0;
    for (heading, entries) in &sections {
        // Each column as wide as its own longest entry.
        let widths = |part: &[(String, &str)]| {
            let key_w = part.iter().map(|(k, _)| k.width()).max().unwrap_or(0) + 1;
            (key_w, key_w + part.iter().map(|(_, t)| t.width()).max().unwrap_or(0))
        };
        let half = entries.len().div_ceil(2);
        let (left, right) = (widths(&entries[..half]), widths(&entries[half..]));
        let two = left.1 + 2 + right.1 <= inner_w;
        let per_column = if two { half } else { entries.len() };
        let (left, right) = if two { (left, right) } else { (widths(entries), (0, 0)) };
        let entry = |(keys, text): &(String, &str), (key_w, column): (usize, usize)| {
            let column = column.min(inner_w);
            let text = truncate(text, column.saturating_sub(key_w), theme);
            let pad = column.saturating_sub(key_w + text.width());
            vec![
                Span::styled(format!("{keys:<key_w$}"), theme.key()),
                Span::raw(format!("{text}{}", " ".repeat(pad))),
            ]
        };
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        let heading = truncate(lang.t(*heading), inner_w, theme);
        content_w = content_w.max(heading.width()).max(if two { left.1 + 2 + right.1 } else { left.1 });
        lines.push(Line::styled(heading, theme.title()));
        for row in 0..per_column {
            let mut spans = entry(&entries[row], left);
            if two && let Some(other) = entries.get(row + per_column) {
                spans.push(Span::raw("  "));
                spans.extend(entry(other, right));
            }
            lines.push(Line::from(spans));
        }
    }
    content_w = content_w.max(not_for_you(&mut lines, &not_here, lang, theme, inner_w));
    lines.push(Line::raw(""));
    let keys = |actions: &[crate::app::action::Action]| {
        let labels: Vec<String> = actions
            .iter()
            .filter_map(|a| keymap::binding_for(Context::Overlay, *a))
            .map(|b| b.keys_label(lang))
            .collect();
        labels.join(" / ")
    };
    use crate::app::action::Action;
    let close =
        lang.f(Msg::HelpClose, &[&keys(&[Action::Back, Action::Help]), &keys(&[Action::Up, Action::Down])]);
    let close = truncate(&close, inner_w, theme);
    content_w = content_w.max(close.width()).min(inner_w);
    lines.push(Line::styled(close, theme.dim()));
    // A box that would leave a one-column sliver of the pane's frame beside it takes the
    // whole width instead: two borders side by side read as one broken line.
    let width = if content_w + 6 > usize::from(room.width) { room.width } else { content_w as u16 + 2 };
    let rect = popup(room, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = boxed(lang.t(Msg::HelpTitle).into(), theme);
    let max_scroll = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    app.session.help_last.set(max_scroll);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(max_scroll), 0)), rect);
}

/// The seed's figures drawn: for each language regime, a bar a year of the groups that met
/// within the dormancy period, its number above it, and in the title how many of the
/// establishments covered have a group now. Two charts, one above the other, so that nothing
/// rests on colour; between the tabs and the key hints, as the other overlays.
fn trend(
    frame: &mut Frame,
    years: &[crate::domain::rules::YearFigures],
    (measure, when): (Measure, &str),
    lang: Lang,
    theme: Theme,
    area: Rect,
) {
    use crate::domain::rules::{RegimeFigures, YearFigures};
    let area = room(area);
    frame.render_widget(Clear, area);
    let place = Measure::ALL.iter().position(|m| *m == measure).unwrap_or(0) + 1;
    let of = Measure::ALL.len().to_string();
    let keys = format!(
        "{}/{}",
        keymap::key_name(keymap::Key::Code(ratatui::crossterm::event::KeyCode::Up), lang),
        keymap::key_name(keymap::Key::Code(ratatui::crossterm::event::KeyCode::Down), lang)
    );
    let title = lang.f(Msg::TrendTitle, &[&keys, &place.to_string(), &of]);
    let block = boxed(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Years before the first record are not drawn: the view says where it starts.
    let starts = years
        .first()
        .map(|y| y.year)
        .filter(|y| *y > chrono::Datelike::year(&crate::domain::group::circular_date()));
    let [note, inner] =
        Layout::vertical([Constraint::Length(u16::from(starts.is_some())), Constraint::Fill(1)]).areas(inner);
    if let Some(year) = starts {
        let said = lang.f(Msg::TrendFrom, &[&year.to_string()]);
        frame.render_widget(
            Paragraph::new(truncate(&said, usize::from(note.width), theme)).style(theme.dim()),
            note,
        );
    }
    let halves = Layout::vertical([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).split(inner);
    for ((name, dutch), half) in
        [(Msg::RegimeFrench, false), (Msg::RegimeDutch, true)].into_iter().zip(halves.iter())
    {
        let pick = |y: &YearFigures| if dutch { y.dutch } else { y.french };
        let now: RegimeFigures = years.last().map(pick).unwrap_or_default();
        let regime = lang.t(name);
        let title = match measure {
            Measure::Meeting => lang
                .f(Msg::TrendMeeting, &[regime, &now.with_group.to_string(), &now.covered.to_string(), when]),
            Measure::WithGroup => lang.f(Msg::TrendWithGroup, &[regime, &now.covered.to_string(), when]),
            Measure::SeatsFilled => {
                let percent = now.seats_percent().map_or_else(|| "-".to_string(), |p| p.to_string());
                lang.f(Msg::TrendSeats, &[regime, &percent, when])
            }
            Measure::Waiting => lang.f(Msg::TrendWaiting, &[regime, &now.waiting.to_string(), when]),
        };
        let values: Vec<(i32, usize)> = years.iter().map(|y| (y.year, measure.of(&pick(y)))).collect();
        // Counts of establishments against how many are covered; a share against a hundred;
        // waiting projects against the most there ever were.
        let max = match measure {
            Measure::Meeting | Measure::WithGroup => years.iter().map(|y| pick(y).covered).max(),
            Measure::SeatsFilled => Some(100),
            Measure::Waiting => years.iter().map(|y| pick(y).waiting).max(),
        };
        let title = Line::styled(truncate(&title, usize::from(half.width), theme), theme.title());
        let lines = std::iter::once(title).chain(bars(&values, max.unwrap_or(1).max(1), half, theme));
        frame.render_widget(Paragraph::new(lines.collect::<Vec<_>>()), *half);
    }
    if years.is_empty() {
        let said = super::wrap(lang.t(Msg::TrendNothing), usize::from(inner.width.saturating_sub(2)).max(10));
        let lines: Vec<Line> = said.into_iter().map(Line::raw).collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// A bar chart in lines under a title: each year a column, its bar, its number and its year
/// right-aligned in it, a blank column between years; as many of the latest years as fit.
fn bars(values: &[(i32, usize)], max: usize, area: &Rect, theme: Theme) -> Vec<Line<'static>> {
    let rows = usize::from(area.height).saturating_sub(3);
    if values.is_empty() || area.height < 3 {
        return Vec::new();
    }
    // A column as wide as its number, two at least (the bar and the year), and a gap.
    let field = |v: usize| v.to_string().len().max(2);
    let mut first = 0;
    while first + 1 < values.len()
        && values[first..].iter().map(|(_, v)| field(*v) + 1).sum::<usize>() > usize::from(area.width)
    {
        first += 1;
    }
    let shown = &values[first..];
    let set = theme.bars();
    let levels = [
        set.empty,
        set.one_eighth,
        set.one_quarter,
        set.three_eighths,
        set.half,
        set.five_eighths,
        set.three_quarters,
        set.seven_eighths,
        set.full,
    ];
    // Each bar's height in eighths of a row: the most is the full height, 0 is no bar, and a
    // value above 0 shows at least an eighth.
    let eighths: Vec<usize> = shown
        .iter()
        .map(|(_, v)| {
            let h = ((*v).min(max) * rows * 8 + max / 2) / max;
            if *v > 0 { h.max(1) } else { 0 }
        })
        .collect();
    let mut out = Vec::with_capacity(rows + 2);
    for row in (0..rows).rev() {
        let mut line = String::new();
        for ((_, v), h) in shown.iter().zip(&eighths) {
            let level = h.saturating_sub(row * 8).min(8);
            line.push_str(&" ".repeat(field(*v) - 2));
            line.push_str(&levels[level].repeat(2));
            line.push(' ');
        }
        out.push(Line::styled(line, theme.key()));
    }
    let numbers: String = shown.iter().map(|(_, v)| format!("{v:>w$} ", w = field(*v))).collect();
    let years: String =
        shown.iter().map(|(y, v)| format!("{:>w$} ", format!("{:02}", y % 100), w = field(*v))).collect();
    out.push(Line::raw(numbers));
    out.push(Line::styled(years, theme.dim()));
    out
}
