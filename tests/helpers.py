"""Paths the tests share (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = ROOT.parent / "shared" / "articles"
SEED = EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml"
