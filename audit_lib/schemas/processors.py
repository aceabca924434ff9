"""processors: subcontractors acting as processors (Art. 28), one row per processor."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ._fields import AUTHORISATIONS, CLAUSE_VALUES, RISK_TIERS, SAFEGUARDS_READ, SCC_VERSIONS, field
from ._registry import register_schema

#: `contract_language`: the languages the contract analysis reads (audit_lib.documents.contracts)
CONTRACT_LANGUAGES = ("en", "fr", "de", "es", "it")

CLAUSE_COLUMNS = (
    "clause_a_instructions",
    "clause_b_confidentiality",
    "clause_c_security",
    "clause_d_subprocessors",
    "clause_e_data_subject_rights",
    "clause_f_assistance",
    "clause_g_deletion_return",
    "clause_h_audits",
)


def _clause(letter: str):
    return field("enum", allowed=CLAUSE_VALUES, article=f"Art. 28(3)({letter})")


@register_schema("processors", id_column="processor_id")
class ProcessorsSchema(pa.DataFrameModel):
    processor_id: Series[str] = field("id")
    name: Series[str] = field("str")
    service: Series[str] = field("str")
    country: Series[str] = field("country")
    active: Series[pd.BooleanDtype] = field("bool")
    risk_tier: Series[str] = field("enum", allowed=RISK_TIERS)
    contract_id: Series[str] | None = field("str")
    dpa_signed: Series[pd.BooleanDtype] = field("bool", judged_by="SUB-002")
    contract_end: Series[pd.Timestamp] | None = field("date")
    clause_a_instructions: Series[str] = _clause("a")
    clause_b_confidentiality: Series[str] = _clause("b")
    clause_c_security: Series[str] = _clause("c")
    clause_d_subprocessors: Series[str] = _clause("d")
    clause_e_data_subject_rights: Series[str] = _clause("e")
    clause_f_assistance: Series[str] = _clause("f")
    clause_g_deletion_return: Series[str] = _clause("g")
    clause_h_audits: Series[str] = _clause("h")
    subprocessor_authorisation: Series[str] = field(
        "enum", allowed=AUTHORISATIONS, article="Art. 28(2)"
    )
    subprocessors: Series[object] | None = field("list")
    transfer_mechanism: Series[str] | None = field(
        "enum", allowed=SAFEGUARDS_READ, article="Art. 44-49", reader="transfer_safeguard"
    )
    scc_version: Series[str] | None = field("enum", allowed=SCC_VERSIONS)
    certification: Series[str] | None = field("str")
    certification_expiry: Series[pd.Timestamp] | None = field("date")
    last_audit_date: Series[pd.Timestamp] | None = field("date")
    contract_document: Series[str] | None = field("path")
    contract_language: Series[str] | None = field("enum", allowed=CONTRACT_LANGUAGES)
    subprocessor_list: Series[str] | None = field("path", article="Art. 28(2)")

    class Config:
        strict = False
        coerce = False
