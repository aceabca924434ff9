"""ROPA: the processing register (record of processing activities, Art. 30)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..freetext import PRIVACY_SHIELD_NOTE, legal_bases_named, read_retention
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
#: DPIA progress that counts as done (ROPA-005 extended, real_registers.md section 6)
DPIA_DONE = ("complete", "completed", "done", "termine", "terminee", "realise", "realisee")


def _register(ctx) -> pd.DataFrame:
    return ctx.frames[REGISTER]


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """The column, or an empty one where the register has none (judged as empty in every row,
    real_registers.md section 2)."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(None, index=frame.index, dtype=object)


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
    keys = _column(frame, "activity_id")[mask]
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
    """One finding per record listing its empty Art. 30(1) fields by column name. A column the
    register lacks is empty in every record, and said to be absent. Retention (Art. 30(1)(f)) is
    met by `retention_rule_id` or by `retention_text`: listed (as retention_rule_id) only when
    both are empty."""
    frame = _register(ctx)
    empty = pd.DataFrame(
        {col: _empty(_column(frame, col)) for col in ART30_FIELDS}, index=frame.index
    )
    if "retention_text" in frame.columns:
        empty["retention_rule_id"] &= _empty(frame["retention_text"])
    absent = {
        col
        for col in ART30_FIELDS
        if col not in frame.columns
        and not (col == "retention_rule_id" and "retention_text" in frame.columns)
    }
    names = [
        f"{col} (no such column in the register)" if col in absent else col for col in ART30_FIELDS
    ]
    mask = empty.any(axis=1)
    # the list of empty fields is written for the flagged records only (a Python join per row)
    flagged = empty.loc[mask]
    listed = pd.Series(
        [
            ", ".join(name for name, hit in zip(names, row, strict=True) if hit)
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
    """`legal_basis` empty, or text that is not one of the six bases (quoted; free text naming
    several bases says so). A register without a legal-basis column -- the CNIL model has none --
    gets the finding on every record: an accountability audit must see the basis recorded."""
    frame = _register(ctx)
    if "legal_basis" not in frame.columns:
        return _findings(
            frame,
            pd.Series(True, index=frame.index),
            "the register records no legal basis (it has no legal_basis column)",
        )
    basis = frame["legal_basis"]
    empty = basis.isna()
    invalid = basis.notna() & ~basis.isin(LEGAL_BASES)
    message = pd.Series("legal_basis is empty", index=frame.index, dtype="str")
    if invalid.any():
        texts = basis[invalid].astype("str")
        several = texts.map(lambda text: ", ".join(legal_bases_named(text)))
        message[invalid] = (
            "legal_basis '" + texts + "' is not one of the six Art. 6(1) bases"
        ).where(
            several.str.count(",").eq(0),
            "legal_basis '"
            + texts
            + "' names several bases ("
            + several
            + "): record the one the processing rests on",
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
    basis = _column(frame, "legal_basis")
    mask = basis.eq("legitimate_interests").fillna(False).astype(bool) & lia_empty
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
    """DPIA required and not done. Required: 2 or more WP248 criteria, or special categories at
    large scale (then `dpia_date` empty is the finding); or the register itself says a DPIA is
    required (`dpia_required` true) and none is recorded -- `dpia_date` and `dpia_reference`
    empty and `dpia_status` not complete/completed/terminé/réalisée."""
    frame = _register(ctx)
    criteria = _column(frame, "dpia_criteria")
    count = criteria.map(lambda items: len(set(items)) if isinstance(items, tuple) else 0)
    large_scale = criteria.map(lambda items: isinstance(items, tuple) and "large_scale" in items)
    special = ~_empty(_column(frame, "special_categories"))
    required = (count >= 2) | (special & large_scale)
    no_dpia = _column(frame, "dpia_date").isna()
    reason = pd.Series("", index=frame.index, dtype="str")
    reason[count >= 2] = (
        count[count >= 2].astype("str")
        + " WP248 criteria met ("
        + criteria[count >= 2].map(lambda i: ", ".join(i))
        + ")"
    )
    only_special = (count < 2) & special & large_scale
    reason[only_special] = "special categories processed at large scale"
    message = "DPIA required but dpia_date is empty: " + reason
    # the register says a DPIA is required: any record of one (date, reference, status) is enough
    said = _column(frame, "dpia_required").astype("boolean").fillna(False).astype(bool)
    status = _column(frame, "dpia_status").map(
        lambda text: isinstance(text, str) and normalise_status(text) in DPIA_DONE
    )
    recorded = ~no_dpia | ~_empty(_column(frame, "dpia_reference")) | status.astype(bool)
    stated = said & ~recorded & ~(required & no_dpia)
    message[stated] = (
        "the register says a DPIA is required (dpia_required) but records none: dpia_date and "
        "dpia_reference are empty and dpia_status is "
        + _column(frame, "dpia_status")
        .astype("str")
        .where(_column(frame, "dpia_status").notna(), "empty")[stated]
        .map(lambda text: text if text == "empty" else f"'{text}'")
    )
    return _findings(frame, (required & no_dpia) | stated, message)


def normalise_status(text: str) -> str:
    """`Terminé` -> `termine`: a DPIA status compared without case or accents."""
    from ..loaders import normalise_name

    return normalise_name(text)


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
    shield = claimed.eq("privacy_shield").fillna(False).to_numpy(dtype=bool)
    adequacy = claimed.eq("adequacy").fillna(False).to_numpy(dtype=bool)
    lacking = adequacy & ~pairs["country"].isin(adequate_on(ctx.audit_date)).to_numpy()
    # adequacy claimed: only the destinations without a decision; the Privacy Shield: every one
    failing = empty | none | shield | lacking
    if not failing.any():
        return none_found
    pairs = pairs[failing].assign(
        kind=np.select(
            [empty[failing], none[failing], shield[failing]],
            ["empty", "none", "privacy_shield"],
            "adequacy",
        ),
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
        else f"Transfer to {destinations} (outside the EEA) relying on the EU-US Privacy Shield: "
        + PRIVACY_SHIELD_NOTE
        if kind == "privacy_shield"
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
    if "last_reviewed" not in frame.columns:
        return _findings(
            frame,
            pd.Series(True, index=frame.index),
            "no review date is recorded (the register has no last_reviewed column)",
        )
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
    value = _column(frame, "retention_rule_id")
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


@rule(
    "ROPA-012",
    severity="low",
    reference="Art. 30(1)(f)",
    title="Retention period written out but no duration can be read",
    remediation='Write the retention period as a duration and the event that starts it ("6 years '
    'after the end of the contract"), or point the record at a rule of the retention schedule.',
    needs=(REGISTER,),
)
def ropa_012_retention_text_unreadable(ctx) -> pd.DataFrame:
    """`retention_text` given, `retention_rule_id` empty, and no duration can be read from the text
    (real_registers.md section 3: "as long as necessary", "Account termination"); quotes it."""
    frame = _register(ctx)
    if "retention_text" not in frame.columns:
        return pd.DataFrame(columns=["record_key", "message"])
    text = frame["retention_text"]
    candidates = text.notna() & _empty(_column(frame, "retention_rule_id"))
    distinct = text[candidates].dropna().unique()
    unread = {value for value in distinct if read_retention(value).duration is None}
    mask = candidates & text.isin(unread)
    shown = text[mask].map(lambda value: value if len(value) <= 120 else value[:117] + "...")
    message = ("no duration can be read from retention_text '" + shown + "'").reindex(frame.index)
    return _findings(frame, mask, message)
