"""The real WSGI application, plus a header naming the worker process that answered (test only), so
the two-worker test can prove a request was served by a different process than the one before."""

import os

from config.wsgi import application as _application


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Test-Worker", str(os.getpid()))], exc_info)

    return _application(environ, start)
