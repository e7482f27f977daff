"""The Textual UI: app, screens, widgets, the backend seam to the core.

The only package that imports Textual; it may import every layer below it.
"""
