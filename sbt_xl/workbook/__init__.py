"""The submission workbook: its layout spec, the template, the reader and the writers."""
