"""Sample processors register (Art. 28): compliant processors, a few inactive ones."""

from __future__ import annotations

import pandas as pd

from .org import Organisation, iso

# name stem, service, country, mechanism, scc_version
STEMS = [
    ("Nimbus Hosting", "cloud hosting", "FR", "", ""),
    ("Atlas Payroll Services", "payroll processing", "FR", "", ""),
    ("Mailwave", "e-mail campaigns", "IE", "", ""),
    ("Helpline Partners", "customer support outsourcing", "PT", "", ""),
    ("DataVault", "backup and archiving", "DE", "", ""),
    ("Signet Identity", "identity verification", "NL", "", ""),
    ("Cloudline Inc.", "CRM software as a service", "US", "adequacy", ""),
    ("Ledgerly", "accounting software", "BE", "", ""),
    ("TalentBridge", "recruitment platform", "GB", "adequacy", ""),
    ("SecureBadge", "physical access control", "FR", "", ""),
    ("Insight Analytics", "web analytics", "US", "scc", "2021"),
    ("Coastal Print & Mail", "printing and mailing", "ES", "", ""),
    ("Bengaluru Dev Centre", "application maintenance", "IN", "scc", "2021"),
    ("Alpine Data", "data warehouse hosting", "CH", "adequacy", ""),
    ("Medicus Occupational Health", "occupational medicine", "FR", "", ""),
    ("Shredwell", "secure destruction", "FR", "", ""),
    ("PayFlow", "payment processing", "LU", "", ""),
    ("Nordic Translate", "translation", "NO", "", ""),
    ("SurveyHub", "customer surveys", "US", "adequacy", ""),
    ("Courier Express", "parcel delivery", "DE", "", ""),
]
TIERS = {"high": 12, "medium": 24, "low": 36}


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("processors")
    n = org.size["processors"]
    rows = []
    for i in range(n):
        name, service, country, mechanism, scc = STEMS[i % len(STEMS)]
        suffix = "" if i < len(STEMS) else f" {['Europe', 'Services', 'Group', 'Solutions'][i // len(STEMS) % 4]} {i // len(STEMS)}"
        tier = ["high", "medium", "low"][int(rng.integers(0, 3))]
        months_since_audit = int(rng.integers(1, TIERS[tier] - 1))
        rows.append(
            {
                "processor_id": f"PR-{i + 1:03d}",
                "name": name + suffix,
                "service": service,
                "country": country,
                "active": "yes",
                "risk_tier": tier,
                "contract_id": f"CT-{2020 + i % 6}-{i + 1:04d}",
                "dpa_signed": "yes",
                "contract_end": "" if rng.random() < 0.6 else iso([org.audit_date + pd.DateOffset(months=int(rng.integers(3, 48)))])[0],
                **{c: "yes" for c in (
                    "clause_a_instructions", "clause_b_confidentiality", "clause_c_security", "clause_d_subprocessors",
                    "clause_e_data_subject_rights", "clause_f_assistance", "clause_g_deletion_return", "clause_h_audits",
                )},
                "subprocessor_authorisation": "general" if rng.random() < 0.7 else "specific",
                "subprocessors": "" if rng.random() < 0.5 else "; ".join(sorted({STEMS[int(j)][0] for j in rng.integers(0, len(STEMS), 2)})),
                "transfer_mechanism": mechanism,
                "scc_version": scc,
                "certification": "ISO 27001" if rng.random() < 0.6 else "",
                "certification_expiry": "",
                "last_audit_date": iso([org.audit_date - pd.DateOffset(months=months_since_audit)])[0],
                "contract_document": "",
            }
        )
    frame = pd.DataFrame(rows)
    certified = frame["certification"] != ""
    frame.loc[certified, "certification_expiry"] = iso(
        [org.audit_date + pd.DateOffset(months=int(m)) for m in rng.integers(2, 30, certified.sum())]
    ).to_numpy()
    # a few processors that no longer work for the organisation (ROPA-011 points at them)
    inactive = [f"PR-{i:03d}" for i in range(n - 3, n + 1)]
    frame.loc[frame["processor_id"].isin(inactive), "active"] = "no"
    org.shared["processors_active"] = sorted(set(frame["processor_id"]) - set(inactive))
    org.shared["processors_inactive"] = inactive
    frames["processors"] = frame
