#!/usr/bin/env bash
# srm benchmark for the engine (issue 18): this tree's srm beside a reference srm built from
# another revision, in the same run, on the same files.
#   start-up: instructions (callgrind) and wall time against hello world;
#   100,000 realistic rows (bench/gen_catalog.rs): JSON who, diff, matrix, checklist beside the
#   bare serde_json parse, peak memory beside the file; YAML who beside the bare serde-saphyr
#   parse; and who from 1,000 to 100,000 rows, to show the cost is linear.
# Run from anywhere: bash bench/engine.sh [REVISION]   (REVISION defaults to origin of the
# comparison, 7e34c7a: main before issue 18's work). Installs what it needs (bench/needs.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:-7e34c7a}
OUT=bench/out
mkdir -p "$OUT"
REF_DIR=${REF_DIR:-/tmp/srm-ref-$REV}
source bench/needs.sh

cargo build --release --quiet --bin srm --example hello --example gen-catalog --example bare-parse
if [ ! -x "$REF_DIR/target/release/srm" ]; then
  rm -rf "$REF_DIR"
  git worktree add -f -q "$REF_DIR" "$REV"
  (cd "$REF_DIR" && cargo build --release --quiet --bin srm)
fi
NEW=target/release/srm
REF=$REF_DIR/target/release/srm
HELLO=target/release/examples/hello
BARE=target/release/examples/bare-parse

echo "== machine"
echo "$(nproc) cores, $(uname -sr), $(rustc --version); reference: $REV ($(git log -1 --format=%s "$REV" | cut -c1-60))"

instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'
}
echo
echo "== start-up (embedded catalogue): instructions"
printf '%-52s %12s %12s\n' command reference this
printf '%-52s %12s %12s\n' hello "$(instructions $HELLO)" "-"
for args in "who --layer os --model paas" "controls --model paas --baseline fedramp-high" "who --layer os --model aws-lambda"; do
  # shellcheck disable=SC2086
  printf '%-52s %12s %12s\n' "srm $args" "$(instructions $REF $args)" "$(instructions $NEW $args)"
done

echo
echo "== start-up: wall time, median of interleaved runs"
hyperfine -N --warmup 20 --runs "${RUNS:-300}" --export-json "$OUT/engine-startup.json" \
  -n hello "$HELLO" \
  -n reference "$REF who --layer os --model paas" \
  -n this "$NEW who --layer os --model paas" >/dev/null 2>&1
med() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median' "$1"; }
# The reference's and this srm's medians in FILE beside the floor named FLOOR there.
beside() {
  local floor t
  floor=$(med "$1" "$2")
  printf '%s %.3f ms\n' "$2" "$(echo "$floor*1000" | bc -l)"
  for n in reference this; do
    t=$(med "$1" $n)
    printf '%-10s %10.3f ms  %.2f x %s\n' $n "$(echo "$t*1000" | bc -l)" "$(echo "$t/$floor" | bc -l)" "$2"
  done
}
beside "$OUT/engine-startup.json" hello

echo
echo "== 100,000 realistic rows, JSON"
f="$OUT/engine-100000.json"
target/release/examples/gen-catalog 100000 json > "$f"
bytes=$(stat -c %s "$f")
echo "file: $bytes bytes"
hyperfine -N --warmup 1 --runs "${BIG_RUNS:-10}" --export-json "$OUT/engine-json.json" \
  -n bare "$BARE json $f" \
  -n "reference who" "$REF --catalog $f who --layer os --model paas" \
  -n "this who" "$NEW --catalog $f who --layer os --model paas" \
  -n "reference diff" "$REF --catalog $f diff iaas saas" \
  -n "this diff" "$NEW --catalog $f diff iaas saas" \
  -n "reference matrix" "$REF --catalog $f matrix" \
  -n "this matrix" "$NEW --catalog $f matrix" \
  -n "reference checklist" "$REF --catalog $f checklist paas" \
  -n "this checklist" "$NEW --catalog $f checklist paas" >/dev/null 2>&1
b=$(med "$OUT/engine-json.json" bare)
printf '%-22s %9s %8s %8s %10s %8s\n' command median_ms x_bare x_who peak_KiB x_file
printf '%-22s %9.1f %8s %8s %10s %8s\n' "bare parse" "$(echo "$b*1000" | bc -l)" 1.00 - \
  "$(/usr/bin/time -f %M $BARE json "$f" 2>&1 >/dev/null | tail -1)" -
for who in reference this; do
  bin=$([ $who = reference ] && echo "$REF" || echo "$NEW")
  w=$(med "$OUT/engine-json.json" "$who who")
  for cmd in "who --layer os --model paas" "diff iaas saas" "matrix" "checklist paas"; do
    name="$who ${cmd%% *}"
    t=$(med "$OUT/engine-json.json" "$name")
    # shellcheck disable=SC2086
    kib=$(/usr/bin/time -f %M $bin --catalog "$f" $cmd 2>&1 >/dev/null | tail -1)
    printf '%-22s %9.1f %8.2f %8.2f %10d %8.2f\n' "$name" "$(echo "$t*1000" | bc -l)" \
      "$(echo "$t/$b" | bc -l)" "$(echo "$t/$w" | bc -l)" "$kib" "$(echo "$kib*1024/$bytes" | bc -l)"
  done
done

echo
echo "== 100,000 realistic rows, YAML"
y="$OUT/engine-100000.yaml"
target/release/examples/gen-catalog 100000 > "$y"
echo "file: $(stat -c %s "$y") bytes"
hyperfine -N --warmup 0 --runs "${YAML_RUNS:-3}" --export-json "$OUT/engine-yaml.json" \
  -n bare "$BARE yaml $y" \
  -n reference "$REF --catalog $y who --layer os --model paas" \
  -n this "$NEW --catalog $y who --layer os --model paas" >/dev/null 2>&1
beside "$OUT/engine-yaml.json" bare

echo
echo "== linear: this srm's JSON who from 1,000 to 100,000 realistic rows"
printf '%8s %10s %9s %9s %12s %10s %8s\n' rows bytes bare_ms who_ms us_per_row who_KiB x_file
for n in 1000 10000 50000 100000; do
  g="$OUT/engine-lin-$n.json"
  target/release/examples/gen-catalog "$n" json > "$g"
  hyperfine -N --warmup 2 --runs "$([ "$n" -ge 50000 ] && echo 10 || echo 30)" \
    --export-json "$OUT/engine-lin.json" \
    -n bare "$BARE json $g" -n who "$NEW --catalog $g who --layer os --model paas" >/dev/null 2>&1
  gb=$(med "$OUT/engine-lin.json" bare); gw=$(med "$OUT/engine-lin.json" who)
  gbytes=$(stat -c %s "$g")
  kib=$(/usr/bin/time -f %M $NEW --catalog "$g" who --layer os --model paas 2>&1 >/dev/null | tail -1)
  printf '%8d %10d %9.1f %9.1f %12.2f %10d %8.2f\n' "$n" "$gbytes" "$(echo "$gb*1000" | bc -l)" \
    "$(echo "$gw*1000" | bc -l)" "$(echo "$gw*1000000/$n" | bc -l)" "$kib" "$(echo "$kib*1024/$gbytes" | bc -l)"
done
