"""Event places on a world map, as SVG for ``kb serve``: country outlines, one circle a place, sized by count.

The outlines are the simplified world borders of thematicmapping.org
(CC BY-SA 3.0) that the ``geopip`` package ships (``globe.geo.json``, one
feature a country with its ISO code and a centre point); nothing is fetched.
The projection is equirectangular — longitude and latitude straight to x
and y — which keeps the drawing exact and the code short; at this scale
its distortion does not hide which country a place is in. A place with
coordinates is drawn where it is; a country named as the place, at the
country's centre. Every circle and every country links to the filtered
events there, so a click filters.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

__all__ = ["map_svg", "country_centres"]

WIDTH, HEIGHT = 1000, 500  # 1 px = 0.36 degrees
_SCALE = WIDTH / 360


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * _SCALE, (90 - lat) * _SCALE


@cache
def _features() -> list[dict[str, Any]]:
    text = resources.files("geopip").joinpath("globe.geo.json").read_text(encoding="utf-8")
    return json.loads(text)["features"]


@cache
def _outlines() -> tuple[tuple[str, str, str], ...]:
    """(ISO2, name, SVG path data) a country, points closer than half a pixel dropped."""
    out = []
    for feature in _features():
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        parts = []
        for polygon in polygons:
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for lon, lat in ring:
                    x, y = _xy(lon, lat)
                    if not points or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= 0.5:
                        points.append((x, y))
                if len(points) >= 3:
                    parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
        props = feature["properties"]
        out.append((props["ISO2"], props["NAME"], "".join(parts)))
    return tuple(out)


@cache
def country_centres() -> dict[str, tuple[float, float]]:
    """ISO2 -> (longitude, latitude) of each country's centre, as the dataset gives it."""
    return {f["properties"]["ISO2"]: (f["properties"]["LON"], f["properties"]["LAT"]) for f in _features()}


def map_svg(
    places: Sequence[dict[str, Any]],
    *,
    href: Callable[[str], str],
    country_href: Callable[[str], str | None],
    title: str = "Where the events took place",
) -> str:
    """``places`` (``name``, ``longitude``, ``latitude``, ``count``) over the world's outlines.

    ``href(name)`` is a place's link, ``country_href(iso2)`` a country's (None: not linked)."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-title" class="map" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>',
    ]
    for iso, name, path in _outlines():
        link = country_href(iso)
        shape = f'<path class="country" d="{path}"><title>{escape(name)}</title></path>'
        out.append(f'<a href="{escape(link)}">{shape}</a>' if link else shape)
    biggest = max((p["count"] for p in places), default=1)
    for p in sorted(places, key=lambda p: -p["count"]):  # small circles drawn last, on top
        x, y = _xy(p["longitude"], p["latitude"])
        r = 3 + 9 * math.sqrt(p["count"] / biggest)
        label = f"{p['name']}: {p['count']} event{'s' if p['count'] != 1 else ''}"
        out.append(
            f'<a href="{escape(href(p["name"]))}"><circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
            f"<title>{escape(label)}</title></circle></a>"
        )
    out.append("</svg>")
    return "\n".join(out)
