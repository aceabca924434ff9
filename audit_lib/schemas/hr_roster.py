"""hr_roster: people, one row per person (leavers drive ACC-004)."""

from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import field


class HrRosterSchema(pa.DataFrameModel):
    user_id: Series[str] = field("id")
    department: Optional[Series[str]] = field("str")
    employment_start: Series[pd.Timestamp] = field("date", nullable=False)
    employment_end: Optional[Series[pd.Timestamp]] = field("date")

    class Config:
        strict = False
        coerce = False
