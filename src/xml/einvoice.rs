//! The Vietnamese e-invoice profile (QĐ 1450/QĐ-TCT as amended by QĐ 1510/QĐ-TCT, Decree
//! 123/2020/NĐ-CP, Circular 78/2021/TT-BTC): which document it is (a bare `HDon`, an `HDon`
//! wrapped in a `TDiep` message, a `TBao` notice), the role of each signature (by its place in
//! `DSCKS`), what each role must cover, and the seller's tax code rule.
//!
//! The elements the profile looks at are found by their *place* in the structure (`/HDon/DLHDon`,
//! `/TDiep/DLieu/HDon/DLHDon`, `/TBao/DLTBao`), never by searching for an Id, and a signature
//! counts as covering one only when a verified Reference covers that very element: a copy of
//! `DLHDon` elsewhere carrying the same Id (signature wrapping) does not help.
//!
//! A document in which an element the profile reads is not unique is ambiguous, whichever copy
//! is signed: another reader may take the other one ([`Profile::ambiguities`]). Anywhere in the
//! document there must be at most one `HDon`, `DLHDon`, `MCCQT` and `DSCKS` (a notice: `TBao`,
//! `DLTBao`, `DSCKS`), and in the invoice data one `NDHDon`, one seller `NBan` in it, one `MST`
//! in that. A message carrying several invoices is not supported.
//!
//! # The seller's tax code rule
//! A Vietnamese tax code (MST) is 10 digits, or 10 digits and a 3-digit branch suffix
//! (`0101234567-001`). The invoice's `NBan/MST` and the MST in the seller certificate's UID
//! (`MST:…`) are compared after removing whitespace:
//! - equal: they match ([`crate::diag::codes::xml::EINVOICE_MST_MATCHES`]);
//! - the same 10-digit base, one of them without a branch suffix (a branch invoicing with its
//!   parent's certificate, or the reverse): a match on the base only, a warning
//!   ([`crate::diag::codes::xml::EINVOICE_MST_BRANCH`]);
//! - otherwise (different bases, or two different branches): a mismatch, an error.
//!
//! # What this does not check
//! The invoice's content (amounts, the schema of QĐ 1450), the buyer's tax code, the tax
//! authority's code (MCCQT) format, and whether the tax authority's certificate belongs to the
//! tax authority (its domain is reported; which agency it names is the reader's to judge).

use super::reader::{Document, Element};
use crate::diag::Message;
use crate::diag::codes::xml as c;

/// Which e-invoice document it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A bare `HDon`.
    Invoice,
    /// An `HDon` inside a `TDiep` message (`/TDiep/DLieu/HDon`).
    Message,
    /// A `TBao` notice.
    Notice,
}

impl Kind {
    /// The root's element name: `HDon`, `TDiep`, `TBao`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Invoice => "HDon",
            Kind::Message => "TDiep",
            Kind::Notice => "TBao",
        }
    }
}

/// The role of a signature in `DSCKS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// The seller (`NBan`).
    Seller,
    /// The buyer (`NMua`).
    Buyer,
    /// Another signer (`CCKSKhac`).
    Other,
    /// The tax authority (`CQT`; in a notice also `TTCQT`).
    TaxAuthority,
}

impl Role {
    /// The role's name in the verdict: `seller`, `buyer`, `other`, `tax-authority`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Seller => "seller",
            Role::Buyer => "buyer",
            Role::Other => "other",
            Role::TaxAuthority => "tax-authority",
        }
    }
}

/// An e-invoice document's structure.
#[derive(Clone, Copy, Debug)]
pub struct Profile<'a, 'i> {
    /// Which document.
    pub kind: Kind,
    /// The signed data: `DLHDon` (invoice) or `DLTBao` (notice), when present.
    pub data: Option<Element<'a, 'i>>,
    /// The tax authority's code `MCCQT` (invoices), when present.
    pub mccqt: Option<Element<'a, 'i>>,
    /// The signatures' container `DSCKS`, when present.
    pub dscks: Option<Element<'a, 'i>>,
    /// The invoice `HDon` (in a message, the first in `DLieu`) or the notice `TBao`.
    pub top: Element<'a, 'i>,
}

fn child<'a, 'i>(e: &Element<'a, 'i>, name: &str) -> Option<Element<'a, 'i>> {
    e.children().find(|c| c.local_name() == name)
}

/// The e-invoice structure of `doc`, when its root is `HDon`, `TDiep` (with `DLieu/HDon`) or
/// `TBao`.
pub fn detect<'a, 'i>(doc: &'a Document<'i>) -> Option<Profile<'a, 'i>> {
    let root = doc.root_element();
    let (kind, top) = match root.local_name() {
        "HDon" => (Kind::Invoice, root),
        "TDiep" => (Kind::Message, child(&child(&root, "DLieu")?, "HDon")?),
        "TBao" => (Kind::Notice, root),
        _ => return None,
    };
    let data = child(&top, if kind == Kind::Notice { "DLTBao" } else { "DLHDon" });
    let mccqt = if kind == Kind::Notice { None } else { child(&top, "MCCQT") };
    Some(Profile { kind, data, mccqt, dscks: child(&top, "DSCKS"), top })
}

impl<'a, 'i> Profile<'a, 'i> {
    /// The role of the signature `sig` and the name of its `DSCKS` slot (`NBan`, `CQT`, ...), or
    /// `None` when it is not in `DSCKS`.
    pub fn role_of(&self, sig: &Element<'_, '_>) -> Option<(Role, &'a str)> {
        let slot = sig.parent()?;
        let dscks = self.dscks?;
        let same = |a: &Element<'_, '_>, b: &Element<'_, '_>| a.is_within(b) && b.is_within(a);
        if !slot.parent().is_some_and(|p| same(&p, &dscks)) {
            return None;
        }
        let name = dscks.children().find(|c| same(c, &slot))?.local_name();
        let role = match name {
            "NBan" => Role::Seller,
            "NMua" => Role::Buyer,
            "CCKSKhac" => Role::Other,
            "CQT" | "TTCQT" => Role::TaxAuthority,
            _ => return None,
        };
        Some((role, name))
    }

    /// The elements a signature of `role` must cover, by name (`None`: the element is missing).
    pub fn required(&self, role: Role) -> Vec<(&'static str, Option<Element<'a, 'i>>)> {
        let data = if self.kind == Kind::Notice { "DLTBao" } else { "DLHDon" };
        match (role, self.kind) {
            (Role::Seller, _) => vec![(data, self.data)],
            (Role::TaxAuthority, Kind::Notice) => vec![(data, self.data)],
            (Role::TaxAuthority, _) => vec![(data, self.data), ("MCCQT", self.mccqt)],
            _ => Vec::new(),
        }
    }

    /// What makes the document ambiguous for the profile (module documentation): an element it
    /// reads that is not unique ([`c::EINVOICE_DUPLICATE_ELEMENT`]: the signatures are invalid),
    /// or several invoices in a message ([`c::EINVOICE_SEVERAL_INVOICES`]: not supported, the
    /// signatures are indeterminate). Empty when the structure is unambiguous.
    pub fn ambiguities(&self, doc: &Document<'_>) -> Vec<Message> {
        if self.kind == Kind::Message {
            let invoices =
                self.top.parent().map_or(1, |d| d.children().filter(|e| e.local_name() == "HDon").count());
            if invoices > 1 {
                return vec![Message::new(c::EINVOICE_SEVERAL_INVOICES).with("count", invoices)];
            }
        }
        let duplicate = |element: &str, count: usize| {
            Message::new(c::EINVOICE_DUPLICATE_ELEMENT).with("element", element).with("count", count)
        };
        let mut out = Vec::new();
        let unique: &[&str] = match self.kind {
            Kind::Notice => &["TBao", "DLTBao", "DSCKS"],
            _ => &["HDon", "DLHDon", "MCCQT", "DSCKS"],
        };
        for name in unique {
            let n = doc.count_local_name(name);
            if n > 1 {
                out.push(duplicate(name, n));
            }
        }
        if self.kind != Kind::Notice {
            let mut parent = self.data;
            for name in ["NDHDon", "NBan", "MST"] {
                let Some(p) = parent else { break };
                let found: Vec<Element<'a, 'i>> = p.children().filter(|e| e.local_name() == name).collect();
                if found.len() > 1 {
                    out.push(duplicate(name, found.len()));
                }
                parent = found.first().copied();
            }
        }
        out
    }

    /// The seller's tax code `DLHDon/NDHDon/NBan/MST` (trimmed), and its element.
    pub fn seller_tax_code(&self) -> Option<(String, Element<'a, 'i>)> {
        let mst = child(&child(&child(&self.data?, "NDHDon")?, "NBan")?, "MST")?;
        Some((mst.text().trim().to_string(), mst))
    }
}

/// How the invoice's tax code compares with the certificate's (module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxCodeMatch {
    /// Equal.
    Equal,
    /// The same 10-digit base, one without a branch suffix.
    Base,
    /// Different.
    Differs,
}

/// Compare the invoice's tax code with the certificate's (module documentation).
pub fn compare_tax_codes(invoice: &str, certificate: &str) -> TaxCodeMatch {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (a, b) = (norm(invoice), norm(certificate));
    if a == b && !a.is_empty() {
        return TaxCodeMatch::Equal;
    }
    let split = |s: &str| match s.split_once('-') {
        Some((base, branch)) => (base.to_string(), Some(branch.to_string())),
        None => (s.to_string(), None),
    };
    let ((ba, ra), (bb, rb)) = (split(&a), split(&b));
    if ba.is_empty() || ba != bb {
        return TaxCodeMatch::Differs;
    }
    match (ra, rb) {
        (Some(x), Some(y)) if x != y => TaxCodeMatch::Differs,
        _ => TaxCodeMatch::Base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_code_rule() {
        assert_eq!(compare_tax_codes("0101234567", "0101234567"), TaxCodeMatch::Equal);
        assert_eq!(compare_tax_codes(" 0101234567-001 ", "0101234567-001"), TaxCodeMatch::Equal);
        assert_eq!(compare_tax_codes("0101234567-001", "0101234567"), TaxCodeMatch::Base);
        assert_eq!(compare_tax_codes("0101234567", "0101234567-002"), TaxCodeMatch::Base);
        assert_eq!(compare_tax_codes("0101234567-001", "0101234567-002"), TaxCodeMatch::Differs);
        assert_eq!(compare_tax_codes("0101234568", "0101234567"), TaxCodeMatch::Differs);
        assert_eq!(compare_tax_codes("", ""), TaxCodeMatch::Differs);
    }
}
