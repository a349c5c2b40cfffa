//! Revocation status of each certificate of a path (RFC 5280 §6.1.3 (a)(3), §6.3), through the
//! [`crate::revocation`] engine, in the mode of [`crate::revocation::RevocationMode`].

// PathError is large but only built on failure; boxing would cost on every error path.
#![allow(clippy::result_large_err)]

use super::build::Ctx;
use super::report::PathError;
use crate::certificate::Certificate;
use crate::revocation::RevocationMode;
use crate::trust::Anchor;

impl<'a> Ctx<'a> {
    /// Check `cert` (issued by `issuer`) under `anchor`: a revoked certificate is an error; an
    /// unknown status is a warning in `soft` mode and an error in `require` mode.
    pub(crate) fn check_revocation(
        &mut self,
        cert: &'a Certificate,
        _issuer: &'a Certificate,
        _anchor: &'a Anchor,
        index: usize,
        warnings: &mut Vec<String>,
    ) -> Result<(), PathError> {
        let reason = "revocation checking is not available in this build";
        let _ = (self.crls, self.crl_depth);
        match self.opts.revocation {
            RevocationMode::Off => Ok(()),
            RevocationMode::Soft => {
                warnings.push(format!("revocation status unknown for {}: {reason}", cert.subject_string()));
                Ok(())
            }
            RevocationMode::Require => Err(PathError::new(index, "revocation", "RFC 5280 §6.3.3", reason)
                .with_subject(cert.subject_string())),
        }
    }
}
