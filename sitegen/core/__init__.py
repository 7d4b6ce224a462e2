"""Small shared pieces every stage may use: located errors, the clock, slugs, located YAML,
the schema reader, parallel map, memos, sealed files, and the folders sitegen owns."""
