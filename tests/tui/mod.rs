//! The whole app on ratatui's TestBackend, driven by key events: shared by the flow, editing
//! and snapshot tests.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]
// Each test crate uses its own part of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use pilotage::app::{App, Options};
use pilotage::demo::demo_dataset;
use pilotage::domain::Dataset;
use pilotage::i18n::Lang;
use pilotage::run::Script;
use pilotage::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
    /// The store's directory, for harnesses that write (removed with the harness).
    store: Option<(tempfile::TempDir, PathBuf)>,
}

fn options(lang: Lang, as_of: Option<NaiveDate>, read_only: bool, ascii: bool) -> Options {
    Options {
        lang,
        today: today(),
        as_of,
        read_only,
        ascii,
        color: !ascii,
        store_label: "/home/coordinator/.local/share/pilotage/store".into(),
    }
}

impl Harness {
    /// The demo data, read-only in effect (no store to write to).
    pub fn new(lang: Lang, width: u16, height: u16) -> Harness {
        Self::with(lang, width, height, None, false)
    }

    pub fn with(lang: Lang, width: u16, height: u16, as_of: Option<NaiveDate>, ascii: bool) -> Harness {
        let app = App::new(demo_dataset(today()), options(lang, as_of, false, ascii));
        Self::start(app, width, height, None)
    }

    /// The demo data in a real store in a temporary directory, at 80x24, so edits are written.
    pub fn on_store(read_only: bool) -> Harness {
        Self::on_store_in(Lang::En, 80, 24, read_only)
    }

    /// The demo data in a real store, in `lang` at `width` x `height`.
    pub fn on_store_in(lang: Lang, width: u16, height: u16, read_only: bool) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let store = Store::open(&path, || demo_dataset(today())).unwrap();
        let data = store.load().unwrap();
        let app = App::new(data, options(lang, None, read_only, false))
            .with_store(Arc::new(store), "tester".into());
        Self::start(app, width, height, Some((dir, path)))
    }

    /// A new store, as a first start makes it (the establishments and the circular's groups,
    /// no people), at 80x24.
    pub fn on_fresh_store() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let initial = || Dataset::initial(pilotage::domain::establishment::reference_establishments());
        let store = Store::open(&path, initial).unwrap();
        let data = store.load().unwrap();
        let app = App::new(data, options(Lang::En, None, false, false))
            .with_store(Arc::new(store), "tester".into());
        Self::start(app, 80, 24, Some((dir, path)))
    }

    fn start(app: App, width: u16, height: u16, store: Option<(tempfile::TempDir, PathBuf)>) -> Harness {
        let terminal = pilotage::run::terminal(TestBackend::new(width, height)).unwrap();
        let mut h = Harness { app, terminal, store };
        h.run(Vec::new());
        h
    }

    /// The events through the app's one loop, as the real terminal runs it: a frame after
    /// each event that changed something, and the panes not on screen caught up once no
    /// event waits. A quit ends the loop; the events after it are not read.
    pub fn run(&mut self, events: Vec<Event>) -> &mut Self {
        let mut script = Script::new(events);
        pilotage::run::run(&mut self.terminal, &mut self.app, &mut script).unwrap();
        self
    }

    /// A bracketed paste, as the terminal delivers it.
    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.run(vec![Event::Paste(text.to_string())])
    }

    /// Draws the screen again (after the test changed the app itself).
    pub fn draw(&mut self) {
        let app = &self.app;
        self.terminal.draw(|f| pilotage::ui::draw(f, app)).unwrap();
    }

    /// Types keys through the loop (see [`Harness::run`]): plain characters, or `<Name>` for Enter, Esc, Tab,
    /// BackTab, Up, Down, PageDown, End, Backspace and `C-s` (Ctrl-S).
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        let mut events = Vec::new();
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            let (code, mods, len) = if c == '<'
                && let Some(end) = rest.find('>')
            {
                let (code, mods) = match &rest[1..end] {
                    "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                    "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                    "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                    "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                    "Down" => (KeyCode::Down, KeyModifiers::NONE),
                    "Up" => (KeyCode::Up, KeyModifiers::NONE),
                    "PageDown" => (KeyCode::PageDown, KeyModifiers::NONE),
                    "PageUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                    "End" => (KeyCode::End, KeyModifiers::NONE),
                    "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
                    "C-s" => (KeyCode::Char('s'), KeyModifiers::CONTROL),
                    "C-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
                    "C-w" => (KeyCode::Char('w'), KeyModifiers::CONTROL),
                    "C-l" => (KeyCode::Char('l'), KeyModifiers::CONTROL),
                    "C-r" => (KeyCode::Char('r'), KeyModifiers::CONTROL),
                    "C-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
                    "C-y" => (KeyCode::Char('y'), KeyModifiers::CONTROL),
                    "Home" => (KeyCode::Home, KeyModifiers::NONE),
                    "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                    other => panic!("unknown key {other}"),
                };
                (code, mods, end + 1)
            } else {
                (KeyCode::Char(c), KeyModifiers::NONE, c.len_utf8())
            };
            events.push(Event::Key(KeyEvent::new(code, mods)));
            rest = &rest[len..];
        }
        self.run(events)
    }

    /// Backspace `n` times.
    pub fn clear(&mut self, n: usize) -> &mut Self {
        self.keys(&"<Backspace>".repeat(n))
    }

    pub fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.run(vec![Event::Resize(width, height)]);
    }

    /// The data as a fresh process would find it in the store.
    pub fn reopened(self) -> Dataset {
        let Harness { app, store, .. } = self;
        drop(app);
        let (_dir, path) = store.expect("a harness on a store");
        Store::open(&path, || panic!("the store exists")).unwrap().load().unwrap()
    }
}
