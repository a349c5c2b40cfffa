//! XML documents and XML signatures (W3C XML Signature Syntax and Processing 1.1, Canonical XML
//! 1.0 / 1.1, Exclusive XML Canonicalization 1.0): reading, canonicalizing, verifying.

catalog! {
    // Reading an XML document safely.
    XML_NOT_UTF8 = ("xml-not-utf8", Error, "XML 1.0 §4.3.3", "the XML document is not valid UTF-8", "tài liệu XML không phải UTF-8 hợp lệ");
    XML_ENCODING_UNSUPPORTED = ("xml-encoding-unsupported", Error, "XML 1.0 §4.3.3", "XML encoding {encoding} is not supported (only UTF-8)", "không hỗ trợ bảng mã XML {encoding} (chỉ hỗ trợ UTF-8)");
    XML_MALFORMED = ("xml-malformed", Error, "XML 1.0 §2.1", "not well-formed XML at line {line}, column {column}: {problem}", "XML không đúng cú pháp tại dòng {line}, cột {column}: {problem}");
    XML_SYNTAX_NO_ROOT = ("xml-syntax-no-root", Error, "XML 1.0 §2.1", "there is no root element", "không có phần tử gốc");
    XML_SYNTAX_UNCLOSED = ("xml-syntax-unclosed", Error, "XML 1.0 §2.1", "the document ends before its elements are closed", "tài liệu kết thúc khi các phần tử chưa được đóng");
    XML_SYNTAX_CLOSE_TAG = ("xml-syntax-close-tag", Error, "XML 1.0 §3", "end tag {found} where the end tag of {expected} is expected", "thẻ đóng {found} trong khi cần thẻ đóng của {expected}");
    XML_SYNTAX_UNKNOWN_PREFIX = ("xml-syntax-unknown-prefix", Error, "Namespaces in XML 1.0 §5", "undeclared namespace prefix {prefix}", "tiền tố không gian tên {prefix} chưa được khai báo");
    XML_SYNTAX_NAMESPACE = ("xml-syntax-namespace", Error, "Namespaces in XML 1.0 §3", "invalid namespace declaration", "khai báo không gian tên không hợp lệ");
    XML_SYNTAX_DUPLICATE_ATTRIBUTE = ("xml-syntax-duplicate-attribute", Error, "XML 1.0 §3.1", "attribute {name} is given twice", "thuộc tính {name} xuất hiện hai lần");
    XML_SYNTAX_ENTITY = ("xml-syntax-entity", Error, "XML 1.0 §4.1", "unknown or malformed entity reference (only the five predefined entities and character references are allowed)", "tham chiếu thực thể không xác định hoặc sai cú pháp (chỉ cho phép năm thực thể định sẵn và tham chiếu ký tự)");
    XML_SYNTAX_DECLARATION = ("xml-syntax-declaration", Error, "XML 1.0 §2.8", "an XML declaration that is not at the start of the document", "khai báo XML không nằm ở đầu tài liệu");
    XML_SYNTAX_CHARACTER = ("xml-syntax-character", Error, "XML 1.0 §2", "unexpected character or text", "ký tự hoặc văn bản không hợp lệ");
    XML_SYNTAX_PARSER_LIMIT = ("xml-syntax-parser-limit", Error, "", "a limit of the XML parser is reached", "vượt giới hạn của bộ phân tích XML");
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

    // The signer's certificate and signing time (xml::verify_document).
    XMLDSIG_SIGNER_NO_CERTIFICATE = ("xmldsig-signer-no-certificate", Error, "XML-DSig 1.1 §4.5", "the signer's key has no certificate: its certification path cannot be validated", "khoá người ký không có chứng thư số: không kiểm tra được đường dẫn chứng thực");
    XMLDSIG_SIGNING_TIME_UNPROVEN = ("xmldsig-signing-time-unproven", Warning, "ETSI EN 319 132-1 §5.2.1", "the signing time is claimed by the signer and not proven (no timestamp): the certificate is validated at the verification time", "thời điểm ký do người ký tự khai, không được chứng minh (không có dấu thời gian): chứng thư được kiểm tra tại thời điểm kiểm tra");
    XMLDSIG_SIGNING_TIME_MALFORMED = ("xmldsig-signing-time-malformed", Warning, "QĐ 1450/QĐ-TCT", "the SigningTime \"{value}\" is not a date and time", "SigningTime \"{value}\" không phải ngày giờ hợp lệ");
    XMLDSIG_SIGNING_TIME_NOT_SIGNED = ("xmldsig-signing-time-not-signed", Warning, "XML-DSig 1.1 §4.6", "the SigningTime is not covered by a verified reference: it is ignored", "SigningTime không được tham chiếu đã kiểm tra bao phủ: bỏ qua");
    XMLDSIG_SIGNING_TIME_OUTSIDE_VALIDITY = ("xmldsig-signing-time-outside-validity", Error, "RFC 5280 §4.1.2.5", "the claimed signing time {time} is outside the signer certificate's validity ({not_before} to {not_after})", "thời điểm ký tự khai {time} nằm ngoài thời hạn hiệu lực của chứng thư người ký ({not_before} đến {not_after})");
    XMLDSIG_SIGNER_VALIDITY_OK = ("xmldsig-signer-validity-ok", Note, "RFC 5280 §4.1.2.5", "the signer certificate is valid at {time} ({not_before} to {not_after})", "chứng thư người ký còn hiệu lực tại {time} ({not_before} đến {not_after})");
    XMLDSIG_SIGNER_NOT_VALID_AT = ("xmldsig-signer-not-valid-at", Error, "RFC 5280 §4.1.2.5", "the signer certificate is not valid at {time} ({not_before} to {not_after})", "chứng thư người ký không còn hiệu lực tại {time} ({not_before} đến {not_after})");
    XMLDSIG_REFERENCES_VERIFIED = ("xmldsig-references-verified", Note, "XML-DSig 1.1 §3.2.1", "the {count} reference digest(s) match", "{count} giá trị băm của tham chiếu khớp");

    // The e-invoice profile (QĐ 1450/QĐ-TCT, Circular 78/2021/TT-BTC).
    EINVOICE_PROFILE = ("einvoice-profile", Note, "QĐ 1450/QĐ-TCT", "e-invoice profile: {kind} document", "hồ sơ hoá đơn điện tử: tài liệu {kind}");
    EINVOICE_SIGNATURE_OUTSIDE_DSCKS = ("einvoice-signature-outside-dscks", Error, "QĐ 1450/QĐ-TCT", "the signature at {path} is not in DSCKS: it has no e-invoice role, so what it must cover cannot be checked", "chữ ký tại {path} không nằm trong DSCKS: không có vai trò trong hoá đơn, nên không kiểm tra được nó phải bao phủ những gì");
    EINVOICE_DUPLICATE_ELEMENT = ("einvoice-duplicate-element", Error, "QĐ 1450/QĐ-TCT", "the document has {count} {element} elements where an e-invoice has one: which one is signed and which one is read is ambiguous", "tài liệu có {count} phần tử {element} trong khi hoá đơn điện tử chỉ có một: không rõ phần tử nào được ký, phần tử nào được đọc");
    EINVOICE_SEVERAL_INVOICES = ("einvoice-several-invoices", Error, "QĐ 1450/QĐ-TCT", "the message carries {count} invoices (HDon): only one invoice per message is supported, so what each signature must cover is not checked", "thông điệp chứa {count} hoá đơn (HDon): chỉ hỗ trợ một hoá đơn trong mỗi thông điệp, nên không kiểm tra được mỗi chữ ký phải bao phủ những gì");
    EINVOICE_NOT_COVERED = ("einvoice-not-covered", Error, "QĐ 1450/QĐ-TCT", "the {role} signature does not cover {element}, which it must sign", "chữ ký của {role} không bao phủ {element} mà nó phải ký");
    EINVOICE_COVERAGE_UNKNOWN = ("einvoice-coverage-unknown", Error, "QĐ 1450/QĐ-TCT", "whether the {role} signature covers {element} is not known: its reference to it could not be checked", "không xác định được chữ ký của {role} có bao phủ {element} hay không: không kiểm tra được tham chiếu tới phần tử này");
    EINVOICE_ELEMENT_MISSING = ("einvoice-element-missing", Error, "QĐ 1450/QĐ-TCT", "the document has no {element}, which the {role} signature must cover", "tài liệu không có {element} mà chữ ký của {role} phải bao phủ");
    EINVOICE_COVERS = ("einvoice-covers", Note, "QĐ 1450/QĐ-TCT", "the {role} signature covers {element}", "chữ ký của {role} bao phủ {element}");
    EINVOICE_MST_MATCHES = ("einvoice-mst-matches", Note, "Decree 123/2020/NĐ-CP", "the seller's tax code {invoice} matches the certificate's {certificate}", "mã số thuế người bán {invoice} khớp với mã số thuế trong chứng thư {certificate}");
    EINVOICE_MST_BRANCH = ("einvoice-mst-branch", Warning, "Decree 123/2020/NĐ-CP", "the seller's tax code {invoice} matches the certificate's {certificate} on the 10-digit base only (one of them has no branch suffix)", "mã số thuế người bán {invoice} chỉ khớp với mã số thuế trong chứng thư {certificate} ở 10 chữ số gốc (một bên không có hậu tố chi nhánh)");
    EINVOICE_MST_MISMATCH = ("einvoice-mst-mismatch", Error, "Decree 123/2020/NĐ-CP", "the seller's tax code in the invoice ({invoice}) differs from the tax code in the seller's certificate ({certificate})", "mã số thuế người bán trong hoá đơn ({invoice}) khác mã số thuế trong chứng thư của người bán ({certificate})");
    EINVOICE_MST_NOT_IN_CERTIFICATE = ("einvoice-mst-not-in-certificate", Error, "Decree 123/2020/NĐ-CP", "the seller's certificate carries no tax code (UID MST:): it cannot be matched with the invoice's {invoice}", "chứng thư của người bán không có mã số thuế (UID MST:): không đối chiếu được với {invoice} của hoá đơn");
    EINVOICE_MST_NOT_IN_INVOICE = ("einvoice-mst-not-in-invoice", Error, "QĐ 1450/QĐ-TCT", "the invoice has no seller tax code (NBan/MST) in the signed data", "hoá đơn không có mã số thuế người bán (NBan/MST) trong dữ liệu đã ký");
    EINVOICE_NO_SIGNING_TIME = ("einvoice-no-signing-time", Warning, "QĐ 1450/QĐ-TCT", "the {role} signature has no signed SigningTime", "chữ ký của {role} không có SigningTime đã ký");
    EINVOICE_SELLER_AFTER_TAX_AUTHORITY = ("einvoice-seller-after-tax-authority", Error, "Circular 78/2021/TT-BTC", "the seller signed at {seller}, after the tax authority ({tax_authority})", "người bán ký lúc {seller}, sau cơ quan thuế ({tax_authority})");
    EINVOICE_SAME_DOCUMENT = ("einvoice-same-document", Note, "QĐ 1450/QĐ-TCT", "the tax authority's signature covers the same DLHDon digest ({algorithm}) as the seller's", "chữ ký của cơ quan thuế bao phủ cùng giá trị băm DLHDon ({algorithm}) với chữ ký của người bán");
    EINVOICE_DIFFERENT_DOCUMENT = ("einvoice-different-document", Error, "QĐ 1450/QĐ-TCT", "the tax authority signed a different DLHDon than the seller: the {algorithm} digests in the two signatures differ", "cơ quan thuế đã ký một DLHDon khác với người bán: giá trị băm {algorithm} trong hai chữ ký khác nhau");
    EINVOICE_DOCUMENT_NOT_COMPARED = ("einvoice-document-not-compared", Note, "QĐ 1450/QĐ-TCT", "the seller's and the tax authority's DLHDon digests use different algorithms ({seller}, {tax_authority}): compared only through each signature's own check", "giá trị băm DLHDon của người bán và của cơ quan thuế dùng thuật toán khác nhau ({seller}, {tax_authority}): chỉ so qua kiểm tra riêng của từng chữ ký");

    // Signing (xml::sign).
    XMLDSIG_SIGN_PARENT_NOT_FOUND = ("xmldsig-sign-parent-not-found", Error, "XML-DSig 1.1 §3.1.1", "the document has no element {path} to put the signature in", "tài liệu không có phần tử {path} để đặt chữ ký");
    XMLDSIG_SIGN_ID_NOT_FOUND = ("xmldsig-sign-id-not-found", Error, "XML-DSig 1.1 §3.1.1", "no element has the Id \"{id}\" to sign", "không có phần tử nào mang Id \"{id}\" để ký");
    XMLDSIG_SIGN_ALGORITHM_UNSUPPORTED = ("xmldsig-sign-algorithm-unsupported", Error, "XML-DSig 1.1 §6.4", "signing XML with {algorithm} is not supported (RSA PKCS#1 v1.5, RSA-PSS and ECDSA P-256/P-384 are)", "chưa hỗ trợ ký XML bằng {algorithm} (hỗ trợ RSA PKCS#1 v1.5, RSA-PSS và ECDSA P-256/P-384)");
    XMLDSIG_SIGN_NOTHING_TO_SIGN = ("xmldsig-sign-nothing-to-sign", Error, "XML-DSig 1.1 §3.1.1", "nothing to sign: no reference to the document or to an element was asked for", "không có gì để ký: không yêu cầu tham chiếu tới tài liệu hay phần tử nào");
    XMLDSIG_SIGN_TIMESTAMP_NEEDS_XADES = ("xmldsig-sign-timestamp-needs-xades", Error, "ETSI EN 319 132-1 §5.3", "signatures of the {profile} profile have no place for a timestamp: sign as XAdES, or make a detached CMS signature, to add one", "chữ ký theo hồ sơ {profile} không có chỗ cho dấu thời gian: hãy ký dạng XAdES, hoặc tạo chữ ký CMS tách rời, để thêm");
    XMLDSIG_SIGN_WOULD_BREAK = ("xmldsig-sign-would-break", Error, "XML-DSig 1.1 §6.6.4", "the document already has a signature ({id}) over the whole document: a second signature inside it would invalidate it", "tài liệu đã có chữ ký ({id}) trên toàn bộ tài liệu: thêm chữ ký thứ hai vào trong sẽ làm chữ ký đó mất hiệu lực");
    XMLDSIG_SIGN_SLOT_OCCUPIED = ("xmldsig-sign-slot-occupied", Error, "QĐ 1450/QĐ-TCT", "{path} already holds a signature", "{path} đã có chữ ký");
    EINVOICE_NOT_AN_INVOICE = ("einvoice-not-an-invoice", Error, "QĐ 1450/QĐ-TCT", "the document is not an e-invoice (root HDon, TDiep or TBao with DLHDon and DSCKS)", "tài liệu không phải hoá đơn điện tử (gốc HDon, TDiep hoặc TBao có DLHDon và DSCKS)");
}
