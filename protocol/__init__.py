"""What the panel and the unit must agree on byte for byte, defined once: the signed formats.

Both sides import these modules, so a change to any rule changes it for both at once:

- ``canonical``        canonical JSON: the one byte string of a value that gets hashed or signed
- ``errors``           the formats' errors (one root, English and Vietnamese reasons)
- ``files``            atomic file writes (temp file, fsync, rename, fsync the folder)
- ``keys``             Ed25519 keys: key id, key files and lines, sign and verify
- ``manifest``         the bundle manifest model and its strict parser
- ``ustar``            the bundle's one exact tar layout: headers, padding, member names
- ``bundle``           build, verify and extract a signed bundle
- ``sequence``         the newest sequence accepted from the panel's keys (replay protection)
- ``asrun_chain``      the as-run entry: body, hash, signature, row check, chain and head
- ``request_signing``  the signature on each unit → panel sync request

Dependencies: the standard library, ``cryptography``, and ``content_library.types`` (only
``protocol.manifest``, for ``Priority``: the levels are domain vocabulary that the manifest
carries, and ``content_library.types`` imports nothing, so no module imports itself back).
No ORM, no web framework, no numpy: the speaker unit runs all of it. import-linter checks this
("protocol imports only the standard library, cryptography and content_library.types").
"""
