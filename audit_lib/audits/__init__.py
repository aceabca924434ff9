"""The audits: which registers each reads, and its report's key figures and charts.

Each module here registers one `AuditSpec`; the runner, the notebooks, the summary, the index and
the exports read this registry, so a new audit is a new module here (and in rules/, schemas/,
sample/, notebooks/) and nothing else. Rules live in `audit_lib.rules`; this layer only presents.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Chart:
    title: str
    figure: Any  # a matplotlib Figure
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Table:
    """An audit-specific table shown in the report's "Details" section."""

    title: str
    frame: Any  # a pandas DataFrame; every value is escaped when shown
    table_id: str
    caption: str = ""
    interactive: bool = True
    max_rows: int | None = 500


@dataclass(frozen=True)
class Figures:
    """An audit's key figures, charts and extra outputs as aggregates of its big register.

    ``partition(ctx, findings, shared)`` reduces one partition of the register (``ctx.frames``
    holding that partition and the small registers, ``findings`` the findings judged on it) to
    small mergeable pieces; ``merge(pieces)`` combines the pieces of every partition, in row
    order; the audit's ``kpis``, ``charts`` and ``extra_outputs`` present the merged pieces only.
    The pandas engine runs ``partition`` once on the whole register (one partition); the Dask
    engine runs it in its workers, and only the pieces reach the notebook's process.
    ``shared``: record keys that other partitions may hold too (duplicated ids), whose state
    ``partition`` leaves for the presentation to settle from the findings of every partition.
    """

    partition: Callable[..., Any]
    merge: Callable[[list], Any]
    #: the rules whose findings ``partition`` reads (the Dask engine judges them in its workers)
    reads: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditSpec:
    name: str
    title: str
    description: str
    registers: tuple[str, ...]  # all needed to run the audit
    optional: tuple[str, ...] = ()  # used by some rules when given
    primary: tuple[str, ...] = ()  # registers whose data-quality findings this audit reports
    records: str = ""  # the register whose rows are "records checked"
    kpis: Callable[[Any, Any], list[dict]] | None = None
    charts: Callable[[Any, Any], list[Chart]] | None = None
    extra_outputs: Callable[[Any, Any, Any], dict[str, Any]] | None = field(default=None)
    tables: Callable[[Any, Any], list[Table]] | None = None  # shown under "Details"
    order: int = 100  # place in the reports, the summary and the exports (smaller first)
    #: runs after the other audits, on their findings (the follow-up of the action plan)
    after_audits: bool = False
    #: what the audit reads besides its registers: prepare(ctx, results_dir) adds ctx.frames
    #: (or ctx.errors when they are missing)
    prepare: Callable[[Any, Any], None] | None = None
    #: key figures and charts computed as mergeable aggregates (audits with a big register)
    figures: Figures | None = None


AUDITS: dict[str, AuditSpec] = {}

#: for an audit run `after_audits`: this period's findings (with status), written by the runner
#: into the results folder before it runs
PERIOD_FINDINGS = "period_findings.csv"


def register_audit(spec: AuditSpec) -> AuditSpec:
    AUDITS[spec.name] = spec
    return spec


def figures(audit: str, ctx: Any, findings: Any) -> Any:
    """The audit's merged figure pieces: left in ``ctx.cache`` by the engine that computed them
    (the Dask engine, in its workers), else computed here on the whole register as one partition
    -- once, after the rules ran (``findings`` are the audit's)."""
    key = f"figures.{audit}"
    if key not in ctx.cache:
        spec = AUDITS[audit].figures
        ctx.cache[key] = spec.merge([spec.partition(ctx, findings, frozenset())])
    value = ctx.cache[key]
    if isinstance(value, Exception):  # the engine could not compute them
        raise value
    return value


def load_all() -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")


def implemented() -> list[str]:
    return [name for name in ORDER if name in AUDITS]


load_all()

#: the audits in the order of the reports (each module's `order`, then its name)
ORDER: tuple[str, ...] = tuple(sorted(AUDITS, key=lambda name: (AUDITS[name].order, name)))
