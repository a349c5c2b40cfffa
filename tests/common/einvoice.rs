//! Test e-invoices built by code and signed with the demo PKI of `testdata/pki` by a minimal
//! enveloped XML-DSig signer written here (inclusive C14N 1.0, sha256, rsa-sha256 or
//! ecdsa-sha256), in the shapes of QĐ 1450/QĐ-TCT: NBan with the enveloped-signature transform,
//! CQT without it, each with a SigningTime in Vietnam local time in an Object.
#![allow(dead_code)]

use base64::Engine as _;
use kyso::xml::c14n::{Canonicalization, NodeSet, canonicalize};
use kyso::xml::{Document, Limits};
use kyso::{Certificate, SignatureAlgorithm, Signer};
use std::path::{Path, PathBuf};

pub const C14N10: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
pub const NS_DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";

pub fn pki(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pki").join(p)
}

/// A demo signer: key and certificate from `testdata/pki` (`public/business`, `gov/agency`).
pub struct Who {
    pub key: kyso::keys::SoftwareKey,
    pub cert: Certificate,
}

pub fn who(name: &str) -> Who {
    Who {
        key: kyso::keys::load_private_key(pki(&format!("{name}.key.pem")), Some(b"kyso-demo")).unwrap(),
        cert: Certificate::load(pki(&format!("{name}.pem"))).unwrap(),
    }
}

/// An invoice (HDon) in Vietnamese with the seller's tax code `mst`, empty DSCKS slots.
pub fn invoice(mst: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<HDon>
  <DLHDon Id="data">
    <TTChung><PBan>2.1.0</PBan><THDon>Hóa đơn giá trị gia tăng</THDon><KHMSHDon>1</KHMSHDon><KHHDon>C26TAA</KHHDon><SHDon>1</SHDon><NLap>2026-12-07</NLap><DVTTe>VND</DVTTe><TGia>1</TGia><HTTToan>Tiền mặt/Chuyển khoản</HTTToan></TTChung>
    <NDHDon>
      <NBan><Ten>CÔNG TY TNHH DEMO KÝ SỐ</Ten><MST>{mst}</MST><DChi>Số 1 Phố Huế, Hai Bà Trưng, Hà Nội</DChi></NBan>
      <NMua><Ten>CÔNG TY CỔ PHẦN MUA HÀNG</Ten><MST>0109876543</MST><DChi>Số 2 Tràng Tiền, Hoàn Kiếm, Hà Nội</DChi></NMua>
      <DSHHDVu><HHDVu><TChat>1</TChat><STT>1</STT><THHDVu>Dịch vụ chữ ký số</THHDVu><DVTinh>Gói</DVTinh><SLuong>1</SLuong><DGia>1000000</DGia><ThTien>1000000</ThTien><TSuat>10%</TSuat></HHDVu></DSHHDVu>
      <TToan><TgTCThue>1000000</TgTCThue><TgTThue>100000</TgTThue><TgTTTBSo>1100000</TgTTTBSo><TgTTTBChu>Một triệu một trăm nghìn đồng chẵn</TgTTTBChu></TToan>
    </NDHDon>
  </DLHDon>
  <MCCQT Id="mccqt">00A1B2C3D4E5F60718293A4B5C6D7E8F90</MCCQT>
  <DSCKS><NBan/><NMua/><CCKSKhac/><CQT/></DSCKS>
</HDon>
"#
    )
}

/// The invoice wrapped in a TDiep message.
pub fn message(mst: &str) -> String {
    let inv = invoice(mst);
    let body = inv.split_once("?>\n").unwrap().1;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TDiep><TTChung><PBan>2.1.0</PBan><MNGui>V0101234567</MNGui><MNNhan>TCT</MNNhan><MLTDiep>200</MLTDiep><MTDiep>V0101234567ABCDEF</MTDiep></TTChung><DLieu>{body}</DLieu></TDiep>\n"
    )
}

/// A tax-authority notice (TBao).
pub fn notice() -> String {
    r#"<?xml version="1.0" encoding="UTF-8"?>
<TBao><DLTBao Id="notice"><PBan>2.1.0</PBan><MSo>01/TB-KTDL</MSo><Ten>Thông báo về việc kết quả kiểm tra dữ liệu hóa đơn điện tử</Ten><MST>0101234567</MST><TNNT>CÔNG TY TNHH DEMO KÝ SỐ</TNNT></DLTBao><DSCKS><TTCQT/><CQT/></DSCKS></TBao>
"#
    .to_string()
}

/// Sign `xml` into the empty DSCKS slot `<slot/>` with a Signature `Id=sig_id` whose References
/// cover the elements with the Ids `refs` (with the enveloped transform when `enveloped`) and
/// the SigningTime Object, SigningTime `time` written as given (Vietnam local time, no zone).
pub fn sign(
    xml: &str,
    slot: &str,
    sig_id: &str,
    refs: &[&str],
    enveloped: bool,
    who: &Who,
    time: &str,
) -> String {
    sign_with_transforms(xml, slot, sig_id, refs, enveloped, "", who, time)
}

/// [`sign`] with `extra` (`<Transform .../>` elements) after the enveloped transform of each
/// reference to `refs`. The digests are computed without them: the Reference of a transform
/// kyso does not know is signed as written, for tests of what a verifier makes of it.
#[allow(clippy::too_many_arguments)]
pub fn sign_with_transforms(
    xml: &str,
    slot: &str,
    sig_id: &str,
    refs: &[&str],
    enveloped: bool,
    extra: &str,
    who: &Who,
    time: &str,
) -> String {
    let ecdsa = !matches!(who.key.key_algorithm(), kyso::KeyAlgorithm::Rsa { .. });
    let method = if ecdsa {
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    } else {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    };
    let env = r#"<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>"#;
    let transforms = match (enveloped, extra) {
        (false, "") => String::new(),
        (true, _) => format!("<Transforms>{env}{extra}</Transforms>"),
        (false, _) => format!("<Transforms>{extra}</Transforms>"),
    };
    let st = format!("{sig_id}-SigningTime");
    let mut all: Vec<(&str, &str)> = refs.iter().map(|r| (*r, transforms.as_str())).collect();
    all.push((&st, ""));
    let references: String = all
        .iter()
        .enumerate()
        .map(|(i, (id, t))| {
            format!(
                r##"<Reference URI="#{id}">{t}<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>@@D{i}@@</DigestValue></Reference>"##
            )
        })
        .collect();
    let cert = base64::engine::general_purpose::STANDARD.encode(who.cert.der());
    let signature = format!(
        r##"<Signature xmlns="{NS_DSIG}" Id="{sig_id}"><SignedInfo><CanonicalizationMethod Algorithm="{C14N10}"/><SignatureMethod Algorithm="{method}"/>{references}</SignedInfo><SignatureValue>@@SV@@</SignatureValue><KeyInfo><X509Data><X509Certificate>{cert}</X509Certificate></X509Data></KeyInfo><Object Id="{st}"><SignatureProperties xmlns=""><SignatureProperty Target="#{sig_id}"><SigningTime>{time}</SigningTime></SignatureProperty></SignatureProperties></Object></Signature>"##
    );
    let empty = format!("<{slot}/>");
    assert!(xml.contains(&empty), "no empty {slot} slot");
    let mut out = xml.replacen(&empty, &format!("<{slot}>{signature}</{slot}>"), 1);
    let c14n = Canonicalization::from_uri(C14N10).unwrap();
    // Digests (the DigestValues are not inside what they cover).
    let digests: Vec<String> = {
        let doc = Document::parse(out.as_bytes(), &Limits::default()).unwrap();
        let sig = doc.element_by_id(sig_id).unwrap().unwrap();
        all.iter()
            .map(|(id, _)| {
                let e = doc.element_by_id(id).unwrap().unwrap();
                let set = NodeSet::subtree(e, false);
                let set = if enveloped && sig.is_within(&e) { set.excluding(sig) } else { set };
                let bytes = canonicalize(&doc, &set, &c14n);
                base64::engine::general_purpose::STANDARD
                    .encode(kyso::xml::algorithms::DigestMethod::Sha256.digest(&bytes))
            })
            .collect()
    };
    for (i, d) in digests.iter().enumerate() {
        out = out.replacen(&format!("@@D{i}@@"), d, 1);
    }
    let value = {
        let doc = Document::parse(out.as_bytes(), &Limits::default()).unwrap();
        let sig = doc.element_by_id(sig_id).unwrap().unwrap();
        let si = sig.children().next().unwrap();
        let bytes = canonicalize(&doc, &NodeSet::subtree(si, false), &c14n);
        let alg =
            if ecdsa { SignatureAlgorithm::EcdsaP256Sha256 } else { SignatureAlgorithm::RsaPkcs1Sha256 };
        let raw = who.key.sign(alg, &bytes).unwrap();
        if ecdsa { der_to_raw(&raw, 32) } else { raw }
    };
    out.replacen("@@SV@@", &base64::engine::general_purpose::STANDARD.encode(value), 1)
}

/// An ECDSA-Sig-Value (DER SEQUENCE of r, s) as `r || s` of `n` bytes each (XML-DSig 1.1 §6.4.3).
fn der_to_raw(der: &[u8], n: usize) -> Vec<u8> {
    if der.len() == 2 * n && der[0] != 0x30 {
        return der.to_vec();
    }
    let mut i = 2;
    if der[1] & 0x80 != 0 {
        i += (der[1] & 0x7f) as usize;
    }
    let mut out = Vec::new();
    for _ in 0..2 {
        assert_eq!(der[i], 0x02);
        let len = der[i + 1] as usize;
        let int = &der[i + 2..i + 2 + len];
        let int = &int[int.len().saturating_sub(n)..];
        out.extend(std::iter::repeat_n(0u8, n - int.len()));
        out.extend_from_slice(int);
        i += 2 + len;
    }
    out
}

/// An invoice signed by the demo business (NBan) at `seller_time` and by the demo agency as
/// the tax authority (CQT) at `cqt_time`.
pub fn signed_invoice(mst: &str, seller_time: &str, cqt_time: &str) -> String {
    let seller = sign(&invoice(mst), "NBan", "seller", &["data"], true, &who("public/business"), seller_time);
    sign(&seller, "CQT", "CQT", &["data", "mccqt"], false, &who("gov/agency"), cqt_time)
}

/// Verification options for the invoices of this module: both demo domains as trust anchors,
/// the CAs and cross-certificates as untrusted, the CRLs, revocation required, at `at` (RFC 3339).
pub fn verify_options(at: &str) -> kyso::cms::VerifyOptions {
    let mut store = kyso::TrustStore::new();
    store.add(Certificate::load(pki("public/root.pem")).unwrap(), "public root", "public");
    store.add(Certificate::load(pki("gov/root.pem")).unwrap(), "gov root", "gov");
    let untrusted = ["cross/public-to-gov.pem", "cross/gov-to-public.pem", "public/ca.pem", "gov/ca.pem"]
        .iter()
        .map(|p| Certificate::load(pki(p)).unwrap())
        .collect();
    let crls = ["gov/ca.crl.pem", "gov/root.crl.pem", "public/ca.crl.pem", "public/root.crl.pem"]
        .iter()
        .flat_map(|c| kyso::Crl::load_all(pki(c)).unwrap())
        .collect();
    let at = time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).unwrap();
    kyso::cms::VerifyOptions::default()
        .with_store(store)
        .with_untrusted(untrusted)
        .with_crls(crls)
        .with_at(Some(at))
        .with_revocation(kyso::revocation::RevocationMode::Require)
}

/// One goods line (HHDVu) of an invoice, numbered `n`.
fn goods_line(n: usize) -> String {
    let qty = 1 + n % 7;
    let price = 10_000 * (1 + n % 13);
    let amount = qty * price;
    format!(
        "<HHDVu><TChat>1</TChat><STT>{n}</STT><MHHDVu>HH{n:06}</MHHDVu><THHDVu>Dịch vụ chữ ký số, gói {n} (chứng thư số doanh nghiệp, thiết bị USB token)</THHDVu><DVTinh>Gói</DVTinh><SLuong>{qty}</SLuong><DGia>{price}</DGia><TLCKhau>0</TLCKhau><STCKhau>0</STCKhau><ThTien>{amount}</ThTien><TSuat>10%</TSuat></HHDVu>"
    )
}

/// An unsigned invoice (the shape of [`invoice`]) of about `size` bytes: its DSHHDVu holds as
/// many goods lines (HHDVu, about 330 bytes each) as it takes, at least one.
pub fn invoice_of_size(mst: &str, size: usize) -> String {
    let base = invoice(mst);
    let start = base.find("<DSHHDVu>").unwrap() + "<DSHHDVu>".len();
    let end = base.find("</DSHHDVu>").unwrap();
    let mut lines = String::with_capacity(size);
    let mut n = 1;
    while n == 1 || base.len() - (end - start) + lines.len() < size {
        lines.push_str(&goods_line(n));
        lines.push('\n');
        n += 1;
    }
    format!("{}{lines}{}", &base[..start], &base[end..])
}
