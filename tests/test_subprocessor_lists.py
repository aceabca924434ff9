"""Tests for audit_lib.documents.subprocessor_lists: reading published sub-processor lists.

The labelled corpus (`tests/fixtures/subprocessors/`, labels written before the reader existed)
is read entry by entry: the tuning lists must come out exactly as labelled, the held-out lists are
scored (`test_heldout_score`). Every shape the reader knows has its own small fixture below, with
the exact entries expected, and so has every text that is not an entry.
"""

from __future__ import annotations

import builtins
import csv
import io
import os
from collections import defaultdict
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_lib.documents import subprocessor_lists as lists
from audit_lib.documents.files import REFUSED_REASON
from audit_lib.documents.subprocessor_lists import (
    ListEntry,
    compare,
    locations_in,
    match_keys,
    name_parts,
    normalise_name,
    read_entries,
    read_list,
    register_names,
)
from audit_lib.sample.processors import docx_table_document, pdf_document

FIXTURES = Path(__file__).parent / "fixtures" / "subprocessors"


def labels() -> dict[str, dict[str, list[dict[str, str]]]]:
    """{split: {file: [label rows in list order]}} from labels.csv."""
    out: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    with open(FIXTURES / "labels.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[row["split"]][row["file"]].append(row)
    return out


LABELS = labels()


def entries_of(text: str, suffix: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(entry.name, entry.locations) for entry in read_entries(text, suffix)]


# --------------------------------------------------------------------------- labelled corpus


@pytest.mark.parametrize("file", sorted(LABELS["tuning"]))
def test_tuning_lists_are_read_exactly_as_labelled(file):
    """Every labelled entry, in list order, with its locations; nothing else."""
    read = read_list(FIXTURES, file)
    assert read.status == "read", read.reason
    expected = [
        (row["name"], set(filter(None, row["locations"].split(";"))))
        for row in LABELS["tuning"][file]
    ]
    assert [(entry.name, set(entry.locations)) for entry in read.entries] == expected


def test_heldout_score():
    """The held-out lists, never used for tuning: entries right / entries labelled, locations
    right, and entries read that are not in the labels. Measured when the reader was frozen:
    37 of 37 entries, 37 of 37 locations, no extra entry (README, tests/fixtures/subprocessors)."""
    labelled = right = located = extra = 0
    for file, rows in sorted(LABELS["heldout"].items()):
        read = read_list(FIXTURES, file)
        by_name = {entry.name: entry for entry in read.entries}
        names = {row["name"] for row in rows}
        extra += sum(1 for entry in read.entries if entry.name not in names)
        for row in rows:
            labelled += 1
            entry = by_name.get(row["name"])
            if entry is None:
                continue
            right += 1
            located += set(entry.locations) == set(filter(None, row["locations"].split(";")))
    print(f"held-out: entries {right}/{labelled}, locations {located}/{labelled}, extra {extra}")
    assert labelled == 37
    assert right / labelled >= 0.9 and located / labelled >= 0.9 and extra <= 2


def test_github_list_two_tables_duplicates_tabs_and_aliases():
    read = read_list(FIXTURES, "github_subprocessors.md")
    entries = {entry.normalised: entry for entry in read.entries}
    # "Microsoft (Azure)" twice and "Microsoft" are one entry: locations and purposes merged
    microsoft = entries["microsoft"]
    assert microsoft.name == "Microsoft (Azure)" and microsoft.aliases == ("azure",)
    assert microsoft.locations == tuple("US CA AU BR FR JP NO ES SE CH GB".split())
    assert microsoft.purpose == (
        "Cloud Hosted Infrastructure, Data Hosting, AI Inference and AI Services; Cognitive "
        "Services and customer support ticketing analysis; Technical Services"
    )
    assert entries["amazon web services"].aliases == ("aws",)
    assert entries["nexmo"].aliases == ("vonage",)
    assert entries["twilio"] == ListEntry(
        "Twilio (SendGrid)",
        "twilio",
        ("sendgrid",),
        ("US",),
        "SMS notification provider for 2 Factor Authentication",
    )
    # tabs inside the cells of the second table
    assert entries["npm"] == ListEntry("npm Inc", "npm", (), ("US",), "GitHub Subsidiary")
    # the processing location is read, not the corporate one
    assert entries["fireworks ai"].locations == ("US", "IS", "DE")
    assert entries["github"].name == "GitHub BV" and entries["github"].locations == ("NL",)
    assert len(read.entries) == 28


def test_readthedocs_definition_lists_without_dates_notes_or_links():
    read = read_list(FIXTURES, "readthedocs_subprocessors.rst")
    assert [entry.normalised for entry in read.entries] == [
        "amazon web services",
        "elasticsearch",
        "sendgrid",
        "google analytics",
        "stripe",
        "new relic",
        "sentry",
        "intercom",
        "frontapp",
    ]
    assert read.entries[0].purpose == "Cloud infrastructure provider."
    assert all(entry.locations == () for entry in read.entries)


def test_group_sentences_give_each_group_its_location():
    read = read_list(FIXTURES, "hey_subprocessors_2023.md")
    assert [(e.normalised, e.locations) for e in read.entries][-2:] == [
        ("taxjar", ("US",)),
        ("appsignal", ("EEA",)),
    ]
    assert read.entries[0].purpose == "Cloud services provider"


# --------------------------------------------------------------------------- Markdown

MARKDOWN = """---
title: Example sub-processors
redirect_from:
  - /subprocessors
---

# Example sub-processors

## Table of contents
- [Infrastructure](#infrastructure)
- [Support](#support)

> Note: this list is updated monthly.

## Infrastructure

| Provider | Purpose | Data location | HQ |
|---|---|---|---|
| **Amazon Web Services EMEA SARL** | Hosting | Frankfurt, Germany; Dublin, Ireland | United States |
| [Cloudflare](https://cloudflare.example) | CDN | Worldwide | United States |
| Bunny.net | CDN | EU | Slovenia |

## Support

These sub-processors are based in the United States:

* [Zendesk, Inc.](https://zendesk.example). Help desk.
* [Functional Software, Inc. d/b/a Sentry](https://sentry.example) for error tracking.
* Intercom R&D Unlimited Company - chat (Ireland)

## Your rights
- Object to a new sub-processor within 30 days of the notice we send you
- Receive notice before we add or replace one of our sub-processors

## What is a sub-processor?
- Cloud infrastructure (AWS, GCP)

## Previous versions
- [1 January 2026](subprocessors-2026-01.md)

## Changelog
- 2026-01-01: Added Bunny.net
"""


def test_markdown_tables_and_bullets_exact_entries():
    entries = read_entries(MARKDOWN, ".md")
    assert [(e.name, e.normalised, e.locations, e.purpose) for e in entries] == [
        ("Amazon Web Services EMEA SARL", "amazon web services emea", ("DE", "IE"), "Hosting"),
        ("Cloudflare", "cloudflare", ("worldwide",), "CDN"),
        ("Bunny.net", "bunny net", ("EEA",), "CDN"),
        ("Zendesk, Inc.", "zendesk", ("US",), "Help desk"),
        (
            "Functional Software, Inc. d/b/a Sentry",
            "functional software",
            ("US",),
            "error tracking",
        ),
        ("Intercom R&D Unlimited Company", "intercom r and d unlimited", ("IE",), "chat (Ireland)"),
    ]
    assert entries[4].aliases == ("sentry",)


def test_markdown_headings_toc_front_matter_notes_and_versions_are_not_entries():
    names = {entry.normalised for entry in read_entries(MARKDOWN, ".md")}
    for text in (
        "infrastructure",
        "support",
        "example",
        "object",
        "receive",
        "cloud infrastructure",
    ):
        assert not any(name.startswith(text) for name in names), text
    assert not any("2026" in name or "january" in name for name in names)
    assert read_entries("# Sub-processors\n\n## Amazon Web Services\n\nHosting.\n", ".md") == []


def test_html_table_embedded_in_markdown_is_read_by_the_html_parser():
    text = (
        "# Sub-processors\n\nSome text.\n\n"
        "<table>\n  <tr><th>Entity Name</th><th>Purpose</th><th>Corporate Location</th></tr>\n"
        '  <tr><td><a href="x"><b>Rollbar Inc.</b></a></td><td>Errors</td>\n'
        "  <td>\n        \n   51 Federal St<br>San Francisco, CA 94107<br>United States</td></tr>\n"
        "</table>\n\nAfter the table.\n\n- [Stripe, Inc.](https://stripe.example) for payments\n"
    )
    assert entries_of(text, ".md") == [("Rollbar Inc.", ("US",)), ("Stripe, Inc.", ())]


def test_name_lines_without_a_separator_and_short_lists():
    text = "Our sub-processors:\n\n- Mailgun Technologies, Inc.\n- Hetzner Online GmbH\n"
    assert entries_of(text, ".md") == [
        ("Mailgun Technologies, Inc.", ()),
        ("Hetzner Online GmbH", ()),
    ]


# --------------------------------------------------------------------------- HTML

HTML = """<!doctype html><html><head><title>Sub-processors</title>
<script>var list = "<ul><li>Evil Corp - injected</li></ul>";</script><style>li {}</style></head>
<body><header><nav><ul><li><a href="/terms">Terms of Service</a></li>
<li><a href="/privacy">Privacy policy</a></li></ul></nav></header>
<main><h1>Sub-processors</h1>
<ul class="toc"><li><a href="#infra">Infrastructure</a><li><a href="#support">Support</a></ul>
<h2 id=infra>Infrastructure</h2>
<p>These sub-processors are located in the European Union:</p>
<ul>
<li><a href="https://ovh.example"><strong>OVH SAS</strong></a> &ndash; hosting
<li><a href="https://scaleway.example">Scaleway S.A.S.</a>: object storage (France)
<li>Hetzner Online GmbH - backups
</ul>
<h2 id=support>Support</h2>
<table><tr><th colspan=3>Support tools</th></tr>
<tr><th>Vendor</th><th>Service</th><th>Country</th></tr>
<tr><td>Zendesk, Inc.</td><td>Help desk</td><td>United States; Ireland</td></tr>
<tr><td>Atlassian Pty Ltd (Jira)</td><td>Ticketing</td><td>Australia</td></tr>
</table>
<dl><dt>Stripe Payments Europe Ltd</dt><dd>Payments. Location: Ireland</dd></dl>
<blockquote><ul><li>Quoted Vendor Ltd - not an entry</li></ul></blockquote>
<p><i>Note: the list changes. Previous versions:</i></p>
<ul><li><a href="/subprocessors-2023.html">Version of 1 March 2023</a></li>
<li><a href="/subprocessors-2022.html">Previous version (2022)</a></li></ul>
</main><footer><ul><li><a href="/imprint">Imprint</a></li></ul></footer></body></html>"""


def test_html_lists_tables_and_definition_lists_exact_entries():
    entries = read_entries(HTML, ".html")
    assert [(e.name, e.normalised, e.aliases, e.locations, e.purpose) for e in entries] == [
        ("OVH SAS", "ovh", (), ("EEA",), "hosting"),
        ("Scaleway S.A.S.", "scaleway", (), ("FR",), "object storage (France)"),
        ("Hetzner Online GmbH", "hetzner online", (), ("EEA",), "backups"),
        ("Zendesk, Inc.", "zendesk", (), ("US", "IE"), "Help desk"),
        ("Atlassian Pty Ltd (Jira)", "atlassian", ("jira",), ("AU",), "Ticketing"),
        (
            "Stripe Payments Europe Ltd",
            "stripe payments europe",
            (),
            ("IE",),
            "Payments. Location: Ireland",
        ),
    ]


def test_html_is_parsed_not_pattern_matched():
    """Unclosed items, entities, nesting deeper than MAX_DEPTH and stray end tags."""
    deep = "<div>" * (lists.MAX_DEPTH + 50) + "<ul><li>Deep Vendor GmbH - x</li></ul>"
    text = (
        "<h1>Sub-processors</h1></span></p><ul><li>Acme &amp; Sons Ltd &ndash; printing"
        "<li>Caf&eacute; Cr&egrave;me SARL - catering</ul>" + deep
    )
    # deeper than MAX_DEPTH the structure is flattened (no recursion error), the rest is read
    assert [e.name for e in read_entries(text, ".html")] == ["Acme & Sons Ltd", "Café Crème SARL"]
    assert normalise_name("Café Crème SARL") == "cafe creme"


# --------------------------------------------------------------------------- reStructuredText

RST = """Sub-processors
==============

:Updated: 2026-07-01

.. contents::

Hosting
-------

These are located in Germany.

Hetzner Online GmbH
    Servers.

IONOS SE
    Backups. Location: Germany, France.

Other
-----

.. list-table::
   :header-rows: 1

   * - Company
     - Location
   * - Mailgun Technologies, Inc.
     - United States

* `Sentry <https://sentry.example>`_ for error tracking
* `Plausible Insights OU <https://plausible.example>`_ for analytics (Estonia)

.. note:: Not entries:

   * Foo Ltd for bar

.. seealso:: Previous versions are on GitHub.

.. include:: secret.txt
"""


def test_rst_definition_lists_tables_and_bullets_exact_entries(tmp_path):
    (tmp_path / "secret.txt").write_text("Secret Vendor\n    Must never be read.\n")
    (tmp_path / "list.rst").write_text(RST, encoding="utf-8")
    read = read_list(tmp_path, "list.rst")
    assert [(e.name, e.locations, e.purpose) for e in read.entries] == [
        ("Hetzner Online GmbH", ("DE",), "Servers."),
        ("IONOS SE", ("DE", "FR"), "Backups. Location: Germany, France."),
        ("Mailgun Technologies, Inc.", ("US",), ""),
        ("Sentry", (), "error tracking"),
        ("Plausible Insights OU", ("EE",), "analytics (Estonia)"),
    ]


def test_rst_include_and_raw_file_directives_are_not_followed(tmp_path, opened_files):
    (tmp_path / "list.rst").write_text(
        ".. include:: /etc/passwd\n\n.. raw:: html\n   :file: /etc/hostname\n\n"
        "Vendor Ltd\n    Hosting.\n",
        encoding="utf-8",
    )
    read = read_list(tmp_path, "list.rst")
    assert [e.name for e in read.entries] == ["Vendor Ltd"]
    assert not any(path in ("/etc/passwd", "/etc/hostname") for path in opened_files)


# --------------------------------------------------------------------------- text, PDF, DOCX

TEXT = """Sub-processors of Example SAS
Last updated: 1 June 2026

These sub-processors are hosted in the EU:
\u2022 Scaleway SAS \u2013 hosting
\u2022 Brevo (formerly Sendinblue) \u2013 e-mail
Sub-processors in the United States:
1. Twilio Inc. - SMS
2. Stripe, Inc. - payments

Vendor\tPurpose\tCountry
Mailjet SAS\tE-mail\tFrance
Pipedrive O\u00dc\tCRM\tEstonia, United States

Located in Switzerland:
Alpine Data AG - data warehouse
Swiss Post Ltd - printing

Page 1 of 2
"""


def test_plain_text_bullets_numbers_tab_tables_and_name_lines():
    entries = read_entries(TEXT, ".txt")
    assert [(e.name, e.normalised, e.aliases, e.locations) for e in entries] == [
        ("Scaleway SAS", "scaleway", (), ("EEA",)),
        ("Brevo (formerly Sendinblue)", "brevo", ("sendinblue",), ("EEA",)),
        ("Twilio Inc.", "twilio", (), ("US",)),
        ("Stripe, Inc.", "stripe", (), ("US",)),
        ("Mailjet SAS", "mailjet", (), ("FR",)),
        ("Pipedrive O\u00dc", "pipedrive", (), ("EE", "US")),
        ("Alpine Data AG", "alpine data", (), ("CH",)),
        ("Swiss Post Ltd", "swiss post", (), ("CH",)),
    ]


def test_pdf_list_through_the_contract_readers_extraction(tmp_path):
    (tmp_path / "list.pdf").write_bytes(
        pdf_document(
            [
                "Sub-processors of GitHub-like Corp",
                "These sub-processors are located in the United States:",
                "\u2022 Amazon Web Services, Inc. - cloud hosting",
                "\u2022 SendGrid (Twilio) - transactional e-mail",
                "Sub-processors located in the EU:",
                "\u2022 OVHcloud SAS - backups",
            ]
        )
    )
    read = read_list(tmp_path, "list.pdf")
    assert [(e.name, e.aliases, e.locations, e.purpose) for e in read.entries] == [
        ("Amazon Web Services, Inc.", (), ("US",), "cloud hosting"),
        ("SendGrid (Twilio)", ("twilio",), ("US",), "transactional e-mail"),
        ("OVHcloud SAS", (), ("EEA",), "backups"),
    ]


def test_docx_tables_headings_and_list_paragraphs(tmp_path):
    document = docx.Document()
    document.add_heading("Sub-processors", 1)
    document.add_paragraph("The following sub-processors process personal data:")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ["Sub-processor", "Purpose", "Location"], strict=True
    ):
        cell.text = text
    for row in (
        ["Mailjet SAS", "E-mail", "France"],
        ["Salesforce, Inc. (Slack)", "Chat", "US, IE"],
    ):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    merged = table.add_row().cells
    merged[0].merge(merged[2])
    merged[0].text = "Notes: transfers under the SCCs"
    document.add_heading("Support", 2)
    document.add_paragraph("Located in Germany:")
    document.add_paragraph("Personio SE & Co. KG \u2013 HR", style="List Bullet")
    document.add_paragraph("Zammad GmbH \u2013 tickets", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    (tmp_path / "list.docx").write_bytes(buffer.getvalue())
    read = read_list(tmp_path, "list.docx")
    assert [(e.name, e.normalised, e.locations, e.purpose) for e in read.entries] == [
        ("Mailjet SAS", "mailjet", ("FR",), "E-mail"),
        ("Salesforce, Inc. (Slack)", "salesforce", ("US", "IE"), "Chat"),
        ("Personio SE & Co. KG", "personio", ("DE",), "HR"),
        ("Zammad GmbH", "zammad", ("DE",), "tickets"),
    ]


def test_sample_docx_builder_is_read(tmp_path):
    (tmp_path / "l.docx").write_bytes(
        docx_table_document("Title", "Intro.", ["Vendor", "Country"], [["Acme GmbH", "Austria"]])
    )
    assert [(e.name, e.locations) for e in read_list(tmp_path, "l.docx").entries] == [
        ("Acme GmbH", ("AT",))
    ]


# --------------------------------------------------------------------------- locations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("United States, Iceland, Germany", ("US", "IS", "DE")),
        ("Australia; Brazil | Canada", ("AU", "BR", "CA")),
        ("EU", ("EEA",)),
        ("European Union", ("EEA",)),
        ("EEA", ("EEA",)),
        ("Union européenne", ("EEA",)),
        ("Worldwide", ("worldwide",)),
        ("Global", ("worldwide",)),
        ("Finland (EU)", ("FI",)),
        ("410 Terry Avenue North,\nSeattle, WA 98109\nUnited States of America", ("US",)),
        ("Frankfurt, Stockholm, Dublin", ()),  # cities are not read
        ("", ()),
    ],
)
def test_locations_in_a_cell(text, expected):
    assert locations_in(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("These subprocessors are all located in the United States:", ("US",)),
        ("These subprocessors are located in the EU:", ("EEA",)),
        ("also all located in the US", ("US",)),
        ("Our providers are based in the United States and Canada.", ("US", "CA")),
        ("Data is hosted in Germany unless stated otherwise.", ("DE",)),
        ("Ces sous-traitants sont situés dans l'Union européenne.", ("EEA",)),
        ("We use the following sub-processors:", ()),
        ("Customers in the EU may object.", ()),
        ("The data stored in it is encrypted.", ()),
        ("Hébergés dans l’UE.", ("EEA",)),
    ],
)
def test_locations_from_the_sentence_introducing_a_group(sentence, expected):
    assert lists.sentence_locations(sentence) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("United States", ("US",)),
        ("EU sub-processors", ("EEA",)),
        ("Sub-processors located in the EEA", ("EEA",)),
        ("US-based vendors", ("US",)),
        ("GitHub Subsidiaries", ()),
        ("Third Party Subprocessors", ()),
        ("Infrastructure", ()),
    ],
)
def test_locations_from_a_heading(heading, expected):
    assert lists.heading_locations(heading) == expected


def test_own_location_wins_over_the_group_sentence():
    text = (
        "These sub-processors are located in the EU:\n\n"
        "- Acme Ltd - printing (United Kingdom)\n- Beta GmbH - hosting\n"
    )
    assert entries_of(text, ".md") == [("Acme Ltd", ("GB",)), ("Beta GmbH", ("EEA",))]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Amazon Web Services, Inc.", "amazon web services"),
        ("Anthropic PBC", "anthropic"),
        ("Hewlett-Packard Limited", "hewlett packard"),
        ("GitHub Germany GmbH", "github germany"),
        ("GitHub Australia Pty Ltd", "github australia"),
        ("Scaleway S.A.S.", "scaleway"),
        ("OVH SAS", "ovh"),
        ("Atlas SARL", "atlas"),
        ("Elasticsearch B.V.", "elasticsearch"),
        ("Adyen N.V.", "adyen"),
        ("Klarna Bank AB", "klarna bank"),
        ("Twilio Ireland plc", "twilio ireland"),
        ("Seznam.cz, a.s.", "seznam cz"),
        ("Kiwi s.r.o.", "kiwi"),
        ("Personio SE & Co. KG", "personio"),
        ("The Rocket Science Group LLC", "rocket science group"),
        ("Société Générale S.A.", "societe generale"),
        ("McDonald's Corporation", "mcdonalds"),
        ("AB", "ab"),  # a legal form alone stays
        ("  Twilio     (SendGrid) ", "twilio sendgrid"),
    ],
)
def test_normalise_name(name, normalised):
    assert normalise_name(name) == normalised


@pytest.mark.parametrize(
    ("name", "normalised", "aliases", "locations"),
    [
        ("Amazon Web Services Inc (AWS)", "amazon web services", ("aws",), ()),
        ("NexMo Inc (aka Vonage)", "nexmo", ("vonage",), ()),
        ("Functional Software, Inc. d/b/a Sentry", "functional software", ("sentry",), ()),
        ("Rocket Science Group LLC dba Mailchimp", "rocket science group", ("mailchimp",), ()),
        ("Brevo (formerly Sendinblue)", "brevo", ("sendinblue",), ()),
        ("Acme a.k.a. Roadrunner Ltd", "acme", ("roadrunner",), ()),
        ("OVH (France)", "ovh", (), ("FR",)),
        ("Google Cloud EMEA (EU)", "google cloud emea", (), ("EEA",)),
        ("Google Inc.*", "google", (), ()),
    ],
)
def test_name_parts_aliases_and_places_in_brackets(name, normalised, aliases, locations):
    parts = name_parts(name)
    assert (parts.normalised, parts.aliases, parts.locations) == (normalised, aliases, locations)


def test_names_match_on_aliases_and_ignore_spaces():
    entry = name_parts("Amazon Web Services Inc (AWS)")
    assert match_keys("aws") <= match_keys(entry.normalised, entry.aliases)
    assert match_keys(normalise_name("Send Grid")) == match_keys(normalise_name("SendGrid, Inc."))


def test_register_names_ids_none_and_duplicates():
    names = register_names(
        ("AWS", "Amazon Web Services, Inc.", "P2", "none", "", "amazon web services"),
        {"P2": "Zendesk Inc"},
    )
    assert [(n.value, n.name, n.normalised) for n in names] == [
        ("AWS", "AWS", "aws"),
        ("Amazon Web Services, Inc.", "Amazon Web Services, Inc.", "amazon web services"),
        ("P2", "Zendesk Inc", "zendesk"),
    ]
    assert "p2" in names[2].keys  # the id itself matches too


def test_compare_an_entry_matching_two_register_names_is_one_match():
    entries = [
        ListEntry("Amazon Web Services Inc (AWS)", "amazon web services", ("aws",)),
        ListEntry("Fastly", "fastly"),
    ]
    names = register_names(("AWS", "Amazon Web Services", "Heroku"))
    comparison = compare(entries, names)
    assert comparison.in_register == (True, False)
    assert [name.normalised for name in comparison.not_listed] == ["heroku"]


def test_entries_with_the_same_normalised_name_are_merged():
    text = (
        "| Vendor | Purpose | Country |\n|---|---|---|\n"
        "| Acme Ltd | Hosting | France |\n| ACME Limited (Roadrunner) | Backups | Germany |\n"
        "| Acme Ltd | Hosting | France |\n"
    )
    assert read_entries(text, ".md") == [
        ListEntry("Acme Ltd", "acme", ("roadrunner",), ("FR", "DE"), "Hosting; Backups")
    ]


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def opened_files(monkeypatch) -> list[str]:
    """Every path opened while the test runs (builtins.open, io.open, Path.read_bytes)."""
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(os.fspath(file) if isinstance(file, (str, os.PathLike)) else repr(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    return opened


@pytest.fixture
def documents(tmp_path) -> Path:
    folder = tmp_path / "documents"
    (folder / "lists").mkdir(parents=True)
    (tmp_path / "outside.md").write_text("- Outside Vendor Ltd - secret\n", encoding="utf-8")
    (folder / "lists" / "ok.md").write_text("- Vendor Ltd - hosting\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "value", ["../outside.md", "lists/../../outside.md", "/etc/passwd", "C:\\lists\\x.md"]
)
def test_paths_outside_the_documents_folder_are_refused_never_opened(
    documents, opened_files, value
):
    read = read_list(documents, value)
    assert (read.status, read.reason, read.entries) == ("refused", REFUSED_REASON, ())
    assert not any("outside" in path or "passwd" in path for path in opened_files)


def test_a_symbolic_link_out_of_the_folder_is_refused(documents, opened_files):
    (documents / "lists" / "link.md").symlink_to(documents.parent / "outside.md")
    read = read_list(documents, "lists/link.md")
    assert read.status == "refused"
    assert not any("outside" in path for path in opened_files)
    (documents / "lists" / "inside.md").symlink_to(documents / "lists" / "ok.md")
    assert read_list(documents, "lists/inside.md").status == "read"


@pytest.mark.parametrize(
    ("name", "content", "status", "reason"),
    [
        ("missing.md", None, "missing", "file not found"),
        ("empty.md", b"", "unreadable", "no text found"),
        ("blank.html", b"  \n\t\n", "unreadable", "no text found"),
        ("binary.txt", b"ab\x00cd", "unreadable", "binary content"),
        ("list.xls", b"x", "unreadable", "unsupported file type '.xls'"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<<", "unreadable", "corrupt or unreadable PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "unreadable", "corrupt or unreadable DOCX"),
        ("legacy.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8, "unreadable", "legacy"),
        ("prose.md", b"# Sub-processors\n\nAvailable on request.\n", "empty", "no sub-processor"),
        ("prose.html", b"<p>None.</p>", "empty", "no sub-processor"),
    ],
)
def test_unusable_lists_give_a_status_and_a_reason(documents, name, content, status, reason):
    if content is not None:
        (documents / "lists" / name).write_bytes(content)
    read = read_list(documents, f"lists/{name}")
    assert read.status == status and reason in read.reason and read.entries == ()
    assert str(documents) not in read.reason  # no absolute path in a report


def test_a_folder_and_an_empty_value(documents):
    assert read_list(documents, "lists").status == "unreadable"
    assert read_list(documents, "  ").status == "missing"


def test_a_parser_failure_is_unreadable_not_an_exception(documents, monkeypatch):
    def boom(text):
        raise RecursionError("too deep")

    monkeypatch.setitem(lists._PARSERS, ".md", boom)
    read = read_list(documents, "lists/ok.md")
    assert (read.status, read.reason) == ("unreadable", "could not be parsed (RecursionError)")


def test_windows_1252_text_is_read(documents):
    (documents / "lists" / "legacy.txt").write_bytes(
        "Sous-traitants situés en France :\n- Société Générale SA - banque\n".encode("cp1252")
    )
    read = read_list(documents, "lists/legacy.txt")
    assert [(e.name, e.locations) for e in read.entries] == [("Société Générale SA", ("FR",))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(
        st.sampled_from(
            [*"<>/|-*#:=`[]()\n\t ab1.ÀŞ&;", "<li>", "<td>", "| --- |", ".. ", "::", "Ltd"]
        ),
        max_size=120,
    ).map("".join),
    suffix=st.sampled_from([".md", ".html", ".rst", ".txt"]),
)
def test_any_text_reads_without_an_exception(text, suffix):
    for entry in read_entries(text, suffix):
        assert entry.normalised and entry.name


def test_a_name_too_long_for_the_file_system_is_unreadable(documents):
    read = read_list(documents, "lists/" + "x" * 600 + ".md")
    assert read.status == "unreadable" and "File name too long" in read.reason


def test_a_path_with_a_nul_character_is_unreadable(documents):
    read = read_list(documents, "lists/ok\x00.md")
    assert (read.status, read.reason) == ("unreadable", "the path holds a NUL character")
