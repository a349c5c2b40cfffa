//! Signature verification and public keys (src/crypto/verify.rs).

catalog! {
    SIGNATURE_MISMATCH = ("crypto-signature-mismatch", Error, "", "signature does not verify with the signer's public key", "chữ ký không khớp với khoá công khai của người ký");
    RSA_KEY_UNUSABLE = ("crypto-rsa-key-unusable", Error, "", "the signer's RSA public key is not usable: {detail}", "khoá công khai RSA của người ký không dùng được: {detail}");
    LEGACY_REFUSED = ("crypto-legacy-refused", Error, "Circular 15/2025/TT-BKHCN", "legacy signature algorithm {algorithm}, refused", "thuật toán chữ ký cũ {algorithm} bị từ chối");
    LEGACY_SHORT_RSA_REFUSED = ("crypto-legacy-short-rsa-refused", Error, "Circular 15/2025/TT-BKHCN", "legacy signature algorithm {algorithm} with a {bits}-bit RSA key, refused", "thuật toán chữ ký cũ {algorithm} với khoá RSA {bits} bit bị từ chối");
    WRONG_KEY_TYPE = ("crypto-wrong-key-type", Error, "", "{kind} signature but the signer's key is {key_algorithm}", "chữ ký {kind} nhưng khoá của người ký là {key_algorithm}");
    ECDSA_PARAMETERS_PRESENT = ("crypto-ecdsa-parameters-present", Error, "RFC 5758 §3.2", "ECDSA AlgorithmIdentifier has parameters (RFC 5758 §3.2)", "AlgorithmIdentifier của ECDSA có tham số (RFC 5758 §3.2)");
    CURVE_UNSUPPORTED = ("crypto-curve-unsupported", Error, "", "ECDSA curve {curve} is not supported", "không hỗ trợ đường cong ECDSA {curve}");
    ALGORITHM_UNSUPPORTED = ("crypto-algorithm-unsupported", Error, "", "signature algorithm {algorithm} is not supported", "không hỗ trợ thuật toán chữ ký {algorithm}");
    MALFORMED_RSA_KEY = ("crypto-malformed-rsa-key", Error, "RFC 3279 §2.3.1", "malformed RSA public key", "khoá công khai RSA sai định dạng");
    MALFORMED_RSA_KEY_DETAIL = ("crypto-malformed-rsa-key-detail", Error, "RFC 3279 §2.3.1", "malformed RSA public key: {detail}", "khoá công khai RSA sai định dạng: {detail}");
    PSS_NO_PARAMETERS = ("crypto-pss-no-parameters", Error, "RFC 4055 §3.1", "RSA-PSS AlgorithmIdentifier without parameters (RFC 4055 §3.1)", "AlgorithmIdentifier của RSA-PSS không có tham số (RFC 4055 §3.1)");
    PSS_MALFORMED_PARAMETERS = ("crypto-pss-malformed-parameters", Error, "RFC 4055 §3.1", "malformed RSASSA-PSS-params (RFC 4055 §3.1)", "RSASSA-PSS-params sai định dạng (RFC 4055 §3.1)");
    PSS_HASH_UNSUPPORTED = ("crypto-pss-hash-unsupported", Error, "", "RSA-PSS hash {hash} is not supported", "không hỗ trợ hàm băm {hash} cho RSA-PSS");
    PSS_MGF_UNSUPPORTED = ("crypto-pss-mgf-unsupported", Error, "", "RSA-PSS: only MGF1 with the message hash is supported", "RSA-PSS: chỉ hỗ trợ MGF1 với cùng hàm băm của thông điệp");
    PSS_TRAILER_FIELD = ("crypto-pss-trailer-field", Error, "RFC 4055 §3.1", "RSA-PSS trailerField must be 1 (RFC 4055 §3.1)", "trailerField của RSA-PSS phải bằng 1 (RFC 4055 §3.1)");
    MALFORMED_EC_KEY = ("crypto-malformed-ec-key", Error, "RFC 5480 §2.2", "malformed {curve} public key", "khoá công khai {curve} sai định dạng");
    MALFORMED_ECDSA_SIGNATURE = ("crypto-malformed-ecdsa-signature", Error, "RFC 5758 §3.2", "malformed ECDSA signature", "chữ ký ECDSA sai định dạng");
    MALFORMED_DSA_KEY = ("crypto-malformed-dsa-key", Error, "RFC 3279 §2.3.2", "malformed DSA public key or parameters", "khoá công khai hoặc tham số DSA sai định dạng");
    DSA_PARAMETERS_TOO_LARGE = ("crypto-dsa-parameters-too-large", Error, "FIPS 186-4 §4.2", "DSA with parameters beyond FIPS 186-4 sizes", "tham số DSA vượt quá kích thước của FIPS 186-4");
    MALFORMED_DSA_SIGNATURE = ("crypto-malformed-dsa-signature", Error, "RFC 3279 §2.2.2", "malformed DSA signature", "chữ ký DSA sai định dạng");
    RSA_MODULUS_NOT_BYTES = ("crypto-rsa-modulus-not-bytes", Error, "", "RSA modulus of {bits} bits is not a whole number of bytes", "modulus RSA {bits} bit không phải là số nguyên byte");
    RSA_KEY_TOO_WEAK = ("crypto-rsa-key-too-weak", Error, "Circular 15/2025/TT-BKHCN", "RSA key of {bits} bits is too weak", "khoá RSA {bits} bit quá yếu");
    RSA_KEY_LEGACY_REFUSED = ("crypto-rsa-key-legacy-refused", Error, "Circular 15/2025/TT-BKHCN", "RSA key of {bits} bits is too weak (2048 at least; 1024 is accepted only as legacy)", "khoá RSA {bits} bit quá yếu (tối thiểu 2048; 1024 chỉ được chấp nhận như thuật toán cũ)");
    EC_NO_NAMED_CURVE = ("crypto-ec-no-named-curve", Error, "RFC 5480 §2.1.1", "EC public key without a named curve", "khoá công khai EC không có đường cong được đặt tên");
    EC_CURVE_NOT_ACCEPTED = ("crypto-ec-curve-not-accepted", Error, "", "EC curve {curve} is not accepted (P-256, P-384, P-521)", "không chấp nhận đường cong EC {curve} (chỉ P-256, P-384, P-521)");
    DSA_KEY_LEGACY_REFUSED = ("crypto-dsa-key-legacy-refused", Error, "Circular 15/2025/TT-BKHCN", "DSA keys are legacy, refused", "khoá DSA là thuật toán cũ, bị từ chối");
}
