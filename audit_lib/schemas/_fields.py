"""Field helpers: every column's kind (how it is typed) lives in its pandera Field metadata."""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa

LEGAL_BASES = (
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
)
SPECIAL_CATEGORIES = (
    "racial_ethnic_origin",
    "political_opinions",
    "religious_beliefs",
    "trade_union",
    "genetic",
    "biometric",
    "health",
    "sex_life_orientation",
    "criminal",
)
ART9_CONDITIONS = tuple(f"9_2_{letter}" for letter in "abcdefghij") + ("art10",)
SAFEGUARDS = ("adequacy", "scc", "bcr", "derogation_49", "none")
DPIA_CRITERIA = (
    "evaluation_scoring",
    "automated_decision",
    "systematic_monitoring",
    "sensitive_data",
    "large_scale",
    "matching_combining",
    "vulnerable_subjects",
    "innovative_technology",
    "prevents_rights_exercise",
)
TRIGGERS = ("collected", "last_contact", "contract_end", "employment_end", "account_closed")
RETENTION_ACTIONS = ("delete", "anonymise", "archive")
CLAUSE_VALUES = ("yes", "partial", "no")
RISK_TIERS = ("high", "medium", "low")
AUTHORISATIONS = ("specific", "general", "none")
SCC_VERSIONS = ("2021", "2010", "2004")
REQUEST_TYPES = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "withdraw_consent",
)
CHANNELS = ("letter", "email", "web_form", "phone", "other")
OUTCOMES = ("granted", "partially_granted", "refused", "withdrawn")
ACCESS_ACTIONS = ("grant", "revoke", "login", "read", "export")
PRIVILEGES = ("standard", "privileged")


def field(
    kind: str,
    *,
    title: str = "",
    article: str | None = None,
    allowed: tuple[str, ...] | None = None,
    judged_by: str | None = None,
    unique: bool = False,
    nullable: bool = True,
) -> Any:
    """A pandera Field whose metadata tells the coercion step how to type the column.

    kind: id, str, date, datetime, bool, enum, enum_list, list, country, country_list, path.
    judged_by: the rule that judges this column's values (the schema then lets them through).
    """
    metadata = {"kind": kind, "allowed": allowed, "judged_by": judged_by, "article": article}
    checks: dict[str, Any] = {}
    if kind == "enum" and allowed and not judged_by:
        checks["isin"] = list(allowed)
    if kind == "country":
        checks["str_matches"] = r"^[A-Z]{2}$"
    if kind == "id":
        nullable = False
    return pa.Field(
        nullable=nullable, unique=unique or kind == "id", title=title, metadata=metadata, **checks
    )


def items_in(series: Any, allowed: tuple[str, ...]) -> Any:
    """Element-wise: every item of a list cell is an allowed value (empty cells pass)."""
    allowed_set = set(allowed)
    return series.map(
        lambda items: not isinstance(items, tuple) or set(items) <= allowed_set
    ).astype(bool)


def items_are_countries(series: Any) -> Any:
    """Element-wise: every item of a list cell is a two-letter country code."""
    return series.map(
        lambda items: (
            not isinstance(items, tuple)
            or all(len(i) == 2 and i.isalpha() and i.isupper() for i in items)
        )
    ).astype(bool)
