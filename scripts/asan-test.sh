#!/usr/bin/env bash
# The whole test suite under AddressSanitizer (and LeakSanitizer), built in .build-asan —
# never the default .build. Extra arguments go to `swift test` (e.g. --filter ContentReaderTests).
#   scripts/asan-test.sh [swift test options]
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-asan
# ld.gold warns "Cannot export local symbol '__asan_…'" for every ASan helper: harmless, filtered.
set +e
swift build --build-tests --scratch-path "$SCRATCH" -Xswiftc -sanitize=address 2>&1 \
    | grep -v "Cannot export local symbol"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || { echo "build failed (status $status)"; exit "$status"; }
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}"
exec swift test --scratch-path "$SCRATCH" --skip-build "$@"
