"""ACC: the access-rights log (entitlements and accesses), GDPR Art. 5(1)(f), 29, 32.

Who could reach personal data (entitlements reconstructed from grant/revoke events), who approved
it, whether leavers were cut off, whether systems are reviewed and exports stay in working hours.
ISO/IEC 27002:2022 controls 5.15-5.18, 5.3 and 8.2 give the practice these rules test.

Decisions shared by every ACC rule (rules.md ACC fixes the rest):

- The log is judged *as of the end of* ``audit_date``: rows timestamped after it (an export taken
  after the audit date holds events of the next period) are left out of every rule, so the
  entitlement state is the state after the last grant/revoke at or before the end of the audit
  date; the report counts the rows left out. Rows without a timestamp are data-quality findings
  (DQ-004); the rules that need no time (ACC-001, -002, -003, -007, -008) still judge them.
- "Still open" (ACC-004, ACC-009) means not closed by a revoke at or before the end of
  ``audit_date``. A leaver whose ``employment_end`` is the audit date itself is a leaver (rules.md)
  and is reported while any access is still open, even though the allowed delay runs on.
- ACC-006 counts every review with ``reviewed_at`` >= the cutoff, as rules.md says (a review dated
  after the audit date counts too). ACC-009 applies to every open entitlement, however recent its
  grant (rules.md has no grace period).
- Ids are compared exactly (after the loader strips blanks); ``approver_id`` is split on ``;``
  (``|`` accepted too, like every list cell). Findings on events are keyed by ``event_id``, or
  ``row <n>`` (the line in the file) when it is empty, as data-quality findings are.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..entitlements import EventCodes, entitlement_intervals, last_access, open_at
from . import audit_prefix, rule

audit_prefix("ACC", "access")
LOG = "access_log"
ROSTER = "hr_roster"
REVIEWS = "access_reviews"
SYSTEMS = "systems"
ACCESS_ACTIONS = ("login", "read", "export")
COLUMNS = ["record_key", "message"]
_STAMP = "%Y-%m-%d %H:%M:%S"


# ----------------------------------------------------------------------------------------- helpers
def _none() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS)


def _cached(ctx, key: str, build):
    if key not in ctx.cache:
        ctx.cache[key] = build()
    return ctx.cache[key]


def _column(frame: pd.DataFrame, name: str, dtype: str = "str") -> pd.Series:
    """A column, or an all-missing one when the optional column is absent."""
    if name in frame.columns:
        return frame[name]
    if dtype == "datetime":
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    return pd.Series(pd.NA, index=frame.index, dtype="object")


def _is(series: pd.Series, value: str) -> pd.Series:
    return series.eq(value).fillna(False).astype(bool)


def _stamp(series: pd.Series) -> pd.Series:
    return series.dt.strftime(_STAMP).fillna("(no timestamp)").astype("str")


def _day(value: pd.Timestamp) -> str:
    return value.date().isoformat()


def audit_end(ctx) -> pd.Timestamp:
    """The end of ``audit_date`` (exclusive): the log is judged as it stood at that instant."""
    return ctx.audit_date.normalize() + pd.Timedelta(days=1)


def access_log_as_of(ctx) -> pd.DataFrame:
    """The access log without the rows timestamped after the end of ``audit_date``."""

    def build() -> pd.DataFrame:
        frame = ctx.frames[LOG]
        later = (frame["timestamp"] >= audit_end(ctx)).fillna(False).to_numpy(dtype=bool)
        return frame.loc[~later] if later.any() else frame

    return _cached(ctx, "access.log", build)


def events_after_audit_date(ctx) -> int:
    """How many log rows are timestamped after the audit date (left out of every ACC rule)."""
    return len(ctx.frames[LOG]) - len(access_log_as_of(ctx))


def grants(ctx) -> pd.DataFrame:
    """The ``grant`` rows of the log as of the audit date."""

    def build() -> pd.DataFrame:
        log = access_log_as_of(ctx)
        return log.loc[_is(log["action"], "grant")]

    return _cached(ctx, "access.grants", build)


def approver_ids(frame: pd.DataFrame) -> pd.Series:
    """``approver_id`` split on ``;`` (or ``|``): one row per id, indexed by the grant's row."""
    if "approver_id" not in frame.columns or frame.empty:
        return pd.Series([], dtype="str")
    ids = frame["approver_id"].dropna().astype("str").str.split(r"[;|]", regex=True).explode()
    ids = ids.str.strip()
    return ids[ids.notna() & (ids != "")]


def event_codes(ctx) -> EventCodes:
    """User, system and action codes of the log as of the audit date, computed once per run."""
    return _cached(ctx, "access.codes", lambda: EventCodes.of(access_log_as_of(ctx)))


def intervals(ctx) -> pd.DataFrame:
    """Entitlement intervals ``[opened_at, closed_at)`` of the log as of the audit date."""
    return _cached(
        ctx,
        "access.intervals",
        lambda: entitlement_intervals(access_log_as_of(ctx), codes=event_codes(ctx)),
    )


def open_intervals(ctx) -> pd.DataFrame:
    """Entitlements still open at the end of ``audit_date``."""
    frame = intervals(ctx)
    return frame.loc[frame["closed_at"].isna()]


def event_keys(ctx, rows: pd.DataFrame) -> np.ndarray:
    """record_key of event rows: the event_id, or ``row <n>`` (line in the file) when it is empty,
    as the data-quality findings name such rows."""
    keys = np.array(rows["event_id"].astype("object"), dtype=object)
    missing = pd.isna(keys)
    if missing.any():
        log = ctx.frames[LOG]
        positions = log.index.get_indexer(rows.index[missing])
        lines = log.attrs.get("source_lines")
        if lines is not None and len(lines) == len(log):
            numbers = np.asarray(lines)[positions]
        else:
            source = ctx.sources.get(LOG)
            numbers = positions + (source.header_row if source is not None else 1) + 1
        keys[missing] = [f"row {n}" for n in numbers]
    return keys


def _event_findings(ctx, frame: pd.DataFrame, mask, message) -> pd.DataFrame:
    """(event key, message) of the rows where ``mask`` holds; ``message(rows)`` builds the texts
    of those rows only (formatting every row of a 5M-row log would cost seconds)."""
    rows = frame.loc[np.asarray(mask, dtype=bool)]
    return pd.DataFrame({"record_key": event_keys(ctx, rows), "message": np.asarray(message(rows))})


def _grant_text(frame: pd.DataFrame) -> pd.Series:
    """'privileged grant to U00012 on CRM at 2026-03-02 09:00:00' per grant row."""
    privileged = _is(_column(frame, "privilege"), "privileged")
    kind = pd.Series(np.where(privileged, "privileged grant", "grant"), index=frame.index)
    return (
        kind
        + " to "
        + frame["user_id"].astype("str").fillna("?")  # text first: a categorical has no "?"
        + " on "
        + frame["system"].astype("str").fillna("?")
        + " at "
        + _stamp(frame["timestamp"])
    )


def _listed(values: pd.Series) -> str:
    return ", ".join(sorted(dict.fromkeys(values.astype("str"))))


# ------------------------------------------------------------------------------- grants (events)
@rule(
    "ACC-001",
    severity="high",
    reference="Art. 5(2), Art. 32(1)(b); ISO 27002 5.18",
    title="Access granted without a ticket",
    remediation="Trace the request behind this grant and record its ticket; grant access only "
    "through the ticketing workflow so that every entitlement can be justified (accountability).",
    needs=(LOG,),
)
def acc_001_grant_without_ticket(ctx) -> pd.DataFrame:
    frame = grants(ctx)
    ticket = _column(frame, "ticket_id")
    return _event_findings(
        ctx, frame, ticket.isna(), lambda rows: _grant_text(rows) + " without ticket_id"
    )


@rule(
    "ACC-002",
    severity="high",
    reference="Art. 32(1)(b); ISO 27002 5.18(a), 5.18(g)",
    title="Access granted without prior approval",
    remediation="Obtain and record the approval of the system owner before access is "
    "activated; review whether this access is still justified and revoke it if not.",
    needs=(LOG,),
)
def acc_002_grant_without_approval(ctx) -> pd.DataFrame:
    frame = grants(ctx)
    approver = _column(frame, "approver_id")
    approved_at = _column(frame, "approved_at", "datetime")
    no_approver = approver.isna()
    no_date = approved_at.isna()
    after = (approved_at > frame["timestamp"]).fillna(False).astype(bool)
    reason = pd.Series("", index=frame.index, dtype="str")
    late = "approved_at " + _stamp(approved_at[after]) + " is after the grant"
    reason[after] = late
    reason[no_date] = "approved_at empty"
    reason[no_approver & no_date] = "approver_id and approved_at empty"
    reason[no_approver & ~no_date & ~after] = "approver_id empty"
    both = no_approver & after
    reason[both] = "approver_id empty; " + late[both[after]]
    return _event_findings(
        ctx,
        frame,
        no_approver | no_date | after,
        lambda rows: _grant_text(rows) + ": " + reason[rows.index],
    )


@rule(
    "ACC-003",
    severity="high",
    reference="Art. 32(1)(b); ISO 27002 5.3, 5.18(c)",
    title="Access approved by its requester or its beneficiary",
    remediation="Have the grant approved by someone other than the person who asked for it and the "
    "person who receives it (segregation of duties); re-approve or revoke this access.",
    needs=(LOG,),
)
def acc_003_self_approval(ctx) -> pd.DataFrame:
    frame = grants(ctx)
    ids = approver_ids(frame)
    if ids.empty:
        return _none()
    requester = _column(frame, "requester_id").reindex(ids.index)
    user = frame["user_id"].reindex(ids.index)
    is_requester = ids.eq(requester).fillna(False).astype(bool).groupby(level=0).any()
    is_user = ids.eq(user).fillna(False).astype(bool).groupby(level=0).any()
    is_requester = is_requester.reindex(frame.index, fill_value=False)
    is_user = is_user.reindex(frame.index, fill_value=False)
    reason = pd.Series("", index=frame.index, dtype="str")
    reason[is_requester] = "approved by its own requester"
    reason[is_user] = "approved by the user who receives it"
    reason[is_requester & is_user] = "self-approved (the user requested and approved it)"
    return _event_findings(
        ctx,
        frame,
        is_requester | is_user,
        lambda rows: _grant_text(rows) + ": " + reason[rows.index],
    )


@rule(
    "ACC-008",
    severity="medium",
    reference="Art. 32(1)(b); ISO 27002 8.2",
    title="Privileged access with too few approvers",
    remediation="Have privileged access approved by the required number of distinct approvers (for "
    "example the system owner and security); re-approve or revoke this access.",
    needs=(LOG,),
    thresholds={"approvers": 2},
)
def acc_008_privileged_approvers(ctx) -> pd.DataFrame:
    frame = grants(ctx)
    required = int(ctx.threshold("ACC-008", "approvers"))
    privileged = _is(_column(frame, "privilege"), "privileged")
    frame = frame.loc[privileged]
    distinct = approver_ids(frame).groupby(level=0).nunique().reindex(frame.index, fill_value=0)

    def message(rows: pd.DataFrame) -> pd.Series:
        count = distinct[rows.index].astype("str")
        return _grant_text(rows) + " with " + count + f" distinct approver(s) ({required} required)"

    return _event_findings(ctx, frame, distinct < required, message)


# ------------------------------------------------------------------------------------- leavers
def leavers(ctx) -> pd.DataFrame:
    """hr_roster rows with ``employment_end`` <= ``audit_date``: user_id, employment_end."""
    roster = ctx.frames[ROSTER]
    if "employment_end" not in roster.columns or "user_id" not in roster.columns:
        # typed as the column would be: the callers use its date accessors (issue 14)
        return pd.DataFrame(
            {
                "user_id": pd.Series([], dtype="str"),
                "employment_end": pd.Series([], dtype="datetime64[us]"),
            }
        )
    end = roster["employment_end"]
    mask = (end <= ctx.audit_date).fillna(False).astype(bool) & roster["user_id"].notna()
    return roster.loc[mask, ["user_id", "employment_end"]].drop_duplicates("user_id")


def leaver_entitlements(ctx) -> pd.DataFrame:
    """Every entitlement interval of a leaver, judged against the allowed delay (ACC-004).

    Columns: user_id, system, opened_at, closed_at, employment_end, due (last calendar date allowed
    for the revoke), delay_days (revoke date - employment_end, NA while open), state: ``open``
    (still open at the end of the audit date), ``late`` (closed after ``due``) or ``on time``.
    """

    def build() -> pd.DataFrame:
        days = int(ctx.threshold("ACC-004", "days"))
        merged = intervals(ctx).merge(leavers(ctx), on="user_id", how="inner", sort=True)
        end_day = merged["employment_end"].dt.normalize()
        closed_day = merged["closed_at"].dt.normalize()
        merged["due"] = end_day + pd.Timedelta(days=days)
        merged["delay_days"] = (closed_day - end_day).dt.days.astype("Int64")
        state = np.where(merged["closed_at"].isna(), "open", "on time")
        late = (closed_day > merged["due"]).fillna(False).to_numpy(dtype=bool)
        state = np.where(late, "late", state)
        merged["state"] = state
        return merged

    return _cached(ctx, "access.leavers", build)


@rule(
    "ACC-004",
    severity="high",
    reference="Art. 5(1)(f), Art. 32(4); ISO 27002 5.18(d)",
    title="Leaver's access not revoked in time",
    remediation="Revoke every access of the leaver now, check what the account did after "
    "the leaving date, and make HR departures trigger revocation automatically (same day or "
    "next day).",
    needs=(LOG, ROSTER),
    thresholds={"days": 1},
)
def acc_004_leaver_not_revoked(ctx) -> pd.DataFrame:
    frame = leaver_entitlements(ctx)
    bad = frame.loc[frame["state"] != "on time"].copy()
    if bad.empty:
        return _none()
    days = int(ctx.threshold("ACC-004", "days"))
    closed = bad["closed_at"].dt.strftime("%Y-%m-%d").fillna("")
    bad["part"] = bad["system"].astype("str")
    late = bad["state"] == "late"
    bad.loc[late, "part"] = (
        bad.loc[late, "system"].astype("str")
        + " (revoked "
        + closed[late]
        + ", "
        + bad.loc[late, "delay_days"].astype("str")
        + " days after leaving)"
    )
    rows = []
    for user, group in bad.groupby("user_id", sort=True):
        end = group["employment_end"].iloc[0]
        parts = []
        still = group.loc[group["state"] == "open", "part"]
        if len(still):
            parts.append("still open on " + _listed(still))
        revoked = group.loc[group["state"] == "late", "part"]
        if len(revoked):
            parts.append("revoked late on " + _listed(revoked))
        rows.append(
            (
                user,
                f"left on {_day(end)} (revocation due within {days} day(s)): " + "; ".join(parts),
            )
        )
    return pd.DataFrame(rows, columns=COLUMNS)


# ------------------------------------------------------------------------------------ accesses
def accesses_without_entitlement(ctx) -> pd.DataFrame:
    """login/read/export rows with no open entitlement for their user and system at their time.

    Rows that cannot be placed (no timestamp, user or system) are data-quality findings instead.
    """

    def build() -> pd.DataFrame:
        log = access_log_as_of(ctx)
        is_open = open_at(log, codes=event_codes(ctx))  # the log itself: no copy of its columns
        judged = log.loc[is_open.index[~is_open.to_numpy(dtype=bool)]]
        placed = judged["timestamp"].notna() & judged["user_id"].notna() & judged["system"].notna()
        return judged.loc[placed.to_numpy(dtype=bool)]

    return _cached(ctx, "access.unentitled", build)


@rule(
    "ACC-005",
    severity="high",
    reference="Art. 29, Art. 32(4); ISO 27002 5.15",
    title="Access without an open entitlement",
    remediation="Find out how the account reached the system without an entitlement "
    "(revoked access still working, shared or generic login, missing grant in the log), close "
    "the gap, and assess whether personal data was exposed (Art. 33).",
    needs=(LOG,),
)
def acc_005_access_without_entitlement(ctx) -> pd.DataFrame:
    flagged = accesses_without_entitlement(ctx)
    if flagged.empty:
        return _none()
    spans = intervals(ctx)
    left = pd.DataFrame(
        {
            "row": np.arange(len(flagged)),
            # .array: the log's dtype (text, or its categorical), as the intervals have it
            "user_id": flagged["user_id"].array,
            "system": flagged["system"].array,
            "ts": flagged["timestamp"].to_numpy(),
        }
    ).sort_values("ts", kind="mergesort")
    right = spans.loc[spans["opened_at"].notna(), ["user_id", "system", "opened_at", "closed_at"]]
    right = right.sort_values("opened_at", kind="mergesort")
    left["ts"] = left["ts"].astype(right["opened_at"].dtype)
    pair = ["user_id", "system"]
    before = pd.merge_asof(
        left, right, left_on="ts", right_on="opened_at", by=pair, direction="backward"
    )
    after = pd.merge_asof(
        left,
        right[["user_id", "system", "opened_at"]].rename(columns={"opened_at": "next_grant"}),
        left_on="ts",
        right_on="next_grant",
        by=pair,
        direction="forward",
    )
    before = before.set_index("row").sort_index()
    after = after.set_index("row").sort_index()
    reason = pd.Series("no grant for this user and system in the log", index=before.index)
    later = after["next_grant"].notna()
    reason[later] = "before its first grant at " + _stamp(after.loc[later, "next_grant"])
    revoked = before["closed_at"].notna()
    revoked_at = _stamp(before.loc[revoked, "closed_at"])
    reason[revoked] = "after the entitlement was revoked at " + revoked_at
    message = (
        flagged["action"].astype("str").to_numpy()
        + " by "
        + flagged["user_id"].astype("str").to_numpy()
        + " on "
        + flagged["system"].astype("str").to_numpy()
        + " at "
        + _stamp(flagged["timestamp"]).to_numpy()
        + " with no open entitlement: "
        + reason.to_numpy()
    )
    return pd.DataFrame({"record_key": event_keys(ctx, flagged), "message": message})


def seconds_of_day(value) -> int:
    """'07:00' (or '07:00:00', a datetime.time) -> seconds after midnight."""
    if isinstance(value, dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second
    parts = [int(p) for p in str(value).strip().split(":")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"not a time of day: {value!r} (expected HH:MM)")
    parts += [0] * (3 - len(parts))
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def access_rows(frame: pd.DataFrame) -> pd.Series:
    """True on the login/read/export rows of a log."""
    return frame["action"].isin(ACCESS_ACTIONS).fillna(False).astype(bool)


def exports(ctx) -> pd.DataFrame:
    """The ``export`` rows of the log as of the audit date, with a usable timestamp."""
    log = access_log_as_of(ctx)
    return log.loc[_is(log["action"], "export") & log["timestamp"].notna()]


def out_of_hours(ctx, frame: pd.DataFrame) -> pd.DataFrame:
    """Per row of ``frame``: before (start), after (end), weekend, as booleans (ACC-010)."""
    start = seconds_of_day(ctx.threshold("ACC-010", "start"))
    end = seconds_of_day(ctx.threshold("ACC-010", "end"))
    ts = frame["timestamp"]
    seconds = (ts - ts.dt.normalize()) // pd.Timedelta(seconds=1)
    return pd.DataFrame(
        {
            "before": (seconds < start).to_numpy(dtype=bool),
            "after": (seconds >= end).to_numpy(dtype=bool),
            "weekend": (ts.dt.day_of_week >= 5).to_numpy(dtype=bool),
        },
        index=frame.index,
    )


@rule(
    "ACC-010",
    severity="medium",
    reference="Art. 32(1)(b); ISO 27002 8.16",
    title="Export outside working hours",
    remediation="Check with the user and the system owner why data was exported outside "
    "working hours and whether the export was legitimate; alert on such exports.",
    needs=(LOG,),
    thresholds={"start": "07:00", "end": "20:00"},
)
def acc_010_export_out_of_hours(ctx) -> pd.DataFrame:
    frame = exports(ctx)
    flags = out_of_hours(ctx, frame)
    mask = flags.any(axis=1).to_numpy()
    frame, flags = frame.loc[mask], flags.loc[mask]
    start, end = ctx.threshold("ACC-010", "start"), ctx.threshold("ACC-010", "end")
    ts = frame["timestamp"]
    parts = pd.DataFrame(
        {
            "weekend": np.where(flags["weekend"], "on a " + ts.dt.day_name().fillna(""), ""),
            "before": np.where(flags["before"], f"before {start}", ""),
            "after": np.where(flags["after"], f"at or after {end}", ""),
        },
        index=frame.index,
    )
    reason = parts["weekend"].str.cat(parts[["before", "after"]], sep=", ")
    reason = reason.str.replace(", , ", ", ", regex=False).str.strip(", ")
    message = (
        "export by "
        + frame["user_id"].astype("str")
        + " on "
        + frame["system"].astype("str")
        + " at "
        + _stamp(ts)
        + " outside working hours ("
        + reason
        + ")"
    )
    return pd.DataFrame({"record_key": event_keys(ctx, frame), "message": message.to_numpy()})


# ----------------------------------------------------------------------------- people (accounts)
def orphan_accounts(ctx) -> pd.DataFrame:
    """Log rows of accounts absent from hr_roster and not listed as service accounts (ACC-007)."""

    def build() -> pd.DataFrame:
        log = access_log_as_of(ctx)
        known = set(_column(ctx.frames[ROSTER], "user_id").dropna().astype("str"))
        known |= {str(s).strip() for s in (ctx.params.service_accounts or [])}
        codes = event_codes(ctx)
        users = codes.users.tolist()
        orphan = np.fromiter((str(u) not in known for u in users), bool, len(users))
        return log.loc[codes.rows_of_users(orphan), ["user_id", "system", "timestamp"]]

    return _cached(ctx, "access.orphans", build)


@rule(
    "ACC-007",
    severity="high",
    reference="Art. 32(4); ISO 27002 5.16",
    title="Account not in the HR roster (orphan account)",
    remediation="Identify the owner of the account: disable it if nobody is accountable for "
    "it, add the person to the HR roster, or list it as a service account with a named owner.",
    needs=(LOG, ROSTER),
)
def acc_007_orphan_account(ctx) -> pd.DataFrame:
    frame = orphan_accounts(ctx)
    if frame.empty:
        return _none()
    rows = []
    for user, group in frame.groupby("user_id", sort=True):
        ts = group["timestamp"].dropna()
        span = f", {_day(ts.min())} to {_day(ts.max())}" if len(ts) else ""
        rows.append(
            (
                user,
                f"not in the HR roster nor a listed service account: {len(group):,} event(s) on "
                f"{_listed(group['system'].dropna())}{span}",
            )
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def dormant_entitlements(ctx) -> pd.DataFrame:
    """Entitlements open at the end of the audit date with no recent access (ACC-009).

    Columns: user_id, system, opened_at, last_access_at (NaT when never used).
    """

    def build() -> pd.DataFrame:
        days = int(ctx.threshold("ACC-009", "days"))
        cutoff = ctx.audit_date - pd.Timedelta(days=days)
        pair = ["user_id", "system"]
        held = open_intervals(ctx)[[*pair, "opened_at"]]
        log = access_log_as_of(ctx)[["timestamp", *pair, "action"]]
        codes = event_codes(ctx)
        # recent use first (a quarter of the log), then the last use of the few stale pairs only
        recent = (log["timestamp"] >= cutoff).to_numpy(dtype=bool)
        recent = last_access(log, codes=codes, rows=recent)
        merged = held.merge(recent, on=pair, how="left", sort=True)
        stale = merged.loc[merged["last_access_at"].isna(), [*pair, "opened_at"]]
        if len(stale):
            theirs = codes.users.isin(set(stale["user_id"]))
            found = last_access(log, codes=codes, rows=codes.rows_of_users(theirs))
            stale = stale.merge(found, on=pair, how="left", sort=True)
        else:
            stale = stale.assign(last_access_at=pd.Series(dtype=log["timestamp"].dtype))
        return stale.reset_index(drop=True)

    return _cached(ctx, "access.dormant", build)


@rule(
    "ACC-009",
    severity="low",
    reference="Art. 5(1)(c), Art. 32(1)(b); ISO 27002 5.18",
    title="Dormant access (entitlement not used recently)",
    remediation="Confirm with the user's manager whether the access is still needed and "
    "revoke it if not (least privilege); unused access is exposure without benefit.",
    needs=(LOG,),
    thresholds={"days": 90},
)
def acc_009_dormant_access(ctx) -> pd.DataFrame:
    frame = dormant_entitlements(ctx)
    if frame.empty:
        return _none()
    days = int(ctx.threshold("ACC-009", "days"))
    last = frame["last_access_at"].dt.strftime("%Y-%m-%d")
    part = frame["system"].astype("str") + np.where(
        last.isna(), " (never used)", " (last access " + last.fillna("") + ")"
    )
    frame = frame.assign(part=part)
    rows = [
        (user, f"open entitlement(s) not used in the last {days} days: " + ", ".join(group["part"]))
        for user, group in frame.groupby("user_id", sort=True)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


# ------------------------------------------------------------------------------------- systems
def review_coverage(ctx) -> pd.DataFrame:
    """Per system holding personal data: last review and whether it is recent enough (ACC-006).

    Columns: system, last_reviewed (NaT if never), days_since (NA if never), reviewed (bool).
    The systems are those of the ``systems`` register with holds_personal_data true, or every
    system of the access log when that register is not given.
    """

    def build() -> pd.DataFrame:
        months = int(ctx.threshold("ACC-006", "months"))
        cutoff = ctx.audit_date - pd.DateOffset(months=months)
        if SYSTEMS in ctx.frames:
            table = ctx.frames[SYSTEMS]
            personal = table["holds_personal_data"].eq(True).fillna(False).astype(bool)
            names = table.loc[personal, "system"].dropna().astype("str")
        else:
            names = access_log_as_of(ctx)["system"].dropna().astype("str")
        names = sorted(set(names))
        reviews = ctx.frames[REVIEWS].reindex(columns=["system", "reviewed_at"])
        dated = reviews.dropna()
        last = dated.groupby("system")["reviewed_at"].max()
        last = last.rename("last_reviewed").reset_index()
        out = pd.DataFrame({"system": pd.Series(names, dtype="str")}).merge(
            last.astype({"system": "str"}), on="system", how="left"
        )
        out["last_reviewed"] = pd.to_datetime(out["last_reviewed"])
        out["days_since"] = (ctx.audit_date - out["last_reviewed"]).dt.days.astype("Int64")
        out["reviewed"] = (out["last_reviewed"] >= cutoff).fillna(False).astype(bool)
        return out

    return _cached(ctx, "access.reviews", build)


@rule(
    "ACC-006",
    severity="medium",
    reference="Art. 32(1)(d); ISO 27002 5.18",
    title="System holding personal data not reviewed recently",
    remediation="Have the system owner review who has access (and at which privilege) and "
    "record the review; remove what is no longer needed.",
    needs=(REVIEWS,),
    thresholds={"months": 6},
)
def acc_006_review_overdue(ctx) -> pd.DataFrame:
    frame = review_coverage(ctx)
    months = int(ctx.threshold("ACC-006", "months"))
    bad = frame.loc[~frame["reviewed"]]
    last = bad["last_reviewed"].dt.strftime("%Y-%m-%d")
    message = np.where(
        last.isna(),
        "no access review on record",
        "last access review " + last.fillna("") + f" is older than {months} months",
    )
    if SYSTEMS not in ctx.frames:
        message = message + " (systems register not given: every system in the access log is "
        message = message + "treated as holding personal data)"
    return pd.DataFrame({"record_key": bad["system"].to_numpy(), "message": message})
