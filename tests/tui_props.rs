//! Random key sequences over a copy of the example workspace: whatever is
//! pressed, the interface never panics (in `process` or while drawing at
//! 80x24 after every key), and every file it leaves on disk still loads
//! without errors.

mod common;

use aims::tui::keymap::BINDINGS;
use aims::tui::{Action, process};
use common::{Example, KeyCode, KeyEvent, KeyModifiers, ch, code, screen};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Input {
    Key(KeyEvent),
    Paste(String),
}

/// Every key the keymap binds, as a terminal would send it.
fn keymap_keys() -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    for binding in BINDINGS {
        for key in binding.keys {
            let event = match key.code {
                KeyCode::Char(c) if key.ctrl => {
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
                }
                KeyCode::Char(c) => ch(c),
                KeyCode::BackTab => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                other => code(other),
            };
            if !keys.contains(&event) {
                keys.push(event);
            }
        }
    }
    keys
}

fn input() -> impl Strategy<Value = Input> {
    let bound = proptest::sample::select(keymap_keys()).prop_map(Input::Key);
    let letter = proptest::char::ranges(vec!['a'..='z', 'A'..='Z', '0'..='9'].into())
        .prop_map(|c| Input::Key(ch(c)));
    let special = proptest::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::PageDown,
        KeyCode::PageUp,
    ])
    .prop_map(|k| Input::Key(code(k)));
    let paste = proptest::sample::select(vec![
        "pasted text".to_string(),
        "two\r\nlines\rand a third\n".to_string(),
        "2026-02-30".to_string(),
        "key: [not yaml\n\t- \"quote".to_string(),
        "Ülf Fjörd ✓ 漢字 \u{1b}[31mred".to_string(),
        String::new(),
    ])
    .prop_map(Input::Paste);
    prop_oneof![
        5 => bound,
        3 => letter,
        3 => special,
        1 => paste,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_never_panic_and_leave_every_file_loadable(
        inputs in proptest::collection::vec(input(), 0..=60)
    ) {
        let example = Example::new();
        let pristine_errors = example
            .load()
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count();
        prop_assert_eq!(pristine_errors, 0, "the example has no errors");

        let mut app = example.app();
        process(&mut app, Action::Resize(80, 24));
        screen(&app, 80, 24);
        for input in inputs {
            let running = match input {
                Input::Key(key) => common::press(&mut app, key),
                Input::Paste(text) => process(&mut app, Action::Paste(text)),
            };
            screen(&app, 80, 24);
            if !running {
                break;
            }
        }

        let errors: Vec<String> = example
            .load()
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        prop_assert!(errors.is_empty(), "errors after the keys: {:#?}", errors);
    }
}
