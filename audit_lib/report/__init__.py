"""The report layer: the nbconvert template, notebook -> HTML rendering, the period index, and
the display helpers the audit notebooks call (`audit_lib.report.display`).

The rendering functions are imported lazily: notebooks import `audit_lib.report.display` in
the kernel, and must not pay for nbformat / nbconvert (importing nbformat alone takes seconds).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit_lib.report.render import (
        normalise_executed_notebook,
        render_html,
        render_index,
        report_title,
    )

__all__ = ["normalise_executed_notebook", "render_html", "render_index", "report_title"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("audit_lib.report.render"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
