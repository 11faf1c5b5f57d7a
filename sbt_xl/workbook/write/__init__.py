"""Writing findings back into a workbook, and how its rows print."""
