"""Sample access-rights registers: HR roster, systems, access reviews and a year of access events.

Clean by construction: every grant has a ticket and an approval given before it by two people other
than the requester and the beneficiary (two approvers when privileged); leavers lose every access
on their leaving day or the day after; accesses fall strictly inside an entitlement, on weekdays
between 07:00 and 19:59:59; every entitlement still open at the audit date was used in the last
weeks; every system holding personal data was reviewed within 6 months. Then a violation of every
ACC rule is planted (and listed in `expected`) next to its compliant boundary case.

Everything is generated with numpy arrays (no loop per event or per person), so the large scale
(20k staff, 5M events) builds in seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .org import CHUNK_ROWS, DEPARTMENTS, SYSTEMS, Chunked, Organisation

#: scales whose access log is generated and written chunk by chunk
CHUNKED_SCALES = ("xlarge",)

SERVICE_ACCOUNTS = {"svc-backup": ("ERP", "Data Warehouse"), "svc-etl": ("CRM", "Data Warehouse")}
ORPHAN = "EXT-0042"
PRIVILEGED_SYSTEMS = ("ERP", "Finance Ledger", "HRIS", "Payroll", "Data Warehouse")
RESERVED = 15  # the last staff members: steady employees on whom violations are planted
HOUR = 3600
DAY = 86_400
COLUMNS = [
    "event_id",
    "timestamp",
    "user_id",
    "system",
    "action",
    "privilege",
    "ticket_id",
    "requester_id",
    "approver_id",
    "approved_at",
]


def _day(value: pd.Timestamp) -> int:
    """A date as days since 1970-01-01."""
    return int(np.datetime64(pd.Timestamp(value).date(), "D").astype(np.int64))


def _dow(days: np.ndarray) -> np.ndarray:
    """Day of the week, Monday = 0 (1970-01-01 was a Thursday)."""
    return (np.asarray(days) + 3) % 7


def _weekday_back(days: np.ndarray) -> np.ndarray:
    """Saturday and Sunday moved back to the Friday before."""
    dow = _dow(days)
    return days - np.where(dow == 5, 1, np.where(dow == 6, 2, 0))


def _any_weekday(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Saturday and Sunday moved to a random weekday of the same week (no Friday or Monday peak)."""
    dow = _dow(days)
    return np.where(dow >= 5, days - dow + rng.integers(0, 5, len(days)), days)


def _weekday_forward(days: np.ndarray) -> np.ndarray:
    """Saturday and Sunday moved on to the Monday after."""
    dow = _dow(days)
    return days + np.where(dow == 5, 2, np.where(dow == 6, 1, 0))


def _iso_days(days: np.ndarray) -> np.ndarray:
    out = np.full(len(days), "", dtype=object)
    known = days >= 0
    out[known] = np.datetime_as_string(days[known].astype("datetime64[D]"))
    return out


def _iso_seconds(seconds: np.ndarray) -> pa.Array:
    """Seconds since the epoch -> 'YYYY-MM-DDThh:mm:ss' (empty for -1), built from two lookups."""
    seconds = np.asarray(seconds, dtype=np.int64)
    known = seconds >= 0
    day = np.where(known, seconds // DAY, 0)
    first = int(day[known].min()) if known.any() else 0
    last = int(day[known].max()) if known.any() else 0
    day_text = pa.array(np.datetime_as_string(np.arange(first, last + 1).astype("datetime64[D]")))
    tod = np.arange(DAY)
    time_text = pa.array(
        np.char.add(
            np.char.add(np.char.zfill((tod // HOUR).astype("U2"), 2), ":"),
            np.char.add(
                np.char.add(np.char.zfill((tod // 60 % 60).astype("U2"), 2), ":"),
                np.char.zfill((tod % 60).astype("U2"), 2),
            ),
        )
    )
    text = pc.binary_join_element_wise(
        day_text.take(pa.array(np.clip(day - first, 0, None))),
        time_text.take(pa.array(np.where(known, seconds % DAY, 0))),
        "T",
    )
    return pc.if_else(pa.array(known), text, "")


def _text(values: pa.Array) -> pd.Series:
    """A pyarrow array of text as a pandas string column."""
    return pd.Series(pd.array(values, dtype="str"))


TEXT_COLUMNS = ("user", "system", "action", "privilege", "ticket", "requester", "approver")


def _coded(value, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Text as (codes, vocabulary): a scalar, an array of text, or (codes, vocabulary) as given.

    Large blocks pass codes into a small vocabulary, so that no array of 5M Python strings exists.
    """
    if isinstance(value, tuple):
        codes, vocabulary = value
        return np.asarray(codes, dtype=np.int32), np.asarray(vocabulary, dtype=object)
    array = np.asarray(value, dtype=object)
    if array.ndim == 0:
        return np.zeros(n, dtype=np.int32), np.array([value], dtype=object)
    codes, uniques = pd.factorize(array)
    return codes.astype(np.int32), np.asarray(uniques, dtype=object)


@dataclass
class _Events:
    """Columns of access events gathered block by block, assembled once at the end."""

    blocks: list[dict] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)  # (rule_id, note) per tag code

    def add(self, ts, user, system, action, tag: int | np.ndarray = 0, **grant_fields) -> None:
        self.blocks.append(_block(ts, user, system, action, tag, **grant_fields))

    def tag(self, rule_id: str, note: str) -> int:
        self.tags.append((rule_id, note))
        return len(self.tags)

    def frame(self) -> tuple[pd.DataFrame, np.ndarray]:
        """The log sorted by time (stable), with event ids; and each row's tag."""
        return _frame_of(self.blocks, first_id=1)


def _block(ts, user, system, action, tag: int | np.ndarray = 0, **grant_fields) -> dict:
    ts = np.atleast_1d(np.asarray(ts, dtype=np.int64))
    n = len(ts)
    values = {"user": user, "system": system, "action": action}
    values |= {name: grant_fields.get(name, "") for name in TEXT_COLUMNS[3:]}
    block = {name: _coded(values[name], n) for name in TEXT_COLUMNS}
    approved = np.asarray(grant_fields.get("approved", -1), dtype=np.int64)
    block["ts"] = ts
    block["approved"] = np.full(n, approved) if approved.ndim == 0 else approved
    block["tag"] = np.broadcast_to(np.asarray(tag, dtype=np.int32), (n,))
    return block


def _rows_of(block: dict, keep: np.ndarray) -> dict:
    """The rows of a block where `keep` holds."""
    out = {name: (block[name][0][keep], block[name][1]) for name in TEXT_COLUMNS}
    out |= {name: block[name][keep] for name in ("ts", "approved", "tag")}
    return out


def _column(blocks: list[dict], name: str, order: np.ndarray) -> pa.Array:
    offsets = np.cumsum([0] + [len(b[name][1]) for b in blocks])
    codes = np.concatenate([b[name][0] + offsets[i] for i, b in enumerate(blocks)])
    vocabulary = np.concatenate([b[name][1] for b in blocks])
    return pa.array(vocabulary, type=pa.string()).take(pa.array(codes[order]))


def _frame_of(blocks: list[dict], first_id: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Blocks of events as a log sorted by time (stable: a tie keeps the blocks' order), with
    event ids from `first_id`; and each row's tag."""
    ts = np.concatenate([b["ts"] for b in blocks])
    order = np.argsort(ts, kind="stable")
    n = len(order)
    ids = pc.binary_join_element_wise(
        "EV-",
        pc.utf8_lpad(pc.cast(pa.array(np.arange(first_id, first_id + n)), pa.string()), 8, "0"),
        "",
    )
    approved = np.concatenate([b["approved"] for b in blocks])[order]
    text = {name: _text(_column(blocks, name, order)) for name in TEXT_COLUMNS}
    frame = pd.DataFrame(
        {
            "event_id": _text(ids),
            "timestamp": _text(_iso_seconds(ts[order])),
            "user_id": text["user"],
            "system": text["system"],
            "action": text["action"],
            "privilege": text["privilege"],
            "ticket_id": text["ticket"],
            "requester_id": text["requester"],
            "approver_id": text["approver"],
            "approved_at": _text(_iso_seconds(approved)),
        },
        columns=COLUMNS,
    )
    tags = np.concatenate([b["tag"] for b in blocks])[order]
    return frame, tags


def _expect(
    events: _Events,
    tags: np.ndarray,
    event_ids: np.ndarray,
    planted: list[tuple[str, str, str]],
    expected: list[dict],
) -> None:
    """The expected findings: each tagged event (by its id) and each user-level violation."""
    for code, (rule_id, note) in enumerate(events.tags, start=1):
        (rows,) = np.nonzero(tags == code)
        if len(rows) != 1:  # a planted event must stay one identifiable row
            raise RuntimeError(f"planted {rule_id} ({note}) found on {len(rows)} rows")
        expected.append(
            {"audit": "access", "rule_id": rule_id, "record_key": event_ids[rows[0]], "note": note}
        )
    for rule_id, key, note in planted:
        expected.append({"audit": "access", "rule_id": rule_id, "record_key": key, "note": note})


class _Bulk:
    """The clean accesses of a chunked log (scale xlarge), generated a few weeks at a time.

    The number of accesses of each day is drawn at once (multinomial over the weekdays, weighted by
    the entitlements usable that day); a chunk of days then draws, from its own random stream,
    which usable entitlement each access uses and at what time (weekdays, 07:00-19:59:59,
    strictly after the grant day and before the revoke day: never a finding). The other events
    (grants, revokes, recent use, service reads, the planted ones) are merged in by time, the
    accesses in the place of their block, as one sort of the whole log would place them.
    """

    def __init__(self, org, lo, hi, usable, wanted: int, users, rng, position: int) -> None:
        self.org, self.lo, self.hi, self.usable = org, lo, hi, usable
        self.users = users
        self.systems: tuple = ((), ())
        self.position = position  # the accesses' block among the log's blocks
        first, last = int(lo[usable].min()), int(hi[usable].max())
        self.first = first
        change = np.zeros(last - first + 1, dtype=np.int64)
        np.add.at(change, lo[usable] - first, 1)
        np.add.at(change, hi[usable] - first, -1)
        active = np.cumsum(change)[:-1].astype(float)
        active[_dow(np.arange(first, last)) >= 5] = 0
        self.per_day = rng.multinomial(wanted, active / active.sum())
        # chunks of whole days of about CHUNK_ROWS accesses
        ends = np.flatnonzero(np.diff(np.cumsum(self.per_day) // CHUNK_ROWS) > 0) + 1
        self.bounds = [0, *[int(e) for e in ends if 0 < e < len(self.per_day)], len(self.per_day)]

    def _accesses(self, chunk: int) -> dict:
        rng = self.org.rng(f"access-xlarge-{chunk}")
        start, stop = self.bounds[chunk], self.bounds[chunk + 1]
        which, seconds = [], []
        for offset in range(start, stop):
            count = int(self.per_day[offset])
            if not count:
                continue
            day = self.first + offset
            usable = np.flatnonzero(self.usable & (self.lo <= day) & (day < self.hi))
            which.append(usable[rng.integers(0, len(usable), count)])
            seconds.append(day * DAY + rng.integers(7 * HOUR, 20 * HOUR, count))
        which = np.concatenate(which) if which else np.array([], dtype=np.int64)
        seconds = np.concatenate(seconds) if seconds else np.array([], dtype=np.int64)
        action = (rng.choice(3, len(which), p=[0.4, 0.55, 0.05]), ["login", "read", "export"])
        (user_code, user_vocab), (system_code, system_vocab) = self.users, self.systems
        return _block(
            seconds, (user_code[which], user_vocab), (system_code[which], system_vocab), action
        )

    def chunks(
        self, events: _Events, planted: list[tuple[str, str, str]], expected: list[dict]
    ) -> Iterator[pd.DataFrame]:
        """The log, chunk by chunk; the expected findings once the last chunk is made."""
        count = len(self.bounds) - 1
        first_id = 1
        tagged: list[tuple[np.ndarray, np.ndarray]] = []
        for chunk in range(count):
            low = -np.inf if chunk == 0 else (self.first + self.bounds[chunk]) * DAY
            high = np.inf if chunk == count - 1 else (self.first + self.bounds[chunk + 1]) * DAY
            blocks = [
                _rows_of(block, (block["ts"] >= low) & (block["ts"] < high))
                for block in events.blocks
            ]
            blocks.insert(self.position, self._accesses(chunk))
            frame, tags = _frame_of(blocks, first_id)
            hit = np.flatnonzero(tags)
            tagged.append((tags[hit], frame["event_id"].to_numpy()[hit]))
            first_id += len(frame)
            yield frame
        tags = np.concatenate([t for t, _ in tagged])
        ids = np.concatenate([i for _, i in tagged])
        _expect(events, tags, ids, planted, expected)


def _other(rng: np.random.Generator, pool: np.ndarray, avoid: list[np.ndarray]) -> np.ndarray:
    """One id of `pool` per row, different from the row's ids in every array of `avoid`."""
    n = len(avoid[0])
    picked = pool[rng.integers(0, len(pool), n)]
    for _ in range(20):
        clash = np.zeros(n, dtype=bool)
        for other in avoid:
            clash |= picked == other
        if not clash.any():
            return picked
        picked[clash] = pool[rng.integers(0, len(pool), int(clash.sum()))]
    raise RuntimeError("could not draw distinct approvers")


#: builders run in this order (smaller first): a register may use what an earlier one made
BUILD_ORDER = 50


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("access")
    n = org.size["staff"]
    audit = _day(org.audit_date)
    start = _day(org.period_start)
    cutoff_review = _day(org.audit_date - pd.DateOffset(months=6))
    cutoff_use = audit - 90
    systems = np.array([name for name, _, _ in SYSTEMS], dtype=object)
    users = np.array([f"U{i + 1:05d}" for i in range(n)], dtype=object)
    managers_n = max(8, n // 25)
    managers = users[:managers_n]
    reserved = np.arange(n - RESERVED, n)

    # ---------------------------------------------------------------- people
    ordinary = np.arange(managers_n, n - RESERVED)
    kind = np.zeros(n, dtype=np.int8)  # 0 steady, 1 joiner, 2 leaver this period, 3 past, 4 future
    draw = rng.random(len(ordinary))
    kind[ordinary] = np.select(
        [draw < 0.06, draw < 0.12, draw < 0.15, draw < 0.16], [1, 2, 3, 4], 0
    )
    employment_start = rng.integers(_day(pd.Timestamp("2012-01-02")), start - 60, n)
    employment_end = np.full(n, -1, dtype=np.int64)
    joiners = kind == 1
    employment_start[joiners] = _weekday_forward(rng.integers(start, audit - 20, joiners.sum()))
    leaving = kind == 2
    employment_end[leaving] = rng.integers(start + 30, audit - 10, leaving.sum())
    past = kind == 3
    employment_end[past] = rng.integers(start - 700, start - 40, past.sum())
    employment_start[past] = employment_end[past] - rng.integers(200, 2000, past.sum())
    future = kind == 4
    employment_end[future] = rng.integers(audit + 1, audit + 60, future.sum())
    # planted leavers: r11 revoked late, r12 never revoked, r13 / r14 revoked on the day / day after
    r = {i: int(reserved[i]) for i in range(RESERVED)}
    for i, days_before in ((11, 60), (12, 45), (13, 80), (14, 100)):
        kind[r[i]] = 2
        employment_end[r[i]] = audit - days_before
    frames["hr_roster"] = pd.DataFrame(
        {
            "user_id": users,
            "department": rng.choice(DEPARTMENTS, n),
            "employment_start": _iso_days(employment_start),
            "employment_end": _iso_days(employment_end),
        }
    )

    # ---------------------------------------------------------------- entitlements (one per pair)
    per_user = rng.integers(2, 4, n)
    choice = rng.random((n, len(systems))).argsort(axis=1)[:, :3]
    wanted = (np.arange(3)[None, :] < per_user[:, None]) & (kind != 3)[:, None]
    pair_user = np.repeat(np.arange(n), 3).reshape(n, 3)[wanted]
    pair_system = choice[wanted]
    held = {int(u): set(choice[u, : per_user[u]]) for u in reserved}
    p = len(pair_user)
    owner_kind = kind[pair_user]
    in_period = (rng.random(p) < 0.2) & ~np.isin(pair_user, reserved)
    grant_day = rng.integers(start - 60, start, p)
    latest = np.where(owner_kind == 2, employment_end[pair_user] - 20, audit - 12)
    in_period &= latest > start
    grant_day[in_period] = _weekday_forward(
        start + (rng.random(in_period.sum()) * (latest[in_period] - start)).astype(np.int64)
    )
    grant_day[owner_kind == 1] = employment_start[pair_user[owner_kind == 1]]
    grant_ts = grant_day * DAY + 9 * HOUR + rng.integers(0, 3 * HOUR, p)
    revoke_ts = np.full(p, -1, dtype=np.int64)
    leaver_pair = owner_kind == 2
    day_after = rng.random(p) < 0.5
    end = employment_end[pair_user]
    revoke_ts[leaver_pair] = np.where(
        day_after,
        (end + 1) * DAY + 9 * HOUR + rng.integers(0, 2 * HOUR, p),
        end * DAY + 18 * HOUR + rng.integers(0, 2 * HOUR, p),
    )[leaver_pair]
    mover = (rng.random(p) < 0.04) & (owner_kind != 2) & ~np.isin(pair_user, reserved)
    mover &= grant_day + 20 < audit - 5
    revoke_day = grant_day + 20 + (rng.random(p) * (audit - 25 - grant_day)).astype(np.int64)
    revoke_ts[mover] = (_weekday_back(revoke_day) * DAY + 16 * HOUR)[mover]
    privilege = np.where(
        np.isin(systems[pair_system], PRIVILEGED_SYSTEMS) & (rng.random(p) < 0.1),
        "privileged",
        "standard",
    ).astype(object)
    user_id = users[pair_user]
    requester = _other(rng, managers, [user_id])
    approver = _other(rng, managers, [user_id, requester])
    second = _other(rng, managers, [user_id, requester, approver])
    approver = np.where(privilege == "privileged", approver + "; " + second, approver)
    approved_ts = grant_ts - rng.integers(600, 3 * DAY, p)
    pairs = pd.DataFrame(
        {
            "user": user_id,
            "system": systems[pair_system],
            "grant": grant_ts,
            "revoke": revoke_ts,
            "privilege": privilege,
            "requester": requester,
            "approver": approver,
            "approved": approved_ts,
            "service": False,
            "used_until": -1,  # last day of generated use (exclusive); -1 = the revoke day or audit
            "recent": True,  # one access in the last weeks while the entitlement is open
            "tag": 0,
        }
    )
    events = _Events()
    planted: list[tuple[str, str, str]] = []  # (rule_id, record_key, note) of user-level findings

    def pair_of(i: int, k: int = 0) -> int:
        """Position in `pairs` of the k-th entitlement of reserved person i."""
        return int(np.flatnonzero(pair_user == r[i])[k])

    def person(i: int) -> str:
        return str(users[r[i]])

    # leavers: r11 revoked 5 days late, r12 never revoked (and still using it); r13 / r14 revoked on
    # the leaving day / the day after (compliant)
    pairs.loc[pair_of(11), "revoke"] = (employment_end[r[11]] + 5) * DAY + 10 * HOUR
    planted.append(("ACC-004", person(11), "leaver revoked 5 days after leaving"))
    pairs.loc[pair_of(12), "revoke"] = -1
    planted.append(("ACC-004", person(12), "leaver never revoked, still logging in"))
    for i, delay, hour in ((13, 0, 18), (14, 1, 9)):
        rows = np.flatnonzero(pair_user == r[i])
        pairs.loc[rows, "revoke"] = (employment_end[r[i]] + delay) * DAY + hour * HOUR
    # dormant: r8 stopped using one entitlement 120 days ago; another one last used on the first
    # day that still counts (compliant boundary)
    pairs.loc[pair_of(8, 0), ["used_until", "recent"]] = (audit - 120, False)
    planted.append(("ACC-009", person(8), "open entitlement last used 120 days before the audit"))
    boundary = pair_of(8, 1)
    pairs.loc[boundary, ["used_until", "recent"]] = (cutoff_use, False)

    # new entitlements on systems the person did not hold, with planted grant problems
    def free_system(i: int, k: int) -> str:
        return [str(s) for j, s in enumerate(systems) if j not in held[r[i]]][k]

    plant_day = int(_weekday_back(np.array([audit - 120]))[0])
    plant_ts = plant_day * DAY + 10 * HOUR
    manager = [str(m) for m in managers[:4]]
    new: list[dict] = []

    def new_grant(i: int, k: int, rule_id: str | None, note: str, **changes) -> dict:
        row = {
            "user": person(i),
            "system": free_system(i, k),
            "grant": plant_ts,
            "revoke": -1,
            "privilege": "standard",
            "requester": manager[0],
            "approver": manager[1],
            "approved": plant_ts - DAY,
            "service": False,
            "used_until": -1,
            "recent": True,
            "tag": events.tag(rule_id, note) if rule_id else 0,
            "ticket": None,
        }
        row.update(changes)
        new.append(row)
        return row

    new_grant(0, 0, "ACC-001", "grant without ticket", ticket="")
    new_grant(1, 0, "ACC-002", "grant without approver", approver="")
    new_grant(2, 0, "ACC-002", "approved two hours after the grant", approved=plant_ts + 2 * HOUR)
    new_grant(2, 1, None, "approved in the grant's second (compliant)", approved=plant_ts)
    new_grant(3, 0, "ACC-003", "self-approved grant", requester=person(3), approver=person(3))
    new_grant(
        4, 0, "ACC-003", "one approver is the requester", approver=f"{manager[1]}; {manager[0]}"
    )
    new_grant(5, 0, "ACC-008", "privileged grant, one approver", privilege="privileged")
    new_grant(
        5,
        1,
        "ACC-008",
        "privileged grant, the same approver twice",
        privilege="privileged",
        approver=f"{manager[1]}; {manager[1]}",
    )
    new_grant(
        5,
        2,
        None,
        "privileged grant, two approvers (compliant)",
        privilege="privileged",
        approver=f"{manager[1]}; {manager[2]}",
    )
    new_grant(9, 0, None, "granted, never used", recent=False, used_until=0)
    planted.append(("ACC-009", person(9), "entitlement granted 120 days ago, never used"))
    revoked_at = int(_weekday_back(np.array([plant_day + 10]))[0]) * DAY + 17 * HOUR
    closing = new_grant(6, 0, None, "granted, revoked", revoke=revoked_at, recent=False)
    # service accounts (listed in the parameters) and an orphan account, granted cleanly
    accounts = [(a, name, True) for a, names in SERVICE_ACCOUNTS.items() for name in names]
    for account, name, is_service in accounts + [(ORPHAN, "CRM", False)]:
        new.append(
            {
                "user": account,
                "system": name,
                "grant": (start - 45) * DAY + 11 * HOUR,
                "revoke": -1,
                "privilege": "standard",
                "requester": manager[2],
                "approver": manager[3],
                "approved": (start - 46) * DAY + 11 * HOUR,
                "service": is_service,
                "used_until": -1,
                "recent": True,
                "tag": 0,
                "ticket": None,
            }
        )
    planted.append(("ACC-007", ORPHAN, "account in the access log, not in the HR roster"))
    pairs["ticket"] = None
    pairs = pd.concat([pairs, pd.DataFrame(new)], ignore_index=True)

    # ---------------------------------------------------------------- grants and revokes
    p = len(pairs)
    grant = pairs["grant"].to_numpy(np.int64)
    revoke = pairs["revoke"].to_numpy(np.int64)
    user_col = pairs["user"].to_numpy(object)
    system_col = pairs["system"].to_numpy(object)
    user_code, user_vocab = pd.factorize(user_col)
    system_code, system_vocab = pd.factorize(system_col)
    tickets = np.array([f"TCK-{i + 1:07d}" for i in range(p)], dtype=object)
    given = pairs["ticket"].notna().to_numpy()
    tickets[given] = pairs.loc[given, "ticket"].to_numpy()
    events.add(
        grant,
        user_col,
        system_col,
        "grant",
        pairs["tag"].to_numpy(np.int32),
        privilege=pairs["privilege"].to_numpy(object),
        ticket=tickets,
        requester=pairs["requester"].to_numpy(object),
        approver=pairs["approver"].to_numpy(object),
        approved=pairs["approved"].to_numpy(np.int64),
    )
    closed = revoke >= 0
    events.add(
        revoke[closed],
        user_col[closed],
        system_col[closed],
        "revoke",
        privilege=pairs["privilege"].to_numpy(object)[closed],
        ticket=np.array([f"TCK-{p + i + 1:07d}" for i in range(int(closed.sum()))], dtype=object),
    )

    # ---------------------------------------------------------------- use of the entitlements
    # accesses on weekdays, 07:00-19:59:59, strictly after the grant day and before the revoke day
    lo = grant // DAY + 1
    hi = np.where(closed, revoke // DAY, audit + 1)
    used_until = pairs["used_until"].to_numpy(np.int64)
    hi = np.where(used_until != -1, np.minimum(hi, used_until), hi)
    service = pairs["service"].to_numpy(bool)
    width = np.clip(hi - lo, 0, None).astype(float)
    width[service] = 0
    recent = pairs["recent"].to_numpy(bool) & ~closed
    night_reads = 60
    fixed = p + int(closed.sum()) + int(recent.sum()) + night_reads * int(service.sum()) + 10
    wanted_accesses = max(0, org.size["events"] - fixed)
    bulk = None
    if org.scale in CHUNKED_SCALES:  # generated day by day when the log is written
        bulk = _Bulk(
            org,
            lo,
            hi,
            width > 0,
            wanted_accesses,
            (user_code, user_vocab),
            rng,
            len(events.blocks),
        )
        bulk.systems = (system_code, system_vocab)
    else:
        drawn = int(wanted_accesses * 1.06) + 50
        which = rng.choice(p, drawn, p=width / width.sum())
        day = lo[which] + (rng.random(drawn) * width[which]).astype(np.int64)
        day = _any_weekday(rng, day)
        keep = np.flatnonzero((day >= lo[which]) & (day < hi[which]) & (_dow(day) < 5))
        keep = keep[:wanted_accesses]
        which, day = which[keep], day[keep]
        seconds = day * DAY + rng.integers(7 * HOUR, 20 * HOUR, len(day))
        action = (rng.choice(3, len(day), p=[0.4, 0.55, 0.05]), ["login", "read", "export"])
        events.add(
            seconds, (user_code[which], user_vocab), (system_code[which], system_vocab), action
        )
    # every entitlement still open was used in the last weeks (no dormant access on clean data)
    last = np.maximum(_any_weekday(rng, audit - 7 - rng.integers(0, 40, p)), lo)
    hours = np.where(
        service, rng.integers(1 * HOUR, 5 * HOUR, p), rng.integers(7 * HOUR, 20 * HOUR, p)
    )
    events.add(
        (last * DAY + hours)[recent],
        (user_code[recent], user_vocab),
        (system_code[recent], system_vocab),
        "login",
    )
    # service accounts read at night (reads, not exports: ACC-010 does not apply)
    svc = np.repeat(np.flatnonzero(service), night_reads)
    svc_day = lo[svc] + (rng.random(len(svc)) * (hi[svc] - lo[svc])).astype(np.int64)
    svc_ts = svc_day * DAY + rng.integers(1 * HOUR, 5 * HOUR, len(svc))
    events.add(svc_ts, (user_code[svc], user_vocab), (system_code[svc], system_vocab), "read")

    # ---------------------------------------------------------------- planted accesses
    user6, system6 = closing["user"], closing["system"]
    events.add(plant_ts, user6, system6, "login")  # in the grant's second: compliant
    events.add(
        revoked_at,
        user6,
        system6,
        "read",
        events.tag("ACC-005", "read in the second of the revoke"),
    )
    events.add(
        revoked_at + 2 * DAY - 7 * HOUR,
        user6,
        system6,
        "login",
        events.tag("ACC-005", "login two days after the revoke"),
    )
    events.add(
        plant_ts + 3 * DAY,
        person(7),
        free_system(7, 0),
        "read",
        events.tag("ACC-005", "read on a system never granted"),
    )
    events.add(cutoff_use * DAY + 9 * HOUR, person(8), pairs.at[boundary, "system"], "login")
    system10 = pairs.at[pair_of(10), "system"]
    tuesday = int(_weekday_back(np.array([audit - 150]))[0])
    tuesday -= int(_dow(np.array([tuesday]))[0]) - 1
    for clock, note in (
        (6 * HOUR + 59 * 60, "export at 06:59"),
        (7 * HOUR, None),
        (19 * HOUR + 59 * 60 + 59, None),
        (20 * HOUR, "export at 20:00"),
        (4 * DAY + 11 * HOUR, "export on a Saturday"),
    ):
        code = events.tag("ACC-010", note) if note else 0
        events.add(tuesday * DAY + clock, person(10), system10, "export", code)

    org.shared["service_accounts"] = sorted(SERVICE_ACCOUNTS)
    if bulk is not None:
        frames["access_log"] = Chunked(
            COLUMNS, org.size["events"], lambda: bulk.chunks(events, planted, expected)
        )
    else:
        log, tags = events.frame()
        frames["access_log"] = log
        _expect(events, tags, log["event_id"].to_numpy(), planted, expected)

    # ---------------------------------------------------------------- systems and reviews
    frames["systems"] = pd.DataFrame(
        [
            {"system": s, "holds_personal_data": "yes" if personal else "no", "owner": o}
            for s, personal, o in SYSTEMS
        ]
    )
    last_review = audit - rng.integers(10, 80, len(systems))
    names = list(systems)
    last_review[names.index("Payroll")] = cutoff_review  # exactly 6 months: compliant
    last_review[names.index("Badge Access")] = cutoff_review - 1
    last_review[names.index("Build Server")] = audit - 400  # holds no personal data: not judged
    reviews = [
        (name, int(last_review[k]) - 91 * q)
        for k, name in enumerate(names)
        if name != "Recruitment Portal"
        for q in range(4)
    ]
    frames["access_reviews"] = pd.DataFrame(
        {
            "review_id": [f"REV-{i + 1:04d}" for i in range(len(reviews))],
            "system": [name for name, _ in reviews],
            "reviewed_at": _iso_days(np.array([d for _, d in reviews])),
            "reviewer_id": [str(managers[i % len(managers)]) for i in range(len(reviews))],
        }
    )
    for system, note in (
        ("Badge Access", "last access review 6 months and a day before the audit date"),
        ("Recruitment Portal", "never reviewed"),
    ):
        expected.append(
            {"audit": "access", "rule_id": "ACC-006", "record_key": system, "note": note}
        )
