//! Revocation checking from supplied CRLs (RFC 5280 §6.3): CRL signature and its issuer's path,
//! validity window, distribution point and issuingDistributionPoint matching, indirect CRLs,
//! delta CRLs, reasons, onHold/removeFromCRL. The source is pluggable so that online CRL and OCSP
//! fetching can come later.

/// How revocation status is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RevocationMode {
    /// Do not check.
    Off,
    /// Check what is available; an unknown status is a warning (Circular 15/2025/TT-BKHCN asks
    /// for a warning when status cannot be checked). The default.
    #[default]
    Soft,
    /// An unknown status makes the path invalid.
    Require,
}

impl std::str::FromStr for RevocationMode {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "off" => Ok(Self::Off),
            "soft" => Ok(Self::Soft),
            "require" => Ok(Self::Require),
            _ => Err(crate::Error::usage(format!("unknown revocation mode '{s}' (off, soft, require)"))),
        }
    }
}
