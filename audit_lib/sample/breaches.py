"""Sample breach register (Art. 33(5)) with planted violations of every BRE rule.

One register covers the organisation's whole history (from January 2025); each period sees it as
it stood at the end of its audit date: breaches the organisation became aware of later are not in
it yet, and a notification, a communication or a closure dated after the audit date is still
empty. So the 2026-Q2 register is the 2026-Q3 one cut at 2026-06-30: some findings persist, some
are resolved (a late notification made after the quarter, an old breach closed) and new ones
appear.

Background breaches are clean: every risk notified within 72 hours, every high risk communicated
or exempted, processors reporting within 40 hours, dates in order, closed within 60 days. Their
datetimes are written as the registers of real organisations are: `T` or a space, with or without
seconds, some with a UTC offset (every value of such a row has one, so the row stays in order once
converted to UTC), a few date-only rows. The planted cases below give every rule at least once and
the boundaries of rules.md (exactly 72 hours, 72 hours and a minute, a date-only notification on
the third day, a processor at exactly 48 hours, a breach exactly 90 days old, a breach still within
its 72 hours at the audit date, UTC offsets that change the verdict).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..schemas import parse_utc_datetimes
from .org import Organisation

#: builders run in this order (smaller first): processors (10) and the systems (access, 50) exist
BUILD_ORDER = 60

COLUMNS = (
    "breach_id",
    "detected_at",
    "became_aware_at",
    "processor_id",
    "processor_aware_at",
    "processor_notified_at",
    "nature",
    "description",
    "systems",
    "data_categories",
    "special_categories_involved",
    "subjects_affected",
    "records_affected",
    "risk_level",
    "consequences",
    "remedial_measures",
    "authority_notified_at",
    "authority_reference",
    "delay_reason",
    "subjects_informed_at",
    "art34_exemption",
    "public_communication_at",
    "closed_at",
)
DATETIMES = (
    "detected_at",
    "became_aware_at",
    "processor_aware_at",
    "processor_notified_at",
    "authority_notified_at",
    "subjects_informed_at",
    "public_communication_at",
)
#: values recorded after the breach began: empty in a period whose audit date comes before them
LATER = ("authority_notified_at", "subjects_informed_at", "public_communication_at", "closed_at")
#: columns that go with a later value (emptied with it)
WITH_NOTIFICATION = ("authority_reference", "delay_reason")

# nature, description, systems, data categories, consequences, remedial measures, and the
# chances of each risk level (none, risk, high) for such a breach
KINDS = [
    (
        "confidentiality",
        "E-mail with a customer list attached sent to the wrong recipient",
        "CRM",
        "identity; contact",
        "Contact details disclosed to one external recipient",
        "Recipient asked to delete the message and confirmed it; DLP rule added",
        (0.3, 0.6, 0.1),
    ),
    (
        "confidentiality",
        "Laptop stolen from an employee's car",
        "",
        "identity; contact; order history",
        "None likely: the disk is encrypted",
        "Device wiped remotely; password reset",
        (0.9, 0.1, 0.0),
    ),
    (
        "confidentiality",
        "Phishing: one mailbox of the support team accessed by a third party",
        "Support Desk",
        "identity; contact; ticket content",
        "Possible disclosure of support tickets",
        "Session revoked, password reset, multi-factor authentication enforced",
        (0.2, 0.7, 0.1),
    ),
    (
        "confidentiality",
        "Payslips posted to the wrong addresses by the printing provider",
        "Payroll",
        "identity; salary; bank details",
        "Salary details disclosed to other employees",
        "Letters recovered; address matching fixed with the provider",
        (0.1, 0.7, 0.2),
    ),
    (
        "confidentiality; integrity",
        "Misconfigured share exposed HR documents to every employee",
        "HRIS",
        "identity; contract; career",
        "Internal disclosure of personnel files",
        "Permissions corrected; access log reviewed: three files opened",
        (0.4, 0.6, 0.0),
    ),
    (
        "integrity",
        "Faulty import overwrote the delivery addresses of customer accounts",
        "Webshop; ERP",
        "identity; delivery address",
        "Parcels sent to outdated addresses",
        "Addresses restored from the backup; import validated before release",
        (0.7, 0.3, 0.0),
    ),
    (
        "availability",
        "Ransomware encrypted a file server; restored from backup",
        "ERP; Finance Ledger",
        "identity; billing address; invoice lines",
        "Invoicing delayed by two days",
        "Server rebuilt, restored from the offline backup; EDR deployed",
        (0.1, 0.5, 0.4),
    ),
    (
        "availability",
        "Outage of the badge system for a day",
        "Badge Access",
        "identity; access events",
        "Access events of one day not recorded",
        "Controller replaced; monitoring added",
        (1.0, 0.0, 0.0),
    ),
]
RISKS = ("none", "risk", "high")
EXEMPTIONS = ("encrypted", "mitigated")


@dataclass(frozen=True)
class Case:
    """A planted breach: its values as written, and the findings it gives in each period."""

    breach_id: str
    values: dict[str, str]
    expected: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: values never emptied by the cut at the audit date (a typo in a date: it stays wrong)
    keep: tuple[str, ...] = ()


def _clean(**values: str) -> dict[str, str]:
    """A well-documented breach of no particular risk, then the case's own values."""
    base = {
        "nature": "confidentiality",
        "description": "Order confirmation sent to the wrong customer",
        "systems": "Webshop",
        "data_categories": "identity; contact; order history",
        "special_categories_involved": "no",
        "subjects_affected": "1",
        "records_affected": "1",
        "risk_level": "none",
        "consequences": "Name and order of one customer disclosed to another",
        "remedial_measures": "Recipient asked to delete the e-mail; template fixed",
    }
    base.update(values)
    if "detected_at" not in values:
        base["detected_at"] = base["became_aware_at"]
    return base


def _cases(org: Organisation) -> list[Case]:
    """Every planted breach, with absolute dates (both periods read the same history)."""
    active = org.shared.get("processors_active") or ["PR-001", "PR-002"]
    q2 = "2026-Q2"
    q3 = "2026-Q3"

    def both(rule_id: str, note: str) -> dict[str, tuple[tuple[str, str], ...]]:
        return {q2: ((rule_id, note),), q3: ((rule_id, note),)}

    notified = {"risk_level": "risk", "authority_reference": "CNIL-2026-0000"}
    return [
        # -- BRE-002: after the 72 hours (graded by the reasons recorded)
        Case(
            "BR-2025-901",
            _clean(
                detected_at="2025-11-03T08:10",
                became_aware_at="2025-11-03T09:00",
                authority_notified_at="2025-11-06T15:30",
                closed_at="2025-12-15",
                **notified,
            ),
            both("BRE-002", "notified 78 h 30 min after awareness, no reasons recorded (high)"),
        ),
        Case(
            "BR-2026-901",
            _clean(
                became_aware_at="2026-02-10T08:45",
                authority_notified_at="2026-02-13T08:45",
                closed_at="2026-03-01",
                **notified,
            ),
            {},  # exactly 72 hours: on time
        ),
        Case(
            "BR-2026-902",
            _clean(
                became_aware_at="2026-03-02 14:00:00",
                authority_notified_at="2026-03-05 14:01:00",
                closed_at="2026-03-20",
                **notified,
            ),
            both("BRE-002", "72 hours and one minute, no reasons recorded (high)"),
        ),
        Case(
            "BR-2026-903",
            _clean(
                became_aware_at="2026-04-07",
                authority_notified_at="2026-04-10",
                closed_at="2026-04-30",
                **notified,
            ),
            {},  # date-only, notified on the third day: on time
        ),
        Case(
            "BR-2026-904",
            _clean(
                became_aware_at="2026-04-20",
                authority_notified_at="2026-04-24",
                delay_reason="Waited for the hosting provider's forensic report",
                closed_at="2026-05-15",
                **notified,
            ),
            both("BRE-002", "date-only, notified on the fourth day, reasons recorded (low)"),
        ),
        Case(
            "BR-2026-905",
            _clean(
                became_aware_at="2026-05-04",
                authority_notified_at="2026-05-07T18:00",
                closed_at="2026-05-29",
                **notified,
            ),
            {},  # awareness without a time: dates compared, the third day is on time
        ),
        Case(
            "BR-2026-906",
            _clean(
                detected_at="2026-05-18T00:40+02:00",
                became_aware_at="2026-05-18T01:00+02:00",
                authority_notified_at="2026-05-20T23:30Z",
                closed_at="2026-06-12",
                **notified,
            ),
            both("BRE-002", "72 h 30 min once the offsets are converted (70 h 30 min as written)"),
        ),
        Case(
            "BR-2026-907",
            _clean(
                detected_at="2026-06-01T09:00+02:00",
                became_aware_at="2026-06-01T08:30Z",
                authority_notified_at="2026-06-02T10:00+02:00",
                closed_at="2026-06-19",
                **notified,
            ),
            {},  # in order in UTC (aware 08:30Z after detected 07:00Z), though not as written
        ),
        Case(
            "BR-2026-921",
            _clean(
                became_aware_at="2026-02-02T17:00",
                authority_notified_at="2026-02-02",
                closed_at="2026-02-20",
                **notified,
            ),
            {},  # notified the same day without a time: in order, on time
        ),
        # -- BRE-001: a risk not notified once the 72 hours ran out
        Case(
            "BR-2026-922",
            _clean(became_aware_at="2026-09-10T09:15", risk_level="risk"),
            {q3: (("BRE-001", "risk, not notified 20 days after awareness"),)},
        ),
        Case(
            "BR-2026-923",
            _clean(
                became_aware_at="2026-06-05T11:00",
                risk_level="high",
                subjects_informed_at="2026-06-06T15:00",
                authority_notified_at="2026-07-02T10:00",
                authority_reference="CNIL-2026-0702",
                delay_reason="The risk was reassessed as high after the forensic analysis",
                closed_at="2026-07-30",
            ),
            {
                q2: (("BRE-001", "high risk, not notified at the audit date"),),
                q3: (("BRE-002", "notified in the next quarter, reasons recorded (low)"),),
            },
        ),
        Case(
            "BR-2026-924",
            _clean(
                became_aware_at="2026-06-29T14:00",
                risk_level="risk",
                authority_notified_at="2026-07-01T10:00",
                closed_at="2026-07-20",
            ),
            {},  # Q2: still within its 72 hours at the audit date; Q3: notified on time
        ),
        Case(
            "BR-2026-925",
            _clean(
                became_aware_at="2026-06-27",
                risk_level="risk",
                authority_notified_at="2026-07-03",
                delay_reason="Escalated late by the business unit",
                closed_at="2026-07-25",
            ),
            {
                q2: (
                    ("BRE-001", "date-only awareness 3 days before the audit date, not notified"),
                ),
                q3: (("BRE-002", "date-only, notified after 6 days, reasons recorded (low)"),),
            },
        ),
        Case(
            "BR-2026-926",
            _clean(
                became_aware_at="2026-06-28",
                risk_level="risk",
                authority_notified_at="2026-07-01",
                closed_at="2026-07-10",
            ),
            {},  # Q2: date-only, 2 days before the audit date: not run out; Q3: on the third day
        ),
        Case(
            "BR-2026-927",
            _clean(became_aware_at="2026-09-27", risk_level="risk"),
            {q3: (("BRE-001", "date-only awareness 3 days before the audit date, not notified"),)},
        ),
        Case(
            "BR-2026-928",
            _clean(became_aware_at="2026-09-28", risk_level="risk"),
            {},  # date-only, 2 days before the audit date: the 3 days run to 2026-10-01
        ),
        Case(
            "BR-2026-929",
            _clean(became_aware_at="2026-09-27T23:59", risk_level="risk"),
            {q3: (("BRE-001", "72 hours ran out a minute before the end of the audit date"),)},
        ),
        Case(
            "BR-2026-930",
            _clean(became_aware_at="2026-09-28T00:01", risk_level="risk"),
            {},  # the 72 hours run out a minute after the end of the audit date
        ),
        Case(
            "BR-2026-931",
            _clean(became_aware_at="2026-09-29T14:00", risk_level="risk"),
            {},  # still within its 72 hours at the audit date
        ),
        # -- BRE-003: high risk, people not told
        Case(
            "BR-2026-908",
            _clean(
                became_aware_at="2026-05-25T10:00",
                risk_level="high",
                authority_notified_at="2026-05-26T09:00",
                authority_reference="CNIL-2026-0526",
                subjects_informed_at="2026-07-03T12:00",
                closed_at="2026-07-20",
            ),
            {q2: (("BRE-003", "high risk, people not informed at the audit date"),)},
        ),
        Case(
            "BR-2026-909",
            _clean(
                became_aware_at="2026-08-03T11:00",
                risk_level="high",
                authority_notified_at="2026-08-04T10:00",
                authority_reference="CNIL-2026-0804",
                art34_exemption="disproportionate_effort",
                subjects_affected="48,000",
                records_affected="52,300",
                closed_at="2026-09-01",
            ),
            {q3: (("BRE-003", "disproportionate effort, no public communication"),)},
        ),
        Case(
            "BR-2026-932",
            _clean(
                became_aware_at="2026-08-20T10:00",
                risk_level="high",
                authority_notified_at="2026-08-21T16:00",
                authority_reference="CNIL-2026-0821",
                art34_exemption="encrypted",
                systems="Legacy FTP; CRM",
                description="Backup tape lost in transit; the tape is encrypted",
                closed_at="2026-09-10",
            ),
            {},  # exempted (Art. 34(3)(a)); its system 'Legacy FTP' is not in the systems register
        ),
        # -- BRE-004: documentation incomplete
        Case(
            "BR-2026-910",
            _clean(
                became_aware_at="2026-06-15T10:00",
                consequences="",
                remedial_measures="",
                closed_at="2026-06-20",
            ),
            both("BRE-004", "consequences and remedial measures empty"),
        ),
        # -- BRE-005: the processor's own delay (Art. 33(2))
        Case(
            "BR-2026-911",
            _clean(
                processor_id=active[0],
                detected_at="2026-07-06T09:00",
                processor_aware_at="2026-07-06T09:00",
                processor_notified_at="2026-07-08T10:00",
                became_aware_at="2026-07-08T10:30",
                risk_level="risk",
                authority_notified_at="2026-07-09T09:00",
                authority_reference="CNIL-2026-0709",
                closed_at="2026-08-01",
            ),
            {q3: (("BRE-005", "the processor notified 49 hours after becoming aware"),)},
        ),
        Case(
            "BR-2026-912",
            _clean(
                processor_id=active[1],
                detected_at="2026-03-16T07:00",
                processor_aware_at="2026-03-16T07:00",
                processor_notified_at="2026-03-18T07:00",
                became_aware_at="2026-03-18T09:00",
                closed_at="2026-04-02",
            ),
            {},  # the processor notified after exactly 48 hours
        ),
        Case(
            "BR-2026-933",
            _clean(
                processor_id=active[2 % len(active)],
                detected_at="2026-05-11",
                processor_aware_at="2026-05-11",
                processor_notified_at="2026-05-14",
                became_aware_at="2026-05-14",
                closed_at="2026-05-30",
            ),
            both("BRE-005", "date-only: the processor notified on the third day after"),
        ),
        # -- BRE-006: a processor the register does not know
        Case(
            "BR-2026-913",
            _clean(
                processor_id="PR-0999",
                detected_at="2026-01-20T10:00",
                processor_aware_at="2026-01-20T10:00",
                processor_notified_at="2026-01-20T16:00",
                became_aware_at="2026-01-20T17:00",
                closed_at="2026-02-05",
            ),
            both("BRE-006", "processor PR-0999 not in the processors register"),
        ),
        # -- BRE-007: special-category data assessed as no risk
        Case(
            "BR-2026-914",
            _clean(
                became_aware_at="2026-02-23T11:30",
                description="Sick-leave certificate filed in the wrong employee's folder",
                systems="HRIS",
                data_categories="identity; absence periods",
                special_categories_involved="yes",
                closed_at="2026-03-10",
            ),
            both("BRE-007", "health data, risk assessed as none"),
        ),
        # -- BRE-008: still open after 90 days (strictly)
        Case(
            "BR-2026-915",
            _clean(became_aware_at="2026-03-31T10:00", closed_at="2026-07-15"),
            {q2: (("BRE-008", "open 91 days at the audit date (closed in the next quarter)"),)},
        ),
        Case(
            "BR-2026-916",
            _clean(became_aware_at="2026-04-01T09:00", closed_at="2026-08-10"),
            {},  # Q2: open exactly 90 days; closed in Q3
        ),
        Case(
            "BR-2026-917",
            _clean(became_aware_at="2026-07-01T09:00"),
            {q3: (("BRE-008", "open 91 days at the audit date"),)},
        ),
        Case(
            "BR-2026-918",
            _clean(became_aware_at="2026-07-02T16:00"),
            {},  # Q3: open exactly 90 days
        ),
        # -- BRE-009: dates out of order
        Case(
            "BR-2026-919",
            _clean(
                detected_at="2026-06-10T15:00",
                became_aware_at="2026-06-10T09:00",
                closed_at="2026-06-25",
            ),
            both("BRE-009", "aware six hours before the incident was detected"),
        ),
        Case(
            "BR-2026-920",
            _clean(became_aware_at="2026-08-11T10:00", closed_at="2062-08-14"),
            {q3: (("BRE-009", "closed_at typed 2062 (after the audit date)"),)},
            keep=("closed_at",),
        ),
    ]


def _background(org: Organisation) -> pd.DataFrame:
    """Clean breaches from January 2025 to September 2026, the same in every period."""
    rng = org.rng("breaches")
    n = {"small": 30}.get(org.scale, 3_000)
    active = org.shared.get("processors_active") or ["PR-001"]
    start = pd.Timestamp("2025-01-06").value // 60_000_000_000  # minutes since 1970
    end = pd.Timestamp("2026-09-16").value // 60_000_000_000
    detected = np.sort(rng.integers(start, end, n))
    kind = rng.integers(0, len(KINDS), n)
    chances = np.array([k[6] for k in KINDS])[kind]
    risk = (rng.random(n)[:, None] > np.cumsum(chances, axis=1)).sum(axis=1)
    at_processor = rng.random(n) < 0.25
    processor_delay = rng.integers(30, 40 * 60, n)  # minutes: at most 40 hours
    aware = detected + rng.integers(0, 20 * 60, n)
    aware = np.where(at_processor, detected + processor_delay + rng.integers(0, 180, n), aware)
    notified = aware + rng.integers(2 * 60, 70 * 60, n)
    informed = aware + rng.integers(6 * 60, 100 * 60, n)
    public = aware + rng.integers(10 * 60, 80 * 60, n)
    closed_days = rng.integers(5, 60, n)
    style = rng.choice(4, n, p=[0.6, 0.2, 0.12, 0.08])  # T, space + seconds, offset, date only
    how_told = rng.choice(4, n, p=[0.6, 0.2, 0.1, 0.1])  # informed, encrypted, mitigated, public
    special = rng.random(n) < 0.3
    subjects = rng.integers(1, 5_000, n)
    records = subjects + rng.integers(0, 2_000, n)
    figures_missing = rng.random(n) < 0.1

    def written(minutes: np.ndarray) -> list[str]:
        stamps = pd.to_datetime(minutes * 60, unit="s")
        out = []
        for stamp, s in zip(stamps, style, strict=True):
            if s == 0:
                out.append(stamp.strftime("%Y-%m-%dT%H:%M"))
            elif s == 1:
                out.append(stamp.strftime("%Y-%m-%d %H:%M:%S"))
            elif s == 2:  # Paris time with its offset: the same instant once converted to UTC
                offset = 2 if 3 <= stamp.month <= 10 else 1
                local = stamp + pd.Timedelta(hours=offset)
                out.append(local.strftime("%Y-%m-%dT%H:%M") + f"+0{offset}:00")
            else:
                out.append(stamp.strftime("%Y-%m-%d"))
        return out

    aware_days = pd.to_datetime(aware * 60, unit="s").normalize()
    closed = aware_days + pd.to_timedelta(closed_days, unit="D")
    years = aware_days.year.to_numpy()
    numbers = pd.Series(years).groupby(years).cumcount().to_numpy() + 1
    rows = pd.DataFrame(
        {
            "breach_id": [f"BR-{y}-{k:04d}" for y, k in zip(years, numbers, strict=True)],
            "detected_at": written(detected),
            "became_aware_at": written(aware),
            "processor_id": np.where(at_processor, rng.choice(active, n), ""),
            "processor_aware_at": np.where(at_processor, written(detected), ""),
            "processor_notified_at": np.where(
                at_processor, written(detected + processor_delay), ""
            ),
            "nature": [KINDS[k][0] for k in kind],
            "description": [KINDS[k][1] for k in kind],
            "systems": [KINDS[k][2] for k in kind],
            "data_categories": [KINDS[k][3] for k in kind],
            "special_categories_involved": np.where(risk > 0, np.where(special, "yes", "no"), "no"),
            "subjects_affected": np.where(figures_missing, "", subjects.astype(str)),
            "records_affected": np.where(figures_missing, "", records.astype(str)),
            "risk_level": np.array(RISKS)[risk],
            "consequences": [KINDS[k][4] for k in kind],
            "remedial_measures": [KINDS[k][5] for k in kind],
            "authority_notified_at": np.where(risk > 0, written(notified), ""),
            "authority_reference": np.where(
                risk > 0, [f"CNIL-{y}-{k:04d}" for y, k in zip(years, numbers, strict=True)], ""
            ),
            "delay_reason": "",
            "subjects_informed_at": np.where((risk == 2) & (how_told == 0), written(informed), ""),
            "art34_exemption": np.where(
                risk == 2,
                np.array(["", *EXEMPTIONS, "disproportionate_effort"])[how_told],
                "",
            ),
            "public_communication_at": np.where((risk == 2) & (how_told == 3), written(public), ""),
            "closed_at": closed.strftime("%Y-%m-%d"),
        }
    )
    return rows


def _moments(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """The calendar day (as the audit reads it: UTC where an offset is given) of each dated column."""
    days = {}
    for name in (*DATETIMES, "closed_at"):
        text = frame[name].replace("", None)
        days[name] = parse_utc_datetimes(text)[0].dt.normalize()
    return days


def _as_of(frame: pd.DataFrame, audit_date: pd.Timestamp, planted: pd.Series, keep) -> pd.DataFrame:
    """The register as it stood at the end of `audit_date`."""
    days = _moments(frame)
    began = (days["became_aware_at"] <= audit_date) & (days["detected_at"] <= audit_date)
    # a background breach enters the register with its notification and communication done
    complete = pd.Series(True, index=frame.index)
    for name in DATETIMES:
        complete &= ~(days[name] > audit_date)
    rows = frame[began & (planted | complete)].copy()
    for name in LATER:
        later = (days[name] > audit_date)[rows.index] & ~keep[name][rows.index]
        rows.loc[later, name] = ""
        if name == "authority_notified_at":
            for other in WITH_NOTIFICATION:
                rows.loc[later, other] = ""
    return rows


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    cases = _cases(org)
    background = _background(org)
    planted = pd.DataFrame([{"breach_id": c.breach_id, **c.values} for c in cases])
    planted = planted.reindex(columns=list(COLUMNS), fill_value="").fillna("")
    frame = pd.concat([background, planted], ignore_index=True)
    is_planted = pd.Series(frame.index >= len(background), index=frame.index)
    keep = {
        name: pd.Series(
            [False] * len(background) + [name in c.keep for c in cases], index=frame.index
        )
        for name in LATER
    }
    register = _as_of(frame, org.audit_date.normalize(), is_planted, keep)
    present = set(register["breach_id"])
    for case in cases:
        findings = case.expected.get(org.period, ())
        if findings and case.breach_id not in present:
            raise RuntimeError(f"{case.breach_id}: expected findings but not in the register")
        for rule_id, note in findings:
            expected.append(
                {
                    "audit": "breaches",
                    "rule_id": rule_id,
                    "record_key": case.breach_id,
                    "note": note,
                }
            )
    register = register.sort_values("became_aware_at", kind="mergesort")  # as kept: by awareness
    frames["breaches"] = register[list(COLUMNS)].reset_index(drop=True)
