//! XML signatures (W3C XML Signature Syntax and Processing 1.1): a safe XML reader
//! ([`Document`]), canonicalization ([`c14n`]) and XML-DSig verification ([`dsig`]).
//!
//! The verifier returns *what was signed*: for each Reference its URI, the element it covers
//! (by path and Id), and its digest result; callers must use only covered data (the defence
//! against signature wrapping). [`verify_document`] adds the signer's path validation under
//! every trust domain (the same options as CMS) and the e-invoice profile ([`einvoice`]), and
//! returns the common verdict (`kyso.verdict/1`).

pub mod algorithms;
pub mod c14n;
pub mod document;
pub mod dsig;
pub mod einvoice;
mod reader;
pub mod sign;

pub use document::{DocumentVerifier, verify_document};
pub use dsig::{
    Check, Coverage, KeySource, ReferenceReport, SignatureReport, SignerKey, Status, VerifyOptions, verify,
    verify_signature,
};
pub use reader::{Document, Element, Limits};
pub use sign::{SignOptions, sign_enveloped, sign_invoice_seller, sign_invoice_tax_authority};
