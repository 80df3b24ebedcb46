"""The motion catalog: which motions exist, their adult reference range, input limits and MDC."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from ptlog.domain.i18n import Translator
from ptlog.domain.records import MotionKey
from ptlog.domain.resources import load_json

DEFAULT_MDC = 5.0


@dataclass(frozen=True, slots=True)
class MotionSpec:
    key: MotionKey
    label: str  # "Hip internal rotation"
    normal_start: float
    normal_end: float  # adult reference end-range (AAOS)
    impossible_below: float
    impossible_above: float
    unusual_below: float
    unusual_above: float
    mdc: float  # minimal detectable change (MDC95), degrees

    @property
    def joint_label(self) -> str:
        return self.key.joint.capitalize()

    @property
    def motion_label(self) -> str:
        """The motion without the joint, e.g. "internal rotation"."""
        return self.key.motion.replace("_", " ")


@cache
def catalog() -> dict[MotionKey, MotionSpec]:
    """Every motion ptlog knows, keyed by ``MotionKey``, in catalog order."""
    data = load_json("catalog.json")
    specs: dict[MotionKey, MotionSpec] = {}
    for row in data["motions"]:
        key = MotionKey(row["joint"], row["motion"])
        specs[key] = MotionSpec(
            key=key,
            label=row["label"],
            normal_start=float(row["normal_start"]),
            normal_end=float(row["normal_end"]),
            impossible_below=float(row["impossible_below"]),
            impossible_above=float(row["impossible_above"]),
            unusual_below=float(row["unusual_below"]),
            unusual_above=float(row["unusual_above"]),
            mdc=float(row.get("mdc", DEFAULT_MDC)),
        )
    return specs


def motion_spec(key: MotionKey | str) -> MotionSpec:
    """The catalog entry for a motion; ``KeyError`` with a readable message if unknown."""
    if isinstance(key, str):
        key = MotionKey.parse(key)
    try:
        return catalog()[key]
    except KeyError:
        raise KeyError(f"unknown motion {key} (not in the motion catalog)") from None


def is_known_motion(joint: str, motion: str) -> bool:
    return MotionKey(joint, motion) in catalog()


def joints() -> list[str]:
    seen: dict[str, None] = {}
    for key in catalog():
        seen.setdefault(key.joint, None)
    return list(seen)


@cache
def hip_panel() -> tuple[MotionKey, ...]:
    """The six hip motions of the entry template, in the order a PT measures them."""
    return tuple(MotionKey.parse(text) for text in load_json("catalog.json")["hip_panel"])


def normal_source() -> str:
    return str(load_json("catalog.json")["normal_source"])


def mdc_for(key: MotionKey, overrides: Mapping[str, float] | None = None) -> float:
    """MDC for a motion: the clinic's override (keyed ``joint.motion``) or the catalog default."""
    if overrides and str(key) in overrides:
        return float(overrides[str(key)])
    spec = catalog().get(key)
    return spec.mdc if spec else DEFAULT_MDC


def mdc_source(key: MotionKey) -> str:
    sources = load_json("catalog.json")["mdc_source"]
    return str(sources.get(str(key), sources["*"]))


def motion_name(key: MotionKey, tr: Translator, *, in_text: bool = False) -> str:
    """The motion's label in the language of ``tr`` ("Rotación interna de cadera"); with
    ``in_text``, as it reads inside a sentence. A motion not in the catalog keeps its key."""
    spec = catalog().get(key)
    if spec is None:
        return str(key)
    label = tr(spec.label)
    return tr.in_text(label) if in_text else label
