"""The sample organisation: a mid-size group whose registers are generated, linked and audited.

Everything is derived from the seed: each register's generator draws from its own random stream
(`org.rng(name)`), so changing one register's generator leaves the others' data unchanged.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: the sample's periods: the default one (previous=False) and the quarter before it
PERIODS = {
    "2026-Q3": (pd.Timestamp("2026-09-30"), False),
    "2026-Q2": (pd.Timestamp("2026-06-30"), True),
}

SIZES = {
    "small": {
        "activities": 60,
        "processors": 40,
        "inventory": 10_000,
        "requests": 1_500,
        "events": 50_000,
        "staff": 400,
    },
    "large": {
        "activities": 5_000,
        "processors": 2_000,
        "inventory": 2_000_000,
        "requests": 200_000,
        "events": 5_000_000,
        "staff": 20_000,
    },
    # beyond one machine's memory with pandas: the access log and the inventory are generated and
    # written chunk by chunk (`Chunked`); the other registers and the planted violations are
    # those of `large`
    "xlarge": {
        "activities": 5_000,
        "processors": 2_000,
        "inventory": 8_000_000,
        "requests": 200_000,
        "events": 20_000_000,
        "staff": 20_000,
    },
}
#: rows per chunk of a Chunked register (one Parquet file each)
CHUNK_ROWS = 1_000_000

# name, holds personal data, owner
SYSTEMS = [
    ("CRM", True, "Sales"),
    ("Webshop", True, "E-commerce"),
    ("Marketing Cloud", True, "Marketing"),
    ("Support Desk", True, "Customer Service"),
    ("ERP", True, "Finance"),
    ("Finance Ledger", True, "Finance"),
    ("HRIS", True, "Human Resources"),
    ("Payroll", True, "Human Resources"),
    ("Recruitment Portal", True, "Human Resources"),
    ("Badge Access", True, "Facilities"),
    ("Data Warehouse", True, "IT"),
    ("Build Server", False, "IT"),
]

# rule_id, data_category, trigger, duration, action, legal_reference, systems holding it
RETENTION_RULES = [
    (
        "RET-WEB",
        "web_form_contact",
        "last_contact",
        "P3Y",
        "delete",
        "Policy: 3 years from the last exchange",
        ("Webshop", "CRM"),
    ),
    (
        "RET-CUS",
        "customer_account",
        "contract_end",
        "P5Y",
        "anonymise",
        "Code civil art. 2224",
        ("CRM", "Webshop"),
    ),
    (
        "RET-INV",
        "invoice",
        "collected",
        "P10Y",
        "archive",
        "Code de commerce L123-22",
        ("ERP", "Finance Ledger"),
    ),
    (
        "RET-PRO",
        "prospect",
        "last_contact",
        "P3Y",
        "delete",
        "CNIL prospection guidance",
        ("CRM", "Marketing Cloud"),
    ),
    (
        "RET-NEW",
        "newsletter_subscriber",
        "last_contact",
        "P3Y",
        "delete",
        "Consent-based marketing",
        ("Marketing Cloud",),
    ),
    ("RET-SUP", "support_ticket", "account_closed", "P2Y", "delete", "", ("Support Desk",)),
    (
        "RET-EMP",
        "employee_file",
        "employment_end",
        "P5Y",
        "archive",
        "Code du travail L3243-4",
        ("HRIS",),
    ),
    ("RET-PAY", "payslip", "collected", "P5Y", "archive", "Code du travail L3243-4", ("Payroll",)),
    (
        "RET-CAN",
        "candidate",
        "collected",
        "P2Y",
        "delete",
        "CNIL recruitment guidance",
        ("Recruitment Portal",),
    ),
    (
        "RET-BDG",
        "badge_event",
        "collected",
        "P3M",
        "delete",
        "CNIL badge guidance",
        ("Badge Access",),
    ),
    (
        "RET-LOG",
        "access_log_entry",
        "collected",
        "P1Y",
        "delete",
        "CNIL journalisation recommendation",
        ("Data Warehouse",),
    ),
]

DEPARTMENTS = [
    "Sales",
    "Marketing",
    "Customer Service",
    "Finance",
    "Human Resources",
    "IT",
    "Facilities",
    "Legal",
    "Logistics",
]

FIRST_NAMES = [
    "alice",
    "bruno",
    "chloe",
    "david",
    "emma",
    "farid",
    "gina",
    "hugo",
    "ines",
    "jules",
    "karim",
    "lea",
    "marc",
    "nora",
    "oscar",
    "paula",
    "quentin",
    "rosa",
    "samir",
    "tess",
    "ugo",
    "vera",
    "william",
    "yasmine",
    "zoe",
]
LAST_NAMES = [
    "martin",
    "bernard",
    "dubois",
    "thomas",
    "robert",
    "richard",
    "petit",
    "durand",
    "leroy",
    "moreau",
    "simon",
    "laurent",
    "lefebvre",
    "michel",
    "garcia",
    "david",
    "bertrand",
    "roux",
    "vincent",
    "fournier",
]


@dataclass
class Organisation:
    seed: int = 42
    scale: str = "small"
    name: str = "Example Group"
    period: str = "2026-Q3"
    audit_date: pd.Timestamp = field(default_factory=lambda: pd.Timestamp("2026-09-30"))
    #: ids shared between generators (filled as registers are built)
    shared: dict = field(default_factory=dict)
    #: the period before the default one: some violations are not there yet, others not yet fixed
    previous: bool = False

    @property
    def size(self) -> dict[str, int]:
        return SIZES[self.scale]

    def rng(self, stream: str) -> np.random.Generator:
        """An independent random stream per register, derived from the seed."""
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode())])

    @property
    def period_start(self) -> pd.Timestamp:
        return self.audit_date - pd.DateOffset(years=1) + pd.Timedelta(days=1)


@dataclass
class Chunked:
    """A register too large to build at once (scale xlarge): ``chunks()`` generates it chunk by
    chunk, in row order, deterministically (each chunk from its own random stream), so that
    writing it never needs the whole register in memory. A generator may append to the expected
    findings as it goes (the ids of planted rows are known when their chunk is made)."""

    columns: list[str]
    rows: int
    chunks: Callable[[], Iterator[pd.DataFrame]]


def subject_refs(rng: np.random.Generator, n: int, pool: int) -> np.ndarray:
    """Fake e-mail addresses (example.com) used as subject_ref: personal data the reports must hide."""
    return subject_text(rng.integers(0, pool, size=n))


def subject_text(ids: np.ndarray) -> np.ndarray:
    """The fake e-mail address of each subject number (``subject_refs``' values)."""
    first = np.array(FIRST_NAMES)[ids % len(FIRST_NAMES)]
    last = np.array(LAST_NAMES)[(ids // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return np.char.add(
        np.char.add(np.char.add(np.char.add(first, "."), last), ids.astype(str)), "@example.com"
    )


def iso(values) -> pd.Series:
    """Dates as ISO text; NaT as an empty cell."""
    series = pd.Series(values)
    return series.dt.strftime("%Y-%m-%d").fillna("")
