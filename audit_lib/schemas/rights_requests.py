"""rights_requests: the data-subject rights log (Art. 12, 15-22), one row per request."""

from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import CHANNELS, OUTCOMES, REQUEST_TYPES, field


class RightsRequestsSchema(pa.DataFrameModel):
    request_id: Series[str] = field("id")
    received_at: Series[pd.Timestamp] = field("date", nullable=False)
    request_type: Series[str] = field("enum", allowed=REQUEST_TYPES)
    channel: Optional[Series[str]] = field("enum", allowed=CHANNELS)
    subject_ref: Series[str] = field("str", title="pseudonymised on load")
    identity_verified_at: Optional[Series[pd.Timestamp]] = field("date")
    extended: Optional[Series[pd.BooleanDtype]] = field("bool")
    extension_notified_at: Optional[Series[pd.Timestamp]] = field("date")
    responded_at: Optional[Series[pd.Timestamp]] = field("date")
    outcome: Optional[Series[str]] = field("enum", allowed=OUTCOMES)
    refusal_reason: Optional[Series[str]] = field("str", judged_by="DSR-004")
    recipients_notified: Optional[Series[pd.BooleanDtype]] = field("bool")
    handler: Optional[Series[str]] = field("str")

    class Config:
        strict = False
        coerce = False
