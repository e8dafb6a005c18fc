#!/usr/bin/env bash
# Command 1 of the README: install what is missing, build in release mode, run the default
# scenario (three schemes side by side), print the summary table and write results/default/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target ims-mediasec-run
build/ims-mediasec scenarios/default.ini "$@"
