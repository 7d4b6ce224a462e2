"""The site's configuration: `site.yaml` read into a typed, frozen SiteConfig, every problem
reported at once with its line."""
