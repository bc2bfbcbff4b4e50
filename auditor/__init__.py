"""auditor: audit Chinese machine translations of English semiconductor-industry text.

The library runs without any UI: ``auditor.pipeline.audit`` is the one entry point that the
command line and the review app both call.
"""

__version__ = "0.1.0"
