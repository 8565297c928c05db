"""Where an incident is: UK postcodes checked and written one way, addresses compared loosely,
and distances between coordinates (for spotting two calls about the same thing)."""

from __future__ import annotations

import math
import re

from synergy.core.errors import InvalidRequest

# The shapes the Royal Mail uses (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA),
# plus GIR 0AA. The inward part never uses C, I, K, M, O or V.
_POSTCODE = re.compile(
    r"^(?P<out>[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?))"
    r"\s*(?P<in>[0-9][ABD-HJLNP-UW-Z]{2})$|^(?P<gir>GIR\s*0AA)$"
)
EARTH_RADIUS_METRES = 6_371_000


def normalise_postcode(text: str) -> str:
    """'b54tr' -> 'B5 4TR'; an InvalidRequest naming the field if it is not a UK postcode."""
    cleaned = re.sub(r"\s+", "", text.upper())
    match = _POSTCODE.match(cleaned)
    if match is None or len(cleaned) > 8:
        raise InvalidRequest(
            "Enter a real UK postcode, like B5 4TR, or leave it out", field="postcode"
        )
    if match["gir"]:
        return "GIR 0AA"
    return f"{match['out']} {match['in']}"


def outward_code(postcode: str) -> str:
    return postcode.split(" ")[0]


def address_key(address: str) -> str:
    """A form of the address for comparison: lower case, letters and digits only."""
    words = re.findall(r"[a-z0-9]+", address.lower())
    return " ".join(words)[:300]


def check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise InvalidRequest("Give both latitude and longitude, or neither", field="latitude")
    if latitude is not None and not 49.0 <= latitude <= 61.5:
        raise InvalidRequest("The latitude is outside the United Kingdom", field="latitude")
    if longitude is not None and not -9.0 <= longitude <= 2.5:
        raise InvalidRequest("The longitude is outside the United Kingdom", field="longitude")


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); accurate to well under a metre at these distances."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(a))
