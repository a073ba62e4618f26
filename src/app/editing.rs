//! Changing the data from the keyboard: which form each row opens, saving through the
//! store, confirmations, undo and a record's history.

use super::action::Action;
use super::effect::{Done, Effect, InFlight, Parked, Reverting};
use super::form::FormOutcome;
use super::forms::{self, EditForm, Purpose};
use super::rollcall::Mark;
use super::table::Target;
use super::{App, Item, Next, OnYes, Overlay, Screen};
use crate::backend::BackendError;
use crate::domain::concertation::Vote;
use crate::domain::dataset::NotKept;
use crate::domain::{Change, Record, RecordKey, RecordKind};
use crate::i18n::Msg;
use crate::store::codec::AuditEntry;

impl App {
    /// The row the user is on: the selected table row, or the record a detail view shows.
    fn current_target(&self) -> Option<Target> {
        match &self.session.screen {
            Screen::Detail { target, .. } => Some(target.clone()),
            Screen::Table => self.table().selected_row().map(|r| r.target.clone()),
        }
    }

    /// The entry selected in a detail view, if it lists any.
    fn current_item(&self) -> Option<Item> {
        self.selected_entry().map(|(i, _)| i)
    }

    /// The selected entry of a detail view and how it reads on screen.
    fn selected_entry(&self) -> Option<(Item, String)> {
        match (&self.session.screen, &self.session.detail) {
            (Screen::Detail { item, .. }, Some(view)) => {
                view.entry_at(*item).map(|(i, text)| (i.clone(), text.to_string()))
            }
            _ => None,
        }
    }

    fn form_ctx(&self) -> forms::FormSource<'_> {
        forms::FormSource {
            data: &self.data,
            as_of: self.as_of,
            today: self.options.today,
            lang: self.lang(),
        }
    }

    fn refuse_if_read_only(&mut self) -> bool {
        if self.options.read_only || matches!(self.link.store, super::StoreSlot::None) {
            self.session.message = Some(self.lang().t(Msg::ReadOnlyRefused).into());
            return true;
        }
        false
    }

    fn open_form(&mut self, purpose: Purpose) {
        match forms::open(purpose, &self.form_ctx()) {
            Some(mut form) => {
                form.stamp(self.link.heard);
                self.session.open(Overlay::Form(Box::new(form)));
            }
            None => self.session.message = Some(self.lang().t(Msg::NothingToEdit).into()),
        }
    }

    /// `a`: what "add" means where the user is.
    pub(super) fn add(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.add_purpose() {
            Ok(purpose) => self.open_form(purpose),
            Err(why) => self.session.message = Some(self.lang().t(why).into()),
        }
    }

    /// Where the user is, as the row actions ([`super::rows`]) read it.
    fn here(&self) -> super::rows::Here<'_> {
        super::rows::Here {
            data: &self.data,
            as_of: self.as_of,
            target: self.current_target(),
            in_detail: matches!(self.session.screen, Screen::Detail { .. }),
        }
    }

    /// What `a` adds where the user is, or why nothing. The hint bar names it from this.
    pub(super) fn add_purpose(&self) -> Result<Purpose, Msg> {
        super::rows::add(&self.here(), self.current_item().as_ref(), self.session.pane)
    }

    /// How the hint bar and the help name an action here: `a` says what it adds where that
    /// is not a record of the row's own kind (an appointment, a meeting).
    pub fn action_label(&self, action: Action) -> Msg {
        if action != Action::Add {
            return action.label();
        }
        match self.add_purpose() {
            Ok(Purpose::Membership { .. }) => Msg::ActAppoint,
            Ok(Purpose::Meeting { .. }) => Msg::ActNewMeeting,
            Ok(Purpose::Establishment(_)) => Msg::ActNewGroup,
            _ => action.label(),
        }
    }

    /// `p`: a new person, from anywhere.
    pub(super) fn new_person(&mut self) {
        if !self.refuse_if_read_only() {
            self.open_form(Purpose::Person(None));
        }
    }

    /// `m`: a meeting of the group the row is about (the row's pane says which: a waiting
    /// project waits on the central group); elsewhere the group is chosen.
    pub(super) fn new_meeting(&mut self) {
        if !self.refuse_if_read_only() {
            let purpose = super::rows::meeting(&self.here(), self.session.pane);
            self.open_form(purpose);
        }
    }

    /// `v`: a motion put to the vote at the selected concertation meeting (the latest one
    /// held by the day viewed, elsewhere in the pane), then its vote.
    pub(super) fn vote(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let meeting = match self.current_target() {
            Some(Target::CapbMeeting(m)) => Some(m),
            _ => self.situation.concertation.meetings.first().map(|m| m.meeting),
        };
        match meeting {
            Some(m) => self.open_form(Purpose::Motion { existing: None, meeting: Some(m) }),
            None => self.session.message = Some(self.lang().t(Msg::NothingToEdit).into()),
        }
    }

    /// The project the selection is on, in a pane or a detail view.
    pub(super) fn selected_project(&self) -> Option<crate::domain::project::ProjectId> {
        match (self.current_item(), self.current_target()) {
            (Some(Item::Project(p)), _) => Some(p),
            (Some(_), _) => None,
            (None, Some(Target::Project(p))) => Some(p),
            (None, _) => None,
        }
    }

    /// `n`: record the selected project's next step (the central group's decision among them).
    pub(super) fn step(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.selected_project() {
            Some(p) => self.open_form(Purpose::Step(p)),
            None => self.session.message = Some(self.lang().t(Msg::NoStepHere).into()),
        }
    }

    /// `e`: edit the row (a project's own fields; its steps are `n`'s).
    pub(super) fn edit(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        match super::rows::edit(&self.here(), self.current_item().as_ref(), self.session.pane) {
            Ok(purpose) => self.open_form(purpose),
            Err(why) => self.session.message = Some(self.lang().t(why).into()),
        }
    }

    /// `d`: delete the row's record, after a question whose default is No.
    pub(super) fn delete(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let lang = self.lang();
        let entry = self.selected_entry();
        let item = entry.as_ref().map(|(i, _)| i);
        let what = match super::rows::delete(&self.here(), item, self.session.pane) {
            Ok(key) => key,
            Err(why) => return self.session.message = Some(lang.t(why).into()),
        };
        let changes = match what {
            RecordKey::Id(RecordKind::Need, n) => {
                // Sessions that covered the need stop naming it, so no link is left dangling.
                let mut changes: Vec<Change> = self
                    .data
                    .sessions
                    .values()
                    .filter(|s| s.covers.contains(&n))
                    .map(|s| {
                        let mut s = s.clone();
                        s.covers.retain(|c| *c != n);
                        Change::Put(Record::Session(s))
                    })
                    .collect();
                changes.push(Change::Delete(RecordKey::Id(RecordKind::Need, n)));
                changes
            }
            RecordKey::Id(RecordKind::CapbMeeting, m) => {
                // Its motions go with it (a production naming one keeps the store from
                // deleting them: the members' decision stays on record).
                let mut changes: Vec<Change> = self
                    .data
                    .motions
                    .values()
                    .filter(|v| v.meeting == m)
                    .map(|v| Change::Delete(RecordKey::Id(RecordKind::Motion, v.id)))
                    .collect();
                changes.push(Change::Delete(RecordKey::Id(RecordKind::CapbMeeting, m)));
                changes
            }
            key => vec![Change::Delete(key)],
        };
        // Named as the screen shows it, in the UI language.
        let name = match entry {
            Some((_, text)) => text.trim().to_string(),
            None => {
                let row = self.table().selected_row();
                row.map(|r| r.cells().take(3).collect::<Vec<_>>().join(" — ")).unwrap_or_default()
            }
        };
        self.session.open(Overlay::Confirm {
            question: lang.f(Msg::ConfirmDelete, &[&format!("\u{ab}{name}\u{bb}")]),
            label: format!("{}{}{name}", lang.t(Msg::Deleted), lang.colon()),
            changes,
            on_yes: OnYes::Commit,
        });
    }

    /// Sends changes to be written, once the door and the rules accept them: an
    /// [`Effect::Commit`] for the loop to run off the key path. Nothing is held or said
    /// "saved" until its answer ([`App::finish`]). `over`: write over others' changes (the
    /// user chose to, after a conflict).
    pub(super) fn commit(&mut self, label: String, changes: Vec<Change>, over: bool) -> Result<(), String> {
        self.send(label, changes, over, None)
    }

    fn send(
        &mut self,
        label: String,
        changes: Vec<Change>,
        over: bool,
        undoing: Option<Reverting>,
    ) -> Result<(), String> {
        // A server still starting: the save waits for it, as for a slow one.
        let connecting = matches!(self.link.store, super::StoreSlot::Connecting);
        let backend = self.backend();
        if backend.is_none() && !connecting {
            let why = if self.session.server_lost { Msg::ServerLost } else { Msg::ReadOnlyRefused };
            return Err(self.lang().t(why).into());
        }
        // The revisions the changes start from, for the server to check no one changed them since.
        let bases = (!over).then(|| {
            changes.iter().map(|c| crate::store::codec::revision(self.data.get(&c.key()).as_ref())).collect()
        });
        let reach = match self.data.prepare(&changes) {
            Ok(reach) => reach,
            Err(NotKept::Rule(v)) => return Err(crate::i18n::violation(self.lang(), &v)),
            Err(NotKept::Inadmissible(i)) => {
                return Err(crate::i18n::refusal(
                    self.lang(),
                    &crate::domain::access::Refusal::Inadmissible(i),
                ));
            }
            Err(NotKept::Write(never)) => match never {},
        };
        let user = self.link.user.clone();
        let parked = match backend {
            Some(backend) => {
                self.session.effects.push(Effect::Commit {
                    backend,
                    changes: changes.clone(),
                    bases,
                    reach,
                    user,
                });
                None
            }
            None => Some(Parked { bases, reach, user }),
        };
        let waits = parked.is_some();
        self.session.in_flight = Some(InFlight { label, changes, undoing, slow: false, parked });
        if waits {
            self.slow();
        }
        Ok(())
    }

    /// An effect's answer. A save written is held and said "saved", and what waited for it
    /// (its form, roll call) closes; a save refused is said where the user is, the form kept.
    /// True when the screen changed.
    pub fn finish(&mut self, done: Done) -> bool {
        let result = match done {
            Done::Committed(result) => result,
            Done::History { record, lines } => return self.history_came(&record, lines),
            Done::BackedUp(Ok(_)) => return false,
            // Said, so that a full disk is known before the day a backup is needed.
            Done::BackedUp(Err(e)) => {
                self.session.message = Some(self.lang().f(Msg::ErrDailyBackup, &[&self.keep_words(&e)]));
                return true;
            }
        };
        let Some(InFlight { label, changes, undoing, .. }) = self.session.in_flight.take() else {
            return false;
        };
        match result {
            Ok(()) => self.saved(label, &changes, undoing),
            Err(e) => self.refused(&e, label, changes, undoing),
        }
        true
    }

    /// A save written: held, said, and what waited for it closes.
    fn saved(&mut self, label: String, changes: &[Change], undoing: Option<Reverting>) {
        let lang = self.lang();
        if !changes.is_empty() {
            let mut undo: Vec<Change> = changes.iter().cloned().map(|c| self.data.apply(c)).collect();
            undo.reverse();
            self.refresh_after(changes, &undo);
            self.select_changed(changes);
            // An undo can be done again, a redo undone again; a new change ends what
            // could be redone.
            self.session.message = Some(match undoing {
                Some(Reverting::Undo(_)) => {
                    self.session.redo.push((label.clone(), undo, self.link.heard));
                    lang.f(Msg::Undone, &[&label])
                }
                Some(Reverting::Redo(_)) => {
                    self.session.undo.push((label.clone(), undo, self.link.heard));
                    lang.f(Msg::Redone, &[&label])
                }
                None => {
                    self.session.redo.clear();
                    self.session.undo.push((label.clone(), undo, self.link.heard));
                    format!("{} — {label}", lang.t(Msg::Saved))
                }
            });
        }
        let created = changes.iter().find_map(|c| match c {
            Change::Put(Record::Person(p)) => Some(p.id),
            _ => None,
        });
        self.answer_waiting(|app, waiting| match waiting {
            // Back to the form it was opened from, with what it created chosen there.
            Overlay::Form(form) => {
                if let (Some(field), Some(id)) = (form.for_field, created)
                    && matches!(app.session.top(), Some(Overlay::Form(_)))
                    && let Some(Overlay::Form(mut parent)) = app.session.layers.pop()
                {
                    forms::choose_created(&mut parent, field, id, &app.form_ctx());
                    app.session.layers.push(Overlay::Form(parent));
                }
                Next::Pop
            }
            // The roll call and the form it completes close together.
            Overlay::RollCall(_) => {
                app.session.layers.pop();
                Next::Pop
            }
            other => Next::Stay(other),
        });
    }

    /// A save refused: said where the user is, the form kept, an undo back on its stack.
    fn refused(&mut self, e: &BackendError, label: String, changes: Vec<Change>, undoing: Option<Reverting>) {
        let lang = self.lang();
        let conflict = match e {
            BackendError::Server(crate::client::ClientError::Conflict { by, at, .. }) => {
                Some((by.clone(), at.clone()))
            }
            _ => None,
        };
        let why = lang.f(Msg::SaveFailed, &[&self.keep_words(e)]);
        if let Some(how) = undoing {
            self.back_on_its_stack(label, changes, how);
        }
        let said = why.clone();
        self.answer_waiting(|app, waiting| match waiting {
            // Theirs with this user's changes over it, as for a conflict seen before
            // the save went out.
            Overlay::Form(form) if conflict.is_some() => {
                let (by, at) = conflict.unwrap_or_default();
                Next::Replace(Overlay::Form(app.over_theirs(form, &by, &at)))
            }
            Overlay::Form(mut form) => {
                form.error = Some(said);
                Next::Stay(Overlay::Form(form))
            }
            Overlay::RollCall(mut roll) => {
                roll.error = Some(said);
                Next::Stay(Overlay::RollCall(roll))
            }
            other => Next::Stay(other),
        });
        // Nothing on screen to say it beside (a deletion, an undo): the status bar.
        if !matches!(self.session.top(), Some(Overlay::Form(_) | Overlay::RollCall(_))) {
            self.session.message = Some(why);
        }
    }

    /// What waited on screen for a save's answer becomes what `next` makes of it. Under a
    /// "quit?" asked meanwhile, the question goes: what it asked about is answered now.
    fn answer_waiting(&mut self, next: impl FnOnce(&mut App, Overlay) -> Next) {
        if matches!(self.session.top(), Some(Overlay::QuitAsk)) {
            self.session.layers.pop();
        }
        if let Some(waiting) = self.session.layers.pop() {
            let next = next(self, waiting);
            self.session.apply(next);
        }
    }

    /// A save has waited a second: said, so a stopped server is not a frozen screen.
    pub fn slow(&mut self) -> bool {
        match &mut self.session.in_flight {
            Some(flight) if !flight.slow => {
                flight.slow = true;
                self.session.message = Some(self.lang().t(Msg::WaitingForServer).into());
                true
            }
            _ => false,
        }
    }

    /// What a user quitting with a save unanswered must not lose: the save's name and what its
    /// form held, to print once the terminal is given back.
    pub fn unconfirmed(&self) -> Option<String> {
        let flight = self.session.in_flight.as_ref()?;
        let lang = self.lang();
        let mut out = lang.f(Msg::NotConfirmed, &[&flight.label]);
        // The form under the question, or under its roll call.
        let form = self.session.layers.iter().rev().find_map(|layer| match layer {
            Overlay::Form(form) => Some(form.as_ref()),
            _ => None,
        });
        for field in form.map(|f| f.fields.as_slice()).unwrap_or_default() {
            out.push_str(&format!("\n  {}{}{}", field.label(lang), lang.colon(), field.display()));
        }
        Some(out)
    }

    /// After a change, the table's selection moves to the row of the record concerned (a new
    /// need, the project an undo brought back), where the table shows one.
    fn select_changed(&mut self, changes: &[Change]) {
        if !matches!(self.session.screen, Screen::Table) {
            return;
        }
        let establishment_of = |group: u64| {
            self.data.groups.get(&group).and_then(|g| g.establishment.clone()).map(Target::Prison)
        };
        let targets: Vec<Target> = changes
            .iter()
            .filter_map(|c| if let Change::Put(r) = c { Some(r) } else { None })
            .flat_map(|r| match r {
                Record::Need(n) => vec![Some(Target::Need(n.id))],
                Record::Project(p) => vec![Some(Target::Project(p.id))],
                Record::Session(s) => s.covers.iter().map(|n| Some(Target::Need(*n))).collect(),
                Record::Establishment(e) => vec![Some(Target::Prison(e.id.clone()))],
                Record::Group(g) => vec![g.establishment.clone().map(Target::Prison)],
                Record::Meeting(m) => vec![establishment_of(m.group)],
                Record::Membership(m) => {
                    vec![
                        Some(Target::Gap { group: m.group, seat: m.seat.clone() }),
                        establishment_of(m.group),
                    ]
                }
                Record::Person(p) => vec![Some(Target::Overload(p.id))],
                Record::Service(s) => vec![Some(Target::Service(s.id))],
                Record::CapbMeeting(m) => vec![Some(Target::CapbMeeting(m.id))],
                Record::Motion(m) => vec![Some(Target::CapbMeeting(m.meeting))],
                Record::Production(p) => vec![Some(Target::Production(p.id))],
                Record::Template(_)
                | Record::Settings(_)
                | Record::Account(_)
                | Record::CapbRules(_)
                | Record::Admission(_) => vec![],
            })
            .flatten()
            .collect();
        let table = self.table_mut();
        for target in &targets {
            if table.select_target(target) {
                return;
            }
        }
    }

    /// `u`: undoes the last change of this session, and the one before on the next press.
    pub(super) fn undo_last(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some((label, changes, heard)) = self.session.undo.pop() else {
            return self.session.message = Some(self.lang().t(Msg::NothingToUndo).into());
        };
        // Undo goes through the same check as a save: someone's change since is said first;
        // `u` again undoes over it.
        if !std::mem::take(&mut self.undo_over)
            && let Some((by, at)) = self.conflict_since(heard, &changes)
        {
            let time = crate::i18n::when(self.lang(), &at);
            self.session.message = Some(self.lang().f(Msg::UndoConflict, &[&by, &time]));
            self.session.undo.push((label, changes, heard));
            self.undo_over = true;
            return;
        }
        // Undoing a creation deletes: asked first, No the default, as any deletion is.
        let deletes = changes.iter().any(|c| matches!(c, Change::Delete(k) if self.data.get(k).is_some()));
        if deletes {
            self.session.open(Overlay::Confirm {
                question: self.lang().f(Msg::ConfirmUndoDeletes, &[&label]),
                label,
                changes,
                on_yes: OnYes::Revert(Reverting::Undo(heard)),
            });
            return;
        }
        self.revert(label, changes, Reverting::Undo(heard));
    }

    /// Sends an undo or a redo: through the same door and rules as a save (an undo that would
    /// break a record made since, a person someone was appointed with, is refused and says
    /// why). The revisions it starts from are today's, so a second `u` undoes over the change
    /// said. A refused one goes back on its stack.
    fn revert(&mut self, label: String, changes: Vec<Change>, how: Reverting) {
        if let Err(why) = self.send(label.clone(), changes.clone(), false, Some(how)) {
            self.session.message = Some(self.lang().f(Msg::SaveFailed, &[&why]));
            self.back_on_its_stack(label, changes, how);
        }
    }

    fn back_on_its_stack(&mut self, label: String, changes: Vec<Change>, how: Reverting) {
        match how {
            Reverting::Undo(heard) => self.session.undo.push((label, changes, heard)),
            Reverting::Redo(heard) => self.session.redo.push((label, changes, heard)),
        }
    }

    /// Ctrl-Y: does again what the last undo undid, checked as an undo is.
    pub(super) fn redo_last(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some((label, changes, heard)) = self.session.redo.pop() else {
            return self.session.message = Some(self.lang().t(Msg::NothingToRedo).into());
        };
        if let Some((by, at)) = self.conflict_since(heard, &changes) {
            let time = crate::i18n::when(self.lang(), &at);
            self.session.message = Some(self.lang().f(Msg::UndoConflict, &[&by, &time]));
            // Said once: the next Ctrl-Y does it over their change.
            self.session.redo.push((label, changes, self.link.heard));
            return;
        }
        self.revert(label, changes, Reverting::Redo(heard));
    }

    /// `c`: a new version of the seats, for the central group when the row is about it,
    /// else for local groups.
    pub(super) fn templates(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let central = self.data.central_group().map(|g| g.id);
        let kind = match self.current_target() {
            Some(Target::Gap { group, .. }) if Some(group) == central => crate::domain::GroupKind::Central,
            _ => crate::domain::GroupKind::Local,
        };
        self.open_form(Purpose::Template(kind));
    }

    /// The palette's "grant access": an OS account's role on a shared store, from a date.
    pub(super) fn accounts(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        self.open_form(Purpose::Account);
    }

    /// `R`: the concertation's own rules, from a date on (those in force filled in).
    pub(super) fn members_rules(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        self.open_form(Purpose::CapbRules);
    }

    /// `r`: the thresholds the rules compare with, from a date on.
    pub(super) fn thresholds(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        self.open_form(Purpose::Settings);
    }

    /// `h`: the audit trail of the row's record.
    pub(super) fn history(&mut self) {
        let key = match self.current_target() {
            Some(Target::Prison(e)) => RecordKey::Establishment(e),
            Some(Target::Overload(p)) => RecordKey::Id(RecordKind::Person, p),
            Some(Target::Project(p)) => RecordKey::Id(RecordKind::Project, p),
            Some(Target::Need(n)) => RecordKey::Id(RecordKind::Need, n),
            Some(Target::Gap { group, .. }) => RecordKey::Id(RecordKind::Group, group),
            Some(Target::Central) => match self.data.central_group() {
                Some(g) => RecordKey::Id(RecordKind::Group, g.id),
                None => return,
            },
            Some(Target::Service(s)) => RecordKey::Id(RecordKind::Service, s),
            Some(Target::CapbMeeting(m)) => RecordKey::Id(RecordKind::CapbMeeting, m),
            Some(Target::Production(p)) => RecordKey::Id(RecordKind::Production, p),
            Some(Target::Admission(a)) => RecordKey::Id(RecordKind::Admission, a),
            None => return,
        };
        // Named in words, as the screen names it, not by its key.
        let names = crate::i18n::names::Names::new(&self.data, self.lang(), self.as_of);
        let title = self.data.get(&key).map_or_else(|| key.to_string(), |r| names.record(&r));
        // The lines are asked for off the key path: shown when they come; a server still
        // starting is asked once it listens.
        let lines = match self.backend() {
            Some(backend) => {
                self.session.effects.push(Effect::History { backend, record: key.clone() });
                None
            }
            None if matches!(self.link.store, super::StoreSlot::Connecting) => None,
            None => Some(Vec::new()),
        };
        self.session.open(Overlay::History { title, record: key, lines, scroll: 0 });
    }

    /// A history opened while the server was starting, asked for now that there is a store.
    pub(super) fn ask_open_history(&mut self) {
        let waiting = self.session.layers.iter().find_map(|layer| match layer {
            Overlay::History { record, lines: None, .. } => Some(record.clone()),
            _ => None,
        });
        let Some(record) = waiting else { return };
        match self.backend() {
            Some(backend) => self.session.effects.push(Effect::History { backend, record }),
            None => {
                for layer in &mut self.session.layers {
                    if let Overlay::History { lines: lines @ None, .. } = layer {
                        *lines = Some(Vec::new());
                    }
                }
            }
        }
    }

    /// A history's lines, worded, into the history still open for that record.
    fn history_came(&mut self, record: &RecordKey, lines: Result<Vec<AuditEntry>, BackendError>) -> bool {
        let lang = self.lang();
        let worded = match lines {
            Ok(trail) => trail
                .iter()
                .map(|e| {
                    let action = lang.t(if e.action == "delete" { Msg::AuditDelete } else { Msg::AuditPut });
                    format!(
                        "{}  {}  {action}  {}",
                        crate::domain::date::local_stamp(&e.at),
                        e.user,
                        e.summary
                    )
                })
                .collect(),
            Err(e) => vec![self.keep_words(&e)],
        };
        match self.session.top_mut() {
            Some(Overlay::History { record: open, lines: lines @ None, .. }) if open == record => {
                *lines = Some(worded);
                true
            }
            _ => false,
        }
    }

    /// The seed's figures on 31 December of every year since the circular, up to the day
    /// viewed: computed when the view opens, and kept for the next opening until the data
    /// changes.
    pub(crate) fn trend(&mut self) {
        let years = match &self.upkeep.trend {
            Some((on, years)) if *on == self.as_of => years.clone(),
            _ => {
                // The index the rules keep between dates, built now if a change dropped it
                // (the catch-up after the frame would build the same).
                let data = &self.data;
                let index = self.upkeep.index.get_or_insert_with(|| crate::domain::rules::Index::new(data));
                let years = crate::domain::rules::figures_by_year(data, index, self.as_of);
                self.upkeep.trend = Some((self.as_of, years.clone()));
                years
            }
        };
        self.session.open(Overlay::Trend { years, measure: super::Measure::Meeting });
    }

    /// Saves the open form: checks it, asks first where the change is grave, then commits.
    fn save_form(&mut self, mut form: Box<EditForm>) -> Next {
        let lang = self.lang();
        let ctx = self.form_ctx();
        let Some(changes) = forms::save(&mut form, &ctx) else { return Next::Stay(Overlay::Form(form)) };
        // A concertation meeting or motion goes on to its roll call, which saves it whole.
        if let Some(roll) =
            super::rollcall::RollCall::after_form(&form, &changes, &self.data, lang, self.as_of)
        {
            return Next::Push(Overlay::Form(form), Overlay::RollCall(Box::new(roll)));
        }
        let names = crate::i18n::names::Names::new(&self.data, lang, self.as_of);
        let label = changes
            .last()
            .and_then(|c| if let Change::Put(r) = c { Some(names.record(r)) } else { None })
            .unwrap_or_default();
        if let Some(question) = forms::confirmation(&form, &ctx) {
            let ask = Overlay::Confirm { question, label, changes, on_yes: OnYes::CommitForm };
            return Next::Push(Overlay::Form(form), ask);
        }
        Next::Stay(Overlay::Form(self.commit_form(form, label, changes)))
    }

    /// Commits a form's changes: closes it, or goes back to the form it was opened from with
    /// what it created chosen there; a refusal stays on the form, in words.
    fn commit_form(&mut self, mut form: Box<EditForm>, label: String, changes: Vec<Change>) -> Box<EditForm> {
        // Someone else saved one of these records since the form opened: their version
        // comes back with this user's changes over it, each field both changed said; Ctrl-S
        // saves that, Ctrl-R takes theirs whole.
        if !form.overwrite
            && let Some((by, at)) = self.conflict_since(form.opened, &changes)
        {
            return self.over_theirs(form, &by, &at);
        }
        // The form stays on screen until the answer (`finish`) closes it or says why not.
        if let Err(e) = self.commit(label, changes, form.overwrite) {
            form.error = Some(e);
        }
        form
    }

    /// After a conflict: the form opened again on what is saved now (theirs), with the fields
    /// this user changed taken over it, so a save writes only those; where both changed a
    /// field, theirs is shown under it. A form whose record is gone, or whose fields no longer
    /// line up, stays as typed, said, and a save writes it whole.
    fn over_theirs(&self, mut form: Box<EditForm>, by: &str, at: &str) -> Box<EditForm> {
        let ctx = self.form_ctx();
        let fresh = forms::open(form.purpose.clone(), &ctx)
            .filter(|f| f.fields.len() == form.fields.len() && form.originals.len() == form.fields.len());
        let Some(mut fresh) = fresh else {
            form.error = Some(self.conflict_words(by, at));
            form.overwrite = true;
            return form;
        };
        fresh.stamp(self.link.heard);
        // Their values as the form shows them, before this user's are taken over them.
        let theirs_shown: Vec<String> = fresh.fields.iter().map(super::form::Field::display).collect();
        let mine: Vec<usize> = (0..form.fields.len()).filter(|&i| form.changed_field(i)).collect();
        // Twice: a choice taken may change what a later list offers (refresh), and the
        // second pass chooses in the list as it is then.
        for _ in 0..2 {
            for &i in &mine {
                fresh.fields[i].take_value(&form.fields[i]);
            }
            forms::refresh(&mut fresh, &ctx);
        }
        for &i in &mine {
            let theirs = &fresh.originals[i];
            if *theirs != form.originals[i] && *theirs != form.fields[i].value_key() {
                fresh.fields[i].theirs = Some(theirs_shown[i].clone());
            }
        }
        fresh.for_field = form.for_field;
        fresh.focus = form.focus.min(fresh.fields.len());
        fresh.changed = true;
        fresh.overwrite = true;
        let time = crate::i18n::when(self.lang(), at);
        fresh.error = Some(self.lang().f(Msg::ConflictMerged, &[by, &time]));
        Box::new(fresh)
    }

    /// Ctrl-R after a conflict: the form again, on what is saved now, nothing of this user's.
    fn theirs_whole(&self, form: Box<EditForm>) -> Overlay {
        match forms::open(form.purpose.clone(), &self.form_ctx()) {
            Some(mut fresh) => {
                fresh.stamp(self.link.heard);
                fresh.for_field = form.for_field;
                Overlay::Form(Box::new(fresh))
            }
            None => Overlay::Form(form),
        }
    }

    /// Enter on a list's "new person «…»": the person's form, prefilled, on top of this one.
    fn create_from(&mut self, form: Box<EditForm>) -> Next {
        let field = form.focus;
        let typed = form.fields.get(field).map(|f| f.input.value().trim().to_string()).unwrap_or_default();
        let Some(mut person) = forms::open(Purpose::Person(None), &self.form_ctx()) else {
            return Next::Stay(Overlay::Form(form));
        };
        let name = &mut person.fields[forms::PERSON_NAME];
        name.input = tui_input::Input::new(typed);
        name.pristine = false;
        person.changed = true;
        person.focus = forms::PERSON_NAME + 1;
        person.for_field = Some(field);
        Next::Push(Overlay::Form(form), Overlay::Form(Box::new(person)))
    }

    /// A key for the layer on top (a form, a question, a roll call, a history, the trend),
    /// taken off the stack: what it answers ([`Next`]) is put back. A question acts on the
    /// layer under it (its form) as it says on Yes.
    pub(super) fn update_layer(&mut self, top: Overlay, action: Action) -> Next {
        match top {
            Overlay::Form(form) => self.form_key(form, action),
            Overlay::RollCall(roll) => self.roll_call_key(roll, action),
            Overlay::Discard { for_theirs } => {
                if action == Action::Yes {
                    // Theirs whole in the form's place, or the form closed (back to the one
                    // it was opened from, if any).
                    let form = self.session.layers.pop();
                    if let (true, Some(Overlay::Form(form))) = (for_theirs, form) {
                        self.session.layers.push(self.theirs_whole(form));
                    }
                }
                Next::Pop
            }
            Overlay::Confirm { label, changes, on_yes, question } => match (action, on_yes) {
                (Action::Yes, OnYes::Revert(how)) => {
                    self.revert(label, changes, how);
                    Next::Pop
                }
                // No to an undo that deletes: it stays to be undone.
                (Action::No | Action::Back, OnYes::Revert(how)) => {
                    self.back_on_its_stack(label, changes, how);
                    Next::Pop
                }
                (Action::Yes, OnYes::CommitForm) => match self.session.layers.pop() {
                    Some(Overlay::Form(form)) => {
                        Next::Replace(Overlay::Form(self.commit_form(form, label, changes)))
                    }
                    other => {
                        self.session.layers.extend(other);
                        Next::Pop
                    }
                },
                (Action::Yes, OnYes::Commit) => {
                    if let Err(e) = self.commit(label, changes, false) {
                        self.session.message = Some(e);
                    }
                    Next::Pop
                }
                (Action::No | Action::Back, _) => Next::Pop,
                (_, on_yes) => Next::Stay(Overlay::Confirm { question, label, changes, on_yes }),
            },
            Overlay::History { title, record, lines, scroll } => match action {
                Action::Up | Action::Down => {
                    let scroll = if action == Action::Up {
                        scroll.saturating_sub(1)
                    } else {
                        scroll.saturating_add(1)
                    };
                    Next::Stay(Overlay::History { title, record, lines, scroll })
                }
                Action::Back | Action::Help => Next::Pop,
                _ => Next::Stay(Overlay::History { title, record, lines, scroll }),
            },
            Overlay::Trend { years, measure } => match action {
                Action::Up | Action::Down => {
                    Next::Stay(Overlay::Trend { years, measure: measure.step(action == Action::Down) })
                }
                // The help its key bar offers opens over it, and closes back to it.
                Action::Help => Next::Push(Overlay::Trend { years, measure }, Overlay::Help { scroll: 0 }),
                Action::Back | Action::Trend => Next::Pop,
                _ => Next::Stay(Overlay::Trend { years, measure }),
            },
            other => Next::Stay(other),
        }
    }

    /// A key in a form.
    fn form_key(&mut self, mut form: Box<EditForm>, action: Action) -> Next {
        let lang = self.lang();
        match action {
            Action::NextField => form.next(lang),
            Action::PrevField => form.prev(lang),
            Action::Up => form.up_down(false, lang),
            Action::Down => form.up_down(true, lang),
            Action::PageUp => form.page(false),
            Action::PageDown => form.page(true),
            Action::Toggle => {
                form.toggle();
            }
            Action::Text(op) => {
                form.text_op(op);
            }
            Action::Save => return self.save_form(form),
            // After a conflict: the form again, on what is saved now; what was typed is not
            // dropped without asking.
            Action::Reload if form.overwrite && form.changed => {
                return Next::Push(Overlay::Form(form), Overlay::Discard { for_theirs: true });
            }
            Action::Reload if form.overwrite => return Next::Replace(self.theirs_whole(form)),
            Action::Confirm => match form.enter(lang) {
                FormOutcome::Save => return self.save_form(form),
                FormOutcome::Create => return self.create_from(form),
                FormOutcome::Stay | FormOutcome::Cancel | FormOutcome::AskDiscard => {}
            },
            // Closed, back to the form it was opened from, if any; changes are asked about.
            Action::Cancel => match form.escape() {
                FormOutcome::AskDiscard => {
                    return Next::Push(Overlay::Form(form), Overlay::Discard { for_theirs: false });
                }
                _ => return Next::Pop,
            },
            _ => {}
        }
        forms::refresh(&mut form, &self.form_ctx());
        Next::Stay(Overlay::Form(form))
    }

    /// A key in a roll call.
    fn roll_call_key(&mut self, mut roll: Box<super::rollcall::RollCall>, action: Action) -> Next {
        let lang = self.lang();
        match action {
            Action::Up => roll.move_by(false),
            Action::Down => roll.move_by(true),
            Action::MarkFor => roll.mark(Mark::Vote(Vote::For), lang),
            Action::MarkAgainst => roll.mark(Mark::Vote(Vote::Against), lang),
            Action::MarkAbstain => roll.mark(Mark::Vote(Vote::Abstain), lang),
            Action::MarkAbsent if roll.is_vote() => roll.mark(Mark::Vote(Vote::Absent), lang),
            Action::MarkAbsent => roll.mark(Mark::Absent, lang),
            Action::MarkPresent => roll.mark(Mark::Present, lang),
            Action::MarkProxy => roll.next_holder(),
            // Back to the form under it, which keeps what was typed.
            Action::Cancel => return Next::Pop,
            Action::Save => {
                let names = crate::i18n::names::Names::new(&self.data, lang, self.as_of);
                if roll.check(lang, &names) {
                    let record = roll.record();
                    let label = names.record(&record);
                    // On screen until the answer closes it or says why not.
                    if let Err(e) = self.commit(label, vec![Change::Put(record)], false) {
                        roll.error = Some(e);
                    }
                }
            }
            _ => {}
        }
        Next::Stay(Overlay::RollCall(roll))
    }

    /// A printable key in a form goes to its focused field.
    pub(super) fn type_into_form(&mut self, c: char) -> bool {
        self.edit_form(|form| form.type_char(c))
    }

    /// Changes the open form's text by `edit`; lists that depend on it follow. Returns whether
    /// anything changed.
    pub(super) fn edit_form(&mut self, edit: impl FnOnce(&mut EditForm) -> bool) -> bool {
        let Some(Overlay::Form(form)) = self.session.top_mut() else { return false };
        let changed = edit(form);
        if changed {
            let ctx = forms::FormSource {
                data: &self.data,
                as_of: self.as_of,
                today: self.options.today,
                lang: self.options.lang,
            };
            forms::refresh(form, &ctx);
        }
        changed
    }

    /// "Discard the changes?" answered by a key that is neither yes nor no: they are kept.
    pub(super) fn keep_form(&mut self) -> bool {
        let asked = matches!(self.session.top(), Some(Overlay::Discard { .. }));
        if asked {
            self.session.layers.pop();
        }
        asked
    }
}
