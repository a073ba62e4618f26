//! Drawing: a pure function of the app's state (plus the table offset it keeps in view).

mod chrome;
mod detail;
mod form;
pub mod legacy;
mod overlay;
mod popup;
mod rollcall;
mod table;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use unicode_segmentation::UnicodeSegmentation;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Screen};
use crate::i18n::Msg;
use theme::Theme;

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

pub fn theme(app: &App) -> Theme {
    Theme { ascii: app.options.ascii, color: app.options.color }
}

/// Draws the whole screen from the app's state, which it only reads.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let lang = app.lang();
        let mut lines =
            vec![Line::from(lang.f(Msg::TooSmall, &[&MIN_WIDTH.to_string(), &MIN_HEIGHT.to_string()]))];
        if app.session.ignored > 0 {
            lines.push(Line::from(lang.count(app.session.ignored, Msg::IgnoredKey, Msg::IgnoredKeys)));
        }
        let p = Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true });
        let y = area.height / 2;
        frame.render_widget(
            p,
            Rect { y: area.y + y.saturating_sub(1), height: area.height - y.saturating_sub(1), ..area },
        );
        return;
    }
    let theme = theme(app);
    let [tabs, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::tabs(frame, app, theme, tabs);
    match app.session.screen {
        Screen::Table => table::pane(frame, app, theme, main),
        Screen::Detail { .. } => detail::draw(frame, app, theme, main),
    }
    chrome::status(frame, app, theme, status);
    chrome::hints(frame, app, theme, hints);
    overlay::draw(frame, app, theme, area);
}

/// How many columns a grapheme cluster takes on a terminal: a flag or a ZWJ emoji is one
/// cluster of two columns, not the sum of its code points.
fn cluster_width(g: &str) -> usize {
    g.width()
}

/// Cuts text to `width` columns in the middle, keeping its start and its end: names that
/// differ only at the end ("… Centrum Gent", "… Centrum Antwerpen") stay apart.
pub fn truncate_middle(text: &str, width: usize, theme: Theme) -> String {
    if text.width() <= width || width < 8 {
        return truncate(text, width, theme);
    }
    let ellipsis = theme.ellipsis();
    let room = width - ellipsis.width();
    let (head, head_w) = text.unicode_truncate(room - room / 2);
    let (tail, _) = text.unicode_truncate_start(room - head_w);
    format!("{}{ellipsis}{}", head.trim_end(), tail.trim_start())
}

/// `text` in lines of at most `width` columns, broken between words (a word longer than a
/// line is broken where it must be).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in glued(text) {
        let word = word.as_str();
        let room = if line.is_empty() { width } else { width.saturating_sub(line.width() + 1) };
        if word.width() <= room {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for g in word.graphemes(true) {
            if line.width() + cluster_width(g) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(g);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The words of `text` as lines break between them: a mark that French sets apart with a
/// space (`?`, `!`, `:`, `;`, `»`) stays with the word before it, and `«` with the word after,
/// so no line starts with a lone "?".
fn glued(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut open = false;
    for word in text.split(' ') {
        let closing = !word.is_empty() && word.chars().all(|c| matches!(c, '?' | '!' | ':' | ';' | '»'));
        match words.last_mut() {
            Some(last) if closing || open => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
        open = word == "«";
    }
    words
}

/// Cuts text to `width` columns, marking the cut; never inside a grapheme cluster.
pub fn truncate(text: &str, width: usize, theme: Theme) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let ellipsis = theme.ellipsis();
    let (kept, _) = text.unicode_truncate(width.saturating_sub(ellipsis.width()));
    format!("{kept}{ellipsis}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_between_words_and_keeps_every_character() {
        let text = "Not disseminated without the members' agreement: a-very-long-word-indeed";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(lines[0], "Not disseminated");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(wrap("", 5), vec![String::new()]);
    }

    #[test]
    fn french_punctuation_set_apart_never_starts_a_line() {
        let question = "Aucun présent n'est noté pour cette réunion. Enregistrer quand même ?";
        let lines = wrap(question, 66);
        assert_eq!(lines.last().map(String::as_str), Some("même ?"), "{lines:?}");
        let quoted = wrap("la motion « Libérer la note » n'a pas été adoptée", 12);
        assert!(
            lines.iter().chain(&quoted).all(|l| !l.starts_with(['?', '»', ':']) && !l.ends_with('«')),
            "{quoted:?}"
        );
    }

    #[test]
    fn middle_truncation_keeps_both_ends_within_the_width() {
        let theme = Theme { ascii: false, color: true };
        let gent = truncate_middle("Forensisch Psychiatrisch Centrum Gent", 20, theme);
        let antwerpen = truncate_middle("Forensisch Psychiatrisch Centrum Antwerpen", 20, theme);
        assert_ne!(gent, antwerpen);
        assert!(gent.ends_with("Gent") && antwerpen.ends_with("Antwerpen"), "{gent} / {antwerpen}");
        assert!(unicode_width::UnicodeWidthStr::width(antwerpen.as_str()) <= 20);
        assert_eq!(truncate_middle("Lantin", 20, theme), "Lantin");
        assert_eq!(truncate_middle("Liège", 3, theme), truncate("Liège", 3, theme));
    }

    /// A ZWJ emoji or a flag is one cluster: measured as the terminal draws it, never cut
    /// inside (stray glyphs were left until a resize).
    #[test]
    fn clusters_are_measured_whole_and_never_cut() {
        let theme = Theme { ascii: false, color: true };
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let flag = "\u{1f1e7}\u{1f1ea}";
        let name = format!("Dr. {family} {flag} Exemple");
        for width in 0..20 {
            for cut in [truncate(&name, width, theme), truncate_middle(&name, width, theme)] {
                assert!(cut.width() <= width.max(1), "{cut:?} is wider than {width}");
                let whole = cut.contains(family) || !cut.contains('\u{1f468}');
                assert!(whole, "the family was cut inside: {cut:?}");
                assert!(cut.contains(flag) || !cut.contains('\u{1f1e7}'), "the flag was cut: {cut:?}");
            }
        }
        assert_eq!(truncate(&name, 40, theme), name);
    }
}
