"""Paths the tests share (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "israel-syria"  # the 13 Israel–Syria files most tests are written against
ALL_EXAMPLES = ROOT / "examples"  # with the other conflicts (examples/world)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = ROOT.parent / "shared" / "articles"
SEED = EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml"

# Tests that read the shared article texts skip, naming the folder, on a checkout without ../shared
# (a fresh clone of the project alone); CI lays ../shared beside the checkout, so there they all run.
requires_articles = pytest.mark.skipif(not ARTICLES.is_dir(),
                                       reason=f"the shared articles are not beside this checkout ({ARTICLES})")
