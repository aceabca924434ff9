"""SUB: processors and their Art. 28 contracts (the processors register and the DPAs themselves).

Every SUB rule, SUB-009 and SUB-010 included, applies to rows with `active` = true only; an
`active` value that is empty or unreadable counts as not active (it is a data-quality finding).
`record_key` is the `processor_id`: a processor can have several findings of one rule (SUB-001
and SUB-009 give one per clause), told apart by their `detail`, the clause letter, which the
`finding_id` hashes too (sha256(audit|rule_id|record_key|detail), rules.md Conventions); the
message starts with the clause.

Values the schema lets through because a rule judges them (registers.md): an empty `dpa_signed`
is judged by SUB-002 as "no signed DPA on record"; an empty Art. 28(3) clause column by SUB-001 as
"not recorded" (high, like `no`); an empty `subprocessor_authorisation` next to listed
sub-processors by SUB-005 like `none`. An empty `risk_tier` gets the strictest audit interval
(the high tier's) in SUB-007.

Published sub-processor lists (SUB-011..SUB-014, `subprocessor_list`, read by
`audit_lib.documents.subprocessor_lists`): SUB-011, SUB-012 and SUB-014 are judged only for a list
that was read; a list that cannot be used gives SUB-013 alone. The register's `subprocessors`
items are names or processor ids (an id stands for that processor's name); "none" is no name.
SUB-011 and SUB-014 give one finding per sub-processor, whose `detail` is its normalised name.
A location the list gives as `worldwide`, or does not give, is not judged by SUB-012; `EEA`
("the EU") is inside the EEA.
"""

from __future__ import annotations

import pandas as pd

from ..documents.contracts import CLAUSES, LANGUAGES, DocumentAnalysis, analyse_document
from ..documents.subprocessor_lists import (
    EEA_REGION,
    WORLDWIDE,
    ListComparison,
    SubprocessorList,
    compare,
    read_list,
    register_names,
)
from ..periods import months_before
from ..reference import EEA, SCC_REPEALED_ON, adequate_on
from ..schemas.processors import CLAUSE_COLUMNS
from . import audit_prefix, rule

audit_prefix("SUB", "processors")
REGISTER = "processors"
#: clause letter -> register column (`a` -> `clause_a_instructions`)
CLAUSE_COLUMN = {column.split("_")[1]: column for column in CLAUSE_COLUMNS}
REPEALED_SCC_VERSIONS = ("2010", "2004")
TIER_ORDER = ("high", "medium", "low")
#: ctx.cache key of the contract analyses: {processor_id: DocumentAnalysis}
ANALYSES_KEY = "processors.contract_analyses"
#: ctx.cache keys of the published sub-processor lists and of their comparison with the register
LISTS_KEY = "processors.subprocessor_lists"
COMPARISONS_KEY = "processors.subprocessor_comparisons"
#: SUB-012 names at most this many sub-processors in its message (and says how many more)
SUB012_NAMES = 10

_COLUMNS = ["record_key", "message"]


def _none() -> pd.DataFrame:
    return pd.DataFrame(columns=_COLUMNS)


def _column(frame: pd.DataFrame, name: str, dtype: str = "object") -> pd.Series:
    """A column of the register, or an all-missing one when the optional column is absent."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(pd.NaT if dtype == "datetime" else None, index=frame.index, dtype=object)


def active_processors(ctx) -> pd.DataFrame:
    """The rows the SUB rules judge: `active` = true (empty or unreadable counts as not active).

    A row without a `processor_id` is left out (it has a DQ-004 finding and nothing to key on).
    """
    frame = ctx.frames[REGISTER]
    return frame[
        frame["active"].eq(True).fillna(False).astype(bool) & frame["processor_id"].notna()
    ]


def _findings(frame: pd.DataFrame, mask: pd.Series, messages: pd.Series | str) -> pd.DataFrame:
    mask = mask.fillna(False).astype(bool)
    text = messages[mask] if isinstance(messages, pd.Series) else messages
    return pd.DataFrame(
        {"record_key": frame.loc[mask, "processor_id"], "message": text}, columns=_COLUMNS
    ).reset_index(drop=True)


def _iso(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d").astype("str")


def contract_analyses(ctx) -> dict[str, DocumentAnalysis]:
    """The analysis of each active processor's `contract_document`, once per run (ctx.cache).

    Paths are relative to `ctx.params.documents_base` (the parameters file's folder, or
    `documents_dir:`) and must stay inside it. A document named by several processors is read
    once per language. The document is read in the processor's `contract_language` when that is
    one of en/fr/de/es/it, else in the language detected from its text (an unknown value is a
    DQ-002 finding). Keys are processor ids (the first row of a duplicated id); processors
    without a `contract_document` are absent.
    """
    if ANALYSES_KEY not in ctx.cache:
        frame = active_processors(ctx).drop_duplicates("processor_id")
        documents = _column(frame, "contract_document").dropna().astype("str")
        documents = documents[documents.str.strip() != ""]
        languages = _column(frame, "contract_language").loc[documents.index]
        languages = languages.where(languages.isin(LANGUAGES), None)  # unknown: DQ-002, detected
        base = ctx.params.documents_base
        keys = list(zip(documents, languages, strict=True))
        by_key = {
            (value, language): analyse_document(base, value)
            if language is None
            else analyse_document(base, value, language)
            for value, language in sorted(set(keys), key=str)
        }
        ids = frame.loc[documents.index, "processor_id"].astype("str")
        ctx.cache[ANALYSES_KEY] = {pid: by_key[key] for pid, key in zip(ids, keys, strict=True)}
    return ctx.cache[ANALYSES_KEY]


# --------------------------------------------------------------------------- register rules


@rule(
    "SUB-001",
    severity="graded",
    severity_note="high when a clause is no (or not recorded), medium when partial",
    reference="Art. 28(3)",
    title="Art. 28(3) clause missing or partial in the processor's contract",
    remediation="Amend the contract (or sign the Commission's Art. 28(7) clauses, Decision 2021/915) so "
    "that it stipulates the clause in full, then record 'yes' in the register.",
    needs=(REGISTER,),
)
def sub_001_clauses(ctx) -> pd.DataFrame:
    """One finding per active processor and Art. 28(3) clause recorded `no`/empty (high) or
    `partial` (medium); the message starts with the clause, e.g. `Art. 28(3)(d): ...`."""
    frame = active_processors(ctx)
    parts = []
    for letter, column in CLAUSE_COLUMN.items():
        clause = CLAUSES[letter]
        value = frame[column]
        missing = value.eq("no").fillna(False).astype(bool)
        empty = value.isna()
        partial = value.eq("partial").fillna(False).astype(bool)
        for mask, severity, text in (
            (missing, "high", f"the contract does not stipulate {clause.title} ({column} = no)"),
            (empty, "high", f"{column} is empty in the register (treated as no)"),
            (
                partial,
                "medium",
                f"the contract only partly stipulates {clause.title} ({column} = partial)",
            ),
        ):
            if mask.any():
                part = _findings(frame, mask, f"{clause.article}: {text}")
                parts.append(part.assign(severity=severity, detail=letter))
    if not parts:
        return pd.DataFrame(columns=[*_COLUMNS, "severity", "detail"])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["record_key", "detail"], kind="mergesort").reset_index(drop=True)


@rule(
    "SUB-002",
    severity="critical",
    reference="Art. 28(3), Art. 28(9)",
    title="No signed data-processing agreement",
    remediation="Sign a written data-processing agreement with the processor (Art. 28(3) and (9)) or stop "
    "the processing it carries out for the organisation.",
    needs=(REGISTER,),
)
def sub_002_dpa_not_signed(ctx) -> pd.DataFrame:
    """Active processor with `dpa_signed` false, or empty (no signed DPA on record)."""
    frame = active_processors(ctx)
    signed = frame["dpa_signed"]
    message = pd.Series("dpa_signed is no: no signed data-processing agreement", index=frame.index)
    message[signed.isna()] = "dpa_signed is empty: no signed data-processing agreement on record"
    return _findings(frame, ~signed.fillna(False).astype(bool), message)


@rule(
    "SUB-003",
    severity="high",
    reference="Art. 28(3), Art. 28(9)",
    title="Contract ended but the processor is still active",
    remediation="Renew or extend the contract and its DPA, or end the processing and have the data "
    "deleted or returned (Art. 28(3)(g)).",
    needs=(REGISTER,),
)
def sub_003_contract_ended(ctx) -> pd.DataFrame:
    """`contract_end` before `audit_date` (a contract ending on the audit date is still running)."""
    frame = active_processors(ctx)
    end = _column(frame, "contract_end", "datetime")
    if not pd.api.types.is_datetime64_any_dtype(end):
        return _none()
    mask = end < ctx.audit_date
    return _findings(frame, mask, "contract_end " + _iso(end) + " is before the audit date")


@rule(
    "SUB-004",
    severity="high",
    reference="Art. 44-46",
    title="Processing outside the EEA without a valid transfer mechanism",
    remediation="Put a valid Chapter V mechanism in place: the 2021 SCCs (Decision 2021/914) or BCR where "
    "the country has no adequacy decision in force; replace repealed 2010/2004 SCCs; record it in the "
    "register.",
    needs=(REGISTER,),
)
def sub_004_transfer_mechanism(ctx) -> pd.DataFrame:
    """`country` outside the EEA (EU-27 + IS, LI, NO; `EL` is Greece) and: `transfer_mechanism`
    empty or `none`; or `adequacy` for a country without a decision in force on `audit_date`
    (`US` counts, Data Privacy Framework); or `scc` with `scc_version` 2010/2004 on or after
    2022-12-27. An empty `country` is not judged."""
    frame = active_processors(ctx)
    country = frame["country"]
    outside = country.notna() & ~country.isin(EEA)
    mechanism = _column(frame, "transfer_mechanism")
    version = _column(frame, "scc_version")
    shown = country.astype("str")
    adequate = adequate_on(ctx.audit_date)
    day = ctx.audit_date.date().isoformat()

    no_mechanism = outside & (mechanism.isna() | mechanism.eq("none").fillna(False))
    bad_adequacy = outside & mechanism.eq("adequacy").fillna(False) & ~country.isin(adequate)
    repealed = (
        outside
        & mechanism.eq("scc").fillna(False)
        & version.isin(REPEALED_SCC_VERSIONS).fillna(False)
        & (ctx.audit_date >= SCC_REPEALED_ON)
    )
    message = pd.Series("", index=frame.index, dtype="str")
    message[no_mechanism] = (
        "processing in "
        + shown
        + " (outside the EEA) with transfer_mechanism "
        + mechanism.fillna("empty").astype("str")
    )[no_mechanism]
    message[bad_adequacy] = (
        "adequacy claimed for " + shown + f", which has no adequacy decision in force on {day}"
    )[bad_adequacy]
    message[repealed] = (
        "processing in "
        + shown
        + " on the "
        + version.astype("str")
        + " SCCs, repealed and no longer valid since "
        + SCC_REPEALED_ON.date().isoformat()
        + " (use the 2021 SCCs)"
    )[repealed]
    return _findings(frame, no_mechanism | bad_adequacy | repealed, message)


@rule(
    "SUB-005",
    severity="high",
    reference="Art. 28(2), Art. 28(4)",
    title="Sub-processors without the controller's authorisation",
    remediation="Give (or refuse) the processor a prior specific or general written authorisation for its "
    "sub-processors, and check that the same obligations flow down to them (Art. 28(4)).",
    needs=(REGISTER,),
)
def sub_005_subprocessors_unauthorised(ctx) -> pd.DataFrame:
    """`subprocessors` not empty and `subprocessor_authorisation` `none` (or empty)."""
    frame = active_processors(ctx)
    listed = _column(frame, "subprocessors").map(lambda v: isinstance(v, tuple) and len(v) > 0)
    authorisation = frame["subprocessor_authorisation"]
    unauthorised = authorisation.isna() | authorisation.eq("none").fillna(False)
    count = _column(frame, "subprocessors").map(lambda v: len(v) if isinstance(v, tuple) else 0)
    message = (
        count.astype("str")
        + " sub-processor(s) listed but subprocessor_authorisation is "
        + authorisation.fillna("empty").astype("str")
    )
    return _findings(frame, listed.astype(bool) & unauthorised, message)


@rule(
    "SUB-006",
    severity="medium",
    reference="Art. 28(1), Art. 28(5)",
    title="Processor's certification expired",
    remediation="Obtain the renewed certificate (or another guarantee under Art. 28(1)) and update "
    "certification_expiry; reassess the processor if it was not renewed.",
    needs=(REGISTER,),
)
def sub_006_certification_expired(ctx) -> pd.DataFrame:
    """`certification_expiry` before `audit_date` (expiring on the audit date is still valid)."""
    frame = active_processors(ctx)
    expiry = _column(frame, "certification_expiry", "datetime")
    if not pd.api.types.is_datetime64_any_dtype(expiry):
        return _none()
    certification = _column(frame, "certification").fillna("certification").astype("str")
    mask = expiry < ctx.audit_date
    return _findings(frame, mask, certification + " expired on " + _iso(expiry))


@rule(
    "SUB-007",
    severity="medium",
    reference="Art. 28(1), Art. 28(3)(h)",
    title="Processor not audited within its risk tier's interval",
    remediation="Audit or assess the processor (questionnaire, certification review, on-site audit under "
    "Art. 28(3)(h)) and record last_audit_date.",
    needs=(REGISTER,),
    thresholds={"high": 12, "medium": 24, "low": 36},
)
def sub_007_audit_overdue(ctx) -> pd.DataFrame:
    """`last_audit_date` empty, or before `audit_date` - N months (calendar months) with N the
    tier's threshold: high 12, medium 24, low 36; an empty tier uses the high tier's."""
    frame = active_processors(ctx)
    months = {tier: int(ctx.threshold("SUB-007", tier)) for tier in TIER_ORDER}
    tier = frame["risk_tier"].where(frame["risk_tier"].isin(TIER_ORDER), None)
    interval = tier.map(months).fillna(months["high"]).astype(int)
    cutoffs = {n: months_before(ctx.audit_date, n) for n in set(interval)}
    cutoff = interval.map(cutoffs)
    last = _column(frame, "last_audit_date", "datetime")
    if not pd.api.types.is_datetime64_any_dtype(last):
        last = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    overdue = last.isna() | (last < pd.to_datetime(cutoff))
    tier_shown = tier.fillna("empty (high interval)").astype("str")
    message = "last_audit_date is empty (risk tier " + tier_shown + ")"
    older = last.notna()
    message[older] = (
        "last_audit_date "
        + _iso(last)
        + " is older than "
        + interval.astype("str")
        + " months (risk tier "
        + tier_shown
        + ")"
    )[older]
    return _findings(frame, overdue, message)


@rule(
    "SUB-008",
    severity="low",
    reference="Art. 30(1)(d), Art. 28",
    title="Active processor not used by any processing activity",
    remediation="Link the processor to the processing activities it serves in the processing register, or "
    "mark it inactive (and have the data deleted or returned) if it no longer works for the organisation.",
    needs=(REGISTER, "processing_register"),
)
def sub_008_unreferenced(ctx) -> pd.DataFrame:
    """Active processor whose id is in no activity's `processor_ids` of `processing_register`."""
    frame = active_processors(ctx)
    register = ctx.frames["processing_register"]
    if "processor_ids" in register.columns:
        used = set(register["processor_ids"].explode().dropna().astype("str"))
    else:
        used = set()
    mask = ~frame["processor_id"].astype("str").isin(used)
    return _findings(frame, mask, "referenced by no processing activity's processor_ids")


# --------------------------------------------------------------------------- contract documents


@rule(
    "SUB-009",
    severity="medium",
    reference="Art. 28(3)",
    title="Clause recorded as 'yes' but not found in the contract document",
    remediation="Read the contract: if the clause is there, note where (the analysis looks for the wording "
    "of Art. 28(3) and of the 2021/915 clauses); if not, amend the contract and correct the register.",
    needs=(REGISTER,),
)
def sub_009_clause_not_in_document(ctx) -> pd.DataFrame:
    """Active processor whose `contract_document` was analysed, with a clause the register says
    `yes` for and that the document does not fully show: one finding per clause, starting with
    the clause. No evidence at all: the message says what was looked for. Only part of the
    clause (status `partial`: deletion without return, audits restricted to questionnaires or
    reports): the message says so and quotes the sentence found -- the register's `yes` is then
    not supported by the document either. A register that already says `partial` or `no` is
    SUB-001's. Documents that cannot be read are SUB-010's."""
    analyses = contract_analyses(ctx)
    if not analyses:
        return _none()
    frame = active_processors(ctx).drop_duplicates("processor_id").set_index("processor_id")
    rows = []
    for pid, analysis in sorted(analyses.items()):
        if analysis.status != "analysed":
            continue
        for letter, column in CLAUSE_COLUMN.items():
            item = analysis.evidence[letter]
            if frame.at[pid, column] != "yes" or item.status == "present":
                continue
            clause = CLAUSES[letter]
            if item.status == "partial":
                restriction = f" restricted by '{item.limit}'" if item.limit else ""
                message = (
                    f"{clause.article}: the register says yes but {analysis.path_value} shows "
                    f"only part of {clause.title}: '{item.sentence}'{restriction}"
                )
            else:
                message = (
                    f"{clause.article}: the register says yes but {analysis.path_value} shows no "
                    f"evidence of {clause.title}; looked for {clause.looked_for}"
                )
            rows.append((pid, message, letter))
    return pd.DataFrame(rows, columns=[*_COLUMNS, "detail"])


@rule(
    "SUB-010",
    severity="low",
    reference="Art. 28(9), Art. 5(2)",
    title="Contract document missing or unreadable",
    remediation="Put the signed DPA (text, Markdown, PDF with text, or DOCX) inside the documents folder and "
    "correct contract_document (a path relative to the parameters file that stays inside its folder).",
    needs=(REGISTER,),
)
def sub_010_document_unusable(ctx) -> pd.DataFrame:
    """Active processor whose `contract_document` is missing, unreadable (corrupt, encrypted, no
    text, unsupported type) or refused (a path leading outside the documents folder is never
    opened)."""
    rows = []
    for pid, analysis in sorted(contract_analyses(ctx).items()):
        if analysis.status == "analysed":
            continue
        if analysis.status == "missing":
            problem = "not found in the documents folder"
        elif analysis.status == "refused":
            problem = "refused, not read: the path leads outside the documents folder"
        else:
            problem = f"cannot be read: {analysis.reason}"
        rows.append((pid, f"contract_document '{analysis.path_value}' {problem}"))
    return pd.DataFrame(rows, columns=_COLUMNS)


# --------------------------------------------------------------------------- sub-processor lists


def subprocessor_lists(ctx) -> dict[str, SubprocessorList]:
    """Each active processor's `subprocessor_list`, read once per run (ctx.cache).

    Paths are relative to `ctx.params.documents_base` and must stay inside it (as
    `contract_document`). A document named by several processors is read once. Keys are
    processor ids (the first row of a duplicated id); processors without a list are absent.
    """
    if LISTS_KEY not in ctx.cache:
        frame = active_processors(ctx).drop_duplicates("processor_id")
        values = _column(frame, "subprocessor_list").dropna().astype("str")
        values = values[values.str.strip() != ""]
        base = ctx.params.documents_base
        read = {value: read_list(base, value) for value in sorted(set(values))}
        ids = frame.loc[values.index, "processor_id"].astype("str")
        ctx.cache[LISTS_KEY] = {pid: read[value] for pid, value in zip(ids, values, strict=True)}
    return ctx.cache[LISTS_KEY]


def subprocessor_comparisons(ctx) -> dict[str, ListComparison]:
    """For each processor whose list was read: which entries the register's `subprocessors`
    names (`in_register`) and which register names the list no longer names (`not_listed`)."""
    if COMPARISONS_KEY not in ctx.cache:
        lists = subprocessor_lists(ctx)
        frame = active_processors(ctx).drop_duplicates("processor_id").set_index("processor_id")
        register = ctx.frames[REGISTER]
        known = register[register["processor_id"].notna()].drop_duplicates("processor_id")
        names = dict(zip(known["processor_id"].astype("str"), known["name"], strict=True))
        names = {pid: name for pid, name in names.items() if isinstance(name, str)}
        listed = _column(frame, "subprocessors")
        ctx.cache[COMPARISONS_KEY] = {
            pid: compare(
                read.entries,
                register_names(
                    listed.get(pid) if isinstance(listed.get(pid), tuple) else (), names
                ),
            )
            for pid, read in sorted(lists.items())
            if read.status == "read"
        }
    return ctx.cache[COMPARISONS_KEY]


def _shown_locations(locations: tuple[str, ...]) -> str:
    return ", ".join(locations) if locations else "no location given"


@rule(
    "SUB-011",
    severity="medium",
    reference="Art. 28(2), Art. 28(4)",
    title="Sub-processor in the published list but not authorised in the register",
    remediation="Check whether the organisation authorised this sub-processor (specific authorisation, or "
    "a notice under a general one that was not objected to) and record it in the processor's "
    "subprocessors; otherwise object to it with the processor (Art. 28(2)).",
    needs=(REGISTER,),
)
def sub_011_unauthorised_in_list(ctx) -> pd.DataFrame:
    """One finding per entry of a processor's published list (read) that no name of its
    `subprocessors` column matches (normalised names and aliases compared, rules.md); `detail`
    is the entry's normalised name. An entry matching two register names is one match."""
    lists = subprocessor_lists(ctx)
    rows = []
    for pid, comparison in subprocessor_comparisons(ctx).items():
        read = lists[pid]
        for entry, known in zip(read.entries, comparison.in_register, strict=True):
            if known:
                continue
            message = (
                f"the published sub-processor list {read.path_value} names '{entry.name}' "
                f"({_shown_locations(entry.locations)}), which the register's subprocessors "
                "does not: engaged without a recorded authorisation"
            )
            rows.append((pid, message, entry.normalised))
    return pd.DataFrame(rows, columns=[*_COLUMNS, "detail"])


@rule(
    "SUB-012",
    severity="high",
    reference="Art. 44-46, Art. 28(4)",
    title="Sub-processors outside the EEA without adequacy, and no transfer mechanism recorded",
    remediation="Put a Chapter V mechanism in place for the onward transfers (the 2021 SCCs, module 3 "
    "processor-to-processor, or BCR) and record it in transfer_mechanism, or have the processor use "
    "sub-processors inside the EEA or in an adequate country.",
    needs=(REGISTER,),
)
def sub_012_subprocessor_transfers(ctx) -> pd.DataFrame:
    """One finding per processor whose published list (read) has a sub-processor processing data
    in a country outside the EEA with no adequacy decision in force on `audit_date` -- the US
    counts as adequate only when `transfer_mechanism` is `adequacy`, so never here -- while the
    processor's `transfer_mechanism` is empty or `none`. The message names those sub-processors
    and countries (the first SUB012_NAMES, then how many more). `EEA` ("the EU") is inside;
    `worldwide` and lists without locations are not judged."""
    lists = subprocessor_lists(ctx)
    if not lists:
        return _none()
    frame = active_processors(ctx).drop_duplicates("processor_id").set_index("processor_id")
    mechanism = _column(frame, "transfer_mechanism")
    adequate = adequate_on(ctx.audit_date) - {"US"}
    inside = set(EEA) | {EEA_REGION, WORLDWIDE}
    rows = []
    for pid, read in sorted(lists.items()):
        if read.status != "read":
            continue
        value = mechanism.get(pid)
        if not (value is None or pd.isna(value) or value == "none"):
            continue
        outside = [
            (entry.name, [c for c in entry.locations if c not in inside and c not in adequate])
            for entry in read.entries
        ]
        outside = [(name, codes) for name, codes in outside if codes]
        if not outside:
            continue
        shown = "; ".join(f"{name} ({', '.join(codes)})" for name, codes in outside[:SUB012_NAMES])
        more = len(outside) - SUB012_NAMES
        countries = sorted({code for _, codes in outside for code in codes})
        message = (
            f"transfer_mechanism is {'empty' if value is None or pd.isna(value) else value} but "
            f"the published sub-processor list {read.path_value} has {len(outside)} "
            f"sub-processor(s) processing data outside the EEA without an adequacy decision "
            f"({', '.join(countries)}): {shown}" + (f"; and {more} more" if more > 0 else "")
        )
        rows.append((pid, message))
    return pd.DataFrame(rows, columns=_COLUMNS)


@rule(
    "SUB-013",
    severity="low",
    reference="Art. 28(2), Art. 28(4)",
    title="Published sub-processor list missing, unreadable or empty",
    remediation="Save the processor's current sub-processor list (Markdown, HTML, reStructuredText, text, PDF "
    "with text, or DOCX) inside the documents folder and correct subprocessor_list (a path relative to "
    "documents_dir that stays inside it).",
    needs=(REGISTER,),
)
def sub_013_list_unusable(ctx) -> pd.DataFrame:
    """Active processor whose `subprocessor_list` is missing, unreadable (corrupt, encrypted, no
    text, unsupported type, unparseable), refused (a path leading outside the documents folder,
    or a symbolic link out of it, is never opened) or has no sub-processor in it. The message
    gives the reason. SUB-011, SUB-012 and SUB-014 are not judged for such a list."""
    rows = []
    for pid, read in sorted(subprocessor_lists(ctx).items()):
        if read.status == "read":
            continue
        if read.status == "missing":
            problem = "not found in the documents folder"
        elif read.status == "refused":
            problem = "refused, not read: the path leads outside the documents folder"
        elif read.status == "empty":
            problem = "was read but no sub-processor was found in it"
        else:
            problem = f"cannot be read: {read.reason}"
        rows.append((pid, f"subprocessor_list '{read.path_value}' {problem}"))
    return pd.DataFrame(rows, columns=_COLUMNS)


@rule(
    "SUB-014",
    severity="info",
    reference="Art. 28(2)",
    title="Authorised sub-processor no longer in the published list",
    remediation="Confirm with the processor that it no longer uses this sub-processor, then remove it from "
    "the register's subprocessors (the authorisation can be withdrawn).",
    needs=(REGISTER,),
)
def sub_014_no_longer_listed(ctx) -> pd.DataFrame:
    """One finding per name of a processor's `subprocessors` column that its published list
    (read) no longer names; `detail` is the name's normalised form (a processor id stands for
    that processor's name). Names with the same normalised form are one finding."""
    lists = subprocessor_lists(ctx)
    rows = []
    for pid, comparison in subprocessor_comparisons(ctx).items():
        for name in comparison.not_listed:
            shown = name.value if name.name == name.value else f"{name.value} ({name.name})"
            message = (
                f"the register's subprocessors names '{shown}', which the published sub-processor "
                f"list {lists[pid].path_value} no longer names: authorisation to withdraw"
            )
            rows.append((pid, message, name.normalised))
    return pd.DataFrame(rows, columns=[*_COLUMNS, "detail"])
