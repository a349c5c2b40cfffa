#!/usr/bin/env bash
# Batch signing against the raw RSA-2048 signing rate of OpenSSL on the same machine, and the CPU
# time of one kyso signature against one OpenSSL RSA-2048 signature (issue #8's targets: batch
# >= 85% of `openssl speed -multi NPROC rsa2048`; one signature within 15% of OpenSSL's).
#
#   scripts/bench-batch.sh [N_FILES]        (default 1000 files of 4 KiB)
#
# BENCH_DIR=/dev/shm keeps the work files on tmpfs. BENCH_CRITERION=1 also runs the criterion
# benches `rsa2048/raw-signature` and `sign-4KiB/rsa2048` (benches/cms.rs; a long build).
#
# 1. `openssl speed -multi $(nproc) -seconds 5 rsa2048`: raw sign/s on all cores;
# 2. N x 4 KiB files; an RSA-2048 key from `kyso key generate`, certified by a CA under a root
#    (openssl), the CA embedded with --chain;
# 3. `kyso sign --batch` (release build), median of 3 runs, files/s and % of the raw rate;
# 4. one signature against 1 / `openssl speed -seconds 3 rsa2048` (the raw private-key operation
#    on one core; `openssl speed` divides by its CPU time, not the wall clock):
#    - examples/sign_cost.rs, the thread's CPU clock: the raw signature (`Signer::sign`), and a
#      whole CAdES signature of 4 KiB in memory (`cms::sign`);
#    - the CLI: CPU time per file (user+sys) signing N files on one thread (RAYON_NUM_THREADS=1:
#      reading, hashing, signing, CMS encoding, writing);
# 5. the file work alone (SIGN_COST_FILES: read each input, write a 2 KiB output atomically, no
#    signing) and the ceiling it leaves: signing N files can never beat
#    raw signature time / (CMS signature + file work), whatever the code does.
# The batch line also gives kyso's CPU time per file on all cores: on a shared machine the wall
# clock of the batch suffers from other load, `openssl speed`'s figure much less.
set -euo pipefail
N=${1:-1000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin kyso --example sign_cost
KYSO="$TARGET/release/kyso"
COST="$TARGET/release/examples/sign_cost"
W=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$W"' EXIT
cd "$W"
CORES=$(nproc)
now() { date +%s.%N; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }

echo "== RSA-2048, $CORES cores, $N x 4 KiB files ($("$KYSO" --version), $(openssl version))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Raw rate on all cores.
raw_multi=$(openssl speed -multi "$CORES" -seconds 5 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ { print $6 }')

# 2. Inputs, key and certificates.
"$KYSO" key generate -t rsa2048 --no-encrypt -o signer.key > /dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key -out root.pem \
  -subj "/C=VN/O=Bench/CN=Bench Root" -days 30 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.csr \
  -subj "/C=VN/O=Bench/CN=Bench CA" 2>/dev/null
printf "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n" > ca.ext
openssl x509 -req -in ca.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 -extfile ca.ext \
  -out ca.pem 2>/dev/null
openssl req -new -key signer.key -out signer.csr -subj "/C=VN/O=Bench/CN=Bench Signer/UID=MST:0101234567"
printf "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n" > leaf.ext
openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile leaf.ext \
  -out signer.pem 2>/dev/null
mkdir files-1
for i in $(seq 1 "$N"); do head -c 4096 /dev/urandom > "files-1/f$i.bin"; done
for r in 2 3 4 5; do cp -r files-1 "files-$r"; done
sync

# 3. Batch signing: three runs on their own copies of the inputs, the median counts.
for r in 1 2 3; do
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "cpu-$r.txt" \
    "$KYSO" sign --batch "files-$r" --key signer.key --cert signer.pem --chain ca.pem > /dev/null
  t1=$(now)
  awk -v a="$t0" -v b="$t1" -v r="$r" 'BEGIN { print b - a, r }' >> runs.txt
done
read -r tk med < <(sort -n runs.txt | sed -n 2p)
runs=$(awk '{ printf "%s%.3f", (NR > 1 ? ", " : ""), $1 }' runs.txt)
batch_cpu=$(awk -v n="$N" '{ printf "%.3f", 1000 * ($1 + $2) / n }' "cpu-$med.txt")
batch=$(awk -v n="$N" -v t="$tk" 'BEGIN { printf "%.1f", n / t }')
"$KYSO" verify --batch files-1 --anchor root.pem --revocation off > /dev/null

# 4. One signature's CPU time: kyso on one thread, against OpenSSL on one core.
raw_one=$(openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ { print $6 }')
RAYON_NUM_THREADS=1 /usr/bin/time -f "%U %S" -o cpu.txt \
  "$KYSO" sign --batch files-4 --key signer.key --cert signer.pem --chain ca.pem > /dev/null
kyso_ms=$(awk -v n="$N" '{ printf "%.3f", 1000 * ($1 + $2) / n }' cpu.txt)
ossl_ms=$(awk -v r="$raw_one" 'BEGIN { printf "%.3f", 1000 / r }')
cost=$(SIGN_COST_FILES=files-5 "$COST" signer.key signer.pem ca.pem 3000)
raw_ms=$(awk '/^raw/ { print $(NF - 2) }' <<< "$cost")
cms_ms=$(awk '/^cms::sign/ { print $(NF - 2) }' <<< "$cost")
files_ms=$(awk '/^file work/ { print $(NF - 2) }' <<< "$cost")

echo "openssl speed -multi $CORES: ${raw_multi} sign/s (raw RSA-2048 signatures, all cores)"
echo "kyso sign --batch:     ${batch} files/s (median of 3 runs: ${runs} s)"
echo "batch / raw:           $(pct "$batch" "$raw_multi") (target >= 85%); kyso CPU ${batch_cpu} ms per file (user+sys)"
echo "openssl speed (1 core): ${raw_one} sign/s = ${ossl_ms} ms per signature"
echo "kyso raw signature:    ${raw_ms} ms CPU = $(pct "$raw_ms" "$ossl_ms") of OpenSSL's (target <= 115%)"
echo "kyso cms::sign 4 KiB:  ${cms_ms} ms CPU = $(pct "$cms_ms" "$ossl_ms") of OpenSSL's raw signature"
echo "kyso CLI, 1 thread:    ${kyso_ms} ms CPU per signed file = $(pct "$kyso_ms" "$ossl_ms") (user+sys, whole CLI work)"
echo "file work alone:       ${files_ms} ms CPU per file (read 4 KiB + atomic write of 2 KiB, no signing, 1 thread)"
echo "ceiling:               $(pct "$ossl_ms" "$(awk -v a="$cms_ms" -v b="$files_ms" 'BEGIN { print a + b }')") of the raw rate (OpenSSL's signature / (kyso's CMS signature + file work))"

if [ "${BENCH_CRITERION:-0}" = 1 ]; then
  cd "$ROOT"
  cargo bench --bench cms -- 'rsa2048/raw-signature|sign-4KiB/rsa2048' 2>&1 | grep -E "^(rsa2048|sign-4KiB)|time:"
fi
