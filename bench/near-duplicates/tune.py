#!/usr/bin/env python3
"""Chooses the blend of the near-duplicate score on the dev splits only, from the score parts
that `cargo xtask eval-near-duplicates --model DIR --dump FILE` writes (lexical score before
the swap test, cosine of the sentence vectors, swap flag), and reports each split: the blend,
MiniLM alone (cosine) and the words alone (the lexical detector).

    python3 bench/near-duplicates/tune.py parts.tsv            # dev splits: tune, report
    python3 bench/near-duplicates/tune.py parts.tsv --test     # also the test splits, once

The blend is  w * clamp((cos - c0) / (1 - c0), 0, 1) + (1 - w) * lexical,  times f when the
pair is one sentence with one subject swapped; a pair is flagged from 0.40 on (the threshold
qbank.toml keeps). Standard library only.
"""
import csv
import itertools
import sys

THRESHOLD = 0.40
MAX_FPR = 0.05


def load(path):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            r["lexical"] = float(r["lexical"])
            r["cosine"] = float(r["cosine"]) if r["cosine"] else 0.0
            r["swapped"] = r["swapped"] == "1"
            r["dup"] = r["label"] == "duplicate"
            rows.append(r)
    return rows


def blend(r, w, c0, f):
    m = min(max((r["cosine"] - c0) / (1 - c0), 0.0), 1.0)
    s = w * m + (1 - w) * r["lexical"]
    return s * f if r["swapped"] and s > 0 else s


def lexical(r):
    return r["lexical"] * 0.5 if r["swapped"] else r["lexical"]


def rates(rows, score, t):
    dup = [r for r in rows if r["dup"]]
    dis = [r for r in rows if not r["dup"]]
    tp = sum(score(r) >= t for r in dup)
    fp = sum(score(r) >= t for r in dis)
    return tp / max(len(dup), 1), fp / max(len(dis), 1)


def auc(rows, score):
    pos = [score(r) for r in rows if r["dup"]]
    neg = [score(r) for r in rows if not r["dup"]]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def pick(rows, score):
    """The threshold the dev rows pick: highest recall at FPR <= 5%, ties to the higher."""
    best = (0.0, 1.01)
    for t in sorted({round(score(r), 4) for r in rows}, reverse=True):
        rec, fpr = rates(rows, score, t)
        if fpr <= MAX_FPR and rec >= best[0]:
            best = (rec, t)
    return best[1]


def main():
    rows = load(sys.argv[1])
    show_test = "--test" in sys.argv
    splits = sorted({r["split"] for r in rows})
    dev = [s for s in splits if s.startswith("dev")]
    test = [s for s in splits if s.startswith("test")]
    by = {s: [r for r in rows if r["split"] == s] for s in splits}

    # Grid on dev: every dev split must keep FPR <= 5% at 0.40; maximise the lowest recall.
    best = None
    for w, c0, f in itertools.product(
        [x / 20 for x in range(8, 21)], [0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60], [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    ):
        sc = lambda r: blend(r, w, c0, f)
        stats = [rates(by[s], sc, THRESHOLD) for s in dev]
        if any(fpr > MAX_FPR for _, fpr in stats):
            continue
        key = (min(rec for rec, _ in stats), sum(rec for rec, _ in stats))
        if best is None or key > best[0]:
            best = (key, (w, c0, f))
    print(f"chosen on {', '.join(dev)}: w, c0, swap factor = {best[1]} (lowest dev recall {best[0][0]:.3f})")
    w, c0, f = best[1]
    ours = lambda r: blend(r, w, c0, f)
    cos = lambda r: r["cosine"]
    # Thresholds of the baselines, picked on the pooled dev splits of their domain.
    print()
    print("| split | pairs | qbank: recall | qbank: FPR | qbank: AUC | MiniLM alone: recall | FPR | AUC | words alone: recall | FPR | AUC |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for s in dev + (test if show_test else []):
        d = s.replace("test", "dev")
        t_cos, t_lex = pick(by[d], cos), pick(by[d], lexical)
        r1, f1 = rates(by[s], ours, THRESHOLD)
        r2, f2 = rates(by[s], cos, t_cos)
        r3, f3 = rates(by[s], lexical, THRESHOLD)
        print(f"| {s} | {len(by[s])} | {r1:.3f} | {f1:.3f} | {auc(by[s], ours):.3f} | {r2:.3f} | {f2:.3f} | {auc(by[s], cos):.3f} | {r3:.3f} | {f3:.3f} | {auc(by[s], lexical):.3f} |")
    print()
    print("MiniLM alone flags from the cosine its dev split picks (highest recall at FPR <= 5%);")
    print("the words alone from the detector's 0.40.")


if __name__ == "__main__":
    main()
