"""Everything a rule needs: typed registers, parameters, thresholds and reference data."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .errors import InputError
from .layouts import STANDS_IN, complete_register
from .loaders import SourceInfo, read_register
from .params import Params
from .privacy import Pseudonymiser
from .rules import RULES
from .schemas import (
    TOLERANT,
    check_register,
    expected_columns,
    repeated_columns,
    required_columns,
)


@dataclass
class AuditContext:
    """The inputs of one audit, as its rules see them."""

    audit: str
    params: Params
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: dict[str, SourceInfo] = field(default_factory=dict)
    dq: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    def absent(self, register: str, column: str) -> bool:
        """Whether the register, as read, has no such column (tolerant registers only:
        real_registers.md section 2 -- the rules report it on every record)."""
        return register in self.frames and column not in self.frames[register].columns

    @property
    def audit_date(self) -> pd.Timestamp:
        return self.params.audit_date

    def threshold(self, rule_id: str, name: str) -> Any:
        """A threshold of a rule: the parameters file's value, else the registry's default."""
        default = RULES[rule_id].thresholds[name]
        return self.params.thresholds.get(rule_id, {}).get(name, default)


def read_input(register: str, params: Params, pseudonymiser: Pseudonymiser):
    """One register as the parameters give it (path, mapping, layout, sheet, separator, encoding,
    empty values), read as text, completed and with `subject_ref` pseudonymised: what the
    typing and validation then take. Raises InputError for what cannot be read."""
    shown = params.inputs_as_written.get(register, str(params.inputs[register]))
    options = params.options(register)
    raw, info = read_register(
        register,
        params.inputs[register],
        shown_as=shown,
        mapping=params.columns.get(register),
        required=required_columns(register),
        expected=expected_columns(register),
        separator=params.separator,
        encoding=params.encoding,
        sheet=options.sheet,
        layout=options.layout,
        empty_values=params.empty_values,
        tolerant=register in TOLERANT,
        alternatives=STANDS_IN.get(register),
        repeated=repeated_columns(register),
    )
    raw, completed = complete_register(register, raw)
    if completed:
        info = dataclasses.replace(info, notes=info.notes + tuple(completed))
    if "subject_ref" in raw.columns:
        raw["subject_ref"] = pseudonymiser.pseudonymise(raw["subject_ref"].astype("str"))
    return raw, info


def load_inputs(
    audit: str,
    params: Params,
    registers: tuple[str, ...],
    optional: tuple[str, ...] = (),
    pseudonymiser: Pseudonymiser | None = None,
) -> AuditContext:
    """Read, type and validate the registers an audit uses; never raises for bad input.

    A required register that cannot be used is a blocking error (ctx.errors); an optional one is
    left out with a note, and the rules that need it are reported as not evaluated.
    """
    # -- engine hook (issue 8): `engine: dask` reads, validates and judges the big register of
    # -- the access and retention audits in Dask (audit_lib.engines); other audits ignore it.
    from .engines import uses_dask

    if uses_dask(audit, params):
        from .engines.dask_engine import load_inputs as load_with_dask

        return load_with_dask(audit, params, registers, optional, pseudonymiser)
    # -- end of engine hook
    ctx = AuditContext(audit=audit, params=params)
    pseudonymiser = pseudonymiser or Pseudonymiser()
    for register in registers + optional:
        if register not in params.inputs:
            if register in registers:
                ctx.errors.append(
                    InputError(
                        f"inputs.{register}",
                        "not given in the parameters file",
                        suggestion="add its path under inputs:",
                    )
                )
            continue
        try:
            raw, info = read_input(register, params, pseudonymiser)
        except InputError as exc:
            if register in registers:
                ctx.errors.append(exc)
            else:
                ctx.notes.append(f"{register} left out: {exc}")
            continue
        typed, dq = check_register(
            raw, register, params.date_format, info.header_row, info.shown_as, consume=True
        )
        del raw
        ctx.frames[register] = typed
        ctx.sources[register] = info
        ctx.dq[register] = dq
    return ctx
