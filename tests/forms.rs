//! Validation of every form: what each refuses, and that a valid one gives a sound record.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use pilotage::app::form::{Field, FieldKind};
use pilotage::app::forms::{self, EditForm, FormSource, Purpose};
use pilotage::demo::demo_dataset;
use pilotage::domain::{Change, Dataset, Record};
use pilotage::i18n::Lang;
use tui_input::Input;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn ctx(data: &Dataset) -> FormSource<'_> {
    FormSource { data, as_of: today(), today: today(), lang: Lang::En }
}

fn set(form: &mut EditForm, index: usize, text: &str) {
    form.fields[index].input = Input::new(text.to_string());
}

/// Chooses options by their labels (a prefix is enough), as typing and Enter would.
fn choose(form: &mut EditForm, index: usize, labels: &[&str]) {
    let field: &mut Field = &mut form.fields[index];
    field.chosen = labels
        .iter()
        .map(|l| {
            field
                .options()
                .iter()
                .position(|o| o.label.starts_with(l))
                .unwrap_or_else(|| panic!("no option {l}"))
        })
        .collect();
}

/// Saves, applying the changes to a copy of the data so the result can be checked.
fn save(form: &mut EditForm, data: &Dataset) -> Result<Dataset, String> {
    match forms::save(form, &ctx(data)) {
        Some(changes) => {
            let mut after = data.clone();
            for c in changes {
                after.apply(c);
            }
            Ok(after)
        }
        None => Err(form
            .fields
            .iter()
            .find_map(|f| f.error.clone())
            .or_else(|| form.error.clone())
            .unwrap_or_else(|| "refused without a message".into())),
    }
}

fn open(purpose: Purpose, data: &Dataset) -> EditForm {
    forms::open(purpose, &ctx(data)).expect("the form opens")
}

#[test]
fn person_requires_a_name_and_refuses_control_characters() {
    let data = demo_dataset(today());
    let mut f = open(Purpose::Person(None), &data);
    assert_eq!(save(&mut f, &data).unwrap_err(), "Required");
    set(&mut f, 0, "Dr. A\u{1b}[2J");
    assert!(save(&mut f, &data).unwrap_err().contains("Control characters"));
    set(&mut f, 0, "Dr. Ünal Örnek — ‏طبيب");
    choose(&mut f, 3, &["physician"]);
    let after = save(&mut f, &data).unwrap();
    assert!(
        after
            .people
            .values()
            .any(|p| p.name.starts_with("Dr. Ünal") && p.has(pilotage::domain::Qualification::Physician))
    );
}

#[test]
fn membership_refuses_a_backwards_period_an_own_delegate_and_a_foreign_seat() {
    let data = demo_dataset(today());
    let andenne = data.local_group("andenne", today()).unwrap().id;
    let mut f = open(
        Purpose::Membership { existing: None, group: Some(andenne), seat: Some("doctor".into()) },
        &data,
    );
    choose(&mut f, 2, &["Dr. Nathalie"]);
    set(&mut f, 3, "01/06/2026");
    set(&mut f, 4, "31/05/2026");
    assert_eq!(save(&mut f, &data).unwrap_err(), "Ends before it begins");
    set(&mut f, 4, "");
    choose(&mut f, 5, &["Dr. Nathalie"]);
    assert!(save(&mut f, &data).unwrap_err().contains("own delegate"));
    f.fields[5].chosen.clear();
    // A local seat in the central group does not exist.
    choose(&mut f, 0, &["Central group"]);
    assert!(save(&mut f, &data).unwrap_err().contains("does not exist in that group"));
    choose(&mut f, 0, &["Local group Andenne"]);
    let after = save(&mut f, &data).unwrap();
    assert!(after.violations().is_empty());
}

#[test]
fn meeting_attendees_must_be_members_on_that_date() {
    let data = demo_dataset(today());
    let andenne = data.local_group("andenne", today()).unwrap().id;
    let mut f = open(Purpose::Meeting { existing: None, group: Some(andenne) }, &data);
    const OFFER: usize = 2;
    const ATTENDEES: usize = 3;
    let members = f.fields[ATTENDEES].options().len();
    assert!(members > 0);
    // The list says why it holds only the members.
    assert!(f.fields[ATTENDEES].note.as_deref().unwrap().contains("members of the group on 23/11/2026"));
    // Someone who is no member: forced in, as a crafted form would.
    let stranger = data
        .people
        .values()
        .find(|p| !f.fields[ATTENDEES].options().iter().any(|o| o.value == p.id.to_string()))
        .unwrap();
    if let FieldKind::Multi { options } = &mut f.fields[ATTENDEES].kind {
        options.push(pilotage::app::form::Opt::new(stranger.id.to_string(), stranger.name.clone()));
    }
    f.fields[ATTENDEES].chosen = vec![members];
    assert!(save(&mut f, &data).unwrap_err().contains("is not a member of the group"));
    // Listing everyone lets a guest be recorded as present.
    choose(&mut f, OFFER, &["everyone"]);
    forms::refresh(&mut f, &ctx(&data));
    assert!(f.fields[ATTENDEES].note.is_none());
    assert_eq!(f.fields[ATTENDEES].options().len(), data.people.len());
    choose(&mut f, ATTENDEES, &[&stranger.name]);
    let after = save(&mut f, &data).unwrap();
    assert!(after.meetings.values().any(|m| m.attendees == vec![stranger.id]));
    choose(&mut f, OFFER, &["members"]);
    forms::refresh(&mut f, &ctx(&data));
    f.fields[ATTENDEES].chosen = vec![0];
    set(&mut f, 1, "29/02/2026");
    assert_eq!(save(&mut f, &data).unwrap_err(), "29/02/2026 does not exist: February 2026 has 28 days");
    // A meeting held is not dated after today.
    set(&mut f, 1, "24/11/2026");
    assert!(save(&mut f, &data).unwrap_err().starts_with("Cannot be after today (23/11/2026)"));
    set(&mut f, 1, "28/02/2026");
    assert!(save(&mut f, &data).unwrap().violations().is_empty());
}

/// A decision is recorded once taken: an authorisation dated 2030 is refused, not left
/// waiting after "Saved".
#[test]
fn a_step_is_not_dated_in_the_future() {
    let data = demo_dataset(today());
    let day = chrono::NaiveDate::from_ymd_opt(2011, 3, 1).unwrap();
    let waiting = data.projects.values().find(|p| p.pending_since(today()).is_some_and(|s| s < day)).unwrap();
    let mut step = open(Purpose::Step(waiting.id), &data);
    choose(&mut step, 0, &["authorised"]);
    set(&mut step, 1, "01/01/2030");
    assert!(save(&mut step, &data).unwrap_err().starts_with("Cannot be after today"));
    set(&mut step, 1, "01/03/2011");
    // No meeting of the central group that day: it is recorded with who attended, never empty.
    forms::refresh(&mut step, &ctx(&data));
    assert!(save(&mut step, &data).unwrap_err().starts_with("A decision is taken at a meeting"));
    step.fields[3].chosen = vec![0];
    let after = save(&mut step, &data).unwrap();
    assert_eq!(after.projects[&waiting.id].pending_since(today()), None);
    let central = after.central_group().unwrap().id;
    let day = NaiveDate::from_ymd_opt(2011, 3, 1).unwrap();
    assert!(after.meetings.values().any(|m| m.group == central && m.date == day && m.attendees.len() == 1));
}

#[test]
fn project_and_its_steps() {
    let data = demo_dataset(today());
    let mut f = open(Purpose::Project(None), &data);
    choose(&mut f, 0, &["Mons"]);
    assert_eq!(save(&mut f, &data).unwrap_err(), "Required");
    set(&mut f, 1, "Urine tests on admission");
    choose(&mut f, 3, &["urine tests"]);
    let after = save(&mut f, &data).unwrap();
    let p = after.projects.values().find(|p| p.title == "Urine tests on admission").unwrap();
    assert!(p.history_is_consistent() && p.needs_authorisation());
    // A draft cannot be authorised before it is submitted.
    let mut step = open(Purpose::Step(p.id), &after);
    choose(&mut step, 0, &["authorised"]);
    assert!(save(&mut step, &after).unwrap_err().starts_with("Not possible now"));
    choose(&mut step, 0, &["submitted"]);
    let submitted = save(&mut step, &after).unwrap();
    assert_eq!(submitted.projects[&p.id].pending_since(today()), Some(today()));
}

#[test]
fn training_need_and_session() {
    let data = demo_dataset(today());
    let mut f = open(Purpose::Need(None), &data);
    choose(&mut f, 0, &["Arlon"]);
    choose(&mut f, 1, &["prison officers"]);
    set(&mut f, 2, "Naloxone");
    set(&mut f, 3, "0");
    assert!(save(&mut f, &data).unwrap_err().contains("whole number from 1"));
    set(&mut f, 3, "12");
    let after = save(&mut f, &data).unwrap();
    let need = after.needs.values().find(|n| n.establishment == "arlon").unwrap().id;
    // A session in another prison cannot cover it.
    let mut s = open(Purpose::Session { existing: None, need: Some(need) }, &after);
    choose(&mut s, 0, &["Mons"]);
    s.fields[5] = Field::multi(
        pilotage::i18n::Msg::FieldCovers,
        vec![pilotage::app::form::Opt::new(need.to_string(), "x")],
        &[need.to_string()],
    );
    assert!(save(&mut s, &after).unwrap_err().contains("another prison"));
    let mut s = open(Purpose::Session { existing: None, need: Some(need) }, &after);
    set(&mut s, 4, "12");
    let done = save(&mut s, &after).unwrap();
    assert!(done.violations().is_empty());
}

#[test]
fn establishment_dates_and_group_creation() {
    let data = demo_dataset(today());
    let mut f = open(Purpose::Establishment("haren".into()), &data);
    set(&mut f, 1, "01/01/2020");
    assert_eq!(save(&mut f, &data).unwrap_err(), "Ends before it begins");
    set(&mut f, 1, "");
    set(&mut f, 4, "01/02/2026");
    let after = save(&mut f, &data).unwrap();
    assert!(after.local_group("haren", today()).is_some(), "a creation date creates the group");
    let changes = forms::save(&mut f, &ctx(&data)).unwrap();
    assert!(changes.iter().all(|c| matches!(c, Change::Put(Record::Group(_)))));
}
