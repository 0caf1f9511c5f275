"""What the panel does besides HTTP: rendering audio, reports and their exports, the devices
dashboard's queries, charts, diffs, form parsing and display labels.

Nothing here reads a request or renders a page; route modules (``web.routes``) call these and
the domain (``content_library.services``). See the layers contract in pyproject.toml.
"""
