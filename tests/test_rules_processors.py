"""SUB-001..SUB-010: a violating, a compliant and the boundary records of rules.md for each rule."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_lib.audits import AUDITS
from audit_lib.context import AuditContext
from audit_lib.findings import finding_id
from audit_lib.notebook import AuditSession
from audit_lib.params import Params
from audit_lib.rules import RULES, rules_for, run_rules, to_findings
from audit_lib.rules.processors import ANALYSES_KEY, contract_analyses
from audit_lib.sample.processors import CLAUSES_EN, CORRUPT_PDF, GAPS_EN, docx_document
from audit_lib.schemas import check_register
from tests.helpers import fire, keys, make_ctx
from tests.strategies import register_rows, text

CLAUSES = (
    "clause_a_instructions",
    "clause_b_confidentiality",
    "clause_c_security",
    "clause_d_subprocessors",
    "clause_e_data_subject_rights",
    "clause_f_assistance",
    "clause_g_deletion_return",
    "clause_h_audits",
)


def processor(pid="P1", **overrides):
    row = {
        "processor_id": pid,
        "name": f"Processor {pid}",
        "service": "hosting",
        "country": "FR",
        "active": "yes",
        "risk_tier": "medium",
        "dpa_signed": "yes",
        "subprocessor_authorisation": "general",
        "last_audit_date": "2026-01-15",
        **{column: "yes" for column in CLAUSES},
    }
    row.update(overrides)
    return row


def ctx_for(*rows, audit_date="2026-09-30", register=None, **params):
    registers = {"processors": list(rows)}
    if register is not None:
        registers["processing_register"] = register
    return make_ctx("processors", registers, audit_date, **params)


def activity(activity_id, processor_ids):
    return {
        "activity_id": activity_id,
        "name": "n",
        "controller": "c",
        "purposes": "p",
        "legal_basis": "contract",
        "data_subject_categories": "customers",
        "data_categories": "contact",
        "recipients": "none",
        "processor_ids": processor_ids,
        "retention_rule_id": "R1",
        "security_measures": "s",
        "owner": "o",
        "last_reviewed": "2026-06-01",
    }


def test_catalog_has_every_sub_rule_with_the_spec_severity():
    severities = {r.id: r.severity for r in rules_for("processors")}
    assert severities == {
        "SUB-001": "graded",
        "SUB-002": "critical",
        "SUB-003": "high",
        "SUB-004": "high",
        "SUB-005": "high",
        "SUB-006": "medium",
        "SUB-007": "medium",
        "SUB-008": "low",
        "SUB-009": "medium",
        "SUB-010": "low",
        "SUB-011": "medium",
        "SUB-012": "high",
        "SUB-013": "low",
        "SUB-014": "info",
    }
    assert RULES["SUB-007"].thresholds == {"high": 12, "medium": 24, "low": 36}
    assert RULES["SUB-008"].needs == ("processors", "processing_register")


def test_clean_processor_gives_no_finding_at_all():
    ctx = ctx_for(processor("P1"), register=[activity("A1", "P1")])
    findings, evaluated, skipped, _ = run_rules("processors", ctx)
    assert findings.empty and not skipped and len(evaluated) == 14


# --------------------------------------------------------------------------- SUB-001


def test_sub_001_one_finding_per_clause_graded_by_value():
    ctx = ctx_for(
        processor("bad", clause_d_subprocessors="no", clause_b_confidentiality="Partial"),
        processor("empty", clause_g_deletion_return=""),
        processor("ok"),
    )
    result = fire("SUB-001", ctx)
    rows = list(
        zip(result["record_key"], result["severity"], result["message"].str[:14], strict=True)
    )
    assert rows == [
        ("bad", "medium", "Art. 28(3)(b):"),
        ("bad", "high", "Art. 28(3)(d):"),
        ("empty", "high", "Art. 28(3)(g):"),
    ]
    assert "clause_d_subprocessors = no" in result["message"].iloc[1]
    assert "treated as no" in result["message"].iloc[2]


def test_sub_001_findings_of_one_processor_have_one_finding_id_per_clause():
    """rules.md Conventions: the clause letter is the detail, hashed into the finding id."""
    ctx = ctx_for(processor("P1", clause_a_instructions="no", clause_h_audits="no"))
    findings = to_findings("processors", RULES["SUB-001"], fire("SUB-001", ctx))
    assert findings["finding_id"].tolist() == [
        finding_id("processors", "SUB-001", "P1", "a"),
        finding_id("processors", "SUB-001", "P1", "h"),
    ]
    assert findings["finding_id"].tolist() != [finding_id("processors", "SUB-001", "P1")] * 2


def test_sub_001_all_yes_and_inactive_processors_are_compliant():
    ctx = ctx_for(processor("ok"), processor("gone", active="no", clause_a_instructions="no"))
    assert keys("SUB-001", ctx) == []


# --------------------------------------------------------------------------- SUB-002, SUB-003


@pytest.mark.parametrize(
    ("value", "fires"), [("no", True), ("false", True), ("", True), ("yes", False), ("Oui", False)]
)
def test_sub_002_dpa_not_signed(value, fires):
    assert keys("SUB-002", ctx_for(processor("P1", dpa_signed=value))) == (["P1"] if fires else [])


def test_sub_002_inactive_processor_ignored():
    assert keys("SUB-002", ctx_for(processor("P1", active="no", dpa_signed="no"))) == []


def test_sub_003_contract_end_on_the_audit_date_is_not_before_it():
    ctx = ctx_for(
        processor("ended", contract_end="2026-09-29"),
        processor("exact", contract_end="2026-09-30"),
        processor("later", contract_end="2027-01-01"),
        processor("open", contract_end=""),
        processor("inactive", active="no", contract_end="2020-01-01"),
    )
    result = fire("SUB-003", ctx)
    assert list(result["record_key"]) == ["ended"]
    assert result["message"].iloc[0] == "contract_end 2026-09-29 is before the audit date"


# --------------------------------------------------------------------------- SUB-004


@pytest.mark.parametrize(
    ("country", "mechanism", "version", "audit_date", "fires"),
    [
        ("IN", "", "", "2026-09-30", True),
        ("IN", "none", "", "2026-09-30", True),
        ("IN", "scc", "2021", "2026-09-30", False),
        ("IN", "scc", "2010", "2026-09-30", True),
        ("IN", "SCC", "2004", "2026-09-30", True),
        ("IN", "scc", "2010", "2022-12-26", False),  # the old SCCs still valid the day before
        ("IN", "scc", "2010", "2022-12-27", True),  # no longer valid from 2022-12-27
        ("IN", "scc", "", "2026-09-30", False),  # version not given: not judged by SUB-004
        ("IN", "bcr", "", "2026-09-30", False),
        ("IN", "derogation_49", "", "2026-09-30", False),
        ("IN", "adequacy", "", "2026-09-30", True),
        ("SG", "adequacy", "", "2026-09-30", True),
        ("US", "adequacy", "", "2026-09-30", False),  # Data Privacy Framework
        ("US", "adequacy", "", "2023-07-09", True),  # the day before the DPF decision
        ("us", "none", "", "2026-09-30", True),
        ("EL", "", "", "2026-09-30", False),  # EL is Greece: inside the EEA
        ("el", "none", "", "2026-09-30", False),
        ("NO", "", "", "2026-09-30", False),  # EEA-EFTA
        ("CH", "", "", "2026-09-30", True),  # adequate, but not in the EEA: a mechanism is needed
        ("CH", "adequacy", "", "2026-09-30", False),
        ("BR", "adequacy", "", "2026-09-30", False),  # decision of 2026-01-26 in force
        ("BR", "adequacy", "", "2025-12-31", True),  # not yet adopted on the audit date
        ("GB", "adequacy", "", "2026-09-30", False),  # renewed until 2031
        ("FR", "scc", "2010", "2026-09-30", False),  # no transfer: EEA processing
    ],
)
def test_sub_004_transfer_mechanism(country, mechanism, version, audit_date, fires):
    row = processor("P1", country=country, transfer_mechanism=mechanism, scc_version=version)
    assert keys("SUB-004", ctx_for(row, audit_date=audit_date)) == (["P1"] if fires else [])


def test_sub_004_messages_say_why():
    ctx = ctx_for(
        processor("empty", country="IN"),
        processor("old", country="IN", transfer_mechanism="scc", scc_version="2010"),
        processor("adequacy", country="SG", transfer_mechanism="adequacy"),
        processor("inactive", active="no", country="IN"),
    )
    messages = dict(zip(*fire("SUB-004", ctx).to_dict("list").values(), strict=True))
    assert messages == {
        "empty": "processing in IN (outside the EEA) with transfer_mechanism empty",
        "old": "processing in IN on the 2010 SCCs, repealed and no longer valid since 2022-12-27 "
        "(use the 2021 SCCs)",
        "adequacy": "adequacy claimed for SG, which has no adequacy decision in force on 2026-09-30",
    }


# --------------------------------------------------------------------------- SUB-005, SUB-006


def test_sub_005_subprocessors_need_an_authorisation():
    ctx = ctx_for(
        processor("none", subprocessors="Acme; Beta", subprocessor_authorisation="none"),
        processor("empty", subprocessors="Acme", subprocessor_authorisation=""),
        processor("general", subprocessors="Acme", subprocessor_authorisation="general"),
        processor("specific", subprocessors="Acme | Beta", subprocessor_authorisation="Specific"),
        processor("no-subs", subprocessors="", subprocessor_authorisation="none"),
        processor("inactive", active="no", subprocessors="Acme", subprocessor_authorisation="none"),
    )
    result = fire("SUB-005", ctx)
    assert sorted(result["record_key"]) == ["empty", "none"]
    assert "2 sub-processor(s) listed" in result.set_index("record_key").at["none", "message"]


def test_sub_006_certification_expiring_on_the_audit_date_is_still_valid():
    ctx = ctx_for(
        processor("expired", certification="ISO 27001", certification_expiry="2026-09-29"),
        processor("exact", certification="ISO 27001", certification_expiry="2026-09-30"),
        processor("none"),
        processor("inactive", active="no", certification_expiry="2020-01-01"),
    )
    result = fire("SUB-006", ctx)
    assert list(result["record_key"]) == ["expired"]
    assert result["message"].iloc[0] == "ISO 27001 expired on 2026-09-29"


# --------------------------------------------------------------------------- SUB-007


@pytest.mark.parametrize(
    ("tier", "last_audit", "fires"),
    [
        ("high", "2025-09-30", False),  # exactly 12 months before
        ("high", "2025-09-29", True),  # one day more
        ("medium", "2024-09-30", False),
        ("medium", "2024-09-29", True),
        ("low", "2023-09-30", False),
        ("low", "2023-09-29", True),
        ("High", "2026-09-30", False),
        ("low", "", True),  # never audited
        ("", "2025-09-30", False),  # empty tier: the high tier's 12 months apply
        ("", "2025-09-29", True),
    ],
)
def test_sub_007_audit_interval_by_tier(tier, last_audit, fires):
    row = processor("P1", risk_tier=tier, last_audit_date=last_audit)
    assert keys("SUB-007", ctx_for(row)) == (["P1"] if fires else [])


def test_sub_007_month_end_threshold_parameter_and_inactive():
    # 12 months before 2025-02-28 is 2024-02-28 (calendar months, not the leap day)
    ctx = ctx_for(
        processor("exact", risk_tier="high", last_audit_date="2024-02-28"),
        processor("late", risk_tier="high", last_audit_date="2024-02-27"),
        processor("inactive", active="no", last_audit_date=""),
        audit_date="2025-02-28",
    )
    assert keys("SUB-007", ctx) == ["late"]
    ctx = ctx_for(processor("P1", risk_tier="high", last_audit_date="2026-03-29"))
    ctx.params.thresholds = {"SUB-007": {"high": 6}}
    result = fire("SUB-007", ctx)
    assert list(result["record_key"]) == ["P1"]
    assert (
        result["message"].iloc[0]
        == "last_audit_date 2026-03-29 is older than 6 months (risk tier high)"
    )


# --------------------------------------------------------------------------- SUB-008


def test_sub_008_active_processor_referenced_by_no_activity():
    ctx = ctx_for(
        processor("used"),
        processor("also-used"),
        processor("unused"),
        processor("inactive-unused", active="no"),
        register=[activity("A1", "used; also-used"), activity("A2", "")],
    )
    assert keys("SUB-008", ctx) == ["unused"]


def test_sub_008_not_evaluated_without_the_processing_register():
    _, evaluated, skipped, _ = run_rules("processors", ctx_for(processor("P1")))
    assert "SUB-008" not in evaluated and "processing_register" in skipped["SUB-008"]


# --------------------------------------------------------------------------- SUB-009, SUB-010


def dpa_text(gaps=()):
    clauses = [GAPS_EN[letter] if letter in gaps else text for letter, text in CLAUSES_EN.items()]
    return "# Data processing agreement\n\n" + "\n\n".join(
        f"2.{i}. {c}" for i, c in enumerate(clauses, 1)
    )


@pytest.fixture
def documents(tmp_path):
    docs = tmp_path / "docs"
    (docs / "contracts").mkdir(parents=True)
    (docs / "contracts" / "full.md").write_text(dpa_text(), encoding="utf-8")
    (docs / "contracts" / "weak.md").write_text(dpa_text(gaps=("g", "h")), encoding="utf-8")
    (docs / "contracts" / "corrupt.pdf").write_bytes(CORRUPT_PDF)
    (docs / "contracts" / "empty.txt").write_bytes(b"")
    (docs / "contracts" / "full.docx").write_bytes(docx_document("DPA", dpa_text().split("\n\n")))
    # a complete DPA outside the documents folder: refused, never read
    (tmp_path / "outside.md").write_text(dpa_text(), encoding="utf-8")
    return docs


def test_sub_009_clause_yes_in_the_register_but_not_in_the_document(documents):
    ctx = ctx_for(
        processor("weak", contract_document="contracts/weak.md"),
        processor("full", contract_document="contracts/full.md"),
        processor("docx", contract_document="contracts\\full.docx"),
        processor(
            "partial", contract_document="contracts/weak.md", clause_g_deletion_return="partial"
        ),
        processor("inactive", active="no", contract_document="contracts/weak.md"),
        processor("none"),
        documents_dir=documents,
    )
    result = fire("SUB-009", ctx)
    assert list(zip(result["record_key"], result["message"].str[:14], strict=True)) == [
        ("partial", "Art. 28(3)(h):"),  # (g) is 'partial': SUB-001's, not SUB-009's
        ("weak", "Art. 28(3)(g):"),
        ("weak", "Art. 28(3)(h):"),
    ]
    message = result["message"].iloc[1]
    assert "contracts/weak.md shows no evidence of deletion or return" in message
    assert "looked for" in message and "delete or return" in message
    assert keys("SUB-010", ctx) == []


def test_sub_009_and_010_analyse_each_document_once_per_run(documents, monkeypatch):
    import audit_lib.rules.processors as module

    calls = []
    real = module.analyse_document

    def counting(base, value):
        calls.append(value)
        return real(base, value)

    monkeypatch.setattr(module, "analyse_document", counting)
    ctx = ctx_for(
        processor("P1", contract_document="contracts/weak.md"),
        processor("P2", contract_document="contracts/weak.md"),
        processor("P3", contract_document="contracts/missing.md"),
        documents_dir=documents,
    )
    run_rules("processors", ctx)
    assert sorted(calls) == ["contracts/missing.md", "contracts/weak.md"]
    assert set(ctx.cache[ANALYSES_KEY]) == {"P1", "P2", "P3"}
    assert contract_analyses(ctx) is ctx.cache[ANALYSES_KEY]


def test_sub_010_missing_unreadable_or_refused_documents(documents):
    ctx = ctx_for(
        processor("missing", contract_document="contracts/nothing.pdf"),
        processor("escape", contract_document="../outside.md"),
        processor("absolute", contract_document=str(documents / "contracts" / "full.md")),
        processor("corrupt", contract_document="contracts/corrupt.pdf"),
        processor("empty", contract_document="contracts/empty.txt"),
        processor("type", contract_document="contracts"),
        processor("ok", contract_document="contracts/full.md"),
        processor("inactive", active="no", contract_document="contracts/nothing.pdf"),
        documents_dir=documents,
    )
    result = fire("SUB-010", ctx).set_index("record_key")["message"]
    assert sorted(result.index) == ["absolute", "corrupt", "empty", "escape", "missing", "type"]
    assert (
        result["missing"]
        == "contract_document 'contracts/nothing.pdf' not found in the documents folder"
    )
    assert result["escape"] == (
        "contract_document '../outside.md' refused, not read: the path leads outside the documents folder"
    )
    assert (
        "refused" in result["absolute"]
        and str(documents) not in result["absolute"].split("'", 2)[2]
    )
    assert result["corrupt"].startswith(
        "contract_document 'contracts/corrupt.pdf' cannot be read: corrupt"
    )
    # a refused document is neither read nor judged by SUB-009
    assert ctx.cache[ANALYSES_KEY]["escape"].status == "refused"
    assert keys("SUB-009", ctx) == []


def test_documents_are_relative_to_the_parameters_folder_by_default():
    ctx = make_ctx(
        "processors", {"processors": [processor("P1", contract_document="contracts/full.md")]}
    )
    assert ctx.params.documents_base.as_posix() == "/nonexistent"
    assert keys("SUB-010", ctx) == ["P1"]  # /nonexistent/contracts/full.md does not exist


# --------------------------------------------------------------------------- the report


def test_kpis_evidence_and_extra_outputs(documents, tmp_path):
    spec = AUDITS["processors"]
    ctx = ctx_for(
        processor("P1", contract_document="contracts/full.md"),
        processor("P2", contract_document="contracts/weak.md", country="IN"),
        processor("P3", clause_c_security="partial", dpa_signed="no"),
        processor("P4", active="no"),
        register=[activity("A1", "P1; P2; P3")],
        documents_dir=documents,
    )
    findings, *_ = run_rules("processors", ctx)
    kpis = {kpi["key"]: kpi for kpi in spec.kpis(ctx, findings)}
    assert kpis["processors_active"]["value"] == "3"
    assert kpis["processors_all_clauses"]["note"] == "2 of 3"
    assert kpis["processors_dpa_signed"]["note"] == "2 of 3"
    assert kpis["processors_valid_transfer"]["note"] == "0 of 1"
    assert kpis["processors_contracts_analysed"]["value"] == "2"
    written = spec.extra_outputs(ctx, findings, tmp_path)
    assert written["contract_evidence.csv"] == "clause evidence found in each contract"
    evidence = pd.read_csv(tmp_path / "contract_evidence.csv", dtype=str, keep_default_na=False)
    assert len(evidence) == 16 and set(evidence["status"]) == {"analysed"}
    row = evidence[(evidence["processor_id"] == "P1") & (evidence["clause"] == "g")].iloc[0]
    assert row["found"] == "True" and row["sentence"].startswith("At the choice of the Controller")
    row = evidence[(evidence["processor_id"] == "P2") & (evidence["clause"] == "h")].iloc[0]
    assert row["found"] == "False" and row["sentence"] == "" and row["register"] == "yes"
    titles = [chart.title for chart in spec.charts(ctx, findings)]
    assert titles[0] == "Art. 28(3) clauses per processor" and len(titles) == 3


def test_sample_documents_are_byte_stable():
    from audit_lib.sample import processors as sample
    from audit_lib.sample.org import Organisation

    def documents():
        org = Organisation()
        sample.build(org, {}, [])
        return org.shared["documents"]

    first, second = documents(), documents()
    assert first == second
    assert set(first) >= {
        "contracts/PR-001_dpa.md",
        "contracts/PR-002_accord.docx",
        "contracts/PR-003_dpa.pdf",
    }


def test_sub_009_partial_document_finding_and_contract_language(documents):
    # deletion without return; audits by questionnaire only: only part of (g) and (h)
    (documents / "contracts" / "half.md").write_text(
        "The Processor shall process the personal data only on documented instructions.\n\n"
        "The Processor shall delete the personal data at the end of the services.\n\n"
        "The Processor shall allow for and contribute to audits. Audits are limited to a "
        "written questionnaire and the processor's certification reports.\n",
        encoding="utf-8",
    )
    (documents / "contracts" / "de.md").write_text(
        "Der Auftragsverarbeiter verarbeitet die Daten nur auf dokumentierte Weisung des "
        "Verantwortlichen und gestattet Audits, einschließlich Inspektionen.\n",
        encoding="utf-8",
    )
    ctx = ctx_for(
        processor("half", contract_document="contracts/half.md"),
        processor("de", contract_document="contracts/de.md", contract_language="de"),
        processor("xx", contract_document="contracts/de.md", contract_language="xx"),
        documents_dir=documents,
    )
    result = fire("SUB-009", ctx)
    half = result[result["record_key"] == "half"]
    half = half.set_index(half["message"].str[:14])
    assert "only part of deletion or return" in half.loc["Art. 28(3)(g):", "message"]
    assert "shall delete the personal data at the end" in half.loc["Art. 28(3)(g):", "message"]
    assert "only part of information and audits" in half.loc["Art. 28(3)(h):", "message"]
    assert "questionnaire" in half.loc["Art. 28(3)(h):", "message"]
    analyses = contract_analyses(ctx)
    assert (analyses["de"].language, analyses["de"].language_source) == ("de", "register")
    assert (analyses["xx"].language, analyses["xx"].language_source) == ("de", "detected")
    assert analyses["de"].evidence["a"].status == "present"


# --------------------------------------------------------------------------- SUB-011..SUB-014

LIST_MD = """# Sub-processors

| Sub-processor | Purpose | Location of processing |
|---|---|---|
| Amazon Web Services Inc (AWS) | Hosting | United States |
| OVH SAS | Backups | France |
| Fastly, Inc. | CDN | Worldwide |
| Brevo SAS | E-mail | EU |
"""
LIST_HTML = """<h1>Sub-processors</h1><p>These sub-processors are located in India:</p>
<ul><li><a href="https://x.example">Bengaluru Support Pvt Ltd</a> - support</li>
<li>Mumbai Data Pvt. Ltd. - backups</li></ul>"""


@pytest.fixture
def sub_lists(tmp_path):
    docs = tmp_path / "docs"
    (docs / "lists").mkdir(parents=True)
    (docs / "lists" / "us.md").write_text(LIST_MD, encoding="utf-8")
    (docs / "lists" / "india.html").write_text(LIST_HTML, encoding="utf-8")
    (docs / "lists" / "prose.md").write_text("# Sub-processors\n\nOn request.\n", "utf-8")
    (docs / "lists" / "corrupt.pdf").write_bytes(CORRUPT_PDF)
    (docs / "lists" / "us.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "outside.md").write_text(LIST_MD, encoding="utf-8")
    (docs / "lists" / "link.md").symlink_to(tmp_path / "outside.md")
    return docs


ALL_LISTED = "AWS; OVH; Fastly Inc; Brevo"


def lists_ctx(*rows, audit_date="2026-09-30", **params):
    return ctx_for(*rows, audit_date=audit_date, **params)


def test_sub_011_one_finding_per_listed_sub_processor_not_in_the_register(sub_lists):
    ctx = lists_ctx(
        processor("P1", subprocessor_list="lists/us.md", subprocessors="Amazon Web Services; OVH"),
        processor("P2", subprocessor_list="lists/us.md", subprocessors=ALL_LISTED),
        processor("P3", subprocessor_list="lists/us.md", active="no"),
        documents_dir=sub_lists,
    )
    result = fire("SUB-011", ctx)
    assert list(zip(result["record_key"], result["detail"], strict=True)) == [
        ("P1", "fastly"),
        ("P1", "brevo"),
    ]
    assert result["message"].iloc[0] == (
        "the published sub-processor list lists/us.md names 'Fastly, Inc.' (worldwide), which "
        "the register's subprocessors does not: engaged without a recorded authorisation"
    )
    findings = to_findings("processors", RULES["SUB-011"], result)
    assert findings["finding_id"].tolist() == [
        finding_id("processors", "SUB-011", "P1", "fastly"),
        finding_id("processors", "SUB-011", "P1", "brevo"),
    ]


def test_sub_011_boundary_aliases_legal_forms_and_processor_ids_match(sub_lists):
    """The alias in brackets matches (AWS), legal forms and spaces are ignored (Fastly Inc,
    "O V H" is not "OVH" but "Bre vo" is "Brevo"), an id stands for its processor's name, and an
    empty subprocessors column authorises nothing."""
    ctx = lists_ctx(
        processor("P1", subprocessor_list="lists/us.md", subprocessors="aws; P9; fastly; Bre vo"),
        processor("P9", name="OVH S.A.S."),
        processor("P2", subprocessor_list="lists/us.md"),
        documents_dir=sub_lists,
    )
    result = fire("SUB-011", ctx)
    assert list(zip(result["record_key"], result["detail"], strict=True)) == [
        ("P2", "amazon web services"),
        ("P2", "ovh"),
        ("P2", "fastly"),
        ("P2", "brevo"),
    ]


@pytest.mark.parametrize(
    ("value", "mechanism", "fires"),
    [
        ("lists/india.html", "", True),  # India: no adequacy, no mechanism
        ("lists/india.html", "none", True),
        ("lists/india.html", "scc", False),  # a mechanism is recorded
        ("lists/us.md", "", True),  # the US counts as adequate only with 'adequacy'
        ("lists/us.md", "adequacy", False),
    ],
)
def test_sub_012_subprocessors_outside_the_eea_without_a_mechanism(
    sub_lists, value, mechanism, fires
):
    ctx = lists_ctx(
        processor("P1", subprocessor_list=value, transfer_mechanism=mechanism),
        documents_dir=sub_lists,
    )
    assert keys("SUB-012", ctx) == (["P1"] if fires else [])


def test_sub_012_message_names_the_subprocessors_and_countries(sub_lists):
    ctx = lists_ctx(processor("P1", subprocessor_list="lists/india.html"), documents_dir=sub_lists)
    assert fire("SUB-012", ctx)["message"].tolist() == [
        "transfer_mechanism is empty but the published sub-processor list lists/india.html has 2 "
        "sub-processor(s) processing data outside the EEA without an adequacy decision (IN): "
        "Bengaluru Support Pvt Ltd (IN); Mumbai Data Pvt. Ltd. (IN)"
    ]


def test_sub_012_boundary_eea_regions_worldwide_adequacy_on_the_audit_date(sub_lists):
    """ "EU" is inside, "Worldwide" and no location are not judged; GB and Brazil are adequate
    -- Brazil only from its decision of 2026-01-26."""
    (sub_lists / "lists" / "adequate.md").write_text(
        "| Vendor | Country |\n|---|---|\n| A Ltd | EU |\n| B Ltd | Worldwide |\n"
        "| C Ltd | |\n| D Ltd | United Kingdom |\n| E Ltda | Brazil |\n",
        encoding="utf-8",
    )
    row = processor("P1", subprocessor_list="lists/adequate.md")
    assert keys("SUB-012", lists_ctx(row, documents_dir=sub_lists)) == []
    before = lists_ctx(row, audit_date="2026-01-25", documents_dir=sub_lists)
    assert fire("SUB-012", before)["message"].str.contains(r"\(BR\): E Ltda \(BR\)").all()


def test_sub_012_many_subprocessors_are_named_up_to_a_bound(sub_lists):
    rows = "".join(f"| Vendor {i} Ltd | India |\n" for i in range(25))
    (sub_lists / "lists" / "many.md").write_text(
        "| Vendor | Country |\n|---|---|\n" + rows, encoding="utf-8"
    )
    ctx = lists_ctx(processor("P1", subprocessor_list="lists/many.md"), documents_dir=sub_lists)
    message = fire("SUB-012", ctx)["message"].iloc[0]
    assert "has 25 sub-processor(s)" in message and message.endswith("; and 15 more")


def test_sub_013_missing_unreadable_refused_or_empty_lists(sub_lists):
    ctx = lists_ctx(
        processor("missing", subprocessor_list="lists/nowhere.md"),
        processor("outside", subprocessor_list="../outside.md"),
        processor("absolute", subprocessor_list="/etc/passwd"),
        processor("symlink", subprocessor_list="lists/link.md"),
        processor("corrupt", subprocessor_list="lists/corrupt.pdf"),
        processor("prose", subprocessor_list="lists/prose.md"),
        processor("type", subprocessor_list="lists/us.xlsx"),
        processor("ok", subprocessor_list="lists/us.md"),
        processor("none"),
        processor("inactive", subprocessor_list="lists/nowhere.md", active="no"),
        documents_dir=sub_lists,
    )
    result = fire("SUB-013", ctx)
    messages = dict(zip(result["record_key"], result["message"], strict=True))
    assert sorted(messages) == [
        "absolute",
        "corrupt",
        "missing",
        "outside",
        "prose",
        "symlink",
        "type",
    ]
    assert (
        messages["missing"]
        == "subprocessor_list 'lists/nowhere.md' not found in the documents folder"
    )
    refused = "refused, not read: the path leads outside the documents folder"
    assert all(refused in messages[key] for key in ("outside", "absolute", "symlink"))
    assert "cannot be read: corrupt or unreadable PDF" in messages["corrupt"]
    assert messages["prose"].endswith("was read but no sub-processor was found in it")
    assert "unsupported file type '.xlsx'" in messages["type"]
    # a list that could not be read gives SUB-013 alone (only "ok" is judged further)
    for rule_id in ("SUB-011", "SUB-012", "SUB-014"):
        assert set(keys(rule_id, ctx)) <= {"ok"}, rule_id


def test_sub_014_register_sub_processors_the_list_no_longer_names(sub_lists):
    ctx = lists_ctx(
        processor(
            "P1",
            subprocessor_list="lists/us.md",
            subprocessors=ALL_LISTED + "; Heroku, Inc.; heroku; P2; none",
        ),
        processor(
            "P2", name="Zendesk Inc", subprocessor_list="lists/us.md", subprocessors=ALL_LISTED
        ),
        documents_dir=sub_lists,
    )
    result = fire("SUB-014", ctx)
    assert list(zip(result["record_key"], result["detail"], strict=True)) == [
        ("P1", "heroku"),
        ("P1", "zendesk"),
    ]
    assert result["message"].tolist() == [
        "the register's subprocessors names 'Heroku, Inc.', which the published sub-processor "
        "list lists/us.md no longer names: authorisation to withdraw",
        "the register's subprocessors names 'P2 (Zendesk Inc)', which the published "
        "sub-processor list lists/us.md no longer names: authorisation to withdraw",
    ]
    assert keys("SUB-011", ctx) == []  # every listed sub-processor is in both registers' rows


def test_sub_011_to_014_each_list_is_read_once_per_run(sub_lists, monkeypatch):
    from audit_lib.rules import processors as rules

    calls = []
    real = rules.read_list
    monkeypatch.setattr(
        rules, "read_list", lambda base, value: calls.append(value) or real(base, value)
    )
    ctx = lists_ctx(
        processor("P1", subprocessor_list="lists/us.md"),
        processor("P2", subprocessor_list="lists/us.md"),
        processor("P3", subprocessor_list="lists/india.html"),
        documents_dir=sub_lists,
    )
    for rule_id in ("SUB-011", "SUB-012", "SUB-013", "SUB-014"):
        fire(rule_id, ctx)
    assert sorted(calls) == ["lists/india.html", "lists/us.md"]


def test_subprocessor_lists_csv_report_tables_and_kpi(sub_lists, tmp_path):
    spec = AUDITS["processors"]
    ctx = lists_ctx(
        processor(
            "P1", subprocessor_list="lists/us.md", subprocessors="AWS; Amazon Web Services; Old Co"
        ),
        processor("P2", subprocessor_list="lists/nowhere.md"),
        processor("P3"),
        documents_dir=sub_lists,
    )
    findings, *_ = run_rules("processors", ctx)
    written = spec.extra_outputs(ctx, findings, tmp_path)
    assert written["subprocessor_lists.csv"].startswith(
        "sub-processors named in each published list"
    )
    csv = (tmp_path / "subprocessor_lists.csv").read_text(encoding="utf-8")
    assert csv == (
        "processor_id,name_as_listed,normalised_name,locations,purpose,in_register\n"
        "P1,Amazon Web Services Inc (AWS),amazon web services,US,Hosting,yes\n"
        "P1,OVH SAS,ovh,FR,Backups,no\n"
        'P1,"Fastly, Inc.",fastly,worldwide,CDN,no\n'
        "P1,Brevo SAS,brevo,EEA,E-mail,no\n"
    )
    kpi = {k["key"]: k for k in spec.kpis(ctx, findings)}["processors_subprocessor_lists_read"]
    assert (kpi["value"], kpi["status"]) == ("1", "warn")
    assert (
        kpi["note"]
        == "of 2 active processors naming a published list; 3 listed sub-processor(s) not in the register"
    )
    tables = {table.title: table for table in spec.tables(ctx, findings)}
    overview = tables["Sub-processor lists"].frame
    assert overview["status"].tolist() == ["read", "missing: file not found"]
    assert overview["outside the EEA, no adequacy"].tolist() == ["US", ""]
    entries = tables["Sub-processor list of P1 (Processor P1)"]
    assert entries.frame["in the register"].tolist() == [
        "yes",
        "no (SUB-011)",
        "no (SUB-011)",
        "no (SUB-011)",
    ]
    assert "Old Co" in entries.caption and not entries.interactive
    assert set(findings["rule_id"]) >= {"SUB-011", "SUB-012", "SUB-013", "SUB-014"}


def test_subprocessor_list_tables_are_bounded(sub_lists, monkeypatch):
    from audit_lib.audits import processors as audit

    monkeypatch.setattr(audit, "LIST_TABLES", 2)
    rows = [processor(f"P{i}", subprocessor_list="lists/us.md") for i in range(5)]
    ctx = lists_ctx(*rows, documents_dir=sub_lists)
    tables = audit.subprocessor_list_tables(ctx)
    assert len(tables) == 3 and "first 2 of 5 lists" in tables[0].caption
    assert tables[0].max_rows == audit.LIST_OVERVIEW_ROWS
    assert all(table.max_rows == audit.LIST_ROWS for table in tables[1:])


def test_sample_subprocessor_lists_are_byte_stable_and_change_between_quarters():
    from audit_lib.sample import processors as sample

    assert sample.subprocessor_list_documents(False) == sample.subprocessor_list_documents(False)
    now, before = (
        sample.subprocessor_list_documents(False),
        sample.subprocessor_list_documents(True),
    )
    changed = sorted(path for path in now if now[path] != before[path])
    assert changed == [
        "subprocessors/PR-002_subprocessors.rst",
        "subprocessors/PR-031_subprocessors.docx",
    ]


def test_sub_011_to_014_are_total_over_registers_with_lists_that_are_read(sub_lists, tmp_path):
    """Property test: what the processors schema accepts (tests/strategies.py), with
    subprocessor_list pointing at lists that are read, missing or refused and subprocessors
    holding odd text: the rules, tables and exports never raise, finding ids stay unique."""
    spec = AUDITS["processors"]
    params = Params(
        path=tmp_path / "params.yaml",
        organisation="Lists",
        period="T",
        audit_date=pd.Timestamp("2026-09-30"),
        documents_dir=sub_lists,
    )
    values = st.sampled_from(
        ["lists/us.md", "lists/india.html", "lists/prose.md", "lists/link.md", "../x.md", ""]
    )

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(raw=register_rows("processors"), data=st.data())
    def check(raw, data):
        raw = raw.copy()
        raw["active"] = "yes"
        raw["subprocessor_list"] = [data.draw(values) for _ in range(len(raw))]
        raw["subprocessors"] = [
            data.draw(st.one_of(text(), st.sampled_from(["AWS; OVH", "P1", "none", ALL_LISTED])))
            for _ in range(len(raw))
        ]
        ctx = AuditContext(audit="processors", params=params)
        ctx.frames["processors"], ctx.dq["processors"] = check_register(raw, "processors")
        session = AuditSession("processors", params, ctx)
        findings = session.run()
        assert session.failed == {}
        assert findings["finding_id"].is_unique
        spec.tables(ctx, findings)
        spec.extra_outputs(ctx, findings, tmp_path)

    check()
