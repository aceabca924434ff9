"""What reviews of the patterns tuned in rounds 19 to 28 found them reading as a clause although
nothing is stipulated: tables and the wordings of rounds 19 and 20 (`contracts._blocks`,
`_UNDERTAKING_LEAD_IN`, `_COLUMNS_APART`), the wordings of rounds 21 to 28, and the stop words
that tell a text's language."""

from __future__ import annotations

import pytest

from audit_lib.documents.contracts import analyse_text, detect_language

# (clause, language, text): a review of the patterns changed in rounds 19 and 20 (by a session
# that read only the patterns and ran them on texts it wrote; each text was read absent before
# those rounds) found these read as the clause: a sub-processor list's lead-in joined to a row
# naming "authorisation" or "approval workflows", a shared-responsibility matrix giving the
# customer's column to the provider, a price list, a negated or someone else's lead-in, a
# publicity clause's "any other use requires ... approval", an outage notified within an hour, a
# customer deleting its own data before the subscription's termination, an audit of one's
# invoices. One more it found stays read: "We delete profile data 30 days after account
# termination" in a retention table is deletion at the end (partial (g)), as in a processor's
# terms.
REVIEW_OF_ROUNDS_19_AND_20 = [
    (
        "d",
        "en",
        "## Sub-processors\n\nWe currently use the following sub-processors:\n\n| Vendor | Purpose | Location |\n|---|---|---|\n| Amazon Web Services | Hosting | Frankfurt, DE |\n| Auth0 (Okta) | Authentication and authorisation of user log-ins | US |\n| Postmark | Transactional email | US |\n",
    ),
    (
        "d",
        "en",
        "## Third parties we share data with\n\n| Recipient | Role | What they do |\n|---|---|---|\n| Usercentrics GmbH | Sub-processor | Cookie consent management on our website |\n| Google Analytics 4 | Independent controller | Web statistics |\n",
    ),
    (
        "d",
        "en",
        "## Pricing\n\n| Add-on | Description | Price |\n|---|---|---|\n| Sub-processor monitoring | Approval workflows for your own vendors, with reminders | EUR 4 / user / month |\n| Vendor risk | Questionnaires and scoring | EUR 6 / user / month |\n",
    ),
    (
        "b",
        "en",
        "## Training catalogue\n\n| Course | Content | Price |\n|---|---|---|\n| Staff onboarding | Confidentiality and GDPR awareness, 45 minutes | EUR 49 per seat |\n| Phishing simulation | Quarterly campaigns | EUR 2 per seat / month |\n",
    ),
    (
        "b",
        "en",
        "## Information classification\n\n| Data set | Classification |\n|---|---|\n| Employees' HR files | Confidentiality: restricted; integrity: high |\n| Marketing website | Confidentiality: public; integrity: medium |\n",
    ),
    (
        "f",
        "en",
        "## Plans and features\n\n| Feature | Description | Plan |\n|---|---|---|\n| Data breach monitoring | We notify you by email when employee passwords appear in public leaks | Business |\n| Single sign-on | SAML and OIDC | Enterprise |\n",
    ),
    (
        "f",
        "en",
        "## Service level agreement\n\n### Incident response times\n\n| Priority | Response |\n|---|---|\n| P1 - platform unavailable | Initial notification within 1 hour, updates every 2 hours |\n| P2 - degraded performance | Initial notification within 4 hours |\n",
    ),
    (
        "e",
        "en",
        "## Support scope\n\nOur support team is unable to assist with the following requests, which your workspace administrator handles directly:\n\n| Request | Where it is handled |\n|---|---|\n| Data subject access requests | Admin console > Privacy |\n| Password resets for SSO users | Your identity provider |\n",
    ),
    (
        "e",
        "en",
        "## Contact\n\nOur Data Protection Officer can assist you with:\n\n| Topic | Contact |\n|---|---|\n| Data subject rights | dpo@example.com |\n| Cookie questions | privacy@example.com |\n",
    ),
    (
        "g",
        "en",
        "## Before you leave\n\n| Step | What to do |\n|---|---|\n| Subscription termination | Export your reports, then delete the workspace data yourself in Settings |\n| Invoices | Download them from Billing |\n",
    ),
    (
        "h",
        "en",
        "# Product documentation\n\n## Audit log storage\n\n| Deployment | Retention |\n|---|---|\n| Cloud | 90 days |\n| On-site | available with an Enterprise licence (self-hosted) |\n",
    ),
    (
        "h",
        "en",
        "# Services and prices\n\n## Accessibility audits\n\n| Service | Scope | Price |\n|---|---|---|\n| Remote | Automated WCAG 2.2 scan of up to 50 pages | EUR 490 |\n| On-site | available in Berlin and Vienna, two auditors for one day | EUR 1,800 |\n",
    ),
    (
        "h",
        "en",
        "# Terms of Service\n\n## Licence audits\n\nNorthwind Cloud has the right to:\n\n| Right | Detail |\n|---|---|\n| Audit | the number of named seats in use, once per year |\n| Suspend | accounts that exceed the licensed seats |\n",
    ),
    (
        "d",
        "en",
        "# Acme Cloud -- Help Center\n\n## Sub-processors\n\nSub-processors engaged for the Service:\n\n| Vendor | Purpose | Location |\n|---|---|---|\n| Stripe | Payment processing and fraud screening (rejects high-risk cards) | US |\n| Hetzner | Hosting | DE |\n",
    ),
    (
        "d",
        "en",
        "# Acme Cloud -- Help Center\n\n## Sub-processors\n\nThe following sub-processors process Customer Personal Data:\n\n| Entity | Service |\n|---|---|\n| DocuSign | Electronic signature and approval workflows for order forms |\n| Zendesk | Support tickets |\n",
    ),
    (
        "e",
        "en",
        "# Acme Cloud -- Help Center\n\n## Reseller programme\n\nResellers shall assist their own end customers with:\n\n| Topic | Level |\n|---|---|\n| Data subject requests | First-line handling in the local language |\n| Billing questions | First-line handling |\n",
    ),
    (
        "f",
        "en",
        "# Acme Cloud -- Help Center\n\n## Your obligations\n\nThe Customer shall inform Acme without undue delay of:\n\n| Event | Examples |\n|---|---|\n| Security incidents | lost laptops, compromised admin accounts, leaked API keys |\n| Changes of billing contact | new invoice address |\n",
    ),
    (
        "f",
        "en",
        "# Acme Cloud -- Help Center\n\n## Acceptable use policy\n\n### Security incidents involving your device\n\n| Event | Required action |\n|---|---|\n| Lost or stolen laptop | Notification to the IT service desk within 24 hours |\n| Phishing e-mail clicked | Notification to the IT service desk within 1 hours |\n",
    ),
    (
        "h",
        "en",
        "# Acme Cloud -- Help Center\n\n## Web services\n\n| Service | Description | Price |\n|---|---|---|\n| Accessibility review | Clients may request an audit of their website against WCAG 2.2 | EUR 1,200 |\n| SEO review | Keyword and speed report | EUR 600 |\n",
    ),
    (
        "b",
        "en",
        "# Acme Cloud -- Help Center\n\n## Personnel\n\n| Engagement | Requirement |\n|---|---|\n| Temporary staff | No confidentiality agreement required for engagements under 5 days |\n| Permanent staff | Background check |\n",
    ),
    (
        "h",
        "fr",
        "# Cabinet Conformité -- Tarifs\n\n## Audits de conformité RGPD\n\n| Prestation | Détail | Prix |\n|---|---|---|\n| Audit documentaire | revue de vos registres | 900 € |\n| Audits sur site | disponibles en Île-de-France, deux consultants | 1 500 € / jour |\n",
    ),
    (
        "h",
        "de",
        "# Beratung -- Preise\n\n## Datenschutz-Audits\n\n| Leistung | Umfang | Preis |\n|---|---|---|\n| Remote | Fragebogen und Dokumentenprüfung | 900 € |\n| Vor-Ort-Prüfungen | möglich in ganz Deutschland | 1.400 € pro Tag |\n",
    ),
    (
        "f",
        "fr",
        "# Conditions de service\n\n## Gestion des incidents\n\n| Priorité | Délai |\n|---|---|\n| P1 - indisponibilité totale | Notification sous 1 h, puis point toutes les 2 heures |\n| P2 - lenteurs | Notification sous 4 h |\n",
    ),
    (
        "f",
        "de",
        "# Servicevereinbarung\n\n## Störungen und Vorfälle\n\n| Priorität | Reaktion |\n|---|---|\n| P1 - Plattform nicht erreichbar | Benachrichtigung innerhalb von 2 Stunden |\n| P2 - eingeschränkte Leistung | Benachrichtigung innerhalb von 8 Stunden |\n",
    ),
    (
        "a",
        "en",
        "Acme may list the Customer's name and logo on its website and in sales presentations. Any other use requires the Customer's prior written approval.",
    ),
    (
        "a",
        "en",
        "Photographs taken at the Client's event may be used in the Agency's portfolio. Any further use requires written client approval.",
    ),
    (
        "a",
        "fr",
        "Le Prestataire peut citer le nom et le logo du Client comme référence commerciale. Toute autre utilisation du logo nécessite l'accord écrit préalable du Client.",
    ),
    (
        "a",
        "de",
        "Der Anbieter darf den Namen und das Logo des Kunden als Referenz nennen. Jede weitere Nutzung des Logos bedarf der vorherigen schriftlichen Zustimmung des Kunden.",
    ),
    (
        "a",
        "es",
        "El Proveedor podrá mencionar al Cliente como referencia comercial en su web. Cualquier otro uso de la marca del Cliente requiere la autorización previa por escrito del Cliente.",
    ),
    (
        "a",
        "it",
        "Il Fornitore può citare il Cliente come referenza commerciale sul proprio sito. Qualsiasi altro uso del marchio del Cliente richiede l'autorizzazione scritta del Cliente.",
    ),
    (
        "b",
        "en",
        "# Clinic Portal -- Terms\n\n## Confidentiality of patient records\n\nClinical staff at each practice remain bound by their professional duty of confidence towards their patients.\n",
    ),
    (
        "e",
        "en",
        "Each Customer shall help its own end users handle requests to exercise their rights by appropriate technical and organisational measures of its own.",
    ),
    (
        "g",
        "en",
        "On customer request, Acme support can delete all data of a single end user (for example a departed employee); the rest of the workspace is unaffected.",
    ),
    (
        "g",
        "en",
        "While a litigation hold is in place we will refuse to delete all customer data on customer request.",
    ),
    (
        "g",
        "en",
        "On renewal or termination, the Customer remains free to delete its data in the admin console; Acme keeps the data until the Customer does so.",
    ),
    (
        "g",
        "en",
        "Workspace owners must delete personal data from shared drives before subscription termination.",
    ),
    ("h", "en", "You may request an audit of your invoices if you believe you were over-billed."),
    (
        "h",
        "en",
        "On-site audits are available as a consulting service: our auditors visit your warehouse and review your GDPR readiness.",
    ),
    (
        "h",
        "en",
        "The Customer may request evidence of compliance with anti-bribery laws from any reseller it appoints.",
    ),
    (
        "a",
        "en",
        "Agencies in our advertising network act only as instructed by advertisers (data controllers); we have no control over their processing.",
    ),
    (
        "c",
        "en",
        "# Acme Cloud -- Help Center\n\n## Security add-ons\n\n| Add-on | Includes | Price |\n|---|---|---|\n| Advanced security controls | SSO, IP allow-listing, encryption at rest with BYOK | EUR 8 per seat / month |\n| Audit export | SIEM streaming | EUR 2 per seat / month |\n",
    ),
    (
        "d",
        "de",
        "# Datenschutz\n\n## Unterauftragsverarbeiter\n\nWir setzen folgende Unterauftragsverarbeiter ein:\n\n| Anbieter | Zweck |\n|---|---|\n| Usercentrics GmbH | Zustimmungsverwaltung (Consent Management) auf der Website |\n| Hetzner Online GmbH | Hosting |\n",
    ),
    (
        "b",
        "en",
        "Anyone we authorise to access support data is not bound by a separate duty of confidence; instead, every access is logged and reviewed.",
    ),
    (
        "e",
        "en",
        "Acme is not required to help the Customer meet a request from a resident, so far as it is able, by appropriate technical and organisational measures; such requests are the council's alone.",
    ),
    (
        "h",
        "en",
        "Customer may request evidence of compliance with WCAG 2.1 AA (our VPAT) from its account manager.",
    ),
    (
        "a",
        "en",
        "Drivers may collect passenger data only as instructed by operators (data controllers) and must not keep copies on personal phones.",
    ),
    (
        "d",
        "en",
        "# Acme Cloud -- Help Center\n\n## Trust center\n\n| Topic | Our position |\n|---|---|\n| Sub-processor changes | Published on this page; no approval or objection right for customers on the Free plan |\n| Data location | EU only |\n",
    ),
    (
        "b",
        "en",
        "# Acme Cloud -- Help Center\n\n## Shared responsibility model\n\n| Area | Acme | Customer |\n|---|---|---|\n| Employees | Background checks for Acme engineers | Confidentiality agreements for its own employees |\n| Identity | Hosted SSO | User provisioning |\n",
    ),
    (
        "e",
        "en",
        "# Acme Cloud -- Help Center\n\n## Shared responsibility model\n\n| Area | Acme | Customer |\n|---|---|---|\n| Data subject requests | Export API | Assists its end users |\n| Identity | Hosted SSO | User provisioning |\n",
    ),
    (
        "f",
        "en",
        "# Acme Cloud -- Help Center\n\n## Shared responsibility model\n\n| Area | Acme | Customer |\n|---|---|---|\n| Personal data breaches in customer-managed integrations | Infrastructure monitoring only | Notifies the supervisory authority and the affected people |\n| Identity | Hosted SSO | User provisioning |\n",
    ),
    (
        "g",
        "en",
        "# Acme Cloud -- Help Center\n\n## Shared responsibility model\n\n| Area | Acme | Customer |\n|---|---|---|\n| End of contract | Keeps the export link open for 30 days | Deletes its records from connected apps before subscription termination |\n| Identity | Hosted SSO | User provisioning |\n",
    ),
    (
        "d",
        "en",
        "# Acme Cloud -- Help Center\n\n## Integrations\n\nCustomers must obtain their end users' consent before:\n\n| Action | Example |\n|---|---|\n| Sharing data with their own sub-processors | connecting a CRM or a mailing tool |\n| Enabling call recording | sales calls |\n",
    ),
    (
        "f",
        "en",
        "# Acme Cloud -- Help Center\n\n## Bug bounty and incident disclosure\n\n| Stage | Our commitment |\n|---|---|\n| Acknowledgement | Notification to the reporting researcher within 3 business days |\n| Triage | Severity rating within 10 business days |\n",
    ),
    (
        "g",
        "en",
        "# Acme Cloud -- Help Center\n\n## Plans\n\n| Event | What happens |\n|---|---|\n| On downgrade or termination | Dashboards built on the data are deleted; the raw data in your own S3 bucket is never touched |\n| Upgrade | Immediate |\n",
    ),
    (
        "e",
        "en",
        "# Acme Cloud -- Help Center\n\n## Privacy requests\n\nThe following requests are handled by the Customer without Acme's assistance:\n\n| Request | Where |\n|---|---|\n| Data subject access requests | Admin console > Privacy > Export |\n| Rectification | Directly in the record |\n",
    ),
]


# (clause, language, text): a review of the patterns changed in rounds 21 to 24 (a session that
# read only the patterns and ran them on texts it wrote; each text was read absent before those
# rounds) found these read as the clause: deletion and return listed under the customer's
# termination, "before terminating", a breach of contract or of an SLA notified, on-call engineers
# or law enforcement told of an outage or abuse, staff of a partner or a hospital signing NDAs, the
# customer's responsibility for its staff's confidentiality, assistance "not obliged", a "Privacy
# Assistant", notice of a newsletter "with a right to object", an inspection of delivered
# equipment, "measures:" of a cloud provider or planned ones. One more it found stays read:
# "Users may request correction or erasure ..., and the Grievance Officer responds to such
# requests" under "Rights of Data Principals", a privacy policy's own duty, read as (e) as the
# same sentence would be under "Data subject rights".
REVIEW_OF_ROUNDS_21_TO_24 = [
    (
        "g",
        "en",
        "## Before you leave\n\nBefore terminating the subscription, we recommend the following steps:\n\n- Obtain a copy of your reports using the Export button.\n- Delete any API keys you no longer need.\n",
    ),
    (
        "g",
        "en",
        "## Termination\n\nWhen the Customer terminates the Agreement:\n\n- All unpaid fees become due immediately.\n- The Customer must delete all copies of the Software and return any hardware tokens provided.\n",
    ),
    (
        "g",
        "en",
        "## Switching providers\n\nWhen a school terminates the contract with its previous vendor:\n\n- The new vendor provides a full data export template to the school.\n- The school deletes its old accounts and returns all loaned devices.\n",
    ),
    (
        "g",
        "en",
        "# Privacy Notice\n\nWhen a member terminates the subscription:\n\n- The member may obtain a copy of their profile from Settings > Export.\n- The member can delete the profile at any time.\n",
    ),
    (
        "g",
        "en",
        "# Leaving the platform\n\nIf the School terminates the contract:\n\n- The School's new provider supplies a data export template.\n- Records the School no longer needs are deleted by the School's administrator.\n",
    ),
    (
        "g",
        "en",
        "# Help Center\n\nRemove all patient data from shared folders before terminating the subscription.\n",
    ),
    (
        "g",
        "en",
        "# Offboarding checklist\n\nSchools must erase student records from local devices after terminating the contract with the Vendor.\n",
    ),
    (
        "f",
        "en",
        "# Terms of Service\n\n## Termination for breach\n\nNotification of a material breach must be given in writing within 30 days, and the breaching party then has 30 days to cure it.\n",
    ),
    (
        "f",
        "en",
        "# Service Level Agreement\n\n## Incident management\n\n- Notification: status page update within 4 hours for any breach of the uptime SLA.\n",
    ),
    (
        "f",
        "en",
        "# Reseller Terms\n\n## Breach of these terms\n\nNotification of any suspected breach of the licence terms to Vendor within 10 business days is the Reseller's duty.\n",
    ),
    (
        "f",
        "en",
        "# Data Processing Addendum\n\n## Data breaches\n\nThe School handles notification of any breach to parents within 72 hours.\n",
    ),
    (
        "f",
        "de",
        "# AGB\n\n## Vertragsverletzungen\n\nMeldung von Vertragsverletzungen durch den Händler innerhalb von 14 Tagen.\n",
    ),
    (
        "f",
        "en",
        "# Security\n\n## Incident response\n\n- The Provider alerts on-call engineers within 5 minutes of any outage.\n",
    ),
    (
        "f",
        "en",
        "# Security\n\n## Breach notification\n\nThe Vendor notifies affected end users immediately by email and in-app banner.\n",
    ),
    (
        "f",
        "en",
        "# Acceptable Use Policy\n\n## Security incidents\n\n- The Provider reports to law enforcement immediately any child sexual abuse material found on the Service.\n",
    ),
    (
        "f",
        "fr",
        "# Sécurité\n\n## Gestion des incidents\n\nLe prestataire informe l'astreinte sous 15 minutes en cas de panne.\n",
    ),
    (
        "f",
        "en",
        "Customer shall assist Provider in ensuring compliance with obligations under applicable export control and sanctions laws.\n",
    ),
    (
        "b",
        "en",
        "Partner staff sign NDAs with the reseller before they are given access to the reseller's CRM.\n",
    ),
    (
        "b",
        "en",
        "# Clinic onboarding\n\nHospital staff sign NDAs before they are given access to patient records in the platform.\n",
    ),
    (
        "b",
        "en",
        "# Roadmap\n\nBy Q4, all employees sign NDAs as part of the planned SOC 2 programme.\n",
    ),
    (
        "b",
        "fr",
        "Cette notice de confidentialité s'adresse aux salariés liés par un contrat de travail à une entreprise cliente de la plateforme.\n",
    ),
    (
        "b",
        "fr",
        "Le Client assure la confidentialité des identifiants auprès de ses collaborateurs tenus de ne pas les partager.\n",
    ),
    (
        "b",
        "es",
        "El Cliente es responsable de la confidencialidad de su personal y de la custodia de sus credenciales de acceso.\n",
    ),
    (
        "b",
        "es",
        "La aplicación protege la confidencialidad de los trabajadores que presentan denuncias a través del canal ético.\n",
    ),
    (
        "b",
        "it",
        "Il software consente al Titolare di tutelare la riservatezza dei dipendenti nel rispetto dello Statuto dei Lavoratori.\n",
    ),
    (
        "b",
        "it",
        "Il Cliente è responsabile della riservatezza del personale autorizzato ad accedere alla propria console.\n",
    ),
    (
        "e",
        "fr",
        "La rubrique d'aide consacrée aux droits des personnes explique au Client comment exporter lui-même les données.\n",
    ),
    (
        "e",
        "en",
        "Provider is not obliged to assist Customer with access, rectification, erasure or portability requests.\n",
    ),
    (
        "e",
        "en",
        "The Customer may use the built-in Privacy Assistant to handle access, rectification, erasure and portability requests itself.\n",
    ),
    (
        "e",
        "en",
        "The Provider will cooperate with the Customer to ensure that the Customer can exercise its audit rights under Section 9.\n",
    ),
    (
        "e",
        "en",
        "If requested, the School will cooperate with the Vendor to ensure parents can exercise their FERPA rights.\n",
    ),
    (
        "e",
        "en",
        "# DPA (India)\n\nThe Provider is under no obligation to support the Customer in answering data principal requests.\n",
    ),
    (
        "e",
        "en",
        "Under the DPDP Act, registered Consent Managers assist Data Principals in managing consent and exercising their rights.\n",
    ),
    (
        "d",
        "en",
        "# Privacy Notice\n\n## Subprocessors\n\nNewsletter recipients receive notification of each campaign with a right to object via the unsubscribe link.\n",
    ),
    (
        "d",
        "es",
        "# Contrato de encargo\n\n## Subencargados\n\nEl Cliente renuncia al aviso previo de cambios con derecho de objeción.\n",
    ),
    (
        "d",
        "es",
        "# Aviso de privacidad\n\n## Subencargados\n\nLos usuarios reciben notificación del envío de publicidad con derecho de oposición en cada correo.\n",
    ),
    (
        "h",
        "en",
        "Customer may, within 5 business days of delivery, request an inspection of the Equipment for transport damage.\n",
    ),
    (
        "h",
        "en",
        "Customers may request: a completed security questionnaire, our ISO 27001 certificate or a summary of third-party audits.\n",
    ),
    (
        "h",
        "en",
        "You may inspect (in the dashboard) at any time which sub-processors are in use for your workspace.\n",
    ),
    (
        "h",
        "en",
        "Customer may audit (through the Audit Log feature) with one click all actions taken by team members.\n",
    ),
    (
        "c",
        "en",
        "# Security\n\n## Security\n\nAWS/GCP safeguards: encryption at rest, physical access controls and backups in their data centres.\n",
    ),
    (
        "c",
        "en",
        "# Security\n\n## Security measures\n\nPlanned/roadmap controls: encryption at rest for backups (Q3), multi-factor authentication for all staff.\n",
    ),
    (
        "c",
        "en",
        "# Security\n\n## Security\n\nLegacy/deprecated controls: TLS 1.0 and 1.1 remain enabled for older integrations until 2025.\n",
    ),
]
# (language, text): texts the stop words of rounds 23-24 ("del", "di", "da", "non" as Italian)
# read as Italian; "da" and "non" are no longer Italian stop words
LANGUAGE_REVIEW_OF_ROUNDS_21_TO_24 = [
    (
        "fr",
        "Sous-traitants ultérieurs : Hetzner (Allemagne), OVHcloud (France). Transferts hors UE : non. Données de santé : non. Chiffrement au repos : oui.",
    ),
    (
        "fr",
        "Hébergeur : OVHcloud, Roubaix. Données de santé : non. Hébergement HDS : non. Il n'est pas prévu de transfert hors UE.",
    ),
    (
        "es",
        "Lista de subencargados del tratamiento\n- Amazon Web Services: alojamiento del servicio (Irlanda)\n- Google Workspace: correo del equipo de soporte (UE)\n- Zendesk: gestión de incidencias, da soporte a clientes (EE. UU., cláusulas tipo)",
    ),
    (
        "de",
        "Unterauftragnehmer: Hetzner (Hosting, da Rechenzentren in Deutschland), Mailjet (E-Mail, da EU-Anbieter) und Sentry (Fehleranalyse, Drittland).",
    ),
    (
        "en",
        "Sub-processors\n| Vendor | Purpose | Region |\n| AWS | Hosting | eu-central-1 |\n| Twilio | SMS delivery | US (non-EU, SCCs) |\n| Sentry | Error monitoring | US (non-EU, SCCs) |",
    ),
    (
        "en",
        "Security at a glance\n- Encryption at rest: AES-256\n- Encryption in transit: TLS 1.3\n- Non-production environments: synthetic data only\n- MFA: enforced for all staff",
    ),
]


# (clause, language, text): a review of the patterns changed in rounds 25 and 26 (by a session
# that read only the patterns and ran them on texts it wrote; each text was read absent before
# those rounds) found these read as the clause: the end of a commercial relation in a controller's
# retention periods, the client's own deletion, "Security:" labels of someone else's measures, a
# plan's feature, a paid add-on or a price, "Encryption" headings over export-control, cryptology
# declaration, downtime or price clauses, a notification deadline under "Breach of contract" or
# owed to an insurer or a researcher, a data incident the customer or staff report, the means of a
# privacy notice's "you", data subjects supported by a controller, a merchant or a DPO, help-desk
# tickets, "supports" in another sense, a newsletter's retention, badges and invoices destroyed,
# audit cooperation given by the customer or suppliers, measures the customer must configure.
REVIEW_OF_ROUNDS_25_AND_26 = [
    (
        "g",
        "fr",
        "# Politique de confidentialité\n\n## Durée de conservation\n\nTrois ans après la fin de la relation commerciale, les prospects inactifs sont supprimés de notre base de données marketing.",
    ),
    (
        "g",
        "fr",
        "# Conditions générales\n\n## 9. Données\n\nIl appartient au Client d'exporter puis de supprimer ses données avant la fin de la relation contractuelle.",
    ),
    (
        "g",
        "es",
        "# Política de privacidad\n\n## Conservación\n\nTranscurridos tres años desde la finalización de la relación comercial, eliminaremos los datos de los clientes potenciales de nuestra base de marketing.",
    ),
    (
        "g",
        "es",
        "# Política de privacidad\n\n## Derechos\n\nLos interesados podrán solicitar la supresión de sus datos una vez concluida la relación comercial.",
    ),
    (
        "g",
        "es",
        "# Condiciones\n\n## 8. Obligaciones del Cliente\n\nEl Cliente deberá eliminar los registros de sus usuarios antes de la finalización del servicio.",
    ),
    (
        "c",
        "en",
        "# Hosting overview\n\n## 4. Security\n\n- Data centre security: provided by Hetzner Online GmbH (ISO 27001), including access controls at the premises.",
    ),
    (
        "c",
        "en",
        "# Pricing and plans\n\nThe following add-ons can be purchased with any plan and are billed monthly.\n\n## 3. Security add-ons\n\n- Advanced Security: EUR 5 per seat per month, which adds multi-factor enforcement and session recording for the whole workspace.",
    ),
    (
        "c",
        "en",
        "# Plans\n\n## Security features by plan\n\n- Enterprise-plan security: SSO, SCIM and multi-factor enforcement.",
    ),
    (
        "c",
        "en",
        "# DPA\n\n## 5. Security\n\n- Sub-processor security: Stripe and Mailgun apply encryption in transit and at rest under their own certifications.",
    ),
    (
        "c",
        "en",
        "# Service description\n\n## 6. Security\n\nAvailable as paid add-ons: Security: encrypted backups and a dedicated firewall.",
    ),
    (
        "c",
        "en",
        "# DPA\n\n## 5. Security\n\n- Measures required of suppliers: encrypted laptops, multi-factor login and annual awareness training.",
    ),
    (
        "c",
        "fr",
        "# Annexe\n\n## 4. Sécurité\n\n- Hébergement et sécurité : assurés par l'hébergeur OVHcloud, avec contrôles d'accès biométriques au centre de données.",
    ),
    (
        "c",
        "de",
        "# Leistungsbeschreibung\n\n## 5. Sicherheit\n\n- Informationssicherheit: liegt beim Rechenzentrumsbetreiber Hetzner, inklusive Zutritts- und Zugangskontrollen am Standort.",
    ),
    (
        "c",
        "es",
        "# Condiciones del servicio\n\n## 6. Seguridad\n\n- Seguridad: el cifrado de extremo a extremo se contrata aparte, por 4 EUR al mes y puesto.",
    ),
    (
        "c",
        "it",
        "# Condizioni del servizio\n\n## 6. Sicurezza\n\n- Sicurezza: crittografia end-to-end inclusa solo nel piano Enterprise, a 8 EUR per postazione al mese.",
    ),
    (
        "c",
        "en",
        "# Price list\n\nAll prices are exclusive of VAT and billed monthly in arrears.\n\n## 4. Key management and security\n\n- Key vault security: EUR 3 per million ciphertexts decrypted through the key vault.",
    ),
    (
        "c",
        "en",
        "# Bug bounty programme\n\n## 2. Security measures in scope\n\n- Out-of-scope findings: padding-oracle attacks on ciphertexts obtained from public mirrors.",
    ),
    (
        "c",
        "en",
        "# End User Licence Agreement\n\n## 11. Export control and encryption\n\nThe Software contains encryption technology classified under ECCN 5D992 and is subject to the U.S. Export Administration Regulations.",
    ),
    (
        "c",
        "en",
        "# Service Level Agreement\n\n## 5. Encryption key rotation\n\nKey rotation windows for encrypted volumes count as scheduled downtime and are excluded from the monthly uptime calculation.",
    ),
    (
        "c",
        "fr",
        "# Conditions générales\n\n## 12. Chiffrement\n\nLa fourniture et l'importation de moyens de cryptologie assurant des fonctions de chiffrement sont soumises à déclaration auprès de l'ANSSI.",
    ),
    (
        "c",
        "de",
        "# Allgemeine Geschäftsbedingungen\n\n## 14. Exportkontrolle und Verschlüsselung\n\nDie Ausfuhr der Verschlüsselungssoftware unterliegt der Dual-Use-Verordnung (EU) 2021/821.",
    ),
    (
        "c",
        "es",
        "# Condiciones generales\n\n## 9. Cifrado\n\nEl cifrado de extremo a extremo se contrata aparte, por 4 EUR al mes y puesto de trabajo.",
    ),
    (
        "c",
        "it",
        "# Condizioni generali\n\n## 9. Crittografia\n\nLa crittografia end-to-end è inclusa nel piano Enterprise a 8 EUR per utente al mese.",
    ),
    (
        "f",
        "en",
        "# Master Services Agreement\n\n## 12. Breach of contract and cure\n\n- Notification period: 30 days to cure after written notice describing the breach.",
    ),
    (
        "f",
        "en",
        "# Vulnerability disclosure policy\n\n## 3. Reporting a suspected breach\n\n- Researcher notification: 5 business days for our first acknowledgement.",
    ),
    (
        "f",
        "en",
        "# Information security policy\n\n## 7. Data breaches\n\n- Insurer notification: 30 days after discovery, as the cyber policy requires.",
    ),
    (
        "f",
        "en",
        "# Information security policy\n\n## 7. Data breaches\n\n- Notification log retention: 365 days.",
    ),
    (
        "f",
        "en",
        "# DPA\n\n## 8. Personal data breaches\n\n- Sub-processor notification to Acme: within 24 hours of detection.",
    ),
    (
        "f",
        "en",
        "# DPA\n\n## 8. Incidents\n\nWhere the Customer becomes aware of a data incident in its own systems, the Customer shall notify Acme without undue delay.",
    ),
    (
        "f",
        "en",
        "# Staff handbook\n\n## IT security\n\nEmployees must notify the IT Service Desk of any lost device or other data incident within one hour.",
    ),
    (
        "f",
        "en",
        "# Terms of Service\n\n## 14. Miscellaneous\n\nNothing in these Terms requires either party to notify the other of data incidents.",
    ),
    (
        "f",
        "en",
        "# Trust Center\n\n## Status\n\nFor information on past data incidents and service outages, see our public status page.",
    ),
    (
        "f",
        "fr",
        "# Politique de sécurité de l'information\n\nLa présente politique s'applique à l'ensemble des salariés de la société.\n\n## 7. Violations de données\n\n- Notification à l'assureur cyber : 30 jours après la découverte de l'incident.",
    ),
    (
        "f",
        "de",
        "# Sicherheitsrichtlinie\n\n## 7. Datenpannen\n\n- Meldung an den Cyberversicherer: 30 Tage nach Entdeckung.",
    ),
    (
        "e",
        "en",
        "# Privacy Notice\n\n## 8. Data subject rights\n\nYou can exercise data subject rights in the app under Settings > Privacy.",
    ),
    (
        "e",
        "en",
        "# DPA\n\n## 7. Data subject requests\n\nCustomer can respond to data subject requests using its own tools, outside the Service.",
    ),
    (
        "e",
        "en",
        "# Reseller terms\n\n## 6. Privacy\n\nThe Client can handle data subject requests in its customer service process, as the controller.",
    ),
    (
        "e",
        "en",
        "# DPA\n\n## 7. Data subject requests\n\nController can answer individuals' requests from the platform's end users directly, as it holds the relationship with them.",
    ),
    (
        "e",
        "en",
        "# Privacy Policy\n\n## 9. Your choices\n\nThe Data Controller shall assist data subjects in the exercise of their rights under Articles 15 to 22 GDPR.",
    ),
    (
        "e",
        "en",
        "# Joint controllership arrangement (Art. 26 GDPR)\n\n## 4. Data subjects\n\nParty A shall support data subjects in exercising their rights and act as the single point of contact.",
    ),
    (
        "e",
        "en",
        "# Privacy Policy\n\n## 10. Contact\n\nOur Data Protection Officer will help data subjects with the exercise of their rights and can be reached at dpo@example.com.",
    ),
    (
        "e",
        "en",
        "# Merchant agreement\n\n## 11. Data protection\n\nThe Merchant shall support data subjects in exercising their rights with respect to order data.",
    ),
    (
        "e",
        "en",
        "# Help Center\n\n## Support scope\n\nOur help desk will assist Authorised Users with access, password, account deletion and billing requests during business hours.",
    ),
    (
        "e",
        "en",
        "# Reseller agreement\n\n## 7. Privacy\n\nEach Reseller will assist Acme with access, correction and deletion requests from its end customers.",
    ),
    (
        "e",
        "en",
        "# DPA\n\n## 6. Cooperation\n\nYou shall assist us with access, correction and deletion requests concerning your administrators.",
    ),
    (
        "e",
        "en",
        "# DPA\n\n## 7. Data subject requests\n\nAs of 1 March 2025, Acme no longer supports the following self-service deletion tools:\n\n- the legacy export page\n- the v1 erasure endpoint",
    ),
    (
        "e",
        "en",
        "# Privacy Notice\n\n## 9. Data subject rights\n\nThe European Data Protection Board supports individuals with the following resources:\n\n- a guide to the right of access\n- a list of national supervisory authorities",
    ),
    (
        "e",
        "en",
        "# DPA\n\n## 7. Data subject requests\n\nStripe, our payment sub-processor, supports the following requests directly through its own privacy centre:\n\n- access to payment records\n- deletion of stored cards",
    ),
    (
        "e",
        "en",
        "# DPA\n\n## 7. Data subject rights\n\nAcme supports the principles of the following industry codes:\n\n- the EU Cloud Code of Conduct\n- the CISPE Code",
    ),
    (
        "g",
        "en",
        "# Privacy Policy\n\n## 6. How long we keep data\n\n- Newsletter subscribers: deleted when the subscription is cancelled.",
    ),
    (
        "g",
        "en",
        "# Onsite services terms\n\n## 5. Equipment\n\n- Visitor access badges: destroyed when the engagement is completed.",
    ),
    (
        "g",
        "en",
        "# Records retention schedule\n\n## Finance\n\n- Supplier invoices: destroyed 10 years after the contract is terminated.",
    ),
    (
        "h",
        "en",
        "# Compliance Platform Terms\n\n## 3. Features\n\nThe Platform provides audit support for the Customer's own certification audits, including ready-made security policy summaries and evidence collection.",
    ),
    (
        "h",
        "en",
        "# Supplier Code of Conduct\n\n## 8. Audits\n\nSuppliers shall provide audit assistance to Acme on request, including current security documentation.",
    ),
    (
        "h",
        "en",
        "# DPA\n\n## 10. Customer obligations\n\nThe Customer shall provide audit cooperation to Acme for on-premise agents, including security documentation for the hosting environment.",
    ),
    (
        "h",
        "en",
        "# Privacy Notice\n\n## 7. Security\n\nYou may request a summary of the security measures described in this notice by writing to privacy@example.com.",
    ),
    (
        "h",
        "en",
        "# On-premise installation guide\n\n## 2. Before installation\n\nThe Customer can request an overview of the security measures it must configure on its servers before go-live.",
    ),
]


# (clause, language, text): a review of the patterns changed in rounds 27 and 28 found these read
# as the clause: a request to access or delete one's data with the customer, a privacy office or
# a card issuer assisting, goods, a venue, refunds or soil "as directed by" the client, the
# confidentiality of whistle-blowers, survey answers or salaries, a secret ballot, a PIN, a
# doctor's or a reporter's secrecy, subcontractors invoiced, audited or named, licence, fire,
# internal, tax and certification audits in the passive, a licensee's or a buyer's inspections,
# a copy of an internal audit plan. Five more it wrote, in a web page's JavaScript source (a
# glossary, a task board, news, a roadmap, testimonials), stay read: their text says the clause,
# as it would in Markdown; what the reader does is read the text.
REVIEW_OF_ROUNDS_27_AND_28 = [
    (
        "e",
        "en",
        "The Customer shall assist the Provider in verifying any request from a Customer employee to access or delete their personal data held in the Provider's own HR records.",
    ),
    (
        "e",
        "en",
        "Our Privacy Office will assist with any request from a patient to access or correct their information within one month, as required by the Health Records Act.",
    ),
    (
        "e",
        "en",
        "Where a request from a cardholder to correct their data reaches the Merchant, the card issuer will assist the Merchant in identifying the cardholder.",
    ),
    (
        "a",
        "en",
        "Storage of goods: the Supplier stores finished products at its warehouse for up to 90 days and delivers them in partial shipments, as directed by the Customer.",
    ),
    (
        "a",
        "en",
        "The Venue will host the welcome reception, the gala dinner and the awards ceremony - all as directed by the Client.",
    ),
    (
        "a",
        "en",
        "Refunds: the Merchant processes refunds to the original payment method within five business days, as instructed by the customer.",
    ),
    (
        "a",
        "en",
        "The Contractor will store the excavated soil on site and dispose of it at a licensed facility, as directed by the Client's engineer.",
    ),
    (
        "b",
        "en",
        "The Ethics Committee will maintain the confidentiality of employees who report misconduct through the hotline.",
    ),
    (
        "b",
        "en",
        "Anonymous engagement surveys: HR will preserve the confidentiality of staff responses and publish only aggregated results.",
    ),
    (
        "b",
        "en",
        "Payroll: the finance team shall ensure the confidentiality of staff salaries and bonus amounts.",
    ),
    (
        "b",
        "it",
        "L'elezione dei rappresentanti dei lavoratori per la sicurezza avviene tra tutti i dipendenti a scrutinio segreto, secondo il regolamento aziendale.",
    ),
    (
        "b",
        "it",
        "Ai dipendenti viene consegnato un codice segreto personale (PIN) per accedere al portale delle buste paga.",
    ),
    (
        "b",
        "it",
        "Il personale della società può rivolgersi in qualsiasi momento al medico competente, che è tenuto al segreto professionale sulle informazioni sanitarie dei lavoratori.",
    ),
    (
        "b",
        "it",
        "I dipendenti che segnalano illeciti tramite il canale whistleblowing possono chiedere che la loro identità resti coperta dal segreto.",
    ),
    (
        "d",
        "en",
        "The Customer agrees that the Supplier may invoice separately for work performed by subcontractors at cost plus 10%.",
    ),
    (
        "d",
        "en",
        "The Customer agrees that the Provider may audit the Customer's subcontractors who access the Platform.",
    ),
    (
        "d",
        "en",
        "The Client accepts that the Vendor can recover the fees of third-party service providers engaged at the Client's request.",
    ),
    (
        "d",
        "en",
        "The Customer agrees that the Supplier may name its subcontractors and the Customer in its published case studies.",
    ),
    (
        "h",
        "en",
        "License compliance audits may be conducted by Vendor once per year to verify the number of Named Users deployed by Customer.",
    ),
    (
        "h",
        "en",
        "Fire safety inspections will be carried out by the Landlord twice a year with 48 hours' notice to the Tenant.",
    ),
    (
        "h",
        "en",
        "Internal audits will be performed annually by our compliance team against our information security policy.",
    ),
    (
        "h",
        "en",
        "Tax audits may be carried out by HMRC for up to six years, so invoices are retained for that period.",
    ),
    (
        "h",
        "en",
        "Surveillance audits will be conducted by the certification body each year to maintain our ISO 27001 certificate.",
    ),
    (
        "h",
        "it",
        "# Contratto di licenza software\n\n## 9. Verifiche\n\nIl Licenziatario può richiedere, con un preavviso di 30 giorni, che le verifiche sul numero di utenti siano svolte da un revisore indipendente anziché dal personale del Concedente.",
    ),
    (
        "h",
        "it",
        "# Accordo sul trattamento dei dati\n\n## 8. Audit\n\nIl Cliente può richiedere una copia del piano delle verifiche interne che il Responsabile svolge annualmente sui propri sistemi.",
    ),
    (
        "h",
        "it",
        "# Condizioni generali di vendita\n\n## Controlli di qualità\n\nL'Acquirente può richiedere ispezioni della merce presso il magazzino del Venditore prima della spedizione.",
    ),
]


@pytest.mark.parametrize(
    ("letter", "language", "text"),
    REVIEW_OF_ROUNDS_19_AND_20
    + REVIEW_OF_ROUNDS_21_TO_24
    + REVIEW_OF_ROUNDS_25_AND_26
    + REVIEW_OF_ROUNDS_27_AND_28,
)
def test_reviews_of_rounds_19_to_28_these_are_not_the_clause(letter, language, text):
    evidence = analyse_text(text, language)[letter]
    assert evidence.status == "absent", (evidence.sentence, evidence.pattern)


@pytest.mark.parametrize(("language", "text"), LANGUAGE_REVIEW_OF_ROUNDS_21_TO_24)
def test_review_of_rounds_21_to_24_the_language_is_told_right(language, text):
    assert detect_language(text) == language
