//! Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)-(c), §6.1.4 (g)) and the optional name check of
//! the end-entity certificate (DNS name, IP address, email).

use std::net::IpAddr;

/// A name the end-entity certificate must be valid for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameCheck {
    /// A DNS name (matched against dNSName SANs, RFC 6125 wildcard rules).
    Dns(String),
    /// An IP address (matched against iPAddress SANs).
    Ip(IpAddr),
    /// An email address (rfc822Name SANs, or emailAddress in the subject when there is no SAN).
    Email(String),
}
