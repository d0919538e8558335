"""Content as data: tenant-rights checklists, workshop modules and coaching tips, in English and Spanish."""
