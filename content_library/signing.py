"""The keys' old import path, kept for its importers: the code lives in ``protocol.keys``."""

from protocol.errors import KeyFileError as KeyFileError
from protocol.keys import generate_keypair as generate_keypair
from protocol.keys import key_id as key_id
from protocol.keys import load_or_create_private_key as load_or_create_private_key
from protocol.keys import load_private_key as load_private_key
from protocol.keys import load_trusted_keys as load_trusted_keys
from protocol.keys import parse_public_key_line as parse_public_key_line
from protocol.keys import public_key_line as public_key_line
from protocol.keys import sign as sign
from protocol.keys import verify_signature as verify_signature
from protocol.keys import write_private_key as write_private_key
from protocol.keys import write_public_key as write_public_key
