"""Execution engines: where an audit's big register is read, validated and judged.

- ``pandas`` (the default): everything in the notebook's process (``audit_lib.context``).
- ``dask`` (``engine: dask`` in the parameters file): the access-log and retention audits read
  their big register (``access_log``, ``data_inventory``) from Parquet with Dask, validate and judge
  it partition by partition in Dask workers -- a LocalCluster by default, or the existing cluster
  named by ``dask_scheduler: tcp://host:port`` -- where their key figures are aggregated too: the
  register never reaches the notebook's process, and the findings and the report are identical to
  the pandas engine's. See :mod:`audit_lib.engines.dask_engine` for the design and what reaches
  the notebook's process.

The other audits (ropa, processors, rights) ignore ``engine``: their registers are small.
"""

from __future__ import annotations

from typing import Any

from ..rules import RuleResults

#: audit -> the register the Dask engine distributes (the others are small and read by pandas)
DASK_AUDITS = {"access": "access_log", "retention": "data_inventory"}


def uses_dask(audit: str, params: Any) -> bool:
    """Whether this audit runs on the Dask engine with these parameters."""
    return getattr(params, "engine", "pandas") == "dask" and audit in DASK_AUDITS


def run_rules(audit: str, ctx: Any) -> RuleResults:
    """``audit_lib.rules.run_rules``, or the Dask engine's when it loaded this context."""
    from . import dask_engine

    if dask_engine.STATE_KEY in ctx.cache:
        return dask_engine.run_rules(audit, ctx)
    from ..rules import run_rules as run_in_process

    return run_in_process(audit, ctx)
