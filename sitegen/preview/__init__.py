"""The live preview: the HTTP server and its request guard, the file watcher, and the
incremental builder."""
