"""The theme: where templates and static files are looked up, the theme's words in each
language, and the static assets, named for their bytes."""
