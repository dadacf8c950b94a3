#!/usr/bin/env python3
"""Count the edge crossings in an SVG drawing, the same way for any SVG.

    python3 scripts/svg-crossings.py drawing.svg

Reads the `<path>` of every group whose class starts with `edge` (argmap's
`<g class="edge supports">` and Graphviz's `<g class="edge">` alike), flattens each path
(absolute M, L, H, V and C commands; curves into 16 straight pieces) and counts the
points where two different edges cross. Shared transforms do not matter: crossings
survive any affine map. Used by scripts/bench-svg.sh to compare argmap's layout with
Graphviz's on the same map.
"""
import re
import sys
import xml.etree.ElementTree as ET

PIECES = 16
SVG = "{http://www.w3.org/2000/svg}"
TOKEN = re.compile(r"[MLHVCZmlhvcz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def polyline(data):
    """The points of path `data`, curves flattened."""
    tokens = TOKEN.findall(data)
    points, command, position, index = [], None, (0.0, 0.0), 0

    def number():
        nonlocal index
        value = float(tokens[index])
        index += 1
        return value

    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            if command in "Zz":
                if points:
                    points.append(points[0])
                continue
        if command == "M" or command == "L":
            position = (number(), number())
            points.append(position)
        elif command == "H":
            position = (number(), position[1])
            points.append(position)
        elif command == "V":
            position = (position[0], number())
            points.append(position)
        elif command == "C":
            p0 = position
            p1, p2, p3 = (number(), number()), (number(), number()), (number(), number())
            for step in range(1, PIECES + 1):
                t = step / PIECES
                u = 1 - t
                points.append((
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                ))
            position = p3
        else:
            raise ValueError(f"unsupported path command {command!r} in {data[:80]!r}")
    return points


def edges(path):
    """One polyline per edge group."""
    result = []
    for _, element in ET.iterparse(path):
        if element.tag == SVG + "g" and (element.get("class") or "").startswith("edge"):
            points = []
            for child in element.iter(SVG + "path"):
                points.extend(polyline(child.get("d", "")))
            if len(points) >= 2:
                result.append(points)
            element.clear()
    return result


def orientation(a, b, c):
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 1e-9) - (value < -1e-9)


def cross(a, b, c, d):
    """Whether segments ab and cd cross properly (touching ends do not count)."""
    return (orientation(a, b, c) * orientation(a, b, d) < 0
            and orientation(c, d, a) * orientation(c, d, b) < 0)


def count(lines, cell=64.0):
    segments = []
    for edge, points in enumerate(lines):
        for a, b in zip(points, points[1:]):
            if a != b:
                segments.append((edge, a, b))
    grid = {}
    for index, (_, a, b) in enumerate(segments):
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        for gx in range(int(x0 // cell), int(x1 // cell) + 1):
            for gy in range(int(y0 // cell), int(y1 // cell) + 1):
                grid.setdefault((gx, gy), []).append(index)
    found = set()
    for members in grid.values():
        for position, i in enumerate(members):
            edge_i, a, b = segments[i]
            for j in members[position + 1:]:
                edge_j, c, d = segments[j]
                if edge_i != edge_j and (i, j) not in found and cross(a, b, c, d):
                    found.add((i, j))
    return len(found)


def main():
    for path in sys.argv[1:]:
        lines = edges(path)
        print(f"{path}\t{len(lines)} edges\t{count(lines)} crossings")


if __name__ == "__main__":
    main()
