"""content_library."""
