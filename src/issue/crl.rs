//! Issuing CRLs (RFC 5280 §5): revoked serials with date and reason, CRL number, thisUpdate and
//! nextUpdate, and the authority key identifier.

use super::alg;
use super::cert::{Issuer, x509_time};
use super::ext;
use crate::crl::Crl;
use crate::diag::codes::issue as codes;
use crate::error::{Error, Result};
use crate::keys::SignatureAlgorithm;
use der::Encode;
use der::asn1::{AnyRef, OctetString};
use spki::AlgorithmIdentifierOwned;
use time::{Duration, OffsetDateTime};
use x509_cert::certificate::Version;
use x509_cert::ext::Extensions;
use x509_cert::ext::pkix::crl::CrlReason;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Time;

/// A revocation reason (RFC 5280 §5.3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum RevocationReason {
    /// unspecified (0).
    Unspecified,
    /// keyCompromise (1).
    KeyCompromise,
    /// cACompromise (2).
    CaCompromise,
    /// affiliationChanged (3).
    AffiliationChanged,
    /// superseded (4).
    Superseded,
    /// cessationOfOperation (5).
    CessationOfOperation,
    /// certificateHold (6).
    CertificateHold,
    /// removeFromCRL (8).
    RemoveFromCrl,
    /// privilegeWithdrawn (9).
    PrivilegeWithdrawn,
    /// aACompromise (10).
    AaCompromise,
}

impl RevocationReason {
    /// Every reason, for listings.
    pub const ALL: [RevocationReason; 10] = [
        RevocationReason::Unspecified,
        RevocationReason::KeyCompromise,
        RevocationReason::CaCompromise,
        RevocationReason::AffiliationChanged,
        RevocationReason::Superseded,
        RevocationReason::CessationOfOperation,
        RevocationReason::CertificateHold,
        RevocationReason::RemoveFromCrl,
        RevocationReason::PrivilegeWithdrawn,
        RevocationReason::AaCompromise,
    ];
    /// The RFC 5280 name (`keyCompromise`, ...).
    pub fn name(self) -> &'static str {
        match self {
            RevocationReason::Unspecified => "unspecified",
            RevocationReason::KeyCompromise => "keyCompromise",
            RevocationReason::CaCompromise => "cACompromise",
            RevocationReason::AffiliationChanged => "affiliationChanged",
            RevocationReason::Superseded => "superseded",
            RevocationReason::CessationOfOperation => "cessationOfOperation",
            RevocationReason::CertificateHold => "certificateHold",
            RevocationReason::RemoveFromCrl => "removeFromCRL",
            RevocationReason::PrivilegeWithdrawn => "privilegeWithdrawn",
            RevocationReason::AaCompromise => "aACompromise",
        }
    }
    /// Parse a reason name, case-insensitive, `-`/`_` ignored (`key-compromise`).
    pub fn parse(s: &str) -> Result<Self> {
        let norm: String =
            s.chars().filter(|c| *c != '-' && *c != '_').collect::<String>().to_ascii_lowercase();
        Self::ALL.into_iter().find(|r| r.name().to_ascii_lowercase() == norm).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|r| r.name()).collect();
            Error::usage(codes::UNKNOWN_REASON).with("reason", s).with("known", names.join(", "))
        })
    }
    /// The CRLReason code.
    pub fn code(self) -> u8 {
        match self {
            RevocationReason::Unspecified => 0,
            RevocationReason::KeyCompromise => 1,
            RevocationReason::CaCompromise => 2,
            RevocationReason::AffiliationChanged => 3,
            RevocationReason::Superseded => 4,
            RevocationReason::CessationOfOperation => 5,
            RevocationReason::CertificateHold => 6,
            RevocationReason::RemoveFromCrl => 8,
            RevocationReason::PrivilegeWithdrawn => 9,
            RevocationReason::AaCompromise => 10,
        }
    }
    /// From a CRLReason code.
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
    fn to_x509(self) -> CrlReason {
        match self {
            RevocationReason::Unspecified => CrlReason::Unspecified,
            RevocationReason::KeyCompromise => CrlReason::KeyCompromise,
            RevocationReason::CaCompromise => CrlReason::CaCompromise,
            RevocationReason::AffiliationChanged => CrlReason::AffiliationChanged,
            RevocationReason::Superseded => CrlReason::Superseded,
            RevocationReason::CessationOfOperation => CrlReason::CessationOfOperation,
            RevocationReason::CertificateHold => CrlReason::CertificateHold,
            RevocationReason::RemoveFromCrl => CrlReason::RemoveFromCRL,
            RevocationReason::PrivilegeWithdrawn => CrlReason::PrivilegeWithdrawn,
            RevocationReason::AaCompromise => CrlReason::AaCompromise,
        }
    }
}

/// One revoked certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revoked {
    /// Its serial number (big-endian octets, as in the certificate).
    pub serial: Vec<u8>,
    /// When it was revoked.
    pub date: OffsetDateTime,
    /// Why, if said. RFC 5280 §5.3.1: omit rather than write `unspecified`.
    pub reason: Option<RevocationReason>,
}

/// What goes into a CRL.
#[derive(Clone, Debug)]
pub struct CrlProfile {
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate (RFC 5280 §5.1.2.5: conforming CAs MUST include it).
    pub next_update: OffsetDateTime,
    /// The CRL number (monotonically increasing, RFC 5280 §5.2.3); big-endian octets.
    pub crl_number: Vec<u8>,
    /// Revoked certificates.
    pub revoked: Vec<Revoked>,
    /// The signature algorithm; the issuer key's default when `None`.
    pub signature_algorithm: Option<SignatureAlgorithm>,
    /// For a delta CRL (RFC 5280 §5.2.4): the cRLNumber of the complete CRL it updates
    /// (big-endian octets), written as the critical deltaCRLIndicator. `None`: a complete CRL.
    pub delta_base: Option<Vec<u8>>,
    /// freshestCRL URIs (RFC 5280 §5.2.6): where the delta CRLs of this complete CRL are.
    pub freshest_crl: Vec<String>,
}

impl CrlProfile {
    /// A CRL valid from now for `days` days, with CRL number `number` and no entries.
    pub fn new(number: u64, days: i64) -> Self {
        let now =
            OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or_else(|_| OffsetDateTime::now_utc());
        let bytes = number.to_be_bytes();
        let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len() - 1);
        CrlProfile {
            this_update: now,
            next_update: now + Duration::days(days),
            crl_number: bytes[first..].to_vec(),
            revoked: Vec::new(),
            signature_algorithm: None,
            delta_base: None,
            freshest_crl: Vec::new(),
        }
    }
    /// The same profile as a delta CRL of the complete CRL numbered `base` (RFC 5280 §5.2.4;
    /// its own number must be higher).
    #[must_use]
    pub fn delta_of(mut self, base: u64) -> Self {
        let bytes = base.to_be_bytes();
        let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len() - 1);
        self.delta_base = Some(bytes[first..].to_vec());
        self
    }
    /// Add a freshestCRL URI (where delta CRLs of this complete CRL are published).
    #[must_use]
    pub fn with_freshest_crl(mut self, uri: &str) -> Self {
        self.freshest_crl.push(uri.to_string());
        self
    }
    /// Add a revoked serial.
    pub fn revoke(mut self, serial: &[u8], date: OffsetDateTime, reason: Option<RevocationReason>) -> Self {
        self.revoked.push(Revoked { serial: serial.to_vec(), date, reason });
        self
    }
}

#[derive(der::Sequence)]
struct TbsCertList<'a> {
    version: Version,
    signature: AlgorithmIdentifierOwned,
    issuer: AnyRef<'a>,
    this_update: Time,
    next_update: Option<Time>,
    revoked_certificates: Option<Vec<x509_cert::crl::RevokedCert>>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    crl_extensions: Option<Extensions>,
}

/// Issue a CRL signed by `issuer` (which should have cRLSign in its key usage, RFC 5280
/// §4.2.1.3).
pub fn issue_crl(profile: &CrlProfile, issuer: &Issuer<'_>) -> Result<Crl> {
    if profile.next_update <= profile.this_update {
        return Err(Error::usage(codes::NEXT_UPDATE_ORDER));
    }
    if profile.crl_number.is_empty() || profile.crl_number.len() > 20 {
        return Err(Error::usage(codes::CRL_NUMBER_LENGTH));
    }
    if let Ok(Some(ku)) = issuer.certificate().x509().key_usage() {
        if !ku.value.crl_sign() {
            return Err(Error::usage(codes::ISSUER_NO_CRL_SIGN));
        }
    }
    let sig_alg = alg::choose(issuer.signer(), profile.signature_algorithm)?;
    let alg_id = alg::algorithm_identifier(sig_alg)?;
    let mut revoked = Vec::new();
    for r in &profile.revoked {
        let serial = SerialNumber::new(&r.serial).map_err(|e| {
            Error::usage(codes::BAD_SERIAL).with("serial", hex::encode(&r.serial)).with("detail", e)
        })?;
        let entry_exts = match r.reason {
            Some(reason) => {
                Some(vec![ext::ext(ext::ids::CRL_REASON, false, &reason.to_x509(), "reasonCode")?])
            }
            None => None,
        };
        revoked.push(x509_cert::crl::RevokedCert {
            serial_number: serial,
            revocation_date: x509_time(r.date)?,
            crl_entry_extensions: entry_exts,
        });
    }
    let aki = x509_cert::ext::pkix::AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(issuer.key_id()?).map_err(|e| {
            Error::usage(codes::ENCODE_FAILED).with("what", "keyIdentifier").with("detail", e)
        })?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    let number = der::asn1::Uint::new(&profile.crl_number)
        .map_err(|e| Error::usage(codes::ENCODE_FAILED).with("what", "cRLNumber").with("detail", e))?;
    let mut exts = vec![
        ext::ext(ext::ids::AKI, false, &aki, "authorityKeyIdentifier")?,
        ext::ext(ext::ids::CRL_NUMBER, false, &number, "cRLNumber")?,
    ];
    if let Some(base) = &profile.delta_base {
        let base = der::asn1::Uint::new(base).map_err(|e| {
            Error::usage(codes::ENCODE_FAILED).with("what", "deltaCRLIndicator").with("detail", e)
        })?;
        // RFC 5280 §5.2.4: a critical extension.
        exts.push(ext::ext(ext::ids::DELTA_CRL_INDICATOR, true, &base, "deltaCRLIndicator")?);
    }
    if !profile.freshest_crl.is_empty() {
        let dps = ext::distribution_points(&profile.freshest_crl, "freshestCRL")?;
        exts.push(ext::ext(ext::ids::FRESHEST_CRL, false, &dps, "freshestCRL")?);
    }
    let tbs = TbsCertList {
        version: Version::V2,
        signature: alg_id.clone(),
        issuer: AnyRef::try_from(issuer.name_der())
            .map_err(|e| Error::input(codes::NOT_DER).with("what", "issuer").with("detail", e))?,
        this_update: x509_time(profile.this_update)?,
        next_update: Some(x509_time(profile.next_update)?),
        // RFC 5280 §5.1.2.6: when there are no revoked certificates the list MUST be absent.
        revoked_certificates: if revoked.is_empty() { None } else { Some(revoked) },
        crl_extensions: Some(exts),
    };
    let tbs_der = tbs
        .to_der()
        .map_err(|e| Error::usage(codes::ENCODE_FAILED).with("what", "TBSCertList").with("detail", e))?;
    let der = alg::sign_and_wrap(issuer.signer(), sig_alg, &alg_id, &tbs_der)?;
    Crl::from_der(der).map_err(|e| e.context(codes::UNREADABLE_CRL))
}
