//! XML documents and XML signatures (W3C XML Signature Syntax and Processing 1.1, Canonical XML
//! 1.0 / 1.1, Exclusive XML Canonicalization 1.0): reading, canonicalizing, verifying.

catalog! {
    // Reading an XML document safely.
    XML_NOT_UTF8 = ("xml-not-utf8", Error, "XML 1.0 §4.3.3", "the XML document is not valid UTF-8", "tài liệu XML không phải UTF-8 hợp lệ");
    XML_ENCODING_UNSUPPORTED = ("xml-encoding-unsupported", Error, "XML 1.0 §4.3.3", "XML encoding {encoding} is not supported (only UTF-8)", "không hỗ trợ bảng mã XML {encoding} (chỉ hỗ trợ UTF-8)");
    XML_MALFORMED = ("xml-malformed", Error, "XML 1.0 §2.1", "not well-formed XML: {detail}", "XML không đúng cú pháp: {detail}");
    XML_DOCTYPE_REFUSED = ("xml-doctype-refused", Error, "W3C XML Signature Best Practices (2013)", "the XML document has a DOCTYPE: DTDs are refused (entity expansion, external entities)", "tài liệu XML có khai báo DOCTYPE: không chấp nhận DTD (mở rộng thực thể, thực thể bên ngoài)");
    XML_TOO_LARGE = ("xml-too-large", Error, "", "the XML document is {size} bytes, over the limit of {limit}", "tài liệu XML có {size} byte, vượt giới hạn {limit}");
    XML_TOO_DEEP = ("xml-too-deep", Error, "", "the XML elements are nested deeper than the limit of {limit}", "các phần tử XML lồng nhau sâu hơn giới hạn {limit}");
    XML_TOO_MANY_ATTRIBUTES = ("xml-too-many-attributes", Error, "", "an XML element has more than {limit} attributes", "một phần tử XML có hơn {limit} thuộc tính");
    XML_TOO_MANY_NODES = ("xml-too-many-nodes", Error, "", "the XML document has more than {limit} nodes", "tài liệu XML có hơn {limit} nút");
    XML_DUPLICATE_ID = ("xml-duplicate-id", Error, "XML-DSig 1.1 §4.4.3.3", "the Id value \"{id}\" is carried by more than one element: a reference to it is ambiguous", "giá trị Id \"{id}\" có ở nhiều phần tử: tham chiếu tới nó không rõ ràng");

    // Canonicalization.
    XML_C14N_UNSUPPORTED = ("xml-c14n-unsupported", Error, "XML-DSig 1.1 §6.5", "canonicalization algorithm {algorithm} is not supported", "không hỗ trợ thuật toán chuẩn hoá {algorithm}");

    // The Signature element.
    XMLDSIG_NO_SIGNATURE = ("xmldsig-no-signature", Error, "XML-DSig 1.1 §4.1", "the XML document has no Signature element", "tài liệu XML không có phần tử Signature");
    XMLDSIG_MISSING_ELEMENT = ("xmldsig-missing-element", Error, "XML-DSig 1.1 §4", "{parent} has no {element} element", "{parent} không có phần tử {element}");
    XMLDSIG_UNEXPECTED_ELEMENT = ("xmldsig-unexpected-element", Error, "XML-DSig 1.1 §4", "unexpected element {element} in {parent}", "phần tử {element} không hợp lệ trong {parent}");
    XMLDSIG_UNEXPECTED_TEXT = ("xmldsig-unexpected-text", Error, "XML-DSig 1.1 §4", "unexpected text in {element}", "có văn bản không hợp lệ trong {element}");
    XMLDSIG_MISSING_ATTRIBUTE = ("xmldsig-missing-attribute", Error, "XML-DSig 1.1 §4", "{element} has no {attribute} attribute", "{element} không có thuộc tính {attribute}");
    XMLDSIG_BAD_BASE64 = ("xmldsig-bad-base64", Error, "XML-DSig 1.1 §6.6.1", "the content of {element} is not valid base64", "nội dung của {element} không phải base64 hợp lệ");
    XMLDSIG_TOO_MANY_REFERENCES = ("xmldsig-too-many-references", Error, "", "the SignedInfo has more than {limit} references", "SignedInfo có hơn {limit} tham chiếu");
    XMLDSIG_TOO_MANY_TRANSFORMS = ("xmldsig-too-many-transforms", Error, "", "a Reference has more than {limit} transforms", "một Reference có hơn {limit} phép biến đổi");
    XMLDSIG_TOO_MANY_SIGNATURES = ("xmldsig-too-many-signatures", Error, "", "the document has more than {limit} Signature elements", "tài liệu có hơn {limit} phần tử Signature");

    // References.
    XMLDSIG_REFERENCE_ID_NOT_FOUND = ("xmldsig-reference-id-not-found", Error, "XML-DSig 1.1 §4.4.3.3", "no element has the Id \"{id}\" the reference points to", "không có phần tử nào mang Id \"{id}\" mà tham chiếu trỏ tới");
    XMLDSIG_REFERENCE_URI_UNSUPPORTED = ("xmldsig-reference-uri-unsupported", Error, "XML-DSig 1.1 §4.4.3.1", "reference URI \"{uri}\" is not supported (only \"\" and same-document \"#id\")", "không hỗ trợ URI tham chiếu \"{uri}\" (chỉ hỗ trợ \"\" và \"#id\" trong cùng tài liệu)");
    XMLDSIG_REFERENCE_NO_URI = ("xmldsig-reference-no-uri", Error, "XML-DSig 1.1 §4.4.3.1", "a Reference without a URI attribute: the application would have to know what it covers", "một Reference không có thuộc tính URI: ứng dụng phải tự biết nó bao phủ gì");
    XMLDSIG_TRANSFORM_UNSUPPORTED = ("xmldsig-transform-unsupported", Error, "XML-DSig 1.1 §6.6", "transform {algorithm} is not supported", "không hỗ trợ phép biến đổi {algorithm}");
    XMLDSIG_TRANSFORM_NEEDS_NODES = ("xmldsig-transform-needs-nodes", Error, "XML-DSig 1.1 §4.4.3.2", "transform {algorithm} needs an XML node-set but gets octets", "phép biến đổi {algorithm} cần tập nút XML nhưng nhận được chuỗi byte");
    XMLDSIG_DIGEST_UNSUPPORTED = ("xmldsig-digest-unsupported", Error, "XML-DSig 1.1 §6.2", "digest algorithm {algorithm} is not supported", "không hỗ trợ hàm băm {algorithm}");
    XMLDSIG_SHA1_DIGEST_REFUSED = ("xmldsig-sha1-digest-refused", Error, "Circular 15/2025/TT-BKHCN", "SHA-1 reference digest: a legacy algorithm, refused unless legacy algorithms are allowed", "giá trị băm SHA-1 của tham chiếu: thuật toán cũ, bị từ chối trừ khi cho phép thuật toán cũ");
    XMLDSIG_SHA1_DIGEST = ("xmldsig-sha1-digest", Warning, "Circular 15/2025/TT-BKHCN", "SHA-1 reference digest: a legacy algorithm, acceptable only for old documents", "giá trị băm SHA-1 của tham chiếu: thuật toán cũ, chỉ chấp nhận cho văn bản cũ");
    XMLDSIG_DIGEST_MATCHES = ("xmldsig-digest-matches", Note, "XML-DSig 1.1 §3.2.1", "reference \"{uri}\": the {algorithm} digest matches", "tham chiếu \"{uri}\": giá trị băm {algorithm} khớp");
    XMLDSIG_DIGEST_MISMATCH = ("xmldsig-digest-mismatch", Error, "XML-DSig 1.1 §3.2.1", "reference \"{uri}\": the digest does not match: the signed content was modified", "tham chiếu \"{uri}\": giá trị băm không khớp: nội dung đã ký bị sửa đổi");
    XMLDSIG_REFERENCE_FAILED = ("xmldsig-reference-failed", Error, "XML-DSig 1.1 §3.2.1", "reference \"{uri}\" could not be checked: {reason}", "không kiểm tra được tham chiếu \"{uri}\": {reason}");

    // SignedInfo and SignatureValue.
    XMLDSIG_SIGNATURE_METHOD_UNSUPPORTED = ("xmldsig-signature-method-unsupported", Error, "XML-DSig 1.1 §6.3", "signature algorithm {algorithm} is not supported", "không hỗ trợ thuật toán chữ ký {algorithm}");
    XMLDSIG_HMAC_UNSUPPORTED = ("xmldsig-hmac-unsupported", Error, "XML-DSig 1.1 §6.3.1", "HMAC signatures ({algorithm}) are not supported: they need a shared secret key", "không hỗ trợ chữ ký HMAC ({algorithm}): cần khoá bí mật dùng chung");
    XMLDSIG_SIGNATURE_VALID = ("xmldsig-signature-valid", Note, "XML-DSig 1.1 §3.2.2", "the SignatureValue verifies over the canonical SignedInfo", "SignatureValue đúng với SignedInfo đã chuẩn hoá");
    XMLDSIG_SIGNATURE_INVALID = ("xmldsig-signature-invalid", Error, "XML-DSig 1.1 §3.2.2", "the SignatureValue does not verify: {reason}", "SignatureValue không đúng: {reason}");
    XMLDSIG_SIGNATURE_NOT_CHECKED = ("xmldsig-signature-not-checked", Error, "XML-DSig 1.1 §3.2.2", "the SignatureValue could not be checked: {reason}", "không kiểm tra được SignatureValue: {reason}");
    XMLDSIG_LEGACY_SIGNATURE = ("xmldsig-legacy-signature", Warning, "Circular 15/2025/TT-BKHCN", "legacy algorithm: the signature is verified with {algorithm}", "thuật toán cũ: chữ ký được kiểm tra bằng {algorithm}");
    XMLDSIG_ECDSA_VALUE_LENGTH = ("xmldsig-ecdsa-value-length", Error, "XML-DSig 1.1 §6.4.3", "the ECDSA SignatureValue is {length} bytes, not r || s of the key's curve ({expected} bytes)", "SignatureValue ECDSA dài {length} byte, không phải r || s của đường cong của khoá ({expected} byte)");
    XMLDSIG_PSS_PARAMETERS = ("xmldsig-pss-parameters", Error, "RFC 9231 §2.3.10", "the RSA-PSS parameters are not supported: {detail}", "không hỗ trợ tham số RSA-PSS: {detail}");

    // KeyInfo.
    XMLDSIG_NO_KEY = ("xmldsig-no-key", Error, "XML-DSig 1.1 §4.5", "no key to verify with: KeyInfo holds no certificate, no key value, and no reference to a certificate given", "không có khoá để kiểm tra: KeyInfo không chứa chứng thư số, giá trị khoá hay tham chiếu tới chứng thư được cung cấp");
    XMLDSIG_CERTIFICATE_MALFORMED = ("xmldsig-certificate-malformed", Error, "XML-DSig 1.1 §4.5.4", "X509Certificate {index} of KeyInfo is not a certificate", "X509Certificate thứ {index} của KeyInfo không phải chứng thư số");
    XMLDSIG_KEY_VALUE_MALFORMED = ("xmldsig-key-value-malformed", Error, "XML-DSig 1.1 §4.5.2", "malformed {kind} in KeyInfo", "{kind} trong KeyInfo sai định dạng");
    XMLDSIG_KEY_INFO_IGNORED = ("xmldsig-key-info-ignored", Note, "XML-DSig 1.1 §4.5", "KeyInfo element {element} is not used to find the key", "phần tử {element} của KeyInfo không được dùng để tìm khoá");
    XMLDSIG_KEY_REFERENCE_NOT_FOUND = ("xmldsig-key-reference-not-found", Warning, "XML-DSig 1.1 §4.5.4", "KeyInfo names a certificate by {element} that is neither embedded nor among the certificates given", "KeyInfo chỉ tới một chứng thư số bằng {element} nhưng chứng thư đó không được đính kèm và không có trong các chứng thư được cung cấp");
    XMLDSIG_SIGNER_FOUND = ("xmldsig-signer-found", Note, "XML-DSig 1.1 §4.5", "signer key from {source}: {subject}", "khoá người ký lấy từ {source}: {subject}");
    XMLDSIG_SIGNER_KEY_VALUE = ("xmldsig-signer-key-value", Warning, "XML-DSig 1.1 §4.5.2", "the signer is identified by a bare key value, without a certificate", "người ký được xác định bằng giá trị khoá, không có chứng thư số");
}
