"""Documents the audits read besides the registers: processors' contracts (Art. 28(3) clauses)
and, later, their published sub-processor lists. One module per kind of document."""
