"""One module per command (group); importing this package registers them all on the app."""

from generator.commands import catalog_cmds, new_cmd, publish_cmd, sync_cmd  # noqa: F401
