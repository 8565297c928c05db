"""What the notebook's writing pages let the browser do beyond the platform's defaults.

The platform denies geolocation everywhere; the pages where entries are written (online and
offline) may ask for it. The browser still asks the officer, and only a ticked box adds a
location to an entry.
"""

LOCATION_ALLOWED = "camera=(), geolocation=(self), microphone=()"
