//! CMS (RFC 5652) / CAdES signatures and RFC 3161 timestamps.
