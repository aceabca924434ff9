"""Sample data-subject rights log: a year of requests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .org import Organisation, subject_refs

TYPES = ["access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw_consent"]
WEIGHTS = [0.35, 0.12, 0.25, 0.03, 0.05, 0.12, 0.08]


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("rights")
    n = org.size["requests"]
    received = org.period_start - pd.DateOffset(months=9) + pd.to_timedelta(rng.integers(0, 300, n), unit="D")
    received = pd.DatetimeIndex(received).sort_values()
    verified = received + pd.to_timedelta(rng.integers(0, 5, n), unit="D")
    responded = verified + pd.to_timedelta(rng.integers(1, 20, n), unit="D")
    types = rng.choice(TYPES, n, p=WEIGHTS)
    notified = np.where(np.isin(types, ["rectification", "erasure", "restriction"]), "yes", "")
    frame = pd.DataFrame(
        {
            "request_id": [f"DSR-{i + 1:06d}" for i in range(n)],
            "received_at": received.strftime("%Y-%m-%d"),
            "request_type": types,
            "channel": rng.choice(["letter", "email", "web_form"], n, p=[0.5, 0.3, 0.2]),
            "subject_ref": subject_refs(rng, n, max(50, n * 2)),
            "identity_verified_at": verified.strftime("%Y-%m-%d"),
            "extended": "no",
            "extension_notified_at": "",
            "responded_at": responded.strftime("%Y-%m-%d"),
            "outcome": "granted",
            "refusal_reason": "",
            "recipients_notified": notified,
            "handler": rng.choice(["privacy-team-1", "privacy-team-2", "privacy-team-3"], n),
        }
    )
    frames["rights_requests"] = frame
