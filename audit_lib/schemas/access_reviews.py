"""access_reviews: periodic reviews of access rights, one row per review."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import field
from ._registry import register_schema


@register_schema("access_reviews", id_column="review_id")
class AccessReviewsSchema(pa.DataFrameModel):
    review_id: Series[str] = field("str", nullable=False)
    system: Series[str] = field("str", nullable=False)
    reviewed_at: Series[pd.Timestamp] = field("date", nullable=False)
    reviewer_id: Series[str] = field("str", nullable=False)

    class Config:
        strict = False
        coerce = False
