//! [`CmsBuilder`]: CMS SignedData (RFC 5652 §5) with caller-chosen signed attributes, in one
//! step or two.
//!
//! - Profiles ([`SignedAttributesProfile`]): CAdES (content-type, message-digest, signing-time,
//!   signing-certificate-v2; ETSI EN 319 122-1 §5.2) or PAdES (the same without signing-time:
//!   ETSI EN 319 142-1 §6.3 puts the claimed time in the PDF signature dictionary's `/M`).
//! - Content: streamed from a reader ([`CmsBuilder::sign`]), or an **external digest** the
//!   caller computed, for instance over a PDF's `/ByteRange` ([`CmsBuilder::sign_digest`]): a
//!   detached signature, no content read.
//! - **Two steps**, for tokens and remote signing services that receive only the bytes to sign:
//!   [`CmsBuilder::prepare`] / [`CmsBuilder::prepare_digest`] return a [`PreparedSignature`]
//!   (the DER of the signed attributes, the algorithm, their digest, and the state needed
//!   later; serde-serializable, to keep in a state file); [`PreparedSignature::finish`] takes
//!   the signature value, checks it with the certificate's public key, and only then produces the
//!   CMS.
//!
//! What the builder does NOT check: the certificate's revocation status and certification path
//! (verify the result with [`crate::cms::verify()`] for that), that an external digest is really
//! the digest of the document it is meant for (only its length is checked), and, in two-step
//! mode, who produced the signature value (only that it verifies with the certificate's key).

use crate::certificate::Certificate;
use crate::cms::algorithms;
use crate::cms::digest::{DigestAlgorithm, digest_reader};
use crate::cms::ess;
use crate::cms::oids::*;
use crate::cms::sign::{
    SignOptions, SignatureOutput, SignerProblem, attribute, cert_choice, check_certificate, check_signer,
    decide_signing, der_err, encode_content_info, issuer_and_serial, signing_time_der,
};
use crate::diag::codes::cms as codes;
use crate::diag::{Finding, Hint};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{KeyAlgorithm, SignatureAlgorithm, Signer};
use cms::content_info::CmsVersion;
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier, SignerInfo,
    SignerInfos,
};
use der::asn1::{Any, OctetString, SetOfVec};
use der::{Decode, Encode};
use std::io::{Read, Write};
use time::OffsetDateTime;

/// Which signed attributes a signature carries. Content-type (id-data), message-digest and
/// signing-certificate-v2 (RFC 5035, SHA-256) are always present.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignedAttributesProfile {
    /// CAdES-BES / baseline B-B (ETSI EN 319 122-1 §5.2): with the signing-time attribute.
    #[default]
    Cades,
    /// PAdES baseline (ETSI EN 319 142-1 §6.3): WITHOUT signing-time, which PAdES forbids in
    /// the CMS; the claimed time goes into the PDF signature dictionary (`/M`).
    Pades,
}

/// Builds CMS SignedData for one signer (see the [module documentation](self)).
#[derive(Clone, Debug)]
pub struct CmsBuilder {
    cert: Certificate,
    chain: Vec<Certificate>,
    algorithm: Option<SignatureAlgorithm>,
    digest: Option<DigestAlgorithm>,
    rsa_pss: bool,
    profile: SignedAttributesProfile,
    signing_time: Option<OffsetDateTime>,
    attached: bool,
    force: bool,
}

/// What is settled before the signed attributes are built.
struct Plan {
    algorithm: SignatureAlgorithm,
    digest: DigestAlgorithm,
    now: OffsetDateTime,
    /// Problems the pre-signing checks found, overridden by `force`.
    forced: Vec<SignerProblem>,
}

impl CmsBuilder {
    /// A builder for the signer certified by `cert`: CAdES profile, the key's natural
    /// algorithm, detached, signing time now, no chain embedded.
    pub fn new(cert: Certificate) -> Self {
        CmsBuilder {
            cert,
            chain: Vec::new(),
            algorithm: None,
            digest: None,
            rsa_pss: false,
            profile: SignedAttributesProfile::Cades,
            signing_time: None,
            attached: false,
            force: false,
        }
    }

    /// The signed attributes to write.
    pub fn profile(mut self, profile: SignedAttributesProfile) -> Self {
        self.profile = profile;
        self
    }

    /// Certificates of the signer's chain to embed after the signer's certificate (duplicates
    /// are skipped).
    pub fn chain(mut self, chain: Vec<Certificate>) -> Self {
        self.chain = chain;
        self
    }

    /// The signature algorithm (default: from [`CmsBuilder::digest`] and
    /// [`CmsBuilder::rsa_pss`], else the key's natural one). It must suit the key.
    pub fn algorithm(mut self, algorithm: SignatureAlgorithm) -> Self {
        self.algorithm = Some(algorithm);
        self
    }

    /// The digest (default: the key's natural one: SHA-256 for RSA and P-256, SHA-384 for
    /// P-384, SHA-512 for Ed25519). In CMS it is also the signature's hash.
    pub fn digest(mut self, digest: DigestAlgorithm) -> Self {
        self.digest = Some(digest);
        self
    }

    /// RSASSA-PSS instead of PKCS#1 v1.5 (RSA keys only).
    pub fn rsa_pss(mut self, yes: bool) -> Self {
        self.rsa_pss = yes;
        self
    }

    /// The claimed signing time (default now), written in the CAdES profile only.
    pub fn signing_time(mut self, at: OffsetDateTime) -> Self {
        self.signing_time = Some(at);
        self
    }

    /// Embed the content (attached signature); only [`CmsBuilder::sign`] can.
    pub fn attached(mut self, yes: bool) -> Self {
        self.attached = yes;
        self
    }

    /// Sign even when the pre-signing checks ([`check_signer`]) find problems; they are then
    /// returned as warnings.
    pub fn force(mut self, yes: bool) -> Self {
        self.force = yes;
        self
    }

    /// The signature algorithm this builder will use with a key of type `key`.
    pub fn signature_algorithm_for(&self, key: KeyAlgorithm) -> Result<SignatureAlgorithm> {
        let alg = match self.algorithm {
            None => algorithms::choose_for_key(key, self.digest, self.rsa_pss)?,
            Some(a) => {
                if algorithms::choose_for_key(key, Some(algorithms::digest_of(a)), is_pss(a)).ok() != Some(a)
                {
                    return Err(Error::usage(codes::CMS_SIGN_KEY_CANNOT)
                        .with("key", key)
                        .with("algorithm", a));
                }
                if self.digest.is_some_and(|d| d != algorithms::digest_of(a)) {
                    return Err(Error::usage(codes::CMS_SIGN_ALGORITHM_DIGEST)
                        .with("algorithm", a)
                        .with("digest", algorithms::digest_of(a)));
                }
                a
            }
        };
        Ok(alg)
    }

    /// The digest the signature will use with the certificate's key: the algorithm an external
    /// digest given to [`CmsBuilder::sign_digest`] or [`CmsBuilder::prepare_digest`] must be
    /// computed with.
    pub fn digest_algorithm(&self) -> Result<DigestAlgorithm> {
        Ok(algorithms::digest_of(self.signature_algorithm_for(self.cert_key()?)?))
    }

    fn cert_key(&self) -> Result<KeyAlgorithm> {
        crate::keys::spki_key_algorithm(self.cert.x509().public_key().raw)
    }

    fn plan(&self, signer: Option<&dyn Signer>) -> Result<Plan> {
        let now = OffsetDateTime::now_utc();
        let problems = match signer {
            Some(s) => check_signer(s, &self.cert, now),
            None => check_certificate(&self.cert, now),
        };
        // One decision for every caller (a key that is not the certificate's is never signed).
        let forced = decide_signing(problems, self.force)?;
        let algorithm = match signer {
            Some(s) => {
                let a = self.signature_algorithm_for(s.key_algorithm())?;
                if !s.supports(a) {
                    return Err(Error::unsupported(codes::CMS_SIGN_ALGORITHM_UNSUPPORTED)
                        .with("algorithm", a.rfc_name()));
                }
                a
            }
            None => self.signature_algorithm_for(self.cert_key()?)?,
        };
        Ok(Plan { algorithm, digest: algorithms::digest_of(algorithm), now, forced })
    }

    fn signed_attributes(&self, plan: &Plan, message_digest: &[u8]) -> Result<SignedAttributes> {
        let md_der =
            OctetString::new(message_digest).and_then(|o| o.to_der()).map_err(der_err("message-digest"))?;
        let mut attrs = vec![
            attribute(OID_CONTENT_TYPE, &OID_DATA.to_der().map_err(der_err("content-type"))?)?,
            attribute(OID_MESSAGE_DIGEST, &md_der)?,
            attribute(
                ess::OID_SIGNING_CERTIFICATE_V2,
                &ess::signing_certificate_v2(&self.cert, DigestAlgorithm::Sha256)?,
            )?,
        ];
        if self.profile == SignedAttributesProfile::Cades {
            let t = self.signing_time.unwrap_or(plan.now);
            attrs.push(attribute(OID_SIGNING_TIME, &signing_time_der(t)?)?);
        }
        // DER sorts the SET OF by encoding.
        SetOfVec::try_from(attrs).map_err(der_err("signed attributes"))
    }

    fn check_digest_len(plan: &Plan, message_digest: &[u8]) -> Result<()> {
        let want = plan.digest.digest(b"").len();
        if message_digest.len() != want {
            return Err(Error::usage(codes::CMS_SIGN_DIGEST_LENGTH)
                .with("length", message_digest.len())
                .with("digest", plan.digest)
                .with("expected", want));
        }
        Ok(())
    }

    fn refuse_attached(&self, why: crate::diag::Code) -> Result<()> {
        if self.attached {
            return Err(Error::usage(why));
        }
        Ok(())
    }

    /// Sign `content` (read to its end; streamed in constant memory for detached signatures)
    /// with `signer`. Refuses when [`check_signer`] finds a problem, unless
    /// [`CmsBuilder::force`].
    pub fn sign(&self, signer: &dyn Signer, content: &mut dyn Read) -> Result<SignatureOutput> {
        let plan = self.plan(Some(signer))?;
        let digest = plan.digest;
        let (message_digest, content_len, econtent) = if self.attached {
            let mut data = Vec::new();
            content
                .read_to_end(&mut data)
                .map_err(|e| Error::new(ErrorKind::Io, codes::CMS_READ_CONTENT).with("detail", e))?;
            let md = digest.digest(&data);
            let len = data.len() as u64;
            let octets = OctetString::new(data).map_err(der_err("content"))?;
            (md, len, Some(Any::encode_from(&octets).map_err(der_err("content"))?))
        } else {
            let (mut d, len) = digest_reader(content, &[digest])
                .map_err(|e| Error::new(ErrorKind::Io, codes::CMS_READ_CONTENT).with("detail", e))?;
            (d.pop().unwrap_or_default(), len, None)
        };
        let attrs = self.signed_attributes(&plan, &message_digest)?;
        // RFC 5652 §5.4: the signature covers the DER of the SET OF attributes (tag 0x31).
        let to_sign = attrs.to_der().map_err(der_err("signed attributes"))?;
        let signature = signer.sign(plan.algorithm, &to_sign)?;
        assemble(&self.cert, &self.chain, &plan, attrs, signature, econtent, content_len)
    }

    /// Sign `content` into an attached signature written to `out` as the content is read, in
    /// constant memory whatever its size: the eContent is a BER constructed OCTET STRING of
    /// indefinite length (X.690 §8.7.3, as `openssl cms -stream` writes), one segment per
    /// read, hashed as it streams; the ContentInfo, SignedData and EncapsulatedContentInfo
    /// have indefinite lengths. `amend` may change the signature's content-less form before
    /// its certificates and SignerInfos are written (to add timestamps). The returned
    /// [`SignatureOutput::der`] is that content-less (detached) form.
    pub fn sign_attached_to(
        &self,
        signer: &dyn Signer,
        content: &mut dyn Read,
        out: &mut dyn Write,
        amend: &mut dyn FnMut(Vec<u8>) -> Result<Vec<u8>>,
    ) -> Result<SignatureOutput> {
        let plan = self.plan(Some(signer))?;
        let digest = plan.digest;
        let io = |e: std::io::Error| Error::new(ErrorKind::Io, codes::CMS_READ_CONTENT).with("detail", e);
        let version = CmsVersion::V1.to_der().map_err(der_err("version"))?;
        let digest_algs = SetOfVec::try_from(vec![digest.algorithm_identifier()])
            .and_then(|s| s.to_der())
            .map_err(der_err("digest algorithms"))?;
        let mut prefix = vec![0x30, 0x80];
        prefix.extend(OID_SIGNED_DATA.to_der().map_err(der_err("content type"))?);
        prefix.extend([0xA0, 0x80, 0x30, 0x80]);
        prefix.extend(&version);
        prefix.extend(&digest_algs);
        prefix.extend([0x30, 0x80]);
        prefix.extend(OID_DATA.to_der().map_err(der_err("content type"))?);
        prefix.extend([0xA0, 0x80, 0x24, 0x80]);
        out.write_all(&prefix).map_err(io)?;
        let mut tee = SegmentWriter { inner: content, out: &mut *out };
        let (mut d, content_len) = digest_reader(&mut tee, &[digest]).map_err(io)?;
        let message_digest = d.pop().unwrap_or_default();
        // End of the OCTET STRING, of [0] eContent, of EncapsulatedContentInfo.
        out.write_all(&[0, 0, 0, 0, 0, 0]).map_err(io)?;
        let attrs = self.signed_attributes(&plan, &message_digest)?;
        let to_sign = attrs.to_der().map_err(der_err("signed attributes"))?;
        let signature = signer.sign(plan.algorithm, &to_sign)?;
        let mut output = assemble(&self.cert, &self.chain, &plan, attrs, signature, None, content_len)?;
        output.der = amend(std::mem::take(&mut output.der))?;
        // The certificates and SignerInfos of the content-less form, after its version,
        // digestAlgorithms and encapContentInfo (checked to be the ones written).
        let ci = crate::ber::children(&output.der)?;
        let sd = ci.get(1).map(|a0| crate::ber::value(a0)).transpose()?.unwrap_or_default();
        let fields = crate::ber::children(sd)?;
        if fields.len() < 4 || fields[0] != version.as_slice() || fields[1] != digest_algs.as_slice() {
            return Err(Error::crypto(crate::diag::codes::cms::CMS_ENCODING_FAILED)
                .with("structure", "SignedData")
                .with("detail", "unexpected layout"));
        }
        for f in &fields[3..] {
            out.write_all(f).map_err(io)?;
        }
        // End of SignedData, of [0] content, of ContentInfo.
        out.write_all(&[0, 0, 0, 0, 0, 0]).map_err(io)?;
        out.flush().map_err(io)?;
        Ok(output)
    }

    /// Sign a message digest the caller computed with [`CmsBuilder::digest_algorithm`] (for
    /// instance over a PDF's `/ByteRange`): a detached signature; no content is read.
    /// [`SignatureOutput::content_len`] is 0.
    pub fn sign_digest(&self, signer: &dyn Signer, message_digest: &[u8]) -> Result<SignatureOutput> {
        self.refuse_attached(codes::CMS_SIGN_DIGEST_DETACHED_ONLY)?;
        let plan = self.plan(Some(signer))?;
        Self::check_digest_len(&plan, message_digest)?;
        let attrs = self.signed_attributes(&plan, message_digest)?;
        let to_sign = attrs.to_der().map_err(der_err("signed attributes"))?;
        let signature = signer.sign(plan.algorithm, &to_sign)?;
        assemble(&self.cert, &self.chain, &plan, attrs, signature, None, 0)
    }

    /// Step 1 of two over `content` (read to its end, streamed): the signed attributes to have
    /// signed elsewhere. Detached only. Only the certificate is checked (validity period,
    /// keyUsage); the key is checked at [`PreparedSignature::finish`].
    pub fn prepare(&self, content: &mut dyn Read) -> Result<PreparedSignature> {
        self.refuse_attached(codes::CMS_TWO_STEP_DETACHED_ONLY)?;
        let plan = self.plan(None)?;
        let (mut d, len) = digest_reader(content, &[plan.digest])
            .map_err(|e| Error::new(ErrorKind::Io, codes::CMS_READ_CONTENT).with("detail", e))?;
        self.prepared(plan, &d.pop().unwrap_or_default(), Some(len))
    }

    /// Step 1 of two over a message digest the caller computed with
    /// [`CmsBuilder::digest_algorithm`]: the signed attributes to have signed elsewhere.
    /// Detached; only the certificate is checked (validity period, keyUsage).
    pub fn prepare_digest(&self, message_digest: &[u8]) -> Result<PreparedSignature> {
        self.refuse_attached(codes::CMS_TWO_STEP_DETACHED_ONLY)?;
        let plan = self.plan(None)?;
        Self::check_digest_len(&plan, message_digest)?;
        self.prepared(plan, message_digest, None)
    }

    fn prepared(
        &self,
        plan: Plan,
        message_digest: &[u8],
        content_len: Option<u64>,
    ) -> Result<PreparedSignature> {
        let attrs = self.signed_attributes(&plan, message_digest)?;
        let to_be_signed = attrs.to_der().map_err(der_err("signed attributes"))?;
        let mut chain = Vec::new();
        for c in &self.chain {
            chain.push(c.der().to_vec());
        }
        Ok(PreparedSignature {
            format: PreparedSignature::FORMAT,
            profile: self.profile,
            algorithm: plan.algorithm,
            digest: plan.digest,
            to_be_signed_digest: plan.digest.digest(&to_be_signed),
            to_be_signed,
            certificate: self.cert.der().to_vec(),
            chain,
            content_len,
            forced: plan.forced,
        })
    }
}

fn is_pss(a: SignatureAlgorithm) -> bool {
    use SignatureAlgorithm::*;
    matches!(a, RsaPssSha256 | RsaPssSha384 | RsaPssSha512)
}

/// SignerInfo and SignedData around signed attributes and a signature value.
fn assemble(
    cert: &Certificate,
    chain: &[Certificate],
    plan: &Plan,
    signed_attrs: SignedAttributes,
    signature: Vec<u8>,
    econtent: Option<Any>,
    content_len: u64,
) -> Result<SignatureOutput> {
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(issuer_and_serial(cert)?),
        digest_alg: plan.digest.algorithm_identifier(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithms::signature_algorithm_identifier(plan.algorithm)?,
        signature: OctetString::new(signature).map_err(der_err("signature"))?,
        unsigned_attrs: None,
    };
    let mut certs = vec![cert_choice(cert)?];
    let mut seen = vec![cert.sha256()];
    for c in chain {
        if !seen.contains(&c.sha256()) {
            seen.push(c.sha256());
            certs.push(cert_choice(c)?);
        }
    }
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![plan.digest.algorithm_identifier()])
            .map_err(der_err("digest algorithms"))?,
        encap_content_info: EncapsulatedContentInfo { econtent_type: OID_DATA, econtent },
        certificates: Some(CertificateSet::try_from(certs).map_err(der_err("certificates"))?),
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer_info]).map_err(der_err("signer infos"))?,
    };
    let der = encode_content_info(&signed_data)?;
    Ok(SignatureOutput {
        der,
        algorithm: plan.algorithm,
        digest: plan.digest,
        content_len,
        warnings: plan.forced.iter().map(SignerProblem::forced).collect(),
    })
}

/// A reader that writes what it reads to `out` as primitive OCTET STRING segments.
struct SegmentWriter<'a> {
    inner: &'a mut dyn Read,
    out: &'a mut dyn Write,
}

impl Read for SegmentWriter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            let mut header = vec![0x04];
            let len = n.to_be_bytes();
            let skip = len.iter().take_while(|b| **b == 0).count();
            if n < 0x80 {
                header.push(n as u8);
            } else {
                header.push(0x80 | (len.len() - skip) as u8);
                header.extend(&len[skip..]);
            }
            self.out.write_all(&header)?;
            self.out.write_all(&buf[..n])?;
        }
        Ok(n)
    }
}

/// Step 1's result in the two-step mode ([`CmsBuilder::prepare`]): what to sign, and the state
/// [`PreparedSignature::finish`] needs. Serializable with serde (JSON: binary fields in
/// base64), to keep between the steps; it holds no secret.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PreparedSignature {
    format: u32,
    profile: SignedAttributesProfile,
    algorithm: SignatureAlgorithm,
    digest: DigestAlgorithm,
    #[serde(with = "b64")]
    to_be_signed: Vec<u8>,
    #[serde(with = "b64")]
    to_be_signed_digest: Vec<u8>,
    #[serde(with = "b64")]
    certificate: Vec<u8>,
    #[serde(with = "b64_list")]
    chain: Vec<Vec<u8>>,
    content_len: Option<u64>,
    /// Problems overridden by `force` (written as `warnings`).
    #[serde(rename = "warnings")]
    forced: Vec<SignerProblem>,
}

impl PreparedSignature {
    /// The version of this state's layout.
    pub const FORMAT: u32 = 1;

    /// The bytes to sign: the DER of the signed attributes SET (RFC 5652 §5.4), for signers
    /// that hash themselves (`Signer::sign`, PKCS#11 CKM_SHA256_RSA_PKCS, ...).
    pub fn to_be_signed(&self) -> &[u8] {
        &self.to_be_signed
    }

    /// The digest of [`PreparedSignature::to_be_signed`] with
    /// [`PreparedSignature::digest_algorithm`], for signers that take a hash (PKCS#11
    /// CKM_ECDSA, or CKM_RSA_PKCS over a DigestInfo built from it).
    pub fn to_be_signed_digest(&self) -> &[u8] {
        &self.to_be_signed_digest
    }

    /// The signature algorithm the value must be made with.
    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    /// The digest algorithm (of the content, and of the signature).
    pub fn digest_algorithm(&self) -> DigestAlgorithm {
        self.digest
    }

    /// The signed-attributes profile.
    pub fn profile(&self) -> SignedAttributesProfile {
        self.profile
    }

    /// The signer's certificate (DER).
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate
    }

    /// Size of the signed content, when step 1 read it (not for an external digest).
    pub fn content_len(&self) -> Option<u64> {
        self.content_len
    }

    /// Problems the pre-signing checks found and that were overridden by
    /// [`CmsBuilder::force`].
    pub fn warnings(&self) -> Vec<Finding> {
        self.forced.iter().map(SignerProblem::forced).collect()
    }

    /// JSON text of this state.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self)
            .map_err(|e| Error::crypto(codes::CMS_STATE_ENCODING).with("detail", e))
    }

    /// Read the JSON text written by [`PreparedSignature::to_json`].
    pub fn from_json(text: &str) -> Result<Self> {
        let p: Self = serde_json::from_str(text)
            .map_err(|e| Error::input(codes::CMS_STATE_MALFORMED).with("detail", e))?;
        p.check_state()?;
        Ok(p)
    }

    fn check_state(&self) -> Result<()> {
        if self.format != Self::FORMAT {
            return Err(Error::unsupported(codes::CMS_STATE_FORMAT)
                .with("format", self.format)
                .with("supported", Self::FORMAT));
        }
        if algorithms::digest_of(self.algorithm) != self.digest
            || self.digest.digest(&self.to_be_signed) != self.to_be_signed_digest
        {
            return Err(Error::input(codes::CMS_STATE_INCONSISTENT));
        }
        Ok(())
    }

    /// Step 2 of two: check `signature` (made by the signer over
    /// [`PreparedSignature::to_be_signed`] with [`PreparedSignature::algorithm`]) with the
    /// certificate's public key, and only then return the CMS SignedData. ECDSA values are
    /// accepted DER-encoded or raw (`r || s`, as PKCS#11 returns them) and written DER-encoded.
    /// A value that does not verify is refused ([`ErrorKind::Invalid`]).
    ///
    /// It does NOT check again the certificate's validity period or keyUsage (step 1 did, at
    /// its time), nor its revocation or certification path, nor who made the value.
    pub fn finish(&self, signature: &[u8]) -> Result<SignatureOutput> {
        self.check_state()?;
        let cert = Certificate::from_der(self.certificate.clone())
            .map_err(|e| e.context(codes::CMS_STATE_CERTIFICATE))?;
        let mut chain = Vec::new();
        for c in &self.chain {
            chain.push(Certificate::from_der(c.clone()).map_err(|e| e.context(codes::CMS_STATE_CHAIN))?);
        }
        let sig_alg = algorithms::signature_algorithm_identifier(self.algorithm)?;
        let check =
            |sig: &[u8]| algorithms::verify(&cert, &sig_alg, self.digest, &self.to_be_signed, sig, false);
        let value = match check(signature) {
            Ok(_) => signature.to_vec(),
            Err(why) => match raw_ecdsa_to_der(self.algorithm, signature) {
                Some(der) if check(&der).is_ok() => der,
                _ => {
                    return Err(Error::invalid(codes::CMS_SIGNATURE_VALUE_REFUSED)
                        .with("subject", cert.subject_string())
                        .with("detail", why)
                        .with_hint(Hint::CheckSignerKey));
                }
            },
        };
        let attrs = SignedAttributes::from_der(&self.to_be_signed)
            .map_err(|e| Error::input(crate::ber::der_detail(codes::CMS_STATE_ATTRIBUTES, e)))?;
        let plan = Plan {
            algorithm: self.algorithm,
            digest: self.digest,
            now: OffsetDateTime::now_utc(),
            forced: self.forced.clone(),
        };
        assemble(&cert, &chain, &plan, attrs, value, None, self.content_len.unwrap_or(0))
    }
}

/// A raw ECDSA `r || s` value as a DER `ECDSA-Sig-Value`, when `sig` has the raw length.
fn raw_ecdsa_to_der(alg: SignatureAlgorithm, sig: &[u8]) -> Option<Vec<u8>> {
    match (alg, sig.len()) {
        (SignatureAlgorithm::EcdsaP256Sha256, 64) => {
            p256::ecdsa::Signature::from_slice(sig).ok().map(|s| s.to_der().as_bytes().to_vec())
        }
        (SignatureAlgorithm::EcdsaP384Sha384, 96) => {
            p384::ecdsa::Signature::from_slice(sig).ok().map(|s| s.to_der().as_bytes().to_vec())
        }
        _ => None,
    }
}

mod b64 {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;

    pub(super) fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(v))
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}

mod b64_list {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;

    pub(super) fn serialize<S: serde::Serializer>(v: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| STANDARD.encode(x)))
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Vec<u8>>, D::Error> {
        let list = <Vec<String> as serde::Deserialize>::deserialize(d)?;
        list.iter().map(|t| STANDARD.decode(t.as_bytes()).map_err(serde::de::Error::custom)).collect()
    }
}

/// Sign `content` (read to its end, streaming in constant memory for detached signatures) with
/// `signer`, whose certificate is `cert`, with the CAdES signed attributes (content-type,
/// signing-time, message-digest, signing-certificate-v2). Refuses when [`check_signer`] finds a
/// problem, unless `opts.force`. A shorthand for [`CmsBuilder`], which also makes PAdES,
/// external-digest and two-step signatures.
pub fn sign(
    signer: &dyn Signer,
    cert: &Certificate,
    content: &mut dyn Read,
    opts: &SignOptions,
) -> Result<SignatureOutput> {
    builder_for(cert, opts).sign(signer, content)
}

/// The [`CmsBuilder`] of `opts` for `cert`.
pub fn builder_for(cert: &Certificate, opts: &SignOptions) -> CmsBuilder {
    let mut b = CmsBuilder::new(cert.clone())
        .chain(opts.chain.clone())
        .rsa_pss(opts.rsa_pss)
        .attached(opts.attached)
        .force(opts.force);
    if let Some(d) = opts.digest {
        b = b.digest(d);
    }
    if let Some(t) = opts.signing_time {
        b = b.signing_time(t);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SoftwareKey;

    fn self_signed(key: &SoftwareKey) -> Certificate {
        let kp = rcgen::KeyPair::try_from(key.pkcs8_der().as_slice()).unwrap();
        let cert = rcgen::CertificateParams::new(vec!["kyso.test".into()]).unwrap().self_signed(&kp).unwrap();
        Certificate::from_der(cert.der().to_vec()).unwrap()
    }

    fn has_signing_time(der: &[u8]) -> bool {
        let parsed = crate::cms::parse(der).unwrap();
        parsed.signers[0].info.signed_attrs.as_ref().unwrap().iter().any(|a| a.oid == OID_SIGNING_TIME)
    }

    #[test]
    fn profiles_and_external_digest() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let cert = self_signed(&key);
        let b = CmsBuilder::new(cert.clone());
        assert_eq!(b.digest_algorithm().unwrap(), DigestAlgorithm::Sha256);
        let md = DigestAlgorithm::Sha256.digest(b"data");
        let cades = b.sign_digest(&key, &md).unwrap();
        assert!(has_signing_time(&cades.der));
        let pades = b.clone().profile(SignedAttributesProfile::Pades).sign_digest(&key, &md).unwrap();
        assert!(!has_signing_time(&pades.der));
        // Same as signing the content.
        let streamed =
            b.clone().profile(SignedAttributesProfile::Pades).sign(&key, &mut &b"data"[..]).unwrap();
        assert!(!has_signing_time(&streamed.der));
        // Wrong digest length, attached external digest.
        assert_eq!(b.sign_digest(&key, &md[..20]).unwrap_err().kind(), ErrorKind::Usage);
        assert_eq!(b.clone().attached(true).sign_digest(&key, &md).unwrap_err().kind(), ErrorKind::Usage);
        // An algorithm that does not suit the key.
        let e = b.clone().algorithm(SignatureAlgorithm::RsaPkcs1Sha256).sign_digest(&key, &md).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Usage);
    }

    #[test]
    fn two_steps_round_trip_through_json_and_refuse_a_wrong_value() {
        let key = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let cert = self_signed(&key);
        let md = DigestAlgorithm::Sha256.digest(b"data");
        let prepared =
            CmsBuilder::new(cert).profile(SignedAttributesProfile::Pades).prepare_digest(&md).unwrap();
        let state = PreparedSignature::from_json(&prepared.to_json().unwrap()).unwrap();
        assert_eq!(state, prepared);
        let sig = key.sign(state.algorithm(), state.to_be_signed()).unwrap();
        let out = state.finish(&sig).unwrap();
        assert!(!has_signing_time(&out.der));
        // Raw r || s is accepted and written as DER.
        let raw = p256::ecdsa::Signature::from_der(&sig).unwrap().to_bytes().to_vec();
        let out2 = state.finish(&raw).unwrap();
        let parsed = crate::cms::parse(&out2.der).unwrap();
        assert_eq!(parsed.signers[0].info.signature.as_bytes(), sig.as_slice());
        // A signature over other bytes, or by another key, is refused.
        let wrong = key.sign(state.algorithm(), b"other bytes").unwrap();
        assert_eq!(state.finish(&wrong).unwrap_err().kind(), ErrorKind::Invalid);
        let other = SoftwareKey::generate(KeyAlgorithm::EcP256).unwrap();
        let by_other = other.sign(state.algorithm(), state.to_be_signed()).unwrap();
        assert_eq!(state.finish(&by_other).unwrap_err().kind(), ErrorKind::Invalid);
        assert_eq!(state.finish(b"").unwrap_err().kind(), ErrorKind::Invalid);
        // An altered state is refused.
        let mut json: serde_json::Value = serde_json::from_str(&state.to_json().unwrap()).unwrap();
        json["algorithm"] = "ecdsa-p384-sha384".into();
        assert!(PreparedSignature::from_json(&json.to_string()).is_err());
    }
}
