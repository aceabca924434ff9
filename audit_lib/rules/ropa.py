"""ROPA: the processing register (record of processing activities, Art. 30)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..reference import EEA, adequate_on
from ..schemas._fields import ART9_CONDITIONS, LEGAL_BASES
from . import audit_prefix, rule

audit_prefix("ROPA", "ropa")
REGISTER = "processing_register"
ART30_FIELDS = (
    "controller",
    "purposes",
    "data_subject_categories",
    "data_categories",
    "recipients",
    "retention_rule_id",
    "security_measures",
)


def _register(ctx) -> pd.DataFrame:
    return ctx.frames[REGISTER]


def _empty(series: pd.Series) -> pd.Series:
    """True where a cell is missing, blank or an empty list."""
    return series.map(
        lambda v: (
            v is None
            or v is pd.NA
            or (isinstance(v, float) and pd.isna(v))
            or v == ()
            or (isinstance(v, str) and not v.strip())
        )
    ).astype(bool)


def _findings(frame: pd.DataFrame, mask: pd.Series, messages: pd.Series | str) -> pd.DataFrame:
    keys = frame.loc[mask, "activity_id"]
    text = messages[mask] if isinstance(messages, pd.Series) else messages
    return pd.DataFrame({"record_key": keys, "message": text}).reset_index(drop=True)


def _items(frame: pd.DataFrame, column: str) -> pd.Series:
    """A list column exploded to one row per item (index = the activity's row)."""
    if column not in frame.columns:
        return pd.Series([], dtype="str")
    return frame[column].explode().dropna().astype("str")


@rule(
    "ROPA-001",
    severity="high",
    reference="Art. 30(1)",
    title="Required Art. 30(1) fields are empty",
    remediation="Complete the record: controller and contact, purposes, categories of data subjects and of data, "
    "recipients, retention rule and security measures are mandatory contents of the register (Art. 30(1)(a)-(g)).",
    needs=(REGISTER,),
)
def ropa_001_missing_art30_fields(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    empty = pd.DataFrame({col: _empty(frame[col]) for col in ART30_FIELDS}, index=frame.index)
    mask = empty.any(axis=1)
    # the list of empty fields is written for the flagged records only (a Python join per row)
    flagged = empty.loc[mask]
    listed = pd.Series(
        [
            ", ".join(col for col, hit in zip(ART30_FIELDS, row, strict=True) if hit)
            for row in flagged.itertuples(index=False, name=None)
        ],
        index=flagged.index,
        dtype="str",
    )
    return _findings(frame, mask, ("Empty Art. 30(1) fields: " + listed).reindex(frame.index))


@rule(
    "ROPA-002",
    severity="high",
    reference="Art. 6(1)",
    title="Legal basis missing or invalid",
    remediation="Record one of the six Art. 6(1) bases (consent, contract, legal obligation, vital interests, "
    "public task, legitimate interests) and check that the processing really rests on it.",
    needs=(REGISTER,),
)
def ropa_002_legal_basis(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    basis = frame["legal_basis"]
    empty = basis.isna()
    invalid = basis.notna() & ~basis.isin(LEGAL_BASES)
    message = pd.Series("legal_basis is empty", index=frame.index, dtype="str")
    message[invalid] = (
        "legal_basis '" + basis[invalid].astype("str") + "' is not one of the six Art. 6(1) bases"
    )
    return _findings(frame, empty | invalid, message)


def _art9_condition(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    text = re.sub(r"^art(icle)?_?", "", str(value))
    if text in ("10", "art10"):
        return "art10"
    return text if text in ART9_CONDITIONS else "invalid"


@rule(
    "ROPA-003",
    severity="high",
    reference="Art. 9(2), Art. 10",
    title="Special-category data without an Art. 9(2) condition",
    remediation="Name the Art. 9(2) condition (a)-(j) that lifts the prohibition for these special categories "
    "(for criminal-offence data: the Art. 10 authorisation), or stop processing them.",
    needs=(REGISTER,),
)
def ropa_003_art9_condition(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    if "special_categories" not in frame.columns:
        return pd.DataFrame(columns=["record_key", "message"])
    categories = frame["special_categories"]
    has_special = ~_empty(categories)
    condition = (
        frame["art9_condition"].map(_art9_condition)
        if "art9_condition" in frame.columns
        else pd.Series(None, index=frame.index)
    )
    only_criminal = categories.map(
        lambda items: isinstance(items, tuple) and set(items) == {"criminal"}
    )
    valid = condition.notna() & (condition != "invalid")
    valid &= only_criminal.eq(
        condition.eq("art10")
    )  # criminal data alone needs art10, Art. 9 data a 9(2) letter
    mask = has_special & ~valid
    shown = categories.map(lambda items: ", ".join(items) if isinstance(items, tuple) else "")
    message = pd.Series("", index=frame.index, dtype="str")
    message[condition.isna()] = "Special categories (" + shown + ") with art9_condition empty"
    bad = condition.notna()
    message[bad] = (
        "Special categories ("
        + shown
        + ") with art9_condition '"
        + frame.get("art9_condition", pd.Series("", index=frame.index)).astype("str")
        + "' "
        + only_criminal.map(
            {True: "(criminal-offence data needs art10)", False: "(expected 9_2_a ... 9_2_j)"}
        ).astype("str")
    )[bad]
    return _findings(frame, mask, message)


@rule(
    "ROPA-004",
    severity="medium",
    reference="Art. 6(1)(f)",
    title="Legitimate interests without an assessment",
    remediation="Carry out and reference a legitimate-interests assessment (purpose, necessity, balancing test) "
    "before relying on Art. 6(1)(f).",
    needs=(REGISTER,),
)
def ropa_004_lia(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    lia_empty = (
        _empty(frame["lia_reference"])
        if "lia_reference" in frame.columns
        else pd.Series(True, index=frame.index)
    )
    mask = frame["legal_basis"].eq("legitimate_interests").fillna(False).astype(bool) & lia_empty
    return _findings(frame, mask, "legal_basis is legitimate_interests but lia_reference is empty")


@rule(
    "ROPA-005",
    severity="high",
    reference="Art. 35(1), WP248",
    title="DPIA required but not done",
    remediation="Carry out a data-protection impact assessment before (or now, for) this processing: it meets two "
    "or more WP248 criteria, or processes special categories at large scale (Art. 35(3)(b)).",
    needs=(REGISTER,),
)
def ropa_005_dpia_required(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    criteria = (
        frame["dpia_criteria"]
        if "dpia_criteria" in frame.columns
        else pd.Series(None, index=frame.index, dtype=object)
    )
    count = criteria.map(lambda items: len(set(items)) if isinstance(items, tuple) else 0)
    large_scale = criteria.map(lambda items: isinstance(items, tuple) and "large_scale" in items)
    special = (
        ~_empty(frame["special_categories"])
        if "special_categories" in frame.columns
        else pd.Series(False, index=frame.index)
    )
    required = (count >= 2) | (special & large_scale)
    no_dpia = (
        frame["dpia_date"].isna()
        if "dpia_date" in frame.columns
        else pd.Series(True, index=frame.index)
    )
    reason = pd.Series("", index=frame.index, dtype="str")
    reason[count >= 2] = (
        count[count >= 2].astype("str")
        + " WP248 criteria met ("
        + criteria[count >= 2].map(lambda i: ", ".join(i))
        + ")"
    )
    only_special = (count < 2) & special & large_scale
    reason[only_special] = "special categories processed at large scale"
    return _findings(frame, required & no_dpia, "DPIA required but dpia_date is empty: " + reason)


@rule(
    "ROPA-006",
    severity="high",
    reference="Art. 44-46, Art. 30(1)(e)",
    title="Transfer outside the EEA without a valid safeguard",
    remediation="Put an Art. 46 safeguard in place (2021 SCCs, BCR) for each destination without an adequacy "
    "decision in force, and record it in the register; otherwise stop the transfer.",
    needs=(REGISTER,),
)
def ropa_006_transfers(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    countries = _items(frame, "transfer_countries")
    outside = countries[~countries.isin(EEA)]
    none_found = pd.DataFrame(columns=["record_key", "message"])
    if outside.empty:
        return none_found
    safeguard = (
        frame["transfer_safeguard"]
        if "transfer_safeguard" in frame.columns
        else pd.Series(None, index=frame.index, dtype="object")
    )
    # one row per (record, destination outside the EEA), in register order
    pairs = pd.DataFrame({"row": outside.index, "country": outside.to_numpy()}).drop_duplicates()
    claimed = safeguard.reindex(pairs["row"]).astype("object").reset_index(drop=True)
    empty = claimed.isna().to_numpy()
    none = claimed.eq("none").fillna(False).to_numpy(dtype=bool)
    adequacy = claimed.eq("adequacy").fillna(False).to_numpy(dtype=bool)
    lacking = adequacy & ~pairs["country"].isin(adequate_on(ctx.audit_date)).to_numpy()
    failing = empty | none | lacking  # adequacy claimed: only the destinations without a decision
    if not failing.any():
        return none_found
    pairs = pairs[failing].assign(
        kind=np.select([empty[failing], none[failing]], ["empty", "none"], "adequacy"),
    )
    pairs["record"] = pd.factorize(pairs["row"])[0]
    pairs = pairs.sort_values(["record", "country"], kind="stable")
    per_record = pairs.groupby("record", sort=True).agg(
        row=("row", "first"), kind=("kind", "first"), destinations=("country", ", ".join)
    )
    day = ctx.audit_date.date().isoformat()
    messages = [
        f"adequacy claimed for {destinations}, which has no adequacy decision in force on {day}"
        if kind == "adequacy"
        else f"Transfer to {destinations} (outside the EEA) with transfer_safeguard {kind}"
        for kind, destinations in zip(per_record["kind"], per_record["destinations"], strict=True)
    ]
    keys = frame.loc[per_record["row"].to_numpy(), "activity_id"].to_numpy()
    return pd.DataFrame({"record_key": keys, "message": messages})


@rule(
    "ROPA-007",
    severity="medium",
    reference="Art. 5(2), Art. 30",
    title="Record not reviewed within the review interval",
    remediation="Review the record with its business owner and update last_reviewed; the register must reflect "
    "the processing as it is carried out today.",
    needs=(REGISTER,),
    thresholds={"months": 12},
)
def ropa_007_review_overdue(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    months = int(ctx.threshold("ROPA-007", "months"))
    cutoff = ctx.audit_date - pd.DateOffset(months=months)
    mask = (frame["last_reviewed"] < cutoff).fillna(False).astype(bool)
    message = (
        "last_reviewed "
        + frame["last_reviewed"].dt.strftime("%Y-%m-%d").astype("str")
        + f" is older than {months} months"
    )
    return _findings(frame, mask, message)


@rule(
    "ROPA-008",
    severity="low",
    reference="Art. 35(11)",
    title="DPIA to be reviewed",
    remediation="Review the DPIA: check that the risks and measures it describes still match the processing.",
    needs=(REGISTER,),
    thresholds={"months": 36},
)
def ropa_008_dpia_old(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    if "dpia_date" not in frame.columns:
        return pd.DataFrame(columns=["record_key", "message"])
    months = int(ctx.threshold("ROPA-008", "months"))
    cutoff = ctx.audit_date - pd.DateOffset(months=months)
    mask = (frame["dpia_date"] < cutoff).fillna(False).astype(bool)
    message = (
        "dpia_date "
        + frame["dpia_date"].dt.strftime("%Y-%m-%d").astype("str")
        + f" is older than {months} months"
    )
    return _findings(frame, mask, message)


@rule(
    "ROPA-009",
    severity="high",
    reference="Art. 30(1)(f), Art. 5(1)(e)",
    title="Retention rule not in the retention schedule",
    remediation="Point the record at an existing rule of the retention schedule, or add the missing rule to the "
    "schedule.",
    needs=(REGISTER, "retention_schedule"),
)
def ropa_009_retention_rule_unknown(ctx) -> pd.DataFrame:
    frame = _register(ctx)
    known = set(ctx.frames["retention_schedule"]["rule_id"].dropna().astype("str"))
    value = frame["retention_rule_id"]
    mask = value.notna() & ~value.isin(known)
    return _findings(
        frame,
        mask,
        "retention_rule_id '" + value.astype("str") + "' is not in the retention schedule",
    )


def _processor_findings(ctx, select) -> pd.DataFrame:
    frame = _register(ctx)
    items = _items(frame, "processor_ids")
    processors = ctx.frames["processors"]
    flagged = items[select(items, processors)]
    rows = [
        (frame.loc[index, "activity_id"], sorted(set(group)))
        for index, group in flagged.groupby(level=0, sort=False)
    ]
    return rows


@rule(
    "ROPA-010",
    severity="high",
    reference="Art. 28(1), Art. 30(1)(d)",
    title="Processor not in the processors register",
    remediation="Add the processor to the processors register with its Art. 28 contract, or correct the id in "
    "the record.",
    needs=(REGISTER, "processors"),
)
def ropa_010_unknown_processor(ctx) -> pd.DataFrame:
    rows = _processor_findings(
        ctx, lambda items, procs: ~items.isin(set(procs["processor_id"].dropna()))
    )
    return pd.DataFrame(
        [
            (key, f"processor_ids not found in the processors register: {', '.join(ids)}")
            for key, ids in rows
        ],
        columns=["record_key", "message"],
    )


@rule(
    "ROPA-011",
    severity="medium",
    reference="Art. 28(1), Art. 30(1)(d)",
    title="Processor marked inactive",
    remediation="Check who processes the data now: update the record's processors, or reactivate the processor "
    "in the register with a valid contract.",
    needs=(REGISTER, "processors"),
)
def ropa_011_inactive_processor(ctx) -> pd.DataFrame:
    def inactive(items: pd.Series, procs: pd.DataFrame) -> pd.Series:
        ids = set(procs.loc[procs["active"].eq(False).fillna(False).astype(bool), "processor_id"])
        return items.isin(ids)

    rows = _processor_findings(ctx, inactive)
    return pd.DataFrame(
        [
            (key, f"processor_ids refer to processors marked inactive: {', '.join(ids)}")
            for key, ids in rows
        ],
        columns=["record_key", "message"],
    )
