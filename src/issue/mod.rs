//! Issuing certificates (root, sub-CA, leaf, TSA, OCSP responder, cross-certificates), CSRs and CRLs.
//!
//! Every signature goes through a [`crate::Signer`], so a software key, a token or a remote
//! service can issue. Certificates are built with `x509-cert`/`der` types and signed by kyso
//! rather than by rcgen: rcgen's `DistinguishedName` holds one value per attribute type (no
//! several `OU`) and re-encodes issuer names, while a cross-certificate must repeat another CA's
//! name byte for byte. [`RcgenSigner`] still lets rcgen users sign with a kyso [`crate::Signer`].
//!
//! ```no_run
//! # fn demo(root_key: &dyn kyso::Signer, leaf_spki: &[u8]) -> kyso::Result<()> {
//! use kyso::issue::{self, CertProfile, DistinguishedName, Issuer};
//! let root_dn = DistinguishedName::parse("C=VN, O=DEMO, CN=DEMO Root CA")?;
//! let root = issue::self_sign(&CertProfile::root_ca(), &root_dn, root_key)?;
//! let issuer = Issuer::new(&root, root_key)?;
//! let subject = DistinguishedName::parse("C=VN, O=Công ty A, CN=Nguyễn Văn A, UID=MST:0101234567")?;
//! let leaf = issue::issue(&CertProfile::document_signer(), &subject, leaf_spki, &issuer)?;
//! # let _ = leaf; Ok(()) }
//! ```

mod alg;
mod cert;
mod crl;
mod csr;
mod dn;
mod ext;
mod oid;
mod profile;

pub use alg::RcgenSigner;
pub use cert::{Issuer, cross_certify, issue, random_serial, self_sign};
pub use crl::{CrlProfile, RevocationReason, Revoked, issue_crl};
pub use csr::{Csr, issue_from_csr};
pub use dn::DistinguishedName;
pub(crate) use dn::any_to_string as dn_value_text;
pub use oid::Oid;
pub use profile::{AltName, CertProfile, KeyUsageBit, NameConstraints, Policy, ProfileKind, Subtree, oids};

#[cfg(test)]
mod tests;
