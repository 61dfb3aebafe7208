"""Local use: `make run` serves with these settings (production server, no DEBUG pages)."""

from .base import *  # noqa: F403

DEBUG = bool(int(__import__("os").environ.get("GONGKAI_DEBUG", "0")))
