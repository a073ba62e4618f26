//! Keeping the data up to date from the keyboard, on TestBackend over a real store:
//! forms, validation, confirmations, undo, and that what the screen says is saved is stored.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod tui;

use chrono::NaiveDate;
use tui::{Harness, today};

#[test]
fn appoint_a_doctor_to_an_empty_seat_then_undo() {
    let mut h = Harness::on_store(false);
    h.keys("2/andenne doctor<Enter>");
    assert!(h.screen().contains("Andenne") && h.screen().contains("Doctor"));
    h.keys("a");
    insta::assert_snapshot!("appoint_form", h.screen());
    h.keys("nathalie");
    assert!(h.screen().contains("Dr. Nathalie Brouillon"), "type-to-search narrows the people");
    h.keys("<Enter><C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    assert!(h.screen().contains("No row matches the filter"), "the gap left the pane");
    h.keys("uy"); // an undo that deletes what was made asks first
    assert!(h.screen().contains("Undone"));
    assert!(h.screen().contains("Doctor"), "the gap is back after undo");
    h.keys("a<Enter><C-s>");
    let data = h.reopened();
    assert!(
        data.memberships
            .values()
            .any(|m| m.seat == "doctor" && m.from == today() && m.group_is_andenne(&data))
    );
}

trait AndenneGroup {
    fn group_is_andenne(&self, data: &pilotage::domain::Dataset) -> bool;
}

impl AndenneGroup for pilotage::domain::Membership {
    fn group_is_andenne(&self, data: &pilotage::domain::Dataset) -> bool {
        data.groups.get(&self.group).and_then(|g| g.establishment.as_deref()) == Some("andenne")
    }
}

#[test]
fn record_an_authorisation_and_it_leaves_the_pending_pane() {
    let mut h = Harness::on_store(false);
    h.keys("3");
    assert!(h.screen().contains("Authorisations (9)"));
    h.keys("n");
    insta::assert_snapshot!("step_form", h.screen());
    // Today the central group has no chair: it could not decide.
    h.keys("<C-s>");
    assert!(h.screen().contains("no chair on 23/11/2026: it could not decide"), "{}", h.screen());
    // On 1 March 2011 it had one; a decision is taken at a meeting, and none is recorded on
    // that day: it used to be made, empty, behind the user's back. The form asks who
    // attended, with the focus there, and records the meeting with them.
    h.keys("<Home><C-u>01/03/2011<Tab>under conditions<C-s>");
    assert!(
        h.screen().contains("A decision is taken at a meeting: no meeting of the central"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("recorded on 01/03/2011"), "{}", h.screen());
    assert!(h.screen().contains("Authorisations (9)"), "nothing saved");
    assert!(h.screen().contains("1 field needs attention"), "the count, as for any field\n{}", h.screen());
    h.keys("<Space><C-s>");
    assert!(h.screen().contains("Authorisations (8)"), "{}", h.screen());
    let central = h.app.data.central_group().unwrap().id;
    let day = chrono::NaiveDate::from_ymd_opt(2011, 3, 1).unwrap();
    let meeting =
        h.app.data.meetings.values().find(|m| m.group == central && m.date == day).expect("recorded");
    assert_eq!(meeting.attendees.len(), 1, "with who attended");
    h.keys("uy"); // an undo that deletes what was made asks first
    assert!(h.screen().contains("Authorisations (9)"));
}

#[test]
fn refusing_asks_first_with_no_as_default_and_needs_a_reason() {
    let mut h = Harness::on_store(false);
    h.keys("3n01/03/2011<BackTab>refu<Enter><C-s>");
    assert!(h.screen().contains("A refusal needs a reason"), "{}", h.screen());
    // The focus went to the field in error, as for every form.
    h.keys("no staff<C-s>");
    assert!(h.screen().contains("tick who attended it here"), "{}", h.screen());
    h.keys("<Space><C-s>");
    assert!(h.screen().contains("Record the refusal of this project?"));
    h.keys("<Enter>");
    assert!(h.screen().contains("Record a step"), "Enter is No: back to the form");
    h.keys("<C-s>y");
    assert!(h.screen().contains("Authorisations (8)"));
}

#[test]
fn a_decision_dated_before_the_submission_is_refused() {
    let mut h = Harness::on_store(false);
    h.keys("3n").clear(10).keys("01/01/2000<C-s>");
    assert!(h.screen().contains("Dated before the project's last step"), "{}", h.screen());
    assert!(h.screen().contains("Authorisations (9)"));
}

#[test]
fn a_meeting_wakes_a_dormant_group() {
    let mut h = Harness::on_store(false);
    h.keys("/andenne<Enter>");
    assert!(h.screen().contains("dormant"));
    h.keys("a");
    insta::assert_snapshot!("meeting_form", h.screen());
    h.keys("<Tab><Enter><Down><Space><Tab>Restarted the group.<C-s>");
    assert!(h.screen().contains("active"), "{}", h.screen());
    h.keys("uy"); // an undo that deletes what was made asks first
    assert!(h.screen().contains("dormant"));
}

#[test]
fn delete_asks_and_no_is_the_default_then_undo_brings_it_back() {
    let mut h = Harness::on_store(false);
    h.keys("4");
    assert!(h.screen().contains("Training needs (17)"));
    h.keys("d");
    insta::assert_snapshot!("delete_question", h.screen());
    h.keys("<Enter>");
    assert!(h.screen().contains("Training needs (17)"), "Enter said no");
    h.keys("dn");
    assert!(h.screen().contains("Training needs (17)"));
    h.keys("dy");
    assert!(h.screen().contains("Training needs (16)"));
    h.keys("u");
    assert!(h.screen().contains("Training needs (17)"));
    assert_eq!(h.reopened().needs.len(), 17, "the undo is stored too");
}

#[test]
fn bad_input_is_refused_next_to_its_field_and_nothing_is_stored() {
    let mut h = Harness::on_store(false);
    let people_before = h.app.data.people.len();
    // A person with no name is refused next to the field.
    h.keys("p<Tab><C-s>");
    assert!(h.screen().contains("! Required"));
    assert_eq!(h.app.data.people.len(), people_before);
    // A pasted name of 1,000 characters stops at the field's limit of 200.
    h.keys("<BackTab>");
    h.keys(&"x".repeat(1_000));
    h.keys("<C-s>");
    assert_eq!(h.app.data.people.len(), people_before + 1);
    assert!(h.app.data.people.values().all(|p| p.name.chars().count() <= 200));
    // A membership that ends before it begins.
    let mut h = Harness::on_store(false);
    h.keys("2/andenne doctor<Enter>anathalie<Enter>");
    h.keys("<Tab>01/01/2020<C-s>");
    assert!(h.screen().contains("Ends before it begins"), "{}", h.screen());
    // An impossible date.
    h.keys("<BackTab>").clear(10).keys("31/02/2025<Tab>");
    assert!(h.screen().contains("31/02/2025 does not exist: February 2025 has 28 days"), "{}", h.screen());
    h.keys("<Esc>");
    assert!(h.screen().contains("Discard the changes?"));
    h.keys("y");
    let data = h.reopened();
    assert!(data.violations().is_empty());
    assert!(!data.memberships.values().any(|m| m.from > today() || m.until.is_some_and(|u| u < m.from)));
}

#[test]
fn read_only_changes_nothing() {
    let mut h = Harness::on_store(true);
    h.keys("2a");
    assert!(h.screen().contains("Read-only"));
    h.keys("4dy");
    assert!(h.screen().contains("Training needs (17)"));
}

#[test]
fn history_shows_who_changed_a_record() {
    let mut h = Harness::on_store(false);
    h.keys("4e<Tab><Tab>").clear(0).keys("<C-s>h");
    let screen = h.screen();
    assert!(
        screen.contains("History: Naloxone and overdose first aid — Lantin"),
        "named in words, not by its key\n{screen}"
    );
    assert!(screen.contains("tester  saved"), "the catalogue's word, not \"put\"\n{screen}");
    // The local date and time in the UI's format.
    let now = chrono::Local::now().format("%d/%m/%Y").to_string();
    assert!(screen.contains(&now), "{screen}");
    assert!(!screen.contains("T") || !screen.contains("Z  tester"), "no ISO stamp\n{screen}");
    // A line longer than the screen is wrapped between words, its end on the next line.
    assert!(screen.contains("in lantin"), "read whole, not cut at 80 columns\n{screen}");
}

#[test]
fn entries_of_a_detail_view_are_edited_and_deleted_in_place() {
    let mut h = Harness::on_store(false);
    let meetings = h.app.data.meetings.len();
    // Lantin's detail: its first entry is the principal director's membership.
    h.keys("/lantin<Enter><Enter>");
    insta::assert_snapshot!("detail_with_entries", h.screen());
    assert!(h.screen().contains("> Principal director: Marie Fictif"));
    // Down to the newest meeting (after the 8 seat lines), then edit it.
    h.keys("jjjjjjjj");
    assert!(h.screen().contains("> 05/11/2026"), "{}", h.screen());
    h.keys("e");
    assert!(h.screen().contains("Edit meeting"));
    h.keys("<Esc>d");
    assert!(h.screen().contains("Delete «05/11/2026"), "{}", h.screen());
    h.keys("y");
    assert_eq!(h.app.data.meetings.len(), meetings - 1);
    h.keys("u");
    assert_eq!(h.app.data.meetings.len(), meetings);
}

#[test]
fn ending_a_membership_asks_first() {
    let mut h = Harness::on_store(false);
    h.keys("/lantin<Enter><Enter>e");
    assert!(h.screen().contains("Edit membership"));
    // Until (last day) is the fifth field; the form opened on the first.
    h.keys("<Tab><Tab><Tab><Tab>30/11/2026<C-s>");
    assert!(h.screen().contains("End this membership?"), "{}", h.screen());
    h.keys("n");
    assert!(h.screen().contains("Edit membership"), "No goes back to the form");
    h.keys("<C-s>y");
    let ended =
        h.app.data.memberships.values().filter(|m| m.until == NaiveDate::from_ymd_opt(2026, 11, 30)).count();
    assert_eq!(ended, 1);
}

#[test]
fn a_session_added_from_a_need_covers_it() {
    let mut h = Harness::on_store(false);
    // Namur's naloxone need is open with no session.
    h.keys("4/namur naloxone<Enter><Enter>a");
    assert!(h.screen().contains("New training session"));
    h.keys("<Tab>SAT Exemple<Tab>").clear(1).keys("35<C-s>");
    assert!(h.screen().contains("delivered"), "{}", h.screen());
}

#[test]
fn a_new_circular_changes_the_seats_from_its_date_and_keeps_the_past() {
    let mut h = Harness::on_store(false);
    h.keys("2/officers<Enter>");
    let before = h.screen();
    assert!(before.contains("Officers' manager"), "{before}");
    // On a local group's gap, c opens the local seats: from 01/01/2026, the officers' manager
    // seat (the 6th) is dropped.
    h.keys("c");
    assert!(h.screen().contains("Seats required — local group"), "{}", h.screen());
    h.keys("01/01/2026<Tab>circular 2026<Tab><Tab><Tab><Tab><Tab><Tab>").clear(1).keys("0<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    // The filter is still "officers": no such gap is left today.
    assert!(h.screen().contains("No row matches the filter"), "{}", h.screen());
    // A view of 2025 still requires the seat.
    h.keys("t31/12/2025<Enter>");
    assert!(h.screen().contains("Officers' manager"), "{}", h.screen());
    // A version dated before the latest is refused.
    h.keys("Tc01/01/2020<Tab>x<C-s>");
    assert!(h.screen().contains("Must be later than the latest template (01/01/2026)"), "{}", h.screen());
}

/// Issue 14, point 8: the thresholds are the coordinator's, from a date on. A longer dormancy
/// period wakes groups today; a view of the past keeps the period then in force; undo puts
/// the old one back.
#[test]
fn the_thresholds_change_from_their_date_and_keep_the_past() {
    let mut h = Harness::on_store(false);
    let dormant = |h: &Harness| rows(h).matches("dormant").count();
    // The date prompt opens on the day viewed: cleared first.
    let view = |h: &mut Harness, date: &str| {
        h.keys("t").clear(10).keys(date).keys("<Enter>");
    };
    // At the end of 2017, the seed's year of four meeting groups.
    view(&mut h, "30/12/2017");
    let past = rows(&h);
    view(&mut h, "31/12/2017");
    let before = dormant(&h);
    assert!(before > 0, "{}", h.screen());
    h.keys("r");
    assert!(h.screen().contains("Thresholds"), "{}", h.screen());
    assert!(h.screen().contains("31/12/2017"), "from the day viewed: {}", h.screen());
    // The dormancy period: from 6 months to 36.
    h.keys("<Tab>").clear(1).keys("36");
    h.keys("<Tab>").clear(2).keys("30<C-s>");
    assert!(h.screen().contains("Saved — Thresholds — 31/12/2017"), "{}", h.screen());
    let after = dormant(&h);
    assert!(after < before, "36 months wake groups that met within 3 years: {before} -> {after}");
    view(&mut h, "30/12/2017");
    assert_eq!(rows(&h), past, "a view before the change keeps six months");
    view(&mut h, "31/12/2017");
    h.keys("uy"); // an undo that deletes what was made asks first
    assert_eq!(dormant(&h), before, "undone: {}", h.screen());
    // Out of bounds is refused by the field.
    h.keys("r<Tab>").clear(1).keys("0<C-s>");
    assert!(h.screen().contains("A whole number from 1 to 60"), "{}", h.screen());
}

/// Issue 14, point 5: each prison shows its coordinator, the French-speaking one for Brussels
/// until the coordinators decide otherwise on the establishment's form.
#[test]
fn a_brussels_prison_gets_the_coordinator_the_coordinators_decide() {
    let mut h = Harness::on_store(false);
    h.keys("/haren<Enter><Enter>");
    assert!(h.screen().contains("Drug coordinator: Marie Fictif (French-speaking)"), "{}", h.screen());
    // The form opens on the group's creation (Haren has none); the coordinator is last.
    h.keys("<Esc>e<Tab><Tab>");
    assert!(h.screen().contains("Brussels: the coordinators decide"), "{}", h.screen());
    h.keys("Dutch<Enter><C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    h.keys("<Enter>");
    assert!(h.screen().contains("Drug coordinator: Piet Verzonnen (Dutch-speaking)"), "{}", h.screen());
    h.keys("<Esc>/<C-u>lantin<Enter><Enter>");
    assert!(h.screen().contains("Drug coordinator: Marie Fictif (French-speaking)"), "{}", h.screen());
}

#[test]
fn a_meeting_of_the_central_group_unblocks_the_waiting_projects() {
    let mut h = Harness::on_store(false);
    h.keys("3");
    assert!(rows(&h).contains("no chair since 01/04/2011;"), "the group has not met either");
    h.keys("m");
    assert!(h.screen().contains("New meeting") && h.screen().contains("Central group"), "{}", h.screen());
    h.keys("<C-s>");
    // Nobody ticked as present: the form asks before saving.
    assert!(
        h.screen().contains("No attendee is recorded for this meeting. Save it anyway?"),
        "{}",
        h.screen()
    );
    h.keys("y");
    assert!(h.screen().contains("Saved — Central group — 23/11/2026"), "{}", h.screen());
    assert!(!rows(&h).contains("no chair since 01/04/2011;"), "{}", h.screen());
    assert!(rows(&h).contains("no chair since 01/04/2011\n"), "the chair is still missing");
    h.keys("uy"); // an undo that deletes what was made asks first
    assert!(rows(&h).contains("no chair since 01/04/2011;"));
}

/// The pane's rows as text, whole (the screen cuts the long reasons at 80 columns).
fn rows(h: &Harness) -> String {
    let rows = h.app.table().rows.iter().map(|r| r.cells().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>();
    rows.join("\n") + "\n"
}

/// Someone else saves the record a form holds while it is open (the server pushes it): the
/// save says who and when and the form stays; Ctrl-S again writes over it, Ctrl-R shows
/// theirs. Undo is checked the same way.
#[test]
fn a_record_saved_by_someone_else_meanwhile_is_a_conflict() {
    use pilotage::app::Overlay;
    use pilotage::app::forms::Purpose;
    use pilotage::client::News;
    use pilotage::domain::{Change, Record};
    let mut h = Harness::on_store(false);
    let push = |h: &mut Harness, topic: &str| {
        let Some(Overlay::Form(form)) = h.app.session.top() else { panic!("a form is open") };
        let Purpose::Need(Some(id)) = form.purpose else { panic!("a need's form") };
        let mut need = h.app.data.needs[&id].clone();
        need.topic = topic.into();
        let next_id = h.app.data.next_id();
        h.app.hear(News::Pushed {
            by: "ann".into(),
            changes: vec![Change::Put(Record::Need(need))],
            next_id,
        });
        id
    };
    // This user changes the number of people; Ann meanwhile the topic. Saving used to write
    // the whole form, silently setting Ann's topic back: only what this user changed is
    // written over hers.
    h.keys("4e<Tab><Tab><Tab><C-u>42");
    let id = push(&mut h, "Ann's topic");
    let before = h.app.data.needs[&id].headcount;
    h.keys("<C-s>");
    assert!(h.screen().contains("ann saved this on "), "{}", h.screen());
    assert!(h.screen().contains("Ctrl-R"), "the way to take theirs: {}", h.screen());
    assert!(h.screen().contains("Ann's topic"), "their version is shown\n{}", h.screen());
    assert_eq!(h.app.data.needs[&id].headcount, before, "nothing written yet");
    h.keys("<C-s>");
    assert!(h.screen().contains("Saved"), "Ctrl-S again saves: {}", h.screen());
    assert_eq!(h.app.data.needs[&id].topic, "Ann's topic", "hers kept where this user changed nothing");
    assert_eq!(h.app.data.needs[&id].headcount, 42, "this user's change written");
    // Both change the topic: hers is shown under this user's, which a save writes.
    h.keys("e<Tab><Tab><C-u>Mine");
    push(&mut h, "Ann's second topic");
    h.keys("<C-s>");
    assert!(h.screen().contains("theirs: Ann's second topic"), "{}", h.screen());
    // Ctrl-R over typed changes asks first, and takes theirs whole on yes.
    h.keys("<C-r>");
    assert!(h.screen().contains("Take their version and drop what you typed?"), "{}", h.screen());
    h.keys("n");
    assert!(h.screen().contains("Mine"), "no keeps what was typed\n{}", h.screen());
    h.keys("<C-r>y");
    assert!(h.screen().contains("Ann's second topic") && !h.screen().contains("Mine"), "{}", h.screen());
    h.keys("<Esc>");
    // Undo of a change Ann has changed since: said first, done on the second u.
    h.keys("u");
    assert!(h.screen().contains("ann changed this on "), "{}", h.screen());
    h.keys("u");
    assert!(h.screen().contains("Undone"), "{}", h.screen());
}

/// The coordinator grants access from the UI too, as `pilotage users grant` does: the palette's
/// "grant access", an account, a role, its prison; the store's owner becomes the first
/// coordinator in the same save.
#[test]
fn the_coordinator_grants_access_from_the_palette() {
    let mut h = Harness::on_store(false);
    h.keys(":grant access<Enter>");
    assert!(h.screen().contains("Access to the store"), "{}", h.screen());
    h.keys("4242<Tab><Tab>lantin<Space><C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    // Staff without a prison is said beside the field.
    h.keys(":grant access<Enter>4343<C-s>");
    assert!(h.screen().contains("at least one establishment"), "{}", h.screen());
    h.keys("<Esc>y");
    let data = h.reopened();
    let staff = data.accounts.values().find(|a| a.uid == 4242).expect("the grant");
    assert_eq!(staff.role, pilotage::domain::access::Role::PrisonStaff(vec!["lantin".into()]));
    assert!(data.accounts.values().any(|a| a.role == pilotage::domain::access::Role::Coordinator));
}

/// Undoing a creation deleted it with no question, and nothing could be redone. An undo that
/// deletes asks first (No the default, and then it stays to be undone), and z (or Ctrl-Y)
/// redoes.
#[test]
fn an_undo_that_deletes_asks_and_ctrl_y_redoes() {
    let mut h = Harness::on_store(false);
    h.keys("pDr. Undo Me<C-s>");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let count = |h: &Harness| h.app.data.people.values().filter(|p| p.name == "Dr. Undo Me").count();
    assert_eq!(count(&h), 1);
    h.keys("u");
    assert!(h.screen().contains("deletes what it made"), "{}", h.screen());
    h.keys("<Enter>");
    assert_eq!(count(&h), 1, "Enter is No");
    h.keys("uy");
    assert_eq!(count(&h), 0, "undone on yes");
    assert!(h.screen().contains("Undone"), "{}", h.screen());
    h.keys("z");
    assert_eq!(count(&h), 1, "redone");
    assert!(h.screen().contains("Redone"), "{}", h.screen());
    h.keys("<C-y>");
    assert!(h.screen().contains("Nothing to redo"), "{}", h.screen());
    // The redo is in the store, and can be undone again.
    h.keys("uy");
    assert_eq!(count(&h), 0);
    let data = h.reopened();
    assert!(!data.people.values().any(|p| p.name == "Dr. Undo Me"));
}

/// `e` meant two things under one label: the next step on an Authorisations row, the
/// project's fields in its detail (issue 25, 12). Recording a step has its own key, `n`,
/// the same in the pane and the detail, and the hint bar offers it where there is a project.
#[test]
fn a_step_has_its_own_key_in_the_pane_and_in_the_detail() {
    let mut h = Harness::on_store(false);
    assert!(!h.screen().contains("n next step"), "no project on the Prisons pane: {}", h.screen());
    h.keys("n");
    assert!(h.screen().contains("choose a project first"), "{}", h.screen());
    h.keys("3");
    assert!(h.screen().contains("n next step"), "{}", h.screen());
    h.keys("e");
    assert!(h.screen().contains("Edit project"), "{}", h.screen());
    h.keys("<Esc>n");
    assert!(h.screen().contains("Record a step"), "{}", h.screen());
    h.keys("<Esc><Enter>");
    assert!(h.screen().contains("n next step"), "{}", h.screen());
    h.keys("n");
    assert!(h.screen().contains("Record a step"), "{}", h.screen());
    h.keys("<Esc>e");
    assert!(h.screen().contains("Edit project"), "{}", h.screen());
}

#[test]
fn a_on_a_seats_line_appoints_to_it_and_replacing_the_holder_asks_first() {
    let mut h = Harness::on_store(false);
    h.keys("/lantin<Enter><Enter>j");
    assert!(h.screen().contains("> Doctor: Dr. Nathalie Brouillon"), "{}", h.screen());
    h.keys("a");
    assert!(h.screen().contains("Appoint to a seat") && h.screen().contains("Doctor"), "{}", h.screen());
    h.keys("isabelle prototype<Enter><C-s>");
    let screen = h.screen();
    assert!(
        screen.contains("Dr. Nathalie Brouillon holds this seat since 27/11/2006"),
        "the question names who is replaced\n{screen}"
    );
    h.keys("n");
    assert!(h.screen().contains("Appoint to a seat"), "No goes back to the form");
    h.keys("<C-s>y");
    assert!(h.screen().contains("Saved"), "{}", h.screen());
    let data = h.reopened();
    let doctors: Vec<_> = data
        .memberships
        .values()
        .filter(|m| m.seat == "doctor" && data.groups[&m.group].establishment.as_deref() == Some("lantin"))
        .collect();
    let ended = doctors.iter().find(|m| data.people[&m.person].name == "Dr. Nathalie Brouillon").unwrap();
    assert_eq!(ended.until, today().pred_opt(), "the holder before ends the day before");
    let new = doctors.iter().find(|m| data.people[&m.person].name == "Isabelle Prototype").unwrap();
    assert_eq!((new.from, new.until), (today(), None));
}
