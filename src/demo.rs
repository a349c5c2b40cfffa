//! A Vietnam-shaped demo PKI, every name marked DEMO:
//!
//! - public domain: `DEMO National Root CA` → `DEMO Public CA` → a business signer
//!   (`UID=MST:0101234567`, RSA-2048) and a citizen signer (`UID=CCCD:001090000001`);
//! - government domain: `DEMO RootCA chuyên dùng Chính phủ` → `DEMO CA phục vụ các cơ quan Nhà
//!   nước` → an officer, an agency, and a third signer that is revoked;
//! - cross-certificates both ways between the roots, mapping each domain's policy to the
//!   other's (demo OIDs under the `2.25.<uuid>` arc), constrained to `C=VN` names;
//! - a CRL per CA, a TSA and an OCSP responder per domain, keys encrypted with
//!   [`DEMO_PASSPHRASE`], and `manifest.json` describing every artifact.
//!
//! [`generate`] builds everything in memory ([`DemoPki`], reusable by later steps that sign or
//! validate); [`DemoPki::write`] writes it out; [`build`] does both. [`serve`] answers, on
//! loopback, the OCSP, CRL and CA-certificate URLs the demo certificates name.

use crate::certificate::Certificate;
use crate::crl::Crl;
use crate::diag::Hint;
use crate::diag::codes::demo as codes;
use crate::error::{Error, Result};
use crate::io::{WriteOptions, write_atomic};
use crate::issue::{
    self, AltName, CertProfile, CrlProfile, DistinguishedName, Issuer, NameConstraints, Oid,
    RevocationReason, Subtree, oids,
};
use crate::keys::{KeyAlgorithm, SoftwareKey};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub mod serve;

/// The passphrase protecting every demo private key. It is public: demo keys protect nothing.
pub const DEMO_PASSPHRASE: &str = "kyso-demo";

/// The demo OID arc: `2.25.` followed by a random UUID as an integer (ITU-T X.667), so it can
/// never collide with a real policy.
pub const DEMO_ARC: &str = "2.25.254237174323809065057726002495311440973";
/// The public domain's demo certificate policy.
pub const PUBLIC_POLICY: &str = "2.25.254237174323809065057726002495311440973.1.1";
/// The government domain's demo certificate policy.
pub const GOV_POLICY: &str = "2.25.254237174323809065057726002495311440973.2.1";

/// A trust domain of the demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Domain {
    /// The public PKI (national root, licensed CA, businesses and citizens).
    Public,
    /// The specialised government PKI (Ban Cơ yếu).
    Gov,
}

impl Domain {
    /// `public` or `gov`.
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Public => "public",
            Domain::Gov => "gov",
        }
    }
    /// The other domain.
    pub fn other(self) -> Domain {
        match self {
            Domain::Public => Domain::Gov,
            Domain::Gov => Domain::Public,
        }
    }
}

/// What an artifact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A self-signed root CA.
    Root,
    /// An issuing CA.
    Ca,
    /// A cross-certificate.
    Cross,
    /// An end-entity signer.
    Signer,
    /// A time-stamping authority.
    Tsa,
    /// An OCSP responder.
    Ocsp,
    /// A CRL.
    Crl,
}

/// One entry of `manifest.json`. Paths are relative to the demo directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artifact {
    /// A stable short name (`public-root`, `gov-officer`, `cross-public-gov`, ...).
    pub id: String,
    /// What it is.
    pub role: Role,
    /// The domain it belongs to (for a cross-certificate: the issuing domain).
    pub domain: Domain,
    /// Cross-certificates: the issuing domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Domain>,
    /// Cross-certificates: the subject's domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Domain>,
    /// The certificate (PEM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<String>,
    /// The private key (PKCS#8 PEM, encrypted with the manifest's passphrase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The CRL (PEM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crl: Option<String>,
    /// The certificate's subject (for a CRL: its issuer).
    pub subject: String,
    /// The issuer's id in this manifest (certificates and CRLs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The key algorithm (`ECDSA P-256`, `RSA-2048`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_algorithm: Option<String>,
    /// Signers: revoked on its CA's CRL.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revoked: bool,
}

/// `manifest.json`: every artifact, and the passphrase of the keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The passphrase of every private key in the demo.
    pub passphrase: String,
    /// The demo policy OIDs per domain.
    pub policies: std::collections::BTreeMap<String, String>,
    /// Everything made.
    pub artifacts: Vec<Artifact>,
}

impl Manifest {
    /// Read `DIR/manifest.json`.
    pub fn load(dir: impl AsRef<Path>) -> Result<Manifest> {
        let path = dir.as_ref().join("manifest.json");
        let data = crate::io::read_file(&path)?;
        serde_json::from_slice(&data)
            .map_err(|e| Error::input(codes::BAD_MANIFEST).with("detail", e).with_file(&path))
    }
    /// The artifact with `id`.
    pub fn get(&self, id: &str) -> Option<&Artifact> {
        self.artifacts.iter().find(|a| a.id == id)
    }
    /// Artifacts with `role` in `domain`.
    pub fn find(&self, role: Role, domain: Domain) -> impl Iterator<Item = &Artifact> {
        self.artifacts.iter().filter(move |a| a.role == role && a.domain == domain)
    }
}

/// One certificate of the demo, with its key when it has one the demo keeps.
#[derive(Debug)]
pub struct Entity {
    /// Manifest id.
    pub id: String,
    /// Role.
    pub role: Role,
    /// Domain (issuing domain for cross-certificates).
    pub domain: Domain,
    /// Cross-certificates: the subject's domain.
    pub to: Option<Domain>,
    /// The certificate.
    pub cert: Certificate,
    /// The private key (none for cross-certificates: the key is the subject root's).
    pub key: Option<SoftwareKey>,
    /// The issuer's id.
    pub issuer: String,
    /// Revoked on its CA's CRL.
    pub revoked: bool,
}

/// One CRL of the demo.
#[derive(Debug)]
pub struct CrlEntry {
    /// Manifest id (`public-ca-crl`).
    pub id: String,
    /// Domain.
    pub domain: Domain,
    /// The issuing CA's id.
    pub issuer: String,
    /// The CRL.
    pub crl: Crl,
}

/// The whole demo PKI in memory.
#[derive(Debug)]
pub struct DemoPki {
    /// Certificates and keys, in a stable order (roots, CAs, leaves, TSAs, OCSP, cross).
    pub entities: Vec<Entity>,
    /// CRLs, one per CA.
    pub crls: Vec<CrlEntry>,
}

impl DemoPki {
    /// The entity with `id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Read a demo written by [`DemoPki::write`] back from `dir`: certificates, CRLs and keys
    /// (decrypted with the manifest's passphrase, in parallel).
    pub fn load(dir: impl AsRef<Path>) -> Result<DemoPki> {
        use rayon::prelude::*;
        let dir = dir.as_ref();
        let manifest = Manifest::load(dir)?;
        let entities = manifest
            .artifacts
            .par_iter()
            .filter(|a| a.role != Role::Crl)
            .map(|a| {
                let cert_rel = a.cert.as_deref().ok_or_else(|| {
                    Error::input(codes::ENTRY_NO_CERTIFICATE)
                        .with("id", &a.id)
                        .with_file(dir.join("manifest.json"))
                })?;
                let cert = Certificate::load(dir.join(cert_rel))?;
                let key = match &a.key {
                    Some(k) => Some(crate::keys::load_private_key(
                        dir.join(k),
                        Some(manifest.passphrase.as_bytes()),
                    )?),
                    None => None,
                };
                Ok(Entity {
                    id: a.id.clone(),
                    role: a.role,
                    domain: a.domain,
                    to: a.to,
                    cert,
                    key,
                    issuer: a.issuer.clone().unwrap_or_default(),
                    revoked: a.revoked,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut crls = Vec::new();
        for a in manifest.artifacts.iter().filter(|a| a.role == Role::Crl) {
            let rel = a.crl.as_deref().ok_or_else(|| {
                Error::input(codes::ENTRY_NO_CRL).with("id", &a.id).with_file(dir.join("manifest.json"))
            })?;
            let path = dir.join(rel);
            let crl = Crl::load_all(&path)?
                .into_iter()
                .next()
                .ok_or_else(|| Error::input(codes::NO_CRL_FOUND).with_file(&path))?;
            crls.push(CrlEntry {
                id: a.id.clone(),
                domain: a.domain,
                issuer: a.issuer.clone().unwrap_or_default(),
                crl,
            });
        }
        Ok(DemoPki { entities, crls })
    }

    fn must(&self, id: &str) -> Result<&Entity> {
        self.get(id).ok_or_else(|| Error::usage(codes::MISSING_ENTITY).with("id", id))
    }

    /// Write everything under `dir` (created if missing). Refuses a non-empty `dir` unless
    /// `force`, in which case existing files are replaced. Keys are written 0600, encrypted
    /// with [`DEMO_PASSPHRASE`].
    /// A previous demo is no exception: its keys are replaced only with `force`.
    pub fn write(&self, dir: &Path, force: bool) -> Result<Manifest> {
        prepare_dir(dir, force)?;
        for sub in ["public", "gov", "cross"] {
            let d = dir.join(sub);
            std::fs::create_dir_all(&d).map_err(|e| Error::io(&d, e))?;
        }
        let opts = WriteOptions { force, private: false, ..Default::default() };
        let key_opts = WriteOptions { force, private: true, ..Default::default() };
        // Encrypting is deliberately slow (PBKDF2): do the keys in parallel.
        use rayon::prelude::*;
        let keys: Vec<(String, zeroize::Zeroizing<String>)> = self
            .entities
            .par_iter()
            .filter_map(|e| e.key.as_ref().map(|k| (e, k)))
            .map(|(e, k)| Ok((e.id.clone(), k.to_pkcs8_pem(Some(DEMO_PASSPHRASE.as_bytes()))?)))
            .collect::<Result<_>>()?;
        let mut artifacts = Vec::new();
        for e in &self.entities {
            let rel_cert = cert_path(e);
            write_atomic(dir.join(&rel_cert), e.cert.to_pem().as_bytes(), opts)?;
            let rel_key = match keys.iter().find(|(id, _)| *id == e.id) {
                Some((_, pem)) => {
                    let rel = rel_cert.replace(".pem", ".key.pem");
                    write_atomic(dir.join(&rel), pem.as_bytes(), key_opts)?;
                    Some(rel)
                }
                None => None,
            };
            artifacts.push(Artifact {
                id: e.id.clone(),
                role: e.role,
                domain: e.domain,
                from: e.to.map(|_| e.domain),
                to: e.to,
                cert: Some(rel_cert),
                key: rel_key,
                crl: None,
                subject: e.cert.subject_string_utf8(),
                issuer: Some(e.issuer.clone()),
                key_algorithm: e.key.as_ref().map(|k| k.key_algorithm().to_string()),
                revoked: e.revoked,
            });
        }
        for c in &self.crls {
            let rel = format!(
                "{}/{}.crl.pem",
                c.domain.as_str(),
                c.issuer.trim_start_matches(&format!("{}-", c.domain.as_str()))
            );
            write_atomic(dir.join(&rel), c.crl.to_pem().as_bytes(), opts)?;
            artifacts.push(Artifact {
                id: c.id.clone(),
                role: Role::Crl,
                domain: c.domain,
                from: None,
                to: None,
                cert: None,
                key: None,
                crl: Some(rel),
                subject: self.must(&c.issuer)?.cert.subject_string_utf8(),
                issuer: Some(c.issuer.clone()),
                key_algorithm: None,
                revoked: false,
            });
        }
        let manifest = Manifest {
            passphrase: DEMO_PASSPHRASE.to_string(),
            policies: [
                ("public".to_string(), PUBLIC_POLICY.to_string()),
                ("gov".to_string(), GOV_POLICY.to_string()),
            ]
            .into_iter()
            .collect(),
            artifacts,
        };
        let json = serde_json::to_string_pretty(&manifest)
            .map_err(|e| Error::usage(codes::MANIFEST_ENCODE).with("detail", e))?;
        write_atomic(dir.join("manifest.json"), format!("{json}\n").as_bytes(), opts)?;
        Ok(manifest)
    }
}

fn cert_path(e: &Entity) -> String {
    match e.to {
        Some(to) => format!("cross/{}-to-{}.pem", e.domain.as_str(), to.as_str()),
        None => format!(
            "{}/{}.pem",
            e.domain.as_str(),
            e.id.trim_start_matches(&format!("{}-", e.domain.as_str()))
        ),
    }
}

trait Utf8Subject {
    fn subject_string_utf8(&self) -> String;
}
impl Utf8Subject for Certificate {
    fn subject_string_utf8(&self) -> String {
        DistinguishedName::from_der(self.x509().subject().as_raw())
            .map(|d| d.to_string())
            .unwrap_or_else(|_| self.subject_string())
    }
}

fn prepare_dir(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::usage(codes::NOT_A_DIRECTORY).with_file(dir));
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() && !force {
            return Err(Error::new(crate::ErrorKind::Io, codes::DIRECTORY_NOT_EMPTY)
                .with_file(dir)
                .with_hint(Hint::AllowOverwrite));
        }
        Ok(())
    } else {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
    }
}

fn dn(s: &str) -> Result<DistinguishedName> {
    DistinguishedName::parse(s)
}

fn oid(s: &str) -> Result<Oid> {
    Oid::parse(s)
}

/// The host name in the URLs the demo certificates of `domain` name (CRL distribution points,
/// caIssuers, OCSP): `pki.public.demo.invalid`, `pki.gov.demo.invalid` (`.invalid`: RFC 2606, never
/// resolved; [`serve`] answers for them on loopback).
pub fn host(domain: Domain) -> String {
    format!("pki.{}.demo.invalid", domain.as_str())
}

fn url(domain: Domain, what: &str) -> String {
    format!("http://{}/{what}", host(domain))
}

/// The names of the demo, per domain.
struct DomainNames {
    root: &'static str,
    ca: &'static str,
    tsa: &'static str,
    ocsp: &'static str,
    policy: &'static str,
}

const PUBLIC: DomainNames = DomainNames {
    root: "C=VN, O=DEMO Bộ Khoa học và Công nghệ, CN=DEMO National Root CA",
    ca: "C=VN, O=DEMO Công ty Chứng thực số, CN=DEMO Public CA",
    tsa: "C=VN, O=DEMO Công ty Chứng thực số, CN=DEMO Public TSA",
    ocsp: "C=VN, O=DEMO Công ty Chứng thực số, CN=DEMO Public CA OCSP",
    policy: PUBLIC_POLICY,
};

const GOV: DomainNames = DomainNames {
    root: "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO RootCA chuyên dùng Chính phủ",
    ca: "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO CA phục vụ các cơ quan Nhà nước",
    tsa: "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO TSA chuyên dùng Chính phủ",
    ocsp: "C=VN, O=DEMO Ban Cơ yếu Chính phủ, CN=DEMO CA phục vụ các cơ quan Nhà nước OCSP",
    policy: GOV_POLICY,
};

fn names(d: Domain) -> &'static DomainNames {
    match d {
        Domain::Public => &PUBLIC,
        Domain::Gov => &GOV,
    }
}

struct Builder {
    entities: Vec<Entity>,
}

impl Builder {
    fn get(&self, id: &str) -> Result<&Entity> {
        self.entities
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Error::usage(codes::MISSING_ENTITY).with("id", id))
    }

    fn add(
        &mut self,
        id: &str,
        role: Role,
        domain: Domain,
        cert: Certificate,
        key: Option<SoftwareKey>,
        issuer: &str,
    ) {
        self.entities.push(Entity {
            id: id.to_string(),
            role,
            domain,
            to: None,
            cert,
            key,
            issuer: issuer.to_string(),
            revoked: false,
        });
    }

    /// Issue an end entity under `issuer_id` (in its domain) with a fresh key.
    fn leaf(
        &mut self,
        id: &str,
        role: Role,
        subject: &str,
        alg: KeyAlgorithm,
        profile: CertProfile,
        issuer_id: &str,
    ) -> Result<()> {
        let key = SoftwareKey::generate(alg)?;
        let issuer = self.get(issuer_id)?;
        let domain = issuer.domain;
        let issuer_key =
            issuer.key.as_ref().ok_or_else(|| Error::usage(codes::NO_KEY).with("id", &issuer.id))?;
        let cert = issue::issue(
            &profile,
            &dn(subject)?,
            key.public_key_spki(),
            &Issuer::new(&issuer.cert, issuer_key)?,
        )?;
        self.add(id, role, domain, cert, Some(key), issuer_id);
        Ok(())
    }

    fn domain(&mut self, d: Domain) -> Result<()> {
        let n = names(d);
        let p = d.as_str();
        let policy = oid(n.policy)?;
        let root_key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
        let root_profile = CertProfile::root_ca().with_policy(policy.clone(), Some(&url(d, "cps")));
        let root = issue::self_sign(&root_profile, &dn(n.root)?, &root_key)?;
        self.add(&format!("{p}-root"), Role::Root, d, root, Some(root_key), &format!("{p}-root"));

        let ca_key = SoftwareKey::generate(KeyAlgorithm::EcP256)?;
        let ca_profile = CertProfile::sub_ca(Some(0))
            .with_policy(policy.clone(), Some(&url(d, "cps")))
            .with_crl_distribution_point(&url(d, "root.crl"))
            .with_ca_issuers(&url(d, "root.crt"));
        let root = self.get(&format!("{p}-root"))?;
        let root_key = root.key.as_ref().ok_or_else(|| Error::usage(codes::NO_KEY).with("id", &root.id))?;
        let ca = issue::issue(
            &ca_profile,
            &dn(n.ca)?,
            ca_key.public_key_spki(),
            &Issuer::new(&root.cert, root_key)?,
        )?;
        self.add(&format!("{p}-ca"), Role::Ca, d, ca, Some(ca_key), &format!("{p}-root"));

        // What every certificate the CA issues carries.
        let under_ca = |profile: CertProfile| {
            profile
                .with_policy(policy.clone(), Some(&url(d, "cps")))
                .with_crl_distribution_point(&url(d, "ca.crl"))
                .with_ca_issuers(&url(d, "ca.crt"))
                .with_ocsp_url(&url(d, "ocsp"))
        };
        let ca_id = format!("{p}-ca");
        match d {
            Domain::Public => {
                self.leaf(
                    "public-business",
                    Role::Signer,
                    "C=VN, ST=Hà Nội, L=Hà Nội, O=CÔNG TY TNHH DEMO KÝ SỐ, CN=CÔNG TY TNHH DEMO KÝ SỐ, UID=MST:0101234567",
                    KeyAlgorithm::Rsa { bits: 2048 },
                    under_ca(CertProfile::document_signer().with_alt_name(AltName::Email("ketoan@demo-kyso.invalid".into()))),
                    &ca_id,
                )?;
                self.leaf(
                    "public-citizen",
                    Role::Signer,
                    "C=VN, ST=Hà Nội, CN=DEMO Nguyễn Văn Ánh, UID=CCCD:001090000001",
                    KeyAlgorithm::EcP256,
                    under_ca(CertProfile::document_signer()),
                    &ca_id,
                )?;
            }
            Domain::Gov => {
                // Ban Cơ yếu leaves: agency hierarchy in O/OU, clientAuth + emailProtection, no
                // document-signing EKU.
                let (client, email) = (oid(oids::KP_CLIENT_AUTH)?, oid(oids::KP_EMAIL_PROTECTION)?);
                let gov_leaf = || {
                    under_ca(CertProfile::document_signer()).with_eku(client.clone()).with_eku(email.clone())
                };
                self.leaf(
                    "gov-officer",
                    Role::Signer,
                    "C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, CN=Nguyễn Văn A",
                    KeyAlgorithm::EcP256,
                    gov_leaf().with_alt_name(AltName::Email("nguyenvana@moit.demo.invalid".into())),
                    &ca_id,
                )?;
                self.leaf(
                    "gov-agency",
                    Role::Signer,
                    "C=VN, L=Hà Nội, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, CN=Cục Thương mại điện tử và Kinh tế số",
                    KeyAlgorithm::EcP256,
                    gov_leaf(),
                    &ca_id,
                )?;
                self.leaf(
                    "gov-revoked",
                    Role::Signer,
                    "C=VN, O=BỘ CÔNG THƯƠNG, OU=Cục Thương mại điện tử và Kinh tế số, OU=Phòng Chữ ký số, CN=Trần Thị B (DEMO revoked)",
                    KeyAlgorithm::EcP256,
                    gov_leaf(),
                    &ca_id,
                )?;
                if let Some(e) = self.entities.last_mut() {
                    e.revoked = true;
                }
            }
        }
        self.leaf(
            &format!("{p}-tsa"),
            Role::Tsa,
            n.tsa,
            KeyAlgorithm::EcP256,
            under_ca(CertProfile::tsa()),
            &ca_id,
        )?;
        self.leaf(
            &format!("{p}-ocsp"),
            Role::Ocsp,
            n.ocsp,
            KeyAlgorithm::EcP256,
            CertProfile::ocsp_responder().with_policy(policy.clone(), Some(&url(d, "cps"))),
            &ca_id,
        )?;
        Ok(())
    }

    /// The cross-certificate issued by `from`'s root for `from.other()`'s root.
    fn cross(&mut self, from: Domain) -> Result<()> {
        let to = from.other();
        let issuer = self.get(&format!("{}-root", from.as_str()))?;
        let subject = self.get(&format!("{}-root", to.as_str()))?;
        let issuer_key =
            issuer.key.as_ref().ok_or_else(|| Error::usage(codes::NO_KEY).with("id", &issuer.id))?;
        // RFC 5280 §6.1.4 (a)-(b): the cross-certificate asserts the issuing domain's policy and
        // maps it to the subject domain's, so paths from either root accept the other's leaves
        // under its own policy. Names below are constrained to C=VN.
        let profile = CertProfile::cross_certificate(Some(1))
            .with_policy(oid(names(from).policy)?, Some(&url(from, "cps")))
            .with_policy_mapping(oid(names(from).policy)?, oid(names(to).policy)?)
            .with_name_constraints(NameConstraints {
                permitted: vec![Subtree::parse("dir:C=VN")?],
                excluded: vec![],
            })
            .with_crl_distribution_point(&url(from, "root.crl"))
            .with_ca_issuers(&url(from, "root.crt"));
        let cert = issue::cross_certify(&profile, &subject.cert, &Issuer::new(&issuer.cert, issuer_key)?)?;
        let id = format!("cross-{}-{}", from.as_str(), to.as_str());
        let issuer_id = format!("{}-root", from.as_str());
        self.entities.push(Entity {
            id,
            role: Role::Cross,
            domain: from,
            to: Some(to),
            cert,
            key: None,
            issuer: issuer_id,
            revoked: false,
        });
        Ok(())
    }

    fn crls(&self) -> Result<Vec<CrlEntry>> {
        let mut out = Vec::new();
        for d in [Domain::Public, Domain::Gov] {
            for ca in ["root", "ca"] {
                let ca_id = format!("{}-{ca}", d.as_str());
                let ca_e = self.get(&ca_id)?;
                let ca_key =
                    ca_e.key.as_ref().ok_or_else(|| Error::usage(codes::NO_KEY).with("id", &ca_e.id))?;
                let mut profile = CrlProfile::new(1, 30);
                let when = profile.this_update - time::Duration::hours(1);
                for e in self.entities.iter().filter(|e| e.revoked && e.issuer == ca_id) {
                    profile = profile.revoke(
                        e.cert.x509().raw_serial(),
                        when,
                        Some(RevocationReason::KeyCompromise),
                    );
                }
                let crl = issue::issue_crl(&profile, &Issuer::new(&ca_e.cert, ca_key)?)?;
                out.push(CrlEntry { id: format!("{ca_id}-crl"), domain: d, issuer: ca_id, crl });
            }
        }
        Ok(out)
    }
}

/// Build the demo PKI in memory (a fraction of a second; RSA-2048 key generation dominates).
pub fn generate() -> Result<DemoPki> {
    let mut b = Builder { entities: Vec::new() };
    b.domain(Domain::Public)?;
    b.domain(Domain::Gov)?;
    b.cross(Domain::Public)?;
    b.cross(Domain::Gov)?;
    let crls = b.crls()?;
    Ok(DemoPki { entities: b.entities, crls })
}

/// Build the demo PKI and write it under `dir`, which must be missing or empty. See
/// [`build_with`] to write into a non-empty directory.
pub fn build(dir: impl AsRef<Path>) -> Result<Manifest> {
    build_with(dir, false)
}

/// [`build`], replacing files in a non-empty `dir` when `force`.
pub fn build_with(dir: impl AsRef<Path>, force: bool) -> Result<Manifest> {
    Ok(build_pki(dir, force)?.1)
}

/// Like [`build_with`], also returning the PKI in memory (keys included) for the steps that
/// follow (cross-validation, signing).
pub fn build_pki(dir: impl AsRef<Path>, force: bool) -> Result<(DemoPki, Manifest)> {
    let dir: PathBuf = dir.as_ref().to_path_buf();
    // Check the directory before spending time on keys.
    if dir.exists() && !force {
        prepare_dir(&dir, false)?;
    }
    let pki = generate()?;
    let manifest = pki.write(&dir, force)?;
    Ok((pki, manifest))
}

/// The sample document `kyso demo` signs (a short official letter, in Vietnamese).
pub const SAMPLE_DOCUMENT: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
    CÔNG VĂN (MẪU / DEMO)\nV/v thử nghiệm xác thực chéo chữ ký số công cộng và chuyên dùng công vụ\n\n\
    Văn bản này được ký bằng chứng thư số DEMO, chỉ dùng để thử nghiệm.\n";

/// One demo signature verified under one domain.
#[derive(Clone, Debug, Serialize)]
pub struct DemoSignatureCheck {
    /// Who signed (manifest id: `public-business`, `gov-officer`).
    pub signer: String,
    /// The signature file, relative to the demo directory.
    pub signature: String,
    /// The domain whose root was the only anchor.
    pub domain: String,
    /// True when the signer's domain is another one (the path crosses a cross-certificate).
    pub crossed: bool,
    /// The verification report.
    pub report: crate::cms::VerificationReport,
}

impl DemoPki {
    /// Write [`SAMPLE_DOCUMENT`] to `dir/sample/cong-van-mau.txt`, sign it as the business (public
    /// domain) and as the officer (government domain) — detached CAdES B-B signatures beside it —
    /// and verify each signature under each domain's root alone, the other domain's through the
    /// cross-certificates.
    pub fn sign_and_verify_sample(&self, dir: &Path, force: bool) -> Result<Vec<DemoSignatureCheck>> {
        let sample_dir = dir.join("sample");
        std::fs::create_dir_all(&sample_dir).map_err(|e| Error::io(&sample_dir, e))?;
        let doc_rel = "sample/cong-van-mau.txt";
        let doc = dir.join(doc_rel);
        let opts = WriteOptions { force, private: false, ..Default::default() };
        write_atomic(&doc, SAMPLE_DOCUMENT.as_bytes(), opts)?;
        let domains = self.trust_domains()?;
        let pool = self.pool();
        let crls = self.all_crls();
        let mut out = Vec::new();
        for id in ["public-business", "gov-officer"] {
            let e = self.must(id)?;
            let key = e.key.as_ref().ok_or_else(|| Error::usage(codes::NO_KEY).with("id", id))?;
            let ca = self.must(&e.issuer)?;
            let sign_opts = crate::cms::SignOptions { chain: vec![ca.cert.clone()], ..Default::default() };
            let sig = crate::cms::sign(key, &e.cert, &mut SAMPLE_DOCUMENT.as_bytes(), &sign_opts)?;
            let sig_rel =
                format!("{doc_rel}.{}.p7s", id.trim_start_matches("public-").trim_start_matches("gov-"));
            write_atomic(dir.join(&sig_rel), &sig.der, opts)?;
            for (name, store) in &domains {
                let vopts = crate::cms::VerifyOptions::default()
                    .with_store(store.clone())
                    .with_untrusted(pool.clone())
                    .with_crls(crls.clone())
                    .with_revocation(crate::revocation::RevocationMode::Require);
                let report = crate::cms::verify(&sig.der, Some(&mut SAMPLE_DOCUMENT.as_bytes()), &vopts)?;
                out.push(DemoSignatureCheck {
                    signer: id.to_string(),
                    signature: sig_rel.clone(),
                    domain: name.clone(),
                    crossed: name != e.domain.as_str(),
                    report,
                });
            }
        }
        Ok(out)
    }
}

/// The sample e-invoice `kyso demo` signs (QĐ 1450/QĐ-TCT shape, the demo business as the
/// seller with its tax code, empty signature slots).
pub const SAMPLE_INVOICE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<HDon>
  <DLHDon Id="data">
    <TTChung><PBan>2.1.0</PBan><THDon>Hóa đơn giá trị gia tăng (MẪU / DEMO)</THDon><KHMSHDon>1</KHMSHDon><KHHDon>C26TDM</KHHDon><SHDon>1</SHDon><NLap>2026-12-08</NLap><DVTTe>VND</DVTTe><TGia>1</TGia><HTTToan>Tiền mặt/Chuyển khoản</HTTToan></TTChung>
    <NDHDon>
      <NBan><Ten>CÔNG TY TNHH DEMO KÝ SỐ</Ten><MST>0101234567</MST><DChi>Số 1 Phố Huế, Hai Bà Trưng, Hà Nội</DChi></NBan>
      <NMua><Ten>CÔNG TY CỔ PHẦN MUA HÀNG (DEMO)</Ten><MST>0109876543</MST><DChi>Số 2 Tràng Tiền, Hoàn Kiếm, Hà Nội</DChi></NMua>
      <DSHHDVu><HHDVu><TChat>1</TChat><STT>1</STT><THHDVu>Dịch vụ chữ ký số (thử nghiệm)</THHDVu><DVTinh>Gói</DVTinh><SLuong>1</SLuong><DGia>1000000</DGia><ThTien>1000000</ThTien><TSuat>10%</TSuat></HHDVu></DSHHDVu>
      <TToan><TgTCThue>1000000</TgTCThue><TgTThue>100000</TgTThue><TgTTTBSo>1100000</TgTTTBSo><TgTTTBChu>Một triệu một trăm nghìn đồng chẵn</TgTTTBChu></TToan>
    </NDHDon>
  </DLHDon>
  <MCCQT Id="mccqt">00DEMO0123456789ABCDEF0123456789AB</MCCQT>
  <DSCKS><NBan/><NMua/><CCKSKhac/><CQT/></DSCKS>
</HDon>
"#;

/// The sample e-invoice signed and verified ([`DemoPki::sign_and_verify_invoice`]).
#[derive(Clone, Debug, Serialize)]
pub struct DemoInvoiceCheck {
    /// The signed invoice, relative to the demo directory.
    pub file: String,
    /// Its verification with both roots as anchors, each of its own domain.
    pub verdict: crate::verdict::DocumentVerdict,
}

impl DemoPki {
    /// Write [`SAMPLE_INVOICE`] to `dir/sample/hoa-don-mau.xml`, and signed by the demo business
    /// as the seller (NBan, public domain) and by the demo agency as the tax authority (CQT,
    /// government domain) to `dir/sample/hoa-don-mau.signed.xml`, and verify it with both roots as anchors (each of its own
    /// domain), the issuing CAs and the cross-certificates as the pool, every demo CRL, and
    /// revocation required: each signature is reported with the domains that accept it.
    pub fn sign_and_verify_invoice(&self, dir: &Path, force: bool) -> Result<DemoInvoiceCheck> {
        let sample_dir = dir.join("sample");
        std::fs::create_dir_all(&sample_dir).map_err(|e| Error::io(&sample_dir, e))?;
        let opts = WriteOptions { force, private: false, ..Default::default() };
        write_atomic(dir.join("sample/hoa-don-mau.xml"), SAMPLE_INVOICE.as_bytes(), opts)?;
        let rel = "sample/hoa-don-mau.signed.xml";
        let now = time::OffsetDateTime::now_utc();
        let mut doc = SAMPLE_INVOICE.as_bytes().to_vec();
        for (id, role, t) in [
            ("public-business", crate::xml::einvoice::Role::Seller, now - time::Duration::seconds(1)),
            ("gov-agency", crate::xml::einvoice::Role::TaxAuthority, now),
        ] {
            let e = self.must(id)?;
            let key = e.key.as_ref().ok_or_else(|| Error::usage(codes::NO_KEY).with("id", id))?;
            let ca = self.must(&e.issuer)?;
            let opts = crate::xml::DocumentSignOptions::default()
                .with_profile(crate::xml::XmlSignProfile::EInvoice)
                .with_role(Some(role))
                .with_chain(vec![ca.cert.clone()])
                .with_signing_time(Some(t));
            doc = crate::xml::sign_document(&doc, key, &e.cert, &opts, None)?.document;
        }
        write_atomic(dir.join(rel), &doc, opts)?;
        let mut store = crate::TrustStore::new();
        for (name, s) in self.trust_domains()? {
            for a in s.anchors() {
                store.add(a.cert.clone(), a.label.clone(), &name);
            }
        }
        let opts = crate::cms::VerifyOptions::default()
            .with_store(store)
            .with_untrusted(self.pool())
            .with_crls(self.all_crls())
            .with_revocation(crate::revocation::RevocationMode::Require);
        let verdict = crate::xml::verify_document(&doc, &opts)?.with_document_name(rel);
        Ok(DemoInvoiceCheck { file: rel.to_string(), verdict })
    }
}

/// One certificate of the demo validated under both domains.
#[derive(Clone, Debug, Serialize)]
pub struct DemoCrossCheck {
    /// Manifest id of the certificate (`gov-officer`).
    pub id: String,
    /// Its own domain.
    pub domain: Domain,
    /// The validation under each domain's root (public first).
    pub report: crate::path::CrossValidationReport,
}

impl DemoPki {
    /// The trust domains of the demo: each root as the anchor of its domain.
    pub fn trust_domains(&self) -> Result<Vec<(String, crate::TrustStore)>> {
        let mut out = Vec::new();
        for d in [Domain::Public, Domain::Gov] {
            let root = self.must(&format!("{}-root", d.as_str()))?;
            let mut store = crate::TrustStore::new();
            store.add(root.cert.clone(), root.cert.subject_string_utf8(), d.as_str());
            out.push((d.as_str().to_string(), store));
        }
        Ok(out)
    }

    /// The untrusted pool a relying party would hold: the issuing CAs and both
    /// cross-certificates.
    pub fn pool(&self) -> Vec<Certificate> {
        self.entities
            .iter()
            .filter(|e| matches!(e.role, Role::Ca | Role::Cross))
            .map(|e| e.cert.clone())
            .collect()
    }

    /// Every CRL of the demo.
    pub fn all_crls(&self) -> Vec<Crl> {
        self.crls.iter().map(|c| c.crl.clone()).collect()
    }

    /// Validate the officer's (government) and the business's (public) certificates under both
    /// domains at `at`, with every demo CRL and revocation required: each is accepted by its own
    /// root directly and by the other root through the cross-certificate.
    pub fn cross_validate_signers(&self, at: time::OffsetDateTime) -> Result<Vec<DemoCrossCheck>> {
        let domains = self.trust_domains()?;
        let pool = self.pool();
        let crls = self.all_crls();
        let opts = crate::path::ValidationOptions {
            time: at,
            revocation: crate::revocation::RevocationMode::Require,
            ..Default::default()
        };
        ["gov-officer", "public-business"]
            .iter()
            .map(|id| {
                let e = self.must(id)?;
                let report = crate::path::cross_validate(&e.cert, &pool, &crls, &domains, &opts);
                Ok(DemoCrossCheck { id: id.to_string(), domain: e.domain, report })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_shape() {
        let pki = generate().unwrap();
        let roles = |r: Role, d: Domain| pki.entities.iter().filter(|e| e.role == r && e.domain == d).count();
        assert_eq!(roles(Role::Signer, Domain::Public), 2);
        assert_eq!(roles(Role::Signer, Domain::Gov), 3);
        assert_eq!(roles(Role::Cross, Domain::Public), 1);
        assert_eq!(roles(Role::Cross, Domain::Gov), 1);
        assert_eq!(pki.crls.len(), 4);
        // The cross-certificate issued by the public root carries the gov root's name and key.
        let cross = pki.get("cross-public-gov").unwrap();
        let gov_root = pki.get("gov-root").unwrap();
        assert_eq!(cross.cert.x509().subject().as_raw(), gov_root.cert.x509().subject().as_raw());
        assert_eq!(cross.cert.x509().public_key().raw, gov_root.cert.x509().public_key().raw);
        // Every name says DEMO for the CAs.
        for e in pki.entities.iter().filter(|e| matches!(e.role, Role::Root | Role::Ca)) {
            assert!(e.cert.subject_string_utf8().contains("DEMO"), "{}", e.cert.subject_string_utf8());
        }
        // The business signer is RSA-2048, the officer P-256.
        assert_eq!(
            pki.get("public-business").unwrap().key.as_ref().unwrap().key_algorithm(),
            KeyAlgorithm::Rsa { bits: 2048 }
        );
        assert_eq!(
            pki.get("gov-officer").unwrap().key.as_ref().unwrap().key_algorithm(),
            KeyAlgorithm::EcP256
        );
        // Exactly one revoked, listed on the gov CA's CRL.
        let gov_crl = pki.crls.iter().find(|c| c.id == "gov-ca-crl").unwrap();
        let serials: Vec<_> =
            gov_crl.crl.parsed().iter_revoked_certificates().map(|r| r.raw_serial().to_vec()).collect();
        assert_eq!(serials, vec![pki.get("gov-revoked").unwrap().cert.x509().raw_serial().to_vec()]);
    }
}
