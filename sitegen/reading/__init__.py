"""Reading content: discovery, front matter, articles, journeys, Markdown, image probing and
the parse caches, into the plain models of `reading.models`."""
