//! The message catalog: every code kyso reports, with its words in Vietnamese and English,
//! grouped by the layer that reports it. A test checks that every code has both languages with
//! the same placeholders, and that identifiers are unique kebab-case.
//!
//! Glossary (one word each, in every message): *certificate* — chứng thư số (chứng thư);
//! *issuer* — tổ chức cấp (bên cấp); *certification path* — đường dẫn chứng thực;
//! *trust anchor* — điểm tin cậy; *cross-certificate* — chứng thư chéo; *cross-validation* —
//! xác thực chéo; *revocation* — thu hồi; *signature* — chữ ký; *timestamp* — dấu thời gian;
//! *key* — khoá; *passphrase* — mật khẩu; *trust domain* — miền tin cậy.

use super::Code;

/// Defines codes: `NAME = ("id", Severity, "rule", "English", "Vietnamese");`. Each becomes a
/// documented `pub const NAME: Code`, and the group's [`ALL`](io::ALL) lists them.
macro_rules! catalog {
    ($( $name:ident = ($id:literal, $sev:ident, $rule:literal, $en:literal, $vi:literal); )*) => {
        $(
            #[doc = concat!("`", $id, "`: ", $en)]
            // The English text is a message, not Markdown: `[0] IMPLICIT` is no link.
            #[allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls)]
            pub const $name: $crate::diag::Code = $crate::diag::Code(&$crate::diag::Entry {
                id: $id,
                severity: $crate::diag::Severity::$sev,
                rule: $rule,
                en: $en,
                vi: $vi,
            });
        )*
        /// Every code of this group.
        pub const ALL: &[$crate::diag::Code] = &[$($name),*];
    };
}

pub mod batch;
pub mod cms;
pub mod crypto;
pub mod demo;
pub mod input;
pub mod io;
pub mod issue;
pub mod keys;
pub mod net;
pub mod ocsp;
pub mod path;
pub mod revocation;
pub mod sources;
pub mod tsp;
pub mod xades;
pub mod xml;

/// Every code of every group.
pub fn all() -> impl Iterator<Item = Code> {
    [
        io::ALL,
        input::ALL,
        crypto::ALL,
        keys::ALL,
        issue::ALL,
        revocation::ALL,
        ocsp::ALL,
        path::ALL,
        sources::ALL,
        cms::ALL,
        batch::ALL,
        net::ALL,
        tsp::ALL,
        xml::ALL,
        xades::ALL,
        demo::ALL,
        super::hint::ALL,
    ]
    .into_iter()
    .flatten()
    .copied()
}

#[cfg(test)]
mod tests {
    use super::super::placeholders;
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_has_both_languages_with_the_same_placeholders() {
        let mut ids = HashSet::new();
        for code in all() {
            let e = code.entry();
            assert!(ids.insert(e.id), "duplicate code {}", e.id);
            assert!(
                !e.id.is_empty()
                    && e.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                e.id
            );
            assert!(!e.en.trim().is_empty(), "{}: no English", e.id);
            assert!(!e.vi.trim().is_empty(), "{}: no Vietnamese", e.id);
            let mut en = placeholders(e.en);
            let mut vi = placeholders(e.vi);
            en.sort();
            vi.sort();
            assert_eq!(en, vi, "{}: placeholders differ between English and Vietnamese", e.id);
            assert_ne!(e.en, e.vi, "{}: the Vietnamese text is the English one", e.id);
        }
    }
}
