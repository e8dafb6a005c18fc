#!/usr/bin/env python3
"""Ratio of each scheme's metric to a baseline scheme at the same sweep point.

Reads a scenario summary.csv, groups the runs by every swept parameter except run.scheme and
run.seed, and prints, per point and scheme, the median metric and its ratio to the baseline's
(e.g. the added setup delay of end-to-middle security over plain RTP: a ratio of 1.17 is +17%).

Usage: scripts/ratio-report.py SUMMARY --baseline none [--metric setup_delay_p50_ms]
"""
import argparse
import csv
import statistics
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary")
    parser.add_argument("--baseline", required=True, help="scheme the others are compared with")
    parser.add_argument("--metric", default="setup_delay_p50_ms")
    args = parser.parse_args()
    with open(args.summary, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or args.metric not in rows[0] or "run.scheme" not in rows[0]:
        sys.exit(f"{args.summary}: needs run.scheme and {args.metric} columns")
    first_metric = list(rows[0]).index("calls_placed")
    params = [k for k in list(rows[0])[1:first_metric] if k not in ("run.scheme", "run.seed")]
    varied = [k for k in params if len({r[k] for r in rows}) > 1]
    points = {}
    for r in rows:
        try:
            value = float(r[args.metric])
        except ValueError:
            continue
        key = tuple(r[k] for k in varied)
        points.setdefault(key, {}).setdefault(r["run.scheme"], []).append(value)
    print("| " + " | ".join(varied + ["scheme", args.metric, "ratio to " + args.baseline]) + " |")
    print("|" + "---|" * (len(varied) + 3))
    for key in sorted(points):
        base = points[key].get(args.baseline)
        base_median = statistics.median(base) if base else None
        for scheme, values in sorted(points[key].items()):
            m = statistics.median(values)
            ratio = f"{m / base_median:.3f}" if base_median else "-"
            print("| " + " | ".join(list(key) + [scheme, f"{m:.3f}", ratio]) + " |")


if __name__ == "__main__":
    main()
