//! The app's state and the one `update` path that changes it.

pub mod action;
pub mod detail;
mod editing;
pub mod effect;
pub mod form;
pub mod forms;
pub mod panes;
pub mod rollcall;
pub mod rows;
pub mod table;
pub mod text;
mod view;

use chrono::NaiveDate;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use tui_input::Input;

use std::sync::Arc;

use crate::backend::{Backend, BackendError};
use crate::client::{Connection, News};
use crate::domain::access::{Role, Seat};
use crate::domain::rules::{Index, Lookup, Scope, Situation};
use crate::domain::{Change, Dataset};
use crate::i18n::{Lang, Msg};
use crate::store::{Store, StoreError};
use action::{Action, TextOp};
use panes::{PaneId, RowSource};
use std::sync::mpsc::Receiver;
use table::{Row, TableView, Target};

/// Below this the app says so instead of drawing a cramped screen, and keys other than quit
/// and redraw do nothing: nobody acts on what they cannot see.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Where a key is read: what the app is showing decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A pane's table.
    Table,
    /// A detail view.
    Detail,
    /// The help or palette overlay.
    Overlay,
    /// A text prompt (filter, palette, date): printable keys are typed, not dispatched.
    Prompt,
    /// A form: printable keys are typed into the focused field.
    Form,
    /// A form whose focused field is a checklist: Space ticks, other printable keys filter it.
    Checklist,
    /// A yes/no question (a grave change, or discarding a form's changes).
    Confirm,
    /// The terminal is too small to show anything: only quitting and redrawing act.
    TooSmall,
    /// The roll call of a concertation meeting: present, absent, proxy, member by member.
    Attendance,
    /// The vote on a motion: for, against, abstain, absent, member by member.
    Vote,
}

/// How the app was started.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub today: NaiveDate,
    pub as_of: Option<NaiveDate>,
    pub read_only: bool,
    pub ascii: bool,
    pub color: bool,
    /// Where the data lives, as the status bar shows it.
    pub store_label: String,
}

/// What fills the main area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Table,
    /// A row's detail; `item` is the selected entry among those it lists.
    Detail {
        target: Target,
        scroll: u16,
        item: usize,
    },
}

/// An entry a detail view lists that can be edited or deleted on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A seat nobody holds: editing it appoints someone.
    Seat {
        group: crate::domain::GroupId,
        seat: String,
    },
    Membership(crate::domain::MembershipId),
    Meeting(crate::domain::MeetingId),
    Project(crate::domain::ProjectId),
    Need(crate::domain::NeedId),
    Session(crate::domain::SessionId),
    /// A motion of a concertation meeting: editing it takes the vote again.
    Motion(crate::domain::concertation::MotionId),
}

/// A layer over the table or the detail view. Layers stack ([`Session::layers`]): the top one
/// takes the keys and answers each with a [`Next`]; closing it gives the keys back to the one
/// under it (a question to its form, a person's form to the appointment it was opened from,
/// the help to the trend view it was asked over).
#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Palette {
        input: Input,
        selected: usize,
        matches: Vec<Action>,
    },
    /// Typing the filter of the current pane; the table follows live.
    Filter {
        input: Input,
    },
    AsOf {
        input: Input,
        error: Option<String>,
    },
    Form(Box<forms::EditForm>),
    /// A concertation meeting's attendance, or a motion's vote, over its form.
    RollCall(Box<rollcall::RollCall>),
    /// Esc on a changed form: discard its changes? (y / n), over the form. `for_theirs`:
    /// Ctrl-R after a conflict, which drops them for the version saved by someone else.
    Discard {
        for_theirs: bool,
    },
    /// Ctrl-C or q over unsaved work (a changed form, a roll call): quit and lose it? (y / n),
    /// over what was open, which comes back whole on anything but yes.
    QuitAsk,
    /// A yes/no question before a grave change, carrying what Yes does; No (the default)
    /// closes it (back to the form under it, if any).
    Confirm {
        question: String,
        label: String,
        changes: Vec<Change>,
        on_yes: OnYes,
    },
    /// The audit trail of one record.
    History {
        title: String,
        record: crate::domain::RecordKey,
        /// `None` while the lines are asked for.
        lines: Option<Vec<String>>,
        scroll: u16,
    },
    /// The seed's figures on 31 December of each year since the circular (the last: the day
    /// viewed), French-speaking then Dutch-speaking.
    Trend {
        years: Vec<crate::domain::rules::YearFigures>,
        /// What the bars count; Up and Down choose.
        measure: Measure,
    },
}

/// What Yes to a [`Overlay::Confirm`] does with its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnYes {
    /// Commits them.
    Commit,
    /// Commits them as the save of the form under the question (which waits for the answer).
    CommitForm,
    /// Sends an undo (or redo) that deletes what a change made; No puts it back on its stack.
    Revert(effect::Reverting),
}

/// What a layer answers to a key.
pub enum Next {
    /// It stays on top (changed or not).
    Stay(Overlay),
    /// It closes: the layer under it, if any, takes the keys again.
    Pop,
    /// It stays, and the second opens over it.
    Push(Overlay, Overlay),
    /// Another takes its place.
    Replace(Overlay),
}

/// What the trend view draws for each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Covered establishments whose group met within the dormancy period.
    Meeting,
    /// Covered establishments with a local group.
    WithGroup,
    /// The share of their groups' required seats held by someone qualified, in percent.
    SeatsFilled,
    /// Projects waiting for the central group's decision.
    Waiting,
}

impl Measure {
    pub const ALL: [Measure; 4] =
        [Measure::Meeting, Measure::WithGroup, Measure::SeatsFilled, Measure::Waiting];

    /// The next (or previous) measure, round.
    pub fn step(self, forward: bool) -> Measure {
        let n = Self::ALL.len();
        let i = Self::ALL.iter().position(|m| *m == self).unwrap_or(0);
        Self::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }]
    }

    /// This measure's value in one regime's figures.
    pub fn of(self, f: &crate::domain::rules::RegimeFigures) -> usize {
        match self {
            Measure::Meeting => f.meeting,
            Measure::WithGroup => f.with_group,
            Measure::SeatsFilled => f.seats_percent().unwrap_or(0),
            Measure::Waiting => f.waiting,
        }
    }
}

/// What the app keeps beside the data so that a change or another date recomputes little,
/// and what it frees after the frame.
struct Upkeep {
    /// Which records belong to which group, person or prison, for [`Situation::update`].
    lookup: Lookup,
    /// What the rules read of every record, whatever the date: kept so that another date
    /// does not read every record again. `None` after a change, until [`App::catch_up`] (or
    /// the next date) rebuilds it.
    index: Option<Index>,
    /// The situation a change of date or language replaced, and the rows it replaced, freed
    /// after the frame: freeing their thousands of strings costs milliseconds the frame need
    /// not wait for.
    spent: Option<Situation>,
    spent_rows: Vec<Vec<Row>>,
    /// The trend view's years for a date, kept between openings until the data changes.
    trend: Option<(NaiveDate, Vec<crate::domain::rules::YearFigures>)>,
}

/// Where the app's changes go.
pub(crate) enum StoreSlot {
    /// Nowhere: the data is shown, not changed.
    None,
    /// A store this process holds, or the server that holds it for this app and others.
    Ready(Backend),
    /// A store being made on another thread.
    Coming(Receiver<Result<Store, StoreError>>),
    /// A server being started for the store this app read first: its connection comes as
    /// news ([`News::Connected`]); a save before then is told to wait for it.
    Connecting,
}

/// A pane's table, and what changed since its rows were built.
struct Pane {
    table: TableView,
    /// What the changes since may have altered, if the pane is not up to date: only the pane
    /// on screen is brought up to date before its frame; the others when shown, or by
    /// [`App::catch_up`] while no key waits.
    stale: Option<Scope>,
}

pub struct App {
    pub data: Dataset,
    pub situation: Situation,
    /// What keeps the situation up to date cheaply (see [`Upkeep`]).
    upkeep: Upkeep,
    pub options: Options,
    pub as_of: NaiveDate,
    /// One entry per pane, in `PaneId::ALL`'s order: a new pane is one more entry.
    panes: Vec<Pane>,
    /// What the user is doing: where, what is open, the last word, what undo undoes.
    pub session: Session,
    /// Where the data is kept, and who this session is there.
    pub link: Link,
    /// The next `u` undoes over a change someone made since (it was said on the first `u`).
    undo_over: bool,
}

/// The link to where the data is kept: the store this process holds or the server that holds
/// it, the account's name and grant there, and what the server has said of others' changes.
pub struct Link {
    /// Where changes are written; `None` shows the data without letting it change.
    store: StoreSlot,
    /// The operating-system user, for the audit trail.
    pub(crate) user: String,
    /// The role a server gives this account; `None` for a store this process holds itself.
    pub role: Option<Role>,
    /// How the concertation admitted this account to its debates (from the server).
    pub admitted: Option<Seat>,
    /// How many changes saved by others the server has pushed, and the last one heard of for
    /// each record (its number, who, when): what a form or an undo checks for a conflict.
    pub(crate) heard: u64,
    pub(crate) heard_of: crate::domain::FastMap<crate::domain::RecordKey, (u64, String, String)>,
}

/// What the user is doing, apart from the data: the pane and screen shown, what is open on
/// top, the status bar's message, what undo undoes, and the terminal's size.
pub struct Session {
    pub pane: PaneId,
    pub screen: Screen,
    /// What is open over the screen, bottom first: the last takes the keys.
    pub layers: Vec<Overlay>,
    /// The detail view on screen, built when it opens and when what it shows changes.
    pub detail: Option<detail::DetailView>,
    /// The last message, shown in the status bar until the next one.
    pub message: Option<String>,
    pub should_quit: bool,
    /// Ctrl-L asked for the whole screen to be drawn again.
    redraw_requested: bool,
    /// The server that held the store went away: nothing more can be saved here.
    pub server_lost: bool,
    /// The terminal's size, as the last resize said; `None` until told.
    size: Option<(u16, u16)>,
    /// How far the help can scroll, as its last drawing found (its length depends on the
    /// language and the width): what the keys that scroll it stop at.
    pub help_last: std::cell::Cell<u16>,
    /// Keys pressed on a terminal too small to act on them, said on that screen so the user
    /// knows nothing was done.
    pub ignored: usize,
    /// What undoes each change of this session, newest last.
    /// Each with how many changes by others had been heard of when it was made.
    undo: Vec<(String, Vec<Change>, u64)>,
    /// What does again each change undone, newest last; a new change empties it.
    redo: Vec<(String, Vec<Change>, u64)>,
    /// Today follows the clock (no `--today`): a UI left open past midnight moves on.
    clock: bool,
    /// What the terminal does at a new day (the day's backup), if anything.
    backups: Option<std::path::PathBuf>,
    /// Work asked of the loop (a save to write), oldest first.
    effects: Vec<effect::Effect>,
    /// A save sent and not yet answered.
    in_flight: Option<effect::InFlight>,
}

impl Session {
    /// The layer on top, which takes the keys.
    pub fn top(&self) -> Option<&Overlay> {
        self.layers.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Overlay> {
        self.layers.last_mut()
    }

    /// The layer under the top one.
    pub fn under_top(&self) -> Option<&Overlay> {
        self.layers.len().checked_sub(2).and_then(|i| self.layers.get(i))
    }

    /// Opens `layer` alone over the screen: whatever was open closes.
    pub fn open(&mut self, layer: Overlay) {
        self.layers.clear();
        self.layers.push(layer);
    }

    /// Puts a layer's answer into effect.
    fn apply(&mut self, next: Next) {
        match next {
            Next::Stay(layer) | Next::Replace(layer) => self.layers.push(layer),
            Next::Pop => {}
            Next::Push(layer, over) => {
                self.layers.push(layer);
                self.layers.push(over);
            }
        }
    }
}

impl App {
    pub fn new(data: Dataset, options: Options) -> App {
        let as_of = options.as_of.unwrap_or(options.today);
        let index = Index::new(&data);
        let situation = Situation::compute_with(&data, &index, as_of);
        let lookup = Lookup::new(&data);
        let mut app = App {
            data,
            situation,
            upkeep: Upkeep { lookup, index: Some(index), spent: None, spent_rows: Vec::new(), trend: None },
            options,
            as_of,
            panes: PaneId::ALL
                .iter()
                .map(|id| Pane { table: id.table(), stale: Some(Scope::everything()) })
                .collect(),
            session: Session {
                pane: PaneId::Prisons,
                screen: Screen::Table,
                layers: Vec::new(),
                detail: None,
                message: None,
                should_quit: false,
                redraw_requested: false,
                server_lost: false,
                size: None,
                help_last: std::cell::Cell::new(u16::MAX),
                ignored: 0,
                undo: Vec::new(),
                redo: Vec::new(),
                clock: false,
                backups: None,
                effects: Vec::new(),
                in_flight: None,
            },
            link: Link {
                store: StoreSlot::None,
                user: String::new(),
                role: None,
                admitted: None,
                heard: 0,
                heard_of: Default::default(),
            },
            undo_over: false,
        };
        app.rebuild_rows(&Scope::everything());
        app
    }

    /// Lets the app write its changes to `store`, in the name of `user`.
    pub fn with_store(mut self, store: Arc<Store>, user: String) -> App {
        self.link.store = StoreSlot::Ready(Backend::Local(store));
        self.link.user = user;
        self
    }

    /// Today follows the clock: looked at when an event comes, never by a timer; at a new
    /// day, the day's backup is asked for, into `backups` (none without).
    pub fn following_the_clock(mut self, backups: Option<std::path::PathBuf>) -> App {
        self.session.clock = true;
        self.session.backups = backups;
        self
    }

    /// Before an event: if the clock has passed midnight since, today is the new day, and a
    /// view of today moves to it (a view of another date stays).
    pub fn look_at_the_clock(&mut self) {
        if self.session.clock {
            self.new_day(chrono::Local::now().date_naive());
        }
    }

    /// Today is `date`, if it is not already.
    pub fn new_day(&mut self, date: NaiveDate) {
        if date == self.options.today {
            return;
        }
        let viewing_today = self.as_of == self.options.today;
        self.options.today = date;
        if viewing_today {
            self.as_of = date;
            self.recompute();
        }
        self.session.message =
            Some(self.options.lang.f(Msg::NewDay, &[&crate::domain::date::format_be(date)]));
        if let Some(dir) = self.session.backups.clone()
            && let Some(backend) = self.backend()
        {
            self.session.effects.push(effect::Effect::Backup { backend, dir });
        }
    }

    /// Lets the app write to a store still being made (the demo's, made while its first frame
    /// is drawn from the same data): the first write waits for it.
    pub fn with_store_to_come(mut self, coming: Receiver<Result<Store, StoreError>>, user: String) -> App {
        self.link.store = StoreSlot::Coming(coming);
        self.link.user = user;
        self
    }

    /// Makes the app a client of the server that holds the store: its changes go there, and
    /// the changes others save come back through [`App::hear`].
    pub fn with_server(mut self, connection: Arc<Connection>, user: String) -> App {
        self.link.user = user;
        self.opening_as(&connection.role);
        self.link_to(connection);
        self
    }

    /// Makes the app the client-to-be of a server being started for the store its data was
    /// read from, which will take this account for `role`, admitted as `admitted`: shown at
    /// once, saved once [`News::Connected`] comes.
    pub fn with_server_to_come(mut self, user: String, (role, admitted): (Role, Option<Seat>)) -> App {
        self.opening_as(&role);
        self.link.role = Some(role);
        self.link.admitted = admitted;
        self.link.store = StoreSlot::Connecting;
        self.link.user = user;
        self
    }

    /// A member of the concertation reads only it: it opens there.
    fn opening_as(&mut self, role: &Role) {
        if *role == Role::Member {
            self.show_pane(PaneId::Concertation);
        }
    }

    /// The server's connection: what its account may do, and where changes go from now on.
    fn link_to(&mut self, connection: Arc<Connection>) {
        self.link.role = Some(connection.role.clone());
        self.link.admitted = connection.admitted.clone();
        self.link.store = StoreSlot::Ready(Backend::Remote(connection));
        self.session.server_lost = false;
    }

    /// "ann saved this at 14:02 since you began: saving again writes yours over it;
    /// reloading shows theirs"; the hint bar has the keys for both (the keymap's).
    pub fn conflict_words(&self, by: &str, at: &str) -> String {
        let time = crate::i18n::when(self.lang(), at);
        self.lang().f(Msg::Conflict, &[by, &time])
    }

    /// Someone else's change heard of since `since`, on one of these records: who and when.
    pub fn conflict_since(&self, since: u64, changes: &[Change]) -> Option<(String, String)> {
        changes.iter().find_map(|c| {
            self.link
                .heard_of
                .get(&c.key())
                .filter(|(n, _, _)| *n > since)
                .map(|(_, by, at)| (by.clone(), at.clone()))
        })
    }

    /// How many changes by others have been heard of: a form or an undo remembers it.
    pub fn heard(&self) -> u64 {
        self.link.heard
    }

    /// Why an action is not for this user here, in words; `None` when it is. The hint bar
    /// leaves such keys out, the help lists them with the reason, and pressing one says it.
    pub fn unavailable(&self, action: Action) -> Option<String> {
        if action == Action::Reload {
            let told = matches!(self.session.top(), Some(Overlay::Form(f)) if f.overwrite);
            return (!told).then(|| self.lang().t(Msg::NothingToReload).into());
        }
        if action == Action::Trend && matches!(self.link.role, Some(Role::PrisonStaff(_))) {
            return Some(self.lang().t(Msg::WhyFiguresCoordinators).into());
        }
        if action == Action::Step && self.selected_project().is_none() {
            return Some(self.lang().t(Msg::NoStepHere).into());
        }
        if !action.changes_data() {
            return None;
        }
        let lang = self.lang();
        // The concertation's records are changed by whoever it admitted to keep them, whatever
        // the role; the prisons' by role. A store this process holds itself is its owner's.
        let capb = matches!(action, Action::Vote | Action::MembersRules)
            || (self.session.pane == PaneId::Concertation
                && matches!(action, Action::Add | Action::Edit | Action::Delete | Action::NewMeeting));
        if capb {
            if self.link.role.is_some() && self.link.admitted != Some(Seat::Keeper) {
                return Some(lang.t(Msg::WhyKeeperOnly).into());
            }
        } else {
            match &self.link.role {
                Some(Role::Observer) if !matches!(action, Action::Undo | Action::Redo) => {
                    return Some(lang.t(Msg::WhyObserver).into());
                }
                Some(Role::Member) if !matches!(action, Action::Undo | Action::Redo) => {
                    return Some(lang.t(Msg::WhyMemberOnly).into());
                }
                Some(Role::PrisonStaff(_))
                    if matches!(action, Action::Templates | Action::Thresholds | Action::Accounts) =>
                {
                    return Some(lang.t(Msg::WhyCoordinatorOnly).into());
                }
                _ => {}
            }
        }
        if self.session.server_lost {
            return Some(lang.t(Msg::ServerLost).into());
        }
        self.options.read_only.then(|| lang.t(Msg::ReadOnlyRefused).into())
    }

    /// Where changes are written, once there: waits for a store still being made. A store
    /// that could not be made leaves the app read-only, and says why.
    pub fn backend(&mut self) -> Option<Backend> {
        if let StoreSlot::Coming(coming) = &self.link.store {
            self.link.store = match coming.recv() {
                Ok(Ok(store)) => StoreSlot::Ready(Backend::Local(Arc::new(store))),
                Ok(Err(e)) => {
                    let words = crate::backend::store_words(self.lang(), &e);
                    self.session.message = Some(self.options.lang.f(Msg::SaveFailed, &[&words]));
                    StoreSlot::None
                }
                Err(_) => StoreSlot::None,
            };
        }
        match &self.link.store {
            StoreSlot::Ready(backend) => Some(backend.clone()),
            _ => None,
        }
    }

    /// The store this process holds, if it holds one (for the terminal to flush on a signal).
    pub fn store(&mut self) -> Option<Arc<Store>> {
        match self.backend() {
            Some(Backend::Local(store)) => Some(store),
            _ => None,
        }
    }

    /// What went wrong with a write, in the user's words.
    pub fn keep_words(&self, e: &BackendError) -> String {
        e.words(self.lang())
    }

    /// News from the server: another client's saved changes are applied as this app's own
    /// are, through the same incremental update; a lost connection leaves the screen as it
    /// is, read-only, and says so. True when the screen changed.
    pub fn hear(&mut self, news: News) -> bool {
        match news {
            News::Pushed { by, changes, next_id } => {
                self.take_others_changes(&by, &changes, next_id);
                // Named as the screen names it: the first record changed, the way it is now.
                let names = crate::i18n::names::Names::new(&self.data, self.lang(), self.as_of);
                let what = changes
                    .first()
                    .map(|c| {
                        self.data.get(&c.key()).map_or_else(|| c.key().to_string(), |r| names.record(&r))
                    })
                    .unwrap_or_default();
                self.session.message = Some(self.lang().f(Msg::ChangedBy, &[&by, &what]));
                true
            }
            News::Lost => {
                self.link.store = StoreSlot::None;
                self.unpark();
                self.session.server_lost = true;
                self.session.message = Some(self.lang().t(Msg::ServerLost).into());
                true
            }
            // What changed while away comes in as news from others: an open form holding one
            // of those records is told on saving, as for any change heard of.
            News::Reconnected(back) => {
                let (connection, data) = *back;
                self.connected(connection, Some(data));
                self.session.message = Some(self.lang().t(Msg::ServerBack).into());
                true
            }
            // The server this UI started: what it holds is what was read, but for what another
            // saved in between, which comes in as others' changes do; nothing to say.
            News::Connected(first) => {
                let (connection, data) = *first;
                self.connected(connection, data);
                true
            }
            // The store is this window's then: saves go to it, the one parked first.
            News::NoServer(opened) => {
                let lang = self.lang();
                self.session.message = Some(match *opened {
                    Ok(store) => {
                        self.link.store = StoreSlot::Ready(Backend::Local(Arc::new(store)));
                        lang.t(Msg::NoServerStarted).into()
                    }
                    Err(e) => {
                        self.link.store = StoreSlot::None;
                        lang.f(Msg::NoServerNoStore, &[&crate::backend::store_words(lang, &e)])
                    }
                });
                self.unpark();
                self.ask_open_history();
                true
            }
        }
    }

    /// A connection, and the store as its server holds it where that is not what the app
    /// holds: what differs is taken as others' changes are.
    fn connected(&mut self, connection: Connection, data: Option<Dataset>) {
        let was = self.link.role.clone();
        if was.as_ref() != Some(&connection.role) {
            self.opening_as(&connection.role);
        }
        self.link_to(Arc::new(connection));
        self.unpark();
        self.ask_open_history();
        if let Some(data) = data {
            // Another part of the store (the server took the account for another): what every
            // row says of what is not in it changes too.
            let other_part = (self.data.partial, self.data.sealed) != (data.partial, data.sealed);
            (self.data.partial, self.data.sealed) = (data.partial, data.sealed);
            let changes = crate::store::diff(&self.data, &data);
            let by = self.lang().t(Msg::WhileAway).to_string();
            self.take_others_changes(&by, &changes, data.id_floor);
            if other_part {
                self.recompute();
            }
        }
    }

    /// Changes saved by someone else: remembered (a form or an undo on those records is told),
    /// applied, and the screen brought up to date as after this app's own save.
    fn take_others_changes(&mut self, by: &str, changes: &[Change], next_id: u64) {
        self.data.id_floor = self.data.id_floor.max(next_id);
        self.link.heard += 1;
        let at = chrono::Utc::now().to_rfc3339();
        for c in changes {
            self.link.heard_of.insert(c.key(), (self.link.heard, by.to_string(), at.clone()));
        }
        let undo: Vec<Change> = changes.iter().cloned().map(|c| self.data.apply(c)).collect();
        self.refresh_after(changes, &undo);
        self.after_event();
    }

    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    /// A pane's table, as it is kept (see [`App::row_count`] for a pane not caught up yet).
    pub fn pane_table(&self, pane: PaneId) -> &TableView {
        &self.panes[pane.index()].table
    }

    pub fn table(&self) -> &TableView {
        &self.panes[self.session.pane.index()].table
    }

    fn table_mut(&mut self) -> &mut TableView {
        &mut self.panes[self.session.pane.index()].table
    }

    /// Recomputes the rules and, through [`App::rebuild_rows`], every pane's rows (the one on
    /// screen now, the others after the frame): after a change of date or language.
    fn recompute(&mut self) {
        let index = self.upkeep.index.get_or_insert_with(|| Index::new(&self.data));
        let situation = Situation::compute_with(&self.data, index, self.as_of);
        self.upkeep.spent = Some(std::mem::replace(&mut self.situation, situation));
        self.rebuild_rows(&Scope::everything());
        self.rebuild_detail();
    }

    /// Brings the situation and the rows up to date after `changes` were applied to the data
    /// (`undo` reverses them): only what they can have altered is recomputed.
    fn refresh_after(&mut self, changes: &[Change], undo: &[Change]) {
        self.upkeep.lookup.apply(&self.data, changes, undo);
        self.upkeep.index = None;
        self.upkeep.trend = None;
        let scope = Scope::of_changes(&self.data, &self.upkeep.lookup, changes, undo);
        self.situation.update(&self.data, &self.upkeep.lookup, &scope);
        self.rebuild_rows(&scope);
        self.rebuild_detail();
    }

    /// Brings the rows up to date after a change within `scope`: the pane on screen now, the
    /// others later (see [`App::catch_up`]), the changes they wait for added up. A save then
    /// rebuilds before its frame only the rows the screen shows (a meeting of the central group
    /// changes 2,011 waiting projects at 100,000 records), and a change of date or language
    /// one pane of 13,600 rows.
    fn rebuild_rows(&mut self, scope: &Scope) {
        if scope.is_empty() {
            return;
        }
        for pane in &mut self.panes {
            pane.stale.get_or_insert_with(Scope::default).extend(scope);
        }
        self.bring_up_to_date(self.session.pane);
    }

    /// Frees the situation a change of date left behind, or brings one pane left behind up to
    /// date (see [`App::rebuild_rows`]), or else the index after a change; the terminal calls
    /// it while no key waits. Returns whether the screen changed: a tab's count, shown from the
    /// rules while the pane waits, can only differ if rows are missing.
    pub fn catch_up(&mut self) -> bool {
        if self.upkeep.spent.is_some() || !self.upkeep.spent_rows.is_empty() {
            self.upkeep.spent = None;
            self.upkeep.spent_rows.clear();
            return false;
        }
        let Some(i) = self.panes.iter().position(|p| p.stale.is_some()) else {
            // The panes first: the index serves only the next change of date or language.
            if self.upkeep.index.is_none() {
                self.upkeep.index = Some(Index::new(&self.data));
            }
            return false;
        };
        let pane = PaneId::ALL[i];
        let before = self.row_count(pane);
        self.bring_up_to_date(pane);
        self.row_count(pane) != before
    }

    fn bring_up_to_date(&mut self, pane: PaneId) {
        let Some(scope) = self.panes[pane.index()].stale.take() else { return };
        let ctx = RowSource::new(&self.data, &self.situation, self.options.lang, self.options.ascii);
        let spent = &mut self.upkeep.spent_rows;
        self.panes[pane.index()].table.update_rows(|old| {
            if scope.everything {
                // Every row is built anew: the old ones are freed after the frame.
                spent.push(old);
                return (pane.update_rows(&ctx, Vec::new(), &scope).0, true);
            }
            pane.update_rows(&ctx, old, &scope)
        });
    }

    /// Whether anything waits for [`App::catch_up`].
    pub fn is_behind(&self) -> bool {
        self.panes.iter().any(|p| p.stale.is_some())
            || self.upkeep.index.is_none()
            || self.upkeep.spent.is_some()
            || !self.upkeep.spent_rows.is_empty()
    }

    /// How many rows a pane has (its tab shows it): as the rules say while it is stale. The
    /// central group's row is not a prison: "Prisons (40)" counts the establishments.
    pub fn row_count(&self, pane: PaneId) -> usize {
        let kept = &self.panes[pane.index()];
        if kept.stale.is_some() {
            return pane.count(&self.situation);
        }
        let rows = &kept.table.rows;
        // The central group's row is pinned above the others: the first to look at.
        rows.len() - usize::from(pane == PaneId::Prisons && rows.iter().any(|r| r.target == Target::Central))
    }

    /// Whether the terminal is too small to show anything but a word saying so.
    pub fn too_small(&self) -> bool {
        self.session.size.is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// The terminal's new size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.session.size = Some((width, height));
        if !self.too_small() {
            self.session.ignored = 0;
        }
        self.follow_selection();
    }

    /// After each event: what is shown follows the selection (see [`App::follow_selection`]).
    pub fn after_event(&mut self) {
        self.follow_selection();
    }

    /// Rows a table shows at once: the terminal less the tabs, status and hint lines, the
    /// table's borders and its header.
    pub fn table_page(&self) -> usize {
        self.session.size.map_or(10, |(_, h)| usize::from(h.saturating_sub(6)).max(1))
    }

    /// Lines a detail view shows at once, below its sparkline when it has one.
    pub fn detail_page(&self) -> usize {
        let inner = self.session.size.map_or(12, |(_, h)| h.saturating_sub(5));
        let spark = self.session.detail.as_ref().is_some_and(|d| d.spark.is_some())
            && inner >= detail::SPARK_MIN_HEIGHT;
        usize::from(if spark { inner - detail::SPARK_ROWS } else { inner }).max(1)
    }

    /// Keeps the selected row in view (the table's offset) and, in a detail view, the scroll
    /// within its lines and the selected entry in view: what drawing shows follows from this.
    pub fn follow_selection(&mut self) {
        let page = self.table_page();
        self.table_mut().keep_in_view(page);
        let page = self.detail_page();
        if let (Screen::Detail { scroll, item, .. }, Some(view)) =
            (&mut self.session.screen, &self.session.detail)
        {
            *item = (*item).min(view.items.len().saturating_sub(1));
            let max_scroll = view.lines.len().saturating_sub(page);
            let mut top = usize::from(*scroll).min(max_scroll);
            if let Some(line) = view.entry_line(*item) {
                if line < top {
                    top = line;
                } else if line >= top + page {
                    top = line + 1 - page;
                }
            }
            *scroll = u16::try_from(top).unwrap_or(u16::MAX);
        }
    }

    /// Opens the detail view of a row.
    /// What a detail view is built from: the data, the situation, the date and the language,
    /// not the app.
    fn detail_source(&self) -> detail::DetailSource<'_> {
        detail::DetailSource::new(&self.data, &self.situation, self.as_of, self.lang(), self.options.ascii)
    }

    fn open_detail(&mut self, target: Target) {
        self.session.detail = Some(detail::build(&self.detail_source(), &target));
        self.session.screen = Screen::Detail { target, scroll: 0, item: 0 };
    }

    /// Builds the detail view on screen again, after what it shows changed.
    fn rebuild_detail(&mut self) {
        if let Screen::Detail { target, .. } = &self.session.screen {
            let target = target.clone();
            self.session.detail = Some(detail::build(&self.detail_source(), &target));
            self.follow_selection();
        } else {
            self.session.detail = None;
        }
    }

    /// Whether Ctrl-L asked for the whole screen again; asking is answered once.
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.session.redraw_requested)
    }

    pub fn context(&self) -> Context {
        if self.too_small() {
            return Context::TooSmall;
        }
        match (self.session.top(), &self.session.screen) {
            (Some(Overlay::Help { .. } | Overlay::History { .. } | Overlay::Trend { .. }), _) => {
                Context::Overlay
            }
            (Some(Overlay::Discard { .. } | Overlay::QuitAsk), _) => Context::Confirm,
            (Some(Overlay::Form(f)), _) if f.on_checklist() => Context::Checklist,
            (Some(Overlay::Form(_)), _) => Context::Form,
            (Some(Overlay::RollCall(r)), _) if r.is_vote() => Context::Vote,
            (Some(Overlay::RollCall(_)), _) => Context::Attendance,
            (Some(Overlay::Confirm { .. }), _) => Context::Confirm,
            (Some(_), _) => Context::Prompt,
            (None, Screen::Table) => Context::Table,
            (None, Screen::Detail { .. }) => Context::Detail,
        }
    }

    /// A bracketed paste: into the focused field or prompt only, never read as keys.
    pub fn paste(&mut self, pasted: &str) -> bool {
        if self.too_small() {
            return false;
        }
        if matches!(self.session.top(), Some(Overlay::Form(_))) {
            return self.edit_form(|form| form.paste(pasted));
        }
        match self.session.top_mut() {
            Some(
                Overlay::Filter { input } | Overlay::Palette { input, .. } | Overlay::AsOf { input, .. },
            ) => {
                let changed = text::paste(input, pasted, text::MAX_PROMPT_CHARS, false);
                if changed {
                    self.prompt_edited();
                }
                changed
            }
            _ => false,
        }
    }

    /// A printable key that the keymap does not bind here: typed into the prompt or the
    /// form's field; in a question about discarding a form's changes, it keeps them.
    pub fn type_char(&mut self, c: char) -> bool {
        match self.context() {
            Context::Prompt => self.type_into_prompt(c),
            Context::Form | Context::Checklist => self.type_into_form(c),
            _ => self.keep_form(),
        }
    }

    /// Any other key the keymap does not bind: in a question about discarding a form's
    /// changes, it keeps them.
    pub fn other_key(&mut self) -> bool {
        self.keep_form()
    }

    /// The text of the prompt open (filter, palette, date), if one is.
    fn prompt_input(&mut self) -> Option<&mut Input> {
        match self.session.top_mut() {
            Some(
                Overlay::Filter { input } | Overlay::Palette { input, .. } | Overlay::AsOf { input, .. },
            ) => Some(input),
            _ => None,
        }
    }

    fn type_into_prompt(&mut self, c: char) -> bool {
        let changed = self.prompt_input().is_some_and(|input| text::insert(input, c, text::MAX_PROMPT_CHARS));
        if changed {
            self.prompt_edited();
        }
        changed
    }

    fn edit_prompt(&mut self, op: TextOp) {
        if self.prompt_input().is_some_and(|input| text::apply(input, op)) {
            self.prompt_edited();
        }
    }

    /// After the prompt's text changed: the filter follows live, the palette matches again.
    fn prompt_edited(&mut self) {
        let lang = self.options.lang;
        match self.session.top_mut() {
            Some(Overlay::Filter { input }) => {
                let value = input.value().to_string();
                self.set_filter(value);
            }
            Some(Overlay::Palette { input, selected, matches }) => {
                *matches = palette_matches(lang, input.value());
                *selected = 0;
            }
            Some(Overlay::AsOf { error, .. }) => *error = None,
            _ => {}
        }
    }

    /// Quit: at once, unless something typed or marked would be lost, which is asked first
    /// (the same question as Esc on a changed form, so Ctrl-C is never the key that loses work).
    fn quit_or_ask(&mut self) {
        let unsaved = self.session.in_flight.is_some()
            || match self.session.top() {
                Some(Overlay::Form(form)) => form.changed,
                Some(Overlay::Discard { .. } | Overlay::RollCall(_)) => true,
                _ => false,
            };
        if matches!(self.session.top(), Some(Overlay::QuitAsk)) || !unsaved {
            // Asked already (a second Ctrl-C is the answer), or nothing to lose.
            self.session.should_quit = true;
        } else {
            self.session.layers.push(Overlay::QuitAsk);
        }
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        if action == Action::Redraw {
            self.session.redraw_requested = true;
            return;
        }
        if self.session.layers.is_empty()
            && let Some(why) = self.unavailable(action)
        {
            self.session.message = Some(why);
            return;
        }
        if action == Action::Quit {
            self.quit_or_ask();
            return;
        }
        if let Some(Overlay::QuitAsk) = self.session.top() {
            match action {
                Action::Yes => self.session.should_quit = true,
                _ => drop(self.session.layers.pop()),
            }
            return;
        }
        // A save waits for its answer: the keys are answered, and change nothing meanwhile.
        if self.session.in_flight.is_some() {
            self.session.message = Some(self.lang().t(Msg::SaveWaiting).into());
            return;
        }
        if matches!(
            self.session.top(),
            Some(
                Overlay::Form(_)
                    | Overlay::RollCall(_)
                    | Overlay::Discard { .. }
                    | Overlay::Confirm { .. }
                    | Overlay::History { .. }
                    | Overlay::Trend { .. }
            )
        ) && let Some(top) = self.session.layers.pop()
        {
            let next = self.update_layer(top, action);
            self.session.apply(next);
            return;
        }
        if self.session.layers.is_empty() {
            self.update_view(action);
        } else {
            self.update_prompt(action);
        }
    }
}

/// The palette's actions that fuzzy-match `query` on their name in the UI language, best first.
pub fn palette_matches(lang: Lang, query: &str) -> Vec<Action> {
    if query.trim().is_empty() {
        return Action::PALETTE.to_vec();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let labels: Vec<(Action, &str)> = Action::PALETTE.iter().map(|a| (*a, lang.t(a.label()))).collect();
    let mut scored: Vec<(Action, u32)> = labels
        .iter()
        .filter_map(|(a, label)| {
            let mut buf = Vec::new();
            pattern.score(nucleo_matcher::Utf32Str::new(label, &mut buf), &mut matcher).map(|s| (*a, s))
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.1));
    scored.into_iter().map(|(a, _)| a).collect()
}

#[cfg(test)]
mod tests {
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::mutate::edit;

    fn options(lang: Lang, as_of: Option<NaiveDate>) -> Options {
        Options {
            lang,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            as_of,
            read_only: false,
            ascii: false,
            color: false,
            store_label: String::new(),
        }
    }

    /// A pane that had rows and has none after a change of date is a pane that changed: its
    /// order must not keep pointing at rows that are gone.
    #[test]
    fn a_pane_emptied_by_another_date_has_no_order_left() {
        let opts = options(Lang::En, None);
        let mut app = App::new(crate::demo::demo_dataset(opts.today), opts);
        while app.is_behind() {
            app.catch_up();
        }
        assert!(PaneId::ALL.iter().all(|p| !app.pane_table(*p).rows.is_empty()));
        app.as_of = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        app.recompute();
        for pane in PaneId::ALL {
            let t = app.pane_table(pane);
            assert!(t.order.iter().all(|&i| i < t.rows.len()), "{pane:?}: {:?} of {}", t.order, t.rows.len());
        }
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        for pane in [PaneId::Gaps, PaneId::Authorisations, PaneId::Training, PaneId::Prisons] {
            app.update(Action::ShowPane(pane));
            term.draw(|f| crate::ui::draw(f, &app)).unwrap();
        }
    }

    /// Issue 24, 2: the concertation's records are changed by the keeper it admitted, whatever
    /// the role; the keys say so before the server has to refuse.
    #[test]
    fn only_the_keeper_changes_the_concertation() {
        let opts = options(Lang::En, None);
        let mut app = App::new(crate::demo::demo_dataset(opts.today), opts);
        app.update(Action::ShowPane(PaneId::Concertation));
        let capb = [
            Action::Add,
            Action::Edit,
            Action::Delete,
            Action::NewMeeting,
            Action::Vote,
            Action::MembersRules,
        ];
        assert!(capb.iter().all(|a| app.unavailable(*a).is_none()), "a store of one's own is its owner's");
        app.link.role = Some(Role::Coordinator);
        for a in capb {
            assert!(app.unavailable(a).is_some_and(|w| w.contains("users admit")), "{a:?}: not admitted");
        }
        app.link.admitted = Some(Seat::Represents(1));
        assert!(
            capb.iter().all(|a| app.unavailable(*a).is_some()),
            "a representative reads, the keeper writes"
        );
        app.link.role = Some(Role::Member);
        app.link.admitted = Some(Seat::Keeper);
        assert!(capb.iter().all(|a| app.unavailable(*a).is_none()), "the keeper, whatever the role");
        app.update(Action::ShowPane(PaneId::Prisons));
        assert!(app.unavailable(Action::Add).is_some(), "a member changes nothing of the prisons");
        assert!(app.unavailable(Action::Vote).is_none());
    }

    /// Issue 26, 9: the trend view's years are kept between openings, and only until the data
    /// changes (or the date viewed does).
    #[test]
    fn the_trend_is_kept_until_the_data_changes() {
        let opts = options(Lang::En, None);
        let mut app = App::new(crate::demo::demo_dataset(opts.today), opts);
        let years = |app: &App| match app.session.top() {
            Some(Overlay::Trend { years, .. }) => years.clone(),
            _ => panic!("no trend view"),
        };
        app.update(Action::Trend);
        let first = years(&app);
        app.update(Action::Back);
        assert!(app.upkeep.trend.is_some(), "kept");
        // A meeting today of each local group in turn, until one was dormant: the last year's
        // figure moves, and the view says so.
        let groups: Vec<u64> =
            app.data.groups.values().filter(|g| g.establishment.is_some()).map(|g| g.id).collect();
        let mut moved = false;
        for group in groups {
            let meeting = crate::domain::Meeting {
                id: app.data.next_id(),
                group,
                date: app.as_of,
                attendees: vec![],
                notes: String::new(),
            };
            let change = Change::Put(crate::domain::Record::Meeting(meeting));
            let undo = vec![app.data.apply(change.clone())];
            app.refresh_after(&[change], &undo);
            assert!(app.upkeep.trend.is_none(), "let go with the data it came from");
            app.update(Action::Trend);
            moved = years(&app) != first;
            app.update(Action::Back);
            if moved {
                break;
            }
        }
        assert!(moved, "a dormant group's meeting never showed in the trend");
    }

    /// A UI left open past midnight kept showing yesterday: when the next event comes after
    /// midnight, today is the new day, and a view of today moves with it; the day's backup is
    /// asked for once, as an effect, and written when it runs.
    #[test]
    fn past_midnight_today_is_the_new_day() {
        let opts = options(Lang::En, None);
        let dir = tempfile::tempdir().unwrap();
        let data = crate::demo::demo_dataset(opts.today);
        let store = Store::open(&dir.path().join("store"), || data.clone()).unwrap();
        let app = App::new(data, opts.clone()).with_store(Arc::new(store), "tester".into());
        let waited = |app: &App| app.situation.pending.iter().map(|p| p.days).max();
        let before = waited(&app);
        let tomorrow = opts.today.succ_opt().unwrap();
        let backups = dir.path().join("backups");
        let mut app = app.following_the_clock(Some(backups.clone()));
        app.new_day(tomorrow);
        app.new_day(tomorrow);
        let asked = std::iter::from_fn(|| app.take_effect()).collect::<Vec<_>>();
        assert_eq!(asked.len(), 1, "the new day's backup is asked for once");
        let Some(effect::Effect::Backup { dir: into, .. }) = asked.into_iter().next() else {
            panic!("the effect asked for is not the backup");
        };
        assert_eq!(into, backups);
        assert!(std::fs::read_dir(&backups).map_or(true, |mut d| d.next().is_none()), "nothing written yet");
        let done = effect::Effect::Backup { backend: app.backend().unwrap(), dir: backups.clone() }.run();
        let effect::Done::BackedUp(Ok(Some(file))) = done else { panic!("no backup written: {done:?}") };
        assert!(file.starts_with(&backups) && file.exists());
        assert!(
            !app.finish(effect::Done::BackedUp(Ok(Some(file)))),
            "a backup written changes nothing on screen"
        );
        assert_eq!((app.options.today, app.as_of), (tomorrow, tomorrow));
        assert_eq!(waited(&app), before.map(|d| d + 1), "the figures are tomorrow's");
        assert_eq!(app.situation, Situation::compute(&app.data, tomorrow));
        // A view of another date stays where it is; without a store, nothing is asked.
        let past = NaiveDate::from_ymd_opt(2013, 3, 1).unwrap();
        let mut app = App::new(crate::demo::demo_dataset(opts.today), options(Lang::En, Some(past)))
            .following_the_clock(Some(backups));
        app.new_day(tomorrow);
        assert_eq!((app.options.today, app.as_of), (tomorrow, past));
        assert!(app.take_effect().is_none());
    }

    /// Every pane's rows by target, once the app has caught up.
    fn rows_by_target(data: Dataset) -> FastMapRows {
        let mut app = App::new(data, options(Lang::En, None));
        while app.is_behind() {
            app.catch_up();
        }
        let mut out = FastMapRows::default();
        for pane in PaneId::ALL {
            for row in &app.pane_table(pane).rows {
                out.insert((pane.index(), row.target.clone()), row.cells().map(str::to_string).collect());
            }
        }
        out
    }

    type FastMapRows = std::collections::BTreeMap<(usize, Target), Vec<String>>;

    /// Whether a row is about `establishment` (or the central group, whose state every role
    /// reads): the rows a staff member of that establishment must see as the coordinator does.
    fn concerns(data: &Dataset, target: &Target, establishment: &str) -> bool {
        let of_group = |g: &u64| {
            data.groups.get(g).is_some_and(|g| {
                g.kind == crate::domain::GroupKind::Central
                    || g.establishment.as_deref() == Some(establishment)
            })
        };
        match target {
            Target::Central => true,
            Target::Prison(e) => e == establishment,
            Target::Gap { group, .. } => of_group(group),
            Target::Project(p) => data.projects.get(p).is_some_and(|p| p.establishment == establishment),
            Target::Need(n) => data.needs.get(n).is_some_and(|n| n.establishment == establishment),
            // A person's seats everywhere, and the concertation: not a prison's rows.
            Target::Overload(_)
            | Target::Service(_)
            | Target::CapbMeeting(_)
            | Target::Production(_)
            | Target::Admission(_) => false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        /// Issue 23, 17: what a rule says about an establishment is the same whoever looks at
        /// it. For every role and every establishment it sees, each pane's row about that
        /// establishment, computed on what the role loads, is the coordinator's row, less the
        /// cells the role may not read (shown as such); and the role has every such row.
        #[test]
        fn a_role_is_told_what_the_coordinator_is_told(
            edits in vec((any::<u8>(), any::<u64>(), any::<u64>()), 0..10),
            which in 0..64usize,
        ) {
            use crate::domain::access::Role;
            use crate::domain::rules::access::View;
            let mut data = crate::demo::demo_dataset(options(Lang::En, None).today);
            for (kind, a, b) in edits {
                // Only what the rules let through, as every way in does: moving a need to
                // another prison while a session of the first covers it is refused there,
                // and applied unchecked it made the coverage differ by role.
                let changes = edit(&data, kind, a, b);
                let _ = data.apply_checked(&changes, |_| Ok::<(), ()>(()));
            }
            let everything = rows_by_target(data.clone());
            let with_groups: Vec<String> = data.groups.values().filter_map(|g| g.establishment.clone()).collect();
            let establishment = with_groups[which % with_groups.len()].clone();
            for role in [Role::PrisonStaff(vec![establishment.clone()]), Role::Observer] {
                let view = View::new(&data, &role, None, options(Lang::En, None).today);
                let mut part = view.filter(&data);
                part.partial = matches!(role, Role::PrisonStaff(_));
                let seen = rows_by_target(part);
                let staff = matches!(role, Role::PrisonStaff(_));
                for ((pane, target), cells) in &everything {
                    let concertation = matches!(target, Target::Service(_) | Target::CapbMeeting(_) | Target::Production(_) | Target::Admission(_));
                    if staff && !concerns(&data, target, &establishment) || concertation {
                        continue;
                    }
                    let pane = PaneId::ALL[*pane];
                    let Some(theirs) = seen.get(&(pane.index(), target.clone())) else {
                        return Err(TestCaseError::fail(format!("{role:?} has no row {pane:?} {target:?}")));
                    };
                    for (i, (mine, coordinators)) in theirs.iter().zip(cells).enumerate() {
                        prop_assert!(
                            mine == coordinators || mine == crate::app::panes::NOT_YOURS,
                            "{:?} {:?} {:?} cell {}: {:?} where the coordinator reads {:?}", role, pane, target, i, mine, coordinators
                        );
                    }
                }
                if staff {
                    for (pane, target) in seen.keys() {
                        let concertation = matches!(target, Target::Service(_) | Target::CapbMeeting(_) | Target::Production(_) | Target::Admission(_));
                        prop_assert!(concerns(&data, target, &establishment) || concertation, "{} {:?}", pane, target);
                    }
                }
            }
        }

        /// After any edits, the rows kept up to date within each change's scope are the rows
        /// an app started on the edited data would build, in every pane; and another date,
        /// read through the index the app keeps, shows the edited data.
        #[test]
        fn rows_kept_up_to_date_equal_rows_built_afresh(
            edits in vec((any::<u8>(), any::<u64>(), any::<u64>(), any::<bool>(), any::<bool>()), 1..12),
            past in any::<bool>(),
            dutch in any::<bool>(),
            shown in 0..4usize,
        ) {
            let opts = options(
                if dutch { Lang::Nl } else { Lang::En },
                past.then(|| NaiveDate::from_ymd_opt(2013, 3, 1).unwrap()),
            );
            // Panes not on screen are caught up between some edits only: the changes they wait
            // for add up, and are applied together.
            let mut app = App::new(crate::demo::demo_dataset(opts.today), opts.clone());
            app.show_pane(PaneId::ALL[shown]);
            for (kind, a, b, catch_up, other_date) in edits {
                let changes = edit(&app.data, kind, a, b);
                let undo: Vec<Change> = changes.iter().cloned().map(|c| app.data.apply(c)).collect();
                app.refresh_after(&changes, &undo);
                if catch_up {
                    app.catch_up();
                }
                if other_date {
                    // There and back: the index is rebuilt by the first if the edit left it
                    // behind, and both dates read it.
                    let here = app.as_of;
                    let there = if past { opts.today } else { NaiveDate::from_ymd_opt(2013, 3, 1).unwrap() };
                    for date in [there, here] {
                        app.set_as_of(date);
                        prop_assert_eq!(&app.situation, &Situation::compute(&app.data, date), "{} after edit {}", date, kind);
                    }
                }
                let mut fresh = App::new(app.data.clone(), opts.clone());
                while fresh.is_behind() {
                    fresh.catch_up();
                }
                // What each pane of `app` shows once caught up, leaving `app` as it is.
                let ctx = RowSource::new(&app.data, &app.situation, app.options.lang, app.options.ascii);
                for pane in PaneId::ALL {
                    prop_assert_eq!(app.row_count(pane), fresh.row_count(pane), "{:?} count", pane);
                    let kept = &app.pane_table(pane).rows;
                    let kept = match &app.panes[pane.index()].stale {
                        Some(scope) => &pane.update_rows(&ctx, kept.clone(), scope).0,
                        None => kept,
                    };
                    let built = &fresh.pane_table(pane).rows;
                    prop_assert_eq!(kept, built, "{:?} after edit {}", pane, kind);
                }
            }
        }
    }
}
