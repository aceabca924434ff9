"""Every rule is total over its data contract (spec README, quality bars; issue 14).

For each audit of the registry, hypothesis draws the registers it reads -- each as rows of text a
CSV could hold, which the suite's own typing step types, exactly as in a run (`tests/strategies.py`
says why pandera's own strategies cannot draw them) -- with 0 or 1 row, optional columns absent or
all empty, every row twice, dates at 1900-01-01 and 2099-12-31, long and odd Unicode text. Then
every registered rule of the audit runs on them, and so do the report's key figures, charts,
tables and extra outputs: none may raise, each rule returns a findings frame with the columns of
the contract, and the finding ids of the audit are unique.

More examples: `HYPOTHESIS_PROFILE=thorough pytest tests/test_totality.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_lib.audits import AUDITS, implemented
from audit_lib.context import AuditContext
from audit_lib.findings import AUDIT_FINDING_COLUMNS, SEVERITIES
from audit_lib.notebook import AuditSession
from audit_lib.params import Params
from audit_lib.privacy import Pseudonymiser
from audit_lib.rules import RULES
from audit_lib.schemas import check_register, repeated_columns
from tests.strategies import AUDIT_DATE, registers_of

matplotlib.use("Agg")

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
RULE_SETTINGS = settings(max_examples=600 if THOROUGH else 25, **_COMMON)
REPORT_SETTINGS = settings(max_examples=100 if THOROUGH else 6, **_COMMON)


def _as_categoricals(frame: pd.DataFrame, register: str) -> pd.DataFrame:
    """The columns whose values repeat as the loader reads them from CSV and Parquet:
    categoricals (dictionary-encoded), their categories in order of first appearance."""
    for name in repeated_columns(register):
        if name in frame.columns:
            values = frame[name]
            frame[name] = pd.Categorical(values, categories=pd.unique(values.dropna()))
    return frame


def context_of(audit: str, raw: dict[str, pd.DataFrame], categorical: bool = False) -> AuditContext:
    """The context a run would build from these registers (typed, validated, pseudonymised);
    with `categorical`, the repeated columns handed to the typing as the loader reads them from
    CSV, otherwise as text (as from a workbook)."""
    params = Params(
        path=Path("/nonexistent/params.yaml"),
        organisation="Totality",
        period="T",
        audit_date=pd.Timestamp(AUDIT_DATE),
        service_accounts=["svc-backup"],
    )
    ctx = AuditContext(audit=audit, params=params)
    pseudonymiser = Pseudonymiser()
    for register, frame in raw.items():
        frame = frame.copy()
        if "subject_ref" in frame.columns:
            frame["subject_ref"] = pseudonymiser.pseudonymise(frame["subject_ref"].astype("str"))
        if categorical:
            frame = _as_categoricals(frame, register)
        ctx.frames[register], ctx.dq[register] = check_register(frame, register)
    return ctx


def judged(
    audit: str, raw: dict[str, pd.DataFrame], categorical: bool = False
) -> tuple[AuditContext, pd.DataFrame]:
    """Run the audit as its notebook does (data-quality findings, then every rule)."""
    ctx = context_of(audit, raw, categorical)
    session = AuditSession(audit, ctx.params, ctx)
    findings = session.run()
    for rule_id in session.failed:  # raise it again here, for its traceback
        RULES[rule_id].func(ctx)
    assert session.failed == {}
    assert list(findings.columns) == AUDIT_FINDING_COLUMNS
    assert findings["finding_id"].is_unique, findings[findings["finding_id"].duplicated(keep=False)]
    assert findings["record_key"].str.len().gt(0).all()
    assert findings["severity"].isin(SEVERITIES).all()
    assert set(findings["rule_id"]) <= set(RULES)
    return ctx, findings


@pytest.mark.parametrize("audit", implemented())
def test_every_rule_is_total(audit):
    """Every rule of the audit judges what its registers' contract accepts, without raising."""

    @settings(RULE_SETTINGS)
    @given(raw=registers_of(AUDITS[audit]), categorical=st.booleans())
    def check(raw, categorical):
        judged(audit, raw, categorical)

    check()


@pytest.mark.parametrize("audit", implemented())
def test_every_report_section_is_total(audit, tmp_path):
    """Key figures, charts, tables and extra outputs of the report too (fewer examples: the
    charts are drawn by matplotlib, about a second each)."""

    @settings(REPORT_SETTINGS)
    @given(raw=registers_of(AUDITS[audit]), categorical=st.booleans())
    def check(raw, categorical):
        ctx, findings = judged(audit, raw, categorical)
        session = AuditSession(audit, ctx.params, ctx, findings=findings, ran=True)
        session.kpis()
        session.charts()
        spec = AUDITS[audit]
        if spec.tables is not None:
            spec.tables(ctx, findings)
        if spec.extra_outputs is not None:
            spec.extra_outputs(ctx, findings, tmp_path)
        matplotlib.pyplot.close("all")

    check()


@pytest.mark.parametrize("categorical", [False, True])
def test_report_of_a_log_whose_grants_all_lack_an_id(categorical):
    """Found by the totality test: when every grant is pending (no event id, so named `row <n>`)
    the grant counts had no levels and the key figures raised KeyError: 'ACC-001'."""
    columns = ["event_id", "timestamp", "user_id", "system", "action", "approver_id", "approved_at"]
    blank_grant = {c: "grant" if c == "action" else "" for c in columns}
    raw = {
        "access_log": pd.DataFrame([blank_grant, blank_grant], columns=columns, dtype="str"),
        "hr_roster": pd.DataFrame(columns=["user_id", "employment_start"], dtype="str"),
        "access_reviews": pd.DataFrame(
            columns=["review_id", "system", "reviewed_at", "reviewer_id"], dtype="str"
        ),
    }
    ctx, findings = judged("access", raw, categorical)
    session = AuditSession("access", ctx.params, ctx, findings=findings, ran=True)
    figures = {k["key"]: k for k in session.kpis()}
    assert figures["grants_with_ticket_and_approval"]["note"] == "0 of 2 grants"
    session.charts()
    matplotlib.pyplot.close("all")
