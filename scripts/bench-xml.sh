#!/usr/bin/env bash
# XML-DSig e-invoices, kyso against xmlsec1 on the same machine in one run (issue #10's targets:
# verify >= 2,000 invoices/s and >= 50x an xmlsec1 loop; sign a 50 KiB invoice <= 5 ms per
# process; C14N >= 100 MB/s on 10 MiB with a peak memory <= 4x the document).
#
#   scripts/bench-xml.sh [N_INVOICES]       (default 1000 invoices of 10-20 KiB)
#
# BENCH_DIR=/dev/shm keeps the work files on tmpfs; XMLSEC_N=200 runs xmlsec1 on the first 200
# invoices only (its rate is per invoice either way); SIGN_RUNS (default 100) processes per signer.
#
# 1. N invoices signed by the demo business as the seller (NBan, RSA-2048) and the demo agency as
#    the tax authority (CQT, ECDSA P-256), each Signature embedding only its signer's certificate
#    (examples/make_invoices.rs, through the library's signer);
# 2. `kyso verify --batch DIR` (release build): both demo roots as anchors of their domains
#    (public, gov), the CAs and the cross-certificates as the untrusted pool, verification time
#    2026-12-08T00:00:00Z; with the four CRLs (every certificate's revocation checked, the
#    headline) and with --revocation off (what xmlsec1 checks); median of 3 runs, invoices/s;
# 3. xmlsec1 --verify over the same invoices, one process per signature (--node-id seller, then
#    CQT; the Ids registered with --id-attr; both roots trusted, the CAs untrusted; no CRL: this
#    xmlsec1 has no CRL option), run on all cores (xargs -P NPROC): invoices/s and kyso's ratio;
# 4. C14N 1.0 of a 10 MiB invoice (about 32,000 goods lines) by examples/xml_cost.rs: parse +
#    canonicalize into a counting sink, best of 5 (MB/s, 10^6 bytes of input per second), and the
#    peak resident memory of one such process (/usr/bin/time -v) against the file size, with the
#    peak of the same process on a 7 KiB invoice (the program's own baseline);
# 5. one 50 KiB invoice signed as the seller per process, SIGN_RUNS processes in a row (wall
#    clock per process, start-up and file writing included): examples/xml_cost.rs `sign`
#    (xml::sign_invoice_seller; `kyso sign` does not sign XML yet) and `xmlsec1 --sign` on the
#    same invoice made into a template (the same Signature shape); each output verified by the
#    other tool.
# Times are wall clock, and CPU time (user + sys, or the thread's CPU clock) beside them: on a shared
# machine the wall clock also counts the time a process waits for a core. The load average is printed
# before and after.
set -euo pipefail
N=${1:-1000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" --bin kyso --example make_invoices \
  --example xml_cost
KYSO="$TARGET/release/kyso"
MAKE="$TARGET/release/examples/make_invoices"
COST="$TARGET/release/examples/xml_cost"
P="$ROOT/testdata/pki"
W=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$W"' EXIT
cd "$W"
CORES=$(nproc)
XMLSEC_N=${XMLSEC_N:-$N}
SIGN_RUNS=${SIGN_RUNS:-100}
now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
met() { awk -v a="$1" -v b="$2" -v op="$3" 'BEGIN { ok = (op == ">=") ? a >= b : a <= b; print ok ? "yes" : "NO" }'; }

echo "== XML-DSig e-invoices, $CORES cores ($("$KYSO" --version), $(xmlsec1 --version))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Data.
"$MAKE" inv "$N" 10 20
"$MAKE" --unsigned big.xml 10240
"$MAKE" --unsigned unsigned50.xml 50
"$MAKE" --template template50.xml 50
"$MAKE" small 1 7
openssl pkey -in "$P/public/business.key.pem" -passin pass:kyso-demo -out business.key
sizes=$(find inv -name '*.xml' -printf '%s\n' | sort -n | awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%.1f-%.1f", a / 1024, b / 1024 }')
sync

# 2. kyso verify --batch, with and without the CRLs; each run must find every invoice valid.
TRUST=(--domain "public=$P/public/root.pem" --domain "gov=$P/gov/root.pem"
  --untrusted "$P/cross/public-to-gov.pem" --untrusted "$P/cross/gov-to-public.pem"
  --untrusted "$P/public/ca.pem" --untrusted "$P/gov/ca.pem" --at 2026-12-08T00:00:00Z)
CRLS=(--crl "$P/public/ca.crl.pem" --crl "$P/public/root.crl.pem" --crl "$P/gov/ca.crl.pem"
  --crl "$P/gov/root.crl.pem")
kyso_batch() { # label, extra args...: prints "rate cpu_ms_per_invoice runs"
  local label=$1
  shift
  : > "runs-$label.txt"
  for r in 1 2 3; do
    local t0 t1
    t0=$(now)
    /usr/bin/time -f "%U %S" -o "cpu-$label-$r.txt" "$KYSO" verify --batch inv "${TRUST[@]}" "$@" > "out-$label.txt"
    t1=$(now)
    grep -q "^Summary: $N valid, 0 invalid, 0 errors" "out-$label.txt" || { tail -3 "out-$label.txt"; exit 1; }
    awk -v a="$t0" -v b="$t1" -v r="$r" 'BEGIN { print b - a, r }' >> "runs-$label.txt"
  done
  local med r
  read -r med r < <(sort -n "runs-$label.txt" | sed -n 2p)
  echo "$(awk -v n="$N" -v t="$med" 'BEGIN { printf "%.0f", n / t }')" \
    "$(awk -v n="$N" '{ printf "%.3f", 1000 * ($1 + $2) / n }' "cpu-$label-$r.txt")" \
    "$(sort -n "runs-$label.txt" | awk '{ printf "%s%.3f", (NR > 1 ? ", " : ""), $1 }')"
}
read -r kyso_rate kyso_cpu kyso_runs < <(kyso_batch crl "${CRLS[@]}")
read -r kyso_nocrl kyso_nocrl_cpu kyso_nocrl_runs < <(kyso_batch nocrl --revocation off)

# 3. xmlsec1, one process per signature, on all cores.
DS='http://www.w3.org/2000/09/xmldsig#'
XS=(--verify --id-attr:Id DLHDon --id-attr:Id MCCQT --id-attr:Id "$DS:Object" --id-attr:Id "$DS:Signature"
  --trusted-pem "$P/public/root.pem" --trusted-pem "$P/gov/root.pem"
  --untrusted-pem "$P/public/ca.pem" --untrusted-pem "$P/gov/ca.pem"
  --verification-gmt-time "2026-12-08 00:00:00")
{
  echo '#!/bin/sh'
  printf 'xmlsec1'; printf ' %q' "${XS[@]}"; printf ' --node-id seller "$1" > /dev/null 2>&1 &&\n'
  printf 'xmlsec1'; printf ' %q' "${XS[@]}"; printf ' --node-id CQT "$1" > /dev/null 2>&1 || echo "FAIL $1"\n'
} > xs-verify.sh
chmod +x xs-verify.sh
find inv -name '*.xml' | sort | sed -n "1,${XMLSEC_N}p" > xs-list.txt
t0=$(now)
/usr/bin/time -f "%U %S" -o cpu-xs.txt xargs -P "$CORES" -n 1 ./xs-verify.sh < xs-list.txt > xs-fail.txt
t1=$(now)
[ -s xs-fail.txt ] && { echo "xmlsec1 failed:"; head -3 xs-fail.txt; exit 1; }
xs_rate=$(awk -v n="$XMLSEC_N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / (b - a) }')
xs_cpu=$(awk -v n="$XMLSEC_N" '{ printf "%.2f", 1000 * ($1 + $2) / n }' cpu-xs.txt)

# 4. C14N of 10 MiB: throughput (best of 5) and the peak memory of one run.
big=$(stat -c %s big.xml)
"$COST" c14n big.xml 5 > c14n.txt # "... wall T ms = X MB/s, CPU T ms = Y MB/s"
c14n_mbs=$(awk '{ print $12 }' c14n.txt)
c14n_cpu_mbs=$(awk '{ print $(NF - 1) }' c14n.txt)
/usr/bin/time -v "$COST" c14n big.xml > /dev/null 2> time-big.txt
/usr/bin/time -v "$COST" c14n small/hdon-00001.xml > /dev/null 2> time-small.txt
rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; } # KiB
rss_big=$(rss time-big.txt)
rss_small=$(rss time-small.txt)
mem_x=$(awk -v r="$rss_big" -v s="$big" 'BEGIN { printf "%.1f", r * 1024 / s }')
mem_x_net=$(awk -v r="$rss_big" -v b="$rss_small" -v s="$big" 'BEGIN { printf "%.1f", (r - b) * 1024 / s }')

# 5. Signing one 50 KiB invoice per process.
per_process() { # runs, command...: "wall_ms cpu_ms" per process (CPU: user + sys of the processes)
  local runs=$1
  shift
  /usr/bin/time -f "%e %U %S" -o per-process.txt sh -c \
    'n=$1; shift; i=0; while [ "$i" -lt "$n" ]; do "$@" > /dev/null 2>&1 || exit 1; i=$((i + 1)); done' \
    sh "$runs" "$@"
  awk -v n="$runs" '{ printf "%.2f %.2f\n", 1000 * $1 / n, 1000 * ($2 + $3) / n }' per-process.txt
}
read -r kyso_sign_ms kyso_sign_cpu < <(per_process "$SIGN_RUNS" "$COST" sign business.key "$P/public/business.pem" \
  unsigned50.xml kyso-signed.xml)
read -r xs_sign_ms xs_sign_cpu < <(per_process "$SIGN_RUNS" xmlsec1 --sign \
  --privkey-pem "business.key,$P/public/business.pem" --id-attr:Id DLHDon --id-attr:Id "$DS:Object" \
  --output xs-signed.xml template50.xml)
# Each signer's output verified by the other tool (the seller's signature alone).
xmlsec1 "${XS[@]}" --node-id seller kyso-signed.xml > /dev/null 2>&1 || { echo "xmlsec1 rejects kyso's signature"; exit 1; }
"$KYSO" verify xs-signed.xml "${TRUST[@]}" "${CRLS[@]}" > xs-signed.txt || { tail -5 xs-signed.txt; exit 1; }

echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "$N invoices of $sizes KiB, NBan (RSA-2048) + CQT (ECDSA P-256), paths under both domains"
echo "kyso verify --batch, CRLs:       $kyso_rate invoices/s (median of 3: $kyso_runs s); CPU $kyso_cpu ms per invoice"
echo "kyso verify --batch, no CRL:     $kyso_nocrl invoices/s (median of 3: $kyso_nocrl_runs s); CPU $kyso_nocrl_cpu ms per invoice"
echo "xmlsec1 --verify x2, $CORES procs:    $xs_rate invoices/s ($XMLSEC_N invoices, no CRL); CPU $xs_cpu ms per invoice"
echo "C14N 1.0, 10 MiB (parse + c14n): $c14n_mbs MB/s wall, $c14n_cpu_mbs MB/s CPU (best of 5); peak RSS $((rss_big / 1024)) MiB = ${mem_x}x the document (${mem_x_net}x over the $((rss_small / 1024)) MiB of the same program on 7 KiB)"
echo "sign 50 KiB as NBan, per process: kyso $kyso_sign_ms ms wall, $kyso_sign_cpu ms CPU (examples/xml_cost sign); xmlsec1 --sign $xs_sign_ms ms wall, $xs_sign_cpu ms CPU"
echo
printf '| %-52s | %-14s | %-10s | %-4s |\n' "measure" "value" "target" "met"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..54})" "$(printf -- '-%.0s' {1..16})" "$(printf -- '-%.0s' {1..12})" "------"
row() { printf '| %-52s | %-14s | %-10s | %-4s |\n' "$1" "$2" "$3" "$4"; }
cpu_rate=$(awk -v c="$kyso_cpu" -v n="$CORES" 'BEGIN { printf "%.0f", 1000 * n / c }')
row "verify --batch (CRLs), invoices/s" "$kyso_rate" ">= 2000" "$(met "$kyso_rate" 2000 ">=")"
row "  same, from CPU time: $CORES cores / CPU per invoice" "$cpu_rate" ">= 2000" "$(met "$cpu_rate" 2000 ">=")"
row "verify --batch (no CRL), invoices/s" "$kyso_nocrl" ">= 2000" "$(met "$kyso_nocrl" 2000 ">=")"
row "kyso (CRLs) / xmlsec1 loop, wall" "$(ratio "$kyso_rate" "$xs_rate")x" ">= 50x" "$(met "$(ratio "$kyso_rate" "$xs_rate")" 50 ">=")"
row "kyso (CRLs) / xmlsec1 loop, CPU per invoice" "$(ratio "$xs_cpu" "$kyso_cpu")x" ">= 50x" "$(met "$(ratio "$xs_cpu" "$kyso_cpu")" 50 ">=")"
row "sign 50 KiB per process, wall ms" "$kyso_sign_ms" "<= 5" "$(met "$kyso_sign_ms" 5 "<=")"
row "sign 50 KiB per process, CPU ms" "$kyso_sign_cpu" "<= 5" "$(met "$kyso_sign_cpu" 5 "<=")"
row "C14N 10 MiB, MB/s wall" "$c14n_mbs" ">= 100" "$(met "$c14n_mbs" 100 ">=")"
row "C14N 10 MiB, MB/s CPU" "$c14n_cpu_mbs" ">= 100" "$(met "$c14n_cpu_mbs" 100 ">=")"
row "C14N 10 MiB, peak RSS / document" "${mem_x}x" "<= 4x" "$(met "$mem_x" 4 "<=")"
