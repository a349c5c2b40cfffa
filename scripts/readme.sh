#!/usr/bin/env bash
# Runs every ```sh block of README.md, in order, in a clean directory (the Vietnamese section, a
# tour of its own, in another), with the kyso just built on PATH: the README's commands cannot rot.
# `cargo install --path .` installs into a temporary root; `cargo run --release -- demo` runs from
# the repository (its ./kyso-demo goes to the clean directory); `cargo test` is the suite .ci/run
# has just run, so it is not run twice.
#
#   scripts/readme.sh [README.md]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
README=${1:-$ROOT/README.md}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CARGO_INSTALL_ROOT="$W/.install"
export PATH="$CARGO_INSTALL_ROOT/bin:$PATH"
blocks=0
WD="$W/tour"
mkdir "$WD"
commands=0
# Extract the sh blocks; a command continues on lines ending with a backslash.
# The Vietnamese section is a tour of its own, read instead of the English one: it starts again in a
# new clean directory (a RESET line), as a reader who only reads it would.
awk '/^## Tiếng Việt/ {print "RESET\tRESET"; next} /^```sh$/ {inb=1; n++; next} /^```/ {inb=0; next} inb {print n "\t" $0}' "$README" > "$W/blocks.tsv"
current=""
run() {
  local cmd="$1"
  commands=$((commands + 1))
  case "$cmd" in
    "cargo test"*) echo "+ $cmd   (run by .ci/run just before)"; return ;;
    "cargo install --path ."*) echo "+ $cmd"; (cd "$ROOT" && cargo install -q --path . --root "$CARGO_INSTALL_ROOT" --offline 2>/dev/null || cargo install -q --path . --root "$CARGO_INSTALL_ROOT"); return ;;
    "cargo run --release -- "*) echo "+ $cmd"; local args=${cmd#cargo run --release -- }; args=${args%%#*}
      (cd "$WD" && eval "cargo run -q --release --manifest-path '$ROOT/Cargo.toml' -- $args" >/dev/null); return ;;
  esac
  echo "+ $cmd"
  (cd "$WD" && eval "$cmd") > "$W/out.log" 2>&1 || { status=$?; cat "$W/out.log"; echo "README command failed (exit $status): $cmd"; exit 1; }
}
last=""
while IFS=$'\t' read -r block line; do
  if [ "$block" = RESET ]; then
    WD="$W/tour-$((blocks + 1))"; mkdir "$WD"; echo "+ (a new clean directory for the next section)"
    continue
  fi
  [ "$block" != "$last" ] && blocks=$((blocks + 1)) && last=$block
  line=${line%%  #*}
  if [[ "$line" == *\\ ]]; then current+="${line%\\} "; continue; fi
  current+="$line"
  cmd=$(echo "$current" | sed 's/^[[:space:]]*//')
  current=""
  [ -z "$cmd" ] && continue
  [[ "$cmd" == \#* ]] && continue
  if [[ "$cmd" == export\ * ]]; then echo "+ $cmd"; eval "$cmd"; commands=$((commands + 1)); continue; fi
  run "$cmd"
done < "$W/blocks.tsv"
echo "README: $blocks command blocks, $commands commands, all passed"
