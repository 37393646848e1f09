#!/usr/bin/env bash
# srm benchmark: start-up cost against a hello-world floor and against jq; scaling on generated
# catalogues of 1,000 to 100,000 rows, as YAML and as JSON, each beside the bare parse of the
# same file (the parser's floor); peak memory against file size; 40,000 models x 4 rows.
# Run from anywhere: bash bench/run.sh
# Needs hyperfine, valgrind, jq, bc and GNU time (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/needs.sh

cargo build --release --quiet --bin srm --example hello --example gen-catalog --example bare-parse
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
ci=$(instructions $SRM controls --model paas --baseline fedramp-high)
echo "instructions: srm controls --model paas --baseline fedramp-high $ci (target <= 3000000)"
li=$(instructions $SRM who --layer os --model aws-lambda)
echo "instructions: srm who --layer os --model aws-lambda $li (the whole catalogue, services included)"
svi=$(instructions $SRM services)
echo "instructions: srm services $svi"
rss=$(/usr/bin/time -f %M $SRM who --layer os --model paas 2>&1 >/dev/null)
echo "peak memory (embedded): $rss KiB (target <= 10240)"

echo
echo "== scaling: generated catalogues, YAML and JSON, beside the bare parse of the same file"
echo "   targets at 100,000 rows: JSON who and diff <= 0.3 s; YAML who <= 1.3 x bare parse;"
echo "   peak memory of loading (who) <= 3 x file size"
printf '%8s %5s %10s %9s %9s %9s %8s %10s %8s %10s\n' rows fmt bytes bare_ms who_ms diff_ms who/bare who_KiB x_file diff_KiB
for n in 1000 10000 100000; do
  for fmt in yaml json; do
    f="$OUT/catalog-$n.$fmt"
    target/release/examples/gen-catalog "$n" "$fmt" lean > "$f"
    runs=$([ "$n" -ge 100000 ] && echo 10 || echo 30)
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$OUT/scale-$n-$fmt.json" \
      -n bare "target/release/examples/bare-parse $fmt $f" \
      -n who "$SRM --catalog $f who --layer os --model paas" \
      -n diff "$SRM --catalog $f diff iaas saas" >/dev/null 2>&1
    pick() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median' "$OUT/scale-$n-$fmt.json"; }
    b=$(pick bare); w=$(pick who); d=$(pick diff)
    bytes=$(stat -c %s "$f")
    who_kib=$(/usr/bin/time -f %M $SRM --catalog "$f" who --layer os --model paas 2>&1 >/dev/null | tail -1)
    diff_kib=$(/usr/bin/time -f %M $SRM --catalog "$f" diff iaas saas 2>&1 >/dev/null | tail -1)
    printf '%8d %5s %10d %9.1f %9.1f %9.1f %8.2f %10d %8.2f %10d\n' "$n" "$fmt" "$bytes" \
      "$(echo "$b*1000" | bc -l)" "$(echo "$w*1000" | bc -l)" "$(echo "$d*1000" | bc -l)" \
      "$(echo "$w/$b" | bc -l)" "$who_kib" "$(echo "$who_kib*1024/$bytes" | bc -l)" "$diff_kib"
  done
done

echo
echo "== 40,000 models x 4 rows: catalog validate (target <= 1 s)"
python3 - "$OUT/models-40000.yaml" <<'PY'
import sys
n = 40000
with open(sys.argv[1], "w") as f:
    f.write("sources: [{id: s, title: S}]\nmodels:\n")
    f.writelines(f"  - {{id: m{i}, name: M{i}}}\n" for i in range(n))
    owners = ", ".join(f"m{i}: customer" for i in range(n))
    f.write("layers:\n")
    f.writelines(f"  - {{id: l{j}, name: L, owners: {{{owners}}}, source: s}}\n" for j in range(4))
PY
hyperfine -N --warmup 1 --runs 10 --export-json "$OUT/models.json" \
  "$SRM catalog validate $OUT/models-40000.yaml" >/dev/null 2>&1
printf 'median %.1f ms\n' "$(jq -r '.results[0].median * 1000' "$OUT/models.json")"
