#!/usr/bin/env bash
# OCSP checking of CERTS distinct certificates against a loopback responder (issue #11,
# performance): kyso's OcspSource (keep-alive connections, THREADS parallel requests, every answer
# verified) cold and with a warm cache, against an `openssl ocsp` client loop (one process per
# certificate, verifying each response) over the same certificates and responder. The responder
# serves answers `openssl ocsp` pre-produced (RFC 5019 style) from 127.0.0.1; nothing else is
# contacted. See examples/ocsp_bench.rs.
#
#   scripts/bench-ocsp.sh [CERTS] [THREADS]      (defaults: 1000 certificates, 8 threads)
set -euo pipefail
CERTS=${1:-1000}
THREADS=${2:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v openssl >/dev/null || { echo "bench-ocsp: openssl is needed" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --example ocsp_bench
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
"$TARGET/release/examples/ocsp_bench" "$CERTS" "$THREADS"
