#![no_main]
//! OCSP responses (RFC 6960): decoding, then the engine's full reading of the answer for the
//! demo PKI's business certificate (CertID match, nonce, responder authorization, signature,
//! times, status), as the online source and the revocation engine do.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pair() -> &'static (kyso::Certificate, kyso::Certificate) {
    static P: OnceLock<(kyso::Certificate, kyso::Certificate)> = OnceLock::new();
    P.get_or_init(|| {
        let cert = kyso::Certificate::parse_many(include_bytes!("../../testdata/pki/public/business.pem"));
        let ca = kyso::Certificate::parse_many(include_bytes!("../../testdata/pki/public/ca.pem"));
        (cert.expect("demo certificate").remove(0), ca.expect("demo CA").remove(0))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(resp) = kyso::revocation::OcspResponse::from_der(data.to_vec()) else { return };
    let (cert, ca) = pair();
    let _ = (resp.responder(), resp.produced_at(), resp.status_name(), resp.next_update_for(cert, ca));
    let now = time::OffsetDateTime::now_utc();
    for nonce in [None, Some(vec![1u8; 32])] {
        let answer = kyso::revocation::OcspAnswer::new(resp.clone(), nonce, now);
        for legacy in [false, true] {
            let _ = kyso::revocation::check_data(
                cert,
                ca,
                &[],
                std::slice::from_ref(&answer),
                now,
                legacy,
                &kyso::revocation::NoOtherSigners,
            );
        }
    }
});
