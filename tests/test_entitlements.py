"""Tests for audit_lib.entitlements: intervals and open-at-access checks (rules.md ACC)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_lib.entitlements import (
    INTERVAL_COLUMNS,
    EventCodes,
    entitlement_intervals,
    last_access,
    open_at,
    open_entitlements,
)

T0 = pd.Timestamp("2024-03-01 09:00:00")


def log(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    """Log from (event_id, timestamp, user_id, system, action) tuples, typed like the loader."""
    frame = pd.DataFrame(rows, columns=["event_id", "timestamp", "user_id", "system", "action"])
    frame["timestamp"] = pd.to_datetime(frame["timestamp"])
    return frame.astype({"event_id": "str", "user_id": "str", "system": "str", "action": "str"})


def empty_log() -> pd.DataFrame:
    return log().astype({"timestamp": "datetime64[s]"})


def rows_of(intervals: pd.DataFrame) -> list[tuple]:
    """Intervals as plain tuples, NaT/NA as None, for exact comparison."""
    return [
        tuple(None if pd.isna(v) else v for v in row)
        for row in intervals[INTERVAL_COLUMNS].itertuples(index=False)
    ]


# --- entitlement_intervals -------------------------------------------------------------------


def test_grant_then_revoke_gives_one_closed_interval():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-05 17:00", "u1", "crm", "revoke"),
    )
    assert rows_of(entitlement_intervals(events)) == [
        (
            "u1",
            "crm",
            pd.Timestamp("2024-03-01 09:00"),
            "e1",
            pd.Timestamp("2024-03-05 17:00"),
            "e2",
        )
    ]


def test_grant_without_revoke_stays_open():
    intervals = entitlement_intervals(log(("e1", "2024-03-01 09:00", "u1", "crm", "grant")))
    assert rows_of(intervals) == [("u1", "crm", pd.Timestamp("2024-03-01 09:00"), "e1", None, None)]
    assert intervals["closed_at"].isna().all()


def test_second_grant_while_open_changes_nothing():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "grant"),
        ("e3", "2024-03-03 09:00", "u1", "crm", "revoke"),
    )
    assert rows_of(entitlement_intervals(events)) == [
        (
            "u1",
            "crm",
            pd.Timestamp("2024-03-01 09:00"),
            "e1",
            pd.Timestamp("2024-03-03 09:00"),
            "e3",
        )
    ]


def test_revoke_with_nothing_open_is_ignored():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "revoke"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "grant"),
        ("e3", "2024-03-03 09:00", "u1", "crm", "revoke"),
        ("e4", "2024-03-04 09:00", "u1", "crm", "revoke"),
    )
    assert rows_of(entitlement_intervals(events)) == [
        (
            "u1",
            "crm",
            pd.Timestamp("2024-03-02 09:00"),
            "e2",
            pd.Timestamp("2024-03-03 09:00"),
            "e3",
        )
    ]


def test_regrant_after_revoke_opens_a_second_interval():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "revoke"),
        ("e3", "2024-03-03 09:00", "u1", "crm", "grant"),
    )
    assert rows_of(entitlement_intervals(events)) == [
        (
            "u1",
            "crm",
            pd.Timestamp("2024-03-01 09:00"),
            "e1",
            pd.Timestamp("2024-03-02 09:00"),
            "e2",
        ),
        ("u1", "crm", pd.Timestamp("2024-03-03 09:00"), "e3", None, None),
    ]


def test_interleaved_users_and_systems_are_separate_and_sorted():
    events = log(
        ("e1", "2024-03-01 09:00", "u2", "hr", "grant"),
        ("e2", "2024-03-01 10:00", "u1", "hr", "grant"),
        ("e3", "2024-03-01 11:00", "u1", "crm", "grant"),
        ("e4", "2024-03-02 09:00", "u2", "hr", "revoke"),
        ("e5", "2024-03-02 10:00", "u1", "crm", "revoke"),  # closes u1/crm only
        ("e6", "2024-03-03 09:00", "u2", "crm", "revoke"),  # nothing open for u2/crm
    )
    assert rows_of(entitlement_intervals(events)) == [
        (
            "u1",
            "crm",
            pd.Timestamp("2024-03-01 11:00"),
            "e3",
            pd.Timestamp("2024-03-02 10:00"),
            "e5",
        ),
        ("u1", "hr", pd.Timestamp("2024-03-01 10:00"), "e2", None, None),
        (
            "u2",
            "hr",
            pd.Timestamp("2024-03-01 09:00"),
            "e1",
            pd.Timestamp("2024-03-02 09:00"),
            "e4",
        ),
    ]


def test_input_row_order_does_not_matter_except_for_equal_timestamps():
    events = log(
        ("e3", "2024-03-03 09:00", "u1", "crm", "revoke"),
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "grant"),
    )
    assert rows_of(entitlement_intervals(events)) == [
        (
            "u1",
            "crm",
            pd.Timestamp("2024-03-01 09:00"),
            "e1",
            pd.Timestamp("2024-03-03 09:00"),
            "e3",
        )
    ]


def test_equal_timestamps_follow_input_row_order():
    t = "2024-03-01 09:00"
    grant_then_revoke = log(("e1", t, "u1", "crm", "grant"), ("e2", t, "u1", "crm", "revoke"))
    revoke_then_grant = log(("e2", t, "u1", "crm", "revoke"), ("e1", t, "u1", "crm", "grant"))
    ts = pd.Timestamp(t)
    # Empty interval [t, t): recorded, but open at no instant.
    assert rows_of(entitlement_intervals(grant_then_revoke)) == [("u1", "crm", ts, "e1", ts, "e2")]
    # The revoke comes first with nothing open: ignored.
    assert rows_of(entitlement_intervals(revoke_then_grant)) == [
        ("u1", "crm", ts, "e1", None, None)
    ]


def test_rows_that_cannot_be_placed_are_skipped():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", None, "u1", "crm", "revoke"),
        ("e3", "2024-03-02 09:00", None, "crm", "revoke"),
        ("e4", "2024-03-02 09:00", "u1", "crm", "unknown"),
    )
    assert rows_of(entitlement_intervals(events)) == [
        ("u1", "crm", pd.Timestamp("2024-03-01 09:00"), "e1", None, None)
    ]


def test_intervals_keep_dtypes_of_the_log():
    events = log(("e1", "2024-03-01 09:00", "u1", "crm", "grant"))
    events["timestamp"] = events["timestamp"].dt.tz_localize("Europe/Paris")
    events["event_id"] = [7]
    intervals = entitlement_intervals(events)
    assert intervals["opened_at"].dtype == events["timestamp"].dtype
    assert intervals["closed_at"].dtype == events["timestamp"].dtype
    assert intervals["grant_event_id"].tolist() == [7]
    assert intervals["revoke_event_id"].isna().all()


def test_empty_log_gives_empty_intervals_with_the_columns():
    intervals = entitlement_intervals(empty_log())
    assert intervals.empty
    assert list(intervals.columns) == INTERVAL_COLUMNS


def test_untyped_empty_frame_is_accepted():
    frame = pd.DataFrame(columns=["event_id", "timestamp", "user_id", "system", "action"])
    assert entitlement_intervals(frame).empty
    assert open_at(frame).empty
    assert last_access(frame).empty


def test_string_timestamps_are_refused():
    frame = pd.DataFrame(
        {
            "event_id": ["e1"],
            "timestamp": ["2024-03-01"],
            "user_id": ["u1"],
            "system": ["crm"],
            "action": ["grant"],
        }
    )
    with pytest.raises(TypeError, match="datetime64"):
        entitlement_intervals(frame)


# --- open_at (ACC-005) -----------------------------------------------------------------------


def test_acc005_access_at_the_grant_second_is_open():
    events = log(
        ("e1", "2024-03-01 09:00:00", "u1", "crm", "read"),  # row before the grant, same second
        ("e2", "2024-03-01 09:00:00", "u1", "crm", "grant"),
        ("e3", "2024-03-01 09:00:00", "u1", "crm", "login"),
    )
    assert open_at(events).to_dict() == {0: True, 2: True}


def test_acc005_access_at_the_revoke_second_and_after_is_closed():
    events = log(
        ("e1", "2024-03-01 09:00:00", "u1", "crm", "grant"),
        ("e2", "2024-03-05 16:59:59", "u1", "crm", "read"),
        ("e3", "2024-03-05 17:00:00", "u1", "crm", "export"),
        ("e4", "2024-03-05 17:00:00", "u1", "crm", "revoke"),
        ("e5", "2024-03-05 17:00:01", "u1", "crm", "login"),
    )
    assert open_at(events).to_dict() == {1: True, 2: False, 4: False}


def test_acc005_access_before_any_grant_is_closed():
    events = log(
        ("e1", "2024-03-01 08:59:59", "u1", "crm", "login"),
        ("e2", "2024-03-01 09:00:00", "u1", "crm", "grant"),
    )
    assert open_at(events).to_dict() == {0: False}


def test_acc005_second_grant_does_not_survive_the_revoke():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "grant"),
        ("e3", "2024-03-03 09:00", "u1", "crm", "revoke"),
        ("e4", "2024-03-04 09:00", "u1", "crm", "read"),
    )
    assert open_at(events).to_dict() == {3: False}


def test_acc005_ignored_revoke_does_not_close_a_later_grant():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "revoke"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "grant"),
        ("e3", "2024-03-03 09:00", "u1", "crm", "read"),
    )
    assert open_at(events).to_dict() == {2: True}


def test_acc005_regrant_reopens():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "revoke"),
        ("e3", "2024-03-02 12:00", "u1", "crm", "read"),
        ("e4", "2024-03-03 09:00", "u1", "crm", "grant"),
        ("e5", "2024-03-03 09:00", "u1", "crm", "read"),
    )
    assert open_at(events).to_dict() == {2: False, 4: True}


def test_acc005_same_second_grant_then_revoke_is_closed_revoke_then_grant_is_open():
    t = "2024-03-02 09:00"
    before = ("e0", "2024-03-01 09:00", "u1", "crm", "grant")
    read = ("e9", t, "u1", "crm", "read")
    grant, revoke = ("e1", t, "u1", "crm", "grant"), ("e2", t, "u1", "crm", "revoke")
    assert open_at(log(before, grant, revoke, read)).tolist() == [False]
    assert open_at(log(before, revoke, grant, read)).tolist() == [True]
    assert open_at(log(read, before, revoke, grant)).tolist() == [True]


def test_acc005_interleaved_users_and_systems():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-01 10:00", "u2", "crm", "read"),  # u2 has no crm grant
        ("e3", "2024-03-01 10:00", "u1", "hr", "read"),  # u1 has no hr grant
        ("e4", "2024-03-01 10:00", "u1", "crm", "read"),
        ("e5", "2024-03-01 11:00", "u2", "hr", "grant"),
        ("e6", "2024-03-01 12:00", "u2", "crm", "revoke"),  # ignored
        ("e7", "2024-03-01 12:00", "u2", "hr", "export"),
        ("e8", "2024-03-01 13:00", "u1", "crm", "revoke"),
        ("e9", "2024-03-01 14:00", "u1", "crm", "export"),
    )
    assert open_at(events).to_dict() == {1: False, 2: False, 3: True, 6: True, 8: False}


def test_open_at_keeps_the_input_index_and_order():
    events = log(
        ("e1", "2024-03-02 09:00", "u1", "crm", "read"),
        ("e2", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e3", "2024-02-01 09:00", "u1", "crm", "read"),
    )
    events.index = pd.Index([30, 10, 20])
    result = open_at(events)
    assert result.index.tolist() == [30, 20]
    assert result.tolist() == [True, False]
    assert result.dtype == bool


def test_access_mask_selects_the_rows_to_judge():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-02 09:00", "u1", "crm", "read"),
        ("e3", "2024-03-03 09:00", "u1", "crm", "export"),
        ("e4", "2024-03-04 09:00", "u1", "crm", "revoke"),
    )
    mask = events["action"].eq("export") | events["action"].eq("revoke")
    assert open_at(events, access_mask=mask).to_dict() == {2: True, 3: False}


def test_access_rows_that_cannot_be_placed_are_not_open():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", None, "u1", "crm", "read"),
        ("e3", "2024-03-02 09:00", "u1", None, "read"),
    )
    assert open_at(events).to_dict() == {1: False, 2: False}


def test_open_at_on_empty_logs():
    assert open_at(empty_log()).empty
    no_access = log(("e1", "2024-03-01 09:00", "u1", "crm", "grant"))
    assert open_at(no_access).empty
    only_access = log(("e1", "2024-03-01 09:00", "u1", "crm", "read"))
    assert open_at(only_access).tolist() == [False]


# --- open_entitlements -----------------------------------------------------------------------


def test_open_entitlements_boundaries():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "grant"),
        ("e2", "2024-03-05 17:00", "u1", "crm", "revoke"),
        ("e3", "2024-03-02 09:00", "u2", "crm", "grant"),
    )
    intervals = entitlement_intervals(events)

    def open_users(at: str) -> list[str]:
        return open_entitlements(intervals, pd.Timestamp(at))["user_id"].tolist()

    assert open_users("2024-03-01 08:59:59") == []
    assert open_users("2024-03-01 09:00") == ["u1"]
    assert open_users("2024-03-05 16:59:59") == ["u1", "u2"]
    assert open_users("2024-03-05 17:00") == ["u2"]
    assert open_entitlements(entitlement_intervals(empty_log()), T0).empty


# --- last_access (ACC-009) -------------------------------------------------------------------


def test_last_access_per_user_and_system():
    events = log(
        ("e1", "2024-03-01 09:00", "u1", "crm", "read"),
        ("e2", "2024-03-04 09:00", "u1", "crm", "login"),
        ("e3", "2024-03-02 09:00", "u1", "crm", "export"),
        ("e4", "2024-03-09 09:00", "u1", "crm", "grant"),  # not an access
        ("e5", "2024-03-03 09:00", "u2", "crm", "read"),
        ("e6", "2024-03-01 09:00", "u1", "hr", "read"),
        ("e7", "2024-03-08 09:00", "u3", "hr", "revoke"),
    )
    result = last_access(events)
    assert list(result.columns) == ["user_id", "system", "last_access_at"]
    assert list(result.itertuples(index=False, name=None)) == [
        ("u1", "crm", pd.Timestamp("2024-03-04 09:00")),
        ("u1", "hr", pd.Timestamp("2024-03-01 09:00")),
        ("u2", "crm", pd.Timestamp("2024-03-03 09:00")),
    ]


def test_last_access_on_empty_log():
    result = last_access(empty_log())
    assert result.empty
    assert list(result.columns) == ["user_id", "system", "last_access_at"]


# --- property test against a slow reference ---------------------------------------------------


def reference_intervals(events: pd.DataFrame) -> list[tuple]:
    """Obviously-correct reconstruction: a Python loop over each (user, system)'s events."""
    records = sorted(
        events.itertuples(index=False),
        key=lambda e: (e.user_id, e.system, e.timestamp),  # sorted() is stable: row order on ties
    )
    intervals: list[list] = []
    current: list | None = None
    key = None
    for e in records:
        if (e.user_id, e.system) != key:
            key, current = (e.user_id, e.system), None
        if e.action == "grant" and current is None:
            current = [e.user_id, e.system, e.timestamp, e.event_id, None, None]
            intervals.append(current)
        elif e.action == "revoke" and current is not None:
            current[4], current[5] = e.timestamp, e.event_id
            current = None
    return [tuple(i) for i in intervals]


def reference_open_at(events: pd.DataFrame) -> dict:
    intervals = reference_intervals(events)
    result = {}
    for label, e in events.iterrows():
        if e.action in ("login", "read", "export"):
            result[label] = any(
                u == e.user_id
                and s == e.system
                and opened <= e.timestamp
                and (closed is None or e.timestamp < closed)
                for u, s, opened, _, closed, _ in intervals
            )
    return result


event_rows = st.lists(
    st.tuples(
        st.sampled_from(["u1", "u2"]),
        st.sampled_from(["crm", "hr"]),
        st.integers(min_value=0, max_value=6),  # few distinct seconds: many ties
        st.sampled_from(["grant", "revoke", "login", "read", "export"]),
    ),
    max_size=30,
)


def generated_log(
    rows: list[tuple], shuffle_index: bool, categorical: bool = False
) -> pd.DataFrame:
    events = log(
        *[
            (f"e{i}", T0 + pd.Timedelta(seconds=offset), user, system, action)
            for i, (user, system, offset, action) in enumerate(rows)
        ]
    )
    if events.empty:
        events = empty_log()
    if shuffle_index:
        events.index = pd.Index(np.arange(len(events))[::-1] * 7)
    if categorical:  # as the loader reads the repeated columns and typing sorts their categories
        events = events.astype({name: "category" for name in ("user_id", "system", "action")})
    return events


@settings(max_examples=300, deadline=None)
@given(rows=event_rows, shuffle_index=st.booleans(), categorical=st.booleans())
def test_matches_the_reference_on_generated_logs(rows, shuffle_index, categorical):
    events = generated_log(rows, shuffle_index, categorical)
    assert rows_of(entitlement_intervals(events)) == sorted(
        reference_intervals(events), key=lambda i: (i[0], i[1], i[2])
    )
    assert open_at(events).to_dict() == reference_open_at(events)
    result = open_at(events)
    expected_index = events.index[events["action"].isin(["login", "read", "export"])]
    assert result.index.equals(expected_index)


rows_with_missing_users = st.lists(
    st.tuples(
        st.sampled_from(["u1", "u2", "u3", None]),
        st.sampled_from(["crm", "hr"]),
        st.integers(min_value=0, max_value=6),
        st.sampled_from(["grant", "revoke", "login", "read", "export"]),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(
    rows=rows_with_missing_users,
    chosen=st.lists(st.booleans(), min_size=30, max_size=30),
    users=st.sets(st.sampled_from(["u1", "u2", "u3"])),
    categorical=st.booleans(),
)
def test_the_shared_codes_give_the_same_answers_as_the_frame(rows, chosen, users, categorical):
    """What the access rules ask with one `EventCodes` of the log (a row mask, a set of users)
    is what the same question asked of a filtered frame answers; a row without a user is never
    chosen."""
    events = generated_log(rows, shuffle_index=False, categorical=categorical)
    codes = EventCodes.of(events)
    assert open_at(events, codes=codes).equals(open_at(events))
    mask = np.array(chosen[: len(events)], dtype=bool)
    expected = last_access(events.loc[mask]).reset_index(drop=True)
    assert last_access(events, codes=codes, rows=mask).equals(expected)
    wanted = np.asarray(codes.users.isin(sorted(users)), dtype=bool)
    expected_rows = events["user_id"].isin(sorted(users)).fillna(False).to_numpy(dtype=bool)
    assert (codes.rows_of_users(wanted) == expected_rows).all()
