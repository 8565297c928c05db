"""The force's own brand on every page: its name, logo, header colour and footer links.

A force's service carries its own brand, not GOV.UK's (no Royal Arms, crown or Open Government
Licence mark). The defaults are neutral. Set `SYNERGY_BRAND_NAME`, `SYNERGY_BRAND_LOGO_FILE`
(an SVG or PNG), `SYNERGY_BRAND_COLOUR` (a hex colour for the header) and
`SYNERGY_BRAND_FOOTER_LINKS` ("Contact us=https://example.police.uk/contact; Cookies=/cookies"),
or the `[brand]` table of the settings file. The colour goes into a small stylesheet written at
start-up (inline styles are not allowed by the content security policy).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pydantic import Field, field_validator

from synergy.core.config import ServiceSettings, Settings

NEUTRAL_COLOUR = "#0b0c0c"


class BrandSettings(ServiceSettings, env_prefix="SYNERGY_BRAND_"):
    name: str = Field(default="Police service", min_length=1, max_length=80)
    logo_file: Path | None = Field(default=None, description="SVG or PNG shown in the header")
    colour: str = Field(default=NEUTRAL_COLOUR, pattern=r"^#[0-9a-fA-F]{6}$")
    footer_links: str = Field(default="", description="'Label=URL; Label=URL'")
    data_protection_contact: str = Field(
        default="the Data Protection Officer, through the force's website",
        description="How to reach the force's Data Protection Officer (privacy notice)",
    )
    accessibility_contact: str = Field(
        default="the force's digital team, through the force's website",
        description="Where to report an accessibility problem (accessibility statement)",
    )

    @field_validator("logo_file")
    @classmethod
    def _logo_is_an_image(cls, value: Path | None) -> Path | None:
        if value is not None and (
            value.suffix.lower() not in (".svg", ".png") or not value.exists()
        ):
            raise ValueError("must be an existing .svg or .png file")
        return value

    def links(self) -> list[dict[str, str]]:
        found = []
        for item in self.footer_links.split(";"):
            label, _, url = item.partition("=")
            if label.strip() and url.strip():
                found.append({"text": label.strip(), "href": url.strip()})
        return found

    @property
    def logo_url(self) -> str:
        return f"/static/brand/logo{self.logo_file.suffix.lower()}" if self.logo_file else ""


def write_brand_assets(settings: Settings) -> Path:
    """The folder served at /static/brand: the header colour's stylesheet and the logo."""
    brand = settings.section(BrandSettings)
    folder = settings.data_dir / "brand"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.css").write_text(
        f".govuk-generic-header {{ background-color: {brand.colour}; "
        f"border-bottom-color: {brand.colour}; }}\n"
        ".synergy-brand-logo { height: 2rem; vertical-align: middle; margin-right: 10px; }\n"
    )
    if brand.logo_file is not None:
        shutil.copyfile(brand.logo_file, folder / f"logo{brand.logo_file.suffix.lower()}")
    return folder
