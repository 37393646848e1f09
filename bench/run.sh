#!/usr/bin/env bash
# srm benchmark: start-up cost against a hello-world floor and against jq, and scaling on
# generated catalogues of 1,000 to 100,000 rows. Run from anywhere: bash bench/run.sh
# Needs hyperfine, valgrind, jq and GNU time (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v valgrind >/dev/null || need+=(valgrind)
command -v jq >/dev/null || need+=(jq)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release --quiet --bin srm --example hello --example gen-catalog
SRM=target/release/srm
HELLO=target/release/examples/hello
OUT=bench/out
mkdir -p "$OUT"
RUNS=${RUNS:-200}

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(rustc --version)"

echo
echo "== start-up: srm who --layer os --model paas (embedded) vs hello world vs jq"
$SRM matrix --json > "$OUT/matrix.json"
JQ_QUERY='.layers[] | select(.id == "os") | .owners.paas'
[ "$(jq -r "$JQ_QUERY" "$OUT/matrix.json")" = provider ]
hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$OUT/startup.json" \
  -n hello "$HELLO" \
  -n srm "$SRM who --layer os --model paas" \
  -n jq "jq -r '$JQ_QUERY' $OUT/matrix.json" >/dev/null 2>&1
median() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median' "$OUT/startup.json"; }
h=$(median hello); s=$(median srm); j=$(median jq)
printf '%-8s median %8.3f ms\n' hello "$(echo "$h*1000" | bc -l)" srm "$(echo "$s*1000" | bc -l)" jq "$(echo "$j*1000" | bc -l)"
printf 'srm / hello = %.2f (target <= 1.30)\n' "$(echo "$s/$h" | bc -l)"
printf 'srm / jq    = %.2f\n' "$(echo "$s/$j" | bc -l)"

instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'
}
si=$(instructions $SRM who --layer os --model paas)
hi=$(instructions $HELLO)
echo "instructions: srm $si (target <= 2000000), hello $hi"
rss=$(/usr/bin/time -f %M $SRM who --layer os --model paas 2>&1 >/dev/null)
echo "peak memory (embedded): $rss KiB (target <= 10240)"

echo
echo "== scaling: generated catalogues (who and diff; target <= 1 s at 100,000 rows, each 10x <= 11x)"
printf '%8s %10s %10s %10s %10s %12s\n' rows bytes who_ms diff_ms who_x peak_KiB
prev=""
for n in 1000 10000 100000; do
  f="$OUT/catalog-$n.yaml"
  target/release/examples/gen-catalog "$n" > "$f"
  runs=$([ "$n" -ge 100000 ] && echo 5 || echo 20)
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$OUT/scale-$n.json" \
    -n who "$SRM --catalog $f who --layer os --model paas" \
    -n diff "$SRM --catalog $f diff iaas saas" >/dev/null 2>&1
  w=$(jq -r '.results[] | select(.command == "who") | .median' "$OUT/scale-$n.json")
  d=$(jq -r '.results[] | select(.command == "diff") | .median' "$OUT/scale-$n.json")
  peak=$(/usr/bin/time -f %M $SRM --catalog "$f" diff iaas saas 2>&1 >/dev/null | tail -1)
  ratio=$([ -n "$prev" ] && printf '%.1f' "$(echo "$w/$prev" | bc -l)" || echo -)
  printf '%8d %10d %10.1f %10.1f %10s %12d\n' "$n" "$(stat -c %s "$f")" "$(echo "$w*1000" | bc -l)" "$(echo "$d*1000" | bc -l)" "$ratio" "$peak"
  prev=$w
done
