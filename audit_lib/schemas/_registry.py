"""The register registry: each schema module registers its pandera model where it is defined.

`SCHEMAS` (register -> model) and `ID_COLUMNS` (register -> its identifier column) are read by the
typing step, the parameters file (which registers `inputs:` may name), the loaders and the tests;
a new register is a new module in `audit_lib/schemas/` and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

import pandera.pandas as pa

SCHEMAS: dict[str, type[pa.DataFrameModel]] = {}
ID_COLUMNS: dict[str, str] = {}
#: registers whose missing columns are findings, not input errors (real_registers.md section 2)
TOLERANT: set[str] = set()
#: registers named by a top-level key of the parameters file, not under `inputs:` (`actions:`)
TOP_LEVEL: set[str] = set()


def register_schema(
    register: str, *, id_column: str, tolerant: bool = False, top_level: bool = False
) -> Callable[[type[pa.DataFrameModel]], type[pa.DataFrameModel]]:
    """Class decorator: `@register_schema("access_log", id_column="event_id")`.

    tolerant: a required column the file lacks is judged by the rules (every record), not refused.
    top_level: the parameters file names it by a key of its own (`actions:`), not under `inputs:`.
    """

    def add(model: type[pa.DataFrameModel]) -> type[pa.DataFrameModel]:
        if register in SCHEMAS and SCHEMAS[register] is not model:
            raise ValueError(f"register {register} has two schemas")
        SCHEMAS[register] = model
        ID_COLUMNS[register] = id_column
        if tolerant:
            TOLERANT.add(register)
        if top_level:
            TOP_LEVEL.add(register)
        return model

    return add
