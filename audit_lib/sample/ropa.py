"""Sample processing register (Art. 30) with planted violations of every ROPA rule."""

from __future__ import annotations

import pandas as pd

from .org import Organisation, iso

CONTROLLER = "Example Group SA, 12 rue de la Paix, 75002 Paris, privacy@example-group.test"
SECURITY = "Role-based access, encryption at rest and in transit, logging, backups, annual penetration test"

# name, purposes, legal basis, subjects, data, special, art9, recipients, transfers, safeguard, retention, criteria, systems, owner
TEMPLATES = [
    (
        "Customer account management",
        "Manage customer accounts and orders",
        "contract",
        "customers",
        "identity; contact; order history",
        "",
        "",
        "customer service; carriers",
        "",
        "",
        "RET-CUS",
        "",
        "CRM; Webshop",
        "Sales",
    ),
    (
        "Online shop orders",
        "Take and deliver online orders",
        "contract",
        "customers",
        "identity; contact; delivery address; payment",
        "",
        "",
        "carriers; payment provider",
        "",
        "",
        "RET-INV",
        "",
        "Webshop; ERP",
        "E-commerce",
    ),
    (
        "Web contact form",
        "Answer questions sent through the web forms",
        "legitimate_interests",
        "prospects; customers",
        "identity; contact; message",
        "",
        "",
        "customer service",
        "",
        "",
        "RET-WEB",
        "",
        "Webshop; CRM",
        "Marketing",
    ),
    (
        "Newsletter",
        "Send the newsletter to subscribers",
        "consent",
        "subscribers",
        "contact; preferences",
        "",
        "",
        "e-mailing provider",
        "US",
        "adequacy",
        "RET-NEW",
        "",
        "Marketing Cloud",
        "Marketing",
    ),
    (
        "Prospecting",
        "B2B prospecting of professional contacts",
        "legitimate_interests",
        "prospects",
        "identity; professional contact",
        "",
        "",
        "sales team",
        "",
        "",
        "RET-PRO",
        "",
        "CRM",
        "Sales",
    ),
    (
        "Customer support",
        "Handle support tickets",
        "contract",
        "customers",
        "identity; contact; ticket content",
        "",
        "",
        "support provider",
        "",
        "",
        "RET-SUP",
        "",
        "Support Desk",
        "Customer Service",
    ),
    (
        "Invoicing",
        "Issue invoices and keep accounting records",
        "legal_obligation",
        "customers; suppliers",
        "identity; billing address; invoice lines",
        "",
        "",
        "auditors; tax authority",
        "",
        "",
        "RET-INV",
        "",
        "ERP; Finance Ledger",
        "Finance",
    ),
    (
        "Payroll",
        "Pay salaries and declare social contributions",
        "legal_obligation",
        "employees",
        "identity; bank details; salary; social security number",
        "",
        "",
        "social security bodies; payroll provider",
        "",
        "",
        "RET-PAY",
        "",
        "Payroll",
        "Human Resources",
    ),
    (
        "Personnel files",
        "Manage employment contracts and careers",
        "contract",
        "employees",
        "identity; contract; career",
        "",
        "",
        "management",
        "",
        "",
        "RET-EMP",
        "",
        "HRIS",
        "Human Resources",
    ),
    (
        "Sick leave management",
        "Manage sick leave and occupational health",
        "legal_obligation",
        "employees",
        "identity; absence periods",
        "health",
        "9_2_b",
        "occupational physician",
        "",
        "",
        "RET-EMP",
        "sensitive_data",
        "HRIS",
        "Human Resources",
    ),
    (
        "Occupational medicine",
        "Medical follow-up of employees",
        "legal_obligation",
        "employees",
        "identity; medical fitness",
        "health",
        "9_2_h",
        "occupational physician",
        "",
        "",
        "RET-EMP",
        "sensitive_data",
        "HRIS",
        "Human Resources",
    ),
    (
        "Recruitment",
        "Select candidates",
        "legitimate_interests",
        "candidates",
        "identity; CV; interview notes",
        "",
        "",
        "hiring managers; recruitment platform",
        "GB",
        "adequacy",
        "RET-CAN",
        "",
        "Recruitment Portal",
        "Human Resources",
    ),
    (
        "Badge access control",
        "Control access to the premises",
        "legitimate_interests",
        "employees; visitors",
        "identity; badge events",
        "",
        "",
        "security team",
        "",
        "",
        "RET-BDG",
        "systematic_monitoring",
        "Badge Access",
        "Facilities",
    ),
    (
        "IT access logging",
        "Log access to information systems",
        "legitimate_interests",
        "employees; contractors",
        "user id; connection logs",
        "",
        "",
        "IT security",
        "",
        "",
        "RET-LOG",
        "",
        "Data Warehouse",
        "IT",
    ),
    (
        "Customer analytics",
        "Segment customers and measure campaigns",
        "legitimate_interests",
        "customers",
        "purchase history; web behaviour",
        "",
        "",
        "marketing team; analytics provider",
        "US",
        "scc",
        "RET-CUS",
        "evaluation_scoring; large_scale; matching_combining",
        "Data Warehouse; CRM",
        "Marketing",
    ),
    (
        "Fraud detection",
        "Detect payment fraud",
        "legitimate_interests",
        "customers",
        "transactions; device data",
        "",
        "",
        "payment provider",
        "",
        "",
        "RET-INV",
        "automated_decision; evaluation_scoring",
        "Webshop",
        "Finance",
    ),
    (
        "Application maintenance",
        "Maintain business applications",
        "contract",
        "customers; employees",
        "identity; contact",
        "",
        "",
        "IT service provider",
        "IN",
        "scc",
        "RET-CUS",
        "",
        "ERP; CRM",
        "IT",
    ),
    (
        "Whistleblowing",
        "Receive and handle alerts",
        "legal_obligation",
        "employees; third parties",
        "identity; facts reported",
        "criminal",
        "art10",
        "compliance officer",
        "",
        "",
        "RET-EMP",
        "sensitive_data",
        "HRIS",
        "Legal",
    ),
    (
        "Trade union relations",
        "Organise staff representative elections",
        "legal_obligation",
        "employees",
        "identity; union membership",
        "trade_union",
        "9_2_b",
        "staff representatives",
        "",
        "",
        "RET-EMP",
        "",
        "HRIS",
        "Human Resources",
    ),
    (
        "Customer satisfaction surveys",
        "Measure customer satisfaction",
        "consent",
        "customers",
        "contact; answers",
        "",
        "",
        "survey provider",
        "US",
        "adequacy",
        "RET-CUS",
        "",
        "Marketing Cloud",
        "Customer Service",
    ),
    (
        "Data warehouse reporting",
        "Management reporting",
        "legitimate_interests",
        "customers; employees",
        "pseudonymised activity data",
        "",
        "",
        "management",
        "CH",
        "adequacy",
        "RET-LOG",
        "large_scale",
        "Data Warehouse",
        "IT",
    ),
    (
        "Payment processing",
        "Collect card payments",
        "contract",
        "customers",
        "payment data",
        "",
        "",
        "payment provider",
        "",
        "",
        "RET-INV",
        "",
        "Webshop",
        "Finance",
    ),
    (
        "Translation of documents",
        "Translate contracts and notices",
        "contract",
        "customers",
        "contract content",
        "",
        "",
        "translation agency",
        "NO; el",
        "",
        "RET-CUS",
        "",
        "ERP",
        "Legal",
    ),
    (
        "Brazil sales office",
        "Support customers of the Brazilian subsidiary",
        "contract",
        "customers",
        "identity; contact; orders",
        "",
        "",
        "Brazilian subsidiary",
        "BR",
        "adequacy",
        "RET-CUS",
        "",
        "CRM",
        "Sales",
    ),
]


#: builders run in this order (smaller first): a register may use what an earlier one made
BUILD_ORDER = 20


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("ropa")
    n = org.size["activities"]
    active = org.shared["processors_active"]
    rows = []
    for i in range(n):
        t = TEMPLATES[i % len(TEMPLATES)]
        round_ = i // len(TEMPLATES)
        (
            name,
            purposes,
            basis,
            subjects,
            data,
            special,
            art9,
            recipients,
            transfers,
            safeguard,
            retention,
            criteria,
            systems,
            owner,
        ) = t
        needs_dpia = len([c for c in criteria.split("; ") if c]) >= 2 or (
            special and "large_scale" in criteria
        )
        rows.append(
            {
                "activity_id": f"PA-{i + 1:03d}",
                "name": name
                if round_ == 0
                else f"{name} ({['Benelux', 'Iberia', 'DACH', 'Italy', 'Nordics'][round_ % 5]}{'' if round_ < 5 else ' ' + str(round_)})",
                "controller": CONTROLLER,
                "dpo_contact": "dpo@example-group.test",
                "purposes": purposes,
                "legal_basis": basis,
                "lia_reference": f"LIA-{2024 + i % 3}-{i + 1:03d}"
                if basis == "legitimate_interests"
                else "",
                "data_subject_categories": subjects,
                "data_categories": data,
                "special_categories": special,
                "art9_condition": art9,
                "recipients": recipients,
                "processor_ids": "",
                "transfer_countries": transfers,
                "transfer_safeguard": safeguard,
                "retention_rule_id": retention,
                "security_measures": SECURITY,
                "dpia_criteria": criteria,
                "dpia_date": iso([org.audit_date - pd.DateOffset(months=int(rng.integers(3, 30)))])[
                    0
                ]
                if needs_dpia
                else "",
                "systems": systems,
                "owner": owner,
                "last_reviewed": iso(
                    [org.audit_date - pd.Timedelta(days=int(rng.integers(10, 350)))]
                )[0],
                "retention_text": "",
                "dpia_required": "",
                "dpia_status": "",
                "dpia_reference": "",
            }
        )
    frame = pd.DataFrame(rows)
    # every active processor serves at least one activity (SUB-008 stays quiet on clean data)
    for j, processor in enumerate(active):
        i = j % n
        current = frame.at[i, "processor_ids"]
        frame.at[i, "processor_ids"] = f"{current}; {processor}" if current else processor
    for i in range(len(active), n):
        frame.at[i, "processor_ids"] = active[int(rng.integers(0, len(active)))]

    # In the previous quarter some of today's violations did not exist yet (they show as "new")
    # and two others had not been fixed yet (they show as "resolved" today).
    not_yet = {0, 6, 13} if org.previous else set()

    def plant(position: int, rule_id: str, note: str, **changes: str) -> None:
        if position in not_yet:
            return
        # planted from the end so they never collide with the processors' links above
        index = n - 1 - position
        for column, value in changes.items():
            frame.at[index, column] = value
        expected.append(
            {
                "audit": "ropa",
                "rule_id": rule_id,
                "record_key": frame.at[index, "activity_id"],
                "note": note,
            }
        )

    audit = org.audit_date
    plant(0, "ROPA-001", "controller and recipients empty", controller="", recipients="")
    plant(1, "ROPA-001", "security measures empty", security_measures="  ")
    plant(2, "ROPA-002", "legal basis empty", legal_basis="", lia_reference="")
    plant(
        3,
        "ROPA-002",
        "legal basis not an Art. 6(1) basis",
        legal_basis="Business need",
        lia_reference="",
    )
    plant(
        4,
        "ROPA-003",
        "health data, no Art. 9(2) condition",
        special_categories="health",
        art9_condition="",
        dpia_criteria="",
        dpia_date="",
    )
    plant(
        5,
        "ROPA-003",
        "criminal data with a 9(2) letter instead of art10",
        special_categories="criminal",
        art9_condition="9_2_b",
        dpia_criteria="",
        dpia_date="",
    )
    plant(
        6,
        "ROPA-004",
        "legitimate interests without LIA",
        legal_basis="legitimate_interests",
        lia_reference="",
    )
    plant(
        7,
        "ROPA-004",
        "legitimate interests (odd case) without LIA",
        legal_basis="Legitimate Interests",
        lia_reference="",
    )
    plant(
        8,
        "ROPA-005",
        "two WP248 criteria, no DPIA",
        dpia_criteria="evaluation_scoring; vulnerable_subjects",
        dpia_date="",
        special_categories="",
        art9_condition="",
    )
    plant(
        9,
        "ROPA-005",
        "health data at large scale, no DPIA",
        special_categories="Health",
        art9_condition="9_2_h",
        dpia_criteria="large_scale",
        dpia_date="",
    )
    plant(
        10,
        "ROPA-006",
        "transfer to India with safeguard none",
        transfer_countries="IN",
        transfer_safeguard="none",
    )
    plant(
        11,
        "ROPA-006",
        "transfer to the US with no safeguard",
        transfer_countries="us; DE",
        transfer_safeguard="",
    )
    plant(
        12,
        "ROPA-006",
        "adequacy claimed for India",
        transfer_countries="IN",
        transfer_safeguard="Adequacy",
    )
    plant(
        13,
        "ROPA-007",
        "reviewed 12 months and one day before the audit date",
        last_reviewed=iso([audit - pd.DateOffset(months=12) - pd.Timedelta(days=1)])[0],
    )
    plant(
        14,
        "ROPA-007",
        "reviewed two years ago",
        last_reviewed=iso([audit - pd.DateOffset(years=2)])[0],
    )
    plant(
        15,
        "ROPA-008",
        "DPIA four years old",
        dpia_criteria="systematic_monitoring; large_scale",
        dpia_date=iso([audit - pd.DateOffset(years=4)])[0],
        special_categories="",
        art9_condition="",
    )
    plant(16, "ROPA-009", "retention rule not in the schedule", retention_rule_id="RET-OLD")
    plant(
        17,
        "ROPA-010",
        "unknown processor",
        processor_ids=frame.at[n - 18, "processor_ids"] + "; PR-999",
    )
    plant(18, "ROPA-011", "inactive processor", processor_ids=org.shared["processors_inactive"][0])
    if org.previous:
        plant(
            22,
            "ROPA-002",
            "legal basis empty (fixed by the next quarter)",
            legal_basis="",
            lia_reference="",
        )
        plant(
            23,
            "ROPA-009",
            "retention rule not in the schedule (fixed by the next quarter)",
            retention_rule_id="RET-2019",
        )
    # registers kept by hand (real_registers.md): free text, a period written out, a DPIA the
    # register itself says is required
    plant(
        24,
        "ROPA-012",
        "retention written out with no duration",
        retention_rule_id="",
        retention_text="As long as necessary",
    )
    plant(
        25,
        "ROPA-005",
        "the register says a DPIA is required, none is recorded",
        dpia_required="yes",
        dpia_status="planned",
        dpia_criteria="",
        dpia_date="",
        special_categories="",
        art9_condition="",
    )
    plant(
        26,
        "ROPA-006",
        "transfer to the US under the invalidated Privacy Shield",
        transfer_countries="United States",
        transfer_safeguard="Privacy Shield",
    )
    clean = {  # free text understood, no finding expected
        n - 28: {"legal_basis": "Performance of a contract", "lia_reference": ""},
        n - 29: {
            "retention_rule_id": "",
            "retention_text": "6 years after the end of the contract",
        },
        n - 30: {"dpia_required": "Yes", "dpia_status": "Complete"},
        n - 31: {
            "transfer_countries": "Royaume-Uni",
            "transfer_safeguard": "Décision d'adéquation",
        },
    }
    for index, changes in clean.items():
        for column, value in changes.items():
            frame.at[index, column] = value
    # compliant boundary cases (no finding expected): review exactly 12 months old; Greece as EL
    frame.at[n - 20, "last_reviewed"] = iso([audit - pd.DateOffset(months=12)])[0]
    frame.at[n - 21, "transfer_countries"] = "el"
    frame.at[n - 21, "transfer_safeguard"] = ""
    frame.at[n - 22, "legal_basis"] = "CONSENT"
    frame.at[n - 22, "lia_reference"] = ""
    frames["processing_register"] = frame
