"""Routes of the panel: HTML pages and the /api/v1 JSON API."""
