#!/usr/bin/env python3
"""Measures a semantic swap test on the dev splits: for a pair of questions, the words both
share in order (their longest common word sequence, the sentence frame) are struck out, and
the cosine of what is left of each ("deadlock" / "memory leak") is read beside the cosine of
the whole texts. Reads the parts that `cargo xtask eval-near-duplicates --model DIR --dump
FILE` writes; the residual phrases are embedded by `xtask embed-texts`, through the same cache:

    python3 bench/near-duplicates/residual.py parts.tsv --texts residuals.txt
    cargo run -p xtask -- embed-texts --model $M residuals.txt residuals.tsv
    python3 bench/near-duplicates/residual.py parts.tsv --vectors residuals.tsv [--test]

Reports, per split: the meaning signal alone (whole cosine; the residual cosine when the frame
covers at least half of the shorter text) and the verdict variants tried (BENCHMARKS.md,
"A semantic swap test"). Standard library only.
"""
import csv
import itertools
import math
import re
import sys

THRESHOLD = 0.40
MAX_FPR = 0.05
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'/+#.-]*[A-Za-z0-9+#]|[A-Za-z0-9]")


def residuals(a, b):
    """The words of a and of b outside their longest common word sequence (case ignored), and
    the length of that sequence."""
    x, y = WORD.findall(a), WORD.findall(b)
    xl, yl = [w.lower() for w in x], [w.lower() for w in y]
    n, m = len(x), len(y)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if xl[i] == yl[j] else max(table[i + 1][j], table[i][j + 1])
    i = j = 0
    ix, iy = set(), set()
    while i < n and j < m:
        if xl[i] == yl[j]:
            ix.add(i)
            iy.add(j)
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    ra = " ".join(w for k, w in enumerate(x) if k not in ix)
    rb = " ".join(w for k, w in enumerate(y) if k not in iy)
    return ra, rb, len(ix) / max(min(n, m), 1)


def load(path):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            ra, rb, frame = residuals(r["text_a"], r["text_b"])
            rows.append({
                "split": r["split"], "dup": r["label"] == "duplicate", "kind": r["kind"],
                "lex": float(r["lexical"]), "cos": float(r["cosine"]) if r["cosine"] else 0.0,
                "swapped": r["swapped"] == "1", "score": float(r["score"]),
                "ra": ra, "rb": rb, "frame": frame,
            })
    return rows


def rates(rows, score, t):
    dup = [r for r in rows if r["dup"]]
    dis = [r for r in rows if not r["dup"]]
    return (sum(score(r) >= t for r in dup) / max(len(dup), 1),
            sum(score(r) >= t for r in dis) / max(len(dis), 1))


def auc(rows, score):
    pos = [score(r) for r in rows if r["dup"]]
    neg = [score(r) for r in rows if not r["dup"]]
    return sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg))


def at_fpr(rows, score):
    """Highest recall with FPR <= 5% at a threshold of the split's own, and that threshold."""
    best = (0.0, math.inf)
    for t in sorted({score(r) for r in rows}):
        rec, fpr = rates(rows, score, t)
        if fpr <= MAX_FPR and rec > best[0]:
            best = (rec, t)
    return best


def phrases_or_cosines(rows):
    """With `--texts FILE`, writes the residual phrases of `rows` to FILE, one a line, and
    returns False; with `--vectors FILE` (what `xtask embed-texts` wrote for them), sets each
    row's residual cosine `rc` and returns True. Shared with `meaning_path.py`."""
    if "--texts" in sys.argv:
        texts = sorted({t for r in rows for t in (r["ra"], r["rb"]) if t})
        with open(sys.argv[sys.argv.index("--texts") + 1], "w") as f:
            f.write("".join(t + "\n" for t in texts))
        print(f"{len(texts)} residual phrases of {len(rows)} pairs")
        return False
    vectors = {}
    with open(sys.argv[sys.argv.index("--vectors") + 1]) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            vectors[parts[0]] = [float(v) for v in parts[1:]]
    for r in rows:
        # An empty residual (one text holds the other): the whole cosine stands.
        if r["ra"] and r["rb"]:
            r["rc"] = sum(p * q for p, q in zip(vectors[r["ra"]], vectors[r["rb"]]))
        else:
            r["rc"] = r["cos"]
    return True


def main():
    rows = load(sys.argv[1])
    if not phrases_or_cosines(rows):
        return
    splits = sorted({r["split"] for r in rows})
    shown = [s for s in splits if s.startswith("dev") or "--test" in sys.argv]
    by = {s: [r for r in rows if r["split"] == s] for s in splits}

    print("Mean whole cosine / residual cosine / frame share, by kind")
    print()
    print("| split | kind | pairs | whole cosine | residual cosine | frame |")
    print("|---|---|---|---|---|---|")
    for s in shown:
        for kind in sorted({r["kind"] for r in by[s]}):
            g = [r for r in by[s] if r["kind"] == kind]
            mean = lambda k: sum(r[k] for r in g) / len(g)
            print(f"| {s} | {kind} | {len(g)} | {mean('cos'):.3f} | {mean('rc'):.3f} | {mean('frame'):.2f} |")

    def semantic(r):
        return r["rc"] if r["frame"] >= 0.5 else r["cos"]

    print()
    print("Meaning alone: AUC, recall at FPR <= 5% (each split's own threshold), recall / FPR at 0.50")
    print()
    print("| split | whole cosine | residual where the frame is half or more |")
    print("|---|---|---|")
    for s in shown:
        cells = []
        for f in (lambda r: r["cos"], semantic):
            rec5, _ = at_fpr(by[s], f)
            rec, fpr = rates(by[s], f, 0.50)
            cells.append(f"{auc(by[s], f):.3f}, {rec5:.3f}, {rec:.3f} / {fpr:.3f}")
        print(f"| {s} | {cells[0]} | {cells[1]} |")

    def discounted(r, frame=0.7, below=0.5, factor=0.5):
        big = r["frame"] >= frame and r["rc"] < below
        return r["score"] * factor if big else r["score"]

    def meaning_path(r, frame=0.7, factor=0.5, at=0.75):
        s = discounted(r, frame=frame, factor=factor)
        m = r["rc"] if r["frame"] >= frame else r["cos"]
        return max(s, THRESHOLD) if m >= at else s

    def additive(r):
        m = r["rc"] if r["frame"] >= 0.7 else r["cos"]
        s = 0.1 * min(max((m - 0.6) / 0.1, 0.0), 1.0) + 0.9 * r["lex"]
        if r["swapped"]:
            s *= 0.25
        return s * 0.5 if r["frame"] >= 0.7 and r["rc"] < 0.5 else s

    variants = [
        ("the verdict as shipped (VERDICT)", lambda r: r["score"]),
        ("x 0.5 when the frame is 70% or more and the residual cosine below 0.5", discounted),
        ("the same, and flagged when the meaning signal is 0.75 or more", meaning_path),
        ("frame 60%, discount to 0, flagged from a meaning signal of 0.55",
         lambda r: meaning_path(r, frame=0.6, factor=0.0, at=0.55)),
        ("0.1 x residual-aware cosine scaled 0.6-0.7 + 0.9 x terms, swap 0.25, discount", additive),
    ]
    print()
    print("Verdict variants at 0.40: recall / FPR / AUC")
    print()
    print("| variant | " + " | ".join(shown) + " |")
    print("|---|" + "---|" * len(shown))
    for name, f in variants:
        cells = []
        for s in shown:
            rec, fpr = rates(by[s], f, THRESHOLD)
            cells.append(f"{rec:.3f} / {fpr:.3f} / {auc(by[s], f):.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
