//! The fixed vocabularies of the file format, each written as one word.

use crate::choice_enum;

choice_enum! {
    pub enum Sourcing { Built = "built", Bought = "bought", Embedded = "embedded" }
}

choice_enum! {
    pub enum Lifecycle {
        Concept = "concept",
        Procurement = "procurement",
        Development = "development",
        Deployment = "deployment",
        Operation = "operation",
        Monitoring = "monitoring",
        Decommissioned = "decommissioned",
    }
}

choice_enum! {
    pub enum Approval {
        Pending = "pending",
        Approved = "approved",
        Restricted = "restricted",
        Rejected = "rejected",
    }
}

choice_enum! {
    /// The organisation's role for one system under the EU AI Act.
    pub enum EuRole {
        Provider = "provider",
        Deployer = "deployer",
        Importer = "importer",
        Distributor = "distributor",
        AuthorisedRepresentative = "authorised_representative",
        ProductManufacturer = "product_manufacturer",
        None = "none",
    }
}

choice_enum! {
    pub enum EuRisk {
        Prohibited = "prohibited",
        High = "high",
        Limited = "limited",
        Minimal = "minimal",
        Unassessed = "unassessed",
    }
}

choice_enum! {
    pub enum AffectedGroup {
        Users = "users",
        Employees = "employees",
        Customers = "customers",
        ThirdParties = "third_parties",
        Society = "society",
    }
}

choice_enum! {
    /// A system's overall impact rating.
    pub enum ImpactRating { Low = "low", Medium = "medium", High = "high", Unassessed = "unassessed" }
}

choice_enum! {
    /// Severity, likelihood and residual risk on the three-point scale.
    pub enum Level { Low = "low", Medium = "medium", High = "high" }
}

choice_enum! {
    pub enum Status {
        NotStarted = "not_started",
        Planned = "planned",
        Partial = "partial",
        Implemented = "implemented",
    }
}

impl Status {
    /// The status in words, for people: "not started".
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::Planned => "planned",
            Status::Partial => "partial",
            Status::Implemented => "implemented",
        }
    }

    /// Four letters, for a list that has room for little more than a mark.
    pub fn short(self) -> &'static str {
        match self {
            Status::NotStarted => "todo",
            Status::Planned => "plan",
            Status::Partial => "part",
            Status::Implemented => "done",
        }
    }

    /// The next status in the cycle the `Space` key walks through.
    pub fn next(status: Option<Status>) -> Status {
        match status {
            None | Some(Status::Implemented) => Status::NotStarted,
            Some(Status::NotStarted) => Status::Planned,
            Some(Status::Planned) => Status::Partial,
            Some(Status::Partial) => Status::Implemented,
        }
    }
}

choice_enum! {
    /// What an applicability decision rests on.
    pub enum Basis {
        Risk = "risk",
        Legal = "legal",
        Contractual = "contractual",
        Business = "business",
        BestPractice = "best_practice",
    }
}

choice_enum! {
    pub enum Treatment { Mitigate = "mitigate", Accept = "accept", Avoid = "avoid", Transfer = "transfer" }
}

choice_enum! {
    pub enum RiskStatus { Open = "open", Treating = "treating", Accepted = "accepted", Closed = "closed" }
}
