"""Rules, grouped in families (one module each), registered in :mod:`auditor.checks.registry`."""
