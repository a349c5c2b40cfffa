#!/usr/bin/env bash
# Attached against detached signatures of one large file (issue #9, defect 16): wall time, CPU
# time and peak RSS (/usr/bin/time) of each, median of RUNS runs, the file in the page cache.
#
#   scripts/bench-attached.sh [MIB] [RUNS]      (defaults: 1024 MiB, 3 runs)
#
# An attached signature is the document itself plus ~80 KB, so signing one writes (and flushes)
# MIB more than a detached one: the script also times `cp FILE COPY && sync COPY`, the cost of
# writing that copy alone, and prints attached signing against detached signing + that copy.
# Verification reads the same bytes either way and is compared directly.
set -euo pipefail
MIB=${1:-1024}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin kyso
KYSO="$ROOT/target/release/kyso"
W=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$W"' EXIT
cd "$W"
"$KYSO" demo --out pki >/dev/null
export KYSO_PASS=kyso-demo
head -c "$((MIB << 20))" /dev/urandom > big.bin
sync big.bin
KEY=(--key pki/public/business.key.pem --cert pki/public/business.pem --chain pki/public/ca.pem --pass-env KYSO_PASS)

# median OF "label" COMMAND...: runs COMMAND RUNS times (removing OF before each), prints the
# median wall time, user+sys CPU and peak RSS, and keeps the median wall time in $MEDIAN.
median() {
  local of=$1 label=$2; shift 2
  local rows=()
  for _ in $(seq 1 "$RUNS"); do
    [ -n "$of" ] && rm -f "$of"
    /usr/bin/time -f "%e %U %S %M" -o t.txt "$@" >/dev/null
    rows+=("$(cat t.txt)")
  done
  local mid
  mid=$(printf '%s\n' "${rows[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
  read -r wall user sys rss <<<"$mid"
  printf '%-34s %7.2f s wall  %6.2f s CPU  %8.1f MiB peak\n' "$label" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
  MEDIAN=$wall
}

echo "kyso $("$KYSO" --version | cut -d' ' -f2), $MIB MiB, median of $RUNS runs, $(nproc) cores"
median big.det.p7s "sign detached" "$KYSO" sign big.bin "${KEY[@]}" --out big.det.p7s
det_sign=$MEDIAN
median big.att.p7s "sign attached (DER)" "$KYSO" sign big.bin --attached "${KEY[@]}" --out big.att.p7s
att_sign=$MEDIAN
median copy.bin "cp + sync of the file (the copy)" sh -c 'cp big.bin copy.bin && sync copy.bin'
copy=$MEDIAN
rm -f copy.bin
median big.att.pem "sign attached (PEM)" "$KYSO" sign big.bin --attached --pem "${KEY[@]}" --out big.att.pem
DOMAIN=(--domain public=pki/public/root.pem)
median "" "verify detached" "$KYSO" verify big.bin --sig big.det.p7s "${DOMAIN[@]}"
det_verify=$MEDIAN
median "" "verify attached (DER)" "$KYSO" verify big.att.p7s "${DOMAIN[@]}"
att_verify=$MEDIAN
median "" "verify attached (PEM)" "$KYSO" verify big.att.pem "${DOMAIN[@]}"
awk -v a="$att_sign" -v d="$det_sign" -v c="$copy" -v av="$att_verify" -v dv="$det_verify" 'BEGIN {
  printf "attached sign / (detached sign + copy): %.0f%%\n", 100 * a / (d + c)
  printf "attached verify / detached verify:      %.0f%%\n", 100 * av / dv
}'
