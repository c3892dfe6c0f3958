#!/usr/bin/env python3
"""Reference vectors for qbank-embed, computed apart from it: numpy only.

Tokenises with the model's vocab.txt (BERT's basic tokenizer and WordPiece, written out
here rather than through the `tokenizers` library qbank uses), runs the BERT or MPNet encoder
from model.safetensors (as Hugging Face's `BertModel` and `MPNetModel` define them), then
pools as the model cards of all-MiniLM-L6-v2 and all-mpnet-base-v2 say: the mean of the token
vectors over the attention mask, scaled to length 1.

    pip install numpy safetensors
    python3 crates/qbank-embed/tests/data/reference.py MINILM_DIR > crates/qbank-embed/tests/data/reference.json
    python3 crates/qbank-embed/tests/data/reference.py MPNET_DIR > crates/qbank-embed/tests/data/reference-mpnet.json
"""
import json
import math
import sys
import unicodedata
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

SENTENCES = [
    "What is the difference between a process and a thread?",
    "How do threads differ from processes?",
    "Tell me about a time you disagreed with your manager.",
    "Describe a situation where you and your boss did not see eye to eye.",
    "What is a race condition and how can you prevent it?",
    "How would you design a rate limiter for a public API?",
    "Explain the CAP theorem — and why it matters for résumé-worthy systems!",
    "x",
]


def basic_tokens(text):
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    out, word = [], ""
    for c in text:
        cat = unicodedata.category(c)
        if c.isspace() or cat.startswith("C"):
            if word:
                out.append(word)
            word = ""
        elif cat.startswith("P") or (33 <= ord(c) <= 47) or (58 <= ord(c) <= 64) or (91 <= ord(c) <= 96) or (123 <= ord(c) <= 126):
            if word:
                out.append(word)
            out.append(c)
            word = ""
        else:
            word += c
    if word:
        out.append(word)
    return out


def wordpiece(word, vocab):
    if len(word) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x):
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def bucket(relative, buckets, max_distance=128):
    """MPNet's bucket of a relative distance (`relative_position_bucket`)."""
    half = buckets // 2
    n = -relative
    ret = half if n < 0 else 0
    n = abs(n)
    exact = half // 2
    if n < exact:
        return ret + n
    return ret + min(exact + int(math.log(n / exact) / math.log(max_distance / exact) * (half - exact)), half - 1)


def encode(ids, w, cfg):
    mpnet = cfg.get("model_type") == "mpnet"
    p = "" if "embeddings.word_embeddings.weight" in w else ("mpnet." if mpnet else "bert.")
    n = len(ids)
    heads = cfg["num_attention_heads"]
    if mpnet:
        first = cfg["pad_token_id"] + 1
        x = w[p + "embeddings.word_embeddings.weight"][ids] + w[p + "embeddings.position_embeddings.weight"][first:first + n]
        table = w[p + "encoder.relative_attention_bias.weight"]
        buckets = cfg["relative_attention_num_buckets"]
        bias = np.array([[table[bucket(k - q, buckets)] for k in range(n)] for q in range(n)]).transpose(2, 0, 1)
        names = ("attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o", "attention.LayerNorm")
    else:
        x = w[p + "embeddings.word_embeddings.weight"][ids] + w[p + "embeddings.position_embeddings.weight"][:n] + w[p + "embeddings.token_type_embeddings.weight"][0]
        bias = 0.0
        names = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "attention.output.LayerNorm")
    x = layer_norm(x, w[p + "embeddings.LayerNorm.weight"], w[p + "embeddings.LayerNorm.bias"], cfg["layer_norm_eps"])
    d = cfg["hidden_size"] // heads
    qn, kn, vn, on, norm = names
    for i in range(cfg["num_hidden_layers"]):
        L = f"{p}encoder.layer.{i}."
        lin = lambda name, h: h @ w[L + name + ".weight"].T + w[L + name + ".bias"]
        q = lin(qn, x).reshape(n, heads, d).transpose(1, 0, 2)
        k = lin(kn, x).reshape(n, heads, d).transpose(1, 0, 2)
        v = lin(vn, x).reshape(n, heads, d).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(d) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        a = (s @ v).transpose(1, 0, 2).reshape(n, heads * d)
        x = layer_norm(lin(on, a) + x, w[L + norm + ".weight"], w[L + norm + ".bias"], cfg["layer_norm_eps"])
        h = gelu(lin("intermediate.dense", x))
        x = layer_norm(lin("output.dense", h) + x, w[L + "output.LayerNorm.weight"], w[L + "output.LayerNorm.bias"], cfg["layer_norm_eps"])
    return x


def main():
    model = Path(sys.argv[1])
    cfg = json.loads((model / "config.json").read_text())
    vocab = {line.rstrip("\n"): i for i, line in enumerate((model / "vocab.txt").read_text(encoding="utf-8").splitlines())}
    weights = {k: v.astype(np.float64) for k, v in load_file(str(model / "model.safetensors")).items()}
    out = {"sentences": [], "tokens": [], "vectors": []}
    for text in SENTENCES:
        cls, sep = ("<s>", "</s>") if cfg.get("model_type") == "mpnet" else ("[CLS]", "[SEP]")
        pieces = [cls] + [p for t in basic_tokens(text) for p in wordpiece(t, vocab)] + [sep]
        ids = [vocab[p] for p in pieces]
        hidden = encode(np.array(ids), weights, cfg)
        mask = np.ones(len(ids))
        pooled = (hidden * mask[:, None]).sum(0) / max(mask.sum(), 1e-9)
        pooled /= max(np.linalg.norm(pooled), 1e-12)
        out["sentences"].append(text)
        out["tokens"].append(ids)
        out["vectors"].append([round(float(x), 7) for x in pooled])
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
