//! Distinguished names: comparison per RFC 5280 §7.1 (and §4.1.2.4), used by path building.
