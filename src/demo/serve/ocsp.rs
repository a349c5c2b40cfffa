//! An OCSP responder for one CA (RFC 6960), signing with a delegated responder certificate
//! (issued by the CA, with id-kp-OCSPSigning: §4.2.2.2) and answering from what the caller knows:
//! the certificates the CA issued and its CRL.
//!
//! - good: a serial the CA issued and its CRL does not list;
//! - revoked: a serial on the CRL, with the CRL entry's revocation time and reason;
//! - unknown: any other serial, and any CertID naming another issuer or a hash algorithm other
//!   than SHA-1, SHA-256, SHA-384 or SHA-512 (§2.2). A responder never says "good" for a
//!   certificate it does not know was issued.
//!
//! Each response echoes the request's nonce (§4.4.1), has producedAt and thisUpdate now and
//! nextUpdate [`OcspResponder::validity`] later, names the responder by key hash and carries its
//! certificate. A request that is not DER OCSP, or lists no certificate or more than
//! [`MAX_REQUESTS`], is answered malformedRequest; request signatures are not checked (none is
//! required).

use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::crypto::digest::DigestAlgorithm;
use crate::diag::codes::demo as codes;
use crate::error::{Error, Result};
use crate::keys::{SignatureAlgorithm, Signer};
use der::asn1::{BitString, GeneralizedTime, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspGeneralizedTime, OcspRequest, OcspResponse, ResponderId,
    ResponseData, RevokedInfo, SingleResponse, Version,
};

/// Most certificates one request may ask about.
pub const MAX_REQUESTS: usize = 64;
/// The default time between thisUpdate and nextUpdate: one hour.
pub const DEFAULT_VALIDITY: Duration = Duration::from_secs(3600);

const ID_PKIX_OCSP_NONCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");

/// The status given for one certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Issued by the CA and not revoked.
    Good,
    /// On the CA's CRL.
    Revoked,
    /// Not known to have been issued by the CA.
    Unknown,
}

impl Status {
    /// `good`, `revoked` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Good => "good",
            Status::Revoked => "revoked",
            Status::Unknown => "unknown",
        }
    }
}

/// One answer of a response: the serial asked about (hex) and its status.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Answer {
    /// The serial number of the CertID, in hex.
    pub serial: String,
    /// What the responder said.
    pub status: Status,
}

/// What [`OcspResponder::respond`] produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The DER OCSPResponse to send.
    pub der: Vec<u8>,
    /// `successful`, `malformedRequest` or `internalError`.
    pub response_status: &'static str,
    /// One answer per certificate asked about (empty unless successful).
    pub answers: Vec<Answer>,
}

/// An OCSP responder for one CA (see the [module documentation](self)).
pub struct OcspResponder {
    ca_name: Vec<u8>,
    ca_key: Vec<u8>,
    responder: x509_cert::Certificate,
    key_hash: Vec<u8>,
    signer: Box<dyn Signer>,
    algorithm: SignatureAlgorithm,
    algorithm_id: AlgorithmIdentifierOwned,
    issued: HashSet<Vec<u8>>,
    revoked: HashMap<Vec<u8>, RevokedInfo>,
    /// Time from thisUpdate to nextUpdate.
    pub validity: Duration,
}

impl std::fmt::Debug for OcspResponder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OcspResponder")
            .field("issued", &self.issued.len())
            .field("revoked", &self.revoked.len())
            .field("validity", &self.validity)
            .finish()
    }
}

impl OcspResponder {
    /// A responder for `ca`, signing with `key` as `responder` (which `ca` must have issued, with
    /// id-kp-OCSPSigning, for `key`'s public key), answering "good" for the certificates in
    /// `issued` that `ca` issued and "revoked" for the entries of `crl` (which `ca` must have
    /// issued).
    pub fn new<'a>(
        ca: &Certificate,
        responder: &Certificate,
        key: Box<dyn Signer>,
        crl: Option<&Crl>,
        issued: impl IntoIterator<Item = &'a Certificate>,
    ) -> Result<Self> {
        let (cx, rx) = (ca.x509(), responder.x509());
        let not_responder = |detail: crate::diag::Code| {
            Error::input(codes::SERVE_NOT_A_RESPONDER)
                .with("subject", responder.subject_string())
                .with("issuer", ca.subject_string())
                .with_message("detail", detail.into())
        };
        if rx.issuer().as_raw() != cx.subject().as_raw()
            || rx.verify_signature(Some(cx.public_key())).is_err()
        {
            return Err(not_responder(codes::SERVE_RESPONDER_NOT_ISSUED));
        }
        let ocsp_signing = matches!(rx.extended_key_usage(), Ok(Some(e)) if e.value.ocsp_signing);
        if !ocsp_signing {
            return Err(not_responder(codes::SERVE_RESPONDER_NO_EKU));
        }
        if key.public_key_spki() != rx.public_key().raw {
            return Err(not_responder(codes::SERVE_RESPONDER_KEY));
        }
        let algorithm = key.default_algorithm();
        let algorithm_id = x509_algorithm(algorithm)?;
        let encode = |e: der::Error| Error::input(codes::SERVE_ENCODE).with("what", "OCSP").with("detail", e);
        let responder_x = x509_cert::Certificate::from_der(responder.der()).map_err(encode)?;
        let mut revoked = HashMap::new();
        if let Some(crl) = crl {
            if crl.parsed().issuer().as_raw() != cx.subject().as_raw() {
                return Err(Error::input(codes::SERVE_CRL_ISSUER).with("issuer", ca.subject_string()));
            }
            let list = x509_cert::crl::CertificateList::from_der(crl.der()).map_err(encode)?;
            for entry in list.tbs_cert_list.revoked_certificates.iter().flatten() {
                revoked.insert(entry.serial_number.as_bytes().to_vec(), RevokedInfo::from(entry));
            }
        }
        let issued = issued
            .into_iter()
            .filter(|c| c.x509().issuer().as_raw() == cx.subject().as_raw())
            .map(|c| c.x509().raw_serial().to_vec())
            .collect();
        Ok(OcspResponder {
            ca_name: cx.subject().as_raw().to_vec(),
            ca_key: cx.public_key().subject_public_key.data.to_vec(),
            responder: responder_x,
            key_hash: DigestAlgorithm::Sha1.digest(&rx.public_key().subject_public_key.data),
            signer: key,
            algorithm,
            algorithm_id,
            issued,
            revoked,
            validity: DEFAULT_VALIDITY,
        })
    }

    /// Whether `id` names this responder's CA (its name and key hashes match).
    pub fn serves(&self, id: &CertId) -> bool {
        let Some(alg) = DigestAlgorithm::from_oid(&id.hash_algorithm.oid) else { return false };
        id.issuer_name_hash.as_bytes() == alg.digest(&self.ca_name).as_slice()
            && id.issuer_key_hash.as_bytes() == alg.digest(&self.ca_key).as_slice()
    }

    fn status(&self, id: &CertId) -> CertStatus {
        if !self.serves(id) {
            return CertStatus::unknown();
        }
        let serial = id.serial_number.as_bytes();
        if let Some(info) = self.revoked.get(serial) {
            CertStatus::revoked(info)
        } else if self.issued.contains(serial) {
            CertStatus::good()
        } else {
            CertStatus::unknown()
        }
    }

    /// Answer the DER OCSPRequest `request` at `now`.
    pub fn respond(&self, request: &[u8], now: time::OffsetDateTime) -> Outcome {
        match parse_request(request) {
            Some(r) => self.respond_parsed(&r, now),
            None => error_outcome(OcspResponse::malformed_request(), "malformedRequest"),
        }
    }

    /// Answer a parsed request (see [`parse_request`]) at `now`.
    pub fn respond_parsed(&self, request: &OcspRequest, now: time::OffsetDateTime) -> Outcome {
        match self.build(request, now) {
            Ok(outcome) => outcome,
            Err(_) => error_outcome(OcspResponse::internal_error(), "internalError"),
        }
    }

    fn build(&self, request: &OcspRequest, now: time::OffsetDateTime) -> Result<Outcome> {
        let encode = |e: der::Error| Error::input(codes::SERVE_ENCODE).with("what", "OCSP").with("detail", e);
        let this_update = generalized(now).map_err(encode)?;
        let next_update = generalized(now + self.validity).map_err(encode)?;
        let mut responses = Vec::new();
        let mut answers = Vec::new();
        for r in &request.tbs_request.request_list {
            let cert_status = self.status(&r.req_cert);
            answers.push(Answer {
                serial: hex::encode_upper(r.req_cert.serial_number.as_bytes()),
                status: match cert_status {
                    CertStatus::Good(_) => Status::Good,
                    CertStatus::Revoked(_) => Status::Revoked,
                    CertStatus::Unknown(_) => Status::Unknown,
                },
            });
            responses.push(SingleResponse {
                cert_id: r.req_cert.clone(),
                cert_status,
                this_update,
                next_update: Some(next_update),
                single_extensions: None,
            });
        }
        let nonce = request
            .tbs_request
            .request_extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == ID_PKIX_OCSP_NONCE)
            .map(|e| x509_cert::ext::Extension { critical: false, ..e.clone() });
        let tbs = ResponseData {
            version: Version::V1,
            responder_id: ResponderId::ByKey(OctetString::new(self.key_hash.clone()).map_err(encode)?),
            produced_at: this_update,
            responses,
            response_extensions: nonce.map(|n| vec![n]),
        };
        let signature = self.signer.sign(self.algorithm, &tbs.to_der().map_err(encode)?)?;
        let basic = BasicOcspResponse {
            tbs_response_data: tbs,
            signature_algorithm: self.algorithm_id.clone(),
            signature: BitString::from_bytes(&signature).map_err(encode)?,
            certs: Some(vec![self.responder.clone()]),
        };
        let der = OcspResponse::successful(basic).and_then(|r| r.to_der()).map_err(encode)?;
        Ok(Outcome { der, response_status: "successful", answers })
    }
}

/// A DER OCSPRequest asking about 1 to [`MAX_REQUESTS`] certificates, or `None`.
pub fn parse_request(der: &[u8]) -> Option<OcspRequest> {
    let r = OcspRequest::from_der(der).ok()?;
    let n = r.tbs_request.request_list.len();
    (1..=MAX_REQUESTS).contains(&n).then_some(r)
}

/// The outcome of an OCSP error status (no signed response).
pub fn error_outcome(response: OcspResponse, name: &'static str) -> Outcome {
    // OCSPResponse { responseStatus internalError(2) }, should encoding ever fail.
    let der = response.to_der().unwrap_or_else(|_| vec![0x30, 0x03, 0x0a, 0x01, 0x02]);
    Outcome { der, response_status: name, answers: Vec::new() }
}

/// The answer for a request no responder here serves (RFC 6960 §2.3: unauthorized).
pub fn unauthorized() -> Outcome {
    error_outcome(OcspResponse::unauthorized(), "unauthorized")
}

fn generalized(t: time::OffsetDateTime) -> std::result::Result<OcspGeneralizedTime, der::Error> {
    let secs = u64::try_from(t.unix_timestamp()).map_err(|_| der::Error::from(der::ErrorKind::DateTime))?;
    Ok(OcspGeneralizedTime(GeneralizedTime::from_unix_duration(Duration::from_secs(secs))?))
}

/// The X.509 signatureAlgorithm for `alg` (RFC 5754 §3.2, RFC 4055 §3, RFC 5758 §3.2, RFC 8410).
fn x509_algorithm(alg: SignatureAlgorithm) -> Result<AlgorithmIdentifierOwned> {
    let rsa = |oid: &str| AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new_unwrap(oid),
        parameters: der::Any::from_der(&[0x05, 0x00]).ok(),
    };
    Ok(match alg {
        SignatureAlgorithm::RsaPkcs1Sha256 => rsa("1.2.840.113549.1.1.11"),
        SignatureAlgorithm::RsaPkcs1Sha384 => rsa("1.2.840.113549.1.1.12"),
        SignatureAlgorithm::RsaPkcs1Sha512 => rsa("1.2.840.113549.1.1.13"),
        other => crate::cms::algorithms::signature_algorithm_identifier(other)?,
    })
}
