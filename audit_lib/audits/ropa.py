"""The processing-register (ROPA) audit: key figures and charts."""

from __future__ import annotations

import pandas as pd

from ..charts import PALETTE, hbar, stacked_bars
from ..freetext import read_retention
from ..reference import EEA
from . import AuditSpec, Chart, Table, register_audit

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
    basis = (
        frame["legal_basis"].fillna("(empty)")
        if "legal_basis" in frame.columns
        else pd.Series("(no legal_basis column)", index=frame.index)
    )
    basis = basis.value_counts().sort_index()
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


def tables(ctx, findings: pd.DataFrame) -> list[Table]:
    """How the register was read, so that an auditor can check the reading: the template's
    headings placed (and not placed), and each retention period read from text (the other free
    text understood is shown in the data-quality section, for every register)."""
    info = ctx.sources.get("processing_register")
    frame = ctx.frames["processing_register"]
    out = []
    if info is not None and (info.mapping or info.unplaced):
        rows = [{"heading or label": h, "read into column": c} for h, c in info.mapping]
        rows += [{"heading or label": h, "read into column": "(not placed)"} for h in info.unplaced]
        out.append(
            Table(
                f"How the {info.layout.upper()} template was read",
                pd.DataFrame(rows),
                "ropa-layout",
                caption="Each heading or label of the template, and the column of the data contract "
                "(registers.md) it was read into. Headings not placed are kept out of the audit.",
                interactive=False,
                max_rows=None,
            )
        )
    if "retention_text" in frame.columns:
        text = frame["retention_text"].dropna()
        distinct = list(dict.fromkeys(text))
        rows = []
        for value in distinct:
            reading = read_retention(value)
            rows.append(
                {
                    "retention as written": value,
                    "duration": reading.duration or "(none found: ROPA-012)",
                    "starts at": reading.trigger or "",
                    "reading": reading.note,
                    "activities": int((text == value).sum()),
                }
            )
        if rows:
            out.append(
                Table(
                    "Retention periods read from the text",
                    pd.DataFrame(rows),
                    "ropa-retention-text",
                    caption="Art. 30(1)(f) is met by a rule of the retention schedule or by the period "
                    "written out; a text with no duration that can be read is ROPA-012.",
                    interactive=False,
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
        tables=tables,
    )
)
