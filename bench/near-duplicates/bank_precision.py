#!/usr/bin/env python3
"""Measures the meaning path of the verdict on whole banks: every pair of a split's texts
within one field, not only the labelled pairs (`eval-near-duplicates --bank-dump`).

The labelled pairs measure recall and the false positives among hard non-duplicates (mostly
template siblings); a bank also holds many questions of one topic that ask different things
("What is event delegation in JavaScript?" / "Explain how the JavaScript event loop works."),
which the labelled pairs barely sample. Commands (the phrases are embedded by the same model
through the same cache):

    cargo run -p xtask -- eval-near-duplicates $SETS --bank questions --model $M \\
        --splits dev,dev2,dev3,dev4 --dump parts.tsv --bank-dump bank.tsv
    python3 bench/near-duplicates/bank_precision.py parts.tsv bank.tsv --texts phrases.txt
    cargo run -p xtask -- embed-texts --model $M phrases.txt phrases.tsv
    python3 bench/near-duplicates/bank_precision.py parts.tsv bank.tsv --vectors phrases.tsv
    python3 bench/near-duplicates/bank_precision.py parts.tsv bank.tsv --vectors phrases.tsv --mutual

For each variant it reports, on each dev split, the labelled pairs' recall / FPR, and the
split as a bank: the duplicates flagged of those labels join, and the precision of all flagged
pairs (a pair no label joins counts as distinct). Standard library only.
"""
import csv
import sys

import meaning_path as mp
import residual

AT_LEAST = 0.4  # the lowest `at` of any variant: rows below it never need their residual


def needs_residual(r):
    eligible = r["known"] < 0.5 and not r["shared"] and r["longest"] <= mp.MEANING_MOST_WORDS
    short = len(r["ra"].split()) <= mp.MOST_WORDS and len(r["rb"].split()) <= mp.MOST_WORDS
    return (eligible and r["cos"] >= AT_LEAST) or (r["frame"] >= 0.7 and short)


def variant(known, frame, at, both_ways, residual_at):
    """`mp.variant` at the shipped discount (see there for `both_ways` and `residual_at`)."""
    return mp.variant(known, frame, at, 0.8, 0.5, 0.5, both_ways, residual_at)


def mutual_ranks(rows):
    """For the pairs of one split as a bank: each pair's rank by cosine in the list of the one
    of its two texts that ranks it lower (1: each is the other's nearest text by meaning)."""
    near = {}
    for r in rows:
        near.setdefault(r["a"], []).append((r["cos"], -r["b"], r["b"]))
        near.setdefault(r["b"], []).append((r["cos"], -r["a"], r["a"]))
    rank = {}
    for text, partners in near.items():
        partners.sort(reverse=True)
        for i, (_, _, other) in enumerate(partners):
            rank[(text, other)] = i + 1
    return {id(r): max(rank[(r["a"], r["b"])], rank[(r["b"], r["a"])]) for r in rows}


def mutual(labelled, bank):
    """`--mutual`: where meaning decides, flag only pairs whose two texts are among each other's
    k nearest by meaning in the bank (measured, not shipped: the verdict would then depend on
    the bank's other questions). Reported on dev4 as a bank, and on its labelled pairs with
    the ranks of that bank."""
    rows = [r for r in bank if r["split"] == "dev4-bank"]
    ranks = mutual_ranks(rows)
    print("| meaning from | nearest k | dev4 bank: found / joined, other pairs, precision "
          "| dev4 labelled: recall / FPR |")
    print("|---|---|---|---|")
    for at, k in [(0.5, None), (0.5, 2), (0.46, 2), (0.42, 2), (0.46, 1), (0.42, 1)]:
        shipped = variant(0.34, 0.3, at, True, 0.5)

        def flag(r):
            words = r["known"] >= 0.34 or r["shared"] or r["longest"] > mp.MEANING_MOST_WORDS
            return shipped(r) and (words or k is None or ranks[id(r)] <= k)
        flagged = [r for r in rows if flag(r)]
        found = sum(r["dup"] for r in flagged)
        joined = sum(r["dup"] for r in rows)
        rec, fpr = mp.rates([r for r in rows if r["kind"] == "labelled"], flag)
        print(f"| {at} | {k or 'any'} | {found}/{joined}, {len(flagged) - found}, "
              f"{found / len(flagged):.3f} | {rec:.3f} / {fpr:.3f} |")


def main():
    labelled = mp.load(sys.argv[1])
    bank = mp.load(sys.argv[2])
    with open(sys.argv[2], newline="") as f:
        for r, raw in zip(bank, csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)):
            r["a"], r["b"] = int(raw["a"]), int(raw["b"])
    if "--texts" in sys.argv:
        mp_rows = labelled + [r for r in bank if needs_residual(r)]
        residual.phrases_or_cosines(mp_rows)
        return
    residual.phrases_or_cosines(labelled)
    needed = [r for r in bank if needs_residual(r)]
    residual.phrases_or_cosines(needed)
    for r in bank:
        r.setdefault("rc", r["cos"])
    if "--mutual" in sys.argv:
        mutual(labelled, bank)
        return
    splits = mp.DEV + (mp.TEST if "--test" in sys.argv else [])
    points = [
        ("shipped", (0.34, 0.3, 0.5, False, 0.5)),
    ]
    for known in [0.34]:
        for frame in [0.0, 0.15, 0.3]:
            for at in [0.5, 0.55, 0.6]:
                for ra in [0.4, 0.5, 0.6]:
                    for both in [False, True, "whole"]:
                        points.append((f"k{known} f{frame} at{at} r{ra} {both}",
                                       (known, frame, at, both, ra)))
    print("| variant | " + " | ".join(f"{s} recall / FPR | {s} bank: found / joined, precision"
                                      for s in splits) + " |")
    print("|---|" + "---|---|" * len(splits))
    for name, point in points:
        flag = variant(*point)
        cells = []
        for s in splits:
            rec, fpr = mp.rates([r for r in labelled if r["split"] == s], flag)
            b = [r for r in bank if r["split"] == s + "-bank"]
            flagged = [r for r in b if flag(r)]
            found = sum(r["dup"] for r in flagged)
            joined = sum(r["dup"] for r in b)
            prec = found / len(flagged) if flagged else float("nan")
            cells.append(f"{rec:.3f} / {fpr:.3f} | {found}/{joined} {prec:.3f} ({len(flagged) - found})")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
