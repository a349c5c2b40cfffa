//! OCSP (RFC 6960) for the revocation engine: requests ([`OcspRequest`]), responses
//! ([`OcspResponse`]) as obtained ([`OcspAnswer`]), and the reading of an answer for one
//! certificate (`check_answer`, used by the engine and by [`super::OcspSource`]'s cache).
//!
//! What an answer must satisfy to decide a status (each failure is a typed `ocsp-` note):
//! - a successful response of type id-pkix-ocsp-basic (RFC 6960 §4.2.1) whose DER parses;
//! - a SingleResponse whose CertID is the certificate's (the hash algorithm of the response's
//!   CertID, SHA-1, SHA-256, SHA-384 or SHA-512; issuer name and key hashes; serial);
//! - when a nonce was sent and the response carries one, the same nonce (RFC 8954 §2.1; a
//!   response without a nonce is accepted, as pre-produced RFC 5019 responses have none);
//! - a signature (through kyso's one verifier; SHA-1 only with legacy algorithms allowed) by
//!   the certificate's issuer itself, or by a delegated responder named by the responderID
//!   whose certificate, carried in the response, is issued directly by that issuer (its
//!   signature checked with the issuer's key), has the id-kp-OCSPSigning extended key usage
//!   and is valid at producedAt (RFC 6960 §4.2.2.2);
//! - no unrecognised critical extension (RFC 6960 §4.4: the nonce is the only one processed);
//! - times, with a tolerance of [`CLOCK_SKEW`] for clocks that disagree: thisUpdate not after
//!   the time the answer was received, and nextUpdate (or thisUpdate, when the responder gives
//!   none: "newer information is always available", RFC 5019 §4) not before the time received
//!   nor before the validation time. An answer produced after the validation time speaks for it
//!   (a certificate good now was not revoked then; one revoked at R was revoked at the
//!   validation time T only when R ≤ T), as CRLs issued later do in ETSI EN 319 102-1; the one
//!   exception is a certificateHold lifted between T and the answer, which such an answer cannot
//!   show.
//!
//! What it does NOT do: check the delegated responder's own revocation status. A responder
//! certificate with id-pkix-ocsp-nocheck asks for exactly that (RFC 6960 §4.2.2.2.1); one
//! without it is also not checked (no recursive OCSP or CRL check of responders): kyso relies on
//! the CA's short responder certificate lifetimes, as most clients do. Requests are not signed
//! (RFC 6960 §4.1.2: optional; responders in Vietnam do not ask for it).

use crate::certificate::Certificate;
use crate::crypto::digest::DigestAlgorithm;
use crate::crypto::verify::{self as signature, SigResult};
use crate::diag::Message;
use crate::diag::codes::{input, ocsp as oc};
use crate::error::{Error, Result};
use der::asn1::{Null, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspResponseStatus, Request, ResponderId, SingleResponse,
    TbsRequest,
};

/// Tolerance for clocks that disagree, applied to thisUpdate and nextUpdate: 5 minutes, the
/// default of `openssl ocsp -validity_period` (300 s).
pub const CLOCK_SKEW: Duration = Duration::minutes(5);

/// Largest request sent with GET (RFC 5019 §5: "less than 255 bytes" once base64- and
/// URL-encoded, with the responder's URL); larger ones are POSTed.
pub const MAX_GET_URL: usize = 255;

/// id-pkix-ocsp-basic (RFC 6960 §4.2.1).
const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// id-pkix-ocsp-nonce (RFC 6960 §4.4.1).
const ID_PKIX_OCSP_NONCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// id-kp-OCSPSigning (RFC 5280 §4.2.1.12).
const ID_KP_OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";

/// The hash of a CertID (RFC 6960 §4.1.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertIdHash {
    /// SHA-1: what most responders expect (RFC 5019 §2.1.1 requires it; `openssl ocsp` uses it).
    /// A CertID hash only identifies the certificate, it is not a signature: SHA-1 is no
    /// weakness here.
    #[default]
    Sha1,
    /// SHA-256 (RFC 6960 §4.3 lets responders support it).
    Sha256,
}

impl CertIdHash {
    fn digest(self) -> DigestAlgorithm {
        match self {
            CertIdHash::Sha1 => DigestAlgorithm::Sha1,
            CertIdHash::Sha256 => DigestAlgorithm::Sha256,
        }
    }
}

impl std::str::FromStr for CertIdHash {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        match s.to_ascii_lowercase().replace('-', "").as_str() {
            "sha1" => Ok(CertIdHash::Sha1),
            "sha256" => Ok(CertIdHash::Sha256),
            _ => Err(()),
        }
    }
}

/// The serial number of `cert` as an x509-cert `SerialNumber` (decoded from its DER INTEGER, so
/// that negative or 21-byte serials seen in the wild are kept as they are).
fn serial_of(cert: &Certificate) -> Result<x509_cert::serial_number::SerialNumber> {
    let raw = cert.x509().raw_serial();
    let mut der = vec![0x02];
    der.extend(der_length(raw.len()));
    der.extend_from_slice(raw);
    x509_cert::serial_number::SerialNumber::from_der(&der).map_err(encoding)
}

fn encoding(e: der::Error) -> Error {
    Error::input(crate::ber::der_detail(input::OCSP_REQUEST_ENCODING, e))
}

fn der_length(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![n as u8]
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().iter().copied().skip_while(|b| *b == 0).collect();
        let mut out = vec![0x80 | bytes.len() as u8];
        out.extend(bytes);
        out
    }
}

/// The CertID of `cert` issued by `issuer` with `hash` (RFC 6960 §4.1.1: the hashes of the
/// certificate's issuer name DER and of the issuer's subjectPublicKey BIT STRING value).
fn cert_id(cert: &Certificate, issuer: &Certificate, hash: DigestAlgorithm) -> Result<CertId> {
    let octets = |v: Vec<u8>| OctetString::new(v).map_err(encoding);
    Ok(CertId {
        hash_algorithm: AlgorithmIdentifierOwned { oid: hash.oid(), parameters: Some(Null.into()) },
        issuer_name_hash: octets(hash.digest(cert.x509().issuer().as_raw()))?,
        issuer_key_hash: octets(hash.digest(&issuer.x509().public_key().subject_public_key.data))?,
        serial_number: serial_of(cert)?,
    })
}

/// Whether `id` (of any supported hash) names `cert` issued by `issuer`.
fn cert_id_matches(id: &CertId, cert: &Certificate, issuer: &Certificate) -> bool {
    let Some(hash) = DigestAlgorithm::from_oid(&id.hash_algorithm.oid) else { return false };
    let serial_ok = serial_of(cert).is_ok_and(|s| s.to_der().ok() == id.serial_number.to_der().ok());
    serial_ok
        && id.issuer_name_hash.as_bytes() == hash.digest(cert.x509().issuer().as_raw()).as_slice()
        && id.issuer_key_hash.as_bytes()
            == hash.digest(&issuer.x509().public_key().subject_public_key.data).as_slice()
}

/// An OCSP request for one certificate (RFC 6960 §4.1), unsigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcspRequest {
    der: Vec<u8>,
    cert_id: Vec<u8>,
    nonce: Option<Vec<u8>>,
}

impl OcspRequest {
    /// A request about `cert` issued by `issuer`, its CertID hashed with `hash`, with `nonce`
    /// (RFC 8954: 1 to 32 octets) as the nonce extension when given. An error when the
    /// certificate's serial cannot be encoded.
    pub fn new(
        cert: &Certificate,
        issuer: &Certificate,
        hash: CertIdHash,
        nonce: Option<Vec<u8>>,
    ) -> Result<Self> {
        let id = cert_id(cert, issuer, hash.digest())?;
        let cert_id = id.to_der().map_err(encoding)?;
        let extensions = match &nonce {
            Some(n) => {
                let value = OctetString::new(n.clone())
                    .and_then(|o| o.to_der())
                    .and_then(OctetString::new)
                    .map_err(encoding)?;
                Some(vec![x509_cert::ext::Extension {
                    extn_id: ID_PKIX_OCSP_NONCE,
                    critical: false,
                    extn_value: value,
                }])
            }
            None => None,
        };
        let req = x509_ocsp::OcspRequest {
            tbs_request: TbsRequest {
                version: x509_ocsp::Version::V1,
                requestor_name: None,
                request_list: vec![Request { req_cert: id, single_request_extensions: None }],
                request_extensions: extensions,
            },
            optional_signature: None,
        };
        let der = req.to_der().map_err(encoding)?;
        Ok(OcspRequest { der, cert_id, nonce })
    }

    /// The DER of the request.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The DER of its CertID (what an answer is cached under).
    pub fn cert_id_der(&self) -> &[u8] {
        &self.cert_id
    }

    /// The nonce sent, if any.
    pub fn nonce(&self) -> Option<&[u8]> {
        self.nonce.as_deref()
    }

    /// The RFC 5019 §5 GET URL of this request at the responder `base` (the request's DER,
    /// base64 and URL-encoded, appended as a path segment), when it is shorter than
    /// [`MAX_GET_URL`] bytes; `None`: POST it.
    pub fn get_url(&self, base: &str) -> Option<String> {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&self.der);
        let mut enc = String::with_capacity(b64.len() + 16);
        for c in b64.chars() {
            match c {
                '+' => enc.push_str("%2B"),
                '/' => enc.push_str("%2F"),
                '=' => enc.push_str("%3D"),
                c => enc.push(c),
            }
        }
        let sep = if base.ends_with('/') { "" } else { "/" };
        let url = format!("{base}{sep}{enc}");
        (url.len() < MAX_GET_URL && !base.contains('?')).then_some(url)
    }
}

/// The parts of a response a reading needs, decoded once.
#[derive(Debug)]
struct Parsed {
    der: Vec<u8>,
    status: OcspResponseStatus,
    /// The BasicOCSPResponse of a successful response of that type, with the raw DER of its
    /// tbsResponseData (what the signature covers, exactly as received).
    basic: Option<(BasicOcspResponse, Vec<u8>)>,
    /// The responseType of a successful response that is not id-pkix-ocsp-basic.
    other_type: Option<ObjectIdentifier>,
}

/// An OCSP response (RFC 6960 §4.2.1) that owns its DER, decoded once; cheap to clone.
#[derive(Clone, Debug)]
pub struct OcspResponse {
    inner: Arc<Parsed>,
}

impl OcspResponse {
    /// Decode an OCSPResponse. A response that is not successful (tryLater, unauthorized, ...)
    /// decodes; malformed DER, or a successful basic response whose BasicOCSPResponse does not
    /// decode, is an [`crate::ErrorKind::Input`] error.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self> {
        let der = der.into();
        let bad = |e: der::Error| Error::input(crate::ber::der_detail(input::OCSP_MALFORMED, e));
        let resp = x509_ocsp::OcspResponse::from_der(&der).map_err(bad)?;
        let mut basic = None;
        let mut other_type = None;
        if let Some(bytes) = &resp.response_bytes {
            if bytes.response_type == ID_PKIX_OCSP_BASIC {
                let b = bytes.response.as_bytes();
                let parsed = BasicOcspResponse::from_der(b).map_err(bad)?;
                basic = Some((parsed, first_element(b).map_err(bad)?.to_vec()));
            } else {
                other_type = Some(bytes.response_type);
            }
        }
        Ok(OcspResponse { inner: Arc::new(Parsed { der, status: resp.response_status, basic, other_type }) })
    }

    /// The DER as received.
    pub fn der(&self) -> &[u8] {
        &self.inner.der
    }

    /// Whether the responseStatus is successful.
    pub fn is_successful(&self) -> bool {
        self.inner.status == OcspResponseStatus::Successful
    }

    /// The responseStatus as RFC 6960 §4.2.1 names it (`successful`, `tryLater`, ...).
    pub fn status_name(&self) -> &'static str {
        match self.inner.status {
            OcspResponseStatus::Successful => "successful",
            OcspResponseStatus::MalformedRequest => "malformedRequest",
            OcspResponseStatus::InternalError => "internalError",
            OcspResponseStatus::TryLater => "tryLater",
            OcspResponseStatus::SigRequired => "sigRequired",
            OcspResponseStatus::Unauthorized => "unauthorized",
        }
    }

    /// producedAt of a basic response.
    pub fn produced_at(&self) -> Option<OffsetDateTime> {
        self.basic().map(|b| gtime(&b.tbs_response_data.produced_at))
    }

    /// The responder, for reports: its name (RFC 4514-like), or `key <hex>` for a responderID
    /// byKey; `?` when there is no basic response.
    pub fn responder(&self) -> String {
        match self.basic().map(|b| &b.tbs_response_data.responder_id) {
            Some(ResponderId::ByName(n)) => {
                n.to_der().ok().and_then(|d| crate::name::render_der(&d)).unwrap_or_else(|| "?".into())
            }
            Some(ResponderId::ByKey(k)) => format!("key {}", hex::encode(k.as_bytes())),
            None => "?".into(),
        }
    }

    /// The nextUpdate of the answer for `cert` issued by `issuer`, if the response has one: how
    /// long it may be kept.
    pub fn next_update_for(&self, cert: &Certificate, issuer: &Certificate) -> Option<OffsetDateTime> {
        self.single_for(cert, issuer).and_then(|s| s.next_update.as_ref().map(gtime))
    }

    fn basic(&self) -> Option<&BasicOcspResponse> {
        self.inner.basic.as_ref().map(|(b, _)| b)
    }

    fn single_for(&self, cert: &Certificate, issuer: &Certificate) -> Option<&SingleResponse> {
        self.basic()?.tbs_response_data.responses.iter().find(|s| cert_id_matches(&s.cert_id, cert, issuer))
    }
}

/// The raw TLV of the first element of the SEQUENCE `der`.
fn first_element(der: &[u8]) -> der::Result<&[u8]> {
    use der::Reader;
    let mut r = der::SliceReader::new(der)?;
    let header = der::Header::decode(&mut r)?;
    let _ = header;
    r.tlv_bytes()
}

fn gtime(t: &x509_ocsp::OcspGeneralizedTime) -> OffsetDateTime {
    let secs = t.0.to_unix_duration().as_secs();
    OffsetDateTime::from_unix_timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// An OCSP response as obtained: the response, the nonce the request carried, when and where
/// it was received. What a revocation source gives the engine
/// ([`super::RevocationData::Ocsp`]).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct OcspAnswer {
    /// The response.
    pub response: OcspResponse,
    /// The nonce the request carried, if any: the response's nonce, when it has one, must be
    /// the same.
    pub nonce: Option<Vec<u8>>,
    /// When it was received (its thisUpdate and nextUpdate are judged against it too).
    pub received_at: OffsetDateTime,
    /// The responder's URL, when it was fetched.
    pub url: Option<String>,
}

impl OcspAnswer {
    /// An answer received at `received_at` for a request with `nonce`.
    pub fn new(response: OcspResponse, nonce: Option<Vec<u8>>, received_at: OffsetDateTime) -> Self {
        OcspAnswer { response, nonce, received_at, url: None }
    }
    /// The same, fetched from `url`.
    #[must_use]
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// What one answer says about one certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum OcspOutcome {
    /// Good at the validation time.
    Good,
    /// Revoked at the validation time.
    Revoked {
        /// revocationTime.
        date: OffsetDateTime,
        /// The CRLReason name, when given.
        reason: Option<String>,
    },
    /// The answer is about other certificates.
    NotForThis,
    /// The answer cannot be used; why (an `ocsp-` code naming the certificate).
    Unusable(Message),
}

fn fmt_time(t: OffsetDateTime) -> String {
    crate::vn::time_text(t)
}

/// Read `answer` for `cert` issued by `issuer` at the validation time `time` (see the [module
/// documentation](self) for every check).
pub(crate) fn check_answer(
    answer: &OcspAnswer,
    cert: &Certificate,
    issuer: &Certificate,
    time: OffsetDateTime,
    allow_legacy: bool,
) -> OcspOutcome {
    let subject = cert.subject_string();
    let resp = &answer.response;
    let url = answer.url.clone().unwrap_or_else(|| "-".into());
    if !resp.is_successful() {
        return OcspOutcome::Unusable(
            Message::new(oc::RESPONSE_STATUS)
                .with("url", url)
                .with("subject", &subject)
                .with("status", resp.status_name()),
        );
    }
    let Some((basic, tbs)) = &resp.inner.basic else {
        let oid = resp.inner.other_type.map(|o| o.to_string()).unwrap_or_else(|| "-".into());
        return OcspOutcome::Unusable(
            Message::new(oc::UNSUPPORTED_TYPE).with("subject", &subject).with("oid", oid),
        );
    };
    let responder = resp.responder();
    let note = |code| Message::new(code).with("responder", &responder).with("subject", &subject);
    let data = &basic.tbs_response_data;
    let Some(single) = data.responses.iter().find(|s| cert_id_matches(&s.cert_id, cert, issuer)) else {
        return OcspOutcome::NotForThis;
    };
    // RFC 8954 §2.1: a nonce that is not the one sent is a replay (or another client's answer).
    if let Some(sent) = &answer.nonce {
        if let Some(got) = response_nonce(basic) {
            if got != *sent {
                return OcspOutcome::Unusable(note(oc::NONCE_MISMATCH));
            }
        }
    }
    // RFC 6960 §4.2.2.2: the CA itself, or a responder it authorized.
    let signer = match authorized_signer(basic, issuer, allow_legacy) {
        Ok(s) => s,
        Err(reason) => {
            return OcspOutcome::Unusable(
                note(oc::UNAUTHORIZED_RESPONDER)
                    .with("issuer", issuer.subject_string())
                    .with_message("reason", reason),
            );
        }
    };
    match verify_signed(&signer, &basic.signature_algorithm, basic.signature.raw_bytes(), tbs, allow_legacy) {
        SigResult::Valid { .. } => {}
        SigResult::Invalid(_) => return OcspOutcome::Unusable(note(oc::BAD_SIGNATURE)),
        SigResult::Unsupported(m) => {
            return OcspOutcome::Unusable(note(oc::SIGNATURE_UNSUPPORTED).with_message("reason", m));
        }
        SigResult::NeedsInheritedParameters => {
            let m =
                Message::new(crate::diag::codes::revocation::SIGNATURE_DSA_NO_PARAMETERS).with("crl", "OCSP");
            return OcspOutcome::Unusable(note(oc::SIGNATURE_UNSUPPORTED).with_message("reason", m));
        }
    }
    // RFC 6960 §4.4: only the nonce is processed; any other critical extension makes it unusable.
    let exts = data.response_extensions.iter().flatten().chain(single.single_extensions.iter().flatten());
    for e in exts {
        if e.critical && e.extn_id != ID_PKIX_OCSP_NONCE {
            return OcspOutcome::Unusable(note(oc::CRITICAL_EXTENSION).with("oid", e.extn_id));
        }
    }
    // Times (RFC 6960 §4.2.2.1, RFC 5019 §4).
    let this_update = gtime(&single.this_update);
    let next_update = single.next_update.as_ref().map(gtime).unwrap_or(this_update);
    if this_update > answer.received_at + CLOCK_SKEW {
        return OcspOutcome::Unusable(
            note(oc::NOT_YET_VALID)
                .with("this_update", fmt_time(this_update))
                .with("received", fmt_time(answer.received_at)),
        );
    }
    let latest = time.max(answer.received_at);
    if next_update + CLOCK_SKEW < latest {
        return OcspOutcome::Unusable(
            note(oc::STALE).with("next_update", fmt_time(next_update)).with("time", fmt_time(latest)),
        );
    }
    match &single.cert_status {
        CertStatus::Good(_) => OcspOutcome::Good,
        CertStatus::Revoked(info) => {
            let date = gtime(&info.revocation_time);
            if date > time {
                // Revoked after the validation time: not revoked then.
                OcspOutcome::Good
            } else {
                let reason = info.revocation_reason.map(|r| super::crl_info::reason_name(r as u8));
                OcspOutcome::Revoked { date, reason }
            }
        }
        CertStatus::Unknown(_) => OcspOutcome::Unusable(note(oc::STATUS_UNKNOWN)),
    }
}

/// The nonce of a response (the OCTET STRING inside the extension's value), if any.
fn response_nonce(basic: &BasicOcspResponse) -> Option<Vec<u8>> {
    let e = basic
        .tbs_response_data
        .response_extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == ID_PKIX_OCSP_NONCE)?;
    let v = e.extn_value.as_bytes();
    // RFC 6960 §4.4.1 wraps the nonce in an OCTET STRING; some responders put it bare.
    Some(OctetString::from_der(v).map(|o| o.as_bytes().to_vec()).unwrap_or_else(|_| v.to_vec()))
}

/// Whether the responderID names `cert` (by name per RFC 5280 §7.1, or by the SHA-1 of its key).
fn responder_is(id: &ResponderId, cert: &Certificate) -> bool {
    match id {
        ResponderId::ByName(n) => {
            n.to_der().is_ok_and(|d| crate::name::der_names_equal(&d, cert.x509().subject().as_raw()))
        }
        ResponderId::ByKey(k) => {
            k.as_bytes()
                == DigestAlgorithm::Sha1.digest(&cert.x509().public_key().subject_public_key.data).as_slice()
        }
    }
}

/// The certificate whose key must have signed the response: the issuer itself, or a delegated
/// responder carried in the response and authorized by the issuer (RFC 6960 §4.2.2.2). Why none
/// is, otherwise.
fn authorized_signer(
    basic: &BasicOcspResponse,
    issuer: &Certificate,
    allow_legacy: bool,
) -> std::result::Result<Certificate, Message> {
    let id = &basic.tbs_response_data.responder_id;
    if responder_is(id, issuer) {
        return Ok(issuer.clone());
    }
    let produced_at = gtime(&basic.tbs_response_data.produced_at);
    let mut why: Option<Message> = None;
    for c in basic.certs.iter().flatten() {
        let Ok(der) = c.to_der() else { continue };
        let Ok(cand) = Certificate::from_der(der) else { continue };
        if !responder_is(id, &cand) {
            continue;
        }
        match delegation_problem(&cand, issuer, produced_at, allow_legacy) {
            None => return Ok(cand),
            Some(m) => {
                why.get_or_insert(m);
            }
        }
    }
    Err(why.unwrap_or_else(|| Message::new(oc::RESPONDER_NOT_FOUND)))
}

/// Why `responder` is not a delegated responder of `issuer` at `at`, if it is not.
fn delegation_problem(
    responder: &Certificate,
    issuer: &Certificate,
    at: OffsetDateTime,
    allow_legacy: bool,
) -> Option<Message> {
    let x = responder.x509();
    // Issued directly by the CA: its issuer name, and its signature under the CA's key.
    let issued = crate::name::der_names_equal(x.issuer().as_raw(), issuer.x509().subject().as_raw())
        && matches!(verify_cert_signature(responder, issuer, allow_legacy), SigResult::Valid { .. });
    if !issued {
        return Some(Message::new(oc::RESPONDER_NOT_ISSUED_BY_CA));
    }
    let eku_ok = match x.extended_key_usage() {
        Ok(Some(eku)) => {
            eku.value.ocsp_signing || eku.value.other.iter().any(|o| o.to_id_string() == ID_KP_OCSP_SIGNING)
        }
        _ => false,
    };
    if !eku_ok {
        return Some(Message::new(oc::RESPONDER_NO_OCSP_SIGNING));
    }
    let v = x.validity();
    let (nb, na) = (v.not_before.to_datetime(), v.not_after.to_datetime());
    if at < nb - CLOCK_SKEW || at > na + CLOCK_SKEW {
        return Some(Message::new(oc::RESPONDER_NOT_VALID).with("time", fmt_time(at)));
    }
    None
}

/// The signature of `cert` under `issuer`'s key.
fn verify_cert_signature(cert: &Certificate, issuer: &Certificate, allow_legacy: bool) -> SigResult {
    let x = cert.x509();
    signature::verify_with(
        issuer.parsed_keys(),
        issuer.x509().public_key(),
        None,
        &x.signature_algorithm,
        &x.signature_value.data,
        x.tbs_certificate.as_ref(),
        allow_legacy,
    )
}

/// The response signature over `tbs` by `signer`'s key, with the response's algorithm.
fn verify_signed(
    signer: &Certificate,
    alg: &AlgorithmIdentifierOwned,
    sig: &[u8],
    tbs: &[u8],
    allow_legacy: bool,
) -> SigResult {
    use x509_parser::prelude::FromDer;
    let Ok(alg_der) = alg.to_der() else {
        return SigResult::Invalid(Message::new(oc::BAD_SIGNATURE));
    };
    let Ok((_, alg)) = x509_parser::x509::AlgorithmIdentifier::from_der(&alg_der) else {
        return SigResult::Invalid(Message::new(oc::BAD_SIGNATURE));
    };
    signature::verify_with(
        signer.parsed_keys(),
        signer.x509().public_key(),
        None,
        &alg,
        sig,
        tbs,
        allow_legacy,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::{self, CertProfile, DistinguishedName, Issuer};
    use crate::keys::{KeyAlgorithm, SoftwareKey};

    fn pair() -> (Certificate, Certificate) {
        let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let ca =
            issue::self_sign(&CertProfile::root_ca(), &DistinguishedName::parse("CN=T CA").unwrap(), &ca_key)
                .unwrap();
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let leaf = issue::issue(
            &CertProfile::document_signer().with_ocsp_url("http://127.0.0.1:1/ocsp"),
            &DistinguishedName::parse("CN=T Leaf").unwrap(),
            key.public_key_spki(),
            &Issuer::new(&ca, &ca_key).unwrap(),
        )
        .unwrap();
        (leaf, ca)
    }

    #[test]
    fn requests_carry_the_cert_id_and_nonce_and_fit_a_get_url() {
        let (leaf, ca) = pair();
        for (hash, nonce) in [(CertIdHash::Sha1, None), (CertIdHash::Sha256, Some(vec![7u8; 32]))] {
            let r = OcspRequest::new(&leaf, &ca, hash, nonce.clone()).unwrap();
            let parsed = x509_ocsp::OcspRequest::from_der(r.der()).unwrap();
            let id = &parsed.tbs_request.request_list[0].req_cert;
            assert!(cert_id_matches(id, &leaf, &ca));
            assert!(!cert_id_matches(id, &ca, &ca));
            assert_eq!(id.to_der().unwrap(), r.cert_id_der());
            assert_eq!(parsed.nonce().map(|n| n.0.as_bytes().to_vec()), nonce);
            let url = r.get_url("http://ocsp.example/").unwrap();
            assert!(
                url.starts_with("http://ocsp.example/M") && !url[20..].contains(['+', '/', '=']),
                "{url}"
            );
            assert!(r.get_url("http://ocsp.example?x=1").is_none());
        }
        let r = OcspRequest::new(&leaf, &ca, CertIdHash::Sha1, None).unwrap();
        assert!(r.get_url(&format!("http://ocsp.example/{}", "a".repeat(200))).is_none());
        assert_eq!("SHA-256".parse::<CertIdHash>(), Ok(CertIdHash::Sha256));
        assert!("md5".parse::<CertIdHash>().is_err());
    }

    #[test]
    fn responses_that_are_not_successful_or_not_ocsp_are_unusable() {
        let (leaf, ca) = pair();
        assert_eq!(OcspResponse::from_der(b"junk".to_vec()).unwrap_err().kind(), crate::ErrorKind::Input);
        // tryLater: OCSPResponse { responseStatus 3 }
        let r = OcspResponse::from_der(vec![0x30, 0x03, 0x0a, 0x01, 0x03]).unwrap();
        assert!(!r.is_successful());
        assert_eq!(r.status_name(), "tryLater");
        assert_eq!(r.responder(), "?");
        let a = OcspAnswer::new(r, None, OffsetDateTime::now_utc()).with_url("http://x/");
        match check_answer(&a, &leaf, &ca, OffsetDateTime::now_utc(), false) {
            OcspOutcome::Unusable(m) => {
                assert_eq!(m.code, oc::RESPONSE_STATUS);
                assert_eq!(m.params.get("status"), Some("tryLater"));
            }
            other => panic!("{other:?}"),
        }
    }
}
