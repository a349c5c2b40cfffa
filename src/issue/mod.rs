//! Issuing certificates (root, sub-CA, leaf, TSA, OCSP responder, cross-certificates), CSRs and CRLs.
