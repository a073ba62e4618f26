//! The real terminal: raw mode, one write per frame, signals and panics that always give the
//! terminal back and never lose a saved change.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use pilotage::app::App;
use pilotage::app::effect::{Done, Effect};
use pilotage::cli::exit;
use pilotage::client::News;
use pilotage::i18n::{Lang, Msg};
use pilotage::run::{Events, Incoming};
use pilotage::store::{self, Store};
use pilotage::ui::legacy::Legacy;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// Collects a whole frame and hands it to the terminal in one write: over SSH that is one
/// packet instead of dozens, and no half-drawn screen.
struct FrameWriter {
    buffer: Vec<u8>,
    out: Stdout,
    /// For an old terminal, each frame is rewritten to ASCII and the 8 colours.
    legacy: Option<(Legacy, Vec<u8>)>,
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buffer.is_empty() {
            let mut out = self.out.lock();
            match &mut self.legacy {
                Some((legacy, rewritten)) => {
                    rewritten.clear();
                    legacy.rewrite(&self.buffer, rewritten);
                    out.write_all(rewritten)?;
                }
                None => out.write_all(&self.buffer)?,
            }
            out.flush()?;
            self.buffer.clear();
        }
        Ok(())
    }
}

static TERMINAL_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back: raw mode off, main screen, cursor shown. Safe to call twice.
fn restore_terminal() {
    if TERMINAL_ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    }
}

fn install_panic_hook(lang: Lang, store_label: String) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if store::panic_is_contained() {
            return;
        }
        restore_terminal();
        eprintln!("{}", lang.f(Msg::PanicMessage, &[&store_label]));
        previous(info);
    }));
}

/// What the process does last, however the session ends (quit or signal), once: finishing
/// the day's backup.
pub type AtExit = Box<dyn FnOnce() + Send>;

/// Runs the [`AtExit`] work, unless it has run already.
fn run_at_exit(at_exit: &Mutex<Option<AtExit>>) {
    let work = at_exit.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some(work) = work {
        work();
    }
}

/// Flushes the store and exits when the session is told to stop. The store's write lock is
/// taken first, so a save under way finishes and no new one starts.
fn watch_signals(store: Option<Arc<Store>>, at_exit: Arc<Mutex<Option<AtExit>>>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            if let Some(store) = &store {
                store.quiesce();
            }
            restore_terminal();
            run_at_exit(&at_exit);
            let code = match signal {
                SIGHUP => exit::HANGUP,
                SIGINT => exit::INTERRUPTED,
                _ => exit::TERMINATED,
            };
            std::process::exit(code);
        }
    })?;
    Ok(())
}

/// A terminal that goes away is a hang-up, whether or not a SIGHUP reaches this process (a
/// shell that traps HUP keeps it): its end of input is watched for, and taken as the signal,
/// saved and exited by the same path. Without this, crossterm reads an ended terminal in a
/// loop (its tracker, #793) and the process spins a core forever. A thread that sleeps in
/// `poll` until the terminal hangs up: nothing wakes while idle.
fn watch_for_hang_up() {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let spawned = std::thread::Builder::new().name("hang-up".into()).spawn(|| {
        let stdin = io::stdin();
        loop {
            let mut fds = [PollFd::new(std::os::fd::AsFd::as_fd(&stdin), PollFlags::empty())];
            match poll(&mut fds, PollTimeout::NONE) {
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => return,
                Ok(_) => {
                    let ended = PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL;
                    if fds[0].revents().is_some_and(|r| r.intersects(ended)) {
                        let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGHUP);
                        return;
                    }
                }
            }
        }
    });
    if let Err(e) = spawned {
        eprintln!("pilotage: {e}");
    }
}

/// The terminal's events, as crossterm reads them.
struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self) -> io::Result<Option<event::Event>> {
        // Blocks until the user does something: no timer, no redraw, no byte while idle.
        let event = event::read()?;
        panic_for_tests(&event);
        Ok(Some(event))
    }

    fn waiting(&mut self) -> io::Result<bool> {
        // A zero timeout: nothing runs while idle.
        event::poll(Duration::ZERO)
    }
}

/// Debug builds only: with `PILOTAGE_TEST_PANIC=1`, the key `!` panics, so the end-to-end
/// tests can check that a panic gives the terminal back. Release builds have no such key.
fn panic_for_tests(event: &event::Event) {
    #[cfg(debug_assertions)]
    if let event::Event::Key(k) = event
        && k.code == event::KeyCode::Char('!')
        && std::env::var_os("PILOTAGE_TEST_PANIC").is_some()
    {
        panic!("panic requested by PILOTAGE_TEST_PANIC");
    }
    #[cfg(not(debug_assertions))]
    let _ = event;
}

/// The terminal's keys and a server's news, on one channel: a thread reads the keyboard, the
/// connection's thread the socket, and the loop sleeps on the channel until either speaks.
struct ClientEvents {
    incoming: std::sync::mpsc::Receiver<Incoming>,
    /// Where an effect's answer comes back from its thread.
    answers: std::sync::mpsc::Sender<Incoming>,
    ahead: Option<Incoming>,
}

impl ClientEvents {
    fn new(news: std::sync::mpsc::Receiver<News>) -> ClientEvents {
        let (tx, incoming) = std::sync::mpsc::channel();
        let keys = tx.clone();
        let answers = tx.clone();
        std::thread::spawn(move || {
            while let Ok(event) = event::read() {
                if keys.send(Incoming::Event(event)).is_err() {
                    break;
                }
            }
        });
        std::thread::spawn(move || {
            for news in news {
                if tx.send(Incoming::News(news)).is_err() {
                    break;
                }
            }
        });
        ClientEvents { incoming, answers, ahead: None }
    }
}

impl Events for ClientEvents {
    fn next(&mut self) -> io::Result<Option<event::Event>> {
        loop {
            match self.next_incoming()? {
                Some(Incoming::Event(e)) => return Ok(Some(e)),
                Some(Incoming::News(_) | Incoming::Done(_) | Incoming::Slow) => {}
                None => return Ok(None),
            }
        }
    }

    fn waiting(&mut self) -> io::Result<bool> {
        if self.ahead.is_none() {
            self.ahead = self.incoming.try_recv().ok();
        }
        Ok(self.ahead.is_some())
    }

    /// An effect runs on a thread of its own: a server that stops answering leaves the keys
    /// answered, says so after a second (of what the screen waits for), and times out.
    fn perform(&mut self, effect: Effect) -> Option<Done> {
        let (done, answer) = std::sync::mpsc::channel();
        let unanswered = effect.unanswered();
        let awaited = effect.awaited();
        std::thread::spawn(move || {
            let _ = done.send(effect.run());
        });
        let answers = self.answers.clone();
        std::thread::spawn(move || {
            use std::sync::mpsc::RecvTimeoutError;
            let answered = match answer.recv_timeout(Duration::from_secs(1)) {
                Err(RecvTimeoutError::Timeout) => {
                    if awaited {
                        let _ = answers.send(Incoming::Slow);
                    }
                    answer.recv().ok()
                }
                other => other.ok(),
            };
            // A thread that died without an answer is a lost connection, said as such.
            let done = answered.unwrap_or(unanswered);
            let _ = answers.send(Incoming::Done(done));
        });
        None
    }

    fn next_incoming(&mut self) -> io::Result<Option<Incoming>> {
        let next = match self.ahead.take() {
            Some(next) => next,
            None => self.incoming.recv().map_err(|_| io::Error::other("the terminal's events ended"))?,
        };
        if let Incoming::Event(e) = &next {
            panic_for_tests(e);
        }
        Ok(Some(next))
    }
}

/// The UI as a client of the server that holds the store: every save is the server's, flushed
/// before "saved" shows, so a signal has nothing to finish here.
pub fn run_client(
    app: App,
    news: std::sync::mpsc::Receiver<News>,
    socket: std::path::PathBuf,
    session: u64,
    lang: Lang,
) -> i32 {
    // The connection's news, and after a loss the next connection's, on one channel.
    let (tx, followed) = std::sync::mpsc::channel();
    std::thread::spawn(move || pilotage::client::follow(socket, session, news, tx));
    let events = ClientEvents::new(followed);
    run_with(app, None, lang, Box::new(|| {}), events)
}

/// The UI as the client of a server still starting: `arrive` (on a thread of its own) starts
/// it and connects; its connection comes to the app as [`News::Connected`], and then its news
/// as [`run_client`]'s. When no server came, `arrive` opens the store here instead, and the
/// app is told so ([`News::NoServer`]).
pub fn run_arriving(
    app: App,
    arrive: impl FnOnce() -> Result<Arrived, Alone> + Send + 'static,
    socket: std::path::PathBuf,
    session: u64,
    lang: Lang,
) -> i32 {
    let (tx, followed) = std::sync::mpsc::channel();
    std::thread::spawn(move || match arrive() {
        Ok((connection, news, data)) => {
            if tx.send(News::Connected(Box::new((connection, data)))).is_ok() {
                pilotage::client::follow(socket, session, news, tx);
            }
        }
        // A server slower than the wait holds the store: it is looked for until it listens.
        Err(alone) if matches!(*alone, Err(pilotage::store::StoreError::Busy { .. })) => {
            pilotage::client::follow(socket, session, std::sync::mpsc::channel().1, tx);
        }
        // Nothing to follow: the store is this window's, or nowhere (said).
        Err(alone) => {
            let _ = tx.send(News::NoServer(alone));
        }
    });
    let events = ClientEvents::new(followed);
    run_with(app, None, lang, Box::new(|| {}), events)
}

/// When no server came: the store opened here instead, or why not.
pub type Alone = Box<Result<Store, pilotage::store::StoreError>>;

/// A server's connection, its news, and the store as it holds it when that differs from what
/// the UI read itself.
pub type Arrived =
    (pilotage::client::Connection, std::sync::mpsc::Receiver<News>, Option<pilotage::domain::Dataset>);

/// Runs the UI until it quits or the session ends. `store` is what a signal must let finish
/// its write and what keeps a snapshot for the next start; the demo's throwaway store, which
/// the app holds itself, needs neither.
pub fn run(app: App, store: Option<Arc<Store>>, lang: Lang, at_exit: AtExit) -> i32 {
    run_with(app, store, lang, at_exit, TerminalEvents)
}

fn run_with(
    mut app: App,
    store: Option<Arc<Store>>,
    lang: Lang,
    at_exit: AtExit,
    mut events: impl Events,
) -> i32 {
    install_panic_hook(lang, app.options.store_label.clone());
    let at_exit = Arc::new(Mutex::new(Some(at_exit)));
    if let Err(e) = watch_signals(store.clone(), Arc::clone(&at_exit)) {
        eprintln!("pilotage: {e}");
    }
    watch_for_hang_up();
    let setup = (|| -> io::Result<Terminal<CrosstermBackend<FrameWriter>>> {
        enable_raw_mode()?;
        TERMINAL_ACTIVE.store(true, Ordering::SeqCst);
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide,
            Clear(ClearType::All)
        )?;
        let legacy = pilotage::ui::theme::ascii_terminal().then(|| (Legacy::new(), Vec::new()));
        let writer = FrameWriter { buffer: Vec::with_capacity(16 * 1024), out: io::stdout(), legacy };
        pilotage::run::terminal(CrosstermBackend::new(writer))
    })();
    let mut terminal = match setup {
        Ok(t) => t,
        Err(e) => {
            restore_terminal();
            drop(app);
            run_at_exit(&at_exit);
            eprintln!("pilotage: {}", lang.f(Msg::ErrTerminal, &[&e.to_string()]));
            return exit::TERMINAL;
        }
    };
    let result = pilotage::run::run(&mut terminal, &mut app, &mut events).map(|_| ());
    // A snapshot lets the next start skip reading every record; worth a moment at quit.
    let flushed = match &store {
        Some(store) => store.save_snapshot(&app.data).and_then(|()| store.flush()),
        None => Ok(()),
    };
    restore_terminal();
    // A save the server never answered: what it was and what its form held, so nothing
    // typed is lost with the screen.
    if let Some(unconfirmed) = app.unconfirmed() {
        eprintln!("pilotage: {unconfirmed}");
    }
    // A store still being made (the demo's) is waited for, so nothing writes into its
    // directory as it is removed.
    let _ = app.store();
    drop(app);
    run_at_exit(&at_exit);
    if let Err(e) = flushed {
        eprintln!("pilotage: {e}");
        return exit::STORE;
    }
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            // The terminal went away (a closed SSH session reads as an error): the data is saved.
            eprintln!("pilotage: {e}");
            exit::HANGUP
        }
    }
}
