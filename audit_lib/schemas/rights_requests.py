"""rights_requests: the data-subject rights log (Art. 12, 15-22), one row per request."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import CHANNELS, OUTCOMES, REQUEST_TYPES, field
from ._registry import register_schema


@register_schema("rights_requests", id_column="request_id")
class RightsRequestsSchema(pa.DataFrameModel):
    request_id: Series[str] = field("id")
    received_at: Series[pd.Timestamp] = field("date", nullable=False)
    request_type: Series[str] = field("enum", allowed=REQUEST_TYPES)
    channel: Series[str] | None = field("enum", allowed=CHANNELS)
    subject_ref: Series[str] = field("str", title="pseudonymised on load")
    identity_verified_at: Series[pd.Timestamp] | None = field("date")
    extended: Series[pd.BooleanDtype] | None = field("bool")
    extension_notified_at: Series[pd.Timestamp] | None = field("date")
    responded_at: Series[pd.Timestamp] | None = field("date")
    outcome: Series[str] | None = field("enum", allowed=OUTCOMES)
    refusal_reason: Series[str] | None = field("str", judged_by="DSR-004")
    recipients_notified: Series[pd.BooleanDtype] | None = field("bool")
    handler: Series[str] | None = field("str")

    class Config:
        strict = False
        coerce = False
