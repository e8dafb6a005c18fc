#!/usr/bin/env bash
# Command 2 of the README: install what is missing, build everything, run all tests:
#  1. release build: unit vectors, fuzz-corpus replays, flow and attack tests in simulation,
#     example smoke runs, pcap/tshark and determinism checks (ctest);
#  2. everything again under AddressSanitizer + UndefinedBehaviorSanitizer (our code is
#     instrumented; Debian's ns-3, OpenSSL and libsrtp2 are not).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs="$(nproc)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMEDIASEC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ctest --output-on-failure -j"$jobs")
echo "test.sh: all tests passed"
