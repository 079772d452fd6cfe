"""One module per command (group); importing this package registers them all on the app."""

from generator.commands import catalog_author_cmd, catalog_cmds, new_cmd, sync_cmd, update_cmd  # noqa: F401
