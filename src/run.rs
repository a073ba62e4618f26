//! The one loop, whatever the terminal and wherever the events come from: the real terminal
//! (`main`), the tests (a script of keys on ratatui's TestBackend) and the benchmark (the
//! same, timed). Another source of events (a socket) is another [`Events`].

use std::collections::VecDeque;
use std::io;

use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::App;
use crate::app::effect::{Done, Effect};
use crate::client::News;

/// What wakes the loop: the user, news from the server that holds the store, or the answer
/// to an effect run off the key path.
#[derive(Debug)]
pub enum Incoming {
    Event(Event),
    News(News),
    Done(Done),
    /// An effect has waited a second for its answer.
    Slow,
}

/// Where the loop's events come from.
pub trait Events {
    /// The next event, waiting for it; `None` when there will be no more (a script is done).
    fn next(&mut self) -> io::Result<Option<Event>>;
    /// Whether an event waits already; never waits itself.
    fn waiting(&mut self) -> io::Result<bool>;
    /// The next event or news, waiting for either: a source with a server to hear overrides it.
    fn next_incoming(&mut self) -> io::Result<Option<Incoming>> {
        Ok(self.next()?.map(Incoming::Event))
    }
    /// Runs an effect: here, waiting for it, its answer returned; a source that can hear of it
    /// later (a client of a server) runs it on a thread and returns `None`, its answer coming
    /// back as [`Incoming::Done`].
    fn perform(&mut self, effect: Effect) -> Option<Done> {
        Some(effect.run())
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Quit,
    NoMoreEvents,
}

/// A terminal on `backend` that asks it nothing: a full-screen app needs no answer from the
/// terminal (a cursor-position query waits for a reply that a serial console or a slow link
/// may never send), only its size, which the kernel knows.
pub fn terminal<B: Backend>(backend: B) -> Result<Terminal<B>, B::Error> {
    Terminal::with_options(backend, TerminalOptions { viewport: Viewport::Fullscreen })
}

/// Runs the app until it quits or the events end: draws when an event changed something (or
/// the terminal's size), then, while no event waits, catches up on the panes not on screen
/// (see [`App::catch_up`]), then waits for the next event. Nothing runs while nothing
/// happens: no timer, no redraw, no byte.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl Events,
) -> io::Result<Ended>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    loop {
        if app.take_redraw() {
            // Ctrl-L: forget what the screen is thought to show and draw all of it.
            let size = terminal.size().map_err(io::Error::other)?;
            terminal.resize(Rect::new(0, 0, size.width, size.height)).map_err(io::Error::other)?;
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| crate::ui::draw(frame, app)).map_err(io::Error::other)?;
        }
        if app.session.should_quit {
            return Ok(Ended::Quit);
        }
        // The panes not on screen, left stale by the last event, are rebuilt now that its
        // frame is out, one at a time while no event waits.
        while app.is_behind() && !events.waiting()? {
            if app.catch_up() {
                terminal.draw(|frame| crate::ui::draw(frame, app)).map_err(io::Error::other)?;
            }
        }
        dirty = match events.next_incoming()? {
            None => return Ok(Ended::NoMoreEvents),
            Some(Incoming::Event(event)) => crate::input::handle_event(app, &event),
            Some(Incoming::News(news)) => app.hear(news),
            Some(Incoming::Done(done)) => app.finish(done),
            Some(Incoming::Slow) => app.slow(),
        };
        // What the event asked of the world, run now: the key that asked is already handled.
        while let Some(effect) = app.take_effect() {
            if let Some(done) = events.perform(effect) {
                dirty |= app.finish(done);
            }
        }
    }
}

/// Events written beforehand, as a test types them: they all wait at once, and the loop
/// ends after the last.
#[derive(Debug, Default)]
pub struct Script {
    pub events: VecDeque<Event>,
}

impl Script {
    pub fn new(events: impl IntoIterator<Item = Event>) -> Script {
        Script { events: events.into_iter().collect() }
    }
}

impl Events for Script {
    fn next(&mut self) -> io::Result<Option<Event>> {
        Ok(self.events.pop_front())
    }

    fn waiting(&mut self) -> io::Result<bool> {
        Ok(!self.events.is_empty())
    }
}
