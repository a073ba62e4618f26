//! Validation of every form: what each refuses, and that a valid one gives a sound record.

use chrono::NaiveDate;
use pilotage::app::form::{Field, FieldKind};
use pilotage::app::forms::{self, Ctx, EditForm, Purpose};
use pilotage::demo::demo_dataset;
use pilotage::domain::{Change, Dataset, Record};
use pilotage::i18n::Lang;
use tui_input::Input;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn ctx(data: &Dataset) -> Ctx<'_> {
    Ctx { data, as_of: today(), lang: Lang::En }
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
            .error
            .clone()
            .or_else(|| form.fields.iter().find_map(|f| f.error.clone()))
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
    let members = f.fields[2].options().len();
    assert!(members > 0);
    // Someone who is no member: forced in, as a crafted form would.
    let stranger = data
        .people
        .values()
        .find(|p| !f.fields[2].options().iter().any(|o| o.value == p.id.to_string()))
        .unwrap();
    if let FieldKind::Multi { options } = &mut f.fields[2].kind {
        options.push(pilotage::app::form::Opt::new(stranger.id.to_string(), stranger.name.clone()));
    }
    f.fields[2].chosen = vec![members];
    assert!(save(&mut f, &data).unwrap_err().contains("is not a member of the group"));
    f.fields[2].chosen = vec![0];
    set(&mut f, 1, "29/02/2026");
    assert!(save(&mut f, &data).unwrap_err().contains("Not a date"));
    set(&mut f, 1, "28/02/2026");
    assert!(save(&mut f, &data).unwrap().violations().is_empty());
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
    set(&mut f, 2, "01/02/2026");
    let after = save(&mut f, &data).unwrap();
    assert!(after.local_group("haren", today()).is_some(), "a creation date creates the group");
    let changes = forms::save(&mut f, &ctx(&data)).unwrap();
    assert!(changes.iter().all(|c| matches!(c, Change::Put(Record::Group(_)))));
}
