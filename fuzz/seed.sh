#!/usr/bin/env bash
# Seed corpora for the fuzz targets, generated from the demo PKI in testdata/pki (and a PKCS#12,
# a timestamp response and BER encodings made from it), so the fuzzers start from real
# structures. Usage: fuzz/seed.sh [KYSO_BINARY]   (writes fuzz/corpus/<target>/).
set -euo pipefail
KYSO=$(realpath "${1:-$(dirname "$0")/../target/debug/kyso}")
cd "$(dirname "$0")"
P=../testdata/pki
C=corpus
mkdir -p $C/{ber,pem,certificate,crl,csr,private_key,pkcs12,cms_verify,cms_stream,timestamp,names,xml_verify,ocsp_response,http_response}
der() { openssl "$1" -in "$2" -outform DER 2>/dev/null; }
for f in $P/*/*.pem $P/cross/*.pem; do
  case $f in
    *.key.pem) cp "$f" $C/private_key/"$(basename "$f")"; printf '\x01' | cat - "$f" > $C/private_key/pass-"$(basename "$f")" ;;
    *.crl.pem) cp "$f" $C/crl/; der crl "$f" > $C/crl/"$(basename "$f" .pem)".der; cp "$f" $C/pem/ ;;
    *) cp "$f" $C/certificate/; der x509 "$f" > $C/certificate/"$(basename "$f" .pem)".der; cp "$f" $C/pem/
       der x509 "$f" > $C/ber/"$(basename "$f" .pem)".der ;;
  esac
done
for s in $P/sample/*.p7s; do cp "$s" $C/cms_verify/; cp "$s" $C/ber/; done
export KYSO_PASS=kyso-demo
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
"$KYSO" cert request --key $P/public/business.key.pem --pass-env KYSO_PASS -o "$W/req.csr" \
  --subject "C=VN, O=CÔNG TY DEMO, CN=Nguyễn Văn A, UID=MST:0101234567-001" >/dev/null
# Attached signatures, DER (BER indefinite lengths, segmented eContent) and PEM.
"$KYSO" sign $P/sample/cong-van-mau.txt --attached --key $P/public/business.key.pem --pass-env KYSO_PASS \
  --cert $P/public/business.pem --chain $P/public/ca.pem -o $C/cms_stream/attached.p7m --force >/dev/null
"$KYSO" sign $P/sample/cong-van-mau.txt --attached --pem --key $P/public/business.key.pem --pass-env KYSO_PASS \
  --cert $P/public/business.pem -o $C/cms_stream/attached.pem --force >/dev/null
cp "$W/req.csr" $C/csr/; openssl req -in "$W/req.csr" -outform DER > $C/csr/req.der
KYSO_P12=kyso-fuzz "$KYSO" key p12-export --key $P/public/business.key.pem --pass-env KYSO_PASS \
  --cert $P/public/business.pem --chain $P/public/ca.pem --out-pass-env KYSO_P12 -o $C/pkcs12/business.p12 --force >/dev/null
# A timestamp response: openssl ts -reply with the demo TSA.
openssl ts -query -data $P/sample/cong-van-mau.txt -sha256 -cert -out "$W/q.tsq" 2>/dev/null
printf 'kyso-demo' > "$W/pass"
cat > "$W/ts.cnf" <<CNF
[ tsa ]
default_tsa = t
[ t ]
serial = $W/serial
crypto_device = builtin
signer_cert = $P/public/tsa.pem
certs = $P/public/ca.pem
signer_key = $P/public/tsa.key.pem
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
CNF
echo 01 > "$W/serial"
openssl ts -reply -config "$W/ts.cnf" -queryfile "$W/q.tsq" -passin file:"$W/pass" -out $C/timestamp/reply.tsr 2>/dev/null || true
# OCSP responses for the business certificate (the ocsp_response target checks them against it):
# good and revoked, signed by the CA and by the demo's delegated responder, with and without a nonce.
ser=$(openssl x509 -in $P/public/business.pem -noout -serial | cut -d= -f2)
printf 'V\t491231235959Z\t\t%s\tunknown\t/CN=business\n' "$ser" > "$W/good.txt"
printf 'R\t491231235959Z\t260101000000Z,keyCompromise\t%s\tunknown\t/CN=business\n' "$ser" > "$W/revoked.txt"
openssl ocsp -issuer $P/public/ca.pem -cert $P/public/business.pem -reqout "$W/req.der" -no_nonce 2>/dev/null
openssl ocsp -issuer $P/public/ca.pem -cert $P/public/business.pem -reqout "$W/req-nonce.der" 2>/dev/null
for db in good revoked; do
  for req in req req-nonce; do
    openssl ocsp -index "$W/$db.txt" -CA $P/public/ca.pem -rsigner $P/public/ca.pem -rkey $P/public/ca.key.pem \
      -passin file:"$W/pass" -reqin "$W/$req.der" -respout $C/ocsp_response/$db-$req-ca.der -ndays 1 2>/dev/null || true
    openssl ocsp -index "$W/$db.txt" -CA $P/public/ca.pem -rsigner $P/public/ocsp.pem -rkey $P/public/ocsp.key.pem \
      -passin file:"$W/pass" -reqin "$W/$req.der" -respout $C/ocsp_response/$db-$req-delegated.der -ndays 1 -resp_key_id 2>/dev/null || true
  done
done
# Raw HTTP answers for the http_response target (the first byte also picks GET, GET any type or POST).
printf 'HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: 3\r\n\r\nabc' > $C/http_response/ok
printf 'HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n' > $C/http_response/chunked
printf 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n' > $C/http_response/error
printf 'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>' > $C/http_response/html-until-close
printf 'HTTP/1.1 200 OK\r\nContent-Length: 99999\r\n\r\ntruncated' > $C/http_response/truncated
printf 'C=VN, ST=Hà Nội, O=CÔNG TY TNHH DEMO KÝ SỐ, OU=Phòng Kế toán, CN=Nguyễn Văn A, UID=MST:0101234567' > $C/names/dn
printf '2.25.254237174323809065057726002495311440973.1.1' > $C/names/oid
printf 'keyCompromise' > $C/names/reason
# XML signatures: the signed e-invoice (seller and tax authority, the e-invoice profile of
# xml::verify_document), and the xmlsec vectors (W3C interop) when the shared data is there.
cp ../testdata/einvoice/hdon-nban-cqt.xml $C/xml_verify/einvoice-hdon-nban-cqt.xml
for f in ../testdata/xml-bad/*.xml; do cp "$f" $C/xml_verify/xml-bad-"$(basename "$f")"; done
X=${KYSO_SHARED:-../../shared}/conformance/xmldsig/tests
if [ -d "$X" ]; then
  for f in "$X"/aleksey-xmldsig-01/*.xml "$X"/xmldsig11-interop-2012/*.xml "$X"/merlin-*/*.xml; do
    cp "$f" $C/xml_verify/"$(basename "$(dirname "$f")")-$(basename "$f")"
  done
fi
for d in $C/*; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
