"""The commands besides build and serve: import, check and new, reusing the stages above."""
