"""Sub-commands of ``auditor``, one module each (see ``auditor.cli.COMMANDS``)."""
