"""Agreements and zones: ceasefires, de-escalation zones, road corridors, posts and patrols.

Agreements are extracted from reports (:mod:`sitroom.extract.agreements`) or imported
from a user file (:func:`load_agreements_file`, schema in :mod:`sitroom.zones.userfile`);
events inside an active zone or corridor are flagged as potential violations
(:func:`violations`, rules in :mod:`sitroom.zones.monitor`).
"""

from sitroom.zones.geojson import agreements_geojson
from sitroom.zones.geometry import corridor_polygon_m, distance_to_line_km
from sitroom.zones.merge import merge_agreements
from sitroom.zones.monitor import patrol_status, violations, weekly_counts
from sitroom.zones.records import Agreement, Term, Violation
from sitroom.zones.userfile import AgreementFileError, load_agreements_file

__all__ = [
    "Agreement",
    "AgreementFileError",
    "Term",
    "Violation",
    "agreements_geojson",
    "corridor_polygon_m",
    "distance_to_line_km",
    "load_agreements_file",
    "merge_agreements",
    "patrol_status",
    "violations",
    "weekly_counts",
]
