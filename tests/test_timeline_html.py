"""The HTML timeline: self-contained, and really rendered by headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kb.render.html import timeline_html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_page_is_self_contained(kb_examples):
    page = timeline_html(kb_examples.timeline())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "the page must not load anything"
    assert "default-src 'none'" in page
    data = json.loads(re.search(r'<script type="application/json" id="events">(.*?)</script>', page, re.S).group(1))
    assert len(data) == len(kb_examples.timeline())
    assert page.count('<g class="ev"') >= len(data)  # every event drawn (in each of its actors' lanes)


def test_hostile_labels_are_escaped(tmp_path):
    from kb import KnowledgeBase

    bad = tmp_path / "x.yaml"
    bad.write_text("article: {title: '</script><script>alert(1)</script>', publisher: P, published: 2025-01-01}\n"
                   "events:\n  - {type: talks, date: 2025, parties: [Israel, Syria], summary: '<b>&</b>', "
                   "quote: '</script>'}\n", encoding="utf-8")
    kb = KnowledgeBase.memory()
    kb.ingest([bad])
    page = timeline_html(kb.timeline())
    assert "<b>&</b>" not in page and "</script><script>alert" not in page
    assert page.count("</script>") == 2  # the data block and the code block, nothing injected


def test_cli_writes_the_page(run, ingested, tmp_path):
    out = tmp_path / "timeline.html"
    result = run("timeline", "--format", "html", "-o", out, "--lanes", "type")
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); .ci/run installs it")
def test_renders_in_headless_chromium(run, ingested, tmp_path):
    from PIL import Image

    page = tmp_path / "timeline.html"
    assert run("timeline", "--format", "html", "-o", page).exit_code == 0
    shot = tmp_path / "timeline.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=1200,900",
         f"--screenshot={shot}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 900)
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50, "the screenshot is blank"
    # below the legend (y > 140) the chart shows the Paris talks as a mediation-green dot
    chart = image.crop((0, 140, 1200, 900))
    green = dict((colour, n) for n, colour in chart.getcolors(maxcolors=1 << 20)).get((0x2f, 0x85, 0x5a), 0)
    assert green > 50, "no mediation drawn on the time axis"


def test_ics_calendar(run, ingested, tmp_path):
    out = tmp_path / "kb.ics"
    assert run("timeline", "--format", "ics", "-o", out).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    events = [line for line in unfolded if line == "BEGIN:VEVENT"]
    assert len(events) == len(json.loads(run("timeline", "--format", "json").output))
    assert "DTSTART;VALUE=DATE:20260106" in unfolded and "LOCATION:Paris" in unfolded
    assert any(line.startswith("DESCRIPTION:") and "Delegates from both sides met in Paris" in line for line in unfolded)
