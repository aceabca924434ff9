"""Documents the audits read besides the registers: processors' contracts (Art. 28(3) clauses,
`contracts.py`) and their published sub-processor lists (Art. 28(2), (4),
`subprocessor_lists.py`), opened through the shared readers of `files.py`. One module per kind
of document."""
