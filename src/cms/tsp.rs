//! RFC 3161 time-stamping: requests, the [`Timestamper`] trait and its TSA client over
//! HTTP(S), token verification, and adding signature-time-stamp tokens to CMS signers (CAdES-T /
//! baseline B-T, ETSI EN 319 122-1 §5.3).
//!
//! What token verification does NOT check: the TSA's policy OID against a list of accepted
//! policies, the accuracy field beyond reporting, the `tsa` name field against the TSA
//! certificate, and revocation of the TSA certificate beyond the CRLs given.

use crate::certificate::Certificate;
use crate::cms::core::{VerifyOptions, digest_content, verify_core};
use crate::cms::oids::*;
use crate::cms::parse::{ParsedSignedData, parse};
use crate::cms::report::*;
use crate::cms::sign::encode_content_info;
use crate::crypto::digest::DigestAlgorithm;
use crate::diag::codes::tsp as codes;
use crate::diag::{Finding, Message};
use crate::error::{Error, ErrorKind, Result};
use crate::net::{HttpClient, HttpOptions};
use der::asn1::{Any, Int, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence, Tagged};
use std::io::Read;
use std::time::Duration;
use time::OffsetDateTime;
use x509_cert::attr::Attribute;

/// `MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }`.
pub use x509_tsp::MessageImprint;

/// `TSTInfo` (RFC 3161 §2.4.2), with genTime kept raw so that fractional seconds (which the
/// `der` crate's GeneralizedTime rejects) are accepted.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TstInfo {
    /// Version (1).
    pub version: u8,
    /// TSA policy.
    pub policy: ObjectIdentifier,
    /// The imprint of the timestamped data.
    pub message_imprint: MessageImprint,
    /// Serial number.
    pub serial_number: Int,
    /// GeneralizedTime, possibly with fractional seconds.
    pub gen_time: Any,
    /// Accuracy (kept opaque).
    #[asn1(optional = "true")]
    pub accuracy: Option<Any>,
    /// Ordering.
    #[asn1(default = "Default::default")]
    pub ordering: bool,
    /// Nonce from the request.
    #[asn1(optional = "true")]
    pub nonce: Option<Int>,
    /// TSA name (`[0] EXPLICIT GeneralName`, kept opaque).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub tsa: Option<Any>,
    /// Extensions (`[1] IMPLICIT`, kept opaque).
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true", constructed = "true")]
    pub extensions: Option<Vec<Any>>,
}

/// `PKIStatusInfo` (RFC 3161 §2.4.2), status and free text only.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct StatusInfo {
    status: u8,
    #[asn1(optional = "true")]
    status_string: Option<Vec<String>>,
    #[asn1(optional = "true")]
    fail_info: Option<der::asn1::BitString>,
}

/// Parse a GeneralizedTime value `YYYYMMDDHHMMSS[.f*]Z` (RFC 3161 §2.4.2: UTC, "Z").
fn parse_generalized_time(any: &Any) -> Option<OffsetDateTime> {
    if any.tag() != der::Tag::GeneralizedTime {
        return None;
    }
    let s = std::str::from_utf8(any.value()).ok()?;
    let s = s.strip_suffix('Z')?;
    let (main, frac) = match s.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (s, None),
    };
    if main.len() != 14 || !main.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| main.get(r).and_then(|x| x.parse::<u32>().ok());
    let date = time::Date::from_calendar_date(
        i32::try_from(n(0..4)?).ok()?,
        time::Month::try_from(u8::try_from(n(4..6)?).ok()?).ok()?,
        u8::try_from(n(6..8)?).ok()?,
    )
    .ok()?;
    let mut nanos = 0u32;
    if let Some(f) = frac {
        if f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        nanos = f.parse::<u32>().ok()? * 10u32.pow(9 - f.len() as u32);
    }
    let t = time::Time::from_hms_nano(
        u8::try_from(n(8..10)?).ok()?,
        u8::try_from(n(10..12)?).ok()?,
        u8::try_from(n(12..14)?).ok()?,
        nanos,
    )
    .ok()?;
    Some(time::PrimitiveDateTime::new(date, t).assume_utc())
}

/// A fresh positive 64-bit nonce (RFC 3161 §2.4.1).
fn new_nonce() -> Result<Vec<u8>> {
    use aws_lc_rs::rand::SecureRandom;
    let mut n = [0u8; 8];
    aws_lc_rs::rand::SystemRandom::new().fill(&mut n).map_err(|_| Error::crypto(codes::TSP_NO_RANDOMNESS))?;
    n[0] = (n[0] & 0x7f) | 0x01; // positive, minimal encoding
    Ok(n.to_vec())
}

/// Build a DER `TimeStampReq` (RFC 3161 §2.4.1) for `hash` computed with `digest`, asking for
/// the TSA certificate (`certReq TRUE`).
pub fn build_request(digest: DigestAlgorithm, hash: &[u8], nonce: Option<&[u8]>) -> Result<Vec<u8>> {
    let enc = |e: der::Error| Error::crypto(crate::ber::der_detail(codes::TSP_REQUEST_ENCODING, e));
    let req = x509_tsp::TimeStampReq {
        version: x509_tsp::TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: spki::AlgorithmIdentifier { oid: digest.oid(), parameters: None },
            hashed_message: OctetString::new(hash).map_err(enc)?,
        },
        req_policy: None,
        nonce: nonce.map(Int::new).transpose().map_err(enc)?,
        cert_req: true,
        extensions: None,
    };
    req.to_der().map_err(enc)
}

/// A token obtained from a TSA.
#[derive(Clone, Debug)]
pub struct TimestampResponse {
    /// The whole `TimeStampResp` DER (what `openssl ts -reply` writes to `.tsr`).
    pub response_der: Vec<u8>,
    /// The `TimeStampToken` (a ContentInfo) DER.
    pub token_der: Vec<u8>,
    /// The nonce sent.
    pub nonce: Vec<u8>,
    /// genTime.
    pub gen_time: OffsetDateTime,
}

/// Something that returns RFC 3161 timestamp tokens for a hash: an HTTP TSA ([`TsaClient`]),
/// or another transport or a test double. [`add_timestamps`] takes any of them.
pub trait Timestamper: Send + Sync {
    /// Obtain a token for `hash`, computed with `digest`. Implementations check that the reply
    /// grants a token whose message imprint is `digest`/`hash` (and that it echoes their nonce,
    /// when they send one); the token's signature and TSA certificate are checked at
    /// verification time.
    fn timestamp(&self, digest: DigestAlgorithm, hash: &[u8]) -> Result<TimestampResponse>;

    /// The digest used for message imprints of data timestamped by [`add_timestamps`]
    /// (default SHA-256).
    fn imprint_digest(&self) -> DigestAlgorithm {
        DigestAlgorithm::Sha256
    }
}

/// An RFC 3161 TSA reached over HTTP or HTTPS (RFC 3161 §3.4), through [`HttpClient`].
///
/// Over `https://` the server's certificate is checked (see [`crate::net`]); the token's own
/// signature is what proves the time, whatever the transport.
#[derive(Clone, Debug)]
pub struct TsaClient {
    /// The `http://` or `https://` URL.
    pub url: String,
    /// Limit on one whole exchange with the TSA (connection, TLS, request and response).
    pub timeout: Duration,
    /// Digest used for the message imprint.
    pub digest: DigestAlgorithm,
    http: HttpClient,
}

impl TsaClient {
    /// A client for `url` (checked now), 30 s timeout, SHA-256 imprints, Mozilla's roots for
    /// `https://`.
    pub fn new(url: &str) -> Result<Self> {
        Self::with_http_client(url, HttpClient::default())
    }

    /// A client for `url` (checked now) over `http`, whose time-out it takes; SHA-256
    /// imprints. Give `http` extra roots ([`HttpOptions::extra_roots`]) for a TSA whose TLS
    /// certificate is from a private CA.
    pub fn with_http_client(url: &str, http: HttpClient) -> Result<Self> {
        crate::net::check_url(url)?;
        Ok(TsaClient {
            url: url.to_string(),
            timeout: http.options().timeout,
            digest: DigestAlgorithm::Sha256,
            http,
        })
    }

    /// A client for `url` trusting `roots` (DER certificates) instead of the built-in roots for
    /// an `https://` TSA.
    pub fn with_tls_roots(url: &str, roots: Vec<Vec<u8>>) -> Result<Self> {
        Self::with_http_client(
            url,
            HttpClient::new(HttpOptions { extra_roots: roots, ..Default::default() })?,
        )
    }

    /// Timestamp `data`: hash it, send a request with a fresh nonce, check the response
    /// (granted, the imprint and nonce echoed back) and return the token. The token's signature
    /// and TSA certificate are checked at verification time, not here.
    pub fn timestamp_data(&self, data: &[u8]) -> Result<TimestampResponse> {
        self.timestamp_hash(self.digest, &self.digest.digest(data))
    }

    /// Timestamp a precomputed `hash`.
    pub fn timestamp_hash(&self, digest: DigestAlgorithm, hash: &[u8]) -> Result<TimestampResponse> {
        let nonce = new_nonce()?;
        let req = build_request(digest, hash, Some(&nonce))?;
        let ctx = |e: Error| e.context(codes::TSP_SERVER);
        let resp = self
            .http
            .with_timeout(self.timeout)
            .post(&self.url, "application/timestamp-query", "application/timestamp-reply", &req)
            .map_err(ctx)?;
        let bad = |m: Message| {
            Error::new(
                ErrorKind::Network,
                Message::new(codes::TSP_BAD_ANSWER).with("url", &self.url).with_message("problem", m),
            )
        };
        let bad_token = |e: Error| {
            bad(Message::new(codes::TSP_BAD_TOKEN).with_message("problem", e.typed_message().clone()))
        };
        let token_der = token_from_response(&resp).map_err(|e| bad(e.typed_message().clone()))?;
        let parsed = parse(&token_der).map_err(bad_token)?;
        let tst = tst_info(&parsed).map_err(bad_token)?;
        if tst.message_imprint.hashed_message.as_bytes() != hash
            || tst.message_imprint.hash_algorithm.oid != digest.oid()
        {
            return Err(bad(codes::TSP_IMPRINT_MISMATCH.into()));
        }
        if tst.nonce.as_ref().map(|n| n.as_bytes()) != Some(nonce.as_slice()) {
            return Err(bad(codes::TSP_NONCE_MISMATCH.into()));
        }
        let gen_time =
            parse_generalized_time(&tst.gen_time).ok_or_else(|| bad(codes::TSP_BAD_GEN_TIME.into()))?;
        Ok(TimestampResponse { response_der: resp, token_der, nonce, gen_time })
    }
}

impl Timestamper for TsaClient {
    fn timestamp(&self, digest: DigestAlgorithm, hash: &[u8]) -> Result<TimestampResponse> {
        self.timestamp_hash(digest, hash)
    }

    fn imprint_digest(&self) -> DigestAlgorithm {
        self.digest
    }
}

/// Extract the token from a DER `TimeStampResp`, failing with the TSA's status text when it was
/// not granted (RFC 3161 §2.4.2).
pub fn token_from_response(resp: &[u8]) -> Result<Vec<u8>> {
    let not_response =
        |e: der::Error| Error::input(crate::ber::der_detail_in(codes::TSP_NOT_A_RESPONSE, e, resp));
    let outer = Any::from_der(resp).map_err(not_response)?;
    let mut r = der::SliceReader::new(outer.value()).map_err(not_response)?;
    let status_any = <Any as Decode>::decode(&mut r).map_err(not_response)?;
    let status_der = status_any.to_der().map_err(not_response)?;
    let status = StatusInfo::from_der(&status_der)
        .map_err(|e| Error::input(crate::ber::der_detail(codes::TSP_STATUS_MALFORMED, e)))?;
    if status.status > 1 {
        // The TSA's own free text (PKIFreeText, RFC 3161 §2.4.2) is quoted as it came.
        let text =
            status.status_string.map(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("; "));
        return Err(match text {
            Some(t) => Error::input(codes::TSP_REFUSED_TEXT).with("status", status.status).with("text", t),
            None => Error::input(codes::TSP_REFUSED).with("status", status.status),
        });
    }
    if der::Reader::is_finished(&r) {
        return Err(Error::input(codes::TSP_NO_TOKEN));
    }
    let malformed = |e: der::Error| Error::input(crate::ber::der_detail(codes::TSP_TOKEN_MALFORMED, e));
    let token = <Any as Decode>::decode(&mut r).map_err(malformed)?;
    token.to_der().map_err(malformed)
}

/// Accept either a bare token (ContentInfo) or a whole `TimeStampResp` and return the token.
pub fn token_from_file_data(data: &[u8]) -> Result<Vec<u8>> {
    let blocks = crate::io::decode_pem_or_der(data)?;
    let der = blocks.into_iter().next().map(|b| b.der).unwrap_or_default();
    let outer = Any::from_der(&der).map_err(|e| {
        Error::input(crate::ber::der_detail_in(codes::TSP_NOT_TOKEN_OR_RESPONSE_DETAIL, e, &der))
    })?;
    // ContentInfo starts with an OID; TimeStampResp with a SEQUENCE (PKIStatusInfo).
    match outer.value().first() {
        Some(0x06) => Ok(der),
        Some(0x30) => token_from_response(&der),
        _ => Err(Error::input(codes::TSP_NOT_TOKEN_OR_RESPONSE)),
    }
}

fn tst_info(parsed: &ParsedSignedData) -> Result<TstInfo> {
    if parsed.content_type() != OID_TST_INFO {
        return Err(Error::input(codes::TSP_NOT_TST_INFO).with("content_type", parsed.content_type()));
    }
    let content = parsed.embedded_content().ok_or_else(|| Error::input(codes::TSP_NO_TST_INFO))?;
    TstInfo::from_der(content)
        .map_err(|e| Error::input(crate::ber::der_detail(codes::TSP_TST_INFO_MALFORMED, e)))
}

/// The TSA certificate rule of RFC 3161 §2.3: an extendedKeyUsage extension, critical, with
/// timeStamping as its only purpose.
pub fn check_tsa_certificate(cert: &Certificate) -> Check {
    use x509_parser::extensions::ParsedExtension;
    let eku_oid = x509_parser::oid_registry::OID_X509_EXT_EXTENDED_KEY_USAGE;
    let Some(ext) = cert.x509().extensions().iter().find(|e| e.oid == eku_oid) else {
        return Check::failed(codes::TSP_TSA_NO_EKU);
    };
    if !ext.critical {
        return Check::failed(codes::TSP_TSA_EKU_NOT_CRITICAL);
    }
    match ext.parsed_extension() {
        ParsedExtension::ExtendedKeyUsage(eku) => {
            let only_ts = eku.time_stamping
                && !eku.any
                && !eku.server_auth
                && !eku.client_auth
                && !eku.code_signing
                && !eku.email_protection
                && !eku.ocsp_signing
                && eku.other.is_empty();
            if only_ts {
                Check::passed(codes::TSP_TSA_EKU_OK)
            } else {
                Check::failed(codes::TSP_TSA_EKU_NOT_ONLY)
            }
        }
        _ => Check::failed(codes::TSP_TSA_EKU_MALFORMED),
    }
}

fn failed_report(error: Option<Finding>) -> TimestampReport {
    TimestampReport {
        valid: false,
        gen_time: None,
        tsa: None,
        policy: None,
        serial: None,
        imprint_algorithm: None,
        imprint: Check::not_checked(),
        nonce: Check::not_checked(),
        signature: Check::not_checked(),
        tsa_certificate: Check::not_checked(),
        path: None,
        errors: error.into_iter().collect(),
        warnings: Vec::new(),
    }
}

/// An error as a finding: its typed message `m` (the error's own, or one holding it) with the
/// error's hint.
fn error_finding(m: Message, e: &Error) -> Finding {
    let f = Finding::new(m);
    match e.hint() {
        Some(h) => f.with_hint(h),
        None => f,
    }
}

/// The TSA certificate's path error as a finding: `tsp-tsa-path-invalid` holding the path
/// error's own typed message, citing its rule and carrying its hint (as
/// [`crate::cms::core`] does for the signer); the English text has the whole path error.
fn tsa_path_finding(error: Option<&crate::path::PathError>) -> Finding {
    match error {
        Some(e) => {
            let m = Message::new(codes::TSP_TSA_PATH_INVALID).with_message("problem", e.message.clone());
            let mut f = Finding::new(m);
            f.rule = e.rule;
            f.hint = e.hint;
            f.text =
                Message::new(codes::TSP_TSA_PATH_INVALID).with("problem", e).render(crate::diag::Lang::En);
            f
        }
        None => Finding::new(codes::TSP_TSA_NO_VALID_PATH),
    }
}

/// Verify a timestamp token whose imprint is computed by `imprint` for the algorithm the token
/// names. The TSA certificate's path is validated at genTime with `opts`' anchors, untrusted
/// certificates and CRLs, requiring the timeStamping EKU.
pub fn verify_token_with(
    token_der: &[u8],
    imprint: &mut dyn FnMut(DigestAlgorithm) -> Result<Vec<u8>>,
    expected_nonce: Option<&[u8]>,
    opts: &VerifyOptions,
) -> TimestampReport {
    let parsed = match parse(token_der) {
        Ok(p) => p,
        Err(e) => {
            let m = Message::new(codes::TSP_NOT_A_TOKEN).with_message("problem", e.typed_message().clone());
            return failed_report(Some(error_finding(m, &e)));
        }
    };
    let tst = match tst_info(&parsed) {
        Ok(t) => t,
        Err(e) => return failed_report(Some(error_finding(e.typed_message().clone(), &e))),
    };
    let mut rep = failed_report(None);
    rep.policy = Some(tst.policy.to_string());
    rep.serial = Some(hex::encode(tst.serial_number.as_bytes()));
    let gen_time = parse_generalized_time(&tst.gen_time);
    rep.gen_time = gen_time.map(TimeReport::of);
    match gen_time {
        None => rep.errors.push(codes::TSP_GEN_TIME_MALFORMED.into()),
        Some(t) if t > OffsetDateTime::now_utc() + time::Duration::minutes(5) => rep
            .warnings
            .push(Message::new(codes::TSP_GEN_TIME_FUTURE).with("gen_time", TimeReport::of(t).utc).into()),
        Some(_) => {}
    }
    if tst.version != 1 {
        rep.errors.push(Message::new(codes::TSP_VERSION).with("version", tst.version).into());
    }
    // RFC 3161 §2.4.2: the token has exactly one signer, the TSA.
    if parsed.signers.len() != 1 {
        rep.errors.push(Message::new(codes::TSP_SIGNER_COUNT).with("count", parsed.signers.len()).into());
    }
    // Imprint.
    let alg = DigestAlgorithm::from_oid(&tst.message_imprint.hash_algorithm.oid);
    let alg_name = alg
        .map(|a| a.name().to_string())
        .unwrap_or_else(|| tst.message_imprint.hash_algorithm.oid.to_string());
    rep.imprint_algorithm = Some(alg_name.clone());
    rep.imprint = match alg {
        None => {
            Check::failed(Message::new(codes::TSP_IMPRINT_ALGORITHM_UNSUPPORTED).with("algorithm", &alg_name))
        }
        Some(a) => match imprint(a) {
            Ok(h) if h == tst.message_imprint.hashed_message.as_bytes() => {
                Check::passed(Message::new(codes::TSP_IMPRINT_MATCHES).with("algorithm", a))
            }
            Ok(_) => Check::failed(codes::TSP_IMPRINT_DIFFERS),
            Err(e) => Check::failed(error_finding(
                Message::new(codes::TSP_IMPRINT_NO_HASH).with_message("problem", e.typed_message().clone()),
                &e,
            )),
        },
    };
    if let Some(a) = alg {
        if a.is_legacy() {
            if opts.allow_legacy() {
                rep.warnings.push(Message::new(codes::TSP_IMPRINT_LEGACY).with("algorithm", a).into());
            } else {
                let m = crate::diag::Finding::new(crate::diag::codes::cms::TSP_SHA1_IMPRINT_REFUSED)
                    .with_hint(crate::diag::Hint::AllowLegacy);
                rep.imprint = Check::failed(m);
            }
        }
    }
    if rep.imprint.is_failed() {
        rep.errors.extend(rep.imprint.detail.clone());
    }
    rep.nonce = match (expected_nonce, &tst.nonce) {
        (None, _) => Check::absent(codes::TSP_NONCE_NOT_COMPARED),
        (Some(n), Some(t)) if t.as_bytes() == n => Check::passed(codes::TSP_NONCE_MATCHES),
        (Some(_), _) => Check::failed(codes::TSP_NONCE_DIFFERS),
    };
    if rep.nonce.is_failed() {
        rep.errors.extend(rep.nonce.detail.clone());
    }
    // The token's CMS signature.
    let content = parsed.embedded_content().unwrap_or_default();
    let digests = match digest_content(&parsed.signers, &mut &content[..], false) {
        Ok((d, _, _)) => d,
        Err(e) => return failed_report(Some(error_finding(e.typed_message().clone(), &e))),
    };
    let mut candidates = parsed.certificates.clone();
    candidates.extend(opts.untrusted.iter().cloned());
    let Some(signer) = parsed.signers.first() else {
        return rep;
    };
    let core = verify_core(signer, &candidates, OID_TST_INFO, &digests, Some(content), opts.allow_legacy());
    rep.warnings.extend(
        core.warnings.iter().filter(|w| w.code() != crate::diag::codes::cms::ESS_ATTRIBUTE_ABSENT).cloned(),
    );
    if core.signing_certificate.status == CheckStatus::Absent {
        // RFC 3161 §2.4.1 / RFC 5816: the ESS signing-certificate(-v2) attribute MUST be present.
        rep.errors.push(codes::TSP_NO_ESS_ATTRIBUTE.into());
    }
    rep.signature = if core.ok() {
        Check { status: CheckStatus::Passed, detail: core.signature.detail.clone() }
    } else {
        Check { status: CheckStatus::Failed, detail: core.errors.first().cloned() }
    };
    rep.errors.extend(core.errors.iter().cloned());
    if let Some(cert) = &core.cert {
        rep.tsa = Some(Identity::of(cert));
        rep.tsa_certificate = check_tsa_certificate(cert);
        if rep.tsa_certificate.is_failed() {
            rep.errors.extend(rep.tsa_certificate.detail.clone());
        }
        if let Some(t) = gen_time {
            let report =
                opts.validate_path(cert, &candidates, t, Some(vec![OID_KP_TIME_STAMPING.to_string()]));
            if !report.valid {
                rep.errors.push(tsa_path_finding(report.error.as_ref()));
            }
            rep.warnings.extend(report.warnings.iter().cloned());
            rep.path = Some(report);
        }
    }
    rep.valid = rep.errors.is_empty();
    rep
}

/// Verify a signature-time-stamp token over `data` (for CAdES: the SignerInfo signature value).
pub fn verify_token_over(
    token_der: &[u8],
    data: &[u8],
    expected_nonce: Option<&[u8]>,
    opts: &VerifyOptions,
) -> TimestampReport {
    verify_token_with(token_der, &mut |a| Ok(a.digest(data)), expected_nonce, opts)
}

/// Verify a standalone token (or `.tsr` response) over the data read from `data`.
pub fn verify_token(
    token_or_response: &[u8],
    data: &mut dyn Read,
    expected_nonce: Option<&[u8]>,
    opts: &VerifyOptions,
) -> Result<TimestampReport> {
    let token = token_from_file_data(token_or_response)?;
    let mut hashed: Option<Result<Vec<u8>>> = None;
    let mut data = Some(data);
    let report = verify_token_with(
        &token,
        &mut |a| {
            if hashed.is_none() {
                let r = data.take().map(|d| {
                    crate::crypto::digest::digest_reader(d, &[a])
                        .map(|(mut v, _)| v.pop().unwrap_or_default())
                        .map_err(|e| Error::new(ErrorKind::Io, codes::TSP_READ_DATA).with("detail", e))
                });
                hashed = r;
            }
            match &hashed {
                Some(Ok(h)) => Ok(h.clone()),
                Some(Err(e)) => Err(Error::new(e.kind(), e.typed_message().clone())),
                None => Err(Error::input(codes::TSP_NO_DATA)),
            }
        },
        expected_nonce,
        opts,
    );
    if let Some(Err(e)) = hashed {
        if e.kind() == ErrorKind::Io {
            return Err(e);
        }
    }
    Ok(report)
}

/// Add a signature-time-stamp (id-aa-timeStampToken, RFC 3161 appendix A) from `tsa` to every
/// SignerInfo of `cms_der` that has none, over its signature value (ETSI EN 319 122-1 §5.3).
/// Returns the new DER. The signed attributes are re-encoded, so the input must be DER (as
/// kyso writes it).
pub fn add_timestamps(cms_der: &[u8], tsa: &dyn Timestamper) -> Result<Vec<u8>> {
    let parsed = parse(cms_der)?;
    let mut sd = parsed.signed_data.clone();
    let mut infos = Vec::new();
    for s in &parsed.signers {
        let mut info = s.info.clone();
        let has =
            info.unsigned_attrs.as_ref().is_some_and(|a| a.iter().any(|x| x.oid == OID_TIME_STAMP_TOKEN));
        if !has {
            let digest = tsa.imprint_digest();
            let resp = tsa.timestamp(digest, &digest.digest(info.signature.as_bytes()))?;
            let enc = |e: der::Error| Error::crypto(crate::ber::der_detail(codes::TSP_ADD_FAILED, e));
            let value = Any::from_der(&resp.token_der).map_err(enc)?;
            let attr = Attribute {
                oid: OID_TIME_STAMP_TOKEN,
                values: SetOfVec::try_from(vec![value]).map_err(enc)?,
            };
            let mut attrs: Vec<Attribute> = info.unsigned_attrs.map(|a| a.into_vec()).unwrap_or_default();
            attrs.push(attr);
            info.unsigned_attrs = Some(SetOfVec::try_from(attrs).map_err(enc)?);
        }
        infos.push(info);
    }
    sd.signer_infos = cms::signed_data::SignerInfos::try_from(infos)
        .map_err(|e| Error::crypto(crate::ber::der_detail(codes::TSP_ADD_FAILED, e)))?;
    encode_content_info(&sd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_time_with_and_without_fraction() {
        let g = |s: &str| Any::new(der::Tag::GeneralizedTime, s.as_bytes()).unwrap();
        let t = parse_generalized_time(&g("20261122080000Z")).unwrap();
        assert_eq!(t.unix_timestamp(), 1795334400);
        let f = parse_generalized_time(&g("20261122080000.25Z")).unwrap();
        assert_eq!(f.unix_timestamp(), 1795334400);
        assert_eq!(f.nanosecond(), 250_000_000);
        assert!(parse_generalized_time(&g("20261122080000")).is_none());
        assert!(parse_generalized_time(&g("2026112208000Z")).is_none());
        assert!(parse_generalized_time(&g("20261322080000Z")).is_none());
    }

    #[test]
    fn a_token_that_does_not_parse_is_a_typed_finding() {
        let opts = VerifyOptions::default();
        let r = verify_token_over(b"not DER", b"data", None, &opts);
        assert!(!r.valid);
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        let e = &r.errors[0];
        assert_eq!(e.code(), codes::TSP_NOT_A_TOKEN);
        // The reason is the parser's own typed message, rendered in the finding's language.
        let inner = e.message.params.message("problem").expect("typed reason");
        assert_ne!(inner.code, crate::diag::codes::tsp::TSP_NOT_A_TOKEN);
        let vi = e.render(crate::diag::Lang::Vi);
        assert_eq!(vi, format!("không phải token dấu thời gian: {}", inner.render(crate::diag::Lang::Vi)));
    }

    #[test]
    fn the_tsa_path_error_keeps_its_typed_message_rule_and_hint() {
        use crate::path::{Check as PathCheck, PathError};
        let pe = PathError::new(0, PathCheck::IssuerNotFound, crate::diag::codes::path::NO_ANCHOR)
            .with_hint(crate::diag::Hint::SupplyAnchor);
        let f = tsa_path_finding(Some(&pe));
        assert_eq!(f.code(), codes::TSP_TSA_PATH_INVALID);
        assert_eq!(f.message.params.message("problem"), Some(&pe.message));
        assert_eq!(f.rule, pe.rule);
        assert_eq!(f.hint, pe.hint);
        assert!(f.text.starts_with("TSA certification path: certificate #1"), "{}", f.text);
        assert_eq!(tsa_path_finding(None).code(), codes::TSP_TSA_NO_VALID_PATH);
    }

    #[test]
    fn request_round_trips() {
        let h = DigestAlgorithm::Sha256.digest(b"abc");
        let der = build_request(DigestAlgorithm::Sha256, &h, Some(&[0x12, 0x34])).unwrap();
        let req = x509_tsp::TimeStampReq::from_der(&der).unwrap();
        assert_eq!(req.message_imprint.hashed_message.as_bytes(), h.as_slice());
        assert_eq!(req.nonce.unwrap().as_bytes(), &[0x12, 0x34]);
        assert!(req.cert_req);
        let n = new_nonce().unwrap();
        assert!(n[0] != 0 && n[0] < 0x80);
    }
}
