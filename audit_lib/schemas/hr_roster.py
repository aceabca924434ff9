"""hr_roster: people, one row per person (leavers drive ACC-004)."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import field
from ._registry import register_schema


@register_schema("hr_roster", id_column="user_id")
class HrRosterSchema(pa.DataFrameModel):
    user_id: Series[str] = field("id")
    department: Series[str] | None = field("str")
    employment_start: Series[pd.Timestamp] = field("date", nullable=False)
    employment_end: Series[pd.Timestamp] | None = field("date")

    class Config:
        strict = False
        coerce = False
