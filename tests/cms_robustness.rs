//! Hostile input: every truncation and thousands of random byte flips of a valid signature
//! (and of a timestamped one) must give an error or an invalid report, never a panic, and never
//! a valid verdict for modified signed bytes.

mod cms_common;

use cms_common::Pki;
use kyso::cms::{self, SignOptions};
use rand::{Rng, SeedableRng};

const DATA: &[u8] = b"du lieu kiem thu\n";

#[test]
fn truncations_and_byte_flips_never_panic() {
    let p = Pki::new();
    let opts = p.verify_options();
    let sig = cms::sign(p.p256.key.as_ref(), &p.p256.cert, &mut &DATA[..], &SignOptions::default()).unwrap();
    let der = sig.der;
    assert!(cms::verify(&der, Some(&mut &DATA[..]), &opts).unwrap().valid);
    for cut in 0..der.len() {
        if let Ok(r) = cms::verify(&der[..cut], Some(&mut &DATA[..]), &opts) {
            assert!(!r.valid, "a truncation at {cut} verified");
        }
    }
    // The bytes no signature covers: SignedData version and digestAlgorithms (everything before
    // the encapsulated content info), and the SignerInfo's version and signer identifier (a
    // locator only: the signing-certificate-v2 attribute binds the certificate).
    let encap = der
        .windows(11)
        .position(|w| w == [0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01])
        .unwrap();
    let issuer = p.p256.cert.x509().tbs_certificate.issuer.as_raw();
    let serial = p.p256.cert.x509().raw_serial();
    // issuer || INTEGER serial: first in the sid (the certificate has validity after its issuer,
    // the signing-certificate-v2 attribute comes after the sid).
    let mut sid = issuer.to_vec();
    sid.extend_from_slice(&[0x02, serial.len() as u8]);
    sid.extend_from_slice(serial);
    let sid_issuer = der.windows(sid.len()).position(|w| w == sid.as_slice()).unwrap();
    let unauthenticated =
        |i: usize| i < encap || (sid_issuer - 8..sid_issuer + issuer.len() + serial.len() + 2).contains(&i);
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x6b79736f);
    let mut valid_after_flip = 0;
    for _ in 0..3000 {
        let mut m = der.clone();
        let i = rng.gen_range(0..m.len());
        m[i] ^= 1 << rng.gen_range(0..8);
        if let Ok(r) = cms::verify(&m, Some(&mut &DATA[..]), &opts) {
            if r.valid && !unauthenticated(i) {
                valid_after_flip += 1;
                eprintln!("accepted a flip at {i}: {:02x} -> {:02x}", der[i], m[i]);
            }
        }
    }
    // Outside those bytes, a valid verdict after a flip would mean kyso accepted modified
    // signed data or a modified certificate.
    assert_eq!(valid_after_flip, 0);
    // BER normalization on garbage.
    for _ in 0..2000 {
        let len = rng.gen_range(0..64);
        let mut junk: Vec<u8> = (0..len).map(|_| rng.r#gen()).collect();
        if let Some(b) = junk.first_mut() {
            *b = 0x30;
        }
        let _ = cms::parse::ber_to_der(&junk);
        let _ = cms::parse(&junk);
    }
}
