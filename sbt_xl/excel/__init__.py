"""Excel itself: the ribbon entry, the .xlam add-in and the xlwings book."""
