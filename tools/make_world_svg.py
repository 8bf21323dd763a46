#!/usr/bin/env python3
"""Makes src/report/world.tsv, the country shapes of `stancer report`'s map.

Run once, by hand, when the shapes should change; the output is checked in and
the tests and the report use only that file (nothing is downloaded at build or
test time).

Source: Natural Earth 1:50m Admin 0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as redistributed in the
npm package `world-atlas` 2.0.2 (ISC licence; TopoJSON, ids are ISO 3166-1
numeric codes). ISO numeric codes are turned into alpha-3 codes with the
Debian package `iso-codes` (/usr/share/iso-codes/json/iso_3166-1.json).

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 tools/make_world_svg.py "$OLDPWD/package/countries-50m.json" > src/report/world.tsv

What it does: projects every arc with the Equal Earth projection (Šavrič,
Patterson, Jenny 2018), simplifies each arc once (Douglas-Peucker, so borders
shared by two countries stay shared), drops islands too small to see, writes
integer coordinates as relative SVG path commands, and gives every State too
small to see (or missing from the data, as Tuvalu is) a small round marker.
Antarctica is left out. Output, one line per shape: `ISO3<TAB>name<TAB>path`;
lines starting with `#` are comments (source, licence, viewBox); the line whose
code is `~SPHERE` is the outline of the globe.
"""

import json
import math
import sys

WIDTH = 2000.0          # viewBox width
TOLERANCE = 0.6         # Douglas-Peucker tolerance, in viewBox units
MIN_RING_AREA = 6.0     # smaller islands are dropped (but a country keeps its largest ring)
TINY = 9.0              # a country whose box is under TINY units across gets a marker
MARKER_R = 4            # radius of that marker
ISO_CODES = "/usr/share/iso-codes/json/iso_3166-1.json"
# States missing from the 1:50m data: (ISO3, name, longitude, latitude).
EXTRA = [("TUV", "Tuvalu", 179.19, -8.52)]
# Names shortened in the data that read better in full.
NAMES = {
    "COD": "Democratic Republic of the Congo", "CAF": "Central African Republic",
    "DOM": "Dominican Republic", "BIH": "Bosnia and Herzegovina", "GNQ": "Equatorial Guinea",
    "SSD": "South Sudan", "SLB": "Solomon Islands", "MHL": "Marshall Islands",
    "KNA": "Saint Kitts and Nevis", "VCT": "Saint Vincent and the Grenadines",
    "ATG": "Antigua and Barbuda", "STP": "São Tomé and Príncipe", "FSM": "Micronesia",
    "PRK": "Democratic People's Republic of Korea", "KOR": "Republic of Korea",
    "LAO": "Lao People's Democratic Republic", "CIV": "Côte d'Ivoire", "VAT": "Holy See",
    "PSE": "State of Palestine", "MKD": "North Macedonia", "SWZ": "Eswatini", "CZE": "Czechia",
    "TTO": "Trinidad and Tobago", "ESH": "Western Sahara",
}

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    t = math.asin(M * math.sin(phi))
    t2 = t * t
    t6 = t2 * t2 * t2
    x = lam * math.cos(t) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


def dp(points, tol):
    """Douglas-Peucker, keeping the ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, at = d, i
        if best > tol:
            keep[at] = True
            stack.append((a, at))
            stack.append((at, b))
    return [p for p, k in zip(points, keep) if k]


def area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def main():
    topo = json.load(open(sys.argv[1]))
    iso = json.load(open(ISO_CODES))["3166-1"]
    alpha3 = {c["numeric"]: c["alpha_3"] for c in iso}
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    # Decode and project every arc.
    lonlat = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        lonlat.append(pts)
    arcs = [[equal_earth(*p) for p in a] for a in lonlat]
    geoms = [g for g in topo["objects"]["countries"]["geometries"]
             if g.get("id") != "010" and g.get("type")]  # 010: Antarctica
    # The box of what is drawn, to fit the viewBox.
    used = set()
    for g in geoms:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for poly in polys:
            for ring in poly:
                for i in ring:
                    used.add(i if i >= 0 else ~i)
    xs = [p[0] for i in used for p in arcs[i]]
    ys = [p[1] for i in used for p in arcs[i]]
    sphere_w = 2 * equal_earth(180, 0)[0]
    scale = WIDTH / sphere_w
    x0 = -sphere_w / 2
    y0, y1 = min(ys) - 0.02, max(ys) + 0.02
    height = round((y1 - y0) * scale)

    def to_view(p):
        return ((p[0] - x0) * scale, (p[1] - y0) * scale)

    simple = [dp([to_view(p) for p in a], TOLERANCE) for a in arcs]

    def ring_points(ring):
        """The ring in viewBox units: one ring, or two when it crosses the
        antimeridian (cut there, each side simplified on its own)."""
        ll = []
        for i in ring:
            a = lonlat[i] if i >= 0 else lonlat[~i][::-1]
            ll.extend(a if not ll else a[1:])
        if not any(abs(b[0] - a[0]) > 180 for a, b in zip(ll, ll[1:])):
            pts = []
            for i in ring:
                a = simple[i] if i >= 0 else simple[~i][::-1]
                pts.extend(a if not pts else a[1:])
            return [pts]
        # Unwrap the longitudes, then cut at 180 (east part shifted back by 360).
        unwrapped = [ll[0]]
        for lon, lat in ll[1:]:
            prev = unwrapped[-1][0]
            while lon - prev > 180:
                lon -= 360
            while prev - lon > 180:
                lon += 360
            unwrapped.append((lon, lat))
        out = []
        for side in (-1, 1):
            piece = clip(unwrapped, side)
            for shift in (-360, 0, 360):
                moved = [(lon + shift, lat) for lon, lat in piece]
                if moved and all(-180.001 <= lon <= 180.001 for lon, _ in moved):
                    out.append(dp([to_view(equal_earth(max(-180, min(180, lon)), lat)) for lon, lat in moved], TOLERANCE))
                    break
        return [p for p in out if len(p) >= 3]

    def path(rings):
        out = []
        for ring in rings:
            q = [(round(x), round(y)) for x, y in ring]
            q = [p for j, p in enumerate(q) if j == 0 or p != q[j - 1]]
            if len(q) > 1 and q[0] == q[-1]:
                q.pop()
            if len(q) < 3:
                continue
            s = "M%d %d" % q[0]
            nums = []
            for (ax, ay), (bx, by) in zip(q, q[1:]):
                nums += [bx - ax, by - ay]
            s += "l" + numbers(nums)
            out.append(s + "z")
        return "".join(out)

    def marker(cx, cy):
        r = MARKER_R
        return "M%d %da%d %d 0 1 0 %d 0a%d %d 0 1 0 %d 0z" % (round(cx - r), round(cy), r, r, 2 * r, r, r, -2 * r)

    lines = [
        "# Country shapes for the map of `stancer report`: Natural Earth 1:50m Admin 0 countries",
        "# (public domain), from the npm package world-atlas 2.0.2 (ISC), converted by tools/make_world_svg.py",
        "# (Equal Earth projection, simplified). One line per shape: ISO3<TAB>name<TAB>SVG path.",
        "# viewBox 0 0 %d %d" % (WIDTH, height),
    ]
    sphere = [to_view(equal_earth(180, lat)) for lat in range(-90, 91, 5)]
    sphere += [to_view(equal_earth(-180, lat)) for lat in range(90, -91, -5)]
    lines.append("~SPHERE\t\t" + path([sphere]))
    shapes = []
    for g in geoms:
        code = alpha3.get(g.get("id"))
        if not code:
            code = "-"  # a territory without an ISO code (Kosovo, Somaliland, N. Cyprus, ...)
        name = NAMES.get(code, g["properties"]["name"])
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = []
        for poly in polys:
            for k, ring in enumerate(poly):
                for pts in ring_points(ring):
                    rings.append((area(pts), k == 0, pts))
        outer = [r for r in rings if r[1]]
        biggest = max(outer, key=lambda r: r[0]) if outer else None
        kept = [r[2] for r in rings if r[0] >= MIN_RING_AREA or r is biggest]
        allpts = [p for r in rings for p in r[2]]
        bx = [p[0] for p in allpts]
        by = [p[1] for p in allpts]
        d = path(kept)
        tiny = max(bx) - min(bx) < TINY and max(by) - min(by) < TINY
        if code != "-" and (tiny or not d):
            big = biggest[2]
            cx = sum(p[0] for p in big) / len(big)
            cy = sum(p[1] for p in big) / len(big)
            d = marker(cx, cy)
        if d:
            shapes.append((code, name, d))
    for code, name, lon, lat in EXTRA:
        cx, cy = to_view(equal_earth(lon, lat))
        shapes.append((code, name, marker(cx, cy)))
    # One shape per code: features that share one (Australia and its islands) are merged.
    merged = {}
    for code, name, d in shapes:
        if code in merged and code != "-":
            merged[code] = (code, merged[code][1], merged[code][2] + d)
        else:
            merged[code if code != "-" else "-" + name] = (code, name, d)
    shapes = sorted(merged.values(), key=lambda s: (s[0] == "-", s[0], s[1]))
    for code, name, d in shapes:
        lines.append("%s\t%s\t%s" % (code, name, d))
    sys.stdout.write("\n".join(lines) + "\n")


def clip(ring, side):
    """The part of a closed ring (unwrapped longitudes) on one side of the
    nearest multiple of 180 that it crosses: side -1 west of it, 1 east
    (Sutherland-Hodgman against one vertical line)."""
    lons = [p[0] for p in ring]
    cut = 180.0 if max(lons) > 180 else -180.0
    inside = (lambda p: p[0] <= cut) if side < 0 else (lambda p: p[0] >= cut)
    out = []
    for a, b in zip(ring, ring[1:] + ring[:1]):
        if inside(b):
            if not inside(a):
                out.append(cross(a, b, cut))
            out.append(b)
        elif inside(a):
            out.append(cross(a, b, cut))
    return out


def cross(a, b, cut):
    t = (cut - a[0]) / (b[0] - a[0])
    return (cut, a[1] + t * (b[1] - a[1]))


def numbers(nums):
    """Integers as in an SVG path: a space between them, except before a minus sign."""
    out = []
    for k, v in enumerate(nums):
        out.append(("%d" if k == 0 or v < 0 else " %d") % v)
    return "".join(out)


if __name__ == "__main__":
    main()
