"""The package version, single-sourced for the build backend and ``__version__``."""

#: The installed version of tiktokshop-sync.
__version__ = "0.1.0"
