#!/usr/bin/env bash
# Time `kyso chain verify` against `openssl verify` per process on the same 3-certificate RSA-2048
# chain (root anchor, intermediate, leaf), generated here with openssl.
# Usage: scripts/bench-chain.sh [ITERATIONS] (default 200). Uses hyperfine when available.
# KYSO: path of the kyso binary (default: target/release/kyso, built if missing).
set -euo pipefail
N="${1:-200}"
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
KYSO="${KYSO:-$ROOT_DIR/target/release/kyso}"
if [ ! -x "$KYSO" ]; then
    (cd "$ROOT_DIR" && cargo build --release --bin kyso >&2)
fi
command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
cat > ca.ext <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
cat > ee.ext <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
    -subj "/C=VN/O=Bench/CN=Bench Root" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout ica.key -out ica.csr -subj "/C=VN/O=Bench/CN=Bench ICA" 2>/dev/null
openssl x509 -req -in ica.csr -CA root.pem -CAkey root.key -CAcreateserial -out ica.pem -days 3650 \
    -extfile ca.ext 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout ee.key -out ee.csr -subj "/C=VN/O=Bench/CN=Bench Leaf" 2>/dev/null
openssl x509 -req -in ee.csr -CA ica.pem -CAkey ica.key -CAcreateserial -out ee.pem -days 3650 \
    -extfile ee.ext 2>/dev/null

KYSO_CMD="$KYSO chain verify ee.pem --anchor root.pem --untrusted ica.pem --revocation off"
OPENSSL_CMD="openssl verify -CAfile root.pem -untrusted ica.pem ee.pem"
$KYSO_CMD >/dev/null || { echo "kyso rejects the chain" >&2; exit 1; }
$OPENSSL_CMD >/dev/null || { echo "openssl rejects the chain" >&2; exit 1; }

if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 10 --runs "$N" "$KYSO_CMD" "$OPENSSL_CMD"
    exit 0
fi
run() {
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$N"); do $1 >/dev/null; done
    end=$(date +%s%N)
    echo $(( (end - start) / N / 1000 ))
}
k=$(run "$KYSO_CMD")
o=$(run "$OPENSSL_CMD")
echo "per process, mean of $N runs:"
echo "  kyso chain verify : ${k} µs"
echo "  openssl verify    : ${o} µs"
