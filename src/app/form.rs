//! A form: labelled fields that validate as they are left. Text fields edit with a cursor
//! (tui-input); choices are pick-lists narrowed by typing; the last stop is a Save button.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use tui_input::Input;

use super::table::fold;
use crate::domain::date::parse_date;
use crate::i18n::{Lang, Msg};
use crate::input::text;

/// One entry of a pick-list: the value stored, the label shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub value: String,
    pub label: String,
}

impl Opt {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Opt {
        Opt { value: value.into(), label: label.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        max: usize,
        required: bool,
    },
    Date {
        required: bool,
    },
    Number {
        min: u32,
        max: u32,
    },
    /// One of the options (or none, when not required).
    Choice {
        options: Vec<Opt>,
        required: bool,
    },
    /// Any number of the options.
    Multi {
        options: Vec<Opt>,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: Msg,
    /// A label from the data (a seat a later circular added) instead of the catalogue's.
    pub label_text: Option<String>,
    pub kind: FieldKind,
    /// The text, or for a pick-list the text that narrows it.
    pub input: Input,
    /// Chosen option indices, for pick-lists.
    pub chosen: Vec<usize>,
    /// Highlighted position among the matching options.
    pub highlight: usize,
    pub error: Option<String>,
}

impl Field {
    fn new(label: Msg, kind: FieldKind) -> Field {
        Field {
            label,
            label_text: None,
            kind,
            input: Input::default(),
            chosen: Vec::new(),
            highlight: 0,
            error: None,
        }
    }

    pub fn text(label: Msg, value: &str, max: usize, required: bool) -> Field {
        let mut f = Field::new(label, FieldKind::Text { max, required });
        f.input = Input::new(value.to_string());
        f
    }

    pub fn date(label: Msg, value: Option<NaiveDate>, required: bool) -> Field {
        let mut f = Field::new(label, FieldKind::Date { required });
        f.input = Input::new(value.map(crate::domain::date::format_be).unwrap_or_default());
        f
    }

    pub fn number(label: Msg, value: u32, min: u32, max: u32) -> Field {
        let mut f = Field::new(label, FieldKind::Number { min, max });
        f.input = Input::new(value.to_string());
        f
    }

    pub fn choice(label: Msg, options: Vec<Opt>, value: Option<&str>, required: bool) -> Field {
        let chosen = value.and_then(|v| options.iter().position(|o| o.value == v)).into_iter().collect();
        Field { chosen, ..Field::new(label, FieldKind::Choice { options, required }) }
    }

    pub fn multi(label: Msg, options: Vec<Opt>, values: &[String]) -> Field {
        let chosen =
            options.iter().enumerate().filter(|(_, o)| values.contains(&o.value)).map(|(i, _)| i).collect();
        Field { chosen, ..Field::new(label, FieldKind::Multi { options }) }
    }

    /// The label in the UI language (or the data's own label).
    pub fn label(&self, lang: Lang) -> String {
        self.label_text.clone().unwrap_or_else(|| lang.t(self.label).to_string())
    }

    pub fn with_label(mut self, text: String) -> Field {
        self.label_text = Some(text);
        self
    }

    pub fn options(&self) -> &[Opt] {
        match &self.kind {
            FieldKind::Choice { options, .. } | FieldKind::Multi { options } => options,
            _ => &[],
        }
    }

    pub fn is_list(&self) -> bool {
        matches!(self.kind, FieldKind::Choice { .. } | FieldKind::Multi { .. })
    }

    /// The options that match what was typed (all of them when nothing was).
    pub fn matching(&self) -> Vec<usize> {
        let needle = fold(self.input.value().trim());
        self.options()
            .iter()
            .enumerate()
            .filter(|(_, o)| fold(&o.label).contains(&needle))
            .map(|(i, _)| i)
            .collect()
    }

    /// What the field shows when it does not have the focus.
    pub fn display(&self) -> String {
        match &self.kind {
            FieldKind::Choice { options, .. } | FieldKind::Multi { options } => {
                let labels: Vec<&str> =
                    self.chosen.iter().filter_map(|&i| options.get(i)).map(|o| o.label.as_str()).collect();
                labels.join(", ")
            }
            _ => self.input.value().to_string(),
        }
    }

    /// Checks the field on its own; the message is in the UI language.
    pub fn check(&self, lang: Lang) -> Result<(), String> {
        let value = self.input.value().trim();
        match &self.kind {
            FieldKind::Text { max, required } => {
                if *required && value.is_empty() {
                    Err(lang.t(Msg::ErrRequired).into())
                } else if self.input.value().chars().count() > *max {
                    Err(lang.f(Msg::ErrTooLong, &[&max.to_string()]))
                } else if self.input.value().chars().any(|c| c.is_control()) {
                    Err(lang.t(Msg::ErrControl).into())
                } else {
                    Ok(())
                }
            }
            FieldKind::Date { required } => match (value.is_empty(), parse_date(value)) {
                (true, _) if *required => Err(lang.t(Msg::ErrRequired).into()),
                (true, _) => Ok(()),
                (false, Some(_)) => Ok(()),
                (false, None) => Err(lang.f(Msg::BadDate, &[value])),
            },
            FieldKind::Number { min, max } => match value.parse::<u32>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(()),
                _ => Err(lang.f(Msg::ErrNumber, &[&min.to_string(), &max.to_string()])),
            },
            FieldKind::Choice { required, .. } => {
                if *required && self.chosen.is_empty() {
                    Err(lang.t(Msg::ErrChoose).into())
                } else {
                    Ok(())
                }
            }
            FieldKind::Multi { .. } => Ok(()),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value().trim()
    }

    pub fn date_value(&self) -> Option<NaiveDate> {
        parse_date(self.value())
    }

    pub fn number_value(&self) -> u32 {
        self.value().parse().unwrap_or(0)
    }

    pub fn chosen_value(&self) -> Option<&str> {
        self.chosen.first().and_then(|&i| self.options().get(i)).map(|o| o.value.as_str())
    }

    pub fn chosen_values(&self) -> Vec<String> {
        self.chosen.iter().filter_map(|&i| self.options().get(i)).map(|o| o.value.clone()).collect()
    }

    /// Enter on a pick-list: choose (or for a multi-choice, toggle) the highlighted option.
    fn pick(&mut self) {
        let Some(&i) = self.matching().get(self.highlight) else { return };
        match self.kind {
            FieldKind::Choice { .. } => {
                self.chosen = vec![i];
                self.input = Input::default();
            }
            FieldKind::Multi { .. } => {
                if let Some(pos) = self.chosen.iter().position(|&c| c == i) {
                    self.chosen.remove(pos);
                } else {
                    self.chosen.push(i);
                }
            }
            _ => {}
        }
    }
}

/// What happens to a key given to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Stay,
    Save,
    Cancel,
}

#[derive(Debug, Clone)]
pub struct Form<P> {
    pub purpose: P,
    pub title: String,
    pub fields: Vec<Field>,
    /// The field with the focus; `fields.len()` is the Save button.
    pub focus: usize,
    pub changed: bool,
    /// Esc was pressed on a changed form: the next key says whether to discard.
    pub confirm_discard: bool,
    /// A message about the whole form (a rule that spans fields, or a failed save).
    pub error: Option<String>,
}

impl<P> Form<P> {
    pub fn new(purpose: P, title: String, fields: Vec<Field>) -> Form<P> {
        Form { purpose, title, fields, focus: 0, changed: false, confirm_discard: false, error: None }
    }

    pub fn on_save_button(&self) -> bool {
        self.focus >= self.fields.len()
    }

    fn leave(&mut self, lang: Lang) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.error = f.check(lang).err();
        }
    }

    pub fn next(&mut self, lang: Lang) {
        self.leave(lang);
        self.focus = (self.focus + 1).min(self.fields.len());
    }

    pub fn prev(&mut self, lang: Lang) {
        self.leave(lang);
        self.focus = self.focus.saturating_sub(1);
    }

    /// Checks every field; true when all are valid.
    pub fn check_all(&mut self, lang: Lang) -> bool {
        let mut ok = true;
        for f in &mut self.fields {
            f.error = f.check(lang).err();
            ok &= f.error.is_none();
        }
        ok
    }

    /// Up and Down: within a pick-list they move the highlight, elsewhere between fields.
    pub fn up_down(&mut self, down: bool, lang: Lang) {
        match self.fields.get_mut(self.focus) {
            Some(f) if f.is_list() => {
                let n = f.matching().len();
                f.highlight = if down {
                    (f.highlight + 1).min(n.saturating_sub(1))
                } else {
                    f.highlight.saturating_sub(1)
                };
            }
            _ if down => self.next(lang),
            _ => self.prev(lang),
        }
    }

    /// Enter: picks in a pick-list, saves on the Save button, else goes to the next field.
    pub fn enter(&mut self, lang: Lang) -> FormOutcome {
        match self.fields.get_mut(self.focus) {
            Some(f) if f.is_list() => {
                f.pick();
                f.error = f.check(lang).err();
                self.changed = true;
                if matches!(f.kind, FieldKind::Choice { .. }) {
                    self.next(lang);
                }
                FormOutcome::Stay
            }
            Some(_) => {
                self.next(lang);
                FormOutcome::Stay
            }
            None => FormOutcome::Save,
        }
    }

    /// Esc: closes an unchanged form; a changed one asks first.
    pub fn escape(&mut self) -> FormOutcome {
        if self.changed && !self.confirm_discard {
            self.confirm_discard = true;
            FormOutcome::Stay
        } else {
            FormOutcome::Cancel
        }
    }

    /// Typing into the focused field. Returns whether anything changed.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        let Some(f) = self.fields.get_mut(self.focus) else { return false };
        let max = match f.kind {
            FieldKind::Text { max, .. } => max,
            _ => text::MAX_PROMPT_CHARS,
        };
        let edited = text::edit_limited(&mut f.input, key, max);
        if edited {
            self.changed = true;
            f.highlight = 0;
        }
        edited
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn typed(f: &mut Form<()>, s: &str) {
        for c in s.chars() {
            f.type_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn fields_validate_as_they_are_left() {
        let mut f = Form::new(
            (),
            "t".into(),
            vec![
                Field::text(Msg::ColName, "", 10, true),
                Field::date(Msg::ColSince, None, true),
                Field::number(Msg::ColPeople, 1, 1, 500),
            ],
        );
        f.next(Lang::En);
        assert_eq!(f.fields[0].error.as_deref(), Some("Required"));
        typed(&mut f, "31/02/2025");
        f.next(Lang::En);
        assert!(f.fields[1].error.as_deref().unwrap().contains("31/02/2025"));
        typed(&mut f, "000");
        assert!(!f.check_all(Lang::En));
        assert!(f.fields[2].error.is_some(), "1000 is out of 1..=500");
    }

    #[test]
    fn pick_lists_narrow_by_typing_and_choose_with_enter() {
        let options = vec![
            Opt::new("1", "Dr. Anne Exemple"),
            Opt::new("2", "Jan Voorbeeld"),
            Opt::new("3", "Édith Essai"),
        ];
        let mut f = Form::new(
            (),
            "t".into(),
            vec![
                Field::choice(Msg::ColName, options.clone(), None, true),
                Field::multi(Msg::ColPeople, options, &[]),
            ],
        );
        typed(&mut f, "edith");
        assert_eq!(f.fields[0].matching(), vec![2]);
        assert_eq!(f.enter(Lang::En), FormOutcome::Stay);
        assert_eq!(f.fields[0].chosen_value(), Some("3"));
        assert_eq!(f.focus, 1, "choosing moves on");
        f.enter(Lang::En);
        f.up_down(true, Lang::En);
        f.enter(Lang::En);
        assert_eq!(f.fields[1].chosen_values(), vec!["1".to_string(), "2".to_string()]);
        f.enter(Lang::En);
        assert_eq!(f.fields[1].chosen_values(), vec!["1".to_string()], "Enter again unticks");
        f.next(Lang::En);
        assert!(f.on_save_button());
        assert_eq!(f.enter(Lang::En), FormOutcome::Save);
    }

    #[test]
    fn escape_asks_only_when_something_changed() {
        let mut f = Form::new((), "t".into(), vec![Field::text(Msg::ColName, "", 10, false)]);
        assert_eq!(f.escape(), FormOutcome::Cancel);
        typed(&mut f, "x");
        assert_eq!(f.escape(), FormOutcome::Stay);
        assert!(f.confirm_discard);
        assert_eq!(f.escape(), FormOutcome::Cancel);
    }

    #[test]
    fn long_and_control_text_is_refused() {
        let mut f = Form::new((), "t".into(), vec![Field::text(Msg::ColName, "", 20, true)]);
        typed(&mut f, &"x".repeat(10_000));
        assert_eq!(f.fields[0].input.value().len(), 20, "typing stops at the limit");
        f.fields[0].input = Input::new("a\u{7}b".into());
        assert!(f.fields[0].check(Lang::En).is_err());
    }
}
