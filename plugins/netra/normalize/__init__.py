"""Normalizing: platform payloads to the unified post model, with no database and no network.

parse.py reads a page or a capture export into `Item`s; each platform's module (named in
netra.platforms) reads its own item shape; fields.py and urls.py are the shared readers; tips.py
reads the public-tips CSV."""
