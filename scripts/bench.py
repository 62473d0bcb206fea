#!/usr/bin/env python3
"""plansite's measurement harness (docs/performance.md). `make bench` runs it.

    scripts/bench.py [--sizes 100 1000] [--runs 5] [--no-warmup] [--bin .build/release] [--work .build-bench]

For every size N:
  1. the synthetic corpus .build-bench/corpus-N (scripts/gen_corpus.py; generated only when
     missing or made by another generator version), checked once with `plansite check`;
  2. a Hugo site .build-bench/hugo-N whose content/plans/ID.md are hard links to the same
     plan.md files (minimal single and list layouts, goldmark with unsafe=false, GFM
     extensions on);
  3. a Hugo site .build-bench/hugo-equiv-N with the same page kinds and counts as plansite's
     output, made by ../shared/tools/hugo-equiv/gen_hugo_site.py as its README shows
     (skipped with a note when that tool is not beside the checkout);
  4. one untimed warm-up of each tool, then RUNS rounds in which the tools run one after
     the other, the order rotating every round:
        floor     plansite-floor CORPUS OUT   (cmark-gfm through MarkdownTree, 1 thread)
        hugo      hugo --source SITE -d OUT --cacheDir CACHE   (fresh OUT and CACHE)
        hugo-equiv  hugo on the hugo-equiv site, the same way
        plansite  plansite build --content CORPUS --templates Templates --output OUT (fresh OUT)
        plansite-one   plansite build after one plan's text changed (the previous build's
                       output, manifest and plan cache in place: an incremental build)
        plansite-none  plansite build with nothing changed since the previous build
     The incremental runs work on .build-bench/corpus-N-edit (a hard-linked copy of the
     corpus; the edited plan.md is replaced, never written through the link), whose output is
     built once, untimed, before the rounds. After the rounds the incremental output is
     compared file by file with a --full build of the same content.
     Each run is measured by wait4(2): wall time, CPU time (user + sys) and peak RSS of the
     process. A run's output folder is moved aside when it is done and deleted after the
     rounds (`Trash`): on ext4 without a journal, as on this machine, files created in the
     minute after a large deletion are slower to allocate, so deleting one tool's output
     just before the next tool's run would charge the next tool for it. Before the rounds,
     the harness waits out that minute after its own deletions.

Prints a table (median and range per tool and size) and the ratio lines for 1,000 plans
(or the largest size measured), among them `ratio plansite/hugo-equivalent` (wall time of
a full build against Hugo on the equivalent site, from the same rounds). Results also go to WORK/bench-results.json.
The machine's 2 cores are shared: the load average at the start and the end is printed, and
CPU time is the steadier figure when the load is not 0.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no scripts/__pycache__ in the work tree
import gen_corpus  # noqa: E402

TOOLS = ["floor", "hugo", "hugo-equiv", "plansite", "plansite-one", "plansite-none"]
HUGO_EQUIV = os.path.join(ROOT, "..", "shared", "tools", "hugo-equiv")
EDIT_PLAN = "plan-00042"

HUGO_CONFIG = """\
baseURL = "http://localhost/"
languageCode = "zh-CN"
title = "plansite bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

[markup.goldmark.renderer]
unsafe = false

[markup.goldmark.extensions]
table = true
strikethrough = true
linkify = true
taskList = true
footnote = true
typographer = false
definitionList = false
"""

HUGO_SINGLE = """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ .Content }}
</body></html>
"""

HUGO_LIST = """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
"""


def log(message):
    print(message, flush=True)


def ensure_corpus(work, n, seed):
    folder = os.path.join(work, "corpus-%d" % n)
    manifest = os.path.join(folder, "corpus.json")
    if os.path.isfile(manifest):
        with open(manifest) as f:
            m = json.load(f)
        if m.get("generator_version") == gen_corpus.GENERATOR_VERSION and m.get("plans") == n and m.get("seed") == seed:
            return folder, m
        log("corpus %s was made by another generator version or seed: regenerating" % folder)
    log("generating %s ..." % folder)
    started = time.time()
    m = gen_corpus.generate(n, folder, seed, os.path.join(ROOT, "Content"))
    log("  %d plans, %d regions, %d tasks, %.1f MB Markdown in %.0f s" % (
        m["plans"], m["regions"], m["tasks"], m["markdown_bytes"] / 1e6, time.time() - started))
    return folder, m


def ensure_hugo_site(work, n, corpus):
    site = os.path.join(work, "hugo-%d" % n)
    stamp = os.path.join(site, ".corpus")
    corpus_id = open(os.path.join(corpus, "corpus.json")).read()
    if os.path.isfile(stamp) and open(stamp).read() == corpus_id:
        return site
    if os.path.exists(site):
        shutil.rmtree(site)
    os.makedirs(os.path.join(site, "content", "plans"))
    for sub in ("layouts/_default",):
        os.makedirs(os.path.join(site, sub))
    with open(os.path.join(site, "config.toml"), "w") as f:
        f.write(HUGO_CONFIG)
    with open(os.path.join(site, "layouts/_default/single.html"), "w") as f:
        f.write(HUGO_SINGLE)
    with open(os.path.join(site, "layouts/_default/list.html"), "w") as f:
        f.write(HUGO_LIST)
    plans = os.path.join(corpus, "plans")
    for plan_id in sorted(os.listdir(plans)):
        source = os.path.join(plans, plan_id, "plan.md")
        target = os.path.join(site, "content", "plans", plan_id + ".md")
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    with open(stamp, "w") as f:
        f.write(corpus_id)
    return site


def ensure_hugo_equiv(work, n, corpus, templates):
    """The hugo-equiv site of a corpus (its generator, run once per corpus: not timed)."""
    site = os.path.join(work, "hugo-equiv-%d" % n)
    stamp = os.path.join(site, ".corpus")
    corpus_id = open(os.path.join(corpus, "corpus.json")).read()
    if os.path.isfile(stamp) and open(stamp).read() == corpus_id:
        return site
    if os.path.exists(site):
        shutil.rmtree(site)
    log("generating %s with hugo-equiv ..." % site)
    run([sys.executable, os.path.join(HUGO_EQUIV, "gen_hugo_site.py"), "--corpus", corpus, "--out", site,
         "--assets", templates], "hugo-equiv gen_hugo_site.py (corpus-%d)" % n)
    with open(stamp, "w") as f:
        f.write(corpus_id)
    return site


def run(argv, label):
    """Runs argv; returns wall s, CPU s (user + sys) and peak RSS MB of that process."""
    err = tempfile.TemporaryFile()
    started = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - started
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        err.seek(0)
        sys.exit("bench: %s failed (exit %d):\n  %s\n%s" % (label, p.returncode, " ".join(argv),
                                                            err.read().decode(errors="replace")[-3000:]))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime,
            "sys": usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024.0}


def folder_size(path):
    total = 0
    files = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


class Trash:
    """Output folders of finished runs, renamed into one folder instead of deleted (see the
    docstring); emptied after the rounds, or earlier when the disk runs low (then the next
    run waits out ext4's minute)."""
    QUIET = 65   # seconds: ext4 skips inodes freed in the last 60 s when it allocates new ones

    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def discard(self, *paths):
        os.makedirs(self.folder, exist_ok=True)
        for p in paths:
            for q in [p] + hidden_siblings(p):
                if os.path.lexists(q):
                    self.count += 1
                    os.rename(q, os.path.join(self.folder, "%d" % self.count))
        if shutil.disk_usage(self.folder).free < 6e9:
            log("bench: disk low, emptying the trash")
            self.empty()
            self.wait()

    def empty(self):
        if os.path.lexists(self.folder):
            shutil.rmtree(self.folder)

    @classmethod
    def wait(cls):
        log("bench: waiting %d s after deleting (ext4 without a journal allocates slowly right after)" % cls.QUIET)
        time.sleep(cls.QUIET)


def hidden_siblings(p):
    """The manifest, plan cache and spare tree plansite keeps beside an output folder."""
    parent, name = os.path.dirname(p), os.path.basename(p)
    return [os.path.join(parent, ".%s.%s" % (name, hidden)) for hidden in ("plansite-manifest", "plansite-cache", "plansite-spare")]


def clear(*paths):
    for p in paths:
        for q in [p] + hidden_siblings(p):
            if os.path.isdir(q) and not os.path.islink(q):
                shutil.rmtree(q)
            elif os.path.lexists(q):
                os.remove(q)


def edit_corpus(work, n, corpus):
    """A hard-linked copy of the corpus for the incremental runs; returns (folder, toggle),
    toggle() switching the edited plan between its original text and one with a sentence
    lengthened (written to a new file and renamed over the link)."""
    folder = os.path.join(work, "corpus-%d-edit" % n)
    clear(folder)
    shutil.copytree(corpus, folder, copy_function=os.link)
    plan = os.path.join(folder, "plans", EDIT_PLAN if n > 42 else sorted(os.listdir(os.path.join(folder, "plans")))[-1], "plan.md")
    with open(plan, encoding="utf-8") as f:
        original = f.read()
    cut = original.index("。", len(original) // 2)
    edited = original[:cut] + "，并加强监督检查" + original[cut:]
    state = {"edited": False}

    def toggle():
        state["edited"] = not state["edited"]
        with open(plan + ".tmp", "w", encoding="utf-8") as f:
            f.write(edited if state["edited"] else original)
        os.replace(plan + ".tmp", plan)
    return folder, toggle


def tree_hashes(path):
    import hashlib
    result = {}
    for dirpath, _, names in os.walk(path):
        for name in names:
            full = os.path.join(dirpath, name)
            with open(full, "rb") as f:
                result[os.path.relpath(full, path)] = hashlib.sha256(f.read()).hexdigest()
    return result


def main():
    ap = argparse.ArgumentParser(description="plansite benchmark: floor, Hugo and plansite on synthetic corpora")
    ap.add_argument("--sizes", nargs="+", type=int, default=[100, 1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"), help="folder of plansite and plansite-floor")
    ap.add_argument("--work", default=os.path.join(ROOT, ".build-bench"))
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of floor,hugo,plansite")
    ap.add_argument("--templates", default=os.path.join(ROOT, "Templates"))
    ap.add_argument("--no-warmup", action="store_true",
                    help="skip the untimed warm-up round (for 10,000 plans, where one build takes minutes)")
    args = ap.parse_args()

    tools = [t for t in args.tools.split(",") if t]
    for t in tools:
        if t not in TOOLS:
            sys.exit("bench: unknown tool %r" % t)
    plansite = os.path.abspath(os.path.join(args.bin, "plansite"))
    floor = os.path.abspath(os.path.join(args.bin, "plansite-floor"))
    for binary, tool in ((plansite, "plansite"), (floor, "floor")):
        if (tool in tools or binary == plansite) and not os.access(binary, os.X_OK):
            sys.exit("bench: %s not found; build it with `swift build -c release` (make bench does)" % binary)
    hugo = shutil.which("hugo")
    if "hugo-equiv" in tools and not os.path.isfile(os.path.join(HUGO_EQUIV, "gen_hugo_site.py")):
        log("bench: note: %s not found; the hugo-equivalent is not measured" % HUGO_EQUIV)
        tools.remove("hugo-equiv")
    if ("hugo" in tools or "hugo-equiv" in tools) and not hugo:
        sys.exit("bench: hugo is not installed (apt-get install hugo; make bench does)")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    scratch = os.path.join(work, "bench-out")

    info = {"load_start": os.getloadavg(), "sizes": args.sizes, "runs": args.runs, "tools": tools}
    if hugo:
        info["hugo"] = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    log("bench: sizes %s, %d runs, tools %s; load average %.2f %.2f %.2f" % (
        " ".join(map(str, args.sizes)), args.runs, ",".join(tools), *info["load_start"]))
    if info["load_start"][0] > 0.5:
        log("bench: note: the machine is busy (load %.2f); wall times will be noisy, CPU times less so" % info["load_start"][0])

    results = {}   # (size, tool) -> [runs]
    outputs = {}   # (size, tool) -> (bytes, files)
    corpora = {}
    for n in args.sizes:
        corpus, manifest = ensure_corpus(work, n, args.seed)
        corpora[n] = manifest
        log("checking %s with plansite check ..." % corpus)
        run([plansite, "check", "--content", corpus], "plansite check (corpus-%d)" % n)
        site = ensure_hugo_site(work, n, corpus) if "hugo" in tools else None
        equiv = ensure_hugo_equiv(work, n, corpus, args.templates) if "hugo-equiv" in tools else None

        incremental = [t for t in tools if t in ("plansite-one", "plansite-none")]
        if incremental:
            edit_folder, toggle = edit_corpus(work, n, corpus)
            inc_out = os.path.join(scratch, "incremental-%d" % n)
            clear(inc_out)
            os.makedirs(scratch, exist_ok=True)
            run([plansite, "build", "--content", edit_folder, "--templates", args.templates, "--output", inc_out],
                "plansite build of corpus-%d-edit" % n)

        trash = Trash(os.path.join(scratch, "trash"))
        Trash.wait()   # after the set-up's deletions

        def command(tool, out):
            if tool == "floor":
                return [floor, corpus, out]
            if tool == "hugo":
                return [hugo, "--source", site, "-d", out, "--cacheDir", out + ".cache", "--quiet"]
            if tool == "hugo-equiv":
                return [hugo, "--source", equiv, "-d", out, "--cacheDir", out + ".cache", "--quiet"]
            if tool in ("plansite-one", "plansite-none"):
                return [plansite, "build", "--content", edit_folder, "--templates", args.templates, "--output", inc_out]
            return [plansite, "build", "--content", corpus, "--templates", args.templates, "--output", out]

        for rnd in range(0 if args.no_warmup else -1, args.runs):   # round -1 is the warm-up
            order = tools[rnd % len(tools):] + tools[:rnd % len(tools)] if rnd >= 0 else tools
            for tool in order:
                out = inc_out if tool in incremental else os.path.join(scratch, "%s-%d" % (tool, n))
                if tool not in incremental:
                    clear(out, out + ".cache")
                os.makedirs(os.path.dirname(out), exist_ok=True)
                if tool == "plansite-one":
                    toggle()
                r = run(command(tool, out), "%s (corpus-%d)" % (tool, n))
                if rnd < 0:
                    outputs[(n, tool)] = folder_size(out)
                    log("  warm-up %-8s N=%-5d %7.2f s wall %7.2f s CPU %7.0f MB  output %.1f MB in %d files" % (
                        tool, n, r["wall"], r["cpu"], r["rss_mb"], outputs[(n, tool)][0] / 1e6, outputs[(n, tool)][1]))
                else:
                    if (n, tool) not in outputs:
                        outputs[(n, tool)] = folder_size(out)
                    results.setdefault((n, tool), []).append(r)
                    log("  run %d   %-8s N=%-5d %7.2f s wall %7.2f s CPU %7.0f MB" % (
                        rnd + 1, tool, n, r["wall"], r["cpu"], r["rss_mb"]))
                if tool not in incremental:
                    trash.discard(out, out + ".cache")
        trash.empty()
        if incremental:
            full = os.path.join(scratch, "verify-%d" % n)
            run([plansite, "build", "--full", "--content", edit_folder, "--templates", args.templates, "--output", full],
                "plansite build --full of corpus-%d-edit" % n)
            same = tree_hashes(inc_out) == tree_hashes(full)
            info["incremental_identical_%d" % n] = same
            log("  incremental output %s a full build of the same content (%d files compared)" % (
                "is byte-identical to" if same else "DIFFERS from", len(tree_hashes(full))))
            clear(full, inc_out, edit_folder)
    clear(scratch)
    info["load_end"] = os.getloadavg()

    def med(xs):
        return statistics.median(xs)

    def cell(xs, fmt):
        return (fmt % med(xs)) + " (" + (fmt % min(xs)).strip() + "–" + (fmt % max(xs)).strip() + ")"

    log("")
    log("plansite bench — %d timed runs per tool and size; median (min–max); load average %.2f at start, %.2f at end" % (
        args.runs, info["load_start"][0], info["load_end"][0]))
    header = "| plans | tool | wall s | CPU s (user+sys) | peak RSS MB | output |"
    log(header)
    log("| ---: | --- | ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        for tool in tools:
            rs = results[(n, tool)]
            size, files = outputs[(n, tool)]
            log("| %d | %s | %s | %s | %s | %.1f MB, %d files |" % (
                n, tool, cell([r["wall"] for r in rs], "%.2f"), cell([r["cpu"] for r in rs], "%.2f"),
                cell([r["rss_mb"] for r in rs], "%.0f"), size / 1e6, files))
    log("")
    log("corpora: " + "; ".join("%d plans: %d regions, %d tasks, %.1f MB Markdown" % (
        n, m["regions"], m["tasks"], m["markdown_bytes"] / 1e6) for n, m in sorted(corpora.items())))

    ref = 1000 if 1000 in args.sizes else max(args.sizes)
    suffix = "" if ref == 1000 else "  (at %d plans: 1,000 not measured)" % ref

    def ratio(a, b, key="wall"):
        if (ref, a) not in results or (ref, b) not in results:
            return "n/a (not measured)"
        return "%.2f" % (med([r[key] for r in results[(ref, a)]]) / med([r[key] for r in results[(ref, b)]]))

    if len(args.sizes) > 1 and (min(args.sizes), "plansite") in results and (max(args.sizes), "plansite") in results:
        small, large = min(args.sizes), max(args.sizes)
        growth = med([r["wall"] for r in results[(large, "plansite")]]) / med([r["wall"] for r in results[(small, "plansite")]])
        log("scaling plansite %d → %d plans: %.1f× the wall time for %.0f× the plans" % (small, large, growth, large / small))
    log("CPU ratios: plansite/floor %s, plansite/hugo %s%s" % (ratio("plansite", "floor", "cpu"), ratio("plansite", "hugo", "cpu"), suffix))
    log("ratio plansite/floor: %s%s" % (ratio("plansite", "floor"), suffix))
    log("ratio plansite/hugo: %s%s" % (ratio("plansite", "hugo"), suffix))
    log("ratio plansite/hugo-equivalent: %s%s" % (ratio("plansite", "hugo-equiv"), suffix))
    log("nothing changed/full: %s%s" % (ratio("plansite-none", "plansite"), suffix))
    log("ratio incremental/full: %s%s" % (ratio("plansite-one", "plansite"), suffix))
    if (ref, "plansite") in results:
        log("peak MB plansite: %.0f%s" % (med([r["rss_mb"] for r in results[(ref, "plansite")]]), suffix))
    else:
        log("peak MB plansite: n/a (not measured)")

    # The targets of docs/performance.md, at 1,000 plans.
    checks = [("ratio plansite/hugo-equivalent", ratio("plansite", "hugo-equiv"), 0.6),
              ("ratio incremental/full", ratio("plansite-one", "plansite"), 0.15)]
    if (ref, "plansite") in results:
        checks.append(("peak MB plansite", "%.0f" % med([r["rss_mb"] for r in results[(ref, "plansite")]]), 150))
    for name, value, limit in checks:
        try:
            verdict = "met" if float(value) <= limit else "NOT MET"
        except ValueError:
            verdict = "not measured"
        log("target %s ≤ %s: %s%s" % (name, limit, verdict, suffix))

    with open(os.path.join(work, "bench-results.json"), "w") as f:
        json.dump({"info": info, "corpora": {str(k): v for k, v in corpora.items()},
                   "outputs": {"%d/%s" % k: v for k, v in outputs.items()},
                   "runs": {"%d/%s" % k: v for k, v in results.items()}}, f, indent=1)


if __name__ == "__main__":
    main()
