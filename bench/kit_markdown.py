#!/usr/bin/env python3
"""The content of a printed kit (interviewer edition) as Markdown, for the pandoc route.

Reads `qbank kit show KIT --format json` on stdin and the question files it names; writes
Markdown with what qbank's PDF holds: the cover fields, the time plan, every question with its
follow-ups, strong-answer checklist, red flags, rating row and note lines, and the scorecard.

    qbank kit show mlops-engineer --format json | python3 bench/kit_markdown.py > kit.md
"""
import json
import sys

import yaml

kit = json.load(sys.stdin)
out = []
w = out.append
w(f"# {kit['title']}\n\nInterviewer edition\n")
w(f"| | |\n|---|---|\n| Role | {kit.get('role') or ''} |\n| Level | {kit['level']} |")
w("| Candidate | Ada Lovelace |\n| Interviewer | |\n| Date | 2026-01-01 |")
w(f"| Planned duration | {kit.get('duration_minutes')} minutes |\n")
w("## Time plan\n\n| Section | Questions | Minutes |\n|---|---|---|")
for s in kit["sections"]:
    w(f"| {s['title']} | {len(s['questions'])} | {s.get('budget_minutes') or s['minutes']} |")
w("\n## How to use this kit\n")
w("- Ask each question as written, then use the follow-ups.\n- Tick each strong point you hear.")
w("- Rate each question 1–4 straight after it.\n- Fill in the scorecard on your own.\n")
w("## Rating scale\n\n| Rating | Meaning |\n|---|---|\n| 1 No signal | Could not answer |")
w("| 2 Weak | Needed heavy prompting |\n| 3 Solid | Most strong points |\n| 4 Strong | Complete and precise |\n")
n = len(kit["questions"])
for i, q in enumerate(kit["questions"], 1):
    with open(q["file"], encoding="utf-8") as f:
        full = yaml.safe_load(f)
    w(f"\\newpage\n\n## Question {i} of {n}\n\n*{q['topic']} · {kit['level']} · {q['minutes']} min*\n")
    w(f"**{q['text']}**\n")
    if full.get("follow_ups"):
        w("### Follow-ups\n")
        w("\n".join(f"- {x}" for x in full["follow_ups"]) + "\n")
    rubric = full.get("rubric") or {}
    if rubric.get("strong"):
        w("### A strong answer shows\n")
        w("\n".join(f"- ☐ {x}" for x in rubric["strong"]) + "\n")
    if rubric.get("red_flags"):
        w("### Red flags\n")
        w("\n".join(f"- ⚑ {x}" for x in rubric["red_flags"]) + "\n")
    w("**Rating:** ☐ 1 No signal ☐ 2 Weak ☐ 3 Solid ☐ 4 Strong\n\n### Notes\n")
    w("\n".join(["\\_" * 60] * 5) + "\n")
w("\\newpage\n\n## Scorecard\n\n| # | Question | Rating |\n|---|---|---|")
for i, q in enumerate(kit["questions"], 1):
    w(f"| {i} | {q['text'][:90]} | ☐1 ☐2 ☐3 ☐4 |")
w("\n**Overall recommendation:** ☐ Strong no ☐ No ☐ Yes ☐ Strong yes\n")
w("Signature: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ Date: \\_\\_\\_\\_\\_\\_\\_\\_")
sys.stdout.write("\n".join(out) + "\n")
