"""marketing_sends: the direct-marketing messages sent (the campaign tool's send log), one row per message."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import Text, field
from ._registry import register_schema

#: the channels of a direct-marketing message (and of a preference event)
MARKETING_CHANNELS = ("email", "sms", "phone", "post")
#: the legal bases a direct-marketing send may rest on: consent (Art. 6(1)(a), and ePrivacy
#: Art. 13 for e-mail and SMS) or legitimate interests (Art. 6(1)(f), recital 47)
MARKETING_BASES = ("consent", "legitimate_interests")


@register_schema("marketing_sends", id_column="send_id")
class MarketingSendsSchema(pa.DataFrameModel):
    send_id: Series[str] = field("id", title="stable identifier of the message")
    sent_at: Series[pd.Timestamp] = field("datetime", title="when it was sent", nullable=False)
    subject_ref: Series[str] = field(
        "str", title="the recipient, pseudonymised on load", nullable=False
    )
    # a handful of channels, bases and processors, a few hundred campaigns for millions of sends:
    # read dictionary-encoded, typed categorical (the 10M-row log's text is not held per row)
    channel: Series[Text] = field("enum", allowed=MARKETING_CHANNELS, nullable=False, repeats=True)
    campaign: Series[Text] = field("str", title="campaign name", nullable=False, repeats=True)
    legal_basis: Series[Text] = field(
        "enum",
        allowed=MARKETING_BASES,
        article="Art. 6(1)(a), (f)",
        nullable=False,
        repeats=True,
    )
    processor_id: Series[Text] | None = field("str", judged_by="MKT-005", repeats=True)

    class Config:
        strict = False
        coerce = False
