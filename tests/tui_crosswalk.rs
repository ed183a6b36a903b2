//! The crosswalks on the Progress tab: `n` and `e` open the NIST AI RMF and
//! EU AI Act crosswalks over the example workspace, with coverage first,
//! and they scroll and close like the other pages.

mod common;

use aims::catalog::FrameworkId;
use aims::tui::{Popup, Tab};
use common::{Example, esc, keys, screen};

#[test]
fn n_on_the_progress_tab_opens_the_nist_crosswalk_with_its_coverage() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "3");
    assert_eq!(app.tab(), Tab::Progress);
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("n / e: crosswalk to NIST AI RMF / EU AI Act"),
        "{shown}"
    );
    keys(&mut app, "n");
    assert!(matches!(
        app.popups().last(),
        Some(Popup::Crosswalk {
            framework: FrameworkId::NistAiRmf,
            scroll: 0
        })
    ));
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Crosswalk to the NIST AI Risk Management Framework 1.0"),
        "{shown}"
    );
    assert!(
        shown.contains("Coverage: covered 20 of 72 (28%) · partial 49 (68%) · gap 3 (4%)"),
        "{shown}"
    );
    assert!(shown.contains("GOVERN 1.1"), "{shown}");
    // Scrolling reaches the last subcategory, and stops there.
    for _ in 0..400 {
        keys(&mut app, "j");
    }
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("MANAGE 4.3"), "{shown}");
    esc(&mut app);
    assert!(app.popups().is_empty());
}

#[test]
fn e_opens_the_eu_ai_act_crosswalk_and_it_fits_80x24() {
    let example = Example::new();
    let mut app = example.app();
    keys(&mut app, "3e");
    assert!(matches!(
        app.popups().last(),
        Some(Popup::Crosswalk {
            framework: FrameworkId::EuAiAct,
            ..
        })
    ));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Coverage: covered 10 of 32"), "{shown}");
    // Keys of the pane do nothing under it.
    keys(&mut app, "1");
    assert_eq!(app.tab(), Tab::Progress);
    keys(&mut app, "q");
    assert!(app.popups().is_empty());
}
