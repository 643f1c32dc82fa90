#!/usr/bin/env bash
# The lab model's training step before the model seam (commit c2ef9ab) and after it (c7a611e), alternating:
# images per CPU-second of one thread (native and java-vector engines, best of 9 rounds of 150 steps each).
# CPU time, not wall time: the machine was shared with other builds, whose load moves wall time by 2x but
# one thread's CPU time by some 10%. Builds both jars in temporary worktrees; run from the repository root.
#   bench/seam/compare.sh [ALTERNATIONS=5]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/before" 2>/dev/null; git -C "$root" worktree remove --force "$work/after" 2>/dev/null; rm -rf "$work"' EXIT
for side in before:c2ef9ab after:c7a611e; do
  name="${side%%:*}"; commit="${side##*:}"
  git -C "$root" worktree add -q "$work/$name" "$commit"
  (cd "$work/$name" && mvn -q -o -DskipTests package >/dev/null)
done
for ((r = 1; r <= ${1:-5}; r++)); do
  for name in before after; do
    jshell --add-modules jdk.incubator.vector --class-path "$work/$name/target/vae4j.jar" "$root/bench/seam/$name.jsh" \
      2>/dev/null | grep RESULT
  done
done
