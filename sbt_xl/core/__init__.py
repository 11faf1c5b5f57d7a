"""The target math: pathways, ambition classes, SDA, scope 3, sector data, criteria numbers.

Pure Python and numpy (pandas only for ``pathway_frame``, an extra); nothing here knows about workbooks or Excel.
"""
