"""Engine benchmark: load, validate and score the full checklist; score 1,000 assessments. Prints times.

    .venv/bin/python bench/engine.py [N] [--json]    (--json: the figures as one JSON object, for bench/run)

Target: 1,000 assessments in ≤ 2 s on a 2-core machine (scoring is single-threaded).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from posture.assessment import Answer, Assessment, ChecklistRef, load_assessment, question_hashes
from posture.content import Library, bundled_files
from posture.scoring import score

ROOT = Path(__file__).resolve().parents[1]
CHECKLIST = "bpo-contact-center"
DEMO = ROOT / "demo" / "centro-de-contacto-demo" / "assessment.yaml"


def random_assessment(checklist, rng: random.Random, hashes: dict[str, str]) -> Assessment:
    answers = {}
    for q in checklist.questions:
        if rng.random() < 0.1:
            continue
        options = [o.value for o in checklist.scale_of(q).options]
        value = rng.choice([*options, "na"])
        answers[q.id] = Answer(value, method=rng.choice(["interview", "document", "observation"]),
                               na_justification="n/a" if value == "na" else "", qid=q.id)
    return Assessment(id="bench", vendor="Bench", site="Bench", frameworks=list(checklist.catalogs),
                      checklist=ChecklistRef(checklist.id, checklist.version, checklist.content_hash, hashes),
                      assessed_on="2026-01-01", created_at="2026-01-01T00:00:00+00:00", answers=answers)


def main() -> int:
    as_json = "--json" in sys.argv[1:]
    positional = [a for a in sys.argv[1:] if a != "--json"]
    n = int(positional[0]) if positional else 1000
    t0 = time.perf_counter()
    lib = Library.load(bundled_files())
    t_load = time.perf_counter() - t0
    if lib.problems:
        print(f"content problems: {len(lib.problems)}; first: {lib.problems[0].format('en')}")
        return 1
    checklist = lib.checklists[CHECKLIST]
    t0 = time.perf_counter()
    demo = load_assessment(DEMO, checklist) if DEMO.exists() else None
    t_demo = time.perf_counter() - t0
    t0 = time.perf_counter()
    first = score(demo or random_assessment(checklist, random.Random(0), question_hashes(checklist)), checklist,
                  lib.catalogs)
    t_first = time.perf_counter() - t0
    rng = random.Random(1)
    hashes = question_hashes(checklist)
    batch = [random_assessment(checklist, rng, hashes) for _ in range(n)]
    t0 = time.perf_counter()
    for a in batch:
        score(a, checklist, lib.catalogs)
    t_batch = time.perf_counter() - t0
    if as_json:
        print(json.dumps({"content_load_ms": round(t_load * 1000, 1), "demo_load_ms": round(t_demo * 1000, 1),
                          "first_score_ms": round(t_first * 1000, 1), "assessments": n,
                          "score_batch_s": round(t_batch, 3)}))
        return 0
    print(f"load + validate all content ({len(lib.files)} files, {len(checklist.questions)} questions): "
          f"{t_load * 1000:8.1f} ms")
    if demo is not None:
        print(f"load + check the demo assessment ({len(demo.answers)} answers):            {t_demo * 1000:8.1f} ms")
    print(f"first score (builds the per-checklist index; overall {first.overall.claimed:.1f}):   "
          f"{t_first * 1000:8.1f} ms")
    print(f"score {n} assessments:                                           {t_batch:8.3f} s "
          f"({t_batch / n * 1000:.2f} ms each; target ≤ 2 s for 1,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
