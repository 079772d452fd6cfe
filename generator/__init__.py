"""portfolio: scaffold, check and publish machine-learning portfolio projects."""

__version__ = "0.1.0"
