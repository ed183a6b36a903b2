//! A system's classification under the EU AI Act as the inventory records
//! it (risk tier, the route into the high-risk tier, the Annex III point),
//! and the doubts a reviewer would raise about it: a role that does not fit
//! how the system was sourced, a tier that does not fit its Annex III point.
//! Pure; the doubts become `aims check` warnings and show beside the duties.

use crate::catalog::eu_ai_act::AnnexIiiPoint;

use super::{AiSystem, EuRisk, EuRole, Lifecycle, Sourcing};

/// How a system came into the high-risk tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// A product, or a product's safety component, under the Union
    /// harmonisation legislation of Annex I (Art. 6(1)).
    AnnexI,
    /// A use case listed in Annex III (Art. 6(2)).
    AnnexIii,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    Prohibited,
    High(Route),
    Limited,
    Minimal,
}

/// What `eu_ai_act.annex_iii` says of a high-risk system that is not an
/// Annex III use case but a product under Annex I.
pub const NOT_ANNEX_III: &str = "none";

/// The system's tier; `None` while it is unassessed. A high-risk system
/// with no Annex III point is taken as an Annex III use case, the route
/// whose duties apply first, unless it says `none` there or the
/// organisation is the product's manufacturer; a doubt says so.
pub fn tier(system: &AiSystem) -> Option<Tier> {
    Some(match system.eu_risk? {
        EuRisk::Prohibited => Tier::Prohibited,
        EuRisk::Limited => Tier::Limited,
        EuRisk::Minimal => Tier::Minimal,
        EuRisk::Unassessed => return None,
        EuRisk::High => {
            let annex_i = match annex_iii_text(system) {
                Some(text) => text.eq_ignore_ascii_case(NOT_ANNEX_III),
                None => system.eu_role == Some(EuRole::ProductManufacturer),
            };
            Tier::High(if annex_i {
                Route::AnnexI
            } else {
                Route::AnnexIii
            })
        }
    })
}

/// The Annex III point the system records, when it is one.
pub fn annex_iii_point(system: &AiSystem) -> Option<AnnexIiiPoint> {
    annex_iii_text(system).and_then(AnnexIiiPoint::parse)
}

fn annex_iii_text(system: &AiSystem) -> Option<&str> {
    system
        .annex_iii
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The tier in words: "high-risk, Annex III 4(a)".
pub fn tier_words(system: &AiSystem) -> String {
    match tier(system) {
        None => "risk not assessed".into(),
        Some(Tier::Prohibited) => "prohibited practice".into(),
        Some(Tier::Limited) => "limited risk (transparency)".into(),
        Some(Tier::Minimal) => "minimal risk".into(),
        Some(Tier::High(Route::AnnexI)) => "high-risk, Annex I product".into(),
        Some(Tier::High(Route::AnnexIii)) => match annex_iii_point(system) {
            Some(point) => format!("high-risk, Annex III {point}"),
            None => "high-risk, Annex III (point not recorded)".into(),
        },
    }
}

/// A recorded classification that looks wrong, with what to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubt {
    /// What the doubt is about, as JSON and CSV name it.
    pub code: &'static str,
    /// The key of the inventory file to point at: one the entry has.
    pub key: &'static str,
    pub message: String,
}

/// Every doubt about the system's recorded role and tier.
pub fn doubts(system: &AiSystem) -> Vec<Doubt> {
    let mut out = Vec::new();
    let id = &system.id;
    let role = system.eu_role;
    let point = annex_iii_point(system);
    let doubt = |code, key, message: String| Doubt { code, key, message };
    if system.sourcing == Some(Sourcing::Built)
        && let Some(role @ (EuRole::Deployer | EuRole::Importer | EuRole::Distributor)) = role
    {
        out.push(doubt(
            "built_but_not_provider",
            "eu_ai_act.role",
            format!(
                "`{id}` is built in-house but recorded as {role}: whoever develops a system, or has it developed, and puts it into service under its own name is its provider (Art. 3(3)), even when it runs on another company's model; check `eu_ai_act.role`"
            ),
        ));
    }
    if matches!(system.sourcing, Some(Sourcing::Bought | Sourcing::Embedded))
        && role == Some(EuRole::Provider)
    {
        let how = match (&system.sourcing, system.vendor.as_deref()) {
            (Some(Sourcing::Embedded), Some(vendor)) => format!("an AI feature of {vendor}'s tool"),
            (Some(Sourcing::Embedded), None) => "an AI feature of another's tool".into(),
            (_, Some(vendor)) => format!("bought from {vendor}"),
            (_, None) => "bought".into(),
        };
        out.push(doubt(
            "bought_but_provider",
            "eu_ai_act.role",
            format!(
                "`{id}` is {how} but recorded as its provider: a deployer becomes the provider only by putting its own name on the system, modifying it substantially or changing its intended purpose (Art. 25(1)); check `eu_ai_act.role` (usually `deployer`)"
            ),
        ));
    }
    let text = annex_iii_text(system);
    let not_annex_iii = text.is_some_and(|t| t.eq_ignore_ascii_case(NOT_ANNEX_III));
    if let Some(text) = text
        && point.is_none()
        && !not_annex_iii
    {
        out.push(doubt(
            "unknown_annex_iii_point",
            "eu_ai_act.annex_iii",
            format!(
                "`{id}` records `{text}` as its Annex III point, which Annex III does not have: write an area and point such as 4(a) or 5(b) (or `{NOT_ANNEX_III}` for a high-risk product under Annex I)"
            ),
        ));
    }
    match system.eu_risk {
        Some(EuRisk::High) if text.is_none() && role != Some(EuRole::ProductManufacturer) => {
            out.push(doubt(
                "high_risk_without_point",
                "eu_ai_act.risk",
                format!(
                    "`{id}` is high-risk but records no Annex III point: write it in `eu_ai_act.annex_iii` (e.g. 4(a)), or `{NOT_ANNEX_III}` if it is high-risk as a product under Annex I (Art. 6(1)); until then its duties are those of an Annex III use case"
                ),
            ));
        }
        Some(risk @ (EuRisk::Limited | EuRisk::Minimal)) if point.is_some() => {
            let point = point.map(|p| p.to_string()).unwrap_or_default();
            out.push(doubt(
                "annex_iii_but_not_high",
                "eu_ai_act.risk",
                format!(
                    "`{id}` records Annex III point {point} but its risk as {risk}: an Annex III use is high-risk unless its provider documents that it poses no significant risk (Art. 6(3)), which never holds for profiling; check `eu_ai_act.risk`, and keep that assessment"
                ),
            ));
        }
        Some(EuRisk::Prohibited)
            if matches!(
                system.lifecycle,
                Some(Lifecycle::Deployment | Lifecycle::Operation | Lifecycle::Monitoring)
            ) =>
        {
            out.push(doubt(
                "prohibited_in_use",
                "eu_ai_act.risk",
                format!(
                    "`{id}` is recorded as a prohibited practice (Art. 5) yet is {}: a prohibited practice may not be used since 2025-02-02; check the tier, or stop using it",
                    system.stage()
                ),
            ));
        }
        _ => {}
    }
    if role == Some(EuRole::ProductManufacturer)
        && let Some(point) = point
    {
        out.push(doubt(
            "product_manufacturer_with_annex_iii",
            "eu_ai_act.role",
            format!(
                "`{id}` is recorded as a product manufacturer, a role for products under Annex I (Art. 25(3)), but records Annex III point {point}: for an Annex III use case you are its provider or deployer; check `eu_ai_act.role`"
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(sourcing: Sourcing, role: EuRole, risk: EuRisk, annex_iii: Option<&str>) -> AiSystem {
        AiSystem {
            id: "s".into(),
            name: "S".into(),
            sourcing: Some(sourcing),
            eu_role: Some(role),
            eu_risk: Some(risk),
            annex_iii: annex_iii.map(String::from),
            lifecycle: Some(Lifecycle::Operation),
            ..AiSystem::default()
        }
    }

    fn codes(system: &AiSystem) -> Vec<&'static str> {
        doubts(system).iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_high_risk_system_takes_its_route_from_its_annex_iii_point() {
        use {EuRisk::High, Sourcing::*};
        let route = |role, point| tier(&system(Built, role, High, point));
        assert_eq!(
            route(EuRole::Provider, Some("4(a)")),
            Some(Tier::High(Route::AnnexIii))
        );
        assert_eq!(
            route(EuRole::Provider, Some("none")),
            Some(Tier::High(Route::AnnexI))
        );
        assert_eq!(
            route(EuRole::Provider, None),
            Some(Tier::High(Route::AnnexIii))
        );
        assert_eq!(
            route(EuRole::ProductManufacturer, None),
            Some(Tier::High(Route::AnnexI))
        );
        assert_eq!(
            tier(&system(Built, EuRole::Provider, EuRisk::Unassessed, None)),
            None
        );
    }

    #[test]
    fn doubts_name_what_looks_wrong() {
        use {EuRisk::*, Sourcing::*};
        let cases: &[(AiSystem, &[&str])] = &[
            (
                system(Built, EuRole::Deployer, Limited, None),
                &["built_but_not_provider"],
            ),
            (
                system(Built, EuRole::Distributor, Minimal, None),
                &["built_but_not_provider"],
            ),
            (
                system(Bought, EuRole::Provider, Minimal, None),
                &["bought_but_provider"],
            ),
            (
                system(Embedded, EuRole::Provider, Minimal, None),
                &["bought_but_provider"],
            ),
            (
                system(Bought, EuRole::Deployer, High, None),
                &["high_risk_without_point"],
            ),
            (system(Bought, EuRole::Deployer, High, Some("none")), &[]),
            (system(Bought, EuRole::Deployer, High, Some("4(a)")), &[]),
            (
                system(Bought, EuRole::Deployer, High, Some("4(z)")),
                &["unknown_annex_iii_point"],
            ),
            (
                system(Bought, EuRole::Deployer, Minimal, Some("4(a)")),
                &["annex_iii_but_not_high"],
            ),
            (
                system(Bought, EuRole::Deployer, Prohibited, None),
                &["prohibited_in_use"],
            ),
            (system(Built, EuRole::ProductManufacturer, High, None), &[]),
            (
                system(Built, EuRole::ProductManufacturer, High, Some("5(b)")),
                &["product_manufacturer_with_annex_iii"],
            ),
            (system(Built, EuRole::Provider, Limited, None), &[]),
            (system(Bought, EuRole::Deployer, Limited, None), &[]),
        ];
        for (system, expected) in cases {
            assert_eq!(codes(system), *expected, "{system:?}");
        }
    }

    #[test]
    fn a_prohibited_system_no_longer_in_use_raises_no_doubt() {
        let mut retired = system(Sourcing::Bought, EuRole::Deployer, EuRisk::Prohibited, None);
        retired.lifecycle = Some(Lifecycle::Decommissioned);
        assert!(doubts(&retired).is_empty());
    }

    #[test]
    fn the_doubt_about_a_chatbot_built_on_a_vendors_model_says_what_to_check() {
        let mut chatbot = system(Sourcing::Built, EuRole::Deployer, EuRisk::Limited, None);
        chatbot.id = "support-bot".into();
        assert_eq!(
            doubts(&chatbot)[0].message,
            "`support-bot` is built in-house but recorded as deployer: whoever develops a system, or has it developed, and puts it into service under its own name is its provider (Art. 3(3)), even when it runs on another company's model; check `eu_ai_act.role`"
        );
    }
}
