"""The report pages in HTML from the Jinja templates beside this module: self-contained (styles
and charts inline, no script), so a page opens from a file, a share or a mail attachment."""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from netra.reports import labels, period

TEMPLATES = Path(__file__).parent / "templates"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(angka=labels.angka, persen=labels.persen, selisih=labels.selisih, tanggal=period.tanggal,
                       platform=labels.platform)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def inline_svg(svg: str) -> Markup:
    """vl-convert's SVG (its text escaped by Vega) inside the page."""
    return Markup(svg[svg.index("<svg"):])
