//! The built-in Vietnamese trust list: the roots of the public domain (Vietnam National Root CA;
//! the SHA-1 MIC National Root CA as legacy) and of the government domain (RootCA chuyên dùng
//! Chính phủ G2; the G1 root as legacy), and the known intermediates as a built-in issuer pool
//! (documents signed with VGCA tools and many e-invoices embed only the signer's certificate).
//!
//! The certificates are product data in this directory, compiled in (`include_bytes!`), each
//! pinned by the SHA-256 of its DER; `SOURCES.md` beside this file gives, for each, its source
//! and why it is there. They are parsed once per process, on first use ([`OnceLock`]), and each
//! pin is checked then (an entry that fails is skipped with a warning; a unit test checks every
//! pin, so a build never ships one). The list is append-only: old roots and intermediates stay,
//! marked legacy, so that archived documents still verify.

use super::TrustStore;
use super::list::{ListEntry, Role, TrustList};
use crate::certificate::Certificate;
use crate::diag::Message;
use crate::diag::codes::input;
use std::sync::OnceLock;

/// The public domain (the Ministry's national root and the CAs it certifies).
pub const PUBLIC: &str = "public";
/// The government domain (Ban Cơ yếu Chính phủ, VGCA).
pub const GOV: &str = "gov";

/// One built-in entry: the PEM compiled in, its SHA-256 pin, domain, role, legacy flag, source
/// and reason.
struct Builtin {
    file: &'static str,
    pem: &'static [u8],
    sha256: &'static str,
    domain: &'static str,
    role: Role,
    legacy: bool,
    source: &'static str,
    note: &'static str,
}

macro_rules! builtin {
    ($file:literal, $sha:literal, $domain:expr, $role:ident, $legacy:literal, $source:literal, $note:literal) => {
        Builtin {
            file: $file,
            pem: include_bytes!($file),
            sha256: $sha,
            domain: $domain,
            role: Role::$role,
            legacy: $legacy,
            source: $source,
            note: $note,
        }
    };
}

/// The list, in `SOURCES.md` order. Append only.
const BUILTIN: &[Builtin] = &[
    builtin!(
        "vietnam-national-root-ca-sha256-g2.pem",
        "bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7",
        PUBLIC,
        Anchor,
        false,
        "nguyentvtk/eSign.Files server/trust/national/vnrca256.crt; ntk148v/testing pkcs11-test Main.java",
        "root of the public domain (RSA-4096, SHA-256, 2014-2039): VNPT-CA, Viettel-CA, FastCA, VNPT SmartCA"
    ),
    builtin!(
        "mic-national-root-ca-sha1-2008.pem",
        "ca918d635bb130bec97639e6aabf7edbc4eb1310f8058b9419f467ae0230ad8c",
        PUBLIC,
        Anchor,
        true,
        "SoftToken_SignEnvelope.m and an ESignatureAuth PkiPath test chain (public code)",
        "first public root (SHA-1, 2008-2040): the SHA-1 generation of VNPT, Viettel and FPT"
    ),
    builtin!(
        "vgca-rootca-chuyen-dung-chinh-phu-g2.pem",
        "f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8",
        GOV,
        Anchor,
        false,
        "nguyentvtk/eSign.Files server/trust/vgca/rootcag2.crt; pin also in Ynap9/ksts.web",
        "root of the government domain (Ban Cơ yếu Chính phủ, RSA-4096, SHA-256, 2018-2048)"
    ),
    builtin!(
        "vgca-rootca-g1-sha1-2010.pem",
        "f7bc89054cec7f12730d7b8cd3eb7955b163835087e5eb873edfb584763b3f90",
        GOV,
        Anchor,
        true,
        "Ynap9/ksts.web ksts.be.api/Cert/rootca.crt",
        "first government root (G1, SHA-1, 2010-2030): tax officials' certificates of 2021-22 notices"
    ),
    builtin!(
        "vnpt-ca-sha2.pem",
        "7d6ba5245317f9ed5d8bc765a4634d26ac6340d36b9f584df3b52d9c4a81a306",
        PUBLIC,
        Intermediate,
        false,
        "nguyentvtk/eSign.Files server/trust/vnpt/vnpt-ca-sha2.crt",
        "VNPT-CA SHA2 (2024-2029), issuer of VNPT-CA subscriber certificates"
    ),
    builtin!(
        "viettel-ca-rs.pem",
        "860bcbe22fdc6757fe03b4597f7c61ca7f36e13ceb74a78cbefc9c5b267b8662",
        PUBLIC,
        Intermediate,
        false,
        "zhaduchanhzz/docxhtml SignatureFileTest.java",
        "Viettel-CA RS (2022-2027), issuer of Viettel-CA subscriber certificates"
    ),
    builtin!(
        "fastca-sha256.pem",
        "bce53bfc017dc917ccac7f314bcddf257c53ec8ffc0165f33a80558deded01f1",
        PUBLIC,
        Intermediate,
        false,
        "ntk148v/testing pkcs11-test Main.java",
        "FastCA SHA-256 (2020-2025), issuer of FastCA subscriber certificates"
    ),
    builtin!(
        "vnpt-smartca-rs.pem",
        "95cf8f36c986e0c0f7e03761b17d7804072cb644b235a8f1c62107f8804a4889",
        PUBLIC,
        Intermediate,
        false,
        "zhaduchanhzz/docxhtml SignatureFileTest.java",
        "VNPT SmartCA RS (2021-2026), issuer of VNPT SmartCA remote-signing certificates"
    ),
    builtin!(
        "vgca-ca-phuc-vu-cac-co-quan-nha-nuoc-g2.pem",
        "d8cab7a4aef92e6bb2509d7c61cee7b44f3731b2d21074963530277b366fae4b",
        GOV,
        Intermediate,
        false,
        "nguyentvtk/eSign.Files server/trust/vgca/cpcag2.crt; pin also in Ynap9/ksts.web",
        "CA phục vụ các cơ quan Nhà nước G2: state agencies, the tax authority's e-invoice signatures"
    ),
    builtin!(
        "vgca-ca-phuc-vu-cac-co-quan-dang-g2.pem",
        "e4b402e3cb4cacc0a20d21fa49bce76beb4eb47ba7ffb7a8f71c554dbe561a81",
        GOV,
        Intermediate,
        false,
        "Ynap9/ksts.web ksts.be.api/Cert/dcscag2.crt",
        "CA phục vụ các cơ quan Đảng G2: Party agencies"
    ),
    builtin!(
        "vgca-co-quan-chung-thuc-so-chinh-phu-g1-2010.pem",
        "75e969c07ba35c29c72bbc1bfb880f20f3891a619b00b77eb02ca6160736a1fe",
        GOV,
        Intermediate,
        true,
        "Ynap9/ksts.web ksts.be.api/Cert/cp.crt",
        "G1 sub-CA (SHA-1, 2010-2030) under the G1 root"
    ),
    builtin!(
        "vnpt-certification-authority-sha1-2009.pem",
        "068927b4c1a38ae4db1e8f59a71a8c643d9dfbb53a674862387bd5aa7386247b",
        PUBLIC,
        Intermediate,
        true,
        "SoftToken_SignEnvelope.m (public code)",
        "VNPT Certification Authority (SHA-1, 2009-2019) under the MIC root: archived documents"
    ),
    builtin!(
        "viettel-ca-sha1-2010.pem",
        "5b0a7dcbcb13b66f07e06837115ada1bebb155d250d68fdc3ba9d0aa8606aeb8",
        PUBLIC,
        Intermediate,
        true,
        "com.sds.mobileca SignService (public code)",
        "Viettel-CA (SHA-1, 2010-2015) under the MIC root: archived documents"
    ),
    builtin!(
        "viettel-ca-sha1-2015.pem",
        "684caf190176d13158808ef193b2d20575399a87fd9e8c5bedc09065a184841a",
        PUBLIC,
        Intermediate,
        true,
        "Web.Common.CertUtil CertViettelBase64 (public code)",
        "Viettel-CA (SHA-1, 2015-2020) under the MIC root: archived documents"
    ),
    builtin!(
        "fpt-certification-authority-sha1-2019.pem",
        "47a8679e03b9e7078539a06ed556ca0bacef07426af9834612009a76079ba263",
        PUBLIC,
        Intermediate,
        true,
        "an ESignatureAuth PkiPath test chain (public code)",
        "FPT Certification Authority (SHA-1 signed, 2019-2024) under the MIC root: archived documents"
    ),
];

/// Parse one built-in entry and check its pin.
fn parse(b: &Builtin) -> Result<Certificate, Message> {
    let certs = Certificate::parse_many(b.pem).map_err(|e| e.to_message())?;
    let [cert] = certs.as_slice() else {
        return Err(Message::new(input::TRUST_LIST_PIN_COUNT)
            .with("index", 1)
            .with("file", b.file)
            .with("count", certs.len()));
    };
    let actual = hex::encode(cert.sha256());
    if actual != b.sha256 {
        return Err(Message::new(input::TRUST_LIST_PIN_MISMATCH)
            .with("index", 1)
            .with("file", b.file)
            .with("expected", b.sha256)
            .with("actual", actual));
    }
    Ok(cert.clone())
}

/// The built-in list, parsed on first use (once per process) and shared.
pub fn list() -> &'static TrustList {
    static LIST: OnceLock<TrustList> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list = TrustList::new();
        for b in BUILTIN {
            match parse(b) {
                Ok(cert) => list.push(ListEntry {
                    cert,
                    domain: b.domain.to_string(),
                    role: b.role,
                    legacy: b.legacy,
                    file: b.file.to_string(),
                    source: b.source.to_string(),
                    note: b.note.to_string(),
                }),
                Err(reason) => list.warn(
                    Message::new(input::TRUST_BUILTIN_SKIPPED)
                        .with("file", b.file)
                        .with_message("reason", reason)
                        .into(),
                ),
            }
        }
        list
    })
}

/// The anchors of the built-in list (domains `public` and `gov`), built on first use and
/// shared; [`TrustStore::vietnam`] gives an owned copy.
pub fn store() -> &'static TrustStore {
    static STORE: OnceLock<TrustStore> = OnceLock::new();
    STORE.get_or_init(|| list().store())
}

/// The built-in issuer pool: every known intermediate, built on first use and shared (give it to
/// [`crate::path::PathValidator::pool`] as it is, no copy).
pub fn pool() -> &'static [Certificate] {
    static POOL: OnceLock<Vec<Certificate>> = OnceLock::new();
    POOL.get_or_init(|| {
        // In SHA-256 order, without duplicates: the path builder then uses it as it is.
        let mut pool = list().intermediates();
        pool.sort_by_key(Certificate::sha256);
        pool.dedup();
        pool
    })
}

impl TrustStore {
    /// The anchors of the built-in Vietnamese trust list ([`crate::trust::vn`]): Vietnam National
    /// Root CA and the MIC National Root CA (legacy) in domain `public`, RootCA chuyên dùng Chính
    /// phủ G2 and the G1 root (legacy) in domain `gov`. Parsed once per process; each call after
    /// the first is a cheap copy (the certificates are shared). The matching issuer pool is
    /// [`crate::trust::vn::pool`].
    pub fn vietnam() -> TrustStore {
        store().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pin_matches_and_every_entry_loads() {
        for b in BUILTIN {
            let cert = parse(b).unwrap_or_else(|m| panic!("{}: {m:?}", b.file));
            assert_eq!(hex::encode(cert.sha256()), b.sha256, "{}", b.file);
        }
        assert!(list().warnings().is_empty(), "{:?}", list().warnings());
        assert_eq!(list().entries().len(), BUILTIN.len());
    }

    #[test]
    fn anchors_and_pool() {
        let store = TrustStore::vietnam();
        assert_eq!(store.len(), 4);
        assert_eq!(store.domains(), vec![PUBLIC.to_string(), GOV.to_string()]);
        let labels: Vec<&str> = store.anchors().iter().map(|a| a.label.as_str()).collect();
        assert!(labels.contains(&"Vietnam National Root CA"), "{labels:?}");
        assert!(labels.contains(&"RootCA chuyên dùng Chính phủ G2"), "{labels:?}");
        // Anchors are self-signed roots; the pool holds CA certificates that are not.
        for a in store.anchors() {
            assert!(a.cert.is_self_issued(), "{}", a.label);
        }
        assert_eq!(pool().len(), BUILTIN.len() - 4);
        for c in pool() {
            assert!(!c.is_self_issued(), "{}", c.subject_string());
            assert!(
                matches!(c.x509().basic_constraints(), Ok(Some(bc)) if bc.value.ca),
                "{}",
                c.subject_string()
            );
        }
        // Every pool certificate names an issuer that is an anchor of its own domain.
        for e in list().entries().iter().filter(|e| e.role == Role::Intermediate) {
            let issuer = store.anchors().iter().find(|a| a.cert.subject_key() == e.cert.issuer_key());
            assert_eq!(issuer.map(|a| a.domain.as_str()), Some(e.domain.as_str()), "{}", e.file);
        }
        // Cheap after the first call: the same shared certificates.
        assert!(std::ptr::eq(pool(), super::pool()));
        assert!(std::ptr::eq(list(), super::list()));
        // SHA-1 entries, and only they, are legacy.
        for e in list().entries() {
            let sha1 = e.cert.x509().signature_algorithm.algorithm.to_id_string() == "1.2.840.113549.1.1.5";
            assert_eq!(e.legacy, sha1, "{}", e.file);
        }
    }
}
