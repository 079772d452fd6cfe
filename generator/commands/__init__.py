"""One module per command (group); importing this package registers them all on the app."""

from generator.commands import catalog_cmds, check_cmd, index_cmd, new_cmd, sync_cmd  # noqa: F401
