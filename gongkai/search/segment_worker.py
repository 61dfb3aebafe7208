"""What the segmenting worker processes of `bulk.index_documents` run, importable without Django.

The fork server of `bulk._pool_context` imports this module once (`set_forkserver_preload`), which loads
the dictionary there; every worker is forked from that single-threaded process and so starts with it."""

from . import segment

segment.warm()


def segment_batch(batch: list[tuple[str, str, str]]) -> list[dict]:
    """Title, metadata text and body text of each document → their index tokens."""
    return [
        {
            "title": segment.index_tokens(title),
            "meta": segment.index_tokens(meta),
            "text": segment.index_tokens(text),
        }
        for title, meta, text in batch
    ]
