"""Rendering: Jinja with the theme lookup, the privacy guard, and the store of rendered pages."""
