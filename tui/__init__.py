"""The Textual review app (``auditor review``). The core library never imports this package."""
