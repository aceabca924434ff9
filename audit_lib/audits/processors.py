"""The processors audit (Art. 28): key figures, charts and the contract-evidence export."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from ..charts import PALETTE, SEVERITY_COLOURS, stacked_bars
from ..documents.contracts import CLAUSES, evidence_frame
from ..documents.subprocessor_lists import EEA_REGION, WORLDWIDE
from ..periods import add_months
from ..reference import EEA, adequate_on
from ..rules.processors import (
    CLAUSE_COLUMN,
    REPEALED_SCC_VERSIONS,
    TIER_ORDER,
    active_processors,
    contract_analyses,
    subprocessor_comparisons,
    subprocessor_lists,
)
from . import AuditSpec, Chart, Table, register_audit

#: the clause matrix shows at most this many processors (those needing attention first)
MATRIX_ROWS = 40
#: the evidence table shows at most this many contracts (all of them are in contract_evidence.csv)
EVIDENCE_CONTRACTS = 50
#: the report shows the entries of at most this many sub-processor lists, and of each at most
#: LIST_ROWS entries; the overview at most LIST_OVERVIEW_ROWS lists (all in subprocessor_lists.csv)
LIST_TABLES = 20
LIST_ROWS = 100
LIST_OVERVIEW_ROWS = 50
LIST_GONE_NAMES = 20
SUBPROCESSOR_LIST_COLUMNS = [
    "processor_id",
    "name_as_listed",
    "normalised_name",
    "locations",
    "purpose",
    "in_register",
]

CLAUSE_STATES = ("yes", "partial", "no", "not recorded")
CLAUSE_STATE_COLOURS = ("#38a169", "#f29e2e", "#d7301f", "#b8b8b8")
CLAUSE_SHORT = {
    "a": "documented\ninstructions",
    "b": "confidentiality",
    "c": "security",
    "d": "sub-processors",
    "e": "data-subject\nrights",
    "f": "assistance\n(Arts. 32-36)",
    "g": "deletion or\nreturn",
    "h": "information\nand audits",
}
FOUND_MARK, NOT_FOUND_MARK = "\u2713", "\u2717"  # check mark, ballot x

MECHANISM_COLOURS = {
    "adequacy": PALETTE[2],
    "scc 2021": PALETTE[0],
    "scc (version not given)": "#6b8fb5",
    "bcr": PALETTE[4],
    "derogation_49": PALETTE[1],
    "adequacy without a decision": "#b83280",
    "scc 2010/2004 (repealed)": "#7f0000",
    "none": PALETTE[3],
    "(empty)": "#4a5568",
}
AUDIT_BUCKETS = {
    "never audited": SEVERITY_COLOURS["critical"],
    "overdue": SEVERITY_COLOURS["high"],
    "due within 3 months": SEVERITY_COLOURS["medium"],
    "due in 3 to 12 months": "#6b8fb5",
    "due later": PALETTE[2],
}
CERTIFICATION_BUCKETS = {
    "expired": SEVERITY_COLOURS["high"],
    "expires within 3 months": SEVERITY_COLOURS["medium"],
    "expires in 3 to 12 months": "#6b8fb5",
    "expires later": PALETTE[2],
    "no certification": SEVERITY_COLOURS["info"],
}
EVIDENCE_COLUMNS = [
    "processor_id",
    "name",
    "document",
    "status",
    "reason",
    "clause",
    "article",
    "register",
    "found",
    "sentence",
    "pattern",
    "looked_for",
    "clause_status",
    "language",
    "language_source",
    "limit",
]


def _flagged(findings: pd.DataFrame, rule_id: str) -> set[str]:
    if len(findings) == 0:
        return set()
    return set(findings.loc[findings["rule_id"] == rule_id, "record_key"])


def _share(part: int, whole: int) -> str:
    """A percentage that never shows 100% unless it is (1,992 of 1,996 is 99.7%, not 100%)."""
    if not whole:
        return "-"
    text = f"{part / whole:.0%}"
    if part < whole and text == "100%":
        text = f"{math.floor(part / whole * 1000) / 10:.1f}%"
    return text


def _outside_eea(frame: pd.DataFrame) -> pd.Series:
    return frame["country"].notna() & ~frame["country"].isin(EEA)


# --------------------------------------------------------------------------- key figures


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    frame = ctx.frames["processors"]
    active = active_processors(ctx)
    total = len(active)
    all_yes = int(active[list(CLAUSE_COLUMN.values())].eq("yes").all(axis=1).sum())
    signed = int(active["dpa_signed"].eq(True).fillna(False).sum())
    outside = _outside_eea(active)
    n_outside = int(outside.sum())
    invalid = _flagged(findings, "SUB-004")
    valid = int((outside & ~active["processor_id"].isin(invalid)).sum())
    overdue = len(_flagged(findings, "SUB-007"))
    analyses = contract_analyses(ctx)
    analysed = sum(1 for a in analyses.values() if a.status == "analysed")
    lists = subprocessor_lists(ctx)
    lists_read = sum(1 for read in lists.values() if read.status == "read")
    unauthorised = sum(
        known.in_register.count(False) for known in subprocessor_comparisons(ctx).values()
    )
    # the management summary shows the first three keyed KPIs: the headline ones come first
    return [
        {
            "key": "processors_all_clauses",
            "label": "With all eight Art. 28(3) clauses 'yes'",
            "value": _share(all_yes, total),
            "note": f"{all_yes:,} of {total:,}",
            "status": "good" if all_yes == total else ("warn" if all_yes >= 0.9 * total else "bad"),
        },
        {
            "key": "processors_dpa_signed",
            "label": "DPA signed",
            "value": _share(signed, total),
            "note": f"{signed:,} of {total:,}",
            "status": "good" if signed == total else "bad",
        },
        {
            "key": "processors_valid_transfer",
            "label": "Outside the EEA with a valid transfer mechanism",
            "value": _share(valid, n_outside),
            "note": f"{valid:,} of {n_outside:,}",
            "status": "good" if valid == n_outside else "bad",
        },
        {
            "key": "processors_active",
            "label": "Active processors",
            "value": f"{total:,}",
            "note": f"{len(frame) - total:,} inactive or not marked active",
        },
        {
            "key": "processors_outside_eea",
            "label": "Processing outside the EEA",
            "value": f"{n_outside:,}",
            "note": f"of {total:,} active processors",
        },
        {
            "key": "processors_audits_overdue",
            "label": "Audits overdue",
            "value": f"{overdue:,}",
            "note": "never audited, or beyond the risk tier's interval",
            "status": "warn" if overdue else "good",
        },
        {
            "key": "processors_contracts_analysed",
            "label": "Contracts analysed",
            "value": f"{analysed:,}",
            "note": f"of {len(analyses):,} active processors naming a contract document",
            "status": "good" if analysed == len(analyses) else "warn",
        },
        {
            "key": "processors_subprocessor_lists_read",
            "label": "Sub-processor lists read",
            "value": f"{lists_read:,}",
            "note": f"of {len(lists):,} active processors naming a published list; "
            f"{unauthorised:,} listed sub-processor(s) not in the register",
            "status": "good" if lists_read == len(lists) and not unauthorised else "warn",
        },
    ]


# --------------------------------------------------------------------------- charts


def _label(text: str, width: int = 30) -> str:
    """A register value as a matplotlib label: shortened, `$` escaped (no mathtext)."""
    text = " ".join(str(text).split())
    text = text if len(text) <= width else text[: width - 1] + "\u2026"
    return text.replace("$", r"\$")


def clause_matrix(ctx) -> tuple[plt.Figure | None, int, int]:
    """Active processors x clauses (a)-(h), coloured by the register's value, with the contract
    analysis' marks. Returns (figure or None, processors shown, processors needing attention)."""
    active = active_processors(ctx).drop_duplicates("processor_id")
    analyses = contract_analyses(ctx)
    states = pd.DataFrame(
        {
            letter: active[column].map({"yes": 0, "partial": 1, "no": 2}).fillna(3)
            for letter, column in CLAUSE_COLUMN.items()
        },
        index=active.index,
    )
    pids = active["processor_id"].astype("str")
    attention = (states != 0).any(axis=1) | pids.isin(analyses)
    selected = active[attention].sort_values("processor_id", kind="mergesort")
    if selected.empty:
        return None, 0, 0
    shown = selected.head(MATRIX_ROWS)
    data = states.loc[shown.index].to_numpy(dtype=float)
    rows = len(shown)
    fig, ax = plt.subplots(figsize=(10.0, 0.3 * rows + 1.9), dpi=100)
    cmap = ListedColormap(CLAUSE_STATE_COLOURS)
    ax.imshow(data, aspect="auto", cmap=cmap, norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5], 4))
    ax.set_xticks(range(8), [f"({letter})\n{CLAUSE_SHORT[letter]}" for letter in CLAUSE_COLUMN])
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", labelsize=7.5, length=0)
    ax.tick_params(axis="y", labelsize=8, length=0)
    labels = [
        f"{_label(pid, 12)}  {_label(name, 26)}"
        for pid, name in zip(shown["processor_id"], shown["name"], strict=True)
    ]
    ax.set_yticks(range(rows), labels)
    ax.set_xticks(np.arange(-0.5, 8, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, rows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for r, pid in enumerate(shown["processor_id"].astype("str")):
        analysis = analyses.get(pid)
        if analysis is None:
            continue
        if analysis.status == "analysed":
            for c, letter in enumerate(CLAUSE_COLUMN):
                found = analysis.evidence[letter].found
                ax.text(
                    c,
                    r,
                    FOUND_MARK if found else NOT_FOUND_MARK,
                    ha="center",
                    va="center",
                    fontsize=10,
                    fontweight="bold",
                    color="white" if found else "black",
                )
            note = "contract analysed"
        else:
            note = f"contract {analysis.status}"
        ax.text(7.65, r, note, ha="left", va="center", fontsize=7.5, color="#59636e")
    handles = [
        Patch(color=colour, label=state)
        for state, colour in zip(CLAUSE_STATES, CLAUSE_STATE_COLOURS, strict=True)
    ]
    handles += [
        Patch(color="white", label=f"{FOUND_MARK} evidence found in the contract"),
        Patch(color="white", label=f"{NOT_FOUND_MARK} no evidence found"),
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, -0.01),
        ncols=3,
        fontsize=8,
        frameon=False,
        handlelength=1.2,
    )
    fig.tight_layout()
    return fig, rows, len(selected)


def _mechanism_labels(frame: pd.DataFrame, audit_date: pd.Timestamp) -> pd.Series:
    """The transfer mechanism as the chart shows it: valid ones by name, invalid ones said so."""
    missing = pd.Series(None, index=frame.index, dtype=object)
    mechanism = frame["transfer_mechanism"] if "transfer_mechanism" in frame else missing
    version = frame["scc_version"] if "scc_version" in frame else missing
    label = mechanism.fillna("(empty)").astype("str")
    scc = label == "scc"
    label[scc] = "scc (version not given)"
    label[scc & version.eq("2021").fillna(False)] = "scc 2021"
    label[scc & version.isin(REPEALED_SCC_VERSIONS).fillna(False)] = "scc 2010/2004 (repealed)"
    label[(label == "adequacy") & ~frame["country"].isin(adequate_on(audit_date))] = (
        "adequacy without a decision"
    )
    return label


def transfers_chart(ctx) -> plt.Figure | None:
    active = active_processors(ctx)
    outside = active[_outside_eea(active)]
    if outside.empty:
        return None
    table = pd.crosstab(outside["country"], _mechanism_labels(outside, ctx.audit_date))
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]
    order = list(MECHANISM_COLOURS)
    table = table[sorted(table.columns, key=lambda c: order.index(c) if c in order else len(order))]
    return stacked_bars(table, "active processors", colours=MECHANISM_COLOURS)


def _tiers(active: pd.DataFrame) -> pd.Series:
    return active["risk_tier"].where(active["risk_tier"].isin(TIER_ORDER), "(empty)").astype("str")


def _tier_table(tiers: pd.Series, buckets: pd.Series, columns: dict[str, str]) -> pd.DataFrame:
    table = pd.crosstab(tiers, buckets)
    index = [t for t in (*TIER_ORDER, "(empty)") if t in table.index]
    return table.reindex(index=index, columns=[c for c in columns if c in table.columns]).fillna(0)


def _audit_buckets(ctx, active: pd.DataFrame, findings: pd.DataFrame) -> pd.Series:
    """When each processor's next audit is due (last audit + the tier's interval, SUB-007)."""
    months = {tier: int(ctx.threshold("SUB-007", tier)) for tier in TIER_ORDER}
    interval = active["risk_tier"].map(months).fillna(months["high"]).astype("int64")
    last = active["last_audit_date"] if "last_audit_date" in active else None
    last = pd.to_datetime(pd.Series(last, index=active.index)).astype("datetime64[us]")
    due = add_months(last, interval)
    date = ctx.audit_date
    bucket = pd.Series("due later", index=active.index)
    bucket[due <= date + pd.DateOffset(months=12)] = "due in 3 to 12 months"
    bucket[due <= date + pd.DateOffset(months=3)] = "due within 3 months"
    bucket[active["processor_id"].isin(_flagged(findings, "SUB-007"))] = "overdue"
    bucket[last.isna()] = "never audited"
    return bucket


def _certification_buckets(ctx, active: pd.DataFrame) -> pd.Series:
    expiry = active["certification_expiry"] if "certification_expiry" in active else None
    expiry = pd.to_datetime(pd.Series(expiry, index=active.index))
    date = ctx.audit_date
    bucket = pd.Series("expires later", index=active.index)
    bucket[expiry <= date + pd.DateOffset(months=12)] = "expires in 3 to 12 months"
    bucket[expiry <= date + pd.DateOffset(months=3)] = "expires within 3 months"
    bucket[expiry < date] = "expired"
    bucket[expiry.isna()] = "no certification"
    return bucket


def due_dates_chart(ctx, findings: pd.DataFrame) -> plt.Figure | None:
    """Two panels, one bar per risk tier: when the next audit is due, when the certification
    expires, both against the audit date."""
    active = active_processors(ctx)
    if active.empty:
        return None
    tiers = _tiers(active)
    panels = (
        (
            "Next audit",
            _tier_table(tiers, _audit_buckets(ctx, active, findings), AUDIT_BUCKETS),
            AUDIT_BUCKETS,
        ),
        (
            "Certification",
            _tier_table(tiers, _certification_buckets(ctx, active), CERTIFICATION_BUCKETS),
            CERTIFICATION_BUCKETS,
        ),
    )
    rows = len(panels[0][1])
    fig, axes = plt.subplots(2, 1, figsize=(8.6, 2 * (0.4 * rows + 1.0)), dpi=100, sharex=True)
    for ax, (title, table, colours) in zip(axes, panels, strict=True):
        left = np.zeros(len(table))
        labels = [str(t) for t in table.index]
        for column in table.columns:
            values = table[column].to_numpy(dtype=float)
            bars = ax.barh(labels, values, left=left, color=colours[column], label=column)
            for bar, value in zip(bars, values, strict=True):
                if value:
                    ax.text(
                        bar.get_x() + bar.get_width() / 2,
                        bar.get_y() + bar.get_height() / 2,
                        f"{value:,.0f}",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="white"
                        if column
                        not in (
                            "due within 3 months",
                            "expires within 3 months",
                            "no certification",
                        )
                        else "black",
                    )
            left += values
        ax.invert_yaxis()
        ax.set_title(title, fontsize=10, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color="#e3e6ea")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    axes[-1].set_xlabel("active processors (bars by risk tier)")
    fig.tight_layout()
    return fig


def _no_data_figure(text: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(7.0, 0.8), dpi=100)
    ax.axis("off")
    ax.text(0, 0.5, text, va="center", fontsize=10, color="#59636e")
    return fig


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    out = []
    matrix, shown, attention = clause_matrix(ctx)
    total = len(active_processors(ctx))
    if matrix is None:
        matrix = _no_data_figure(
            f"All {total:,} active processors have all eight clauses 'yes'; none names a contract document."
            if total
            else "No active processor in the register."
        )
    more = (
        f" The first {shown:,} of {attention:,} are shown; findings.csv lists every clause finding."
        if attention > shown
        else ""
    )
    out.append(
        Chart(
            "Art. 28(3) clauses per processor",
            matrix,
            alt="Matrix of active processors against the eight Art. 28(3) clauses (a) to (h), coloured yes, partial, "
            "no or not recorded, with marks where the contract document was analysed",
            caption=f"Active processors with a clause that is not 'yes' in the register, or with a contract document "
            f"({attention:,} of {total:,}; the others have every clause 'yes').{more} A red or grey cell is a SUB-001 "
            f"finding (high), amber a SUB-001 finding (medium). In an analysed contract, {FOUND_MARK} marks a clause "
            f"the analysis found a sentence for, {NOT_FOUND_MARK} one it did not: {NOT_FOUND_MARK} on a green cell is "
            "a SUB-009 finding. The sentence found for each clause is under Details (Contract evidence).",
        )
    )
    transfers = transfers_chart(ctx)
    if transfers is not None:
        out.append(
            Chart(
                "Processing outside the EEA by country and transfer mechanism",
                transfers,
                alt="Stacked bar chart of active processors in each non-EEA country, by transfer mechanism",
                caption="No mechanism (empty or 'none'), 'adequacy' for a country without an adequacy decision in force "
                "on the audit date, and the repealed 2010/2004 SCCs are SUB-004 findings. 'adequacy' for the US "
                "relies on the recipient's Data Privacy Framework certification, which the auditor confirms.",
            )
        )
    due = due_dates_chart(ctx, findings)
    if due is not None:
        months = ", ".join(f"{tier} {int(ctx.threshold('SUB-007', tier))}" for tier in TIER_ORDER)
        out.append(
            Chart(
                "Audit and certification due dates, by risk tier",
                due,
                alt="Two panels of stacked horizontal bars, one bar per risk tier: when the next audit of the "
                "active processors is due, and when their certification expires",
                caption=f"Next audit due = last audit + the tier's interval in months ({months}); never audited and "
                "overdue processors are SUB-007 findings. A certification that expired before the audit date is a "
                "SUB-006 finding. Both are counted from the audit date.",
            )
        )
    return out


# --------------------------------------------------------------------------- contract evidence


def contract_evidence(ctx) -> pd.DataFrame:
    """One row per (active processor with a contract document, clause): what the register says,
    the analysis' status, and the sentence found (with its pattern) or what was looked for."""
    analyses = contract_analyses(ctx)
    if not analyses:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    evidence = evidence_frame(analyses, detail=True)
    active = active_processors(ctx).drop_duplicates("processor_id").set_index("processor_id")
    register = active[list(CLAUSE_COLUMN.values())].rename(
        columns={v: k for k, v in CLAUSE_COLUMN.items()}
    )
    said = (
        register.stack(future_stack=True).rename("register").rename_axis(["processor_id", "clause"])
    )
    evidence = evidence.join(said, on=["processor_id", "clause"])
    evidence["register"] = evidence["register"].fillna("not recorded")
    evidence["name"] = evidence["processor_id"].map(active["name"])
    evidence["document"] = evidence["processor_id"].map(
        {pid: a.path_value for pid, a in analyses.items()}
    )
    evidence["reason"] = evidence["processor_id"].map(
        {pid: a.reason for pid, a in analyses.items()}
    )
    evidence["looked_for"] = evidence["clause"].map(
        {letter: c.looked_for for letter, c in CLAUSES.items()}
    )
    return evidence[EVIDENCE_COLUMNS].reset_index(drop=True)


TITLES = {letter: clause.title for letter, clause in CLAUSES.items()}


def evidence_table(ctx) -> pd.DataFrame:
    """The evidence of the analysed contracts as the report shows it (first EVIDENCE_CONTRACTS)."""
    evidence = contract_evidence(ctx)
    evidence = evidence[evidence["status"] == "analysed"]
    keep = evidence["processor_id"].drop_duplicates().head(EVIDENCE_CONTRACTS)
    evidence = evidence[evidence["processor_id"].isin(keep)]
    shown = np.where(
        evidence["found"],
        evidence["sentence"].fillna(""),
        "(no evidence found) looked for " + evidence["looked_for"],
    )
    shown = np.where(
        evidence["clause_status"].eq("partial"),
        "(only part found) " + pd.Series(shown, index=evidence.index).astype("str"),
        shown,
    )
    return pd.DataFrame(
        {
            "processor": evidence["processor_id"],
            "document": evidence["document"],
            "clause": "(" + evidence["clause"] + ") " + evidence["clause"].map(TITLES),
            "register": evidence["register"],
            "found": evidence["found"],
            "status": evidence["clause_status"],
            "read as": evidence["language"] + " (" + evidence["language_source"] + ")",
            "evidence in the contract": shown,
        }
    ).reset_index(drop=True)


def subprocessor_list_rows(ctx) -> pd.DataFrame:
    """subprocessor_lists.csv: one row per entry of each published list that was read (active
    processors, sorted by processor_id, entries in list order), with its locations (ISO codes,
    `EEA`, `worldwide`; "; "-separated) and whether the register's subprocessors names it."""
    lists = subprocessor_lists(ctx)
    comparisons = subprocessor_comparisons(ctx)
    rows = []
    for pid, comparison in comparisons.items():
        for entry, known in zip(lists[pid].entries, comparison.in_register, strict=True):
            rows.append(
                (
                    pid,
                    entry.name,
                    entry.normalised,
                    "; ".join(entry.locations),
                    entry.purpose,
                    "yes" if known else "no",
                )
            )
    return pd.DataFrame(rows, columns=SUBPROCESSOR_LIST_COLUMNS)


def _outside_without_adequacy(ctx, locations: tuple[str, ...], mechanism: object) -> list[str]:
    """The countries outside the EEA without an adequacy decision (as SUB-012 reads them: the
    US counts as adequate only when the processor's transfer_mechanism is 'adequacy')."""
    adequate = adequate_on(ctx.audit_date)
    if mechanism != "adequacy":
        adequate = adequate - {"US"}
    inside = set(EEA) | {EEA_REGION, WORLDWIDE}
    return [code for code in locations if code not in inside and code not in adequate]


def subprocessor_list_tables(ctx) -> list[Table]:
    """An overview of the published lists, then the entries of each list that was read (bounded:
    LIST_OVERVIEW_ROWS lists in the overview, LIST_TABLES lists of LIST_ROWS entries each)."""
    lists = subprocessor_lists(ctx)
    if not lists:
        return []
    comparisons = subprocessor_comparisons(ctx)
    active = active_processors(ctx).drop_duplicates("processor_id").set_index("processor_id")
    names = active["name"].astype("str")
    mechanisms = active["transfer_mechanism"] if "transfer_mechanism" in active else None
    overview = []
    for pid, read in sorted(lists.items()):
        comparison = comparisons.get(pid)
        mechanism = mechanisms.get(pid) if mechanisms is not None else None
        outside = sorted(
            {
                code
                for entry in read.entries
                for code in _outside_without_adequacy(ctx, entry.locations, mechanism)
            }
        )
        overview.append(
            {
                "processor": pid,
                "name": names.get(pid, ""),
                "document": read.path_value,
                "status": read.status if read.status == "read" else f"{read.status}: {read.reason}",
                "entries": len(read.entries),
                "not in the register": comparison.in_register.count(False) if comparison else "",
                "no longer listed": len(comparison.not_listed) if comparison else "",
                "outside the EEA, no adequacy": ", ".join(outside),
            }
        )
    overview_frame = pd.DataFrame(overview)
    more = (
        f" The entries of the first {LIST_TABLES:,} of {len(comparisons):,} lists read are shown below."
        if len(comparisons) > LIST_TABLES
        else ""
    )
    out = [
        Table(
            "Sub-processor lists",
            overview_frame,
            table_id="processors-subprocessor-lists",
            caption="Each active processor's published sub-processor list (subprocessor_list): whether it "
            "could be read (SUB-013 when not), how many sub-processors it names, how many of them the "
            "register's subprocessors does not name (SUB-011), how many register names it no longer names "
            "(SUB-014), and the countries outside the EEA without an adequacy decision where they process "
            "data (SUB-012 when the processor's transfer_mechanism is empty or none; the US counts only with "
            f"'adequacy'). Every entry is in subprocessor_lists.csv.{more}",
            interactive=False,
            max_rows=LIST_OVERVIEW_ROWS,
        )
    ]
    for index, (pid, comparison) in enumerate(comparisons.items()):
        if index >= LIST_TABLES:
            break
        read = lists[pid]
        frame = pd.DataFrame(
            [
                {
                    "sub-processor (as listed)": entry.name,
                    "normalised name": entry.normalised,
                    "in the register": "yes" if known else "no (SUB-011)",
                    "locations": ", ".join(entry.locations) or "not given",
                    "purpose": entry.purpose,
                }
                for entry, known in zip(read.entries, comparison.in_register, strict=True)
            ]
        )
        gone = ", ".join(name.value for name in comparison.not_listed[:LIST_GONE_NAMES])
        if len(comparison.not_listed) > LIST_GONE_NAMES:
            gone += f" and {len(comparison.not_listed) - LIST_GONE_NAMES:,} more (see findings)"
        out.append(
            Table(
                f"Sub-processor list of {pid} ({names.get(pid, '')})",
                frame,
                table_id=f"processors-subprocessor-list-{index + 1}",
                caption=f"Read from {read.path_value}. "
                + (
                    f"Named in the register but no longer in the list (SUB-014): {gone}."
                    if gone
                    else "Every sub-processor the register names is in the list."
                ),
                interactive=False,
                max_rows=LIST_ROWS,
            )
        )
    return out


def tables(ctx, findings: pd.DataFrame) -> list[Table]:
    """The "Details" section: the sentence found for each clause of each analysed contract, then
    the published sub-processor lists."""
    return _evidence_tables(ctx) + subprocessor_list_tables(ctx)


def _evidence_tables(ctx) -> list[Table]:
    table = evidence_table(ctx)
    if table.empty:
        return []
    contracts = table["processor"].nunique()
    total = sum(1 for a in contract_analyses(ctx).values() if a.status == "analysed")
    shown = (
        f"the first {contracts:,} of {total:,} analysed contracts; " if total > contracts else ""
    )
    return [
        Table(
            "Contract evidence",
            table,
            table_id="processors-contract-evidence",
            caption="For each contract document the analysis could read, the sentence it found for each "
            "Art. 28(3) clause, next to what the register says: check one against the other. 'No evidence "
            "found' or 'only part found' where the register says 'yes' is a SUB-009 finding. 'Read as' is the "
            "language the document was read in (detected from its text, or the register's contract_language). Finding a sentence shows the topic "
            f"is addressed, not that the stipulation is adequate. Shown: {shown or 'every analysed contract; '}"
            "every row, with the pattern that matched, is in contract_evidence.csv.",
            max_rows=None,
        )
    ]


def extra_outputs(ctx, findings: pd.DataFrame, results_dir: Path) -> dict[str, str]:
    """contract_evidence.csv: every clause of every contract document named by an active processor;
    subprocessor_lists.csv: every entry of every published sub-processor list read."""
    name = "contract_evidence.csv"
    evidence = contract_evidence(ctx)
    evidence.to_csv(Path(results_dir) / name, index=False, lineterminator="\n", encoding="utf-8")
    lists_name = "subprocessor_lists.csv"
    entries = subprocessor_list_rows(ctx)
    entries.to_csv(
        Path(results_dir) / lists_name, index=False, lineterminator="\n", encoding="utf-8"
    )
    return {
        name: "clause evidence found in each contract",
        lists_name: "sub-processors named in each published list, and whether the register names them",
    }


register_audit(
    AuditSpec(
        order=30,
        name="processors",
        title="Processors and subcontractors (Art. 28)",
        description="Checks every active processor in the processors register: the eight Art. 28(3) clauses "
        "of its contract, a signed DPA, a running contract, a valid transfer mechanism outside the EEA, "
        "authorised sub-processors, current certification and audits, and a link to the processing register. "
        "Where the register names the contract document, the document itself is read and each clause the "
        "register records as 'yes' is looked for in it; where it names the processor's published "
        "sub-processor list, the list is read and compared with the sub-processors the register authorises "
        "and with the processor's transfer mechanism. Inactive processors are not judged.",
        registers=("processors",),
        optional=("processing_register",),
        primary=("processors",),
        records="processors",
        kpis=kpis,
        charts=charts,
        extra_outputs=extra_outputs,
        tables=tables,
    )
)
