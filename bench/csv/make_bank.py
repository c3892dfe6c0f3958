"""Writes a bank of N questions for the CSV benchmark, made from the project's own questions.

Usage: make_bank.py N OUT_DIR

Each generated question is one of the questions in ../../questions with a new id (and the id in
its text, so that no two are the same), in the folder of its topic, with the file's comments and
layout as the content authors wrote them. topics.yaml is copied.
"""

import os
import re
import shutil
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "questions")
n, out = int(sys.argv[1]), sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
shutil.copy(os.path.join(root, "topics.yaml"), out)

templates = []
for dirpath, _, names in os.walk(root):
    if os.path.basename(dirpath) in ("kits", "loops"):
        continue
    for name in sorted(names):
        if name.endswith(".yaml") and name not in ("topics.yaml", "competencies.yaml"):
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                templates.append(f.read())
templates.sort()

for i in range(n):
    text = templates[i % len(templates)]
    old_id = re.search(r"^id: (\S+)$", text, re.M).group(1)
    topic = re.search(r"^topic: (\S+)$", text, re.M).group(1)
    new_id = f"{old_id}-{i}"
    text = text.replace(f"id: {old_id}\n", f"id: {new_id}\n", 1)
    text = re.sub(r"^text: (.*)$", lambda m: f"text: {m.group(1)} (variant {i})"
                  if not m.group(1).startswith(("'", '"')) else m.group(0), text, count=1, flags=re.M)
    os.makedirs(os.path.join(out, topic), exist_ok=True)
    with open(os.path.join(out, topic, new_id + ".yaml"), "w", encoding="utf-8") as f:
        f.write(text)
