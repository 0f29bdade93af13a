"""How `kb ask` holds up when a right answer's question is typed otherwise: rewrites and typing slips.

    python benchmarks/ask_variants.py [--kind rewrites|slips|all] [--lower] [--seed 1] [--show]

Each question of the bank's TUNING split that `kb ask` answers right is
rewritten mechanically — a synonym, another tense, a window put first, a
capital for its state, "according to the sources", a politeness, or one
typing slip (a letter dropped, doubled, changed for a neighbour on the
keyboard, or two swapped) — and graded against the same expectations by
ask_eval.py. A rewrite may change what is asked (then "wrong" is the
rewrite's fault: read the listed ones); a slip should be mended or refused,
never answered otherwise. The frozen split is never rewritten or shown.
Session 15 found most of its confident mistakes this way (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ask_eval import examples_kb, grade, load_bank, split_of  # noqa: E402

NAME = r"((?:the )?[A-Z][\w\-'’]*(?: [A-Z][\w\-'’]*)*)"  # a name as the bank types it
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
# (kind, pattern, replacement): the first match is rewritten
REWRITES = [
    ("tense", r"^Did (\w+(?: \w+)?) meet\b", r"Has \1 met"),
    ("tense", r"^Who mediated\b", "Who has mediated"),
    ("tense", r"^Who mediated\b", "Who was the mediator of"),
    ("tense", r"^When did\b", "On what date did"),
    ("tense", r"^Where did\b", "In which city did"),
    ("front", r"^(Did|Who|What|When|Where|Which|How many)\b(.*) in (\d{4})\?$", r"In \3, \1\2?"),
    ("source", r"\?$", " according to the sources?"),
    ("source", r"\?$", " in the knowledge base?"),
    ("synonym", r"\bagreement\b", "accord"),
    ("synonym", r"\bceasefire\b", "cease-fire"),
    ("synonym", r"\btalks\b", "negotiations"),
    ("synonym", r"\bstrike\b", "attack"),
    ("synonym", r"\bmediated\b", "facilitated"),
    ("synonym", r"\bmet\b", "met with"),
    ("article", r"\bthe ", ""),
    ("count", r"^How many\b", "What number of"),
    ("year", r"\bin (\d{4})\b", r"back in \1"),
    ("year", r"\bin 2025\b", "last year"),
    ("month", rf"\bin {MONTH} (\d{{4}})\b", r"in \1 of \2"),
    ("capital", r"\bRussia\b", "Moscow"),
    ("capital", r"\bthe US\b", "Washington"),
    ("capital", r"\bIran\b", "Tehran"),
    ("polite", r"^Did (.*)$", r"Is it true that \1"),  # (the verb stays in its base form)
    ("polite", r"^Who\b", "Who exactly"),
    ("polite", r"^(.*)\?$", lambda m: "Tell me " + m.group(1)[0].lower() + m.group(1)[1:]),
    # session 17: shapes none of the above made ("do the sources say" answered "no", "... by whom" listed events)
    ("passive", r"^Who mediated (the .*)\?$", r"By whom was \1 mediated?"),
    ("passive", r"^Who mediated (the .*)\?$", r"\1 was mediated by whom?"),
    ("passive", r"^Who signed (the .*)\?$", r"Who were the signatories of \1?"),
    ("passive", rf"^Did {NAME} sign (the .*)\?$", r"Was \2 signed by \1?"),
    ("sources", r"^Did (.*)\?$", r"Do the sources say that \1?"),
    ("terse", rf"^Who mediated between {NAME} and {NAME}\?$", r"mediators \1 \2"),
    ("formal", r"^Who mediated (the .*)\?$", r"Name the mediator of \1"),
    ("formal", rf"^Did {NAME} meet {NAME}(.*)\?$", r"Was there a meeting between \1 and \2\3?"),
    ("formal", rf"^Did {NAME} meet {NAME}(.*)\?$", r"Did \1 hold talks with \2\3?"),
    ("swap", rf"\bbetween {NAME} and {NAME}", r"between \2 and \1"),
    ("case", r"^(.*)$", lambda m: m.group(1).upper()),
]  # fmt: skip
NEIGHBOURS = {"a": "s", "e": "r", "i": "o", "o": "p", "n": "m", "r": "t", "s": "d", "t": "y", "l": "k", "d": "f"}


def rewrites(question: str) -> list[tuple[str, str]]:
    out = []
    for kind, pattern, replacement in REWRITES:
        if re.search(pattern, question):
            variant = re.sub(pattern, replacement, question, count=1)
            if variant != question:
                out.append((kind, variant))
    return out


def slips(question: str, rnd: random.Random) -> list[tuple[str, str]]:
    words = question.split()
    long = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    out = []
    for kind in ("swap", "drop", "double", "near"):
        if not long:
            break
        i = rnd.choice(long)
        w = words[i]
        k = rnd.randrange(1, len(w) - 1)
        slip = {
            "swap": w[:k] + w[k + 1] + w[k] + w[k + 2 :],
            "drop": w[:k] + w[k + 1 :],
            "double": w[:k] + w[k] + w[k:],
            "near": w[:k] + NEIGHBOURS.get(w[k].lower(), w[k]) + w[k + 1 :],
        }[kind]
        if slip != w:
            out.append((f"slip:{kind}", " ".join([*words[:i], slip, *words[i + 1 :]])))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=("rewrites", "slips", "all"), default="all")
    ap.add_argument("--lower", action="store_true", help="lower-case every variant (and drop its question mark)")
    ap.add_argument("--seed", type=int, default=1, help="which slips are made")
    ap.add_argument("--show", action="store_true", help="list the variants answered wrong")
    args = ap.parse_args()
    kb = examples_kb()
    today, questions = load_bank()
    rnd = random.Random(args.seed)
    counts: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for q in questions:
        if split_of(q) != "tuning" or grade(kb, q, today).outcome != "right":
            continue
        variants = []
        if args.kind in ("rewrites", "all"):
            variants += rewrites(q["q"])
        if args.kind in ("slips", "all"):
            variants += slips(q["q"], rnd)
        for kind, variant in variants:
            if args.lower:
                variant = variant.lower().rstrip("?")
            graded = grade(kb, {**q, "q": variant}, today)
            counts[kind][graded.outcome] += 1
            if graded.outcome == "wrong":
                wrong.append((q["id"], kind, variant, graded.detail))
    print("| variant | right | refused | wrong |")
    print("|---|---|---|---|")
    for kind in sorted(counts):
        c = counts[kind]
        print(f"| {kind} | {c['right']} | {c['refused']} | {c['wrong']} |")
    total = sum(counts.values(), Counter())
    print(f"| **all** | {total['right']} | {total['refused']} | {total['wrong']} |")
    if args.show:
        for qid, kind, variant, detail in wrong:
            print(f"{qid:4} {kind:12} {variant}\n       {detail}")


if __name__ == "__main__":
    main()
