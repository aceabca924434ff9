"""retention_schedule: the retention policy, one row per rule (Art. 5(1)(e))."""

import pandera.pandas as pa
from pandera.typing import Series

from ._fields import RETENTION_ACTIONS, TRIGGERS, field
from ._registry import register_schema


@register_schema("retention_schedule", id_column="rule_id")
class RetentionScheduleSchema(pa.DataFrameModel):
    rule_id: Series[str] = field("id")
    data_category: Series[str] = field("str", unique=True, nullable=False)
    trigger: Series[str] = field("enum", allowed=TRIGGERS, nullable=False)
    duration: Series[str] = field("str", judged_by="RET-008")
    action: Series[str] = field("enum", allowed=RETENTION_ACTIONS, nullable=False)
    legal_reference: Series[str] | None = field("str")

    class Config:
        strict = False
        coerce = False
