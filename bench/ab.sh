#!/usr/bin/env bash
# Compares two builds' speed on near hits under the same conditions: both run at once, each pinned to one core, the
# cores swapped between rounds (one core may run a few percent faster than the other; judge by the rounds' average).
# Usage: bench/ab.sh BASE_CHECKOUT [SECONDS=10] [ROUNDS=4]
#   BASE_CHECKOUT: another checkout of the repository (e.g. `git worktree add /tmp/base HEAD~1`), built like this one
#   with `dotnet build -c Release bench/Interdict.Benchmarks`.
# Another measure than near-loop: AB_ARGS (the harness's arguments) and AB_LINE (a pattern for the line to keep), e.g.
#   AB_ARGS="global 3000 --passes 1 --only persian" AB_LINE="^persian" bench/ab.sh /tmp/base
# (this machine's two cores differ by up to 1.5x: compare a build with the other on the same core only).
set -euo pipefail
base=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${2:-10}
rounds=${3:-4}
exe=artifacts/bin/Interdict.Benchmarks/release/Interdict.Benchmarks
for dir in "$base" "$here"; do
  [ -x "$dir/$exe" ] || { echo "$dir/$exe not found: build it with dotnet build -c Release bench/Interdict.Benchmarks" >&2; exit 2; }
done
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then a=0; b=1; else a=1; b=0; fi
  (cd "$base" && taskset -c $a "$exe" ${AB_ARGS:-near-loop $seconds} | grep -E "${AB_LINE:-.}" | tail -1 | sed "s/^/round $round base (core $a): /") &
  (cd "$here" && taskset -c $b "$exe" ${AB_ARGS:-near-loop $seconds} | grep -E "${AB_LINE:-.}" | tail -1 | sed "s/^/round $round this (core $b): /") &
  wait
done
