//! Whole-app flows: key events into the real App, drawn on ratatui's TestBackend, compared
//! with insta snapshots (tests/snapshots/). Review changes with `cargo insta review`.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod tui;

use chrono::NaiveDate;
use pilotage::i18n::Lang;
use tui::Harness;

macro_rules! snap {
    ($name:expr, $h:expr) => {
        insta::assert_snapshot!($name, $h.screen())
    };
}

#[test]
fn every_pane_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut t = Harness::new(Lang::En, w, h);
        snap!(format!("prisons_{w}x{h}"), t);
        t.keys("2");
        snap!(format!("gaps_{w}x{h}"), t);
        t.keys("3");
        snap!(format!("authorisations_{w}x{h}"), t);
        t.keys("4");
        snap!(format!("training_{w}x{h}"), t);
    }
}

#[test]
fn tab_and_shift_tab_cycle_the_panes() {
    let mut t = Harness::new(Lang::En, 80, 24);
    t.keys("<Tab>");
    assert!(t.screen().contains("Membership gaps (81)"));
    t.keys("<BackTab><BackTab>");
    assert!(t.screen().contains("Concertation (CAPB) (16)"), "{}", t.screen());
}

#[test]
fn a_detail_view_of_each_pane() {
    let mut t = Harness::new(Lang::En, 80, 24);
    t.keys("/lantin<Enter><Enter>");
    snap!("detail_prison", t);
    t.keys("<Esc><Esc>2<Enter>");
    snap!("detail_gap", t);
    t.keys("<Esc><End><Enter>");
    snap!("detail_overload", t);
    t.keys("<Esc>3<Enter>");
    snap!("detail_project", t);
    t.keys("<Esc>4<Enter>");
    snap!("detail_need", t);
}

/// Issue 14, point 3: the central group has a row of its own above the prisons, flagged
/// dormant as a local group is, with its gaps and the projects waiting for it; Enter shows why
/// it cannot decide, its seats and meetings, and what waits.
#[test]
fn the_central_group_is_flagged_above_the_prisons() {
    let mut t = Harness::new(Lang::En, 80, 24);
    let first = t.screen().lines().nth(3).unwrap().to_string();
    assert!(
        first.contains("Central group") && first.contains("dormant") && first.contains("15/02/2011"),
        "{first}"
    );
    t.keys("S");
    assert!(t.screen().lines().nth(3).unwrap().contains("Central group"), "above the prisons either way");
    t.keys("g<Enter>");
    let screen = t.screen();
    assert!(screen.contains("! Central group: dormant (last meeting: 15/02/2011)"), "{screen}");
    assert!(screen.contains("no chair since 01/04/2011"), "{screen}");
    snap!("detail_central", t);
    // From the central row, `m` records a meeting of the central group.
    let mut t = Harness::new(Lang::En, 80, 24);
    t.keys("m");
    assert!(t.screen().contains("Central group"), "{}", t.screen());
    let mut fr = Harness::new(Lang::Fr, 80, 24);
    assert!(fr.screen().lines().nth(3).unwrap().contains("Groupe central"), "{}", fr.screen());
    fr.keys("<Enter>");
    snap!("detail_central_fr", fr);
}

#[test]
fn filter_is_live_and_ignores_case_and_accents() {
    let mut t = Harness::new(Lang::En, 80, 24);
    t.keys("/LANTIN");
    snap!("filter_typing", t);
    let screen = t.screen();
    assert!(screen.contains("Prisons (1) /40"));
    assert!(!screen.contains("Andenne"));
    t.keys("<Esc>");
    assert!(t.screen().contains("Andenne"), "Esc clears the filter");
    let mut fr = Harness::new(Lang::Fr, 80, 24);
    fr.keys("2/medecin<Enter>");
    assert!(fr.screen().contains("Médecin"), "accent-insensitive");
    assert!(!fr.screen().contains("Président"));
}

#[test]
fn sort_cycles_columns_with_a_marker_and_reverses() {
    let mut t = Harness::new(Lang::En, 80, 24);
    t.keys("ss");
    assert!(t.screen().contains("Region▲"));
    t.keys("S");
    snap!("sort_region_reversed", t);
    assert!(t.screen().contains("Region▼"));
}

#[test]
fn help_lists_every_key_and_palette_finds_actions() {
    let mut t = Harness::new(Lang::En, 80, 24);
    t.keys("?");
    snap!("help", t);
    let mut seen = t.screen();
    for _ in 0..80 {
        t.keys("<Down>");
        seen.push_str(&t.screen());
    }
    for label in [
        "Tab",
        "Enter",
        "Esc",
        "/",
        "s",
        "S",
        "t",
        "?",
        ":",
        "q",
        "g/Home",
        "G/End",
        "PgUp",
        "Ctrl-U",
        "Ctrl-W",
        "Home/Ctrl-A",
        "Ctrl-S",
        "Ctrl-L",
    ] {
        assert!(seen.contains(label), "help lacks {label}");
    }
    t.keys("<Esc>:train");
    snap!("palette", t);
    t.keys("<Enter>");
    assert!(t.screen().contains("Training needs (17)"), "the palette ran the action");
}

/// At 80x24 every line of the help is whole in all three languages, and its box stays inside
/// the frame (regression: "wachtende toestemmingen to…", a right edge drawn twice).
#[test]
fn help_is_whole_at_80x24_in_every_language() {
    use pilotage::app::action::Action;
    use pilotage::input::keymap::{self, Context};
    for lang in [Lang::En, Lang::Fr, Lang::Nl] {
        let mut t = Harness::new(lang, 80, 24);
        t.keys("?");
        let mut seen = t.screen();
        for _ in 0..80 {
            t.keys("<Down>");
            let screen = t.screen();
            assert!(!screen.contains("┐┐") && !screen.contains("││"), "{screen}");
            seen.push_str(&screen);
        }
        for context in [Context::Table, Context::Form, Context::Checklist, Context::Confirm] {
            for b in keymap::bindings(context, false) {
                let text = lang.t(b.action.label());
                assert!(seen.contains(text), "{lang:?}: help cuts or lacks {text:?}");
            }
        }
        t.keys("<Esc>:");
        let screen = t.screen();
        for a in Action::PALETTE.iter().take(10) {
            assert!(
                screen.contains(lang.t(a.label())),
                "{lang:?}: palette cuts {:?}\n{screen}",
                lang.t(a.label())
            );
        }
    }
}

#[test]
fn each_language() {
    for lang in [Lang::Fr, Lang::Nl] {
        let mut t = Harness::new(lang, 80, 24);
        snap!(format!("prisons_{}", lang.code()), t);
        t.keys("2");
        snap!(format!("gaps_{}", lang.code()), t);
    }
}

#[test]
fn a_past_date_shows_the_past() {
    let past = NaiveDate::from_ymd_opt(2010, 6, 1).unwrap();
    let mut t = Harness::with(Lang::En, 80, 24, Some(past), false);
    snap!("prisons_as_of_2010", t);
    assert!(t.screen().contains("Forest"), "Forest was open in 2010");
    t.keys("3");
    assert!(!t.screen().contains("no chair"), "the central group still had its chair in 2010");
    // Travel with the key: back to today, then to 2015.
    t.keys("T");
    assert!(!t.screen().contains("Forest"));
    t.keys("t01/01/2015<Enter>1");
    assert!(t.screen().contains("as of 01/01/2015"));
    t.keys(&format!("t{}31/02/2015<Enter>", "<Backspace>".repeat(10)));
    assert!(t.screen().contains("31/02/2015 does not exist: February 2015 has 28 days"), "{}", t.screen());
}

#[test]
fn ascii_and_monochrome() {
    let t = Harness::with(Lang::En, 80, 24, None, true);
    snap!("prisons_ascii", t);
    assert!(t.screen().is_ascii(), "ASCII mode draws only ASCII");
}

#[test]
fn too_small_then_back() {
    let mut t = Harness::new(Lang::En, 80, 24);
    t.resize(30, 8);
    snap!("too_small", t);
    for (w, h) in [(1, 1), (0, 0), (2, 40), (250, 1), (40, 10)] {
        t.resize(w, h);
    }
    t.resize(80, 24);
    assert!(t.screen().contains("Prisons (40)"));
}

/// At 80 columns the columns the tasks need stay: counting French-speaking groups needs the
/// language regime (FR/NL prisons were counted as French), the waiting projects their
/// submission date, the training needs their coverage. In all three languages.
#[test]
fn the_columns_the_tasks_need_stay_at_80_columns() {
    for lang in [Lang::En, Lang::Fr, Lang::Nl] {
        let mut t = Harness::new(lang, 80, 24);
        t.keys(if lang == Lang::Nl { "/sint-gillis<Enter>" } else { "/saint-gilles<Enter>" });
        let screen = t.screen();
        assert!(screen.contains("FR/NL"), "{lang:?}: the language regime\n{screen}");
        t.keys("<Esc>3");
        let header = t.screen().lines().nth(2).unwrap().to_string();
        assert!(header.contains(lang.t(pilotage::i18n::Msg::ColSince)), "{lang:?}: {header}");
        assert!(t.screen().contains("10/01/2011"), "{lang:?}: submission dates shown");
        t.keys("4");
        let header = t.screen().lines().nth(2).unwrap().to_string();
        assert!(header.contains(lang.t(pilotage::i18n::Msg::ColCoverage)), "{lang:?}: {header}");
        assert!(t.screen().contains("%"), "{lang:?}: coverage shown");
    }
}

/// The seed's figures drawn year by year (issue 14, point 7): `f` opens them, in two charts
/// (French-speaking above, Dutch-speaking below) whose bars carry their numbers, so nothing
/// rests on colour; Esc closes them. At 80x24, in French too.
#[test]
fn the_trend_of_the_local_groups_year_by_year() {
    let mut t = Harness::new(Lang::En, 80, 24);
    t.keys("f");
    let screen = t.screen();
    assert!(
        screen.contains("French-speaking: groups that meet (12/18 covered have a group now)"),
        "{screen}"
    );
    snap!("trend", t);
    // Down shows the other measures in turn, Up goes back; each view says which it is.
    t.keys("<Down>");
    assert!(t.screen().contains("view 2 of 4"), "{}", t.screen());
    assert!(t.screen().contains("French-speaking: establishments with a group (of 18 covered now)"));
    t.keys("<Down>");
    assert!(t.screen().contains("French-speaking: required seats filled, % (54% now)"), "{}", t.screen());
    // 100% does not fit a bar two columns wide: the bars close up so that it keeps its number.
    assert!(t.screen().contains("│100 80 71 66"), "{}", t.screen());
    snap!("trend_seats", t);
    t.keys("<Down>");
    assert!(
        t.screen().contains("Dutch-speaking: projects waiting for authorisation (2 now)"),
        "{}",
        t.screen()
    );
    snap!("trend_waiting", t);
    t.keys("<Down>");
    assert!(t.screen().contains("view 1 of 4"), "round to the first: {}", t.screen());
    t.keys("<Up>");
    assert!(t.screen().contains("view 4 of 4"), "and back to the last: {}", t.screen());
    t.keys("<Esc>");
    assert!(t.screen().contains("Prisons (40)"));
    let mut fr = Harness::new(Lang::Fr, 80, 24);
    fr.keys("f");
    snap!("trend_fr", fr);
}

/// Each year's bar sits above its year and carries its number; 0 draws no bar and the most
/// a full one (issue 25, 14): read off a drawn trend view, half by half.
fn check_trend(screen: &str) -> usize {
    let grid: Vec<Vec<char>> = screen.lines().map(|l| l.trim_matches('"').chars().collect()).collect();
    let mut years_seen = 0;
    for (row, line) in grid.iter().enumerate().skip(3) {
        let text: String = line.iter().collect();
        let inside = text.trim_matches(|c| c == '│' || c == ' ');
        let labels: Vec<&str> = inside.split_whitespace().collect();
        let is_years = labels.len() > 2
            && labels.iter().all(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_digit()))
            && labels.windows(2).all(|w| w[1].parse::<u32>().unwrap() == w[0].parse::<u32>().unwrap() + 1);
        if !is_years {
            continue;
        }
        let (values, bottom) = (&grid[row - 1], &grid[row - 2]);
        for (col, _) in line.iter().enumerate().filter(|(c, ch)| {
            ch.is_ascii_digit() && line[c + 1].is_ascii_digit() && !line[c - 1].is_ascii_digit()
        }) {
            // The number ends where the year does.
            assert!(values[col + 1].is_ascii_digit(), "no number over the year at {col}:\n{screen}");
            assert!(!values[col + 2].is_ascii_digit(), "a number runs past its year at {col}:\n{screen}");
            let start = (0..=col + 1).rev().take_while(|&c| values[c].is_ascii_digit()).last().unwrap();
            let value: u32 = values[start..=col + 1].iter().collect::<String>().parse().unwrap();
            let bar = &bottom[col..col + 2];
            if value == 0 {
                assert_eq!(bar, [' ', ' '], "a bar drawn for 0 at {col}:\n{screen}");
            } else {
                assert!(bar.iter().all(|c| !c.is_whitespace()), "no bar for {value} at {col}:\n{screen}");
            }
            years_seen += 1;
        }
    }
    years_seen
}

#[test]
fn every_trend_view_draws_each_year_over_its_label_in_every_language() {
    for lang in [Lang::En, Lang::Fr, Lang::Nl] {
        let mut t = Harness::new(lang, 80, 24);
        t.keys("f");
        for view in 0..4 {
            let screen = t.screen();
            assert_eq!(check_trend(&screen), 2 * 21, "{lang:?} view {}:\n{screen}", view + 1);
            t.keys("<Down>");
        }
    }
    // The seats' view in Dutch: a first year of 100 draws a full bar with its number.
    let mut t = Harness::new(Lang::Nl, 80, 24);
    t.keys("f<Down><Down>");
    let screen = t.screen();
    assert!(screen.contains("│100 80 71 66"), "{screen}");
    let top =
        screen.lines().collect::<Vec<_>>().iter().rposition(|l| l.contains("vereiste zetels bezet")).unwrap()
            + 1;
    assert!(screen.lines().nth(top).unwrap().starts_with("\"│ ██ "), "{screen}");
    // A past date: 2006's 2 French-speaking groups that met show, with a bar.
    let mut t =
        Harness::with(Lang::En, 80, 24, Some(chrono::NaiveDate::from_ymd_opt(2011, 12, 31).unwrap()), false);
    t.keys("f");
    let screen = t.screen();
    assert_eq!(check_trend(&screen), 2 * 6, "{screen}");
    // The figures beside the title are the day viewed's: "now" only when that is today.
    assert!(
        screen.contains("(12/16 covered have a group on 31/12/2011)") && !screen.contains("now"),
        "{screen}"
    );
    snap!("trend_2011", t);
}

/// A store with no history draws no 21 years of 0 (issue 25, 18): it says nothing is recorded;
/// once the first meeting is, the chart starts with its year and says so.
#[test]
fn the_trend_starts_with_the_first_record() {
    let mut t = Harness::on_fresh_store();
    t.keys("f");
    let screen = t.screen();
    assert!(screen.contains("No meeting and no member is recorded yet"), "{screen}");
    assert_eq!(check_trend(&screen), 0, "{screen}");
    t.keys("<Esc>m");
    let form = t.screen();
    t.keys("01/03/2024<C-s>y");
    let screen = t.screen();
    t.keys("<Esc><Esc>f");
    let trend = t.screen();
    assert!(
        trend.contains("Nothing is recorded before 2024: the figures start there."),
        "{form}\n{screen}\n{trend}"
    );
    assert_eq!(check_trend(&trend), 2 * 3, "{trend}");
    snap!("trend_from_2024", t);
}

/// The French and Dutch help and titles name keys in their language (issue 25, 9): no "Up",
/// "Down", "PgDn" left in English; French puts a space before a colon.
#[test]
fn keys_are_named_in_the_users_language() {
    for (lang, own) in [(Lang::Fr, "Haut/Bas"), (Lang::Nl, "Omhoog/Omlaag")] {
        let mut t = Harness::new(lang, 80, 24);
        t.keys("?");
        let mut seen = t.screen();
        for _ in 0..10 {
            t.keys("<PageDown>");
            seen.push_str(&t.screen());
        }
        // Dutch keyboards and manuals keep PgDn, Home, End and Backspace.
        let english: &[&str] = match lang {
            Lang::Fr => &["│Up ", "│Down ", "PgDn ", "│Home ", "│End ", "Backspace", "S-Tab"],
            _ => &["│Up ", "│Down ", "S-Tab"],
        };
        for word in english {
            assert!(!seen.contains(word), "{lang:?} help names {word:?} in English:\n{seen}");
        }
        t.keys("<Esc>f");
        assert!(t.screen().contains(own) && !t.screen().contains("Up/Down"), "{}", t.screen());
    }
    let fr = pilotage::i18n::when(Lang::Fr, "2026-12-04T12:48:00Z");
    assert!(fr.starts_with("le 04/12/2026 à ") || fr.starts_with("le 05/12/2026 à "), "{fr}");
    let en = pilotage::i18n::when(Lang::En, "2026-12-04T12:48:00Z");
    assert!(en.starts_with("on ") && en.contains(" at "), "{en}");
}
