"""actions: the action plan, management's response to each finding (registers.md `actions`).

Read from the `actions:` file of the parameters (XLSX, ODS or CSV), normally the
`action_plan.xlsx` of the period before, filled in by the people responsible. Columns other than
these (the finding's rule, record, message, ...) are kept for the reader and ignored. An empty
`action_status` is read as `open` by the follow-up rules (an answer not yet given).
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import ACTION_STATUSES, field
from ._registry import register_schema


@register_schema("actions", id_column="finding_id", top_level=True)
class ActionsSchema(pa.DataFrameModel):
    finding_id: Series[str] = field("id", title="the finding this row answers")
    owner: Series[str] | None = field("str", title="person or team accountable")
    response: Series[str] | None = field("str", title="management response")
    action: Series[str] | None = field("str", title="the agreed action")
    due_date: Series[pd.Timestamp] | None = field("date", title="target date")
    action_status: Series[str] = field("enum", allowed=ACTION_STATUSES, title="status")
    accepted_by: Series[str] | None = field(
        "str", title="who accepted the risk", judged_by="FUP-004"
    )
    accepted_until: Series[pd.Timestamp] | None = field("date", title="end of the acceptance")
    updated_at: Series[pd.Timestamp] | None = field("date", title="last update of the row")

    class Config:
        strict = False
        coerce = False
