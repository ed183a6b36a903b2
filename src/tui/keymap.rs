//! The one keymap table. Dispatch, the help overlay, the footer hints and
//! the README's key list are all generated from [`BINDINGS`], so they can
//! never disagree with what the keys really do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;
use crate::catalog::FrameworkId;

/// Where a binding applies. The app asks for its contexts from the most
/// specific (an open popup) to the least (global keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    /// Any list: movement and filtering.
    List,
    /// A page of text (progress, gaps): scrolling only.
    Scroll,
    Controls,
    Inventory,
    /// Typing a filter: letters are text.
    Filter,
    /// The multi-line text editor: letters are text.
    Editor,
    /// A one-line text field: letters are text.
    Field,
    /// A list of choices with check boxes.
    Select,
    /// The evidence list of a control.
    Evidence,
    Risks,
    /// The Progress tab.
    Progress,
    /// The Gaps tab: a list of next steps.
    Gaps,
    /// A form of named fields (a system, the roles, an impact entry, a risk).
    Form,
    /// The impact assessment of one system.
    Impact,
    Conflict,
    /// The list of files with errors.
    Broken,
    /// A file with git's conflict markers.
    Merge,
    Help,
    Confirm,
    /// The question about work kept from a session that had to stop.
    Recovery,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Lists",
            Context::Scroll => "Pages",
            Context::Controls => "Controls",
            Context::Inventory => "Inventory",
            Context::Filter => "Filter",
            Context::Editor => "Text editor",
            Context::Field => "Text field",
            Context::Select => "Choices",
            Context::Evidence => "Evidence",
            Context::Risks => "Risk register",
            Context::Progress => "Progress",
            Context::Gaps => "Gaps",
            Context::Form => "Form",
            Context::Impact => "Impact assessment",
            Context::Conflict => "Changed on disk",
            Context::Broken => "Files with errors",
            Context::Merge => "Merge conflict",
            Context::Help => "Help",
            Context::Confirm => "Question",
            Context::Recovery => "Kept work",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        // Shift is part of the character itself (`G`, `?`), so it is ignored.
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        !alt && ctrl == self.ctrl
            && match (self.code, event.code) {
                (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
                (a, b) => a == b,
            }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub command: Command,
    /// A word or two for the footer; empty keeps it out of the footer.
    pub hint: &'static str,
    pub help: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    command: Command,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        command,
        hint,
        help,
    }
}

use Command as C;
use Context as X;

// One binding a line, so the table reads as a table.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(X::Global, &[key('1')], C::ShowInventory, "", "Inventory of AI systems"),
    bind(X::Global, &[key('2')], C::ShowControls, "", "Controls: catalogue and SoA editor"),
    bind(X::Global, &[key('3')], C::ShowProgress, "", "Progress per domain and readiness, for meetings"),
    bind(X::Global, &[key('4')], C::ShowGaps, "", "Gaps: what to do next"),
    bind(X::Global, &[key('5')], C::ShowRisks, "", "Risk register"),
    bind(X::Global, &[code(KeyCode::Tab)], C::NextPane, "", "Next pane"),
    bind(X::Global, &[code(KeyCode::BackTab)], C::PrevPane, "", "Previous pane"),
    bind(X::Global, &[key('!')], C::ShowBroken, "", "List the files with errors and what each leaves out"),
    bind(X::Global, &[key('R')], C::EditRoles, "", "Edit the workspace: organisation, scope, roles, document control"),
    bind(X::Global, &[key('u')], C::Undo, "undo", "Undo the last edit (the file follows)"),
    bind(X::Global, &[ctrl('r')], C::Redo, "", "Redo the last undone edit"),
    bind(X::Global, &[key('?'), code(KeyCode::F(1))], C::ToggleHelp, "help", "Show every key of this screen"),
    bind(X::Global, &[key('q')], C::Quit, "quit", "Quit (asks only if something is unsaved)"),
    bind(X::List, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Move down"),
    bind(X::List, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Move up"),
    bind(X::List, &[key('g'), code(KeyCode::Home)], C::SelectFirst, "", "Go to the first row"),
    bind(X::List, &[key('G'), code(KeyCode::End)], C::SelectLast, "", "Go to the last row"),
    bind(X::List, &[code(KeyCode::PageDown), ctrl('d')], C::PageDown, "", "Page down"),
    bind(X::List, &[code(KeyCode::PageUp), ctrl('u')], C::PageUp, "", "Page up"),
    bind(X::List, &[key('/')], C::StartFilter, "filter", "Fuzzy filter the list"),
    bind(X::List, &[code(KeyCode::Esc)], C::Back, "", "Clear the filter"),
    bind(X::Scroll, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Scroll down"),
    bind(X::Scroll, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Scroll up"),
    bind(X::Scroll, &[key('g'), code(KeyCode::Home)], C::SelectFirst, "", "Back to the top"),
    bind(X::Scroll, &[key('G'), code(KeyCode::End)], C::SelectLast, "", "To the end"),
    bind(X::Scroll, &[code(KeyCode::PageDown), ctrl('d')], C::PageDown, "", "Page down"),
    bind(X::Scroll, &[code(KeyCode::PageUp), ctrl('u')], C::PageUp, "", "Page up"),
    bind(X::Controls, &[key('a')], C::MarkApplicable, "applicable", "Mark the control applicable"),
    bind(X::Controls, &[key('x')], C::MarkExcluded, "excluded", "Mark the control excluded (not applicable)"),
    bind(X::Controls, &[key('c')], C::ClearDecision, "", "Clear the decision (back to undecided)"),
    bind(X::Controls, &[key(' ')], C::CycleStatus, "status", "Cycle status: not_started, planned, partial, implemented"),
    bind(X::Controls, &[key('J'), code(KeyCode::Enter)], C::EditJustification, "justify", "Edit the justification"),
    bind(X::Controls, &[key('o')], C::EditOwner, "owner", "Edit the owner"),
    bind(X::Controls, &[key('b')], C::EditBasis, "", "Choose the basis of the decision"),
    bind(X::Controls, &[key('s')], C::EditSystems, "", "Choose the systems it applies to"),
    bind(X::Controls, &[key('e')], C::EditEvidence, "evidence", "Add, edit or remove evidence"),
    bind(X::Controls, &[key('d')], C::EditDue, "", "Set the due date"),
    bind(X::Controls, &[key('N')], C::EditNotes, "", "Edit the notes"),
    bind(X::Controls, &[key('r')], C::StampReview, "", "Stamp reviewed by you, today"),
    bind(X::Controls, &[key('A')], C::AcceptSuggestion, "", "Accept the suggested decision"),
    bind(X::Controls, &[key('E')], C::EditSoa, "", "Edit every field of the entry in a form"),
    bind(X::Controls, &[key('H')], C::ShowHistory, "", "History from git: the commits, the fields each changed"),
    bind(X::Inventory, &[key('n')], C::NewSystem, "new", "Add an AI system (a form; the id comes from the name)"),
    bind(X::Inventory, &[code(KeyCode::Enter), key('E')], C::EditSystem, "edit", "Edit the selected system's fields"),
    bind(X::Inventory, &[key('i')], C::EditImpact, "impact", "Open the system's impact assessment"),
    bind(X::Inventory, &[key('D')], C::Decommission, "decommission", "Decommission (sets the lifecycle; the file stays)"),
    bind(X::Inventory, &[key('s')], C::SortNext, "sort", "Sort by the next column"),
    bind(X::Inventory, &[key('S')], C::SortReverse, "", "Reverse the sort order"),
    bind(X::Inventory, &[key('H')], C::ShowHistory, "", "History from git: the commits, the fields each changed"),
    bind(X::Risks, &[code(KeyCode::Enter)], C::JumpToSystem, "system", "Go to the risk's system"),
    bind(X::Risks, &[key('c')], C::JumpToControl, "control", "Go to a control that treats the risk"),
    bind(X::Risks, &[key('i')], C::EditImpact, "assessment", "Open the impact assessment holding the risk"),
    bind(X::Gaps, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Next gap"),
    bind(X::Gaps, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Previous gap"),
    bind(X::Gaps, &[key('g'), code(KeyCode::Home)], C::SelectFirst, "", "The first (most urgent) gap"),
    bind(X::Gaps, &[key('G'), code(KeyCode::End)], C::SelectLast, "", "The last gap"),
    bind(X::Gaps, &[code(KeyCode::PageDown), ctrl('d')], C::PageDown, "", "Page down"),
    bind(X::Gaps, &[code(KeyCode::PageUp), ctrl('u')], C::PageUp, "", "Page up"),
    bind(X::Gaps, &[code(KeyCode::Enter)], C::OpenGap, "fix", "Go to the record that closes the gap"),
    bind(X::Gaps, &[key('o')], C::NextGapOwner, "owner", "Only one owner's gaps: each owner in turn, then everyone's"),
    bind(X::Gaps, &[code(KeyCode::Esc)], C::Back, "", "Every owner's gaps again"),
    bind(X::Progress, &[key('w')], C::ShowOwners, "who owes what", "Each person's open controls, systems, risks and overdue items, overdue first; no one's last"),
    bind(X::Progress, &[key('c')], C::ShowGuide, "certification guide", "The certification-readiness guide: documents each clause asks for, the two audit stages, the EU AI Act"),
    bind(X::Progress, &[key('n')], C::ShowCrosswalk(FrameworkId::NistAiRmf), "NIST", "Crosswalk to the NIST AI RMF: each subcategory, its ISO controls, their status and coverage"),
    bind(X::Progress, &[key('e')], C::ShowCrosswalk(FrameworkId::EuAiAct), "EU AI Act", "Crosswalk to the EU AI Act: each article the catalogues cite, its ISO controls and coverage"),
    bind(X::Filter, &[code(KeyCode::Enter)], C::AcceptFilter, "keep", "Keep the filter and return to the list"),
    bind(X::Filter, &[code(KeyCode::Esc)], C::Back, "clear", "Clear the filter"),
    bind(X::Filter, &[code(KeyCode::Down)], C::SelectNext, "", "Move down"),
    bind(X::Filter, &[code(KeyCode::Up)], C::SelectPrev, "", "Move up"),
    bind(X::Editor, &[code(KeyCode::Esc), ctrl('s')], C::Confirm, "keep & close", "Keep the text, save and close"),
    bind(X::Editor, &[ctrl('x')], C::DropText, "", "Close without saving (asks first): for a text that cannot be saved"),
    bind(X::Field, &[ctrl('x')], C::DropText, "", "Close without saving (asks first)"),
    bind(X::Editor, &[code(KeyCode::F(2)), ctrl('g')], C::ToggleGuidance, "", "Show or hide the control's guidance (beside the text when the terminal is wide)"),
    bind(X::Field, &[code(KeyCode::Enter), code(KeyCode::Esc)], C::Confirm, "keep", "Keep the value (or the name picked below) and close"),
    bind(X::Field, &[code(KeyCode::Down)], C::SelectNext, "", "Pick the next name already used"),
    bind(X::Field, &[code(KeyCode::Up)], C::SelectPrev, "", "Pick the previous name (back to what you typed)"),
    bind(X::Select, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Move down"),
    bind(X::Select, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Move up"),
    bind(X::Select, &[key(' '), key('x')], C::Toggle, "toggle", "Tick or untick (or pick, in a one-choice list)"),
    bind(X::Select, &[key('/')], C::StartFilter, "filter", "Filter the choices"),
    bind(X::Select, &[code(KeyCode::Enter)], C::Confirm, "keep", "Keep the ticks (in a one-choice list: pick the highlighted)"),
    bind(X::Select, &[code(KeyCode::Esc)], C::Back, "close", "Close (ticks are kept; a one-choice list stays as it was)"),
    bind(X::Evidence, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Move down"),
    bind(X::Evidence, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Move up"),
    bind(X::Evidence, &[key('n'), key('a')], C::AddItem, "add", "Add evidence"),
    bind(X::Evidence, &[code(KeyCode::Enter)], C::Open, "edit", "Edit the selected evidence"),
    bind(X::Evidence, &[key('D'), code(KeyCode::Delete)], C::RemoveItem, "remove", "Remove the selected evidence"),
    bind(X::Evidence, &[code(KeyCode::Esc)], C::Confirm, "close", "Close"),
    bind(X::Form, &[key('j'), code(KeyCode::Down), code(KeyCode::Tab)], C::SelectNext, "", "Next field"),
    bind(X::Form, &[key('k'), code(KeyCode::Up), code(KeyCode::BackTab)], C::SelectPrev, "", "Previous field"),
    bind(X::Form, &[code(KeyCode::Enter), key(' ')], C::Open, "edit", "Edit the field (choices open a list, yes/no flips)"),
    bind(X::Form, &[code(KeyCode::Esc), ctrl('s')], C::Confirm, "done", "Done (a new record is created now)"),
    bind(X::Impact, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Next row"),
    bind(X::Impact, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Previous row"),
    bind(X::Impact, &[code(KeyCode::Enter)], C::Open, "edit", "Edit the row"),
    bind(X::Impact, &[key('g')], C::AddItem, "add group", "Add an affected group"),
    bind(X::Impact, &[key('r')], C::AddRisk, "add risk", "Add a risk"),
    bind(X::Impact, &[key('D'), code(KeyCode::Delete)], C::RemoveItem, "remove", "Remove the selected group or risk"),
    bind(X::Impact, &[code(KeyCode::Esc)], C::Confirm, "close", "Close"),
    bind(X::Conflict, &[ctrl('o')], C::KeepMine, "keep mine", "Write my version over the file as shown (typing cannot answer)"),
    bind(X::Conflict, &[ctrl('t')], C::TakeTheirs, "take theirs", "Drop my edit and load the file as it is on disk"),
    bind(X::Conflict, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Scroll the differences down"),
    bind(X::Conflict, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Scroll the differences up"),
    bind(X::Broken, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Next file"),
    bind(X::Broken, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Previous file"),
    bind(X::Broken, &[code(KeyCode::Enter)], C::Open, "resolve", "Resolve the selected file's merge conflict, side by side"),
    bind(X::Broken, &[code(KeyCode::Esc), key('!'), key('q')], C::Back, "close", "Close the list"),
    bind(X::Merge, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Next key the sides disagree on"),
    bind(X::Merge, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Previous key"),
    bind(X::Merge, &[key('h'), code(KeyCode::Left)], C::PickOurs, "ours", "Take this key from our side"),
    bind(X::Merge, &[key('l'), code(KeyCode::Right)], C::PickTheirs, "theirs", "Take this key from their side"),
    bind(X::Merge, &[ctrl('o')], C::KeepMine, "", "Take every key from our side"),
    bind(X::Merge, &[ctrl('t')], C::TakeTheirs, "", "Take every key from their side"),
    bind(X::Merge, &[code(KeyCode::Enter), ctrl('s')], C::Confirm, "write", "Write the record as chosen, clean (then edit it as usual)"),
    bind(X::Merge, &[code(KeyCode::Esc)], C::Back, "close", "Close; the file stays as it is"),
    bind(X::Confirm, &[key('y'), code(KeyCode::Enter)], C::Confirm, "yes", "Yes"),
    bind(X::Confirm, &[key('n'), code(KeyCode::Esc)], C::Back, "no", "No"),
    bind(X::Recovery, &[key('y'), code(KeyCode::Enter)], C::Confirm, "open it", "Open the kept form and editor again as they were"),
    bind(X::Recovery, &[ctrl('x')], C::Discard, "drop it", "Drop the kept work (a deliberate key, so typing cannot drop it)"),
    bind(X::Recovery, &[code(KeyCode::Esc)], C::Back, "later", "Not now: it stays kept and is offered next time"),
    bind(X::Help, &[code(KeyCode::Esc), key('?'), key('q')], C::ToggleHelp, "close", "Close the help"),
    bind(X::Help, &[key('j'), code(KeyCode::Down)], C::SelectNext, "", "Scroll down"),
    bind(X::Help, &[key('k'), code(KeyCode::Up)], C::SelectPrev, "", "Scroll up"),
];

/// The command bound to `event` in the first of `contexts` that binds it.
pub fn lookup(contexts: &[Context], event: &KeyEvent) -> Option<Command> {
    contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *context)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.command)
    })
}

/// "j/↓" for a binding's keys.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("/")
}

/// The footer hints for these contexts: `key hint` pairs, most specific first.
pub fn hints(contexts: &[Context]) -> Vec<(String, &'static str)> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for context in contexts {
        for binding in BINDINGS.iter().filter(|b| b.context == *context) {
            if binding.hint.is_empty() || seen.contains(&binding.command) {
                continue;
            }
            seen.push(binding.command);
            let first = binding.keys.first().map(|k| k.label()).unwrap_or_default();
            out.push((first, binding.hint));
        }
    }
    out
}

/// Every binding of these contexts, grouped by context, for the help overlay.
pub fn help_sections(contexts: &[Context]) -> Vec<(Context, Vec<(String, &'static str)>)> {
    contexts
        .iter()
        .map(|context| {
            let rows = BINDINGS
                .iter()
                .filter(|b| b.context == *context)
                .map(|b| (keys_label(b), b.help))
                .collect();
            (*context, rows)
        })
        .collect()
}

/// The README's key table, generated so it cannot drift from the keymap.
pub fn markdown_table() -> String {
    let mut text = String::from("| context | keys | does |\n|---|---|---|\n");
    for binding in BINDINGS {
        text.push_str(&format!(
            "| {} | {} | {} |\n",
            binding.context.title(),
            keys_label(binding).replace('|', "\\|"),
            binding.help
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for key in a.keys {
                        assert!(
                            !b.keys.contains(key),
                            "{} bound twice in {:?}",
                            key.label(),
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn shifted_letters_match_without_caring_about_the_shift_flag() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Context::List], &event), Some(Command::SelectLast));
        let event = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&[Context::Global], &event), Some(Command::Redo));
    }
}
