//! Forms and keys that never surprise (issue 12): each test is named after what a new user
//! met on the way, and fails on the code before the fix.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod tui;

use pilotage::app::Overlay;
use pilotage::domain::Priority;
use tui::Harness;

fn form(h: &Harness) -> &pilotage::app::forms::EditForm {
    match h.app.session.top() {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form open: {other:?}\n{}", h.screen()),
    }
}

/// Enter on a pick-list that was not touched keeps its value: a need's priority stayed
/// `medium`, a membership stayed in its group.
#[test]
fn a_pick_list_opens_on_the_current_value() {
    let mut h = Harness::on_store(false);
    h.keys("4/namur prison<Enter>");
    let need =
        h.app.data.needs.values().find(|n| n.establishment == "namur" && n.headcount == 35).unwrap().clone();
    assert_eq!(need.priority, Priority::High);
    h.keys("e");
    // Prison, staff, topic, people, priority.
    h.keys("<Tab><Tab><Tab><Tab>");
    assert!(h.screen().contains("> ( ) high") || h.screen().contains("> (*) high"), "{}", h.screen());
    assert!(h.screen().contains("> (*) high"), "the highlight sits on the current value\n{}", h.screen());
    h.keys("<Enter>");
    assert!(!form(&h).changed, "Enter on the current value changes nothing");
    h.keys("<C-s>");
    assert_eq!(h.app.data.needs[&need.id].priority, Priority::High);
    // A membership's group list opens on its group.
    let mut h = Harness::on_store(false);
    h.keys("1/lantin<Enter><Enter>");
    h.keys("<Down>e");
    let before = h.app.data.memberships.clone();
    let group = form(&h).fields[0].chosen_value().map(str::to_string);
    assert!(group.is_some(), "{}", h.screen());
    h.keys("<BackTab><BackTab><BackTab><BackTab><BackTab><BackTab><Enter>");
    assert_eq!(form(&h).fields[0].chosen_value().map(str::to_string), group);
    h.keys("<Esc>");
    assert_eq!(h.app.data.memberships, before);
}

/// "1" then "40" gave "140"; a date became "25/11/20262". The first key replaces a prefilled
/// value; an editing key (Home, Backspace) makes it the user's to change.
#[test]
fn typing_into_a_prefilled_field_replaces_it() {
    let mut h = Harness::on_store(false);
    h.keys("4a");
    h.keys("<Tab><Tab><Tab>");
    assert_eq!(form(&h).fields[3].input.value(), "1");
    h.keys("40");
    assert_eq!(form(&h).fields[3].input.value(), "40");
    h.keys("<Tab><Tab>");
    assert_eq!(form(&h).fields[5].input.value(), "23/11/2026");
    h.keys("01/10/2026");
    assert_eq!(form(&h).fields[5].input.value(), "01/10/2026");
    // Home, then typing, inserts: the text is the user's now.
    h.keys("<BackTab><BackTab><Home>1");
    assert_eq!(form(&h).fields[3].input.value(), "140");
    h.keys("<C-u>7");
    assert_eq!(form(&h).fields[3].input.value(), "7");
}

/// Ctrl-S with errors: the focus goes to the first field in error and the form says how many.
#[test]
fn saving_with_errors_points_at_them() {
    let mut h = Harness::on_store(false);
    h.keys("p<Tab><Tab><C-s>");
    assert_eq!(form(&h).focus, 0, "back on the name");
    assert!(h.screen().contains("1 field needs attention"), "{}", h.screen());
    assert!(h.screen().contains("! Required"));
}

/// Space ticks in a checklist; typing filters, on a line of its own.
#[test]
fn space_ticks_a_checklist() {
    let mut h = Harness::on_store(false);
    h.keys("pDr. Test<Tab><Tab><Tab>");
    assert!(h.screen().contains("Space tick / untick"), "the hint says so\n{}", h.screen());
    h.keys("<Space>");
    assert_eq!(form(&h).fields[3].chosen.len(), 1);
    assert_eq!(form(&h).fields[3].input.value(), "", "no hidden filter");
    h.keys("<Space>");
    assert!(form(&h).fields[3].chosen.is_empty(), "Space again unticks");
    h.keys("psy");
    assert!(h.screen().contains("filter: psy"), "the filter shows where it goes\n{}", h.screen());
    // Typed to narrow, Space still ticks the name highlighted, and the list's line says so.
    assert!(h.screen().contains("Space tick / untick"), "{}", h.screen());
    assert!(h.screen().contains("Space ticks, Enter goes on"), "{}", h.screen());
    // Enter never ticks: a list checked by hand is not changed by the key that moves on.
    h.keys("<Enter>");
    assert!(form(&h).fields[3].chosen.is_empty(), "Enter ticked nothing");
    h.keys("<BackTab>psy<Space>");
    assert!(
        h.screen().contains("[x] 1: "),
        "the count of those ticked
{}",
        h.screen()
    );
    h.keys("<Enter><C-s>");
    let person = h.app.data.people.values().find(|p| p.name == "Dr. Test").unwrap();
    assert!(person.has(pilotage::domain::Qualification::Psychologist));
}

/// Enter on a checklist (a meeting's attendees, a person's qualifications) used to untick the
/// entry highlighted, and the record was saved with the wrong people. Enter never changes it.
#[test]
fn enter_never_unticks_an_attendee() {
    let mut h = Harness::on_store(false);
    h.keys("pDr. Test<Tab><Tab><Tab><Space><Down><Space>");
    assert_eq!(form(&h).fields[3].chosen.len(), 2);
    h.keys("<Up><Enter>");
    assert_eq!(form(&h).fields[3].chosen.len(), 2, "Enter on a ticked entry leaves it ticked");
    assert_eq!(form(&h).focus, 4, "and goes on");
}

/// Appointing someone not in the store: the list offers to create them, the person's form
/// opens prefilled, and the appointment comes back with them chosen.
#[test]
fn an_appointment_creates_the_person_it_does_not_find() {
    let mut h = Harness::on_store(false);
    h.keys("2/andenne doctor<Enter>a");
    h.keys("Zoé Nouvelle");
    assert!(h.screen().contains("new person «Zoé Nouvelle»"), "{}", h.screen());
    h.keys("<Enter>");
    assert!(h.screen().contains("New person"), "{}", h.screen());
    assert_eq!(form(&h).fields[0].input.value(), "Zoé Nouvelle");
    h.keys("doctor<Tab><Tab>phys<Space><C-s>");
    assert!(h.screen().contains("Appoint to a seat"), "back to the appointment\n{}", h.screen());
    assert!(h.screen().contains("Zoé Nouvelle"), "{}", h.screen());
    h.keys("<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let data = h.reopened();
    let zoe = data.people.values().find(|p| p.name == "Zoé Nouvelle").unwrap();
    assert!(data.memberships.values().any(|m| m.person == zoe.id && m.seat == "doctor"));
}

/// A typed name is not thrown away on Tab: a single match is chosen, else the text stays.
#[test]
fn tab_keeps_what_was_typed_into_a_list() {
    let mut h = Harness::on_store(false);
    h.keys("2/andenne doctor<Enter>a");
    h.keys("alain temoin<Tab>");
    assert!(form(&h).fields[2].chosen_value().is_some(), "one match: chosen");
    h.keys("<BackTab><C-u>nobody at all<Tab>");
    assert!(h.screen().contains("nobody at all"), "the text stays in sight\n{}", h.screen());
}

/// Three pasted lines went into the field and then ran as keys, opening another record's
/// form. A paste goes into the focused field only; on a table it does nothing.
#[test]
fn a_paste_goes_into_the_field_only() {
    let mut h = Harness::on_store(false);
    let before = h.app.data.clone();
    h.keys("p");
    h.paste("Dr. Collé\n3d\ny");
    assert_eq!(form(&h).fields[0].input.value(), "Dr. Collé 3d y");
    h.keys("<Esc>y");
    h.paste("3dy");
    assert!(h.app.session.top().is_none());
    assert_eq!(h.app.data, before, "nothing ran as keys");
    // Notes keep their lines.
    h.keys("1/lantin<Enter>a<Tab><Tab><Tab>");
    h.paste("first\nsecond");
    assert_eq!(form(&h).fields[4].input.value(), "first\nsecond");
}

/// At 30x8, `3 d y` deleted a project the user could not see. Only q, Ctrl-C, Ctrl-L and a
/// resize act then.
#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut h = Harness::on_store(false);
    let before = h.app.data.clone();
    h.resize(30, 8);
    assert!(h.screen().contains("too small"));
    h.keys("3dy");
    h.keys("pX<C-s>");
    assert_eq!(h.app.data, before);
    h.resize(80, 24);
    assert!(h.app.session.top().is_none(), "{}", h.screen());
    assert!(h.screen().contains("[1 Prisons"), "still on the first pane");
    h.resize(30, 8);
    h.keys("q");
    assert!(h.app.session.should_quit);
}

/// Hints are the keymap's: the discard question shows its own keys, in the UI language.
#[test]
fn the_discard_question_shows_its_keys() {
    let mut h = Harness::on_store(false);
    h.keys("px<Esc>");
    let screen = h.screen();
    let hints = screen.lines().last().unwrap();
    assert!(hints.contains("y yes") && hints.contains("n/Enter/Esc no"), "{screen}");
    assert!(screen.contains("Discard the changes?  y yes   n/Enter/Esc no"), "{screen}");
    h.keys("n");
    assert!(matches!(h.app.session.top(), Some(Overlay::Form(_))), "n goes back to the form");
    h.keys("<Esc>y");
    assert!(h.app.session.top().is_none());
}

/// Ctrl-L draws the whole screen again: what the terminal lost (stray glyphs, a cleared
/// screen) comes back, although nothing in the app changed.
#[test]
fn ctrl_l_draws_the_whole_screen_again() {
    use ratatui::backend::Backend;
    let mut h = Harness::on_store(false);
    let before = h.screen();
    h.terminal.backend_mut().clear().unwrap();
    h.keys("jk");
    assert_ne!(h.screen(), before, "a frame draws only what changed");
    h.keys("<C-l>");
    assert_eq!(h.screen(), before);
}

/// Undo landed on Mons, not on the row it brought back; a new need was added at the bottom
/// while the selection stayed on row 1. The selection follows the record concerned.
#[test]
fn undo_and_add_select_the_record_concerned() {
    let mut h = Harness::on_store(false);
    h.keys("4jjjj");
    let namur = h.app.table().selected_row().unwrap().target.clone();
    h.keys("dy");
    assert_ne!(h.app.table().selected_row().unwrap().target, namur);
    h.keys("gu");
    assert_eq!(h.app.table().selected_row().unwrap().target, namur, "undo selects what it restored");
    h.keys("g");
    h.keys("aArlon<Enter>officers<Enter>Naloxone<Tab>12<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let row = h.app.table().selected_row().unwrap();
    assert!(
        row.cells().any(|c| c == "Arlon") && row.cells().any(|c| c.starts_with("Naloxone")),
        "{:?}",
        row.cells().collect::<Vec<_>>()
    );
}

/// What `e` and `d` act on came from the last frame's text: with no frame drawn in between,
/// `d` in a detail view found nothing. The detail view is the app's now; drawing only reads.
#[test]
fn a_detail_view_acts_without_a_frame_drawn() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut h = Harness::on_store(false);
    for c in "/lantin\r\rjjjjjjjjd".chars() {
        let code = if c == '\r' { KeyCode::Enter } else { KeyCode::Char(c) };
        pilotage::input::handle_key(&mut h.app, &KeyEvent::new(code, KeyModifiers::NONE));
    }
    match h.app.session.top() {
        Some(Overlay::Confirm { question, .. }) => assert!(question.contains("05/11/2026"), "{question}"),
        other => panic!("no question: {other:?}"),
    }
}

/// The task of the closing note, as a new user does it at 80x24 on a fresh store:
/// find Lantin, appoint a doctor not yet in the store, record yesterday's meeting of its
/// local group with three attendees (two of them new too), and see Lantin become active.
#[test]
fn a_new_user_appoints_a_doctor_and_records_a_meeting_on_a_fresh_store() {
    let mut h = Harness::on_fresh_store();
    // Find Lantin, open it: a new store invents no group, so Lantin's is said to be missing;
    // `a` opens the form where its creation date creates it, the cursor on that date.
    h.keys("/lantin<Enter><Enter>");
    assert!(h.screen().contains("No local group since"), "{}", h.screen());
    h.keys("a01/09/2007<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    // Then down to its vacant doctor's seat, and appoint.
    assert!(h.screen().contains("Doctor: (vacant)"), "{}", h.screen());
    h.keys("<Down>e");
    assert!(h.screen().contains("Appoint to a seat"), "{}", h.screen());
    h.keys("Dr. Zoé Nouvelle<Enter>");
    assert!(h.screen().contains("New person"), "{}", h.screen());
    h.keys("<Tab><Tab>phys<Space><C-s>");
    h.keys("<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    assert!(h.screen().contains("Doctor: Dr. Zoé Nouvelle"), "{}", h.screen());
    // Yesterday's meeting: the date typed over today's; everyone listed, since the doctor was
    // appointed today; two colleagues created from the list.
    h.keys("m22/11/2026<Tab><Down><Enter>");
    assert!(h.screen().contains("everyone"), "{}", h.screen());
    h.keys("<Space>Jean Deux<Enter><C-s>Marie Trois<Enter><C-s>");
    let attendees = form(&h).fields[3].chosen_values();
    assert_eq!(attendees.len(), 3, "{}", h.screen());
    assert!(h.app.data.people.values().any(|p| p.name == "Jean Deux"), "a name with a space, typed whole");
    h.keys("<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    h.keys("<Esc>");
    let row = h.app.table().selected_row().unwrap().cells().collect::<Vec<_>>().join(" ");
    assert!(row.contains("Lantin") && row.contains("active") && row.contains("22/11/2026"), "{row}");
}

/// Which establishments the circular covers is the coordinator's to decide, from a date: a
/// forensic psychiatric centre decided covered from 2020 needs a group from then on, and a
/// view of 2019 still shows it as not required (issue 14, point 1).
#[test]
fn the_coordinator_decides_what_the_circular_covers_from_a_date() {
    let mut h = Harness::on_fresh_store();
    h.keys("/centrum gent<Enter>");
    assert!(h.screen().contains("not required"), "{}", h.screen());
    h.keys("e<Down><Down>yes<Enter>01/01/2020<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let e = &h.app.data.establishments["fpc-gent"];
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(
        e.coverage,
        vec![pilotage::domain::establishment::Coverage { from: d(2020, 1, 1), covered: true }]
    );
    assert!(!e.covered_on(d(2019, 12, 31)) && e.covered_on(d(2020, 1, 1)));
    let row = h.app.table().selected_row().unwrap().cells().collect::<Vec<_>>().join(" ");
    assert!(row.contains("missing"), "{row}");
    let gent = |h: &Harness| {
        h.app.situation.prisons.iter().find(|p| p.establishment == "fpc-gent").cloned().unwrap()
    };
    assert_eq!(gent(&h).missing_since, Some(d(2020, 1, 1)));
    // One count in both panes: the missing group is the one gap the Gaps pane lists.
    let cells = h.app.table().selected_row().unwrap().cells().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(cells[5], "1", "{cells:?}");
    h.keys("2");
    let listed = h.app.table().rows.iter().filter(|r| r.cells().next() == Some(cells[0].as_str())).count();
    assert_eq!(listed, 1, "{}", h.screen());
    h.keys("1");
    h.keys("t31/12/2019<Enter>");
    assert!(!gent(&h).covered && gent(&h).missing_since.is_none(), "{}", h.screen());
}

/// Ctrl-C over a form with typed changes lost them at once, while Esc asked. It asks the
/// same question now, keeps everything on no, and quits at once when nothing is unsaved.
#[test]
fn ctrl_c_asks_before_losing_what_was_typed() {
    let mut h = Harness::on_store(false);
    h.keys("pDr. Unsaved<C-c>");
    assert!(!h.app.session.should_quit, "asked first");
    assert!(h.screen().contains("Quit and lose what is not saved?"), "{}", h.screen());
    h.keys("n");
    assert!(!h.app.session.should_quit);
    assert_eq!(form(&h).fields[0].input.value(), "Dr. Unsaved", "the form comes back whole");
    h.keys("<C-c>y");
    assert!(h.app.session.should_quit, "yes quits");

    let mut h = Harness::on_store(false);
    h.keys("p<C-c>");
    assert!(h.app.session.should_quit, "nothing typed: at once");
}

/// An error and the form's count stayed on screen after the value was fixed and the user
/// moved on: both go as soon as the field is right.
#[test]
fn errors_go_once_fixed() {
    let mut h = Harness::on_store(false);
    h.keys("p<C-s>");
    assert!(h.screen().contains("1 field needs attention") && h.screen().contains("! Required"));
    h.keys("Dr. Fixed<Tab>");
    assert!(!h.screen().contains("needs attention"), "{}", h.screen());
    assert!(!h.screen().contains("! Required"), "{}", h.screen());
}

/// `?` in the trend view closed it, though its key bar offers help; the help scrolled only
/// line by line. It opens over the trend view and closes back to it, and pages as tables do.
#[test]
fn help_pages_and_opens_over_the_trend_view() {
    let mut h = Harness::on_store(false);
    h.resize(80, 24);
    h.keys("f?");
    assert!(h.screen().contains("Keys"), "the help\n{}", h.screen());
    let first = h.screen();
    h.keys("<End>");
    let end = h.screen();
    assert_ne!(first, end, "End goes to the end");
    h.keys("<Up>");
    assert_ne!(h.screen(), end, "and Up comes back at once, with no dead keys");
    h.keys("<Home>");
    assert_eq!(h.screen(), first);
    h.keys("<PageDown>");
    assert_ne!(h.screen(), first);
    h.keys("<Esc>");
    assert!(
        matches!(h.app.session.top(), Some(pilotage::app::Overlay::Trend { .. })),
        "back to the trend view"
    );
}

/// The attendee list offered «new person» only when it listed everyone, unlike a seat's
/// appointment: it offers it on the members' list too, and the new person comes back ticked.
#[test]
fn an_attendee_not_yet_in_the_store_is_created_from_the_list() {
    let mut h = Harness::on_store(false);
    h.keys("/andenne<Enter>a<Tab><Enter>");
    h.keys("Zoé Présente");
    assert!(h.screen().contains("new person «Zoé Présente»"), "{}", h.screen());
    h.keys("<Enter>");
    assert!(h.screen().contains("New person"), "{}", h.screen());
    h.keys("<C-s>");
    assert!(h.screen().contains("New meeting"), "back to the meeting\n{}", h.screen());
    assert!(h.screen().contains("[x] 1: Zoé Présente"), "ticked\n{}", h.screen());
    h.keys("<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let data = h.reopened();
    let zoe = data.people.values().find(|p| p.name == "Zoé Présente").expect("made");
    assert!(data.meetings.values().any(|m| m.attendees.contains(&zoe.id)), "recorded as present");
}

/// A list longer than the form shows says how many entries it hides, and PgDn/PgUp turn it a
/// page at a time.
#[test]
fn a_long_list_says_what_it_hides_and_pages() {
    let mut h = Harness::on_store(false);
    h.keys("2/andenne doctor<Enter>a");
    assert!(h.screen().contains("more below") && !h.screen().contains("more above"), "{}", h.screen());
    h.keys("<PageDown><PageDown>");
    let field = &form(&h).fields[2];
    assert_eq!(field.highlight, 10, "two pages of five");
    assert!(h.screen().contains("more above"), "{}", h.screen());
    h.keys("<PageUp><PageUp><PageUp>");
    assert_eq!(form(&h).fields[2].highlight, 0);
    // Nothing typed in its filter: End and Home go to the last and the first entry.
    h.keys("<End>");
    let people = h.app.data.people.len();
    assert_eq!(form(&h).fields[2].highlight + 1, people, "the last person");
    h.keys("<Home>");
    assert_eq!(form(&h).fields[2].highlight, 0);
}
