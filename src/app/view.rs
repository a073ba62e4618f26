//! The keys over the panes and views: moving, opening, the prompts over them (help, filter,
//! palette, date), and the keys that start an edit.

use chrono::NaiveDate;
use tui_input::Input;

use super::action::Action;
use super::panes::PaneId;
use super::{App, Overlay, Screen, form, palette_matches};
use crate::domain::date::check_date;
use crate::i18n::Msg;

impl App {
    /// A key for the prompt or view on top (help, filter, palette, date).
    pub(super) fn update_prompt(&mut self, action: Action) {
        let (help_last, help_page) =
            (self.session.help_last.get(), u16::try_from(self.detail_page()).unwrap_or(u16::MAX).max(1));
        match (self.session.layers.last_mut(), action) {
            (
                Some(Overlay::Help { scroll }),
                Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom,
            ) => {
                // Within what the help holds (the drawing says how far it can go), by line,
                // by page, or to either end, as in the tables.
                *scroll = match action {
                    Action::Up => scroll.saturating_sub(1),
                    Action::Down => scroll.saturating_add(1),
                    Action::PageUp => scroll.saturating_sub(help_page),
                    Action::PageDown => scroll.saturating_add(help_page),
                    Action::Top => 0,
                    _ => help_last,
                }
                .min(help_last);
            }
            // Back to what the help was asked over (the trend view), if anything.
            (Some(Overlay::Help { .. }), Action::Help | Action::Back) => drop(self.session.layers.pop()),
            (Some(Overlay::Filter { .. }), Action::Back) => {
                self.session.layers.pop();
                self.set_filter(String::new());
            }
            (Some(Overlay::Filter { .. }), Action::Confirm) => drop(self.session.layers.pop()),
            (Some(Overlay::Filter { .. }), Action::Up) => self.table_mut().move_by(-1),
            (Some(Overlay::Filter { .. }), Action::Down) => self.table_mut().move_by(1),
            (Some(Overlay::Palette { selected, .. }), Action::Up) => *selected = selected.saturating_sub(1),
            (Some(Overlay::Palette { selected, matches, .. }), Action::Down) => {
                *selected = (*selected + 1).min(matches.len().saturating_sub(1));
            }
            (Some(Overlay::Palette { selected, matches, .. }), Action::Confirm) => {
                let chosen = matches.get(*selected).copied();
                self.session.layers.pop();
                if let Some(a) = chosen {
                    self.update(a);
                }
            }
            (Some(_), Action::Text(op)) => self.edit_prompt(op),
            (Some(Overlay::AsOf { input, error }), Action::Confirm) => {
                let text = input.value().trim().to_string();
                if text.is_empty() {
                    self.session.layers.pop();
                    self.set_as_of(self.options.today);
                } else {
                    match check_date(&text) {
                        Ok(date) => {
                            self.session.layers.pop();
                            self.set_as_of(date);
                        }
                        Err(problem) => *error = Some(form::date_problem(self.options.lang, &text, problem)),
                    }
                }
            }
            (Some(_), Action::Back) => drop(self.session.layers.pop()),
            (Some(_), _) | (None, _) => {}
        }
    }

    /// A key over a pane's table or a detail view, nothing open over it.
    pub(super) fn update_view(&mut self, action: Action) {
        if self.detail_key(action) {
            return;
        }
        let page = self.table_page() as isize;
        match action {
            Action::NextPane => self.show_pane(self.session.pane.next()),
            Action::PrevPane => self.show_pane(self.session.pane.previous()),
            Action::ShowPane(p) => self.show_pane(p),
            Action::Up => self.table_mut().move_by(-1),
            Action::Down => self.table_mut().move_by(1),
            Action::PageUp => self.table_mut().move_by(-page),
            Action::PageDown => self.table_mut().move_by(page),
            Action::Top => self.table_mut().select_first(),
            Action::Bottom => self.table_mut().select_last(),
            Action::Open | Action::Confirm => {
                if let Some(row) = self.table().selected_row() {
                    self.open_detail(row.target.clone());
                }
            }
            Action::Back => {
                self.session.screen = Screen::Table;
                self.session.detail = None;
            }
            Action::ClearFilter => self.set_filter(String::new()),
            Action::Filter => {
                self.session.screen = Screen::Table;
                let current = self.table().filter.clone();
                self.session.open(Overlay::Filter { input: Input::new(current) });
            }
            Action::SortNext => {
                let n = self.session.pane.columns().len();
                self.table_mut().cycle_sort(n);
            }
            Action::SortReverse => self.table_mut().toggle_reverse(),
            Action::Help => self.session.open(Overlay::Help { scroll: 0 }),
            Action::Palette => {
                let matches = palette_matches(self.options.lang, "");
                self.session.open(Overlay::Palette { input: Input::default(), selected: 0, matches });
            }
            Action::AsOf => self.open_as_of(),
            Action::Today => self.set_as_of(self.options.today),
            Action::Quit => self.session.should_quit = true,
            edit @ (Action::Add
            | Action::Edit
            | Action::Step
            | Action::Delete
            | Action::Undo
            | Action::Redo
            | Action::History
            | Action::Trend
            | Action::NewPerson
            | Action::NewMeeting
            | Action::Templates
            | Action::Thresholds
            | Action::Vote
            | Action::MembersRules
            | Action::Accounts) => self.record_action(edit),
            // Read by what is open over a view (forms, questions, the roll call, prompts).
            Action::MarkFor
            | Action::MarkAgainst
            | Action::MarkAbstain
            | Action::MarkAbsent
            | Action::MarkPresent
            | Action::MarkProxy
            | Action::NextField
            | Action::PrevField
            | Action::Save
            | Action::Yes
            | Action::No
            | Action::Cancel
            | Action::Toggle
            | Action::Redraw
            | Action::Reload
            | Action::Text(_) => {}
        }
    }

    /// `t`: the date prompt, holding the date viewed unless it is today.
    fn open_as_of(&mut self) {
        let current = if self.as_of == self.options.today {
            String::new()
        } else {
            crate::domain::date::format_be(self.as_of)
        };
        self.session.open(Overlay::AsOf { input: Input::new(current), error: None });
    }

    /// The keys that start a change to the records or open one of their views.
    fn record_action(&mut self, action: Action) {
        match action {
            Action::Add => self.add(),
            Action::Edit => self.edit(),
            Action::Step => self.step(),
            Action::Delete => self.delete(),
            Action::Undo => self.undo_last(),
            Action::Redo => self.redo_last(),
            Action::History => self.history(),
            Action::Trend => self.trend(),
            Action::NewPerson => self.new_person(),
            Action::NewMeeting => self.new_meeting(),
            Action::Templates => self.templates(),
            Action::Thresholds => self.thresholds(),
            Action::Vote => self.vote(),
            Action::MembersRules => self.members_rules(),
            Action::Accounts => self.accounts(),
            // update_view sends only the keys above.
            _ => {}
        }
    }

    /// The arrows and page keys in a detail view: between its entries, or scrolling it.
    /// Whether the key was taken.
    fn detail_key(&mut self, action: Action) -> bool {
        let detail_page = u16::try_from(self.detail_page()).unwrap_or(u16::MAX);
        let last = self.session.detail.as_ref().and_then(|d| d.items.len().checked_sub(1));
        let Screen::Detail { scroll, item, .. } = &mut self.session.screen else { return false };
        match (action, last) {
            // With entries listed, the arrows move between them (the view scrolls to follow).
            (Action::Up, Some(_)) => *item = item.saturating_sub(1),
            (Action::Down, Some(last)) => *item = (*item + 1).min(last),
            (Action::Top, Some(_)) => *item = 0,
            // The last entry, and the end of the view (what follows the entries: an
            // agenda, minutes), as far as the entry stays in sight.
            (Action::Bottom, Some(last)) => {
                *scroll = u16::MAX;
                *item = last;
            }
            // Without entries, they scroll; the scroll is kept within the lines afterwards.
            (Action::Up, None) => *scroll = scroll.saturating_sub(1),
            (Action::Down, None) => *scroll = scroll.saturating_add(1),
            (Action::PageUp, _) => *scroll = scroll.saturating_sub(detail_page),
            (Action::PageDown, _) => *scroll = scroll.saturating_add(detail_page),
            (Action::Top, None) => *scroll = 0,
            (Action::Bottom, None) => *scroll = u16::MAX,
            _ => return false,
        }
        true
    }

    pub(super) fn show_pane(&mut self, pane: PaneId) {
        self.session.pane = pane;
        self.session.screen = Screen::Table;
        self.session.detail = None;
        self.bring_up_to_date(pane);
    }

    pub(super) fn set_filter(&mut self, filter: String) {
        let table = self.table_mut();
        table.filter = filter;
        table.refresh();
    }

    pub(super) fn set_as_of(&mut self, date: NaiveDate) {
        if date != self.as_of {
            self.as_of = date;
            self.recompute();
        }
        let shown = crate::domain::date::format_be(date);
        self.session.message = Some(self.options.lang.f(Msg::AsOfSet, &[&shown]));
    }
}
