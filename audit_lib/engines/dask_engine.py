"""The Dask engine (``engine: dask``): the access-log and retention audits beyond one machine.

Findings are identical to the pandas engine's (same rows, order, messages and finding_ids), and
so are the data-quality findings, the typed register, the key figures and the report. How:

1. **Read.** The big register (``access_log`` for access, ``data_inventory`` for retention) is read
   with ``dask.dataframe.read_parquet``: a ``.parquet`` file (one partition per row group) or a
   folder of ``.parquet`` files as Dask's ``to_parquet`` writes them (``part.0.parquet``,
   ``part.1.parquet``, ... read in natural order, which is the row order; sub-folders -- hive
   partitioning -- are not read). Partitions above :data:`PARTITION_ROWS` rows are split. CSV and
   XLSX are refused with a clear message (a blocking input error): the loader's CSV handling
   (encodings, separators, line numbers of values spanning lines) is not reproduced here --
   convert the file to Parquet or use ``engine: pandas``. Headers are mapped and required columns
   checked by the loader's own code (``read_register`` on an empty copy of the schema), so the
   errors read the same as with pandas.
2. **Type and validate** each partition in the workers with ``schemas.check_register``. Every row
   carries its global position (the partition lengths give each partition's offset), so the rows
   named in data-quality findings are the global ones; a row id found in two partitions (a
   duplicated id) with a problem in each gives one finding, as with pandas. Every check of these
   two schemas is per value, except id uniqueness: DQ-003 is found across partitions from 64-bit
   hashes of the typed ids (duplicated hashes found on the driver, confirmed on the ids), then
   ``check_register`` judges the rows whose id is duplicated. ``subject_ref`` is pseudonymised in
   the workers with the pseudonyms the session's ``Pseudonymiser`` gives, on the driver, to the
   distinct values in order of first appearance (sequential tokens depend on that order).
3. **Judge.** Access: the typed log is shuffled on ``user_id`` (each partition holds all events of
   its users, kept in file order); retention: any partitioning (its rules are per record given
   the small schedule). The rules listed in :data:`PARTITION_RULES` run in the workers on a
   context holding the partition and the small registers; every other rule of the audit (ACC-006
   per system, RET-008 and RET-009 on the schedule, and any rule added later and not listed
   there) runs once on the driver on the whole typed register. Findings are concatenated and
   sorted by ``findings.sort_findings`` as the pandas path does. They are not de-duplicated: the
   pandas path keeps two identical findings (a duplicated event id on identical grants), and each
   row and each user is in exactly one partition, so no finding is produced twice.
4. **Gather.** The report's key figures and charts read the typed register and ``ctx.cache``: the
   typed register is gathered to the driver after the distributed phase -- the limit of this
   design: the report needs the whole register in the notebook's memory (findings do not) -- and
   the per-partition results the report reads (entitlement intervals, leavers, dormant
   entitlements, accesses without entitlement, orphan accounts, retention limits) are merged into
   ``ctx.cache`` in the order the pandas path gives them, so that they are not computed again.

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
from collections.abc import Callable, Iterator
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
from ..rules import RULES, judge
from ..schemas import ID_COLUMNS, check_register, expected_columns, required_columns
from . import DASK_AUDITS

#: environment variable: memory limit per LocalCluster worker ("2GiB", "1500MB", ...; "0" = none)
MEMORY_LIMIT_VARIABLE = "GDPR_AUDIT_DASK_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "2GiB"
N_WORKERS = 2
THREADS_PER_WORKER = 1
#: extra LocalCluster keywords (e.g. {"processes": False} in tests)
LOCAL_CLUSTER_OPTIONS: dict[str, Any] = {}
CONNECT_TIMEOUT = "20s"
#: where the engine leaves its per-partition findings in ctx.cache (read by run_rules)
STATE_KEY = "engine.dask"
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
#: partitions larger than this (a row group may hold ~1M rows) are split for the workers
PARTITION_ROWS = 500_000
#: a Parquet file has no header line; the loader numbers its first row "row 2", as in a CSV
HEADER_ROW = 1

#: rules that judge a partition exactly as they judge the whole register (see the module doc)
PARTITION_RULES: dict[str, frozenset[str]] = {
    # per event, or per user (the log is shuffled on user_id); ACC-006 is per system
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
    # per record given the (small) schedule; RET-008 and RET-009 judge the schedule itself
    "retention": frozenset(
        {"RET-001", "RET-002", "RET-003", "RET-004", "RET-005", "RET-006", "RET-007"}
    ),
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
    it); the big register is read, validated and judged in Dask, then gathered. Never raises for
    bad input: an unusable input, a missing Dask installation or an unreachable scheduler is a
    blocking input error (ctx.errors).
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
                job = _Job(client, audit, register, params, source)
                job.read_and_check(names, pseudonymiser)
            except InputError as exc:
                job = None
                if register in registers:
                    ctx.errors.append(exc)
                else:
                    ctx.notes.append(f"{register} left out: {exc}")
                continue
            ctx.sources[register] = job.info
            ctx.dq[register] = job.dq
        if job is not None:
            if not ctx.errors:  # a blocked audit runs no rule: do not judge for nothing
                run, caches = job.judge({k: v for k, v in ctx.frames.items() if k != big})
                ctx.cache[STATE_KEY] = run
                ctx.cache.update(caches)
            ctx.frames[big] = job.gather()
            order = list(registers + optional)
            ctx.frames = dict(sorted(ctx.frames.items(), key=lambda item: order.index(item[0])))
    return ctx


def run_rules(audit: str, ctx: AuditContext):
    """``rules.run_rules`` for a context loaded by this engine: the rules judged in the workers
    are taken from the distributed phase, the others run here on the gathered registers. A rule
    that raised in a worker is reported as failed, as the pandas engine reports it."""
    from ..rules import RuleResults
    from ..rules import run_rules as run_registered_rules

    run: DaskRun = ctx.cache[STATE_KEY]
    here = run_registered_rules(audit, ctx, done=run.judged - set(run.failed))
    frames = [f for f in (run.findings, here.findings) if len(f)]
    findings = pd.concat(frames, ignore_index=True) if frames else here.findings
    evaluated = [rule_id for rule_id in here.evaluated if rule_id not in run.failed]
    failed = {**run.failed, **here.failed}
    skipped = {**here.not_evaluated}
    for rule_id, reason in run.failed.items():
        skipped[rule_id] = f"could not be evaluated: {reason}"
    return RuleResults(findings, evaluated, dict(sorted(skipped.items())), failed)


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

    def frame(self):
        """The register as a Dask frame: one partition per row group, in row order."""
        import dask.dataframe as dd

        with self.reading():
            return dd.read_parquet([str(p) for p in self.files], split_row_groups=True)

    def parts(self) -> list:
        """The partitions as Delayed objects."""
        with self.reading():
            return self.frame().to_delayed()

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
class _Job:
    """One big register in one cluster: read and check, judge, gather."""

    def __init__(self, client, audit: str, register: str, params: Any, source: _ParquetSource):
        self.client = client
        self.audit = audit
        self.register = register
        self.params = params
        self.source = source
        self.typed: list = []  # futures of the typed partitions, in row order
        self.offsets: list[int] = []
        self.dq = pd.DataFrame(columns=["rule_id", "record_key", "message"])
        self.info: SourceInfo | None = None

    # ---------------------------------------------------------------- read, type, validate
    def read_and_check(self, names: list[str], pseudonymiser: Pseudonymiser) -> None:
        client = self.client
        raw = client.compute(self.source.parts())
        with self.source.reading():
            lengths = client.gather(client.map(len, raw))
        raw, lengths = self._split(raw, lengths)
        self.offsets = [int(v) for v in np.cumsum([0, *lengths[:-1]])]
        tokens = [None] * len(raw)
        if "subject_ref" in names:
            tokens = client.scatter(self._pseudonyms(raw, names, pseudonymiser))
        shown = self.source.shown
        checked = [
            client.submit(
                _check_partition,
                part,
                names,
                offset,
                self.register,
                self.params.date_format,
                shown,
                part_tokens,
                pure=False,
            )
            for part, offset, part_tokens in zip(raw, self.offsets, tokens, strict=True)
        ]
        self.typed = [client.submit(_item, c, 0, pure=False) for c in checked]
        dq_parts = [client.submit(_item, c, 1, pure=False) for c in checked]
        hashes = [client.submit(_item, c, 2, pure=False) for c in checked]
        del raw, checked
        duplicated = self._duplicated_ids(hashes)
        if len(duplicated):
            dup = client.scatter([duplicated], broadcast=True)[0]
            dq_parts = [
                client.submit(_with_duplicates, d, t, dup, offset, self.register, shown, pure=False)
                for d, t, offset in zip(dq_parts, self.typed, self.offsets, strict=True)
            ]
        self.dq = _merge_dq(client.gather(dq_parts), shown)
        self.info = SourceInfo(
            register=self.register,
            path=self.source.path,
            shown_as=shown,
            rows=int(sum(lengths)),
            sha256=self.source.sha256(),
            file_format="parquet",
            header_row=HEADER_ROW,
        )

    def _split(self, raw: list, lengths: list[int]) -> tuple[list, list[int]]:
        """Partitions of at most PARTITION_ROWS rows (a row group holds up to ~1M): more, smaller
        tasks keep every worker busy and each task's memory low."""
        pieces, sizes = [], []
        for part, length in zip(raw, lengths, strict=True):
            if length <= PARTITION_ROWS:
                pieces.append(part)
                sizes.append(length)
                continue
            count = -(-length // PARTITION_ROWS)
            bounds = np.linspace(0, length, count + 1).astype(int)
            for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
                pieces.append(self.client.submit(_rows, part, int(start), int(stop), pure=False))
                sizes.append(int(stop - start))
        return pieces, sizes

    def _pseudonyms(self, raw: list, names: list[str], pseudonymiser: Pseudonymiser) -> list:
        """Per partition, the pseudonym of each of its distinct subject_ref values (in the order
        pd.factorize finds them there). The session's Pseudonymiser sees every distinct value in
        order of first appearance, as it would see the whole column (sequential tokens depend on
        it); each worker receives the tokens of its own partition only."""
        parts = self.client.gather(self.client.map(_distinct_subjects, raw, names=names))
        if not parts:
            return []
        values = pd.Series(pd.concat(parts, ignore_index=True).unique(), dtype="str")
        tokens = pseudonymiser.pseudonymise(values)
        index = pd.Index(values)
        return [tokens.iloc[index.get_indexer(part)].reset_index(drop=True) for part in parts]

    def _frame(self, parts: list):
        import dask.dataframe as dd

        meta = self.client.submit(_empty, parts[0], pure=False).result()
        return dd.from_delayed(parts, meta=meta, verify_meta=False)

    def _duplicated_ids(self, hashes: list) -> pd.Index:
        """The typed ids found more than once in the whole register, across partitions.

        Each partition hashed its ids (64 bits); the hashes seen twice are found here (8 bytes a
        row: the driver receives the whole register later anyway), and the ids behind them are
        compared exactly, so a hash collision never makes a duplicate. (A Dask ``value_counts``
        of the ids gives the same set but took 15-24 s on 5M ids on a 2-core machine.)
        """
        client = self.client
        values = [h for h in client.gather(hashes) if len(h)]
        if not values:
            return pd.Index([])
        ordered = np.sort(np.concatenate(values))
        candidates = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        if not len(candidates):
            return pd.Index([])
        found = client.scatter([candidates], broadcast=True)[0]
        ids = client.gather(
            client.map(
                _ids_with_hash, self.typed, [found] * len(self.typed), register=self.register
            )
        )
        counts = pd.concat(ids).value_counts()
        return pd.Index(counts.index[counts > 1])

    # ---------------------------------------------------------------------------- judge
    def judge(self, small: dict[str, pd.DataFrame]) -> tuple[DaskRun, dict[str, Any]]:
        """Run the partition rules in the workers; merge their cache entries for the report."""
        client = self.client
        rules = sorted(PARTITION_RULES[self.audit])
        on = SHUFFLE_ON[self.audit]
        small_future = client.scatter([small], broadcast=True)[0]
        if on is None:
            parts = self.typed
        else:
            # the task-based shuffle: 2-3x faster than P2P for a few large partitions
            shuffled = self._frame(self.typed).shuffle(
                on=on, npartitions=max(len(self.typed), self._workers()), shuffle_method="tasks"
            )
            parts = client.compute(shuffled.to_delayed())
        outputs = [
            client.submit(
                _judge_partition, part, self.audit, self.register, small_future, self.params, rules
            )
            for part in parts
        ]
        results = client.gather(outputs)
        failed: dict[str, str] = {}
        for _, _, failures in results:
            for rule_id, reason in failures.items():
                failed.setdefault(rule_id, reason)
        # a rule that failed in one partition is not evaluated: none of its findings are kept
        findings = [
            f[~f["rule_id"].isin(list(failed))] if failed and len(f) else f for f, _, _ in results
        ]
        findings = [f for f in findings if len(f)]
        merged = pd.concat(findings, ignore_index=True) if findings else pd.DataFrame()
        caches: dict[str, Any] = {}
        for key, merge in CACHE_MERGES.items():
            pieces = [c[key] for _, c, _ in results if key in c]
            if pieces:
                value = merge(pieces)
                if value is not None:
                    caches[key] = value
        run = DaskRun(frozenset(rules), merged, len(parts), self._workers(), failed)
        return run, caches

    def _workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    # ---------------------------------------------------------------------------- gather
    def gather(self) -> pd.DataFrame:
        """The typed register on the driver, exactly as the pandas engine types it."""
        parts = self.client.gather(self.typed)
        frame = pd.concat(parts) if len(parts) > 1 else parts[0]
        frame.index = pd.RangeIndex(len(frame))
        frame.attrs = {}
        self.typed = []
        return frame


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


def _item(values: tuple, position: int):
    return values[position]


def _id_hashes(typed: pd.DataFrame, register: str) -> np.ndarray:
    """64-bit hashes of the partition's ids (missing ids left out: they are DQ-004, not DQ-003)."""
    column = ID_COLUMNS[register]
    if column not in typed.columns:
        return np.array([], dtype=np.uint64)
    return pd.util.hash_pandas_object(typed[column].dropna(), index=False).to_numpy()


def _ids_with_hash(typed: pd.DataFrame, hashes: np.ndarray, register: str) -> pd.Series:
    ids = typed[ID_COLUMNS[register]].dropna()
    found = np.isin(pd.util.hash_pandas_object(ids, index=False).to_numpy(), hashes)
    return ids[found].reset_index(drop=True)


def _empty(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.iloc[:0]


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


def _distinct_subjects(part: pd.DataFrame, names: list[str]) -> pd.Series:
    """The partition's distinct subject_ref values, in order of first appearance."""
    _, uniques = pd.factorize(_subject_refs(_as_read(part, names)))
    return pd.Series(uniques, dtype="str")


def _check_partition(
    part: pd.DataFrame,
    names: list[str],
    offset: int,
    register: str,
    date_format: str,
    source: str,
    tokens: pd.Series | None,
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Type and validate one partition; rows are named by their global position. Returns the
    typed partition, its DQ findings without DQ-003 (uniqueness is judged across partitions, by
    _with_duplicates) and the hashes of its ids."""
    raw = _as_read(part, names)
    raw.index = pd.RangeIndex(offset, offset + len(raw))
    if tokens is not None:  # the pseudonyms of _distinct_subjects' values, in its order
        codes, _ = pd.factorize(_subject_refs(raw))
        pseudonyms = np.append(tokens.to_numpy(dtype=object), None)[codes]  # -1: missing
        raw["subject_ref"] = pd.Series(pseudonyms, index=raw.index, dtype=object).astype("str")
    typed, dq = check_register(raw, register, date_format, HEADER_ROW + offset, source)
    dq = dq.loc[dq["rule_id"] != "DQ-003"].reset_index(drop=True)
    return typed, dq, _id_hashes(typed, register)


def _with_duplicates(
    dq: pd.DataFrame,
    typed: pd.DataFrame,
    duplicated: pd.Index,
    offset: int,
    register: str,
    source: str,
) -> pd.DataFrame:
    """Add the DQ-003 findings of the partition's rows whose id is duplicated anywhere.

    check_register judges them: on the partition's span of such rows (the other ids replaced by
    unique fillers), plus one extra row per id seen once in the partition so that it is
    duplicated there too; the extra rows' findings are dropped.
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


def _judge_partition(
    part: pd.DataFrame,
    audit: str,
    register: str,
    small: dict[str, pd.DataFrame],
    params: Any,
    rule_ids: list[str],
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Run the partition rules on one partition (rows in file order); return the findings, the
    cache entries the report reads and the rules that raised (rule id -> exception)."""
    if part.empty:
        return pd.DataFrame(), {}, {}
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
    caches = {key: _detached(ctx.cache[key]) for key in CACHE_MERGES if key in ctx.cache}
    return findings, caches, failed


def _detached(value: Any) -> Any:
    """A cache entry without the partition's source_lines (not needed on the driver)."""
    if isinstance(value, pd.DataFrame) and value.attrs:
        value = value.copy(deep=False)
        value.attrs = {}
    return value


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


def _concat(pieces: list[pd.DataFrame]) -> pd.DataFrame:
    filled = [p for p in pieces if len(p)]
    if not filled:
        return pieces[0]
    return pd.concat(filled) if len(filled) > 1 else filled[0]


def _by_row(pieces: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of the register (indexed by row position), in row order."""
    return _concat(pieces).sort_index(kind="mergesort")


def _sorted_by(*keys: str) -> Callable[[list[pd.DataFrame]], pd.DataFrame]:
    """Frames each sorted by ``keys`` whose key groups are in one partition only: a stable sort
    of their concatenation gives the whole register's order."""

    def merge(pieces: list[pd.DataFrame]) -> pd.DataFrame:
        frame = _concat(pieces)
        return frame.sort_values(list(keys), kind="mergesort").reset_index(drop=True)

    return merge


def _limits(pieces: list) -> Any:
    from ..rules.retention import RetentionLimits

    records = _by_row([p.records for p in pieces])
    if not records.index.equals(pd.RangeIndex(len(records))):
        return None  # not every row was judged: the driver recomputes them
    records.index = pd.RangeIndex(len(records))
    return RetentionLimits(pieces[0].rules, records)


#: cache entries built in the workers that the report reads, and how to merge them
CACHE_MERGES: dict[str, Callable[[list], Any]] = {
    "access.intervals": _sorted_by("user_id", "system"),
    "access.leavers": _sorted_by("user_id"),
    "access.dormant": _sorted_by("user_id", "system"),
    "access.unentitled": _by_row,
    "access.orphans": _by_row,
    "retention.limits": _limits,
}
