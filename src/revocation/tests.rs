//! Unit tests with rcgen-issued CAs, leaves and CRLs.

use super::*;
use crate::diag::{Message, codes::revocation as rc};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CrlIssuingDistributionPoint, CrlScope, DistinguishedName, DnType, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, RevocationReason, RevokedCertParams, SerialNumber,
};
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-06-01 00:00:00 UTC);

struct Ca {
    params: CertificateParams,
    key: KeyPair,
    cert: Certificate,
}

fn dn(cn: &str) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    d.push(DnType::CountryName, "VN");
    d.push(DnType::OrganizationName, "Ban Cơ yếu Chính phủ");
    d.push(DnType::CommonName, cn);
    d
}

fn serial(n: u64) -> SerialNumber {
    SerialNumber::from(n.to_be_bytes().to_vec())
}

fn ca(cn: &str, usages: Vec<KeyUsagePurpose>) -> Ca {
    let mut params = CertificateParams::default();
    params.distinguished_name = dn(cn);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = usages;
    params.serial_number = Some(serial(1));
    params.not_before = datetime!(2025-01-01 00:00:00 UTC);
    params.not_after = datetime!(2030-01-01 00:00:00 UTC);
    let key = KeyPair::generate().expect("key");
    let cert = params.self_signed(&key).expect("self-signed");
    let cert = Certificate::from_der(cert.der().to_vec()).expect("parse");
    Ca { params, key, cert }
}

fn root() -> Ca {
    ca("Root", vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign])
}

fn leaf(issuer: &Ca, n: u64, crl_dp: &[&str]) -> Certificate {
    let mut params = CertificateParams::default();
    params.distinguished_name = dn(&format!("Leaf {n}"));
    params.serial_number = Some(serial(n));
    params.not_before = datetime!(2025-01-01 00:00:00 UTC);
    params.not_after = datetime!(2030-01-01 00:00:00 UTC);
    // rcgen 0.14 writes no extensions at all unless one of a few is set: basicConstraints
    // cA=FALSE makes it write the cRLDistributionPoints too.
    params.is_ca = IsCa::ExplicitNoCa;
    if !crl_dp.is_empty() {
        params.crl_distribution_points =
            vec![CrlDistributionPoint { uris: crl_dp.iter().map(|s| s.to_string()).collect() }];
    }
    let key = KeyPair::generate().expect("key");
    let issuer = Issuer::from_params(&issuer.params, &issuer.key);
    let c = params.signed_by(&key, &issuer).expect("sign leaf");
    Certificate::from_der(c.der().to_vec()).expect("parse")
}

struct CrlSpec {
    this_update: OffsetDateTime,
    next_update: OffsetDateTime,
    revoked: Vec<(u64, Option<RevocationReason>, OffsetDateTime)>,
    idp: Option<CrlIssuingDistributionPoint>,
}

impl Default for CrlSpec {
    fn default() -> Self {
        CrlSpec {
            this_update: datetime!(2026-05-01 00:00:00 UTC),
            next_update: datetime!(2026-07-01 00:00:00 UTC),
            revoked: Vec::new(),
            idp: None,
        }
    }
}

fn crl(signer_params: &CertificateParams, signer_key: &KeyPair, spec: CrlSpec) -> Crl {
    let params = CertificateRevocationListParams {
        this_update: spec.this_update,
        next_update: spec.next_update,
        crl_number: serial(7),
        issuing_distribution_point: spec.idp,
        revoked_certs: spec
            .revoked
            .into_iter()
            .map(|(n, reason_code, revocation_time)| RevokedCertParams {
                serial_number: serial(n),
                revocation_time,
                reason_code,
                invalidity_date: None,
            })
            .collect(),
        key_identifier_method: KeyIdMethod::Sha256,
    };
    let issuer = Issuer::from_params(signer_params, signer_key);
    let c = params.signed_by(&issuer).expect("sign CRL");
    Crl::from_der(c.der().to_vec()).expect("parse CRL")
}

fn check(cert: &Certificate, issuer: &Ca, crls: &[Crl]) -> RevocationStatus {
    check_certificate(cert, &issuer.cert, crls, NOW, false, &NoOtherSigners)
}

fn unknown_code(s: RevocationStatus) -> crate::diag::Code {
    match s {
        RevocationStatus::Unknown { reason, .. } => reason.code,
        other => panic!("expected Unknown, got {other:?}"),
    }
}

fn unknown_reason(s: RevocationStatus) -> String {
    match s {
        s @ RevocationStatus::Unknown { .. } => s.to_string(),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[test]
fn unlisted_certificate_is_good() {
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let crl = crl(&ca.params, &ca.key, CrlSpec { revoked: vec![(11, None, NOW)], ..Default::default() });
    assert_eq!(check(&ee, &ca, &[crl]), RevocationStatus::Good);
}

#[test]
fn listed_certificate_is_revoked_with_reason_date_and_issuer() {
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let when = datetime!(2026-04-15 10:00:00 UTC);
    let crl = crl(
        &ca.params,
        &ca.key,
        CrlSpec { revoked: vec![(10, Some(RevocationReason::KeyCompromise), when)], ..Default::default() },
    );
    match check(&ee, &ca, &[crl]) {
        RevocationStatus::Revoked { reason, date, crl_issuer, .. } => {
            assert_eq!(reason.as_deref(), Some("keyCompromise"));
            assert_eq!(date, when);
            assert!(crl_issuer.contains("CN=Root"), "{crl_issuer}");
        }
        other => panic!("expected Revoked, got {other:?}"),
    }
}

#[test]
fn certificate_hold_is_a_revocation() {
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let when = datetime!(2026-04-15 10:00:00 UTC);
    let crl = crl(
        &ca.params,
        &ca.key,
        CrlSpec { revoked: vec![(10, Some(RevocationReason::CertificateHold), when)], ..Default::default() },
    );
    assert!(matches!(
        check(&ee, &ca, &[crl]),
        RevocationStatus::Revoked { reason: Some(r), .. } if r == "certificateHold"
    ));
}

#[test]
fn revocation_after_the_checked_time_does_not_revoke_then() {
    // An entry dated after `time` (a CRL current at `time` that announces a future revocation
    // date): not revoked at `time`, revoked after it.
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let list = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            revoked: vec![(10, Some(RevocationReason::Superseded), datetime!(2026-05-20 00:00:00 UTC))],
            ..Default::default()
        },
    );
    let at = |t| check_certificate(&ee, &ca.cert, std::slice::from_ref(&list), t, false, &NoOtherSigners);
    assert_eq!(at(datetime!(2026-05-10 00:00:00 UTC)), RevocationStatus::Good);
    assert!(matches!(
        at(datetime!(2026-05-25 00:00:00 UTC)),
        RevocationStatus::Revoked { reason: Some(r), .. } if r == "superseded"
    ));
}

#[test]
fn expired_crl_gives_unknown_with_the_date() {
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let crl = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            this_update: datetime!(2026-03-01 00:00:00 UTC),
            next_update: datetime!(2026-04-01 00:00:00 UTC),
            ..Default::default()
        },
    );
    let reason = unknown_reason(check(&ee, &ca, &[crl]));
    assert!(reason.contains("CRL expired at 2026-04-01T00:00:00Z"), "{reason}");
}

#[test]
fn crl_not_yet_valid_gives_unknown() {
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let crl = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            this_update: datetime!(2026-06-02 00:00:00 UTC),
            next_update: datetime!(2026-07-01 00:00:00 UTC),
            ..Default::default()
        },
    );
    assert!(unknown_reason(check(&ee, &ca, &[crl])).contains("not yet valid"));
}

#[test]
fn crl_signed_by_another_key_with_the_same_name_is_rejected() {
    let ca = root();
    let impostor = root(); // same DN, other key
    let ee = leaf(&ca, 10, &[]);
    let crl = crl(&impostor.params, &impostor.key, CrlSpec::default());
    let reason = unknown_reason(check(&ee, &ca, &[crl]));
    assert!(reason.contains("CRL signature invalid"), "{reason}");
}

#[test]
fn a_newer_valid_crl_wins_over_a_badly_signed_one() {
    let ca = root();
    let impostor = root();
    let ee = leaf(&ca, 10, &[]);
    let bad = crl(
        &impostor.params,
        &impostor.key,
        CrlSpec { revoked: vec![(10, None, datetime!(2026-04-01 00:00:00 UTC))], ..Default::default() },
    );
    let good = crl(&ca.params, &ca.key, CrlSpec::default());
    assert_eq!(check(&ee, &ca, &[bad, good]), RevocationStatus::Good);
}

#[test]
fn no_crl_for_the_issuer() {
    let ca = root();
    let other = ca_named("Other CA");
    let ee = leaf(&ca, 10, &[]);
    let crl = crl(&other.params, &other.key, CrlSpec::default());
    let reason = unknown_reason(check(&ee, &ca, &[crl]));
    assert!(reason.contains("no CRL in scope for"), "{reason}");
    assert_eq!(unknown_code(check(&ee, &ca, &[])), rc::NO_CRL_IN_SCOPE);
}

fn ca_named(cn: &str) -> Ca {
    ca(cn, vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign])
}

fn idp(uri: &str, scope: Option<CrlScope>) -> Option<CrlIssuingDistributionPoint> {
    Some(CrlIssuingDistributionPoint {
        distribution_point: CrlDistributionPoint { uris: vec![uri.to_string()] },
        scope,
    })
}

#[test]
fn idp_must_match_the_certificate_distribution_point() {
    let ca = root();
    let ee = leaf(&ca, 10, &["http://crl.example.vn/b.crl"]);
    let other = crl(
        &ca.params,
        &ca.key,
        CrlSpec { idp: idp("http://crl.example.vn/a.crl", None), ..Default::default() },
    );
    let reason = unknown_reason(check(&ee, &ca, std::slice::from_ref(&other)));
    assert!(reason.contains("is not the certificate's"), "{reason}");
    let matching = crl(
        &ca.params,
        &ca.key,
        CrlSpec { idp: idp("http://crl.example.vn/b.crl", None), ..Default::default() },
    );
    assert_eq!(check(&ee, &ca, &[other, matching]), RevocationStatus::Good);
}

#[test]
fn partitioned_crl_does_not_cover_a_certificate_without_distribution_point() {
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let part = crl(
        &ca.params,
        &ca.key,
        CrlSpec { idp: idp("http://crl.example.vn/p1.crl", None), ..Default::default() },
    );
    assert!(matches!(check(&ee, &ca, &[part]), RevocationStatus::Unknown { .. }));
}

#[test]
fn only_ca_certs_crl_does_not_cover_a_leaf() {
    let ca = root();
    let ee = leaf(&ca, 10, &["http://crl.example.vn/ca.crl"]);
    let arl = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            idp: idp("http://crl.example.vn/ca.crl", Some(CrlScope::CaCertsOnly)),
            ..Default::default()
        },
    );
    let reason = unknown_reason(check(&ee, &ca, &[arl]));
    assert!(reason.contains("onlyContainsCACerts"), "{reason}");
    let users = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            idp: idp("http://crl.example.vn/ca.crl", Some(CrlScope::UserCertsOnly)),
            ..Default::default()
        },
    );
    assert_eq!(check(&ee, &ca, &[users]), RevocationStatus::Good);
}

/// A resolver that hands out fixed certificates.
struct Fixed(Vec<Certificate>);

impl CrlSignerResolver for Fixed {
    fn validated_signers(&self, crl_issuer_der: &[u8]) -> Vec<Certificate> {
        self.0.iter().filter(|c| c.x509().subject().as_raw() == crl_issuer_der).cloned().collect()
    }
}

#[test]
fn separate_crl_signing_key_comes_from_the_resolver() {
    // The CA's own key may not sign CRLs; a second certificate with the same name and cRLSign does.
    let ca = ca("Split CA", vec![KeyUsagePurpose::KeyCertSign]);
    let ee = leaf(&ca, 10, &[]);
    let mut signer_params = CertificateParams::default();
    signer_params.distinguished_name = dn("Split CA");
    signer_params.key_usages = vec![KeyUsagePurpose::CrlSign];
    signer_params.serial_number = Some(serial(2));
    let signer_key = KeyPair::generate().expect("key");
    let signer_cert =
        signer_params.signed_by(&signer_key, &Issuer::from_params(&ca.params, &ca.key)).expect("sign");
    let signer_cert = Certificate::from_der(signer_cert.der().to_vec()).expect("parse");
    let list = crl(
        &signer_params,
        &signer_key,
        CrlSpec { revoked: vec![(10, None, datetime!(2026-04-01 00:00:00 UTC))], ..Default::default() },
    );
    let reason = unknown_reason(check(&ee, &ca, std::slice::from_ref(&list)));
    assert!(reason.contains("lacks cRLSign"), "{reason}");
    let resolver = Fixed(vec![signer_cert]);
    assert!(matches!(
        check_certificate(&ee, &ca.cert, &[list], NOW, false, &resolver),
        RevocationStatus::Revoked { reason: None, .. }
    ));
}

#[test]
fn negative_and_padded_serials_match_exactly() {
    let ca = root();
    let ee = leaf(&ca, 0x80, &[]);
    // Serial 0x80 is encoded 00 80; a CRL entry for 0x7f or 0x0080 differs or matches accordingly.
    let other = crl(&ca.params, &ca.key, CrlSpec { revoked: vec![(0x7f, None, NOW)], ..Default::default() });
    assert_eq!(check(&ee, &ca, &[other]), RevocationStatus::Good);
    let same = crl(&ca.params, &ca.key, CrlSpec { revoked: vec![(0x80, None, NOW)], ..Default::default() });
    assert!(matches!(check(&ee, &ca, &[same]), RevocationStatus::Revoked { .. }));
}

#[test]
fn status_under_modes_and_display() {
    let revoked = RevocationStatus::Revoked {
        reason: Some("keyCompromise".into()),
        date: datetime!(2026-04-15 10:00:00 UTC),
        crl_issuer: "CN=Root".into(),
        ocsp_responder: None,
    };
    let unknown = RevocationStatus::Unknown {
        reason: Message::new(rc::NO_CRL_IN_SCOPE).with("subject", "CN=Leaf").with("issuer", "CN=Root"),
        notes: Vec::new(),
    };
    assert!(revoked.fails(RevocationMode::Soft) && revoked.fails(RevocationMode::Require));
    assert!(!revoked.fails(RevocationMode::Off));
    assert!(unknown.fails(RevocationMode::Require) && !unknown.fails(RevocationMode::Soft));
    assert!(!RevocationStatus::Good.fails(RevocationMode::Require));
    assert_eq!(revoked.to_string(), "revoked on 2026-04-15T10:00:00Z (keyCompromise) by CRL of CN=Root");
    assert_eq!(
        unknown.to_string(),
        "unknown: revocation status unknown for CN=Leaf: no CRL in scope for CN=Root"
    );
}

#[test]
fn mutated_crls_and_certificates_never_panic() {
    // Flip every byte of a CRL with an IDP and entries, and of a certificate with
    // cRLDistributionPoints: whatever still parses must be checked without panicking, and a
    // CRL whose signed bytes changed must never be taken as Good evidence.
    let ca = root();
    let ee = leaf(&ca, 10, &["http://crl.example.vn/b.crl"]);
    let list = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            idp: idp("http://crl.example.vn/b.crl", Some(CrlScope::UserCertsOnly)),
            revoked: vec![
                (11, Some(RevocationReason::KeyCompromise), datetime!(2026-04-01 00:00:00 UTC)),
                (12, None, datetime!(2026-04-02 00:00:00 UTC)),
            ],
            ..Default::default()
        },
    );
    assert_eq!(check(&ee, &ca, std::slice::from_ref(&list)), RevocationStatus::Good);
    let der = list.der().to_vec();
    let tbs = list.parsed().tbs_cert_list.as_ref();
    let tbs_start = tbs.as_ptr() as usize - list.der().as_ptr() as usize;
    let signed = tbs_start..tbs_start + tbs.len();
    let mut parsed = 0;
    for i in 0..der.len() {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut m = der.clone();
            m[i] ^= flip;
            let Ok(mutated) = Crl::from_der(m) else { continue };
            parsed += 1;
            let status = check(&ee, &ca, &[mutated]);
            // The TBS bytes are signed: a change there cannot be Good.
            if signed.contains(&i) {
                assert!(!status.is_good(), "byte {i} ^ {flip:#x} still Good");
            }
        }
    }
    assert!(parsed > 0);
    let cert_der = ee.der().to_vec();
    for i in 0..cert_der.len() {
        let mut m = cert_der.clone();
        m[i] ^= 0x01;
        if let Ok(mutated) = Certificate::from_der(m) {
            let _ = check(&mutated, &ca, std::slice::from_ref(&list));
        }
    }
}

/// Run `openssl` with `args` in `dir`; `None` (with a notice) when openssl is not installed,
/// a failure when the `CI` variable is set.
fn openssl(dir: &std::path::Path, args: &[&str]) -> Option<()> {
    match std::process::Command::new("openssl").args(args).current_dir(dir).output() {
        Ok(out) => {
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            Some(())
        }
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "openssl not available: {e}");
            eprintln!("notice: openssl not available ({e}); skipping");
            None
        }
    }
}

#[test]
fn openssl_rsa_pss_crls_verify_with_any_salt_length() {
    // OpenSSL signs PSS with the maximum salt length when asked (ring only checks salt = hash
    // length): both must verify, and a CRL from another key with the same name must not.
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ca = |key: &str, cert: &str| {
        openssl(
            d,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key,
                "-out",
                cert,
                "-subj",
                "/CN=PSS CA",
                "-days",
                "10",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        )
    };
    if ca("ca.key", "ca.pem").is_none() {
        return;
    }
    ca("other.key", "other.pem").expect("openssl");
    std::fs::write(d.join("index.txt"), "").expect("write");
    std::fs::write(d.join("crlnumber"), "01\n").expect("write");
    std::fs::write(
        d.join("c.cnf"),
        "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=30\n",
    )
    .expect("write");
    let gencrl = |key: &str, cert: &str, salt: &str, out: &str| {
        openssl(
            d,
            &[
                "ca",
                "-batch",
                "-config",
                "c.cnf",
                "-gencrl",
                "-keyfile",
                key,
                "-cert",
                cert,
                "-out",
                out,
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                salt,
            ],
        )
        .expect("openssl");
        Crl::load_all(d.join(out)).expect("CRL").remove(0)
    };
    let max = gencrl("ca.key", "ca.pem", "rsa_pss_saltlen:max", "max.pem");
    let digest = gencrl("ca.key", "ca.pem", "rsa_pss_saltlen:digest", "digest.pem");
    let forged = gencrl("other.key", "other.pem", "rsa_pss_saltlen:max", "forged.pem");
    let ca_cert = Certificate::load(d.join("ca.pem")).expect("CA");
    // A leaf naming "CN=PSS CA" as issuer (its own signature is not this module's concern).
    let mut issuer_params = CertificateParams::default();
    issuer_params.distinguished_name = DistinguishedName::new();
    issuer_params.distinguished_name.push(DnType::CommonName, "PSS CA");
    let issuer_key = KeyPair::generate().expect("key");
    let fake = Ca { cert: ca_cert.clone(), params: issuer_params, key: issuer_key };
    let ee = leaf(&fake, 5, &[]);
    let now = OffsetDateTime::now_utc();
    for (name, list, good) in [("max", max, true), ("digest", digest, true), ("forged", forged, false)] {
        let status = check_certificate(&ee, &ca_cert, &[list], now, false, &NoOtherSigners);
        assert_eq!(status.is_good(), good, "{name}: {status}");
        if !good {
            assert!(status.to_string().contains("CRL signature invalid"), "{status}");
        }
    }
}

/// `openssl verify -crl_check` at NOW: `Some(true)` when it accepts, `Some(false)` with the
/// expected error text checked, `None` when openssl is absent.
fn openssl_verify(ca: &Ca, ee: &Certificate, list: &Crl, expect_error: Option<&str>) -> Option<bool> {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("ca.pem"), ca.cert.to_pem()).expect("write");
    std::fs::write(d.join("ee.pem"), ee.to_pem()).expect("write");
    std::fs::write(d.join("crl.pem"), list.to_pem()).expect("write");
    let attime = NOW.unix_timestamp().to_string();
    let out = match std::process::Command::new("openssl")
        .args([
            "verify",
            "-crl_check",
            "-attime",
            &attime,
            "-CAfile",
            "ca.pem",
            "-CRLfile",
            "crl.pem",
            "ee.pem",
        ])
        .current_dir(d)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "openssl not available: {e}");
            eprintln!("notice: openssl not available ({e}); skipping");
            return None;
        }
    };
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if let Some(e) = expect_error {
        assert!(text.contains(e), "openssl said: {text}");
    }
    Some(out.status.success())
}

#[test]
fn same_decisions_as_openssl_verify_crl_check() {
    let ca = root();
    let ee = leaf(&ca, 10, &[]);
    let revoked = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            revoked: vec![(10, Some(RevocationReason::KeyCompromise), datetime!(2026-04-01 00:00:00 UTC))],
            ..Default::default()
        },
    );
    let good = crl(&ca.params, &ca.key, CrlSpec { revoked: vec![(11, None, NOW)], ..Default::default() });
    let expired = crl(
        &ca.params,
        &ca.key,
        CrlSpec {
            this_update: datetime!(2026-03-01 00:00:00 UTC),
            next_update: datetime!(2026-04-01 00:00:00 UTC),
            ..Default::default()
        },
    );
    let Some(ok) = openssl_verify(&ca, &ee, &revoked, Some("certificate revoked")) else { return };
    assert!(!ok);
    assert!(check(&ee, &ca, std::slice::from_ref(&revoked)).is_revoked());
    assert_eq!(openssl_verify(&ca, &ee, &good, None), Some(true));
    assert!(check(&ee, &ca, std::slice::from_ref(&good)).is_good());
    assert_eq!(openssl_verify(&ca, &ee, &expired, Some("CRL has expired")), Some(false));
    assert!(matches!(check(&ee, &ca, &[expired]), RevocationStatus::Unknown { .. }));
}

/// With openssl in a temporary directory: a CA "CN=<cn>" from the key `ca.key` made by
/// `keygen` (openssl arguments), and an empty CRL signed with `-md md`; with a leaf naming that
/// CA as its issuer. `None` when openssl is absent.
fn openssl_ca_and_crl(cn: &str, keygen: &[&[&str]], md: &str) -> Option<(Certificate, Crl, Certificate)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for args in keygen {
        openssl(d, args)?;
    }
    let subj = format!("/CN={cn}");
    openssl(
        d,
        &[
            "req",
            "-x509",
            "-key",
            "ca.key",
            "-out",
            "ca.pem",
            "-subj",
            &subj,
            "-days",
            "10",
            "-sha256",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    )?;
    std::fs::write(d.join("index.txt"), "").expect("write");
    std::fs::write(d.join("crlnumber"), "01\n").expect("write");
    std::fs::write(
        d.join("c.cnf"),
        format!("[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md={md}\ndefault_crl_days=30\n"),
    )
    .expect("write");
    openssl(
        d,
        &[
            "ca", "-batch", "-config", "c.cnf", "-gencrl", "-keyfile", "ca.key", "-cert", "ca.pem", "-out",
            "crl.pem",
        ],
    )?;
    let list = Crl::load_all(d.join("crl.pem")).expect("CRL").remove(0);
    let ca_cert = Certificate::load(d.join("ca.pem")).expect("CA");
    let mut params = CertificateParams::default();
    params.distinguished_name = DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, cn);
    let fake = Ca { cert: ca_cert.clone(), params, key: KeyPair::generate().expect("key") };
    let ee = leaf(&fake, 5, &[]);
    Some((ca_cert, list, ee))
}

#[test]
fn openssl_dsa_sha256_crl_verifies_only_with_legacy_allowed() {
    let Some((ca_cert, list, ee)) = openssl_ca_and_crl(
        "DSA CA",
        &[
            &[
                "genpkey",
                "-genparam",
                "-algorithm",
                "DSA",
                "-pkeyopt",
                "dsa_paramgen_bits:2048",
                "-out",
                "p.pem",
            ],
            &["genpkey", "-paramfile", "p.pem", "-out", "ca.key"],
        ],
        "sha256",
    ) else {
        return;
    };
    let now = OffsetDateTime::now_utc();
    let strict = check_certificate(&ee, &ca_cert, std::slice::from_ref(&list), now, false, &NoOtherSigners);
    assert!(strict.to_string().contains("legacy signature algorithm dsa-with-sha256"), "{strict}");
    assert!(check_certificate(&ee, &ca_cert, &[list], now, true, &NoOtherSigners).is_good());
}

#[test]
fn openssl_rsa_1024_and_sha1_crls_verify_only_with_legacy_allowed() {
    for (bits, md, needle) in [
        ("1024", "sha256", "sha256WithRSAEncryption with a 1024-bit RSA key"),
        ("2048", "sha1", "legacy signature algorithm sha1WithRSAEncryption"),
    ] {
        let keygen = format!("rsa_keygen_bits:{bits}");
        let Some((ca_cert, list, ee)) = openssl_ca_and_crl(
            "Old RSA CA",
            &[&["genpkey", "-algorithm", "RSA", "-pkeyopt", &keygen, "-out", "ca.key"]],
            md,
        ) else {
            return;
        };
        let now = OffsetDateTime::now_utc();
        let strict =
            check_certificate(&ee, &ca_cert, std::slice::from_ref(&list), now, false, &NoOtherSigners);
        assert!(strict.to_string().contains(needle), "{bits}/{md}: {strict}");
        let lenient = check_certificate(&ee, &ca_cert, &[list], now, true, &NoOtherSigners);
        assert!(lenient.is_good(), "{bits}/{md}: {lenient}");
    }
}

#[test]
fn openssl_ecdsa_crls_with_sha512_sha224_and_legacy_sha1() {
    for (curve, md, legacy) in [
        ("P-256", "sha512", false),
        ("P-384", "sha512", false),
        ("P-384", "sha224", false),
        ("P-256", "sha256", false),
        ("P-256", "sha1", true),
    ] {
        let curve_opt = format!("ec_paramgen_curve:{curve}");
        let Some((ca_cert, list, ee)) = openssl_ca_and_crl(
            "EC CA",
            &[&["genpkey", "-algorithm", "EC", "-pkeyopt", &curve_opt, "-out", "ca.key"]],
            md,
        ) else {
            return;
        };
        let now = OffsetDateTime::now_utc();
        let strict =
            check_certificate(&ee, &ca_cert, std::slice::from_ref(&list), now, false, &NoOtherSigners);
        if legacy {
            assert!(strict.to_string().contains("legacy signature algorithm ecdsa-with-SHA1"), "{strict}");
            let lenient = check_certificate(&ee, &ca_cert, &[list], now, true, &NoOtherSigners);
            assert!(lenient.is_good(), "{curve}/{md}: {lenient}");
        } else {
            assert!(strict.is_good(), "{curve}/{md}: {strict}");
            // The last byte is the signature's: flipped, the CRL must not verify.
            let mut der = list.der().to_vec();
            if let Some(b) = der.last_mut() {
                *b ^= 1;
            }
            let tampered = Crl::from_der(der).expect("still a CRL");
            let s = check_certificate(&ee, &ca_cert, &[tampered], now, false, &NoOtherSigners);
            assert!(s.to_string().contains("CRL signature invalid"), "{curve}/{md}: {s}");
        }
    }
}

#[test]
fn ed25519_and_p384_crls_verify() {
    for alg in [&rcgen::PKCS_ED25519, &rcgen::PKCS_ECDSA_P384_SHA384] {
        let mut params = CertificateParams::default();
        params.distinguished_name = dn("Curve CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate_for(alg).expect("key");
        let cert =
            Certificate::from_der(params.self_signed(&key).expect("cert").der().to_vec()).expect("parse");
        let ca = Ca { params, key, cert };
        let ee = leaf(&ca, 10, &[]);
        let good = crl(&ca.params, &ca.key, CrlSpec::default());
        assert!(check(&ee, &ca, &[good]).is_good(), "{alg:?}");
        let revoked =
            crl(&ca.params, &ca.key, CrlSpec { revoked: vec![(10, None, NOW)], ..Default::default() });
        assert!(check(&ee, &ca, &[revoked]).is_revoked(), "{alg:?}");
    }
}
