//! The net for cut words (issue 25, 8): every pane, detail view, form, question and overlay,
//! drawn on the demo at 80x24 (the panes at 60x20 too) in the three languages. A word on
//! screen is either whole (the same screen drawn very wide shows it, or the catalogue has it)
//! or ends in an ellipsis; a date or a number is never cut.

mod tui;

use std::collections::HashSet;

use pilotage::i18n::{Lang, Msg};
use tui::Harness;

/// What each screen is opened with, from the demo's first screen.
const SCREENS: &[(&str, &str)] = &[
    ("prisons", "1"),
    ("gaps", "2"),
    ("authorisations", "3"),
    ("training", "4"),
    ("concertation", "5"),
    ("central group", "1<Enter>"),
    ("central group, end", "1<Enter><End>"),
    ("a prison", "1<Down><Enter>"),
    ("a prison, end", "1<Down><Enter><End>"),
    ("a gap", "2<Enter>"),
    ("a project", "3<Enter>"),
    ("a project, end", "3<Enter><End>"),
    ("a training need", "4<Enter>"),
    ("a training need, end", "4<Enter><End>"),
    ("a concertation row", "5<Enter>"),
    ("a concertation row, end", "5<Enter><End>"),
    ("an establishment's form", "1<Down>e"),
    ("a seat's appointment", "2e"),
    ("a project's next step", "3e"),
    ("a new project", "3a"),
    ("a new training need", "4a"),
    ("a training need's form", "4e"),
    ("a concertation form", "5e"),
    ("a new concertation record", "5a"),
    ("a new person", "p"),
    ("a new meeting", "1<Down>m"),
    ("a meeting's attendees", "1<Down>m<Down><Down>"),
    ("the seat templates", "c"),
    ("the thresholds", "r"),
    ("a vote", "5v"),
    ("the members' rules", "R"),
    ("the accounts", "U"),
    ("a deletion's question", "1<Down>d"),
    ("a form's unsaved question", "p<Space>x<Esc>"),
    ("quit over unsaved work", "p<Space>x<C-c>"),
    ("help", "?"),
    ("help, end", "?<End>"),
    ("the palette", ":"),
    ("the date", "t"),
    ("history", "1<Down>h"),
    ("the trend", "f"),
    ("the trend, second view", "f<Tab>"),
    ("the trend, third view", "f<Tab><Tab>"),
    ("a filter", "/lantin"),
];

fn words(text: &str) -> impl Iterator<Item = &str> {
    const EDGES: &[char] = &[
        '(', ')', '[', ']', '{', '}', ',', '.', ';', ':', '!', '?', '«', '»', '"', '\'', '“', '”', '‘', '’',
        '>', '<', '*', '=', '+', '#', '%',
    ];
    text.split(|c: char| c.is_whitespace() || ('\u{2500}'..='\u{259f}').contains(&c) || c == '│')
        .map(|w| w.trim_matches(EDGES))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// The words of every message of `lang`, placeholders left out.
fn catalogue(lang: Lang) -> HashSet<String> {
    Msg::ALL.iter().flat_map(|m| words(lang.t(*m)).map(str::to_string).collect::<Vec<_>>()).collect()
}

/// The screen opened by `keys` at `width` x `height`, and the same drawn very wide and tall
/// (where nothing needs cutting).
fn screens_at(lang: Lang, width: u16, height: u16, keys: &str) -> (String, String) {
    let mut h = Harness::on_store_in(lang, width, height, false);
    h.keys(keys);
    let narrow = h.screen();
    h.resize(250, 100);
    (narrow, h.screen())
}

fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{259f}').contains(&c)
}

/// The words of `screen` that are cut: neither whole nor ended by an ellipsis. A word hidden
/// in part by a box drawn over it (its left edge, under a top-left corner) is not cut.
fn cut(screen: &str, whole: &HashSet<String>) -> Vec<String> {
    let grid: Vec<Vec<char>> = screen.lines().map(|l| l.trim_matches('"').chars().collect()).collect();
    let left_edge = |row: usize, col: usize| grid[..=row].iter().any(|line| line.get(col) == Some(&'┌'));
    let mut out = Vec::new();
    for (row, line) in grid.iter().enumerate() {
        // "… 12 more below" under a list counts what is not shown: nothing is cut there.
        let text = line.iter().skip_while(|c| c.is_whitespace() || is_box(**c) || **c == '│');
        if text.clone().next() == Some(&'…') {
            continue;
        }
        let mut col = 0;
        while col < line.len() {
            if line[col].is_whitespace() || is_box(line[col]) || line[col] == '│' {
                col += 1;
                continue;
            }
            let start = col;
            while col < line.len() && !(line[col].is_whitespace() || is_box(line[col])) {
                col += 1;
            }
            let text: String = line[start..col].iter().collect();
            let hidden = col < line.len() && is_box(line[col]) && left_edge(row, col);
            for w in words(&text) {
                if !w.contains('…') && !whole.contains(w) && !hidden {
                    out.push(w.to_string());
                }
            }
        }
    }
    out
}

/// The forms among [`SCREENS`]: their labels are whole, not even ended by an ellipsis.
const FORMS: &[&str] = &[
    "an establishment's form",
    "a seat's appointment",
    "a project's next step",
    "a new project",
    "a new training need",
    "a training need's form",
    "a concertation form",
    "a new concertation record",
    "a new person",
    "a new meeting",
    "the seat templates",
    "the thresholds",
    "the members' rules",
    "the accounts",
];

/// A form's labels that do not show whole: the first text of each line, before the gap that
/// leads to its value.
fn cut_labels(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| l.trim_matches('"').strip_prefix('│'))
        .map(|l| l.get(2..).unwrap_or("").split("  ").next().unwrap_or("").to_string())
        .filter(|label| label.contains('…'))
        .collect()
}

fn check(lang: Lang, width: u16, height: u16, screens: &[(&str, &str)], found: &mut Vec<String>) {
    let catalogue = catalogue(lang);
    for (name, keys) in screens {
        let (screen, wide) = screens_at(lang, width, height, keys);
        let mut whole: HashSet<String> = words(&wide).map(str::to_string).collect();
        whole.extend(catalogue.iter().cloned());
        let mut cut = cut(&screen, &whole);
        if FORMS.contains(name) {
            cut.extend(cut_labels(&screen));
        }
        if !cut.is_empty() {
            found.push(format!("{lang:?} {width}x{height} {name} ({keys}): {cut:?}\n{screen}"));
        }
    }
}

#[test]
fn no_word_is_cut_on_any_screen_in_any_language() {
    let mut found = Vec::new();
    for lang in Lang::ALL {
        check(lang, 80, 24, SCREENS, &mut found);
        check(lang, 60, 20, &SCREENS[..5], &mut found);
    }
    assert!(found.is_empty(), "{} screens cut words:\n{}", found.len(), found.join("\n"));
}

/// The net catches what it is for: a date cut short, a word cut without an ellipsis.
#[test]
fn the_net_catches_a_cut_date_and_a_cut_word() {
    let whole: HashSet<String> = ["no", "chair", "since", "20/01/2011"].map(str::to_string).into();
    assert!(cut("│ no chair since 20/01/2011 │", &whole).is_empty());
    assert_eq!(cut("│ no chair since 20/01/201│", &whole), ["20/01/201"]);
    assert_eq!(cut("│ no chair sin│", &whole), ["sin"]);
    assert!(cut("│ no chair sin… │", &whole).is_empty(), "an ellipsis says it goes on");
    // A box drawn over the pane hides the end of a word: it is not cut.
    let over = "│ no  ┌ box ┐ │\n│ chai│ no  │ │\n│ no  └─────┘ │";
    assert!(cut(over, &["no", "box", "chair"].map(str::to_string).into()).is_empty());
    assert_eq!(cut("│ no chai│", &whole), ["chai"], "the pane's own right edge cuts");
    assert!(cut("│   … 12 more below │", &whole).is_empty(), "a list's count of what it hides");
    assert_eq!(
        cut_labels("\"│> Drug-help coordinator (at lea…  1   │\""),
        ["Drug-help coordinator (at lea…"]
    );
    assert!(
        cut_labels("\"│  Person   Bernard Factice — SPF Justice – Serv…│\"").is_empty(),
        "a value may end so"
    );
}
