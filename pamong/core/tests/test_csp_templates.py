"""The Content-Security-Policy allows no inline styles or scripts: no page template may carry them (the PDF
templates, rendered by WeasyPrint and never served as pages, may)."""

from __future__ import annotations

import re
from pathlib import Path

import pamong

PDF_TEMPLATES = {"letter.html", "report_pdf.html"}


def test_page_templates_have_no_inline_styles_or_scripts() -> None:
    offenders = []
    for path in Path(pamong.__file__).parent.rglob("templates/**/*.html"):
        if path.name in PDF_TEMPLATES:
            continue
        text = path.read_text()
        if re.search(r'\sstyle="|<style|<script(?![^>]*\bsrc=)|\son[a-z]+="', text):
            offenders.append(str(path))
    assert offenders == []
