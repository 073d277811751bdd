"""newsdedup: find the original of republished news."""

__version__ = "0.1.0"
