"""systems (optional): one row per IT system, saying whether it holds personal data."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import field
from ._registry import register_schema


@register_schema("systems", id_column="system")
class SystemsSchema(pa.DataFrameModel):
    system: Series[str] = field("id")
    holds_personal_data: Series[pd.BooleanDtype] = field("bool", nullable=False)
    owner: Series[str] | None = field("str")

    class Config:
        strict = False
        coerce = False
