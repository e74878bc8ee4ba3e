"""The version of specdiff (one place; the package and the command line read it here)."""

__version__ = "0.2.0"
