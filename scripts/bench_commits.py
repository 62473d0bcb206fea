#!/usr/bin/env python3
"""Compare plansite builds of several commits side by side, in one run (docs/performance.md).

    scripts/bench_commits.py COMMIT [COMMIT …] [--plans 100] [--runs 3] [--threads 1] [--static-stdlib]

Each commit is checked out into its own worktree under .build-bench/commits/SHA and built
with `swift build -c release` (once, in a clean build folder of its own; the binary is kept;
`--static-stdlib` links the Swift runtime in, as `make bench` does, in .build-bench/commits/SHA-static:
commits before e719d51 cannot, their preview server needs libcurl's development files). Then every binary builds the same
synthetic corpus (.build-bench/corpus-N, made by scripts/gen_corpus.py as `make bench` does)
from scratch, RUNS rounds with the order rotating, pinned to the first THREADS cores with
taskset and with `--jobs THREADS --full` where the binary knows those options. Prints user
and system CPU, wall time and peak RSS per run, then the median (range) of each, and checks
that every commit's output is byte-identical to the first one's (a change of output is
reported, not an error: it may be intended).

`HEAD` or a branch name are accepted; the working tree's uncommitted changes are not
measured (commit them, or build .build/release yourself and compare with `make bench`).
"""
import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import bench  # noqa: E402


def git(*args):
    return subprocess.run(["git", "-C", ROOT, *args], check=True, capture_output=True, text=True).stdout.strip()


def binary_for(commit, work, static=False):
    sha = git("rev-parse", "--verify", commit + "^{commit}")
    tree = os.path.join(work, "commits", sha[:12] + ("-static" if static else ""))
    binary = os.path.join(tree, ".build", "release", "plansite")
    if os.path.exists(binary):
        return sha, binary
    if not os.path.isdir(tree):
        git("worktree", "add", "--detach", "-f", tree, sha)
    # Reuse the package checkouts of the main build so that no network is needed.
    main_build = os.path.join(ROOT, ".build")
    os.makedirs(os.path.join(tree, ".build"), exist_ok=True)
    for name in ("checkouts", "repositories"):
        src, dst = os.path.join(main_build, name), os.path.join(tree, ".build", name)
        if os.path.isdir(src) and not os.path.exists(dst):
            shutil.copytree(src, dst, symlinks=True)
    for name in ("workspace-state.json",):
        src = os.path.join(main_build, name)
        if os.path.isfile(src):
            shutil.copy(src, os.path.join(tree, ".build", name))
    if os.path.isfile(os.path.join(ROOT, "Package.resolved")):
        shutil.copy(os.path.join(ROOT, "Package.resolved"), tree)
    print("building %s (%s) ..." % (commit, sha[:12]), flush=True)
    flags = ["--static-swift-stdlib"] if static else []
    subprocess.run(["swift", "build", "-c", "release", *flags, "--product", "plansite"], cwd=tree, check=True,
                   stdout=subprocess.DEVNULL)
    return sha, binary


def options(binary, threads):
    help_text = subprocess.run([binary, "build", "--help"], capture_output=True, text=True).stdout
    extra = []
    if "--jobs" in help_text:
        extra += ["--jobs", str(threads)]
    if "--full" in help_text:
        extra += ["--full"]
    return extra


def same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("commits", nargs="+")
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--work", default=os.path.join(ROOT, ".build-bench"))
    ap.add_argument("--static-stdlib", action="store_true", help="link the Swift runtime in (as make bench does)")
    args = ap.parse_args()

    corpus, _ = bench.ensure_corpus(args.work, args.plans, args.seed)
    binaries = [(c,) + binary_for(c, args.work, args.static_stdlib) for c in args.commits]
    cores = ",".join(str(i) for i in range(args.threads))
    scratch = os.path.join(args.work, "commits-out")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    results = {c: [] for c, _, _ in binaries}
    for rnd in range(args.runs):
        k = rnd % len(binaries)
        for commit, sha, binary in binaries[k:] + binaries[:k]:
            parent = os.path.join(scratch, sha[:12])
            shutil.rmtree(parent, ignore_errors=True)   # output and its manifest
            os.makedirs(parent)
            cmd = ["taskset", "-c", cores, binary, "build", *options(binary, args.threads),
                   "--content", corpus, "--templates", os.path.join(ROOT, "Templates"),
                   "--output", os.path.join(parent, "Output")]
            started = time.time()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.time() - started
            if status != 0:
                sys.exit("%s failed (status %d): %s" % (commit, status, proc.stderr.read().decode()[-2000:]))
            r = {"user": usage.ru_utime, "sys": usage.ru_stime, "wall": wall, "rss": usage.ru_maxrss / 1024}
            results[commit].append(r)
            print("round %d  %-12s user %6.2f s  sys %5.2f s  wall %6.2f s  %5.0f MB" % (
                rnd + 1, commit, r["user"], r["sys"], r["wall"], r["rss"]), flush=True)

    def cell(values):
        return "%.2f (%.2f–%.2f)" % (statistics.median(values), min(values), max(values))

    print("\ncorpus-%d, %d thread(s), %d runs; median (min–max)" % (args.plans, args.threads, args.runs))
    print("| commit | user CPU s | sys CPU s | wall s | peak RSS MB | output as the first |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    first = os.path.join(scratch, binaries[0][1][:12], "Output")
    for commit, sha, _ in binaries:
        rs = results[commit]
        out = os.path.join(scratch, sha[:12], "Output")
        same = "—" if out == first else ("byte-identical" if same_tree(first, out) else "DIFFERS")
        label = commit if sha.startswith(commit) else "%s (%s)" % (commit, sha[:7])
        print("| %s | %s | %s | %s | %.0f | %s |" % (
            label, cell([r["user"] for r in rs]), cell([r["sys"] for r in rs]),
            cell([r["wall"] for r in rs]), statistics.median([r["rss"] for r in rs]), same))
    base = statistics.median([r["user"] for r in results[binaries[0][0]]])
    for commit, _, _ in binaries[1:]:
        print("ratio user CPU %s/%s: %.2f" % (commit, binaries[0][0],
                                             statistics.median([r["user"] for r in results[commit]]) / base))


if __name__ == "__main__":
    main()
