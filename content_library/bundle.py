"""The bundle's old import path, kept for its importers: the code lives in ``protocol``.

Nothing is defined here; new code imports ``protocol.bundle``, ``protocol.manifest``,
``protocol.sequence`` or ``protocol.canonical`` directly.
"""

from protocol.bundle import Limits as Limits
from protocol.bundle import Member as Member
from protocol.bundle import VerifiedBundle as VerifiedBundle
from protocol.bundle import build_bundle as build_bundle
from protocol.bundle import extract_bundle as extract_bundle
from protocol.bundle import read_manifest_unverified as read_manifest_unverified
from protocol.bundle import verify_bundle as verify_bundle
from protocol.canonical import canonical_json as canonical_json
from protocol.errors import BundleRejected as BundleRejected
from protocol.errors import ManifestInvalid as ManifestInvalid
from protocol.manifest import FORMAT_VERSION as FORMAT_VERSION
from protocol.manifest import Approval as Approval
from protocol.manifest import BundleItem as BundleItem
from protocol.manifest import Manifest as Manifest
from protocol.manifest import Target as Target
from protocol.sequence import STATE_FILE_NAME as STATE_FILE_NAME
from protocol.sequence import record_accepted as record_accepted
from protocol.sequence import target_key as target_key
