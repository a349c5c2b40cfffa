//! A parsed X.509 CRL that owns its DER, parsed once.

use crate::diag::codes::input;
use crate::error::{Error, Result};
use crate::io::{decode_pem_or_der, limits, read_file_limited};
use std::path::Path;
use std::sync::Arc;
use x509_parser::prelude::FromDer;
use x509_parser::revocation_list::CertificateRevocationList;

type ParsedCrl<'a> = CertificateRevocationList<'a>;

self_cell::self_cell!(
    struct CrlCell {
        owner: Vec<u8>,
        #[covariant]
        dependent: ParsedCrl,
    }
);

/// A certificate revocation list (RFC 5280 §5): its DER and the parsed view.
#[derive(Clone)]
pub struct Crl {
    cell: Arc<CrlCell>,
}

impl std::fmt::Debug for Crl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crl").field("issuer", &crate::name::render(self.parsed().issuer())).finish()
    }
}

impl Crl {
    /// Parse one DER CRL.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self> {
        let cell = CrlCell::try_new(der.into(), |der| match CertificateRevocationList::from_der(der) {
            Ok(([], crl)) => Ok(crl),
            Ok(_) => Err(Error::input(input::CRL_TRAILING_DATA)),
            Err(e) => Err(Error::input(
                crate::diag::Message::new(input::CRL_MALFORMED)
                    .with_message("detail", crate::ber::x509_error_message(&e)),
            )),
        })?;
        Ok(Crl { cell: Arc::new(cell) })
    }

    /// Parse every `X509 CRL` block of PEM, or one DER CRL.
    pub fn parse_many(data: &[u8]) -> Result<Vec<Self>> {
        let mut out = Vec::new();
        for b in decode_pem_or_der(data)? {
            match b.label.as_deref() {
                None | Some("X509 CRL") => out.push(Self::from_der(b.der)?),
                Some(_) => {}
            }
        }
        if out.is_empty() {
            return Err(Error::input(input::CRL_NOT_FOUND));
        }
        Ok(out)
    }

    /// Load every CRL of a file, with errors naming it.
    pub fn load_all(path: impl AsRef<Path>) -> Result<Vec<Self>> {
        let path = path.as_ref();
        Self::parse_many(&read_file_limited(path, limits::CRL)?).map_err(|e| e.with_file(path))
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        self.cell.borrow_owner()
    }

    /// The parsed CRL.
    pub fn parsed(&self) -> &CertificateRevocationList<'_> {
        self.cell.borrow_dependent()
    }

    /// PEM text of this CRL.
    pub fn to_pem(&self) -> String {
        crate::io::to_pem("X509 CRL", self.der())
    }
}
