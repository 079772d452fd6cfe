"""One module per command (group); importing this package registers them all on the app."""

from generator.commands import (  # noqa: F401
    catalog_author_cmd,
    catalog_cmds,
    check_cmd,
    cohort_cmd,
    index_cmd,
    new_cmd,
    publish_cmd,
    sync_cmd,
    update_cmd,
)
