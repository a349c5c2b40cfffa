//! Unit tests with CRLs built field by field (x509-cert types, signed with the CA's rcgen key):
//! what rcgen cannot issue — indirect CRLs with certificateIssuer entries, delta CRLs,
//! onlySomeReasons, nameRelativeToCRLIssuer, unknown critical extensions, missing cRLNumber.

use super::*;
use der::asn1::{BitString, Ia5String, OctetString, UtcTime};
use der::{Decode, Encode};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SigningKey,
};
use spki::AlgorithmIdentifierOwned;
use time::macros::datetime;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::crl::dp::{DistributionPoint, IssuingDistributionPoint, Reasons};
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::name::{Name, RelativeDistinguishedName};

const NOW: OffsetDateTime = datetime!(2026-06-01 00:00:00 UTC);
const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";

struct Ca {
    params: CertificateParams,
    key: KeyPair,
    cert: Certificate,
}

fn dn(cn: &str) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    d.push(DnType::CountryName, "VN");
    d.push(DnType::OrganizationName, "Bộ Tài chính");
    d.push(DnType::CommonName, cn);
    d
}

fn ca(cn: &str, signer: Option<&Ca>) -> Ca {
    let mut params = CertificateParams::default();
    params.distinguished_name = dn(cn);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.serial_number = Some(rcgen::SerialNumber::from(vec![0x42]));
    let key = KeyPair::generate().expect("key");
    let der = match signer {
        Some(s) => params.signed_by(&key, &Issuer::from_params(&s.params, &s.key)).expect("sign"),
        None => params.self_signed(&key).expect("self-sign"),
    };
    let cert = Certificate::from_der(der.der().to_vec()).expect("parse");
    Ca { params, key, cert }
}

fn name_of(c: &Certificate) -> Name {
    Name::from_der(c.x509().subject().as_raw()).expect("name")
}

fn uri(u: &str) -> GeneralName {
    GeneralName::UniformResourceIdentifier(Ia5String::new(u).expect("ia5"))
}

/// A leaf of `issuer` with serial `n` and, if given, a cRLDistributionPoints extension.
fn leaf(issuer: &Ca, n: u8, dps: Option<Vec<DistributionPoint>>) -> Certificate {
    let mut params = CertificateParams::default();
    params.distinguished_name = dn(&format!("Leaf {n}"));
    params.serial_number = Some(rcgen::SerialNumber::from(vec![n]));
    params.is_ca = IsCa::ExplicitNoCa;
    if let Some(dps) = dps {
        let der = x509_cert::ext::pkix::CrlDistributionPoints(dps).to_der().expect("encode CRLDP");
        params.custom_extensions = vec![CustomExtension::from_oid_content(&[2, 5, 29, 31], der)];
    }
    let key = KeyPair::generate().expect("key");
    let c = params.signed_by(&key, &Issuer::from_params(&issuer.params, &issuer.key)).expect("sign");
    Certificate::from_der(c.der().to_vec()).expect("parse")
}

fn ext(oid: &str, critical: bool, value: Vec<u8>) -> Extension {
    Extension {
        extn_id: oid.parse().expect("oid"),
        critical,
        extn_value: OctetString::new(value).expect("octets"),
    }
}

fn integer(n: u64) -> Vec<u8> {
    der::asn1::Uint::new(&n.to_be_bytes()).expect("uint").to_der().expect("encode")
}

fn time(t: OffsetDateTime) -> x509_cert::time::Time {
    let d = der::DateTime::from_unix_duration(std::time::Duration::from_secs(t.unix_timestamp() as u64))
        .expect("date");
    x509_cert::time::Time::UtcTime(UtcTime::from_date_time(d).expect("utc"))
}

#[derive(Default)]
struct Entry {
    serial: u8,
    reason: Option<u8>,
    certificate_issuer: Option<Name>,
    unknown_critical: bool,
}

struct Spec {
    this_update: OffsetDateTime,
    next_update: OffsetDateTime,
    number: Option<u64>,
    delta_base: Option<u64>,
    idp: Option<IssuingDistributionPoint>,
    extra: Vec<Extension>,
    entries: Vec<Entry>,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            this_update: datetime!(2026-05-01 00:00:00 UTC),
            next_update: datetime!(2026-07-01 00:00:00 UTC),
            number: Some(5),
            delta_base: None,
            idp: None,
            extra: Vec::new(),
            entries: Vec::new(),
        }
    }
}

fn idp(names: Option<DistributionPointName>) -> IssuingDistributionPoint {
    IssuingDistributionPoint {
        distribution_point: names,
        only_contains_user_certs: false,
        only_contains_ca_certs: false,
        only_some_reasons: None,
        indirect_crl: false,
        only_contains_attribute_certs: false,
    }
}

/// Build and sign a CRL of `signer` (its subject is the CRL issuer).
fn build(signer: &Ca, spec: Spec) -> Crl {
    let alg = AlgorithmIdentifierOwned { oid: ECDSA_SHA256.parse().expect("oid"), parameters: None };
    let mut exts = Vec::new();
    if let Some(n) = spec.number {
        exts.push(ext("2.5.29.20", false, integer(n)));
    }
    if let Some(b) = spec.delta_base {
        exts.push(ext("2.5.29.27", true, integer(b)));
    }
    if let Some(i) = &spec.idp {
        exts.push(ext("2.5.29.28", true, i.to_der().expect("encode IDP")));
    }
    exts.extend(spec.extra);
    let entries: Vec<RevokedCert> = spec
        .entries
        .iter()
        .map(|e| {
            let mut x = Vec::new();
            if let Some(r) = e.reason {
                x.push(ext("2.5.29.21", false, vec![0x0a, 0x01, r]));
            }
            if let Some(n) = &e.certificate_issuer {
                let gns = vec![GeneralName::DirectoryName(n.clone())];
                x.push(ext("2.5.29.29", true, gns.to_der().expect("encode")));
            }
            if e.unknown_critical {
                x.push(ext("1.3.6.1.4.1.99999.1", true, vec![0x05, 0x00]));
            }
            RevokedCert {
                serial_number: x509_cert::serial_number::SerialNumber::new(&[e.serial]).expect("serial"),
                revocation_date: time(datetime!(2026-04-01 00:00:00 UTC)),
                crl_entry_extensions: if x.is_empty() { None } else { Some(x) },
            }
        })
        .collect();
    let tbs = TbsCertList {
        version: x509_cert::Version::V2,
        signature: alg.clone(),
        issuer: name_of(&signer.cert),
        this_update: time(spec.this_update),
        next_update: Some(time(spec.next_update)),
        revoked_certificates: if entries.is_empty() { None } else { Some(entries) },
        crl_extensions: if exts.is_empty() { None } else { Some(exts) },
    };
    let tbs_der = tbs.to_der().expect("encode TBS");
    let sig = signer.key.sign(&tbs_der).expect("sign");
    let list = CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: alg,
        signature: BitString::from_bytes(&sig).expect("bits"),
    };
    Crl::from_der(list.to_der().expect("encode CRL")).expect("parse CRL")
}

struct Fixed(Vec<Certificate>);

impl CrlSignerResolver for Fixed {
    fn validated_signers(&self, crl_issuer_der: &[u8]) -> Vec<Certificate> {
        self.0.iter().filter(|c| c.x509().subject().as_raw() == crl_issuer_der).cloned().collect()
    }
}

fn check(
    cert: &Certificate,
    issuer: &Ca,
    crls: &[Crl],
    resolver: &dyn CrlSignerResolver,
) -> RevocationStatus {
    check_certificate(cert, &issuer.cert, crls, NOW, false, resolver)
}

fn reason_of(s: &RevocationStatus) -> String {
    match s {
        RevocationStatus::Revoked { reason, .. } => reason.clone().unwrap_or_default(),
        s @ RevocationStatus::Unknown { .. } => s.to_string(),
        RevocationStatus::Good => "good".into(),
    }
}

#[test]
fn indirect_crl_entries_carry_their_certificate_issuer_over() {
    let root = ca("Root", None);
    let sub = ca("Sub CA", Some(&root));
    let crl_issuer = ca("CRL Issuer", Some(&root));
    let dp = |issuer_name: Name| {
        Some(vec![DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(vec![uri(
                "http://crl.example.vn/ind.crl",
            )])),
            reasons: None,
            crl_issuer: Some(vec![GeneralName::DirectoryName(issuer_name)]),
        }])
    };
    let mut scope = idp(Some(DistributionPointName::FullName(vec![uri("http://crl.example.vn/ind.crl")])));
    scope.indirect_crl = true;
    let list = build(
        &crl_issuer,
        Spec {
            idp: Some(scope.clone()),
            entries: vec![
                // The CRL issuer's own certificate 10.
                Entry { serial: 10, reason: Some(1), ..Default::default() },
                // Sub CA's 20, then 21 with the issuer carried over.
                Entry {
                    serial: 20,
                    reason: Some(4),
                    certificate_issuer: Some(name_of(&sub.cert)),
                    ..Default::default()
                },
                Entry { serial: 21, reason: Some(5), ..Default::default() },
            ],
            ..Default::default()
        },
    );
    let resolver = Fixed(vec![crl_issuer.cert.clone()]);
    let lists = std::slice::from_ref(&list);
    let r21 = check(&leaf(&sub, 21, dp(name_of(&crl_issuer.cert))), &sub, lists, &resolver);
    assert_eq!(reason_of(&r21), "cessationOfOperation", "{r21}");
    let r20 = check(&leaf(&sub, 20, dp(name_of(&crl_issuer.cert))), &sub, lists, &resolver);
    assert_eq!(reason_of(&r20), "superseded", "{r20}");
    // Serial 10 of the Sub CA is not the CRL issuer's serial 10.
    assert!(check(&leaf(&sub, 10, dp(name_of(&crl_issuer.cert))), &sub, lists, &resolver).is_good());
    // Without a validated signer for the CRL issuer, nothing can be said.
    let none = check(&leaf(&sub, 21, dp(name_of(&crl_issuer.cert))), &sub, lists, &NoOtherSigners);
    assert!(reason_of(&none).contains("no validated certificate"), "{none}");
    // A certificate without the cRLIssuer pointer is not covered by someone else's CRL.
    let direct = check(&leaf(&sub, 21, None), &sub, lists, &resolver);
    assert!(reason_of(&direct).contains(": no CRL in scope"), "{direct}");
    // The same CRL without indirectCRL cannot serve as the cRLIssuer's CRL.
    scope.indirect_crl = false;
    let not_indirect = build(&crl_issuer, Spec { idp: Some(scope), ..Default::default() });
    let s = check(&leaf(&sub, 21, dp(name_of(&crl_issuer.cert))), &sub, &[not_indirect], &resolver);
    assert!(reason_of(&s).contains("not an indirect CRL"), "{s}");
}

#[test]
fn delta_crls_apply_on_their_base() {
    let ca = ca("Delta CA", None);
    let ee10 = leaf(&ca, 10, None);
    let ee11 = leaf(&ca, 11, None);
    let complete = build(
        &ca,
        Spec {
            number: Some(5),
            entries: vec![Entry { serial: 10, reason: Some(6), ..Default::default() }],
            ..Default::default()
        },
    );
    // Alone, the complete CRL puts 10 on hold.
    assert_eq!(
        reason_of(&check(&ee10, &ca, std::slice::from_ref(&complete), &NoOtherSigners)),
        "certificateHold"
    );
    let delta = |base: u64, number: u64, next: OffsetDateTime, entries: Vec<Entry>| {
        build(
            &ca,
            Spec {
                this_update: datetime!(2026-05-15 00:00:00 UTC),
                next_update: next,
                number: Some(number),
                delta_base: Some(base),
                entries,
                ..Default::default()
            },
        )
    };
    let later = datetime!(2026-06-15 00:00:00 UTC);
    let d = delta(
        5,
        6,
        later,
        vec![
            Entry { serial: 10, reason: Some(8), ..Default::default() },
            Entry { serial: 11, reason: Some(1), ..Default::default() },
        ],
    );
    let both = [complete.clone(), d];
    // removeFromCRL in the delta lifts the hold; 11 is revoked by the delta.
    assert!(check(&ee10, &ca, &both, &NoOtherSigners).is_good());
    assert_eq!(reason_of(&check(&ee11, &ca, &both, &NoOtherSigners)), "keyCompromise");
    // A delta based on a later complete CRL does not apply to this one.
    let unrelated = [
        complete.clone(),
        delta(6, 7, later, vec![Entry { serial: 10, reason: Some(8), ..Default::default() }]),
    ];
    assert_eq!(reason_of(&check(&ee10, &ca, &unrelated, &NoOtherSigners)), "certificateHold");
    // An out-of-date delta: the newest information is missing.
    let stale = [complete.clone(), delta(5, 6, datetime!(2026-05-20 00:00:00 UTC), Vec::new())];
    let s = check(&ee11, &ca, &stale, &NoOtherSigners);
    assert!(reason_of(&s).contains("delta") && reason_of(&s).contains("expired"), "{s}");
    // A delta alone is not a complete CRL.
    let alone = [delta(5, 6, later, Vec::new())];
    assert!(reason_of(&check(&ee11, &ca, &alone, &NoOtherSigners)).contains(": no CRL in scope"));
}

#[test]
fn reasons_must_be_covered_by_the_union_of_partial_crls() {
    let ca = ca("Reasons CA", None);
    let ee = leaf(&ca, 10, None);
    let some = |flags: x509_cert::ext::pkix::crl::dp::ReasonFlags| {
        let mut i = idp(None);
        i.only_some_reasons = Some(flags);
        build(&ca, Spec { idp: Some(i), ..Default::default() })
    };
    let compromise = some(Reasons::KeyCompromise | Reasons::CaCompromise);
    let rest = some(
        Reasons::AffiliationChanged
            | Reasons::Superseded
            | Reasons::CessationOfOperation
            | Reasons::CertificateHold
            | Reasons::PrivilegeWithdrawn
            | Reasons::AaCompromise,
    );
    let s = check(&ee, &ca, std::slice::from_ref(&compromise), &NoOtherSigners);
    match &s {
        RevocationStatus::Unknown { reason, .. } => {
            assert_eq!(reason.code, crate::diag::codes::revocation::REASONS_NOT_COVERED);
            assert_eq!(
                reason.params.get("reasons"),
                Some(
                    "affiliationChanged, superseded, cessationOfOperation, certificateHold, privilegeWithdrawn, \
                     aACompromise"
                )
            );
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert!(check(&ee, &ca, &[compromise, rest], &NoOtherSigners).is_good());
}

#[test]
fn name_relative_to_crl_issuer_matches_full_names() {
    let ca = ca("RDN CA", None);
    let mut rdn_name = name_of(&ca.cert);
    let rdn = RelativeDistinguishedName::from_der(&[
        0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x04, b'C', b'R', b'L', b'1',
    ])
    .expect("rdn");
    rdn_name.0.push(rdn.clone());
    // The certificate names the full name; the CRL says the same relative to its issuer.
    let ee = leaf(
        &ca,
        10,
        Some(vec![DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(vec![GeneralName::DirectoryName(
                rdn_name,
            )])),
            reasons: None,
            crl_issuer: None,
        }]),
    );
    let relative = build(
        &ca,
        Spec {
            idp: Some(idp(Some(DistributionPointName::NameRelativeToCRLIssuer(rdn)))),
            ..Default::default()
        },
    );
    assert!(check(&ee, &ca, std::slice::from_ref(&relative), &NoOtherSigners).is_good());
    let other_rdn = RelativeDistinguishedName::from_der(&[
        0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x04, b'C', b'R', b'L', b'2',
    ])
    .expect("rdn");
    let other = build(
        &ca,
        Spec {
            idp: Some(idp(Some(DistributionPointName::NameRelativeToCRLIssuer(other_rdn)))),
            ..Default::default()
        },
    );
    assert!(matches!(check(&ee, &ca, &[other], &NoOtherSigners), RevocationStatus::Unknown { .. }));
}

#[test]
fn unusable_crls_are_skipped_with_the_reason() {
    let ca = ca("Strict CA", None);
    let ee = leaf(&ca, 10, None);
    let unknown_ext = build(
        &ca,
        Spec { extra: vec![ext("1.3.6.1.4.1.99999.2", true, vec![0x05, 0x00])], ..Default::default() },
    );
    let s = check(&ee, &ca, &[unknown_ext], &NoOtherSigners);
    assert!(reason_of(&s).contains("unrecognised critical CRL extension 1.3.6.1.4.1.99999.2"), "{s}");
    // Non-critical unknown extensions are ignored.
    let benign = build(
        &ca,
        Spec { extra: vec![ext("1.3.6.1.4.1.99999.2", false, vec![0x05, 0x00])], ..Default::default() },
    );
    assert!(check(&ee, &ca, &[benign], &NoOtherSigners).is_good());
    // An unknown critical entry extension, even on another certificate's entry.
    let entry = build(
        &ca,
        Spec {
            entries: vec![Entry { serial: 99, unknown_critical: true, ..Default::default() }],
            ..Default::default()
        },
    );
    let s = check(&ee, &ca, &[entry], &NoOtherSigners);
    assert!(reason_of(&s).contains("unrecognised critical CRL entry extension"), "{s}");
    // No cRLNumber.
    let unnumbered = build(&ca, Spec { number: None, ..Default::default() });
    let s = check(&ee, &ca, &[unnumbered], &NoOtherSigners);
    assert!(reason_of(&s).contains("no cRLNumber"), "{s}");
    // A malformed IDP.
    let bad_idp = build(
        &ca,
        Spec { extra: vec![ext("2.5.29.28", true, vec![0x30, 0x03, 0x81, 0x01])], ..Default::default() },
    );
    let s = check(&ee, &ca, &[bad_idp], &NoOtherSigners);
    assert!(reason_of(&s).contains("malformed issuingDistributionPoint"), "{s}");
}

#[test]
fn detailed_check_names_the_crls_used_and_the_skipped_ones() {
    let ca = ca("Evidence CA", None);
    let ee = leaf(&ca, 11, None);
    let expired = build(
        &ca,
        Spec {
            this_update: datetime!(2026-03-01 00:00:00 UTC),
            next_update: datetime!(2026-04-01 00:00:00 UTC),
            number: Some(3),
            ..Default::default()
        },
    );
    let complete = build(&ca, Spec { number: Some(5), ..Default::default() });
    let delta = build(
        &ca,
        Spec {
            this_update: datetime!(2026-05-15 00:00:00 UTC),
            number: Some(6),
            delta_base: Some(5),
            entries: vec![Entry { serial: 11, reason: Some(1), ..Default::default() }],
            ..Default::default()
        },
    );
    let crls = [expired, complete, delta];
    let r = check_certificate_detailed(&ee, &ca.cert, &crls, NOW, false, &NoOtherSigners);
    assert!(r.status.is_revoked(), "{}", r.status);
    assert_eq!(r.crls_used, vec![CrlUse { index: 1, delta: false }, CrlUse { index: 2, delta: true }]);
    // The expired CRL was never needed: the newer one came first.
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    let only_expired = check_certificate_detailed(&ee, &ca.cert, &crls[..1], NOW, false, &NoOtherSigners);
    assert!(only_expired.crls_used.is_empty());
    assert_eq!(only_expired.notes.len(), 1);
    assert!(
        only_expired.notes[0].code == crate::diag::codes::revocation::EXPIRED
            && only_expired.notes[0].params.get("next_update") == Some("2026-04-01T00:00:00Z"),
        "{:?}",
        only_expired.notes
    );
}

#[test]
fn crl_issuer_naming_the_certificate_issuer_itself_is_its_direct_crl() {
    // Non-conforming (RFC 5280 §4.2.1.13 says to omit it) but seen in practice.
    let ca = ca("Redundant CA", None);
    let ee = leaf(
        &ca,
        10,
        Some(vec![DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(vec![uri(
                "http://crl.example.vn/r.crl",
            )])),
            reasons: None,
            crl_issuer: Some(vec![GeneralName::DirectoryName(name_of(&ca.cert))]),
        }]),
    );
    let list = build(
        &ca,
        Spec {
            entries: vec![Entry { serial: 10, reason: Some(3), ..Default::default() }],
            ..Default::default()
        },
    );
    assert_eq!(reason_of(&check(&ee, &ca, &[list], &NoOtherSigners)), "affiliationChanged");
}
