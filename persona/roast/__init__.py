"""Roast mode: import a consenting person's profile, find roast angles in code, and generate
a grounded, safe roast on a small local model (best-of-N, scored in code)."""

from __future__ import annotations

from persona.roast.angles import Angle, extract_angles
from persona.roast.generate import INTENSITIES, RoastOptions, RoastResult, roast_profile
from persona.roast.importers import load_profile
from persona.roast.profile import Post, Profile, Repo
from persona.roast.safety import find_protected
from persona.roast.scorer import RoastScore, score_roast

__all__ = [
    "INTENSITIES",
    "Angle",
    "Post",
    "Profile",
    "Repo",
    "RoastOptions",
    "RoastResult",
    "RoastScore",
    "extract_angles",
    "find_protected",
    "load_profile",
    "roast_profile",
    "score_roast",
]
