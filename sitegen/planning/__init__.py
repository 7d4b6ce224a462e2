"""Planning pages: every URL and output path, booking, navigation, template contexts,
structured data and the page families, as a list of PageJobs."""
