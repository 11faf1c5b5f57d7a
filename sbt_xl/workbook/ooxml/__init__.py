"""The OOXML package: parts, XML, zip members, cells, styles and notes as sbt-xl reads and writes them."""
