//! XML signatures (W3C XML Signature Syntax and Processing 1.1): a safe XML reader
//! ([`Document`]), canonicalization ([`c14n`]) and XML-DSig verification ([`dsig`]).
//!
//! The verifier returns *what was signed*: for each Reference its URI, the element it covers
//! (by path and Id), and its digest result; callers must use only covered data (the defence
//! against signature wrapping). [`verify_document`] adds the signer's path validation under
//! every trust domain (the same options as CMS), the XAdES properties ([`xades`]) and the
//! e-invoice profile ([`einvoice`]), and returns the common verdict (`kyso.verdict/1`).
//! [`sign`] writes enveloped signatures (plain, XAdES B-B, e-invoice shapes);
//! [`xades::add_signature_timestamp`] makes a XAdES signature B-T.

pub mod algorithms;
pub mod c14n;
pub mod document;
pub mod dsig;
pub mod einvoice;
mod reader;
pub mod sign;
pub mod xades;

pub use document::{DocumentVerifier, verify_document};
pub use dsig::{
    Check, Coverage, KeySource, ReferenceReport, SignatureReport, SignerKey, Status, VerifyOptions, verify,
    verify_signature,
};
pub use reader::{Document, Element, Limits};
pub use sign::{
    DocumentSignOptions, SignOptions, SignedXml, XmlSignProfile, sign_document, sign_enveloped,
    sign_invoice_seller, sign_invoice_tax_authority,
};

/// Whether `head` (the first bytes of a file) looks like an XML document: after an optional
/// UTF-8 byte-order mark and whitespace, a `<`. A CMS signature starts with 0x30 (DER) or
/// `-----` (PEM), a PDF with `%PDF`.
pub fn looks_like_xml(head: &[u8]) -> bool {
    let b = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}
