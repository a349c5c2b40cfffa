//! Test PKI generator (rcgen): roots, sub-CAs, cross-certificates and leaves with the
//! extensions path validation cares about (policies, mappings, constraints, name constraints).
//! Shared by tests/cross_cert.rs, tests/cli_chain.rs, tests/cli_profile.rs, benches/path.rs, and
//! (its DER writers) tests/policy_openssl.rs and tests/pkits_nc.rs.
#![allow(dead_code)]

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use std::sync::atomic::{AtomicU64, Ordering};
use time::OffsetDateTime;

static SERIAL: AtomicU64 = AtomicU64::new(1000);

/// A CA: its name, key and the parameters it signs with.
pub struct Ca {
    pub cn: String,
    pub org: String,
    pub key: KeyPair,
    /// Its self-signed certificate (for roots) or the first certificate issued to it.
    pub cert: kyso::Certificate,
}

/// Options of an issued certificate.
#[derive(Clone, Default)]
pub struct Opts {
    pub path_len: Option<u8>,
    pub policies: Vec<&'static str>,
    /// (issuerDomainPolicy, subjectDomainPolicy)
    pub mappings: Vec<(&'static str, &'static str)>,
    pub require_explicit_policy: Option<u8>,
    /// Excluded directoryName subtrees given as organisation names (C=VN, O=org).
    pub excluded_orgs: Vec<&'static str>,
    /// Permitted directoryName subtrees given as organisation names (C=VN, O=org).
    pub permitted_orgs: Vec<&'static str>,
    pub not_before: Option<OffsetDateTime>,
    pub not_after: Option<OffsetDateTime>,
    /// Use RSA-2048 keys instead of P-256 (only for [`Ca::root_with_key`] callers).
    pub rsa: bool,
    /// Omit authorityKeyIdentifier and subjectKeyIdentifier, as a CA that does not follow RFC
    /// 5280 §4.2.1.1 and §4.2.1.2 does.
    pub no_key_identifiers: bool,
    /// Mark the policyConstraints of `require_explicit_policy` non-critical (RFC 3280 allowed
    /// it; RFC 5280 §4.2.1.11 makes it a MUST of the issuing CA).
    pub policy_constraints_non_critical: bool,
}

pub fn dn(cn: &str, org: &str) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    d.push(DnType::CountryName, "VN");
    d.push(DnType::OrganizationName, org);
    d.push(DnType::CommonName, cn);
    d
}

fn der_len(n: usize) -> Vec<u8> {
    if n < 128 {
        vec![n as u8]
    } else if n < 256 {
        vec![0x81, n as u8]
    } else {
        vec![0x82, (n >> 8) as u8, n as u8]
    }
}

/// A DER TLV with a low tag number (`tag`) and a definite length below 64 KiB.
pub fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    v.extend(der_len(body.len()));
    v.extend_from_slice(body);
    v
}

/// A DER OBJECT IDENTIFIER from its dotted form.
pub fn oid_der(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &a in &arcs[2..] {
        let mut tmp = vec![(a & 0x7f) as u8];
        let mut x = a >> 7;
        while x > 0 {
            tmp.push(0x80 | (x & 0x7f) as u8);
            x >>= 7;
        }
        tmp.reverse();
        body.extend(tmp);
    }
    tlv(6, &body)
}

fn arcs(dotted: &str) -> Vec<u64> {
    dotted.split('.').map(|a| a.parse().unwrap()).collect()
}

fn apply(params: &mut CertificateParams, o: &Opts, ca: bool) {
    params.serial_number = Some(SERIAL.fetch_add(1, Ordering::Relaxed).into());
    params.not_before = o.not_before.unwrap_or_else(|| rcgen::date_time_ymd(2024, 1, 1));
    params.not_after = o.not_after.unwrap_or_else(|| rcgen::date_time_ymd(2040, 1, 1));
    if ca {
        params.is_ca = IsCa::Ca(match o.path_len {
            Some(n) => BasicConstraints::Constrained(n),
            None => BasicConstraints::Unconstrained,
        });
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    } else {
        params.is_ca = IsCa::NoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    }
    params.use_authority_key_identifier_extension = true;
    if !o.policies.is_empty() {
        let infos: Vec<u8> = o.policies.iter().flat_map(|p| tlv(0x30, &oid_der(p))).collect();
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(&arcs("2.5.29.32"), tlv(0x30, &infos)));
    }
    if !o.mappings.is_empty() {
        let maps: Vec<u8> = o
            .mappings
            .iter()
            .flat_map(|(i, s)| {
                let mut b = oid_der(i);
                b.extend(oid_der(s));
                tlv(0x30, &b)
            })
            .collect();
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(&arcs("2.5.29.33"), tlv(0x30, &maps)));
    }
    if let Some(r) = o.require_explicit_policy {
        let mut ext = CustomExtension::from_oid_content(&arcs("2.5.29.36"), tlv(0x30, &[0x80, 1, r]));
        ext.set_criticality(!o.policy_constraints_non_critical);
        params.custom_extensions.push(ext);
    }
    if o.no_key_identifiers {
        params.use_authority_key_identifier_extension = false;
        if ca {
            // rcgen writes a subjectKeyIdentifier for IsCa::Ca: write basicConstraints by hand.
            params.is_ca = IsCa::NoCa;
            let mut body = tlv(0x01, &[0xff]);
            if let Some(n) = o.path_len {
                body.extend(tlv(0x02, &[n]));
            }
            let mut bc = CustomExtension::from_oid_content(&arcs("2.5.29.19"), tlv(0x30, &body));
            bc.set_criticality(true);
            params.custom_extensions.push(bc);
        }
    }
    if !o.excluded_orgs.is_empty() || !o.permitted_orgs.is_empty() {
        // Built by hand: rcgen 0.14 encodes a directoryName subtree with an IMPLICIT tag, but
        // Name is a CHOICE, so [4] must be EXPLICIT (RFC 5280 §4.2.1.6; X.680 §31.2.7).
        let subtrees = |orgs: &[&str]| -> Vec<u8> {
            orgs.iter()
                .flat_map(|org| {
                    let mut c = oid_der("2.5.4.6");
                    c.extend(tlv(0x13, b"VN"));
                    let mut og = oid_der("2.5.4.10");
                    og.extend(tlv(0x0c, org.as_bytes()));
                    let mut name = tlv(0x31, &tlv(0x30, &c));
                    name.extend(tlv(0x31, &tlv(0x30, &og)));
                    tlv(0x30, &tlv(0xa4, &tlv(0x30, &name)))
                })
                .collect()
        };
        let mut body = Vec::new();
        if !o.permitted_orgs.is_empty() {
            body.extend(tlv(0xa0, &subtrees(&o.permitted_orgs)));
        }
        if !o.excluded_orgs.is_empty() {
            body.extend(tlv(0xa1, &subtrees(&o.excluded_orgs)));
        }
        let mut ext = CustomExtension::from_oid_content(&arcs("2.5.29.30"), tlv(0x30, &body));
        ext.set_criticality(true);
        params.custom_extensions.push(ext);
    }
}

fn to_kyso(c: &rcgen::Certificate) -> kyso::Certificate {
    kyso::Certificate::from_der(c.der().to_vec()).expect("generated certificate parses")
}

fn new_key(rsa: bool) -> KeyPair {
    if rsa {
        // ring cannot generate RSA keys: generate with the rsa crate, load as PKCS#8.
        use rsa::pkcs8::EncodePrivateKey;
        let k = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("RSA keygen");
        let pem = k.to_pkcs8_pem(rsa::pkcs8::LineEnding::LF).expect("PKCS#8");
        KeyPair::from_pkcs8_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).expect("RSA key")
    } else {
        KeyPair::generate().expect("P-256 key")
    }
}

impl Ca {
    /// A self-signed root.
    pub fn root(cn: &str, org: &str, o: &Opts) -> Ca {
        let key = new_key(o.rsa);
        let mut params = CertificateParams::default();
        params.distinguished_name = dn(cn, org);
        apply(&mut params, o, true);
        params.use_authority_key_identifier_extension = false;
        let cert = to_kyso(&params.self_signed(&key).expect("self-sign"));
        Ca { cn: cn.into(), org: org.into(), key, cert }
    }

    fn issuer(&self) -> Issuer<'static, &KeyPair> {
        let mut p = CertificateParams::default();
        p.distinguished_name = dn(&self.cn, &self.org);
        Issuer::new(p, &self.key)
    }

    /// A new sub-CA certified by `self`.
    pub fn sub_ca(&self, cn: &str, org: &str, o: &Opts) -> Ca {
        let key = new_key(o.rsa);
        let mut params = CertificateParams::default();
        params.distinguished_name = dn(cn, org);
        apply(&mut params, o, true);
        let cert = to_kyso(&params.signed_by(&key, &self.issuer()).expect("sign"));
        Ca { cn: cn.into(), org: org.into(), key, cert }
    }

    /// A cross-certificate: `subject` CA's name and public key, certified by `self`.
    pub fn cross_certify(&self, subject: &Ca, o: &Opts) -> kyso::Certificate {
        let mut params = CertificateParams::default();
        params.distinguished_name = dn(&subject.cn, &subject.org);
        apply(&mut params, o, true);
        to_kyso(&params.signed_by(&subject.key, &self.issuer()).expect("sign"))
    }

    /// An end-entity certificate.
    pub fn leaf(&self, cn: &str, org: &str, o: &Opts) -> kyso::Certificate {
        let key = KeyPair::generate().expect("key");
        let mut params = CertificateParams::default();
        params.distinguished_name = dn(cn, org);
        apply(&mut params, o, false);
        to_kyso(&params.signed_by(&key, &self.issuer()).expect("sign"))
    }
}

/// Every permutation of `items` (Heap's algorithm), for small pools.
pub fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    fn heap<T: Clone>(k: usize, a: &mut Vec<T>, out: &mut Vec<Vec<T>>) {
        if k <= 1 {
            out.push(a.clone());
            return;
        }
        heap(k - 1, a, out);
        for i in 0..k - 1 {
            if k % 2 == 0 {
                a.swap(i, k - 1);
            } else {
                a.swap(0, k - 1);
            }
            heap(k - 1, a, out);
        }
    }
    let mut a = items.to_vec();
    let mut out = Vec::new();
    heap(a.len(), &mut a, &mut out);
    out
}
