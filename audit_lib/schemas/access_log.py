"""access_log: entitlement changes and accesses, one row per event."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import ACCESS_ACTIONS, PRIVILEGES, Text, field
from ._registry import register_schema


@register_schema("access_log", id_column="event_id")
class AccessLogSchema(pa.DataFrameModel):
    event_id: Series[str] = field("id")
    timestamp: Series[pd.Timestamp] = field("datetime", nullable=False)
    # every column but the event's id and time repeats: read dictionary-encoded, typed categorical
    user_id: Series[Text] = field("str", nullable=False, repeats=True)
    system: Series[Text] = field("str", nullable=False, repeats=True)
    action: Series[Text] = field("enum", allowed=ACCESS_ACTIONS, repeats=True)
    privilege: Series[Text] | None = field("enum", allowed=PRIVILEGES, repeats=True)
    ticket_id: Series[Text] | None = field("str", judged_by="ACC-001", repeats=True)
    requester_id: Series[Text] | None = field("str", repeats=True)
    approver_id: Series[Text] | None = field("str", judged_by="ACC-002", repeats=True)
    approved_at: Series[pd.Timestamp] | None = field("datetime", judged_by="ACC-002", repeats=True)

    class Config:
        strict = False
        coerce = False
