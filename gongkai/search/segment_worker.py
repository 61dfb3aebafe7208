"""Imported once by the fork server of `bulk._pool_context` (`set_forkserver_preload`): it loads the
dictionary there, and every segmenting worker forked from that single-threaded process starts with it
(ADR 0065). Importable without Django set up."""

from . import segment

segment.warm()
