//! One check of a verification: its [`CheckStatus`] and the typed finding that explains it.

use crate::diag::Finding;
use serde::Serialize;

/// Outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CheckStatus {
    /// The check passed.
    Passed,
    /// The check failed: the signature is invalid.
    Failed,
    /// What the check looks at is absent (an optional attribute, a timestamp).
    Absent,
    /// The check could not be made (an earlier failure).
    NotChecked,
}

/// One check: status and what was found, typed (code, parameters, and the English text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Outcome.
    pub status: CheckStatus,
    /// What was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Finding>,
}

impl Check {
    /// A passed check.
    pub fn passed(detail: impl Into<Finding>) -> Self {
        Check { status: CheckStatus::Passed, detail: Some(detail.into()) }
    }
    /// A failed check.
    pub fn failed(detail: impl Into<Finding>) -> Self {
        Check { status: CheckStatus::Failed, detail: Some(detail.into()) }
    }
    /// An absent item.
    pub fn absent(detail: impl Into<Finding>) -> Self {
        Check { status: CheckStatus::Absent, detail: Some(detail.into()) }
    }
    /// Not checked.
    pub fn not_checked() -> Self {
        Check { status: CheckStatus::NotChecked, detail: None }
    }
    /// True when the check failed.
    pub fn is_failed(&self) -> bool {
        self.status == CheckStatus::Failed
    }
    /// True when the check passed.
    pub fn is_passed(&self) -> bool {
        self.status == CheckStatus::Passed
    }
}
