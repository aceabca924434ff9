"""Which consent, objection and withdrawal stand for each direct-marketing send (rules.md MKT).

A preference event *covers* a send when it is for the same ``subject_ref`` and its ``channel`` is
empty (every channel) or the send's channel. Events are ordered by ``at``, then by their row in the
file. For a send S at ``sent_at``:

- its *consent* G is the latest covering ``consent_given`` at or before ``sent_at``;
- its *objection* is the earliest covering ``objection`` after G in event order (after the start of
  the log when there is no G) and at or before ``sent_at``: a new consent lifts an objection, a
  second objection while one stands changes nothing;
- its *withdrawal* is, in the same way, the earliest covering ``consent_withdrawn`` after G.

Everything is vectorised, on the model of :mod:`audit_lib.entitlements`: subjects and channels are
coded once, each event that covers every channel is repeated once per channel the sends use, the
events are sorted once per (subject, channel). Whether a send has a consent is a lookup of the
first covering consent of its (subject, channel). For the sends to people who ever objected or
withdrew, three running scans give for each event position the last consent up to it and the
next objection and withdrawal from it, and one ``pd.merge_asof`` gives for each send the last
covering event at or before it. There is no Python loop over sends or events.

Conventions (the rules module states the ones that are choices):

- Rows that cannot be placed are left out: a send or an event without a timestamp or a
  ``subject_ref``, an event whose ``event`` is empty or unknown (data-quality findings).
- Subjects and channels are compared exactly, after the loader's trimming; ``subject_ref`` is
  already a pseudonym, the same in both registers of a run.
- A send without a channel (or with a channel outside the data contract) is covered by the events
  that name no channel, and by those that name the same unknown value: coverage is equality.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import is_datetime64_any_dtype

from .schemas._fields import arrow_text, text_categories

CONSENT, WITHDRAWAL, OBJECTION = 1, 2, 3
EVENT_KINDS = {"consent_given": CONSENT, "consent_withdrawn": WITHDRAWAL, "objection": OBJECTION}


@dataclass(frozen=True)
class Standing:
    """Per send (aligned with the rows of the sends frame): whether a covering consent was
    recorded at or before it (G exists), and the position in the events frame of its standing
    objection and of its standing withdrawal (-1: none). A send that was not judged has no
    consent and neither."""

    consented: np.ndarray
    objection: np.ndarray
    withdrawal: np.ndarray


def micros(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(int64 microseconds since the epoch, bool: the value is there) of a datetime column."""
    if not is_datetime64_any_dtype(series.dtype):
        series = pd.to_datetime(series, errors="coerce")
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_localize(None)
    values = series.to_numpy(dtype="datetime64[us]")
    return values.view("int64"), ~np.isnat(values)


def _text(series: pd.Series) -> pa.ChunkedArray:
    """The column as Arrow large strings (nulls where empty), without a copy when it is one."""
    arrow = arrow_text(series)
    if arrow is None:
        arrow = arrow_text(series.astype("str"))
    return arrow.cast(pa.large_string())


def _present(series: pd.Series) -> np.ndarray:
    return series.notna().to_numpy(dtype=bool)


def event_kinds(series: pd.Series) -> np.ndarray:
    """Per row: CONSENT, WITHDRAWAL, OBJECTION, or 0 (empty or unknown), as int8."""
    codes, uniques = pd.factorize(series)
    lookup = np.zeros(len(uniques) + 1, dtype=np.int8)  # last slot: code -1 (missing)
    lookup[: len(uniques)] = [EVENT_KINDS.get(str(value), 0) for value in uniques]
    return lookup[codes]


def _channel_column(frame: pd.DataFrame) -> pd.Series:
    if "channel" in frame.columns:
        return frame["channel"]
    return pd.Series(pd.NA, index=frame.index, dtype="str")


def _codes(values: pa.ChunkedArray, value_set: pa.Array) -> np.ndarray:
    """The position of each value in `value_set` (a null matches a null there), -1 if absent."""
    found = pc.index_in(values, value_set=value_set, skip_nulls=False)
    return pc.fill_null(found, -1).to_numpy().astype(np.int64)


def _distinct(series: pd.Series) -> pa.Array:
    """The distinct values of a text column (a null among them when a cell is empty), as Arrow
    large strings. A categorical (a column whose values repeat) is not expanded to text: its
    categories that occur, then the null -- the order does not matter, the values only key groups.
    """
    categories = text_categories(series)
    if categories is None:
        return pc.unique(_text(series))
    codes = series.cat.codes.to_numpy()
    used = np.unique(codes)
    values = categories.take(used[used >= 0]).tolist()
    if len(used) and used[0] < 0:
        values.append(None)
    return pa.array(values, type=pa.large_string())


def _positions(series: pd.Series, value_set: pa.Array) -> np.ndarray:
    """`_codes` of a text column. A categorical is looked up once per category, then per row by
    its integer code: 10M sends' channels are never turned into 10M strings."""
    categories = text_categories(series)
    if categories is None:
        return _codes(_text(series), value_set)
    per_category = _codes(pa.array(categories.tolist(), type=pa.large_string()), value_set)
    missing = _codes(pa.array([None], type=pa.large_string()), value_set)
    lookup = np.append(per_category, missing)  # last slot: code -1 (an empty cell)
    return lookup[series.cat.codes.to_numpy()]


def standing(
    sends: pd.DataFrame,
    events: pd.DataFrame,
    send_rows: np.ndarray | None = None,
    event_rows: np.ndarray | None = None,
) -> Standing:
    """The consent, objection and withdrawal standing for each send (see the module docstring).

    ``sends``: ``subject_ref``, ``channel``, ``sent_at``; ``events``: ``subject_ref``, ``event``,
    ``at`` and optionally ``channel``. ``send_rows`` / ``event_rows``: bool arrays choosing the
    rows to use (all when None); the others are neither judged nor used.

    Whether a send has a consent needs no join: it is whether the first covering consent of its
    (person, channel) is at or before it. The as-of join that finds the standing objection and
    withdrawal runs only for the sends to people who ever objected or withdrew a consent (in a
    typical log a tenth of the sends).
    """
    n = len(sends)
    consented = np.zeros(n, dtype=bool)
    objection = np.full(n, -1, dtype=np.int64)
    withdrawal = objection.copy()
    result = Standing(consented, objection, withdrawal)
    if n == 0 or len(events) == 0:
        return result

    # ---- events that can be placed, coded by subject
    at_all, at_ok = micros(events["at"])
    kind_all = event_kinds(events["event"])
    usable = at_ok & (kind_all > 0) & _present(events["subject_ref"])
    if event_rows is not None:
        usable &= event_rows
    ev_pos = np.flatnonzero(usable)
    if len(ev_pos) == 0:
        return result
    ev_subjects = _text(events["subject_ref"])
    subjects = pc.unique(ev_subjects.take(pa.array(ev_pos)))
    ev_subject = _codes(ev_subjects, subjects)[ev_pos]
    opted_out = np.zeros(len(subjects), dtype=bool)  # objected or withdrew, at least once
    opted_out[ev_subject[kind_all[ev_pos] != CONSENT]] = True

    # ---- sends that can be placed and whose subject has events, coded by (subject, channel)
    sent_all, sent_ok = micros(sends["sent_at"])
    send_subject = _codes(_text(sends["subject_ref"]), subjects)
    judged = sent_ok & (send_subject >= 0)
    if send_rows is not None:
        judged &= send_rows
    s_pos = np.flatnonzero(judged)
    if len(s_pos) == 0:
        return result
    # every channel value of the sends is a key, an empty channel included
    send_channels = _channel_column(sends)
    channels = _distinct(send_channels)
    width = max(len(channels), 1)
    send_group = send_subject[s_pos] * width + _positions(send_channels, channels)[s_pos]
    named = {value: i for i, value in enumerate(channels.to_pylist()) if value is not None}

    # ---- each event once per channel key it covers: its own channel, or every key when empty
    ev_channel, ev_channels = pd.factorize(_channel_column(events).iloc[ev_pos])
    lookup = np.array([named.get(str(value), -2) for value in ev_channels] + [-1], dtype=np.int64)
    ev_key = lookup[ev_channel]  # -1: every channel; -2: a channel no send uses
    specific = np.flatnonzero(ev_key >= 0)
    every = np.flatnonzero(ev_key == -1)
    which = np.concatenate([specific, np.repeat(every, width)])
    key = np.concatenate([ev_key[specific], np.tile(np.arange(width), len(every))])
    group = ev_subject[which] * width + key
    at = at_all[ev_pos][which]
    row = ev_pos[which]  # the row in the file: second sort key after `at`
    order = np.lexsort((row, at, group))
    group, at, row = group[order], at[order], row[order]
    kind = kind_all[row]
    size = len(group)
    if size == 0:
        return result
    positions = np.arange(size)
    first = np.ones(size, dtype=bool)
    first[1:] = group[1:] != group[:-1]

    # ---- consent: the first covering consent of the send's (subject, channel) at or before it
    consents = np.flatnonzero(kind == CONSENT)
    earliest = np.full(len(subjects) * width, np.iinfo(np.int64).max, dtype=np.int64)
    if len(consents):
        leading = np.ones(len(consents), dtype=bool)
        leading[1:] = group[consents][1:] != group[consents][:-1]
        earliest[group[consents[leading]]] = at[consents[leading]]
    consented[s_pos] = sent_all[s_pos] >= earliest[send_group]

    # ---- objection and withdrawal: only for the sends to people who opted out at least once
    chosen = opted_out[send_subject[s_pos]]
    s_pos, send_group = s_pos[chosen], send_group[chosen]
    if len(s_pos) == 0:
        return result

    # running scans over the events in (group, at, row) order
    group_start = np.maximum.accumulate(np.where(first, positions, 0))
    last_consent = np.maximum.accumulate(np.where(kind == CONSENT, positions, -1))
    last_consent = np.where(last_consent >= group_start, last_consent, -1)

    def next_of(wanted: int) -> np.ndarray:
        """Per position i (and one past the end): the first position >= i holding `wanted`,
        else `size` (a later group's position is rejected by the caller's `<= last` test)."""
        nxt = np.where(kind == wanted, positions, size)
        nxt = np.minimum.accumulate(nxt[::-1])[::-1]
        return np.append(nxt, size)

    next_objection, next_withdrawal = next_of(OBJECTION), next_of(WITHDRAWAL)
    # the last position of each run of events with the same group and `at`
    run_start = first.copy()
    run_start[1:] |= at[1:] != at[:-1]
    starts = np.flatnonzero(run_start)
    run_last = np.append(starts[1:] - 1, size - 1)
    tie_end = run_last[np.cumsum(run_start) - 1]

    # as-of join: for each send, the last covering event at or before it
    left_time = sent_all[s_pos]
    left_order = (
        None
        if bool((left_time[1:] >= left_time[:-1]).all())
        else np.argsort(left_time, kind="stable")
    )
    left = pd.DataFrame(
        {
            "t": left_time if left_order is None else left_time[left_order],
            "g": send_group if left_order is None else send_group[left_order],
        }
    )
    right_order = np.argsort(at, kind="stable")
    right = pd.DataFrame({"t": at[right_order], "g": group[right_order], "p": right_order})
    matched = pd.merge_asof(left, right, on="t", by="g", direction="backward")["p"]
    found = matched.to_numpy(dtype=np.float64, na_value=np.nan)
    last = np.full(len(found), -1, dtype=np.int64)
    hit = ~np.isnan(found)
    last[hit] = tie_end[found[hit].astype(np.int64)]
    if left_order is not None:  # back to the order of s_pos
        unsorted = np.empty_like(last)
        unsorted[left_order] = last
        last = unsorted

    placed = last >= 0
    sp, last = s_pos[placed], last[placed]
    g = last_consent[last]
    start = np.where(g >= 0, g + 1, group_start[last])
    obj = next_objection[start]
    wdr = next_withdrawal[start]
    objection[sp] = np.where(obj <= last, row[np.minimum(obj, size - 1)], -1)
    withdrawal[sp] = np.where(wdr <= last, row[np.minimum(wdr, size - 1)], -1)
    return result
