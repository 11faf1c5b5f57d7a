"""Reading a submission workbook: the full reader and the roll-up's scanner."""
