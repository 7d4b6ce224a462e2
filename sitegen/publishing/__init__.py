"""Publishing: the staged, atomic writer, feeds, the sitemap, the search index, resized
images and the up-to-date stamp."""
