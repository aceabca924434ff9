"""GDPR audit notebook suite: schemas, loaders, rules, reporting and the command line."""

__version__ = "0.1.0"
