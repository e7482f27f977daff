"""The pure core: record kinds, validation, the canonical codec, merges, derived facts, text.

May import only the standard library, tomli-w and ``dvtui.i18n``: no files, no git, no UI.
"""
