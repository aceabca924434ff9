"""GDPR audit notebook suite: schemas, loaders, rules, reporting and the command line."""

import sys
import types

__version__ = "0.1.0"

# pandera imports dask.dataframe (about 2 s, measured) whenever dask is installed, only to learn
# dask's Series and Index types; our schemas are pandas schemas, and the Dask engine does not use
# pandera's dask typing. Unless dask.dataframe is already loaded, tell pandera it is absent, so
# that each audit notebook's kernel does not pay for it.
if "dask.dataframe" not in sys.modules and "pandera.typing.dask" not in sys.modules:
    _stub = types.ModuleType("pandera.typing.dask")
    _stub.DASK_INSTALLED = False
    sys.modules["pandera.typing.dask"] = _stub

# jsonschema (imported by nbformat, which papermill and the runner use) imports rfc3987_syntax when
# it is installed (jupyter-events pulls it in) to check the "iri" string format; building its lark
# grammars takes 1.5 s (measured) in every process that opens a notebook. No notebook schema uses
# that format: unless it is already loaded, tell jsonschema it is absent.
if "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules:
    sys.modules["rfc3987_syntax"] = None  # import now raises ImportError, which jsonschema expects
