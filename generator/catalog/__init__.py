"""Stage 1, the catalog: which project types exist and where their templates live.

Takes in: ``project_catalog/*.toml`` (built in) and custom catalogs (a folder, or a git URL with
``@REF``). Hands on: validated ``CatalogEntry`` objects (``entries``), each with a template folder
resolved from a directory or a git checkout (``source``); ``authoring`` writes and validates a
bootcamp's own catalog.
"""
