//! The documentation says what the program does: the key tables in docs/user-guide.md are
//! generated from the one keymap (as the hint bar and the help are), and this test fails when
//! they differ. `PILOTAGE_BLESS_DOCS=1 cargo test --test docs` writes them again.

// A test that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

use pilotage::app::Context;
use pilotage::i18n::Lang;
use pilotage::input::keymap;

const BEGIN: &str = "<!-- keys: generated from src/input/keymap.rs by tests/docs.rs; do not edit -->";
const END: &str = "<!-- keys: end -->";

/// Every binding of each context, in English, as a Markdown table per context group.
fn key_tables() -> String {
    let groups: [(&str, &[Context]); 5] = [
        ("In the panes and detail views", &[Context::Table, Context::Detail]),
        ("Over them: the help, a record's history, the trend view", &[Context::Overlay]),
        ("In a form (other keys are typed into the field)", &[Context::Form, Context::Checklist]),
        ("In a yes / no question", &[Context::Confirm]),
        ("In the concertation's roll call", &[Context::Attendance, Context::Vote]),
    ];
    let mut out = String::new();
    for (heading, contexts) in groups {
        out.push_str(&format!("\n**{heading}**\n\n| keys | action |\n|---|---|\n"));
        let mut said: Vec<(String, String)> = Vec::new();
        for context in contexts {
            for b in keymap::bindings(*context, false) {
                let row = (b.keys_label(Lang::En), Lang::En.t(b.action.label()).to_string());
                if !said.contains(&row) {
                    said.push(row);
                }
            }
        }
        for (keys, action) in said {
            out.push_str(&format!("| `{}` | {} |\n", keys.replace('|', "\\|"), action.replace('|', "\\|")));
        }
    }
    out
}

#[test]
fn the_guides_key_tables_are_the_keymap() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/user-guide.md");
    let guide = std::fs::read_to_string(&path).unwrap();
    let (Some(start), Some(end)) = (guide.find(BEGIN), guide.find(END)) else {
        panic!("docs/user-guide.md has no generated key tables between {BEGIN} and {END}");
    };
    let generated = format!("{BEGIN}\n{}\n", key_tables());
    let current = &guide[start..end];
    if current != generated {
        if std::env::var_os("PILOTAGE_BLESS_DOCS").is_some() {
            let written = format!("{}{generated}{}", &guide[..start], &guide[end..]);
            std::fs::write(&path, written).unwrap();
            return;
        }
        panic!(
            "docs/user-guide.md's key tables differ from the keymap; run PILOTAGE_BLESS_DOCS=1 cargo test --test docs and read the diff"
        );
    }
}

/// The README stays what a newcomer reads in a few minutes, and every document it names exists.
#[test]
fn the_readme_is_short_and_its_links_hold() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 200, "README.md has {lines} lines; the details belong in docs/");
    for link in readme.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
        if link.starts_with("http") || link.starts_with('#') {
            continue;
        }
        let file = link.split('#').next().unwrap();
        assert!(root.join(file).exists(), "README.md links to {file}, which does not exist");
    }
}
