//! The one theme: the 16 ANSI colours on the terminal's own background, ASCII when the
//! terminal cannot draw lines, no colour at all with NO_COLOR. Colour only ever repeats
//! what a word or a marker already says.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;

use crate::app::table::Tone;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub ascii: bool,
    pub color: bool,
}

const ASCII_BORDER: symbols::border::Set = symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

const ASCII_BARS: symbols::bar::Set = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: ".",
    one_eighth: ".",
    empty: " ",
};

/// Whether `TERM` names a terminal that knows only ASCII and the 8 colours: it is sent
/// nothing else (see [`super::legacy`]).
pub fn old_terminal() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    matches!(term.as_str(), "linux" | "vt100" | "vt102" | "vt220" | "dumb")
}

/// Whether the locale's character set is UTF-8: the first of `LC_ALL`, `LC_CTYPE` and `LANG`
/// that is set decides, as the C library does (`C.UTF-8`, `fr_BE.utf8` yes; `C`, `POSIX`,
/// `fr_BE.ISO-8859-1` or nothing at all, no).
pub fn utf8_locale(var: impl Fn(&str) -> Option<String>) -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|v| var(v).filter(|s| !s.is_empty()));
    locale.is_some_and(|l| {
        let codeset = l.split_once('.').map_or("", |(_, rest)| rest.split('@').next().unwrap_or(""));
        matches!(codeset.to_ascii_lowercase().as_str(), "utf-8" | "utf8")
    })
}

/// Whether the terminal is sent ASCII only (see [`super::legacy`]): an old terminal by `TERM`,
/// or a locale whose character set is not UTF-8.
pub fn ascii_terminal() -> bool {
    old_terminal() || !utf8_locale(|name| std::env::var(name).ok())
}

impl Theme {
    /// Decides from the terminal and the flags: ASCII for `TERM=linux`/`vt100`, a locale that
    /// is not UTF-8 or `--ascii`, monochrome for `NO_COLOR` (any value) or `--no-color`.
    pub fn detect(ascii_flag: bool, no_color_flag: bool) -> Theme {
        let old_term = ascii_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { ascii: ascii_flag || old_term, color: !(no_color_flag || no_color) }
    }

    pub fn border(self) -> symbols::border::Set<'static> {
        if self.ascii { ASCII_BORDER } else { symbols::border::PLAIN }
    }

    pub fn bars(self) -> symbols::bar::Set<'static> {
        if self.ascii { ASCII_BARS } else { symbols::bar::NINE_LEVELS }
    }

    /// The marker in front of the selected row: visible with no colour and no reverse video.
    pub fn marker(self) -> &'static str {
        "> "
    }

    pub fn separator(self) -> &'static str {
        if self.ascii { "|" } else { "│" }
    }

    pub fn ellipsis(self) -> &'static str {
        if self.ascii { "~" } else { "…" }
    }

    pub fn sort_marker(self, reverse: bool) -> &'static str {
        match (self.ascii, reverse) {
            (true, false) => "^",
            (true, true) => "v",
            (false, false) => "▲",
            (false, true) => "▼",
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn tab_active(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn tone(self, tone: Tone) -> Style {
        match tone {
            Tone::Normal => Style::new(),
            Tone::Alert => self.fg(Color::Red),
            Tone::Good => self.fg(Color::Green),
        }
    }
}
