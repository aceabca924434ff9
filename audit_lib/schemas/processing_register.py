"""processing_register: the Art. 30 record of processing activities, one row per activity."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import (
    ART9_CONDITIONS,
    DPIA_CRITERIA,
    LEGAL_BASES,
    SAFEGUARDS_READ,
    SPECIAL_CATEGORIES,
    field,
    items_are_countries,
    items_in,
)
from ._registry import register_schema


@register_schema("processing_register", id_column="activity_id", tolerant=True)
class ProcessingRegisterSchema(pa.DataFrameModel):
    activity_id: Series[str] = field("id", title="stable identifier")
    name: Series[str] = field("str", title="name of the processing")
    controller: Series[str] = field("str", article="Art. 30(1)(a)", judged_by="ROPA-001")
    dpo_contact: Series[str] | None = field("str", article="Art. 30(1)(a)")
    purposes: Series[str] = field("str", article="Art. 30(1)(b)", judged_by="ROPA-001")
    legal_basis: Series[str] = field(
        "enum", allowed=LEGAL_BASES, article="Art. 6(1)", judged_by="ROPA-002", reader="legal_basis"
    )
    lia_reference: Series[str] | None = field("str", judged_by="ROPA-004")
    data_subject_categories: Series[object] = field(
        "list", article="Art. 30(1)(c)", judged_by="ROPA-001"
    )
    data_categories: Series[object] = field("list", article="Art. 30(1)(c)", judged_by="ROPA-001")
    special_categories: Series[object] | None = field(
        "enum_list", allowed=SPECIAL_CATEGORIES, article="Art. 9(1)"
    )
    art9_condition: Series[str] | None = field(
        "enum",
        allowed=ART9_CONDITIONS,
        article="Art. 9(2)",
        judged_by="ROPA-003",
        reader="art9_condition",
    )
    recipients: Series[object] = field("list", article="Art. 30(1)(d)", judged_by="ROPA-001")
    processor_ids: Series[object] | None = field("list", judged_by="ROPA-010")
    transfer_countries: Series[object] | None = field("country_list", article="Art. 30(1)(e)")
    transfer_safeguard: Series[str] | None = field(
        "enum", allowed=SAFEGUARDS_READ, article="Art. 46", reader="transfer_safeguard"
    )
    retention_rule_id: Series[str] = field("str", article="Art. 30(1)(f)", judged_by="ROPA-001")
    retention_text: Series[str] | None = field(
        "str", article="Art. 30(1)(f)", judged_by="ROPA-012", title="retention period written out"
    )
    security_measures: Series[str] = field("str", article="Art. 30(1)(g)", judged_by="ROPA-001")
    dpia_criteria: Series[object] | None = field(
        "enum_list", allowed=DPIA_CRITERIA, article="Art. 35"
    )
    dpia_date: Series[pd.Timestamp] | None = field("date", article="Art. 35")
    dpia_required: Series[pd.BooleanDtype] | None = field("bool", article="Art. 35")
    dpia_status: Series[str] | None = field("str", article="Art. 35")
    dpia_reference: Series[str] | None = field("str", article="Art. 35")
    systems: Series[object] | None = field("list")
    owner: Series[str] = field("str", judged_by="(free text)")
    last_reviewed: Series[pd.Timestamp] = field("date", nullable=False)

    @pa.check("special_categories", name="items_in_allowed_values")
    def _special_known(cls, series: Series[object]) -> Series[bool]:
        return items_in(series, SPECIAL_CATEGORIES)

    @pa.check("dpia_criteria", name="items_in_allowed_values")
    def _criteria_known(cls, series: Series[object]) -> Series[bool]:
        return items_in(series, DPIA_CRITERIA)

    @pa.check("transfer_countries", name="items_are_country_codes")
    def _countries(cls, series: Series[object]) -> Series[bool]:
        return items_are_countries(series)

    class Config:
        strict = False
        coerce = False
