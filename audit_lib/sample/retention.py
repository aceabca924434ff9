"""Sample retention schedule and data inventory."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .org import RETENTION_RULES, Organisation, subject_refs


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("retention")
    schedule = pd.DataFrame(
        [
            {"rule_id": r, "data_category": c, "trigger": t, "duration": d, "action": a, "legal_reference": ref}
            for r, c, t, d, a, ref, _ in RETENTION_RULES
        ]
    )
    frames["retention_schedule"] = schedule

    n = org.size["inventory"]
    which = rng.integers(0, len(RETENTION_RULES), n)
    categories = np.array([r[1] for r in RETENTION_RULES])[which]
    systems = np.array([r[6][0] for r in RETENTION_RULES])[which]
    collected = org.audit_date - pd.to_timedelta(rng.integers(30, 365 * 2, n), unit="D")
    last_contact = collected + pd.to_timedelta(rng.integers(0, 25, n), unit="D")
    frame = pd.DataFrame(
        {
            "record_id": [f"REC-{i + 1:07d}" for i in range(n)],
            "system": systems,
            "data_category": categories,
            "subject_ref": subject_refs(rng, n, max(50, n // 2)),
            "collected_at": collected.strftime("%Y-%m-%d"),
            "last_contact_at": last_contact.strftime("%Y-%m-%d"),
            "contract_end_at": "",
            "employment_end_at": "",
            "account_closed_at": "",
            "legal_hold": "no",
            "legal_hold_reference": "",
            "deleted_at": "",
        }
    )
    frames["data_inventory"] = frame
