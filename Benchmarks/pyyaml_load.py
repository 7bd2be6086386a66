#!/usr/bin/env python3
"""Time PyYAML's C loader (libyaml underneath) merely loading every file of a workspace.

    pyyaml_load.py DIR [--runs N]

The comparison point for `rehab bench load DIR`: same files, same machine, best of N runs.
Needs python3-yaml built with libyaml (Debian's python3-yaml is).
"""
import argparse, glob, os, time

import yaml


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    if not getattr(yaml, "__with_libyaml__", False):
        raise SystemExit("PyYAML here has no libyaml C loader")
    files = sorted(glob.glob(os.path.join(a.dir, "Exercises", "**", "*.y*ml"), recursive=True)
                   + glob.glob(os.path.join(a.dir, "Plans", "**", "*.y*ml"), recursive=True))
    best = float("inf")
    for _ in range(a.runs):
        t = time.perf_counter()
        for path in files:
            with open(path, "rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
        best = min(best, time.perf_counter() - t)
    print(f"PyYAML {yaml.__version__} CSafeLoader, {len(files)} files: {best:.4f} s (best of {a.runs})")


if __name__ == "__main__":
    main()
