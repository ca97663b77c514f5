"""Local dashboard and read-only JSON API (FastAPI): ``create_app(store)``, ``serve(db)``."""

from sitroom.web.app import create_app, serve

__all__ = ["create_app", "serve"]
