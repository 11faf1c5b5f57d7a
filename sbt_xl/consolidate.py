"""Entry of the add-in ``sbt_xl.consolidate.xlam``: its ribbon callback runs
``import sbt_xl.consolidate; sbt_xl.consolidate.main()`` (the add-in's file name is the
module it imports, as ``sbt_xl.xlam`` runs :func:`sbt_xl.main`)."""

from sbt_xl.excel.consolidate import main

__all__ = ["main"]
