//! Hostile input: random keystrokes and resizes into the whole app, random and mutated bytes
//! into the codec. Nothing may panic, allocate without bound or store a bad record.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use pilotage::app::{App, Options};
use pilotage::domain::RecordKind;
use pilotage::i18n::Lang;
use pilotage::store::codec;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Keystrokes in the normal run; `PILOTAGE_MONKEY_KEYS` sets more for a long run.
const DEFAULT_KEYS: usize = 100_000;

/// A small deterministic generator, so a failure can be replayed from its seed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_key(rng: &mut XorShift) -> KeyEvent {
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
    const CHARS: &str = "1234jkgGsStT/?:qaedu xé漢\u{202e}\u{7}0/2";
    let r = rng.below(10);
    let code = if r < 4 {
        CODES[rng.below(CODES.len() as u64) as usize]
    } else {
        let chars: Vec<char> = CHARS.chars().collect();
        KeyCode::Char(chars[rng.below(chars.len() as u64) as usize])
    };
    // Quitting would end the run early; the monkey presses q but the harness ignores the quit.
    let mods = if rng.below(50) == 0 { KeyModifiers::ALT } else { KeyModifiers::NONE };
    KeyEvent::new(code, mods)
}

#[test]
fn a_monkey_at_the_keyboard_breaks_nothing() {
    let keys =
        std::env::var("PILOTAGE_MONKEY_KEYS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_KEYS);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let data = pilotage::demo::demo_dataset(today);
    for (seed, lang) in [(0x5eed_u64, Lang::En), (0xbee5, Lang::Fr), (0xcafe, Lang::Nl)] {
        let options = Options {
            lang,
            today,
            as_of: None,
            read_only: false,
            ascii: seed % 2 == 0,
            color: true,
            store_label: "monkey".into(),
        };
        let mut app = App::new(data.clone(), options);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut rng = XorShift(seed);
        for i in 0..keys / 3 {
            if rng.below(500) == 0 {
                let (w, h) = (1 + rng.below(250) as u16, 1 + rng.below(80) as u16);
                terminal.backend_mut().resize(w, h);
                terminal.autoresize().unwrap();
            }
            app.handle_key(&random_key(&mut rng));
            app.should_quit = false;
            // Drawing every key is what a user sees; every 7th keeps the debug run short
            // while still drawing each mode many times.
            if i % 7 == 0 {
                terminal.draw(|f| pilotage::ui::draw(f, &mut app)).unwrap();
            }
        }
        assert!(app.data.violations().is_empty());
        assert_eq!(app.data, data, "keys alone never change the data");
    }
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
