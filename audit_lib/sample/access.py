"""Sample access-rights registers: HR roster, systems, access reviews and a year of access events."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .org import DEPARTMENTS, SYSTEMS, Organisation


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("access")
    staff = org.size["staff"]
    users = [f"U{i + 1:05d}" for i in range(staff)]
    start = pd.Timestamp("2015-01-05") + pd.to_timedelta(rng.integers(0, 3000, staff), unit="D")
    roster = pd.DataFrame(
        {
            "user_id": users,
            "department": rng.choice(DEPARTMENTS, staff),
            "employment_start": start.strftime("%Y-%m-%d"),
            "employment_end": "",
        }
    )
    frames["hr_roster"] = roster
    frames["systems"] = pd.DataFrame(
        [{"system": s, "holds_personal_data": "yes" if p else "no", "owner": o} for s, p, o in SYSTEMS]
    )
    reviews = []
    for i, (system, _, _) in enumerate(SYSTEMS):
        reviews.append(
            {
                "review_id": f"REV-{i + 1:03d}",
                "system": system,
                "reviewed_at": (org.audit_date - pd.Timedelta(days=int(rng.integers(10, 150)))).strftime("%Y-%m-%d"),
                "reviewer_id": users[int(rng.integers(0, staff))],
            }
        )
    frames["access_reviews"] = pd.DataFrame(reviews)

    # grants at the start of the period, then reads and logins during working hours
    system_names = [s for s, _, _ in SYSTEMS]
    pairs = [(u, system_names[int(k)]) for u in users for k in rng.choice(len(system_names), 2, replace=False)]
    grant_time = org.period_start - pd.Timedelta(days=30) + pd.Timedelta(hours=9)
    grants = pd.DataFrame(
        {
            "timestamp": grant_time,
            "user_id": [u for u, _ in pairs],
            "system": [s for _, s in pairs],
            "action": "grant",
            "privilege": "standard",
            "ticket_id": [f"TCK-{i + 1:06d}" for i in range(len(pairs))],
            "requester_id": [u for u, _ in pairs],
            "approver_id": "U00001",
            "approved_at": grant_time - pd.Timedelta(hours=2),
        }
    )
    n = org.size["events"] - len(grants)
    which = rng.integers(0, len(pairs), n)
    days = rng.integers(0, 360, n)
    day = pd.DatetimeIndex(org.period_start + pd.to_timedelta(days, unit="D"))
    day = day + pd.to_timedelta(np.where(day.dayofweek >= 5, 2, 0), unit="D")
    stamp = day + pd.to_timedelta(rng.integers(8 * 3600, 18 * 3600, n), unit="s")
    accesses = pd.DataFrame(
        {
            "timestamp": stamp,
            "user_id": [pairs[k][0] for k in which],
            "system": [pairs[k][1] for k in which],
            "action": rng.choice(["login", "read", "export"], n, p=[0.4, 0.55, 0.05]),
        }
    )
    events = pd.concat([grants, accesses], ignore_index=True).sort_values("timestamp", kind="mergesort")
    events.insert(0, "event_id", [f"EV-{i + 1:08d}" for i in range(len(events))])
    events["timestamp"] = events["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    events["approved_at"] = pd.to_datetime(events["approved_at"]).dt.strftime("%Y-%m-%dT%H:%M:%S").fillna("")
    frames["access_log"] = events.fillna("")
