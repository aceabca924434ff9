"""The Dask engine (``engine: dask``): the access-log and retention audits beyond one machine.

Findings are identical to the pandas engine's (same rows, order, messages and finding_ids), and
so are the data-quality findings, the key figures, the charts, the worklist and the report. The
big register (``access_log`` for access, ``data_inventory`` for retention) never reaches the
notebook's process (the driver): it is read, typed, validated and judged in the Dask workers,
and only small results come back. How:

1. **Read.** The big register is read with ``dask.dataframe.read_parquet``: a ``.parquet`` file
   (one partition per row group) or a folder of ``.parquet`` files as Dask's ``to_parquet``
   writes them (``part.0.parquet``, ``part.1.parquet``, ... read in natural order, which is the
   row order; sub-folders -- hive partitioning -- are not read). A partition above
   :data:`PARTITION_ROWS` rows is judged in slices. CSV and XLSX are refused with a clear message
   (a blocking input error): the loader's CSV handling (encodings, separators, line numbers of
   values spanning lines) is not reproduced here -- convert the file to Parquet or use
   ``engine: pandas``. Headers are mapped and required columns checked by the loader's own code
   (``read_register`` on an empty copy of the schema), so the errors read the same as with pandas.
2. **Survey** (a first, light pass on the id and ``subject_ref`` columns only): each slice's
   length (every row carries its global position, so the rows named in findings are the global
   ones), its distinct ``subject_ref`` values -- the session's ``Pseudonymiser`` gives them their
   pseudonyms on the driver in order of first appearance, as it would see the whole column
   (sequential tokens depend on that order); each worker then receives the tokens of its own
   slice -- and its typed ids, hashed into buckets in which the workers find the ids present
   more than once (DQ-003 is the only check of these schemas that is not per value).
3. **Type, validate and judge** each slice in the workers with ``schemas.check_register``; the
   rows whose id is duplicated anywhere are judged for DQ-003 in their slice. Retention: the
   rules listed in :data:`PARTITION_RULES` then run on the slice at once (they are per record,
   given the small schedule), so a slice lives for one task. Access: each typed slice is split
   by a hash of ``user_id`` into buckets, and the rules run per bucket (all events of its users,
   in file order) -- the one moment the register is held whole, spread over the workers. The
   rules that judge the big register as a whole and are not per record or per user are listed
   in :data:`DRIVER_RULES`; they run on the driver on the stand-in below. Any other rule of these
   audits (one added later without deciding where it runs) is reported as not evaluated, never
   judged on a partial register.
4. **Figures.** Next to its findings, each partition computes the audit's figure pieces
   (:class:`audit_lib.audits.Figures`: counts, per-month and per-system series, histograms as
   value counts, the worklist rows of ``retention_actions.csv``) with the same code the pandas
   engine runs on the whole register as one partition; the pieces are merged on the driver.

What reaches the driver (the notebook's process), all small: the findings (as with pandas) and
the data-quality findings; per slice, its length and distinct ``subject_ref`` values, per bucket
its duplicated ids; the merged figure pieces (counts; the deletion worklist, one row per RET-001
finding; grants whose event id is duplicated across partitions, settled with the findings); the
readings of free text; and, as ``ctx.frames[<big register>]``, a *stand-in* with the register's
columns and types only: no row for the inventory, one row per system for the access log (its
earliest timestamp: ACC-006 reads the systems of the log when no systems register is given).
``ctx.sources[<big register>].rows`` still counts the register's rows.

Cluster: ``dask_scheduler: tcp://host:port`` uses that cluster (its workers need this package and
the same library versions, and must be able to read the input path); otherwise a LocalCluster of
:data:`N_WORKERS` worker processes of :data:`THREADS_PER_WORKER` thread with a memory limit per
worker from ``GDPR_AUDIT_DASK_MEMORY_LIMIT`` (default ``2GiB``; Dask spills to disk above 60-70 %
of it, pauses at 80 % and restarts a worker above 95 %). The cluster lives for the duration of
``load_inputs`` only; its log lines and warnings are kept out of the notebook (and the report).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import re
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..context import AuditContext
from ..context import load_inputs as load_with_pandas
from ..errors import InputError
from ..loaders import SourceInfo, read_register, sha256_file
from ..privacy import Pseudonymiser
from ..rules import RULES, judge, rules_for
from ..schemas import (
    ID_COLUMNS,
    check_register,
    column_specs,
    expected_columns,
    required_columns,
    type_frame,
)
from . import DASK_AUDITS

#: environment variable: memory limit per LocalCluster worker ("2GiB", "1500MB", ...; "0" = none)
MEMORY_LIMIT_VARIABLE = "GDPR_AUDIT_DASK_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "2GiB"
N_WORKERS = 2
THREADS_PER_WORKER = 1
#: extra LocalCluster keywords (e.g. {"processes": False} in tests)
LOCAL_CLUSTER_OPTIONS: dict[str, Any] = {}
CONNECT_TIMEOUT = "20s"
#: where the engine leaves its findings in ctx.cache (read by run_rules)
STATE_KEY = "engine.dask"
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
#: partitions larger than this (a row group may hold ~1M rows) are judged in slices
PARTITION_ROWS = 500_000
#: a Parquet file has no header line; the loader numbers its first row "row 2", as in a CSV
HEADER_ROW = 1

#: rules that judge a partition exactly as they judge the whole register (see the module doc)
PARTITION_RULES: dict[str, frozenset[str]] = {
    # per event, or per user (the log is split on user_id)
    "access": frozenset(
        {
            "ACC-001",
            "ACC-002",
            "ACC-003",
            "ACC-004",
            "ACC-005",
            "ACC-007",
            "ACC-008",
            "ACC-009",
            "ACC-010",
        }
    ),
    # per record given the (small) schedule
    "retention": frozenset(
        {"RET-001", "RET-002", "RET-003", "RET-004", "RET-005", "RET-006", "RET-007"}
    ),
}
#: rules run on the driver, with the stand-in of the big register: ACC-006 per system (it reads
#: the systems of the log), RET-008 and RET-009 on the schedule itself
DRIVER_RULES: dict[str, frozenset[str]] = {
    "access": frozenset({"ACC-006"}),
    "retention": frozenset({"RET-008", "RET-009"}),
}
#: column whose values must not be split between partitions (None: any partitioning)
SHUFFLE_ON = {"access": "user_id", "retention": None}


@dataclass(frozen=True)
class DaskRun:
    """What the distributed phase leaves for ``run_rules``: its findings and the rules it ran."""

    judged: frozenset[str]
    findings: pd.DataFrame
    partitions: int
    workers: int
    failed: dict[str, str] = dataclasses.field(default_factory=dict)  # rule id -> exception


def memory_limit() -> str:
    """The memory limit per LocalCluster worker (environment, else the default)."""
    return os.environ.get(MEMORY_LIMIT_VARIABLE, "").strip() or DEFAULT_MEMORY_LIMIT


# ---------------------------------------------------------------------------------- entry points
def load_inputs(
    audit: str,
    params: Any,
    registers: tuple[str, ...],
    optional: tuple[str, ...] = (),
    pseudonymiser: Pseudonymiser | None = None,
) -> AuditContext:
    """``context.load_inputs`` for the access and retention audits with ``engine: dask``.

    The small registers are read by the pandas engine, in the same order (pseudonyms depend on
    it); the big register is surveyed in its place in that order, then validated and judged in
    Dask once the small registers are read. Never raises for bad input: an unusable input, a
    missing Dask installation or an unreachable scheduler is a blocking input error (ctx.errors).
    """
    big = DASK_AUDITS[audit]
    ctx = AuditContext(audit=audit, params=params)
    pseudonymiser = pseudonymiser or Pseudonymiser()
    in_process = dataclasses.replace(params, engine="pandas")
    job: _Job | None = None
    with contextlib.ExitStack() as stack:
        for register in registers + optional:
            if register != big or register not in params.inputs:
                _merge(
                    ctx,
                    load_with_pandas(audit, in_process, *_only(register, registers), pseudonymiser),
                )
                continue
            shown = params.inputs_as_written.get(register, str(params.inputs[register]))
            try:
                source = _ParquetSource.of(register, Path(params.inputs[register]), shown)
                names = source.canonical_columns(params.columns.get(register))
                client = stack.enter_context(_client(params))
                job = _Job(client, audit, register, params, source, names)
                with _cluster_failure():
                    job.survey(pseudonymiser)
            except InputError as exc:
                job = None
                if register in registers:
                    ctx.errors.append(exc)
                else:
                    ctx.notes.append(f"{register} left out: {exc}")
                continue
            ctx.sources[register] = job.info
        if job is not None and not ctx.errors:  # a blocked audit runs no rule: judge nothing
            small = {k: v for k, v in ctx.frames.items() if k != big}
            try:
                with _cluster_failure():
                    result = job.run(small)
            except InputError as exc:  # a row group that cannot be read, a worker lost
                ctx.errors.append(exc)
            else:
                ctx.dq[big] = result.dq
                ctx.frames[big] = result.stand_in
                ctx.cache[STATE_KEY] = result.run
                ctx.cache[f"figures.{audit}"] = result.figures
                order = list(registers + optional)
                ctx.frames = dict(sorted(ctx.frames.items(), key=lambda item: order.index(item[0])))
    return ctx


def run_rules(audit: str, ctx: AuditContext):
    """``rules.run_rules`` for a context loaded by this engine: the rules judged in the workers
    are taken from the distributed phase, those of :data:`DRIVER_RULES` run here, any other rule
    of the audit is not evaluated (it would see the stand-in, not the register). A rule that
    raised in a worker is reported as failed, as the pandas engine reports it."""
    from ..rules import RuleResults
    from ..rules import run_rules as run_registered_rules

    run: DaskRun = ctx.cache[STATE_KEY]
    elsewhere = {
        r.id
        for r in rules_for(audit)
        if r.id not in PARTITION_RULES[audit] | DRIVER_RULES[audit] and r.func is not None
    }
    here = run_registered_rules(audit, ctx, done=(run.judged - set(run.failed)) | elsewhere)
    frames = [f for f in (run.findings, here.findings) if len(f)]
    findings = pd.concat(frames, ignore_index=True) if frames else here.findings
    unjudged = {
        rule_id: f"engine: dask does not judge {rule_id} (not listed in the engine's "
        "PARTITION_RULES or DRIVER_RULES)"
        for rule_id in elsewhere
        if rule_id in here.evaluated
    }
    failed = {**run.failed, **unjudged, **here.failed}
    evaluated = [rule_id for rule_id in here.evaluated if rule_id not in failed]
    skipped = {**here.not_evaluated}
    for rule_id, reason in {**run.failed, **unjudged}.items():
        skipped[rule_id] = f"could not be evaluated: {reason}"
    return RuleResults(findings, evaluated, dict(sorted(skipped.items())), failed)


@contextlib.contextmanager
def _cluster_failure() -> Iterator[None]:
    """A worker killed (above its memory limit) or the cluster lost: a blocking input error with
    what to do, not a traceback in the report."""
    from distributed import KilledWorker
    from distributed.comm import CommClosedError

    try:
        yield
    except (KilledWorker, CommClosedError, TimeoutError) as exc:
        raise InputError(
            "engine: dask",
            f"the Dask cluster failed ({type(exc).__name__})",
            suggestion="a worker above its memory limit is restarted and its task given up: "
            f"raise {MEMORY_LIMIT_VARIABLE} (LocalCluster) or the workers' --memory-limit, or "
            "add workers; check that the scheduler and the workers are still running",
        ) from None


def _only(register: str, registers: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(registers, optional) arguments that make load_inputs read this one register."""
    return ((register,), ()) if register in registers else ((), (register,))


def _merge(ctx: AuditContext, part: AuditContext) -> None:
    ctx.frames.update(part.frames)
    ctx.sources.update(part.sources)
    ctx.dq.update(part.dq)
    ctx.errors.extend(part.errors)
    ctx.notes.extend(part.notes)


# ------------------------------------------------------------------------------------ the input
@dataclass(frozen=True)
class _ParquetSource:
    register: str
    path: Path
    shown: str
    files: tuple[Path, ...]

    @classmethod
    def of(cls, register: str, path: Path, shown: str) -> _ParquetSource:
        expected = "a .parquet file or a folder of .parquet files (engine: dask)"
        if not path.exists():
            raise InputError(shown, "file not found", expected=expected)
        if path.is_dir():
            # the folder's own .parquet files, in natural order (part.9 before part.10), as Dask
            # writes them; sub-folders (hive partitioning) are not read
            files = tuple(
                sorted(
                    (p for p in path.iterdir() if p.is_file() and _is_parquet(p)),
                    key=lambda p: _natural(p.name),
                )
            )
            if not files:
                raise InputError(shown, "is a folder without .parquet files", expected=expected)
            return cls(register, path, shown, files)
        if not _is_parquet(path):
            raise InputError(
                shown,
                "engine: dask reads Parquet only",
                expected=expected,
                suggestion="convert the file to Parquet, or set engine: pandas",
            )
        return cls(register, path, shown, (path,))

    def sha256(self) -> str:
        """The file's SHA-256; for a folder, the SHA-256 of its listing: each .parquet file's
        name and SHA-256, one per line, in the order they are read."""
        if self.path.is_file():
            return sha256_file(self.path)
        listing = "".join(f"{p.name} {sha256_file(p)}\n" for p in self.files)
        return hashlib.sha256(listing.encode()).hexdigest()

    def frame(self, columns: list[int] | None = None):
        """The register as a Dask frame: one partition per row group, in row order; only the
        columns at these positions when given (the others are not read)."""
        import dask.dataframe as dd

        with self.reading():
            frame = dd.read_parquet([str(p) for p in self.files], split_row_groups=True)
            if columns is not None:
                frame = frame[[frame.columns[i] for i in columns]]
            return frame

    def row_groups(self) -> list[int] | None:
        """The rows of each row group, in order -- Dask's partitions -- from the files' footers
        (no data is read); None when they do not map one to one to Dask's partitions."""
        import pyarrow.parquet as pq

        lengths = []
        for path in self.files:
            meta = pq.ParquetFile(path).metadata
            lengths += [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
        return lengths if len(lengths) == self.frame().npartitions else None

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Strings as pandas' own `str` dtype (pd.read_parquet's), not Dask's string[pyarrow];
        a file that cannot be read is an input error."""
        import dask
        import pyarrow as pa

        try:
            with dask.config.set({"dataframe.convert-string": False}):
                yield
        except (pa.ArrowException, OSError, ValueError, TypeError) as exc:
            raise InputError(
                self.shown, f"cannot be read as Parquet ({type(exc).__name__})"
            ) from None

    def canonical_columns(self, mapping: dict[str, str] | None) -> list[str]:
        """The canonical column names, by the loader's own rules (an empty copy of the schema
        goes through read_register): unknown headers, mapping clashes and missing required
        columns give the loader's errors, naming this input."""
        meta = self.frame()._meta
        with tempfile.TemporaryDirectory(prefix="gdpr-audit-schema-") as tmp:
            empty = Path(tmp) / f"{self.register}.parquet"
            meta.iloc[:0].to_parquet(empty, index=False)
            frame, _ = read_register(
                self.register,
                empty,
                shown_as=self.shown,
                mapping=mapping,
                required=required_columns(self.register),
                expected=expected_columns(self.register),
            )
        return [str(c) for c in frame.columns]


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() in PARQUET_SUFFIXES


def _natural(text: str) -> list:
    """`part.10` after `part.9`: Dask's order of the files of a folder."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


# ---------------------------------------------------------------------------------- the cluster
@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """No Dask log lines or warnings in the notebook (they would end up in the report)."""
    loggers = [logging.getLogger(name) for name in ("distributed", "dask", "tornado", "bokeh")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=r"(dask|distributed|tornado)(\..*)?$")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextlib.contextmanager
def _client(params: Any) -> Iterator[Any]:
    """A distributed Client on ``dask_scheduler``, else on a LocalCluster; closed on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError(
            "engine: dask",
            "the Dask engine is not installed",
            suggestion="pip install 'gdpr-audit[dask]' (dask[dataframe] and distributed), "
            "or set engine: pandas",
        ) from None
    with contextlib.ExitStack() as stack:
        stack.enter_context(_quiet())
        address = params.dask_scheduler
        if address:
            try:
                client = Client(str(address), timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(
                    f"dask_scheduler {address}",
                    f"cannot connect to the Dask scheduler ({type(exc).__name__})",
                    expected="the address of a running scheduler, e.g. tcp://host:8786",
                    suggestion="start the cluster, or remove dask_scheduler to use a local one",
                ) from None
            stack.callback(client.close)
        else:
            options = {
                "n_workers": N_WORKERS,
                "threads_per_worker": THREADS_PER_WORKER,
                "memory_limit": memory_limit(),
                "processes": True,
                "dashboard_address": None,
                "silence_logs": logging.CRITICAL,
            } | LOCAL_CLUSTER_OPTIONS
            cluster = stack.enter_context(LocalCluster(**options))
            client = stack.enter_context(Client(cluster, set_as_default=False))
        stack.enter_context(client.as_current())
        yield client


# ------------------------------------------------------------------------------ the distributed job
@dataclass
class _Outcome:
    """What one task sends back to the driver: small things only."""

    dq: pd.DataFrame | None = None  # data-quality findings of a slice
    readings: pd.DataFrame | None = None  # free text understood in a slice
    meta: pd.DataFrame | None = None  # the typed register's columns and types, no row
    findings: pd.DataFrame | None = None  # findings of a partition judged
    failed: dict[str, str] = dataclasses.field(default_factory=dict)  # rule id -> exception
    figures: Any = None  # the audit's figure pieces, or the exception that stopped them
    stand_in: pd.DataFrame | None = None  # access: per system, earliest timestamp


@dataclass(frozen=True)
class _Result:
    dq: pd.DataFrame
    stand_in: pd.DataFrame
    run: DaskRun
    figures: Any


class _Job:
    """One big register in one cluster: survey, then check, judge and aggregate."""

    def __init__(
        self, client, audit: str, register: str, params: Any, source: _ParquetSource, names
    ):
        self.client = client
        self.audit = audit
        self.register = register
        self.params = params
        self.source = source
        self.names = list(names)  # canonical names of the file's columns, in its order
        self.slices: list[tuple[int, int, int]] = []  # (partition, first row, end row)
        self.offsets: list[int] = []  # global position of each slice's first row
        self.tokens: list = []  # per slice: the pseudonyms of its distinct subject_refs
        self.duplicated = pd.Index([], dtype="str")
        self.info: SourceInfo | None = None

    # ---------------------------------------------------------------------------- survey
    def survey(self, pseudonymiser: Pseudonymiser) -> None:
        """The light first pass: slices, duplicated ids, pseudonyms, the source's summary."""
        import dask

        client = self.client
        with self.source.reading():
            lengths = self.source.row_groups()
            if lengths is None:  # the row groups do not map to Dask's partitions: count
                parts = self.source.frame(columns=[0]).to_delayed()
                lengths = client.gather(client.compute([dask.delayed(len)(p) for p in parts]))
        for partition, length in enumerate(lengths):
            for start, stop in _slices(length):
                self.slices.append((partition, start, stop))
        sizes = [stop - start for _, start, stop in self.slices]
        self.offsets = [int(v) for v in np.cumsum([0, *sizes[:-1]])]
        self.tokens = [None] * len(self.slices)
        self.info = SourceInfo(
            register=self.register,
            path=self.source.path,
            shown_as=self.source.shown,
            rows=int(sum(lengths)),
            sha256=self.source.sha256(),
            file_format="parquet",
            header_row=HEADER_ROW,
        )
        ids = ID_COLUMNS[self.register] in self.names
        subjects = "subject_ref" in self.names
        if subjects and pseudonymiser.keyed:  # keyed pseudonyms are per value: in the workers
            self.tokens = [("key", pseudonymiser.key)] * len(self.slices)
            subjects = False
        if not ids and not subjects:
            return
        wanted = ([ID_COLUMNS[self.register]] if ids else []) + (
            ["subject_ref"] if subjects else []
        )
        positions = [self.names.index(c) for c in wanted]
        names = [self.names[i] for i in positions]
        buckets = max(1, len(self.slices))
        with self.source.reading():
            parts = self.source.frame(columns=positions).to_delayed()
            surveys = [
                dask.delayed(_survey, nout=3)(
                    self._piece(parts, partition, start, stop),
                    names,
                    self.register,
                    offset,
                    buckets,
                )
                for (partition, start, stop), offset in zip(
                    self._whole_or_sliced(), self.offsets, strict=True
                )
            ]
            duplicates = [
                dask.delayed(_duplicates)([s[0][b] for s in surveys]) for b in range(buckets)
            ]
            seen, known = pseudonymiser.seen()
            pieces = [[s[1][b] for s in surveys] for b in range(buckets)] if subjects else []
            first = [dask.delayed(_first_seen)(bucket, seen) for bucket in pieces]
            codings = [s[2] for s in surveys] if subjects else []
            counts = np.cumsum([0, len(duplicates), len(first), len(codings)])
            futures = client.compute(duplicates + first + codings + [p for b in pieces for p in b])
            found = client.gather(futures[: counts[1]])
            tables = futures[counts[1] : counts[2]]
            codings = futures[counts[2] : counts[3]]
            per_bucket = futures[counts[3] :]
            positions_seen = client.gather([client.submit(_firsts, t) for t in tables])
        filled = [d for d in found if len(d)]
        if filled:
            self.duplicated = pd.Index(np.concatenate([d.to_numpy(object) for d in filled]))
        if not subjects:
            return
        # sequential pseudonyms: in order of first appearance in the whole column, after the
        # values the session's Pseudonymiser has seen; only first positions reach the driver
        ranks = np.empty(sum(len(f) for f in positions_seen), dtype=np.int64)
        ranks[np.argsort(np.concatenate(positions_seen), kind="stable")] = np.arange(len(ranks))
        bounds = np.cumsum([0, *[len(f) for f in positions_seen]])
        base = len(seen)
        slices = len(self.slices)
        tokens = [
            client.submit(
                _subject_tokens,
                table,
                ranks[bounds[b] : bounds[b + 1]],
                per_bucket[b * slices : (b + 1) * slices],
                base,
                seen,
                known,
                pure=False,
            )
            for b, table in enumerate(tables)
        ]
        self.tokens = [
            ("codes", coding, [client.submit(_item, t, j, pure=False) for t in tokens])
            for j, coding in enumerate(codings)
        ]
        # the Pseudonymiser does not learn these values: no register read after the big one has
        # a subject_ref (tests/test_dask_engine.py checks it)

    def _piece(self, parts: list, partition: int, start: int, stop: int | None):
        import dask

        if stop is None:
            return parts[partition]
        return dask.delayed(_rows)(parts[partition], start, stop)

    # ---------------------------------------------------------------- check, judge, aggregate
    def run(self, small: dict[str, pd.DataFrame]) -> _Result:
        """Type and validate every slice, run the partition rules and the figures in the
        workers; only small results come back (see the module doc)."""
        import dask

        client = self.client
        audit, register = self.audit, self.register
        rules = sorted(PARTITION_RULES[audit])
        on = SHUFFLE_ON[audit]
        small_future = client.scatter([small], broadcast=True)[0]
        shared = client.scatter([self.duplicated], broadcast=True)[0]
        check = {
            "names": self.names,
            "register": register,
            "date_format": self.params.date_format,
            "source": self.source.shown,
            "duplicated": shared,
        }
        judging = {
            "audit": audit,
            "register": register,
            "small": small_future,
            "params": self.params,
            "rule_ids": rules,
            "shared": shared,
        }
        with self.source.reading():
            parts = self.source.frame().to_delayed()
            pieces = [
                self._piece(parts, partition, start, stop)
                for partition, start, stop in self._whole_or_sliced()
            ]
            if on is None:
                checked = [
                    dask.delayed(_check_and_judge)(piece, offset, tokens, check, judging)
                    for piece, offset, tokens in zip(pieces, self.offsets, self.tokens, strict=True)
                ]
                judged = checked
            else:
                buckets = max(len(pieces), self._workers())
                split = [
                    dask.delayed(_check_and_split, nout=2)(
                        piece, offset, tokens, check, on, buckets
                    )
                    for piece, offset, tokens in zip(pieces, self.offsets, self.tokens, strict=True)
                ]
                checked = [s[0] for s in split]
                judged = [
                    dask.delayed(_judge_bucket)([s[1][b] for s in split], judging)
                    for b in range(buckets)
                ]
            tasks = checked if judged is checked else checked + judged
            futures = client.compute(tasks)
            del parts, pieces
            outcomes: list[_Outcome] = client.gather(futures)
        checks = outcomes[: len(checked)]
        judgements = outcomes if judged is checked else outcomes[len(checked) :]
        return self._merge(checks, judgements, rules)

    def _whole_or_sliced(self) -> list[tuple[int, int, int | None]]:
        """The slices, a slice that is a whole partition as (partition, 0, None)."""
        counts: dict[int, int] = {}
        for partition, _, _ in self.slices:
            counts[partition] = counts.get(partition, 0) + 1
        return [
            (partition, 0, None) if counts[partition] == 1 else (partition, start, stop)
            for partition, start, stop in self.slices
        ]

    def _merge(self, checks: list[_Outcome], judgements: list[_Outcome], rules) -> _Result:
        from ..audits import AUDITS

        failed: dict[str, str] = {}
        for outcome in judgements:
            for rule_id, reason in outcome.failed.items():
                failed.setdefault(rule_id, reason)
        # a rule that failed in one partition is not evaluated: none of its findings are kept
        findings = [
            o.findings[~o.findings["rule_id"].isin(list(failed))] if failed else o.findings
            for o in judgements
            if o.findings is not None and len(o.findings)
        ]
        findings = [f for f in findings if len(f)]
        merged = pd.concat(findings, ignore_index=True) if findings else pd.DataFrame()
        run = DaskRun(frozenset(rules), merged, len(judgements), self._workers(), failed)
        pieces = [o.figures for o in judgements]
        stopped = [p for p in pieces if isinstance(p, Exception)]
        figures = stopped[0] if stopped else AUDITS[self.audit].figures.merge(pieces)
        meta = next(o.meta for o in checks if o.meta is not None)
        readings = _merge_readings([o.readings for o in checks], self.register)
        stand_in = _stand_in(
            meta, [o.stand_in for o in judgements], readings, STAND_IN.get(self.audit)
        )
        dq = _merge_dq([o.dq for o in checks], self.source.shown)
        return _Result(dq, stand_in, run, figures)

    def _workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))


def _slices(length: int) -> list[tuple[int, int]]:
    """Row ranges of at most PARTITION_ROWS rows covering a partition of ``length`` rows."""
    if length <= PARTITION_ROWS:
        return [(0, length)]
    count = -(-length // PARTITION_ROWS)
    bounds = np.linspace(0, length, count + 1).astype(int)
    return [(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


# --------------------------------------------------------------------- worker-side functions
class _Lines:
    """The line (row number) of each row of a partition, for ``frame.attrs["source_lines"]``:
    event_keys names a row without an id by it. Copied by reference (pandas deep-copies attrs)."""

    __slots__ = ("lines",)

    def __init__(self, lines: np.ndarray) -> None:
        self.lines = np.asarray(lines, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, position):
        return self.lines[position]

    def __array__(self, dtype=None, copy=None):
        return self.lines if dtype is None else self.lines.astype(dtype)

    def __deepcopy__(self, memo: dict) -> _Lines:
        return self


def _rows(part: pd.DataFrame, start: int, stop: int) -> pd.DataFrame:
    return part.iloc[start:stop]


def _as_read(part: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """A raw partition as pd.read_parquet gives it, with canonical column names."""
    part = part.copy(deep=False)
    part.columns = names
    for name in names:
        dtype = part[name].dtype
        if isinstance(dtype, pd.StringDtype) and dtype.na_value is pd.NA:
            part[name] = part[name].astype("str")
    return part


def _subject_refs(raw: pd.DataFrame) -> pd.Series:
    """subject_ref as the pandas engine hands it to the Pseudonymiser."""
    return raw["subject_ref"].astype("str")


def _item(values, position: int):
    return values[position]


def _subject_codes(raw: pd.DataFrame, buckets: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """subject_ref as the Pseudonymiser reads it (blank = empty): each row's code, the distinct
    values in order of first appearance, and the hash group of each distinct value."""
    values = _subject_refs(raw)
    values = values.mask(values.astype("str").str.strip() == "", None)
    codes, uniques = pd.factorize(values.astype("str"))
    uniques = pd.Index(uniques, dtype="str")
    groups = pd.util.hash_pandas_object(uniques, index=False).to_numpy() % np.uint64(buckets)
    return codes, uniques, groups


def _survey(
    part: pd.DataFrame, names: list[str], register: str, offset: int, buckets: int
) -> tuple[list[pd.Series], list[pd.DataFrame], tuple | None]:
    """The first pass on one slice's id and subject_ref columns (only those are read), in
    ``buckets`` hash groups (an id or a value lands in the same group whatever its slice): its
    typed ids; its distinct subject_refs with the global row of their first appearance; and its
    rows' subject_ref codes with each distinct value's group (kept in the worker for _check)."""
    raw = _as_read(part, names)
    ids: list[pd.Series] = [pd.Series([], dtype="str")] * buckets
    column = ID_COLUMNS[register]
    if column in raw.columns:
        typed, _ = type_frame(raw[[column]], register)
        values = typed[column].dropna()
        hashes = pd.util.hash_pandas_object(values, index=False).to_numpy() % np.uint64(buckets)
        ids = [values[hashes == b].reset_index(drop=True) for b in range(buckets)]
    subjects: list[pd.DataFrame] = []
    coding = None
    if "subject_ref" in raw.columns:
        codes, uniques, groups = _subject_codes(raw, buckets)
        first = (~pd.Series(codes).duplicated()).to_numpy() & (codes >= 0)
        rows = np.flatnonzero(first) + offset  # the k-th distinct value's first row
        subjects = [
            pd.DataFrame({"value": uniques[groups == b], "first": rows[groups == b]})
            for b in range(buckets)
        ]
        coding = (codes, groups)
    return ids, subjects, coding


def _duplicates(pieces: list[pd.Series]) -> pd.Index:
    """The ids found more than once among the pieces of one hash group."""
    filled = [p for p in pieces if len(p)]
    if not filled:
        return pd.Index([], dtype="str")
    counts = pd.concat(filled, ignore_index=True).value_counts()
    return pd.Index(counts.index[counts.to_numpy() > 1])


def _first_seen(pieces: list[pd.DataFrame], seen: pd.Index) -> pd.DataFrame:
    """One hash group's distinct subject_refs not pseudonymised before, with the row of their
    first appearance (the pieces are in row order: the first copy of a value is its first)."""
    table = pd.concat(pieces, ignore_index=True).drop_duplicates("value", keep="first")
    if len(seen):
        table = table.loc[~table["value"].isin(seen)]
    return table.reset_index(drop=True)


def _firsts(table: pd.DataFrame) -> np.ndarray:
    return table["first"].to_numpy(dtype=np.int64)


def _subject_tokens(
    table: pd.DataFrame,
    ranks: np.ndarray,
    pieces: list[pd.DataFrame],
    base: int,
    seen: pd.Index,
    known,
) -> list[np.ndarray]:
    """One hash group's sequential pseudonyms (the Pseudonymiser's: ``subject-`` and the number
    of the value's first appearance, after the ``base`` values seen before, at least 4 digits),
    for each slice's piece, in the piece's order."""
    tokens = np.array([f"subject-{base + rank + 1:04d}" for rank in ranks.tolist()], dtype=object)
    index = pd.Index(table["value"])
    out = []
    for piece in pieces:
        position = index.get_indexer(piece["value"])
        found = np.empty(len(piece), dtype=object)
        found[position >= 0] = tokens[position[position >= 0]]
        if (position < 0).any():  # pseudonymised before: the same pseudonym
            earlier = seen.get_indexer(piece["value"][position < 0])
            found[position < 0] = np.asarray(known, dtype=object)[earlier]
        out.append(found)
    return out


def _check(
    part: pd.DataFrame,
    names: list[str],
    offset: int,
    register: str,
    date_format: str,
    source: str,
    tokens: tuple | None,
    duplicated: pd.Index,
) -> tuple[pd.DataFrame, _Outcome]:
    """Type and validate one slice; rows are named by their global position. Returns the typed
    slice and its outcome: DQ findings (DQ-003 for the rows whose id is duplicated anywhere),
    readings of free text, the typed columns."""
    raw = _as_read(part, names)
    raw.index = pd.RangeIndex(offset, offset + len(raw))
    if tokens is not None and tokens[0] == "key":  # keyed pseudonyms: per value, here
        raw["subject_ref"] = Pseudonymiser(tokens[1]).pseudonymise(_subject_refs(raw))
    elif tokens is not None:  # the survey's codes, and the pseudonyms of each hash group
        _, (codes, groups), per_group = tokens
        of_value = np.empty(len(groups), dtype=object)
        for group, values in enumerate(per_group):
            of_value[groups == group] = values
        pseudonyms = np.append(of_value, None)[codes]  # -1: empty
        raw["subject_ref"] = pd.Series(pseudonyms, index=raw.index, dtype=object).astype("str")
    typed, dq = check_register(raw, register, date_format, HEADER_ROW + offset, source)
    del raw
    dq = dq.loc[dq["rule_id"] != "DQ-003"].reset_index(drop=True)
    if len(duplicated):
        dq = _with_duplicates(dq, typed, duplicated, offset, register, source)
    readings = typed.attrs.get("readings")
    outcome = _Outcome(
        dq=dq,
        readings=readings.frame if readings is not None else None,
        meta=typed.iloc[:0],
    )
    return typed, outcome


def _check_and_judge(
    part: pd.DataFrame, offset: int, tokens: pd.Series | None, check: dict, judging: dict
) -> _Outcome:
    """Retention: type, validate, judge and aggregate one slice in one task."""
    typed, outcome = _check(part, offset=offset, tokens=tokens, **check)
    del part
    judged = _judge(typed, **judging)
    return dataclasses.replace(judged, dq=outcome.dq, readings=outcome.readings, meta=outcome.meta)


def _check_and_split(
    part: pd.DataFrame,
    offset: int,
    tokens: pd.Series | None,
    check: dict,
    on: str,
    buckets: int,
) -> tuple[_Outcome, list[pd.DataFrame]]:
    """Access: type and validate one slice, and split it by a hash of ``on`` (user_id) into
    ``buckets`` pieces, each in row order: a bucket gathers all events of its users."""
    typed, outcome = _check(part, offset=offset, tokens=tokens, **check)
    del part
    codes = pd.util.hash_pandas_object(typed[on], index=False).to_numpy() % np.uint64(buckets)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(buckets + 1, dtype=np.uint64))
    pieces = [typed.iloc[order[bounds[b] : bounds[b + 1]]] for b in range(buckets)]
    return outcome, pieces


def _judge_bucket(pieces: list[pd.DataFrame], judging: dict) -> _Outcome:
    """Access: judge and aggregate one bucket (the pieces of every slice, in row order)."""
    filled = [p for p in pieces if len(p)]
    part = pd.concat(filled) if len(filled) > 1 else (filled[0] if filled else pieces[0])
    del pieces, filled
    return _judge(part, **judging)


def _judge(
    part: pd.DataFrame,
    audit: str,
    register: str,
    small: dict[str, pd.DataFrame],
    params: Any,
    rule_ids: list[str],
    shared: pd.Index,
) -> _Outcome:
    """Run the partition rules on one partition (rows in file order), then the audit's figure
    pieces on the same context (the rules' intermediate results are reused)."""
    from ..audits import AUDITS
    from ..rules import failure_reason

    part = part.sort_index(kind="mergesort")
    part.attrs["source_lines"] = _Lines(part.index.to_numpy() + HEADER_ROW + 1)
    ctx = AuditContext(audit=audit, params=params, frames={register: part, **small})
    frames = []
    failed: dict[str, str] = {}
    for rule_id in rule_ids:
        r = RULES[rule_id]
        if r.func is None or any(name not in ctx.frames for name in r.needs):
            continue
        findings, reason = judge(audit, r, ctx)
        if reason is not None:
            failed[rule_id] = reason
        elif findings is not None:
            frames.append(findings)
    findings = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    try:
        pieces = AUDITS[audit].figures.partition(ctx, findings, shared)
    except Exception as exc:  # the report says the figures are missing, as with pandas
        pieces = RuntimeError(f"key figures could not be computed: {failure_reason(exc)}")
    stand_in = STAND_IN.get(audit)
    return _Outcome(
        findings=findings,
        failed=failed,
        figures=pieces,
        stand_in=_earliest(part, *stand_in) if stand_in else None,
    )


def _earliest(part: pd.DataFrame, key: str, time: str) -> pd.DataFrame:
    """Per value of ``key``: its earliest ``time`` and whether a row has none."""
    frame = pd.DataFrame(
        {"key": part[key].astype("str"), "earliest": part[time], "undated": part[time].isna()}
    )
    return frame.groupby("key", sort=True, dropna=True).agg(
        earliest=("earliest", "min"), undated=("undated", "any")
    )


def _with_duplicates(
    dq: pd.DataFrame,
    typed: pd.DataFrame,
    duplicated: pd.Index,
    offset: int,
    register: str,
    source: str,
) -> pd.DataFrame:
    """Add the DQ-003 findings of the slice's rows whose id is duplicated anywhere.

    check_register judges them: on the slice's span of such rows (the other ids replaced by
    unique fillers), plus one extra row per id seen once in the slice so that it is duplicated
    there too; the extra rows' findings are dropped.
    """
    column = ID_COLUMNS[register]
    ids = typed[column]
    hit = ids.isin(duplicated).to_numpy(dtype=bool)
    if not hit.any():
        return dq
    first, last = np.flatnonzero(hit)[[0, -1]]
    span = ids.iloc[first : last + 1].astype(object).to_numpy()
    inside = hit[first : last + 1]
    fillers = np.array([f"\x00filler-{i}" for i in range(len(span))], dtype=object)
    values = np.where(inside, span, fillers)
    counts = pd.Series(values[inside]).value_counts()
    extra = counts.index[counts == 1].to_numpy(dtype=object)
    mini = pd.DataFrame({column: np.concatenate([values, extra])}, dtype="str")
    header_row = HEADER_ROW + offset + int(first)
    _, found = check_register(mini, register, "iso", header_row, source)
    lines = np.flatnonzero(inside) + header_row + 1
    keep = found["rule_id"].eq("DQ-003") & found["record_key"].isin([f"row {n}" for n in lines])
    return pd.concat([dq, found.loc[keep]], ignore_index=True)


# --------------------------------------------------------------------------- merging on the driver
def _merge_dq(parts: list[pd.DataFrame], source: str) -> pd.DataFrame:
    """The partitions' DQ findings as check_register gives them for the whole register: a row id
    found in two partitions (a duplicated id) is one finding per rule, messages in row order;
    findings ordered by row (read from the message, when every message names its row)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["rule_id", "record_key", "message"])
    dq = pd.concat(parts, ignore_index=True)
    if dq.duplicated(["rule_id", "record_key"]).any():
        dq = dq.groupby(["rule_id", "record_key"], sort=False, as_index=False).agg(
            message=("message", "; ".join)
        )
    dq = dq[["rule_id", "record_key", "message"]].astype("str")
    lines = dq["message"].str.extract(rf"^{re.escape(source)} row (\d+),", expand=False)
    if lines.notna().all():
        dq = dq.assign(_line=lines.astype("int64"))
        dq = dq.sort_values(["_line", "rule_id"], kind="mergesort").drop(columns="_line")
    return dq.reset_index(drop=True)


def _merge_readings(parts: list[pd.DataFrame | None], register: str):
    """The slices' readings of free text as type_frame gives them for the whole register: per
    column (in the schema's order), each distinct text once, in order of first appearance."""
    from ..schemas import Readings

    filled = [p for p in parts if p is not None and len(p)]
    if not filled:
        return None
    table = pd.concat(filled, ignore_index=True)
    table = table.drop_duplicates(["column", "as written"], keep="first")
    order = {name: position for position, name in enumerate(column_specs(register))}
    table = table.sort_values(
        "column", key=lambda column: column.map(order), kind="mergesort"
    ).reset_index(drop=True)
    return Readings(table)


#: audit -> (column, time column): the stand-in of the big register holds one row per value of
#: the column, with its earliest time (NaT when a row has none) -- what DRIVER_RULES read of it
STAND_IN: dict[str, tuple[str, str]] = {"access": ("system", "timestamp")}


def _stand_in(
    meta: pd.DataFrame, pieces: list[pd.DataFrame | None], readings, spec: tuple[str, str] | None
) -> pd.DataFrame:
    """What the driver holds for the big register: its typed columns and, for the access log,
    one row per system with its earliest timestamp (see STAND_IN); the readings of free text."""
    filled = [p for p in pieces if p is not None and len(p)]
    frame = meta.iloc[:0].copy()
    if spec is not None and filled:
        key, time = spec
        merged = (
            pd.concat(filled)
            .groupby(level=0, sort=True)
            .agg(earliest=("earliest", "min"), undated=("undated", "any"))
        )
        frame = meta.reindex(pd.RangeIndex(len(merged)))
        frame[key] = pd.Series(merged.index, dtype=meta[key].dtype)
        earliest = merged["earliest"].where(~merged["undated"].to_numpy(dtype=bool))
        frame[time] = pd.Series(earliest.to_numpy(), dtype=meta[time].dtype)
    frame.attrs = {"readings": readings} if readings is not None else {}
    return frame
