//! Hostile input: random keystrokes and resizes into the whole app, random and mutated bytes
//! into the codec. Nothing may panic, allocate without bound or store a bad record.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use pilotage::app::{App, Options};
use pilotage::domain::RecordKind;
use pilotage::i18n::Lang;
use pilotage::store::{Store, codec};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Keystrokes in the normal run; `PILOTAGE_MONKEY_KEYS` sets more for a long run.
const DEFAULT_KEYS: usize = 60_000;

/// A key at random from `rng` (seeded, so a failure is replayed from its seed).
fn random_key(rng: &mut fastrand::Rng) -> KeyEvent {
    const CODES: &[KeyCode] = &[
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
    ];
    // The keys that write are all here: a (add), e (edit), d then y (delete), u (undo), p, m,
    // c, Enter on a Save button, Ctrl-S, Space in a checklist; and dates and digits to fill in.
    const CHARS: &str = "1234jkgGsStT/?:qaeduyynpmch xé漢\u{202e}\u{7}0/2";
    const CTRL: &str = "sswulc";
    let r = rng.u64(0..20);
    let (code, mods) = if r < 8 {
        (CODES[rng.u64(0..CODES.len() as u64) as usize], KeyModifiers::NONE)
    } else if r == 8 {
        let chars: Vec<char> = CTRL.chars().collect();
        (KeyCode::Char(chars[rng.u64(0..chars.len() as u64) as usize]), KeyModifiers::CONTROL)
    } else {
        let chars: Vec<char> = CHARS.chars().collect();
        (KeyCode::Char(chars[rng.u64(0..chars.len() as u64) as usize]), KeyModifiers::NONE)
    };
    // Quitting would end the run early; the monkey presses q but the harness ignores the quit.
    let mods = if rng.u64(0..50) == 0 { mods | KeyModifiers::ALT } else { mods };
    KeyEvent::new(code, mods)
}

/// Random keys, pastes and resizes on a real store, with every form, question, save and
/// undo in reach: no panic, and afterwards the store holds exactly what the screen shows and
/// keeps its invariants (docs/reliability.md: "Hostile keys").
#[test]
fn a_monkey_at_the_keyboard_breaks_nothing() {
    use ratatui::crossterm::event::Event;
    let keys =
        std::env::var("PILOTAGE_MONKEY_KEYS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_KEYS);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut changed = 0;
    for (seed, lang) in [(0x5eed_u64, Lang::En), (0xbee5, Lang::Fr), (0xcafe, Lang::Nl)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let store = std::sync::Arc::new(Store::open(&path, || pilotage::demo::demo_dataset(today)).unwrap());
        let data = store.load().unwrap();
        let options = Options {
            lang,
            today,
            as_of: None,
            read_only: false,
            ascii: seed % 2 == 0,
            color: true,
            store_label: "monkey".into(),
        };
        let mut app =
            App::new(data.clone(), options).with_store(std::sync::Arc::clone(&store), "monkey".into());
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        app.resize(80, 24);
        let mut rng = fastrand::Rng::with_seed(seed);
        for i in 0..keys / 3 {
            match rng.u64(0..500) {
                0 => {
                    let (w, h) = (1 + rng.u64(0..250) as u16, 1 + rng.u64(0..80) as u16);
                    terminal.backend_mut().resize(w, h);
                    terminal.autoresize().unwrap();
                    pilotage::input::handle_event(&mut app, &Event::Resize(w, h));
                }
                1 => {
                    pilotage::input::handle_event(
                        &mut app,
                        &Event::Paste("3\nd\ny\u{1b}[2J 01/01/2020\tx".into()),
                    );
                }
                _ => {
                    pilotage::input::handle_key(&mut app, &random_key(&mut rng));
                }
            }
            // What a key asked of the store (a save), run as the loop runs it.
            app.settle();
            app.session.should_quit = false;
            // Drawing every key is what a user sees; every 7th keeps the debug run short
            // while still drawing each mode many times.
            if i % 7 == 0 {
                terminal.draw(|f| pilotage::ui::draw(f, &app)).unwrap();
            }
        }
        assert!(app.data.violations().is_empty(), "{lang:?}: {:?}", app.data.violations());
        changed += usize::from(app.data != data);
        let shown = app.data.clone();
        drop(app);
        drop(store);
        let stored = Store::open(&path, || panic!("the store exists")).unwrap().load_records().unwrap();
        assert!(stored.violations().is_empty(), "{lang:?}: the store broke an invariant");
        assert_eq!(stored, shown, "{lang:?}: the store holds what the screen showed as saved");
    }
    // The run is only worth something if the monkey got through forms to the store.
    assert!(changed > 0, "no run changed the data: the monkey never reached a save");
}

/// The same monkey through the app's own loop (`run::run`), as the terminal drives it: the
/// frame after each event, the panes caught up while no event waits, quits that end a batch.
/// Fewer keys (each is drawn); the loop and its catch-up are fuzzed too.
#[test]
fn a_monkey_through_the_loop_breaks_nothing() {
    use pilotage::run::Script;
    use ratatui::crossterm::event::Event;
    let keys =
        std::env::var("PILOTAGE_MONKEY_KEYS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_KEYS) / 10;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut changed = 0;
    for (seed, lang) in [(0xf00d_u64, Lang::En), (0xd00d, Lang::Fr), (0xbeef, Lang::Nl)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let store = std::sync::Arc::new(Store::open(&path, || pilotage::demo::demo_dataset(today)).unwrap());
        let data = store.load().unwrap();
        let options = Options {
            lang,
            today,
            as_of: None,
            read_only: false,
            ascii: seed % 2 == 0,
            color: true,
            store_label: "monkey".into(),
        };
        let mut app =
            App::new(data.clone(), options).with_store(std::sync::Arc::clone(&store), "monkey".into());
        let mut terminal = pilotage::run::terminal(TestBackend::new(80, 24)).unwrap();
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut left = keys / 3;
        while left > 0 {
            let batch: Vec<Event> = (0..left.min(64))
                .map(|_| match rng.u64(0..500) {
                    0 => Event::Resize(1 + rng.u64(0..250) as u16, 1 + rng.u64(0..80) as u16),
                    1 => Event::Paste("3\nd\ny\u{1b}[2J 01/01/2020\tx".into()),
                    _ => Event::Key(random_key(&mut rng)),
                })
                .collect();
            left -= batch.len();
            if let Some(Event::Resize(w, h)) = batch.iter().rev().find(|e| matches!(e, Event::Resize(..))) {
                terminal.backend_mut().resize(*w, *h);
            }
            // A quit ends the batch, as it ends the session; the next batch goes on.
            pilotage::run::run(&mut terminal, &mut app, &mut Script::new(batch)).unwrap();
            app.session.should_quit = false;
        }
        app.settle();
        assert!(app.data.violations().is_empty(), "{lang:?}: {:?}", app.data.violations());
        changed += usize::from(app.data != data);
        let shown = app.data.clone();
        drop(app);
        drop(store);
        let stored = Store::open(&path, || panic!("the store exists")).unwrap().load_records().unwrap();
        assert_eq!(stored, shown, "{lang:?}: the store holds what the screen showed as saved");
    }
    assert!(changed > 0, "no run changed the data: the monkey never reached a save");
}

static DEMO_RECORDS: std::sync::LazyLock<Vec<pilotage::domain::Record>> = std::sync::LazyLock::new(|| {
    pilotage::demo::demo_dataset(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).records().collect()
});

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_the_codec(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for kind in RecordKind::ALL {
            let _ = codec::decode_record(kind, &bytes);
        }
        let _ = codec::decode::<codec::AuditEntry>(&bytes);
        let _ = codec::decode_backup(&bytes);
    }

    #[test]
    fn mutated_records_decode_to_valid_records_or_fail_cleanly(
        index in 0usize..10_000,
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4),
        cut in any::<usize>(),
    ) {
        let records = &*DEMO_RECORDS;
        let record = &records[index % records.len()];
        let mut bytes = codec::encode_record(record);
        for (pos, value) in flips {
            let n = bytes.len();
            bytes[pos % n] ^= value;
        }
        if cut % 3 == 0 {
            bytes.truncate(cut % (bytes.len() + 1));
        }
        if let Ok(decoded) = codec::decode_record(record.key().kind(), &bytes) {
            // Whatever decodes is a whole record that survives its own round trip.
            let again = codec::decode_record(record.key().kind(), &codec::encode_record(&decoded));
            prop_assert_eq!(again, Ok(decoded));
        }
    }
}
