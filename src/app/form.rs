//! A form: labelled fields that validate as they are left. Text fields edit with a cursor
//! (tui-input); choices are pick-lists narrowed by typing; the last stop is a Save button.

use chrono::NaiveDate;
use tui_input::Input;

use super::action::TextOp;
use super::table::fold;
use super::text;
use crate::domain::date::{DateProblem, check_date, parse_date};
use crate::i18n::{self, Lang, Msg};

/// A form's fields by name: an enum whose variants are the fields in the order the form
/// shows them. `Name::build` makes the form's fields from one `match` over the names (so
/// none is forgotten and none is out of place), and `fields[Name::Field]` reads one: no
/// position is written by hand.
macro_rules! field_names {
    ($(#[$doc:meta])* $vis:vis enum $name:ident { $($field:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $($field),+
        }

        #[allow(dead_code)]
        impl $name {
            const ALL: &'static [$name] = &[$($name::$field),+];

            /// The fields, each made by `make`, in the form's order.
            fn build(make: impl FnMut($name) -> $crate::app::form::Field) -> Vec<$crate::app::form::Field> {
                $name::ALL.iter().copied().map(make).collect()
            }

            /// Where the field is in the form (for the focus, and a refusal that points at it).
            const fn at(self) -> usize {
                self as usize
            }

            /// A refusal pointing at this field.
            fn refused(self, why: impl Into<String>) -> (Option<usize>, String) {
                (Some(self.at()), why.into())
            }
        }

        impl std::ops::Index<$name> for [$crate::app::form::Field] {
            type Output = $crate::app::form::Field;
            fn index(&self, name: $name) -> &$crate::app::form::Field {
                &self[name.at()]
            }
        }

        impl std::ops::IndexMut<$name> for [$crate::app::form::Field] {
            fn index_mut(&mut self, name: $name) -> &mut $crate::app::form::Field {
                &mut self[name.at()]
            }
        }

        impl std::ops::Index<$name> for Vec<$crate::app::form::Field> {
            type Output = $crate::app::form::Field;
            fn index(&self, name: $name) -> &$crate::app::form::Field {
                &self[name.at()]
            }
        }

        impl std::ops::IndexMut<$name> for Vec<$crate::app::form::Field> {
            fn index_mut(&mut self, name: $name) -> &mut $crate::app::form::Field {
                &mut self[name.at()]
            }
        }
    };
}
pub(crate) use field_names;

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

/// Where among `options` the given values are.
fn positions(options: &[Opt], values: &[String]) -> Vec<usize> {
    options.iter().enumerate().filter(|(_, o)| values.contains(&o.value)).map(|(i, _)| i).collect()
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
    /// The text was filled in for the user and not touched yet: the first character typed
    /// replaces it, as in most form tools, rather than being added to it.
    pub pristine: bool,
    /// Keeps line breaks (notes); other text fields are one line.
    pub multiline: bool,
    /// A pick-list that can create what it does not find: "new person «typed text»".
    pub create: Option<Msg>,
    /// A word under the field on why its list holds what it holds.
    pub note: Option<String>,
    /// After a conflict, where someone else saved another value of a field this user changed
    /// too: theirs, shown under it, so the user keeps theirs or their own knowingly.
    pub theirs: Option<String>,
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
            pristine: false,
            multiline: false,
            create: None,
            note: None,
            theirs: None,
        }
    }

    /// The field's value, comparable: the text, or the values chosen.
    pub fn value_key(&self) -> String {
        match self.kind {
            FieldKind::Choice { .. } | FieldKind::Multi { .. } => self.chosen_values().join("\u{1f}"),
            _ => self.input.value().to_string(),
        }
    }

    /// Takes `other`'s value (the same field, of a form opened on another state of the record).
    pub fn take_value(&mut self, other: &Field) {
        self.input = other.input.clone();
        self.chosen = positions(self.options(), &other.chosen_values());
        self.pristine = false;
        self.reset_highlight();
    }

    fn prefilled(mut self, value: String) -> Field {
        self.pristine = !value.is_empty();
        self.input = Input::new(value);
        self
    }

    pub fn text(label: Msg, value: &str, max: usize, required: bool) -> Field {
        Field::new(label, FieldKind::Text { max, required }).prefilled(value.to_string())
    }

    /// A text that keeps its line breaks (meeting notes).
    pub fn notes(label: Msg, value: &str, max: usize) -> Field {
        Field { multiline: true, ..Field::text(label, value, max, false) }
    }

    /// Says under the field, while it has the focus, that free text is no place for a
    /// detainee's details.
    pub fn free_text(mut self, lang: Lang) -> Field {
        self.note = Some(lang.t(Msg::NoteNoDetainee).into());
        self
    }

    pub fn date(label: Msg, value: Option<NaiveDate>, required: bool) -> Field {
        Field::new(label, FieldKind::Date { required })
            .prefilled(value.map(crate::domain::date::format_be).unwrap_or_default())
    }

    pub fn number(label: Msg, value: u32, min: u32, max: u32) -> Field {
        Field::new(label, FieldKind::Number { min, max }).prefilled(value.to_string())
    }

    pub fn choice(label: Msg, options: Vec<Opt>, value: Option<&str>, required: bool) -> Field {
        let chosen = value.and_then(|v| options.iter().position(|o| o.value == v)).into_iter().collect();
        let mut f = Field { chosen, ..Field::new(label, FieldKind::Choice { options, required }) };
        f.reset_highlight();
        f
    }

    pub fn multi(label: Msg, options: Vec<Opt>, values: &[String]) -> Field {
        let chosen = positions(&options, values);
        let mut f = Field { chosen, ..Field::new(label, FieldKind::Multi { options }) };
        f.reset_highlight();
        f
    }

    /// New options for a pick-list (a person just created among them), choosing `values`.
    pub fn replace_options(&mut self, new: Vec<Opt>, values: &[String]) {
        if let FieldKind::Choice { options, .. } | FieldKind::Multi { options } = &mut self.kind {
            self.chosen = positions(&new, values);
            *options = new;
            self.input = Input::default();
            self.error = None;
            self.reset_highlight();
        }
    }

    /// Lets the list create what it does not find (see [`Field::create`]).
    pub fn creating(mut self, entry: Msg) -> Field {
        self.create = Some(entry);
        self
    }

    /// With nothing typed, the highlight sits on the current value, so Enter keeps it;
    /// with something typed, on the first match.
    fn reset_highlight(&mut self) {
        let matching = self.matching();
        self.highlight = match (self.input.value().trim().is_empty(), self.chosen.first()) {
            (true, Some(c)) => matching.iter().position(|m| m == c).unwrap_or(0),
            _ => 0,
        };
    }

    /// The "new …" entry the list offers after its matches, if it can create and text was typed.
    pub fn create_entry(&self, lang: Lang) -> Option<String> {
        let typed = self.input.value().trim();
        let entry = self.create?;
        (!typed.is_empty()).then(|| lang.f(entry, &[typed]))
    }

    /// How many entries the focused list shows: its matches, and the "new …" entry.
    fn entry_count(&self) -> usize {
        self.matching().len() + usize::from(self.create.is_some() && !self.input.value().trim().is_empty())
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

    fn is_choice(&self) -> bool {
        matches!(self.kind, FieldKind::Choice { .. })
    }

    /// Whether the field is a checklist (any number of options ticked).
    pub fn is_checklist(&self) -> bool {
        matches!(self.kind, FieldKind::Multi { .. })
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

    /// What the field shows on its line: the chosen options, or the text. A pick-list with
    /// nothing chosen shows what was typed into it, so that text is not lost from sight.
    pub fn display(&self) -> String {
        match &self.kind {
            FieldKind::Choice { options, .. } | FieldKind::Multi { options } => {
                let labels: Vec<&str> =
                    self.chosen.iter().filter_map(|&i| options.get(i)).map(|o| o.label.as_str()).collect();
                let typed = self.input.value();
                if self.is_choice() && (labels.is_empty() || !typed.trim().is_empty()) {
                    typed.to_string()
                } else if self.is_checklist() {
                    // How many are ticked first, so a list too long for the line still says it.
                    match labels.len() {
                        0 => "[x] 0".to_string(),
                        n => format!("[x] {n}: {}", labels.join(", ")),
                    }
                } else {
                    labels.join(", ")
                }
            }
            // A line break in notes shows as a mark, never as a jump to another line.
            _ if self.multiline => self.input.value().replace('\n', " \u{b6} "),
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
                } else if self.input.value().chars().any(|c| c.is_control() && !(self.multiline && c == '\n'))
                {
                    Err(lang.t(Msg::ErrControl).into())
                } else if let Some(number) =
                    crate::domain::privacy::national_register_number(self.input.value())
                {
                    Err(lang.f(Msg::ErrNationalNumber, &[number]))
                } else {
                    Ok(())
                }
            }
            FieldKind::Date { required } => match (value.is_empty(), check_date(value)) {
                (true, _) if *required => Err(lang.t(Msg::ErrRequired).into()),
                (true, _) => Ok(()),
                (false, Ok(_)) => Ok(()),
                (false, Err(problem)) => Err(date_problem(lang, value, problem)),
            },
            FieldKind::Number { min, max } => match value.parse::<u32>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(()),
                _ => Err(lang.f(Msg::ErrNumber, &[&min.to_string(), &max.to_string()])),
            },
            FieldKind::Choice { required, .. } => {
                // Text typed and left without choosing: said, not silently dropped.
                if (*required && self.chosen.is_empty()) || !value.is_empty() {
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
    /// Returns whether the choice changed: Enter on the current value changes nothing.
    fn pick(&mut self) -> bool {
        let Some(&i) = self.matching().get(self.highlight) else { return false };
        match self.kind {
            FieldKind::Choice { .. } => {
                let changed = self.chosen != [i];
                self.chosen = vec![i];
                self.input = Input::default();
                self.reset_highlight();
                changed
            }
            FieldKind::Multi { .. } => {
                if let Some(pos) = self.chosen.iter().position(|&c| c == i) {
                    self.chosen.remove(pos);
                } else {
                    self.chosen.push(i);
                }
                true
            }
            _ => false,
        }
    }

    /// Leaving a pick-list with text typed: a single match is what was meant. A checklist
    /// only forgets its filter: what is ticked there was ticked with Space, never guessed.
    fn settle(&mut self) {
        if self.is_checklist() && !self.input.value().is_empty() {
            self.input = Input::default();
            self.reset_highlight();
        }
        if self.is_choice()
            && !self.input.value().trim().is_empty()
            && let [only] = self.matching()[..]
        {
            self.chosen = vec![only];
            self.input = Input::default();
            self.reset_highlight();
        }
    }

    fn max_chars(&self) -> usize {
        match self.kind {
            FieldKind::Text { max, .. } => max,
            _ => text::MAX_PROMPT_CHARS,
        }
    }
}

/// Why a date field's text is not a date, in words: a date written right that does not exist
/// says so ("February 2025 has 28 days") rather than asking for the format it is in.
pub fn date_problem(lang: Lang, text: &str, problem: DateProblem) -> String {
    match problem {
        DateProblem::Malformed => lang.f(Msg::BadDate, &[text]),
        DateProblem::NoSuchDay { year, month, days } => lang.f(
            Msg::ErrNoSuchDay,
            &[text, &format!("{} {year}", i18n::month(lang, month)), &days.to_string()],
        ),
        DateProblem::YearOutOfRange => lang.f(Msg::ErrYearOutOfRange, &[text]),
    }
}

/// What happens to a key given to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Stay,
    Save,
    Cancel,
    /// Enter on a list's "new …" entry: create what the field's text names.
    Create,
    /// Esc on a changed form: ask whether to discard the changes.
    AskDiscard,
}

#[derive(Debug, Clone)]
pub struct Form<P> {
    pub purpose: P,
    pub title: String,
    pub fields: Vec<Field>,
    /// The field with the focus; `fields.len()` is the Save button.
    pub focus: usize,
    pub changed: bool,
    /// A message about the whole form (a rule that spans fields, or a failed save).
    pub error: Option<String>,
    /// Opened over another form to create what this field of it needed (a new person for an
    /// appointment): saving or cancelling goes back to that form, and a save chooses what it
    /// made in that field.
    pub for_field: Option<usize>,
    /// How many changes saved by others this app had heard of when the form opened: one heard
    /// of since, on a record the form saves, is a conflict.
    pub opened: u64,
    /// The user has been told of a conflict: the next save writes over it.
    pub overwrite: bool,
    /// Each field's value when the form was opened on the record: what the user changed is
    /// what differs from it (a conflict writes only those over someone else's save).
    pub originals: Vec<String>,
    /// `error` is this count of fields needing attention, kept true as they are fixed (and
    /// left alone once something else is said there).
    counted: Option<String>,
}

impl<P> Form<P> {
    pub fn new(purpose: P, title: String, fields: Vec<Field>) -> Form<P> {
        Form {
            purpose,
            title,
            fields,
            focus: 0,
            changed: false,
            error: None,
            for_field: None,
            opened: 0,
            overwrite: false,
            originals: Vec::new(),
            counted: None,
        }
    }

    /// The form is shown to the user now, on the data as it is after `heard` changes by
    /// others: what it holds is the record's, and only what is changed from here is theirs.
    pub fn stamp(&mut self, heard: u64) {
        self.opened = heard;
        self.originals = self.fields.iter().map(Field::value_key).collect();
    }

    /// Whether the user changed field `i` since the form was opened (every field, for a form
    /// never stamped).
    pub fn changed_field(&self, i: usize) -> bool {
        match (self.originals.get(i), self.fields.get(i)) {
            (Some(was), Some(f)) => f.value_key() != *was,
            _ => true,
        }
    }

    pub fn on_save_button(&self) -> bool {
        self.focus >= self.fields.len()
    }

    /// Whether Space ticks here: the focused field is a checklist, and either nothing is typed
    /// or the highlight is on a name. Only on the "new …" entry, with a name being typed, is
    /// Space part of that name ("Jean Deux"). Enter never ticks: it goes on.
    pub fn on_checklist(&self) -> bool {
        self.fields.get(self.focus).is_some_and(|f| {
            f.is_checklist() && (f.input.value().is_empty() || f.highlight < f.matching().len())
        })
    }

    fn leave(&mut self, lang: Lang) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.settle();
            f.error = f.check(lang).err();
        }
        // The count said after a save tells the truth as fields are fixed, and goes with
        // the last one.
        if self.counted.is_some() && self.error == self.counted {
            let wrong = self.fields.iter().filter(|f| f.error.is_some()).count();
            self.error = match wrong {
                0 => None,
                1 => Some(lang.t(Msg::ErrOneField).to_string()),
                n => Some(lang.f(Msg::ErrFields, &[&n.to_string()])),
            };
            self.counted = self.error.clone();
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

    /// Checks every field; true when all are valid. Otherwise the focus goes to the first
    /// field in error and the form says how many need attention.
    pub fn check_all(&mut self, lang: Lang) -> bool {
        for f in &mut self.fields {
            f.settle();
            f.error = f.check(lang).err();
        }
        self.point_at_errors(lang)
    }

    /// Moves the focus to the first field in error and says how many there are; true when none.
    pub fn point_at_errors(&mut self, lang: Lang) -> bool {
        let wrong: Vec<usize> =
            self.fields.iter().enumerate().filter(|(_, f)| f.error.is_some()).map(|(i, _)| i).collect();
        let Some(&first) = wrong.first() else { return true };
        self.focus = first;
        self.error = Some(if wrong.len() == 1 {
            lang.t(Msg::ErrOneField).to_string()
        } else {
            lang.f(Msg::ErrFields, &[&wrong.len().to_string()])
        });
        self.counted = self.error.clone();
        false
    }

    /// Up and Down: within a pick-list they move the highlight, elsewhere between fields.
    pub fn up_down(&mut self, down: bool, lang: Lang) {
        match self.fields.get_mut(self.focus) {
            Some(f) if f.is_list() => {
                let n = f.entry_count();
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

    /// PgUp/PgDn: a page of the focused list up or down (the lines it shows at least); a
    /// text field stays as it is.
    pub fn page(&mut self, down: bool) {
        const PAGE: usize = 5;
        if let Some(f) = self.fields.get_mut(self.focus).filter(|f| f.is_list()) {
            let last = f.entry_count().saturating_sub(1);
            f.highlight =
                if down { (f.highlight + PAGE).min(last) } else { f.highlight.saturating_sub(PAGE) };
        }
    }

    /// Enter: picks in a pick-list, saves on the Save button, else goes to the next field.
    pub fn enter(&mut self, lang: Lang) -> FormOutcome {
        match self.fields.get_mut(self.focus) {
            Some(f) if f.is_list() && f.highlight == f.matching().len() && f.create_entry(lang).is_some() => {
                FormOutcome::Create
            }
            // A checklist changes only with Space: Enter on it goes on, as on a text field.
            Some(f) if f.is_list() && !f.is_checklist() => {
                self.changed |= f.pick();
                f.error = f.check(lang).err();
                if f.is_choice() {
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
    pub fn escape(&self) -> FormOutcome {
        if self.changed { FormOutcome::AskDiscard } else { FormOutcome::Cancel }
    }

    /// Space in a checklist: ticks or unticks the highlighted entry.
    pub fn toggle(&mut self) -> bool {
        match self.fields.get_mut(self.focus) {
            Some(f) if f.is_checklist() => {
                let changed = f.pick();
                self.changed |= changed;
                changed
            }
            _ => false,
        }
    }

    /// A printable character typed into the focused field. Into an untouched prefilled
    /// field, it replaces the text. Returns whether anything changed.
    pub fn type_char(&mut self, c: char) -> bool {
        let Some(f) = self.fields.get_mut(self.focus) else { return false };
        if f.pristine {
            f.input = Input::default();
        }
        f.pristine = false;
        let max = f.max_chars();
        let edited = text::insert(&mut f.input, c, max);
        self.typed(edited)
    }

    /// An editing key (cursor, deletion) on the focused field: the text is the user's now.
    pub fn text_op(&mut self, op: TextOp) -> bool {
        let Some(f) = self.fields.get_mut(self.focus) else { return false };
        // In a list with nothing typed there is no text to move in: Home and End go to its
        // first and last entry, as in the panes.
        if f.is_list() && f.input.value().is_empty() && matches!(op, TextOp::Start | TextOp::End) {
            f.highlight = if op == TextOp::End { f.entry_count().saturating_sub(1) } else { 0 };
            return false;
        }
        f.pristine = false;
        let edited = text::apply(&mut f.input, op);
        self.typed(edited)
    }

    /// Pasted text, into the focused field only: never read as keys.
    pub fn paste(&mut self, pasted: &str) -> bool {
        let Some(f) = self.fields.get_mut(self.focus) else { return false };
        if f.pristine {
            f.input = Input::default();
        }
        f.pristine = false;
        let (max, multiline) = (f.max_chars(), f.multiline);
        let edited = text::paste(&mut f.input, pasted, max, multiline);
        self.typed(edited)
    }

    fn typed(&mut self, edited: bool) -> bool {
        if edited {
            self.changed = true;
            if let Some(f) = self.fields.get_mut(self.focus) {
                f.reset_highlight();
            }
        }
        edited
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    field_names! {
        enum Two { First, Second }
    }

    /// A form's fields land where their names say, whatever order the `match` that makes them
    /// is written in; a refusal points at the field it names.
    #[test]
    fn fields_are_read_by_name() {
        let fields = Two::build(|name| match name {
            Two::Second => Field::text(Msg::FieldContact, "second", 10, false),
            Two::First => Field::text(Msg::FieldName, "first", 10, true),
        });
        assert_eq!(fields.len(), 2);
        assert_eq!((fields[Two::First].value(), fields[Two::Second].value()), ("first", "second"));
        assert_eq!(Two::Second.refused("why"), (Some(1), "why".to_string()));
    }

    /// Free text refuses a national register number, in words beside the field, and says
    /// under it, while it has the focus, that it is no place for a detainee's details.
    #[test]
    fn free_text_refuses_a_national_register_number() {
        let field = Field::notes(Msg::FieldNotes, "seen 85.07.30-033.28 today", 10_000).free_text(Lang::Fr);
        let error = field.check(Lang::Fr).unwrap_err();
        assert!(error.contains("85.07.30-033.28") && error.contains("registre national"), "{error}");
        assert!(field.note.as_deref().is_some_and(|n| n.contains("détenu")));
        assert!(Field::notes(Msg::FieldNotes, "call +32 471 23 45 67", 10_000).check(Lang::En).is_ok());
    }

    fn typed(f: &mut Form<()>, s: &str) {
        for c in s.chars() {
            f.type_char(c);
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
        assert!(f.on_checklist(), "Space ticks here");
        f.toggle();
        f.up_down(true, Lang::En);
        f.toggle();
        assert_eq!(f.fields[1].chosen_values(), vec!["1".to_string(), "2".to_string()]);
        f.toggle();
        assert_eq!(f.fields[1].chosen_values(), vec!["1".to_string()], "Space again unticks");
        // Typed to narrow, Space still ticks the name it highlights.
        typed(&mut f, "edith");
        assert!(f.on_checklist());
        f.toggle();
        assert_eq!(f.fields[1].chosen_values(), vec!["1".to_string(), "3".to_string()]);
        // Enter never changes a checklist: it goes on, forgetting the filter.
        assert_eq!(f.enter(Lang::En), FormOutcome::Stay);
        assert_eq!(
            f.fields[1].chosen_values(),
            vec!["1".to_string(), "3".to_string()],
            "Enter ticks nothing"
        );
        assert!(f.fields[1].input.value().is_empty(), "the filter is forgotten on leaving");
        assert!(f.on_save_button());
        assert_eq!(f.enter(Lang::En), FormOutcome::Save);
    }

    #[test]
    fn escape_asks_only_when_something_changed() {
        let mut f = Form::new((), "t".into(), vec![Field::text(Msg::ColName, "", 10, false)]);
        assert_eq!(f.escape(), FormOutcome::Cancel);
        typed(&mut f, "x");
        assert_eq!(f.escape(), FormOutcome::AskDiscard);
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
