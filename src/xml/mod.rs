//! XML signatures (W3C XML Signature Syntax and Processing 1.1): a safe XML reader
//! ([`Document`]), canonicalization ([`c14n`]) and XML-DSig verification ([`dsig`]).
//!
//! The verifier returns *what was signed*: for each Reference its URI, the element it covers
//! (by path and Id), and its digest result; callers must use only covered data (the defence
//! against signature wrapping). Certificate path validation of the signer is not done here:
//! the report exposes the signer certificate and the KeyInfo certificates for the path layer.

pub mod algorithms;
pub mod c14n;
pub mod dsig;
mod reader;

pub use dsig::{
    Check, Coverage, KeySource, ReferenceReport, SignatureReport, SignerKey, Status, VerifyOptions, verify,
    verify_signature,
};
pub use reader::{Document, Element, Limits};
