#!/usr/bin/env bash
# Signing and verification throughput of kyso against OpenSSL, measured in the same run.
#
#   scripts/bench-sign.sh [N_FILES] [BIG_MIB]      (defaults: 1000 files, 1024 MiB)
#
# BENCH_DIR=/dev/shm puts the work files on tmpfs, to measure signing without the disk (kyso's
# batch mode flushes its outputs to disk once, at the end, with syncfs).
#
# 1. batch-sign N 4-KiB files with RSA-2048: `kyso sign --batch` (median of 3 runs) vs an
#    `openssl cms -sign` loop, and vs the raw RSA-2048 signing rate on all cores
#    (`openssl speed -multi`); the inputs are flushed to disk before timing;
# 2. sign a BIG_MIB file: kyso (wall time, peak RSS from /usr/bin/time -v) vs `openssl dgst -sha256`;
# 3. verify the N signatures with full path validation: `kyso verify --batch` vs an
#    `openssl cms -verify` loop.
set -euo pipefail
N=${1:-1000}
BIG=${2:-1024}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin kyso
KYSO="$ROOT/target/release/kyso"
W=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$W"' EXIT
cd "$W"
CORES=$(nproc)
now() { date +%s.%N; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / t }'; }

# A root and an RSA-2048 signer.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key -out root.pem \
  -subj "/C=VN/O=Bench/CN=Bench Root" -days 30 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr \
  -subj "/C=VN/O=Bench/CN=Bench Signer/UID=MST:0101234567" 2>/dev/null
printf "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n" > leaf.ext
openssl x509 -req -in signer.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 \
  -extfile leaf.ext -out signer.pem 2>/dev/null

# Three copies of the inputs for kyso (one per timed run) and one for OpenSSL.
mkdir kyso-files ossl-files
for i in $(seq 1 "$N"); do head -c 4096 /dev/urandom > "kyso-files/f$i.bin"; done
cp kyso-files/*.bin ossl-files/
for r in 2 3; do mkdir "kyso-files-$r" && cp kyso-files/*.bin "kyso-files-$r/"; done
mv kyso-files kyso-files-1
# Flush the inputs just written, so that no run pays for writing them back: kyso's batch mode
# ends with syncfs(2), which would otherwise flush them too.
sync

echo "== 1. batch sign $N x 4 KiB, RSA-2048, $CORES cores"
# Raw rate on all cores, measured right before kyso (the machine may be shared).
raw=$(openssl speed -multi "$CORES" -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ { print $6 }')
# kyso: three runs (each on its own copy of the inputs), the median counts.
for r in 1 2 3; do
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "cpu-$r.txt" "$KYSO" sign --batch "kyso-files-$r" --key signer.key --cert signer.pem > /dev/null
  t1=$(now)
  awk -v a="$t0" -v b="$t1" -v r="$r" 'BEGIN { print b - a, r }' >> runs.txt
done
read -r tk med < <(sort -n runs.txt | sed -n 2p)
runs=$(sort -n runs.txt | awk '{ printf "%s%.3f", (NR > 1 ? ", " : ""), $1 }')
cpu=$(awk '{ printf "%.3f", ($1 + $2) }' "cpu-$med.txt")
sync
t0=$(now)
for f in ossl-files/*.bin; do
  openssl cms -sign -binary -md sha256 -in "$f" -signer signer.pem -inkey signer.key -outform DER -out "$f.p7s"
done
t1=$(now)
to=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
echo "kyso batch:        $(rate "$N" "$tk") files/s (${tk} s, median of 3 runs: ${runs} s)"
echo "openssl loop:      $(rate "$N" "$to") files/s (${to} s)"
echo "speedup:           $(awk -v a="$to" -v b="$tk" 'BEGIN { printf "%.1fx", a / b }')"
echo "raw RSA-2048 sign: ${raw} sign/s on $CORES cores (openssl speed -multi)"
echo "kyso / raw:        $(awk -v n="$N" -v t="$tk" -v r="$raw" 'BEGIN { printf "%.0f%%", 100 * n / t / r }') (wall clock)"
echo "kyso CPU per file:  $(awk -v c="$cpu" -v n="$N" 'BEGIN { printf "%.3f ms", 1000 * c / n }') (user+sys); raw: $(awk -v r="$raw" -v c="$CORES" 'BEGIN { printf "%.3f ms", 1000 * c / r }') per signature per core"

echo "== 2. sign a ${BIG} MiB file"
head -c $((BIG * 1024 * 1024)) /dev/urandom > big.bin
cat big.bin > /dev/null
t0=$(now); openssl dgst -sha256 big.bin > /dev/null; t1=$(now)
td=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
/usr/bin/time -v "$KYSO" sign big.bin --key signer.key --cert signer.pem 2> time.txt > /dev/null
tb=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' time.txt)
rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' time.txt)
echo "openssl dgst:      ${td} s"
echo "kyso sign:         ${tb} s ($(awk -v a="$tb" -v b="$td" 'BEGIN { printf "%.2fx", a / b }') of openssl dgst), peak RSS $((rss / 1024)) MiB"

echo "== 3. verify $N signatures with full path validation"
t0=$(now); "$KYSO" verify --batch kyso-files-1 --anchor root.pem --revocation off > /dev/null; t1=$(now)
tv=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
t0=$(now)
for f in ossl-files/*.bin; do
  openssl cms -verify -binary -inform DER -in "$f.p7s" -content "$f" -CAfile root.pem -purpose any -out /dev/null 2>/dev/null
done
t1=$(now)
tov=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
echo "kyso verify batch: $(rate "$N" "$tv") files/s (${tv} s)"
echo "openssl loop:      $(rate "$N" "$tov") files/s (${tov} s)"
echo "speedup:           $(awk -v a="$tov" -v b="$tv" 'BEGIN { printf "%.1fx", a / b }')"
