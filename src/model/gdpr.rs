//! The GDPR / UK GDPR view, indicative and not legal advice: the current
//! systems that process personal data (or do not say), where their DPIA is
//! and whether that file is in the workspace, which may take automated
//! decisions about people (Art. 22), and where the ISO controls that
//! support a DPIA (Art. 35) stand.
//!
//! Looking a file up is the workspace's job (the only module that touches
//! the disk); this one only decides what a reference is and never asks
//! about one outside the workspace.

use crate::catalog::{Catalogs, Gdpr, GdprArticle};
use crate::choice_enum;

use super::{AffectedGroup, AiSystem, EuRisk, Records, Standing};

/// What a relative path names inside the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found,
    Missing,
    /// A symbolic link on the way leads out of the workspace.
    LeadsOutside,
}

choice_enum! {
    /// Where a system's DPIA reference points, as far as aims can tell
    /// without leaving the workspace.
    pub enum DpiaFile {
        /// No reference recorded.
        None = "none",
        Found = "found",
        NotFound = "not_found",
        /// A web address: aims fetches nothing.
        Link = "link",
        /// An absolute path, a `..` or a link leading out: never looked at.
        Outside = "outside",
    }
}

impl DpiaFile {
    pub fn label(self) -> &'static str {
        match self {
            DpiaFile::None => "no DPIA recorded",
            DpiaFile::Found => "found",
            DpiaFile::NotFound => "not found in the workspace",
            DpiaFile::Link => "a link, not checked",
            DpiaFile::Outside => "outside the workspace, not checked",
        }
    }
}

/// What a DPIA reference is, read from its text alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DpiaReference {
    None,
    Link,
    Outside,
    /// A path inside the workspace, relative to its root, with `/` between
    /// the parts and no `.` part.
    Path(String),
}

/// Reads a reference: a web address (or any `scheme://`) is a link; an
/// absolute path (`/`, `\`, `C:`, `~`, `file:`) or one with a `..` part
/// could lead anywhere and is outside; the rest is a path in the workspace.
pub fn dpia_reference(text: Option<&str>) -> DpiaReference {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return DpiaReference::None;
    };
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("file:") {
        return DpiaReference::Outside;
    }
    if text.contains("://") || lower.starts_with("mailto:") {
        return DpiaReference::Link;
    }
    let drive = text.as_bytes().get(1) == Some(&b':');
    if drive || text.starts_with(['/', '\\', '~']) {
        return DpiaReference::Outside;
    }
    let parts: Vec<&str> = text
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.contains(&"..") {
        return DpiaReference::Outside;
    }
    DpiaReference::Path(parts.join("/"))
}

choice_enum! {
    /// Whether a system may take decisions about people that GDPR Art. 22
    /// covers (see [`ART22_EXPLAINED`]).
    pub enum AutomatedDecisions {
        /// It affects people and no human oversight is recorded.
        Check = "check",
        /// It affects people in a high-risk Annex III use; oversight is
        /// recorded, but whether a person really decides needs confirming.
        Confirm = "confirm",
        /// Who it affects is not recorded.
        Unknown = "unknown",
        /// It affects people and human oversight is recorded.
        Overseen = "overseen",
        /// It affects no individual (society at large only).
        NoIndividuals = "no_individuals",
    }
}

impl AutomatedDecisions {
    pub fn of(system: &AiSystem) -> AutomatedDecisions {
        let individuals = system.affected.iter().any(|g| *g != AffectedGroup::Society);
        let overseen = oversight_recorded(system);
        let annex_iii = system.eu_risk == Some(EuRisk::High)
            && system
                .annex_iii
                .as_deref()
                .is_some_and(|p| !p.trim().is_empty());
        if system.affected.is_empty() {
            AutomatedDecisions::Unknown
        } else if !individuals {
            AutomatedDecisions::NoIndividuals
        } else if !overseen {
            AutomatedDecisions::Check
        } else if annex_iii {
            AutomatedDecisions::Confirm
        } else {
            AutomatedDecisions::Overseen
        }
    }

    /// Whether a data protection officer should look at it.
    pub fn flagged(self) -> bool {
        matches!(
            self,
            AutomatedDecisions::Check | AutomatedDecisions::Confirm | AutomatedDecisions::Unknown
        )
    }
}

fn oversight_recorded(system: &AiSystem) -> bool {
    system
        .human_oversight
        .as_deref()
        .is_some_and(|h| !h.trim().is_empty())
}

/// The Art. 22 rule, for every place that shows its result.
pub const ART22_EXPLAINED: &str = "Art. 22 (decisions based solely on automated processing with legal or similarly significant effects): check = it affects people (users, employees, customers or third parties) and no human oversight is recorded; confirm = it affects people in a high-risk Annex III use and oversight is recorded: confirm a person really weighs each decision; unknown = who it affects is not recorded; overseen = it affects people and human oversight is recorded; no individuals = it affects society at large only";

/// What the DPIA column means, for every place that shows it.
pub const DPIA_EXPLAINED: &str = "DPIA file: a relative path is looked up in the workspace; a web address is not fetched; an absolute path or one with `..` is outside the workspace and never looked at";

/// One current system that processes personal data, or does not say.
#[derive(Clone, Debug, PartialEq)]
pub struct PrivacyRow<'r> {
    pub system: &'r AiSystem,
    pub dpia: DpiaFile,
    pub decisions: AutomatedDecisions,
}

impl PrivacyRow<'_> {
    /// Whether the inventory says who can override or stop the system.
    pub fn oversight_recorded(&self) -> bool {
        oversight_recorded(self.system)
    }

    /// The Art. 22 finding in words, with the Annex III point where it matters.
    pub fn decisions_text(&self) -> String {
        let system = self.system;
        match self.decisions {
            AutomatedDecisions::Check => "check: no human oversight recorded".into(),
            AutomatedDecisions::Confirm => format!(
                "confirm oversight: high-risk, Annex III {}",
                system.annex_iii.as_deref().unwrap_or("").trim()
            ),
            AutomatedDecisions::Unknown => "check: who it affects is not recorded".into(),
            AutomatedDecisions::Overseen => "human oversight recorded".into(),
            AutomatedDecisions::NoIndividuals => "affects no individual".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct GdprView<'r> {
    pub gdpr: &'r Gdpr,
    /// Current systems that process personal data or do not say, by id.
    pub systems: Vec<PrivacyRow<'r>>,
    /// Current systems recorded as processing no personal data.
    pub without_personal_data: Vec<&'r AiSystem>,
    /// Each article with its supporting controls in the catalogues in use.
    pub articles: Vec<(&'r GdprArticle, Vec<Standing>)>,
}

/// The view over `records`; `look_up` says what a relative path names in
/// the workspace, and is asked only about paths inside it.
pub fn gdpr_view<'r>(
    gdpr: &'r Gdpr,
    catalogs: &Catalogs,
    records: &'r Records,
    look_up: impl Fn(&str) -> Lookup,
) -> GdprView<'r> {
    let mut systems = Vec::new();
    let mut without_personal_data = Vec::new();
    for system in records.current_systems() {
        if system.personal_data == Some(false) {
            without_personal_data.push(system);
            continue;
        }
        let dpia = match dpia_reference(system.dpia.as_deref()) {
            DpiaReference::None => DpiaFile::None,
            DpiaReference::Link => DpiaFile::Link,
            DpiaReference::Outside => DpiaFile::Outside,
            DpiaReference::Path(path) => match look_up(&path) {
                Lookup::Found => DpiaFile::Found,
                Lookup::Missing => DpiaFile::NotFound,
                Lookup::LeadsOutside => DpiaFile::Outside,
            },
        };
        systems.push(PrivacyRow {
            system,
            dpia,
            decisions: AutomatedDecisions::of(system),
        });
    }
    let articles = gdpr
        .articles
        .iter()
        .map(|article| {
            let controls = article
                .controls
                .iter()
                .filter_map(|id| catalogs.control(id))
                .map(|control| Standing::of(control, records))
                .collect();
            (article, controls)
        })
        .collect();
    GdprView {
        gdpr,
        systems,
        without_personal_data,
        articles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_outside_the_workspace_are_never_paths() {
        for outside in [
            "../dpia.pdf",
            "privacy/../../etc/passwd",
            "privacy\\..\\..\\secret.docx",
            "/etc/passwd",
            "\\\\server\\share\\dpia.pdf",
            "C:\\DPIA\\cv.docx",
            "c:/dpia.pdf",
            "~/dpia.pdf",
            "file:///etc/passwd",
        ] {
            assert_eq!(
                dpia_reference(Some(outside)),
                DpiaReference::Outside,
                "{outside}"
            );
        }
    }

    #[test]
    fn links_and_relative_paths_are_told_apart() {
        assert_eq!(
            dpia_reference(Some("https://sharepoint.example/dpia")),
            DpiaReference::Link
        );
        assert_eq!(
            dpia_reference(Some("mailto:dpo@example.org")),
            DpiaReference::Link
        );
        assert_eq!(
            dpia_reference(Some(" ./privacy//dpia\\cv.pdf ")),
            DpiaReference::Path("privacy/dpia/cv.pdf".into())
        );
        assert_eq!(dpia_reference(Some("  ")), DpiaReference::None);
        assert_eq!(dpia_reference(None), DpiaReference::None);
    }

    fn system(
        affected: &[AffectedGroup],
        oversight: Option<&str>,
        annex: Option<&str>,
    ) -> AiSystem {
        AiSystem {
            id: "s".into(),
            name: "S".into(),
            affected: affected.to_vec(),
            human_oversight: oversight.map(str::to_string),
            eu_risk: annex.map(|_| EuRisk::High),
            annex_iii: annex.map(str::to_string),
            ..AiSystem::default()
        }
    }

    #[test]
    fn automated_decisions_follow_the_stated_rule() {
        use AffectedGroup::*;
        let of = |s: &AiSystem| AutomatedDecisions::of(s);
        assert_eq!(of(&system(&[], None, None)), AutomatedDecisions::Unknown);
        assert_eq!(
            of(&system(&[Society], None, None)),
            AutomatedDecisions::NoIndividuals
        );
        assert_eq!(
            of(&system(&[Society, Employees], Some(" \n"), None)),
            AutomatedDecisions::Check
        );
        assert_eq!(
            of(&system(
                &[ThirdParties],
                Some("A recruiter reads each"),
                Some("4(a)")
            )),
            AutomatedDecisions::Confirm
        );
        assert_eq!(
            of(&system(&[Customers], Some("Agents review replies"), None)),
            AutomatedDecisions::Overseen
        );
        assert!(AutomatedDecisions::Confirm.flagged());
        assert!(!AutomatedDecisions::Overseen.flagged());
    }
}
