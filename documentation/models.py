# The document library: filled by the documentation issue.
