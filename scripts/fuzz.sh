#!/usr/bin/env bash
# Fuzzes the content readers with libFuzzer + AddressSanitizer for SECONDS (default 600).
#   scripts/fuzz.sh [SECONDS]
# Builds the plansite-fuzz product in .build-fuzz (never the default .build), seeds a corpus
# from Content/ and Tests/Fixtures (each file with the selector byte of the reader it feeds,
# see Fuzz/ContentFuzz/ContentFuzz.swift), runs one fuzzing process and leaves:
#   .build-fuzz/corpus/      the grown corpus (kept between runs)
#   .build-fuzz/artifacts/   crash-*, timeout-*, leak-*, oom-* inputs, if any
#   .build-fuzz/fuzz.log     libFuzzer's output
# Exit status: 0 when the run ends without a finding, libFuzzer's non-zero status otherwise.
# Environment: FUZZ_JOBS (default 1), FUZZ_MAX_LEN (default 200000), FUZZ_TIMEOUT (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN="${1:-600}"
SCRATCH=.build-fuzz
MAX_LEN="${FUZZ_MAX_LEN:-200000}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
JOBS="${FUZZ_JOBS:-1}"

echo "building plansite-fuzz (libFuzzer + ASan) in $SCRATCH"
# -Xswiftc instruments the Swift modules, -Xcc the C modules built from source (Yams' libyaml);
# cmark-gfm is the system library and is not instrumented (ASan still intercepts its malloc/free).
# (ld.gold warns "Cannot export local symbol '__asan_…'" for every ASan helper: harmless, filtered.)
set +e
swift build --scratch-path "$SCRATCH" -c debug --product plansite-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    -Xcc -fsanitize=fuzzer-no-link,address 2>&1 | grep -v "Cannot export local symbol"
build_status=${PIPESTATUS[0]}
set -e
[ "$build_status" = 0 ] || { echo "build failed (status $build_status)"; exit 2; }
BIN="$SCRATCH/debug/plansite-fuzz"

SEEDS="$(mktemp -d "${TMPDIR:-/tmp}/plansite-fuzz-seeds.XXXXXX")"
trap 'rm -rf "$SEEDS"' EXIT
mkdir -p "$SCRATCH/corpus" "$SCRATCH/artifacts"

n=0
# seed SELECTOR FILE: the file's bytes behind the selector byte (0 decode, 1 structure,
# 2 annotations, 3 value, 4 csv, 5 plan text, 6 yaml).
seed() {
    n=$((n + 1))
    { printf "\\x0$1"; cat "$2"; } > "$SEEDS/seed-$1-$n"
}
# seed_text SELECTOR TEXT NAME: a piece of a file (a line, a cell).
seed_text() {
    { printf "\\x0$1"; printf '%s' "$2"; } > "$SEEDS/seed-$1-$3"
}

while IFS= read -r -d '' file; do
    seed 0 "$file"
    case "$file" in
        *.md)
            seed 1 "$file"; seed 5 "$file"
            # Lines with a department annotation feed the annotation parser alone.
            k=0
            grep -E '牵头|责任|配合|协办' "$file" | head -n 40 | while IFS= read -r line; do
                k=$((k + 1)); seed_text 2 "$line" "$n-$k"
            done || true
            ;;
        *.csv)
            seed 4 "$file"
            # Every distinct cell (split at commas, good enough for seeds) feeds the value parser.
            k=0
            tr ',' '\n' < "$file" | sort -u | head -n 200 | while IFS= read -r cell; do
                k=$((k + 1)); seed_text 3 "$cell" "$n-$k"
            done || true
            ;;
        *.yaml) seed 6 "$file" ;;
        *.txt) seed 2 "$file" ;;
    esac
done < <(find Content Tests/Fixtures Tests/ContentReaderTests/Fixtures -type f \
              \( -name '*.md' -o -name '*.csv' -o -name '*.yaml' -o -name '*.txt' \) -print0 | sort -z)
# Inputs that once crashed or hung stay in the seeds.
if [ -d Tests/Fixtures/fuzz-regressions ]; then
    for file in Tests/Fixtures/fuzz-regressions/*/*; do
        [ -f "$file" ] || continue
        case "$file" in
            */decode/*) seed 0 "$file" ;;     */structure/*) seed 1 "$file" ;;
            */annotations/*) seed 2 "$file" ;; */value/*) seed 3 "$file" ;;
            */csv/*) seed 4 "$file" ;;        */plan-text/*) seed 5 "$file" ;;
            */yaml/*) seed 6 "$file" ;;
        esac
    done
fi
echo "seeded $(ls "$SEEDS" | wc -l) inputs; fuzzing for ${SECONDS_TO_RUN}s (log: $SCRATCH/fuzz.log)"

# More than one job: libFuzzer's fork mode, each worker logging to fuzz-N.log.
PARALLEL=""
[ "$JOBS" -gt 1 ] && PARALLEL="-fork=$JOBS"
set +e
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}" \
"$BIN" "$SCRATCH/corpus" "$SEEDS" \
    -dict=Fuzz/content.dict \
    -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -timeout="$TIMEOUT" \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$SCRATCH/artifacts/" \
    $PARALLEL 2>&1 | tee "$SCRATCH/fuzz.log"
status=${PIPESTATUS[0]}
echo "fuzz exit status $status; findings: $(ls "$SCRATCH/artifacts" | wc -l) file(s) in $SCRATCH/artifacts"
exit "$status"
