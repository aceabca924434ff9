"""access_log: entitlement changes and accesses, one row per event."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import ACCESS_ACTIONS, PRIVILEGES, field
from ._registry import register_schema


@register_schema("access_log", id_column="event_id")
class AccessLogSchema(pa.DataFrameModel):
    event_id: Series[str] = field("id")
    timestamp: Series[pd.Timestamp] = field("datetime", nullable=False)
    user_id: Series[str] = field("str", nullable=False)
    system: Series[str] = field("str", nullable=False)
    action: Series[str] = field("enum", allowed=ACCESS_ACTIONS)
    privilege: Series[str] | None = field("enum", allowed=PRIVILEGES)
    ticket_id: Series[str] | None = field("str", judged_by="ACC-001")
    requester_id: Series[str] | None = field("str")
    approver_id: Series[str] | None = field("str", judged_by="ACC-002")
    approved_at: Series[pd.Timestamp] | None = field("datetime", judged_by="ACC-002")

    class Config:
        strict = False
        coerce = False
