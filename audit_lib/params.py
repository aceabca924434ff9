"""The parameters file: one YAML per period, validated before anything runs."""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .errors import ParameterError


def known_registers() -> tuple[str, ...]:
    """The registers `inputs:` and `columns:` may name: those with a schema (the registry),
    except those named by a key of their own (`actions:`)."""
    from .schemas import SCHEMAS, TOP_LEVEL

    return tuple(name for name in SCHEMAS if name not in TOP_LEVEL)


KNOWN_KEYS = {
    "organisation",
    "period",
    "audit_date",
    "previous",
    "date_format",
    "inputs",
    "columns",
    "thresholds",
    "holidays",
    "service_accounts",
    "separator",
    "encoding",
    "engine",
    "dask_scheduler",
    "documents_dir",
    "empty_values",
    "actions",
}

#: cell values read as empty in every register (real_registers.md section 1); `none` is a value
DEFAULT_EMPTY_VALUES = ("N/A", "n/a", "-", "--", "TBD", "?")
#: how an input file is laid out (real_registers.md): the canonical columns, or a regulator's
#: template (`audit_lib.layouts`), for the processing register
LAYOUTS = ("canonical", "ico", "cnil")
TEMPLATE_REGISTERS = ("processing_register",)


class _DuplicateKey(yaml.constructor.ConstructorError):
    def __init__(self, key: str, first: yaml.Mark, second: yaml.Mark) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", second)
        self.key, self.first, self.second = key, first, second


class _StrictSafeLoader(yaml.SafeLoader):
    """safe_load without YAML 1.1 surprises: `NO` stays the string "NO", `0042` stays "0042",
    dates stay text (checked by `_as_date`, which names the key), a key given twice is an error."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Mark] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                    continue
                if key_node.value in seen:
                    raise _DuplicateKey(key_node.value, seen[key_node.value], key_node.start_mark)
                seen[key_node.value] = key_node.start_mark
        return super().construct_mapping(node, deep)


# Keep only true/false as booleans and only canonical integers (no leading zeros, no octal/sexagesimal);
# no implicit dates: `2026-02-30` must give a clear error naming the key, not a traceback.
_StrictSafeLoader.yaml_implicit_resolvers = {
    key: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag
        not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp")
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictSafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictSafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"), list("-+0123456789")
)


@dataclass(frozen=True)
class InputOptions:
    """How one input is read, from its mapping form `{path, layout, sheet}`."""

    layout: str = "canonical"
    sheet: str | int | None = None  # a workbook's sheet: name or 0-based index (XLSX, ODS)


@dataclass(frozen=True)
class HolidayCalendar:
    """`holidays: {country: FR, subdivision: ..., extra: [...]}`: public holidays of a country
    (and subdivision) from the `holidays` library, for the years the data span."""

    country: str
    subdivision: str | None = None

    def describe(self) -> str:
        where = self.country + (f"-{self.subdivision}" if self.subdivision else "")
        return f"public holidays of {where} (holidays library)"


@dataclass
class Params:
    """A validated parameters file; paths are resolved relative to the file's folder."""

    path: Path
    organisation: str
    period: str
    audit_date: pd.Timestamp
    date_format: str = "iso"
    previous: Path | None = None
    inputs: dict[str, Path] = field(default_factory=dict)
    inputs_as_written: dict[str, str] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    thresholds: dict[str, dict[str, Any]] = field(default_factory=dict)
    holidays: list[dt.date] = field(default_factory=list)  # explicit dates (and `extra:`)
    holiday_calendar: HolidayCalendar | None = None
    input_options: dict[str, InputOptions] = field(default_factory=dict)
    empty_values: tuple[str, ...] = DEFAULT_EMPTY_VALUES
    actions: Path | None = None
    actions_as_written: str | None = None
    service_accounts: list[str] = field(default_factory=list)
    separator: str | None = None
    encoding: str | None = None
    engine: str = "pandas"
    dask_scheduler: str | None = None
    documents_dir: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def documents_base(self) -> Path:
        """Folder that `contract_document` paths are relative to and must stay inside.

        The parameters file's folder, unless `documents_dir:` (relative to it) says otherwise.
        """
        return self.documents_dir or self.base_dir

    def has_inputs(self, *registers: str) -> bool:
        return all(name in self.inputs for name in registers)

    def options(self, register: str) -> InputOptions:
        return self.input_options.get(register, InputOptions())


SEPARATORS = (",", ";", "\t", "|")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def _suggest(word: str, candidates: list[str] | set[str] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _as_date(value: Any, key: str, file: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ParameterError(
        key, f"{value!r} is not a date", file, "write it as YYYY-MM-DD, e.g. 2026-09-30"
    )


def _as_text(raw: dict, key: str, file: str, what: str = "text") -> str | None:
    """An optional scalar value as text; a list, mapping or boolean is refused, naming the key."""
    value = raw.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParameterError(key, f"expected {what}, got {value!r}", file)
    return str(value)


def load_params(path: str | Path) -> Params:
    """Read and validate a parameters file; raise ParameterError naming the key at fault."""
    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise ParameterError(
            "--params", f"file not found: {path}", None, "give the path to a YAML file"
        )
    try:
        raw = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_StrictSafeLoader)  # noqa: S506
    except _DuplicateKey as exc:
        raise ParameterError(
            exc.key,
            f"given twice (lines {exc.first.line + 1} and {exc.second.line + 1})",
            file,
            "keep one of them",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None)
        raise ParameterError(
            "(file)", f"not valid YAML{where}" + (f": {problem}" if problem else ""), file
        ) from None
    except UnicodeDecodeError:
        raise ParameterError("(file)", "not UTF-8 text", file) from None
    if not isinstance(raw, dict):
        raise ParameterError("(file)", "expected a mapping of keys to values", file)

    for key in raw:
        if key not in KNOWN_KEYS:
            raise ParameterError(
                str(key),
                "unknown key",
                file,
                _suggest(str(key), KNOWN_KEYS) or f"known keys: {', '.join(sorted(KNOWN_KEYS))}",
            )
    for key in ("organisation", "period", "audit_date"):
        if raw.get(key) in (None, ""):
            raise ParameterError(key, "is required", file)
    organisation = _as_text(raw, "organisation", file)
    period = _as_text(raw, "period", file)
    if period in (".", "..") or any(c in period for c in '/\\:*?"<>|') or period != period.strip():
        raise ParameterError(
            "period",
            f"{period!r} cannot name the output folder",
            file,
            "use letters, digits and dashes, e.g. 2026-Q3",
        )

    base = path.resolve().parent
    audit_date = pd.Timestamp(_as_date(raw["audit_date"], "audit_date", file))
    date_format = str(raw.get("date_format") or "iso").lower()
    if date_format not in ("iso", "dayfirst"):
        raise ParameterError(
            "date_format", f"{date_format!r} is not allowed", file, "use iso or dayfirst"
        )

    inputs_raw = raw.get("inputs") or {}
    if not isinstance(inputs_raw, dict):
        raise ParameterError("inputs", "expected a mapping register -> path", file)
    inputs: dict[str, Path] = {}
    written: dict[str, str] = {}
    options: dict[str, InputOptions] = {}
    registers = known_registers()
    for name, value in inputs_raw.items():
        if name not in registers:
            raise ParameterError(
                f"inputs.{name}", "unknown register", file, _suggest(str(name), registers)
            )
        if value in (None, ""):
            continue
        if isinstance(value, dict):
            value, options[name] = _input_mapping(name, value, file)
        if not isinstance(value, str):
            raise ParameterError(
                f"inputs.{name}",
                f"expected a path or {{path, layout, sheet}}, got {value!r}",
                file,
            )
        written[name] = value
        inputs[name] = (base / value).resolve() if not Path(value).is_absolute() else Path(value)

    columns = raw.get("columns") or {}
    if not isinstance(columns, dict) or not all(isinstance(v, dict) for v in columns.values()):
        raise ParameterError("columns", "expected a mapping register -> {header: column}", file)
    for name in columns:
        if name not in registers:
            raise ParameterError(
                f"columns.{name}", "unknown register", file, _suggest(str(name), registers)
            )
    columns = {
        reg: {str(k): str(v) for k, v in mapping.items()} for reg, mapping in columns.items()
    }

    thresholds = raw.get("thresholds") or {}
    if not isinstance(thresholds, dict):
        raise ParameterError("thresholds", "expected a mapping rule id -> {name: value}", file)
    thresholds = _validate_thresholds(thresholds, file)

    holidays, calendar = _holidays(raw.get("holidays") or [], file)
    empty_values = _empty_values(raw, file)
    service_accounts = raw.get("service_accounts") or []
    if not isinstance(service_accounts, list) or not all(
        isinstance(s, str | int) and not isinstance(s, bool) for s in service_accounts
    ):
        raise ParameterError("service_accounts", "expected a list of account ids", file)

    separator = _as_text(raw, "separator", file, "one of , ; | or a tab")
    if separator is not None and separator not in SEPARATORS:
        raise ParameterError(
            "separator",
            f"{separator!r} is not a CSV separator",
            file,
            'use "," or ";" or "|" or "\\t" (tab), or leave it out to detect it',
        )
    encoding = _as_text(raw, "encoding", file, "an encoding name")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ParameterError(
                "encoding",
                f"{encoding!r} is not a known encoding",
                file,
                "use e.g. utf-8 or cp1252, or leave it out to detect it",
            ) from None
    documents_dir = _as_text(raw, "documents_dir", file, "a folder path")

    previous = _as_text(raw, "previous", file, "the path of a findings.csv")
    previous_path = _beside(base, previous) if previous else None
    actions = _as_text(raw, "actions", file, "the path of last period's action plan")
    actions_path = _beside(base, actions) if actions else None
    if actions_path is not None:  # read like a register (audit followup), from its own key
        inputs["actions"] = actions_path
        written["actions"] = actions

    engine = str(raw.get("engine") or "pandas")
    if engine not in ("pandas", "dask"):
        raise ParameterError("engine", f"{engine!r} is not allowed", file, "use pandas or dask")

    return Params(
        path=path.resolve(),
        organisation=organisation,
        period=period,
        audit_date=audit_date,
        date_format=date_format,
        previous=previous_path,
        inputs=inputs,
        inputs_as_written=written,
        columns=columns,
        thresholds=thresholds,
        holidays=holidays,
        holiday_calendar=calendar,
        input_options=options,
        empty_values=empty_values,
        actions=actions_path,
        actions_as_written=actions,
        service_accounts=[str(s) for s in service_accounts],
        separator=separator,
        encoding=encoding,
        engine=engine,
        dask_scheduler=raw.get("dask_scheduler"),
        documents_dir=(base / documents_dir).resolve() if documents_dir else None,
        raw=raw,
    )


def _beside(base: Path, value: str) -> Path:
    """A path relative to the parameters file's folder (or, if only that exists, to the current one)."""
    candidate = Path(value)
    if candidate.is_absolute():
        return candidate
    beside = base / candidate
    return beside if beside.exists() or not candidate.exists() else candidate.resolve()


def _input_mapping(name: str, value: dict, file: str) -> tuple[object, InputOptions]:
    """`{path: ..., layout: canonical|ico|cnil, sheet: name or index}` (real_registers.md)."""
    key = f"inputs.{name}"
    unknown = [str(k) for k in value if k not in ("path", "layout", "sheet")]
    if unknown:
        raise ParameterError(
            f"{key}.{unknown[0]}",
            "unknown key",
            file,
            _suggest(unknown[0], ("path", "layout", "sheet")) or "use path, layout, sheet",
        )
    if value.get("path") in (None, ""):
        raise ParameterError(f"{key}.path", "is required in the mapping form", file)
    layout = str(value.get("layout") or "canonical").lower()
    if layout not in LAYOUTS:
        raise ParameterError(
            f"{key}.layout",
            f"{layout!r} is not a layout",
            file,
            _suggest(layout, LAYOUTS) or f"use one of {', '.join(LAYOUTS)}",
        )
    if layout != "canonical" and name not in TEMPLATE_REGISTERS:
        raise ParameterError(
            f"{key}.layout",
            f"the {layout} template is a processing register, not a {name}",
            file,
            "use layout: canonical (or leave it out) for this register",
        )
    sheet = value.get("sheet")
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, str | int)):
        raise ParameterError(f"{key}.sheet", f"expected a sheet name or index, got {sheet!r}", file)
    if isinstance(sheet, int) and sheet < 0:
        raise ParameterError(f"{key}.sheet", "a sheet index counts from 0", file)
    return value["path"], InputOptions(layout, sheet)


def _holidays(value: object, file: str) -> tuple[list[dt.date], HolidayCalendar | None]:
    """A list of dates, or `{country: FR, subdivision: ..., extra: [dates]}`."""
    if isinstance(value, list):
        return [_as_date(day, f"holidays[{i}]", file) for i, day in enumerate(value)], None
    if not isinstance(value, dict):
        raise ParameterError(
            "holidays",
            f"expected a list of dates or {{country: ..}}, got {value!r}",
            file,
            "e.g. [2026-12-25] or {country: FR}",
        )
    unknown = [str(k) for k in value if k not in ("country", "subdivision", "extra")]
    if unknown:
        raise ParameterError(
            f"holidays.{unknown[0]}", "unknown key", file, "use country, subdivision, extra"
        )
    country = str(value.get("country") or "").strip().upper()
    subdivision = value.get("subdivision")
    subdivision = str(subdivision).strip().upper() if subdivision not in (None, "") else None
    from holidays import list_supported_countries

    supported = list_supported_countries()
    if country not in supported:
        raise ParameterError(
            "holidays.country",
            f"{country or '(empty)'!r} is not a country the holidays library knows",
            file,
            _suggest(country, list(supported)) or "use an ISO 3166-1 alpha-2 code, e.g. FR",
        )
    if subdivision is not None and subdivision not in supported[country]:
        known = ", ".join(supported[country][:12]) + (
            ", ..." if len(supported[country]) > 12 else ""
        )
        raise ParameterError(
            "holidays.subdivision",
            f"{subdivision!r} is not a subdivision of {country}",
            file,
            f"known: {known}" if supported[country] else f"{country} has no subdivisions",
        )
    extra = value.get("extra") or []
    if not isinstance(extra, list):
        raise ParameterError("holidays.extra", "expected a list of dates", file)
    days = [_as_date(day, f"holidays.extra[{i}]", file) for i, day in enumerate(extra)]
    return days, HolidayCalendar(country, subdivision)


def _empty_values(raw: dict, file: str) -> tuple[str, ...]:
    value = raw.get("empty_values")
    if value is None:
        return DEFAULT_EMPTY_VALUES
    if not isinstance(value, list) or not all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        raise ParameterError(
            "empty_values", "expected a list of cell values", file, 'e.g. ["N/A", "-"]'
        )
    values = tuple(str(v).strip() for v in value)
    if any(v.lower() == "none" for v in values):
        raise ParameterError(
            "empty_values",
            "'none' is a value, not an empty cell (recipients: none, transfer_safeguard: none)",
            file,
            "remove it from the list",
        )
    return tuple(v for v in values if v)


def _validate_thresholds(thresholds: dict, file: str) -> dict[str, dict[str, Any]]:
    """Accept `{RULE-ID: {name: value}}` or `{"RULE-ID.name": value}`; names are checked against the registry."""
    from .rules import RULES

    nested: dict[str, dict[str, Any]] = {}
    for key, value in thresholds.items():
        key = str(key)
        if isinstance(value, dict):
            items = [(key, str(k), v) for k, v in value.items()]
        elif "." in key:
            rule_id, name = key.split(".", 1)
            items = [(rule_id, name, value)]
        else:
            raise ParameterError(f"thresholds.{key}", "expected {name: value}", file)
        for rule_id, name, val in items:
            if rule_id not in RULES:
                raise ParameterError(
                    f"thresholds.{rule_id}", "unknown rule", file, _suggest(rule_id, RULES)
                )
            known = RULES[rule_id].thresholds
            if name not in known:
                hint = _suggest(name, known) or (
                    f"known: {', '.join(known)}" if known else "this rule has no thresholds"
                )
                raise ParameterError(
                    f"thresholds.{rule_id}.{name}", "unknown threshold", file, hint
                )
            default = known[name]
            if isinstance(default, (int, float)) and (
                isinstance(val, bool) or not isinstance(val, (int, float))
            ):
                raise ParameterError(
                    f"thresholds.{rule_id}.{name}", f"expected a number, got {val!r}", file
                )
            nested.setdefault(rule_id, {})[name] = val
    return nested
