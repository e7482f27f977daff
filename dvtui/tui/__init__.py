"""The Textual UI: the app, its screens and widgets, and the backend, its one seam to the core.

May import every layer below it; the only package that imports Textual (a contract checks it).
"""
