"""`portfolio new`: scaffold a project."""
