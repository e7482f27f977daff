"""The git boundary: the only package that starts git or imports GitPython.

May import the standard library, GitPython and ``dvtui.core``; knows nothing of records on disk.
"""
