"""The ``sbt-xl`` command line: ``main`` (core formulas) and ``workbook`` (template, validate)."""

from sbt_xl.cli.main import main

__all__ = ["main"]
