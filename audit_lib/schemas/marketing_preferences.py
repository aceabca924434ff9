"""marketing_preferences: consents, withdrawals and objections (the preference centre's events),
one row per event."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import Text, field
from ._registry import register_schema
from .marketing_sends import MARKETING_CHANNELS

#: consent given (Art. 6(1)(a), 7), consent withdrawn (Art. 7(3)), objection (Art. 21(2))
PREFERENCE_EVENTS = ("consent_given", "consent_withdrawn", "objection")


@register_schema("marketing_preferences", id_column="event_id")
class MarketingPreferencesSchema(pa.DataFrameModel):
    event_id: Series[str] = field("id", title="stable identifier of the event")
    subject_ref: Series[str] = field(
        "str",
        title="pseudonymised on load, with the same mapping as marketing_sends",
        nullable=False,
    )
    # event, channel and source take a few values each: read dictionary-encoded, typed categorical
    event: Series[Text] = field(
        "enum",
        allowed=PREFERENCE_EVENTS,
        article="Art. 7(3), Art. 21(2)",
        nullable=False,
        repeats=True,
    )
    channel: Series[Text] | None = field(
        "enum", allowed=MARKETING_CHANNELS, title="empty = every channel", repeats=True
    )
    at: Series[pd.Timestamp] = field("datetime", title="when it was recorded", nullable=False)
    source: Series[Text] | None = field("str", title="how it was received", repeats=True)

    class Config:
        strict = False
        coerce = False
