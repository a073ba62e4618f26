//! Everything a user can ask for. The keymap binds keys to these; the palette lists them.

use super::panes::PaneId;
use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    NextPane,
    PrevPane,
    ShowPane(PaneId),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    /// Esc: closes what is open, leaves a detail view.
    Back,
    /// Esc on a table: clears its filter.
    ClearFilter,
    Filter,
    SortNext,
    SortReverse,
    Help,
    Palette,
    AsOf,
    Today,
    /// Enter in a prompt.
    Confirm,
    Add,
    Edit,
    /// A project's next step: its submission, the central group's decision, its start, its end.
    Step,
    Delete,
    Undo,
    /// Does again what the last undo undid.
    Redo,
    History,
    /// The seed's figures year by year, drawn.
    Trend,
    NewPerson,
    /// A meeting of the row's group: a prison's, a seat's, or the central group for a project.
    NewMeeting,
    /// A new version of the seats the selected row's kind of group must fill.
    Templates,
    /// The coordinator's thresholds (dormancy, overdue, seats) from a date on.
    Thresholds,
    /// A motion of the selected concertation meeting, then its vote.
    Vote,
    /// `R`: the concertation's own rules (proxies, quorum, majority), from a date.
    MembersRules,
    /// On the roll call: how the member under the cursor votes or attends.
    MarkFor,
    MarkAgainst,
    MarkAbstain,
    MarkAbsent,
    MarkPresent,
    /// Gives the absent member's voice to the next member present.
    MarkProxy,
    NextField,
    PrevField,
    Save,
    Yes,
    No,
    /// Space in a checklist: tick or untick the highlighted entry.
    Toggle,
    /// Esc in a form: close it, asking first if something changed.
    Cancel,
    /// Ctrl-L: draw the whole screen again, as every curses program does.
    Redraw,
    /// Grant an OS account access to a shared store (the palette's, the coordinator's).
    Accounts,
    /// In a form told of a conflict: open it again on what the other person saved.
    Reload,
    /// A key that edits the text of a field or prompt.
    Text(TextOp),
}

/// What a text-editing key does to the text being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextOp {
    Start,
    End,
    Left,
    Right,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    DeleteLine,
    DeleteToEnd,
}

impl Action {
    /// Whether it changes the data (what a read-only store, a lost server or a role refuses).
    pub fn changes_data(self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::Edit
                | Action::Step
                | Action::Delete
                | Action::Undo
                | Action::Redo
                | Action::NewPerson
                | Action::NewMeeting
                | Action::Templates
                | Action::Thresholds
                | Action::Vote
                | Action::MembersRules
                | Action::Accounts
        )
    }

    /// The actions the palette offers, in this order when nothing is typed.
    pub const PALETTE: &'static [Action] = &[
        Action::ShowPane(PaneId::Prisons),
        Action::ShowPane(PaneId::Gaps),
        Action::ShowPane(PaneId::Authorisations),
        Action::ShowPane(PaneId::Training),
        Action::ShowPane(PaneId::Concertation),
        Action::Filter,
        Action::SortNext,
        Action::SortReverse,
        Action::AsOf,
        Action::Today,
        Action::Open,
        Action::Add,
        Action::Edit,
        Action::Step,
        Action::Delete,
        Action::Undo,
        Action::Redo,
        Action::History,
        Action::Trend,
        Action::NewPerson,
        Action::NewMeeting,
        Action::Templates,
        Action::Thresholds,
        Action::Vote,
        Action::MembersRules,
        Action::Accounts,
        Action::Top,
        Action::Bottom,
        Action::Help,
        Action::Quit,
    ];

    pub fn label(self) -> Msg {
        match self {
            Action::Quit => Msg::ActQuit,
            Action::NextPane => Msg::ActNextPane,
            Action::PrevPane => Msg::ActPrevPane,
            Action::ShowPane(PaneId::Prisons) => Msg::ActPrisons,
            Action::ShowPane(PaneId::Gaps) => Msg::ActGaps,
            Action::ShowPane(PaneId::Authorisations) => Msg::ActAuthorisations,
            Action::ShowPane(PaneId::Training) => Msg::ActTraining,
            Action::ShowPane(PaneId::Concertation) => Msg::ActConcertation,
            Action::Up => Msg::ActUp,
            Action::Down => Msg::ActDown,
            Action::PageUp => Msg::ActPageUp,
            Action::PageDown => Msg::ActPageDown,
            Action::Top => Msg::ActTop,
            Action::Bottom => Msg::ActBottom,
            Action::Open => Msg::ActOpen,
            Action::Confirm => Msg::ActConfirm,
            Action::Back => Msg::ActBack,
            Action::ClearFilter => Msg::ActClearFilter,
            Action::Filter => Msg::ActFilter,
            Action::SortNext => Msg::ActSort,
            Action::SortReverse => Msg::ActReverse,
            Action::Help => Msg::ActHelp,
            Action::Palette => Msg::ActPalette,
            Action::AsOf => Msg::ActAsOf,
            Action::Today => Msg::ActToday,
            Action::Add => Msg::ActAdd,
            Action::Edit => Msg::ActEdit,
            Action::Step => Msg::ActStep,
            Action::Delete => Msg::ActDelete,
            Action::Undo => Msg::ActUndo,
            Action::Redo => Msg::ActRedo,
            Action::History => Msg::ActHistory,
            Action::Trend => Msg::ActTrend,
            Action::NewPerson => Msg::ActNewPerson,
            Action::NewMeeting => Msg::ActNewMeeting,
            Action::Templates => Msg::ActTemplates,
            Action::Thresholds => Msg::ActThresholds,
            Action::Vote => Msg::ActVote,
            Action::MembersRules => Msg::ActMembersRules,
            Action::MarkFor => Msg::ActMarkFor,
            Action::MarkAgainst => Msg::ActMarkAgainst,
            Action::MarkAbstain => Msg::ActMarkAbstain,
            Action::MarkAbsent => Msg::ActMarkAbsent,
            Action::MarkPresent => Msg::ActMarkPresent,
            Action::MarkProxy => Msg::ActMarkProxy,
            Action::NextField => Msg::ActNextField,
            Action::PrevField => Msg::ActPrevField,
            Action::Save => Msg::ActSave,
            Action::Yes => Msg::ActYes,
            Action::No => Msg::ActNo,
            Action::Cancel => Msg::ActCancel,
            Action::Toggle => Msg::ActToggle,
            Action::Redraw => Msg::ActRedraw,
            Action::Accounts => Msg::ActAccounts,
            Action::Reload => Msg::ActReload,
            Action::Text(op) => match op {
                TextOp::Start => Msg::ActTextStart,
                TextOp::End => Msg::ActTextEnd,
                TextOp::Left => Msg::ActTextLeft,
                TextOp::Right => Msg::ActTextRight,
                TextOp::DeleteBack => Msg::ActDeleteBack,
                TextOp::DeleteForward => Msg::ActDeleteForward,
                TextOp::DeleteWord => Msg::ActDeleteWord,
                TextOp::DeleteLine => Msg::ActDeleteLine,
                TextOp::DeleteToEnd => Msg::ActDeleteToEnd,
            },
        }
    }
}
