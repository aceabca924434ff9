"""Entitlement reconstruction from the access log (rules.md ACC, GDPR Art. 5(1)(f) and Art. 32).

An entitlement is a (user_id, system) interval ``[grant, revoke)``: opened by a ``grant`` (its
timestamp included), closed by the next ``revoke`` for the same user and system (its timestamp
excluded), or still open. A second ``grant`` while one is open changes nothing; a ``revoke`` with
nothing open is ignored.

Conventions shared by every function here:

- Events with the same timestamp for the same (user_id, system) are processed in the order of the
  input rows (stable sort). ``grant`` then ``revoke`` in the same second gives an empty interval
  ``[t, t)``; ``revoke`` then ``grant`` closes the old interval and opens a new one at ``t``.
- Whether an entitlement is open at ``t`` depends only on the intervals: it is the state after every
  grant/revoke timestamped ``<= t``, whatever the row order of the access event among them.
- Rows with a missing ``timestamp``, ``user_id`` or ``system`` cannot be placed and are skipped
  (they are data-quality findings of the schema, not ACC findings). Actions are matched after
  stripping and lower-casing; other actions are ignored.
- Nothing is filtered on ``audit_date``: events timestamped after it are the caller's business.

Everything is vectorised (factorize + stable sort + shift + ``pd.merge_asof``); there is no Python
loop per event or per (user, system). Each function takes the log's :class:`EventCodes` when the
caller has them (``codes``, aligned with the rows of ``events``), and factorises itself otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import is_datetime64_any_dtype, is_integer_dtype

ACCESS_ACTIONS = ("login", "read", "export")
INTERVAL_COLUMNS = [
    "user_id",
    "system",
    "opened_at",
    "grant_event_id",
    "closed_at",
    "revoke_event_id",
]

_OTHER, _GRANT, _REVOKE, _ACCESS = 0, 1, 2, 3


def _timestamps(events: pd.DataFrame) -> pd.Series:
    """The ``timestamp`` column: datetime64 required (an empty or all-missing one is coerced)."""
    ts = events["timestamp"]
    if is_datetime64_any_dtype(ts.dtype):
        return ts
    if ts.isna().all():
        return ts.astype("datetime64[ns]")
    raise TypeError(f"access_log.timestamp must be datetime64, got {ts.dtype}")


def _action_kinds(events: pd.DataFrame) -> np.ndarray:
    """Per row: _GRANT, _REVOKE, _ACCESS (login/read/export) or _OTHER, as int8."""
    codes, uniques = pd.factorize(events["action"])
    names = pd.Index(uniques, dtype=object).astype(str).str.strip().str.lower()
    lookup = np.full(len(names) + 1, _OTHER, dtype=np.int8)  # last slot: code -1 (missing)
    lookup[: len(names)][names == "grant"] = _GRANT
    lookup[: len(names)][names == "revoke"] = _REVOKE
    lookup[: len(names)][names.isin(ACCESS_ACTIONS)] = _ACCESS
    return lookup[codes]


@dataclass(frozen=True)
class EventCodes:
    """Per row of a log: user and system as integer codes that sort as the values do, and the action
    kind. Computed once (`EventCodes.of`) and passed to the functions below, so that a rule set does
    not hash the same 5M user ids and systems again for each question it asks."""

    user: np.ndarray
    system: np.ndarray
    n_systems: int
    kind: np.ndarray
    users: pd.Index  # the distinct user ids, sorted: ``users[user[i]]`` is row i's user_id

    @classmethod
    def of(cls, events: pd.DataFrame) -> EventCodes:
        user, users = pd.factorize(events["user_id"], sort=True)
        system, systems = pd.factorize(events["system"], sort=True)
        # kept for the whole rule set: in the smallest integer type that holds them (5M rows:
        # 40 MB instead of 80 MB for the two)
        return cls(
            user.astype(np.min_scalar_type(-len(users) - 1)),
            system.astype(np.min_scalar_type(-len(systems) - 1)),
            max(len(systems), 1),
            _action_kinds(events),
            pd.Index(users),
        )

    def rows_of_users(self, chosen: np.ndarray) -> np.ndarray:
        """Bool array over the log's rows: the row's user is chosen (`chosen`: one bool per
        ``users``). A row without a user_id is never chosen. No string is hashed again."""
        lookup = np.zeros(len(self.users) + 1, dtype=bool)  # last slot: code -1 (missing)
        lookup[: len(self.users)] = chosen
        return lookup[self.user]


@dataclass(frozen=True)
class _Keys:
    """Selected rows that can be placed, as parallel integer arrays.

    ``pos``: row position in ``events``; ``group``: one code per (user_id, system), increasing
    with (user_id, system) when ``sort``; ``ts``: timestamp as int64 in the column's unit (UTC
    epoch for a tz-aware column).
    """

    pos: np.ndarray
    group: np.ndarray
    ts: np.ndarray

    def take(self, idx: np.ndarray) -> _Keys:
        return _Keys(self.pos[idx], self.group[idx], self.ts[idx])


def _keyed(
    events: pd.DataFrame,
    ts: pd.Series,
    rows: np.ndarray,
    sort: bool = True,
    codes: EventCodes | None = None,
) -> _Keys:
    """The ``rows`` of ``events`` with a timestamp, a user_id and a system, as :class:`_Keys`."""
    pos = np.flatnonzero(rows & ts.notna().to_numpy())
    if codes is not None:  # sorted codes of the whole log: (user, system) order is kept
        user_codes, system_codes, n_systems = codes.user[pos], codes.system[pos], codes.n_systems
    else:
        user_codes, _ = pd.factorize(events["user_id"].iloc[pos], sort=sort)
        system_codes, systems = pd.factorize(events["system"].iloc[pos], sort=sort)
        n_systems = max(len(systems), 1)
    placed = (user_codes >= 0) & (system_codes >= 0)
    group = user_codes.astype(np.int64)
    group *= n_systems
    group += system_codes
    del user_codes, system_codes
    if not placed.all():  # else no copy: a large log is usually complete
        pos, group = pos[placed], group[placed]
    return _Keys(pos, group, _ticks(ts, pos))


def _ticks(ts: pd.Series, pos: np.ndarray) -> np.ndarray:
    """The timestamps at ``pos`` as int64 in the column's unit (UTC epoch when tz-aware)."""
    if isinstance(ts.dtype, np.dtype):  # naive datetime64: a view, then one copy of the rows
        return ts.to_numpy().view("int64")[pos]
    return ts.iloc[pos].astype("int64").to_numpy()


def _stable_group_time_order(keys: _Keys) -> np.ndarray:
    """Indices ordering ``keys`` by (group, ts); ties keep the input row order (stable sort)."""
    return np.lexsort((keys.ts, keys.group))


def _missing_able(values: pd.Series) -> pd.Series:
    """An integer id column as nullable ``Int64`` so that a missing id does not turn it to float."""
    if is_integer_dtype(values.dtype) and not isinstance(
        values.dtype, pd.api.extensions.ExtensionDtype
    ):
        return values.astype("Int64")
    return values


def entitlement_intervals(events: pd.DataFrame, codes: EventCodes | None = None) -> pd.DataFrame:
    """Reconstruct entitlement intervals ``[opened_at, closed_at)`` from grant/revoke events (ACC).

    One row per interval: ``user_id, system, opened_at, grant_event_id, closed_at`` (NaT while
    still open) and ``revoke_event_id`` (missing while open), sorted by user_id, system, opened_at.
    ``opened_at`` / ``grant_event_id`` are those of the grant that opened the interval (a second
    grant while open is ignored); the closing revoke is the first revoke after it.
    """
    ts = _timestamps(events)
    kinds = codes.kind if codes is not None else _action_kinds(events)
    keys = _keyed(events, ts, (kinds == _GRANT) | (kinds == _REVOKE), codes=codes)
    keys = keys.take(_stable_group_time_order(keys))

    is_grant = kinds[keys.pos] == _GRANT
    open_before = np.zeros(len(keys.pos), dtype=bool)  # state just before each event
    open_before[1:] = (keys.group[1:] == keys.group[:-1]) & is_grant[:-1]

    # After any grant the state is open, after any revoke closed. So the events that change the
    # state alternate within a group: opener, closer, opener, ..., maybe a last opener left open.
    opens = is_grant & ~open_before
    changes = opens | (~is_grant & open_before)
    change_pos, change_group, change_opens = keys.pos[changes], keys.group[changes], opens[changes]

    opener = np.flatnonzero(change_opens)
    closer = opener + 1
    has_close = closer < len(change_pos)
    has_close[has_close] = change_group[closer[has_close]] == change_group[opener[has_close]]
    open_pos = change_pos[opener]
    close_pos = np.where(has_close, change_pos[np.where(has_close, closer, opener)], 0)

    def taken(column: pd.Series, positions: np.ndarray) -> pd.Series:
        return column.iloc[positions].reset_index(drop=True)

    event_ids = _missing_able(events["event_id"])
    return pd.DataFrame(
        {
            "user_id": taken(events["user_id"], open_pos),
            "system": taken(events["system"], open_pos),
            "opened_at": taken(ts, open_pos),
            "grant_event_id": taken(event_ids, open_pos),
            "closed_at": taken(ts, close_pos).where(has_close),
            "revoke_event_id": taken(event_ids, close_pos).where(has_close),
        },
        columns=INTERVAL_COLUMNS,
    )


def _access_rows(
    events: pd.DataFrame, kinds: np.ndarray, access_mask: pd.Series | None
) -> np.ndarray:
    """Boolean array over the rows of ``events``: the access events to judge."""
    if access_mask is None:
        return kinds == _ACCESS
    if not access_mask.index.equals(events.index):
        access_mask = access_mask.reindex(events.index)
    return access_mask.fillna(False).astype(bool).to_numpy()


def open_at(
    events: pd.DataFrame,
    access_mask: pd.Series | None = None,
    codes: EventCodes | None = None,
) -> pd.Series:
    """Whether an entitlement was open for each access event's user and system at its timestamp.

    Judges the login/read/export rows, or the rows where ``access_mask`` (aligned on the index of
    ``events``) is true. Open means ``opened_at <= timestamp < closed_at``: a grant in that same
    second counts as open, a revoke in that same second as closed (ACC-005). Returns a bool Series
    indexed like the judged rows, in input order; a row that cannot be placed (missing timestamp,
    user_id or system) is ``False``.
    """
    ts = _timestamps(events)
    codes = codes if codes is not None else EventCodes.of(events)  # one coding for both sides
    kinds = codes.kind
    judged = _access_rows(events, kinds, access_mask)
    is_change = (kinds == _GRANT) | (kinds == _REVOKE)

    # The state after each (group, second) is set by its last grant/revoke in input order.
    state = _keyed(events, ts, is_change, codes=codes)
    state = state.take(_stable_group_time_order(state))
    last_of_second = np.ones(len(state.pos), dtype=bool)
    last_of_second[:-1] = (state.group[1:] != state.group[:-1]) | (state.ts[1:] != state.ts[:-1])
    state = state.take(np.flatnonzero(last_of_second))

    state = _by_time(state)  # (group, ts) now unique: any order by time will do
    right = pd.DataFrame(
        {"ts": state.ts, "group": state.group, "open": (kinds[state.pos] == _GRANT).view(np.int8)},
        copy=False,
    )

    # each access is judged alone: any order by time will do (the log's own, usually)
    access = _by_time(_keyed(events, ts, judged, codes=codes))
    left = pd.DataFrame({"ts": access.ts, "group": access.group}, copy=False)
    # backward + exact matches: the state after every grant/revoke at or before the access.
    matched = pd.merge_asof(left, right, on="ts", by="group", allow_exact_matches=True)
    result = np.zeros(len(events), dtype=bool)
    result[access.pos] = (matched["open"] == 1).to_numpy()  # no change before it: NaN
    return pd.Series(result[judged], index=events.index[judged], name="entitlement_open")


def _by_time(keys: _Keys) -> _Keys:
    """``keys`` in timestamp order, left as they are when already so (a log is usually written in
    time order: 5M accesses are checked in 10 ms, not sorted and copied in 0.2 s)."""
    if len(keys.ts) < 2 or bool((keys.ts[1:] >= keys.ts[:-1]).all()):
        return keys
    return keys.take(np.argsort(keys.ts, kind="stable"))


def open_entitlements(intervals: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    """Intervals open at ``at``: ``opened_at <= at`` and (``closed_at`` is NaT or ``> at``).

    ``intervals`` is the output of :func:`entitlement_intervals`; its index is kept. ``at`` must
    match the timezone-awareness of the timestamps (ACC-004, ACC-009 use ``audit_date``).
    """
    at = pd.Timestamp(at)
    closed_at = intervals["closed_at"]
    is_open = (intervals["opened_at"] <= at) & (closed_at.isna() | (closed_at > at))
    return intervals.loc[is_open]


def last_access(
    events: pd.DataFrame, codes: EventCodes | None = None, rows: np.ndarray | None = None
) -> pd.DataFrame:
    """Per (user_id, system) the timestamp of the last login/read/export (ACC-009 dormant access).

    Columns ``user_id, system, last_access_at``, one row per pair with at least one placed access
    event, sorted by user_id, system. Only the rows where ``rows`` (a bool array over the rows of
    ``events``) is true are looked at, when given. Events after ``audit_date`` are not filtered out
    here.
    """
    ts = _timestamps(events)
    kinds = codes.kind if codes is not None else _action_kinds(events)
    accesses = kinds == _ACCESS if rows is None else (kinds == _ACCESS) & rows
    keys = _keyed(events, ts, accesses, codes=codes)
    latest = pd.Series(keys.ts).groupby(keys.group, sort=True).idxmax().to_numpy(dtype=np.intp)
    last_pos = keys.pos[latest]
    return pd.DataFrame(
        {
            "user_id": events["user_id"].iloc[last_pos].reset_index(drop=True),
            "system": events["system"].iloc[last_pos].reset_index(drop=True),
            "last_access_at": ts.iloc[last_pos].reset_index(drop=True),
        }
    )
