"""`portfolio sync`."""
