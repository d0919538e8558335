"""The tenant-rights page: the checklist screens and the inline tenant-law calculators."""
