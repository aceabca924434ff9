"""The processing-register (ROPA) audit: key figures and charts."""

from __future__ import annotations

import pandas as pd

from ..charts import PALETTE, hbar, stacked_bars
from ..reference import EEA
from . import AuditSpec, Chart, register_audit

SAFEGUARD_COLOURS = {
    "adequacy": PALETTE[2],
    "scc": PALETTE[0],
    "bcr": PALETTE[4],
    "derogation_49": PALETTE[1],
    "none": PALETTE[3],
    "(empty)": "#7f0000",
}


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    frame = ctx.frames["processing_register"]
    total = len(frame)
    flagged = (
        findings.loc[~findings["rule_id"].str.startswith("DQ-"), "record_key"].nunique()
        if len(findings)
        else 0
    )
    high = int(findings["severity"].isin(["critical", "high"]).sum()) if len(findings) else 0
    countries = (
        frame["transfer_countries"].explode().dropna()
        if "transfer_countries" in frame
        else pd.Series(dtype=str)
    )
    transferring = countries[~countries.isin(EEA)].index.nunique()
    special = (
        frame["special_categories"].map(lambda v: isinstance(v, tuple) and len(v) > 0).sum()
        if "special_categories" in frame
        else 0
    )
    overdue = int((findings["rule_id"] == "ROPA-007").sum()) if len(findings) else 0
    clean = total - flagged
    return [
        {"label": "Processing activities", "value": f"{total:,}"},
        {
            "label": "Activities without findings",
            "value": f"{clean / total:.0%}" if total else "-",
            "note": f"{clean:,} of {total:,}",
            "status": "good"
            if total and clean == total
            else ("warn" if total and clean / total >= 0.8 else "bad"),
        },
        {
            "label": "High or critical findings",
            "value": f"{high:,}",
            "status": "bad" if high else "good",
        },
        {"label": "Activities transferring outside the EEA", "value": f"{transferring:,}"},
        {"label": "Activities with special-category data", "value": f"{int(special):,}"},
        {
            "label": "Records overdue for review",
            "value": f"{overdue:,}",
            "status": "warn" if overdue else "good",
        },
    ]


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    frame = ctx.frames["processing_register"]
    out = []
    basis = frame["legal_basis"].fillna("(empty)").value_counts().sort_index()
    out.append(
        Chart(
            "Activities by legal basis",
            hbar(basis, "processing activities"),
            alt="Horizontal bar chart of processing activities per Art. 6(1) legal basis",
            caption="Each activity must rest on one of the six Art. 6(1) bases; '(empty)' and unknown values are findings (ROPA-002).",
        )
    )
    if "transfer_countries" in frame.columns:
        safeguard = (
            frame["transfer_safeguard"].fillna("(empty)")
            if "transfer_safeguard" in frame
            else pd.Series("(empty)", index=frame.index)
        )
        pairs = (
            frame[["transfer_countries"]]
            .assign(safeguard=safeguard)
            .explode("transfer_countries")
            .dropna(subset=["transfer_countries"])
        )
        pairs = pairs[~pairs["transfer_countries"].isin(EEA)]
        if len(pairs):
            table = pd.crosstab(pairs["transfer_countries"], pairs["safeguard"])
            table = table.loc[
                table.sum(axis=1).sort_values(ascending=False, kind="mergesort").index
            ]
            table = table[
                sorted(
                    table.columns,
                    key=lambda c: (
                        list(SAFEGUARD_COLOURS).index(c) if c in SAFEGUARD_COLOURS else 99
                    ),
                )
            ]
            out.append(
                Chart(
                    "Transfers outside the EEA by destination and safeguard",
                    stacked_bars(table, "processing activities", colours=SAFEGUARD_COLOURS),
                    alt="Stacked bar chart of activities transferring data to each non-EEA country, by safeguard",
                    caption="A transfer with no safeguard, or with 'adequacy' claimed for a country that has no adequacy "
                    "decision in force on the audit date, is a finding (ROPA-006).",
                )
            )
    return out


register_audit(
    AuditSpec(
        order=10,
        name="ropa",
        title="Processing register (Art. 30)",
        description="Checks that every processing activity in the record of processing activities has the "
        "contents Art. 30(1) requires, a lawful basis, the conditions for special-category data, DPIAs where "
        "required, safeguards for transfers outside the EEA, regular reviews, and links to the retention "
        "schedule and the processors register that hold.",
        registers=("processing_register",),
        optional=("retention_schedule", "processors"),
        primary=("processing_register",),
        records="processing_register",
        kpis=kpis,
        charts=charts,
    )
)
