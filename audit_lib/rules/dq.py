"""Data-quality rules: breaches of the data contract (registers.md) found by pandera validation."""

from . import define

define(
    "DQ-001",
    severity="medium",
    reference="Art. 5(1)(d)",
    title="Value cannot be read",
    remediation="Correct the value in the source register (dates as YYYY-MM-DD or the agreed date_format; "
    "booleans as yes/no or true/false).",
)
define(
    "DQ-002",
    severity="medium",
    reference="Art. 5(1)(d)",
    title="Value not allowed",
    remediation="Use one of the allowed values listed in the data contract (registers.md) or map the "
    "organisation's own wording to them before export.",
)
define(
    "DQ-003",
    severity="high",
    reference="Art. 5(2)",
    title="Duplicate identifier",
    remediation="Give every row its own identifier; merge or renumber the duplicated rows in the register.",
)
define(
    "DQ-004",
    severity="medium",
    reference="Art. 5(2)",
    title="Mandatory value missing",
    remediation="Fill in the value in the source register; a row without it cannot be audited reliably.",
)
